#include "formats/xlsx_writer_parts.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <tuple>

#include "formats/xml_text.h"

namespace mamori::formats::xlsx {

namespace {

constexpr const char* kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kPackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";

void append_number(std::string& out, double value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

void append_rgb(std::string& out, std::uint32_t rgb) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "FF%06X", rgb & 0xFFFFFF);
  out += buffer;
}

struct Font {
  bool bold, italic;
  double size;
  std::optional<std::uint32_t> color;
  auto key() const { return std::make_tuple(bold, italic, size, color.has_value(), color.value_or(0)); }
};

}  // namespace

std::string column_letters(int column) {
  std::string letters;
  for (int c = column + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters;
}

std::string quoted_sheet(std::string_view name) {
  std::string out = "'";
  for (char c : name) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

double stored_column_width(double characters) {
  constexpr double digit = 7, padding = 5;
  if (characters <= 0) return 0;
  const double pixels = characters < 1 ? static_cast<int>(characters * (digit + padding) + 0.5)
                                       : static_cast<int>(characters * digit + 0.5) + padding;
  return static_cast<int>(pixels / digit * 256.0) / 256.0;
}

std::string content_types_xml(std::size_t sheets) {
  std::string x = kXmlDeclaration;
  x += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">";
  x += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>";
  x += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
  x += "<Override PartName=\"/xl/workbook.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
  for (std::size_t i = 1; i <= sheets; ++i)
    x += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i) +
         ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  x += "<Override PartName=\"/xl/styles.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
  x += "<Override PartName=\"/xl/sharedStrings.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
  x += "<Override PartName=\"/docProps/core.xml\" "
       "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>";
  x += "<Override PartName=\"/docProps/app.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>";
  x += "</Types>";
  return x;
}

std::string package_rels_xml() {
  std::string x = kXmlDeclaration;
  x += std::string("<Relationships xmlns=\"") + kPackageRelNs + "\">";
  x += "<Relationship Id=\"rId1\" "
       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
       "Target=\"xl/workbook.xml\"/>";
  x += "<Relationship Id=\"rId2\" "
       "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
       "Target=\"docProps/core.xml\"/>";
  x += "<Relationship Id=\"rId3\" "
       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
       "Target=\"docProps/app.xml\"/>";
  x += "</Relationships>";
  return x;
}

std::string workbook_xml(const std::vector<std::string>& sheet_names, std::vector<DefinedName> names) {
  std::string x = kXmlDeclaration;
  x += std::string("<workbook xmlns=\"") + kMainNs + "\" xmlns:r=\"" + kRelNs + "\">";
  x += "<workbookPr/><bookViews><workbookView/></bookViews><sheets>";
  for (std::size_t i = 0; i < sheet_names.size(); ++i) {
    x += "<sheet name=\"";
    append_xml_attribute(x, sheet_names[i]);
    x += "\" sheetId=\"" + std::to_string(i + 1) + "\" r:id=\"rId" + std::to_string(i + 1) + "\"/>";
  }
  x += "</sheets>";
  if (!names.empty()) {
    // Excel lists defined names sorted; some versions "repair" a file that does not.
    std::sort(names.begin(), names.end(),
              [](const DefinedName& a, const DefinedName& b) { return std::tie(a.name, a.sheet) < std::tie(b.name, b.sheet); });
    x += "<definedNames>";
    for (const auto& n : names) {
      x += "<definedName name=\"" + n.name + "\" localSheetId=\"" + std::to_string(n.sheet) + "\"";
      if (n.hidden) x += " hidden=\"1\"";
      x += ">";
      append_xml_text(x, n.formula);
      x += "</definedName>";
    }
    x += "</definedNames>";
  }
  x += "</workbook>";
  return x;
}

std::string workbook_rels_xml(std::size_t sheets) {
  std::string x = kXmlDeclaration;
  x += std::string("<Relationships xmlns=\"") + kPackageRelNs + "\">";
  for (std::size_t i = 1; i <= sheets; ++i)
    x += "<Relationship Id=\"rId" + std::to_string(i) +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
         "Target=\"worksheets/sheet" +
         std::to_string(i) + ".xml\"/>";
  x += "<Relationship Id=\"rId" + std::to_string(sheets + 1) +
       "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>";
  x += "<Relationship Id=\"rId" + std::to_string(sheets + 2) +
       "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
       "Target=\"sharedStrings.xml\"/>";
  x += "</Relationships>";
  return x;
}

std::string styles_xml(const std::vector<Style>& styles) {
  // Fonts, fills and borders are tables of their own that cell formats
  // (xf) point into; equal entries are written once.
  std::vector<Font> fonts;
  std::map<decltype(Font{}.key()), int> font_index;
  std::vector<std::uint32_t> fills;  // solid fills after Excel's two reserved ones
  std::map<std::uint32_t, int> fill_index;
  struct Xf {
    int font, fill, border;
  };
  std::vector<Xf> xfs;
  for (const auto& s : styles) {
    Font f{s.bold, s.italic, s.font_size, s.font_color};
    auto [fi, new_font] = font_index.try_emplace(f.key(), static_cast<int>(fonts.size()));
    if (new_font) fonts.push_back(f);
    int fill = 0;
    if (s.fill) {
      auto [it, new_fill] = fill_index.try_emplace(*s.fill, static_cast<int>(fills.size()) + 2);
      if (new_fill) fills.push_back(*s.fill);
      fill = it->second;
    }
    xfs.push_back({fi->second, fill, s.border ? 1 : 0});
  }

  std::string x = kXmlDeclaration;
  x += std::string("<styleSheet xmlns=\"") + kMainNs + "\">";
  x += "<fonts count=\"" + std::to_string(fonts.size()) + "\">";
  for (const auto& f : fonts) {
    x += "<font>";
    if (f.bold) x += "<b/>";
    if (f.italic) x += "<i/>";
    x += "<sz val=\"";
    append_number(x, f.size);
    x += "\"/>";
    if (f.color) {
      x += "<color rgb=\"";
      append_rgb(x, *f.color);
      x += "\"/>";
    }
    x += "<name val=\"Calibri\"/><family val=\"2\"/></font>";
  }
  x += "</fonts><fills count=\"" + std::to_string(fills.size() + 2) + "\">";
  x += "<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>";
  for (auto rgb : fills) {
    x += "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"";
    append_rgb(x, rgb);
    x += "\"/><bgColor indexed=\"64\"/></patternFill></fill>";
  }
  x += "</fills><borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border><border>";
  for (const char* side : {"left", "right", "top", "bottom"})
    x += std::string("<") + side + " style=\"thin\"><color auto=\"1\"/></" + side + ">";
  x += "<diagonal/></border></borders>";
  x += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>";
  x += "<cellXfs count=\"" + std::to_string(styles.size()) + "\">";
  for (std::size_t i = 0; i < styles.size(); ++i) {
    const auto& s = styles[i];
    const auto& xf = xfs[i];
    x += "<xf numFmtId=\"0\" fontId=\"" + std::to_string(xf.font) + "\" fillId=\"" + std::to_string(xf.fill) +
         "\" borderId=\"" + std::to_string(xf.border) + "\" xfId=\"0\"";
    if (i == 0) {
      x += "/>";
      continue;
    }
    const bool aligned = s.wrap || s.horizontal != HorizontalAlign::general || s.vertical != VerticalAlign::bottom;
    if (xf.font) x += " applyFont=\"1\"";
    if (xf.fill) x += " applyFill=\"1\"";
    if (xf.border) x += " applyBorder=\"1\"";
    if (aligned) x += " applyAlignment=\"1\"";
    if (s.unlocked) x += " applyProtection=\"1\"";
    x += ">";
    if (aligned) {
      x += "<alignment";
      if (s.horizontal == HorizontalAlign::left) x += " horizontal=\"left\"";
      if (s.horizontal == HorizontalAlign::center) x += " horizontal=\"center\"";
      if (s.horizontal == HorizontalAlign::right) x += " horizontal=\"right\"";
      if (s.vertical == VerticalAlign::top) x += " vertical=\"top\"";
      if (s.vertical == VerticalAlign::center) x += " vertical=\"center\"";
      if (s.wrap) x += " wrapText=\"1\"";
      x += "/>";
    }
    if (s.unlocked) x += "<protection locked=\"0\"/>";
    x += "</xf>";
  }
  x += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>";
  x += "<dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>";
  return x;
}

std::string shared_strings_xml(const std::vector<const std::string*>& strings, std::uint64_t references) {
  std::size_t bytes = 256;
  for (const auto* s : strings) bytes += s->size() + 24;
  std::string x;
  x.reserve(bytes + bytes / 8);
  x += kXmlDeclaration;
  x += std::string("<sst xmlns=\"") + kMainNs + "\" count=\"" + std::to_string(references) + "\" uniqueCount=\"" +
       std::to_string(strings.size()) + "\">";
  for (const auto* s : strings) {
    x += needs_space_preserve(*s) ? "<si><t xml:space=\"preserve\">" : "<si><t>";
    append_xml_text(x, *s);
    x += "</t></si>";
  }
  x += "</sst>";
  return x;
}

std::string core_properties_xml(std::string_view title, std::string_view subject) {
  std::string x = kXmlDeclaration;
  x += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
       "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
       "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  if (!title.empty()) {
    x += "<dc:title>";
    append_xml_text(x, title);
    x += "</dc:title>";
  }
  if (!subject.empty()) {
    x += "<dc:subject>";
    append_xml_text(x, subject);
    x += "</dc:subject>";
  }
  x += "<dc:creator>mamori</dc:creator></cp:coreProperties>";
  return x;
}

std::string app_properties_xml(std::string_view company) {
  std::string x = kXmlDeclaration;
  x += "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
       "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
       "<Application>mamori</Application>";
  if (!company.empty()) {
    x += "<Company>";
    append_xml_text(x, company);
    x += "</Company>";
  }
  x += "</Properties>";
  return x;
}

}  // namespace mamori::formats::xlsx
