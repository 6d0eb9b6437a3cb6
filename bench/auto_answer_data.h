// The data of the sheet auto-answer benchmark (bench/auto_answer_bench.cpp):
// a large provider's approved answer library (回答マスタ) of 10,000 answers
// and a customer questionnaire of 1,000 questions, both generated
// deterministically from the built-in catalogs and the demo library, plus
// the hand-written rewordings whose right answers are known.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/answer_library.h"
#include "domain/catalog.h"
#include "formats/catalog_bundle.h"

namespace mamori::bench {

// Every built-in catalog but the sheet templates: what load_frameworks()
// hands the proposer from a database loaded with the built-ins.
std::vector<const domain::Catalog*> framework_catalogs(const formats::CatalogBundle& bundle);

// The 44 demo answers (app/demo_library.cpp) as they are, then answers
// derived from them and from the items of ismap-2024, iso27001-2022,
// iso27017-2015 and cloud-provision, per service and plan, worded with
// varying openings, practice details, evidence and closings until `count`
// distinct answers. Each passes domain::check_library_answer.
std::vector<domain::LibraryAnswer> generate_library(const formats::CatalogBundle& bundle, std::size_t count);

// Everyday rewordings of summary items (proposal_bench's set): the ISMAP
// category whose answer is right, and the question.
const std::vector<std::pair<std::string, std::string>>& reworded_questions();
// Questions about something else (price, capital): nothing should answer them.
const std::vector<std::string>& unrelated_questions();

struct IncomingQuestion {
  std::string text;
  std::string expected;  // ISMAP category that answers it, "" when unknown, "-" for unrelated
};
// 1,000 questions: the hand-written rewordings and unrelated questions, the
// summary items' requirements, generated variants of the rewordings,
// catalog requirements asked as customers ask them ("…していますか。"), and
// more unrelated ones; shuffled.
std::vector<IncomingQuestion> generate_questions(const formats::CatalogBundle& bundle, std::size_t count);

// The ISMAP level-2 categories ("12.2") a library answer is about: its own
// ref for ismap-2024, through the published mappings for iso27001-2022 and
// iso27017-2015; empty when no mapping says (cloud-provision).
class TopicJudge {
 public:
  explicit TopicJudge(const formats::CatalogBundle& bundle);
  std::set<std::string> categories(const std::string& catalog_key, const std::string& ref) const;

 private:
  // "iso27001-2022\n8.7" -> ISMAP categories
  std::vector<std::pair<std::string, std::string>> links_;
};

}  // namespace mamori::bench
