// The classification scheme and asset rules (domain/classification.h,
// domain/asset.h): the government default, scheme checks, a change that
// would strand assets, asset checks and bulk-edit patches.
#include <gtest/gtest.h>

#include "domain/asset.h"
#include "domain/classification.h"

namespace mamori::domain {

namespace {

Asset asset(std::string name) {
  Asset a;
  a.id = "a1";
  a.name = std::move(name);
  return a;
}

std::string failing_field(Asset a, const std::vector<std::string>& services = {"s1", "s2"}) {
  auto r = check_asset(a, government_scheme(), services);
  return r ? "" : r.error().where.field + "/" + r.error().reason;
}

}  // namespace

TEST(ClassificationTest, TheGovernmentSchemeIsTheDefault) {
  auto s = government_scheme();
  ASSERT_EQ(s.confidentiality.size(), 3u);
  ASSERT_EQ(s.integrity.size(), 2u);
  ASSERT_EQ(s.availability.size(), 2u);
  EXPECT_EQ(s.confidentiality[2].label_ja, "機密性3");
  EXPECT_TRUE(s.has_level(SecurityAxis::confidentiality, 3));
  EXPECT_FALSE(s.has_level(SecurityAxis::integrity, 3));
  EXPECT_TRUE(check_scheme(s));
  for (auto a : {SecurityAxis::confidentiality, SecurityAxis::integrity, SecurityAxis::availability})
    EXPECT_EQ(parse_security_axis(to_string(a)), a);
}

TEST(ClassificationTest, SchemeChecks) {
  auto s = government_scheme();
  s.integrity.clear();
  EXPECT_EQ(check_scheme(s).error().where.field, "integrity");
  s = government_scheme();
  s.confidentiality.push_back({3, "重複", "Dup", ""});
  EXPECT_EQ(check_scheme(s).error().reason, "duplicate");
  s = government_scheme();
  s.availability.push_back({10, "x", "x", ""});
  EXPECT_EQ(check_scheme(s).error().reason, "out_of_range");
  s = government_scheme();
  s.availability[0].label_en = " ";
  EXPECT_EQ(check_scheme(s).error().reason, "required");
  // Levels come back sorted.
  s = government_scheme();
  std::swap(s.confidentiality[0], s.confidentiality[2]);
  ASSERT_TRUE(check_scheme(s));
  EXPECT_EQ(s.confidentiality[0].level, 1);
}

TEST(ClassificationTest, AChangeMustNotStrandAssets) {
  const std::vector<ClassifiedAsset> assets = {{"顧客文書", 3, 2, 2}, {"設計書", 3, 1, 1}, {"公開資料", 1, 1, 1}};
  auto next = government_scheme();
  next.confidentiality.pop_back();  // drop 機密性3
  auto r = check_scheme_change(next, assets);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_EQ(r.error().reason, "level_in_use");
  EXPECT_EQ(r.error().where.field, "confidentiality");
  EXPECT_NE(r.error().message.find("顧客文書"), std::string::npos);
  EXPECT_NE(r.error().message.find("設計書"), std::string::npos);
  EXPECT_EQ(r.error().message.find("公開資料"), std::string::npos);
  // Relabelling and adding are fine.
  next = government_scheme();
  next.confidentiality[2].label_ja = "極秘";
  next.integrity.push_back({3, "完全性3", "Integrity 3", ""});
  EXPECT_TRUE(check_scheme_change(next, assets));
}

TEST(AssetRulesTest, TypesAndCategoriesHaveLabels) {
  EXPECT_EQ(all_asset_types().size(), 7u);
  for (auto t : all_asset_types()) {
    EXPECT_EQ(parse_asset_type(to_string(t)), t);
    EXPECT_STRNE(label_ja(t), "");
    EXPECT_STRNE(label_en(t), "");
  }
  for (auto c : {DataCategory::customer_data, DataCategory::derived_data, DataCategory::own})
    EXPECT_EQ(parse_data_category(to_string(c)), c);
  EXPECT_STREQ(label_ja(DataCategory::derived_data), "クラウドサービス派生データ");
  EXPECT_FALSE(parse_asset_type("data"));
}

TEST(AssetRulesTest, Checks) {
  EXPECT_EQ(failing_field(asset("顧客文書")), "");
  EXPECT_EQ(failing_field(asset(" ")), "name/required");
  Asset a = asset("顧客文書");
  a.confidentiality = 4;
  EXPECT_EQ(failing_field(a), "confidentiality/unknown_level");
  a = asset("顧客文書");
  a.integrity = 3;
  EXPECT_EQ(failing_field(a), "integrity/unknown_level");
  a = asset("顧客文書");
  a.storage_country = "JA";
  EXPECT_EQ(failing_field(a), "storage_country/invalid_country");
  a = asset("サーバ");
  a.type = AssetType::hardware;
  a.category = DataCategory::customer_data;
  EXPECT_EQ(failing_field(a), "category/not_information");
  a = asset("顧客文書");
  a.service_ids = {"s9"};
  EXPECT_EQ(failing_field(a), "services/unknown_service");
  a = asset("顧客文書");
  a.suppliers = std::vector<std::string>(51, "x");
  a.suppliers.back() = "y";
  EXPECT_EQ(failing_field(a), "");  // repeats dropped first: two left
  a.suppliers.clear();
  for (int i = 0; i < 51; ++i) a.suppliers.push_back("業者" + std::to_string(i));
  EXPECT_EQ(failing_field(a), "suppliers/too_many");
}

TEST(AssetRulesTest, CheckNormalises) {
  Asset a = asset("  顧客文書 ");
  a.storage_country = "jp";
  a.suppliers = {"AWS", " aws", "", "NTT"};
  a.service_ids = {"s1", "s1", "s2"};
  ASSERT_TRUE(check_asset(a, government_scheme(), {"s1", "s2"}));
  EXPECT_EQ(a.name, "顧客文書");
  EXPECT_EQ(a.storage_country, "JP");
  EXPECT_EQ(a.suppliers, (std::vector<std::string>{"AWS", "NTT"}));
  EXPECT_EQ(a.service_ids, (std::vector<std::string>{"s1", "s2"}));
}

TEST(AssetRulesTest, Patches) {
  Asset a = asset("顧客文書");
  a.service_ids = {"s1"};
  AssetPatch p;
  EXPECT_TRUE(p.empty());
  p.owner = "新オーナー";
  p.confidentiality = 3;
  p.service_ids = std::vector<std::string>{"s2", "s1"};
  p.service_mode = AssetPatch::ServiceMode::add;
  Asset b = apply_patch(a, p);
  EXPECT_EQ(b.owner, "新オーナー");
  EXPECT_EQ(b.confidentiality, 3);
  EXPECT_EQ(b.integrity, 1);
  EXPECT_EQ(b.service_ids, (std::vector<std::string>{"s1", "s2"}));
  p.service_mode = AssetPatch::ServiceMode::remove;
  p.service_ids = std::vector<std::string>{"s1"};
  EXPECT_EQ(apply_patch(b, p).service_ids, std::vector<std::string>{"s2"});
  p.service_mode = AssetPatch::ServiceMode::replace;
  p.service_ids = std::vector<std::string>{};
  EXPECT_TRUE(apply_patch(b, p).service_ids.empty());
  EXPECT_EQ(parse_service_mode("add"), AssetPatch::ServiceMode::add);
  EXPECT_FALSE(parse_service_mode("merge"));
}

}  // namespace mamori::domain
