// Which column of a check sheet holds what, from its header text: the
// layout of seed 000 and the variants people use (項番 / No. / 番号,
// 適合状況 / 回答, 備考 / 代替対策, 要求事項 / 概要要件, ISMAP管理基準番号 …).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori::domain {

enum class ColumnRole {
  ref,             // 項番
  title,           // 項目名
  requirement,     // 概要要件 / 要求事項
  answer,          // 適合状況 (○/×)
  remarks,         // 備考 (×の場合の代替対策)
  ismap_title,     // ISMAP管理基準 項目名
  ismap_ref,       // ISMAP管理基準番号
  classification,  // 機密性
  details,         // 取り扱う（保存する）情報の詳細
  provider,        // 採用クラウドサービス企業
  service,         // 採用クラウドサービス名称
  listing_kind,    // ISMAP or ISMAP-LIU
};

const char* to_string(ColumnRole role);

// The role of a header cell, or nullopt when it is not a known header.
std::optional<ColumnRole> column_role(std::string_view header_text);

// column_role(text) == ColumnRole::ref (the item number header), found
// without the other roles' rules: importers ask it about every cell of a
// row before asking column_role about the cells of a header row.
bool is_ref_header(std::string_view text);

// An item number as written ("５－２０", "No.5-20", "5ｰ20 ") in the form
// templates use ("5-20"); "" when it is not an item number.
std::string normalize_item_ref(std::string_view text);

// 機密性 as written ("機密性3B", "機密性 3 B", "3b", "２") -> "3B" | "3C" | "2",
// or "" when it is none of them.
std::string normalize_classification(std::string_view text);

}  // namespace mamori::domain
