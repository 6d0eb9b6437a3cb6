// .xlsx export and import against openpyxl (issue 7, item 2). Four
// operations, each exactly as the product runs it:
//   1. the detailed ISMAP check sheet as GET .../sheets/{sheet}/export.xlsx
//      writes it (template items -> sheet catalog -> check_sheet_xlsx_bytes);
//   2. that sheet answered (every question's answer cell filled, remarks for
//      × and －) read back as an answered sheet is (read_xlsx +
//      import_check_sheet, app/sheet_evaluation.cpp);
//   3. a 10,000-row asset inventory as GET .../assets/export.xlsx writes it;
//   4. that file read as POST .../assets/import reads it (read_asset_inventory,
//      with its per-cell validation).
// The files go to a temporary directory; bench/openpyxl_bench.py then writes
// the same content and reads the same files with openpyxl, and the rows of
// both go to --out in the `make bench` JSON shape. Plain chrono, median of
// --reps runs (after one warm-up run), because Google Benchmark's own
// repetition counts would make the openpyxl side take minutes. The two sides
// run in turns (--rounds, 3 by default) and each figure is the median of its
// rounds: on the shared VM these runs are made on, whole minutes run about
// 1.7x slower for any program, and a single turn each once compared a fast
// minute of one side with a slow minute of the other.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/allocator_tuning.h"
#include "app/sheet_catalog.h"
#include "domain/classification.h"
#include "formats/asset_inventory_xlsx.h"
#include "formats/check_sheet_import.h"
#include "formats/check_sheet_xlsx.h"
#include "formats/xlsx_reader.h"

#ifndef MAMORI_BENCH_SOURCE_DIR
#define MAMORI_BENCH_SOURCE_DIR "bench"
#endif

namespace {

using namespace mamori;
using nlohmann::json;

struct Options {
  std::string out;
  int reps = 7;
  // mamori and openpyxl are measured in turns, this many times each: on a
  // shared VM whole minutes run slower (both sides alike), and one turn
  // each could put them in different minutes.
  int rounds = 3;
  int asset_rows = 10'000;
  std::string python = "/usr/bin/python3";
  std::string script = MAMORI_BENCH_SOURCE_DIR "/openpyxl_bench.py";
  bool run_python = true;
  bool keep_files = false;
};

[[noreturn]] void fail(const std::string& what) {
  std::cerr << "xlsx_bench: " << what << "\n";
  std::exit(1);
}

template <typename T>
T need(Result<T> r, const std::string& what) {
  if (!r) fail(what + ": " + r.error().describe());
  return std::move(r.value());
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Milliseconds of `run`: one warm-up call (page faults, lazy statics), then
// the median of `reps` calls.
double time_ms(int reps, const std::function<void()>& run) {
  run();
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return median(ms);
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) fail("cannot write " + path.string());
}

// ---------------------------------------------------------------------------
// The detailed ISMAP sheet, as the export route builds it.

struct SheetInput {
  const domain::Catalog* preamble = nullptr;
  domain::Catalog questions;
  formats::CheckSheetMeta meta;
};

SheetInput detailed_sheet() {
  SheetInput in;
  in.preamble = need(app::sheet_template("ismap-sheet-summary"), "summary template");
  const domain::Catalog* detailed = need(app::sheet_template("ismap-sheet-detailed"), "detailed template");
  store::Sheet sheet;
  sheet.id = "bench";
  sheet.title = "別紙 クラウドサービス要件確認（詳細版）";
  sheet.template_id = "ismap-sheet-detailed";
  sheet.counterparty = "株式会社サンプルクラウド";
  sheet.service_name = "サンプル勘定系 SaaS";
  sheet.due_date = "2025-03-31";
  sheet.classification = "3B";
  sheet.information_details = "住民記録、税務情報（個人番号を含む）、職員の人事情報";
  in.questions = app::sheet_catalog(sheet, app::items_from_template(*detailed), app::CatalogUse::writing);
  in.meta.title = sheet.title;
  in.meta.counterparty = sheet.counterparty;
  in.meta.service = sheet.service_name;
  in.meta.due_date = sheet.due_date;
  in.meta.classification = sheet.classification;
  in.meta.details = sheet.information_details;
  return in;
}

// A vendor's answers: mostly ○, every 7th × with an alternative measure,
// every 11th － with a reason; written with the product's own write-back
// (patch_xlsx), so styles and validations stay as exported.
std::string answered_sheet(const std::string& blank, std::size_t& answered) {
  auto book = need(formats::read_xlsx(blank, "blank.xlsx"), "reading the blank sheet");
  auto imported = need(formats::import_check_sheet(book, "blank.xlsx"), "importing the blank sheet");
  std::vector<formats::CellEdit> edits;
  std::size_t i = 0;
  for (const auto& item : imported.items) {
    ++i;
    const std::string& sheet = item.answer_cell.sheet;
    std::string answer = "○";
    std::string remarks;
    if (i % 11 == 0) {
      answer = "－";
      remarks = "当該サービスでは物理媒体を取り扱わないため該当しない。";
    } else if (i % 7 == 0) {
      answer = "×";
      remarks = "代替対策として、四半期ごとに外部監査法人による評価を受け、結果を利用者に開示している。";
    }
    edits.push_back({sheet, {item.answer_cell.row, item.answer_cell.column}, answer});
    if (!remarks.empty() && item.remarks_cell.column > 0)
      edits.push_back({sheet, {item.remarks_cell.row, item.remarks_cell.column}, remarks});
  }
  answered = imported.items.size();
  return need(formats::patch_xlsx(blank, "blank.xlsx", edits), "answering the sheet");
}

// ---------------------------------------------------------------------------
// A 10,000-row asset inventory with varied Japanese values.

std::vector<formats::AssetExportRow> asset_rows(int count) {
  const char* kinds[] = {"顧客データベース", "請求管理システム", "ログ保管バケット", "業務端末", "認証基盤",
                         "バックアップテープ", "監視サーバ", "運用手順書", "契約書原本", "開発用リポジトリ"};
  const char* depts[] = {"情報システム部", "クラウド基盤運用課", "経理部", "人事部", "営業企画部", "セキュリティ統括室"};
  const char* owners[] = {"佐藤 健一", "鈴木 美咲", "高橋 誠", "田中 由美", "伊藤 大輔", "渡辺 彩",
                          "山本 翔太", "中村 さくら", "小林 拓也", "加藤 恵"};
  const char* places[] = {"東京リージョン ap-northeast-1", "大阪リージョン ap-northeast-3", "本社サーバ室 (千代田区)",
                          "データセンター (横浜市)", "シンガポールリージョン", "バージニア北部リージョン"};
  const char* countries[] = {"JP", "JP", "JP", "JP", "SG", "US"};
  const char* services[] = {"自治体向け住民情報クラウド", "電子申請サービス", "文書管理 SaaS", "統合認証サービス",
                            "ログ分析基盤"};
  const char* suppliers[] = {"株式会社東日本データセンター", "西日本通信株式会社", "グローバルクラウド合同会社",
                             "株式会社セキュアオペレーション", "監査法人みなと"};
  const domain::AssetType types[] = {domain::AssetType::information, domain::AssetType::software,
                                     domain::AssetType::hardware,    domain::AssetType::service,
                                     domain::AssetType::people,      domain::AssetType::facility,
                                     domain::AssetType::other};
  std::vector<formats::AssetExportRow> rows;
  rows.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const auto u = static_cast<unsigned>(i);
    formats::AssetExportRow row;
    auto& a = row.asset;
    char id[40];
    std::snprintf(id, sizeof id, "0190a1b2-c3d4-7e5f-8a9b-%012d", i);
    a.id = id;
    a.name = std::string(kinds[u % 10]) + " " + depts[(u / 10) % 6] + " #" + std::to_string(i + 1);
    a.type = (u % 3 == 0) ? domain::AssetType::information : types[(u / 3) % 7];
    a.description = std::string("「") + kinds[u % 10] + "」は" + depts[u % 6] +
                    "が管理する。利用者の申請に基づき権限を付与し、四半期ごとに棚卸しを行う。";
    if (u % 4 == 0) a.description += "\n暗号化: AES-256（鍵は KMS で管理）";
    a.owner = std::string(depts[u % 6]) + " " + owners[(u / 6) % 10];
    a.confidentiality = 1 + static_cast<int>(u % 3);
    a.integrity = 1 + static_cast<int>((u / 3) % 2);
    a.availability = 1 + static_cast<int>((u / 5) % 2);
    a.personal_info = u % 5 < 2;
    a.category = a.type != domain::AssetType::information ? domain::DataCategory::own
                 : u % 2                                  ? domain::DataCategory::customer_data
                                                          : domain::DataCategory::derived_data;
    a.storage_location = places[u % 6];
    a.storage_country = countries[u % 6];
    for (unsigned k = 0; k <= u % 3; ++k) row.service_names.push_back(services[(u + k) % 5]);
    for (unsigned k = 0; k < u % 3; ++k) a.suppliers.push_back(suppliers[(u + 2 * k) % 5]);
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---------------------------------------------------------------------------

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--out") o.out = value();
    else if (arg == "--reps") o.reps = std::max(1, std::atoi(value().c_str()));
    else if (arg == "--rounds") o.rounds = std::max(1, std::atoi(value().c_str()));
    else if (arg == "--rows") o.asset_rows = std::max(1, std::atoi(value().c_str()));
    else if (arg == "--python") o.python = value();
    else if (arg == "--script") o.script = value();
    else if (arg == "--no-openpyxl") o.run_python = false;
    else if (arg == "--keep") o.keep_files = true;
    else fail("unknown argument " + arg +
              " (--out FILE, --reps N, --rounds N, --rows N, --python PATH, --script PATH, --no-openpyxl, --keep)");
  }
  return o;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Op {
  std::string key;  // as openpyxl_bench.py names it
  std::string name;
  double ms = 0;  // the first round's; then the median of the rounds
  std::string detail;
  std::string why;  // where the time goes (perf profile) and what would fix it; in the note when under 20x
  std::function<void()> run;
  std::vector<double> rounds;  // median ms of each round
};

// Where the time goes (perf profiles of this benchmark), said in the note
// when a row misses 20x.
constexpr const char* kWriterWhy =
    "the writer (formats/xlsx_writer) builds each part in memory and deflates it with libdeflate level 1; what is "
    "left is the deflate itself (about a third), the sheet XML and the shared-string hash table. Fix: a faster "
    "level or storing the largest part, at the price of a larger file";
constexpr const char* kReaderWhy =
    "the reader inflates the first sheet beside the shared strings and scans a sheet of 1 MB or more in two "
    "halves on the two cores; the checked rows are views into the workbook's text (ParsedAssetRow), so checking "
    "the rows adds little to reading the workbook. What is left is the XML scan itself (tags and cell "
    "references), the inflate and the cell table. Fix: a scan that skips the style and type attributes it does "
    "not need, or more than two cores";

}  // namespace

int main(int argc, char** argv) {
  mamori::app::tune_allocator();  // as the mamori binary does
  const Options opt = parse_options(argc, argv);
  // The machine is shared: the load says how far to trust the figures.
  double load_start = 0;
  getloadavg(&load_start, 1);
  char templ[] = "/tmp/mamori-xlsx-bench-XXXXXX";
  if (!mkdtemp(templ)) fail("cannot create a temporary directory");
  const std::filesystem::path dir = templ;

  std::vector<Op> ops;

  // 1. Detailed sheet export.
  const SheetInput sheet = detailed_sheet();
  std::string blank;
  auto export_sheet = [&] {
    blank = need(formats::check_sheet_xlsx_bytes(*sheet.preamble, sheet.questions, sheet.meta), "sheet export");
  };
  const double export_sheet_ms = time_ms(opt.reps, export_sheet);
  write_file(dir / "sheet_blank.xlsx", blank);
  std::size_t question_rows = 0;
  for (const auto& n : sheet.questions.nodes)
    if (n.kind != "section" && (n.required || n.kind == "group")) ++question_rows;
  ops.push_back({"sheet_export", "export: detailed ISMAP check sheet (" + std::to_string(question_rows) + " item rows)",
                 export_sheet_ms, std::to_string(blank.size()) + " bytes", kWriterWhy, export_sheet, {}});

  // 2. Answered sheet import.
  std::size_t answered = 0;
  const std::string filled = answered_sheet(blank, answered);
  write_file(dir / "sheet_answered.xlsx", filled);
  std::size_t items_read = 0;
  auto import_sheet = [&] {
    auto book = need(formats::read_xlsx(filled, "answered.xlsx"), "reading the answered sheet");
    auto imported = need(formats::import_check_sheet(book, "answered.xlsx"), "importing the answered sheet");
    if (!imported.problems.empty()) fail("the answered sheet has problems: " + imported.problems.front().message);
    items_read = imported.items.size();
  };
  const double import_sheet_ms = time_ms(opt.reps, import_sheet);
  if (items_read != answered) fail("read " + std::to_string(items_read) + " items of " + std::to_string(answered));
  ops.push_back({"sheet_import", "import: answered detailed ISMAP check sheet (" + std::to_string(answered) + " answers)",
                 import_sheet_ms, std::to_string(filled.size()) + " bytes", kReaderWhy, import_sheet, {}});

  // 3. Asset inventory export.
  const domain::ClassificationScheme scheme = domain::government_scheme();
  const auto rows = asset_rows(opt.asset_rows);
  std::string inventory;
  auto export_assets = [&] { inventory = need(formats::asset_inventory_xlsx(rows, scheme), "asset export"); };
  const double export_assets_ms = time_ms(opt.reps, export_assets);
  write_file(dir / "assets.xlsx", inventory);
  const std::string rows_label = std::to_string(opt.asset_rows) + " rows x " +
                                 std::to_string(formats::asset_columns().size()) + " columns";
  ops.push_back({"assets_export", "export: asset inventory (" + rows_label + ")", export_assets_ms,
                 std::to_string(inventory.size()) + " bytes", kWriterWhy, export_assets, {}});

  // 4. Asset inventory import, with the reader's per-cell checks.
  std::size_t assets_read = 0;
  auto import_assets = [&] {
    auto parsed = need(formats::read_asset_inventory(inventory, "assets.xlsx", scheme), "asset import");
    if (!parsed.problems.empty()) fail("the asset file has problems: " + parsed.problems.front().describe());
    assets_read = parsed.rows.size();
  };
  const double import_assets_ms = time_ms(opt.reps, import_assets);
  if (assets_read != rows.size()) fail("read " + std::to_string(assets_read) + " assets of " + std::to_string(rows.size()));
  ops.push_back({"assets_import", "import: asset inventory (" + rows_label + ", per-cell validation)", import_assets_ms,
                 std::to_string(inventory.size()) + " bytes", kReaderWhy, import_assets, {}});

  // openpyxl on the same files, in turns with mamori: round 1 is mamori's
  // pass above, then openpyxl, then mamori again, and so on.
  std::vector<json> py_rounds;
  for (int round = 1; round <= opt.rounds; ++round) {
    if (round > 1)
      for (auto& op : ops) op.ms = time_ms(opt.reps, op.run);
    for (auto& op : ops) op.rounds.push_back(op.ms);
    if (!opt.run_python) continue;
    const std::filesystem::path py_out = dir / "openpyxl.json";
    const std::string command = shell_quote(opt.python) + " " + shell_quote(opt.script) + " --dir " +
                                shell_quote(dir.string()) + " --reps " + std::to_string(std::min(opt.reps, 5)) +
                                " --out " + shell_quote(py_out.string());
    std::cout << "round " << round << " of " << opt.rounds << ", running openpyxl: " << command << std::endl;
    if (std::system(command.c_str()) != 0) fail("openpyxl_bench.py failed");
    std::ifstream in(py_out);
    py_rounds.push_back(json::parse(in));
  }
  for (auto& op : ops) op.ms = median(op.rounds);
  // openpyxl's figure per operation: the median of its rounds, with the
  // version, mode and note of the first.
  json py = json::object();
  if (!py_rounds.empty())
    for (const auto& [key, first] : py_rounds.front().items()) {
      std::vector<double> ms;
      for (const auto& r : py_rounds)
        if (r.contains(key)) ms.push_back(r[key]["ms"].get<double>());
      json merged = first;
      merged["ms"] = median(ms);
      merged["rounds_ms"] = ms;
      py[key] = merged;
    }

  double load_end = 0;
  getloadavg(&load_end, 1);
  char load_text[96];
  std::snprintf(load_text, sizeof load_text, "1-minute load average %.1f at the start, %.1f at the end", load_start,
                load_end);
  json out_rows = json::array();
  std::printf("\n%-72s %10s %12s %8s\n", "operation", "mamori ms", "openpyxl ms", "ratio");
  for (const auto& op : ops) {
    json row{{"group", "xlsx"}, {"name", op.name}, {"value", op.ms}, {"unit", "ms"}, {"target", nullptr},
             {"compare", nullptr}};
    std::string rounds;
    for (double ms : op.rounds) rounds += (rounds.empty() ? "" : ", ") + std::to_string(ms).substr(0, 6);
    std::string note = "median of " + std::to_string(op.rounds.size()) + " rounds (" + rounds + " ms), each the median of " +
                       std::to_string(opt.reps) + " runs after a warm-up; " + op.detail + "; " + load_text;
    if (py.contains(op.key)) {
      const json& p = py[op.key];
      const double other = p["ms"].get<double>();
      row["compare"] = {{"name", "openpyxl " + p["version"].get<std::string>() + " (" + p["mode"].get<std::string>() + ")"},
                        {"value", other},
                        {"unit", "ms"},
                        {"ratio", other / op.ms},
                        {"target_ratio", 20.0}};
      std::string py_ms;
      for (const auto& ms : p["rounds_ms"]) py_ms += (py_ms.empty() ? "" : ", ") + std::to_string(ms.get<double>()).substr(0, 6);
      note += "; openpyxl rounds (" + py_ms + " ms): " + p["note"].get<std::string>();
      if (other / op.ms < 20.0) note += "; under 20x because " + op.why;
      std::printf("%-72s %10.1f %12.1f %7.1fx\n", op.name.c_str(), op.ms, other, other / op.ms);
    } else {
      std::printf("%-72s %10.1f %12s %8s\n", op.name.c_str(), op.ms, "-", "-");
    }
    row["note"] = note;
    out_rows.push_back(row);
  }

  if (!opt.out.empty()) {
    std::ofstream out(opt.out);
    out << json{{"bench", "xlsx"}, {"rows", out_rows}}.dump(2) << "\n";
    if (!out) fail("cannot write " + opt.out);
  }
  if (opt.keep_files)
    std::cout << "files kept in " << dir.string() << "\n";
  else
    std::filesystem::remove_all(dir);
  return 0;
}
