// Attributes on a tailored standard (seed 002 III.2): filtering, grouping,
// the balance view and the version diff.
#include <gtest/gtest.h>

#include "domain/tailored_attributes.h"
#include "domain/tailored_diff.h"

namespace mamori::domain {

namespace {

TailoredItem item(std::string key, AttributeValues attrs, ItemLevel level = ItemLevel::required, bool technical = false) {
  TailoredItem i;
  i.key = key;
  i.number = "N" + key;
  i.text = "text " + key;
  i.attributes = std::move(attrs);
  i.level = level;
  i.technical = technical;
  i.review_months = technical ? 6 : 0;
  return i;
}

std::vector<AttributeType> vocabulary() {
  AttributeType ct{"control_type", {"管理策タイプ", "Control type"}, {}};
  ct.values = {{"preventive", {"予防", ""}}, {"detective", {"検知", ""}}, {"corrective", {"是正", ""}}};
  AttributeType sp{"security_property", {"情報セキュリティ特性", ""}, {}};
  sp.values = {{"confidentiality", {"機密性", ""}}, {"integrity", {"完全性", ""}}, {"availability", {"可用性", ""}}};
  return {ct, sp};
}

std::vector<TailoredItem> items() {
  return {item("1.1", {{"control_type", {"preventive"}}, {"security_property", {"confidentiality", "integrity"}}}),
          item("1.2", {{"control_type", {"detective"}}, {"security_property", {"availability"}}}, ItemLevel::recommended),
          item("1.3", {{"control_type", {"detective", "corrective"}}, {"監査重点", {"2026年度"}}}, ItemLevel::required, true),
          item("2.1", {})};
}

std::vector<std::string> keys(const std::vector<TailoredItem>& list) {
  std::vector<std::string> out;
  for (const auto& i : list) out.push_back(i.key);
  return out;
}

}  // namespace

TEST(TailoredAttributes, FilterIsAndAcrossTypesOrWithinOne) {
  auto detective = parse_attribute_terms({"control_type:detective"});
  ASSERT_TRUE(detective);
  EXPECT_EQ(keys(filter_items(items(), *detective)), (std::vector<std::string>{"1.2", "1.3"}));
  auto either = parse_attribute_terms({"control_type:preventive", "control_type:corrective"});
  EXPECT_EQ(keys(filter_items(items(), *either)), (std::vector<std::string>{"1.1", "1.3"}));
  auto both = parse_attribute_terms({"control_type:detective", "security_property:availability"});
  EXPECT_EQ(keys(filter_items(items(), *both)), (std::vector<std::string>{"1.2"}));
  auto own = parse_attribute_terms({"監査重点:2026年度"});
  EXPECT_EQ(keys(filter_items(items(), *own)), (std::vector<std::string>{"1.3"}));
  ItemFilter level;
  level.level = ItemLevel::recommended;
  EXPECT_EQ(keys(filter_items(items(), level)), (std::vector<std::string>{"1.2"}));
  ItemFilter tech;
  tech.technical = true;
  EXPECT_EQ(keys(filter_items(items(), tech)), (std::vector<std::string>{"1.3"}));
  EXPECT_EQ(filter_items(items(), ItemFilter{}).size(), 4u);
  for (const char* bad : {"control_type", ":detective", "control_type:"}) {
    auto r = parse_attribute_terms({bad});
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().where.field, "attr");
  }
}

TEST(TailoredAttributes, GroupsFollowTheVocabularyWithTheUnclassifiedLast) {
  auto groups = group_items(items(), "control_type", vocabulary());
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups[0].value, "preventive");
  EXPECT_EQ(groups[0].keys, std::vector<std::string>{"1.1"});
  EXPECT_EQ(groups[1].value, "detective");
  EXPECT_EQ(groups[1].keys, (std::vector<std::string>{"1.2", "1.3"}));
  EXPECT_EQ(groups[2].value, "corrective");
  EXPECT_EQ(groups[3].value, "");
  EXPECT_EQ(groups[3].keys, std::vector<std::string>{"2.1"});
  auto own = group_items(items(), "監査重点", vocabulary());
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[0].value, "2026年度");
}

TEST(TailoredAttributes, BalanceCountsEveryValueIncludingGaps) {
  auto b = balance(items(), vocabulary());
  EXPECT_EQ(b.total, 4);
  EXPECT_EQ(b.required, 3);
  EXPECT_EQ(b.recommended, 1);
  EXPECT_EQ(b.technical, 1);
  ASSERT_EQ(b.types.size(), 3u);
  EXPECT_EQ(b.types[0].type, "control_type");
  ASSERT_EQ(b.types[0].values.size(), 3u);
  EXPECT_EQ(b.types[0].values[0].count, 1);  // 予防
  EXPECT_EQ(b.types[0].values[1].count, 2);  // 検知
  EXPECT_EQ(b.types[0].values[2].count, 1);  // 是正
  EXPECT_EQ(b.types[0].unclassified, 1);
  EXPECT_EQ(b.types[1].type, "security_property");
  EXPECT_EQ(b.types[1].values[2].value, "availability");
  EXPECT_EQ(b.types[1].values[2].count, 1);
  EXPECT_EQ(b.types[1].unclassified, 2);
  EXPECT_EQ(b.types[2].type, "監査重点");
  auto empty = balance({}, vocabulary());
  EXPECT_EQ(empty.types[0].values.size(), 3u);  // zeros still listed: a gap shows
  EXPECT_EQ(empty.types[0].values[1].count, 0);
}

TEST(TailoredDiff, ShowsAddedRemovedRewordedAndLevelChanges) {
  auto before = items();
  auto after = items();
  after[0].text = "new wording";
  after[0].number = "N1.1'";
  after[1].level = ItemLevel::required;
  after[2].review_months = 3;
  after.erase(after.begin() + 3);
  after.push_back(item("5.1", {}));
  after[0].attributes.emplace_back("監査重点", std::vector<std::string>{"2027年度"});
  auto d = diff_items(before, after);
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0].key, "1.1");
  EXPECT_EQ(d[0].changes, (std::vector<std::string>{"renumbered", "reworded", "attributes"}));
  EXPECT_EQ(d[0].before->text, "text 1.1");
  EXPECT_EQ(d[0].after->text, "new wording");
  EXPECT_EQ(d[1].changes, std::vector<std::string>{"level"});
  EXPECT_EQ(d[2].changes, std::vector<std::string>{"technical"});
  EXPECT_EQ(d[3].key, "5.1");
  EXPECT_EQ(d[3].changes, std::vector<std::string>{"added"});
  EXPECT_FALSE(d[3].before);
  EXPECT_EQ(d[4].key, "2.1");
  EXPECT_EQ(d[4].changes, std::vector<std::string>{"removed"});
  EXPECT_FALSE(d[4].after);
  EXPECT_TRUE(diff_items(before, before).empty());
}

}  // namespace mamori::domain
