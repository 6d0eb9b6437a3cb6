#include "app/sheet_answering.h"

#include <map>

#include "app/catalog_queries.h"
#include "app/library.h"
#include "domain/sheet_answer.h"
#include "formats/xlsx_reader.h"

namespace mamori::app {

Result<std::vector<domain::Catalog>> load_frameworks(store::Database& db) {
  auto list = list_catalogs(db);
  if (!list) return list.error();
  std::vector<domain::Catalog> out;
  for (const auto& stored : list.value()) {
    // Sheet templates hold questions, not controls: answers are keyed to the
    // frameworks they cite.
    if (stored.info.has_kind("question")) continue;
    auto catalog = export_catalog(db, stored.info.id);
    if (!catalog) return catalog.error();
    out.push_back(std::move(catalog.value()));
  }
  return out;
}

Result<AnswerSources> load_answer_sources(Services& services, const Caller& caller, const std::string& tenant_id) {
  AnswerSources out;
  auto library = approved_answers(services, caller, tenant_id);
  if (!library) return library.error();
  out.library = std::move(library.value());
  auto frameworks = load_frameworks(services.db);
  if (!frameworks) return frameworks.error();
  out.frameworks = std::move(frameworks.value());
  return out;
}

Result<ProposedAnswers> propose_answers(std::string_view bytes, const std::string& file_name,
                                        const AnswerSources& sources, const domain::AnswerContext& context) {
  auto book = formats::read_xlsx(bytes, file_name);
  if (!book) return book.error();
  auto imported = formats::import_questionnaire(book.value(), file_name);
  if (!imported) return imported.error();
  std::vector<const domain::Catalog*> catalogs;
  for (const auto& c : sources.frameworks) catalogs.push_back(&c);
  const domain::AnswerProposer proposer(sources.library, catalogs);
  ProposedAnswers out;
  out.notes = book->notes;
  out.proposals.reserve(imported->questions.size());
  for (const auto& q : imported->questions) {
    // The item name and the question together: sheets put the subject in
    // one and the requirement in the other.
    const std::string text = q.title.empty() ? q.question : q.title + "\n" + q.question;
    out.proposals.push_back(proposer.propose({text, q.sheet_ref}, context));
  }
  out.imported = std::move(imported.value());
  return out;
}

Result<std::string> write_answers(std::string_view bytes, const std::string& file_name,
                                  const std::vector<AnswerToWrite>& answers) {
  auto book = formats::read_xlsx(bytes, file_name);
  if (!book) return book.error();
  auto imported = formats::import_questionnaire(book.value(), file_name);
  if (!imported) return imported.error();
  // (sheet, answer column) -> how that column spells its answers.
  std::map<std::pair<std::string, int>, domain::AnswerSpelling> spelling;
  for (const auto& t : imported->tables)
    spelling.emplace(std::make_pair(t.sheet, t.answer_column),
                     domain::infer_answer_spelling(t.answer_header, t.existing_answers));
  std::vector<formats::CellEdit> edits;
  for (const auto& a : answers) {
    if (a.answer == domain::AnswerValue::blank || a.answer == domain::AnswerValue::unreadable) continue;
    auto s = spelling.find({a.sheet, a.answer_cell.column});
    const domain::AnswerSpelling fallback;
    const std::string& symbol = (s == spelling.end() ? fallback : s->second).of(a.answer);
    edits.push_back({a.sheet, a.answer_cell, symbol});
    if (a.remarks_cell && !a.explanation.empty()) edits.push_back({a.sheet, *a.remarks_cell, a.explanation});
  }
  if (edits.empty()) return std::string(bytes);
  return formats::patch_xlsx(bytes, file_name, edits);
}

}  // namespace mamori::app
