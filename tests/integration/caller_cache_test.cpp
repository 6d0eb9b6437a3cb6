// Who is calling, kept between requests (app/caller_cache.h), with two
// Database objects on one database standing for two `mamori serve`
// processes: A keeps its callers, B changes things. Kept lookups are really
// used (the hit count moves), yet a revoked token, an ended session or a
// moved data version is never served from them: at once when A itself made
// the change; on SQLite at once also when B made it (the file watch reads
// the kernel's queue on every call); on PostgreSQL as soon as B's
// notification arrives, also when A's listening connection was lost at the
// moment B changed it. An in-memory SQLite database has no file to watch:
// nothing is kept.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app/audited_write.h"
#include "app/auth.h"
#include "app/caller_cache.h"
#include "app/data_version.h"
#include "app/organisations.h"
#include "app/services.h"
#include "engine_database.h"
#include "security/secret_box.h"
#include "security/tokens.h"
#include "store/database.h"
#include "store/ids.h"
#include "store/session_repository.h"
#include "store/tx.h"
#include "store/user_repository.h"

namespace mamori {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kToken = "mamori_kept-token-for-the-cache-test";
constexpr const char* kSessionSecret = "kept-session-secret-for-the-cache-test";

class CallerCacheTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void open(store::Engine engine) {
    engine_kind_ = engine;
    ASSERT_NO_FATAL_FAILURE(engine_.open(engine, db_a_));
    auto other = store::Database::open(db_a_->url());
    ASSERT_TRUE(other) << other.error().describe();
    db_b_ = std::move(other.value());
    a_ = std::make_unique<app::Services>(app::Services{*db_a_, secrets_, {}, nullptr, &callers_});
    b_ = std::make_unique<app::Services>(app::Services{*db_b_, secrets_, {}, nullptr, nullptr});
    auto tenant = app::create_tenant(*b_, app::Caller::operator_cli(), "キャッシュ組織", domain::TenantKind::provider);
    ASSERT_TRUE(tenant) << tenant.error().describe();
    tenant_ = tenant->id;
    const std::string now = store::iso_from_unix(store::unix_now());
    const std::string tomorrow = store::iso_from_unix(store::unix_now() + 86400);
    ASSERT_TRUE(db_b_->with_write([&](store::Tx& tx) -> Status {
      auto user = store::insert_user(tx, "owner@example.jp", "Owner", "hash", false);
      if (!user) return user.error();
      if (auto m = store::add_membership(tx, tenant_, user->id, domain::Role::admin); !m) return m;
      store::ApiToken t;
      t.id = "tok-kept";
      t.secret_hash = security::secret_hash(kToken);
      t.tenant_id = tenant_;
      t.created_by = user->id;
      t.name = "CI";
      t.role = domain::Role::viewer;
      t.created_at = now;
      t.expires_at = tomorrow;
      if (auto r = store::insert_api_token(tx, t); !r) return r;
      if (auto r = store::touch_api_token(tx, t.id, now); !r) return r;  // no touch due in the test
      store::Session s;
      s.id = "ses-kept";
      s.secret_hash = security::secret_hash(kSessionSecret);
      s.user_id = user->id;
      s.active_tenant_id = tenant_;
      s.stage = domain::SessionStage::active;
      s.created_at = s.last_seen_at = now;
      s.idle_timeout_seconds = 900;
      s.expires_at = tomorrow;
      s.source_ip = "127.0.0.1";
      s.user_agent = "test";
      return store::insert_session(tx, s);
    }));
  }

  void TearDown() override {
    a_.reset();
    b_.reset();
    db_b_.reset();
    db_a_.reset();
  }

  Result<app::Caller> token_call(app::DataVersionWanted* version = nullptr) {
    return app::authenticate_api_token(*a_, kToken, "127.0.0.1", "test", version);
  }
  Result<app::Caller> session_call(app::DataVersionWanted* version = nullptr) {
    return app::authenticate_session(*a_, kSessionSecret, "127.0.0.1", "test", version);
  }

  // Calls until the kept token is used (the listener connects on the
  // first call, so the first calls read the database).
  void until_token_kept() {
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    const std::size_t before = callers_.tokens.hits();
    while (callers_.tokens.hits() == before && Clock::now() < deadline) {
      ASSERT_TRUE(token_call()) << "the token should be accepted";
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_GT(callers_.tokens.hits(), before) << "the token was never served from the cache";
  }

  // How long until `refused` holds (at most 10 s: the test then fails). On
  // SQLite another process's change must be seen at the very next call.
  template <typename Refused>
  std::chrono::milliseconds until(Refused refused) {
    if (engine_kind_ == store::Engine::sqlite) {
      EXPECT_TRUE(refused()) << "SQLite: still served from the cache right after the other process's commit";
      return std::chrono::milliseconds(0);
    }
    const auto start = Clock::now();
    while (!refused() && Clock::now() - start < std::chrono::seconds(10))
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    EXPECT_TRUE(refused()) << "still served from the cache 10 s after the change";
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  }

  Status revoke_on(store::Database& db) {
    return db.with_write([](store::Tx& tx) { return store::revoke_api_token(tx, "tok-kept"); });
  }

  test::EngineDatabase engine_;
  store::Engine engine_kind_ = store::Engine::sqlite;
  std::unique_ptr<store::Database> db_a_, db_b_;
  security::SecretBox secrets_ = security::SecretBox::from_key({});
  app::CallerCache callers_;
  std::unique_ptr<app::Services> a_, b_;
  std::string tenant_;
};

INSTANTIATE_TEST_SUITE_P(Engines, CallerCacheTest, ::testing::Values(store::Engine::sqlite, store::Engine::postgresql),
                         test::engine_name);

TEST_P(CallerCacheTest, ATokenRevokedByThisProcessIsRefusedAtOnce) {
  ASSERT_NO_FATAL_FAILURE(open(GetParam()));
  ASSERT_NO_FATAL_FAILURE(until_token_kept());
  ASSERT_TRUE(revoke_on(*db_a_));
  auto refused = token_call();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, "invalid_token");
}

TEST_P(CallerCacheTest, ATokenRevokedByAnotherProcessIsRefusedOnceNotified) {
  ASSERT_NO_FATAL_FAILURE(open(GetParam()));
  ASSERT_NO_FATAL_FAILURE(until_token_kept());
  ASSERT_TRUE(revoke_on(*db_b_));
  const auto waited = until([&] { return !token_call(); });
  std::cout << "[ note ] refused " << waited.count() << " ms after the other process revoked it\n";
}

TEST_P(CallerCacheTest, AnEndedSessionAndAMovedDataVersionAreSeen) {
  ASSERT_NO_FATAL_FAILURE(open(GetParam()));
  auto wanted = [&] {
    app::DataVersionWanted v;
    v.tenant_id = tenant_;
    return v;
  };
  app::DataVersionWanted first = wanted();
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  const std::size_t before = callers_.sessions.hits();
  while (callers_.sessions.hits() == before && Clock::now() < deadline) {
    first = wanted();
    ASSERT_TRUE(session_call(&first));
  }
  ASSERT_GT(callers_.sessions.hits(), before) << "the session was never served from the cache";

  // Any audited write in the organisation moves its stamp.
  ASSERT_TRUE(app::record_audit_events(*b_, app::Caller::operator_cli(),
                                       {{tenant_, "export.read", "tenant", tenant_, "success", false, "{}"}}));
  until([&] {
    app::DataVersionWanted now = wanted();
    return session_call(&now) && now.version != first.version;
  });

  ASSERT_TRUE(db_b_->with_write([](store::Tx& tx) { return store::end_session(tx, "ses-kept", "logout"); }));
  until([&] {
    auto r = session_call();
    return !r && r.error().reason == "session_ended";
  });
}

// The revocation's notification is lost with the connection: A must not
// go on serving the kept token (it reads the database while not listening,
// and reconnecting moves the generation).
TEST_F(CallerCacheTest, OnPostgresqlAChangeMadeWhileTheListenerIsCutOffIsStillSeen) {
  ASSERT_NO_FATAL_FAILURE(open(store::Engine::postgresql));
  ASSERT_NO_FATAL_FAILURE(until_token_kept());
  int cut = 0;
  ASSERT_TRUE(db_b_->with_write([&](store::Tx& tx) -> Status {
    tx.sql() << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query = 'LISTEN mamori_change' "
                "AND datname = current_database()",
        soci::into(cut);
    if (auto r = store::revoke_api_token(tx, "tok-kept"); !r) return r;
    return ok();
  }));
  EXPECT_EQ(cut, 1) << "the listener's connection was not found";
  until([&] { return !token_call(); });
}

// Another process's change reaches SQLite through the -wal file: seen by
// the very next call, each time, without a query in between when nothing
// changed.
TEST_F(CallerCacheTest, OnSqliteEveryChangeByAnotherProcessIsSeenAtTheNextCall) {
  ASSERT_NO_FATAL_FAILURE(open(store::Engine::sqlite));
  for (int round = 0; round < 20; ++round) {
    ASSERT_NO_FATAL_FAILURE(until_token_kept());
    // A write unrelated to the token still moves the generation.
    ASSERT_TRUE(app::record_audit_events(*b_, app::Caller::operator_cli(),
                                         {{tenant_, "export.read", "tenant", tenant_, "success", false, "{}"}}));
    const std::size_t hits = callers_.tokens.hits();
    ASSERT_TRUE(token_call());
    EXPECT_EQ(callers_.tokens.hits(), hits) << "round " << round << ": served from the cache after a commit";
  }
  ASSERT_TRUE(revoke_on(*db_b_));
  EXPECT_FALSE(token_call());
  // B signalled its commits once they were visible (store/file_change_watch.h).
  EXPECT_TRUE(std::filesystem::exists(db_b_->url().target + "-commits"));
}

TEST_F(CallerCacheTest, NothingIsKeptOnAnInMemorySqliteDatabase) {
  auto db = store::Database::open(store::DatabaseUrl{store::Engine::sqlite, ":memory:"});
  ASSERT_TRUE(db) << db.error().describe();
  EXPECT_FALSE(db.value()->change_generation());
}

}  // namespace
}  // namespace mamori
