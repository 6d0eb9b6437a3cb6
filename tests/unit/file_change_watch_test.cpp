// The SQLite change watch (store/file_change_watch.h) on its own: which
// writes move the generation (the database, its -wal and journal, the
// commit signal, a file renamed into place), which do not (-shm, other files
// of the data directory), and that a lost directory stops the watch rather
// than leaving it silently unmoved.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/file_change_watch.h"
#include "support/temp_dir.h"

namespace mamori::store {
namespace {

void append(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  out << text;
}

class FileChangeWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db = dir.file("mamori.db");
    append(db, "SQLite format 3");
    watch = std::make_unique<FileChangeWatch>(db, counter);
    first = watch->generation();
    ASSERT_TRUE(first) << "inotify is not available";
  }

  bool moved() {
    auto g = watch->generation();
    EXPECT_TRUE(g);
    const bool out = g && *g != *first;
    first = g;
    return out;
  }

  test::TempDir dir;
  std::string db;
  std::atomic<std::uint64_t> counter{0};
  std::unique_ptr<FileChangeWatch> watch;
  std::optional<std::uint64_t> first;
};

TEST_F(FileChangeWatchTest, NothingWrittenNothingMoved) {
  EXPECT_FALSE(moved());
  EXPECT_FALSE(moved());
}

TEST_F(FileChangeWatchTest, WritesToTheDatabaseItsLogsAndTheCommitSignalMoveIt) {
  append(db, "x");
  EXPECT_TRUE(moved());
  append(db + "-wal", "frame");
  EXPECT_TRUE(moved());
  append(db + "-journal", "page");
  EXPECT_TRUE(moved());
  CommitSignal signal(db);
  signal.after_commit();
  EXPECT_TRUE(moved());
  signal.after_commit();  // every commit, not only the first
  EXPECT_TRUE(moved());
  EXPECT_FALSE(moved());
}

TEST_F(FileChangeWatchTest, ADatabaseRenamedIntoPlaceMovesIt) {
  append(dir.file("restore.tmp"), "SQLite format 3, restored");
  EXPECT_FALSE(moved());  // another file of the directory
  std::filesystem::rename(dir.file("restore.tmp"), db);
  EXPECT_TRUE(moved());
}

TEST_F(FileChangeWatchTest, OtherFilesAndTheSharedMemoryIndexDoNot) {
  append(db + "-shm", "index");  // written through mmap by SQLite, never alone
  append(dir.file("secret.key"), "k");
  append(dir.file("mamori.db.bak"), "b");
  append(dir.file("other.db-wal"), "w");
  EXPECT_FALSE(moved());
}

TEST_F(FileChangeWatchTest, ALostDirectoryStopsTheWatch) {
  std::filesystem::remove_all(dir.path());
  EXPECT_FALSE(watch->generation());
  EXPECT_FALSE(watch->generation());  // and stays stopped
}

TEST(FileChangeWatchSetupTest, NoDirectoryNoWatch) {
  std::atomic<std::uint64_t> counter{0};
  FileChangeWatch watch("/nonexistent-mamori-dir/mamori.db", counter);
  EXPECT_FALSE(watch.generation());
}

}  // namespace
}  // namespace mamori::store
