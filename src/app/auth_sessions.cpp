// Sessions and API tokens on every request: resolving them, their status, CSRF, unlocking and logging out.
// What sign-in, sessions and MFA share is in app/auth_support.h.
#include "app/auth.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

#include "app/audited_write.h"
#include "app/auth_support.h"
#include "app/authorize.h"
#include "app/caller_cache.h"
#include "app/data_version.h"
#include "domain/password_policy.h"
#include "security/password_hash.h"
#include "security/qr_svg.h"
#include "security/tokens.h"
#include "security/totp.h"
#include "store/ids.h"
#include "store/session_repository.h"
#include "store/tenant_repository.h"

namespace mamori::app {

using nlohmann::json;
using namespace auth_support;

namespace {

// The lookup for `key`: kept in the caller cache when the database says
// nothing has changed since (app/caller_cache.h) and `lets_through` accepts
// it; otherwise read, and kept when it lets the request through. Anything
// else (refusing, locking, touching) is decided on what was just read.
template <typename Lookup, typename Read, typename LetsThrough>
Result<Lookup> kept_or_read(Services& services, KeptLookups<Lookup>* kept, const std::string& key, Read read,
                            LetsThrough lets_through) {
  // Read BEFORE the lookup: a change that lands in between moves it, so
  // what is kept below is never found again.
  // (A plain flag and number: GCC takes an optional here for maybe unset.)
  bool watched = false;
  std::uint64_t generation = 0;
  if (kept)
    if (auto g = services.db.change_generation()) {
      watched = true;
      generation = *g;
    }
  if (watched)
    if (auto hit = kept->find(key, generation); hit && lets_through(*hit)) return std::move(*hit);
  Lookup out;
  auto status = services.db.with_lookups([&](store::Tx& tx) -> Status {
    auto lookup = read(tx);
    if (!lookup) return lookup.error();
    out = std::move(lookup.value());
    return ok();
  });
  if (!status) return status.error();
  if (watched && lets_through(out)) kept->keep(key, generation, out);
  return out;
}

// The caller cache's key: the secret's hash and the organisation whose
// data version was read with it (none: "-").
std::string kept_key(const std::string& secret_hash, const DataVersionWanted* version) {
  return secret_hash + (version ? "\nt:" + version->tenant_id : "\n-");
}

// Touch at most every touch_interval, and always well within the idle
// timeout, or an active person would be locked out.
bool session_touch_due(const Services& services, const store::Session& session, std::int64_t now) {
  const std::int64_t interval =
      std::min(services.config.touch_interval_seconds, std::max<std::int64_t>(0, session.idle_timeout_seconds / 4));
  return now - unix_of(session.last_seen_at) >= interval;
}

domain::SessionTiming timing_of(const store::Session& session, std::int64_t now) {
  return domain::session_timing(now, unix_of(session.last_seen_at), session.idle_timeout_seconds,
                                unix_of(session.expires_at));
}

}  // namespace

Result<Caller> authenticate_session(Services& services, const std::string& secret, const std::string& source_ip,
                                    const std::string& user_agent, DataVersionWanted* version) {
  auto no_session = [] {
    return make_error(ErrorCode::unauthorized, "no_session", "sign in first", Location{});
  };
  if (secret.empty() || secret.size() > 128) return no_session();
  const std::int64_t now = store::unix_now();
  const std::string hash = security::secret_hash(secret);
  auto read = kept_or_read(
      services, services.callers ? &services.callers->sessions : nullptr, kept_key(hash, version),
      [&](store::Tx& tx) { return store::look_up_session(tx, hash, version ? &version->tenant_id : nullptr); },
      [&](const store::SessionLookup& l) {
        return l.session && l.user && l.session->ended_at.empty() && l.session->locked_at.empty() &&
               !l.user->disabled() && timing_of(*l.session, now) == domain::SessionTiming::live &&
               !session_touch_due(services, *l.session, now);
      });
  if (!read) return read.error();
  if (version) set_data_version(*version, *read->stamp);
  const std::optional<store::Session>& session = read->session;
  const std::optional<store::User>& user = read->user;
  if (!session || !user) return no_session();
  if (!session->ended_at.empty())
    return make_error(ErrorCode::unauthorized, "session_ended", "the session has ended: sign in again", Location{});
  if (!session->locked_at.empty())
    return make_error(ErrorCode::unauthorized, "session_locked", "the session is locked: enter the password", Location{});

  Caller caller = caller_for(*user, source_ip, user_agent);
  caller.session_id = session->id;
  caller.stage = session->stage;
  caller.active_tenant_id = session->active_tenant_id;
  caller.csrf_token = csrf_token_for(services, secret);

  const auto timing = timing_of(*session, now);
  if (user->disabled() || timing != domain::SessionTiming::live) {
    const bool disabled = user->disabled();
    const bool expired = timing == domain::SessionTiming::expired;
    auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
      if (disabled || expired) {
        if (auto r = store::end_session(tx, session->id, disabled ? "account_disabled" : "expired"); !r) return r;
      } else {
        if (auto r = store::lock_session(tx, session->id, store::iso_from_unix(now)); !r) return r;
      }
      return audit.record({"", disabled ? "auth.session_end" : expired ? "auth.session_expired" : "auth.session_locked",
                           "session", session->id, "success", false,
                           json{{"idle_seconds", now - unix_of(session->last_seen_at)}}.dump()});
    });
    if (!status) return status.error();
    if (disabled) return make_error(ErrorCode::unauthorized, "account_disabled", "the account is disabled", Location{});
    if (expired)
      return make_error(ErrorCode::unauthorized, "session_expired", "the session has expired: sign in again", Location{});
    return make_error(ErrorCode::unauthorized, "session_locked", "the session was idle and is locked: enter the password",
                      Location{});
  }
  if (session_touch_due(services, *session, now)) {
    auto touched = services.db.with_write(
        [&](store::Tx& tx) -> Status { return store::touch_session(tx, session->id, store::iso_from_unix(now)); });
    if (!touched) return touched.error();
  }
  return caller;
}

Result<SessionStatus> session_status(Services& services, const std::string& secret) {
  SessionStatus status{"none", 0, 0};
  if (secret.empty() || secret.size() > 128) return status;
  std::optional<store::Session> session;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto s = store::find_session_by_secret(tx, security::secret_hash(secret));
    if (!s) return s.error();
    session = s.value();
    return ok();
  });
  if (!read) return read.error();
  if (!session) return status;
  const std::int64_t now = store::unix_now(), last = unix_of(session->last_seen_at), end = unix_of(session->expires_at);
  const auto timing = domain::session_timing(now, last, session->idle_timeout_seconds, end);
  if (!session->ended_at.empty()) status.state = "ended";
  else if (timing == domain::SessionTiming::expired) status.state = "expired";
  else if (!session->locked_at.empty() || timing == domain::SessionTiming::idle) status.state = "locked";
  else status.state = "live";
  if (status.state == "live") {
    status.idle_seconds_left = last + session->idle_timeout_seconds - now;
    status.lifetime_seconds_left = end - now;
  }
  return status;
}

Result<Caller> authenticate_api_token(Services& services, const std::string& token, const std::string& source_ip,
                                      const std::string& user_agent, DataVersionWanted* version) {
  auto invalid = [] {
    return make_error(ErrorCode::unauthorized, "invalid_token",
                      "the API token is unknown, expired or revoked, or its creator no longer has access",
                      Location{});
  };
  if (token.rfind("mamori_", 0) != 0 || token.size() > 128) return invalid();
  const std::int64_t now = store::unix_now();
  const std::string hash = security::secret_hash(token);
  // An empty e-mail: the creator's account is disabled or gone, or no longer
  // in the organisation (store::look_up_api_token).
  auto valid = [&](const store::ApiTokenLookup& l) {
    return l.token && l.token->revoked_at.empty() && now < unix_of(l.token->expires_at) && !l.creator_email.empty();
  };
  auto touch_due = [&](const store::ApiToken& t) {
    return now - unix_of(t.last_used_at) >= services.config.touch_interval_seconds;
  };
  auto read = kept_or_read(
      services, services.callers ? &services.callers->tokens : nullptr, kept_key(hash, version),
      [&](store::Tx& tx) { return store::look_up_api_token(tx, hash, version ? &version->tenant_id : nullptr); },
      [&](const store::ApiTokenLookup& l) { return valid(l) && !touch_due(*l.token); });
  if (!read) return read.error();
  if (version) set_data_version(*version, *read->stamp);
  if (!valid(read.value())) return invalid();
  const store::ApiToken& found = *read->token;
  Caller c;
  c.kind = Caller::Kind::api_token;
  c.user_id = found.created_by;
  c.email = read->creator_email;
  c.source_ip = source_ip;
  c.user_agent = user_agent;
  c.token_id = found.id;
  c.token_name = found.name;
  c.token_tenant_id = found.tenant_id;
  c.token_role = found.role;
  c.active_tenant_id = found.tenant_id;
  if (touch_due(found)) {
    auto touched = services.db.with_write(
        [&](store::Tx& tx) -> Status { return store::touch_api_token(tx, found.id, store::iso_from_unix(now)); });
    if (!touched) return touched.error();
  }
  return c;
}

std::string csrf_token_for(const Services& services, std::string_view session_secret) {
  return services.secrets.mac("csrf", session_secret);
}

bool csrf_token_matches(const Caller& caller, std::string_view header_value) {
  if (caller.kind != Caller::Kind::session || caller.csrf_token.empty() || header_value.size() != caller.csrf_token.size())
    return false;
  return security::constant_time_equal(header_value, caller.csrf_token);
}

Result<SessionCredentials> unlock_session(Services& services, const std::string& secret, const std::string& password,
                                          const std::string& source_ip, const std::string& user_agent) {
  if (password.empty() || password.size() > kMaxPasswordBytes)
    return make_error(ErrorCode::invalid_input, "invalid", "enter the password", Location::in_field("password"));
  std::optional<store::Session> session;
  std::optional<store::User> user;
  std::optional<domain::ThrottleDecision> decision;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto s = store::find_session_by_secret(tx, security::secret_hash(secret));
    if (!s) return s.error();
    if (!s.value()) return ok();
    session = std::move(s.value());
    auto u = store::find_user_by_id(tx, session->user_id);
    if (!u) return u.error();
    if (!u.value()) return ok();
    user = std::move(u.value());
    auto d = throttle(tx, user->email, source_ip, services.config.throttle);
    if (!d) return d.error();
    decision = d.value();
    return ok();
  });
  if (!read) return read.error();
  if (!session || !user || !session->ended_at.empty() || user->disabled())
    return make_error(ErrorCode::unauthorized, "no_session", "there is no session to unlock: sign in again", Location{});
  // Locked, or idle past its timeout but not yet marked (nothing asked since).
  const bool idle = domain::session_timing(store::unix_now(), unix_of(session->last_seen_at), session->idle_timeout_seconds,
                                           unix_of(session->expires_at)) == domain::SessionTiming::idle;
  if (session->locked_at.empty() && !idle)
    return make_error(ErrorCode::conflict, "not_locked", "the session is not locked", Location{});
  if (store::unix_now() >= unix_of(session->expires_at))
    return make_error(ErrorCode::unauthorized, "session_expired", "the session has expired: sign in again", Location{});
  if (!decision->allowed) return throttled_error(*decision);

  Caller caller = caller_for(*user, source_ip, user_agent);
  caller.session_id = session->id;
  const bool password_ok = security::verify_password(user->password_hash, password);
  SessionCredentials credentials = new_credentials(services);
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    if (!password_ok)
      return record_failure(tx, audit, user->email, source_ip, "auth.unlock", "wrong_password", user->id);
    if (auto r = store::unlock_session(tx, session->id, store::utc_now()); !r) return r;
    if (auto r = store::rotate_session_secret(tx, session->id, security::secret_hash(credentials.secret));
        !r)
      return r;
    if (auto r = store::clear_login_failures(tx, user->email); !r) return r;
    return audit.record({"", "auth.unlock", "session", session->id, "success", false, "{}"});
  });
  if (!status) return status.error();
  if (!password_ok) return invalid_credentials();
  return credentials;
}

Status logout(Services& services, const Caller& caller) {
  if (caller.kind != Caller::Kind::session)
    return make_error(ErrorCode::forbidden, "session_only", "only a browser session can log out", Location{});
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    if (auto r = store::end_session(tx, caller.session_id, "logout"); !r) return r;
    return audit.record({"", "auth.logout", "session", caller.session_id, "success", false, "{}"});
  });
}

}  // namespace mamori::app
