// An organisation's information classification scheme: levels of
// confidentiality, integrity and availability, each with a Japanese and an
// English label and what it means. The default is the Japanese government
// scheme (政府機関等のサイバーセキュリティ対策のための統一基準): 機密性 3/2/1,
// 完全性 2/1, 可用性 2/1. Assets carry a level number on each axis.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace mamori::domain {

enum class SecurityAxis { confidentiality, integrity, availability };
const char* to_string(SecurityAxis axis);  // confidentiality | integrity | availability
std::optional<SecurityAxis> parse_security_axis(std::string_view text);

struct ClassificationLevel {
  int level = 1;  // higher is more sensitive / more critical
  std::string label_ja;
  std::string label_en;
  std::string description;
  bool operator==(const ClassificationLevel&) const = default;
};

struct ClassificationScheme {
  std::vector<ClassificationLevel> confidentiality;  // ascending by level
  std::vector<ClassificationLevel> integrity;
  std::vector<ClassificationLevel> availability;

  const std::vector<ClassificationLevel>& levels(SecurityAxis axis) const;
  std::vector<ClassificationLevel>& levels(SecurityAxis axis);
  bool has_level(SecurityAxis axis, int level) const;
  bool operator==(const ClassificationScheme&) const = default;
};

inline constexpr int kMinClassificationLevel = 1;
inline constexpr int kMaxClassificationLevel = 9;

ClassificationScheme government_scheme();

// Each axis has 1..9 levels, numbers in 1..9 without repeats, both labels
// required (at most 100 characters), descriptions at most 1000. Sorts each
// axis by level. invalid_input naming the axis (e.g. "confidentiality").
Status check_scheme(ClassificationScheme& scheme);

// Where an asset sits on each axis, for the check below.
struct ClassifiedAsset {
  std::string name;
  int confidentiality = 0;
  int integrity = 0;
  int availability = 0;
};

// A scheme change must not strand an asset on a level that no longer
// exists: conflict (reason "level_in_use") naming the axis, the level and
// up to ten assets that use it. Relabelling and adding levels are always
// fine; the assets keep their numbers.
Status check_scheme_change(const ClassificationScheme& next, const std::vector<ClassifiedAsset>& assets);

}  // namespace mamori::domain
