#include "store/change_watch.h"

#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

namespace mamori::store {

namespace {

// Between attempts while PostgreSQL cannot be reached: lookups go to the
// database meanwhile, so this only bounds how soon caching resumes.
constexpr int kRetryMilliseconds = 1000;

struct Connection {
  PGconn* conn;
  ~Connection() { PQfinish(conn); }
};

}  // namespace

ChangeWatch::ChangeWatch(std::string libpq_keywords, std::atomic<std::uint64_t>& counter)
    : keywords_(std::move(libpq_keywords)), counter_(counter) {
  if (pipe(wake_) != 0) {
    // Without the pipe the thread could not be stopped: never listen, so
    // nothing is ever served from a cache.
    wake_[0] = wake_[1] = -1;
    return;
  }
  thread_ = std::thread([this] { run(); });
}

ChangeWatch::~ChangeWatch() {
  stopping_ = true;
  if (wake_[1] >= 0) {
    const char byte = 0;
    (void)!write(wake_[1], &byte, 1);
  }
  if (thread_.joinable()) thread_.join();
  for (int fd : wake_)
    if (fd >= 0) close(fd);
}

std::optional<std::uint64_t> ChangeWatch::generation() const {
  // Listening first, then the counter: a drop and reconnect in between has
  // moved the counter, so what was cached under the old value is not used.
  if (!listening_.load(std::memory_order_acquire)) return std::nullopt;
  return counter_.load(std::memory_order_acquire);
}

void ChangeWatch::run() {
  while (!stopping_) {
    if (!listen_once()) return;
    pollfd wake{wake_[0], POLLIN, 0};
    (void)poll(&wake, 1, kRetryMilliseconds);
  }
}

bool ChangeWatch::listen_once() {
  Connection c{PQconnectdb(keywords_.c_str())};
  if (PQstatus(c.conn) != CONNECTION_OK) return !stopping_;
  PGresult* listen = PQexec(c.conn, (std::string("LISTEN ") + kChannel).c_str());
  const bool listened = PQresultStatus(listen) == PGRES_COMMAND_OK;
  PQclear(listen);
  if (!listened) return !stopping_;
  // Changes made while no one listened were not notified: everything
  // cached before now is treated as stale.
  counter_.fetch_add(1, std::memory_order_acq_rel);
  listening_.store(true, std::memory_order_release);
  while (!stopping_) {
    pollfd fds[2] = {{PQsocket(c.conn), POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) continue;  // EINTR
    if (fds[1].revents) break;
    if (!PQconsumeInput(c.conn) || PQstatus(c.conn) != CONNECTION_OK) break;
    bool changed = false;
    while (PGnotify* n = PQnotifies(c.conn)) {
      changed = true;
      PQfreemem(n);
    }
    if (changed) counter_.fetch_add(1, std::memory_order_acq_rel);
  }
  listening_.store(false, std::memory_order_release);
  counter_.fetch_add(1, std::memory_order_acq_rel);
  return !stopping_;
}

}  // namespace mamori::store
