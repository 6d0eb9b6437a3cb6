// The classification scheme and the asset inventory: list (with filters),
// create, change, delete, bulk edit, and .xlsx export and import. Handlers
// pass {org} to app/assets.h, which authorises; `action` documents the
// permission.
#include <charconv>

#include "app/assets.h"
#include "app/isms_json.h"
#include "server/route_fields.h"
#include "server/routes.h"
#include "server/sheet_views.h"

namespace mamori::server {

using nlohmann::json;

namespace {

using fields::text;

Route make(std::string method, std::string path, std::string summary, domain::Action action) {
  return fields::org_route("assets", std::move(method), std::move(path), std::move(summary), action);
}

FieldSpec list(std::string name, std::size_t max_item_bytes, std::size_t max_items, std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = FieldType::string_list;
  f.max_length = max_item_bytes;
  f.max_items = max_items;
  f.description = std::move(description);
  return f;
}

const std::string& org(RequestContext& rc) { return rc.request.params.at("org"); }

std::vector<std::string> type_keys() {
  std::vector<std::string> out;
  for (auto t : domain::all_asset_types()) out.push_back(domain::to_string(t));
  return out;
}

FieldSpec level_field(const char* name, bool required) {
  FieldSpec f = fields::integer(name, domain::kMinClassificationLevel, domain::kMaxClassificationLevel,
                                std::string(name) + " level of the organisation's classification scheme");
  f.required = required;
  return f;
}

std::vector<FieldSpec> asset_fields(bool create) {
  return {text("name", create, 4 * domain::kMaxAssetNameChars, "unique in the organisation"),
          fields::choice("type", create, type_keys(), "asset type"),
          text("description", false, 4 * domain::kMaxAssetTextChars, "what it is"),
          text("owner", false, 800, "管理責任者"),
          level_field("confidentiality", create),
          level_field("integrity", create),
          level_field("availability", create),
          fields::flag("personal_info", "holds personal information (個人情報)"),
          fields::choice("category", false, {"customer_data", "derived_data", "own"},
                         "cloud service customer data, derived data, or the organisation's own (ISMAP 8.1.1.6.PB); "
                         "default own"),
          text("storage_location", false, 2000, "where it is kept (system, room, region)"),
          text("storage_country", false, 8, "ISO 3166-1 alpha-2 code of where it is kept"),
          list("service_ids", 64, domain::kMaxAssetListItems, "the cloud services (ids) it touches"),
          list("suppliers", 800, domain::kMaxAssetListItems, "outside suppliers (names) it touches")};
}

// {axis}/{level} from the path; an unknown one is simply not there (404).
Result<std::pair<domain::SecurityAxis, int>> axis_level(RequestContext& rc) {
  auto axis = domain::parse_security_axis(rc.request.params.at("axis"));
  const std::string& text = rc.request.params.at("level");
  int level = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), level);
  if (!axis || ec != std::errc() || end != text.data() + text.size() || level < domain::kMinClassificationLevel ||
      level > domain::kMaxClassificationLevel)
    return make_error(ErrorCode::not_found, "no_such_level",
                      "no such level: the axis is confidentiality, integrity or availability and the level 1 to 9",
                      Location::in_field("level"));
  return std::make_pair(*axis, level);
}

}  // namespace

void add_asset_routes(std::vector<Route>& routes) {
  using A = domain::Action;
  const std::string base = "/api/v1/orgs/{org}";
  {
    Route r = make("GET", base + "/classification",
                   "The classification scheme: levels of confidentiality, integrity and availability", A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto s = app::get_classification(rc.server.services, rc.caller, org(rc));
      if (!s) return s.error();
      return json_response(200, app::classification_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PUT", base + "/classification/{axis}/{level}",
                   "Add a level to an axis or relabel it (axis: confidentiality | integrity | availability)",
                   A::write_records);
    r.accepts_body = true;
    r.body = {text("label_ja", true, 400, "Japanese label, e.g. 機密性3"),
              text("label_en", true, 400, "English label"), text("description", false, 4000, "what the level means")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto at = axis_level(rc);
      if (!at) return at.error();
      domain::ClassificationLevel level{at->second, rc.body.text("label_ja"), rc.body.text("label_en"),
                                        rc.body.text("description")};
      auto s = app::put_classification_level(rc.server.services, rc.caller, org(rc), at->first, level);
      if (!s) return s.error();
      return json_response(200, app::classification_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("DELETE", base + "/classification/{axis}/{level}",
                   "Remove a level; refused (409) while assets use it, naming them", A::write_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto at = axis_level(rc);
      if (!at) return at.error();
      auto s = app::remove_classification_level(rc.server.services, rc.caller, org(rc), at->first, at->second);
      if (!s) return s.error();
      return json_response(200, app::classification_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/assets", "The asset inventory, by name (filters combine)", A::read_records);
    FieldSpec personal = fields::flag("personal_info", "only assets with (true) or without (false) personal information");
    r.query = {fields::choice("type", false, type_keys(), "only this asset type"),
               fields::choice("category", false, {"customer_data", "derived_data", "own"}, "only this data category"),
               text("service_id", false, 64, "only assets that touch this cloud service"), personal,
               fields::integer("confidentiality", domain::kMinClassificationLevel, domain::kMaxClassificationLevel,
                               "only this confidentiality level")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      store::AssetFilter f;
      f.type = rc.query.text("type");
      f.category = rc.query.text("category");
      f.service_id = rc.query.text("service_id");
      f.personal_info = rc.query.boolean("personal_info");
      f.confidentiality = static_cast<int>(rc.query.integer("confidentiality").value_or(0));
      auto list = app::list_assets(rc.server.services, rc.caller, org(rc), f);
      if (!list) return list.error();
      json out = json::array();
      for (const auto& a : list.value()) out.push_back(app::asset_json(a));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base + "/assets", "Add an asset", A::write_records);
    r.accepts_body = true;
    r.body = asset_fields(true);
    r.max_body_bytes = 256 * 1024;
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const JsonInput& b = rc.body;
      domain::Asset a;
      a.name = b.text("name");
      a.type = domain::parse_asset_type(b.text("type")).value_or(domain::AssetType::other);
      a.description = b.text("description");
      a.owner = b.text("owner");
      a.confidentiality = static_cast<int>(b.integer("confidentiality").value_or(0));
      a.integrity = static_cast<int>(b.integer("integrity").value_or(0));
      a.availability = static_cast<int>(b.integer("availability").value_or(0));
      a.personal_info = b.boolean("personal_info").value_or(false);
      a.category = domain::parse_data_category(b.text("category", "own")).value_or(domain::DataCategory::own);
      a.storage_location = b.text("storage_location");
      a.storage_country = b.text("storage_country");
      a.service_ids = b.string_list("service_ids").value_or(std::vector<std::string>{});
      a.suppliers = b.string_list("suppliers").value_or(std::vector<std::string>{});
      auto created = app::create_asset(rc.server.services, rc.caller, org(rc), a);
      if (!created) return created.error();
      return json_response(201, app::asset_json(created.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/assets/export.xlsx",
                   "The asset inventory as .xlsx (情報資産台帳): the columns the import reads", A::read_records);
    r.response_type = kXlsxType;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto file = app::export_assets_xlsx(rc.server.services, rc.caller, org(rc));
      if (!file) return file.error();
      return download(std::move(file->bytes), kXlsxType, file->file_name);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base + "/assets/import",
                   "Import an asset inventory .xlsx: rows with an ID or a known name update that asset, others are "
                   "added. All or nothing: any bad cell is 400 listing every problem (sheet, row, column, field) "
                   "and nothing is stored.",
                   A::write_records);
    r.raw_body_types = {kXlsxType, "application/octet-stream"};
    r.max_body_bytes = 16u << 20;
    r.query = {text("file_name", false, 1020, "the file's name (for messages)")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const std::string name = rc.query.text("file_name", "assets.xlsx");
      auto report = app::import_assets_xlsx(rc.server.services, rc.caller, org(rc), rc.request.body, name);
      if (!report) return file_error_response(report.error());
      json body = app::import_report_json(report.value());
      if (!report->problems.empty())
        return json_response(400, {{"error",
                                    {{"code", "invalid_input"},
                                     {"reason", "import_problems"},
                                     {"message", std::to_string(report->problems.size()) +
                                                     " problem(s) in the file; nothing was stored"},
                                     {"field", "body"},
                                     {"problems", body["problems"]}}}});
      return json_response(200, body);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base + "/assets/bulk",
                   "Change owner, classification or services of many assets in one go (one audit entry per asset)",
                   A::write_records);
    r.accepts_body = true;
    r.body = {list("asset_ids", 64, app::kMaxBulkAssets, "the assets to change"),
              text("owner", false, 800, "new owner"),
              level_field("confidentiality", false),
              level_field("integrity", false),
              level_field("availability", false),
              list("service_ids", 64, domain::kMaxAssetListItems, "cloud services (ids)"),
              fields::choice("service_mode", false, {"replace", "add", "remove"},
                             "what service_ids does: replace the list (default), add to it, remove from it")};
    r.body.front().required = true;
    r.max_body_bytes = 256 * 1024;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const JsonInput& b = rc.body;
      domain::AssetPatch p;
      p.owner = b.optional_text("owner");
      if (auto v = b.integer("confidentiality")) p.confidentiality = static_cast<int>(*v);
      if (auto v = b.integer("integrity")) p.integrity = static_cast<int>(*v);
      if (auto v = b.integer("availability")) p.availability = static_cast<int>(*v);
      p.service_ids = b.string_list("service_ids");
      p.service_mode =
          domain::parse_service_mode(b.text("service_mode", "replace")).value_or(domain::AssetPatch::ServiceMode::replace);
      auto changed = app::bulk_edit_assets(rc.server.services, rc.caller, org(rc),
                                           b.string_list("asset_ids").value_or(std::vector<std::string>{}), p);
      if (!changed) return changed.error();
      json out = json::array();
      for (const auto& a : changed.value()) out.push_back(app::asset_json(a));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/assets/{asset_id}", "One asset", A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto a = app::get_asset(rc.server.services, rc.caller, org(rc), rc.request.params.at("asset_id"));
      if (!a) return a.error();
      return json_response(200, app::asset_json(a.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PATCH", base + "/assets/{asset_id}", "Change an asset (only the fields given)", A::write_records);
    r.accepts_body = true;
    r.body = asset_fields(false);
    r.max_body_bytes = 256 * 1024;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const JsonInput& b = rc.body;
      app::AssetChange c;
      c.name = b.optional_text("name");
      if (auto t = b.optional_text("type")) c.type = domain::parse_asset_type(*t);
      c.description = b.optional_text("description");
      c.owner = b.optional_text("owner");
      if (auto v = b.integer("confidentiality")) c.confidentiality = static_cast<int>(*v);
      if (auto v = b.integer("integrity")) c.integrity = static_cast<int>(*v);
      if (auto v = b.integer("availability")) c.availability = static_cast<int>(*v);
      c.personal_info = b.boolean("personal_info");
      if (auto v = b.optional_text("category")) c.category = domain::parse_data_category(*v);
      c.storage_location = b.optional_text("storage_location");
      c.storage_country = b.optional_text("storage_country");
      c.service_ids = b.string_list("service_ids");
      c.suppliers = b.string_list("suppliers");
      auto changed = app::change_asset(rc.server.services, rc.caller, org(rc), rc.request.params.at("asset_id"), c);
      if (!changed) return changed.error();
      return json_response(200, app::asset_json(changed.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("DELETE", base + "/assets/{asset_id}", "Delete an asset", A::write_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto done = app::delete_asset(rc.server.services, rc.caller, org(rc), rc.request.params.at("asset_id"));
      if (!done) return done.error();
      return json_response(200, json{{"deleted", true}});
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
