// Risk management over the API: criteria (default, replace, bad documents),
// the register with derived levels and filters, treatment with controls from
// the loaded catalogs, the owner's approval and what voids it, the dashboard,
// the cloud risk sources for a service; each change in the audit log; bad
// input is 400 naming the field and changes nothing; another organisation
// reaches nothing of it.
#include <gtest/gtest.h>

#include "support/api_client.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ApiClient;
using test::body_json;
using test::reason;

using test::kTestPassword;

std::string field(const test::HttpResponse& r) {
  const json j = body_json(r);
  return j.contains("error") && j["error"].contains("field") ? j["error"]["field"].get<std::string>() : "";
}

class ApiRisksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a = mamori.add_tenant("テスト株式会社");
    b = mamori.add_tenant("他社");
    mamori.add_user("テスト株式会社", "admin@a.example.jp", "admin", kTestPassword);
    mamori.add_user("テスト株式会社", "editor@a.example.jp", "editor", kTestPassword);
    mamori.add_user("テスト株式会社", "viewer@a.example.jp", "viewer", kTestPassword);
    mamori.add_user("他社", "admin@b.example.jp", "admin", kTestPassword);
    mamori.start();
    for (ApiClient* c : {&admin, &editor, &viewer, &outsider}) *c = ApiClient(mamori.port());
    ASSERT_EQ(admin.login("admin@a.example.jp", kTestPassword).status, 200);
    ASSERT_EQ(editor.login("editor@a.example.jp", kTestPassword).status, 200);
    ASSERT_EQ(viewer.login("viewer@a.example.jp", kTestPassword).status, 200);
    ASSERT_EQ(outsider.login("admin@b.example.jp", kTestPassword).status, 200);
    for (const auto& m : body_json(admin.get(org() + "/members"))) {
      if (m["email"] == "editor@a.example.jp") editor_id = m["user_id"];
      if (m["email"] == "viewer@a.example.jp") viewer_id = m["user_id"];
      if (m["email"] == "admin@a.example.jp") admin_id = m["user_id"];
    }
    ASSERT_FALSE(editor_id.empty());
    auto service = admin.post(org() + "/services", {{"name", "文書管理SaaS"}, {"model", "saas"}, {"role", "both"}, {"runs_on_external", {"AWS 東京リージョン (IaaS)"}}});
    ASSERT_EQ(service.status, 201) << service.body;
    service_id = body_json(service)["id"];
    auto asset = admin.post(org() + "/assets", {{"name", "顧客文書データ"},
                                                {"type", "information"},
                                                {"confidentiality", 1},
                                                {"integrity", 1},
                                                {"availability", 1}});
    ASSERT_EQ(asset.status, 201) << asset.body;
    asset_id = body_json(asset)["id"];
  }

  std::string org() const { return "/api/v1/orgs/" + a; }

  json risk_body() const {
    return {{"title", "バックアップからの復元ができない"},
            {"service_id", service_id},
            {"asset_ids", {asset_id}},
            {"threat", "障害によるデータ消失"},
            {"likelihood", 2},
            {"impact", 3},
            {"owner_user_id", editor_id},
            {"identified_on", "2026-01-10"}};
  }

  json plan() const {
    return {{"option", "modify"},
            {"controls", {{{"catalog_key", "iso27001-2022"}, {"ref", "8.13"}}, {{"catalog_key", "ismap-2024"}, {"ref", "12.3.1"}}}},
            {"plan", "復元試験を四半期ごとに行う"},
            {"actions", {{{"description", "復元手順書を作成"}, {"owner", "運用部"}, {"due_on", "2026-03-31"}, {"done", true},
                          {"done_on", "2026-03-01"}}}},
            {"residual_likelihood", 1},
            {"residual_impact", 2}};
  }

  test::HttpResponse put(ApiClient& c, const std::string& path, const json& body) {
    return c.request("PUT", path, body.dump(), {{"Content-Type", "application/json"}});
  }

  std::string new_risk() {
    auto r = editor.post(org() + "/risks", risk_body());
    EXPECT_EQ(r.status, 201) << r.body;
    return body_json(r)["id"];
  }

  test::MamoriInstance mamori;
  std::string a, b, admin_id, editor_id, viewer_id, service_id, asset_id;
  // Signed in once the server runs (SetUp).
  ApiClient admin{0}, editor{0}, viewer{0}, outsider{0};
};

}  // namespace

TEST_F(ApiRisksTest, CriteriaDefaultReplaceAndBadDocuments) {
  auto got = admin.get(org() + "/risk-criteria");
  ASSERT_EQ(got.status, 200) << got.body;
  json c = body_json(got);
  EXPECT_EQ(c["levels"].size(), 3u);
  EXPECT_EQ(c["levels"][2]["label_ja"], "高");
  EXPECT_EQ(c["acceptance_level"], 1);
  EXPECT_EQ(c["goals"][0], (json{{"from_level", 3}, {"target_level", 2}, {"within_months", 6}}));

  // A 4×4 matrix with four levels.
  json four = c;
  four["likelihood"].push_back({{"label_ja", "極高"}, {"label_en", "Very high"}, {"description", "週に1回以上"}});
  four["impact"].push_back({{"label_ja", "甚大"}, {"label_en", "Severe"}, {"description", ""}});
  four["levels"].push_back({{"label_ja", "極高"}, {"label_en", "Very high"}});
  four["matrix"] = {{1, 1, 2, 2}, {1, 2, 2, 3}, {2, 2, 3, 4}, {2, 3, 4, 4}};
  four["goals"] = {{{"from_level", 4}, {"target_level", 2}, {"within_months", 3}}};
  auto saved = put(admin, org() + "/risk-criteria", four);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(body_json(saved)["matrix"], four["matrix"]);
  EXPECT_EQ(body_json(admin.get(org() + "/risk-criteria"))["levels"].size(), 4u);

  // Bad documents: 400 naming the place, nothing changes.
  json shape = four;
  shape["matrix"][1] = {1, 2, 2};
  auto bad = put(admin, org() + "/risk-criteria", shape);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(field(bad), "matrix[1]");
  json monotone = four;
  monotone["matrix"][3][3] = 1;
  EXPECT_EQ(reason(put(admin, org() + "/risk-criteria", monotone)), "not_monotone");
  json typed = four;
  typed["likelihood"][0]["label_ja"] = 5;
  EXPECT_EQ(field(put(admin, org() + "/risk-criteria", typed)), "likelihood[0].label_ja");
  json unknown = four;
  unknown["colour"] = "red";
  EXPECT_EQ(reason(put(admin, org() + "/risk-criteria", unknown)), "unknown_field");
  auto malformed = admin.request("PUT", org() + "/risk-criteria", "{", {{"Content-Type", "application/json"}});
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(reason(malformed), "malformed_json");
  EXPECT_EQ(admin.request("PUT", org() + "/risk-criteria", four.dump(), {{"Content-Type", "text/plain"}}).status, 415);
  EXPECT_EQ(body_json(admin.get(org() + "/risk-criteria"))["matrix"], four["matrix"]);

  // Changing criteria is a management decision: not for an editor.
  EXPECT_EQ(put(editor, org() + "/risk-criteria", c).status, 403);
  EXPECT_EQ(put(outsider, org() + "/risk-criteria", c).status, 404);
  EXPECT_EQ(outsider.get(org() + "/risk-criteria").status, 404);
}

TEST_F(ApiRisksTest, TheRegisterWithLevelsFiltersAndBadInput) {
  const std::string id = new_risk();
  auto got = viewer.get(org() + "/risks/" + id);
  ASSERT_EQ(got.status, 200) << got.body;
  json r = body_json(got);
  EXPECT_EQ(r["level"]["label_ja"], "高");
  EXPECT_EQ(r["level"]["rank"], 3);
  EXPECT_EQ(r["status"], "open");
  EXPECT_EQ(r["asset_ids"], json::array({asset_id}));
  EXPECT_TRUE(r["approval"].is_null());
  EXPECT_TRUE(r["residual_level"].is_null());

  auto other = risk_body();
  other["title"] = "軽微な設定ミス";
  other["likelihood"] = 1;
  other["impact"] = 1;
  other.erase("service_id");
  ASSERT_EQ(editor.post(org() + "/risks", other).status, 201);
  auto list = body_json(viewer.get(org() + "/risks"));
  EXPECT_EQ(list["risks"].size(), 2u);
  EXPECT_EQ(list["criteria"]["levels"].size(), 3u);
  EXPECT_EQ(body_json(viewer.get(org() + "/risks?level=3"))["risks"].size(), 1u);
  EXPECT_EQ(body_json(viewer.get(org() + "/risks?level=1"))["risks"][0]["title"], "軽微な設定ミス");
  EXPECT_EQ(body_json(viewer.get(org() + "/risks?service=" + service_id))["risks"].size(), 1u);
  EXPECT_EQ(body_json(viewer.get(org() + "/risks?owner=" + editor_id))["risks"].size(), 2u);
  EXPECT_EQ(body_json(viewer.get(org() + "/risks?status=closed"))["risks"].size(), 0u);
  EXPECT_EQ(body_json(viewer.get(org() + "/risks?asset=" + asset_id))["risks"].size(), 2u);
  EXPECT_EQ(viewer.get(org() + "/risks?level=x").status, 400);
  EXPECT_EQ(viewer.get(org() + "/risks?status=done").status, 400);

  // Bad input names the field; nothing is added.
  auto bad = [&](json body, const std::string& expected) {
    auto res = editor.post(org() + "/risks", body);
    EXPECT_EQ(res.status, 400) << body.dump() << res.body;
    EXPECT_EQ(field(res), expected) << res.body;
  };
  json b1 = risk_body();
  b1.erase("title");
  bad(b1, "title");
  json b2 = risk_body();
  b2["likelihood"] = 4;  // the scale has 3 levels
  bad(b2, "likelihood");
  json b3 = risk_body();
  b3["owner_user_id"] = viewer_id;
  bad(b3, "owner_user_id");
  json b4 = risk_body();
  b4["identified_on"] = "2026-13-01";
  bad(b4, "identified_on");
  json b5 = risk_body();
  b5["asset_ids"] = {"nope"};
  bad(b5, "asset_ids[0]");
  json b6 = risk_body();
  b6["service_id"] = "nope";
  bad(b6, "service_id");
  json b7 = risk_body();
  b7["status"] = "accepted";
  EXPECT_EQ(reason(editor.post(org() + "/risks", b7)), "approval_required");
  EXPECT_EQ(body_json(viewer.get(org() + "/risks"))["risks"].size(), 2u);
  EXPECT_EQ(viewer.post(org() + "/risks", risk_body()).status, 403);

  // PATCH: the fields given.
  auto patched = editor.patch(org() + "/risks/" + id, {{"impact", 1}, {"status", "closed"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(body_json(patched)["level"]["label_ja"], "低");
  EXPECT_EQ(body_json(patched)["status"], "closed");
  EXPECT_EQ(reason(editor.patch(org() + "/risks/" + id, {{"impact", 1}})), "no_change");
  EXPECT_EQ(field(editor.patch(org() + "/risks/" + id, {{"title", ""}})), "title");
  EXPECT_EQ(editor.patch(org() + "/risks/00000000-0000-7000-8000-000000000000", {{"impact", 2}}).status, 404);
}

TEST_F(ApiRisksTest, TreatmentApprovalByTheOwnerAndWhatVoidsIt) {
  const std::string id = new_risk();
  const std::string path = org() + "/risks/" + id;
  // Shape and catalog errors name the place.
  json bad = plan();
  bad["actions"][0]["due_on"] = "来月";
  EXPECT_EQ(field(put(editor, path + "/treatment", bad)), "actions[0].due_on");
  bad = plan();
  bad["controls"][1]["ref"] = "99.99";
  EXPECT_EQ(field(put(editor, path + "/treatment", bad)), "controls[1].ref");
  bad = plan();
  bad["option"] = "transfer";
  EXPECT_EQ(field(put(editor, path + "/treatment", bad)), "option");
  bad = plan();
  bad["residual_likelihood"] = 4;  // the scale has 3 levels
  EXPECT_EQ(field(put(editor, path + "/treatment", bad)), "residual_likelihood");
  bad = plan();
  bad["residual_impact"] = 0;  // both ratings or neither
  EXPECT_EQ(field(put(editor, path + "/treatment", bad)), "residual_impact");
  EXPECT_EQ(put(viewer, path + "/treatment", plan()).status, 403);
  EXPECT_TRUE(body_json(editor.get(path))["treatment"]["option"].is_null());

  // Nothing to approve yet.
  EXPECT_EQ(reason(editor.post(path + "/approve")), "option_required");
  json partial = plan();
  partial.erase("residual_likelihood");
  partial.erase("residual_impact");
  ASSERT_EQ(put(editor, path + "/treatment", partial).status, 200);
  EXPECT_EQ(body_json(editor.get(path))["status"], "in_treatment");
  EXPECT_EQ(reason(editor.post(path + "/approve")), "residual_required");

  auto saved = put(editor, path + "/treatment", plan());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(body_json(saved)["residual_level"]["label_ja"], "低");
  // Only the risk owner approves, even an admin may not.
  auto not_owner = admin.post(path + "/approve", {{"comment", "代理承認"}});
  EXPECT_EQ(not_owner.status, 403);
  EXPECT_EQ(reason(not_owner), "not_risk_owner");
  auto approved = editor.post(path + "/approve", {{"comment", "計画と残留リスクを承認"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  json r = body_json(approved);
  EXPECT_EQ(r["status"], "accepted");
  EXPECT_EQ(r["approval"]["by"], editor_id);
  EXPECT_EQ(r["approval"]["comment"], "計画と残留リスクを承認");
  EXPECT_EQ(reason(editor.post(path + "/approve")), "already_approved");
  auto detail = body_json(editor.get(path));
  EXPECT_FALSE(detail["treatment"]["controls"][0]["title"].get<std::string>().empty());

  // Changing the plan voids the approval.
  json changed = plan();
  changed["plan"] = "復元試験を毎月行う";
  auto voided = put(editor, path + "/treatment", changed);
  ASSERT_EQ(voided.status, 200);
  EXPECT_TRUE(body_json(voided)["approval"].is_null());
  EXPECT_EQ(body_json(voided)["status"], "in_treatment");
  ASSERT_EQ(editor.post(path + "/approve").status, 200);
  // So does a new owner.
  auto moved = editor.patch(path, {{"owner_user_id", admin_id}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_TRUE(body_json(moved)["approval"].is_null());

  // Each change is in the audit log.
  const std::string log = admin.get(org() + "/audit-log?limit=1000").body;
  for (const char* action : {"risk.create", "risk.treatment", "risk.approve", "risk.change"})
    EXPECT_NE(log.find(action), std::string::npos) << action;
}

TEST_F(ApiRisksTest, ResidualAboveAcceptanceNeedsAStatement) {
  const std::string path = org() + "/risks/" + new_risk();
  json t = plan();
  t["residual_likelihood"] = 2;
  t["residual_impact"] = 2;  // 中, above 低
  ASSERT_EQ(put(editor, path + "/treatment", t).status, 200);
  auto refused = editor.post(path + "/approve");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(reason(refused), "acceptance_statement_required");
  t["acceptance_statement"] = "年次で再評価し、事業上の必要性から受容する";
  ASSERT_EQ(put(editor, path + "/treatment", t).status, 200);
  EXPECT_EQ(editor.post(path + "/approve").status, 200);
}

TEST_F(ApiRisksTest, TheOwnerApprovesInPersonNotThroughAToken) {
  json body = risk_body();
  body["owner_user_id"] = admin_id;
  auto created = admin.post(org() + "/risks", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = org() + "/risks/" + body_json(created)["id"].get<std::string>();
  ASSERT_EQ(put(admin, path + "/treatment", plan()).status, 200);
  auto token = admin.post(org() + "/api-tokens", {{"name", "script"}, {"role", "editor"}, {"expires_in_days", 5}});
  ASSERT_EQ(token.status, 201) << token.body;
  ApiClient script(mamori.port());
  script.bearer = body_json(token)["token"];
  auto refused = script.post(path + "/approve");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(reason(refused), "approval_needs_person");
  EXPECT_EQ(admin.post(path + "/approve").status, 200);
}

TEST_F(ApiRisksTest, DashboardAndStarterRisks) {
  const std::string id = new_risk();  // 高, identified 2026-01-10: the 6-month goal's deadline is 2026-07-10
  auto d = viewer.get(org() + "/risks/dashboard?as_of=2026-08-01");
  ASSERT_EQ(d.status, 200) << d.body;
  json j = body_json(d);
  EXPECT_EQ(j["total"], 1);
  EXPECT_EQ(j["levels"][2]["count"], 1);
  EXPECT_EQ(j["heat"][1][2], 1);
  ASSERT_EQ(j["goals"].size(), 1u);
  EXPECT_EQ(j["goals"][0]["overdue"], 1);
  EXPECT_EQ(j["goals"][0]["risks"][0]["id"], id);
  EXPECT_EQ(j["goals"][0]["risks"][0]["deadline"], "2026-07-10");
  EXPECT_EQ(body_json(viewer.get(org() + "/risks/dashboard?as_of=2026-02-01"))["goals"][0]["open"], 1);
  EXPECT_EQ(field(viewer.get(org() + "/risks/dashboard?as_of=yesterday")), "as_of");

  auto s = viewer.get(org() + "/risks/starter?service=" + service_id);
  ASSERT_EQ(s.status, 200) << s.body;
  json st = body_json(s);
  EXPECT_EQ(st["role"], "both");
  EXPECT_EQ(st["proposals"].size(), 12u);
  EXPECT_EQ(st["proposals"][4]["title_ja"], "情報のバックアップの不備（提供者として）");
  EXPECT_FALSE(st["proposals"][4]["already_added"]);
  // Adding one from the list marks it.
  json from_starter = risk_body();
  from_starter["title"] = st["proposals"][4]["title_ja"];
  from_starter["threat"] = st["proposals"][4]["threat"];
  from_starter["source_key"] = st["proposals"][4]["source_key"];
  ASSERT_EQ(editor.post(org() + "/risks", from_starter).status, 201);
  EXPECT_TRUE(body_json(viewer.get(org() + "/risks/starter?service=" + service_id))["proposals"][4]["already_added"]);
  EXPECT_EQ(viewer.get(org() + "/risks/starter").status, 400);
  EXPECT_EQ(viewer.get(org() + "/risks/starter?service=nope").status, 404);
}

TEST_F(ApiRisksTest, AnotherOrganisationReachesNothing) {
  const std::string id = new_risk();
  const std::string path = org() + "/risks/" + id;
  const std::string theirs = "/api/v1/orgs/" + b;
  EXPECT_EQ(outsider.get(path).status, 404);
  EXPECT_EQ(outsider.get(org() + "/risks").status, 404);
  EXPECT_EQ(outsider.get(org() + "/risks/dashboard").status, 404);
  EXPECT_EQ(outsider.patch(path, {{"impact", 1}}).status, 404);
  EXPECT_EQ(put(outsider, path + "/treatment", plan()).status, 404);
  EXPECT_EQ(outsider.post(path + "/approve").status, 404);
  // Through their own organisation: the risk, service and asset are not theirs.
  EXPECT_EQ(outsider.get(theirs + "/risks/" + id).status, 404);
  EXPECT_EQ(outsider.patch(theirs + "/risks/" + id, {{"impact", 1}}).status, 404);
  EXPECT_EQ(put(outsider, theirs + "/risks/" + id + "/treatment", plan()).status, 404);
  EXPECT_EQ(outsider.post(theirs + "/risks/" + id + "/approve").status, 404);
  EXPECT_EQ(body_json(outsider.get(theirs + "/risks"))["risks"].size(), 0u);
  EXPECT_EQ(outsider.get(theirs + "/risks/starter?service=" + service_id).status, 404);
  EXPECT_EQ(body_json(outsider.get(theirs + "/risks/dashboard"))["total"], 0);
  json foreign = risk_body();
  foreign["owner_user_id"] = editor_id;  // not their member
  foreign.erase("service_id");
  foreign.erase("asset_ids");
  EXPECT_EQ(field(outsider.post(theirs + "/risks", foreign)), "owner_user_id");
  // And nothing of A changed.
  EXPECT_EQ(body_json(editor.get(path))["impact"], 3);
}

}  // namespace mamori
