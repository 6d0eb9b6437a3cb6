// Statements of Applicability over the API: the demo's two SoAs with the one
// visible rule violation and a draft that differs from version 1; create for
// a service, bulk row changes, the rules in the response, approval refused
// while errors remain, versions, the diff, the .xlsx; rows following the
// service's role; bad input is 400 naming the field and changes nothing;
// another organisation reaches nothing of it.
#include <gtest/gtest.h>

#include "formats/xlsx_reader.h"
#include "support/api_client.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ApiClient;
using test::body_json;

using test::kTestPassword;

const json* row_of(const json& soa, const std::string& catalog, const std::string& ref) {
  for (const auto& r : soa["rows"])
    if (r["catalog_key"] == catalog && r["ref"] == ref) return &r;
  return nullptr;
}

// Every row of the SoA applicable and implemented: a consistent statement.
json all_implemented(const json& soa) {
  json rows = json::array();
  for (const auto& r : soa["rows"])
    rows.push_back({{"catalog_key", r["catalog_key"]},
                    {"ref", r["ref"]},
                    {"applicable", "yes"},
                    {"status", "implemented"},
                    {"evidence", {"管理策運用規定"}}});
  return {{"rows", rows}};
}

class ApiSoaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto init = mamori.cli({"init", "--demo"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    a = mamori.add_tenant("テスト株式会社");
    b = mamori.add_tenant("他社");
    for (const std::string role : {"admin", "isms_manager", "editor", "viewer"})
      mamori.add_user("テスト株式会社", role + "@a.example.jp", role, kTestPassword);
    mamori.add_user("他社", "admin@b.example.jp", "admin", kTestPassword);
    mamori.add_user("デモクラウド株式会社", "manager@demo.example.jp", "isms_manager", kTestPassword);
    mamori.start();
  }


  std::string db() const { return mamori.data() + "/mamori.db"; }
  std::string soas(const std::string& org) const { return "/api/v1/orgs/" + org + "/soas"; }
  std::string demo_org() {
    return test::sqlite_rows(db(), "SELECT id FROM tenants WHERE name = 'デモクラウド株式会社'").substr(0, 36);
  }
  // A cloud service of organisation A with the given role; its id.
  std::string add_service(ApiClient& c, const std::string& name, const std::string& role) {
    auto r = c.post("/api/v1/orgs/" + a + "/services", {{"name", name}, {"model", "saas"}, {"role", role}});
    EXPECT_EQ(r.status, 201) << r.body;
    return body_json(r)["id"];
  }

  test::MamoriInstance mamori;
  std::string a, b;
};

}  // namespace

TEST_F(ApiSoaTest, TheDemoHasOneSoaPerServiceWithOneViolationAndADraftDiff) {
  ApiClient manager = signed_in(mamori, "manager@demo.example.jp");
  const std::string demo = demo_org();
  auto list = body_json(manager.get(soas(demo)));
  ASSERT_EQ(list.size(), 2u) << list.dump();
  json saas, mail;
  for (const auto& s : list) (s["role"] == "both" ? saas : mail) = s;
  EXPECT_EQ(saas["service_name"], "まもり文書管理 (SaaS)");
  EXPECT_EQ(saas["approved_version"], 1);
  EXPECT_EQ(saas["draft_changes"], 2);
  EXPECT_EQ(saas["counts"]["errors"], 1);
  EXPECT_EQ(saas["counts"]["warnings"], 0);
  EXPECT_EQ(saas["counts"]["unevaluated"], 0);
  EXPECT_EQ(saas["can_approve"], false);
  EXPECT_EQ(mail["service_name"], "業務メール (外部SaaS)");
  EXPECT_EQ(mail["role"], "customer");
  EXPECT_EQ(mail["approved_version"], nullptr);
  EXPECT_EQ(mail["counts"]["errors"], 0);
  EXPECT_EQ(mail["counts"]["warnings"], 0);
  EXPECT_EQ(mail["counts"]["rows"], 93 + 5);  // Annex A and the customer-side CLD controls

  const std::string saas_id = saas["id"];
  auto one = body_json(manager.get(soas(demo) + "/" + saas_id));
  EXPECT_EQ(one["counts"]["rows"], 93 + 7 + 121 + 31);
  ASSERT_EQ(one["findings"].size(), 1u);
  EXPECT_EQ(one["findings"][0]["rule"], "cloud_base_excluded");
  EXPECT_EQ(one["findings"][0]["ref"], "CLD.8.1.5");
  EXPECT_EQ(one["findings"][0]["related"], json::array({"iso27001-2022:7.14"}));
  // The risks whose treatment chose a control are on its row.
  const json* segregation = row_of(one, "iso27017-2015", "CLD.9.5.1");
  ASSERT_TRUE(segregation);
  ASSERT_FALSE((*segregation)["treatments"].empty());
  EXPECT_TRUE(one["risks"].contains((*segregation)["treatments"][0].get<std::string>()));

  auto diff = body_json(manager.get(soas(demo) + "/" + saas_id + "/diff"));
  EXPECT_EQ(diff["from"], 1);
  EXPECT_EQ(diff["to"], "draft");
  ASSERT_EQ(diff["changes"].size(), 2u) << diff.dump();
  EXPECT_EQ(diff["changes"][0]["ref"], "5.7");
  EXPECT_EQ(diff["changes"][1]["ref"], "7.14");
  EXPECT_EQ(diff["changes"][1]["fields"][0], json({{"field", "applicable"}, {"before", "yes"}, {"after", "no"}}));

  auto refused = manager.post(soas(demo) + "/" + saas_id + "/approve", {{"comment", "第2版"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(body_json(refused)["error"]["reason"], "soa_has_errors");
  auto versions = body_json(manager.get(soas(demo) + "/" + saas_id + "/versions"));
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0]["approved_by"], "デモ管理者");
}

TEST_F(ApiSoaTest, CreateEditApproveCompareAndExport) {
  ApiClient editor = signed_in(mamori, "editor@a.example.jp");
  ApiClient manager = signed_in(mamori, "isms_manager@a.example.jp");
  const std::string service = add_service(editor, "文書SaaS", "provider");

  auto created = editor.post(soas(a), {{"service_id", service}});
  ASSERT_EQ(created.status, 201) << created.body;
  json soa = body_json(created);
  const std::string id = soa["id"];
  EXPECT_EQ(soa["role"], "provider");
  EXPECT_EQ(soa["counts"]["rows"], 93 + 7 + 121 + 31);
  EXPECT_EQ(soa["counts"]["unevaluated"], 93 + 7 + 121 + 31);
  EXPECT_EQ(soa["counts"]["errors"], 93 + 7 + 121 + 31);  // nothing evaluated yet
  EXPECT_EQ(editor.post(soas(a), {{"service_id", service}}).status, 409);

  // Drafts may be wrong; approval is not.
  EXPECT_EQ(manager.post(soas(a) + "/" + id + "/approve", json::object()).status, 409);

  auto filled = editor.patch(soas(a) + "/" + id + "/rows", all_implemented(soa));
  ASSERT_EQ(filled.status, 200) << filled.body.substr(0, 500);
  EXPECT_EQ(body_json(filled)["counts"]["errors"], 0);
  EXPECT_EQ(body_json(filled)["can_approve"], true);

  EXPECT_EQ(editor.post(soas(a) + "/" + id + "/approve", json::object()).status, 403);
  auto v1 = manager.post(soas(a) + "/" + id + "/approve", {{"comment", "初版"}});
  ASSERT_EQ(v1.status, 200) << v1.body.substr(0, 500);
  EXPECT_EQ(body_json(v1)["approved_version"], 1);
  EXPECT_EQ(body_json(v1)["draft_changes"], 0);
  EXPECT_EQ(body_json(manager.post(soas(a) + "/" + id + "/approve", json::object()))["error"]["reason"], "no_change");

  // Rule 1 in the response: 7.14 excluded while CLD.8.1.5 is adopted.
  auto excluded = editor.patch(soas(a) + "/" + id + "/rows",
                               {{"rows", {{{"catalog_key", "iso27001-2022"},
                                           {"ref", "7.14"},
                                           {"applicable", "no"},
                                           {"reason", "装置は IaaS 事業者が管理"}}}}});
  ASSERT_EQ(excluded.status, 200) << excluded.body.substr(0, 500);
  json after = body_json(excluded);
  ASSERT_EQ(after["findings"].size(), 1u);
  EXPECT_EQ(after["findings"][0]["rule"], "cloud_base_excluded");
  EXPECT_EQ(after["findings"][0]["severity"], "error");
  EXPECT_EQ((*row_of(after, "iso27001-2022", "7.14"))["status"], "unset");  // cleared with the exclusion

  // Rule 4 as a warning: a .B/.PB item planned, with its alternative measure.
  auto planned = editor.patch(soas(a) + "/" + id + "/rows",
                              {{"rows",
                                {{{"catalog_key", "ismap-2024"}, {"ref", "12.4.1.15.PB"}, {"status", "planned"},
                                  {"reason", "代替策: 日次で手動確認"}},
                                 {{"catalog_key", "iso27001-2022"}, {"ref", "7.14"}, {"applicable", "yes"},
                                  {"status", "implemented"}, {"reason", ""}}}}});
  ASSERT_EQ(planned.status, 200) << planned.body.substr(0, 500);
  json warned = body_json(planned);
  ASSERT_EQ(warned["findings"].size(), 1u);
  EXPECT_EQ(warned["findings"][0]["rule"], "ismap_detail_not_implemented");
  EXPECT_EQ(warned["findings"][0]["severity"], "warning");
  auto v2 = manager.post(soas(a) + "/" + id + "/approve", {{"comment", "第2版: 警告を承知で承認"}});
  ASSERT_EQ(v2.status, 200) << v2.body.substr(0, 300);
  EXPECT_EQ(body_json(v2)["approved_version"], 2);

  auto versions = body_json(editor.get(soas(a) + "/" + id + "/versions"));
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1]["comment"], "第2版: 警告を承知で承認");
  EXPECT_EQ(versions[1]["findings"].size(), 1u);

  auto diff = body_json(editor.get(soas(a) + "/" + id + "/diff?from=1&to=2"));
  ASSERT_EQ(diff["changes"].size(), 1u) << diff.dump();
  EXPECT_EQ(diff["changes"][0]["ref"], "12.4.1.15.PB");
  EXPECT_TRUE(body_json(editor.get(soas(a) + "/" + id + "/diff"))["changes"].empty());  // draft = version 2

  // The role decides the rows: as a customer the ISMAP and provider-only CLD rows go.
  auto role = editor.patch("/api/v1/orgs/" + a + "/services/" + service, {{"role", "customer"}});
  ASSERT_EQ(role.status, 200) << role.body;
  json as_customer = body_json(editor.get(soas(a) + "/" + id));
  EXPECT_EQ(as_customer["counts"]["rows"], 93 + 5);
  EXPECT_EQ(as_customer["role"], "customer");
  EXPECT_EQ((*row_of(as_customer, "iso27001-2022", "5.1"))["status"], "implemented");  // statements kept
  auto removed = body_json(editor.get(soas(a) + "/" + id + "/diff"));
  EXPECT_EQ(removed["changes"].size(), 2u + 121 + 31);
  EXPECT_EQ(removed["changes"][0]["kind"], "removed");

  // The .xlsx: the rows, and the findings sheet.
  auto file = editor.get(soas(a) + "/" + id + "/export.xlsx?version=2");
  ASSERT_EQ(file.status, 200) << file.body.substr(0, 300);
  EXPECT_NE(file.headers["content-disposition"].find("v2.xlsx"), std::string::npos);
  auto book = formats::read_xlsx(file.body, "soa.xlsx");
  ASSERT_TRUE(book) << book.error().describe();
  ASSERT_EQ(book->sheets.size(), 2u);
  EXPECT_EQ(book->sheets[0].name, "適用宣言書 SoA");
  bool found_row = false, found_service = false;
  for (const auto& [cell, text] : book->sheets[0].cells) {
    if (text == "12.4.1.15.PB") found_row = true;
    if (text == "文書SaaS") found_service = true;
  }
  EXPECT_TRUE(found_row);
  EXPECT_TRUE(found_service);
  bool found_finding = false;
  for (const auto& [cell, text] : book->sheets[1].cells)
    if (text == "ismap_detail_not_implemented") found_finding = true;
  EXPECT_TRUE(found_finding);
  EXPECT_EQ(editor.get(soas(a) + "/" + id + "/export.xlsx").status, 200);  // the draft

  const std::string audit = test::sqlite_rows(db(), "SELECT action FROM audit_log WHERE tenant_id = '" + a + "' AND action "
                                            "LIKE 'soa.%' ORDER BY seq");
  EXPECT_EQ(audit, "soa.create|\nsoa.rows.change|\nsoa.approve|\nsoa.rows.change|\nsoa.rows.change|\nsoa.approve|\n");
}

TEST_F(ApiSoaTest, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
  ApiClient editor = signed_in(mamori, "editor@a.example.jp");
  const std::string service = add_service(editor, "文書SaaS", "provider");
  const std::string id = body_json(editor.post(soas(a), {{"service_id", service}}))["id"];
  const std::string rows = soas(a) + "/" + id + "/rows";
  const std::string before = test::sqlite_rows(db(), "SELECT COUNT(*) FROM soa_rows") +
                             test::sqlite_rows(db(), "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'soa.%'");

  auto field_of = [](const test::HttpResponse& r) { return body_json(r)["error"]["field"]; };
  auto bad = [&](const json& body, const std::string& field) {
    auto r = editor.patch(rows, body);
    EXPECT_EQ(r.status, 400) << body.dump() << ": " << r.body;
    EXPECT_EQ(field_of(r), field) << body.dump() << ": " << r.body;
  };
  const json ok_row = {{"catalog_key", "iso27001-2022"}, {"ref", "5.1"}, {"applicable", "yes"}};
  bad({{"rows", {{{"catalog_key", "iso27001-2022"}, {"ref", "99.9"}, {"applicable", "yes"}}}}}, "rows[0].ref");
  bad({{"rows", {ok_row, {{"catalog_key", "iso27001-2022"}, {"ref", "5.2"}, {"applicable", "maybe"}}}}},
      "rows[1].applicable");
  bad({{"rows", {{{"catalog_key", "iso27001-2022"}, {"ref", "5.1"}, {"colour", "red"}}}}}, "rows[0].colour");
  bad({{"rows", {{{"ref", "5.1"}}}}}, "rows[0].catalog_key");
  bad({{"rows", {{{"catalog_key", "iso27001-2022"}, {"ref", "5.1"}, {"applicable", "no"}, {"status", "implemented"}}}}},
      "rows[0].status");
  bad({{"rows", {{{"catalog_key", "iso27001-2022"}, {"ref", "5.1"}, {"evidence", {"規程", ""}}}}}},
      "rows[0].evidence");
  bad({{"rows", {{{"catalog_key", "iso27001-2022"}, {"ref", "5.1"}, {"reason", std::string(2001, 'x')}}}}},
      "rows[0].reason");
  bad({{"rows", {ok_row, ok_row}}}, "rows[1].ref");
  bad({{"rows", json::array()}}, "rows");
  bad({{"rows", {{{"catalog_key", "iso27001-2022"}, {"ref", "5.1"}}}}}, "rows");  // nothing changes
  bad({{"items", json::array()}}, "items");
  bad(json::array(), "body");
  auto not_json = editor.request("PATCH", rows, "{rows:", {{"Content-Type", "application/json"}});
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(field_of(not_json), "body");

  EXPECT_EQ(field_of(editor.post(soas(a), json::object())), "service_id");
  auto unknown = editor.post(soas(a), {{"service_id", "00000000-0000-7000-8000-000000000000"}});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(field_of(unknown), "service_id");
  auto bad_from = editor.get(soas(a) + "/" + id + "/diff?from=abc");
  EXPECT_EQ(bad_from.status, 400);
  EXPECT_EQ(field_of(bad_from), "from");
  EXPECT_EQ(editor.get(soas(a) + "/" + id + "/diff").status, 409);  // no version yet
  auto missing = editor.get(soas(a) + "/" + id + "/diff?from=draft&to=3");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(field_of(missing), "to");
  EXPECT_EQ(field_of(editor.get(soas(a) + "/" + id + "/export.xlsx?version=0")), "version");
  EXPECT_EQ(editor.get(soas(a) + "/" + id + "/export.xlsx?version=7").status, 404);
  ApiClient manager = signed_in(mamori, "isms_manager@a.example.jp");
  auto long_comment = manager.post(soas(a) + "/" + id + "/approve", {{"comment", std::string(9000, 'x')}});
  EXPECT_EQ(long_comment.status, 400);

  EXPECT_EQ(test::sqlite_rows(db(), "SELECT COUNT(*) FROM soa_rows") +
                test::sqlite_rows(db(), "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'soa.%'"),
            before);
}

TEST_F(ApiSoaTest, AnotherOrganisationReachesNothing) {
  ApiClient editor = signed_in(mamori, "editor@a.example.jp");
  const std::string service = add_service(editor, "文書SaaS", "customer");
  const std::string id = body_json(editor.post(soas(a), {{"service_id", service}}))["id"];
  const std::string before = test::sqlite_rows(db(), "SELECT COUNT(*) FROM soa_rows") +
                             test::sqlite_rows(db(), "SELECT COUNT(*) FROM soa_versions");

  ApiClient outsider = signed_in(mamori, "admin@b.example.jp");
  // Through A's path: A does not exist for them.
  const std::vector<std::string> reads = {"/" + id, "/" + id + "/versions", "/" + id + "/diff?from=draft",
                                          "/" + id + "/export.xlsx"};
  EXPECT_EQ(outsider.get(soas(a)).status, 404);
  for (const auto& path : reads) EXPECT_EQ(outsider.get(soas(a) + path).status, 404) << path;
  EXPECT_EQ(outsider.patch(soas(a) + "/" + id + "/rows", {{"rows", json::array()}}).status, 404);
  EXPECT_EQ(outsider.post(soas(a) + "/" + id + "/approve", json::object()).status, 404);
  EXPECT_EQ(outsider.post(soas(a), {{"service_id", service}}).status, 404);
  // Through their own organisation with A's ids: no such SoA or service.
  EXPECT_TRUE(body_json(outsider.get(soas(b))).empty());
  for (const auto& path : reads) EXPECT_EQ(outsider.get(soas(b) + path).status, 404) << path;
  EXPECT_EQ(outsider
                .patch(soas(b) + "/" + id + "/rows",
                       {{"rows", {{{"catalog_key", "iso27001-2022"}, {"ref", "5.1"}, {"applicable", "yes"}}}}})
                .status,
            404);
  EXPECT_EQ(outsider.post(soas(b) + "/" + id + "/approve", json::object()).status, 404);
  EXPECT_EQ(outsider.post(soas(b), {{"service_id", service}}).status, 404);
  EXPECT_EQ(test::sqlite_rows(db(), "SELECT COUNT(*) FROM soa_rows") + test::sqlite_rows(db(), "SELECT COUNT(*) FROM soa_versions"),
            before);
}

}  // namespace mamori
