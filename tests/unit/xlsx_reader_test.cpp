#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "formats/xlsx_reader.h"
#include "formats/xlsx_sheet_scan.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace mamori::formats {
namespace {

// ---------------------------------------------------------------------------
// Building test files

using Entries = std::vector<std::pair<std::string, std::string>>;

// A zip made with libzip; entries deflated unless named in `stored`.
std::string make_zip(const Entries& entries, const std::set<std::string>& stored = {}) {
  test::TempDir dir;
  std::string path = dir.file("test.zip");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr);
  if (!z) return {};
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_int64_t index = zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    EXPECT_GE(index, 0) << name;
    zip_set_file_compression(z, static_cast<zip_uint64_t>(index), stored.count(name) ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                             0);
  }
  EXPECT_EQ(zip_close(z), 0);
  return test::read_file(path);
}

constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kPkgRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";

std::string worksheet(const std::string& sheet_data, const std::string& after = "") {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"") + kMainNs +
         "\" xmlns:r=\"" + kRelNs + "\"><sheetData>" + sheet_data + "</sheetData>" + after + "</worksheet>";
}

std::string shared_strings(const std::vector<std::string>& items) {
  std::string xml = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"") + kMainNs + "\">";
  for (const auto& i : items) xml += "<si>" + i + "</si>";
  return xml + "</sst>";
}

struct SheetSpec {
  SheetSpec(std::string n, std::string x, std::string st = "", std::string k = "worksheet", std::string t = "")
      : name(std::move(n)), xml(std::move(x)), state(std::move(st)), kind(std::move(k)), target(std::move(t)) {}
  std::string name;
  std::string xml;     // the part
  std::string state;   // "", "hidden", "veryHidden"
  std::string kind;    // "worksheet" or "chartsheet"
  std::string target;  // relationship target; default worksheets/sheetN.xml
};

// A minimal .xlsx with hand-written parts: what Excel needs and nothing else.
Entries workbook_entries(const std::vector<SheetSpec>& sheets, const std::string& sst = "", const Entries& extra = {}) {
  std::string types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
  std::string workbook = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"") + kMainNs +
                         "\" xmlns:r=\"" + kRelNs + "\"><sheets>";
  std::string rels = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"") + kPkgRelNs + "\">";
  Entries parts;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const auto& s = sheets[i];
    std::string n = std::to_string(i + 1);
    std::string folder = s.kind == "chartsheet" ? "chartsheets" : "worksheets";
    std::string target = s.target.empty() ? folder + "/sheet" + n + ".xml" : s.target;
    workbook += "<sheet name=\"" + s.name + "\" sheetId=\"" + n + "\"" +
                (s.state.empty() ? "" : " state=\"" + s.state + "\"") + " r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + kRelNs + "/" + s.kind + "\" Target=\"" + target + "\"/>";
    if (s.target.empty()) {
      parts.emplace_back("xl/" + target, s.xml);
      types += "<Override PartName=\"/xl/" + target + "\" ContentType=\"application/vnd.openxmlformats-officedocument." +
               (s.kind == "chartsheet" ? "spreadsheetml.chartsheet+xml" : "spreadsheetml.worksheet+xml") + "\"/>";
    }
  }
  if (!sst.empty()) {
    rels += std::string("<Relationship Id=\"rIdS\" Type=\"") + kRelNs + "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
    types += "<Override PartName=\"/xl/sharedStrings.xml\" "
             "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
  }
  for (const auto& [name, data] : extra)
    if (name == "xl/calcChain.xml") {
      rels += std::string("<Relationship Id=\"rIdC\" Type=\"") + kRelNs + "/calcChain\" Target=\"calcChain.xml\"/>";
      types += "<Override PartName=\"/xl/calcChain.xml\" "
               "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml\"/>";
    }
  workbook += "</sheets></workbook>";
  rels += "</Relationships>";
  types += "</Types>";

  Entries entries = {
      {"[Content_Types].xml", types},
      {"_rels/.rels", std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"") + kPkgRelNs +
                          "\"><Relationship Id=\"rId1\" Type=\"" + kRelNs +
                          "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", workbook},
      {"xl/_rels/workbook.xml.rels", rels},
  };
  for (auto& p : parts) entries.push_back(std::move(p));
  if (!sst.empty()) entries.emplace_back("xl/sharedStrings.xml", sst);
  for (const auto& e : extra) entries.push_back(e);
  return entries;
}

std::string build_xlsx(const std::vector<SheetSpec>& sheets, const std::string& sst = "", const Entries& extra = {}) {
  return make_zip(workbook_entries(sheets, sst, extra));
}

// A file written by libxlsxwriter, as Excel users' tools write them.
std::string write_xlsx(const std::function<void(lxw_workbook*)>& fill, bool constant_memory = false) {
  test::TempDir dir;
  std::string path = dir.file("written.xlsx");
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  EXPECT_NE(wb, nullptr);
  if (!wb) return {};
  fill(wb);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return test::read_file(path);
}

// One zip entry as stored.
struct ZipEntry {
  std::string name;
  std::int32_t method = 0;
  std::uint32_t crc = 0;
  std::string raw;   // compressed bytes as stored
  std::string data;  // uncompressed
};

std::vector<ZipEntry> zip_entries(const std::string& bytes) {
  std::vector<ZipEntry> out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  EXPECT_NE(z, nullptr);
  if (!z) {
    if (src) zip_source_free(src);
    return out;
  }
  zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    zip_stat_index(z, index, 0, &st);
    ZipEntry e;
    e.name = st.name;
    e.method = st.comp_method;
    e.crc = st.crc;
    for (zip_flags_t flags : {zip_flags_t{ZIP_FL_COMPRESSED}, zip_flags_t{0}}) {
      zip_file_t* f = zip_fopen_index(z, index, flags);
      EXPECT_NE(f, nullptr) << e.name;
      if (!f) continue;
      std::string& into = flags ? e.raw : e.data;
      char buf[65536];
      zip_int64_t got;
      while ((got = zip_fread(f, buf, sizeof buf)) > 0) into.append(buf, static_cast<std::size_t>(got));
      EXPECT_EQ(got, 0) << e.name;
      zip_fclose(f);
    }
    out.push_back(std::move(e));
  }
  zip_discard(z);
  return out;
}

std::string entry_data(const std::string& bytes, const std::string& name) {
  for (auto& e : zip_entries(bytes))
    if (e.name == name) return e.data;
  return {};
}

std::uint32_t le32(const std::string& b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}
std::uint16_t le16(const std::string& b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}
void put32(std::string& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

void put16(std::string& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<char>(v & 0xFF);
  b[at + 1] = static_cast<char>(v >> 8);
}

// Rewrites one field of `name`'s entry in both places a zip keeps it: the
// central directory record (`central_at` from its start) and the local
// header (`local_at`); `width` is 2 or 4 bytes.
void patch_entry(std::string& zip, const std::string& name, std::size_t central_at, std::size_t local_at,
                 std::uint32_t value, int width = 4) {
  std::size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
  ASSERT_NE(eocd, std::string::npos);
  std::size_t p = le32(zip, eocd + 16);
  std::uint16_t count = le16(zip, eocd + 10);
  for (std::uint16_t i = 0; i < count; ++i) {
    ASSERT_EQ(le32(zip, p), 0x02014b50u);
    std::uint16_t name_len = le16(zip, p + 28);
    std::size_t next = p + 46 + name_len + le16(zip, p + 30) + le16(zip, p + 32);
    if (zip.compare(p + 46, name_len, name) == 0) {
      std::size_t local = le32(zip, p + 42);
      if (width == 2) {
        put16(zip, p + central_at, static_cast<std::uint16_t>(value));
        put16(zip, local + local_at, static_cast<std::uint16_t>(value));
      } else {
        put32(zip, p + central_at, value);
        put32(zip, local + local_at, value);
      }
      return;
    }
    p = next;
  }
  FAIL() << name << " not in the zip";
}

// Rewrites the uncompressed size that the central directory and the local
// header declare for `name`: a zip that lies about what it inflates to.
void lie_about_size(std::string& zip, const std::string& name, std::uint32_t size) {
  patch_entry(zip, name, 24, 22, size);
}
void set_crc(std::string& zip, const std::string& name, std::uint32_t crc) { patch_entry(zip, name, 16, 14, crc); }
void set_method(std::string& zip, const std::string& name, std::uint16_t method) {
  patch_entry(zip, name, 10, 8, method, 2);
}
void set_flags(std::string& zip, const std::string& name, std::uint16_t flags) {
  patch_entry(zip, name, 8, 6, flags, 2);
}

long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::strlen(key)));
  return -1;
}

// Reads `bytes` with read_xlsx in a forked child, so that the peak resident
// memory measured is the reader's and not what earlier tests left in the heap:
// the child resets its high-water mark (clear_refs 5) before reading and
// reports baseline and peak through a pipe.
struct Probe {
  bool ran = false;
  bool read_ok = false;
  long baseline_kb = 0;  // after the file is in memory
  long peak_kb = 0;
  double seconds = 0;
  long growth_kb() const { return peak_kb - baseline_kb; }
};

Probe probe_in_fresh_process(const std::string& bytes) {
  Probe p;
  int fds[2];
  if (pipe(fds) != 0) {
    ADD_FAILURE() << "pipe failed";
    return p;
  }
  std::fflush(nullptr);
  pid_t child = fork();
  if (child < 0) {
    ADD_FAILURE() << "fork failed";
    return p;
  }
  if (child == 0) {
    close(fds[0]);
    {
      std::ofstream clear("/proc/self/clear_refs");  // reset the peak, where the kernel allows it
      clear << "5";
    }
    long baseline = status_kb("VmRSS:");
    auto start = std::chrono::steady_clock::now();
    auto r = read_xlsx(bytes, "probe.xlsx");
    double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char line[128];
    int len = std::snprintf(line, sizeof line, "PROBE %ld %ld %d %f\n", baseline, status_kb("VmHWM:"),
                            r ? 1 : 0, took);
    if (write(fds[1], line, static_cast<std::size_t>(len)) != len) _exit(3);
    _exit(0);
  }
  close(fds[1]);
  std::string out;
  char buffer[256];
  ssize_t n;
  while ((n = read(fds[0], buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  int ok = 0;
  if (std::sscanf(out.c_str(), "PROBE %ld %ld %d %lf", &p.baseline_kb, &p.peak_kb, &ok, &p.seconds) == 4)
    p.ran = true;
  else
    ADD_FAILURE() << "the probe child reported nothing (status " << status << ")";
  p.read_ok = ok != 0;
  return p;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Reads with openpyxl (Debian's python3-openpyxl): cells, merged ranges,
// data validations and a few style facts per sheet, as JSON.
nlohmann::json openpyxl_view(const std::string& bytes) {
  test::TempDir dir;
  std::string path = dir.file("check.xlsx");
  test::write_file(path, bytes);
  const char* script = R"PY(
import json, sys, warnings
warnings.simplefilter("ignore")
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    cells, bold, fills = {}, {}, {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                cells[c.coordinate] = str(c.value)
            if c.has_style:
                bold[c.coordinate] = bool(c.font.b)
                fills[c.coordinate] = str(c.fill.fgColor.rgb)
    out[ws.title] = {
        "cells": cells,
        "bold": bold,
        "fills": fills,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "validations": [str(dv.sqref) for dv in ws.data_validations.dataValidation],
        "state": ws.sheet_state,
    }
print(json.dumps(out))
)PY";
  auto r = test::run({"/usr/bin/python3", "-c", script, path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (r.exit_code != 0) return nlohmann::json::object();
  return nlohmann::json::parse(r.out);
}

const XlsxSheet* find_sheet(const XlsxWorkbook& wb, const std::string& name) {
  for (const auto& s : wb.sheets)
    if (s.name == name) return &s;
  return nullptr;
}

// ---------------------------------------------------------------------------
// Cell addresses

TEST(XlsxAddress, RoundTrips) {
  struct Case {
    const char* text;
    int row;
    int column;
  };
  for (const Case& c : {Case{"A1", 1, 1}, Case{"Z1", 1, 26}, Case{"AA1", 1, 27}, Case{"AZ10", 10, 52},
                        Case{"BA3", 3, 53}, Case{"ZZ99", 99, 702}, Case{"AAA1", 1, 703},
                        Case{"XFD1048576", 1048576, 16384}}) {
    CellAddress a = parse_cell_address(c.text);
    EXPECT_EQ(a.row, c.row) << c.text;
    EXPECT_EQ(a.column, c.column) << c.text;
    EXPECT_EQ(format_cell_address(a), c.text);
  }
  EXPECT_EQ(parse_cell_address("b3"), (CellAddress{3, 2}));
  for (int column = 1; column <= kXlsxMaxColumn; ++column) {
    CellAddress a{7, column};
    ASSERT_EQ(parse_cell_address(format_cell_address(a)), a) << column;
  }
}

TEST(XlsxAddress, RejectsGarbage) {
  for (const char* bad : {"", "1A", "A0", "A", "ZZZZ1", "A1048577", "XFE1", "A01", "A-1", "A1:B2", " A1", "A1 ",
                          "$A$1", "A1.5", "\xE3\x81\x82" "1", "A99999999999"}) {
    EXPECT_EQ(parse_cell_address(bad).row, 0) << bad;
  }
  EXPECT_EQ(format_cell_address({0, 1}), "");
  EXPECT_EQ(format_cell_address({1, 0}), "");
  EXPECT_EQ(format_cell_address({1048577, 1}), "");
  EXPECT_EQ(format_cell_address({1, 16385}), "");
}

// ---------------------------------------------------------------------------
// Reading

TEST(XlsxRead, CellTypes) {
  std::string sst = shared_strings({
      "<t>質問</t>",
      // Rich text with furigana: the phonetic runs are not the text.
      "<r><rPr><b/></rPr><t>情報</t></r><r><t>資産</t></r>"
      "<rPh sb=\"0\" eb=\"2\"><t>ジョウホウ</t></rPh><rPh sb=\"2\" eb=\"4\"><t>シサン</t></rPh>"
      "<phoneticPr fontId=\"1\"/>",
      "<t>管理策</t><rPh sb=\"0\" eb=\"3\"><t>カンリサク</t></rPh>",
      "<t xml:space=\"preserve\"> </t>",
      "<t>line1_x000D_\nline2 _x005F_x0041_ tab_x0009_</t>",
      "<t></t>",
  });
  std::string sheet = worksheet(
      "<row r=\"1\">"
      "<c r=\"A1\" t=\"s\"><v>0</v></c>"
      "<c r=\"B1\" t=\"s\"><v>1</v></c>"
      "<c r=\"C1\" t=\"s\"><v>2</v></c>"
      "<c r=\"D1\" t=\"s\"><v>3</v></c>"
      "<c r=\"E1\" t=\"s\"><v>4</v></c>"
      "<c r=\"F1\" t=\"s\"><v>5</v></c>"
      "</row>"
      "<row r=\"2\">"
      "<c r=\"A2\"><v>42</v></c>"
      "<c r=\"B2\" t=\"n\"><v>3.14159</v></c>"
      "<c r=\"C2\" s=\"3\"><v>1.5E-3</v></c>"
      "<c r=\"D2\" t=\"b\"><v>1</v></c>"
      "<c r=\"E2\" t=\"b\"><v>0</v></c>"
      "<c r=\"F2\" t=\"e\"><v>#N/A</v></c>"
      "<c r=\"G2\" t=\"d\"><v>2024-04-01T00:00:00</v></c>"
      "</row>"
      "<row r=\"3\">"
      "<c r=\"A3\"><f>SUM(A2:B2)</f><v>45.14159</v></c>"
      "<c r=\"B3\" t=\"str\"><f>\"合計\"&amp;A2</f><v>合計42</v></c>"
      "<c r=\"C3\" t=\"b\"><f>A2&gt;1</f><v>1</v></c>"
      "<c r=\"D3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
      "<c r=\"E3\"><f>NOW()</f></c>"
      "<c r=\"F3\" s=\"2\"/>"
      "</row>"
      "<row r=\"4\">"
      "<c r=\"A4\" t=\"inlineStr\"><is><t>インライン &amp; 文字列</t></is></c>"
      "<c r=\"B4\" t=\"inlineStr\"><is><r><t>リッチ</t></r><r><rPr><i/></rPr><t>テキスト</t></r>"
      "<rPh sb=\"0\" eb=\"3\"><t>リッチ</t></rPh></is></c>"
      "</row>");
  auto wb = read_xlsx(build_xlsx({{"回答", sheet}}, sst), "vendor.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  ASSERT_EQ(wb->sheets.size(), 1u);
  const XlsxSheet& s = wb->sheets[0];
  EXPECT_EQ(s.name, "回答");
  EXPECT_EQ(s.part, "xl/worksheets/sheet1.xml");
  EXPECT_FALSE(s.hidden);
  EXPECT_EQ(s.raw(1, 1), "質問");
  EXPECT_EQ(s.raw(1, 2), "情報資産");
  EXPECT_EQ(s.raw(1, 3), "管理策");
  EXPECT_EQ(s.raw(1, 4), " ");
  EXPECT_EQ(s.raw(1, 5), "line1\r\nline2 _x0041_ tab\t");
  EXPECT_EQ(s.raw(1, 6), "");
  EXPECT_EQ(s.cells.count({1, 6}), 0u) << "empty cells are absent";
  EXPECT_EQ(s.raw(2, 1), "42");
  EXPECT_EQ(s.raw(2, 2), "3.14159");
  EXPECT_EQ(s.raw(2, 3), "1.5E-3");
  EXPECT_EQ(s.raw(2, 4), "TRUE");
  EXPECT_EQ(s.raw(2, 5), "FALSE");
  EXPECT_EQ(s.raw(2, 6), "#N/A");
  EXPECT_EQ(s.raw(2, 7), "2024-04-01T00:00:00");
  EXPECT_EQ(s.raw(3, 1), "45.14159");
  EXPECT_EQ(s.raw(3, 2), "合計42");
  EXPECT_EQ(s.raw(3, 3), "TRUE");
  EXPECT_EQ(s.raw(3, 4), "#DIV/0!");
  EXPECT_EQ(s.raw(3, 5), "");
  EXPECT_EQ(s.raw(3, 6), "");
  EXPECT_EQ(s.raw(4, 1), "インライン & 文字列");
  EXPECT_EQ(s.raw(4, 2), "リッチテキスト");
  EXPECT_EQ(s.raw(99, 99), "");
  EXPECT_EQ(s.max_row, 4);
  EXPECT_EQ(s.max_column, 7);
  EXPECT_TRUE(wb->notes.empty());
}

TEST(XlsxRead, WhatLibxlsxwriterWrites) {
  std::string bytes = write_xlsx([](lxw_workbook* wb) {
    lxw_worksheet* cover = workbook_add_worksheet(wb, "表紙");
    worksheet_write_string(cover, 0, 0, "セキュリティチェックシート", nullptr);
    worksheet_write_string(cover, 2, 1, "株式会社サンプル", nullptr);
    lxw_worksheet* answers = workbook_add_worksheet(wb, "回答");
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    worksheet_write_string(answers, 0, 0, "番号", bold);
    worksheet_write_string(answers, 0, 1, "質問", bold);
    worksheet_write_string(answers, 0, 2, "回答", bold);
    worksheet_write_number(answers, 1, 0, 1, nullptr);
    worksheet_write_string(answers, 1, 1, "多要素認証を導入していますか。", nullptr);
    worksheet_write_boolean(answers, 1, 2, 1, nullptr);
    worksheet_write_number(answers, 2, 0, 2.5, nullptr);
    worksheet_write_formula_num(answers, 3, 0, "=A2+A3", nullptr, 3.5);
    worksheet_merge_range(answers, 4, 1, 6, 3, "結合セル", nullptr);
    lxw_worksheet* hidden = workbook_add_worksheet(wb, "設定");
    worksheet_write_string(hidden, 0, 0, "はい", nullptr);
    worksheet_hide(hidden);
  });
  auto wb = read_xlsx(bytes, "vendor.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  ASSERT_EQ(wb->sheets.size(), 3u);
  EXPECT_EQ(wb->sheets[0].name, "表紙");
  EXPECT_EQ(wb->sheets[1].name, "回答");
  EXPECT_EQ(wb->sheets[2].name, "設定");
  EXPECT_FALSE(wb->sheets[0].hidden);
  EXPECT_FALSE(wb->sheets[1].hidden);
  EXPECT_TRUE(wb->sheets[2].hidden);
  EXPECT_EQ(wb->sheets[0].raw(1, 1), "セキュリティチェックシート");
  EXPECT_EQ(wb->sheets[0].raw(3, 2), "株式会社サンプル");
  const XlsxSheet& s = wb->sheets[1];
  EXPECT_EQ(s.raw(1, 1), "番号");
  EXPECT_EQ(s.raw(2, 1), "1");
  EXPECT_EQ(s.raw(2, 2), "多要素認証を導入していますか。");
  EXPECT_EQ(s.raw(2, 3), "TRUE");
  EXPECT_EQ(s.raw(3, 1), "2.5");
  EXPECT_EQ(s.raw(4, 1), "3.5");
  ASSERT_EQ(s.merged.size(), 1u);
  EXPECT_EQ(s.merged[0].first, (CellAddress{5, 2}));
  EXPECT_EQ(s.merged[0].last, (CellAddress{7, 4}));
  EXPECT_EQ(s.value(7, 4), "結合セル");
  EXPECT_EQ(s.raw(7, 4), "");
  EXPECT_EQ(s.max_row, 5);
  EXPECT_EQ(s.max_column, 3);
  EXPECT_EQ(wb->sheets[2].raw(1, 1), "はい");
}

TEST(XlsxRead, WithoutSharedStrings) {
  std::string sheet = worksheet(
      "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>はい</t></is></c></row>");
  auto wb = read_xlsx(build_xlsx({{"Sheet1", sheet}}), "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  EXPECT_EQ(wb->sheets[0].raw(1, 1), "1");
  EXPECT_EQ(wb->sheets[0].raw(1, 2), "はい");

  // A shared-string cell in a workbook without shared strings is an error
  // that names the cell.
  std::string bad = worksheet("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>0</v></c></row>");
  auto broken = read_xlsx(build_xlsx({{"回答", bad}}), "a.xlsx");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(broken.error().where.sheet, "回答");
  EXPECT_EQ(broken.error().where.row, 3);
  EXPECT_EQ(broken.error().where.column, 2);
  EXPECT_NE(broken.error().describe().find("a.xlsx, sheet 回答, row 3, column B"), std::string::npos)
      << broken.error().describe();
}

TEST(XlsxRead, SharedStringIndexOutOfRange) {
  std::string sst = shared_strings({"<t>a</t>"});
  for (const char* v : {"1", "-1", "abc", "99999999999999999999999"}) {
    std::string sheet = worksheet(std::string("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>") + v + "</v></c></row>");
    auto wb = read_xlsx(build_xlsx({{"S", sheet}}, sst), "a.xlsx");
    ASSERT_FALSE(wb) << v;
    EXPECT_NE(wb.error().message.find("shared string"), std::string::npos) << wb.error().message;
  }
}

TEST(XlsxRead, SheetsInWorkbookOrderWithHiddenAndChartSheets) {
  std::string bytes = write_xlsx([](lxw_workbook* wb) {
    lxw_worksheet* data = workbook_add_worksheet(wb, "データ");
    worksheet_write_number(data, 0, 0, 10, nullptr);
    worksheet_write_number(data, 1, 0, 20, nullptr);
    lxw_chartsheet* chart_sheet = workbook_add_chartsheet(wb, "グラフ");
    lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
    chart_add_series(chart, nullptr, "=データ!$A$1:$A$2");
    chartsheet_set_chart(chart_sheet, chart);
    lxw_worksheet* very = workbook_add_worksheet(wb, "内部");
    worksheet_write_string(very, 0, 0, "x", nullptr);
    worksheet_hide(very);
    lxw_worksheet* last = workbook_add_worksheet(wb, "最後");
    worksheet_write_string(last, 0, 0, "y", nullptr);
  });
  auto wb = read_xlsx(bytes, "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  ASSERT_EQ(wb->sheets.size(), 3u);
  EXPECT_EQ(wb->sheets[0].name, "データ");
  EXPECT_EQ(wb->sheets[1].name, "内部");
  EXPECT_TRUE(wb->sheets[1].hidden);
  EXPECT_EQ(wb->sheets[2].name, "最後");
  ASSERT_EQ(wb->notes.size(), 1u);
  EXPECT_NE(wb->notes[0].find("グラフ"), std::string::npos);
  EXPECT_NE(wb->notes[0].find("chart sheet"), std::string::npos);

  // veryHidden, and sheet order that differs from the part numbers.
  std::string one = worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
  std::string two = worksheet("<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>");
  auto entries = workbook_entries({{"B", two, "veryHidden", "worksheet", "worksheets/sheet9.xml"},
                                   {"A", one, "", "worksheet", "/xl/worksheets/first.xml"}});
  entries.emplace_back("xl/worksheets/sheet9.xml", two);
  entries.emplace_back("xl/worksheets/first.xml", one);
  auto hand = read_xlsx(make_zip(entries), "b.xlsx");
  ASSERT_TRUE(hand) << hand.error().describe();
  ASSERT_EQ(hand->sheets.size(), 2u);
  EXPECT_EQ(hand->sheets[0].name, "B");
  EXPECT_TRUE(hand->sheets[0].hidden);
  EXPECT_EQ(hand->sheets[0].part, "xl/worksheets/sheet9.xml");
  EXPECT_EQ(hand->sheets[0].raw(1, 1), "2");
  EXPECT_EQ(hand->sheets[1].part, "xl/worksheets/first.xml");
  EXPECT_EQ(hand->sheets[1].raw(1, 1), "1");
}

TEST(XlsxRead, MergedCellsShowTheTopLeftCell) {
  std::string sheet = worksheet(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>見出し</t></is></c></row>"
      "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>カテゴリ</t></is></c>"
      "<c r=\"C3\" t=\"inlineStr\"><is><t>隠れた値</t></is></c>"
      "<c r=\"E3\" t=\"inlineStr\"><is><t>右</t></is></c></row>",
      "<mergeCells count=\"5\"><mergeCell ref=\"A1:D1\"/><mergeCell ref=\"B3:C30\"/><mergeCell ref=\"E3:E4\"/>"
      "<mergeCell ref=\"G9\"/><mergeCell ref=\"bogus\"/></mergeCells>");
  auto wb = read_xlsx(build_xlsx({{"S", sheet}}), "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  const XlsxSheet& s = wb->sheets[0];
  ASSERT_EQ(s.merged.size(), 3u);
  EXPECT_EQ(s.value(1, 1), "見出し");
  EXPECT_EQ(s.value(1, 4), "見出し");
  EXPECT_EQ(s.value(1, 5), "");
  EXPECT_EQ(s.value(2, 2), "");
  EXPECT_EQ(s.value(3, 3), "カテゴリ") << "a covered cell shows the top-left, not what it holds";
  EXPECT_EQ(s.raw(3, 3), "隠れた値");
  EXPECT_EQ(s.value(30, 2), "カテゴリ");
  EXPECT_EQ(s.value(31, 2), "");
  EXPECT_EQ(s.value(4, 5), "右");
  EXPECT_EQ(s.value(4, 4), "");
  EXPECT_EQ(s.value(4, 6), "");

  // The same answers from a sheet built by hand, without the index.
  XlsxSheet by_hand;
  by_hand.cells = s.cells;
  by_hand.merged = s.merged;
  for (int r = 1; r <= 32; ++r)
    for (int c = 1; c <= 7; ++c) EXPECT_EQ(by_hand.value(r, c), s.value(r, c)) << r << "," << c;
  by_hand.index_merged();
  EXPECT_EQ(by_hand.merged_rows.size(), s.merged_rows.size());
}

TEST(XlsxRead, ManyMergedRangesStayCheap) {
  // 20,000 rows, each with its question merged over B:D; value() over the
  // whole sheet must not scan the ranges each time.
  std::string data;
  std::string merges;
  for (int r = 1; r <= 20000; ++r) {
    std::string n = std::to_string(r);
    data += "<row r=\"" + n + "\"><c r=\"B" + n + "\" t=\"inlineStr\"><is><t>q" + n + "</t></is></c></row>";
    merges += "<mergeCell ref=\"B" + n + ":D" + n + "\"/>";
  }
  auto wb = read_xlsx(build_xlsx({{"S", worksheet(data, "<mergeCells>" + merges + "</mergeCells>")}}), "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  const XlsxSheet& s = wb->sheets[0];
  auto start = std::chrono::steady_clock::now();
  std::size_t found = 0;
  for (int r = 1; r <= s.max_row; ++r)
    for (int c = 1; c <= 6; ++c) found += s.value(r, c).empty() ? 0 : 1;
  double took = seconds_since(start);
  EXPECT_EQ(found, 60000u);
  EXPECT_LT(took, 1.0);
}

TEST(XlsxRead, CellsAndRowsWithoutReferences) {
  std::string sheet = worksheet(
      "<row><c t=\"inlineStr\"><is><t>A1</t></is></c><c><v>2</v></c><c r=\"E1\"><v>5</v></c><c><v>6</v></c></row>"
      "<row><c><v>1</v></c></row>"
      "<row r=\"7\"><c><v>7</v></c></row>"
      "<row><c/><c><v>8</v></c></row>");
  auto wb = read_xlsx(build_xlsx({{"S", sheet}}), "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  const XlsxSheet& s = wb->sheets[0];
  EXPECT_EQ(s.raw(1, 1), "A1");
  EXPECT_EQ(s.raw(1, 2), "2");
  EXPECT_EQ(s.raw(1, 5), "5");
  EXPECT_EQ(s.raw(1, 6), "6");
  EXPECT_EQ(s.raw(2, 1), "1");
  EXPECT_EQ(s.raw(7, 1), "7");
  EXPECT_EQ(s.raw(8, 2), "8");
  EXPECT_EQ(s.cells.size(), 7u);
  EXPECT_EQ(s.max_row, 8);
  EXPECT_EQ(s.max_column, 6);
}

TEST(XlsxRead, CellsOutOfOrderAndRepeated) {
  // Rows and cells the file lists out of order come back sorted; of two
  // cells with one address, the later in the file counts.
  std::string sheet = worksheet(
      "<row r=\"3\"><c r=\"B3\"><v>32</v></c><c r=\"A3\"><v>31</v></c></row>"
      "<row r=\"1\"><c r=\"C1\"><v>13</v></c><c r=\"A1\"><v>first</v></c><c r=\"A1\"><v>11</v></c></row>"
      "<row r=\"2\"><c r=\"A2\"><v>21</v></c></row>");
  auto wb = read_xlsx(build_xlsx({{"S", sheet}}), "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  const XlsxSheet& s = wb->sheets[0];
  std::vector<std::string> in_order;
  for (const auto& [at, text] : s.cells) in_order.push_back(format_cell_address(at) + "=" + std::string(text));
  EXPECT_EQ(in_order, (std::vector<std::string>{"A1=11", "C1=13", "A2=21", "A3=31", "B3=32"}));
  EXPECT_EQ(s.raw(1, 1), "11");
  EXPECT_EQ(s.raw(3, 2), "32");
  EXPECT_EQ(s.max_row, 3);
  EXPECT_EQ(s.max_column, 3);
}

TEST(XlsxCells, SortedLookupsAndEdits) {
  XlsxCells cells;
  cells.insert_or_assign({2, 1}, "b");
  cells.insert_or_assign({1, 3}, "a3");
  cells.insert_or_assign({1, 1}, "a1");
  cells.insert_or_assign({2, 1}, "B");
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells.begin()->first, (CellAddress{1, 1}));
  EXPECT_EQ(cells.find({2, 1})->second, "B");
  EXPECT_EQ(cells.count({1, 2}), 0u);
  EXPECT_EQ(cells.find({1, 2}), cells.end());
  EXPECT_EQ(cells.lower_bound({1, 2})->first, (CellAddress{1, 3}));
  EXPECT_EQ(cells.upper_bound({1, 3})->first, (CellAddress{2, 1}));
  EXPECT_EQ(cells.lower_bound({3, 0}), cells.end());

  XlsxCells appended;
  appended.append({5, 5}, "x");
  appended.append({1, 1}, "y");
  appended.append({5, 5}, "z");
  appended.sort();
  ASSERT_EQ(appended.size(), 2u);
  EXPECT_EQ(appended.begin()->second, "y");
  EXPECT_EQ(appended.find({5, 5})->second, "z");
}

TEST(XlsxRead, PrefixedSheetWithoutReferences) {
  // A .NET-style file: every element prefixed, no r= on rows or cells, rich
  // text, a shared string, a boolean, a formula's cached value, a merge.
  const std::string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  std::string sheet =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><x:worksheet xmlns:x=\"" + ns +
      "\"><x:sheetData>"
      "<x:row><x:c t=\"inlineStr\"><x:is><x:r><x:t>リッチ</x:t></x:r><x:r><x:rPr/><x:t xml:space=\"preserve\"> テキスト"
      "</x:t></x:r><x:rPh><x:t>ヨミ</x:t></x:rPh></x:is></x:c><x:c t=\"s\"><x:v>1</x:v></x:c></x:row>"
      "<x:row><x:c t=\"b\"><x:v>1</x:v></x:c><x:c><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c t=\"str\"><x:f>A1</x:f>"
      "<x:v>式</x:v></x:c></x:row>"
      "<x:row r=\"5\"><x:c r=\"C5\"><x:v>5</x:v></x:c><x:c><x:v>6</x:v></x:c></x:row>"
      "<x:row><x:c/><x:c t=\"s\"><x:v>0</x:v></x:c></x:row>"
      "</x:sheetData><x:mergeCells count=\"1\"><x:mergeCell ref=\"A1:B1\"/></x:mergeCells></x:worksheet>";
  std::string sst = "<x:sst xmlns:x=\"" + ns +
                    "\"><x:si><x:t>共有</x:t></x:si><x:si><x:r><x:t>二</x:t></x:r><x:r><x:t>番目</x:t></x:r>"
                    "</x:si></x:sst>";
  auto wb = read_xlsx(build_xlsx({{"S", sheet}}, sst), "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  const XlsxSheet& s = wb->sheets[0];
  EXPECT_EQ(s.raw(1, 1), "リッチ テキスト");
  EXPECT_EQ(s.raw(1, 2), "二番目");
  EXPECT_EQ(s.value(1, 2), "リッチ テキスト");
  EXPECT_EQ(s.raw(2, 1), "TRUE");
  EXPECT_EQ(s.raw(2, 2), "2");
  EXPECT_EQ(s.raw(2, 3), "式");
  EXPECT_EQ(s.raw(5, 3), "5");
  EXPECT_EQ(s.raw(5, 4), "6");
  EXPECT_EQ(s.raw(6, 2), "共有");
  EXPECT_EQ(s.cells.size(), 8u);
  EXPECT_EQ(s.max_row, 6);
  EXPECT_EQ(s.max_column, 4);
}

TEST(XlsxRead, XmlDetailsAsPugixmlReadThem) {
  // What the DOM reader gave for XML's less common spellings: references,
  // CDATA, comments and processing instructions, line ends, whitespace-only
  // text, single quotes, a byte order mark.
  std::string sheet =
      "\xEF\xBB\xBF<?xml version='1.0' encoding='UTF-8'?>\r\n<!-- made by hand -->"
      "<worksheet xmlns='" + std::string(kMainNs) + "'><sheetData>"
      "<row r='1'>"
      "<c r='A1' t='inlineStr'><is><t>a&lt;b&amp;c&gt;d&quot;&apos;&#x41;&#12354;&#65;</t></is></c>"
      "<c r='B1' t='inlineStr'><is><t>&unknown; &amp x &#xZZ; &</t></is></c>"
      "<c r='C1'><v><![CDATA[1<2]]></v></c>"
      "<c r='D1' t='inlineStr'><is><t>line1\r\nline2\rline3</t></is></c>"
      "<c r='E1' t='inlineStr'><is><t xml:space='preserve'> \t </t></is></c>"
      "<c r='F1' t='inlineStr'><is><t>first<!-- c -->second</t></is></c>"
      "<c r='G1' t='inlineStr'><?pi x?><is><t>pi</t></is></c>"
      "<c r='&#72;1'><v> 8 </v></c>"
      "<c r='I1' t='inlineStr'><is><t> <x/></t></is></c>"
      "<c r='J1' t='s'><v> 0 </v></c>"
      "</row></sheetData></worksheet>\n<!-- after -->\n";
  auto wb = read_xlsx(build_xlsx({{"S", sheet}}, shared_strings({"<t>zero</t>"})), "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  const XlsxSheet& s = wb->sheets[0];
  EXPECT_EQ(s.raw(1, 1), "a<b&c>d\"'A\xE3\x81\x82" "A");
  EXPECT_EQ(s.raw(1, 2), "&unknown; &amp x &#xZZ; &");
  EXPECT_EQ(s.raw(1, 3), "1<2");
  EXPECT_EQ(s.raw(1, 4), "line1\nline2\nline3");
  EXPECT_EQ(s.raw(1, 5), " \t ");
  EXPECT_EQ(s.raw(1, 6), "first");
  EXPECT_EQ(s.raw(1, 7), "pi");
  EXPECT_EQ(s.raw(1, 8), " 8 ");
  EXPECT_EQ(s.raw(1, 9), "") << "whitespace before a child element is not text";
  EXPECT_EQ(s.raw(1, 10), "zero");
}

TEST(XlsxRead, Utf16Parts) {
  // XML may be UTF-16 with a byte order mark; such parts are converted first.
  auto utf16 = [](const std::string& ascii_xml) {
    std::string out = "\xFF\xFE";
    for (char c : ascii_xml) {
      out += c;
      out += '\0';
    }
    return out;
  };
  std::string sheet = worksheet("<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c r=\"C2\"><v>3</v></c></row>");
  sheet.replace(sheet.find("UTF-8"), 5, "UTF-16");
  auto wb = read_xlsx(build_xlsx({{"S", utf16(sheet)}}, utf16(shared_strings({"<t>wide</t>"}))), "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  EXPECT_EQ(wb->sheets[0].raw(2, 2), "wide");
  EXPECT_EQ(wb->sheets[0].raw(2, 3), "3");
}

TEST(XlsxRead, DimensionIsIgnored) {
  std::string sheet = std::string("<worksheet xmlns=\"") + kMainNs +
                      "\"><dimension ref=\"A1:XFD1048576\"/><sheetData>"
                      "<row r=\"2\"><c r=\"C2\"><v>1</v></c><c r=\"D2\" s=\"1\"/></row></sheetData></worksheet>";
  auto wb = read_xlsx(build_xlsx({{"S", sheet}}), "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  EXPECT_EQ(wb->sheets[0].max_row, 2);
  EXPECT_EQ(wb->sheets[0].max_column, 3);
}

TEST(XlsxRead, PrefixedElementsAndStrictRelationships) {
  // Some .NET tools write <x:worksheet>; ISO strict files use other
  // namespace URIs for the relationship types.
  const std::string strict = "http://purl.oclc.org/ooxml/officeDocument/relationships";
  Entries entries = {
      {"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels", std::string("<Relationships xmlns=\"") + kPkgRelNs + "\"><Relationship Id=\"r\" Type=\"" +
                          strict + "/officeDocument\" Target=\"/xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", "<x:workbook xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" xmlns:rel=\"" + strict +
                              "\"><x:sheets><x:sheet name=\"S\" sheetId=\"1\" rel:id=\"a\"/></x:sheets></x:workbook>"},
      {"xl/_rels/workbook.xml.rels", std::string("<Relationships xmlns=\"") + kPkgRelNs +
                                         "\"><Relationship Id=\"a\" Type=\"" + strict +
                                         "/worksheet\" Target=\"./worksheets/../worksheets/s.xml\"/>"
                                         "<Relationship Id=\"b\" Type=\"" + strict +
                                         "/sharedStrings\" Target=\"strings.xml\"/></Relationships>"},
      {"xl/worksheets/s.xml",
       "<x:worksheet xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"><x:sheetData><x:row "
       "r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>"},
      {"xl/strings.xml", "<x:sst xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"><x:si><x:t>厳格</x:t></x:si></x:sst>"},
  };
  auto wb = read_xlsx(make_zip(entries), "strict.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  ASSERT_EQ(wb->sheets.size(), 1u);
  EXPECT_EQ(wb->sheets[0].part, "xl/worksheets/s.xml");
  EXPECT_EQ(wb->sheets[0].raw(1, 1), "厳格");
}

// ---------------------------------------------------------------------------
// Hostile and broken files

void expect_error(const Result<XlsxWorkbook>& r, ErrorCode code, const std::string& needle, const char* what) {
  ASSERT_FALSE(r) << what;
  EXPECT_EQ(r.error().code, code) << what << ": " << r.error().describe();
  EXPECT_NE(r.error().describe().find(needle), std::string::npos) << what << ": " << r.error().describe();
  EXPECT_EQ(r.error().where.file, "vendor.xlsx") << what;
}

TEST(XlsxHostile, EmptyAndRandomBytes) {
  expect_error(read_xlsx("", "vendor.xlsx"), ErrorCode::invalid_input, "vendor.xlsx: the file is empty", "empty");
  std::mt19937 rng(42);
  for (std::size_t size : {1u, 4u, 22u, 100u, 4096u, 100000u}) {
    std::string junk(size, '\0');
    for (auto& c : junk) c = static_cast<char>(rng());
    expect_error(read_xlsx(junk, "vendor.xlsx"), ErrorCode::invalid_input,
                 "vendor.xlsx: the file is not a zip archive (truncated or not an .xlsx)", "random bytes");
  }
  // Random bytes behind a zip signature.
  std::string fake = "PK\x03\x04" + std::string(1000, 'x') + "PK\x05\x06" + std::string(18, '\0');
  auto r = read_xlsx(fake, "vendor.xlsx");
  EXPECT_FALSE(r);
  expect_error(read_xlsx("a,b,c\n1,2,3\n", "vendor.xlsx"), ErrorCode::invalid_input, "not a zip archive", "csv");
  std::string xls = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(600, '\0');
  expect_error(read_xlsx(xls, "vendor.xlsx"), ErrorCode::invalid_input, ".xls", "ole2");
}

TEST(XlsxHostile, TruncatedCopies) {
  std::string bytes = write_xlsx([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "回答");
    for (int r = 0; r < 200; ++r) worksheet_write_string(ws, static_cast<lxw_row_t>(r), 0, "回答テキスト", nullptr);
  });
  ASSERT_TRUE(read_xlsx(bytes, "vendor.xlsx"));
  for (std::size_t cut : {std::size_t{1}, std::size_t{30}, std::size_t{200}, bytes.size() / 4, bytes.size() / 2,
                          bytes.size() * 3 / 4, bytes.size() - 200, bytes.size() - 23, bytes.size() - 1}) {
    auto r = read_xlsx(std::string_view(bytes).substr(0, cut), "vendor.xlsx");
    ASSERT_FALSE(r) << "cut at " << cut;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input) << r.error().describe();
    EXPECT_EQ(r.error().where.file, "vendor.xlsx");
  }
}

TEST(XlsxHostile, DamagedEntry) {
  std::string sheet = worksheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + std::string(5000, 'a') +
                                "</t></is></c></row>");
  auto entries = workbook_entries({{"S", sheet}});
  std::string bytes = make_zip(entries, {"xl/worksheets/sheet1.xml"});
  std::size_t at = bytes.find(std::string(5000, 'a'));
  ASSERT_NE(at, std::string::npos);
  bytes[at + 100] = 'b';  // stored, so the CRC no longer matches
  auto r = read_xlsx(bytes, "vendor.xlsx");
  expect_error(r, ErrorCode::invalid_input, "xl/worksheets/sheet1.xml is damaged", "crc");

  // Deflated data that does not inflate.
  std::string deflated = make_zip(entries);
  std::string name = "xl/worksheets/sheet1.xml";
  std::size_t local = deflated.find(name);  // the first occurrence is the local header's
  ASSERT_NE(local, std::string::npos);
  for (std::size_t i = local + name.size() + 10; i < local + name.size() + 40; ++i) deflated[i] = '\xFF';
  auto broken = read_xlsx(deflated, "vendor.xlsx");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("xl/worksheets/sheet1.xml"), std::string::npos) << broken.error().describe();
}

// Worksheets of 256 KB or more inflate on a second thread while the shared
// strings or the sheet before are read: the result and the first error
// must be what a read in order gives.
TEST(XlsxRead, LargeSheetsInflatedAsideReadInOrder) {
  auto big_sheet = [](const std::string& tag, int rows) {
    std::string data;
    for (int r = 1; r <= rows; ++r) {
      const std::string n = std::to_string(r);
      data += "<row r=\"" + n + "\"><c r=\"A" + n + "\" t=\"s\"><v>" + std::to_string(r % 2) + "</v></c><c r=\"B" + n +
              "\" t=\"inlineStr\"><is><t>" + tag + " " + n + " " + std::string(40, 'x') + "</t></is></c></row>";
    }
    return worksheet(data);
  };
  const std::string sst = shared_strings({"<t>even</t>", "<t>odd</t>"});
  const std::string one = big_sheet("one", 4000), two = big_sheet("two", 4000), three = big_sheet("three", 4000);
  ASSERT_GE(two.size(), 256u << 10);
  auto entries = workbook_entries({{"S1", one}, {"S2", two}, {"S3", three}}, sst);
  auto wb = read_xlsx(make_zip(entries), "vendor.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  ASSERT_EQ(wb->sheets.size(), 3u);
  for (const auto& [i, tag] : std::vector<std::pair<int, std::string>>{{0, "one"}, {1, "two"}, {2, "three"}}) {
    const XlsxSheet& s = wb->sheets[static_cast<std::size_t>(i)];
    EXPECT_EQ(s.max_row, 4000);
    EXPECT_EQ(s.raw(7, 1), "odd");
    EXPECT_EQ(s.raw(3999, 2), tag + " 3999 " + std::string(40, 'x'));
  }

  // Sheet 2 damaged: its error, though sheet 3 inflated fine beside it.
  std::string bad_two = make_zip(entries);
  for (const auto& e : zip_entries(bad_two))
    if (e.name == "xl/worksheets/sheet2.xml") set_crc(bad_two, e.name, e.crc ^ 1u);
  expect_error(read_xlsx(bad_two, "vendor.xlsx"), ErrorCode::invalid_input,
               "xl/worksheets/sheet2.xml is damaged (checksum mismatch)", "sheet 2");

  // Broken shared strings and a broken sheet 1: the shared strings come first.
  Entries both = entries;
  for (auto& [name, data] : both) {
    if (name == "xl/sharedStrings.xml") data = shared_strings({"<t>even</t>", "<t>odd"});
    if (name == "xl/worksheets/sheet1.xml") data.insert(data.size() / 2, "<broken");
  }
  auto r = read_xlsx(make_zip(both), "vendor.xlsx");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("xl/sharedStrings.xml"), std::string::npos) << r.error().describe();
  // Sheet 1 broken alone: its error, with sheet 2 inflating beside it.
  both = entries;
  for (auto& [name, data] : both)
    if (name == "xl/worksheets/sheet1.xml") data.insert(data.size() / 2, "<broken");
  r = read_xlsx(make_zip(both), "vendor.xlsx");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("xl/worksheets/sheet1.xml is not well-formed XML"), std::string::npos)
      << r.error().describe();
}

// A worksheet part of a megabyte or more is scanned in two halves, the
// second on another thread from a <row> near the middle (xlsx_sheet_scan.cpp).
// Whatever the file, the sheet or the first error must be what one pass
// from the start gives.
std::string rows_xml(int first, int last, bool numbered = true, bool descending = false) {
  std::string data;
  for (int i = first; i <= last; ++i) {
    const int r = descending ? last - (i - first) : i;
    const std::string n = std::to_string(r);
    data += numbered ? "<row r=\"" + n + "\">" : "<row>";
    data += std::string("<c") + (numbered ? " r=\"A" + n + "\"" : "") + "><v>" + n + "</v></c>";
    data += std::string("<c") + (numbered ? " r=\"B" + n + "\"" : "") + " t=\"inlineStr\"><is><t>row " + n +
            " " + std::string(30, 'y') + "</t></is></c></row>";
  }
  return data;
}

void expect_rows(const XlsxSheet& s, int last, const char* what) {
  EXPECT_EQ(s.max_row, last) << what;
  EXPECT_EQ(s.max_column, 2) << what;
  EXPECT_EQ(s.cells.size(), static_cast<std::size_t>(2 * last)) << what;
  int expected_row = 1, expected_column = 1;
  bool in_order = true;
  for (const auto& [at, text] : s.cells) {
    in_order = in_order && at.row == expected_row && at.column == expected_column;
    if (++expected_column == 3) expected_column = 1, ++expected_row;
  }
  EXPECT_TRUE(in_order) << what;
  for (int r : {1, 2, last / 2 - 1, last / 2, last / 2 + 1, last - 1, last}) {
    EXPECT_EQ(s.raw(r, 1), std::to_string(r)) << what << " row " << r;
    EXPECT_EQ(s.raw(r, 2), "row " + std::to_string(r) + " " + std::string(30, 'y')) << what << " row " << r;
  }
}

TEST(XlsxRead, LargeSheetsReadInTwoHalvesAsInOnePass) {
  const int kRows = 20000;
  const std::string numbered = rows_xml(1, kRows);
  ASSERT_GT(worksheet(numbered).size(), 1u << 20);

  auto read_one = [](const std::string& sheet) { return read_xlsx(build_xlsx({{"S", sheet}}), "vendor.xlsx"); };
  auto wb = read_one(worksheet(numbered));
  ASSERT_TRUE(wb) << wb.error().describe();
  expect_rows(wb->sheets[0], kRows, "numbered");

  // Rows without r=: the second half cannot number its rows; the first half
  // reads them all.
  wb = read_one(worksheet(rows_xml(1, kRows, /*numbered=*/false)));
  ASSERT_TRUE(wb) << wb.error().describe();
  expect_rows(wb->sheets[0], kRows, "unnumbered");

  // Rows in descending order: the halves are joined, then sorted.
  wb = read_one(worksheet(rows_xml(1, kRows, true, /*descending=*/true)));
  ASSERT_TRUE(wb) << wb.error().describe();
  expect_rows(wb->sheets[0], kRows, "descending");

  // A comment across the middle that holds "<row r=": a split found inside
  // it is never reached as a token; the first half reads everything.
  std::string comment = "<!-- ";
  while (comment.size() < 300000) comment += "<row r=\"1\"><c r=\"A1\"><v>fake</v></c></row> ";
  comment += "-->";
  const std::string half_a = rows_xml(1, kRows / 2), half_b = rows_xml(kRows / 2 + 1, kRows);
  std::string commented = worksheet(half_a + comment + half_b);
  wb = read_one(commented);
  ASSERT_TRUE(wb) << wb.error().describe();
  expect_rows(wb->sheets[0], kRows, "comment");
  std::string cdata_row = worksheet(rows_xml(1, kRows / 2) + "<row r=\"" + std::to_string(kRows / 2 + 1) +
                                    "\"><c r=\"C1\" t=\"inlineStr\"><is><t><![CDATA[" + std::string(300000, 'q') +
                                    " <row r=\"9\"> ]]></t></is></c></row>" + rows_xml(kRows / 2 + 2, kRows));
  wb = read_one(cdata_row);
  ASSERT_TRUE(wb) << wb.error().describe();
  EXPECT_EQ(wb->sheets[0].raw(1, 3), std::string(300000, 'q') + " <row r=\"9\"> ");

  // A bad cell reference in the second half: that error, as one pass gives it.
  std::string bad_late = numbered;
  const std::string late = "<c r=\"A" + std::to_string(kRows - 10) + "\">";
  bad_late.replace(bad_late.find(late), late.size(), "<c r=\"A0\">");
  auto r = read_one(worksheet(bad_late));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "the cell reference \"A0\" is not valid") << r.error().describe();
  EXPECT_EQ(r.error().where.row, kRows - 10);
  // ... and one in each half: the first half's.
  std::string bad_both = bad_late;
  bad_both.replace(bad_both.find("<c r=\"A100\">"), std::string("<c r=\"A100\">").size(), "<c r=\"ZZZZ1\">");
  r = read_one(worksheet(bad_both));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "the cell reference \"ZZZZ1\" is not valid") << r.error().describe();
  // Broken XML in the second half, and the end tag of <sheetData> wrong: as
  // one pass words them, with the byte offset in the whole part.
  std::string broken = worksheet(numbered);
  const std::size_t at = broken.find("<row r=\"" + std::to_string(kRows - 5) + "\"");
  broken.insert(at, "<oops>");
  r = read_one(broken);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("is not well-formed XML: the end tag </sheetData> does not match <oops>"),
            std::string::npos)
      << r.error().describe();
  std::string wrong_end = worksheet(numbered);
  wrong_end.replace(wrong_end.find("</sheetData>"), 12, "</sheetDatum>");
  r = read_one(wrong_end);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("the end tag </sheetDatum> does not match <sheetData>"), std::string::npos)
      << r.error().describe();
}

TEST(XlsxHostile, EntriesThatDoNotMatchTheirZipRecords) {
  const std::string part = "xl/worksheets/sheet1.xml";
  std::string sheet = worksheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + std::string(3000, 'a') +
                                "</t></is></c></row>");
  const std::string good = make_zip(workbook_entries({{"S", sheet}}));
  ASSERT_TRUE(read_xlsx(good, "vendor.xlsx"));
  std::uint32_t crc = 0;
  for (const auto& e : zip_entries(good))
    if (e.name == part) crc = e.crc;

  // Deflated data intact, but the checksum recorded for it is not its own.
  std::string bad_crc = good;
  set_crc(bad_crc, part, crc ^ 1u);
  expect_error(read_xlsx(bad_crc, "vendor.xlsx"), ErrorCode::invalid_input,
               part + " is damaged (checksum mismatch)", "crc");

  // The entry declares more than its data inflates to.
  std::string longer = good;
  lie_about_size(longer, part, static_cast<std::uint32_t>(sheet.size() + 10));
  expect_error(read_xlsx(longer, "vendor.xlsx"), ErrorCode::invalid_input,
               part + " is damaged (its size does not match its zip entry)", "declared too large");
  // ... or less (by one byte).
  std::string shorter = good;
  lie_about_size(shorter, part, static_cast<std::uint32_t>(sheet.size() - 1));
  expect_error(read_xlsx(shorter, "vendor.xlsx"), ErrorCode::invalid_input,
               part + " inflates to more than the " + std::to_string(sheet.size() - 1) + " bytes", "declared too small");

  // A stored entry whose sizes disagree.
  std::string stored = make_zip(workbook_entries({{"S", sheet}}), {part});
  lie_about_size(stored, part, static_cast<std::uint32_t>(sheet.size() - 100));
  expect_error(read_xlsx(stored, "vendor.xlsx"), ErrorCode::invalid_input,
               part + " is damaged (its size does not match its zip entry)", "stored sizes");

  // A method other than deflate and store (12 = bzip2), and an encrypted
  // entry (general purpose flag bit 0).
  std::string bzip2 = good;
  set_method(bzip2, part, 12);
  expect_error(read_xlsx(bzip2, "vendor.xlsx"), ErrorCode::invalid_input,
               part + " uses a compression method mamori cannot read", "method");
  std::string encrypted = good;
  set_flags(encrypted, part, 1);
  expect_error(read_xlsx(encrypted, "vendor.xlsx"), ErrorCode::invalid_input, part + " is encrypted", "encrypted");
}

TEST(XlsxRead, StoredEntries) {
  // Every part stored uncompressed, as some tools write small files.
  std::string sst = shared_strings({"<t>保存</t>"});
  std::string sheet = worksheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>7</v></c></row>");
  Entries entries = workbook_entries({{"S", sheet}}, sst);
  std::set<std::string> all;
  for (const auto& e : entries) all.insert(e.first);
  auto wb = read_xlsx(make_zip(entries, all), "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  EXPECT_EQ(wb->sheets[0].raw(1, 1), "保存");
  EXPECT_EQ(wb->sheets[0].raw(1, 2), "7");
}

TEST(XlsxHostile, BrokenSheetXmlNamesThePart) {
  struct Case {
    const char* what;
    std::string xml;
  };
  std::string binary = "<worksheet><sheetData><row r=\"1\">";
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) binary += static_cast<char>(rng());
  for (const Case& c : {Case{"unclosed", std::string("<worksheet xmlns=\"") + kMainNs + "\"><sheetData><row r=\"1\">"},
                        Case{"mismatched", "<worksheet><sheetData></row></sheetData></worksheet>"},
                        Case{"binary", binary}, Case{"empty", ""}, Case{"text", "just text"},
                        Case{"prefix mismatch", "<x:worksheet xmlns:x=\"a\"><x:sheetData></sheetData></x:worksheet>"},
                        Case{"unclosed quote", "<worksheet><sheetData><row r=\"1></row></sheetData></worksheet>"},
                        Case{"no quotes", "<worksheet><sheetData><row r=1></row></sheetData></worksheet>"},
                        Case{"no space", "<worksheet><sheetData><row r=\"1\"s=\"2\"></row></sheetData></worksheet>"},
                        Case{"two roots", "<worksheet/><worksheet/>"},
                        Case{"text after", "<worksheet/>text"},
                        Case{"stray end", "<worksheet></sheetData></worksheet>"},
                        Case{"bad name", "<worksheet><1row/></worksheet>"},
                        Case{"open comment", "<worksheet><sheetData><!-- x </sheetData></worksheet>"},
                        Case{"open cdata", "<worksheet><sheetData><![CDATA[ x </sheetData></worksheet>"},
                        Case{"cut tag", "<worksheet><sheetData><row r=\"1\""},
                        Case{"bad declaration", "<worksheet><!ELEMENT x ANY></worksheet>"}}) {
    auto r = read_xlsx(build_xlsx({{"回答", c.xml}}), "vendor.xlsx");
    ASSERT_FALSE(r) << c.what;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input) << c.what;
    EXPECT_NE(r.error().message.find("xl/worksheets/sheet1.xml"), std::string::npos) << r.error().describe();
    EXPECT_EQ(r.error().where.sheet, "回答") << c.what;
  }
  auto r = read_xlsx(build_xlsx({{"S", worksheet("")}}, "<sst><si><t>a</si></sst>"), "vendor.xlsx");
  expect_error(r, ErrorCode::invalid_input, "xl/sharedStrings.xml is not well-formed XML", "sst");
  EXPECT_NE(r.error().message.find("at byte"), std::string::npos);

  auto not_sheet = read_xlsx(build_xlsx({{"S", "<chartsheet/>"}}), "vendor.xlsx");
  expect_error(not_sheet, ErrorCode::invalid_input, "not a worksheet", "root");

  auto bad_ref = read_xlsx(build_xlsx({{"S", worksheet("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>")}}), "vendor.xlsx");
  expect_error(bad_ref, ErrorCode::invalid_input, "\"1A\" is not valid", "cell ref");
  auto bad_row = read_xlsx(build_xlsx({{"S", worksheet("<row r=\"0\"/>")}}), "vendor.xlsx");
  expect_error(bad_row, ErrorCode::invalid_input, "row number \"0\"", "row ref");
}

TEST(XlsxHostile, UnclosedCommentsAndSectionsEndReading) {
  // Counting start tags once waited for the rest of an open comment, CDATA
  // section or processing instruction and never returned at the part's end.
  for (const char* open : {"<!-- never closed", "<![CDATA[ never closed", "<?pi never closed", "<!ELEMENT x"}) {
    auto start = std::chrono::steady_clock::now();
    auto r = read_xlsx(build_xlsx({{"S", std::string("<worksheet><sheetData>") + open}}), "vendor.xlsx");
    expect_error(r, ErrorCode::invalid_input, "xl/worksheets/sheet1.xml", open);
    EXPECT_LT(seconds_since(start), 1.0) << open;
  }
}

TEST(XlsxHostile, MutatedSheetXmlFailsCleanly) {
  // The worksheet tokenizer on thousands of damaged copies of a sheet that
  // uses most of what it reads: each either reads or is an error naming the
  // file; none crashes, hangs or reads out of bounds (the sanitizer build).
  const std::string original =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- c --><x:worksheet xmlns:x=\"" + std::string(kMainNs) +
      "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c t='inlineStr'><x:is><x:r><x:t "
      "xml:space=\"preserve\"> a&amp;b&#x41;</x:t></x:r><x:rPh><x:t>yomi</x:t></x:rPh></x:is></x:c></x:row>"
      "<x:row><x:c t=\"b\"><x:f>A1</x:f><x:v>1</x:v></x:c><x:c><x:v><![CDATA[2<3]]></x:v></x:c><?pi?></x:row>"
      "</x:sheetData><x:mergeCells><x:mergeCell ref=\"A1:B2\"/></x:mergeCells></x:worksheet>";
  const std::vector<std::string> shared = {"共有"};
  const std::string significant = "<>/=\"'&;#![]-?x: \r\n\t0";
  std::mt19937 rng(2024);
  int read_ok = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string xml = original;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !xml.empty(); ++e) {
      const std::size_t at = rng() % xml.size();
      switch (rng() % 4) {
        case 0: xml[at] = significant[rng() % significant.size()]; break;
        case 1: xml[at] = static_cast<char>(rng()); break;
        case 2: xml.erase(at, 1 + rng() % 8); break;
        default: xml.resize(at); break;
      }
    }
    XlsxSheet sheet;
    sheet.name = "S";
    sheet.part = "xl/worksheets/sheet1.xml";
    detail::SheetBudget budget;
    Status r = detail::scan_worksheet(sheet, xml, shared, "vendor.xlsx", XlsxLimits{}, budget);
    if (r) {
      ++read_ok;
      continue;
    }
    ASSERT_EQ(r.error().where.file, "vendor.xlsx") << xml;
    ASSERT_FALSE(r.error().message.empty()) << xml;
  }
  EXPECT_GT(read_ok, 0);
  EXPECT_LT(read_ok, 20000);
}

TEST(XlsxHostile, ZipBombs) {
  // 200 MB of spaces inside a sheet: deflates to a few hundred KB.
  static const std::string bomb_sheet = [] {
    std::string xml = std::string("<worksheet xmlns=\"") + kMainNs + "\"><sheetData>";
    xml.append(200u << 20, ' ');
    return xml + "</sheetData></worksheet>";
  }();
  std::string bytes = build_xlsx({{"回答", bomb_sheet}});
  EXPECT_LT(bytes.size(), 2u << 20);

  // Declared honestly: refused from the zip directory, before inflating.
  auto start = std::chrono::steady_clock::now();
  auto r = read_xlsx(bytes, "vendor.xlsx");
  expect_error(r, ErrorCode::too_large, "xl/worksheets/sheet1.xml is 200 MiB uncompressed", "declared size");
  EXPECT_EQ(r.error().where.sheet, "回答");
  EXPECT_LT(seconds_since(start), 0.5);

  // With a part limit above it, the compression ratio refuses it.
  XlsxLimits roomy;
  roomy.max_part_bytes = 512u << 20;
  roomy.max_total_bytes = 1024u << 20;
  start = std::chrono::steady_clock::now();
  r = read_xlsx(bytes, "vendor.xlsx", roomy);
  expect_error(r, ErrorCode::too_large, "zip bomb", "ratio");
  EXPECT_LT(seconds_since(start), 0.5);

  // The total over all parts.
  XlsxLimits tight_total;
  tight_total.max_total_bytes = 1000;
  expect_error(read_xlsx(build_xlsx({{"S", worksheet(std::string(2000, ' '))}}), "vendor.xlsx", tight_total),
               ErrorCode::too_large, "more than 1000 bytes uncompressed", "total");

  // Lying: the zip says 1000 bytes, the data inflates to 200 MB. Reading
  // stops at the first chunk past what was declared.
  lie_about_size(bytes, "xl/worksheets/sheet1.xml", 1000);
  start = std::chrono::steady_clock::now();
  r = read_xlsx(bytes, "vendor.xlsx");
  expect_error(r, ErrorCode::invalid_input,
               "xl/worksheets/sheet1.xml inflates to more than the 1000 bytes its zip entry declares", "lying");
  EXPECT_LT(seconds_since(start), 0.5);
  Probe probe = probe_in_fresh_process(bytes);
  ASSERT_TRUE(probe.ran);
  EXPECT_FALSE(probe.read_ok);
  std::printf("[ memory ] lying zip bomb (200 MB declared as 1000 bytes): peak RSS +%ld KiB\n", probe.growth_kb());
  if (!kSanitized) {
    EXPECT_LT(probe.growth_kb(), 4 * 1024);
  }
}

TEST(XlsxHostile, ManyRowsStopEarly) {
  // 100,000 rows written in constant-memory mode (inline strings).
  std::string bytes = write_xlsx(
      [](lxw_workbook* wb) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, "回答");
        for (lxw_row_t r = 0; r < 100000; ++r) {
          worksheet_write_number(ws, r, 0, r + 1, nullptr);
          worksheet_write_string(ws, r, 1, "情報セキュリティ基本方針を定めていますか", nullptr);
          worksheet_write_string(ws, r, 2, "はい", nullptr);
        }
      },
      true);
  std::size_t xml_size = entry_data(bytes, "xl/worksheets/sheet1.xml").size();
  ASSERT_GT(xml_size, 10u << 20);
  auto start = std::chrono::steady_clock::now();
  auto r = read_xlsx(bytes, "vendor.xlsx");
  double took = seconds_since(start);
  expect_error(r, ErrorCode::too_large, "vendor.xlsx, sheet 回答: more than 50000 rows", "rows");
  EXPECT_LT(took, 5.0);
  Probe probe = probe_in_fresh_process(bytes);
  ASSERT_TRUE(probe.ran);
  EXPECT_FALSE(probe.read_ok);
  std::printf("[ timing ] 100,000 rows (%.1f MB of sheet XML, %.1f MB zipped): refused in %.3f s; "
              "in a fresh process %.3f s, peak RSS +%ld KiB\n",
              xml_size / 1048576.0, bytes.size() / 1048576.0, took, probe.seconds, probe.growth_kb());
  // Stopped while inflating, before any DOM: at most the XML read so far.
  if (!kSanitized) {
    EXPECT_LT(static_cast<std::size_t>(probe.growth_kb()) * 1024, xml_size + (4u << 20));
  }
}

TEST(XlsxRead, FiftyThousandRowsAreFast) {
  std::string bytes = write_xlsx(
      [](lxw_workbook* wb) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, "回答");
        for (lxw_row_t r = 0; r < 50000; ++r) {
          worksheet_write_number(ws, r, 0, r + 1, nullptr);
          worksheet_write_string(ws, r, 1, "アクセス制御の方針を文書化していますか", nullptr);
          worksheet_write_string(ws, r, 2, r % 2 ? "はい" : "いいえ", nullptr);
          worksheet_write_string(ws, r, 3, "備考", nullptr);
        }
      },
      true);
  std::size_t xml_size = entry_data(bytes, "xl/worksheets/sheet1.xml").size();
  auto start = std::chrono::steady_clock::now();
  auto r = read_xlsx(bytes, "vendor.xlsx");
  double took = seconds_since(start);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->sheets[0].max_row, 50000);
  EXPECT_EQ(r->sheets[0].cells.size(), 200000u);
  EXPECT_EQ(r->sheets[0].raw(50000, 3), "はい");
  EXPECT_EQ(r->sheets[0].raw(49999, 3), "いいえ");
  EXPECT_LT(took, 5.0);
  Probe probe = probe_in_fresh_process(bytes);
  ASSERT_TRUE(probe.ran);
  EXPECT_TRUE(probe.read_ok);
  std::printf("[ timing ] 50,000 rows x 4 cells (%.1f MB of sheet XML): read in %.3f s; "
              "in a fresh process %.3f s, peak RSS +%ld KiB\n",
              xml_size / 1048576.0, took, probe.seconds, probe.growth_kb());

  // One row more than the limit is refused.
  XlsxLimits limits;
  limits.max_rows = 49999;
  expect_error(read_xlsx(bytes, "vendor.xlsx", limits), ErrorCode::too_large, "more than 49999 rows", "49999");
}

TEST(XlsxHostile, OtherLimits) {
  std::string three = worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c><c r=\"C1\"><v>3</v></c></row>");
  std::string bytes = build_xlsx({{"A", three}, {"B", three}, {"C", three}});
  ASSERT_TRUE(read_xlsx(bytes, "vendor.xlsx"));

  XlsxLimits sheets;
  sheets.max_sheets = 2;
  expect_error(read_xlsx(bytes, "vendor.xlsx", sheets), ErrorCode::too_large, "more than 2 sheets", "sheets");

  XlsxLimits cells;
  cells.max_cells = 8;  // 9 in the workbook
  auto r = read_xlsx(bytes, "vendor.xlsx", cells);
  expect_error(r, ErrorCode::too_large, "more than 8 cells", "cells");
  EXPECT_EQ(r.error().where.sheet, "C");

  XlsxLimits file;
  file.max_file_bytes = 100;
  expect_error(read_xlsx(bytes, "vendor.xlsx", file), ErrorCode::too_large, "the limit is 100 bytes", "file size");

  XlsxLimits part;
  part.max_part_bytes = 100;
  expect_error(read_xlsx(bytes, "vendor.xlsx", part), ErrorCode::too_large, "uncompressed; the limit for one part",
               "part size");

  // Merged ranges count too: one that spans every row of the sheet.
  std::string giant_merge = worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
                                      "<mergeCells><mergeCell ref=\"A1:XFD1048576\"/></mergeCells>");
  auto merged = read_xlsx(build_xlsx({{"S", giant_merge}}), "vendor.xlsx");
  ASSERT_TRUE(merged) << merged.error().describe();
  EXPECT_EQ(merged->sheets[0].value(1048576, 16384), "1");
  XlsxLimits few;
  few.max_cells = 1000;
  expect_error(read_xlsx(build_xlsx({{"S", giant_merge}}), "vendor.xlsx", few), ErrorCode::too_large,
               "merged ranges", "merges");

  // A part of nothing but tiny elements (its DOM would be many times its size).
  XlsxLimits elements;
  elements.max_cells = 1000;  // elements allowed: 4 * 1000 + 100000
  std::string tiny;
  for (int i = 0; i < 120000; ++i) tiny += "<x/>";
  expect_error(read_xlsx(build_xlsx({{"S", worksheet("", "<extLst>" + tiny + "</extLst>")}}), "vendor.xlsx", elements),
               ErrorCode::too_large, "XML elements", "elements");
}

TEST(XlsxHostile, MissingParts) {
  // No workbook at all.
  auto nothing = read_xlsx(make_zip({{"hello.txt", "hi"}}), "vendor.xlsx");
  expect_error(nothing, ErrorCode::invalid_input, "no workbook", "no workbook");

  // The package relationships point to a workbook that is not there.
  auto entries = workbook_entries({{"S", worksheet("")}});
  Entries without_workbook;
  for (const auto& e : entries)
    if (e.first != "xl/workbook.xml") without_workbook.push_back(e);
  expect_error(read_xlsx(make_zip(without_workbook), "vendor.xlsx"), ErrorCode::invalid_input,
               "points to xl/workbook.xml, which is missing", "missing workbook");

  // A sheet's relationship points to a missing part.
  auto missing = workbook_entries({{"回答", "", "", "worksheet", "worksheets/sheet9.xml"}});
  auto r = read_xlsx(make_zip(missing), "vendor.xlsx");
  expect_error(r, ErrorCode::invalid_input, "xl/worksheets/sheet9.xml, which is missing", "missing sheet");
  EXPECT_EQ(r.error().where.sheet, "回答");

  // The workbook names a relationship that does not exist.
  Entries no_rels;
  for (const auto& e : workbook_entries({{"S", worksheet("")}}))
    if (e.first != "xl/_rels/workbook.xml.rels") no_rels.push_back(e);
  expect_error(read_xlsx(make_zip(no_rels), "vendor.xlsx"), ErrorCode::invalid_input, "no such relationship",
               "missing relationship");

  // A Word document.
  Entries docx = {
      {"_rels/.rels", std::string("<Relationships xmlns=\"") + kPkgRelNs + "\"><Relationship Id=\"rId1\" Type=\"" +
                          kRelNs + "/officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
      {"word/document.xml", "<w:document xmlns:w=\"urn:w\"/>"}};
  expect_error(read_xlsx(make_zip(docx), "vendor.xlsx"), ErrorCode::invalid_input, "Word", "docx");
}

TEST(XlsxHostile, PathTraversalInRelationships) {
  for (const char* target : {"../../etc/passwd", "../../../xl/worksheets/sheet1.xml", "worksheets/../../../x.xml"}) {
    auto entries = workbook_entries({{"回答", "", "", "worksheet", target}});
    entries.emplace_back("etc/passwd", "root:x:0:0");
    auto r = read_xlsx(make_zip(entries), "vendor.xlsx");
    expect_error(r, ErrorCode::invalid_input, "points outside the package", target);
    EXPECT_EQ(r.error().where.sheet, "回答");
  }
  // An absolute target is inside the package: /etc/passwd is the part
  // etc/passwd, and that is not a worksheet.
  auto entries = workbook_entries({{"回答", "", "", "worksheet", "/etc/passwd"}});
  entries.emplace_back("etc/passwd", "root:x:0:0");
  expect_error(read_xlsx(make_zip(entries), "vendor.xlsx"), ErrorCode::invalid_input, "etc/passwd", "absolute");
  // An external target.
  auto external = workbook_entries({{"S", "", "", "worksheet", "file:///etc/passwd"}});
  std::string rels = external[3].second;
  rels.replace(rels.find("/>"), 2, " TargetMode=\"External\"/>");
  external[3].second = rels;
  expect_error(read_xlsx(make_zip(external), "vendor.xlsx"), ErrorCode::invalid_input, "outside the file", "external");
}

TEST(XlsxHostile, EntityExpansionIsNotPerformed) {
  std::string dtd =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
      "<!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>";
  auto start = std::chrono::steady_clock::now();
  std::string sheet = dtd + "<worksheet xmlns=\"" + kMainNs +
                      "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>"
                      "</sheetData></worksheet>";
  auto r = read_xlsx(build_xlsx({{"S", sheet}}), "vendor.xlsx");
  expect_error(r, ErrorCode::invalid_input, "<!DOCTYPE>", "sheet DTD");
  auto s = read_xlsx(build_xlsx({{"S", worksheet("")}}, dtd + "<sst><si><t>&lol9;</t></si></sst>"), "vendor.xlsx");
  expect_error(s, ErrorCode::invalid_input, "xl/sharedStrings.xml has a document type declaration", "sst DTD");
  EXPECT_LT(seconds_since(start), 1.0);

  // An undeclared entity without a DTD stays as written; nothing expands.
  auto plain = read_xlsx(build_xlsx({{"S", worksheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t>"
                                                     "</is></c></row>")}}),
                         "vendor.xlsx");
  if (plain) { EXPECT_LE(plain->sheets[0].raw(1, 1).size(), 10u); }
}

TEST(XlsxHostile, GiantCell) {
  // One 50 MB inline string, stored uncompressed (the ratio is 1).
  static const std::string sheet = [] {
    std::string xml = std::string("<worksheet xmlns=\"") + kMainNs +
                      "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>";
    xml.append(50u << 20, 'x');
    return xml + "</t></is></c></row></sheetData></worksheet>";
  }();
  std::string bytes = make_zip(workbook_entries({{"S", sheet}}), {"xl/worksheets/sheet1.xml"});
  auto start = std::chrono::steady_clock::now();
  auto r = read_xlsx(bytes, "vendor.xlsx");
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->sheets[0].raw(1, 1).size(), 50u << 20);
  std::printf("[ timing ] one 50 MB cell: read in %.3f s\n", seconds_since(start));

  XlsxLimits limits;
  limits.max_part_bytes = 32u << 20;
  expect_error(read_xlsx(bytes, "vendor.xlsx", limits), ErrorCode::too_large,
               "xl/worksheets/sheet1.xml is 50 MiB uncompressed", "over");
}

// ---------------------------------------------------------------------------
// Patching

// A check sheet as a customer sends it: styles, merged cells, a data
// validation, column widths, two sheets.
std::string customer_file() {
  return write_xlsx([](lxw_workbook* wb) {
    lxw_worksheet* cover = workbook_add_worksheet(wb, "表紙");
    worksheet_write_string(cover, 0, 0, "セキュリティチェックシート", nullptr);
    worksheet_merge_range(cover, 1, 0, 1, 3, "株式会社サンプル御中", nullptr);

    lxw_worksheet* ws = workbook_add_worksheet(wb, "回答");
    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDEBF7);
    lxw_format* answer = workbook_add_format(wb);
    format_set_bg_color(answer, 0xFFF2CC);
    format_set_border(answer, LXW_BORDER_THIN);
    worksheet_set_column(ws, 1, 1, 50, nullptr);
    worksheet_write_string(ws, 0, 0, "番号", header);
    worksheet_write_string(ws, 0, 1, "質問", header);
    worksheet_write_string(ws, 0, 2, "回答", header);
    worksheet_write_string(ws, 0, 3, "備考", header);
    const char* questions[] = {"情報セキュリティ方針はありますか", "多要素認証を導入していますか",
                               "ログを保管していますか", "暗号化していますか"};
    for (lxw_row_t r = 1; r <= 4; ++r) {
      worksheet_write_number(ws, r, 0, r, nullptr);
      worksheet_write_string(ws, r, 1, questions[r - 1], nullptr);
      worksheet_write_blank(ws, r, 2, answer);  // styled, empty: where answers go
    }
    worksheet_write_string(ws, 2, 2, "旧回答", answer);
    worksheet_write_formula_num(ws, 4, 3, "=A5*2", nullptr, 8);
    worksheet_merge_range(ws, 6, 0, 6, 3, "以上", nullptr);
    static char yes[] = "はい";
    static char no[] = "いいえ";
    static char* list[] = {yes, no, nullptr};
    lxw_data_validation dv{};
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = list;
    worksheet_data_validation_range(ws, 1, 2, 4, 2, &dv);
  });
}

TEST(XlsxPatch, WritesAnswersAndKeepsEverythingElse) {
  std::string original = customer_file();
  auto before = read_xlsx(original, "customer.xlsx");
  ASSERT_TRUE(before) << before.error().describe();

  std::vector<CellEdit> edits = {
      {"回答", {2, 3}, "はい"},                          // empty styled cell in an existing row
      {"回答", {3, 3}, "いいえ（代替策あり）"},          // replaces a styled string
      {"回答", {4, 5}, "追記: 2024年度から"},            // empty position at the end of a row
      {"回答", {5, 4}, "数式を上書き"},                  // a formula cell
      {"回答", {2, 1}, "1-a"},                           // a number cell at the start of a row
      {"回答", {10, 2}, "新しい行"},                      // a new row beyond the end
      {"回答", {6, 3}, "改行\nと  空白 "},               // a new row between existing ones
      {"回答", {6, 1}, "先"},                            // a cell before the previous one in the new row
      {"回答", {4, 3}, ""},                              // clearing: style stays
      {"表紙", {4, 1}, "回答者: 山田"},
      {"回答", {3, 3}, "いいえ"},                        // a later edit of the same cell wins
  };
  auto patched = patch_xlsx(original, "customer.xlsx", edits);
  ASSERT_TRUE(patched) << patched.error().describe();

  // mamori reads it back.
  auto after = read_xlsx(patched.value(), "customer.xlsx");
  ASSERT_TRUE(after) << after.error().describe();
  const XlsxSheet* a = find_sheet(after.value(), "回答");
  const XlsxSheet* b = find_sheet(before.value(), "回答");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->raw(2, 3), "はい");
  EXPECT_EQ(a->raw(3, 3), "いいえ");
  EXPECT_EQ(a->raw(4, 5), "追記: 2024年度から");
  EXPECT_EQ(a->raw(5, 4), "数式を上書き");
  EXPECT_EQ(a->raw(2, 1), "1-a");
  EXPECT_EQ(a->raw(10, 2), "新しい行");
  EXPECT_EQ(a->raw(6, 3), "改行\nと  空白 ");
  EXPECT_EQ(a->raw(6, 1), "先");
  EXPECT_EQ(a->raw(4, 3), "");
  EXPECT_EQ(find_sheet(after.value(), "表紙")->raw(4, 1), "回答者: 山田");
  // Untouched cells and merged ranges as they were.
  std::set<CellAddress> edited;
  for (const auto& e : edits)
    if (e.sheet == "回答") edited.insert(e.cell);
  for (const auto& [at, text] : b->cells)
    if (!edited.count(at)) { EXPECT_EQ(a->raw(at.row, at.column), text) << format_cell_address(at); }
  EXPECT_EQ(a->cells.size(), b->cells.size() + 5);
  ASSERT_EQ(a->merged.size(), b->merged.size());
  EXPECT_EQ(a->merged[0].first, b->merged[0].first);
  EXPECT_EQ(a->merged[0].last, b->merged[0].last);
  EXPECT_EQ(a->value(7, 4), "以上");

  // The sheet XML: styles kept, inline strings, no formula left, rows and
  // cells in order.
  std::string xml = entry_data(patched.value(), a->part);
  std::string old_xml = entry_data(original, a->part);
  auto style_of = [](const std::string& x, const std::string& ref) {
    std::size_t at = x.find("<c r=\"" + ref + "\"");
    if (at == std::string::npos) return std::string("(none)");
    std::size_t end = x.find('>', at);
    std::size_t s = x.find(" s=\"", at);
    if (s == std::string::npos || s > end) return std::string();
    return x.substr(s + 4, x.find('"', s + 4) - s - 4);
  };
  for (const char* ref : {"C2", "C3", "C4", "A2", "D5"}) EXPECT_EQ(style_of(xml, ref), style_of(old_xml, ref)) << ref;
  EXPECT_NE(style_of(xml, "C4"), "");
  EXPECT_NE(xml.find("<c r=\"C4\" s=\"" + style_of(old_xml, "C4") + "\"/>"), std::string::npos) << "cleared, styled";
  EXPECT_EQ(xml.find("<f>"), std::string::npos);
  EXPECT_NE(xml.find("<c r=\"C2\" s=\"" + style_of(old_xml, "C2") +
                     "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">はい</t></is></c>"),
            std::string::npos)
      << xml;
  EXPECT_LT(xml.find("<row r=\"5\""), xml.find("<row r=\"6\""));
  EXPECT_LT(xml.find("<row r=\"6\""), xml.find("<row r=\"7\""));
  EXPECT_LT(xml.find("<row r=\"7\""), xml.find("<row r=\"10\""));
  EXPECT_LT(xml.find("<c r=\"A6\""), xml.find("<c r=\"C6\""));
  EXPECT_LT(xml.find("<c r=\"C4\""), xml.find("<c r=\"E4\""));
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet ", 0), 0u);
  EXPECT_NE(xml.find("<dimension ref=\"A1:E10\"/>"), std::string::npos) << xml.substr(0, 400);

  // Every other entry byte for byte, in the same order, [Content_Types].xml first.
  auto old_entries = zip_entries(original);
  auto new_entries = zip_entries(patched.value());
  ASSERT_EQ(old_entries.size(), new_entries.size());
  EXPECT_EQ(new_entries[0].name, "[Content_Types].xml");
  std::set<std::string> changed = {a->part, find_sheet(after.value(), "表紙")->part};
  for (std::size_t i = 0; i < old_entries.size(); ++i) {
    EXPECT_EQ(new_entries[i].name, old_entries[i].name);
    if (changed.count(old_entries[i].name)) {
      EXPECT_EQ(new_entries[i].method, ZIP_CM_DEFLATE);
      continue;
    }
    EXPECT_EQ(new_entries[i].raw, old_entries[i].raw) << old_entries[i].name;
    EXPECT_EQ(new_entries[i].data, old_entries[i].data) << old_entries[i].name;
    EXPECT_EQ(new_entries[i].crc, old_entries[i].crc) << old_entries[i].name;
    EXPECT_EQ(new_entries[i].method, old_entries[i].method) << old_entries[i].name;
  }

  // openpyxl reads it the same way.
  nlohmann::json view = openpyxl_view(patched.value());
  nlohmann::json old_view = openpyxl_view(original);
  ASSERT_TRUE(view.contains("回答")) << view.dump();
  const auto& cells = view["回答"]["cells"];
  EXPECT_EQ(cells["C2"], "はい");
  EXPECT_EQ(cells["C3"], "いいえ");
  EXPECT_EQ(cells["E4"], "追記: 2024年度から");
  EXPECT_EQ(cells["D5"], "数式を上書き");
  EXPECT_EQ(cells["A2"], "1-a");
  EXPECT_EQ(cells["B10"], "新しい行");
  EXPECT_EQ(cells["C6"], "改行\nと  空白 ");
  EXPECT_EQ(cells["A6"], "先");
  EXPECT_FALSE(cells.contains("C4"));
  EXPECT_EQ(view["表紙"]["cells"]["A4"], "回答者: 山田");
  for (const auto& [ref, value] : old_view["回答"]["cells"].items()) {
    CellAddress at = parse_cell_address(ref);
    if (!edited.count(at)) { EXPECT_EQ(cells[ref], value) << ref; }
  }
  EXPECT_EQ(view["回答"]["merged"], old_view["回答"]["merged"]);
  EXPECT_EQ(view["表紙"]["merged"], old_view["表紙"]["merged"]);
  EXPECT_EQ(view["回答"]["validations"], nlohmann::json::array({"C2:C5"}));
  EXPECT_EQ(view["回答"]["bold"]["A1"], true);
  for (const char* ref : {"C2", "C3", "C4"}) {
    EXPECT_EQ(view["回答"]["fills"][ref], old_view["回答"]["fills"][ref]) << ref;
    EXPECT_EQ(view["回答"]["fills"][ref], "FFFFF2CC") << ref;
  }
}

TEST(XlsxPatch, RejectsBadEdits) {
  std::string original = customer_file();
  auto expect = [&](const std::vector<CellEdit>& edits, const std::string& needle) {
    auto r = patch_xlsx(original, "customer.xlsx", edits);
    ASSERT_FALSE(r) << needle;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input) << r.error().describe();
    EXPECT_NE(r.error().describe().find(needle), std::string::npos) << r.error().describe();
  };
  expect({{"ない", {1, 1}, "x"}}, "the workbook has no sheet named ない");
  expect({{"回答", {1048577, 1}, "x"}}, "outside what Excel allows");
  expect({{"回答", {1, 16385}, "x"}}, "outside what Excel allows");
  expect({{"回答", {0, 1}, "x"}}, "outside what Excel allows");
  expect({{"回答", {2, 3}, "\xFF\xFE"}}, "customer.xlsx, sheet 回答, row 2, column C: the text for the cell is not valid UTF-8");
  expect({{"回答", {2, 3}, std::string(32768, 'a')}}, "longer than an Excel cell holds");
  expect({{"回答", {7, 2}, "x"}}, "inside the merged range A7:D7; write to A7");
  EXPECT_TRUE(patch_xlsx(original, "customer.xlsx", {{"回答", {7, 1}, "x"}}));
  EXPECT_TRUE(patch_xlsx(original, "customer.xlsx", {{"回答", {2, 3}, std::string(32767, 'a')}}));
  EXPECT_TRUE(patch_xlsx(original, "customer.xlsx", {{"回答", {1048576, 16384}, "x"}}));
  // Sheet names are matched the way Excel does, without regard to case.
  std::string latin = build_xlsx({{"Answers", worksheet("")}});
  auto r = patch_xlsx(latin, "a.xlsx", {{"answers", {1, 1}, "x"}});
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(read_xlsx(r.value(), "a.xlsx")->sheets[0].raw(1, 1), "x");
  // Broken files fail as they do for reading.
  EXPECT_FALSE(patch_xlsx("", "a.xlsx", {{"S", {1, 1}, "x"}}));
  EXPECT_FALSE(patch_xlsx(original.substr(0, original.size() / 2), "a.xlsx", {{"S", {1, 1}, "x"}}));
}

TEST(XlsxPatch, NoChangeReturnsTheSameBytes) {
  std::string original = customer_file();
  auto none = patch_xlsx(original, "customer.xlsx", {});
  ASSERT_TRUE(none);
  EXPECT_EQ(none.value(), original);
  // Clearing cells that do not exist changes nothing.
  auto clear = patch_xlsx(original, "customer.xlsx", {{"回答", {40, 4}, ""}});
  ASSERT_TRUE(clear) << clear.error().describe();
  EXPECT_EQ(entry_data(clear.value(), "xl/worksheets/sheet2.xml"), entry_data(original, "xl/worksheets/sheet2.xml"));
}

TEST(XlsxPatch, TextRoundTripsExactly) {
  std::string bytes = build_xlsx({{"S", worksheet("")}});
  std::vector<std::string> texts = {"  前後に空白  ", "a\r\nb", "制御\x01\x1F文字", "_x0041_ は文字どおり",
                                    "<&>\"'",         "\t",     "絵文字 😀",          "\xEF\xBF\xBE"};
  std::vector<CellEdit> edits;
  for (std::size_t i = 0; i < texts.size(); ++i) edits.push_back({"S", {static_cast<int>(i) + 1, 1}, texts[i]});
  auto patched = patch_xlsx(bytes, "a.xlsx", edits);
  ASSERT_TRUE(patched) << patched.error().describe();
  auto wb = read_xlsx(patched.value(), "a.xlsx");
  ASSERT_TRUE(wb) << wb.error().describe();
  for (std::size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(wb->sheets[0].raw(static_cast<int>(i) + 1, 1), texts[i]) << i;
  std::string xml = entry_data(patched.value(), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find('\r'), std::string::npos);
  EXPECT_NE(xml.find("_x000D_"), std::string::npos);
  auto view = openpyxl_view(patched.value());
  EXPECT_EQ(view["S"]["cells"]["A1"], "  前後に空白  ");
  EXPECT_EQ(view["S"]["cells"]["A7"], "絵文字 😀");
}

TEST(XlsxPatch, RowsAndCellsWithoutReferencesAndPrefixes) {
  // Rows and cells placed by order only: the patch gives them references
  // so that inserted ones do not move them.
  std::string sheet = worksheet("<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>");
  auto patched = patch_xlsx(build_xlsx({{"S", sheet}}), "a.xlsx", {{"S", {2, 3}, "x"}, {"S", {1, 1}, "y"}});
  ASSERT_TRUE(patched) << patched.error().describe();
  auto wb = read_xlsx(patched.value(), "a.xlsx");
  ASSERT_TRUE(wb);
  const XlsxSheet& s = wb->sheets[0];
  EXPECT_EQ(s.raw(1, 1), "y");
  EXPECT_EQ(s.raw(1, 2), "2");
  EXPECT_EQ(s.raw(2, 1), "3");
  EXPECT_EQ(s.raw(2, 3), "x");

  // <x:worksheet>: new elements get the same prefix.
  std::string prefixed = std::string("<x:worksheet xmlns:x=\"") + kMainNs +
                         "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:v></x:c></x:row></x:sheetData>"
                         "</x:worksheet>";
  auto p = patch_xlsx(build_xlsx({{"S", prefixed}}), "a.xlsx", {{"S", {1, 2}, "b"}, {"S", {3, 1}, "c"}});
  ASSERT_TRUE(p) << p.error().describe();
  std::string xml = entry_data(p.value(), "xl/worksheets/sheet1.xml");
  EXPECT_NE(xml.find("<x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">b</x:t></x:is></x:c>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<x:row r=\"3\">"), std::string::npos) << xml;
  auto back = read_xlsx(p.value(), "a.xlsx");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->sheets[0].raw(1, 2), "b");
  EXPECT_EQ(back->sheets[0].raw(3, 1), "c");
  EXPECT_EQ(openpyxl_view(p.value())["S"]["cells"]["B1"], "b");
}

TEST(XlsxPatch, NewCellsTakeTheRowOrColumnStyle) {
  std::string sheet = std::string("<worksheet xmlns=\"") + kMainNs +
                      "\"><cols><col min=\"3\" max=\"4\" width=\"20\" style=\"5\" customWidth=\"1\"/></cols>"
                      "<sheetData><row r=\"2\" s=\"7\" customFormat=\"1\" spans=\"1:1\"><c r=\"A2\"><v>1</v></c></row>"
                      "<row r=\"3\" spans=\"1:1\"><c r=\"A3\"><v>1</v></c></row></sheetData></worksheet>";
  auto p = patch_xlsx(build_xlsx({{"S", sheet}}), "a.xlsx",
                      {{"S", {2, 3}, "row style"}, {"S", {3, 4}, "column style"}, {"S", {3, 6}, "none"}});
  ASSERT_TRUE(p) << p.error().describe();
  std::string xml = entry_data(p.value(), "xl/worksheets/sheet1.xml");
  EXPECT_NE(xml.find("<c r=\"C2\" s=\"7\" t=\"inlineStr\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<c r=\"D3\" s=\"5\" t=\"inlineStr\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<c r=\"F3\" t=\"inlineStr\">"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("spans="), std::string::npos) << "spans no longer match: dropped";
}

TEST(XlsxPatch, FormulasAndTheCalculationChain) {
  std::string sheet = worksheet(
      "<row r=\"1\"><c r=\"A1\"><f>1+1</f><v>2</v></c><c r=\"B1\"><f>A1*2</f><v>4</v></c></row>"
      "<row r=\"2\"><c r=\"A2\"><f t=\"shared\" ref=\"A2:A4\" si=\"0\">B1+1</f><v>5</v></c></row>"
      "<row r=\"3\"><c r=\"A3\"><f t=\"shared\" si=\"0\"/><v>5</v></c></row>"
      "<row r=\"4\"><c r=\"A4\"><f t=\"shared\" si=\"0\"/><v>5</v></c>"
      "<c r=\"C4\"><f t=\"array\" ref=\"C4:C5\">A1:A2*2</f><v>4</v></c></row>"
      "<row r=\"5\"><c r=\"C5\"><v>10</v></c></row>");
  std::string other = worksheet("<row r=\"1\"><c r=\"A1\"><f>1</f><v>1</v></c></row>");
  std::string chain = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><calcChain xmlns=\"") + kMainNs +
                      "\"><c r=\"A1\" i=\"1\" l=\"1\"/><c r=\"B1\"/><c r=\"A2\"/><c r=\"A3\"/><c r=\"A4\"/>"
                      "<c r=\"C4\" a=\"1\"/><c r=\"A1\" i=\"2\"/></calcChain>";
  std::string bytes = build_xlsx({{"S", sheet}, {"T", other}}, "", {{"xl/calcChain.xml", chain}});

  // The shared formula's first cell holds the text the others use.
  auto shared = patch_xlsx(bytes, "a.xlsx", {{"S", {2, 1}, "x"}});
  ASSERT_FALSE(shared);
  EXPECT_NE(shared.error().describe().find("row 2, column A: the cell holds the shared formula"), std::string::npos)
      << shared.error().describe();
  // ... unless all of them are overwritten.
  EXPECT_TRUE(patch_xlsx(bytes, "a.xlsx", {{"S", {2, 1}, "x"}, {"S", {3, 1}, "y"}, {"S", {4, 1}, "z"}}));
  // Part of an array formula.
  auto array = patch_xlsx(bytes, "a.xlsx", {{"S", {5, 3}, "x"}});
  ASSERT_FALSE(array);
  EXPECT_NE(array.error().message.find("array formula in C4:C5"), std::string::npos) << array.error().describe();

  // Overwriting formulas removes them from calcChain.xml; the sheet id of a
  // removed entry passes to the next one.
  auto p = patch_xlsx(bytes, "a.xlsx", {{"S", {1, 1}, "x"}, {"S", {3, 1}, ""}});
  ASSERT_TRUE(p) << p.error().describe();
  std::string new_chain = entry_data(p.value(), "xl/calcChain.xml");
  EXPECT_NE(new_chain.find("<c r=\"B1\" i=\"1\" l=\"1\"/><c r=\"A2\"/><c r=\"A4\"/><c r=\"C4\" a=\"1\"/>"), std::string::npos)
      << new_chain;
  EXPECT_NE(new_chain.find("<c r=\"A1\" i=\"2\"/>"), std::string::npos) << new_chain;
  EXPECT_EQ(entry_data(p.value(), "xl/_rels/workbook.xml.rels"), entry_data(bytes, "xl/_rels/workbook.xml.rels"));
  auto wb = read_xlsx(p.value(), "a.xlsx");
  ASSERT_TRUE(wb);
  EXPECT_EQ(wb->sheets[0].raw(1, 1), "x");
  EXPECT_EQ(wb->sheets[0].raw(3, 1), "");
  EXPECT_EQ(wb->sheets[0].raw(1, 2), "4");
  EXPECT_EQ(wb->sheets[1].raw(1, 1), "1");

  // When no formula is left, the chain goes, with its relationship and
  // content type.
  std::string single = build_xlsx({{"S", worksheet("<row r=\"1\"><c r=\"A1\"><f>1</f><v>1</v></c></row>")}}, "",
                                  {{"xl/calcChain.xml", std::string("<calcChain xmlns=\"") + kMainNs +
                                                            "\"><c r=\"A1\" i=\"1\"/></calcChain>"}});
  auto gone = patch_xlsx(single, "a.xlsx", {{"S", {1, 1}, "x"}});
  ASSERT_TRUE(gone) << gone.error().describe();
  std::set<std::string> names;
  for (const auto& e : zip_entries(gone.value())) names.insert(e.name);
  EXPECT_FALSE(names.count("xl/calcChain.xml"));
  EXPECT_EQ(entry_data(gone.value(), "xl/_rels/workbook.xml.rels").find("calcChain"), std::string::npos);
  EXPECT_EQ(entry_data(gone.value(), "[Content_Types].xml").find("calcChain"), std::string::npos);
  EXPECT_NE(entry_data(gone.value(), "[Content_Types].xml").find("/xl/workbook.xml"), std::string::npos);
  EXPECT_EQ(zip_entries(gone.value())[0].name, "[Content_Types].xml");
  auto view = openpyxl_view(gone.value());
  EXPECT_EQ(view["S"]["cells"]["A1"], "x");
}

TEST(XlsxPatch, LimitsApply) {
  std::string original = customer_file();
  XlsxLimits limits;
  limits.max_file_bytes = 100;
  auto r = patch_xlsx(original, "customer.xlsx", {{"回答", {2, 3}, "はい"}}, limits);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::too_large);
  static const std::string bomb = [] {
    std::string xml = std::string("<worksheet xmlns=\"") + kMainNs + "\"><sheetData>";
    xml.append(150u << 20, ' ');
    return xml + "</sheetData></worksheet>";
  }();
  auto b = patch_xlsx(build_xlsx({{"S", bomb}}), "a.xlsx", {{"S", {1, 1}, "x"}});
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, ErrorCode::too_large);
  EXPECT_EQ(b.error().where.sheet, "S");
}

}  // namespace
}  // namespace mamori::formats
