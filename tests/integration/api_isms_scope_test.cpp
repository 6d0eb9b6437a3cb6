// The scope, cloud services, classification scheme and asset inventory over
// the API: each change in the audit log; the JIP-ISMS517 4.1 role rule and
// the supply chain; a scheme change that would strand assets refused,
// naming them; bulk edit in one transaction; an .xlsx round trip; a broken
// or hostile import that stores nothing and lists every bad cell; bad input
// is 400 naming the field and changes nothing; another organisation
// reaches nothing.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "formats/xlsx_reader.h"
#include "support/api_client.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ApiClient;
using test::body_json;

using test::kTestPassword;
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

json saas_body() {
  return {{"name", "文書SaaS"},
          {"model", "saas"},
          {"role", "both"},
          {"owner", "運用部"},
          {"runs_on_external", {"AWS 東京リージョン (IaaS)"}},
          {"ismap_registered_external", {"AWS 東京リージョン (IaaS)"}},
          {"data_countries", {"jp"}}};
}

json asset_body(const std::string& name) {
  return {{"name", name},       {"type", "information"}, {"owner", "運用部"}, {"confidentiality", 3},
          {"integrity", 2},     {"availability", 2},     {"personal_info", true},
          {"category", "customer_data"}, {"storage_country", "JP"}};
}

class ApiIsmsScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a = mamori.add_tenant("テスト株式会社");
    b = mamori.add_tenant("他社", "customer");
    for (const std::string role : {"admin", "editor", "viewer"})
      mamori.add_user("テスト株式会社", role + "@a.example.jp", role, kTestPassword);
    mamori.add_user("他社", "admin@b.example.jp", "admin", kTestPassword);
    mamori.start();
    editor = std::make_unique<ApiClient>(signed_in(mamori, "editor@a.example.jp"));
  }


  std::string db() const { return mamori.data() + "/mamori.db"; }
  std::string org(const std::string& id) const { return "/api/v1/orgs/" + id; }
  std::string audit_of(const std::string& id) {
    return test::sqlite_rows(db(), "SELECT action FROM audit_log WHERE tenant_id = '" + id + "' ORDER BY seq");
  }
  std::string tables_of(const std::string& id) {
    std::string out;
    for (const char* t : {"isms_scopes", "cloud_services", "cloud_service_dependencies", "classification_schemes",
                          "assets", "asset_services"})
      out += test::sqlite_rows(db(), std::string("SELECT * FROM ") + t + " WHERE tenant_id = '" + id + "' ORDER BY 1, 2");
    return out;
  }
  std::string write_book(const std::string& name, const std::vector<std::vector<std::string>>& rows) {
    const std::string path = mamori.data() + "/../" + name;
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "情報資産台帳");
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t c = 0; c < rows[r].size(); ++c)
        worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), rows[r][c].c_str(), nullptr);
    EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
    return test::read_file(path);
  }
  test::HttpResponse import(const std::string& bytes, const std::string& name = "assets.xlsx") {
    return editor->request("POST", org(a) + "/assets/import?file_name=" + name, bytes, {{"Content-Type", kXlsx}});
  }

  test::MamoriInstance mamori;
  std::string a, b;
  std::unique_ptr<ApiClient> editor;
};

}  // namespace

TEST_F(ApiIsmsScopeTest, ScopeTextAndExclusions) {
  const std::string start = audit_of(a);
  auto empty = body_json(editor->get(org(a) + "/scope"));
  EXPECT_EQ(empty["organisational"], "");
  EXPECT_TRUE(empty["exclusions"].empty());
  auto changed = editor->patch(org(a) + "/scope", {{"organisational", "事業本部"}, {"physical", "東京本社"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(body_json(changed)["physical"], "東京本社");
  auto excluded = editor->post(org(a) + "/scope/exclusions", {{"item", "人事システム"}, {"reason", "関係しない"}});
  ASSERT_EQ(excluded.status, 201) << excluded.body;
  const std::string id = body_json(excluded)["exclusions"][0]["id"];
  auto no_reason = editor->post(org(a) + "/scope/exclusions", {{"item", "経理"}, {"reason", " "}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(body_json(no_reason)["error"]["field"], "reason");
  auto removed = editor->del(org(a) + "/scope/exclusions/" + id);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_TRUE(body_json(removed)["exclusions"].empty());
  EXPECT_EQ(editor->del(org(a) + "/scope/exclusions/" + id).status, 404);
  EXPECT_EQ(body_json(editor->get(org(a) + "/scope"))["organisational"], "事業本部");
  EXPECT_EQ(audit_of(a), start + "scope.change|\nscope.exclusion.add|\nscope.exclusion.remove|\n");
  ApiClient viewer = signed_in(mamori, "viewer@a.example.jp");
  EXPECT_EQ(viewer.patch(org(a) + "/scope", {{"physical", "x"}}).status, 403);
}

TEST_F(ApiIsmsScopeTest, ServicesRolesAndSupplyChain) {
  const std::string start = audit_of(a);
  auto iaas = editor->post(org(a) + "/services", {{"name", "自社IaaS"}, {"model", "iaas"}, {"role", "provider"}});
  ASSERT_EQ(iaas.status, 201) << iaas.body;
  const std::string iaas_id = body_json(iaas)["id"];
  auto saas = editor->post(org(a) + "/services", saas_body());
  ASSERT_EQ(saas.status, 201) << saas.body;
  auto s = body_json(saas);
  EXPECT_EQ(s["role"], "both");
  EXPECT_EQ(s["data_countries"], json::array({"JP"}));
  EXPECT_EQ(s["runs_on"][0]["external_name"], "AWS 東京リージョン (IaaS)");
  EXPECT_EQ(s["runs_on"][0]["ismap_registered"], true);
  const std::string saas_id = s["id"];

  // A provider on another provider's IaaS must be both (JIP-ISMS517 4.1).
  json body = saas_body();
  body["name"] = "別SaaS";
  body["role"] = "provider";
  auto wrong = editor->post(org(a) + "/services", body);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(body_json(wrong)["error"]["reason"], "needs_both");
  EXPECT_EQ(body_json(wrong)["error"]["field"], "role");

  // On its own IaaS too, in order; the IaaS shows who uses it.
  auto changed = editor->patch(org(a) + "/services/" + saas_id,
                               {{"runs_on_services", {iaas_id}}, {"runs_on_external", {"AWS 東京リージョン (IaaS)"}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(body_json(changed)["runs_on"][0]["name"], "自社IaaS");
  EXPECT_EQ(body_json(changed)["runs_on"][1]["ismap_registered"], false);
  EXPECT_EQ(body_json(editor->get(org(a) + "/services/" + iaas_id))["used_by"][0]["name"], "文書SaaS");
  // No cycle.
  auto cycle = editor->patch(org(a) + "/services/" + iaas_id, {{"runs_on_services", {saas_id}}});
  EXPECT_EQ(cycle.status, 400);
  EXPECT_EQ(body_json(cycle)["error"]["reason"], "cycle");
  // Turning the IaaS into something the organisation only uses is fine for
  // the SaaS (it is both); deleting it is not while the SaaS runs on it.
  auto in_use = editor->del(org(a) + "/services/" + iaas_id);
  EXPECT_EQ(in_use.status, 409);
  EXPECT_NE(body_json(in_use)["error"]["message"].get<std::string>().find("文書SaaS"), std::string::npos);
  ASSERT_EQ(editor->patch(org(a) + "/services/" + saas_id, {{"runs_on_external", {"AWS"}}}).status, 200);
  EXPECT_EQ(editor->del(org(a) + "/services/" + iaas_id).status, 200);
  EXPECT_EQ(body_json(editor->get(org(a) + "/services")).size(), 1u);
  EXPECT_EQ(editor->get(org(a) + "/services/" + iaas_id).status, 404);
  EXPECT_EQ(audit_of(a),
            start + "service.create|\nservice.create|\nservice.change|\nservice.change|\nservice.delete|\n");
}

TEST_F(ApiIsmsScopeTest, AssetsClassificationAndBulkEdit) {
  const std::string saas = body_json(editor->post(org(a) + "/services", saas_body()))["id"];
  json docs = asset_body("顧客文書データ");
  docs["service_ids"] = {saas};
  auto created = editor->post(org(a) + "/assets", docs);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string docs_id = body_json(created)["id"];
  auto logs = asset_body("アクセスログ");
  logs["category"] = "derived_data";
  logs["confidentiality"] = 2;
  const std::string logs_id = body_json(editor->post(org(a) + "/assets", logs))["id"];
  auto pc = asset_body("運用端末");
  pc["type"] = "hardware";
  pc["category"] = "own";
  pc["personal_info"] = false;
  const std::string pc_id = body_json(editor->post(org(a) + "/assets", pc))["id"];
  EXPECT_EQ(editor->post(org(a) + "/assets", asset_body("顧客文書データ")).status, 409);  // names are unique

  // Filters.
  EXPECT_EQ(body_json(editor->get(org(a) + "/assets")).size(), 3u);
  EXPECT_EQ(body_json(editor->get(org(a) + "/assets?category=derived_data"))[0]["name"], "アクセスログ");
  EXPECT_EQ(body_json(editor->get(org(a) + "/assets?service_id=" + saas)).size(), 1u);
  EXPECT_EQ(body_json(editor->get(org(a) + "/assets?personal_info=false"))[0]["name"], "運用端末");
  EXPECT_EQ(body_json(editor->get(org(a) + "/assets?confidentiality=3&type=information")).size(), 1u);

  // The scheme: 機密性3 is in use, so it cannot go; a new level can come.
  auto scheme = body_json(editor->get(org(a) + "/classification"));
  EXPECT_EQ(scheme["confidentiality"].size(), 3u);
  EXPECT_TRUE(scheme["is_default"]);
  auto stranded = editor->del(org(a) + "/classification/confidentiality/3");
  EXPECT_EQ(stranded.status, 409);
  EXPECT_EQ(body_json(stranded)["error"]["reason"], "level_in_use");
  EXPECT_NE(body_json(stranded)["error"]["message"].get<std::string>().find("顧客文書データ"), std::string::npos);
  auto added = editor->request("PUT", org(a) + "/classification/integrity/3",
                               json{{"label_ja", "完全性3"}, {"label_en", "Integrity 3"}}.dump());
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(body_json(added)["integrity"].size(), 3u);
  EXPECT_EQ(editor->del(org(a) + "/classification/integrity/3").status, 200);
  EXPECT_EQ(editor->del(org(a) + "/classification/integrity/3").status, 404);
  EXPECT_EQ(editor->del(org(a) + "/classification/secrecy/1").status, 404);

  // Bulk: owner and classification of two assets, one audit entry each.
  const std::string before = audit_of(a);
  auto bulk = editor->post(org(a) + "/assets/bulk",
                           {{"asset_ids", {docs_id, pc_id}}, {"owner", "新しい責任者"}, {"availability", 1}});
  ASSERT_EQ(bulk.status, 200) << bulk.body;
  EXPECT_EQ(body_json(bulk).size(), 2u);
  EXPECT_EQ(body_json(editor->get(org(a) + "/assets/" + pc_id))["owner"], "新しい責任者");
  EXPECT_EQ(audit_of(a), before + "asset.change|\nasset.change|\n");
  // Bulk is all or nothing: an unknown id or a bad level changes nothing.
  const std::string tables = tables_of(a);
  auto unknown = editor->post(org(a) + "/assets/bulk", {{"asset_ids", {docs_id, "nope"}}, {"owner", "x"}});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(body_json(unknown)["error"]["field"], "asset_ids");
  auto bad_level = editor->post(org(a) + "/assets/bulk", {{"asset_ids", {docs_id, logs_id}}, {"integrity", 3}});
  EXPECT_EQ(bad_level.status, 400);
  EXPECT_EQ(body_json(bad_level)["error"]["field"], "integrity");
  auto add_service = editor->post(org(a) + "/assets/bulk",
                                  {{"asset_ids", {logs_id}}, {"service_ids", {"nope"}}, {"service_mode", "add"}});
  EXPECT_EQ(body_json(add_service)["error"]["field"], "services");
  EXPECT_EQ(tables_of(a), tables);

  // A service assets touch cannot be deleted.
  EXPECT_EQ(editor->del(org(a) + "/services/" + saas).status, 409);
  EXPECT_EQ(editor->del(org(a) + "/assets/" + logs_id).status, 200);
  EXPECT_EQ(editor->get(org(a) + "/assets/" + logs_id).status, 404);
}

TEST_F(ApiIsmsScopeTest, AnXlsxRoundTripChangesOnlyWhatWasEdited) {
  const std::string saas = body_json(editor->post(org(a) + "/services", saas_body()))["id"];
  json docs = asset_body("顧客文書データ");
  docs["service_ids"] = {saas};
  docs["suppliers"] = {"AWS", "NTT"};
  docs["description"] = "複数行の\n説明";
  ASSERT_EQ(editor->post(org(a) + "/assets", docs).status, 201);
  auto pc = asset_body("運用端末");
  pc["type"] = "hardware";
  pc["category"] = "own";
  ASSERT_EQ(editor->post(org(a) + "/assets", pc).status, 201);
  const json before = body_json(editor->get(org(a) + "/assets"));

  auto exported = editor->get(org(a) + "/assets/export.xlsx");
  ASSERT_EQ(exported.status, 200);
  auto book = formats::read_xlsx(exported.body, "assets.xlsx");
  ASSERT_TRUE(book) << book.error().describe();
  const auto& sheet = book->sheets[0];
  EXPECT_EQ(sheet.name, "情報資産台帳");
  EXPECT_EQ(sheet.raw(1, 2), "資産名");
  // By name: 運用端末 (U+904B) sorts before 顧客文書データ (U+9867).
  EXPECT_EQ(sheet.raw(2, 2), "運用端末");
  EXPECT_EQ(sheet.raw(3, 2), "顧客文書データ");
  EXPECT_EQ(sheet.raw(3, 13), "文書SaaS");
  EXPECT_EQ(sheet.raw(3, 10), "クラウドサービスカスタマデータ");
  EXPECT_EQ(sheet.raw(3, 14), "AWS\nNTT");

  // The same file back: nothing changes, nothing duplicates.
  auto same = import(exported.body);
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(body_json(same)["unchanged"], 2);
  EXPECT_EQ(body_json(same)["created"], 0);
  EXPECT_EQ(body_json(editor->get(org(a) + "/assets")), before);

  // Edited in Excel: one rename by ID, one new row by name, English headers accepted.
  std::vector<std::vector<std::string>> rows;
  for (int r = 1; r <= sheet.max_row; ++r) {
    std::vector<std::string> row;
    for (int c = 1; c <= sheet.max_column; ++c) row.emplace_back(sheet.raw(r, c));
    rows.push_back(row);
  }
  rows[0][1] = "name";
  for (auto& row : rows) {
    if (row[1] == "顧客文書データ") row[7] = "1";  // availability
    if (row[1] == "運用端末") row[1] = "運用管理端末";  // a rename: the ID column says which asset
  }
  rows.push_back({"", "ソースコード", "ソフトウェア", "", "開発部", "2", "2", "1", "なし", "自組織の資産", "Git", "jp",
                  "文書SaaS", ""});
  auto edited = import(write_book("edited.xlsx", rows));
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(body_json(edited)["created"], 1);
  EXPECT_EQ(body_json(edited)["updated"], 2);
  auto after = body_json(editor->get(org(a) + "/assets"));
  ASSERT_EQ(after.size(), 3u);
  std::map<std::string, json> by_name;
  for (const auto& x : after) by_name[x["name"]] = x;
  EXPECT_EQ(by_name["顧客文書データ"]["availability"], 1);
  EXPECT_EQ(by_name["顧客文書データ"]["suppliers"], json::array({"AWS", "NTT"}));
  EXPECT_EQ(by_name["顧客文書データ"]["description"], "複数行の\n説明");
  EXPECT_EQ(by_name["ソースコード"]["storage_country"], "JP");
  EXPECT_EQ(by_name["ソースコード"]["service_ids"], json::array({saas}));
  EXPECT_EQ(by_name.count("運用端末"), 0u);
  EXPECT_EQ(by_name["運用管理端末"]["type"], "hardware");
}

TEST_F(ApiIsmsScopeTest, ABadOrHostileImportListsEveryProblemAndStoresNothing) {
  ASSERT_EQ(editor->post(org(a) + "/services", saas_body()).status, 201);
  const std::string tables = tables_of(a), audit = audit_of(a);
  auto bad = import(write_book(
      "bad.xlsx", {{"資産名", "種別", "機密性", "完全性", "個人情報", "保管国", "クラウドサービス"},
                   {"顧客文書", "情報", "3", "2", "あり", "JP", "文書SaaS"},
                   {"サーバ", "機械", "5", "2", "たぶん", "JA", "無いサービス"},
                   {"", "情報", "1", "1", "なし", "", ""},
                   {"顧客文書", "情報", "1", "1", "なし", "", ""}}));
  ASSERT_EQ(bad.status, 400) << bad.body;
  auto problems = body_json(bad)["error"]["problems"];
  std::set<std::string> cells;
  for (const auto& p : problems) cells.insert(p["column"].get<std::string>() + std::to_string(p["row"].get<int>()));
  // Row 3: type (B), confidentiality (C), personal info (E), country (F)
  // are cell problems; row 4 has no name (A); row 5 repeats a name (A).
  for (const char* cell : {"B3", "C3", "E3", "F3", "G3", "A4", "A5"}) EXPECT_TRUE(cells.count(cell)) << cell << ": " << bad.body;
  EXPECT_EQ(problems[0]["sheet"], "情報資産台帳");
  EXPECT_FALSE(problems[0]["field"].get<std::string>().empty());

  auto unknown_header = import(write_book("h.xlsx", {{"資産名", "色"}, {"x", "赤"}}));
  EXPECT_EQ(unknown_header.status, 400);
  EXPECT_EQ(body_json(unknown_header)["error"]["problems"][0]["column"], "B");
  auto no_sheet = import(write_book("n.xlsx", {{"メモ"}}));
  EXPECT_EQ(no_sheet.status, 400);
  auto broken = import("PK\x03\x04 not a zip", "broken.xlsx");
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(body_json(broken)["error"]["where"]["file"], "broken.xlsx");
  auto empty = import("");
  EXPECT_EQ(empty.status, 400);
  // A zip bomb-ish part: a huge shared string the reader caps.
  std::vector<std::vector<std::string>> big{{"資産名", "説明"}};
  for (int i = 0; i < 50; ++i) big.push_back({"資産" + std::to_string(i), std::string(3000, 'x')});
  auto too_long = import(write_book("long.xlsx", big));
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(body_json(too_long)["error"]["problems"].size(), 50u);
  EXPECT_EQ(body_json(too_long)["error"]["problems"][0]["field"], "description");

  EXPECT_EQ(tables_of(a), tables);
  EXPECT_EQ(audit_of(a), audit);
}

TEST_F(ApiIsmsScopeTest, BadInputNamesTheFieldAndChangesNothing) {
  const std::string saas = body_json(editor->post(org(a) + "/services", saas_body()))["id"];
  const std::string tables = tables_of(a), audit = audit_of(a);
  auto expect_field = [&](const std::string& path, json body, const std::string& field, const std::string& what) {
    auto r = editor->post(path, body);
    EXPECT_EQ(r.status, 400) << what << ": " << r.body;
    EXPECT_EQ(body_json(r)["error"]["field"], field) << what << ": " << r.body;
  };
  json s = saas_body();
  s["name"] = "x";
  s["role"] = "owner";
  expect_field(org(a) + "/services", s, "role", "unknown role");
  s = saas_body();
  s["name"] = "x";
  s["data_countries"] = {"JA"};
  expect_field(org(a) + "/services", s, "data_countries", "no such country");
  s = saas_body();
  s["name"] = "x";
  s["ismap_registered_external"] = {"GCP"};
  expect_field(org(a) + "/services", s, "ismap_registered_external", "ISMAP flag for a service not listed");
  s = saas_body();
  s["name"] = "x";
  s["runs_on_services"] = {"nope"};
  expect_field(org(a) + "/services", s, "runs_on", "unknown service");
  expect_field(org(a) + "/services", saas_body(), "name", "a name taken");
  s = saas_body();
  s["in_scope"] = "yes";
  expect_field(org(a) + "/services", s, "in_scope", "a flag as text");

  json x = asset_body("x");
  x["confidentiality"] = 4;
  expect_field(org(a) + "/assets", x, "confidentiality", "no such level");
  x = asset_body("x");
  x["confidentiality"] = 12;
  expect_field(org(a) + "/assets", x, "confidentiality", "out of range");
  x = asset_body("x");
  x["type"] = "hardware";
  expect_field(org(a) + "/assets", x, "category", "hardware as customer data");
  x = asset_body("x");
  x["service_ids"] = {"nope"};
  expect_field(org(a) + "/assets", x, "services", "unknown service");
  x = asset_body("x");
  x.erase("integrity");
  expect_field(org(a) + "/assets", x, "integrity", "no integrity");
  x = asset_body("x");
  x["storage_country"] = "Japan";
  expect_field(org(a) + "/assets", x, "storage_country", "a country name");
  expect_field(org(a) + "/assets/bulk", {{"owner", "x"}}, "asset_ids", "bulk without assets");
  auto none = editor->post(org(a) + "/assets/bulk", {{"asset_ids", json::array()}});
  EXPECT_EQ(none.status, 400);
  auto label = editor->request("PUT", org(a) + "/classification/confidentiality/4", json{{"label_ja", "極秘"}}.dump());
  EXPECT_EQ(body_json(label)["error"]["field"], "label_en");
  EXPECT_EQ(editor->patch(org(a) + "/services/" + saas, {{"owner", 5}}).status, 400);
  EXPECT_EQ(editor->patch(org(a) + "/scope", {{"unknown", "x"}}).status, 400);
  EXPECT_EQ(tables_of(a), tables);
  EXPECT_EQ(audit_of(a), audit);
}

TEST_F(ApiIsmsScopeTest, AnotherOrganisationReachesNothing) {
  const std::string saas = body_json(editor->post(org(a) + "/services", saas_body()))["id"];
  const std::string asset = body_json(editor->post(org(a) + "/assets", asset_body("顧客文書データ")))["id"];
  const std::string exclusion = body_json(editor->post(org(a) + "/scope/exclusions", {{"item", "x"}, {"reason", "y"}}))
                                    ["exclusions"][0]["id"];
  ApiClient outsider = signed_in(mamori, "admin@b.example.jp");
  const std::string tables = tables_of(a), audit = audit_of(a);
  const std::vector<std::pair<std::string, std::string>> requests{
      {"GET", org(a) + "/scope"},
      {"PATCH", org(a) + "/scope"},
      {"POST", org(a) + "/scope/exclusions"},
      {"DELETE", org(a) + "/scope/exclusions/" + exclusion},
      {"GET", org(a) + "/services"},
      {"POST", org(a) + "/services"},
      {"GET", org(a) + "/services/" + saas},
      {"PATCH", org(a) + "/services/" + saas},
      {"DELETE", org(a) + "/services/" + saas},
      {"GET", org(a) + "/classification"},
      {"PUT", org(a) + "/classification/confidentiality/4"},
      {"DELETE", org(a) + "/classification/confidentiality/1"},
      {"GET", org(a) + "/assets"},
      {"POST", org(a) + "/assets"},
      {"GET", org(a) + "/assets/export.xlsx"},
      {"POST", org(a) + "/assets/bulk"},
      {"GET", org(a) + "/assets/" + asset},
      {"PATCH", org(a) + "/assets/" + asset},
      {"DELETE", org(a) + "/assets/" + asset},
  };
  for (const auto& [method, path] : requests) {
    std::string body;
    if (path.ends_with("/scope") && method == "PATCH") body = R"({"physical": "x"})";
    else if (path.ends_with("/exclusions")) body = R"({"item": "x", "reason": "y"})";
    else if (path.ends_with("/services") && method == "POST") body = saas_body().dump();
    else if (path.ends_with("/assets") && method == "POST") body = asset_body("y").dump();
    else if (path.ends_with("/bulk")) body = json{{"asset_ids", {asset}}, {"owner", "x"}}.dump();
    else if (method == "PATCH") body = R"({"owner": "x"})";
    else if (method == "PUT") body = R"({"label_ja": "x", "label_en": "y"})";
    auto r = outsider.request(method, path, body);
    EXPECT_EQ(r.status, 404) << method << " " << path << ": " << r.body;
  }
  auto upload = outsider.request("POST", org(a) + "/assets/import", "x", {{"Content-Type", kXlsx}});
  EXPECT_EQ(upload.status, 404);
  // Its own organisation with the other's ids: no such objects, nothing listed.
  EXPECT_EQ(test::reason(outsider.get(org(b) + "/services/" + saas)), "no_such_service");
  EXPECT_EQ(test::reason(outsider.get(org(b) + "/assets/" + asset)), "no_such_asset");
  EXPECT_EQ(outsider.post(org(b) + "/assets/bulk", {{"asset_ids", {asset}}, {"owner", "x"}}).status, 404);
  EXPECT_EQ(body_json(outsider.get(org(b) + "/assets")).size(), 0u);
  EXPECT_EQ(body_json(outsider.get(org(b) + "/services")).size(), 0u);
  EXPECT_EQ(tables_of(a), tables);
  EXPECT_EQ(audit_of(a), audit);
}

// The demo (make run): the names other demo code looks up, once each, however
// often init runs; the SaaS on AWS is "both".
TEST(IsmsDemoTest, TheDemoHasTheNamedServicesAndAssetsOnce) {
  test::MamoriInstance mamori;
  for (int i = 0; i < 2; ++i) {
    auto init = mamori.cli({"init", "--demo"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  const std::string db = mamori.data() + "/mamori.db";
  EXPECT_EQ(test::sqlite_rows(db, "SELECT name, role, service_model FROM cloud_services ORDER BY name"),
            "まもり文書管理 (SaaS)|both|saas|\n業務メール (外部SaaS)|customer|saas|\n");
  EXPECT_EQ(test::sqlite_rows(db, "SELECT external_name, ismap_registered FROM cloud_service_dependencies ORDER BY 1"),
            "AWS 東京リージョン (IaaS)|1|\n外部メールサービス事業者|0|\n");
  for (const char* name : {"顧客文書データ", "文書メタデータ・アクセスログ", "利用者アカウント情報", "業務メールデータ",
                           "運用管理端末", "ソースコード"})
    EXPECT_EQ(test::sqlite_rows(db, std::string("SELECT COUNT(*) FROM assets WHERE name = '") + name + "'"), "1|\n") << name;
  EXPECT_EQ(test::sqlite_rows(db, "SELECT name FROM assets WHERE data_category = 'customer_data' AND personal_info = 1 "
                          "AND confidentiality = 3 ORDER BY name"),
            "利用者アカウント情報|\n顧客文書データ|\n");
  EXPECT_EQ(test::sqlite_rows(db, "SELECT data_category FROM assets WHERE name = '文書メタデータ・アクセスログ'"),
            "derived_data|\n");
  EXPECT_NE(test::sqlite_rows(db, "SELECT organisational FROM isms_scopes").find("デモクラウド株式会社"), std::string::npos);
}

}  // namespace mamori
