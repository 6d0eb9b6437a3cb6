// store::PgBinaryCopy against a real server (the cluster ctest starts):
// field types and NULLs as binary COPY sends them, fields larger than one
// CopyData message, many tuples, stopping early with the connection still
// usable, and errors from the server before and during the stream.
#include <gtest/gtest.h>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <memory>
#include <string>
#include <vector>

#include "engine_database.h"
#include "store/database.h"
#include "store/pg_binary_copy.h"
#include "store/tx.h"

namespace mamori {

namespace {

class PgBinaryCopyTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(engine_.open(store::Engine::postgresql, db_)); }

  static PGconn* conn(store::Tx& tx) {
    return static_cast<soci::postgresql_session_backend*>(tx.sql().get_backend())->conn_;
  }

  test::EngineDatabase engine_;
  std::unique_ptr<store::Database> db_;
};

std::int64_t integer(const store::PgCopyField& f) {
  auto v = store::PgBinaryCopy::integer(f);
  EXPECT_TRUE(v) << v.error().message;
  return v ? v.value() : 0;
}

}  // namespace

TEST_F(PgBinaryCopyTest, ReadsIntegersTextAndNulls) {
  ASSERT_TRUE(db_->with_read([&](store::Tx& tx) -> Status {
    store::PgBinaryCopy copy(conn(tx),
                             "COPY (SELECT (-2)::int2, 70000::int4, (-5000000000)::int8, NULL::text, ''::text, "
                             "'監査ログ'::text, repeat('x', 300000)) TO STDOUT (FORMAT binary)");
    std::vector<store::PgCopyField> f;
    auto more = copy.next(f);
    EXPECT_TRUE(more && more.value());
    EXPECT_EQ(f.size(), 7u);
    if (f.size() != 7u) return ok();
    EXPECT_EQ(integer(f[0]), -2);
    EXPECT_EQ(integer(f[1]), 70000);
    EXPECT_EQ(integer(f[2]), -5000000000LL);
    EXPECT_TRUE(f[3].null);
    EXPECT_FALSE(f[4].null);  // empty is not NULL
    EXPECT_EQ(f[4].bytes, "");
    EXPECT_EQ(f[5].bytes, "監査ログ");
    EXPECT_EQ(f[6].bytes, std::string(300000, 'x'));  // larger than one CopyData message
    more = copy.next(f);
    EXPECT_TRUE(more && !more.value());  // the trailer: done, and the status was fine
    return ok();
  }));
}

TEST_F(PgBinaryCopyTest, ReadsEveryTupleOfALongStream) {
  ASSERT_TRUE(db_->with_read([&](store::Tx& tx) -> Status {
    store::PgBinaryCopy copy(conn(tx),
                             "COPY (SELECT i, md5(i::text) FROM generate_series(1, 100000) i) TO STDOUT (FORMAT binary)");
    std::vector<store::PgCopyField> f;
    std::int64_t count = 0, sum = 0;
    for (;;) {
      auto more = copy.next(f);
      EXPECT_TRUE(more) << more.error().message;
      if (!more || !more.value()) break;
      ++count;
      sum += integer(f[0]);
      EXPECT_EQ(f[1].bytes.size(), 32u);
    }
    EXPECT_EQ(count, 100000);
    EXPECT_EQ(sum, 100000LL * 100001 / 2);
    return ok();
  }));
}

TEST_F(PgBinaryCopyTest, StoppingEarlyLeavesTheConnectionUsable) {
  ASSERT_TRUE(db_->with_read([&](store::Tx& tx) -> Status {
    {
      store::PgBinaryCopy copy(conn(tx), "COPY (SELECT i FROM generate_series(1, 200000) i) TO STDOUT (FORMAT binary)");
      std::vector<store::PgCopyField> f;
      for (int i = 0; i < 10; ++i) EXPECT_TRUE(copy.next(f));
    }  // the rest is read and dropped here
    int answer = 0;
    tx.sql() << "SELECT 42", soci::into(answer);
    EXPECT_EQ(answer, 42);
    return ok();
  }));
}

TEST_F(PgBinaryCopyTest, AnInvalidStatementIsAnErrorWithTheServersMessage) {
  ASSERT_TRUE(db_->with_read([&](store::Tx& tx) -> Status {
    store::PgBinaryCopy copy(conn(tx), "COPY (SELECT * FROM no_such_table) TO STDOUT (FORMAT binary)");
    std::vector<store::PgCopyField> f;
    auto more = copy.next(f);
    EXPECT_FALSE(more);
    if (!more) {
      EXPECT_NE(more.error().message.find("no_such_table"), std::string::npos) << more.error().message;
    }
    return ok();
  }));
}

TEST_F(PgBinaryCopyTest, AnErrorInTheMiddleOfTheStreamIsReported) {
  auto status = db_->with_read([&](store::Tx& tx) -> Status {
    store::PgBinaryCopy copy(
        conn(tx), "COPY (SELECT 1 / (i - 50000) FROM generate_series(1, 100000) i) TO STDOUT (FORMAT binary)");
    std::vector<store::PgCopyField> f;
    std::int64_t rows = 0;
    for (;;) {
      auto more = copy.next(f);
      if (!more) {
        EXPECT_NE(more.error().message.find("division by zero"), std::string::npos) << more.error().message;
        break;
      }
      EXPECT_TRUE(more.value()) << "the stream ended without the error";
      if (!more.value()) break;
      ++rows;
    }
    EXPECT_LT(rows, 50000);
    return ok();
  });
  // The transaction failed on the server; ending it must not hang or crash.
  (void)status;
}

TEST(PgBinaryCopyInteger, RefusesAFieldThatIsNoIntegerSize) {
  auto v = store::PgBinaryCopy::integer(store::PgCopyField{"abc", false});
  ASSERT_FALSE(v);
  EXPECT_NE(v.error().message.find("3 bytes"), std::string::npos);
}

}  // namespace mamori
