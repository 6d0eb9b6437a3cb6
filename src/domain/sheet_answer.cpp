#include "domain/sheet_answer.h"

#include <algorithm>
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
constexpr std::array<std::string_view, 13> kEdgeMarks{"。", ".", "、", ",", "（", "）", "(", ")", "「", "」", "【", "】", " "};

// Strips each mark in turn: its trailing copies, then its leading ones. A
// view, not a copy: every answer cell of a sheet passes here.
std::string_view trimmed(std::string_view folded) {
  // Most answers ("○") neither start nor end with a byte any mark does.
  auto may_trim = [&](std::string_view s) {
    for (std::string_view edge : kEdgeMarks)
      if (edge.front() == s.front() || edge.back() == s.back()) return true;
    return false;
  };
  if (folded.empty() || !may_trim(folded)) return folded;
  for (std::string_view edge : kEdgeMarks) {
    while (folded.ends_with(edge)) folded.remove_suffix(edge.size());
    while (folded.starts_with(edge)) folded.remove_prefix(edge.size());
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
  const std::string f = fold_for_search(cell_text);
  const std::string_view s = trimmed(f);
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


namespace {

std::string trim_spaces(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  std::size_t b = 0;
  while (b < text.size() && (text[b] == ' ' || text[b] == '\t')) ++b;
  return text.substr(b);
}

// "適合状況 (○/×)" -> {"○", "×"}: the text inside the first bracket pair,
// split on the separators people use between choices.
std::vector<std::string> bracketed_choices(std::string_view header) {
  const std::string h(header);
  std::size_t open = std::string::npos, open_len = 0;
  for (std::string_view o : {"(", "（", "【", "["}) {
    auto at = h.find(o);
    if (at != std::string::npos && at < open) open = at, open_len = o.size();
  }
  if (open == std::string::npos) return {};
  std::size_t close = std::string::npos;
  for (std::string_view c : {")", "）", "】", "]"}) close = std::min(close, h.find(c, open + open_len));
  if (close == std::string::npos) return {};
  const std::string inside = h.substr(open + open_len, close - open - open_len);
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < inside.size();) {
    bool split = false;
    for (std::string_view sep : {"/", "／", "・", "、", ",", "，", "|", "｜"})
      if (inside.compare(i, sep.size(), sep) == 0) {
        out.push_back(trim_spaces(current));
        current.clear();
        i += sep.size();
        split = true;
        break;
      }
    if (split) continue;
    current += inside[i++];
  }
  out.push_back(trim_spaces(current));
  return out;
}

}  // namespace

const std::string& AnswerSpelling::of(AnswerValue answer) const {
  static const std::string none;
  switch (answer) {
    case AnswerValue::yes: return yes;
    case AnswerValue::no: return no;
    case AnswerValue::not_applicable: return not_applicable;
    default: return none;
  }
}

AnswerSpelling infer_answer_spelling(std::string_view header, const std::vector<std::string>& existing) {
  AnswerSpelling out;
  bool yes = false, no = false, na = false;
  auto take = [&](const std::string& text) {
    const std::string t = trim_spaces(text);
    // "O/x" is how ○/× come out of a keyboard without the symbols (seed 000
    // prints it so): write the symbols the writer meant.
    if (t == "o" || t == "O" || t == "x" || t == "X") return;
    switch (read_answer(t)) {
      case AnswerValue::yes:
        if (!yes) out.yes = t, yes = true;
        break;
      case AnswerValue::no:
        if (!no) out.no = t, no = true;
        break;
      case AnswerValue::not_applicable:
        if (!na) out.not_applicable = t, na = true;
        break;
      default: break;
    }
  };
  for (const auto& choice : bracketed_choices(header)) take(choice);
  for (const auto& cell : existing) take(cell);
  return out;
}

}  // namespace mamori::domain
