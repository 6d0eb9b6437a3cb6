// The Statement of Applicability (適用宣言書), one per cloud service (seed 003
// 4.2.2 c). It states the service's role and, for every control that role
// must consider, whether it is applicable, why, and how far it is
// implemented: the 93 Annex A controls of JIS Q 27001:2023, the JIS Q 27017
// extended controls (CLD) for the role's side, and, for a provider, the
// ISMAP control criteria (3-digit 統制目標 and their .B/.PB 詳細管理策).
// Types, row validation and which rows a role needs; the rules are in
// soa_rules.h, the comparison of versions in soa_diff.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace mamori::domain {

inline constexpr const char* kAnnexACatalog = "iso27001-2022";
inline constexpr const char* kCloudCatalog = "iso27017-2015";
inline constexpr const char* kIsmapCatalog = "ismap-2024";

// Which parties an SoA speaks for: a cloud service's role is customer,
// provider or both (a SaaS on an IaaS is both).
struct SoaParties {
  bool customer = false;
  bool provider = false;
  bool operator==(const SoaParties&) const = default;
};
// "customer" | "provider" | "both"; nullopt for anything else.
std::optional<SoaParties> parties_of_role(std::string_view role);

// Not yet evaluated is a state of its own: an SoA starts with every row in
// it, and the rules report rows still in it (nothing is silently "yes").
enum class Applicability { unevaluated, applicable, not_applicable };
const char* to_string(Applicability a);  // unevaluated | yes | no
std::optional<Applicability> parse_applicability(std::string_view text);

// unset: not stated (a row not applicable, or not evaluated yet).
enum class ImplementationStatus { unset, implemented, partial, planned, not_implemented };
const char* to_string(ImplementationStatus s);  // unset | implemented | partial | planned | not_implemented
std::optional<ImplementationStatus> parse_implementation_status(std::string_view text);

// What part a row plays in the rules.
enum class SoaRowKind {
  annex_a,          // a JIS Q 27001 Annex A control
  cloud_extension,  // a JIS Q 27017 CLD control
  ismap_objective,  // an ISMAP 3-digit 統制目標 (incl. x.y.z.P)
  ismap_detail,     // an ISMAP .B / .PB 詳細管理策 under an objective
};
const char* to_string(SoaRowKind k);  // annex_a | cloud_extension | ismap_objective | ismap_detail
std::optional<SoaRowKind> parse_soa_row_kind(std::string_view text);

// A control an SoA may have a row for, as the catalogs give it.
struct SoaControl {
  std::string catalog_key;
  std::string ref;
  SoaRowKind kind = SoaRowKind::annex_a;
  std::string parent_ref;  // ismap_detail: its objective; "" otherwise
  std::string title;
  std::string title_en;
  SoaParties applies_to{true, true};  // cloud_extension: the parties 27017 gives guidance for
};

// One row: a control and what the SoA states about it. `treatments` are the
// risks whose treatment chose this control (filled from the risk register
// when read, kept in a version's snapshot).
struct SoaRow {
  std::string catalog_key;
  std::string ref;
  SoaRowKind kind = SoaRowKind::annex_a;
  std::string parent_ref;
  std::string title;
  std::string title_en;
  Applicability applicable = Applicability::unevaluated;
  std::string reason;  // required when not applicable; allowed otherwise ("risk R-3")
  ImplementationStatus status = ImplementationStatus::unset;
  std::vector<std::string> evidence;    // document names, URLs, records
  std::vector<std::string> treatments;  // risk ids
  bool operator==(const SoaRow&) const = default;
};

// Limits, in characters (code points) for text and in items for lists.
inline constexpr std::size_t kMaxSoaReasonChars = 2000;
inline constexpr std::size_t kMaxSoaEvidenceItems = 30;
inline constexpr std::size_t kMaxSoaEvidenceChars = 500;

// ok, or invalid_input naming the field (reason, evidence, status). What a
// row states may be wrong (the rules say so) but it must be well formed:
// valid UTF-8 within the limits, no empty evidence item, and no status for
// a row that is not applicable (there is nothing to implement).
Status check_soa_row(const SoaRow& row);

// The controls a role must consider, in catalog order: every Annex A
// control; the CLD controls whose applies_to meets the parties; the ISMAP
// objectives and details only when the service is (also) a provider, since
// ISMAP assesses the service a provider offers.
std::vector<SoaControl> controls_for_parties(const SoaParties& parties, const std::vector<SoaControl>& catalog_controls);

// The rows of an SoA after its controls changed (role or catalogs): one row
// per control in the controls' order, keeping what `existing` stated for a
// control (matched by catalog_key + ref), a new unevaluated row otherwise;
// rows of controls no longer considered are dropped. Titles and structure
// come from the controls.
std::vector<SoaRow> reconcile_rows(const std::vector<SoaControl>& controls, const std::vector<SoaRow>& existing);

// "iso27001-2022:5.2": how findings and the UI name a row.
std::string row_key(std::string_view catalog_key, std::string_view ref);

}  // namespace mamori::domain
