// Answering a customer's questionnaire from the answer library: read the
// file whatever its layout (formats/questionnaire_import.h), propose an
// answer with its source and confidence for every question
// (domain/answer_proposal.h), and write the chosen answers back into the
// customer's own file (formats::patch_xlsx): the answer cell gets ○/×/－
// (or the customer's own words for them), the remarks cell the explanation
// and evidence; every other byte of the file stays as it was. The CLI uses
// this directly; the stored workflow of the API is app/incoming_sheets.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/answer_proposal.h"
#include "domain/catalog.h"
#include "domain/error.h"
#include "formats/questionnaire_import.h"

namespace mamori::app {

// Proposals below this are shown but not written unless a person accepts
// them: at 0.5 the sheet's own item numbers (0.95) and questions worded
// like a library question (0.73..0.99) pass; rewordings (0.30..0.41) and
// catalog matches (0.12..0.31) wait for a person (the measurements are in
// domain/answer_proposal.h).
inline constexpr double kDefaultMinConfidence = 0.5;

struct AnswerSources {
  std::vector<domain::Catalog> frameworks;   // every loaded catalog but the sheet templates
  std::vector<domain::LibraryEntry> library; // approved answers
};

// The frameworks from the database (latest version of each loaded catalog).
Result<std::vector<domain::Catalog>> load_frameworks(store::Database& db);
// The organisation's approved library and the frameworks.
Result<AnswerSources> load_answer_sources(Services& services, const Caller& caller, const std::string& tenant_id);

struct ProposedAnswers {
  formats::ImportedQuestionnaire imported;
  std::vector<domain::Proposal> proposals;  // one per imported.questions, same order
  std::vector<std::string> notes;           // what the reader skipped (chart sheets …)
};

// Reads the .xlsx and proposes an answer for every question. Errors name
// the place (file, sheet, part) and leave nothing behind.
Result<ProposedAnswers> propose_answers(std::string_view bytes, const std::string& file_name,
                                        const AnswerSources& sources, const domain::AnswerContext& context);

struct AnswerToWrite {
  std::string sheet;
  formats::CellAddress answer_cell;
  std::optional<formats::CellAddress> remarks_cell;
  domain::AnswerValue answer = domain::AnswerValue::blank;
  std::string explanation;  // "" leaves the remarks cell as it is
};

// The customer's file with the answers in: each answer in the spelling the
// file uses for its answer column (domain::infer_answer_spelling).
Result<std::string> write_answers(std::string_view bytes, const std::string& file_name,
                                  const std::vector<AnswerToWrite>& answers);

}  // namespace mamori::app
