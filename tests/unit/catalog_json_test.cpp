#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "formats/catalog_json.h"

namespace mamori::formats {

TEST(CatalogJson, NodeHasTheFieldsTheCommandLinePromises) {
  domain::Node n;
  n.ref = "9.4.2.2.B";
  n.parent = "9.4.2";
  n.kind = "detail";
  n.title = "強い認証";
  n.text = "強い認証及び…";
  n.flags = {"B"};
  auto j = node_to_json(n, 4);
  EXPECT_EQ(j["ref"], "9.4.2.2.B");
  EXPECT_EQ(j["parent"], "9.4.2");
  EXPECT_EQ(j["level"], 4);
  EXPECT_EQ(j["flags"], nlohmann::json::array({"B"}));
  for (const char* key : {"ref", "title", "text", "kind", "level", "parent", "flags"}) EXPECT_TRUE(j.contains(key)) << key;
  n.parent.clear();
  EXPECT_TRUE(node_to_json(n, 1)["parent"].is_null());
}

TEST(CatalogJson, NodeRoundTrips) {
  domain::Node n;
  n.ref = "1";
  n.kind = "question";
  n.title = "情報の確認";
  n.required = true;
  n.refers_to = {"ismap-2024:3.1"};
  n.attributes = {{"control_type", {"preventive", "detective"}}};
  n.references = {{"JIS Q 27001:2014", "5.3"}};
  n.answer = domain::AnswerSpec{"choice", {{"3B", "機密性3B", "説明", "例"}}, {{"details", "情報の詳細"}}};
  auto back = node_from_json(node_to_json(n, 2));
  ASSERT_TRUE(back);
  EXPECT_EQ(node_to_json(back.value(), 2), node_to_json(n, 2));
}

TEST(CatalogJson, BrokenJsonIsAnError) {
  EXPECT_FALSE(node_from_json(nlohmann::json{{"ref", 5}}));
  EXPECT_FALSE(info_from_json(nlohmann::json::array()));
}

}  // namespace mamori::formats
