#include "domain/sheet_tailoring.h"

#include <algorithm>

#include "domain/sheet_columns.h"
#include "domain/text.h"

namespace mamori::domain {

const char* to_string(ItemChange change) {
  switch (change) {
    case ItemChange::none: return "none";
    case ItemChange::added: return "added";
    case ItemChange::reworded: return "reworded";
    case ItemChange::dropped: return "dropped";
  }
  return "none";
}

std::optional<ItemChange> parse_item_change(std::string_view text) {
  for (auto c : {ItemChange::none, ItemChange::added, ItemChange::reworded, ItemChange::dropped})
    if (text == to_string(c)) return c;
  return std::nullopt;
}

namespace {

std::optional<SheetRuleProblem> text_problem(std::string_view text, const char* field, std::size_t max,
                                             const char* what_en, const char* what_ja) {
  if (!is_valid_utf8(text))
    return SheetRuleProblem{field, "invalid", std::string(what_en) + " is not valid UTF-8",
                            std::string(what_ja) + "の文字コードが不正です"};
  if (fold_for_search(text).empty())
    return SheetRuleProblem{field, "required", std::string(what_en) + " is required",
                            std::string(what_ja) + "を入力してください"};
  if (utf8_length(text) > max)
    return SheetRuleProblem{field, "too_long",
                            std::string(what_en) + " is longer than " + std::to_string(max) + " characters",
                            std::string(what_ja) + "は" + std::to_string(max) + "文字以内にしてください"};
  return std::nullopt;
}

}  // namespace

std::optional<SheetRuleProblem> change_reason_problem(std::string_view reason) {
  if (auto p = text_problem(reason, "reason", kMaxReasonLength, "the reason for the change", "変更理由")) {
    if (p->reason == "required") {
      p->en = "every change to the questions needs a reason";
      p->ja = "設問の追加・変更・削除には理由が必要です";
    }
    return p;
  }
  return std::nullopt;
}

std::optional<SheetRuleProblem> added_ref_problem(std::string_view ref, const std::vector<std::string>& taken) {
  if (ref.empty())
    return SheetRuleProblem{"ref", "required", "the item number is required", "項番を入力してください"};
  if (normalize_item_ref(ref) != ref)
    return SheetRuleProblem{"ref", "invalid_ref",
                            "the item number must be like 6-1, 5-38 or 12.2.1 (so a returned file reads it back)",
                            "項番は 6-1、5-38、12.2.1 のような形式にしてください（回答ファイルから読み取るため）"};
  if (ref == "1" || ref == "2")
    return SheetRuleProblem{"ref", "reserved_ref", "items 1 and 2 are the sheet's own questions (information, ISMAP listing)",
                            "項番1・2はシート冒頭の設問（取り扱う情報・ISMAP登録）に使われています"};
  if (std::find(taken.begin(), taken.end(), ref) != taken.end())
    return SheetRuleProblem{"ref", "duplicate_ref", "the sheet already has an item " + std::string(ref),
                            "項番 " + std::string(ref) + " は既にあります（削除済みの項目を含む）"};
  return std::nullopt;
}

std::optional<SheetRuleProblem> item_title_problem(std::string_view title) {
  return text_problem(title, "title", kMaxItemTitleLength, "the item's title", "項目名");
}

std::optional<SheetRuleProblem> requirement_problem(std::string_view requirement) {
  return text_problem(requirement, "requirement", kMaxRequirementLength, "the requirement", "概要要件");
}

std::optional<ItemChange> after_rewording(ItemChange current) {
  switch (current) {
    case ItemChange::none:
    case ItemChange::reworded: return ItemChange::reworded;
    case ItemChange::added: return ItemChange::added;
    case ItemChange::dropped: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace mamori::domain
