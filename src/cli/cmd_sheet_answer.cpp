// mamori sheet answer QUESTIONS.xlsx --out ANSWERED.xlsx [--data DIR]
//     [--org NAME] [--service NAME] [--plan NAME] [--min-confidence X] [--json]
// A vendor answers a customer's questionnaire from its approved answer
// library: every question gets a proposal (source and confidence); those
// from the library at or above the threshold, and holding for the service,
// are written into a copy of the customer's file; the rest stay blank and
// the summary says why. Reads the library; changes nothing in the database.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/answer_json.h"
#include "app/incoming_sheets.h"
#include "app/organisations.h"
#include "app/sheet_answering.h"
#include "app/sheet_evaluation.h"
#include "cli/command.h"
#include "cli/services.h"

namespace mamori::cli {

namespace {

using nlohmann::json;

struct AnswerArgs {
  InstanceOptions instance;
  std::string file, out, org, service, plan;
  double min_confidence = app::kDefaultMinConfidence;
  bool json = false;
};

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::io, "cannot read the file", Location::in_file(path));
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(in.tellg());
  if (size > app::kMaxIncomingSheetBytes)
    return make_error(ErrorCode::too_large, "the file is larger than 64 MiB", Location::in_file(path));
  in.seekg(0);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The organisation named, or the only one with an approved library.
Result<std::string> resolve_org(app::Services& services, const std::string& name) {
  const app::Caller op = app::Caller::operator_cli();
  if (!name.empty()) {
    auto tenant = app::find_tenant(services, name);
    if (!tenant) return tenant.error();
    return tenant->id;
  }
  auto tenants = app::list_tenants(services, op);
  if (!tenants) return tenants.error();
  std::vector<std::string> with_library;
  for (const auto& t : tenants.value()) {
    auto library = app::approved_answers(services, op, t.id);
    if (!library) return library.error();
    if (!library->empty()) with_library.push_back(t.id);
  }
  if (with_library.size() == 1) return with_library.front();
  return make_error(ErrorCode::invalid_input,
                    with_library.empty() ? "no organisation here has an approved answer library (回答マスタ)"
                                         : "several organisations have an answer library: name one with --org",
                    Location::in_field("--org"));
}

// Why a proposal is not written, or "" when it is.
std::string not_written_because(const domain::Proposal& p, double min_confidence) {
  if (p.source == domain::ProposalSource::none) return "no_source";
  if (p.source == domain::ProposalSource::catalog) return "no_library_answer";
  if (p.out_of_scope) return "out_of_scope";
  if (p.confidence < min_confidence) return "below_min_confidence";
  return "";
}

const char* reason_text(const std::string& reason) {
  if (reason == "no_source") return "回答マスタにもカタログにも該当なし / nothing matches";
  if (reason == "no_library_answer") return "該当項目の承認済み回答なし / no approved answer for the item";
  if (reason == "out_of_scope") return "回答の対象外のサービス・プラン / the answer holds for other services or plans";
  return "確信度が閾値未満 / confidence below --min-confidence";
}

int run_answer(const AnswerArgs& a) {
  if (a.instance.data.data_dir.empty() && a.instance.data.db_url.empty())
    return report(make_error(ErrorCode::invalid_input, "give --data DIR (or --db URL): the answer library lives there",
                             Location::in_field("--data")));
  if (std::filesystem::exists(a.out) && std::filesystem::exists(a.file) &&
      std::filesystem::equivalent(a.out, a.file))
    return report(make_error(ErrorCode::invalid_input, "--out must not be the customer's file itself",
                             Location::in_field("--out")));
  auto bytes = read_file(a.file);
  if (!bytes) return report(bytes.error());
  auto instance = open_instance(a.instance);
  if (!instance) return report(instance.error());
  auto& services = *instance->services;
  auto tenant_id = resolve_org(services, a.org);
  if (!tenant_id) return report(tenant_id.error());
  auto sources = app::load_answer_sources(services, app::Caller::operator_cli(), tenant_id.value());
  if (!sources) return report(sources.error());
  const domain::AnswerContext context{a.service, a.plan, app::today_in_japan()};
  auto proposed = app::propose_answers(bytes.value(), a.file, sources.value(), context);
  if (!proposed) return report(proposed.error());

  std::vector<app::AnswerToWrite> answers;
  json questions = json::array();
  int written = 0;
  const auto& qs = proposed->imported.questions;
  for (std::size_t i = 0; i < qs.size(); ++i) {
    const auto& q = qs[i];
    const auto& p = proposed->proposals[i];
    const std::string because = not_written_because(p, a.min_confidence);
    if (because.empty()) {
      answers.push_back({q.sheet, q.answer_cell, q.remarks_cell, p.answer, p.explanation});
      ++written;
    }
    json j{{"seq", i + 1},
           {"sheet", q.sheet},
           {"row", q.row},
           {"ref", q.ref},
           {"question", q.question},
           {"answer_cell", formats::format_cell_address(q.answer_cell)},
           {"remarks_cell", q.remarks_cell ? json(formats::format_cell_address(*q.remarks_cell)) : json(nullptr)},
           {"written", because.empty()},
           {"proposal", app::proposal_json(p)}};
    if (!because.empty()) j["left_blank_because"] = because;
    questions.push_back(std::move(j));
  }
  auto patched = app::write_answers(bytes.value(), a.file, answers);
  if (!patched) return report(patched.error());
  {
    std::ofstream out(a.out, std::ios::binary | std::ios::trunc);
    out << patched.value();
    if (!out.flush())
      return report(make_error(ErrorCode::io, "cannot write the answered file", Location::in_file(a.out)));
  }

  json problems = json::array();
  for (const auto& p : proposed->imported.problems) problems.push_back(app::import_problem_json(p));
  if (a.json) {
    json out{{"file", a.file},
             {"out", a.out},
             {"service", a.service},
             {"plan", a.plan},
             {"min_confidence", a.min_confidence},
             {"counts", {{"questions", qs.size()}, {"answered", written}, {"left_blank", qs.size() - written}}},
             {"questions", questions},
             {"problems", problems}};
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "回答 / answered: " << written << " / " << qs.size() << "  (min confidence " << a.min_confidence << ")\n";
  for (const auto& j : questions) {
    const json& p = j["proposal"];
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, "%.2f", p["confidence"].get<double>());
    const std::string where = j["sheet"].get<std::string>() + "!" + j["answer_cell"].get<std::string>();
    const std::string ref = j["ref"].get<std::string>();
    if (j["written"].get<bool>()) {
      if (p["conditional"].get<bool>() || p["review_overdue"].get<bool>())
        for (const auto& n : p["notes"]) std::cout << "  note " << where << " " << ref << ": " << n.get<std::string>() << "\n";
      continue;
    }
    std::cout << "  blank " << where << (ref.empty() ? "" : " " + ref) << "  " << confidence << "  "
              << reason_text(j["left_blank_because"].get<std::string>());
    if (!p["catalog"].is_null()) std::cout << "  (" << p["catalog"].get<std::string>() << ")";
    std::cout << "\n";
  }
  for (const auto& p : problems) std::cerr << "problem: " << p.dump() << "\n";
  std::cerr << "wrote " << a.out << "\n";
  return kExitOk;
}

}  // namespace

void add_sheet_answer_command(CLI::App& sheet, Action& action) {
  auto args = std::make_shared<AnswerArgs>();
  auto* answer = sheet.add_subcommand(
      "answer", "顧客のシートに回答マスタから回答 / answer a customer's sheet (.xlsx, any layout) from the library");
  answer->add_option("QUESTIONS", args->file, "顧客のシート / the customer's sheet (.xlsx)")->required();
  answer->add_option("--out", args->out, "回答済みシートの出力先 / where to write the answered copy")->required();
  answer->add_option("--org", args->org, "組織名 (省略時: 回答マスタを持つ唯一の組織) / organisation (default: the one with a library)");
  answer->add_option("--service", args->service, "対象サービス (条件付き回答の判定) / which of your services the sheet is about");
  answer->add_option("--plan", args->plan, "対象プラン / which plan");
  answer->add_option("--min-confidence", args->min_confidence, "この確信度以上を記入 / write answers at or above this confidence")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  answer->add_flag("--json", args->json, "JSONで出力 / print JSON (each question with its source and confidence)");
  add_data_options(*answer, args->instance.data);
  add_key_option(*answer, args->instance);
  answer->callback([&action, args] { action = [args] { return run_answer(*args); }; });
}

}  // namespace mamori::cli
