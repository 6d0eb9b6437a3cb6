#include "auto_answer_data.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>

#include "app/demo_library.h"
#include "domain/text.h"

namespace mamori::bench {

namespace {

struct Lcg {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  std::size_t below(std::size_t n) { return next() % n; }
  template <std::size_t N>
  const char* pick(const char* const (&from)[N]) { return from[below(N)]; }
};

// `count` code points of `text` from code point `from`.
std::string slice(const std::string& text, std::size_t from, std::size_t count) {
  std::size_t cp = 0, begin = std::string::npos, end = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (cp == from) begin = i;
    if (cp == from + count) {
      end = i;
      break;
    }
    ++cp;
  }
  return begin == std::string::npos ? std::string() : text.substr(begin, end - begin);
}

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// The sentences of a requirement, without their 。 (catalog texts are
// written as rules: "…を作成し、維持すること。").
std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> out;
  const std::string stop = "。";
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(stop, at);
    if (end == std::string::npos) end = text.size();
    std::string s = text.substr(at, end - at);
    while (!s.empty() && (s.front() == '\n' || s.front() == ' ')) s.erase(0, 1);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    if (domain::utf8_length(s) >= 8) out.push_back(s);
    at = end + stop.size();
  }
  return out;
}

// A rule as the vendor states it ("…を維持しています") or as a customer asks
// it ("…を維持していますか").
std::string as_practice(const std::string& rule, bool asked) {
  const std::string done = asked ? "していますか" : "しています";
  for (const char* end : {"すること", "する"})
    if (ends_with(rule, end)) return rule.substr(0, rule.size() - std::string(end).size()) + done;
  if (ends_with(rule, "こと")) return rule + "を実施" + done;
  return rule + "ことに対応" + done;
}

// A sentence of the item's text, chosen by `n`.
const std::string& sentence(const std::vector<std::string>& all, std::size_t n) { return all[n % all.size()]; }

// "12.2.1.3" -> "12.2"; "12" -> "".
std::string ismap_category(const std::string& ref) {
  const auto first = ref.find('.');
  if (first == std::string::npos) return "";
  const auto second = ref.find('.', first + 1);
  return second == std::string::npos ? ref : ref.substr(0, second);
}

const domain::Catalog& need(const formats::CatalogBundle& bundle, const char* id) {
  const domain::Catalog* c = bundle.find(id);
  if (!c) {
    std::fprintf(stderr, "no built-in catalog %s\n", id);
    std::abort();
  }
  return *c;
}

const char* const kServices[] = {"IaaS 基盤サービス",   "デモクラウド 文書管理サービス", "ファイル共有サービス",
                                 "メール配信サービス",  "データ分析基盤",               "ID管理サービス",
                                 "バックアップサービス", "コンタクトセンターSaaS"};
const char* const kPlans[] = {"スタンダード", "エンタープライズ", "ガバメント"};
const char* const kRoles[] = {"情報セキュリティ委員会", "CISO", "内部監査室", "運用部長", "サービス責任者",
                              "情報セキュリティ管理室"};
const char* const kPeriods[] = {"毎月", "四半期", "半年", "1年"};
const char* const kDocKinds[] = {"手順書", "管理規程", "運用基準", "ガイドライン", "実施要領"};
const char* const kOpenings[] = {"当社では、", "弊社は、", "本サービスにおいては、", "社内規程に基づき、",
                                 "ISMS認証の適用範囲において、"};
const char* const kClosings[] = {"", "詳細は開示資料をご参照ください。", "ISO/IEC 27001認証の審査で確認を受けています。",
                                 "必要に応じて秘密保持契約の下で資料を開示します。", "運用記録は監査時に提示できます。"};

// What practice the explanation names besides the requirement itself.
std::string detail(Lcg& rng, const std::string& doc) {
  const std::string role = rng.pick(kRoles), period = rng.pick(kPeriods);
  switch (rng.below(4)) {
    case 0: return doc + "に基づき" + period + "ごとに実施状況を点検し、結果を" + role + "に報告しています。";
    case 1: return "実施状況は" + period + "ごとに" + role + "がレビューし、記録を" + std::to_string(1 + rng.below(7)) + "年間保管しています。";
    case 2: return period + "ごとの内部監査で運用状況を確認し、指摘事項は" + role + "が是正を管理しています。";
    default: return "手順は" + doc + "に定め、" + role + "が承認しています。";
  }
}

// The item's words to cut questions and explanations from.
std::string source_text(const domain::Node& n) {
  if (domain::utf8_length(n.text) >= 20) return n.text;
  if (domain::utf8_length(n.objective) >= 20) return n.objective;
  return "";
}

struct Item {
  const domain::Catalog* catalog;
  const domain::Node* node;
  std::vector<std::string> sentences;
};

domain::LibraryAnswer from_item(const Item& item, std::size_t variant, Lcg& rng) {
  const domain::Node& n = *item.node;
  const std::string& rule = sentence(item.sentences, rng.below(4));
  domain::LibraryAnswer a;
  a.catalog_key = item.catalog->info.id;
  a.ref = n.ref;
  switch (variant % 6) {
    case 0: a.question = n.title; break;
    case 1: a.question = n.title + "\n" + as_practice(rule, true) + "。"; break;
    case 2: a.question = "「" + n.title + "」について、規程や手順を定めて運用していますか。"; break;
    case 3: a.question = rule + "。貴社の対応状況を記入してください。"; break;
    case 4: a.question = n.title + "に関する管理策を実施していますか。"; break;
    default: a.question = "クラウドサービスの提供において、" + as_practice(rule, true) + "。"; break;
  }
  const std::string doc = slice(n.title, 0, 12) + rng.pick(kDocKinds);
  // Who it holds for: every service, one service, or one plan.
  const std::size_t scope = rng.below(10);
  std::string opening = rng.pick(kOpenings);
  if (scope < 4) {
    a.scope.services = {kServices[rng.below(std::size(kServices))]};
    opening = a.scope.services.front() + "では、";
  } else if (scope < 6) {
    a.scope.plans = {kPlans[rng.below(std::size(kPlans))]};
    opening = a.scope.plans.front() + "プランでは、";
  }
  const std::string practice = sentence(item.sentences, rng.below(4));
  const std::size_t kind = rng.below(20);
  if (kind == 0) {
    a.answer = domain::AnswerValue::not_applicable;
    a.explanation = opening + "該当する機能を提供していないため対象外です。" + rng.pick(kClosings);
  } else if (kind == 1) {
    a.answer = domain::AnswerValue::no;
    a.explanation = opening + "現時点では未対応です。代替策として、" + rng.pick(kRoles) + "が" + rng.pick(kPeriods) +
                    "ごとにリスクを評価し、対応計画を定めています。" + rng.pick(kClosings);
  } else {
    a.answer = domain::AnswerValue::yes;
    a.explanation = opening + as_practice(practice, false) + "。" + detail(rng, doc) + rng.pick(kClosings);
  }
  a.evidence = {doc + " 第" + std::to_string(1 + rng.below(9)) + "版"};
  a.owner = rng.pick(kRoles);
  a.review_due = rng.below(20) == 0 ? "2025-09-30" : "2027-03-31";
  return a;
}

// A demo answer as one service words it.
domain::LibraryAnswer from_demo(const domain::LibraryAnswer& demo, const char* service, Lcg& rng) {
  domain::LibraryAnswer a = demo;
  a.scope = {};
  a.scope.services = {service};
  a.explanation = std::string(service) + "では、" + demo.explanation + detail(rng, demo.evidence.front()) +
                  rng.pick(kClosings);
  a.owner = rng.pick(kRoles);
  return a;
}

std::string key_of(const domain::LibraryAnswer& a) {
  std::string k = a.catalog_key + "\x1f" + a.ref + "\x1f" + a.question + "\x1f" + a.explanation;
  for (const auto& s : a.scope.services) k += "\x1fs" + s;
  for (const auto& p : a.scope.plans) k += "\x1fp" + p;
  return k;
}

}  // namespace

std::vector<const domain::Catalog*> framework_catalogs(const formats::CatalogBundle& bundle) {
  std::vector<const domain::Catalog*> out;
  for (const auto& c : bundle.catalogs)
    if (!c.info.has_kind("question")) out.push_back(&c);
  return out;
}

std::vector<domain::LibraryAnswer> generate_library(const formats::CatalogBundle& bundle, std::size_t count) {
  std::vector<domain::LibraryAnswer> out;
  std::set<std::string> seen;
  auto add = [&](domain::LibraryAnswer a) {
    if (out.size() >= count || !seen.insert(key_of(a)).second) return;
    if (auto s = domain::check_library_answer(a); !s) {
      std::fprintf(stderr, "generated answer rejected: %s\n", s.error().describe().c_str());
      std::abort();
    }
    out.push_back(std::move(a));
  };
  const auto demo = app::demo_library_answers(need(bundle, "ismap-sheet-summary"));
  for (const auto& a : demo) add(a);
  Lcg rng{20261122};
  for (const auto& a : demo)
    for (const char* service : kServices) add(from_demo(a, service, rng));

  std::vector<Item> items;
  for (const char* id : {"ismap-2024", "iso27001-2022", "iso27017-2015", "cloud-provision"}) {
    const domain::Catalog& c = need(bundle, id);
    for (const auto& n : c.nodes)
      if (auto all = sentences(source_text(n)); !all.empty()) items.push_back({&c, &n, std::move(all)});
  }
  for (std::size_t variant = 0; out.size() < count; ++variant) {
    if (variant > 1000) {
      std::fprintf(stderr, "cannot generate %zu distinct answers\n", count);
      std::abort();
    }
    for (std::size_t i = 0; i < items.size() && out.size() < count; ++i) add(from_item(items[i], variant + i, rng));
  }
  return out;
}

const std::vector<std::pair<std::string, std::string>>& reworded_questions() {
  // Written by hand, not taken from the library; proposal_bench uses them too.
  static const std::vector<std::pair<std::string, std::string>> all{
      {"12.2", "ウイルス対策ソフトを全てのサーバに導入し、定義ファイルを最新に保っていますか。"},
      {"12.3", "データのバックアップを定期的に取得し、復旧手順を確認していますか。"},
      {"12.4", "システムの操作ログやアクセスログを取得し、一定期間保管していますか。"},
      {"9.2", "利用者IDの登録・削除の手続きを定め、不要なIDを削除していますか。"},
      {"10.1", "通信及び保存データを暗号化していますか。"},
      {"16.1", "セキュリティインシデント発生時の連絡体制と対応手順を整備していますか。"},
      {"15.1", "再委託先を含む委託先の情報セキュリティ管理を行っていますか。"},
      {"7.2", "従業員に対して定期的に情報セキュリティ教育を実施していますか。"},
      {"11.1", "データセンターへの入退室を管理していますか。"},
      {"12.6", "OSやミドルウェアの脆弱性情報を収集し、パッチを適用していますか。"},
      {"17.2", "システムを冗長化し、障害時にもサービスを継続できるようにしていますか。"},
      {"5.1", "情報セキュリティポリシーを策定し、定期的に見直していますか。"},
      {"8.1", "情報資産の台帳を作成し管理していますか。"},
      {"13.1", "ファイアウォール等によりネットワークを保護していますか。"},
      {"9.4", "管理者アカウントのログインに多要素認証を用いていますか。"},
      {"18.2", "情報セキュリティについて第三者による監査を受けていますか。"},
      {"14.2", "開発工程においてセキュアコーディングや脆弱性診断を実施していますか。"},
      {"6.1", "情報セキュリティの責任者と管理体制を定めていますか。"},
      {"8.3", "USBメモリなどの媒体の持出しや廃棄を管理していますか。"},
      {"7.3", "退職者のアカウントを速やかに削除していますか。"},
  };
  return all;
}

const std::vector<std::string>& unrelated_questions() {
  static const std::vector<std::string> all{"貴社の資本金と従業員数を記入してください。", "請求書の送付先を教えてください。",
                                            "サービスの月額料金はいくらですか。", "導入実績のある自治体名を記入してください。"};
  return all;
}

std::vector<IncomingQuestion> generate_questions(const formats::CatalogBundle& bundle, std::size_t count) {
  std::vector<IncomingQuestion> out;
  for (const auto& [want, text] : reworded_questions()) out.push_back({text, want});
  for (const auto& text : unrelated_questions()) out.push_back({text, "-"});
  for (const auto& n : need(bundle, "ismap-sheet-summary").nodes) {
    if (!n.required) continue;
    std::string expected;
    for (const auto& target : n.refers_to)
      if (target.rfind("ismap-2024:", 0) == 0) expected = ismap_category(target.substr(11));
    out.push_back({n.title + "\n" + n.text, expected});
  }

  // The rewordings asked by other customers: another lead-in and ending.
  static const char* const lead_ins[] = {"貴社では、", "本サービスにおいて、", "クラウドサービスの提供にあたり、",
                                         "委託先として、", ""};
  static const char* const endings[] = {"ていますか。", "ているか回答してください。",
                                        "ていることを確認できる資料はありますか。", "ていますか。実施状況を記入してください。"};
  const std::string stem_end = "ていますか。";
  Lcg rng{7};
  for (std::size_t i = 0; i < 200; ++i) {
    const auto& [want, text] = reworded_questions()[i % reworded_questions().size()];
    std::string question = std::string(lead_ins[(i / 20) % 5]) + text;
    // All of them end "…ていますか。": that ending changes too.
    if (text.size() > stem_end.size() && text.compare(text.size() - stem_end.size(), stem_end.size(), stem_end) == 0)
      question.replace(question.size() - stem_end.size(), stem_end.size(), endings[(i / 100 + i) % 4]);
    out.push_back({question, want});
  }

  // Questions about something else than security.
  static const char* const subjects[] = {"資本金", "従業員数", "月額料金", "初期費用", "請求書の送付先", "支払方法",
                                         "契約期間", "導入実績", "営業担当者の連絡先", "会社の設立年月日",
                                         "主要な取引銀行", "サポート窓口の営業時間", "無償トライアルの有無",
                                         "ボリュームディスカウント", "解約時の違約金", "代理店経由での購入可否"};
  static const char* const asks[] = {"を記入してください。", "を教えてください。", "について回答してください。",
                                     "はどのようになっていますか。"};
  for (std::size_t i = 0; out.size() < 24 + 44 + 200 + 126; ++i)
    out.push_back({std::string("貴社の") + subjects[i % std::size(subjects)] + asks[(i / std::size(subjects)) % 4], "-"});

  // The rest: catalog requirements asked as customers ask them.
  struct Source {
    const domain::Node* node;
    std::string catalog;
    std::vector<std::string> sentences;
  };
  std::vector<Source> sources;
  for (const char* id : {"ismap-2024", "iso27001-2022", "iso27017-2015", "cloud-provision"})
    for (const auto& n : need(bundle, id).nodes)
      if (auto all = sentences(n.text); !all.empty()) sources.push_back({&n, id, std::move(all)});
  static const char* const asked_as[] = {"", "貴社では、", "本サービスでは、"};
  while (out.size() < count) {
    const Source& src = sources[rng.below(sources.size())];
    const std::string& rule = sentence(src.sentences, rng.below(4));
    std::string q;
    switch (rng.below(4)) {
      case 0: q = std::string(rng.pick(asked_as)) + as_practice(rule, true) + "。"; break;
      case 1: q = src.node->title + "について、" + as_practice(rule, true) + "。"; break;
      case 2: q = rule + "。対応状況を回答してください。"; break;
      default: q = "「" + src.node->title + "」に関する規程を定め、運用していますか。"; break;
    }
    out.push_back({q, src.catalog == "ismap-2024" ? ismap_category(src.node->ref) : ""});
  }
  out.resize(count);
  // A customer's sheet is not sorted by how hard its questions are.
  for (std::size_t i = out.size(); i > 1; --i) std::swap(out[i - 1], out[rng.below(i)]);
  return out;
}

TopicJudge::TopicJudge(const formats::CatalogBundle& bundle) {
  for (const auto& m : bundle.mappings) {
    if (!m.from_attribute.empty()) continue;
    for (const auto& e : m.entries) {
      if (m.from_catalog == "ismap-2024" && m.to_catalog == "iso27001-2022")
        links_.emplace_back("iso27001-2022\n" + e.to, ismap_category(e.from));
      if (m.from_catalog == "iso27017-2015" && m.to_catalog == "ismap-2024")
        links_.emplace_back("iso27017-2015\n" + e.from, ismap_category(e.to));
    }
  }
}

std::set<std::string> TopicJudge::categories(const std::string& catalog_key, const std::string& ref) const {
  std::set<std::string> out;
  if (catalog_key == "ismap-2024") {
    if (auto c = ismap_category(ref); !c.empty()) out.insert(c);
    return out;
  }
  const std::string key = catalog_key + "\n" + ref;
  for (const auto& [k, category] : links_)
    if (k == key && !category.empty()) out.insert(category);
  return out;
}

}  // namespace mamori::bench
