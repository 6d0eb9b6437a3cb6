// Who is calling, kept between requests, so that a request whose answer is
// in the response cache needs no database round trip (PostgreSQL) or read
// transaction (SQLite) at all (issue 7: at 64 connections the lookup was
// most of the work).
//
// An entry is what store::look_up_session / look_up_api_token read for one
// secret (and the data version of the organisation asked about), filed
// under the database's change generation read BEFORE the lookup
// (store::Database::change_generation). It is used only while that
// generation has not moved: every write transaction of this process, and
// every change another process makes moves it: on PostgreSQL to users,
// memberships, sessions, API tokens, audit chain heads or catalogs
// (store/change_watch.h), on SQLite any commit at all
// (store/file_change_watch.h).
//
// Deciding anything other than "let this request through" is never done
// on a kept entry (app/auth_sessions.cpp re-reads first): a session's idle
// clock is not watched (it moves every half minute), so a kept one may be
// older than another process's touch, and locking or touching on it would
// be wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/session_repository.h"

namespace mamori::app {

template <typename Lookup>
class KeptLookups {
 public:
  explicit KeptLookups(std::size_t max_entries) : max_entries_(max_entries) {}

  std::optional<Lookup> find(const std::string& key, std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.generation != generation) return std::nullopt;
    ++hits_;
    return it->second.lookup;
  }

  void keep(const std::string& key, std::uint64_t generation, const Lookup& lookup) {
    std::lock_guard lock(mutex_);
    // Bounded: when full, start again (entries of an old generation are
    // useless anyway, and a live caller is read back on its next request).
    if (entries_.size() >= max_entries_ && !entries_.count(key)) entries_.clear();
    entries_[key] = Entry{generation, lookup};
  }

  std::size_t hits() const {
    std::lock_guard lock(mutex_);
    return hits_;
  }

 private:
  struct Entry {
    std::uint64_t generation;
    Lookup lookup;
  };
  const std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t hits_ = 0;  // how often a kept lookup was used (tests show the cache in play)
};

struct CallerCache {
  // Keys: the secret's hash and the organisation whose version was read.
  KeptLookups<store::SessionLookup> sessions{10000};
  KeptLookups<store::ApiTokenLookup> tokens{10000};
};

}  // namespace mamori::app
