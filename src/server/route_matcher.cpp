#include "server/route_matcher.h"

namespace mamori::server {

namespace {

std::string shape_key(std::string_view method, std::size_t segment_count) {
  std::string key(method);
  key += ' ';
  key += std::to_string(segment_count);
  return key;
}

}  // namespace

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      out.push_back(path.substr(start));
      return out;
    }
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
}

RouteMatcher::RouteMatcher(const std::vector<Pattern>& patterns) {
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    Compiled compiled;
    compiled.index = i;
    for (auto segment : path_segments(patterns[i].path)) {
      const bool placeholder = segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
      compiled.segments.push_back(
          {placeholder ? std::string(segment.substr(1, segment.size() - 2)) : std::string(segment), placeholder});
    }
    by_shape_[shape_key(patterns[i].method, compiled.segments.size())].push_back(std::move(compiled));
  }
}

std::optional<RouteMatcher::Match> RouteMatcher::match(std::string_view method, std::string_view path) const {
  if (path.empty() || path.front() != '/') return std::nullopt;
  const auto segments = path_segments(path);
  auto it = by_shape_.find(shape_key(method, segments.size()));
  if (it == by_shape_.end()) return std::nullopt;
  for (const auto& candidate : it->second) {
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      const Segment& want = candidate.segments[i];
      matches = want.placeholder ? !segments[i].empty() : segments[i] == want.text;
    }
    if (!matches) continue;
    Match found;
    found.index = candidate.index;
    for (std::size_t i = 0; i < segments.size(); ++i)
      if (candidate.segments[i].placeholder) found.params.emplace_back(candidate.segments[i].text, segments[i]);
    return found;
  }
  return std::nullopt;
}

}  // namespace mamori::server
