// Everyday security words and the wording of JIS Q 27002 / ISMAP that they
// stand for ("パッチ" is 技術的ぜい弱性 there, "委託先" is 供給者). Vendors
// receive questions in the first kind of words and the catalogs are written
// in the second, so a question is expanded with the standard wording before
// it is matched.
#pragma once

#include <string>
#include <string_view>

namespace mamori::domain {

// The question, followed by the standard wording of every everyday term it
// contains (one line each).
std::string expand_security_terms(std::string_view question);

}  // namespace mamori::domain
