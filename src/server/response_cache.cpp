#include "server/response_cache.h"

#include "server/routes.h"

namespace mamori::server {

namespace {

std::size_t size_of(const std::string& key, const HttpResponse& r) {
  std::size_t n = key.size() + r.body_size() + r.content_type.size() + 128;  // + list and map nodes
  if (r.gzip_body) n += r.gzip_body->size();
  for (const auto& [name, value] : r.headers) n += name.size() + value.size() + 64;
  return n;
}

}  // namespace

std::shared_ptr<const HttpResponse> ResponseCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->response;
}

void ResponseCache::store(const std::string& key, const HttpResponse& response) {
  const std::size_t bytes = size_of(key, response);
  // One answer may not push out most of the others.
  if (bytes > max_bytes_ / 8) return;
  // Kept with its body shared, so hits send it without a copy.
  auto kept = std::make_shared<HttpResponse>();
  kept->status = response.status;
  kept->content_type = response.content_type;
  kept->headers = response.headers;
  kept->shared_body = response.shared_body ? response.shared_body : std::make_shared<const std::string>(response.body);
  kept->gzip_body = response.gzip_body;
  std::shared_ptr<const HttpResponse> copy = std::move(kept);
  std::lock_guard lock(mutex_);
  if (auto it = by_key_.find(key); it != by_key_.end()) {
    bytes_ -= it->second->bytes;
    lru_.erase(it->second);
    by_key_.erase(it);
  }
  evict_to(max_bytes_ - bytes);
  lru_.push_front(Entry{key, std::move(copy), bytes});
  by_key_.emplace(key, lru_.begin());
  bytes_ += bytes;
}

void ResponseCache::evict_to(std::size_t bytes) {
  while (bytes_ > bytes && !lru_.empty()) {
    bytes_ -= lru_.back().bytes;
    by_key_.erase(lru_.back().key);
    lru_.pop_back();
  }
}

ResponseCache::Stats ResponseCache::stats() const {
  std::lock_guard lock(mutex_);
  return Stats{lru_.size(), bytes_, hits_, misses_};
}

std::string response_cache_key(const Route& route, const HttpRequest& request, const app::Caller& caller,
                               const std::string& data_version, const std::string& today) {
  std::string key;
  key.reserve(256);
  // Each part with its length in front: two different requests can never
  // spell the same key, whatever bytes a decoded query value holds.
  auto add = [&key](const std::string& part) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
  };
  add(route.method);
  add(route.path);
  add(request.path);
  for (const auto& [name, value] : request.query) {  // std::map: one order whatever the URL's
    add(name);
    add(value);
  }
  add(std::to_string(static_cast<int>(caller.kind)));
  add(caller.user_id);
  add(caller.session_id);
  add(caller.token_id);
  add(caller.active_tenant_id);
  add(today);
  add(data_version);
  return key;
}

}  // namespace mamori::server
