#include "domain/soa.h"

#include <map>
#include <utility>

#include "domain/text.h"

namespace mamori::domain {

std::optional<SoaParties> parties_of_role(std::string_view role) {
  if (role == "customer") return SoaParties{true, false};
  if (role == "provider") return SoaParties{false, true};
  if (role == "both") return SoaParties{true, true};
  return std::nullopt;
}

const char* to_string(Applicability a) {
  switch (a) {
    case Applicability::applicable: return "yes";
    case Applicability::not_applicable: return "no";
    case Applicability::unevaluated: break;
  }
  return "unevaluated";
}

std::optional<Applicability> parse_applicability(std::string_view text) {
  if (text == "yes") return Applicability::applicable;
  if (text == "no") return Applicability::not_applicable;
  if (text == "unevaluated") return Applicability::unevaluated;
  return std::nullopt;
}

const char* to_string(ImplementationStatus s) {
  switch (s) {
    case ImplementationStatus::implemented: return "implemented";
    case ImplementationStatus::partial: return "partial";
    case ImplementationStatus::planned: return "planned";
    case ImplementationStatus::not_implemented: return "not_implemented";
    case ImplementationStatus::unset: break;
  }
  return "unset";
}

std::optional<ImplementationStatus> parse_implementation_status(std::string_view text) {
  if (text == "unset") return ImplementationStatus::unset;
  if (text == "implemented") return ImplementationStatus::implemented;
  if (text == "partial") return ImplementationStatus::partial;
  if (text == "planned") return ImplementationStatus::planned;
  if (text == "not_implemented") return ImplementationStatus::not_implemented;
  return std::nullopt;
}

const char* to_string(SoaRowKind k) {
  switch (k) {
    case SoaRowKind::cloud_extension: return "cloud_extension";
    case SoaRowKind::ismap_objective: return "ismap_objective";
    case SoaRowKind::ismap_detail: return "ismap_detail";
    case SoaRowKind::annex_a: break;
  }
  return "annex_a";
}

std::optional<SoaRowKind> parse_soa_row_kind(std::string_view text) {
  if (text == "annex_a") return SoaRowKind::annex_a;
  if (text == "cloud_extension") return SoaRowKind::cloud_extension;
  if (text == "ismap_objective") return SoaRowKind::ismap_objective;
  if (text == "ismap_detail") return SoaRowKind::ismap_detail;
  return std::nullopt;
}

std::string row_key(std::string_view catalog_key, std::string_view ref) {
  std::string key(catalog_key);
  key += ':';
  key += ref;
  return key;
}

namespace {

Error invalid(const char* field, const char* reason, std::string message) {
  return make_error(ErrorCode::invalid_input, reason, std::move(message), Location::in_field(field));
}

}  // namespace

Status check_soa_row(const SoaRow& row) {
  const std::string where = row_key(row.catalog_key, row.ref);
  if (!is_valid_utf8(row.reason)) return invalid("reason", "invalid", where + ": reason is not valid UTF-8");
  if (utf8_length(row.reason) > kMaxSoaReasonChars)
    return invalid("reason", "too_long",
                   where + ": reason is longer than " + std::to_string(kMaxSoaReasonChars) + " characters");
  if (row.evidence.size() > kMaxSoaEvidenceItems)
    return invalid("evidence", "too_many",
                   where + ": more than " + std::to_string(kMaxSoaEvidenceItems) + " evidence items");
  for (const auto& item : row.evidence) {
    if (!is_valid_utf8(item)) return invalid("evidence", "invalid", where + ": an evidence item is not valid UTF-8");
    if (fold_for_search(item).empty()) return invalid("evidence", "required", where + ": an evidence item is empty");
    if (utf8_length(item) > kMaxSoaEvidenceChars)
      return invalid("evidence", "too_long",
                     where + ": an evidence item is longer than " + std::to_string(kMaxSoaEvidenceChars) +
                         " characters");
  }
  if (row.applicable == Applicability::not_applicable && row.status != ImplementationStatus::unset)
    return invalid("status", "not_applicable",
                   where + ": a control that is not applicable has no implementation status (use unset)");
  return ok();
}

std::vector<SoaControl> controls_for_parties(const SoaParties& parties, const std::vector<SoaControl>& catalog_controls) {
  std::vector<SoaControl> out;
  for (const auto& c : catalog_controls) {
    switch (c.kind) {
      case SoaRowKind::annex_a: out.push_back(c); break;
      case SoaRowKind::cloud_extension:
        if ((parties.customer && c.applies_to.customer) || (parties.provider && c.applies_to.provider))
          out.push_back(c);
        break;
      case SoaRowKind::ismap_objective:
      case SoaRowKind::ismap_detail:
        if (parties.provider) out.push_back(c);
        break;
    }
  }
  return out;
}

std::vector<SoaRow> reconcile_rows(const std::vector<SoaControl>& controls, const std::vector<SoaRow>& existing) {
  std::map<std::string, const SoaRow*> by_key;
  for (const auto& r : existing) by_key.emplace(row_key(r.catalog_key, r.ref), &r);
  std::vector<SoaRow> out;
  out.reserve(controls.size());
  for (const auto& c : controls) {
    SoaRow row;
    if (auto it = by_key.find(row_key(c.catalog_key, c.ref)); it != by_key.end()) row = *it->second;
    row.catalog_key = c.catalog_key;
    row.ref = c.ref;
    row.kind = c.kind;
    row.parent_ref = c.parent_ref;
    row.title = c.title;
    row.title_en = c.title_en;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace mamori::domain
