// How a check-sheet answer is read from what people type: ○ 〇 ◯ O Yes はい
// 対応済 … for yes, × ✕ ☓ X No いいえ 未対応 … for no, － - N/A 該当なし
// 対象外 for not applicable, full- or half-width, any case. Anything else is
// unreadable and reported, never guessed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::domain {

enum class AnswerValue { yes, no, not_applicable, blank, unreadable };

const char* to_string(AnswerValue answer);  // yes | no | na | blank | unreadable
std::optional<AnswerValue> parse_answer_value(std::string_view text);  // the inverse

AnswerValue read_answer(std::string_view cell_text);

// The symbol mamori writes for an answer in a sheet (○, ×, －, "").
const char* answer_symbol(AnswerValue answer);


// How a customer writes its answers, so write-back uses the customer's own
// words: from the answer column's header ("回答 (はい/いいえ)", "適合状況
// (○/×)") and from answers already in the column. What neither shows keeps
// mamori's symbol (answer_symbol).
struct AnswerSpelling {
  std::string yes = "○";
  std::string no = "×";
  std::string not_applicable = "－";
  const std::string& of(AnswerValue answer) const;  // "" for blank/unreadable
};

// `header`: the answer column's header text; `existing`: cells of that
// column as they are. The header's bracketed choices win over existing
// answers; the first spelling seen of each value is used.
AnswerSpelling infer_answer_spelling(std::string_view header, const std::vector<std::string>& existing);

}  // namespace mamori::domain
