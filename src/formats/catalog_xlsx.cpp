#include "formats/catalog_xlsx.h"

#include <xlsxwriter.h>

#include <memory>
#include <vector>

#include "domain/text.h"

namespace mamori::formats {

namespace {

// Excel's own limit; a longer cell would be cut by Excel, so refuse instead.
constexpr std::size_t kMaxCellChars = 32767;

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

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const {
    if (wb) workbook_close(wb);
  }
};

}  // namespace

Status write_catalog_xlsx(const domain::Catalog& catalog, const std::string& path) {
  // Check every cell before creating the file, so a refusal leaves nothing behind.
  for (const auto& n : catalog.nodes)
    if (domain::utf8_length(n.text) > kMaxCellChars)
      return make_error(ErrorCode::invalid_input, "the text of " + n.ref + " is longer than an Excel cell holds (" +
                                                      std::to_string(kMaxCellChars) + " characters)");

  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new_opt(path.c_str(), &options));
  if (!wb) return make_error(ErrorCode::io, "cannot create " + path);

  lxw_format* header = workbook_add_format(wb.get());
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  lxw_format* wrap = workbook_add_format(wb.get());
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* top = workbook_add_format(wb.get());
  format_set_align(top, LXW_ALIGN_VERTICAL_TOP);

  lxw_worksheet* ws = workbook_add_worksheet(wb.get(), "カタログ");
  const auto& cols = columns();
  for (lxw_col_t c = 0; c < cols.size(); ++c) {
    worksheet_set_column(ws, c, c, cols[c].width, c == 4 || c == 6 || c == 7 ? wrap : top);
    worksheet_write_string(ws, 0, c, cols[c].header, header);
  }
  const domain::CatalogIndex index(catalog);
  for (std::size_t i = 0; i < catalog.nodes.size(); ++i) {
    const auto& n = catalog.nodes[i];
    const auto row = static_cast<lxw_row_t>(i + 1);
    std::vector<std::string> refs, attrs;
    for (const auto& r : n.references) refs.push_back(r.standard + " " + r.clause);
    for (const auto& [type, values] : n.attributes) attrs.push_back(type + ": " + join(values, ", "));
    const std::string cells[] = {n.ref,        "",   n.kind,          n.parent,           n.title,
                                 n.title_en,   n.text, n.objective,   join(n.flags, " "), join(n.footnotes, "\n"),
                                 join(refs, "\n"), join(attrs, "\n"), n.label};
    for (lxw_col_t c = 0; c < cols.size(); ++c) {
      if (c == 1) {
        worksheet_write_number(ws, row, c, index.level(i), top);
      } else if (!cells[c].empty()) {
        worksheet_write_string(ws, row, c, cells[c].c_str(), c == 4 || c == 6 || c == 7 ? wrap : top);
      }
    }
  }
  worksheet_freeze_panes(ws, 1, 1);
  worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(catalog.nodes.size()), static_cast<lxw_col_t>(cols.size() - 1));

  lxw_worksheet* about = workbook_add_worksheet(wb.get(), "概要 About");
  worksheet_set_column(about, 0, 0, 22, top);
  worksheet_set_column(about, 1, 1, 100, wrap);
  const auto& info = catalog.info;
  const std::pair<const char*, std::string> rows[] = {
      {"ID", info.id},           {"版 Version", info.version},       {"名称 Title", info.title},
      {"英語名 Title (en)", info.title_en}, {"発行者 Publisher", info.publisher}, {"出典 Source", info.source},
      {"注記 Notes", info.notes}, {"件数 Nodes", std::to_string(catalog.nodes.size())},
  };
  lxw_row_t r = 0;
  for (const auto& [label, value] : rows) {
    worksheet_write_string(about, r, 0, label, header);
    worksheet_write_string(about, r, 1, value.c_str(), wrap);
    ++r;
  }

  lxw_error err = workbook_close(wb.release());
  if (err != LXW_NO_ERROR)
    return make_error(ErrorCode::io, "cannot write " + path + ": " + lxw_strerror(err));
  return ok();
}

}  // namespace mamori::formats
