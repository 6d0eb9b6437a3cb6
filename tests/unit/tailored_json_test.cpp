// A tailored standard's operations and items survive the JSON the store
// keeps them in: replaying a stored log gives the same items.
#include <gtest/gtest.h>

#include "formats/tailored_json.h"

namespace mamori::formats {

TEST(TailoredJson, OperationsAndItemsRoundTrip) {
  domain::Operation op;
  op.seq = 7;
  op.kind = domain::OperationKind::add;
  op.items = {"1.2"};
  op.content = {{"7a-7.5.5 e)", "地震", "e) 地震：…", {"iso27001-2022:7.5"}, "情報セキュリティ管理基準",
                 {{"control_type", {"preventive"}}, {"監査重点", {"2026年度"}}}}};
  op.add_step = 3;
  op.after = "1.1";
  op.level = domain::ItemLevel::recommended;
  op.technical = true;
  op.review_months = 6;
  op.regulations = {{"情報セキュリティ規程", "第3条"}};
  op.text = "整合後";
  op.attributes = {{"security_property", {"availability"}}, {"監査重点", {}}};
  domain::Operation back = operation_from_payload_text(operation_payload_text(op));
  back.seq = op.seq;
  back.reason = op.reason;
  EXPECT_EQ(back, op);

  domain::TailoredItem item;
  item.key = "2.1";
  item.number = "5b-5.9.2.1";
  item.title = "目録";
  item.text = "個人情報を含む重要な情報が記録された文書は、専用の目録として維持する。";
  item.origin = {"iso27001-2022:5.9"};
  item.source = "";
  item.level = domain::ItemLevel::recommended;
  item.technical = true;
  item.review_months = 6;
  item.attributes = {{"control_type", {"preventive"}}};
  item.regulations = {{"文書管理規程", ""}};
  item.history = {2, 5};
  auto items = tailored_items_from_text(tailored_items_text({item, item}));
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0], item);
  EXPECT_TRUE(tailored_items_from_text("not json").empty());
  // An unreadable payload gives an operation that fails to apply, not a crash.
  EXPECT_TRUE(operation_from_payload_text("[1,2]").content.empty());
}

}  // namespace mamori::formats
