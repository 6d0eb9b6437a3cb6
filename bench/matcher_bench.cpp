// The matcher of check-sheet questions to catalog items
// (domain::CatalogMatcher, which `mamori catalog match` and the sheet
// auto-answer use): how often it finds the right ISMAP item, and how fast it
// indexes and answers.
//
// Accuracy. The matcher indexes ismap-2024 only (324 nodes). Two labelled
// sets, neither of them in the matcher's data:
//  - BM_SheetAccuracy: the 44 required items of the check-sheet template
//    ismap-sheet-summary (seed 000), their 概要要件 (with_title: 項目名 +
//    概要要件), whose refers_to ("ismap-2024:12.2") is the answer. The
//    template is a separate catalog, never indexed. Its texts are close
//    paraphrases of the 管理目的: the easy set.
//  - BM_VendorAccuracy: 32 questions phrased as vendors receive them, with
//    the answer(s) chosen by hand before any matcher ran on them
//    (vendor_questions()). security_terms.cpp was tried on this set, so the
//    "terms" figures here are optimistic.
// top1 / top3: the expected level-2 node is first / in the first three.
// Configurations: rank_level 0 (nodes as they are; top1_subtree counts a
// descendant of the expected node as a hit) or 2 (each category scored by
// the best node below it, the product's default for ISMAP), with and without
// the expansion of everyday terms. Misses are printed once, on stderr.
//
// Tried and dropped (an earlier version of this file measured them): one
// document per category with its subtree's words, titles repeated, the
// domain title added, sums instead of maxima, and fusions of these; none beat
// "best node per category" on either set, and sums were far worse.
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

#include "app/allocator_tuning.h"
#include "app/catalog_loader.h"
#include "domain/catalog.h"
#include "domain/catalog_matcher.h"
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

// --- Accuracy -----------------------------------------------------------------

std::size_t parent_of(std::size_t i) { return *ismap_index().index_of(ismap().nodes[i].parent); }

bool is_within(std::size_t i, std::size_t ancestor) {
  for (;;) {
    if (i == ancestor) return true;
    if (ismap().nodes[i].parent.empty()) return false;
    i = parent_of(i);
  }
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

struct Config {
  const char* name;
  domain::MatcherOptions options;
  bool with_title = false;  // question = 項目名 + 概要要件
};

void BM_Accuracy(benchmark::State& state, const Config& config, const std::vector<Question>& qs, const char* set_name) {
  const domain::CatalogMatcher matcher(ismap(), config.options);
  const auto& nodes = ismap().nodes;
  std::vector<std::vector<domain::NodeMatch>> results(qs.size());
  for (auto _ : state)
    for (std::size_t i = 0; i < qs.size(); ++i)
      results[i] = matcher.match(config.with_title ? qs[i].title + "\n" + qs[i].text : qs[i].text, 3);

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
      for (const auto& m : r) {
        char score[32];
        std::snprintf(score, sizeof score, " %.3f", m.score);
        misses += " " + nodes[m.node].ref + score;
      }
      misses += " | " + qs[i].text.substr(0, 90) + "\n";
    }
  }
  const double n = static_cast<double>(qs.size());
  state.counters["questions"] = n;
  state.counters["top1"] = top1 / n;
  state.counters["top3"] = top3 / n;
  if (config.options.rank_level == 0) {
    state.counters["top1_subtree"] = top1_sub / n;
    state.counters["top3_subtree"] = top3_sub / n;
  }

  static std::mutex printed_lock;
  static std::set<std::string> printed;
  std::lock_guard lock(printed_lock);
  const std::string name = std::string(set_name) + "/" + config.name;
  if (printed.insert(name).second)
    std::fprintf(stderr, "%s: top1 %d/%zu, top3 %d/%zu%s\n%s", name.c_str(), top1, qs.size(), top3, qs.size(),
                 misses.empty() ? "" : "; misses:", misses.c_str());
}

const std::vector<Config>& configs() {
  static const std::vector<Config> all = {
      {"product", {.rank_level = 2, .expand_terms = true}},
      {"no_terms", {.rank_level = 2, .expand_terms = false}},
      {"nodes", {.rank_level = 0, .expand_terms = true}},
      {"nodes_no_terms", {.rank_level = 0, .expand_terms = false}},
      {"product_with_title", {.rank_level = 2, .expand_terms = true}, true},
  };
  return all;
}

void register_accuracy_benchmarks() {
  for (const Config& c : configs()) {
    benchmark::RegisterBenchmark((std::string("BM_SheetAccuracy/") + c.name).c_str(), [&c](benchmark::State& state) {
      BM_Accuracy(state, c, questions(), "sheet");
    })->Unit(benchmark::kMicrosecond);
    if (!c.with_title)
      benchmark::RegisterBenchmark((std::string("BM_VendorAccuracy/") + c.name).c_str(),
                                   [&c](benchmark::State& state) { BM_Accuracy(state, c, vendor_questions(), "vendor"); })
          ->Unit(benchmark::kMicrosecond);
  }
}

// A node's words, as the speed benchmarks index them.
std::string own_text(const Node& n) { return n.title + "\n" + n.objective + "\n" + n.text; }

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
  mamori::app::tune_allocator();  // as the mamori binary does
  register_accuracy_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
