#include "formats/catalog_xlsx.h"

#include <memory>
#include <vector>

#include "domain/text.h"
#include "formats/file_output.h"
#include "formats/xlsx_writer.h"

namespace mamori::formats {

namespace {

struct Column {
  const char* header;  // 日本語 / English: the people who read these sheets read both
  double width;
};

const std::vector<Column>& columns() {
  static const std::vector<Column> all = {
      {"番号 Ref", 14},        {"階層 Level", 8},      {"種別 Kind", 11},          {"上位 Parent", 12},
      {"名称 Title", 40},      {"英語名 Title (en)", 30}, {"本文 Text", 80},       {"管理目的 Objective", 40},
      {"フラグ Flags", 10},    {"脚注 Footnotes", 30}, {"参照 References", 24},    {"属性 Attributes", 40},
      {"表示番号 Label", 12},
  };
  return all;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

}  // namespace

Result<std::string> catalog_xlsx(const domain::Catalog& catalog) {
  // The writer refuses a cell over Excel's limit too, but by its address;
  // here the message can name the node.
  for (const auto& n : catalog.nodes)
    if (xlsx::excel_length(n.text) > xlsx::kMaxCellCharacters)
      return make_error(ErrorCode::invalid_input, "the text of " + n.ref + " is longer than an Excel cell holds (" +
                                                      std::to_string(xlsx::kMaxCellCharacters) + " characters)");

  xlsx::Workbook wb(catalog.info.id + ".xlsx");
  const auto header = wb.add_style({.bold = true, .fill = 0xDDEBF7, .border = true, .wrap = true});
  const auto wrap = wb.add_style({.wrap = true, .vertical = xlsx::VerticalAlign::top});
  const auto top = wb.add_style({.vertical = xlsx::VerticalAlign::top});

  auto& ws = wb.add_worksheet("カタログ");
  const auto& cols = columns();
  for (int c = 0; c < static_cast<int>(cols.size()); ++c) {
    ws.set_column(c, c, cols[c].width, c == 4 || c == 6 || c == 7 ? wrap : top);
    ws.write(0, c, cols[c].header, header);
  }
  const domain::CatalogIndex index(catalog);
  for (std::size_t i = 0; i < catalog.nodes.size(); ++i) {
    const auto& n = catalog.nodes[i];
    const auto row = static_cast<int>(i + 1);
    std::vector<std::string> refs, attrs;
    for (const auto& r : n.references) refs.push_back(r.standard + " " + r.clause);
    for (const auto& [type, values] : n.attributes) attrs.push_back(type + ": " + join(values, ", "));
    const std::string cells[] = {n.ref,        "",   n.kind,          n.parent,           n.title,
                                 n.title_en,   n.text, n.objective,   join(n.flags, " "), join(n.footnotes, "\n"),
                                 join(refs, "\n"), join(attrs, "\n"), n.label};
    for (int c = 0; c < static_cast<int>(cols.size()); ++c) {
      if (c == 1) {
        ws.write_number(row, c, index.level(i), top);
      } else if (!cells[c].empty()) {
        ws.write(row, c, cells[c], c == 4 || c == 6 || c == 7 ? wrap : top);
      }
    }
  }
  ws.freeze_panes(1, 1);
  ws.autofilter(0, 0, static_cast<int>(catalog.nodes.size()), static_cast<int>(cols.size() - 1));

  auto& about = wb.add_worksheet("概要 About");
  about.set_column(0, 0, 22, top);
  about.set_column(1, 1, 100, wrap);
  const auto& info = catalog.info;
  const std::pair<const char*, std::string> rows[] = {
      {"ID", info.id},           {"版 Version", info.version},       {"名称 Title", info.title},
      {"英語名 Title (en)", info.title_en}, {"発行者 Publisher", info.publisher}, {"出典 Source", info.source},
      {"注記 Notes", info.notes}, {"件数 Nodes", std::to_string(catalog.nodes.size())},
  };
  int r = 0;
  for (const auto& [label, value] : rows) {
    about.write(r, 0, label, header);
    about.write(r, 1, value, wrap);
    ++r;
  }

  return wb.finish();
}

Status write_catalog_xlsx(const domain::Catalog& catalog, const std::string& path) {
  auto bytes = catalog_xlsx(catalog);
  if (!bytes) return bytes.error();
  return write_file(path, bytes.value());
}

}  // namespace mamori::formats
