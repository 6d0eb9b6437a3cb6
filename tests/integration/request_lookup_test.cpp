// The lookups every API request starts with, on both engines: the token,
// its creator's e-mail and the organisation's data version, sent together
// (store::look_up_api_token over store::hot_queries, which on PostgreSQL is
// one libpq pipeline). What it reads must equal what the separate reads
// give, and a statement that fails inside a pipeline must leave the
// connection usable.
#include <gtest/gtest.h>

#include "app/organisations.h"
#include "app/services.h"
#include "engine_database.h"
#include "security/secret_box.h"
#include "store/data_version.h"
#include "store/database.h"
#include "store/hot_query.h"
#include "store/session_repository.h"
#include "store/tx.h"
#include "store/user_repository.h"

namespace mamori {
namespace {

class RequestLookupTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(engine_.open(GetParam(), db_));
    services_ = std::make_unique<app::Services>(app::Services{*db_, secrets_, {}, nullptr});
    auto tenant = app::create_tenant(*services_, app::Caller::operator_cli(), "照会組織", domain::TenantKind::provider);
    ASSERT_TRUE(tenant) << tenant.error().describe();
    tenant_ = tenant->id;
    ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
      auto user = store::insert_user(tx, "owner@example.jp", "Owner", "hash", false);
      if (!user) return user.error();
      // A token counts only while its creator is a member (see below).
      if (auto m = store::add_membership(tx, tenant_, user->id, domain::Role::admin); !m) return m;
      store::ApiToken t;
      t.id = "tok-1";
      t.secret_hash = "secret-hash-1";
      t.tenant_id = tenant_;
      t.created_by = user->id;
      t.name = "CI";
      t.role = domain::Role::editor;
      t.created_at = "2026-11-01T00:00:00Z";
      t.expires_at = "2027-11-01T00:00:00Z";
      if (auto r = store::insert_api_token(tx, t); !r) return r;
      store::Session s;
      s.id = "ses-1";
      s.secret_hash = "session-hash-1";
      s.user_id = user->id;
      s.active_tenant_id = tenant_;
      s.stage = domain::SessionStage::active;
      s.created_at = s.last_seen_at = "2026-11-01T00:00:00Z";
      s.idle_timeout_seconds = 900;
      s.expires_at = "2026-11-02T00:00:00Z";
      s.source_ip = "127.0.0.1";
      s.user_agent = "test";
      user_id_ = user->id;
      return store::insert_session(tx, s);
    }));
  }
  void TearDown() override {
    services_.reset();
    db_.reset();
  }

  test::EngineDatabase engine_;
  std::unique_ptr<store::Database> db_;
  security::SecretBox secrets_ = security::SecretBox::from_key({});
  std::unique_ptr<app::Services> services_;
  std::string tenant_, user_id_;
};

TEST_P(RequestLookupTest, ReadsTheTokenItsCreatorAndTheStampAsSeparateReadsDo) {
  store::ApiTokenLookup lookup;
  std::string stamp_alone;
  ASSERT_TRUE(db_->with_lookups([&](store::Tx& tx) -> Status {
    auto l = store::look_up_api_token(tx, "secret-hash-1", &tenant_);
    if (!l) return l.error();
    lookup = l.value();
    auto s = store::data_version_stamp(tx, tenant_);
    if (!s) return s.error();
    stamp_alone = s.value();
    return ok();
  }));
  ASSERT_TRUE(lookup.token);
  EXPECT_EQ(lookup.token->id, "tok-1");
  EXPECT_EQ(lookup.token->tenant_id, tenant_);
  EXPECT_EQ(lookup.token->role, domain::Role::editor);
  EXPECT_EQ(lookup.creator_email, "owner@example.jp");
  ASSERT_TRUE(lookup.stamp);
  EXPECT_EQ(*lookup.stamp, stamp_alone);
  EXPECT_NE(lookup.stamp->find(tenant_), std::string::npos);  // the organisation's chain head is in it
}

// The creator's e-mail comes back only while the creator's account is
// enabled and a member of the token's organisation; authenticate_api_token
// refuses the token otherwise.
TEST_P(RequestLookupTest, TheCreatorIsEmptyOnceDisabledOrNoLongerAMember) {
  auto creator = [&] {
    std::string email = "unread";
    EXPECT_TRUE(db_->with_lookups([&](store::Tx& tx) -> Status {
      auto l = store::look_up_api_token(tx, "secret-hash-1", nullptr);
      if (!l) return l.error();
      EXPECT_TRUE(l->token);
      email = l->creator_email;
      return ok();
    }));
    return email;
  };
  ASSERT_EQ(creator(), "owner@example.jp");
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) { return store::set_user_disabled(tx, user_id_, true); }));
  EXPECT_EQ(creator(), "");
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) { return store::set_user_disabled(tx, user_id_, false); }));
  EXPECT_EQ(creator(), "owner@example.jp");
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) { return store::remove_membership(tx, tenant_, user_id_); }));
  EXPECT_EQ(creator(), "");
}

TEST_P(RequestLookupTest, ReadsTheSessionItsUserAndTheStamp) {
  ASSERT_TRUE(db_->with_lookups([&](store::Tx& tx) -> Status {
    auto found = store::look_up_session(tx, "session-hash-1", &tenant_);
    EXPECT_TRUE(found) << (found ? "" : found.error().describe());
    if (!found) return ok();
    EXPECT_TRUE(found->session && found->session->id == "ses-1");
    EXPECT_TRUE(found->user && found->user->id == user_id_ && found->user->email == "owner@example.jp");
    auto stamp = store::data_version_stamp(tx, tenant_);
    EXPECT_TRUE(stamp && found->stamp && *found->stamp == stamp.value());
    auto unknown = store::look_up_session(tx, "no-such-hash", nullptr);
    EXPECT_TRUE(unknown && !unknown->session && !unknown->user && !unknown->stamp);
    return ok();
  }));
}

TEST_P(RequestLookupTest, AnUnknownSecretFindsNothingAndTheStampIsReadOnlyWhenAsked) {
  ASSERT_TRUE(db_->with_lookups([&](store::Tx& tx) -> Status {
    auto unknown = store::look_up_api_token(tx, "no-such-hash", &tenant_);
    EXPECT_TRUE(unknown);
    if (unknown) {
      EXPECT_FALSE(unknown->token);
      EXPECT_TRUE(unknown->stamp);
    }
    auto no_stamp = store::look_up_api_token(tx, "secret-hash-1", nullptr);
    EXPECT_TRUE(no_stamp);
    if (no_stamp) {
      EXPECT_TRUE(no_stamp->token);
      EXPECT_FALSE(no_stamp->stamp);
    }
    return ok();
  }));
}

TEST_P(RequestLookupTest, AFailedStatementAmongSeveralIsAnErrorAndTheConnectionStaysUsable) {
  static const std::string kOne = "SELECT 'one'";
  // Prepares fine and fails when run with "{": on PostgreSQL the failure
  // happens inside the pipeline, not before it.
  const std::string kBroken = GetParam() == store::Engine::postgresql ? "SELECT CAST($1 AS INTEGER)" : "SELECT json($1)";
  static const std::string kThree = "SELECT id FROM api_tokens WHERE secret_hash = $1";
  // with_lookups runs without a transaction on PostgreSQL, so a failure does
  // not poison what follows; each call takes a pooled connection, and the
  // pool is small, so the later calls reuse the one that failed.
  for (int round = 0; round < 6; ++round) {
    auto failed = db_->with_lookups([&](store::Tx& tx) -> Status {
      auto r = store::hot_queries(tx, {{kOne, {}}, {kBroken, {"{"}}, {kThree, {"secret-hash-1"}}});
      if (!r) return r.error();
      return ok();
    });
    EXPECT_FALSE(failed);
    auto fine = db_->with_lookups([&](store::Tx& tx) -> Status {
      auto r = store::hot_queries(tx, {{kOne, {}}, {kThree, {"secret-hash-1"}}});
      if (!r) return r.error();
      EXPECT_EQ(r->size(), 2u);
      if (r->size() == 2) {
        EXPECT_EQ(r->at(0).at(0).at(0), "one");
        EXPECT_EQ(r->at(1).at(0).at(0), "tok-1");
      }
      return ok();
    });
    EXPECT_TRUE(fine) << fine.error().describe();
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, RequestLookupTest,
                         ::testing::Values(store::Engine::sqlite, store::Engine::postgresql), test::engine_name);

}  // namespace
}  // namespace mamori
