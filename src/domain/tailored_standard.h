// The tailored control standard (個別管理基準, seed 002 II): an
// organisation's own set of control items derived from a base catalog by the
// seven steps ① take items (and reword, split, merge them) ② add what laws
// require ③ add from other standards ④ add what the organisation needs
// ⑤ align with internal regulations ⑥ choose 必須 or 推奨 ⑦ mark
// 技術的検証項目, every change with its reason (修正理由).
//
// Design: the standard IS its operation log. The item list is computed by
// applying the recorded operations, in order, to nothing (the first "take"
// brings in the base items). Nothing else is stored as the truth, so every
// item's history explains exactly how it came to be (what an auditor asks,
// and what a successor needs, seed 002 II.1), and the history can never
// drift from the items. Operations carry the content they introduce (a take
// holds the taken items' text and attributes as the catalog had them), so
// replay needs no catalog. Approval snapshots the result (see app/).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog.h"
#include "domain/error.h"

namespace mamori::domain {

// ⑥: 必須項目 (must be met) or 推奨項目 (met where possible).
enum class ItemLevel { required, recommended };
const char* to_string(ItemLevel level);  // required | recommended
std::optional<ItemLevel> parse_item_level(std::string_view text);

// ⑤: a clause of an internal regulation (組織内規定) an item corresponds to.
struct RegulationRef {
  std::string name;    // 情報セキュリティ規程
  std::string clause;  // 第12条
  bool operator==(const RegulationRef&) const = default;
};

struct TailoredItem {
  // Stable identity inside the standard: "<seq>.<n>", the operation that
  // created it and its place there. Numbers can be reworded; keys cannot.
  std::string key;
  std::string number;  // as the organisation prints it: "5a-5.4", "4.8.2.2"
  std::string title;
  std::string text;
  std::vector<std::string> origin;  // "catalog:ref" it derives from; empty for an own item
  std::string source;               // a citation outside the catalogs (a law, a guideline), "" when none
  ItemLevel level = ItemLevel::required;
  bool technical = false;  // ⑦ 技術的検証項目
  int review_months = 0;   // technical items: their own, shorter review interval; 0 otherwise
  AttributeValues attributes;  // 27002:2022 types and the organisation's own
  std::vector<RegulationRef> regulations;
  std::vector<int> history;  // seq of every operation that shaped it, in order
  bool operator==(const TailoredItem&) const = default;
};

enum class OperationKind {
  take,            // ① items from the base catalog
  remove,          // ① 取捨選択: an item the organisation does not need
  reword,          // ① 適切な表現に修正
  split,           // ① 分割
  merge,           // ① 統合
  add,             // ②③④ from a law, another standard, or the organisation's own
  align,           // ⑤ internal regulation references (and wording kept consistent)
  set_level,       // ⑥ 必須 / 推奨
  set_technical,   // ⑦ 技術的検証項目 and its review interval
  set_attributes,  // attribute values (27002's or the organisation's own)
};
const char* to_string(OperationKind kind);
std::optional<OperationKind> parse_operation_kind(std::string_view text);

// The content an operation brings in (take, add, split parts, merge result)
// or the new wording (reword: empty number/title keep the old ones).
struct ItemContent {
  std::string number;
  std::string title;
  std::string text;
  std::vector<std::string> origin;
  std::string source;
  AttributeValues attributes;
  bool operator==(const ItemContent&) const = default;
};

struct Operation {
  int seq = 0;  // 1, 2, … in the order applied
  OperationKind kind = OperationKind::take;
  std::string reason;              // required: 修正理由 / 追加理由
  std::vector<std::string> items;  // keys acted on
  std::vector<ItemContent> content;
  int add_step = 4;      // add: 2 law, 3 another standard, 4 the organisation's own need
  std::string after;     // add: insert after this key ("" = at the end)
  ItemLevel level = ItemLevel::required;       // set_level
  bool technical = false;                      // set_technical
  int review_months = 0;                       // set_technical (when technical)
  std::vector<RegulationRef> regulations;      // align
  std::string text;                            // align: new wording, "" keeps it
  AttributeValues attributes;                  // set_attributes: these types replaced
  bool operator==(const Operation&) const = default;
};

// Which of the seven steps an operation belongs to (1–7); 0 for
// set_attributes, which classifies rather than derives.
int step_of(const Operation& op);

struct DerivationRules {
  int review_months = 12;  // the standard's review interval; technical items must be shorter
  // Attribute types with a closed vocabulary (27002:2022); values of these
  // types must be in it. Any other type is the organisation's own.
  std::vector<AttributeType> vocabulary;
};

inline constexpr std::size_t kMaxItemTextChars = 8000;
inline constexpr std::size_t kMaxItemTitleChars = 1000;
inline constexpr std::size_t kMaxNumberChars = 64;
inline constexpr std::size_t kMaxOperationReasonChars = 2000;
inline constexpr std::size_t kMaxTakeItems = 2000;
inline constexpr int kMaxReviewMonths = 120;

// Applies one operation to the items. invalid_input names the field in
// error (reason, items, content, number, text, origin, after, review_months,
// attributes, regulations, add_step) and leaves `items` unchanged.
Status apply_operation(std::vector<TailoredItem>& items, const Operation& op, const DerivationRules& rules);

// Applies all operations in order; the error names the seq that failed.
Result<std::vector<TailoredItem>> derive_items(const std::vector<Operation>& ops, const DerivationRules& rules);

// The union of attribute values in type order of first appearance (an item
// merged from two controls keeps both controls' attributes).
AttributeValues merge_attributes(const std::vector<AttributeValues>& sets);

// "catalog:ref" with both parts non-empty.
bool valid_origin(std::string_view origin);

}  // namespace mamori::domain
