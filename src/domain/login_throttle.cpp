#include "domain/login_throttle.h"

#include <algorithm>

namespace mamori::domain {

ThrottleDecision decide_login_throttle(int failures, std::int64_t last_failure, std::int64_t now, ThrottleScope scope,
                                       const ThrottlePolicy& policy) {
  const int free = scope == ThrottleScope::account ? policy.free_failures : policy.address_free_failures;
  const int lock = scope == ThrottleScope::account ? policy.lock_failures : policy.address_lock_failures;
  ThrottleDecision d;
  // The lock threshold wins even when an operator set it below the free
  // attempts.
  if (failures < free && failures < lock) return d;
  std::int64_t wait;
  if (failures >= lock) {
    d.locked = true;
    wait = policy.lock_seconds;
  } else {
    // 2 s, 4 s, 8 s … after the free attempts; capped below the lock.
    const int extra = std::min(failures - free, 20);
    wait = std::min(policy.base_delay_seconds << extra, policy.lock_seconds);
  }
  const std::int64_t until = last_failure + wait;
  if (now >= until) {
    d.locked = false;
    return d;
  }
  d.allowed = false;
  d.retry_after_seconds = until - now;
  return d;
}

}  // namespace mamori::domain
