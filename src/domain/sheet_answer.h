// How a check-sheet answer is read from what people type: ○ 〇 ◯ O Yes はい
// 対応済 … for yes, × ✕ ☓ X No いいえ 未対応 … for no, － - N/A 該当なし
// 対象外 for not applicable, full- or half-width, any case. Anything else is
// unreadable and reported, never guessed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori::domain {

enum class AnswerValue { yes, no, not_applicable, blank, unreadable };

const char* to_string(AnswerValue answer);  // yes | no | na | blank | unreadable
std::optional<AnswerValue> parse_answer_value(std::string_view text);  // the inverse

AnswerValue read_answer(std::string_view cell_text);

// The symbol mamori writes for an answer in a sheet (○, ×, －, "").
const char* answer_symbol(AnswerValue answer);

}  // namespace mamori::domain
