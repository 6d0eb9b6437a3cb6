// The tailored control standard (個別管理基準) of an organisation: list,
// create from a base catalog, one operation of the seven steps at a time
// (each with its reason), items filtered by attribute, the balance view,
// approval, versions and their diff, saved audit scopes, and the .xlsx.
// Handlers pass {org} to the app use cases, which authorise.
#include <map>
#include <set>

#include "app/tailored_standards.h"
#include "formats/tailored_json.h"
#include "server/route_fields.h"
#include "server/routes.h"
#include "server/sheet_views.h"

namespace mamori::server {

using nlohmann::json;

namespace {

using fields::text;

Route make(std::string method, std::string path, std::string summary, domain::Action action) {
  return fields::org_route("standards", std::move(method), std::move(path), std::move(summary), action);
}

FieldSpec list(std::string name, std::size_t max_items, std::size_t max_item_bytes, std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = FieldType::string_list;
  f.max_length = max_item_bytes;
  f.max_items = max_items;
  f.description = std::move(description);
  return f;
}

const std::string& org(RequestContext& rc) { return rc.request.params.at("org"); }
const std::string& standard_id(RequestContext& rc) { return rc.request.params.at("standard_id"); }

Error bad(const std::string& field, const std::string& reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

json vocabulary_json(const std::vector<domain::AttributeType>& vocabulary) {
  json out = json::array();
  for (const auto& t : vocabulary) {
    json values = json::array();
    for (const auto& v : t.values) values.push_back({{"key", v.key}, {"ja", v.name.ja}, {"en", v.name.en}});
    out.push_back({{"key", t.key}, {"ja", t.name.ja}, {"en", t.name.en}, {"values", values}});
  }
  return out;
}

json standard_json(const store::StoredStandard& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"description", s.description},
          {"base_catalog_key", s.base_catalog_key},
          {"base_catalog_version", s.base_catalog_version},
          {"review_months", s.review_months},
          {"operation_count", s.operation_count},
          {"approved_version", s.approved_version},
          {"created_by", s.created_by},
          {"created_at", s.created_at},
          {"updated_by", s.updated_by},
          {"updated_at", s.updated_at}};
}

json operation_json(const store::StoredOperation& o) {
  json out{{"seq", o.op.seq},       {"kind", domain::to_string(o.op.kind)}, {"step", domain::step_of(o.op)},
           {"items", o.op.items},   {"reason", o.op.reason},                {"created_by", o.created_by},
           {"created_at", o.created_at}};
  json results = json::array();
  for (const auto& c : o.op.content) results.push_back(c.number);
  out["numbers"] = results;  // take: every number taken; otherwise the new numbers
  return out;
}

// An item with its history: every operation that shaped it, with the reason.
json item_json(const domain::TailoredItem& i, const std::map<int, const store::StoredOperation*>& ops) {
  json out = formats::tailored_item_json(i);
  json history = json::array();
  for (int seq : i.history) {
    auto o = ops.find(seq);
    if (o == ops.end()) continue;
    history.push_back({{"seq", seq},
                       {"kind", domain::to_string(o->second->op.kind)},
                       {"step", domain::step_of(o->second->op)},
                       {"reason", o->second->op.reason},
                       {"by", o->second->created_by},
                       {"at", o->second->created_at}});
  }
  out["history"] = history;
  return out;
}

std::map<int, const store::StoredOperation*> ops_by_seq(const app::StandardState& s) {
  std::map<int, const store::StoredOperation*> out;
  for (const auto& o : s.operations) out[o.op.seq] = &o;
  return out;
}

json items_json(const app::StandardState& s, const std::vector<domain::TailoredItem>& items) {
  const auto ops = ops_by_seq(s);
  json out = json::array();
  for (const auto& i : items) out.push_back(item_json(i, ops));
  return out;
}

json state_json(const app::StandardState& s) {
  json out = standard_json(s.standard);
  out["draft_changes"] = s.has_draft_changes();
  out["items"] = items_json(s, s.items);
  json ops = json::array();
  for (const auto& o : s.operations) ops.push_back(operation_json(o));
  out["operations"] = ops;
  out["vocabulary"] = vocabulary_json(s.vocabulary);
  return out;
}

json filter_json(const domain::ItemFilter& f) {
  json out{{"attributes", formats::attributes_json(f.attributes)}, {"level", nullptr}, {"technical", nullptr}};
  if (f.level) out["level"] = domain::to_string(*f.level);
  if (f.technical) out["technical"] = *f.technical;
  return out;
}

json scope_json(const store::StoredAuditScope& s) {
  json items = json::array();
  for (const auto& i : s.items) items.push_back({{"key", i.key}, {"number", i.number}, {"title", i.title}});
  return {{"id", s.id},       {"standard_id", s.standard_id}, {"version", s.version},
          {"name", s.name},   {"purpose", s.purpose},         {"filter", filter_json(s.filter)},
          {"items", items},   {"created_by", s.created_by},   {"created_at", s.created_at}};
}

json version_json(const store::StoredVersion& v) {
  return {{"version", v.version}, {"operation_count", v.operation_count}, {"note", v.note},
          {"approved_by", v.approved_by}, {"approved_at", v.approved_at}};
}

std::vector<std::string> split_terms(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const auto comma = text.find(',', start);
    out.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// ?attr=control_type:detective,security_property:availability&level=&technical=
std::vector<FieldSpec> filter_fields() {
  FieldSpec level = text("level", false, 16, "required (必須) | recommended (推奨)");
  level.one_of = {"required", "recommended"};
  FieldSpec technical = text("technical", false, 8, "true: only 技術的検証項目; false: only the others");
  technical.one_of = {"true", "false"};
  return {text("attr", false, 4000,
               "attribute conditions type:value, comma-separated (OR within a type, AND across types), e.g. "
               "control_type:detective"),
          level, technical};
}

Result<domain::ItemFilter> filter_from(const JsonInput& in) {
  auto f = domain::parse_attribute_terms(in.has("attr") ? split_terms(in.text("attr")) : std::vector<std::string>{});
  if (!f) return f.error();
  if (in.has("level")) f->level = domain::parse_item_level(in.text("level"));
  if (in.has("technical")) f->technical = in.text("technical") == "true";
  return f;
}

// Which body fields each operation kind takes; any other given is a 400,
// so a misspelt or misplaced field is never silently ignored.
const std::map<std::string, std::set<std::string>>& fields_of_kind() {
  static const std::map<std::string, std::set<std::string>> m{
      {"take", {"refs", "kinds"}},
      {"remove", {"items"}},
      {"reword", {"items", "number", "title", "text"}},
      {"split", {"items", "part_numbers", "part_titles", "part_texts"}},
      {"merge", {"items", "number", "title", "text", "origin", "source"}},
      {"add", {"step", "number", "title", "text", "origin", "source", "after", "attributes"}},
      {"align", {"items", "regulation_names", "regulation_clauses", "text"}},
      {"set_level", {"items", "level"}},
      {"set_technical", {"items", "technical", "review_months"}},
      {"set_attributes", {"items", "attributes", "clear_attributes"}},
  };
  return m;
}

std::vector<FieldSpec> operation_fields() {
  FieldSpec kind = text("kind", true, 32,
                        "take | remove | reword | split | merge (①) | add (②③④ by step) | align (⑤) | set_level (⑥) | "
                        "set_technical (⑦) | set_attributes");
  for (const auto& [k, _] : fields_of_kind()) kind.one_of.push_back(k);
  FieldSpec level = text("level", false, 16, "set_level: required (必須) | recommended (推奨)");
  level.one_of = {"required", "recommended"};
  FieldSpec technical;
  technical.name = "technical";
  technical.type = FieldType::boolean;
  technical.description = "set_technical: mark (true) or unmark (false) as 技術的検証項目";
  return {kind,
          text("reason", true, 8000, "why (修正理由 / 追加理由): required for every operation"),
          list("items", 5000, 64, "the keys of the items acted on"),
          list("refs", domain::kMaxTakeItems, 64, "take: refs of the base catalog"),
          list("kinds", 10, 32, "take: every node of these kinds (e.g. objective, control)"),
          text("number", false, 256, "the item's number"),
          text("title", false, 4 * domain::kMaxItemTitleChars, "the item's title (default: its first sentence)"),
          text("text", false, 4 * domain::kMaxItemTextChars, "the item's text"),
          list("origin", 20, 128, "catalog:ref the item derives from (attributes are inherited)"),
          text("source", false, 2000, "a citation outside the catalogs: a law and article, a guideline"),
          fields::integer("step", 2, 4, "add: 2 law (関連法規制), 3 another standard (他の規定), 4 the organisation's need"),
          text("after", false, 64, "add: the key of the item to insert after (default: at the end)"),
          list("part_numbers", 50, 256, "split: the parts' numbers"),
          list("part_titles", 50, 4 * domain::kMaxItemTitleChars, "split: the parts' titles (optional)"),
          list("part_texts", 50, 4 * domain::kMaxItemTextChars, "split: the parts' texts"),
          list("regulation_names", 50, 800, "align: internal regulations (組織内規定)"),
          list("regulation_clauses", 50, 400, "align: the clause of each regulation"),
          level,
          technical,
          fields::integer("review_months", 1, 120, "set_technical: the item's own review interval in months"),
          list("attributes", 100, 300, "type:value, e.g. control_type:detective or 監査重点:2026年度"),
          list("clear_attributes", 50, 256, "set_attributes: attribute types to remove")};
}

Result<app::OperationRequest> operation_from(const JsonInput& b) {
  app::OperationRequest r;
  const std::string kind = b.text("kind");
  const auto& allowed = fields_of_kind().at(kind);
  for (const auto& f : operation_fields())
    if (f.name != "kind" && f.name != "reason" && b.has(f.name) && !allowed.count(f.name))
      return bad(f.name, "not_used", f.name + " is not used by a " + kind + " operation");
  domain::Operation& op = r.op;
  op.kind = *domain::parse_operation_kind(kind);
  op.reason = b.text("reason");
  op.items = b.string_list("items").value_or(std::vector<std::string>{});
  r.refs = b.string_list("refs").value_or(std::vector<std::string>{});
  r.kinds = b.string_list("kinds").value_or(std::vector<std::string>{});
  const bool one_content = op.kind == domain::OperationKind::reword || op.kind == domain::OperationKind::merge ||
                           op.kind == domain::OperationKind::add;
  if (one_content) {
    domain::ItemContent c{b.text("number"), b.text("title"), b.text("text"),
                          b.string_list("origin").value_or(std::vector<std::string>{}), b.text("source"), {}};
    op.content.push_back(std::move(c));
  }
  if (op.kind == domain::OperationKind::add) {
    op.add_step = static_cast<int>(b.integer("step").value_or(4));
    op.after = b.text("after");
  }
  if (op.kind == domain::OperationKind::split) {
    const auto numbers = b.string_list("part_numbers").value_or(std::vector<std::string>{});
    const auto texts = b.string_list("part_texts").value_or(std::vector<std::string>{});
    const auto titles = b.string_list("part_titles").value_or(std::vector<std::string>{});
    if (texts.size() != numbers.size())
      return bad("part_texts", "mismatch", "give one text per part number");
    if (!titles.empty() && titles.size() != numbers.size())
      return bad("part_titles", "mismatch", "give one title per part number, or none");
    for (std::size_t i = 0; i < numbers.size(); ++i)
      op.content.push_back({numbers[i], titles.empty() ? "" : titles[i], texts[i], {}, "", {}});
  }
  if (op.kind == domain::OperationKind::align) {
    const auto names = b.string_list("regulation_names").value_or(std::vector<std::string>{});
    const auto clauses = b.string_list("regulation_clauses").value_or(std::vector<std::string>{});
    if (!clauses.empty() && clauses.size() != names.size())
      return bad("regulation_clauses", "mismatch", "give one clause per regulation name, or none");
    for (std::size_t i = 0; i < names.size(); ++i) op.regulations.push_back({names[i], clauses.empty() ? "" : clauses[i]});
    op.text = b.text("text");
  }
  if (op.kind == domain::OperationKind::set_level) {
    if (!b.has("level")) return bad("level", "required", "set_level needs level: required or recommended");
    op.level = *domain::parse_item_level(b.text("level"));
  }
  if (op.kind == domain::OperationKind::set_technical) {
    if (!b.has("technical")) return bad("technical", "required", "set_technical needs technical: true or false");
    op.technical = b.boolean("technical").value_or(false);
    op.review_months = static_cast<int>(b.integer("review_months").value_or(0));
  }
  if (b.has("attributes")) {
    auto parsed = domain::parse_attribute_terms(b.string_list("attributes").value_or(std::vector<std::string>{}));
    if (!parsed) return bad("attributes", "invalid", parsed.error().message);
    if (op.kind == domain::OperationKind::add)
      op.content[0].attributes = parsed->attributes;
    else
      op.attributes = parsed->attributes;
  }
  for (const auto& type : b.string_list("clear_attributes").value_or(std::vector<std::string>{}))
    op.attributes.emplace_back(type, std::vector<std::string>{});
  return r;
}

Result<int> version_param(RequestContext& rc) {
  const std::string& text = rc.request.params.at("version");
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || v > 100000) return bad("version", "invalid", "version is a positive whole number");
    v = v * 10 + (c - '0');
  }
  if (text.empty() || v < 1) return bad("version", "invalid", "version is a positive whole number");
  return v;
}

}  // namespace

void add_standard_routes(std::vector<Route>& routes) {
  using A = domain::Action;
  const std::string base = "/api/v1/orgs/{org}/standards";
  const std::string one = base + "/{standard_id}";
  {
    Route r = make("GET", base, "Tailored control standards (個別管理基準) of the organisation", A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto list = app::list_standards(rc.server.services, rc.caller, org(rc));
      if (!list) return list.error();
      json out = json::array();
      for (const auto& s : list.value()) out.push_back(standard_json(s));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base, "Create a standard from a base catalog, taking the chosen items (step ①)",
                   A::write_records);
    r.accepts_body = true;
    r.body = {text("name", true, 800, "the standard's name, unique in the organisation"),
              text("description", false, 16000, "what it is for"),
              text("base_catalog_key", true, 64, "the base catalog, e.g. ismap-2024, iso27001-2022, cloud-provision"),
              text("base_catalog_version", false, 64, "its version (default: the latest loaded)"),
              fields::integer("review_months", 2, 120, "the standard's review interval (default 12)"),
              list("refs", domain::kMaxTakeItems, 64, "the base catalog's items to take"),
              list("kinds", 10, 32, "and every node of these kinds (e.g. objective, control)"),
              text("reason", false, 8000, "why these items (default: step ① extraction)")};
    r.max_body_bytes = 256 * 1024;
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const JsonInput& b = rc.body;
      app::NewStandard n;
      n.name = b.text("name");
      n.description = b.text("description");
      n.base_catalog_key = b.text("base_catalog_key");
      n.base_catalog_version = b.text("base_catalog_version");
      n.review_months = static_cast<int>(b.integer("review_months").value_or(12));
      n.refs = b.string_list("refs").value_or(std::vector<std::string>{});
      n.kinds = b.string_list("kinds").value_or(std::vector<std::string>{});
      n.reason = b.text("reason");
      auto created = app::create_standard(rc.server.services, rc.caller, org(rc), n);
      if (!created) return created.error();
      return json_response(201, state_json(created.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", one, "A standard: its items (each with its history and reasons), operations and vocabulary",
                   A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto s = app::get_standard(rc.server.services, rc.caller, org(rc), standard_id(rc));
      if (!s) return s.error();
      return json_response(200, state_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", one + "/operations",
                   "Record one operation of the seven steps with its reason; the items are the result of all of them",
                   A::write_records);
    r.accepts_body = true;
    r.body = operation_fields();
    r.max_body_bytes = 1024 * 1024;
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto request = operation_from(rc.body);
      if (!request) return request.error();
      auto s = app::record_operation(rc.server.services, rc.caller, org(rc), standard_id(rc), std::move(request.value()));
      if (!s) return s.error();
      return json_response(201, state_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", one + "/items",
                   "Items filtered by attribute (27002:2022's or the organisation's own), level and technical flag; "
                   "group_by groups them by one attribute type",
                   A::read_records);
    r.query = filter_fields();
    r.query.push_back(text("group_by", false, 64, "an attribute type, e.g. control_type"));
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto f = filter_from(rc.query);
      if (!f) return f.error();
      auto s = app::get_standard(rc.server.services, rc.caller, org(rc), standard_id(rc));
      if (!s) return s.error();
      const auto items = domain::filter_items(s->items, f.value());
      json out{{"filter", filter_json(f.value())}, {"items", items_json(s.value(), items)}};
      if (rc.query.has("group_by")) {
        json groups = json::array();
        for (const auto& g : domain::group_items(items, rc.query.text("group_by"), s->vocabulary))
          groups.push_back({{"value", g.value}, {"keys", g.keys}});
        out["groups"] = groups;
      }
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", one + "/balance",
                   "The balance view: items per control type, security property, concept, capability, domain and the "
                   "organisation's own attributes (zeros included)",
                   A::read_records);
    r.query = filter_fields();
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto f = filter_from(rc.query);
      if (!f) return f.error();
      auto s = app::get_standard(rc.server.services, rc.caller, org(rc), standard_id(rc));
      if (!s) return s.error();
      const auto b = domain::balance(domain::filter_items(s->items, f.value()), s->vocabulary);
      json types = json::array();
      for (const auto& t : b.types) {
        json values = json::array();
        for (const auto& v : t.values) values.push_back({{"value", v.value}, {"count", v.count}});
        types.push_back({{"type", t.type}, {"values", values}, {"unclassified", t.unclassified}});
      }
      return json_response(200, {{"total", b.total},
                                  {"required", b.required},
                                  {"recommended", b.recommended},
                                  {"technical", b.technical},
                                  {"types", types},
                                  {"vocabulary", vocabulary_json(s->vocabulary)}});
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", one + "/approve", "Approve the current items: they become the next version, frozen",
                   A::approve_records);
    r.accepts_body = true;
    r.body = {text("note", false, 8000, "what this version is (e.g. 2026年度版)")};
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto v = app::approve_standard(rc.server.services, rc.caller, org(rc), standard_id(rc), rc.body.text("note"));
      if (!v) return v.error();
      return json_response(201, version_json(v.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", one + "/versions", "The approved versions, oldest first", A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto list = app::list_standard_versions(rc.server.services, rc.caller, org(rc), standard_id(rc));
      if (!list) return list.error();
      json out = json::array();
      for (const auto& v : list.value()) out.push_back(version_json(v));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", one + "/versions/{version}", "One approved version with its items as approved", A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto version = version_param(rc);
      if (!version) return version.error();
      auto v = app::get_standard_version(rc.server.services, rc.caller, org(rc), standard_id(rc), version.value());
      if (!v) return v.error();
      json out = version_json(v.value());
      json items = json::array();
      for (const auto& i : v->items) items.push_back(formats::tailored_item_json(i));
      out["items"] = items;
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", one + "/diff",
                   "What changed between two versions (to=0 or absent: the current draft): added, removed, reworded, "
                   "renumbered, level, technical, attributes, regulations",
                   A::read_records);
    r.query = {fields::integer("from", 1, 100000, "the older version (default 1)"),
               fields::integer("to", 0, 100000, "the newer version; 0 = the current draft (default)")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const int from = static_cast<int>(rc.query.integer("from").value_or(1));
      const int to = static_cast<int>(rc.query.integer("to").value_or(0));
      auto d = app::diff_standard(rc.server.services, rc.caller, org(rc), standard_id(rc), from, to);
      if (!d) return d.error();
      json out = json::array();
      for (const auto& c : d.value()) {
        json entry{{"key", c.key}, {"changes", c.changes}, {"before", nullptr}, {"after", nullptr}};
        if (c.before) entry["before"] = formats::tailored_item_json(*c.before);
        if (c.after) entry["after"] = formats::tailored_item_json(*c.after);
        out.push_back(entry);
      }
      return json_response(200, {{"from", from}, {"to", to}, {"changes", out}});
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", one + "/audit-scopes", "The audit scopes saved from this standard, newest first",
                   A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto list = app::list_audit_scopes(rc.server.services, rc.caller, org(rc), standard_id(rc));
      if (!list) return list.error();
      json out = json::array();
      for (const auto& s : list.value()) out.push_back(scope_json(s));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", one + "/audit-scopes",
                   "Save an audit scope: the items of an approved version that an attribute filter selects "
                   "(e.g. attr=control_type:detective for every #検知 item)",
                   A::write_records);
    r.accepts_body = true;
    FieldSpec level = text("level", false, 16, "required | recommended");
    level.one_of = {"required", "recommended"};
    FieldSpec technical;
    technical.name = "technical";
    technical.type = FieldType::boolean;
    technical.description = "only technical verification items (true) or only the others (false)";
    r.body = {text("name", true, 800, "the scope's name, unique in the organisation"),
              text("purpose", false, 8000, "the audit objective (監査目的)"),
              fields::integer("version", 0, 100000, "the approved version (0 or absent: the latest approved)"),
              list("attr", 100, 300, "attribute conditions type:value (OR within a type, AND across types)"), level,
              technical};
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const JsonInput& b = rc.body;
      auto f = domain::parse_attribute_terms(b.string_list("attr").value_or(std::vector<std::string>{}));
      if (!f) return f.error();
      if (b.has("level")) f->level = domain::parse_item_level(b.text("level"));
      if (b.has("technical")) f->technical = b.boolean("technical");
      app::NewAuditScope n{b.text("name"), b.text("purpose"), static_cast<int>(b.integer("version").value_or(0)),
                           f.value()};
      auto s = app::create_audit_scope(rc.server.services, rc.caller, org(rc), standard_id(rc), n);
      if (!s) return s.error();
      return json_response(201, scope_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", one + "/audit-scopes/{scope_id}", "One saved audit scope with its items", A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto s = app::get_audit_scope(rc.server.services, rc.caller, org(rc), standard_id(rc),
                                    rc.request.params.at("scope_id"));
      if (!s) return s.error();
      return json_response(200, scope_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", one + "/export.xlsx",
                   "The standard as .xlsx: items with level, technical flag, attributes, origin and reasons, and the "
                   "change log",
                   A::read_records);
    r.query = {fields::integer("version", 0, 100000, "an approved version; 0 or absent: the current draft")};
    r.response_type = kXlsxType;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto file = app::export_standard_xlsx(rc.server.services, rc.caller, org(rc), standard_id(rc),
                                            static_cast<int>(rc.query.integer("version").value_or(0)));
      if (!file) return file.error();
      return download(std::move(file->bytes), kXlsxType, file->file_name);
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
