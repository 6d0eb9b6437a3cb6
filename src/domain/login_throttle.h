// Throttling of failed logins, per account and per source address: a few
// free attempts, then a growing wait (429 + Retry-After), then a temporary
// lock. Counting happens in the store; the decision is here.
#pragma once

#include <cstdint>

namespace mamori::domain {

struct ThrottlePolicy {
  std::int64_t window_seconds = 15 * 60;  // failures older than this do not count
  int free_failures = 5;                  // before any wait
  int lock_failures = 10;                 // then the account (or address) is locked
  std::int64_t base_delay_seconds = 2;    // doubles with each failure past the free ones
  std::int64_t lock_seconds = 15 * 60;    // a lock lasts this long after the last failure
  // An address sees many accounts (an office behind one NAT): more room.
  int address_free_failures = 20;
  int address_lock_failures = 50;
};

struct ThrottleDecision {
  bool allowed = true;
  bool locked = false;
  std::int64_t retry_after_seconds = 0;  // when not allowed
};

enum class ThrottleScope { account, address };

// `failures` within the window, the newest of them at `last_failure` (Unix
// seconds), decided at `now`.
ThrottleDecision decide_login_throttle(int failures, std::int64_t last_failure, std::int64_t now,
                                       ThrottleScope scope, const ThrottlePolicy& policy = {});

}  // namespace mamori::domain
