// Tells a process, without a query, that something a cached lookup may
// depend on has changed in the database, by this process or by any other.
//
// On PostgreSQL, migration 10's triggers NOTIFY mamori_change when a
// statement changes who someone is or what they may do (users, memberships,
// sessions except the idle clock, API tokens except their last use) or what
// an organisation's reads show (audit chain heads, catalogs, mappings). A
// thread LISTENs on its own connection and moves a counter for each
// notification. Database::with_write moves the same counter after each of
// this process's own write transactions, so its own changes are seen at
// once; another process's are seen when its notification arrives, after
// that process's commit (normally well under a millisecond on one host).
//
// Lost notifications must not leave a stale entry in use: while the
// listening connection is down, generation() is nullopt (do not use
// anything cached), and reconnecting moves the counter before it is
// trusted again. SQLite has no notifications: store/file_change_watch.h
// watches its files instead.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace mamori::store {

class ChangeWatch {
 public:
  // `libpq_keywords`: the connection string; `counter`: moved on every
  // change (shared with Database::with_write). Starts listening at once,
  // on a thread; generation() is nullopt until LISTEN has taken effect.
  ChangeWatch(std::string libpq_keywords, std::atomic<std::uint64_t>& counter);
  ~ChangeWatch();
  ChangeWatch(const ChangeWatch&) = delete;
  ChangeWatch& operator=(const ChangeWatch&) = delete;

  // The counter while listening; nullopt while not (starting, or the
  // connection is down and being retried).
  std::optional<std::uint64_t> generation() const;

  // The channel migration 10's triggers notify.
  static constexpr const char* kChannel = "mamori_change";

 private:
  void run();
  bool listen_once();  // one connection's life; false when stopping

  const std::string keywords_;
  std::atomic<std::uint64_t>& counter_;
  std::atomic<bool> listening_{false};
  std::atomic<bool> stopping_{false};
  int wake_[2] = {-1, -1};  // a pipe: the destructor writes to end poll()
  std::thread thread_;
};

}  // namespace mamori::store
