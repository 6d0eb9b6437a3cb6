// Finds which route a request is for by comparing its path segment by
// segment with the routes' paths ("/api/v1/orgs/{org}/sheets"): a literal
// segment must be equal, a "{name}" segment takes any one non-empty segment.
//
// Why not RESTinio's express router: it turns every path into a std::regex
// and tries them in turn, and under load that was a fifth to a third of the
// server's CPU (perf, 2026-11-23, risk dashboard at 64 connections). The
// semantics are kept: routes are tried in table order and the first match
// wins; one trailing slash is allowed; values are returned as they came
// (still percent-encoded) for the caller to decode.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mamori::server {

class RouteMatcher {
 public:
  struct Pattern {
    std::string method;
    std::string path;  // OpenAPI form
  };
  struct Match {
    std::size_t index = 0;  // into the patterns given to the constructor
    std::vector<std::pair<std::string, std::string_view>> params;  // name, raw value (a view into the path)
  };

  explicit RouteMatcher(const std::vector<Pattern>& patterns);

  std::optional<Match> match(std::string_view method, std::string_view path) const;

 private:
  struct Segment {
    std::string text;  // the literal, or the placeholder's name
    bool placeholder = false;
  };
  struct Compiled {
    std::size_t index = 0;
    std::vector<Segment> segments;
  };
  // Candidates by method and segment count, each list in table order.
  std::unordered_map<std::string, std::vector<Compiled>> by_shape_;
};

// "/a/b/" -> {"a", "b"} (one trailing slash ignored); "" segments kept
// otherwise, so "/a//b" has an empty segment that no placeholder takes.
std::vector<std::string_view> path_segments(std::string_view path);

}  // namespace mamori::server
