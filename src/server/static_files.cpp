#include "server/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/compression.h"

namespace mamori::server {

namespace {

std::string content_type_of(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

Result<StaticFiles> StaticFiles::load(const std::string& root, std::size_t max_bytes) {
  StaticFiles out;
  std::error_code ec;
  if (root.empty() || !std::filesystem::is_directory(root, ec)) return out;
  std::size_t total = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec); !ec && it != std::filesystem::end(it);
       it.increment(ec)) {
    // Regular files only: a symlink out of the web root is not served.
    if (!it->is_regular_file() || it->is_symlink()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    total += s.str().size();
    if (total > max_bytes)
      return make_error(ErrorCode::too_large, "the web UI is larger than " + std::to_string(max_bytes) + " bytes",
                        Location::in_file(root));
    const std::string rel = "/" + std::filesystem::relative(it->path(), root).generic_string();
    File file{content_type_of(it->path()), std::make_shared<const std::string>(s.str()), nullptr};
    if (worth_compressing(file.content_type, file.body->size())) file.gzip_body = gzip(*file.body, GzipEffort::kept);
    out.files_[rel] = std::move(file);
  }
  if (ec) return make_error(ErrorCode::io, "cannot read the web UI: " + ec.message(), Location::in_file(root));
  return out;
}

std::optional<HttpResponse> StaticFiles::respond(const std::string& path, bool client_accepts_gzip) const {
  if (path.rfind("/api/", 0) == 0 || path == "/api") return std::nullopt;
  // Only files that were loaded can be served, so ".." and the like cannot
  // reach anything else: they simply do not match.
  auto serve = [client_accepts_gzip](const File& f, bool immutable) {
    HttpResponse r;
    r.content_type = f.content_type;
    r.shared_body = f.body;
    r.gzip_body = f.gzip_body;
    r.with_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    encode_for_client(r, client_accepts_gzip, GzipEffort::kept);
    return r;
  };
  auto it = files_.find(path);
  if (it != files_.end() && path != "/index.html") return serve(it->second, path.rfind("/assets/", 0) == 0);
  // A missing asset is a 404, not the app (a stale page asking for old files).
  if (path.rfind("/assets/", 0) == 0) return std::nullopt;
  auto index = files_.find("/index.html");
  if (index == files_.end()) return std::nullopt;
  return serve(index->second, false);
}

}  // namespace mamori::server
