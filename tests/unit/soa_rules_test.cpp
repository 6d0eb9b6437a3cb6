// Every rule of the Statement of Applicability (seed 003 4.2.2, seed 000's
// ISMAP rule), and which findings block approval.
#include <gtest/gtest.h>

#include "domain/soa_rules.h"

namespace mamori::domain {
namespace {

using A = Applicability;
using S = ImplementationStatus;

SoaRow make(const char* catalog, const char* ref, SoaRowKind kind, A a, S s = S::unset, const char* reason = "",
            const char* parent = "") {
  SoaRow r;
  r.catalog_key = catalog;
  r.ref = ref;
  r.kind = kind;
  r.parent_ref = parent;
  r.applicable = a;
  r.status = s;
  r.reason = reason;
  return r;
}
SoaRow annex(const char* ref, A a, S s = S::unset, const char* reason = "") {
  return make(kAnnexACatalog, ref, SoaRowKind::annex_a, a, s, reason);
}
SoaRow cld(const char* ref, A a, S s = S::unset, const char* reason = "") {
  return make(kCloudCatalog, ref, SoaRowKind::cloud_extension, a, s, reason);
}
SoaRow objective(const char* ref, A a, S s = S::unset, const char* reason = "") {
  return make(kIsmapCatalog, ref, SoaRowKind::ismap_objective, a, s, reason);
}
SoaRow detail(const char* ref, const char* parent, A a, S s = S::unset, const char* reason = "") {
  return make(kIsmapCatalog, ref, SoaRowKind::ismap_detail, a, s, reason, parent);
}

const CloudBases kBases = {{"CLD.8.1.5", {"5.11", "7.14"}}, {"CLD.6.3.1", {"5.2"}}};

std::vector<std::string> rules_of(const std::vector<SoaFinding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.rule + "@" + f.ref);
  return out;
}

TEST(SoaRules, ACompleteConsistentSoaHasNoFindings) {
  std::vector<SoaRow> rows = {annex("5.2", A::applicable, S::implemented),
                              annex("5.11", A::applicable, S::partial, "リスク R-3"),
                              annex("7.14", A::not_applicable, S::unset, "物理的な装置は IaaS 事業者が管理"),
                              cld("CLD.6.3.1", A::applicable, S::implemented),
                              objective("12.1.2", A::applicable, S::implemented),
                              detail("12.1.2.4.B", "12.1.2", A::applicable, S::implemented)};
  auto findings = check_soa(rows, kBases);
  EXPECT_TRUE(findings.empty()) << findings.front().message_en;
  EXPECT_FALSE(blocks_approval(findings));
}

// Rule 1 (seed 003 4.2.2 ④).
TEST(SoaRules, ACloudControlCannotBeAdoptedWhileItsBaseIsExcluded) {
  std::vector<SoaRow> rows = {annex("5.11", A::applicable, S::implemented),
                              annex("7.14", A::not_applicable, S::unset, "物理装置は IaaS 側"),
                              cld("CLD.8.1.5", A::applicable, S::implemented)};
  auto findings = check_soa(rows, kBases);
  ASSERT_EQ(findings.size(), 1u);
  const auto& f = findings[0];
  EXPECT_EQ(f.rule, kRuleCloudBaseExcluded);
  EXPECT_EQ(f.catalog_key, kCloudCatalog);
  EXPECT_EQ(f.ref, "CLD.8.1.5");
  EXPECT_EQ(f.severity, FindingSeverity::error);
  EXPECT_EQ(f.related, (std::vector<std::string>{"iso27001-2022:7.14"}));
  EXPECT_NE(f.message_ja.find("附属書A 7.14"), std::string::npos);
  EXPECT_NE(f.message_en.find("Annex A 7.14"), std::string::npos);
  EXPECT_TRUE(blocks_approval(findings));
}

TEST(SoaRules, AnExcludedCloudControlWithAnExcludedBaseIsConsistent) {
  std::vector<SoaRow> rows = {annex("5.2", A::not_applicable, S::unset, "理由"),
                              cld("CLD.6.3.1", A::not_applicable, S::unset, "理由")};
  EXPECT_TRUE(check_soa(rows, kBases).empty());
}

TEST(SoaRules, TheBasesComeFromTheMappingNotFromCode) {
  std::vector<SoaRow> rows = {annex("7.14", A::not_applicable, S::unset, "理由"),
                              cld("CLD.8.1.5", A::applicable, S::implemented)};
  EXPECT_TRUE(check_soa(rows, {}).empty());  // no mapping, no base
  EXPECT_EQ(rules_of(check_soa(rows, {{"CLD.8.1.5", {"7.14"}}})),
            (std::vector<std::string>{"cloud_base_excluded@CLD.8.1.5"}));
}

// Rule 2.
TEST(SoaRules, EveryCloudControlMustBeEvaluated) {
  auto findings = check_soa({cld("CLD.6.3.1", A::unevaluated), annex("5.1", A::unevaluated)}, kBases);
  EXPECT_EQ(rules_of(findings), (std::vector<std::string>{"cloud_unevaluated@CLD.6.3.1", "unevaluated@5.1"}));
  EXPECT_TRUE(blocks_approval(findings));
}

// Rule 3.
TEST(SoaRules, AnIsmapObjectiveIsExcludedOnlyWithAReason) {
  auto findings = check_soa({objective("14.2.7", A::not_applicable)}, kBases);
  EXPECT_EQ(rules_of(findings), (std::vector<std::string>{"ismap_objective_reason@14.2.7"}));
  EXPECT_EQ(findings[0].severity, FindingSeverity::error);
  EXPECT_TRUE(check_soa({objective("14.2.7", A::not_applicable, S::unset, "外部委託開発なし")}, kBases).empty());
}

TEST(SoaRules, ExcludingAnObjectiveExemptsItsDetails) {
  std::vector<SoaRow> rows = {objective("14.2.7", A::not_applicable, S::unset, "外部委託開発なし"),
                              detail("14.2.7.1.B", "14.2.7", A::unevaluated),
                              detail("14.2.7.2.B", "14.2.7", A::applicable, S::planned)};
  EXPECT_TRUE(check_soa(rows, kBases).empty());
}

// Rule 4.
TEST(SoaRules, DetailsOfAnIncludedObjectiveMustBeImplemented) {
  std::vector<SoaRow> rows = {objective("12.1.2", A::applicable, S::implemented),
                              detail("12.1.2.4.B", "12.1.2", A::applicable, S::planned),
                              detail("12.1.2.5.B", "12.1.2", A::not_applicable),
                              detail("12.1.2.6.B", "12.1.2", A::applicable, S::implemented)};
  auto findings = check_soa(rows, kBases);
  EXPECT_EQ(rules_of(findings), (std::vector<std::string>{"ismap_detail_not_implemented@12.1.2.4.B",
                                                          "ismap_detail_not_implemented@12.1.2.5.B"}));
  for (const auto& f : findings) EXPECT_EQ(f.severity, FindingSeverity::error);
}

TEST(SoaRules, ADetailWithItsAlternativeMeasureStatedIsAWarning) {
  std::vector<SoaRow> rows = {objective("12.1.2", A::applicable, S::implemented),
                              detail("12.1.2.4.B", "12.1.2", A::applicable, S::partial, "代替策: 手順書で二重確認")};
  auto findings = check_soa(rows, kBases);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, kRuleDetailNotImplemented);
  EXPECT_EQ(findings[0].severity, FindingSeverity::warning);
  EXPECT_FALSE(blocks_approval(findings));
}

TEST(SoaRules, ADetailOfAnUnevaluatedObjectiveIsNotExempt) {
  std::vector<SoaRow> rows = {objective("12.1.2", A::unevaluated),
                              detail("12.1.2.4.B", "12.1.2", A::applicable, S::not_implemented)};
  EXPECT_EQ(rules_of(check_soa(rows, kBases)), (std::vector<std::string>{"unevaluated@12.1.2",
                                                                          "ismap_detail_not_implemented@12.1.2.4.B"}));
}

TEST(SoaRules, ANotApplicableRowNeedsAReason) {
  auto findings = check_soa({annex("7.4", A::not_applicable), cld("CLD.6.3.1", A::not_applicable, S::unset, "  ")},
                            {});
  EXPECT_EQ(rules_of(findings), (std::vector<std::string>{"reason_required@7.4", "reason_required@CLD.6.3.1"}));
}

TEST(SoaRules, AnApplicableRowNeedsItsStatus) {
  auto findings = check_soa({annex("5.1", A::applicable), detail("12.1.2.4.B", "12.1.2", A::applicable)}, {});
  EXPECT_EQ(rules_of(findings), (std::vector<std::string>{"status_missing@5.1", "status_missing@12.1.2.4.B"}));
}

TEST(SoaRules, SeveritiesAreNamed) {
  EXPECT_STREQ(to_string(FindingSeverity::error), "error");
  EXPECT_STREQ(to_string(FindingSeverity::warning), "warning");
  EXPECT_FALSE(blocks_approval({}));
}

}  // namespace
}  // namespace mamori::domain
