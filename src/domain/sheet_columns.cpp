#include "domain/sheet_columns.h"

#include <regex>

#include "domain/text.h"

namespace mamori::domain {

namespace {

// Folded, without spaces and without bracketed notes: "適合状況 (○/×)" ->
// "適合状況", "備考（「×」の場合の代替対策の提示）" -> "備考".
std::string core(std::string_view text) {
  std::string s = fold_for_search(text), out;
  int depth = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto starts = [&](std::string_view t) { return s.compare(i, t.size(), t) == 0; };
    if (starts("(") || starts("（")) {
      ++depth;
      i += starts("(") ? 1 : std::string_view("（").size();
      continue;
    }
    if (starts(")") || starts("）")) {
      if (depth > 0) --depth;
      i += starts(")") ? 1 : std::string_view("）").size();
      continue;
    }
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    if (depth == 0) out += s[i];
    ++i;
  }
  return out;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

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
  const std::string s = core(header_text);
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
  if (s == "項番" || s == "no" || s == "no." || s == "番号" || s == "項目番号" || s == "通番" || s == "#" ||
      s == "質問番号" || s == "設問番号" || s == "管理番号" || s == "id" || s == "itemno." || s == "itemno" ||
      s == "q.no" || s == "qno")
    return ColumnRole::ref;
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

std::string normalize_item_ref(std::string_view text) {
  const std::string s = fold_for_search(text);
  // Copy without spaces, turning the dashes people use between the numbers
  // into "-".
  static constexpr std::string_view kDashes[] = {"ー", "‐", "―", "—", "−", "－"};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
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
  static const std::regex summary(R"(\d{1,2}(-\d{1,2})?)");
  static const std::regex ismap(R"((\d{1,2}(?:\.\d{1,2}){1,3})\.?(p|b|pb)?)");
  if (std::regex_match(out, summary)) return out;
  std::smatch m;
  if (std::regex_match(out, m, ismap)) {
    // ISMAP refs keep their upper-case suffix after a dot: 9.4.2.2.B,
    // 6.3.1.P; sheets also write "6.3P".
    std::string suffix = m[2].str();
    for (auto& c : suffix) c = static_cast<char>(c - 'a' + 'A');
    return m[1].str() + (suffix.empty() ? "" : "." + suffix);
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
