// The built browser UI (web/dist), loaded into memory at start and served
// at "/": hashed assets cached for a year, index.html never cached, and
// every other path that is not /api falls back to index.html so the UI's
// own routes survive a reload. Text files are also kept gzipped, made once
// at load, for browsers that take gzip (all do).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "domain/error.h"
#include "server/http.h"

namespace mamori::server {

class StaticFiles {
 public:
  // Loads every regular file below `root` (at most `max_bytes` in total).
  // An absent directory gives an empty set (the API still works).
  static Result<StaticFiles> load(const std::string& root, std::size_t max_bytes = 64u << 20);

  bool empty() const { return files_.empty(); }
  std::size_t count() const { return files_.size(); }
  // The response for a GET of `path` (already percent-decoded), or nullopt
  // when the path is not the UI's (e.g. under /api/); gzipped when the
  // client's Accept-Encoding takes it.
  std::optional<HttpResponse> respond(const std::string& path, bool client_accepts_gzip = false) const;

 private:
  struct File {
    std::string content_type;
    std::shared_ptr<const std::string> body;  // shared: a response sends it without a copy
    std::shared_ptr<const std::string> gzip_body;  // null when not worth it
  };
  std::map<std::string, File> files_;  // "/index.html", "/assets/index-abc.js"
};

}  // namespace mamori::server
