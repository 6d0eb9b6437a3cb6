#include "domain/sheet_columns.h"

#include <string.h>


#include "domain/text.h"

namespace mamori::domain {

namespace {

// Folded, without spaces and without bracketed notes: "適合状況 (○/×)" ->
// "適合状況", "備考（「×」の場合の代替対策の提示）" -> "備考".
std::string core(std::string_view text) {
  const std::string s = fold_for_search(text);
  std::string out;
  out.reserve(s.size());
  constexpr std::string_view kOpen = "（", kClose = "）";
  int depth = 0;
  std::size_t run = 0;  // start of the text being kept since the last bracket or space
  auto keep_run = [&](std::size_t end) {
    if (depth == 0) out.append(s, run, end - run);
  };
  // Byte by byte, but whole runs are appended: every cell of an imported
  // sheet comes through here while the importer looks for a header row.
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    std::size_t skip = 0;
    int step = 0;
    if (c == '(') {
      skip = 1, step = 1;
    } else if (c == kOpen[0] && s.compare(i, kOpen.size(), kOpen) == 0) {
      skip = kOpen.size(), step = 1;
    } else if (c == ')') {
      skip = 1, step = -1;
    } else if (c == kClose[0] && s.compare(i, kClose.size(), kClose) == 0) {
      skip = kClose.size(), step = -1;
    } else if (c == ' ') {
      skip = 1;
    }
    if (skip == 0) {
      ++i;
      continue;
    }
    keep_run(i);
    if (step > 0) ++depth;
    if (step < 0 && depth > 0) --depth;
    i += skip;
    run = i;
  }
  keep_run(s.size());
  return out;
}

// memmem, not std::string::find: find stops at every occurrence of the first
// byte, and in Japanese text the lead byte of a kana or kanji is everywhere.
bool contains(std::string_view s, std::string_view part) {
  return memmem(s.data(), s.size(), part.data(), part.size()) != nullptr;
}

// True when core(text) is surely longer than `limit` bytes, found without
// folding: the importers ask column_role about every cell while looking for
// a header row, and most cells are requirement texts of a few hundred
// characters. A code point outside brackets that is not a space, a bracket
// or a voiced mark (which may join the kana before it) stays in core():
// ASCII as one byte, full-width ASCII folded to one, any other three-byte
// one as three (a kana a mark joins stays three). Folding keeps brackets
// where they are (（ becomes "("), so the depth counted here is core()'s.
// Only ASCII and well-formed three-byte sequences are counted; the rest may
// be dropped as invalid.
bool core_surely_longer_than(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return false;
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t count = 0;
  int depth = 0;
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = b[i];
    if (c < 0x80) {
      ++i;
      if (c == '(') {
        ++depth;
      } else if (c == ')') {
        if (depth > 0) --depth;
      } else if (depth == 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') {
        ++count;
      }
    } else if ((c & 0xF0) == 0xE0 && i + 2 < n && (b[i + 1] & 0xC0) == 0x80 && (b[i + 2] & 0xC0) == 0x80) {
      const char32_t cp = (static_cast<char32_t>(c & 0x0F) << 12) | (static_cast<char32_t>(b[i + 1] & 0x3F) << 6) |
                          static_cast<char32_t>(b[i + 2] & 0x3F);
      i += 3;
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) continue;  // invalid: fold drops its bytes
      if (cp == 0xFF08) {
        ++depth;
      } else if (cp == 0xFF09) {
        if (depth > 0) --depth;
      } else if (depth == 0 && cp != 0x3000 && cp != 0x309B && cp != 0x309C && cp != 0xFF9E && cp != 0xFF9F) {
        count += cp >= 0xFF01 && cp <= 0xFF5E ? 1 : 3;  // full-width ASCII folds to one byte; the rest keep three
      }
    } else {
      ++i;  // not counted; a bracket is never here, so the depth stays right
    }
    if (count > limit) return true;
  }
  return false;
}

// The words for the item number column (core() form). None of them is
// taken by a rule column_role checks before this one, so a header is the
// item number column exactly when its core is one of these.
constexpr std::string_view kRefWords[] = {"項番",     "no",       "no.",      "番号", "項目番号", "通番",
                                          "#",        "質問番号", "設問番号", "管理番号", "id",
                                          "itemno.",  "itemno",   "q.no",     "qno"};
constexpr std::size_t kLongestRefWord = std::string_view("質問番号").size();

constexpr bool has_ascii_digit(std::string_view s) {
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  return false;
}
constexpr bool no_ref_word_has_a_digit() {
  for (std::string_view w : kRefWords)
    if (has_ascii_digit(w)) return false;
  return true;
}
static_assert(no_ref_word_has_a_digit(), "surely_not_ref_word rules out cells by their digits");

bool is_ref_word(std::string_view core_text) {
  for (std::string_view w : kRefWords)
    if (core_text == w) return true;
  return false;
}

}  // namespace

const char* to_string(ColumnRole role) {
  switch (role) {
    case ColumnRole::ref: return "ref";
    case ColumnRole::title: return "title";
    case ColumnRole::requirement: return "requirement";
    case ColumnRole::answer: return "answer";
    case ColumnRole::remarks: return "remarks";
    case ColumnRole::ismap_title: return "ismap_title";
    case ColumnRole::ismap_ref: return "ismap_ref";
    case ColumnRole::classification: return "classification";
    case ColumnRole::details: return "details";
    case ColumnRole::provider: return "provider";
    case ColumnRole::service: return "service";
    case ColumnRole::listing_kind: return "listing_kind";
  }
  return "ref";
}

std::optional<ColumnRole> column_role(std::string_view header_text) {
  if (core_surely_longer_than(header_text, 200)) return std::nullopt;
  const std::string folded = core(header_text);
  // A view, so that each == below compares lengths first: std::string ==
  // const char* runs strlen and memcmp for every one of these words, and
  // the importers ask about every short cell of a sheet.
  const std::string_view s = folded;
  if (s.empty() || s.size() > 200) return std::nullopt;
  // Most specific first: "ISMAP管理基準 項目名" also contains 項目名.
  if (contains(s, "ismap") && (contains(s, "番号") || contains(s, "no"))) return ColumnRole::ismap_ref;
  if (contains(s, "ismap") && (contains(s, "項目名") || contains(s, "名称"))) return ColumnRole::ismap_title;
  if (contains(s, "ismap") && (contains(s, "liu") || contains(s, "区分"))) return ColumnRole::listing_kind;
  if (s == "管理基準番号" || s == "管理策番号" || s == "基準番号") return ColumnRole::ismap_ref;
  if (contains(s, "クラウドサービス企業") || contains(s, "事業者名") || s == "事業者" || s == "提供事業者")
    return ColumnRole::provider;
  if (contains(s, "クラウドサービス名") || s == "サービス名" || s == "サービス名称") return ColumnRole::service;
  if (contains(s, "情報の詳細")) return ColumnRole::details;
  if (s == "機密性" || s == "格付" || s == "機密性区分" || s == "情報の機密性") return ColumnRole::classification;
  if (is_ref_word(s)) return ColumnRole::ref;
  if (contains(s, "適合状況") || contains(s, "対応状況") || contains(s, "準拠状況") || contains(s, "実施状況") ||
      s == "回答" || s == "適合" || s == "可否" || s == "○×" || s == "answer" || s == "回答欄" ||
      // Customers' questionnaires (the vendor side): more words for the same column.
      contains(s, "遵守状況") || contains(s, "充足状況") || s == "対応可否" || s == "適否" || s == "回答区分" ||
      s == "対応有無" || s == "yes/no" || s == "y/n" || s == "response" || s == "compliance" || s == "answers" ||
      ((contains(s, "○") || contains(s, "〇")) && (contains(s, "×") || contains(s, "✕")) && s.size() <= 12))
    return ColumnRole::answer;
  if (s == "備考" || contains(s, "代替対策") || contains(s, "代替策") || s == "コメント" || s == "補足" ||
      s == "説明" || s == "回答補足" || s == "理由" || s == "remarks" || s == "補足説明" || s == "回答内容" ||
      s == "回答詳細" || s == "対応内容" || s == "対策内容" || contains(s, "具体的な対応") || s == "備考欄" ||
      s == "特記事項" || s == "comment" || s == "comments" || s == "note" || s == "notes" || s == "explanation")
    return ColumnRole::remarks;
  if (s == "概要要件" || s == "要求事項" || s == "要件" || s == "要求内容" || s == "確認内容" || s == "確認事項" ||
      s == "質問" || s == "質問内容" || s == "要求要件" || s == "質問事項" || s == "質問項目" || s == "質問文" ||
      s == "設問" || s == "チェック項目" || s == "確認項目" || s == "点検項目" || s == "評価項目" || s == "内容" ||
      s == "要件内容" || s == "セキュリティ要件" || s == "question" || s == "questions" || s == "requirement" ||
      s == "requirements" || s == "control")
    return ColumnRole::requirement;
  if (s == "項目名" || s == "項目" || s == "大項目" || s == "分類" || s == "item" || s == "category")
    return ColumnRole::title;
  return std::nullopt;
}

namespace {

// No word of kRefWords has a digit, and core() keeps every digit outside
// brackets; without any opening bracket ('(' or （, which starts with 0xEF)
// every ASCII digit is outside them. The item numbers of a sheet's item
// rows ("5.1.1.PB") are the short cells this rules out without folding.
bool surely_not_ref_word(std::string_view text) {
  bool digit = false;
  for (char c : text) {
    if (c == '(' || c == '\xEF') return false;
    if (c >= '0' && c <= '9') digit = true;
  }
  return digit;
}

}  // namespace

bool is_ref_header(std::string_view text) {
  // Long texts are passed over without folding them: most cells of a sheet
  // are requirement texts of a few hundred characters.
  if (text.empty() || core_surely_longer_than(text, kLongestRefWord) || surely_not_ref_word(text)) return false;
  return is_ref_word(core(text));
}

std::string normalize_item_ref(std::string_view text) {
  const std::string s = fold_for_search(text);
  // Copy without spaces, turning the dashes people use between the numbers
  // into "-".
  static constexpr std::string_view kDashes[] = {"ー", "‐", "―", "—", "−", "－"};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    // Every dash is a multi-byte character: ASCII is copied without
    // comparing it with each of them.
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      if (s[i] != ' ') out += s[i];
      ++i;
      continue;
    }
    bool dash = false;
    for (auto d : kDashes)
      if (s.compare(i, d.size(), d) == 0) {
        out += '-';
        i += d.size();
        dash = true;
        break;
      }
    if (dash) continue;
    if (s[i] != ' ') out += s[i];
    ++i;
  }
  if (out.rfind("no.", 0) == 0) out = out.substr(3);
  else if (out.rfind("no", 0) == 0) out = out.substr(2);
  // Matched by hand rather than with std::regex, which took a good part of
  // a check-sheet import (two refs per row):
  //   summary  \d{1,2}(-\d{1,2})?
  //   ISMAP    (\d{1,2}(?:\.\d{1,2}){1,3})\.?(p|b|pb)?
  const std::size_t n = out.size();
  auto is_digit = [&](std::size_t i) { return i < n && out[i] >= '0' && out[i] <= '9'; };
  // One or two digits at i, not followed by a third; returns the end or 0.
  auto number_at = [&](std::size_t i) -> std::size_t {
    if (!is_digit(i)) return 0;
    std::size_t e = is_digit(i + 1) ? i + 2 : i + 1;
    return is_digit(e) ? 0 : e;
  };
  const std::size_t first = number_at(0);
  if (first == 0) return "";
  if (first == n) return out;
  if (out[first] == '-') {
    const std::size_t second = number_at(first + 1);
    return second == n ? out : "";
  }
  std::size_t i = first;
  int parts = 0;
  while (parts < 3 && i < n && out[i] == '.' && is_digit(i + 1)) {
    i = number_at(i + 1);
    if (i == 0) return "";
    ++parts;
  }
  if (parts == 0) return "";
  const std::string numbers = out.substr(0, i);
  if (i < n && out[i] == '.') ++i;
  const std::string_view rest = std::string_view(out).substr(i);
  // ISMAP refs keep their upper-case suffix after a dot: 9.4.2.2.B,
  // 6.3.1.P; sheets also write "6.3P".
  if (rest.empty()) return numbers;
  if (rest == "p" || rest == "b" || rest == "pb") {
    std::string suffix(rest);
    for (auto& c : suffix) c = static_cast<char>(c - 'a' + 'A');
    return numbers + "." + suffix;
  }
  return "";
}

std::string normalize_classification(std::string_view text) {
  std::string s = fold_for_search(text), out;
  const std::string prefix = "機密性";
  if (s.rfind(prefix, 0) == 0) s = s.substr(prefix.size());
  for (char c : s)
    if (c != ' ') out += c;
  if (out == "3b") return "3B";
  if (out == "3c") return "3C";
  if (out == "2") return "2";
  return "";
}

}  // namespace mamori::domain
