// mamori sheet evaluate|new (answer: cmd_sheet_answer.cpp)
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/sheet_evaluation.h"
#include "app/sheet_report_json.h"
#include "app/sheet_templates.h"
#include "cli/command.h"
#include "formats/service_list.h"

namespace mamori::cli {

namespace {

using nlohmann::json;

Result<std::string> read_whole_file(const std::string& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::io, "cannot read the file", Location::in_file(path));
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(in.tellg());
  if (size > limit)
    return make_error(ErrorCode::too_large, "the file is larger than " + std::to_string(limit >> 20) + " MiB",
                      Location::in_file(path));
  in.seekg(0);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void print_human(const json& j) {
  std::cout << "判定 / verdict: " << j["verdict"].get<std::string>() << "  (" << j["template"].get<std::string>()
            << ")\n";
  std::cout << "ISMAP listing: " << j["listing"]["status"].get<std::string>() << "\n";
  std::cout << "met " << j["counts"]["met"] << ", needs_review " << j["counts"]["needs_review"] << ", unmet "
            << j["counts"]["unmet"] << "\n";
  for (const auto& w : j["warnings"]) std::cout << "warning: " << w["message"].get<std::string>() << "\n";
  if (j["ground"] == "ismap_listing")
    std::cout << "ISMAP等クラウドサービスリストに登録済みのため、各項目の回答は不要です / listed: the items need no answers\n";
  else
    for (const auto& i : j["items"])
      if (i["status"] != "met")
      std::cout << "  " << i["ref"].get<std::string>() << " (" << i["ismap_ref"].get<std::string>() << ") "
                << i["status"].get<std::string>() << "  " << i["answer"].get<std::string>()
                << (i["alternative"].get<std::string>().empty() ? "" : "  代替対策: " + i["alternative"].get<std::string>())
                << "\n";
  for (const auto& p : j["problems"]) std::cerr << "problem: " << p.dump() << "\n";
}

}  // namespace

void add_sheet_command(CLI::App& app, Action& action) {
  auto* sheet = app.add_subcommand("sheet", "チェックシート / security check sheets");
  sheet->require_subcommand(1);
  add_sheet_answer_command(*sheet, action);

  struct EvaluateArgs {
    std::string file, list, as_of, list_kind;
    bool json = false;
  };
  auto ev = std::make_shared<EvaluateArgs>();
  auto* evaluate = sheet->add_subcommand("evaluate", "回答済みシートを評価 / evaluate an answered sheet (.xlsx)");
  evaluate->add_option("FILE", ev->file, "回答済みのシート / the answered sheet (.xlsx)")->required();
  evaluate->add_option("--ismap-list", ev->list, "ISMAP等クラウドサービスリスト (CSV/.xlsx) / the service list");
  evaluate->add_option("--list-kind", ev->list_kind, "区分列がないリストの区分 / the list's kind when it has no 区分 column")
      ->check(CLI::IsMember({"ISMAP", "ISMAP-LIU"}));
  evaluate->add_option("--as-of", ev->as_of, "評価日 (既定: 今日) / evaluation date YYYY-MM-DD (default: today, Japan)");
  evaluate->add_flag("--json", ev->json, "JSONで出力 / print JSON");
  evaluate->callback([&action, ev] {
    action = [ev] {
      std::string as_of = ev->as_of.empty() ? app::today_in_japan() : formats::normalize_date(ev->as_of);
      if (as_of.empty())
        return report(make_error(ErrorCode::invalid_input, "the date must be YYYY-MM-DD", Location::in_field("--as-of")));
      std::vector<domain::ServiceListing> list;
      std::vector<formats::ImportProblem> list_problems;
      if (!ev->list.empty()) {
        auto bytes = read_whole_file(ev->list, 32u << 20);
        if (!bytes) return report(bytes.error());
        formats::ServiceListOptions options;
        options.default_kind = ev->list_kind;
        auto imported = formats::import_service_list(bytes.value(), ev->list, options);
        if (!imported) return report(imported.error());
        list = std::move(imported->entries);
        list_problems = std::move(imported->problems);
      }
      auto bytes = read_whole_file(ev->file, 64u << 20);
      if (!bytes) return report(bytes.error());
      auto templates = app::builtin_sheet_templates();
      if (!templates) return report(templates.error());
      auto result = app::evaluate_sheet_file(bytes.value(), ev->file, templates.value(), list, as_of);
      if (!result) return report(result.error());
      json j = app::sheet_report_json(result.value(), list_problems);
      j["as_of"] = as_of;
      if (ev->json) std::cout << j.dump(2) << "\n";
      else print_human(j);
      return kExitOk;
    };
  });

  struct NewArgs {
    std::string template_id, out;
  };
  auto nw = std::make_shared<NewArgs>();
  auto* create = sheet->add_subcommand("new", "空のシートを作成 (seed 000 の様式) / a blank sheet in the seed 000 layout");
  create->add_option("--template", nw->template_id,
                     "ismap-sheet-summary | ismap-sheet-detailed (ismap-summary | ismap-detailed)")
      ->required();
  create->add_option("--out", nw->out, "出力ファイル / output .xlsx")->required();
  create->callback([&action, nw] {
    action = [nw] {
      auto written = app::write_blank_sheet(nw->template_id, nw->out);
      if (!written) return report(written.error());
      std::cerr << "wrote " << nw->out << "\n";
      return kExitOk;
    };
  });
}

}  // namespace mamori::cli
