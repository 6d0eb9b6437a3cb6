// The audit log: every change leaves an entry with the fields of seed 004
// 11.1.11, the chain detects edits and deletions, exports are JSON lines,
// and a continuous copy goes outside the database.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <set>
#include <sstream>

#include "support/api_client.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ApiClient;
using test::body_json;

using test::kTestPassword;

void sql(const std::string& db_path, const std::string& statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  char* error = nullptr;
  ASSERT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_close(db);
}

std::vector<json> lines_of(const std::string& text) {
  std::vector<json> out;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    org = mamori.add_tenant("テスト株式会社");
    mamori.add_user("テスト株式会社", "admin@a.example.jp", "admin", kTestPassword);
    mamori.add_user("テスト株式会社", "auditor@a.example.jp", "auditor", kTestPassword);
  }
  test::MamoriInstance mamori;
  std::string org;
};

}  // namespace

TEST_F(AuditTest, ChangesAndSignInsLeaveEntriesWithWhoWhatWhenWhere) {
  const std::string copy = mamori.data() + "/../audit-copy.jsonl";
  mamori.start({"--audit-copy", "file:" + copy});
  ApiClient admin(mamori.port());
  EXPECT_EQ(admin.login("admin@a.example.jp", "wrong password!").status, 401);
  ASSERT_EQ(admin.login("admin@a.example.jp", kTestPassword).status, 200);
  ASSERT_EQ(admin.post("/api/v1/orgs/" + org + "/members", {{"email", "new@a.example.jp"}, {"role", "viewer"}}).status, 201);
  ASSERT_EQ(admin.patch("/api/v1/orgs/" + org + "/settings", {{"password_min_length", 14}}).status, 200);

  ApiClient auditor(mamori.port());
  ASSERT_EQ(auditor.login("auditor@a.example.jp", kTestPassword).status, 200);
  auto listed = auditor.get("/api/v1/orgs/" + org + "/audit-log?limit=100");
  ASSERT_EQ(listed.status, 200) << listed.body;
  auto entries = body_json(listed);
  ASSERT_TRUE(entries.is_array()) << listed.body;
  std::map<std::string, json> by_action;
  // Newest first: keep the newest entry of each kind.
  for (const auto& e : entries) by_action.emplace(e["action"].get<std::string>() + ":" + e["outcome"].get<std::string>(), e);
  for (const char* expected : {"auth.login:failure", "auth.login:success", "user.create:success", "member.add:success",
                               "settings.update:success", "tenant.create:success"})
    EXPECT_TRUE(by_action.count(expected)) << expected << " missing in " << entries.dump();
  const auto& add = by_action["member.add:success"];
  EXPECT_EQ(add["actor"], "admin@a.example.jp");          // a) user id
  EXPECT_FALSE(add["at"].get<std::string>().empty());      // b) date and time
  EXPECT_EQ(add["source_ip"], "127.0.0.1");                // f) network address
  EXPECT_EQ(add["object_type"], "membership");             // e) what was accessed
  EXPECT_TRUE(add["privileged"].get<bool>());              // d) use of privilege
  EXPECT_EQ(add["details"]["role"], "viewer");             // what changed
  EXPECT_EQ(by_action["auth.login:failure"]["details"]["reason"], "wrong_password");  // c) failed attempts
  EXPECT_EQ(by_action["settings.update:success"]["details"]["password_min_length"], json::array({12, 14}));
  // Passwords never appear.
  EXPECT_EQ(entries.dump().find(kTestPassword), std::string::npos);

  // The continuous copy holds the same entries, outside the database.
  mamori.stop();
  std::ifstream in(copy);
  std::stringstream s;
  s << in.rdbuf();
  std::set<std::string> copied;
  for (const auto& line : lines_of(s.str())) copied.insert(line["id"]);
  int checked = 0;
  for (const auto& e : entries)
    if (e["actor"] != "cli") {  // made while the server ran (the CLI had no copy configured)
      EXPECT_TRUE(copied.count(e["id"])) << e.dump();
      ++checked;
    }
  EXPECT_GE(checked, 5);
}

TEST_F(AuditTest, VerifyFindsAnEditedOrRemovedEntry) {
  mamori.start();
  ApiClient admin(mamori.port());
  ASSERT_EQ(admin.login("admin@a.example.jp", kTestPassword).status, 200);
  for (const char* email : {"one@a.example.jp", "two@a.example.jp", "three@a.example.jp"})
    ASSERT_EQ(admin.post("/api/v1/orgs/" + org + "/members", {{"email", email}, {"role", "viewer"}}).status, 201);
  mamori.stop();

  auto intact = mamori.cli({"audit", "verify"});
  EXPECT_EQ(intact.exit_code, 0) << intact.err;
  EXPECT_NE(intact.out.find("audit log intact"), std::string::npos);

  const std::string db = mamori.data() + "/mamori.db";
  // Someone with database access rewrites history.
  sql(db, "UPDATE audit_log SET details = '{\"role\":\"admin\"}' WHERE chain = '" + org + "' AND seq = 4");
  auto edited = mamori.cli({"audit", "verify"});
  EXPECT_EQ(edited.exit_code, 1);
  EXPECT_NE(edited.err.find("chain " + org + " at entry 4"), std::string::npos) << edited.err;
  EXPECT_NE(edited.err.find("was changed"), std::string::npos) << edited.err;
}

TEST_F(AuditTest, VerifyFindsEntriesCutFromTheEndOrTheMiddle) {
  const std::string db = mamori.data() + "/mamori.db";
  sql(db, "DELETE FROM audit_log WHERE chain = '" + org + "' AND seq = (SELECT MAX(seq) FROM audit_log WHERE chain = '" +
              org + "')");
  auto cut_end = mamori.cli({"audit", "verify"});
  EXPECT_EQ(cut_end.exit_code, 1);
  EXPECT_NE(cut_end.err.find("removed"), std::string::npos) << cut_end.err;

  test::MamoriInstance other;
  const std::string other_org = other.add_tenant("別組織");
  other.add_user("別組織", "a@b.example.jp", "admin", kTestPassword);
  other.add_user("別組織", "b@b.example.jp", "viewer", kTestPassword);
  sql(other.data() + "/mamori.db", "DELETE FROM audit_log WHERE chain = '" + other_org + "' AND seq = 2");
  auto cut_middle = other.cli({"audit", "verify"});
  EXPECT_EQ(cut_middle.exit_code, 1);
  EXPECT_NE(cut_middle.err.find("missing"), std::string::npos) << cut_middle.err;
}

TEST_F(AuditTest, ExportIsJsonLinesAndIsItselfRecorded) {
  auto exported = mamori.cli({"audit", "export", "--tenant", "テスト株式会社"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  auto lines = lines_of(exported.out);
  ASSERT_GE(lines.size(), 5u);  // tenant, 2 accounts, 2 memberships, and the export itself
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["chain"], org);
    EXPECT_EQ(lines[i]["seq"], i + 1);
    if (i > 0) {
      EXPECT_EQ(lines[i]["prev_hash"], lines[i - 1]["hash"]);
    }
  }
  EXPECT_EQ(lines.back()["action"], "audit.export");

  mamori.start();
  ApiClient auditor(mamori.port());
  ASSERT_EQ(auditor.login("auditor@a.example.jp", kTestPassword).status, 200);
  auto r = auditor.get("/api/v1/orgs/" + org + "/audit-log/export");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"], "application/x-ndjson; charset=utf-8");
  auto api_lines = lines_of(r.body);
  EXPECT_EQ(api_lines.back()["action"], "audit.export");
  EXPECT_EQ(api_lines.back()["actor"], "auditor@a.example.jp");
  EXPECT_EQ(mamori.cli({"audit", "verify"}).exit_code, 0);
}

}  // namespace mamori
