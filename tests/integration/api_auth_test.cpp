// Signing in and sessions against the real server on loopback: login,
// MFA enrolment and login, throttling and lock, idle lock and expiry,
// logout, password change, revocation, CSRF, API tokens, headers.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "security/totp.h"
#include "support/api_client.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ApiClient;
using test::body_json;
using test::reason;

using test::kTestPassword;

struct Org {
  std::string id;
  std::string name;
};

// One provider organisation with a member per role, and a second
// organisation with its own admin.
class ApiAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a.name = "テスト株式会社";
    a.id = mamori.add_tenant(a.name);
    b.name = "他社";
    b.id = mamori.add_tenant(b.name, "customer");
    for (const char* role : {"admin", "isms_manager", "editor", "auditor", "viewer", "respondent"})
      mamori.add_user(a.name, std::string(role) + "@a.example.jp", role, kTestPassword);
    mamori.add_user(b.name, "admin@b.example.jp", "admin", kTestPassword);
  }


  void sleep_seconds(int s) { std::this_thread::sleep_for(std::chrono::seconds(s)); }

  test::MamoriInstance mamori;
  Org a, b;
};

}  // namespace

TEST_F(ApiAuthTest, LoginGivesAnHttpOnlyCookieAndACsrfToken) {
  mamori.start();
  ApiClient c(mamori.port());
  auto r = c.login("Admin@A.example.jp ", kTestPassword);  // case and spaces do not matter
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = r.headers["set-cookie"];
  EXPECT_EQ(cookie.rfind("mamori_session=", 0), 0u);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(c.cookie.size(), 43u);  // 256 bits, base64url
  auto body = body_json(r);
  EXPECT_EQ(body["stage"], "active");
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 43u);
  EXPECT_EQ(body["account"]["organisations"][0]["role"], "admin");

  auto me = c.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(body_json(me)["email"], "admin@a.example.jp");

  // A second login is a second session with a new id.
  ApiClient other(mamori.port());
  other.login("admin@a.example.jp", kTestPassword);
  EXPECT_NE(other.cookie, c.cookie);

  // Secrets never reach the log.
  const std::string log = mamori.server().output();
  EXPECT_EQ(log.find(kTestPassword), std::string::npos);
  EXPECT_EQ(log.find(c.cookie), std::string::npos);
  EXPECT_EQ(log.find(c.csrf), std::string::npos);
}

TEST_F(ApiAuthTest, WrongPasswordAndUnknownAccountLookTheSame) {
  mamori.start();
  ApiClient c(mamori.port());
  auto wrong = c.login("admin@a.example.jp", "not the password at all");
  auto unknown = c.login("nobody@a.example.jp", "not the password at all");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(reason(wrong), "invalid_credentials");
  EXPECT_EQ(body_json(wrong), body_json(unknown));
  EXPECT_TRUE(c.cookie.empty());
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
  // Disabled accounts are refused the same way, and lose their sessions.
  ApiClient viewer = signed_in(mamori, "viewer@a.example.jp");
  ASSERT_EQ(mamori.cli({"user", "disable", "--email", "viewer@a.example.jp"}).exit_code, 0);
  EXPECT_EQ(reason(viewer.get("/api/v1/me")), "session_ended");
  EXPECT_EQ(reason(ApiClient(mamori.port()).login("viewer@a.example.jp", kTestPassword)), "invalid_credentials");
  ASSERT_EQ(mamori.cli({"user", "enable", "--email", "viewer@a.example.jp"}).exit_code, 0);
  EXPECT_EQ(ApiClient(mamori.port()).login("viewer@a.example.jp", kTestPassword).status, 200);
}

TEST_F(ApiAuthTest, LogoutEndsTheSession) {
  mamori.start();
  ApiClient c = signed_in(mamori, "editor@a.example.jp");
  const std::string old_cookie = c.cookie, old_csrf = c.csrf;
  auto out = c.post("/api/v1/auth/logout");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  c.cookie = old_cookie;  // an attacker replaying the old cookie
  c.csrf = old_csrf;
  auto me = c.get("/api/v1/me");
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(reason(me), "session_ended");
}

TEST_F(ApiAuthTest, WritesNeedTheCsrfTokenAndChangeNothingWithout) {
  mamori.start();
  ApiClient c = signed_in(mamori, "admin@a.example.jp");
  const std::string path = "/api/v1/orgs/" + a.id + "/settings";
  c.send_csrf = false;
  auto missing = c.patch(path, {{"require_mfa", true}});
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(reason(missing), "csrf");
  c.send_csrf = true;
  const std::string good = c.csrf;
  c.csrf = "not-the-token";
  EXPECT_EQ(reason(c.patch(path, {{"require_mfa", true}})), "csrf");
  c.csrf = good;
  EXPECT_EQ(body_json(c.get(path))["require_mfa"], false);  // nothing changed
  EXPECT_EQ(c.patch(path, {{"require_mfa", false}}).status, 200);
}

TEST_F(ApiAuthTest, TheCsrfTokenComesBackAfterAReload) {
  mamori.start();
  ApiClient tab = signed_in(mamori, "admin@a.example.jp");
  ApiClient reloaded(mamori.port());  // same cookie, the token lost with the page
  reloaded.cookie = tab.cookie;
  EXPECT_EQ(reason(reloaded.patch("/api/v1/orgs/" + a.id + "/settings", {{"require_mfa", false}})), "csrf");
  auto me = body_json(reloaded.get("/api/v1/me"));
  ASSERT_TRUE(me.contains("csrf_token"));
  EXPECT_EQ(me["csrf_token"], tab.csrf);  // derived from the session: the same in every tab
  reloaded.csrf = me["csrf_token"];
  EXPECT_EQ(reloaded.patch("/api/v1/orgs/" + a.id + "/settings", {{"require_mfa", false}}).status, 200);
  // An API token's /me has no CSRF token: tokens need none.
  EXPECT_FALSE(body_json(ApiClient(mamori.port()).get("/api/v1/me")).contains("csrf_token"));
}

TEST_F(ApiAuthTest, FailedLoginsAreThrottledPerAccount) {
  mamori.start();
  ApiClient c(mamori.port());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.login("auditor@a.example.jp", "wrong password " + std::to_string(i)).status, 401);
  auto throttled = c.login("auditor@a.example.jp", kTestPassword);  // even the right password waits
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(reason(throttled), "too_many_attempts");
  EXPECT_GE(std::stoi(throttled.headers["retry-after"]), 1);
  // Other accounts are not affected.
  EXPECT_EQ(ApiClient(mamori.port()).login("viewer@a.example.jp", kTestPassword).status, 200);
  sleep_seconds(std::stoi(throttled.headers["retry-after"]) + 1);
  EXPECT_EQ(c.login("auditor@a.example.jp", kTestPassword).status, 200);
}

TEST_F(ApiAuthTest, ManyFailuresLockTheAccountForAWhile) {
  mamori.start({"--login-base-delay", "0", "--login-lock-failures", "4", "--login-lock-seconds", "600"});
  ApiClient c(mamori.port());
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.login("editor@a.example.jp", "wrong").status, 401);
  auto locked = c.login("editor@a.example.jp", kTestPassword);
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(reason(locked), "temporarily_locked");
  EXPECT_GE(std::stoi(locked.headers["retry-after"]), 590);
  // The lock is in the audit log, and a reset by the operator lifts it.
  ASSERT_EQ(mamori.cli({"user", "reset-password", "--email", "editor@a.example.jp", "--password-stdin"}, kTestPassword + "!\n").exit_code, 0);
  EXPECT_EQ(c.login("editor@a.example.jp", kTestPassword + "!").status, 200);
}

TEST_F(ApiAuthTest, FailedLoginsAreThrottledPerSourceAddress) {
  mamori.start();
  ApiClient c(mamori.port());
  // Many accounts from one address (credential stuffing).
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(c.login("guess" + std::to_string(i) + "@a.example.jp", "wrong").status, 401) << i;
  auto r = c.login("viewer@a.example.jp", kTestPassword);
  EXPECT_EQ(r.status, 429);
  EXPECT_FALSE(r.headers["retry-after"].empty());
}

TEST_F(ApiAuthTest, AnIdleSessionLocksAndThePasswordUnlocksIt) {
  mamori.start({"--idle-timeout", "2"});
  ApiClient c = signed_in(mamori, "isms_manager@a.example.jp");
  EXPECT_EQ(c.get("/api/v1/me").status, 200);
  sleep_seconds(3);
  auto locked = c.get("/api/v1/me");
  EXPECT_EQ(locked.status, 401);
  EXPECT_EQ(reason(locked), "session_locked");
  EXPECT_EQ(reason(c.get("/api/v1/orgs/" + a.id + "/members")), "session_locked");
  EXPECT_EQ(body_json(c.get("/api/v1/auth/status"))["state"], "locked");
  const std::string locked_cookie = c.cookie;
  auto wrong = c.post("/api/v1/auth/unlock", {{"password", "not it"}});
  EXPECT_EQ(wrong.status, 401);
  auto unlocked = c.post("/api/v1/auth/unlock", {{"password", kTestPassword}});
  ASSERT_EQ(unlocked.status, 200) << unlocked.body;
  EXPECT_NE(c.cookie, locked_cookie);  // a new secret after unlocking
  EXPECT_EQ(c.get("/api/v1/me").status, 200);
  // Asking where the session stands is not activity: it still locks.
  auto live = body_json(c.get("/api/v1/auth/status"));
  EXPECT_EQ(live["state"], "live");
  EXPECT_LE(live["idle_seconds_left"].get<int>(), 2);
  sleep_seconds(1);
  c.get("/api/v1/auth/status");
  sleep_seconds(2);
  EXPECT_EQ(body_json(c.get("/api/v1/auth/status"))["state"], "locked");
  ASSERT_EQ(c.post("/api/v1/auth/unlock", {{"password", kTestPassword}}).status, 200);
  // Activity keeps it unlocked.
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(900));
    EXPECT_EQ(c.get("/api/v1/me").status, 200) << i;
  }
}

TEST_F(ApiAuthTest, ASessionEndsAtItsLifetime) {
  mamori.start({"--session-lifetime", "3"});
  ApiClient c = signed_in(mamori, "viewer@a.example.jp");
  EXPECT_EQ(c.get("/api/v1/me").status, 200);
  sleep_seconds(4);
  const std::string expired_cookie = c.cookie;
  auto expired = c.get("/api/v1/me");
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(reason(expired), "session_expired");
  c.cookie = expired_cookie;
  EXPECT_EQ(c.post("/api/v1/auth/unlock", {{"password", kTestPassword}}).status, 401);
}

TEST_F(ApiAuthTest, ChangingThePasswordEndsOtherSessions) {
  mamori.start();
  ApiClient first = signed_in(mamori, "editor@a.example.jp");
  ApiClient second = signed_in(mamori, "editor@a.example.jp");
  auto weak = first.post("/api/v1/auth/password", {{"current_password", kTestPassword}, {"new_password", "password"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(reason(weak), "weak_password");
  EXPECT_EQ(body_json(weak)["error"]["field"], "new_password");
  auto wrong = first.post("/api/v1/auth/password", {{"current_password", "nope"}, {"new_password", "a new long pass phrase"}});
  EXPECT_EQ(wrong.status, 401);
  auto changed =
      first.post("/api/v1/auth/password", {{"current_password", kTestPassword}, {"new_password", "a new long pass phrase"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(first.get("/api/v1/me").status, 200);
  EXPECT_EQ(reason(second.get("/api/v1/me")), "session_ended");
  EXPECT_EQ(ApiClient(mamori.port()).login("editor@a.example.jp", kTestPassword).status, 401);
  EXPECT_EQ(ApiClient(mamori.port()).login("editor@a.example.jp", "a new long pass phrase").status, 200);
}

TEST_F(ApiAuthTest, AnAdminCanEndAMembersSession) {
  mamori.start();
  ApiClient admin = signed_in(mamori, "admin@a.example.jp");
  ApiClient viewer = signed_in(mamori, "viewer@a.example.jp");
  auto sessions = body_json(admin.get("/api/v1/orgs/" + a.id + "/sessions"));
  std::string viewer_session;
  for (const auto& s : sessions)
    if (s["email"] == "viewer@a.example.jp") viewer_session = s["id"];
  ASSERT_FALSE(viewer_session.empty()) << sessions.dump();
  EXPECT_EQ(admin.del("/api/v1/orgs/" + a.id + "/sessions/" + viewer_session).status, 204);
  EXPECT_EQ(reason(viewer.get("/api/v1/me")), "session_ended");
  // Another organisation's admin cannot see or end it.
  ApiClient other = signed_in(mamori, "admin@b.example.jp");
  EXPECT_EQ(other.del("/api/v1/orgs/" + b.id + "/sessions/" + viewer_session).status, 404);
}

TEST_F(ApiAuthTest, AOneTimePasswordMustBeReplacedFirst) {
  mamori.start();
  ApiClient admin = signed_in(mamori, "admin@a.example.jp");
  auto added = admin.post("/api/v1/orgs/" + a.id + "/members", {{"email", "new.person@a.example.jp"}, {"role", "editor"}});
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string otp = body_json(added)["one_time_password"];
  ApiClient person(mamori.port());
  auto login = person.login("new.person@a.example.jp", otp);
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(body_json(login)["stage"], "password_change");
  EXPECT_EQ(reason(person.get("/api/v1/orgs/" + a.id + "/members")), "login_incomplete");
  EXPECT_EQ(person.get("/api/v1/me").status, 200);
  ASSERT_EQ(person.post("/api/v1/auth/password", {{"current_password", otp}, {"new_password", "my own long pass phrase"}}).status, 200);
  EXPECT_EQ(body_json(person.get("/api/v1/me"))["stage"], "active");
  EXPECT_EQ(person.get("/api/v1/orgs/" + a.id + "/members").status, 200);
}

TEST_F(ApiAuthTest, MfaEnrolmentThenLoginWithTotpOrARecoveryCode) {
  mamori.start();
  ApiClient c = signed_in(mamori, "auditor@a.example.jp");
  auto start = c.post("/api/v1/auth/mfa/totp/start");
  ASSERT_EQ(start.status, 200) << start.body;
  const std::string secret = body_json(start)["secret"];
  EXPECT_EQ(body_json(start)["otpauth_uri"].get<std::string>().rfind("otpauth://totp/", 0), 0u);
  EXPECT_NE(body_json(start)["qr_svg"].get<std::string>().find("<svg"), std::string::npos);
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  EXPECT_EQ(reason(c.post("/api/v1/auth/mfa/totp/confirm", {{"totp", "000000"}})), "invalid_code");
  auto confirmed = c.post("/api/v1/auth/mfa/totp/confirm", {{"totp", security::totp_code(secret, now)}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const auto codes = body_json(confirmed)["recovery_codes"];
  ASSERT_EQ(codes.size(), 10u);
  c.post("/api/v1/auth/logout");

  // Password, then the second factor.
  auto login = c.login("auditor@a.example.jp", kTestPassword);
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(body_json(login)["stage"], "mfa");
  EXPECT_EQ(reason(c.get("/api/v1/orgs/" + a.id + "/members")), "login_incomplete");
  EXPECT_EQ(reason(c.post("/api/v1/auth/totp", {{"totp", "123456"}})), "invalid_code");
  // The code used to confirm is spent: replaying it fails; the next step's code works.
  EXPECT_EQ(reason(c.post("/api/v1/auth/totp", {{"totp", security::totp_code(secret, now)}})), "invalid_code");
  const std::string before = c.cookie;
  auto second = c.post("/api/v1/auth/totp", {{"totp", security::totp_code(secret, now + 30)}});
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_NE(c.cookie, before);  // a new session secret once both factors are proven
  EXPECT_EQ(c.get("/api/v1/orgs/" + a.id + "/members").status, 200);
  c.post("/api/v1/auth/logout");

  // A recovery code works once.
  c.login("auditor@a.example.jp", kTestPassword);
  auto recovered = c.post("/api/v1/auth/totp", {{"recovery_code", codes[0].get<std::string>()}});
  ASSERT_EQ(recovered.status, 200) << recovered.body;
  EXPECT_EQ(body_json(c.get("/api/v1/me"))["recovery_codes_left"], 9);
  c.post("/api/v1/auth/logout");
  c.login("auditor@a.example.jp", kTestPassword);
  EXPECT_EQ(reason(c.post("/api/v1/auth/totp", {{"recovery_code", codes[0].get<std::string>()}})), "invalid_code");
  EXPECT_EQ(c.post("/api/v1/auth/totp", {{"recovery_code", codes[1].get<std::string>()}}).status, 200);
}

TEST_F(ApiAuthTest, AnOrganisationCanRequireMfa) {
  mamori.start();
  ApiClient admin = signed_in(mamori, "admin@a.example.jp");
  ASSERT_EQ(admin.patch("/api/v1/orgs/" + a.id + "/settings", {{"require_mfa", true}}).status, 200);
  ApiClient c(mamori.port());
  auto login = c.login("viewer@a.example.jp", kTestPassword);
  EXPECT_EQ(body_json(login)["stage"], "mfa_enrolment");
  EXPECT_EQ(reason(c.get("/api/v1/orgs/" + a.id)), "login_incomplete");
  const std::string secret = body_json(c.post("/api/v1/auth/mfa/totp/start"))["secret"];
  auto confirmed = c.post("/api/v1/auth/mfa/totp/confirm", {{"totp", security::totp_code(secret, std::time(nullptr))}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(c.get("/api/v1/orgs/" + a.id).status, 200);
  // Required by the organisation: it cannot be turned off.
  EXPECT_EQ(reason(c.post("/api/v1/auth/mfa/disable", {{"password", kTestPassword}})), "mfa_required_by_organisation");
}

TEST_F(ApiAuthTest, ApiTokensAreScopedExpiringAndRevocable) {
  mamori.start();
  ApiClient admin = signed_in(mamori, "admin@a.example.jp");
  auto created = admin.post("/api/v1/orgs/" + a.id + "/api-tokens",
                            {{"name", "nightly export"}, {"role", "viewer"}, {"expires_in_days", 30}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = body_json(created)["token"];
  const std::string token_id = body_json(created)["id"];
  EXPECT_EQ(token.rfind("mamori_", 0), 0u);
  // The list never shows the secret.
  EXPECT_EQ(admin.get("/api/v1/orgs/" + a.id + "/api-tokens").body.find(token), std::string::npos);

  ApiClient script(mamori.port());
  script.bearer = token;
  EXPECT_EQ(script.get("/api/v1/orgs/" + a.id + "/members").status, 200);
  EXPECT_EQ(script.get("/api/v1/catalogs").status, 200);
  EXPECT_EQ(script.patch("/api/v1/orgs/" + a.id + "/settings", {{"require_mfa", true}}).status, 403);  // viewer
  EXPECT_EQ(script.get("/api/v1/orgs/" + b.id + "/members").status, 404);  // another organisation
  EXPECT_EQ(script.post("/api/v1/orgs/" + a.id + "/api-tokens", {{"name", "x"}, {"role", "viewer"}, {"expires_in_days", 1}}).status, 403);
  auto me = body_json(script.get("/api/v1/me"));
  EXPECT_EQ(me["organisations"].size(), 1u);
  EXPECT_EQ(me["organisations"][0]["role"], "viewer");

  // A token may not carry more rights than its creator.
  ApiClient editor = signed_in(mamori, "editor@a.example.jp");
  EXPECT_EQ(editor.post("/api/v1/orgs/" + a.id + "/api-tokens", {{"name", "x"}, {"role", "viewer"}, {"expires_in_days", 1}}).status, 403);

  EXPECT_EQ(admin.del("/api/v1/orgs/" + a.id + "/api-tokens/" + token_id).status, 204);
  auto revoked = script.get("/api/v1/orgs/" + a.id + "/members");
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(reason(revoked), "invalid_token");

  // Expiry: a token whose time has passed is refused.
  auto second = body_json(admin.post("/api/v1/orgs/" + a.id + "/api-tokens",
                                     {{"name", "short"}, {"role", "viewer"}, {"expires_in_days", 1}}));
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open((mamori.data() + "/mamori.db").c_str(), &raw), SQLITE_OK);
  sqlite3_busy_timeout(raw, 5000);
  const std::string expire = "UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = '" +
                             second["id"].get<std::string>() + "'";
  ASSERT_EQ(sqlite3_exec(raw, expire.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  script.bearer = second["token"];
  EXPECT_EQ(reason(script.get("/api/v1/me")), "invalid_token");
}

// A token acts for the person who made it: when that person's access ends
// (the account disabled, or taken out of the organisation), so does the
// token's, and enabling the account again brings it back.
TEST_F(ApiAuthTest, ATokenStopsWhenItsCreatorLosesAccess) {
  mamori.add_user(a.name, "second.admin@a.example.jp", "admin", kTestPassword);
  mamori.start();
  ApiClient creator = signed_in(mamori, "second.admin@a.example.jp");
  auto created = creator.post("/api/v1/orgs/" + a.id + "/api-tokens",
                              {{"name", "nightly export"}, {"role", "viewer"}, {"expires_in_days", 30}});
  ASSERT_EQ(created.status, 201) << created.body;
  ApiClient script(mamori.port());
  script.bearer = body_json(created)["token"];
  const std::string members = "/api/v1/orgs/" + a.id + "/members";
  ASSERT_EQ(script.get(members).status, 200);

  ASSERT_EQ(mamori.cli({"user", "disable", "--email", "second.admin@a.example.jp"}).exit_code, 0);
  auto disabled = script.get(members);
  EXPECT_EQ(disabled.status, 401);
  EXPECT_EQ(reason(disabled), "invalid_token");
  ASSERT_EQ(mamori.cli({"user", "enable", "--email", "second.admin@a.example.jp"}).exit_code, 0);
  EXPECT_EQ(script.get(members).status, 200);

  ApiClient admin = signed_in(mamori, "admin@a.example.jp");
  std::string creator_id;
  for (const auto& m : body_json(admin.get(members)))
    if (m["email"] == "second.admin@a.example.jp") creator_id = m["user_id"];
  ASSERT_FALSE(creator_id.empty());
  ASSERT_EQ(admin.del(members + "/" + creator_id).status, 204);
  auto removed = script.get(members);
  EXPECT_EQ(removed.status, 401);
  EXPECT_EQ(reason(removed), "invalid_token");
  EXPECT_EQ(reason(script.get("/api/v1/me")), "invalid_token");
}

TEST_F(ApiAuthTest, TheWarningBannerIsPerOrganisation) {
  mamori.start();
  ApiClient anonymous(mamori.port());
  auto fallback = body_json(anonymous.get("/api/v1/auth/banner"));
  EXPECT_NE(fallback["ja"].get<std::string>().find("認可"), std::string::npos);
  ApiClient admin = signed_in(mamori, "admin@a.example.jp");
  ASSERT_EQ(admin.patch("/api/v1/orgs/" + a.id + "/settings",
                        {{"banner_ja", "テスト株式会社の許可された利用者のみ利用できます。"}, {"banner_en", "Authorised users only."}})
                .status,
            200);
  EXPECT_EQ(body_json(anonymous.get("/api/v1/auth/banner?org=" + a.id))["ja"],
            "テスト株式会社の許可された利用者のみ利用できます。");
  EXPECT_EQ(body_json(anonymous.get("/api/v1/auth/banner?org=" + b.id))["ja"], fallback["ja"]);
  EXPECT_EQ(body_json(anonymous.get("/api/v1/auth/banner?org=no-such-org"))["ja"], fallback["ja"]);
}

TEST_F(ApiAuthTest, CatalogsCanBeDownloadedAndFilesChecked) {
  mamori.start();
  ApiClient c = signed_in(mamori, "viewer@a.example.jp");
  auto xlsx = c.get("/api/v1/catalogs/ismap-2024/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip: .xlsx
  EXPECT_NE(xlsx.headers["content-disposition"].find("ismap-2024-2024-08-01.xlsx"), std::string::npos);
  auto yaml = c.get("/api/v1/catalogs/iso27017-2015/export?format=yaml");
  ASSERT_EQ(yaml.status, 200);
  auto good = c.request("POST", "/api/v1/catalogs/check", yaml.body, {{"Content-Type", "application/yaml"}});
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(body_json(good)["catalogs"][0], "iso27017-2015 2015: 7 nodes");
  auto bad = c.request("POST", "/api/v1/catalogs/check",
                       "catalog:\n  id: x\n  version: \"1\"\n  title: t\n  title_en: t\n  source: s\n  kinds: [item]\n"
                       "nodes:\n  - {ref: \"1\", kind: item, title: a}\n  - {ref: \"1\", kind: item, title: b}\n",
                       {{"Content-Type", "application/yaml"}});
  EXPECT_EQ(bad.status, 400);
  auto problems = body_json(bad)["error"]["problems"];
  ASSERT_EQ(problems.size(), 1u) << bad.body;
  EXPECT_EQ(problems[0]["line"], 10);
  EXPECT_NE(problems[0]["message"].get<std::string>().find("duplicate ref 1"), std::string::npos);
  EXPECT_EQ(c.get("/api/v1/catalogs/ismap-2024/export?format=pdf").status, 400);
  EXPECT_EQ(ApiClient(mamori.port()).get("/api/v1/catalogs/ismap-2024/export?format=xlsx").status, 401);
}

TEST_F(ApiAuthTest, EveryResponseCarriesTheSecurityHeaders) {
  mamori.start();
  ApiClient c(mamori.port());
  for (const auto& r : {c.get("/healthz"), c.get("/api/v1/me"), c.get("/api/v1/no/such/route"),
                        c.post("/api/v1/auth/login", {{"email", 1}})}) {
    EXPECT_NE(r.headers.at("content-security-policy").find("frame-ancestors 'none'"), std::string::npos) << r.status;
    EXPECT_EQ(r.headers.at("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.headers.at("referrer-policy"), "no-referrer");
    EXPECT_EQ(r.headers.count("strict-transport-security"), 0u);  // plain HTTP: no HSTS
  }
}

}  // namespace mamori
