#include "server/json_views.h"

#include "app/audit_log.h"
#include "formats/catalog_json.h"

namespace mamori::server {

using nlohmann::json;

json to_json(const app::AccountView& a) {
  json orgs = json::array();
  for (const auto& m : a.memberships)
    orgs.push_back({{"id", m.tenant_id}, {"name", m.tenant_name}, {"kind", m.tenant_kind}, {"role", domain::to_string(m.role)}});
  json out{{"user_id", a.user_id},
           {"email", a.email},
           {"display_name", a.display_name},
           {"mfa_enabled", a.mfa_enabled},
           {"mfa_required", a.mfa_required},
           {"recovery_codes_left", a.recovery_codes_left},
           {"organisations", orgs},
           {"active_organisation", a.active_tenant_id.empty() ? json(nullptr) : json(a.active_tenant_id)},
           {"stage", domain::to_string(a.stage)}};
  if (!a.session_id.empty())
    out["session"] = {{"id", a.session_id},
                      {"expires_at", a.session_expires_at},
                      {"idle_timeout_seconds", a.idle_timeout_seconds}};
  return out;
}

json to_json(const store::Membership& m) {
  return {{"user_id", m.user_id},
          {"email", m.email},
          {"display_name", m.display_name},
          {"role", domain::to_string(m.role)},
          {"since", m.created_at}};
}

json to_json(const domain::Tenant& t) {
  return {{"id", t.id}, {"name", t.name}, {"kind", domain::to_string(t.kind)}, {"created_at", t.created_at}};
}

json to_json(const store::TenantSettings& s) {
  return {{"banner_ja", s.banner_ja},
          {"banner_en", s.banner_en},
          {"require_mfa", s.require_mfa},
          {"password_min_length", s.password.min_length},
          {"idle_timeout_seconds", s.session.idle_timeout_seconds},
          {"absolute_lifetime_seconds", s.session.absolute_lifetime_seconds}};
}

json to_json(const store::ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"role", domain::to_string(t.role)},
          {"created_by", t.created_by},
          {"created_at", t.created_at},
          {"expires_at", t.expires_at},
          {"revoked_at", t.revoked_at.empty() ? json(nullptr) : json(t.revoked_at)},
          {"last_used_at", t.last_used_at.empty() ? json(nullptr) : json(t.last_used_at)}};
}

json to_json(const app::SessionView& v) {
  const auto& s = v.session;
  return {{"id", s.id},
          {"user_id", s.user_id},
          {"email", v.email},
          {"stage", domain::to_string(s.stage)},
          {"created_at", s.created_at},
          {"last_seen_at", s.last_seen_at},
          {"expires_at", s.expires_at},
          {"locked", !s.locked_at.empty()},
          {"source_ip", s.source_ip},
          {"user_agent", s.user_agent}};
}

json to_json(const domain::AuditEntry& e) { return json::parse(app::audit_entry_json(e)); }

json to_json(const store::StoredCatalog& c) {
  return {{"id", c.info.id},           {"version", c.info.version}, {"revision", c.revision},
          {"title", c.info.title},     {"title_en", c.info.title_en}, {"publisher", c.info.publisher},
          {"source", c.info.source},   {"notes", c.info.notes},     {"nodes", c.node_count},
          {"loaded_at", c.loaded_at},  {"definition", formats::info_to_json(c.info)}};
}

json to_json(const app::NodeView& n) { return formats::node_to_json(n.node, n.level); }

json to_json(const app::NodeDetail& d) {
  json out = to_json(d.node);
  out["catalog"] = {{"id", d.catalog.info.id}, {"version", d.catalog.info.version}, {"title", d.catalog.info.title}};
  out["parent_node"] = d.parent ? json{{"ref", d.parent->node.ref},
                                       {"title", d.parent->node.title},
                                       {"title_en", d.parent->node.title_en}}
                                 : json(nullptr);
  json children = json::array();
  for (const auto& c : d.children)
    children.push_back({{"ref", c.node.ref},
                        {"title", c.node.title},
                        {"title_en", c.node.title_en},
                        {"kind", c.node.kind},
                        {"flags", c.node.flags}});
  out["children"] = children;
  json mappings = json::array();
  for (const auto& l : d.links)
    mappings.push_back({{"mapping", l.link.mapping_id},
                        {"catalog", l.link.other_catalog},
                        {"ref", l.link.other_ref},
                        {"title", l.other_title},
                        {"title_en", l.other_title_en},
                        {"relationship", domain::to_string(l.link.rel)},
                        {"note", l.link.note},
                        {"source", l.link.source}});
  out["mappings"] = mappings;
  return out;
}

}  // namespace mamori::server
