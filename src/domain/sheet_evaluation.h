// The evaluation rule of seed 000: a service on the ISMAP or ISMAP-LIU list
// with a registration valid on the evaluation date conforms on that ground;
// otherwise every required item is judged (○ met; × with an alternative, or
// not applicable with a reason, needs review; anything else unmet), a
// reviewer accepts or rejects each alternative, and the verdict follows.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/sheet_answer.h"

namespace mamori::domain {

// One entry of an ISMAP / ISMAP-LIU cloud service list.
struct ServiceListing {
  std::string registration;  // 登録番号
  std::string service;       // サービス名称
  std::string provider;      // 事業者名
  std::string kind;          // "ISMAP" | "ISMAP-LIU"
  std::string registered;    // YYYY-MM-DD
  std::string valid_until;   // YYYY-MM-DD
};

// Item 2 of the sheet: the service the vendor says is listed.
struct ListingClaim {
  AnswerValue conformity = AnswerValue::blank;
  std::string provider;
  std::string service;
  std::string kind;
};

struct RequiredItem {
  std::string ref;        // "5-20" / "12.2.1"
  std::string ismap_ref;  // "12.2"
};

struct GivenAnswer {
  AnswerValue answer = AnswerValue::blank;
  std::string raw;          // as written
  std::string alternative;  // 備考: the alternative measure, or why it does not apply
};

enum class ReviewDecision { none, accepted, rejected };
const char* to_string(ReviewDecision decision);

struct Review {
  ReviewDecision decision = ReviewDecision::none;
  std::string comment;
};

struct SheetEvaluationInput {
  std::vector<RequiredItem> required;       // what the template asks
  std::map<std::string, GivenAnswer> answers;  // by ref; a required item without one is unanswered
  std::string classification;               // "3B" | "3C" | "2" | ""
  ListingClaim listing;
  std::vector<ServiceListing> service_list;
  std::string as_of;                        // YYYY-MM-DD
  std::map<std::string, Review> reviews;    // by ref
};

enum class ItemStatus { met, needs_review, unmet };
const char* to_string(ItemStatus status);

enum class Verdict { conforming, conditional, nonconforming };
const char* to_string(Verdict verdict);

enum class ListingStatus {
  not_claimed,    // item 2 names no listed service
  listed,         // found and valid on the evaluation date
  expired,        // found, but its registration ended before the date
  not_yet_valid,  // found, but registered after the date
  not_found,      // claimed but not on the list
};
const char* to_string(ListingStatus status);

struct EvaluatedItem {
  std::string ref;
  std::string ismap_ref;
  GivenAnswer given;
  bool answered = false;  // the file had the item at all
  ItemStatus status = ItemStatus::unmet;
  Review review;
};

struct SheetWarning {
  std::string code;  // classification_3b_unlisted, registration_expired, …
  std::string message_ja;
  std::string message_en;
};

struct SheetEvaluation {
  Verdict verdict = Verdict::nonconforming;
  ListingStatus listing = ListingStatus::not_claimed;
  std::optional<ServiceListing> listing_entry;
  bool conforming_by_listing = false;
  std::vector<EvaluatedItem> items;  // the required items, in template order
  std::vector<SheetWarning> warnings;
  int met = 0, needs_review = 0, unmet = 0;
};

SheetEvaluation evaluate_sheet(const SheetEvaluationInput& input);

// The status of one answer before review (the rule, on its own).
ItemStatus judge_answer(const GivenAnswer& given);

}  // namespace mamori::domain
