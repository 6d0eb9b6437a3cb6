#include "domain/classification.h"

#include <algorithm>
#include <set>
#include <utility>

#include "domain/text.h"

namespace mamori::domain {

namespace {

Status field_error(const std::string& field, const char* reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

constexpr SecurityAxis kAxes[] = {SecurityAxis::confidentiality, SecurityAxis::integrity, SecurityAxis::availability};

int level_of(const ClassifiedAsset& a, SecurityAxis axis) {
  switch (axis) {
    case SecurityAxis::confidentiality: return a.confidentiality;
    case SecurityAxis::integrity: return a.integrity;
    case SecurityAxis::availability: return a.availability;
  }
  return 0;
}

}  // namespace

const char* to_string(SecurityAxis axis) {
  switch (axis) {
    case SecurityAxis::confidentiality: return "confidentiality";
    case SecurityAxis::integrity: return "integrity";
    case SecurityAxis::availability: return "availability";
  }
  return "confidentiality";
}

std::optional<SecurityAxis> parse_security_axis(std::string_view text) {
  for (auto a : kAxes)
    if (text == to_string(a)) return a;
  return std::nullopt;
}

const std::vector<ClassificationLevel>& ClassificationScheme::levels(SecurityAxis axis) const {
  switch (axis) {
    case SecurityAxis::confidentiality: return confidentiality;
    case SecurityAxis::integrity: return integrity;
    case SecurityAxis::availability: return availability;
  }
  return confidentiality;
}

std::vector<ClassificationLevel>& ClassificationScheme::levels(SecurityAxis axis) {
  return const_cast<std::vector<ClassificationLevel>&>(std::as_const(*this).levels(axis));
}

bool ClassificationScheme::has_level(SecurityAxis axis, int level) const {
  const auto& l = levels(axis);
  return std::any_of(l.begin(), l.end(), [&](const ClassificationLevel& x) { return x.level == level; });
}

ClassificationScheme government_scheme() {
  ClassificationScheme s;
  s.confidentiality = {
      {1, "機密性1", "Confidentiality 1", "公表済みの情報、又は公表しても差し支えない情報"},
      {2, "機密性2", "Confidentiality 2", "漏えいにより利用者の権利が侵害され又は業務の遂行に支障を及ぼすおそれがある情報（機密性3以外の要機密情報）"},
      {3, "機密性3", "Confidentiality 3", "秘密文書に相当する機密性を要する情報。顧客データの本体など、漏えいの影響が重大なもの"}};
  s.integrity = {
      {1, "完全性1", "Integrity 1", "完全性2以外の情報（改ざん等の影響が軽微なもの）"},
      {2, "完全性2", "Integrity 2", "改ざん、誤びゅう又は破損により、利用者の権利が侵害され又は業務の適確な遂行に支障を及ぼすおそれがある情報"}};
  s.availability = {
      {1, "可用性1", "Availability 1", "可用性2以外の情報（滅失・利用不能の影響が軽微なもの）"},
      {2, "可用性2", "Availability 2", "滅失、紛失又は利用できないことにより、利用者の権利が侵害され又は業務の安定的な遂行に支障を及ぼすおそれがある情報"}};
  return s;
}

Status check_scheme(ClassificationScheme& scheme) {
  for (auto axis : kAxes) {
    const std::string field = to_string(axis);
    auto& levels = scheme.levels(axis);
    if (levels.empty()) return field_error(field, "required", field + " needs at least one level");
    if (levels.size() > static_cast<std::size_t>(kMaxClassificationLevel))
      return field_error(field, "too_many", field + " has more than 9 levels");
    std::set<int> seen;
    for (const auto& l : levels) {
      if (l.level < kMinClassificationLevel || l.level > kMaxClassificationLevel)
        return field_error(field, "out_of_range", field + " levels are numbered 1 to 9");
      if (!seen.insert(l.level).second)
        return field_error(field, "duplicate", field + " has level " + std::to_string(l.level) + " twice");
      for (const auto* label : {&l.label_ja, &l.label_en}) {
        if (!is_valid_utf8(*label) || fold_for_search(*label).empty())
          return field_error(field, "required", field + " level " + std::to_string(l.level) + " needs both labels");
        if (utf8_length(*label) > 100)
          return field_error(field, "too_long", "a label of " + field + " is longer than 100 characters");
      }
      if (!is_valid_utf8(l.description) || utf8_length(l.description) > 1000)
        return field_error(field, "too_long", "a description of " + field + " is longer than 1000 characters");
    }
    std::sort(levels.begin(), levels.end(),
              [](const ClassificationLevel& a, const ClassificationLevel& b) { return a.level < b.level; });
  }
  return ok();
}

Status check_scheme_change(const ClassificationScheme& next, const std::vector<ClassifiedAsset>& assets) {
  for (auto axis : kAxes) {
    std::vector<std::string> stranded;
    int level = 0;
    for (const auto& a : assets) {
      const int l = level_of(a, axis);
      if (next.has_level(axis, l)) continue;
      if (level == 0) level = l;
      if (l == level) stranded.push_back(a.name);
    }
    if (stranded.empty()) continue;
    std::string names;
    for (std::size_t i = 0; i < stranded.size() && i < 10; ++i) names += (i ? "、" : "") + stranded[i];
    if (stranded.size() > 10) names += " ほか" + std::to_string(stranded.size() - 10) + "件";
    return make_error(ErrorCode::conflict, "level_in_use",
                      std::string(to_string(axis)) + " level " + std::to_string(level) + " is used by " +
                          std::to_string(stranded.size()) + " asset(s): " + names +
                          " — reclassify them first (使用中のレベルは削除できません)",
                      Location::in_field(to_string(axis)));
  }
  return ok();
}

}  // namespace mamori::domain
