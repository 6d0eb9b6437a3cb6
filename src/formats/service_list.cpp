#include "formats/service_list.h"

#include <iconv.h>

#include <charconv>
#include <cstdio>
#include <ctime>
#include <optional>
#include <regex>

#include "domain/text.h"
#include "formats/xlsx_reader.h"

namespace mamori::formats {

namespace {

constexpr std::size_t kMaxListBytes = 32u << 20;
constexpr std::size_t kMaxRows = 100'000;
// Rows of a spreadsheet are read as wide as their last text; at most this
// many cells in all (a list of 100,000 services with 20 columns).
constexpr std::size_t kMaxSpreadsheetCells = 2'000'000;

std::string key(std::string_view text) {
  std::string out;
  for (char c : domain::fold_for_search(text))
    if (c != ' ') out += c;
  return out;
}

// Header text -> field, for the headers of the published lists and close variants.
std::string field_of(std::string_view header) {
  const std::string k = key(header);
  if (k == "登録番号" || k == "登録no" || k == "登録no." || k == "登録番号等") return "registration";
  if (k == "サービス名称" || k == "サービス名" || k == "クラウドサービス名称" || k == "クラウドサービス名")
    return "service";
  if (k == "事業者名" || k == "事業者" || k == "提供事業者" || k == "事業者名称" || k == "登録事業者" ||
      k == "クラウドサービス事業者")
    return "provider";
  if (k == "区分" || k == "リスト区分" || k == "種別" || k == "登録区分" || k == "ismap/ismap-liu") return "kind";
  if (k == "登録日" || k == "登録年月日" || k == "登録開始日") return "registered";
  if (k == "有効期限" || k == "有効期間" || k == "登録有効期限" || k == "有効期限日" || k == "登録の有効期限")
    return "valid_until";
  return "";
}

bool valid_ymd(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string ymd(int y, int m, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return valid_ymd(y, m, d) ? buf : "";
}

struct Table {
  std::vector<std::vector<std::string>> rows;
  std::string sheet;  // for .xlsx
  bool spreadsheet = false;
};

Location where(const std::string& file, const Table& t, std::size_t row_index, int column) {
  if (t.spreadsheet) return Location::in_cell(file, t.sheet, static_cast<int>(row_index) + 1, column);
  Location l = Location::in_file(file, static_cast<int>(row_index) + 1);
  l.column = column;
  return l;
}

}  // namespace

std::string normalize_date(std::string_view text) {
  const std::string s = key(text);
  if (s.empty()) return "";
  std::smatch m;
  static const std::regex iso(R"((\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(t.*)?)");
  static const std::regex kanji(R"((\d{4})年(\d{1,2})月(\d{1,2})日)");
  static const std::regex reiwa(R"(令和(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日)");
  static const std::regex serial(R"((\d{5})(\.0+)?)");
  if (std::regex_match(s, m, iso) || std::regex_match(s, m, kanji))
    return ymd(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
  if (std::regex_match(s, m, reiwa)) {
    const int year = m[1] == "元" ? 1 : std::stoi(m[1]);
    return ymd(2018 + year, std::stoi(m[2]), std::stoi(m[3]));
  }
  if (std::regex_match(s, m, serial)) {
    // Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug included).
    const long days = std::stol(m[1]);
    std::tm base{};
    base.tm_year = -1;
    base.tm_mon = 11;
    base.tm_mday = 30 + static_cast<int>(days);
    const std::time_t t = timegm(&base);
    std::tm out{};
    gmtime_r(&t, &out);
    return ymd(out.tm_year + 1900, out.tm_mon + 1, out.tm_mday);
  }
  return "";
}

Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text, const std::string& file_name) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1, quote_line = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
      rows.push_back(std::move(row));
      row.clear();
      ++line;
      if (rows.size() > kMaxRows)
        return make_error(ErrorCode::too_large, "more than " + std::to_string(kMaxRows) + " rows",
                          Location::in_file(file_name, line));
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted)
    return make_error(ErrorCode::invalid_input, "a quoted field is never closed", Location::in_file(file_name, quote_line));
  if (field_started || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::string> to_utf8(std::string_view bytes, const std::string& file_name) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (domain::is_valid_utf8(bytes)) return std::string(bytes);
  iconv_t cd = iconv_open("UTF-8", "CP932");
  if (cd == reinterpret_cast<iconv_t>(-1))
    return make_error(ErrorCode::internal, "the CP932 converter is not available", Location::in_file(file_name));
  std::string in(bytes), out(bytes.size() * 3 + 16, '\0');
  char* src = in.data();
  char* dst = out.data();
  std::size_t src_left = in.size(), dst_left = out.size();
  const std::size_t result = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (result == static_cast<std::size_t>(-1))
    return make_error(ErrorCode::invalid_input,
                      "the file is neither UTF-8 nor Shift_JIS (byte " + std::to_string(in.size() - src_left) + ")",
                      Location::in_file(file_name));
  out.resize(out.size() - dst_left);
  return out;
}

Result<ServiceListImport> import_service_list(std::string_view bytes, const std::string& file_name,
                                              const ServiceListOptions& options) {
  if (bytes.size() > kMaxListBytes)
    return make_error(ErrorCode::too_large, "the list is larger than 32 MiB", Location::in_file(file_name));
  Table table;
  if (bytes.substr(0, 2) == "PK") {
    auto book = read_xlsx(bytes, file_name);
    if (!book) return book.error();
    // The first visible sheet with a row that has a service-name column.
    for (const auto& sheet : book->sheets) {
      if (sheet.hidden) continue;
      Table t;
      t.spreadsheet = true;
      t.sheet = sheet.name;
      // Each row as wide as its own last text, and only rows that have
      // text filled: 1..max_row x 1..max_column would be 17 billion cells
      // for a file with text in A1 and XFD1048576.
      if (static_cast<std::size_t>(sheet.max_row) > kMaxRows)
        return make_error(ErrorCode::too_large,
                          "text in row " + std::to_string(sheet.max_row) + "; a service list has at most " +
                              std::to_string(kMaxRows) + " rows",
                          Location::in_cell(file_name, sheet.name, sheet.max_row, sheet.max_column));
      t.rows.resize(static_cast<std::size_t>(sheet.max_row));
      std::vector<XlsxSheet::RowText> texts;
      std::size_t filled = 0;
      for (const int r : sheet.rows_with_text()) {
        sheet.row_texts(r, texts);
        if (texts.empty()) continue;
        const int width = texts.back().column;
        filled += static_cast<std::size_t>(width);
        if (filled > kMaxSpreadsheetCells)
          return make_error(ErrorCode::too_large,
                            "the sheet's rows reach more than " + std::to_string(kMaxSpreadsheetCells) +
                                " cells (counting the empty cells before each row's last text)",
                            Location::in_cell(file_name, sheet.name, r, width));
        auto& row = t.rows[static_cast<std::size_t>(r) - 1];
        row.reserve(static_cast<std::size_t>(width));
        for (int c = 1; c <= width; ++c) row.emplace_back(sheet.value(r, c));
      }
      table = std::move(t);
      break;
    }
  } else {
    auto text = to_utf8(bytes, file_name);
    if (!text) return text.error();
    auto rows = parse_csv(text.value(), file_name);
    if (!rows) return rows.error();
    table.rows = std::move(rows.value());
  }

  // The header row: the first with a service column (lists often have a
  // title and notes above the table).
  std::map<std::string, int> column;  // field -> 0-based index
  std::size_t header = table.rows.size();
  for (std::size_t r = 0; r < table.rows.size() && r < 50 && header == table.rows.size(); ++r) {
    std::map<std::string, int> found;
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      std::string f = field_of(table.rows[r][c]);
      for (const auto& [name, explicit_header] : options.columns)
        if (key(explicit_header) == key(table.rows[r][c])) f = name;
      if (!f.empty() && !found.count(f)) found[f] = static_cast<int>(c);
    }
    if (found.count("service")) {
      column = found;
      header = r;
    }
  }
  if (header == table.rows.size())
    return make_error(ErrorCode::invalid_input,
                      "no header row with a service-name column (サービス名称) in the first 50 rows; name the columns "
                      "explicitly if the list uses other headers",
                      Location::in_file(file_name));
  if (!column.count("kind") && options.default_kind.empty())
    return make_error(ErrorCode::invalid_input,
                      "the list has no 区分 (ISMAP / ISMAP-LIU) column: say which list it is",
                      Location::in_file(file_name, table.spreadsheet ? 0 : static_cast<int>(header) + 1));

  ServiceListImport out;
  auto cell = [&](const std::vector<std::string>& row, const std::string& f) -> std::string {
    auto it = column.find(f);
    if (it == column.end() || it->second >= static_cast<int>(row.size())) return "";
    std::string v = row[it->second];
    auto b = v.find_first_not_of(" \t\r\n");
    auto e = v.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? "" : v.substr(b, e - b + 1);
  };
  for (std::size_t r = header + 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    bool blank = true;
    for (const auto& v : row)
      if (!key(v).empty()) blank = false;
    if (blank) continue;
    domain::ServiceListing e;
    e.registration = cell(row, "registration");
    e.service = cell(row, "service");
    e.provider = cell(row, "provider");
    e.kind = column.count("kind") ? cell(row, "kind") : options.default_kind;
    const std::string k = key(e.kind);
    e.kind = k == "ismap-liu" || k == "ismapliu" ? "ISMAP-LIU" : k == "ismap" ? "ISMAP" : "";
    if (e.service.empty()) {
      out.problems.push_back({where(file_name, table, r, column["service"] + 1), "no service name"});
      continue;
    }
    if (e.kind.empty()) {
      out.problems.push_back({where(file_name, table, r, column.count("kind") ? column["kind"] + 1 : 0),
                              "the kind is neither ISMAP nor ISMAP-LIU"});
      continue;
    }
    bool dates_ok = true;
    for (const char* f : {"registered", "valid_until"}) {
      const std::string raw = cell(row, f);
      if (raw.empty()) continue;
      const std::string date = normalize_date(raw);
      if (date.empty()) {
        out.problems.push_back({where(file_name, table, r, column[f] + 1), "cannot read the date \"" + raw + "\""});
        dates_ok = false;
      }
      (std::string(f) == "registered" ? e.registered : e.valid_until) = date;
    }
    if (dates_ok) out.entries.push_back(std::move(e));
  }
  return out;
}

}  // namespace mamori::formats
