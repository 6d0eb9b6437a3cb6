// The answer library and incoming sheets over the API: create, change (a
// new version with its reason), approve, retire, versions with what
// changed; each change in the audit log; bad input is 400 naming the field
// and changes nothing; another organisation reaches nothing of it. An
// uploaded customer sheet gets proposals, decisions and its answered file
// back, which evaluates as conforming; a broken upload is 400 with where,
// and nothing is stored.
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

json entry_body() {
  return {{"catalog_key", "ismap-2024"},
          {"ref", "12.2"},
          {"question", "マルウェアからの保護のための対策を講じていますか。"},
          {"answer", "yes"},
          {"explanation", "全サーバにマルウェア対策ソフトを導入しています。"},
          {"evidence", {"マルウェア対策基準", "https://example.jp/security"}},
          {"owner", "情報セキュリティ管理室"},
          {"review_due", "2027-03-31"}};
}

class ApiLibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto init = mamori.cli({"init", "--demo"});  // the demo organisation and its approved library
    ASSERT_EQ(init.exit_code, 0) << init.err;
    a = mamori.add_tenant("テスト株式会社");
    b = mamori.add_tenant("他社", "customer");
    for (const std::string role : {"admin", "isms_manager", "editor", "viewer"})
      mamori.add_user("テスト株式会社", role + "@a.example.jp", role, kTestPassword);
    mamori.add_user("他社", "admin@b.example.jp", "admin", kTestPassword);
    mamori.add_user("デモクラウド株式会社", "editor@demo.example.jp", "editor", kTestPassword);
    mamori.start();
  }


  std::string db() const { return mamori.data() + "/mamori.db"; }
  std::string library(const std::string& org) const { return "/api/v1/orgs/" + org + "/library"; }
  std::string incoming(const std::string& org) const { return "/api/v1/orgs/" + org + "/incoming-sheets"; }
  std::string demo_org() {
    return test::sqlite_rows(db(), "SELECT id FROM tenants WHERE name = 'デモクラウド株式会社'").substr(0, 36);
  }
  std::string audit_of(const std::string& org) {
    return test::sqlite_rows(db(), "SELECT action FROM audit_log WHERE tenant_id = '" + org + "' ORDER BY seq");
  }
  std::string blank_sheet() {
    const std::string path = mamori.data() + "/../blank.xlsx";
    auto r = test::run({MAMORI_BINARY, "sheet", "new", "--template", "ismap-summary", "--out", path});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return test::read_file(path);
  }

  test::MamoriInstance mamori;
  std::string a, b;
};

}  // namespace

TEST_F(ApiLibraryTest, CreateChangeApproveRetireWithVersionsAndAudit) {
  ApiClient editor = signed_in(mamori, "editor@a.example.jp");
  ApiClient manager = signed_in(mamori, "isms_manager@a.example.jp");
  auto created = editor.post(library(a), entry_body());
  ASSERT_EQ(created.status, 201) << created.body;
  auto e = body_json(created);
  const std::string id = e["id"];
  EXPECT_EQ(e["version"], 1);
  EXPECT_EQ(e["status"], "draft");
  EXPECT_EQ(e["approved_version"], nullptr);
  EXPECT_EQ(e["evidence"].size(), 2u);
  EXPECT_EQ(e["conditional"], false);
  EXPECT_EQ(body_json(editor.get(library(a))).size(), 1u);
  EXPECT_EQ(body_json(editor.get(library(a) + "?status=approved")).size(), 0u);

  // Approval is for those who approve records; an editor drafts.
  EXPECT_EQ(editor.post(library(a) + "/" + id + "/approve").status, 403);
  auto approved = manager.post(library(a) + "/" + id + "/approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(body_json(approved)["approved_version"], 1);
  EXPECT_EQ(body_json(approved)["status"], "approved");
  EXPECT_EQ(test::reason(manager.post(library(a) + "/" + id + "/approve")), "already_approved");

  // A change needs its reason, saves version 2 as a draft, and leaves
  // version 1 answering sheets until it is approved.
  auto no_reason = editor.patch(library(a) + "/" + id, {{"explanation", "新しい説明"}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(body_json(no_reason)["error"]["field"], "reason");
  auto changed = editor.patch(library(a) + "/" + id,
                              {{"explanation", "EDRを全サーバに導入しています。"}, {"scope_services", {"IaaS"}},
                               {"reason", "EDR導入に伴う更新"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(body_json(changed)["version"], 2);
  EXPECT_EQ(body_json(changed)["status"], "draft");
  EXPECT_EQ(body_json(changed)["approved_version"], 1);
  EXPECT_EQ(body_json(changed)["conditional"], true);
  auto same = editor.patch(library(a) + "/" + id, {{"explanation", "EDRを全サーバに導入しています。"}, {"reason", "x"}});
  EXPECT_EQ(test::reason(same), "no_change");

  auto versions = body_json(editor.get(library(a) + "/" + id + "/versions"));
  ASSERT_EQ(versions.size(), 2u) << versions.dump();
  EXPECT_EQ(versions[0]["version"], 1);
  EXPECT_FALSE(versions[0]["approved_at"].is_null());
  EXPECT_EQ(versions[0]["content"]["explanation"], "全サーバにマルウェア対策ソフトを導入しています。");
  EXPECT_EQ(versions[1]["reason"], "EDR導入に伴う更新");
  EXPECT_EQ(versions[1]["changed"], json::array({"explanation", "scope_services"}));
  EXPECT_TRUE(versions[1]["approved_at"].is_null());

  ASSERT_EQ(manager.post(library(a) + "/" + id + "/approve").status, 200);
  EXPECT_EQ(body_json(editor.get(library(a) + "/" + id))["approved_version"], 2);
  auto retired = manager.post(library(a) + "/" + id + "/retire", {{"reason", "サービス終了"}});
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(body_json(retired)["status"], "retired");
  EXPECT_EQ(test::reason(editor.patch(library(a) + "/" + id, {{"owner", "x"}, {"reason", "y"}})), "retired");
  EXPECT_EQ(test::reason(manager.post(library(a) + "/" + id + "/approve")), "retired");

  EXPECT_EQ(audit_of(a).substr(audit_of(a).find("library.")),
            "library.create|\nlibrary.approve|\nlibrary.change|\nlibrary.approve|\nlibrary.retire|\n");
}

TEST_F(ApiLibraryTest, BadInputNamesTheFieldAndChangesNothing) {
  ApiClient editor = signed_in(mamori, "editor@a.example.jp");
  const std::string before = audit_of(a);
  auto expect_field = [&](json body, const std::string& field, const std::string& what) {
    auto r = editor.post(library(a), body);
    EXPECT_EQ(r.status, 400) << what << ": " << r.body;
    EXPECT_EQ(body_json(r)["error"]["field"], field) << what << ": " << r.body;
  };
  json body = entry_body();
  body["answer"] = "maybe";
  expect_field(body, "answer", "unknown answer");
  body = entry_body();
  body["answer"] = "no";
  body.erase("explanation");
  expect_field(body, "explanation", "× without its alternative measure");
  body = entry_body();
  body["review_due"] = "2026-13-01";
  expect_field(body, "review_due", "no such date");
  body = entry_body();
  body["evidence"] = "not a list";
  expect_field(body, "evidence", "evidence not a list");
  body = entry_body();
  body["evidence"] = json::array({1, 2});
  expect_field(body, "evidence", "evidence of numbers");
  body = entry_body();
  body.erase("ref");
  expect_field(body, "ref", "a catalog without an item");
  body = entry_body();
  body["question"] = " ";
  expect_field(body, "question", "a blank question");
  body = entry_body();
  body["scope_plans"] = json::array({""});
  expect_field(body, "scope_plans", "an empty plan name");
  EXPECT_EQ(audit_of(a), before);
  EXPECT_EQ(test::sqlite_rows(db(), "SELECT COUNT(*) FROM library_answers WHERE tenant_id = '" + a + "'"), "0|\n");
}

TEST_F(ApiLibraryTest, AnotherOrganisationReachesNothing) {
  ApiClient editor = signed_in(mamori, "editor@a.example.jp");
  ApiClient demo = signed_in(mamori, "editor@demo.example.jp");
  ApiClient outsider = signed_in(mamori, "admin@b.example.jp");
  const std::string id = body_json(editor.post(library(a), entry_body()))["id"];
  auto uploaded = demo.request("POST", incoming(demo_org()) + "?file_name=s.xlsx", blank_sheet(), {{"Content-Type", kXlsx}});
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const std::string sheet = body_json(uploaded)["id"];
  const std::string before = audit_of(a) + audit_of(demo_org());

  const std::vector<std::pair<std::string, std::string>> requests{
      {"GET", library(a)},
      {"GET", library(a) + "/" + id},
      {"PATCH", library(a) + "/" + id},
      {"POST", library(a) + "/" + id + "/approve"},
      {"POST", library(a) + "/" + id + "/retire"},
      {"GET", library(a) + "/" + id + "/versions"},
      {"GET", incoming(demo_org())},
      {"GET", incoming(demo_org()) + "/" + sheet},
      {"PUT", incoming(demo_org()) + "/" + sheet + "/questions/2"},
      {"POST", incoming(demo_org()) + "/" + sheet + "/accept-all"},
      {"GET", incoming(demo_org()) + "/" + sheet + "/answered.xlsx"},
  };
  for (const auto& [method, path] : requests) {
    const std::string body = method == "PATCH"  ? R"({"owner": "x", "reason": "y"})"
                             : method == "PUT"  ? R"({"decision": "skipped"})"
                             : method == "GET"  ? ""
                                                : "{}";
    auto r = outsider.request(method, path, body);
    EXPECT_EQ(r.status, 404) << method << " " << path << ": " << r.body;
  }
  auto upload = outsider.request("POST", incoming(demo_org()), blank_sheet(), {{"Content-Type", kXlsx}});
  EXPECT_EQ(upload.status, 404);
  // Its own organisation with the other's ids: no such objects.
  EXPECT_EQ(test::reason(outsider.get(library(b) + "/" + id)), "no_such_answer");
  EXPECT_EQ(test::reason(outsider.get(incoming(b) + "/" + sheet)), "no_such_incoming_sheet");
  EXPECT_EQ(outsider.get(incoming(b) + "/" + sheet + "/answered.xlsx").status, 404);
  EXPECT_EQ(body_json(outsider.get(library(b))).size(), 0u);
  EXPECT_EQ(audit_of(a) + audit_of(demo_org()), before);
}

TEST_F(ApiLibraryTest, AnUploadedSheetIsAnsweredFromTheLibraryAndConforms) {
  ApiClient demo = signed_in(mamori, "editor@demo.example.jp");
  const std::string org = demo_org();
  auto uploaded = demo.request("POST", incoming(org) + "?file_name=%E7%A2%BA%E8%AA%8D%E6%9B%B8.xlsx&customer=%E6%9D%B1%E4%BA%AC%E5%B8%82",
                               blank_sheet(), {{"Content-Type", kXlsx}});
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  auto sheet = body_json(uploaded);
  const std::string id = sheet["id"];
  EXPECT_EQ(sheet["file_name"], "確認書.xlsx");
  EXPECT_EQ(sheet["customer"], "東京市");
  EXPECT_EQ(sheet["question_count"], 45);
  EXPECT_EQ(sheet["status"], "open");
  EXPECT_GE(sheet["counts"]["source"]["library"], 44);
  EXPECT_FALSE(sheet["problems"].empty());  // item 2's table has no remarks column: said, with its place
  int item2 = 0;
  for (const auto& q : sheet["questions"]) {
    if (q["ref"] == "2") item2 = q["seq"];
    if (q["ref"] == "5-20") {
      EXPECT_EQ(q["proposal"]["source"], "library");
      EXPECT_EQ(q["proposal"]["catalog"], "ismap-2024:12.2");
      EXPECT_EQ(q["proposal"]["confidence"], 0.95);
      EXPECT_EQ(q["decision"], "proposed");
    }
  }
  ASSERT_GT(item2, 0);
  // Decisions: bad ones are refused by name.
  const std::string q2 = incoming(org) + "/" + id + "/questions/" + std::to_string(item2);
  auto put = [&](const std::string& path, const json& body) { return demo.request("PUT", path, body.dump()); };
  EXPECT_EQ(body_json(put(q2, {{"decision", "edited"}}))["error"]["field"], "answer");
  EXPECT_EQ(body_json(put(q2, {{"decision", "edited"}, {"answer", "no"}}))["error"]["field"], "explanation");
  EXPECT_EQ(put(incoming(org) + "/" + id + "/questions/999", {{"decision", "skipped"}}).status, 404);
  EXPECT_EQ(put(incoming(org) + "/" + id + "/questions/abc", {{"decision", "skipped"}}).status, 400);
  EXPECT_EQ(body_json(put(q2, {{"decision", "skipped"}, {"answer", "yes"}}))["error"]["field"], "answer");
  auto skipped = put(q2, {{"decision", "skipped"}});
  ASSERT_EQ(skipped.status, 200) << skipped.body;
  EXPECT_EQ(body_json(skipped)["decision"], "skipped");

  auto all = demo.post(incoming(org) + "/" + id + "/accept-all", {{"min_confidence", 0.5}});
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(body_json(all)["accepted"], 44);
  EXPECT_EQ(body_json(all)["status"], "decided");
  EXPECT_EQ(body_json(all)["counts"]["decision"]["accepted"], 44);
  EXPECT_EQ(test::reason(demo.post(incoming(org) + "/" + id + "/accept-all", {{"min_confidence", 2}})), "out_of_range");

  auto file = demo.get(incoming(org) + "/" + id + "/answered.xlsx");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_NE(file.headers["content-disposition"].find("answered.xlsx"), std::string::npos);
  const std::string path = mamori.data() + "/../answered.xlsx";
  test::write_file(path, file.body);
  auto r = test::run({MAMORI_BINARY, "sheet", "evaluate", path, "--as-of", "2026-11-22", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["verdict"], "conforming") << r.out;

  EXPECT_EQ(body_json(demo.get(incoming(org))).size(), 1u);
  const std::string log = audit_of(org);
  for (const char* action : {"incoming_sheet.upload", "incoming_sheet.decide", "incoming_sheet.accept_all"})
    EXPECT_NE(log.find(action), std::string::npos) << action;
}

TEST_F(ApiLibraryTest, AQuestionWithoutASourceHasNothingToAcceptButCanBeEdited) {
  ApiClient demo = signed_in(mamori, "editor@demo.example.jp");
  const std::string org = demo_org(), path = mamori.data() + "/../one.xlsx";
  {
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "質問");
    worksheet_write_string(ws, 0, 0, "質問", nullptr);
    worksheet_write_string(ws, 0, 1, "回答", nullptr);
    worksheet_write_string(ws, 0, 2, "備考", nullptr);
    worksheet_write_string(ws, 1, 0, "🍣🍣 qwxz", nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  auto uploaded = demo.request("POST", incoming(org), test::read_file(path), {{"Content-Type", kXlsx}});
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const auto sheet = body_json(uploaded);
  EXPECT_EQ(sheet["file_name"], "upload.xlsx");
  ASSERT_EQ(sheet["questions"].size(), 1u);
  EXPECT_EQ(sheet["questions"][0]["proposal"]["source"], "none");
  EXPECT_EQ(sheet["questions"][0]["proposal"]["answer"], "blank");
  const std::string q1 = incoming(org) + "/" + sheet["id"].get<std::string>() + "/questions/1";
  EXPECT_EQ(test::reason(demo.request("PUT", q1, R"({"decision": "accepted"})")), "nothing_to_accept");
  auto edited = demo.request("PUT", q1, R"({"decision": "edited", "answer": "na", "explanation": "対象外です"})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(body_json(edited)["final_answer"], "na");
  auto file = demo.get(incoming(org) + "/" + sheet["id"].get<std::string>() + "/answered.xlsx");
  ASSERT_EQ(file.status, 200);
  auto book = formats::read_xlsx(file.body, "answered.xlsx");
  ASSERT_TRUE(book) << book.error().describe();
  EXPECT_EQ(book->sheets[0].raw(2, 2), "－");
  EXPECT_EQ(book->sheets[0].raw(2, 3), "対象外です");
  EXPECT_EQ(book->sheets[0].raw(2, 1), "🍣🍣 qwxz");
}

TEST_F(ApiLibraryTest, ABrokenUploadSaysWhereAndStoresNothing) {
  ApiClient demo = signed_in(mamori, "editor@demo.example.jp");
  const std::string org = demo_org();
  const std::string before = audit_of(org);
  auto broken = demo.request("POST", incoming(org) + "?file_name=broken.xlsx", "PK\x03\x04 not really a zip",
                             {{"Content-Type", kXlsx}});
  EXPECT_EQ(broken.status, 400) << broken.body;
  auto error = body_json(broken)["error"];
  EXPECT_EQ(error["field"], "body");
  EXPECT_EQ(error["where"]["file"], "broken.xlsx") << broken.body;

  // A workbook without a question table.
  {
    lxw_workbook* wb = workbook_new((mamori.data() + "/../memo.xlsx").c_str());
    worksheet_write_string(workbook_add_worksheet(wb, "メモ"), 0, 0, "ただのメモ", nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  auto no_table = demo.request("POST", incoming(org) + "?file_name=memo.xlsx",
                               test::read_file(mamori.data() + "/../memo.xlsx"), {{"Content-Type", kXlsx}});
  EXPECT_EQ(no_table.status, 400) << no_table.body;
  EXPECT_NE(body_json(no_table)["error"]["message"].get<std::string>().find("no question table"), std::string::npos);

  auto empty = demo.request("POST", incoming(org), "", {{"Content-Type", kXlsx}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(body_json(empty)["error"]["field"], "body");
  EXPECT_EQ(test::sqlite_rows(db(), "SELECT COUNT(*) FROM incoming_sheets"), "0|\n");
  EXPECT_EQ(audit_of(org), before);
}

}  // namespace mamori
