// Records of one slice that others point at: a cloud service with risks
// and a Statement of Applicability, an asset with risks. Deleting one is a
// 409 that says it is in use, never a database error, and deletes nothing.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "support/api_client.h"

namespace mamori {

namespace {

using test::ApiClient;
using test::body_json;

using test::kTestPassword;
const std::string kDemo = "デモクラウド株式会社";

std::string query_one(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_busy_timeout(db, 5000);
  std::string out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
      sqlite3_column_text(st, 0) != nullptr)
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST(ApiIsmsReferencesTest, AServiceOrAssetInUseCannotBeDeleted) {
  test::MamoriInstance mamori;
  auto init = mamori.cli({"init", "--demo"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  mamori.add_user(kDemo, "editor@demo.example.jp", "editor", kTestPassword);
  mamori.start();
  const std::string db = mamori.data() + "/mamori.db";
  const std::string tenant = query_one(db, "SELECT id FROM tenants WHERE name = '" + kDemo + "'");
  const std::string service =
      query_one(db, "SELECT id FROM cloud_services WHERE tenant_id = '" + tenant + "' AND name = 'まもり文書管理 (SaaS)'");
  const std::string asset = query_one(db, "SELECT id FROM assets WHERE tenant_id = '" + tenant + "' AND name = '顧客文書データ'");
  ASSERT_FALSE(service.empty());
  ASSERT_FALSE(asset.empty());
  ASSERT_NE(query_one(db, "SELECT COUNT(*) FROM risks WHERE service_id = '" + service + "'"), "0");
  ASSERT_EQ(query_one(db, "SELECT COUNT(*) FROM soas WHERE service_id = '" + service + "'"), "1");
  ApiClient editor(mamori.port());
  ASSERT_EQ(editor.login("editor@demo.example.jp", kTestPassword).status, 200);
  const std::string audit_before = query_one(db, "SELECT COUNT(*) FROM audit_log");  // after the sign-in entry
  const std::string org = "/api/v1/orgs/" + tenant;
  auto r = editor.request("DELETE", org + "/services/" + service);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(body_json(r)["error"]["reason"], "in_use") << r.body;
  r = editor.request("DELETE", org + "/assets/" + asset);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(body_json(r)["error"]["reason"], "in_use") << r.body;

  EXPECT_EQ(query_one(db, "SELECT COUNT(*) FROM cloud_services WHERE id = '" + service + "'"), "1");
  EXPECT_EQ(query_one(db, "SELECT COUNT(*) FROM assets WHERE id = '" + asset + "'"), "1");
  EXPECT_EQ(query_one(db, "SELECT COUNT(*) FROM audit_log"), audit_before);
}

}  // namespace mamori
