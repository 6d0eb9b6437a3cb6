#include "domain/soa_rules.h"

#include <utility>

#include "domain/text.h"

namespace mamori::domain {

const char* to_string(FindingSeverity s) { return s == FindingSeverity::warning ? "warning" : "error"; }

bool blocks_approval(const std::vector<SoaFinding>& findings) {
  for (const auto& f : findings)
    if (f.severity == FindingSeverity::error) return true;
  return false;
}

namespace {

bool has_reason(const SoaRow& row) { return !fold_for_search(row.reason).empty(); }

// How a message names a row: "附属書A 5.2", "CLD.6.3.1", "ISMAP 12.1.2.B".
std::string label_ja(const SoaRow& row) {
  if (row.kind == SoaRowKind::annex_a) return "附属書A " + row.ref;
  if (row.kind == SoaRowKind::cloud_extension) return row.ref;
  return "ISMAP " + row.ref;
}
std::string label_en(const SoaRow& row) {
  if (row.kind == SoaRowKind::annex_a) return "Annex A " + row.ref;
  if (row.kind == SoaRowKind::cloud_extension) return row.ref;
  return "ISMAP " + row.ref;
}

SoaFinding finding(const char* rule, const SoaRow& row, FindingSeverity severity, std::string ja, std::string en,
                   std::vector<std::string> related = {}) {
  return SoaFinding{rule, row.catalog_key, row.ref, severity, std::move(ja), std::move(en), std::move(related)};
}

// Rows a finding is not raised for although their state is incomplete:
// details whose objective is excluded (rule 3).
bool exempt(const SoaRow& row, const std::map<std::string, const SoaRow*>& objectives) {
  if (row.kind != SoaRowKind::ismap_detail) return false;
  auto it = objectives.find(row.parent_ref);
  return it != objectives.end() && it->second->applicable == Applicability::not_applicable;
}

void check_unevaluated(const SoaRow& row, std::vector<SoaFinding>& out) {
  if (row.kind == SoaRowKind::cloud_extension) {
    out.push_back(finding(kRuleCloudUnevaluated, row, FindingSeverity::error,
                          label_ja(row) + " が未評価です。JIS Q 27017 の管理策は全て評価し、採否を決めてください。",
                          label_en(row) + " is not evaluated: every JIS Q 27017 control must be evaluated and "
                                          "adopted or excluded."));
    return;
  }
  out.push_back(finding(kRuleUnevaluated, row, FindingSeverity::error,
                        label_ja(row) + " が未評価です。適用の有無を決めてください。",
                        label_en(row) + " is not evaluated: decide whether it is applicable."));
}

void check_excluded(const SoaRow& row, std::vector<SoaFinding>& out) {
  if (has_reason(row)) return;
  if (row.kind == SoaRowKind::ismap_objective) {
    out.push_back(finding(kRuleObjectiveReason, row, FindingSeverity::error,
                          label_ja(row) + " (統制目標) を除外する理由がありません。除外には理由が必要です。",
                          label_en(row) + " (control objective) is excluded without a reason: an exclusion needs one."));
    return;
  }
  if (row.kind == SoaRowKind::ismap_detail) return;  // rule 4 speaks for details
  out.push_back(finding(kRuleReasonRequired, row, FindingSeverity::error,
                        label_ja(row) + " を適用除外とする理由がありません。",
                        label_en(row) + " is not applicable without a reason."));
}

void check_cloud_base(const SoaRow& row, const CloudBases& bases, const std::map<std::string, const SoaRow*>& annex_a,
                      std::vector<SoaFinding>& out) {
  auto it = bases.find(row.ref);
  if (it == bases.end()) return;
  std::vector<std::string> excluded;
  std::string names_ja, names_en;
  for (const auto& base : it->second) {
    auto found = annex_a.find(base);
    if (found == annex_a.end() || found->second->applicable != Applicability::not_applicable) continue;
    excluded.push_back(row_key(kAnnexACatalog, base));
    names_ja += (names_ja.empty() ? "" : "、") + std::string("附属書A ") + base;
    names_en += (names_en.empty() ? "" : ", ") + std::string("Annex A ") + base;
  }
  if (excluded.empty()) return;
  out.push_back(finding(kRuleCloudBaseExcluded, row, FindingSeverity::error,
                        row.ref + " を採用していますが、基になる " + names_ja +
                            " が適用除外です。JIS Q 27001 で採用していない管理策を JIS Q 27017 で採用することは"
                            "できません。除外が本当に正しいか見直してください。",
                        row.ref + " is adopted while its base control " + names_en +
                            " is excluded: a JIS Q 27017 control cannot be adopted while its JIS Q 27001 base "
                            "control is excluded. Review the exclusion.",
                        std::move(excluded)));
}

void check_detail(const SoaRow& row, std::vector<SoaFinding>& out) {
  const bool excluded = row.applicable == Applicability::not_applicable;
  if (!excluded && row.status == ImplementationStatus::implemented) return;
  if (!excluded && row.status == ImplementationStatus::unset) return;  // status_missing speaks for it
  const bool stated = has_reason(row);
  const std::string what_ja = excluded ? "適用除外とされています" : "実装済みではありません";
  const std::string what_en = excluded ? "is excluded" : "is not implemented";
  if (stated) {
    out.push_back(finding(kRuleDetailNotImplemented, row, FindingSeverity::warning,
                          label_ja(row) + " は含まれる統制目標の .B/.PB 詳細管理策ですが" + what_ja +
                              "。理由 (代替策・計画) は記載されています。",
                          label_en(row) + " is a .B/.PB detail of an included objective and " + what_en +
                              "; the alternative measure or plan is stated."));
    return;
  }
  out.push_back(finding(kRuleDetailNotImplemented, row, FindingSeverity::error,
                        label_ja(row) + " は含まれる統制目標の .B/.PB 詳細管理策で、原則として実装が必要ですが" +
                            what_ja + "。実装するか、代替策を理由に記載してください。",
                        label_en(row) + " is a .B/.PB detail of an included objective and must in principle be " +
                            "implemented, but " + what_en + ": implement it or state the alternative measure as "
                            "its reason."));
}

}  // namespace

std::vector<SoaFinding> check_soa(const std::vector<SoaRow>& rows, const CloudBases& bases) {
  std::map<std::string, const SoaRow*> annex_a, objectives;
  for (const auto& r : rows) {
    if (r.kind == SoaRowKind::annex_a) annex_a.emplace(r.ref, &r);
    if (r.kind == SoaRowKind::ismap_objective) objectives.emplace(r.ref, &r);
  }
  std::vector<SoaFinding> out;
  for (const auto& row : rows) {
    if (exempt(row, objectives)) continue;
    switch (row.applicable) {
      case Applicability::unevaluated: check_unevaluated(row, out); break;
      case Applicability::not_applicable: check_excluded(row, out); break;
      case Applicability::applicable:
        if (row.status == ImplementationStatus::unset)
          out.push_back(finding(kRuleStatusMissing, row, FindingSeverity::error,
                                label_ja(row) + " は適用ですが、実装状況が未記入です。",
                                label_en(row) + " is applicable but its implementation status is not stated."));
        if (row.kind == SoaRowKind::cloud_extension) check_cloud_base(row, bases, annex_a, out);
        break;
    }
    if (row.kind == SoaRowKind::ismap_detail && row.applicable != Applicability::unevaluated) check_detail(row, out);
  }
  return out;
}

}  // namespace mamori::domain
