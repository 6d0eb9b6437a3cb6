// The tailored control standard (個別管理基準) over the API: the demo's
// standard with seed 002's examples and reasons; create from a base catalog,
// operations of the seven steps, approval (approvers only), versions and
// their diff, attribute filter and balance, saved audit scopes, the .xlsx;
// each change in the audit log; bad input is 400 naming the field and
// changes nothing; another organisation reaches nothing of it.
#include <gtest/gtest.h>

#include "formats/xlsx_reader.h"
#include "support/api_client.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ApiClient;
using test::body_json;

using test::kTestPassword;

const json* item_numbered(const json& items, const std::string& number) {
  for (const auto& i : items)
    if (i["number"] == number) return &i;
  return nullptr;
}

class ApiStandardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto init = mamori.cli({"init", "--demo"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    a = mamori.add_tenant("テスト株式会社");
    b = mamori.add_tenant("他社");
    for (const std::string role : {"admin", "isms_manager", "editor", "viewer"})
      mamori.add_user("テスト株式会社", role + "@a.example.jp", role, kTestPassword);
    mamori.add_user("他社", "admin@b.example.jp", "admin", kTestPassword);
    mamori.add_user("デモクラウド株式会社", "viewer@demo.example.jp", "viewer", kTestPassword);
    mamori.start();
  }


  std::string db() const { return mamori.data() + "/mamori.db"; }
  std::string standards(const std::string& org) const { return "/api/v1/orgs/" + org + "/standards"; }
  std::string demo_org() {
    return test::sqlite_rows(db(), "SELECT id FROM tenants WHERE name = 'デモクラウド株式会社'").substr(0, 36);
  }
  std::string count(const std::string& table) { return test::sqlite_rows(db(), "SELECT COUNT(*) FROM " + table); }
  std::string snapshot() {
    return count("tailored_standards") + count("tailored_operations") + count("tailored_versions") +
           count("audit_scopes") + count("audit_log");
  }

  test::MamoriInstance mamori;
  std::string a, b;
};

}  // namespace

TEST_F(ApiStandardsTest, TheDemoStandardCarriesSeedExamplesWithReasons) {
  ApiClient viewer = signed_in(mamori, "viewer@demo.example.jp");
  const std::string org = demo_org();
  auto list = body_json(viewer.get(standards(org)));
  ASSERT_EQ(list.size(), 1u) << list.dump();
  EXPECT_EQ(list[0]["base_catalog_key"], "ismap-2024");
  EXPECT_EQ(list[0]["approved_version"], 1);
  const std::string id = list[0]["id"];
  auto s = body_json(viewer.get(standards(org) + "/" + id));
  EXPECT_EQ(s["draft_changes"], true);
  const json& items = s["items"];
  // Example 1: 4.8.2.2 reworded, with the seed's reason in its history.
  const json* e1 = item_numbered(items, "4.8.2.2");
  ASSERT_TRUE(e1);
  EXPECT_NE(e1->at("text").get<std::string>().find("・文書化した情報を破棄及び廃棄状況の確認"), std::string::npos);
  ASSERT_EQ(e1->at("history").size(), 2u);
  EXPECT_NE(e1->at("history")[1]["reason"].get<std::string>().find("契約遵守状況の確認"), std::string::npos);
  // Examples 2–4.
  const json* e2 = item_numbered(items, "5b-5.9.2.1");
  ASSERT_TRUE(e2);
  EXPECT_EQ(e2->at("history")[0]["step"], 4);
  const json* e3 = item_numbered(items, "7a-7.2.3 f)");
  ASSERT_TRUE(e3);
  EXPECT_NE(e3->at("text").get<std::string>().find("ストラップ"), std::string::npos);
  EXPECT_EQ(e3->at("history")[1]["reason"], "物理的入退の制限方法について、自組織で用いている方法に修正");
  const json* e4 = item_numbered(items, "7a-7.5.5 e)");
  ASSERT_TRUE(e4);
  EXPECT_EQ(e4->at("history")[0]["reason"], "組織として認識しているリスクを追加");
  EXPECT_EQ(e4->at("attributes")[0]["values"][0], "preventive");  // inherited from Annex A 7.5
  // ⑥ and ⑦.
  EXPECT_EQ(item_numbered(items, "6.2.2")->at("level"), "recommended");
  EXPECT_EQ(item_numbered(items, "12.6.1-2")->at("technical"), true);
  EXPECT_EQ(item_numbered(items, "12.6.1-2")->at("review_months"), 6);
  // The draft change after version 1, and the saved #検知 scope.
  auto diff = body_json(viewer.get(standards(org) + "/" + id + "/diff?from=1"));
  ASSERT_EQ(diff["changes"].size(), 1u) << diff.dump();
  EXPECT_EQ(diff["changes"][0]["after"]["number"], "8.3.3");
  EXPECT_EQ(diff["changes"][0]["changes"][0], "level");
  auto scopes = body_json(viewer.get(standards(org) + "/" + id + "/audit-scopes"));
  ASSERT_EQ(scopes.size(), 1u);
  EXPECT_GT(scopes[0]["items"].size(), 5u);
  auto balance = body_json(viewer.get(standards(org) + "/" + id + "/balance"));
  EXPECT_EQ(balance["types"][0]["type"], "control_type");
  EXPECT_GT(balance["types"][0]["values"][1]["count"].get<int>(), 0);  // 検知
  // The export carries every item, its level and the reasons.
  auto file = viewer.get(standards(org) + "/" + id + "/export.xlsx");
  ASSERT_EQ(file.status, 200);
  auto book = formats::read_xlsx(file.body, "standard.xlsx");
  ASSERT_TRUE(book) << book.error().describe();
  bool found_e2 = false, found_reason = false;
  for (const auto& [cell, text] : book->sheets[0].cells) {
    found_e2 = found_e2 || text == "5b-5.9.2.1";
    found_reason = found_reason || text.find("組織として認識しているリスクを追加") != std::string::npos;
  }
  EXPECT_TRUE(found_e2);
  EXPECT_TRUE(found_reason);
  // Running init again adds nothing.
  ASSERT_EQ(mamori.cli({"init", "--demo"}).exit_code, 0);
  EXPECT_EQ(body_json(viewer.get(standards(org))).size(), 1u);
}

TEST_F(ApiStandardsTest, DeriveApproveDiffAndScopeWithAuditAndIsolation) {
  ApiClient editor = signed_in(mamori, "editor@a.example.jp");
  ApiClient manager = signed_in(mamori, "isms_manager@a.example.jp");
  ApiClient outsider = signed_in(mamori, "admin@b.example.jp");
  auto created = editor.post(standards(a), {{"name", "個別管理基準 2026"},
                                            {"base_catalog_key", "iso27001-2022"},
                                            {"refs", {"5.4", "8.15", "8.16", "7.5"}},
                                            {"review_months", 12}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto s = body_json(created);
  const std::string id = s["id"];
  const std::string base = standards(a) + "/" + id;
  ASSERT_EQ(s["items"].size(), 4u);
  // Document order of the catalog, whatever the order of refs.
  EXPECT_EQ(s["items"][0]["number"], "5.4");
  EXPECT_EQ(s["items"][1]["number"], "7.5");
  EXPECT_EQ(s["operations"][0]["kind"], "take");
  const std::string k54 = s["items"][0]["key"], k815 = s["items"][2]["key"], k816 = s["items"][3]["key"];

  auto reword = editor.post(base + "/operations",
                            {{"kind", "reword"},
                             {"items", {k54}},
                             {"text", "最高情報セキュリティ責任者は、規定された情報セキュリティ方針、情報セキュリティスタンダード及び"
                                      "関連手順に従った情報セキュリティの適用を、全ての要員に要求する。"},
                             {"reason", "わかりやすさを高めるため、自組織で定められた役職及び規定名称に置換。"}});
  ASSERT_EQ(reword.status, 201) << reword.body;
  auto merged = editor.post(base + "/operations", {{"kind", "merge"},
                                                   {"items", {k815, k816}},
                                                   {"number", "8.15-16"},
                                                   {"text", "ログを取得し、監視する。"},
                                                   {"reason", "同一のログ基盤で運用しているため"}});
  ASSERT_EQ(merged.status, 201) << merged.body;
  const json after_merge = body_json(merged);
  const json* m = item_numbered(after_merge["items"], "8.15-16");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->at("origin").size(), 2u);
  auto tech = editor.post(base + "/operations", {{"kind", "set_technical"},
                                                 {"items", {m->at("key")}},
                                                 {"technical", true},
                                                 {"review_months", 6},
                                                 {"reason", "技術的検証が必要なため"}});
  ASSERT_EQ(tech.status, 201) << tech.body;
  auto own = editor.post(base + "/operations", {{"kind", "set_attributes"},
                                                {"items", {k54}},
                                                {"attributes", {"監査重点:2026年度"}},
                                                {"reason", "監査重点項目の識別"}});
  ASSERT_EQ(own.status, 201) << own.body;

  auto detective = body_json(editor.get(base + "/items?attr=control_type%3Adetective&group_by=security_property"));
  ASSERT_EQ(detective["items"].size(), 1u) << detective.dump();
  EXPECT_EQ(detective["items"][0]["number"], "8.15-16");
  EXPECT_FALSE(detective["groups"].empty());
  EXPECT_EQ(body_json(editor.get(base + "/items?attr=" + std::string("%E7%9B%A3%E6%9F%BB%E9%87%8D%E7%82%B9%3A2026%E5%B9%B4%E5%BA%A6")))["items"].size(), 1u);
  EXPECT_EQ(body_json(editor.get(base + "/items?technical=true"))["items"].size(), 1u);
  auto balance = body_json(editor.get(base + "/balance"));
  EXPECT_EQ(balance["total"], 3);
  EXPECT_EQ(balance["technical"], 1);

  // Approval is for approvers; it freezes version 1.
  EXPECT_EQ(editor.post(base + "/approve", {{"note", "初版"}}).status, 403);
  auto v1 = manager.post(base + "/approve", {{"note", "初版"}});
  ASSERT_EQ(v1.status, 201) << v1.body;
  EXPECT_EQ(body_json(v1)["version"], 1);
  EXPECT_EQ(test::reason(manager.post(base + "/approve", json::object())), "nothing_to_approve");
  auto level = editor.post(base + "/operations",
                           {{"kind", "set_level"}, {"items", {k54}}, {"level", "recommended"}, {"reason", "推奨に変更"}});
  ASSERT_EQ(level.status, 201) << level.body;
  ASSERT_EQ(manager.post(base + "/approve", {{"note", "第2版"}}).status, 201);
  auto versions = body_json(editor.get(base + "/versions"));
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(body_json(editor.get(base + "/versions/1"))["items"][0]["level"], "required");
  auto diff = body_json(editor.get(base + "/diff?from=1&to=2"));
  ASSERT_EQ(diff["changes"].size(), 1u);
  EXPECT_EQ(diff["changes"][0]["changes"][0], "level");

  auto scope = editor.post(base + "/audit-scopes",
                           {{"name", "#検知"}, {"attr", {"control_type:detective"}}, {"purpose", "検知の運用状況評価"}});
  ASSERT_EQ(scope.status, 201) << scope.body;
  const std::string scope_id = body_json(scope)["id"];
  EXPECT_EQ(body_json(scope)["version"], 2);
  EXPECT_EQ(body_json(scope)["items"][0]["number"], "8.15-16");
  EXPECT_EQ(body_json(editor.get(base + "/audit-scopes/" + scope_id))["name"], "#検知");
  EXPECT_EQ(body_json(editor.get(base + "/audit-scopes")).size(), 1u);
  auto xlsx = editor.get(base + "/export.xlsx?version=1");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");

  const std::string audit = test::sqlite_rows(db(), "SELECT action FROM audit_log WHERE tenant_id = '" + a + "' ORDER BY seq");
  EXPECT_NE(audit.find("standard.create"), std::string::npos);
  EXPECT_NE(audit.find("standard.operation"), std::string::npos);
  EXPECT_NE(audit.find("standard.approve"), std::string::npos);
  EXPECT_NE(audit.find("audit_scope.create"), std::string::npos);

  // Another organisation: every route 404, nothing listed, nothing changed.
  const std::string before = snapshot();
  const std::string foreign = standards(a) + "/" + id;
  for (const std::string& path : {foreign, foreign + "/items", foreign + "/balance", foreign + "/versions",
                                 foreign + "/versions/1", foreign + "/diff", foreign + "/audit-scopes",
                                 foreign + "/audit-scopes/" + scope_id, foreign + "/export.xlsx"})
    EXPECT_EQ(outsider.get(path).status, 404) << path;
  EXPECT_EQ(outsider.post(foreign + "/operations", {{"kind", "remove"}, {"items", {k54}}, {"reason", "x"}}).status, 404);
  EXPECT_EQ(outsider.post(foreign + "/approve", json::object()).status, 404);
  EXPECT_EQ(outsider.post(foreign + "/audit-scopes", {{"name", "x"}}).status, 404);
  // Their own organisation's path with our ids finds nothing either.
  const std::string theirs = standards(b) + "/" + id;
  EXPECT_EQ(outsider.get(theirs).status, 404);
  EXPECT_EQ(outsider.get(theirs + "/audit-scopes/" + scope_id).status, 404);
  EXPECT_TRUE(body_json(outsider.get(standards(b))).empty());
  EXPECT_EQ(snapshot(), before);
}

TEST_F(ApiStandardsTest, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
  ApiClient editor = signed_in(mamori, "editor@a.example.jp");
  auto created = editor.post(standards(a), {{"name", "基準"}, {"base_catalog_key", "ismap-2024"}, {"refs", {"12.4.1", "12.4.2"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = body_json(created)["id"];
  const std::string base = standards(a) + "/" + id;
  const json items = body_json(created)["items"];
  const std::string k1 = items[0]["key"], k2 = items[1]["key"];
  const std::string before = snapshot();
  auto expect_400 = [&](const test::HttpResponse& r, const std::string& field, const std::string& what) {
    EXPECT_EQ(r.status, 400) << what << ": " << r.body;
    EXPECT_EQ(body_json(r)["error"]["field"], field) << what << ": " << r.body;
  };
  expect_400(editor.post(standards(a), {{"name", "別"}, {"base_catalog_key", "ismap-2024"}, {"refs", {"99.9"}}}), "refs",
             "unknown ref");
  expect_400(editor.post(standards(a), {{"name", "別"}, {"base_catalog_key", "no-such"}, {"refs", {"1"}}}),
             "base_catalog_key", "unknown catalog");
  expect_400(editor.post(standards(a), {{"name", "別"}, {"base_catalog_key", "ismap-2024"}}), "refs", "nothing to take");
  expect_400(editor.post(standards(a), {{"base_catalog_key", "ismap-2024"}, {"refs", {"12.4.1"}}}), "name", "no name");
  EXPECT_EQ(editor.post(standards(a), {{"name", "基準"}, {"base_catalog_key", "ismap-2024"}, {"refs", {"12.4.1"}}}).status,
            409);
  const std::string ops = base + "/operations";
  expect_400(editor.post(ops, {{"kind", "reword"}, {"items", {k1}}, {"text", "新しい文言"}}), "reason", "missing reason");
  expect_400(editor.post(ops, {{"kind", "reword"}, {"items", {k1}}, {"text", "新しい文言"}, {"reason", "　"}}), "reason",
             "blank reason");
  expect_400(editor.post(ops, {{"kind", "merge"}, {"items", {k1}}, {"number", "M"}, {"text", "t"}, {"reason", "統合"}}),
             "items", "merge of one item");
  expect_400(editor.post(ops, {{"kind", "split"}, {"items", {k1}}, {"part_numbers", {"a", "b"}}, {"part_texts", {"x"}},
                               {"reason", "分割"}}),
             "part_texts", "split with a missing text");
  expect_400(editor.post(ops, {{"kind", "reword"}, {"items", {"9.9"}}, {"text", "t"}, {"reason", "r"}}), "items",
             "unknown item");
  expect_400(editor.post(ops, {{"kind", "reword"}, {"items", {k1}}, {"refs", {"1"}}, {"text", "t"}, {"reason", "r"}}),
             "refs", "a field the kind does not use");
  expect_400(editor.post(ops, {{"kind", "rename"}, {"reason", "r"}}), "kind", "unknown kind");
  expect_400(editor.post(ops, {{"kind", "set_technical"}, {"items", {k1}}, {"technical", true}, {"review_months", 12},
                               {"reason", "r"}}),
             "review_months", "technical interval not shorter");
  expect_400(editor.post(ops, {{"kind", "add"}, {"number", "X"}, {"text", "t"}, {"origin", {"iso27001-2022:99.9"}},
                               {"step", 3}, {"reason", "r"}}),
             "origin", "unknown origin");
  expect_400(editor.post(ops, {{"kind", "add"}, {"number", "X"}, {"text", "t"}, {"step", 2}, {"reason", "r"}}), "source",
             "a law without its citation");
  expect_400(editor.post(ops, {{"kind", "add"}, {"number", items[0]["number"]}, {"text", "t"}, {"reason", "r"}}), "number",
             "a duplicate number");
  expect_400(editor.post(ops, {{"kind", "set_attributes"}, {"items", {k2}}, {"attributes", {"control_type:watching"}},
                               {"reason", "r"}}),
             "attributes", "a value outside the vocabulary");
  expect_400(editor.post(ops, {{"kind", "set_level"}, {"items", {k2}}, {"reason", "r"}}), "level", "level missing");
  expect_400(editor.get(base + "/items?attr=control_type"), "attr", "malformed filter");
  expect_400(editor.get(base + "/versions/abc"), "version", "not a number");
  expect_400(editor.post(base + "/audit-scopes", {{"name", "s"}, {"attr", {"nope"}}}), "attr", "malformed scope filter");
  EXPECT_EQ(editor.get(base + "/versions/3").status, 404);
  EXPECT_EQ(editor.post(base + "/audit-scopes", {{"name", "s"}}).status, 409);  // not approved yet
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(body_json(editor.get(base))["operations"].size(), 1u);
}

}  // namespace mamori
