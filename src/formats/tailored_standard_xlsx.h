// A tailored control standard (個別管理基準) as an .xlsx the ISMS office
// files and hands to the auditor: one row per item with its number, text,
// 必須/推奨, 技術的検証項目 and review interval, each attribute type in its
// own column, origin, internal regulations and the reasons of every change
// that shaped it; a second sheet with the whole change log (修正理由).
#pragma once

#include <string>
#include <vector>

#include "domain/catalog.h"
#include "domain/error.h"
#include "domain/tailored_standard.h"

namespace mamori::formats {

struct StandardLogEntry {
  int seq = 0;
  int step = 0;
  std::string kind;
  std::string items;  // the numbers acted on, as people read them
  std::string reason;
  std::string by;
  std::string at;
};

struct StandardWorkbook {
  std::string name;
  std::string base;     // "ismap-2024 2024-08-01"
  std::string version;  // "第2版 (承認済み)" or "ドラフト"
  int review_months = 12;
  std::vector<domain::AttributeType> vocabulary;  // column headers for the 27002 types
  std::vector<domain::TailoredItem> items;
  std::vector<StandardLogEntry> log;  // every operation, in order
};

Result<std::string> tailored_standard_xlsx(const StandardWorkbook& book);

}  // namespace mamori::formats
