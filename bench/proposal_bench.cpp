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
#include "auto_answer_data.h"
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

// The hand-written rewordings (with the ISMAP category whose library answer
// is right) and the unrelated questions: one list, shared with the
// auto-answer bench (bench/auto_answer_data.h).
const std::vector<std::pair<std::string, std::string>>& reworded() { return bench::reworded_questions(); }
const std::vector<std::string>& unrelated() { return bench::unrelated_questions(); }

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
