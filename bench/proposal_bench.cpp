// The proposal rule of the vendor's sheet answering (domain::AnswerProposer)
// on the demo library (44 approved answers, the summary items) and the
// built-in frameworks: how often a reworded question gets the right answer,
// no answer, or a wrong one; whether unrelated questions stay unanswered;
// and how fast 1,000 questions are answered. The thresholds in
// answer_proposal.h were chosen from these figures.
// Run: build/bench/mamori_proposal_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "app/catalog_loader.h"
#include "app/demo_library.h"
#include "app/sheet_answering.h"
#include "domain/answer_proposal.h"

namespace {

using namespace mamori;

const domain::Catalog& builtin(const std::string& id) {
  auto bundle = app::builtin_bundle();
  if (!bundle) throw std::runtime_error(bundle.error().message);
  const auto* c = bundle.value()->find(id);
  if (!c) throw std::runtime_error("no built-in catalog " + id);
  return *c;
}

std::vector<const domain::Catalog*> frameworks() {
  return {&builtin("ismap-2024"), &builtin("iso27001-2022"), &builtin("cloud-provision")};
}

std::vector<domain::LibraryEntry> demo_library() {
  const auto answers = app::demo_library_answers(builtin("ismap-sheet-summary"));
  std::vector<domain::LibraryEntry> out;
  for (std::size_t i = 0; i < answers.size(); ++i)
    out.push_back({"entry-" + std::to_string(i), 1, domain::LibraryStatus::approved, answers[i]});
  return out;
}

const domain::AnswerContext kToday{"", "", "2026-11-22"};

// Everyday rewordings of summary items, with the ISMAP category whose
// library answer is right; written by hand, not taken from the library.
const std::vector<std::pair<std::string, std::string>>& reworded() {
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

const std::vector<std::string>& unrelated() {
  static const std::vector<std::string> all{"貴社の資本金と従業員数を記入してください。", "請求書の送付先を教えてください。",
                                            "サービスの月額料金はいくらですか。", "導入実績のある自治体名を記入してください。"};
  return all;
}

// right / no_answer / wrong: what the proposer picks from the library at any
// confidence; right_written / wrong_written: those at or above the default
// threshold that `mamori sheet answer` and accept-all write without a person.
void BM_RewordedAccuracy(benchmark::State& state) {
  const domain::AnswerProposer proposer(demo_library(), frameworks());
  int right = 0, none = 0, wrong = 0, right_written = 0, wrong_written = 0, unrelated_answered = 0;
  for (auto _ : state) {
    right = none = wrong = right_written = wrong_written = unrelated_answered = 0;
    for (const auto& [want, text] : reworded()) {
      const auto p = proposer.propose({text, ""}, kToday);
      const bool written = p.confidence >= app::kDefaultMinConfidence;
      if (p.source != domain::ProposalSource::library) {
        ++none;
      } else if (p.catalog_ref == want || p.catalog_ref.rfind(want + ".", 0) == 0) {
        ++right;
        right_written += written;
      } else {
        ++wrong;
        wrong_written += written;
      }
    }
    for (const auto& text : unrelated())
      if (proposer.propose({text, ""}, kToday).source == domain::ProposalSource::library) ++unrelated_answered;
  }
  state.counters["reworded"] = static_cast<double>(reworded().size());
  state.counters["right"] = right;
  state.counters["no_answer"] = none;
  state.counters["wrong"] = wrong;
  state.counters["right_written"] = right_written;
  state.counters["wrong_written"] = wrong_written;
  state.counters["unrelated_answered"] = unrelated_answered;
}
BENCHMARK(BM_RewordedAccuracy)->Unit(benchmark::kMillisecond);

// 1,000 questions (the summary items' texts and the rewordings, repeated)
// against the demo library and three frameworks; one iteration = all 1,000.
void BM_Propose1000(benchmark::State& state) {
  const domain::AnswerProposer proposer(demo_library(), frameworks());
  std::vector<std::string> questions;
  for (const auto& n : builtin("ismap-sheet-summary").nodes)
    if (n.required) questions.push_back(n.title + "\n" + n.text);
  for (const auto& [ref, text] : reworded()) questions.push_back(text);
  while (questions.size() < 1000) questions.push_back(questions[questions.size() % 64]);
  questions.resize(1000);
  for (auto _ : state)
    for (const auto& q : questions) benchmark::DoNotOptimize(proposer.propose({q, ""}, kToday));
  state.counters["questions"] = 1000;
}
BENCHMARK(BM_Propose1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
