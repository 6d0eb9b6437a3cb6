#include "domain/sheet_answer.h"

#include <array>

#include "domain/text.h"

namespace mamori::domain {

namespace {

// Folded spellings (fold_for_search: full-width ASCII -> ASCII, lower case).
constexpr std::array<std::string_view, 12> kYes{"○", "〇", "◯", "o", "yes", "y", "はい", "対応", "対応済", "対応済み", "済", "可"};
constexpr std::array<std::string_view, 12> kNo{"×", "✕", "☓", "✖", "x", "no", "n", "いいえ", "未対応", "非対応", "否", "不可"};
constexpr std::array<std::string_view, 13> kNotApplicable{"－", "-", "‐", "―", "—", "ー", "n/a", "na", "該当なし", "対象外",
                                                          "非該当", "該当しない", "適用外"};

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& spellings) {
  for (auto v : spellings)
    if (s == v) return true;
  return false;
}

// Trailing full stops and brackets people add ("○。", "(○)", "「×」").
std::string trimmed(std::string folded) {
  for (std::string_view edge : {"。", ".", "、", ",", "（", "）", "(", ")", "「", "」", "【", "】", " "}) {
    while (folded.size() >= edge.size() && folded.compare(folded.size() - edge.size(), edge.size(), edge) == 0)
      folded.erase(folded.size() - edge.size());
    while (folded.rfind(edge, 0) == 0) folded.erase(0, edge.size());
  }
  return folded;
}

}  // namespace

const char* to_string(AnswerValue answer) {
  switch (answer) {
    case AnswerValue::yes: return "yes";
    case AnswerValue::no: return "no";
    case AnswerValue::not_applicable: return "na";
    case AnswerValue::blank: return "blank";
    case AnswerValue::unreadable: return "unreadable";
  }
  return "unreadable";
}

std::optional<AnswerValue> parse_answer_value(std::string_view text) {
  for (auto a : {AnswerValue::yes, AnswerValue::no, AnswerValue::not_applicable, AnswerValue::blank, AnswerValue::unreadable})
    if (text == to_string(a)) return a;
  return std::nullopt;
}

AnswerValue read_answer(std::string_view cell_text) {
  const std::string s = trimmed(fold_for_search(cell_text));
  if (s.empty()) return AnswerValue::blank;
  if (one_of(s, kYes)) return AnswerValue::yes;
  if (one_of(s, kNo)) return AnswerValue::no;
  if (one_of(s, kNotApplicable)) return AnswerValue::not_applicable;
  return AnswerValue::unreadable;
}

const char* answer_symbol(AnswerValue answer) {
  switch (answer) {
    case AnswerValue::yes: return "○";
    case AnswerValue::no: return "×";
    case AnswerValue::not_applicable: return "－";
    default: return "";
  }
}

}  // namespace mamori::domain
