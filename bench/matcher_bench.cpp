// The text matcher (domain::TextIndex): how well check-sheet questions find
// the ISMAP item they are about, and how fast it indexes and answers.
//
// Accuracy. The index holds only ismap-2024 (324 nodes). Two labelled sets:
//  - BM_SheetAccuracy: the 44 required items of the check-sheet template
//    ismap-sheet-summary, their text (the 概要要件; the 項目名 too in the
//    with_title_ variants), whose refers_to ("ismap-2024:12.2") is the
//    answer. The template is never in the index. Its texts are close
//    paraphrases of the 管理目的, so this set is the easy one.
//  - BM_VendorAccuracy: 32 questions phrased as vendors receive them, with
//    the answer(s) chosen by hand (vendor_questions()).
// Every answer is a level-2 node (clause 3.1 / 4.4..4.9, category
// 5.1..18.2: what the sheet asks for), so:
//   top1, top3           a hit is the expected node itself (the goal)
//   top1_subtree, ...    a hit is the expected node or a descendant of it
//                        (12.2.1 counts for 12.2); only for the variants that
//                        rank single nodes, to tell "wrong place" from "right
//                        place, too deep"
// Variants differ in the documents indexed and in how node scores become a
// ranking of level-2 nodes (that aggregation lives here, not in TextIndex):
//   nodes                every node (title + 管理目的 + text), ranked as is
//   nodes_heads3         the same with title and 管理目的 written 3 times
//   nodes_to_level2_max  every node; a level-2 node scores its best node
//   nodes_to_level2_sum  ... the sum over its nodes
//   level2_own           one document per level-2 node: title + 管理目的 (+ text)
//   level2_*_parent      ... plus the title of the domain/part above it
//   level2_subtree       ... plus the words of every node below it
//   *_heads3             title and 管理目的 written 3 times in that document
//   fused_A+B            each set in its own index, a level-2 node's score is
//                        the sum of its best score in each
//   thesaurus_           the question expanded with standard wording (expand())
// The misses of each variant are printed once, on stderr.
//
// Speed. Building over every built-in catalog; building 10,000 synthetic
// library answers plus every catalog node; 1,000 questions against that
// (one iteration = all 1,000; p50/p99/max per question as counters).
// Run: build/bench/mamori_matcher_bench [--benchmark_filter=...].
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/catalog_loader.h"
#include "domain/catalog.h"
#include "domain/text.h"
#include "domain/text_index.h"

namespace {

using namespace mamori;
using domain::Catalog;
using domain::CatalogIndex;
using domain::Node;
using domain::TextIndex;

const formats::CatalogBundle& bundle() {
  auto loaded = app::builtin_bundle();
  if (!loaded) {
    std::fprintf(stderr, "built-in catalogs: %s\n", loaded.error().message.c_str());
    std::abort();
  }
  return *loaded.value();
}

const Catalog& catalog(std::string_view id) {
  const Catalog* found = bundle().find(id);
  if (!found) {
    std::fprintf(stderr, "no catalog %.*s\n", static_cast<int>(id.size()), id.data());
    std::abort();
  }
  return *found;
}

const Catalog& ismap() { return catalog("ismap-2024"); }
const CatalogIndex& ismap_index() {
  static const CatalogIndex index(ismap());
  return index;
}

// --- The labelled questions --------------------------------------------------

struct Question {
  std::string sheet_ref;  // 5-20
  std::string title;      // 項目名: マルウェアからの保護
  std::string text;       // 概要要件
  std::string expected;   // ismap-2024 ref: 12.2
};

const std::vector<Question>& questions() {
  static const std::vector<Question> all = [] {
    std::vector<Question> out;
    for (const Node& n : catalog("ismap-sheet-summary").nodes) {
      if (!n.required) continue;
      for (const auto& target : n.refers_to) {
        const std::string prefix = "ismap-2024:";
        if (target.rfind(prefix, 0) == 0) out.push_back({n.ref, n.title, n.text, target.substr(prefix.size())});
      }
    }
    return out;
  }();
  return all;
}

// Check-sheet questions as vendors receive them, with the level-2 ISMAP
// nodes that answer them: written for this benchmark before any variant was
// run on them, phrased unlike the catalog (the template's 概要要件 are close
// paraphrases of the 管理目的; these are not).
const std::vector<Question>& vendor_questions() {
  struct Row {
    const char* text;
    const char* expected;  // space-separated when more than one fits
  };
  static const Row rows[] = {
      {"マルウェア対策ソフトを導入し、定義ファイルを最新に保っていますか。", "12.2"},
      {"データのバックアップを定期的に取得し、復元テストを実施していますか。", "12.3"},
      {"利用者の操作ログやイベントログを取得し、改ざんから保護していますか。", "12.4"},
      {"保存データを暗号化していますか。暗号鍵はどのように管理していますか。", "10.1"},
      {"退職者や異動者のアカウントを速やかに削除していますか。", "9.2"},
      {"情報セキュリティインシデント発生時の報告手順と連絡体制を定めていますか。", "16.1"},
      {"脆弱性情報を収集し、セキュリティパッチを適用していますか。", "12.6"},
      {"データセンターへの入退室管理を行っていますか。", "11.1"},
      {"従業員に対して情報セキュリティ教育を定期的に実施していますか。", "7.2"},
      {"採用時に経歴などの確認を行っていますか。", "7.1"},
      {"委託先のサービス提供状況を定期的に監視・監査していますか。", "15.2"},
      {"災害時にも情報セキュリティを維持できるよう、事業継続計画を策定していますか。", "17.1"},
      {"システムを冗長構成とし、障害時にもサービスを継続できますか。", "17.2"},
      {"パスワードの長さや複雑さの要件を定めていますか。", "9.4 9.3"},
      {"ネットワークをセグメントに分離し、通信を制御していますか。", "13.1"},
      {"開発環境・試験環境と本番環境を分離していますか。", "12.1"},
      {"本番環境への変更は変更管理の手順に従って行っていますか。", "12.1 14.2"},
      {"各サーバの時刻は信頼できる時刻源と同期していますか。", "12.4"},
      {"USBメモリなど取外し可能な媒体の利用を制限していますか。", "8.3"},
      {"情報資産の台帳を作成し、管理責任者を定めていますか。", "8.1"},
      {"情報を重要度に応じて分類し、ラベル付けしていますか。", "8.2"},
      {"サービス終了時に利用者のデータを返却または削除しますか。", "8.1"},
      {"クラウドサービス利用者と事業者の責任分担を文書化していますか。", "6.3.P"},
      {"個人情報の保護に関する法令を順守していますか。", "18.1"},
      {"第三者による独立したセキュリティレビューを受けていますか。", "18.2"},
      {"テレワークで業務を行う際のセキュリティ対策を定めていますか。", "6.2"},
      {"ソースコードへのアクセスを制限していますか。", "9.4"},
      {"運用手順書を整備し、担当者が利用できるようにしていますか。", "12.1"},
      {"情報セキュリティ方針を策定し、従業員に周知していますか。", "5.1"},
      {"仮想マシンは他の利用者の環境から分離されていますか。", "9.5.P"},
      {"サーバ機器は停電に備えて無停電電源装置を設置していますか。", "11.2"},
      {"情報セキュリティの役割と責任を割り当てていますか。", "6.1"},
  };
  static const std::vector<Question> all = [] {
    std::vector<Question> out;
    int i = 0;
    for (const auto& row : rows) out.push_back({"v" + std::to_string(++i), "", row.text, row.expected});
    return out;
  }();
  return all;
}

// Everyday security words and the wording of JIS Q 27002 / ISMAP they stand
// for: the app could append the latter to a question before querying.
// Written from general usage (not only from the vendor set's misses), but
// tried on that set, so its effect there is optimistic.
const std::vector<std::pair<std::string, std::string>>& thesaurus() {
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"脆弱性", "ぜい弱性"},
      {"パッチ", "技術的ぜい弱性"},
      {"ペネトレーションテスト", "技術的ぜい弱性"},
      {"ウイルス", "マルウェア"},
      {"ウィルス", "マルウェア"},
      {"データセンター", "物理的セキュリティ境界 施設 領域"},
      {"入退室", "入退管理策"},
      {"入館", "入退管理策"},
      {"冗長構成", "冗長性 可用性"},
      {"冗長化", "冗長性 可用性"},
      {"退職", "雇用の終了"},
      {"異動", "雇用の変更"},
      {"アカウント", "利用者ID アクセス権"},
      {"権限", "アクセス権"},
      {"特権", "特権的アクセス権"},
      {"委託先", "供給者"},
      {"外部委託", "供給者"},
      {"台帳", "目録"},
      {"手順書", "操作手順 文書化"},
      {"マニュアル", "操作手順 文書化"},
      {"周知", "通知 伝達"},
      {"暗号化", "暗号"},
      {"多要素認証", "認証 ログイン手順"},
      {"研修", "教育及び訓練"},
      {"本番環境", "運用環境"},
      {"検証環境", "試験環境"},
      {"BCP", "事業継続"},
      {"災害対策", "事業継続"},
      {"個人情報", "個人を特定できる情報 プライバシー"},
      {"NDA", "秘密保持契約"},
      {"時刻同期", "クロックの同期"},
      {"持ち出し", "取外し可能な媒体"},
      {"廃棄", "処分"},
      {"停電", "サポートユーティリティ"},
  };
  return table;
}

std::string expand(const std::string& question) {
  std::string out = question;
  for (const auto& [word, standard] : thesaurus())
    if (question.find(word) != std::string::npos) out += "\n" + standard;
  return out;
}

// --- Documents ----------------------------------------------------------------

std::size_t parent_of(std::size_t i) { return *ismap_index().index_of(ismap().nodes[i].parent); }

// Ancestor of node i at `level` (the node itself when it is at or above it).
std::size_t ancestor_at(std::size_t i, int level) {
  while (ismap_index().level(i) > level) i = parent_of(i);
  return i;
}

bool is_within(std::size_t i, std::size_t ancestor) {
  for (;;) {
    if (i == ancestor) return true;
    if (ismap().nodes[i].parent.empty()) return false;
    i = parent_of(i);
  }
}

std::string repeat(const std::string& text, int times) {
  std::string out;
  if (text.empty()) return out;
  for (int i = 0; i < times; ++i) out += text + "\n";
  return out;
}

// A node's own words: title + 管理目的 + text, title and 管理目的 `heads`
// times. Items, 統制目標 and 詳細管理策 take their title from the text's
// first sentence; it is not added again.
std::string own_text(const Node& n, int heads = 1) {
  const bool title_in_text = !n.text.empty() && n.text.rfind(n.title, 0) == 0;
  std::string out = title_in_text ? std::string() : repeat(n.title, heads);
  out += repeat(n.objective, heads);
  return out + n.text;
}

struct Doc {
  std::string text;
  std::size_t node;  // index in ismap().nodes
};

// Every node, its own words.
std::vector<Doc> every_node(int heads = 1) {
  std::vector<Doc> docs;
  const auto& nodes = ismap().nodes;
  for (std::size_t i = 0; i < nodes.size(); ++i) docs.push_back({own_text(nodes[i], heads), i});
  return docs;
}

struct Level2Recipe {
  int heads = 1;               // times the node's title and 管理目的 are repeated
  bool subtree = false;        // add the words of every node below it
  bool parent_title = false;   // add the title of the level-1 node above (the domain / part)
};

// One document per level-2 node (the level the sheet answers at).
std::vector<Doc> level2_nodes(Level2Recipe recipe) {
  std::vector<Doc> docs;
  const auto& nodes = ismap().nodes;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (ismap_index().level(i) != 2) continue;
    Doc doc{own_text(nodes[i], recipe.heads), i};
    if (recipe.parent_title) doc.text += "\n" + nodes[parent_of(i)].title;
    if (recipe.subtree)
      for (std::size_t k = 0; k < nodes.size(); ++k)
        if (k != i && is_within(k, i)) doc.text += "\n" + own_text(nodes[k]);
    docs.push_back(std::move(doc));
  }
  return docs;
}

// --- Variants ---------------------------------------------------------------

enum class Rank {
  kNodes,      // nodes as the index ranks them (one document set)
  kLevel2Max,  // each level-2 node scored by its best document in each set
               // (nodes above level 2 dropped), sets combined by weight
  kLevel2Sum,  // ... by the sum over its documents
};

struct DocSet {
  std::vector<Doc> docs;
  double weight = 1;
};

struct Variant {
  const char* name;  // for the list of misses
  std::vector<DocSet> sets;
  Rank rank = Rank::kNodes;
  bool with_title = false;  // question = 項目名 + 概要要件 (the default is 概要要件 only)
  bool thesaurus = false;   // expand() the question
};

struct Ranked {
  std::size_t node;
  double score;
};

struct Indexed {
  const Variant* variant;
  std::vector<TextIndex> indexes;  // one per set
};

Indexed index_variant(const Variant& v) {
  Indexed out{&v, {}};
  for (const auto& set : v.sets) {
    TextIndex index;
    for (const auto& d : set.docs) index.add(d.text);
    index.build();
    out.indexes.push_back(std::move(index));
  }
  return out;
}

std::vector<Ranked> rank(const Indexed& x, const Question& q) {
  const Variant& v = *x.variant;
  std::string question = v.with_title ? q.title + "\n" + q.text : q.text;
  if (v.thesaurus) question = expand(question);
  std::vector<Ranked> out;
  if (v.rank == Rank::kNodes) {
    for (const auto& m : x.indexes[0].query(question, 10)) out.push_back({v.sets[0].docs[m.document].node, m.score});
    return out;
  }
  std::map<std::size_t, double> total;  // level-2 node -> score
  for (std::size_t s = 0; s < v.sets.size(); ++s) {
    const auto& docs = v.sets[s].docs;
    std::map<std::size_t, double> in_set;
    for (const auto& m : x.indexes[s].query(question, docs.size())) {
      const std::size_t node = docs[m.document].node;
      if (ismap_index().level(node) < 2) continue;
      double& score = in_set[ancestor_at(node, 2)];
      score = v.rank == Rank::kLevel2Sum ? score + m.score : std::max(score, m.score);
    }
    for (const auto& [node, score] : in_set) total[node] += v.sets[s].weight * score;
  }
  for (const auto& [node, score] : total) out.push_back({node, score});
  // Ties: document order (std::map iterates nodes in catalog order).
  std::stable_sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
  return out;
}

std::vector<std::size_t> expected_nodes(const Question& q) {
  std::vector<std::size_t> out;
  std::size_t from = 0;
  while (from < q.expected.size()) {
    std::size_t end = q.expected.find(' ', from);
    if (end == std::string::npos) end = q.expected.size();
    const auto node = ismap_index().index_of(q.expected.substr(from, end - from));
    if (!node) {
      std::fprintf(stderr, "%s: no ismap-2024 node %s\n", q.sheet_ref.c_str(), q.expected.c_str());
      std::abort();
    }
    out.push_back(*node);
    from = end + 1;
  }
  return out;
}

void BM_Accuracy(benchmark::State& state, const Variant& v, const std::vector<Question>& qs, const char* set_name) {
  const Indexed indexed = index_variant(v);
  const auto& nodes = ismap().nodes;
  std::vector<std::vector<Ranked>> results(qs.size());
  for (auto _ : state)
    for (std::size_t i = 0; i < qs.size(); ++i) results[i] = rank(indexed, qs[i]);

  int top1 = 0, top3 = 0, top1_sub = 0, top3_sub = 0;
  std::string misses;
  for (std::size_t i = 0; i < qs.size(); ++i) {
    const auto expected = expected_nodes(qs[i]);
    const auto& r = results[i];
    auto hit = [&](std::size_t k, bool subtree) {
      if (k >= r.size()) return false;
      for (std::size_t e : expected)
        if (subtree ? is_within(r[k].node, e) : r[k].node == e) return true;
      return false;
    };
    const bool h1 = hit(0, false), h3 = h1 || hit(1, false) || hit(2, false);
    const bool s1 = hit(0, true), s3 = s1 || hit(1, true) || hit(2, true);
    top1 += h1, top3 += h3, top1_sub += s1, top3_sub += s3;
    if (!h1) {
      misses += "  " + qs[i].sheet_ref + " want " + qs[i].expected + (h3 ? " (in top 3)" : "") + ", got";
      for (std::size_t k = 0; k < std::min<std::size_t>(3, r.size()); ++k) {
        char score[32];
        std::snprintf(score, sizeof score, " %.3f", r[k].score);
        misses += " " + nodes[r[k].node].ref + score;
      }
      misses += " | " + qs[i].text.substr(0, 90) + "\n";
    }
  }
  std::size_t documents = 0;
  for (const auto& set : v.sets) documents += set.docs.size();
  const double n = static_cast<double>(qs.size());
  state.counters["questions"] = n;
  state.counters["documents"] = static_cast<double>(documents);
  state.counters["top1"] = top1 / n;
  state.counters["top3"] = top3 / n;
  if (v.rank == Rank::kNodes) {
    state.counters["top1_subtree"] = top1_sub / n;
    state.counters["top3_subtree"] = top3_sub / n;
  }

  static std::mutex printed_lock;
  static std::set<std::string> printed;
  std::lock_guard lock(printed_lock);
  const std::string name = std::string(set_name) + "/" + v.name;
  if (printed.insert(name).second)
    std::fprintf(stderr, "%s: top1 %d/%zu, top3 %d/%zu%s\n%s", name.c_str(), top1, qs.size(), top3, qs.size(),
                 misses.empty() ? "" : "; misses:", misses.c_str());
}

// The variants, built once (BENCHMARK_CAPTURE copies its arguments).
const Variant& variant(std::string_view name) {
  static const std::vector<Variant> all = [] {
    const Level2Recipe own{}, own_parent{.parent_title = true}, subtree{.subtree = true},
        subtree3{.heads = 3, .subtree = true}, subtree3_parent{.heads = 3, .subtree = true, .parent_title = true};
    std::vector<Variant> v;
    // Every node ranked as is (baseline), and with title/管理目的 repeated.
    v.push_back({"nodes", {{every_node()}}, Rank::kNodes});
    v.push_back({"nodes_heads3", {{every_node(3)}}, Rank::kNodes});
    // Node scores aggregated to their level-2 ancestor.
    v.push_back({"nodes_to_level2_max", {{every_node()}}, Rank::kLevel2Max});
    v.push_back({"nodes_to_level2_sum", {{every_node()}}, Rank::kLevel2Sum});
    // One document per level-2 node.
    v.push_back({"level2_own", {{level2_nodes(own)}}, Rank::kNodes});
    v.push_back({"level2_own_parent", {{level2_nodes(own_parent)}}, Rank::kNodes});
    v.push_back({"level2_subtree", {{level2_nodes(subtree)}}, Rank::kNodes});
    v.push_back({"level2_subtree_heads3", {{level2_nodes(subtree3)}}, Rank::kNodes});
    v.push_back({"level2_subtree_heads3_parent", {{level2_nodes(subtree3_parent)}}, Rank::kNodes});
    // Fusion: subtree document + best single node, each scored in its own index.
    v.push_back({"fused_subtree_heads3+nodes_max",
                 {{level2_nodes(subtree3), 1.0}, {every_node(), 1.0}}, Rank::kLevel2Max});
    v.push_back({"fused_subtree_heads3_parent+nodes_max",
                 {{level2_nodes(subtree3_parent), 1.0}, {every_node(), 1.0}}, Rank::kLevel2Max});
    v.push_back({"fused_subtree_heads3_parent+own+nodes_max",
                 {{level2_nodes(subtree3_parent), 1.0}, {level2_nodes(own), 0.5}, {every_node(), 1.0}},
                 Rank::kLevel2Max});
    // With the sheet's 項目名 in the question (easier: it is often the
    // category's title).
    v.push_back({"with_title_nodes_to_level2_max", {{every_node()}}, Rank::kLevel2Max, true});
    v.push_back({"with_title_level2_subtree_heads3", {{level2_nodes(subtree3)}}, Rank::kNodes, true});
    v.push_back({"with_title_fused_subtree_heads3_parent+nodes_max",
                 {{level2_nodes(subtree3_parent), 1.0}, {every_node(), 1.0}}, Rank::kLevel2Max, true});
    // With the thesaurus.
    v.push_back({"thesaurus_nodes_to_level2_max", {{every_node()}}, Rank::kLevel2Max, false, true});
    v.push_back({"thesaurus_level2_subtree", {{level2_nodes(subtree)}}, Rank::kNodes, false, true});
    v.push_back({"thesaurus_fused_subtree_heads3+nodes_max",
                 {{level2_nodes(subtree3), 1.0}, {every_node(), 1.0}}, Rank::kLevel2Max, false, true});
    return v;
  }();
  for (const auto& v : all)
    if (v.name == name) return v;
  std::abort();
}

void register_accuracy_benchmarks() {
  const char* const variants[] = {"nodes",
                                  "nodes_heads3",
                                  "nodes_to_level2_max",
                                  "nodes_to_level2_sum",
                                  "level2_own",
                                  "level2_own_parent",
                                  "level2_subtree",
                                  "level2_subtree_heads3",
                                  "level2_subtree_heads3_parent",
                                  "fused_subtree_heads3+nodes_max",
                                  "fused_subtree_heads3_parent+nodes_max",
                                  "fused_subtree_heads3_parent+own+nodes_max",
                                  "thesaurus_nodes_to_level2_max",
                                  "thesaurus_level2_subtree",
                                  "thesaurus_fused_subtree_heads3+nodes_max"};
  for (const char* name : variants)
    benchmark::RegisterBenchmark((std::string("BM_SheetAccuracy/") + name).c_str(), [name](benchmark::State& state) {
      BM_Accuracy(state, variant(name), questions(), "sheet");
    })->Unit(benchmark::kMicrosecond);
  for (const char* name : {"with_title_nodes_to_level2_max", "with_title_level2_subtree_heads3",
                           "with_title_fused_subtree_heads3_parent+nodes_max"})
    benchmark::RegisterBenchmark((std::string("BM_SheetAccuracy/") + name).c_str(), [name](benchmark::State& state) {
      BM_Accuracy(state, variant(name), questions(), "sheet");
    })->Unit(benchmark::kMicrosecond);
  for (const char* name : variants)
    benchmark::RegisterBenchmark((std::string("BM_VendorAccuracy/") + name).c_str(), [name](benchmark::State& state) {
      BM_Accuracy(state, variant(name), vendor_questions(), "vendor");
    })->Unit(benchmark::kMicrosecond);
}

// --- Speed ------------------------------------------------------------------

std::vector<std::string> all_catalog_texts() {
  std::vector<std::string> texts;
  for (const auto& c : bundle().catalogs)
    for (const auto& n : c.nodes) texts.push_back(own_text(n));
  return texts;
}

void BM_BuildAllCatalogs(benchmark::State& state) {
  const auto texts = all_catalog_texts();
  std::size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  for (auto _ : state) {
    TextIndex index;
    for (const auto& t : texts) index.add(t);
    index.build();
    benchmark::DoNotOptimize(index);
  }
  state.counters["documents"] = static_cast<double>(texts.size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_BuildAllCatalogs)->Unit(benchmark::kMillisecond);

// Deterministic pseudo-random numbers (no <random>: its distributions differ
// between standard libraries).
struct Lcg {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  std::size_t below(std::size_t n) { return next() % n; }
};

// The first `count` code points of `text`, from code point `from`.
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

// Catalog texts long enough to cut answers and questions from.
const std::vector<std::string>& source_texts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (const auto& c : bundle().catalogs)
      for (const auto& n : c.nodes)
        if (domain::utf8_length(n.text) >= 40) out.push_back(n.text);
    return out;
  }();
  return texts;
}

// A vendor's past answer, ~200 characters: an opening, pieces of two
// catalog texts, a closing.
std::vector<std::string> library_answers(std::size_t count) {
  static const char* const openings[] = {"当社では、", "弊社は", "本サービスにおいては、", "当該クラウドサービスでは、",
                                         "社内規程に基づき、"};
  static const char* const closings[] = {"対応しています。", "年1回見直しを行っています。", "手順書を整備しています。",
                                         "第三者認証(ISO/IEC 27001)を取得しています。", "記録を3年間保管しています。"};
  const auto& texts = source_texts();
  Lcg rng{42};
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto& a = texts[rng.below(texts.size())];
    const auto& b = texts[rng.below(texts.size())];
    std::string answer = openings[rng.below(5)];
    answer += slice(a, rng.below(20), 70 + rng.below(40));
    answer += "また、";
    answer += slice(b, rng.below(20), 50 + rng.below(40));
    answer += closings[rng.below(5)];
    out.push_back(std::move(answer));
  }
  return out;
}

// A check-sheet question: a piece of a catalog text (or a sheet item) with a
// question ending.
std::vector<std::string> sheet_questions(std::size_t count) {
  static const char* const endings[] = {"を実施していますか。", "について回答してください。", "の手順はありますか。",
                                        "ことを確認していますか。", "に関する規程を定めていますか。"};
  const auto& texts = source_texts();
  Lcg rng{7};
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (i % 10 == 0) {
      out.push_back(questions()[(i / 10) % questions().size()].text);
      continue;
    }
    const auto& t = texts[rng.below(texts.size())];
    out.push_back(slice(t, rng.below(30), 15 + rng.below(35)) + endings[rng.below(5)]);
  }
  return out;
}

struct Library {
  TextIndex index;
  std::vector<std::string> questions;
  std::size_t answers = 0;
};

const Library& library() {
  static const Library lib = [] {
    Library l;
    const auto answers = library_answers(10000);
    l.answers = answers.size();
    for (const auto& a : answers) l.index.add(a);
    for (const auto& t : all_catalog_texts()) l.index.add(t);
    l.index.build();
    l.questions = sheet_questions(1000);
    return l;
  }();
  return lib;
}

void BM_BuildLibrary(benchmark::State& state) {
  const auto answers = library_answers(10000);
  const auto catalog_texts = all_catalog_texts();
  for (auto _ : state) {
    TextIndex index;
    for (const auto& a : answers) index.add(a);
    for (const auto& t : catalog_texts) index.add(t);
    index.build();
    benchmark::DoNotOptimize(index);
  }
  state.counters["documents"] = static_cast<double>(answers.size() + catalog_texts.size());
  std::size_t bytes = 0;
  for (const auto& a : answers) bytes += a.size();
  for (const auto& t : catalog_texts) bytes += t.size();
  state.counters["text_MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["index_MB"] = static_cast<double>(library().index.memory_bytes()) / 1e6;
}
BENCHMARK(BM_BuildLibrary)->Unit(benchmark::kMillisecond);

// One iteration = all 1,000 questions, top 10 each.
void BM_Library1000Questions(benchmark::State& state) {
  const Library& lib = library();
  std::size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const auto& q : lib.questions) found += lib.index.query(q, 10).size();
    benchmark::DoNotOptimize(found);
  }
  // Latency per question, measured once (the loop above gives the total).
  std::vector<double> micros;
  micros.reserve(lib.questions.size());
  for (const auto& q : lib.questions) {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(lib.index.query(q, 10));
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(micros.begin(), micros.end());
  state.counters["documents"] = static_cast<double>(lib.index.size());
  state.counters["questions"] = static_cast<double>(lib.questions.size());
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[micros.size() * 99 / 100];
  state.counters["max_us"] = micros.back();
  state.counters["hits_per_q"] = static_cast<double>(found) / static_cast<double>(lib.questions.size());
}
BENCHMARK(BM_Library1000Questions)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  register_accuracy_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
