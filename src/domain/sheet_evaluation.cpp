#include "domain/sheet_evaluation.h"

#include "domain/text.h"

namespace mamori::domain {

const char* to_string(ReviewDecision decision) {
  switch (decision) {
    case ReviewDecision::none: return "none";
    case ReviewDecision::accepted: return "accepted";
    case ReviewDecision::rejected: return "rejected";
  }
  return "none";
}

const char* to_string(ItemStatus status) {
  switch (status) {
    case ItemStatus::met: return "met";
    case ItemStatus::needs_review: return "needs_review";
    case ItemStatus::unmet: return "unmet";
  }
  return "unmet";
}

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::conforming: return "conforming";
    case Verdict::conditional: return "conditional";
    case Verdict::nonconforming: return "nonconforming";
  }
  return "nonconforming";
}

const char* to_string(ListingStatus status) {
  switch (status) {
    case ListingStatus::not_claimed: return "not_claimed";
    case ListingStatus::listed: return "listed";
    case ListingStatus::expired: return "expired";
    case ListingStatus::not_yet_valid: return "not_yet_valid";
    case ListingStatus::not_found: return "not_found";
  }
  return "not_claimed";
}

namespace {

// Names compare folded and without spaces: "サンプル SaaS" is "サンプルSaaS".
std::string key(std::string_view text) {
  std::string out;
  for (char c : fold_for_search(text))
    if (c != ' ') out += c;
  return out;
}

std::string list_kind(std::string_view text) {
  const std::string k = key(text);
  if (k == "ismap-liu" || k == "ismapliu") return "ISMAP-LIU";
  if (k == "ismap") return "ISMAP";
  return "";
}

struct ListingResult {
  ListingStatus status = ListingStatus::not_claimed;
  std::optional<ServiceListing> entry;
};

ListingResult check_listing(const ListingClaim& claim, const std::vector<ServiceListing>& list, const std::string& as_of) {
  ListingResult r;
  const std::string kind = list_kind(claim.kind);
  if (key(claim.service).empty() || kind.empty()) return r;
  r.status = ListingStatus::not_found;
  // The best match: a valid one beats an expired one beats a future one.
  for (const auto& e : list) {
    if (key(e.service) != key(claim.service) || list_kind(e.kind) != kind) continue;
    if (!key(claim.provider).empty() && !key(e.provider).empty() && key(e.provider) != key(claim.provider)) continue;
    ListingStatus s = ListingStatus::listed;
    if (!e.valid_until.empty() && as_of > e.valid_until) s = ListingStatus::expired;
    else if (!e.registered.empty() && as_of < e.registered) s = ListingStatus::not_yet_valid;
    auto rank = [](ListingStatus x) {
      return x == ListingStatus::listed ? 3 : x == ListingStatus::expired ? 2 : x == ListingStatus::not_yet_valid ? 1 : 0;
    };
    if (rank(s) > rank(r.status)) {
      r.status = s;
      r.entry = e;
    }
  }
  return r;
}

bool has_text(const std::string& s) { return !key(s).empty(); }

}  // namespace

ItemStatus judge_answer(const GivenAnswer& given) {
  switch (given.answer) {
    case AnswerValue::yes: return ItemStatus::met;
    case AnswerValue::no:
    case AnswerValue::not_applicable:
      // An alternative measure (for ×) or the reason it does not apply (for
      // －) makes it a question for a reviewer; without one it is unmet.
      return has_text(given.alternative) ? ItemStatus::needs_review : ItemStatus::unmet;
    case AnswerValue::blank:
    case AnswerValue::unreadable: return ItemStatus::unmet;
  }
  return ItemStatus::unmet;
}

SheetEvaluation evaluate_sheet(const SheetEvaluationInput& in) {
  SheetEvaluation out;
  auto listing = check_listing(in.listing, in.service_list, in.as_of);
  out.listing = listing.status;
  out.listing_entry = listing.entry;
  out.conforming_by_listing = listing.status == ListingStatus::listed;

  for (const auto& req : in.required) {
    EvaluatedItem item;
    item.ref = req.ref;
    item.ismap_ref = req.ismap_ref;
    if (auto it = in.answers.find(req.ref); it != in.answers.end()) {
      item.given = it->second;
      item.answered = true;
    }
    item.status = judge_answer(item.given);
    if (auto r = in.reviews.find(req.ref); r != in.reviews.end() && item.status == ItemStatus::needs_review) {
      item.review = r->second;
      if (r->second.decision == ReviewDecision::accepted) item.status = ItemStatus::met;
      if (r->second.decision == ReviewDecision::rejected) item.status = ItemStatus::unmet;
    }
    switch (item.status) {
      case ItemStatus::met: ++out.met; break;
      case ItemStatus::needs_review: ++out.needs_review; break;
      case ItemStatus::unmet: ++out.unmet; break;
    }
    out.items.push_back(std::move(item));
  }

  if (out.conforming_by_listing) out.verdict = Verdict::conforming;
  else if (out.unmet > 0) out.verdict = Verdict::nonconforming;
  else if (out.needs_review > 0) out.verdict = Verdict::conditional;
  else out.verdict = Verdict::conforming;

  if (listing.status == ListingStatus::expired)
    out.warnings.push_back({"registration_expired",
                            "記載のサービスの登録は " + listing.entry->valid_until + " に有効期限が切れています。",
                            "The service's registration expired on " + listing.entry->valid_until + "."});
  if (listing.status == ListingStatus::not_yet_valid)
    out.warnings.push_back({"registration_not_yet_valid",
                            "記載のサービスの登録は " + listing.entry->registered + " からです。",
                            "The service's registration starts on " + listing.entry->registered + "."});
  if (listing.status == ListingStatus::not_found)
    out.warnings.push_back({"service_not_listed", "記載のサービスはサービスリストにありません。",
                            "The service named in item 2 is not on the service list."});
  if (in.classification == "3B" && !out.conforming_by_listing)
    out.warnings.push_back({"classification_3b_unlisted",
                            "機密性3Bの情報を、ISMAP / ISMAP-LIU クラウドサービスリストにないサービスで扱う予定です。",
                            "Information of confidentiality 3B would be handled by a service on neither the ISMAP nor "
                            "the ISMAP-LIU list."});
  return out;
}

}  // namespace mamori::domain
