// Tells a process that the SQLite database file may have changed, by this
// process or by any other on the same host, without a query: the SQLite
// counterpart of store/change_watch.h.
//
// Every commit writes the database's -wal file (or, in rollback-journal
// mode, the database file itself) with write(2), and the kernel queues an
// inotify event for it before that write returns. But SQLite makes the
// commit visible only after those writes (in the shared-memory index), so
// a reader that took that event and read at once could still read the old
// state and keep it under the new generation. Hence CommitSignal: every
// mamori process writes "<database>-commits" after each of its write
// transactions, once the commit is visible, and that event is the one
// that counts. generation() reads the queue (one non-blocking read, no lock
// on the database) and moves the counter for any event about these files,
// so a change a mamori process committed before a request began is always
// seen by that request: unlike PostgreSQL's notifications there is no
// window. (A program other than mamori writing the file, like the sqlite3
// shell, gives only the -wal event: seen, but with that short window.) The
// coarseness is the price: any write at all (a session's idle clock, an
// audit entry of another organisation) moves it.
//
// generation() is nullopt when the watch could not be set up (inotify
// limits, a database that is no file) or was lost (the directory was
// removed or moved): then every request reads the database. SQLite's WAL
// needs every process on one host anyway, which is also what inotify sees.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace mamori::store {

// The write every process makes after each of its commits (above). Opens
// (creates, 0600) "<database_file>-commits" on first use; when it cannot,
// the -wal event alone is left.
class CommitSignal {
 public:
  explicit CommitSignal(std::string database_file) : path_(std::move(database_file) + "-commits") {}
  ~CommitSignal();
  CommitSignal(const CommitSignal&) = delete;
  CommitSignal& operator=(const CommitSignal&) = delete;

  void after_commit();

 private:
  const std::string path_;
  std::mutex mutex_;
  int fd_ = -1;
  bool failed_ = false;
};

class FileChangeWatch {
 public:
  // `database_file`: the SQLite file; `counter`: moved on every change
  // (shared with Database::with_write).
  FileChangeWatch(const std::string& database_file, std::atomic<std::uint64_t>& counter);
  ~FileChangeWatch();
  FileChangeWatch(const FileChangeWatch&) = delete;
  FileChangeWatch& operator=(const FileChangeWatch&) = delete;

  std::optional<std::uint64_t> generation();

 private:
  // Reads every queued event; true when one was about the database.
  bool drain();

  std::atomic<std::uint64_t>& counter_;
  std::string file_name_;  // "mamori.db": events name files in the directory
  int fd_ = -1;
  bool lost_ = false;
  std::mutex mutex_;  // one reader of the queue at a time (see generation())
};

}  // namespace mamori::store
