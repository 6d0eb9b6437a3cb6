// The Statement of Applicability's rows: parsing, validation, which controls
// a role considers, keeping evaluations when the controls change, and the
// diff between two states.
#include <gtest/gtest.h>

#include "domain/soa.h"
#include "domain/soa_diff.h"

namespace mamori::domain {
namespace {

SoaControl control(const char* catalog, const char* ref, SoaRowKind kind, const char* parent = "",
                   SoaParties applies_to = {true, true}) {
  SoaControl c;
  c.catalog_key = catalog;
  c.ref = ref;
  c.kind = kind;
  c.parent_ref = parent;
  c.title = std::string("title of ") + ref;
  c.applies_to = applies_to;
  return c;
}

std::vector<SoaControl> all_controls() {
  return {control(kAnnexACatalog, "5.1", SoaRowKind::annex_a),
          control(kAnnexACatalog, "5.2", SoaRowKind::annex_a),
          control(kCloudCatalog, "CLD.6.3.1", SoaRowKind::cloud_extension, "", {true, true}),
          control(kCloudCatalog, "CLD.9.5.1", SoaRowKind::cloud_extension, "", {false, true}),
          control(kIsmapCatalog, "12.1.2", SoaRowKind::ismap_objective),
          control(kIsmapCatalog, "12.1.2.4.B", SoaRowKind::ismap_detail, "12.1.2")};
}

std::vector<std::string> refs(const std::vector<SoaControl>& controls) {
  std::vector<std::string> out;
  for (const auto& c : controls) out.push_back(c.ref);
  return out;
}

TEST(SoaRow, ValuesRoundTripAndUnknownOnesAreRefused) {
  for (auto a : {Applicability::unevaluated, Applicability::applicable, Applicability::not_applicable})
    EXPECT_EQ(parse_applicability(to_string(a)), a);
  for (auto s : {ImplementationStatus::unset, ImplementationStatus::implemented, ImplementationStatus::partial,
                 ImplementationStatus::planned, ImplementationStatus::not_implemented})
    EXPECT_EQ(parse_implementation_status(to_string(s)), s);
  for (auto k : {SoaRowKind::annex_a, SoaRowKind::cloud_extension, SoaRowKind::ismap_objective, SoaRowKind::ismap_detail})
    EXPECT_EQ(parse_soa_row_kind(to_string(k)), k);
  EXPECT_FALSE(parse_applicability("maybe"));
  EXPECT_FALSE(parse_implementation_status("done"));
  EXPECT_FALSE(parse_soa_row_kind(""));
  EXPECT_EQ(parties_of_role("both"), (SoaParties{true, true}));
  EXPECT_EQ(parties_of_role("customer"), (SoaParties{true, false}));
  EXPECT_EQ(parties_of_role("provider"), (SoaParties{false, true}));
  EXPECT_FALSE(parties_of_role("vendor"));
}

TEST(SoaRow, CheckNamesTheFieldInError) {
  SoaRow row;
  row.catalog_key = kAnnexACatalog;
  row.ref = "5.1";
  EXPECT_TRUE(check_soa_row(row));

  SoaRow long_reason = row;
  long_reason.reason = std::string(kMaxSoaReasonChars + 1, 'x');
  ASSERT_FALSE(check_soa_row(long_reason));
  EXPECT_EQ(check_soa_row(long_reason).error().where.field, "reason");

  SoaRow bad_utf8 = row;
  bad_utf8.reason = "\xff";
  EXPECT_EQ(check_soa_row(bad_utf8).error().where.field, "reason");

  SoaRow empty_item = row;
  empty_item.evidence = {"規程 A", "  "};
  EXPECT_EQ(check_soa_row(empty_item).error().where.field, "evidence");

  SoaRow too_many = row;
  too_many.evidence.assign(kMaxSoaEvidenceItems + 1, "record");
  EXPECT_EQ(check_soa_row(too_many).error().reason, "too_many");

  SoaRow excluded_but_implemented = row;
  excluded_but_implemented.applicable = Applicability::not_applicable;
  excluded_but_implemented.status = ImplementationStatus::implemented;
  auto r = check_soa_row(excluded_but_implemented);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.field, "status");
  EXPECT_NE(r.error().message.find("iso27001-2022:5.1"), std::string::npos);
}

TEST(SoaRows, ACustomerConsidersAnnexAAndItsCloudControlsOnly) {
  EXPECT_EQ(refs(controls_for_parties({true, false}, all_controls())),
            (std::vector<std::string>{"5.1", "5.2", "CLD.6.3.1"}));
}

TEST(SoaRows, AProviderAlsoConsidersProviderCloudControlsAndIsmap) {
  EXPECT_EQ(refs(controls_for_parties({false, true}, all_controls())),
            (std::vector<std::string>{"5.1", "5.2", "CLD.6.3.1", "CLD.9.5.1", "12.1.2", "12.1.2.4.B"}));
  EXPECT_EQ(refs(controls_for_parties({true, true}, all_controls())),
            refs(controls_for_parties({false, true}, all_controls())));
}

TEST(SoaRows, ReconcileKeepsStatementsAddsNewRowsAndDropsOldOnes) {
  SoaRow kept;
  kept.catalog_key = kAnnexACatalog;
  kept.ref = "5.2";
  kept.title = "old title";
  kept.applicable = Applicability::applicable;
  kept.status = ImplementationStatus::partial;
  kept.evidence = {"職務分掌規程"};
  SoaRow dropped;
  dropped.catalog_key = kCloudCatalog;
  dropped.ref = "CLD.9.5.1";
  dropped.kind = SoaRowKind::cloud_extension;
  dropped.applicable = Applicability::applicable;

  auto rows = reconcile_rows(controls_for_parties({true, false}, all_controls()), {dropped, kept});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].ref, "5.1");
  EXPECT_EQ(rows[0].applicable, Applicability::unevaluated);
  EXPECT_EQ(rows[1].ref, "5.2");
  EXPECT_EQ(rows[1].applicable, Applicability::applicable);
  EXPECT_EQ(rows[1].status, ImplementationStatus::partial);
  EXPECT_EQ(rows[1].evidence, (std::vector<std::string>{"職務分掌規程"}));
  EXPECT_EQ(rows[1].title, "title of 5.2");  // titles follow the catalog
  EXPECT_EQ(rows[2].ref, "CLD.6.3.1");
  EXPECT_EQ(rows[2].kind, SoaRowKind::cloud_extension);
}

SoaRow row(const char* ref, Applicability a, ImplementationStatus s = ImplementationStatus::unset) {
  SoaRow r;
  r.catalog_key = kAnnexACatalog;
  r.ref = ref;
  r.title = ref;
  r.applicable = a;
  r.status = s;
  return r;
}

TEST(SoaDiff, SameRowsHaveNoChanges) {
  std::vector<SoaRow> rows = {row("5.1", Applicability::applicable, ImplementationStatus::implemented)};
  EXPECT_TRUE(diff_soa_rows(rows, rows).empty());
}

TEST(SoaDiff, ChangedFieldsCarryBeforeAndAfter) {
  auto a = row("5.1", Applicability::applicable, ImplementationStatus::planned);
  a.evidence = {"規程 v1"};
  auto b = row("5.1", Applicability::applicable, ImplementationStatus::implemented);
  b.evidence = {"規程 v1", "記録 2026-10"};
  b.reason = "リスク R-3";
  b.title = "a renamed title";  // not compared
  auto d = diff_soa_rows({a}, {b});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, SoaChangeKind::changed);
  EXPECT_EQ(d[0].fields, (std::vector<SoaFieldChange>{{"reason", "", "リスク R-3"},
                                                      {"status", "planned", "implemented"},
                                                      {"evidence", "規程 v1", "規程 v1\n記録 2026-10"}}));
}

TEST(SoaDiff, ApplicabilityAndTreatmentsAreCompared) {
  auto a = row("7.14", Applicability::applicable, ImplementationStatus::implemented);
  auto b = row("7.14", Applicability::not_applicable);
  b.treatments = {"risk-1"};
  auto d = diff_soa_rows({a}, {b});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].fields, (std::vector<SoaFieldChange>{{"applicable", "yes", "no"},
                                                      {"status", "implemented", "unset"},
                                                      {"treatments", "", "risk-1"}}));
}

TEST(SoaDiff, AddedAndRemovedRowsKeepTheirPlace) {
  std::vector<SoaRow> before = {row("5.1", Applicability::applicable), row("5.2", Applicability::applicable),
                                row("5.3", Applicability::applicable)};
  std::vector<SoaRow> after = {row("5.0", Applicability::unevaluated), row("5.1", Applicability::applicable),
                               row("5.3", Applicability::applicable)};
  auto d = diff_soa_rows(before, after);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].kind, SoaChangeKind::added);
  EXPECT_EQ(d[0].ref, "5.0");
  EXPECT_EQ(d[1].kind, SoaChangeKind::removed);
  EXPECT_EQ(d[1].ref, "5.2");
  EXPECT_EQ(d[1].title, "5.2");
  EXPECT_STREQ(to_string(d[1].kind), "removed");

  // A removed first row comes first.
  auto d2 = diff_soa_rows({row("4.9", Applicability::applicable), row("5.1", Applicability::applicable)},
                          {row("5.1", Applicability::applicable)});
  ASSERT_EQ(d2.size(), 1u);
  EXPECT_EQ(d2[0].ref, "4.9");
}

TEST(SoaDiff, RowsAreMatchedByCatalogAndRef) {
  auto annex = row("6.3.1", Applicability::applicable);
  auto ismap = row("6.3.1", Applicability::applicable);
  ismap.catalog_key = kIsmapCatalog;
  auto d = diff_soa_rows({annex}, {ismap});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].kind, SoaChangeKind::removed);  // it stood first
  EXPECT_EQ(d[0].catalog_key, kAnnexACatalog);
  EXPECT_EQ(d[1].kind, SoaChangeKind::added);
  EXPECT_EQ(d[1].catalog_key, kIsmapCatalog);
}

}  // namespace
}  // namespace mamori::domain
