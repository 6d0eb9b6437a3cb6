#include "store/file_change_watch.h"

#include <fcntl.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace mamori::store {

namespace {

// The files of one SQLite database whose writes mean a commit: the file
// itself, its write-ahead log or rollback journal, and the commit signal.
// Not "-shm": SQLite writes it through mmap, which inotify does not see,
// and a commit always writes the log too.
bool names_the_database(const std::string& file, const char* name) {
  const std::size_t n = file.size();
  if (std::strncmp(name, file.c_str(), n) != 0) return false;
  const char* rest = name + n;
  return *rest == '\0' || std::strcmp(rest, "-wal") == 0 || std::strcmp(rest, "-journal") == 0 ||
         std::strcmp(rest, "-commits") == 0;
}

}  // namespace

CommitSignal::~CommitSignal() {
  if (fd_ >= 0) ::close(fd_);
}

void CommitSignal::after_commit() {
  std::lock_guard lock(mutex_);
  if (failed_) return;
  if (fd_ < 0) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) {
      failed_ = true;  // e.g. a read-only directory: the -wal event is left
      return;
    }
  }
  // The content does not matter, only that a write happens (IN_MODIFY).
  const char byte = '.';
  if (::pwrite(fd_, &byte, 1, 0) < 0) failed_ = true;
}

FileChangeWatch::FileChangeWatch(const std::string& database_file, std::atomic<std::uint64_t>& counter)
    : counter_(counter) {
  const std::filesystem::path path(database_file);
  file_name_ = path.filename().string();
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  if (file_name_.empty()) return;
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) return;
  // The directory, not the files: the -wal file comes and goes, and a
  // database put in place by a rename (a restore) must count too.
  const std::uint32_t mask = IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                             IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
  if (inotify_add_watch(fd_, dir.c_str(), mask) < 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

FileChangeWatch::~FileChangeWatch() {
  if (fd_ >= 0) ::close(fd_);
}

bool FileChangeWatch::drain() {
  bool changed = false;
  alignas(inotify_event) char buffer[16 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EAGAIN: the queue is empty
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      // Events were dropped: one of them may have been a commit.
      if (event->mask & IN_Q_OVERFLOW) changed = true;
      // The directory itself is gone or moved: nothing more will be seen.
      if (event->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) lost_ = true;
      if (event->len > 0 && names_the_database(file_name_, event->name)) changed = true;
    }
  }
  return changed;
}

std::optional<std::uint64_t> FileChangeWatch::generation() {
  if (fd_ < 0) return std::nullopt;
  // Held across the read: a request must not see an unmoved counter while
  // another thread has taken the event off the queue but not yet moved it.
  std::lock_guard lock(mutex_);
  if (lost_) return std::nullopt;
  if (drain()) counter_.fetch_add(1, std::memory_order_acq_rel);
  if (lost_) return std::nullopt;
  return counter_.load(std::memory_order_acquire);
}

}  // namespace mamori::store
