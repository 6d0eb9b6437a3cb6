// The procurer's side of check sheets over the API (issue 5): create and
// tailor a sheet (every change with a reason), export it in the seed-000
// layout, import vendors' returned files and evaluate them as the shared
// samples' README says, review alternatives (the verdict follows, each
// decision audited), the .xlsx report, the comparison, a respondent who
// answers in the web form and sees nothing else, other organisations kept
// out of every route, and bad input that changes nothing.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "formats/check_sheet_import.h"
#include "formats/xlsx_reader.h"
#include "server/routes.h"
#include "support/api_client.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ApiClient;
using test::body_json;
using test::reason;

using test::kTestPassword;
const std::string kSheets = std::string(MAMORI_SEEDS_DIR) + "/../testdata/sheets/";
const std::string kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Everything a refused request could have changed in the sheet tables and
// the audit chains.
std::string snapshot(const std::string& db_path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_busy_timeout(db, 5000);
  std::string out;
  for (const char* query :
       {"SELECT id, title, status, updated_at FROM sheets ORDER BY 1",
        "SELECT sheet_id, ref, title, requirement, required, change, change_reason FROM sheet_items ORDER BY 1, 2",
        "SELECT id, status, updated_at FROM sheet_responses ORDER BY 1",
        "SELECT response_id, ref, answer, alternative FROM sheet_answers ORDER BY 1, 2",
        "SELECT response_id, ref, decision FROM sheet_reviews ORDER BY 1, 2",
        "SELECT id, sha256 FROM sheet_evidence ORDER BY 1",
        "SELECT tenant_id, position, service FROM service_list_entries ORDER BY 1, 2",
        "SELECT chain, last_seq FROM audit_chains ORDER BY 1"}) {
    sqlite3_exec(
        db, query,
        [](void* text, int n, char** values, char**) {
          auto* s = static_cast<std::string*>(text);
          for (int i = 0; i < n; ++i) *s += (values[i] ? values[i] : "NULL") + std::string("|");
          *s += "\n";
          return 0;
        },
        &out, nullptr);
    out += "--\n";
  }
  sqlite3_close(db);
  return out;
}

std::map<std::string, json> items_by_ref(const json& evaluation) {
  std::map<std::string, json> out;
  for (const auto& i : evaluation["items"]) out[i["ref"]] = i;
  return out;
}

class ApiSheetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a = mamori.add_tenant("東京市 情報政策課", "customer");
    b = mamori.add_tenant("他市 情報政策課", "customer");
    for (const char* role : {"admin", "editor", "viewer"})
      mamori.add_user("東京市 情報政策課", std::string(role) + "@city.example.jp", role, kTestPassword);
    mamori.add_user("他市 情報政策課", "admin@other.example.jp", "admin", kTestPassword);
    mamori.start();
  }


  std::string org(const std::string& rest = "") { return "/api/v1/orgs/" + a + rest; }

  std::string create_sheet(ApiClient& c, json extra = json::object()) {
    json body{{"title", "住民窓口システム調達"}, {"template", "ismap-summary"}};
    body.update(extra);
    auto r = c.post(org("/sheets"), body);
    EXPECT_EQ(r.status, 201) << r.body;
    return body_json(r)["id"];
  }

  test::HttpResponse upload(ApiClient& c, const std::string& method, const std::string& target, const std::string& bytes,
                            const std::string& type) {
    return c.request(method, target, bytes, {{"Content-Type", type}});
  }

  json import(ApiClient& c, const std::string& sheet, const std::string& file, const std::string& vendor) {
    auto r = upload(c, "POST",
                    org("/sheets/" + sheet + "/responses/import?vendor=" + vendor + "&file_name=" + file +
                        "&as_of=2026-11-22"),
                    read_file(kSheets + file), kXlsx);
    EXPECT_EQ(r.status, 201) << file << ": " << r.body;
    return body_json(r);
  }

  void import_sample_list(ApiClient& c) {
    auto r = upload(c, "PUT", org("/service-list?file_name=ismap-list-sample.csv"),
                    read_file(kSheets + "ismap-list-sample.csv"), "text/csv");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(body_json(r)["entries"], 2);
  }

  int audit_count(ApiClient& c, const std::string& action) {
    int n = 0;
    for (const auto& e : body_json(c.get(org("/audit-log?limit=1000"))))
      if (e["action"] == action) ++n;
    return n;
  }

  test::MamoriInstance mamori;
  std::string a, b;
};

}  // namespace

TEST_F(ApiSheetsTest, CreateTailorWithReasonsAndExportTheTailoredSheet) {
  ApiClient admin = signed_in(mamori, "admin@city.example.jp");
  const std::string sheet = create_sheet(admin, {{"classification", "3C"},
                                                 {"service_name", "住民問合せ管理サービス"},
                                                 {"due_date", "2027-01-29"},
                                                 {"information_details", "住民の問合せ履歴"}});
  auto detail = body_json(admin.get(org("/sheets/" + sheet)));
  EXPECT_EQ(detail["template"], "ismap-sheet-summary");
  EXPECT_EQ(detail["status"], "draft");
  int asked = 0;
  for (const auto& i : detail["items"]) asked += i["asked"].get<bool>();
  EXPECT_EQ(asked, 44);

  // Bad sheet fields are named.
  auto bad_date = admin.post(org("/sheets"), {{"title", "x"}, {"template", "ismap-summary"}, {"due_date", "2027/01/29"}});
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(body_json(bad_date)["error"]["field"], "due_date");
  auto bad_template = admin.post(org("/sheets"), {{"title", "x"}, {"template", "iso27001"}});
  EXPECT_EQ(body_json(bad_template)["error"]["field"], "template");

  // Every change needs a reason: missing, or only spaces.
  const json added{{"ref", "6-1"}, {"title", "データの所在"}, {"requirement", "データを日本国内に保存すること。"}};
  auto no_reason = admin.post(org("/sheets/" + sheet + "/items"), added);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(body_json(no_reason)["error"]["field"], "reason");
  json blank = added;
  blank["reason"] = "　 ";
  auto blank_reason = admin.post(org("/sheets/" + sheet + "/items"), blank);
  EXPECT_EQ(blank_reason.status, 400) << blank_reason.body;
  EXPECT_EQ(body_json(blank_reason)["error"]["field"], "reason");
  EXPECT_EQ(reason(blank_reason), "required");
  auto drop_no_reason = admin.post(org("/sheets/" + sheet + "/items/5-24/drop"), {{"reason", " "}});
  EXPECT_EQ(body_json(drop_no_reason)["error"]["field"], "reason");
  auto reword_no_reason = admin.patch(org("/sheets/" + sheet + "/items/5-3"), {{"requirement", "x"}});
  EXPECT_EQ(body_json(reword_no_reason)["error"]["field"], "reason");

  json with_reason = added;
  with_reason["reason"] = "個人情報の国外移転を避けるため";
  auto add = admin.post(org("/sheets/" + sheet + "/items"), with_reason);
  ASSERT_EQ(add.status, 201) << add.body;
  EXPECT_EQ(body_json(add)["change"], "added");
  EXPECT_EQ(admin.post(org("/sheets/" + sheet + "/items"), with_reason).status, 409);  // 6-1 is taken
  json bad_ref = with_reason;
  bad_ref["ref"] = "追加1";
  EXPECT_EQ(body_json(admin.post(org("/sheets/" + sheet + "/items"), bad_ref))["error"]["reason"], "invalid_ref");
  auto reword = admin.patch(org("/sheets/" + sheet + "/items/5-3"),
                            {{"requirement", "人的資源のセキュリティを確保すること（委託先を含む）。"}, {"reason", "委託先を明示"}});
  ASSERT_EQ(reword.status, 200) << reword.body;
  EXPECT_EQ(body_json(reword)["change"], "reworded");
  auto drop = admin.post(org("/sheets/" + sheet + "/items/5-24/drop"), {{"reason", "本サービスでは開発を行わないため"}});
  ASSERT_EQ(drop.status, 200) << drop.body;
  EXPECT_EQ(admin.post(org("/sheets/" + sheet + "/items/5-24/drop"), {{"reason", "again"}}).status, 409);
  EXPECT_EQ(admin.patch(org("/sheets/" + sheet + "/items/9-9"), {{"title", "x"}, {"reason", "r"}}).status, 404);
  EXPECT_EQ(audit_count(admin, "sheet.item_add") + audit_count(admin, "sheet.item_reword") +
                audit_count(admin, "sheet.item_drop"),
            3);

  // The dropped item stays, with its reason.
  const auto tailored = body_json(admin.get(org("/sheets/" + sheet)));  // kept: the loop reads into it
  for (const auto& i : tailored["items"])
    if (i["ref"] == "5-24") {
      EXPECT_EQ(i["change"], "dropped");
      EXPECT_EQ(i["reason"], "本サービスでは開発を行わないため");
      EXPECT_FALSE(i["asked"].get<bool>());
    }

  // The export reads back with the tailored questions.
  auto file = admin.get(org("/sheets/" + sheet + "/export.xlsx"));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.headers["content-type"], kXlsx);
  EXPECT_NE(file.headers["content-disposition"].find("attachment"), std::string::npos);
  auto book = formats::read_xlsx(file.body, "export.xlsx");
  ASSERT_TRUE(book) << book.error().describe();
  auto imported = formats::import_check_sheet(book.value(), "export.xlsx");
  ASSERT_TRUE(imported) << imported.error().describe();
  std::map<std::string, formats::ImportedItem> by_ref;
  std::size_t questions = 0;
  for (const auto& i : imported->items) {
    by_ref[i.ref] = i;
    questions += i.ref.find('-') != std::string::npos;  // not the headings 3, 4, 5
  }
  EXPECT_EQ(questions, 44u);  // 44 - 5-24 + 6-1
  EXPECT_FALSE(by_ref.count("5-24"));
  ASSERT_TRUE(by_ref.count("6-1"));
  EXPECT_EQ(by_ref["6-1"].requirement, "データを日本国内に保存すること。");
  EXPECT_EQ(by_ref["5-3"].requirement, "人的資源のセキュリティを確保すること（委託先を含む）。");
  EXPECT_EQ(by_ref["5-20"].ismap_ref, "12.2");
  EXPECT_EQ(imported->classification, "3C");

  // Once it goes out, the questions are fixed.
  ASSERT_EQ(admin.patch(org("/sheets/" + sheet), {{"status", "sent"}}).status, 200);
  auto late = admin.post(org("/sheets/" + sheet + "/items/5-1/drop"), {{"reason", "late"}});
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(reason(late), "sheet_not_draft");
}

TEST_F(ApiSheetsTest, TheSampleFilesEvaluateAsTheirReadmeSaysAndReviewsDecide) {
  ApiClient admin = signed_in(mamori, "admin@city.example.jp");
  import_sample_list(admin);
  auto list = body_json(admin.get(org("/service-list")));
  EXPECT_EQ(list["entries"].size(), 2u);
  EXPECT_EQ(list["file_name"], "ismap-list-sample.csv");
  const std::string sheet = create_sheet(admin);

  auto a_all = import(admin, sheet, "vendor-a-all-met.xlsx", "A");
  EXPECT_EQ(a_all["verdict"], "conforming");
  EXPECT_EQ(a_all["ground"], "items");
  auto b_alt = import(admin, sheet, "vendor-b-alternatives.xlsx", "B");
  EXPECT_EQ(b_alt["verdict"], "conditional");
  auto b_items = items_by_ref(b_alt);
  for (const char* ref : {"5-17", "5-18", "5-35"}) EXPECT_EQ(b_items[ref]["status"], "needs_review") << ref;
  auto c_unmet = import(admin, sheet, "vendor-c-unmet.xlsx", "C");
  EXPECT_EQ(c_unmet["verdict"], "nonconforming");
  auto c_items = items_by_ref(c_unmet);
  EXPECT_EQ(c_items["5-3"]["status"], "unmet");
  EXPECT_EQ(c_items["5-24"]["status"], "unmet");
  bool warned = false;
  for (const auto& w : c_unmet["warnings"]) warned |= w["code"] == "classification_3b_unlisted";
  EXPECT_TRUE(warned) << c_unmet["warnings"].dump();
  auto d_listed = import(admin, sheet, "vendor-d-ismap-listed.xlsx", "D");
  EXPECT_EQ(d_listed["verdict"], "conforming");
  EXPECT_EQ(d_listed["ground"], "ismap_listing");
  EXPECT_EQ(d_listed["listing"]["entry"]["registration"], "C99-0001-1");
  EXPECT_EQ(body_json(admin.get(org("/sheets/" + sheet)))["status"], "sent");

  // The stored response evaluates the same later.
  const std::string b_id = b_alt["response_id"];
  auto again = body_json(admin.get(org("/responses/" + b_id + "/evaluation?as_of=2026-11-22")));
  EXPECT_EQ(again["verdict"], "conditional");
  EXPECT_EQ(again["sheet_id"], sheet);
  EXPECT_EQ(again["items"].size(), 44u);

  // Reviews: accept every alternative -> conforming; reject one -> nonconforming.
  const std::string review = "/responses/" + b_id + "/reviews/";
  for (const char* ref : {"5-17", "5-18", "5-35"}) {
    auto r = admin.request("PUT", org(review + ref), json{{"decision", "accepted"}, {"comment", "代替策で十分"}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
  }
  auto accepted = body_json(admin.get(org("/responses/" + b_id + "/evaluation")));
  EXPECT_EQ(accepted["verdict"], "conforming");
  EXPECT_EQ(items_by_ref(accepted)["5-17"]["review"]["decision"], "accepted");
  auto rejected = admin.request("PUT", org(review + "5-35"), json{{"decision", "rejected"}, {"comment", "診断頻度が不足"}}.dump());
  ASSERT_EQ(rejected.status, 200);
  EXPECT_EQ(body_json(rejected)["verdict"], "nonconforming");
  EXPECT_EQ(items_by_ref(body_json(rejected))["5-35"]["status"], "unmet");
  EXPECT_EQ(audit_count(admin, "sheet_response.review"), 4);

  // Only items that need review; a comment is required.
  auto met = admin.request("PUT", org(review + "5-1"), json{{"decision", "accepted"}, {"comment", "x"}}.dump());
  EXPECT_EQ(met.status, 409);
  EXPECT_EQ(reason(met), "not_reviewable");
  auto no_comment = admin.request("PUT", org(review + "5-17"), json{{"decision", "accepted"}, {"comment", "  "}}.dump());
  EXPECT_EQ(no_comment.status, 400);
  EXPECT_EQ(body_json(no_comment)["error"]["field"], "comment");
  ApiClient editor = signed_in(mamori, "editor@city.example.jp");
  EXPECT_EQ(editor.request("PUT", org(review + "5-17"), json{{"decision", "accepted"}, {"comment", "x"}}.dump()).status,
            403);  // reviews are approvals
  EXPECT_EQ(audit_count(admin, "sheet_response.review"), 4);

  // The report: a status column with Japanese and English labels.
  auto report = admin.get(org("/responses/" + b_id + "/report.xlsx?as_of=2026-11-22"));
  ASSERT_EQ(report.status, 200) << report.body;
  auto book = formats::read_xlsx(report.body, "report.xlsx");
  ASSERT_TRUE(book) << book.error().describe();
  const auto& ws = book->sheets.front();
  int header_row = 0, status_col = 0;
  for (const auto& [at, text] : ws.cells)
    if (text == "判定 / Status") header_row = at.row, status_col = at.column;
  ASSERT_GT(status_col, 0);
  std::map<std::string, std::string> status_of;
  for (int row = header_row + 1; row <= ws.max_row; ++row) status_of[std::string(ws.raw(row, 1))] = ws.raw(row, status_col);
  EXPECT_EQ(status_of["5-1"], "適合 / met");
  EXPECT_EQ(status_of["5-17"], "適合 / met");  // accepted
  EXPECT_EQ(status_of["5-35"], "不適合 / unmet");  // rejected
  EXPECT_EQ(status_of.size(), 44u);

  // Side by side.
  auto compare = body_json(admin.get(org("/sheets/" + sheet + "/compare?as_of=2026-11-22")));
  ASSERT_EQ(compare["responses"].size(), 4u);
  std::map<std::string, std::string> verdicts;
  for (const auto& r : compare["responses"]) verdicts[r["vendor"]] = r["verdict"];
  EXPECT_EQ(verdicts, (std::map<std::string, std::string>{
                          {"A", "conforming"}, {"B", "nonconforming"}, {"C", "nonconforming"}, {"D", "conforming"}}));
  for (const auto& i : compare["items"])
    if (i["ref"] == "5-3") {
      EXPECT_EQ(i["statuses"][c_unmet["response_id"].get<std::string>()], "unmet");
      EXPECT_EQ(i["statuses"][a_all["response_id"].get<std::string>()], "met");
    }
  EXPECT_EQ(compare["items"].size(), 44u);

  // The audit chain holds.
  EXPECT_EQ(mamori.cli({"audit", "verify"}).exit_code, 0);
}

TEST_F(ApiSheetsTest, ARespondentAnswersOnlyItsOwnResponseUntilItSubmits) {
  ApiClient admin = signed_in(mamori, "admin@city.example.jp");
  const std::string sheet = create_sheet(admin);
  const std::string other_sheet = create_sheet(admin, {{"title", "別の調達"}});
  const std::string imported = import(admin, other_sheet, "vendor-a-all-met.xlsx", "A")["response_id"];

  auto invite = admin.post(org("/sheets/" + sheet + "/invitations"),
                           {{"vendor_name", "株式会社ベンダー"}, {"email", "Tanaka@Vendor.example.jp"}});
  ASSERT_EQ(invite.status, 201) << invite.body;
  const auto inv = body_json(invite);
  EXPECT_TRUE(inv["account_created"].get<bool>());
  EXPECT_EQ(inv["response"]["status"], "invited");
  const std::string response = inv["response"]["id"];
  const std::string otp = inv["one_time_password"];
  // An editor of the organisation is not a vendor's person.
  auto editor_invite = admin.post(org("/sheets/" + sheet + "/invitations"),
                                  {{"vendor_name", "x"}, {"email", "editor@city.example.jp"}});
  EXPECT_EQ(editor_invite.status, 409);
  EXPECT_EQ(reason(editor_invite), "member_not_respondent");

  // First sign-in: the one-time password must be changed.
  ApiClient vendor(mamori.port());
  auto login = vendor.login("tanaka@vendor.example.jp", otp);
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(body_json(login)["stage"], "password_change");
  EXPECT_EQ(reason(vendor.get(org("/responses/" + response))), "login_incomplete");
  ASSERT_EQ(vendor.post("/api/v1/auth/password", {{"current_password", otp}, {"new_password", "vendor long pass phrase"}}).status,
            200);

  // Its to-do list and its questions.
  auto mine = body_json(vendor.get(org("/responses")));
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["id"], response);
  auto view = vendor.get(org("/responses/" + response));
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(body_json(view)["questions"].size(), 44u);
  EXPECT_FALSE(body_json(view).contains("reviews"));

  // Answers, item 2, evidence.
  auto yes = vendor.request("PUT", org("/responses/" + response + "/answers/5-1"), json{{"answer", "yes"}}.dump());
  ASSERT_EQ(yes.status, 200) << yes.body;
  EXPECT_EQ(body_json(yes)["response_status"], "in_progress");
  ASSERT_EQ(vendor.request("PUT", org("/responses/" + response + "/answers/5-17"),
                           json{{"answer", "no"}, {"alternative", "入館はデータセンター事業者が管理"}}.dump())
                .status,
            200);
  EXPECT_EQ(vendor.request("PUT", org("/responses/" + response + "/answers/9-9"), json{{"answer", "yes"}}.dump()).status,
            404);
  EXPECT_EQ(vendor.patch(org("/responses/" + response), {{"listing_conformity", "no"}, {"classification", "3C"}}).status,
            200);
  std::string pdf = "%PDF-1.4\n";
  pdf += std::string("\0\x01\x02\xff binary", 11);
  auto evidence = vendor.request("POST", org("/responses/" + response + "/evidence?ref=5-17&file_name=%E5%85%A5%E9%A4%A8%E7%AE%A1%E7%90%86.pdf"),
                                 pdf, {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(evidence.status, 201) << evidence.body;
  const std::string evidence_id = body_json(evidence)["id"];
  EXPECT_EQ(body_json(evidence)["size"], pdf.size());
  EXPECT_EQ(body_json(evidence)["file_name"], "入館管理.pdf");
  auto download = vendor.get(org("/responses/" + response + "/evidence/" + evidence_id));
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, pdf);
  EXPECT_EQ(download.headers["content-type"], "application/pdf");
  EXPECT_NE(download.headers["content-disposition"].find("attachment"), std::string::npos);
  // Oversize: 413, nothing stored.
  const std::string db = mamori.data() + "/mamori.db";
  const std::string before = snapshot(db);
  auto huge = vendor.request("POST", org("/responses/" + response + "/evidence?file_name=big.bin"),
                             std::string((10u << 20) + 1, 'x'), {{"Content-Type", "application/octet-stream"}});
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(snapshot(db), before);
  EXPECT_EQ(body_json(vendor.get(org("/responses/" + response + "/evidence"))).size(), 1u);

  // Nothing else of the organisation.
  EXPECT_EQ(vendor.get(org("/sheets")).status, 403);
  EXPECT_EQ(vendor.get(org("/sheets/" + sheet)).status, 403);
  EXPECT_EQ(vendor.get(org("/sheets/" + other_sheet)).status, 403);
  EXPECT_EQ(vendor.get(org("/members")).status, 403);
  EXPECT_EQ(vendor.get(org("/service-list")).status, 403);
  EXPECT_EQ(vendor.get(org("/responses/" + response + "/evaluation")).status, 403);
  EXPECT_EQ(vendor.get(org("/responses/" + imported)).status, 404);
  EXPECT_EQ(vendor.get(org("/responses/" + imported + "/evidence")).status, 404);
  EXPECT_EQ(vendor.request("PUT", org("/responses/" + imported + "/answers/5-1"), json{{"answer", "no"}}.dump()).status,
            404);
  EXPECT_EQ(vendor.get("/api/v1/orgs/" + b + "/responses").status, 404);
  // The admin sees it but does not answer for the vendor.
  auto admin_answer = admin.request("PUT", org("/responses/" + response + "/answers/5-2"), json{{"answer", "yes"}}.dump());
  EXPECT_EQ(admin_answer.status, 403);
  EXPECT_EQ(reason(admin_answer), "not_assigned");
  // Reviews wait for the submission.
  auto early = admin.request("PUT", org("/responses/" + response + "/reviews/5-17"),
                             json{{"decision", "accepted"}, {"comment", "x"}}.dump());
  EXPECT_EQ(reason(early), "response_not_submitted");

  // Submitted: locked.
  auto submit = vendor.post(org("/responses/" + response + "/submit"));
  ASSERT_EQ(submit.status, 200) << submit.body;
  EXPECT_EQ(body_json(submit)["status"], "submitted");
  auto late = vendor.request("PUT", org("/responses/" + response + "/answers/5-1"), json{{"answer", "no"}}.dump());
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(reason(late), "response_submitted");
  EXPECT_EQ(vendor.request("POST", org("/responses/" + response + "/evidence?file_name=x.txt"), "x",
                           {{"Content-Type", "text/plain"}})
                .status,
            409);
  EXPECT_EQ(vendor.post(org("/responses/" + response + "/submit")).status, 409);

  // The procurer evaluates and reviews what was submitted.
  auto evaluation = body_json(admin.get(org("/responses/" + response + "/evaluation")));
  EXPECT_EQ(evaluation["response_status"], "submitted");
  EXPECT_EQ(items_by_ref(evaluation)["5-17"]["status"], "needs_review");
  EXPECT_EQ(items_by_ref(evaluation)["5-2"]["status"], "unmet");  // never answered
  auto accepted = admin.request("PUT", org("/responses/" + response + "/reviews/5-17"),
                                json{{"decision", "accepted"}, {"comment", "事業者の報告書で確認"}}.dump());
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(items_by_ref(body_json(accepted))["5-17"]["status"], "met");
  auto procurer_view = body_json(admin.get(org("/responses/" + response)));
  EXPECT_EQ(procurer_view["reviews"].size(), 1u);
  EXPECT_EQ(procurer_view["evidence"].size(), 1u);
}

TEST_F(ApiSheetsTest, ARespondentFollowsTheOrganisationsMfaRule) {
  ApiClient admin = signed_in(mamori, "admin@city.example.jp");
  ASSERT_EQ(admin.patch(org("/settings"), {{"require_mfa", true}}).status, 200);
  const std::string sheet = create_sheet(admin);
  auto inv = body_json(admin.post(org("/sheets/" + sheet + "/invitations"),
                                  {{"vendor_name", "株式会社ベンダー"}, {"email", "sato@vendor.example.jp"}}));
  const std::string response = inv["response"]["id"];
  ApiClient vendor(mamori.port());
  ASSERT_EQ(vendor.login("sato@vendor.example.jp", inv["one_time_password"]).status, 200);
  ASSERT_EQ(vendor.post("/api/v1/auth/password", {{"current_password", inv["one_time_password"]},
                                                  {"new_password", "vendor long pass phrase"}})
                .status,
            200);
  // Like every member of an organisation that requires MFA: enrol first.
  EXPECT_EQ(body_json(vendor.get("/api/v1/me"))["stage"], "mfa_enrolment");
  EXPECT_EQ(reason(vendor.get(org("/responses/" + response))), "login_incomplete");
}

TEST_F(ApiSheetsTest, AnotherOrganisationReachesNothing) {
  ApiClient admin = signed_in(mamori, "admin@city.example.jp");
  import_sample_list(admin);
  const std::string sheet = create_sheet(admin);
  const std::string response = import(admin, sheet, "vendor-b-alternatives.xlsx", "B")["response_id"];
  ApiClient outsider = signed_in(mamori, "admin@other.example.jp");
  const std::string db = mamori.data() + "/mamori.db";
  const std::string before = snapshot(db);

  // Every sheet route, with A's real objects, as B's admin: in A's path and in B's own.
  int checked = 0;
  for (const auto& route : server::all_routes()) {
    if (route.path.find("/sheets") == std::string::npos && route.path.find("/responses") == std::string::npos &&
        route.path.find("/service-list") == std::string::npos)
      continue;
    const bool names_an_object =
        route.path.find("{sheet}") != std::string::npos || route.path.find("{response}") != std::string::npos;
    for (const std::string& in_org : {a, b}) {
      // In B's own organisation only routes that name A's objects: the others would act on B's data.
      if (in_org == b && !names_an_object) continue;
      std::string path = route.path;
      path = std::regex_replace(path, std::regex(R"(\{org\})"), in_org);
      path = std::regex_replace(path, std::regex(R"(\{sheet\})"), sheet);
      path = std::regex_replace(path, std::regex(R"(\{response\})"), response);
      path = std::regex_replace(path, std::regex(R"(\{ref\})"), "5-17");
      path = std::regex_replace(path, std::regex(R"(\{evidence\})"), "00000000-0000-7000-8000-000000000000");
      std::string sep = "?";
      for (const auto& q : route.query)
        if (q.required) path += sep + q.name + "=x", sep = "&";
      std::map<std::string, std::string> headers;
      std::string body;
      if (!route.raw_body_types.empty()) {
        headers["Content-Type"] = route.raw_body_types.front();
        body = read_file(kSheets + "vendor-a-all-met.xlsx");
      } else if (route.accepts_body) {
        json j = json::object();
        for (const auto& f : route.body)
          if (f.required) j[f.name] = f.one_of.empty() ? (f.name == "email" ? "x@y.example.jp" : "テスト") : f.one_of.front();
        body = j.dump();
      }
      auto r = outsider.request(route.method, path, body, headers);
      const std::string what = route.method + " " + route.path + " in " + (in_org == a ? "A" : "B");
      EXPECT_EQ(r.status, 404) << what << ": " << r.body;
      ++checked;
    }
  }
  EXPECT_GT(checked, 40);
  EXPECT_EQ(snapshot(db), before);
  // B's own lists are empty: A's data is not there.
  EXPECT_EQ(body_json(outsider.get("/api/v1/orgs/" + b + "/sheets")).size(), 0u);
  EXPECT_EQ(body_json(outsider.get("/api/v1/orgs/" + b + "/responses")).size(), 0u);
  EXPECT_EQ(body_json(outsider.get("/api/v1/orgs/" + b + "/service-list"))["entries"].size(), 0u);
}

TEST_F(ApiSheetsTest, BadInputIsRefusedWithThePlaceAndChangesNothing) {
  ApiClient admin = signed_in(mamori, "admin@city.example.jp");
  import_sample_list(admin);
  const std::string sheet = create_sheet(admin);
  const std::string db = mamori.data() + "/mamori.db";
  const std::string before = snapshot(db);
  const std::string target = org("/sheets/" + sheet + "/responses/import?vendor=V&file_name=broken.xlsx");

  // A truncated zip.
  const std::string good = read_file(kSheets + "vendor-a-all-met.xlsx");
  auto truncated = upload(admin, "POST", target, good.substr(0, good.size() / 2), kXlsx);
  EXPECT_EQ(truncated.status, 400) << truncated.body;
  EXPECT_EQ(body_json(truncated)["error"]["where"]["file"], "broken.xlsx") << truncated.body;
  // Not a zip at all.
  auto text = upload(admin, "POST", target, "this is not a spreadsheet", kXlsx);
  EXPECT_EQ(text.status, 400);
  EXPECT_TRUE(body_json(text)["error"].contains("where"));
  // Nothing at all.
  auto empty = upload(admin, "POST", target, "", kXlsx);
  EXPECT_EQ(empty.status, 400);
  // Invalid JSON, unknown fields, wrong types.
  EXPECT_EQ(reason(admin.request("POST", org("/sheets"), "{\"title\": ")), "malformed_json");
  EXPECT_EQ(reason(admin.post(org("/sheets"), {{"title", "x"}, {"template", "ismap-summary"}, {"surprise", 1}})),
            "unknown_field");
  EXPECT_EQ(reason(admin.request("PATCH", org("/sheets/" + sheet), "[1]")), "type");
  // A bad date for the evaluation.
  EXPECT_EQ(admin.get(org("/sheets/" + sheet + "/compare?as_of=tomorrow")).status, 400);
  // A service list with a row it cannot read: refused whole, with the place.
  auto bad_list = upload(admin, "PUT", org("/service-list?file_name=bad.csv"),
                         "登録番号,サービス名称,事業者名,区分,登録日,有効期限\nC1,新サービス,新社,ISMAP,いつか,2027-01-01\n",
                         "text/csv");
  EXPECT_EQ(bad_list.status, 400) << bad_list.body;
  ASSERT_EQ(body_json(bad_list)["error"]["problems"].size(), 1u);
  const auto problem = body_json(bad_list)["error"]["problems"][0];
  EXPECT_TRUE(problem.contains("line") || problem.contains("row")) << bad_list.body;
  EXPECT_EQ(snapshot(db), before);
  EXPECT_EQ(body_json(admin.get(org("/service-list")))["entries"].size(), 2u);
  EXPECT_EQ(body_json(admin.get(org("/sheets/" + sheet + "/responses"))).size(), 0u);
}

TEST_F(ApiSheetsTest, ReadersReadAndOnlyWritersWrite) {
  ApiClient editor = signed_in(mamori, "editor@city.example.jp");
  const std::string sheet = create_sheet(editor);
  ApiClient viewer = signed_in(mamori, "viewer@city.example.jp");
  EXPECT_EQ(viewer.get(org("/sheets/" + sheet)).status, 200);
  EXPECT_EQ(viewer.get(org("/sheets/" + sheet + "/export.xlsx")).status, 200);
  EXPECT_EQ(viewer.post(org("/sheets"), {{"title", "x"}, {"template", "ismap-summary"}}).status, 403);
  EXPECT_EQ(viewer.del(org("/sheets/" + sheet)).status, 403);
  auto removed = editor.del(org("/sheets/" + sheet));
  EXPECT_EQ(removed.status, 204);
  EXPECT_EQ(viewer.get(org("/sheets/" + sheet)).status, 404);
  // Created, deleted: both in the audit log.
  ApiClient admin = signed_in(mamori, "admin@city.example.jp");
  EXPECT_EQ(audit_count(admin, "sheet.create"), 1);
  EXPECT_EQ(audit_count(admin, "sheet.delete"), 1);
}

}  // namespace mamori
