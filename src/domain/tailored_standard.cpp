#include "domain/tailored_standard.h"

#include <algorithm>
#include <set>

#include "domain/text.h"

namespace mamori::domain {

namespace {

Error field_error(const std::string& field, const std::string& reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

bool blank(std::string_view text) { return fold_for_search(text).empty(); }

Status check_text(const std::string& field, const std::string& text, std::size_t max_chars, bool required) {
  if (!is_valid_utf8(text)) return field_error(field, "invalid", field + " is not valid UTF-8");
  if (required && blank(text)) return field_error(field, "required", field + " must not be empty");
  if (utf8_length(text) > max_chars)
    return field_error(field, "too_long", field + " is longer than " + std::to_string(max_chars) + " characters");
  return ok();
}

// The title of an item given without one: its first sentence (to the first
// 。 or line end), as the ISMAP catalog titles its unnamed items.
std::string first_sentence(const std::string& text) {
  const std::size_t stop = std::min(text.find("。"), text.find('\n'));
  if (stop == std::string::npos) return text;
  return text.substr(0, text.compare(stop, 3, "。") == 0 ? stop + 3 : stop);
}

Status check_attributes(const AttributeValues& attrs, const DerivationRules& rules) {
  for (const auto& [type, values] : attrs) {
    if (auto s = check_text("attributes", type, 64, true); !s) return s;
    const AttributeType* known = nullptr;
    for (const auto& t : rules.vocabulary)
      if (t.key == type) known = &t;
    for (const auto& v : values) {
      if (auto s = check_text("attributes", v, 200, true); !s) return s;
      if (known && !known->find_value(v))
        return field_error("attributes", "unknown_value", "attribute " + type + " has no value " + v);
    }
  }
  return ok();
}

Status check_content(const ItemContent& c, const DerivationRules& rules, bool needs_number) {
  if (auto s = check_text("number", c.number, kMaxNumberChars, needs_number); !s) return s;
  if (!c.number.empty() && (c.number.front() == ' ' || c.number.back() == ' '))
    return field_error("number", "invalid", "number must not start or end with a space");
  if (auto s = check_text("title", c.title, kMaxItemTitleChars, false); !s) return s;
  if (auto s = check_text("text", c.text, kMaxItemTextChars, needs_number); !s) return s;
  if (auto s = check_text("source", c.source, 500, false); !s) return s;
  for (const auto& o : c.origin)
    if (!valid_origin(o)) return field_error("origin", "invalid", "origin must be catalog:ref, not " + o);
  return check_attributes(c.attributes, rules);
}

std::vector<TailoredItem>::iterator find_key(std::vector<TailoredItem>& items, const std::string& key) {
  return std::find_if(items.begin(), items.end(), [&](const TailoredItem& i) { return i.key == key; });
}

// Every key must name a current item, once.
Status check_keys(std::vector<TailoredItem>& items, const std::vector<std::string>& keys, std::size_t min,
                  std::size_t max) {
  if (keys.size() < min)
    return field_error("items", min == 2 ? "too_few" : "required",
                       "this operation needs at least " + std::to_string(min) + " item(s)");
  if (keys.size() > max)
    return field_error("items", "too_many", "this operation takes at most " + std::to_string(max) + " item(s)");
  std::set<std::string> seen;
  for (const auto& k : keys) {
    if (!seen.insert(k).second) return field_error("items", "duplicate", "item " + k + " is given twice");
    if (find_key(items, k) == items.end()) return field_error("items", "unknown_item", "no item " + k + " in the standard");
  }
  return ok();
}

// Numbers identify items to people: no two current items share one.
// `leaving` are the keys the operation replaces (their numbers are free).
Status check_numbers(const std::vector<TailoredItem>& items, const std::vector<std::string>& numbers,
                     const std::vector<std::string>& leaving) {
  std::set<std::string> used;
  for (const auto& i : items)
    if (std::find(leaving.begin(), leaving.end(), i.key) == leaving.end()) used.insert(i.number);
  for (const auto& n : numbers)
    if (!used.insert(n).second) return field_error("number", "duplicate_number", "number " + n + " is already used");
  return ok();
}

std::string key_of(int seq, std::size_t n) { return std::to_string(seq) + "." + std::to_string(n); }

TailoredItem new_item(const ItemContent& c, int seq, std::size_t n) {
  TailoredItem i;
  i.key = key_of(seq, n);
  i.number = c.number;
  i.title = c.title.empty() ? first_sentence(c.text) : c.title;
  i.text = c.text;
  i.origin = c.origin;
  i.source = c.source;
  i.attributes = c.attributes;
  i.history = {seq};
  return i;
}

Status apply_take(std::vector<TailoredItem>& items, const Operation& op, const DerivationRules& rules) {
  if (op.content.empty()) return field_error("content", "required", "take needs the items to take");
  if (op.content.size() > kMaxTakeItems) return field_error("content", "too_many", "too many items in one take");
  std::set<std::string> origins;
  for (const auto& i : items) origins.insert(i.origin.begin(), i.origin.end());
  std::vector<std::string> numbers;
  for (const auto& c : op.content) {
    if (auto s = check_content(c, rules, true); !s) return s;
    if (c.origin.size() != 1) return field_error("origin", "required", "a taken item comes from one catalog item");
    if (!origins.insert(c.origin[0]).second)
      return field_error("origin", "already_taken", c.origin[0] + " is already in the standard");
    numbers.push_back(c.number);
  }
  if (auto s = check_numbers(items, numbers, {}); !s) return s;
  for (std::size_t n = 0; n < op.content.size(); ++n) items.push_back(new_item(op.content[n], op.seq, n + 1));
  return ok();
}

Status apply_add(std::vector<TailoredItem>& items, const Operation& op, const DerivationRules& rules) {
  if (op.add_step < 2 || op.add_step > 4)
    return field_error("add_step", "invalid", "add_step is 2 (law), 3 (another standard) or 4 (own)");
  if (op.content.size() != 1) return field_error("content", "required", "add takes exactly one item");
  const ItemContent& c = op.content[0];
  if (auto s = check_content(c, rules, true); !s) return s;
  // ② names the law; ③ the standard it comes from (a loaded catalog item or a citation).
  if (op.add_step == 2 && blank(c.source))
    return field_error("source", "required", "an item required by law names the law and article (source)");
  if (op.add_step == 3 && c.origin.empty() && blank(c.source))
    return field_error("origin", "required", "an item from another standard names it (origin or source)");
  if (auto s = check_numbers(items, {c.number}, {}); !s) return s;
  auto at = items.end();
  if (!op.after.empty()) {
    at = find_key(items, op.after);
    if (at == items.end()) return field_error("after", "unknown_item", "no item " + op.after + " in the standard");
    ++at;
  }
  items.insert(at, new_item(c, op.seq, 1));
  return ok();
}

Status apply_split(std::vector<TailoredItem>& items, const Operation& op, const DerivationRules& rules) {
  if (auto s = check_keys(items, op.items, 1, 1); !s) return s;
  if (op.content.size() < 2) return field_error("content", "too_few", "split one item into at least two");
  std::vector<std::string> numbers;
  for (const auto& c : op.content) {
    if (auto s = check_content(c, rules, true); !s) return s;
    numbers.push_back(c.number);
  }
  if (auto s = check_numbers(items, numbers, op.items); !s) return s;
  auto at = find_key(items, op.items[0]);
  const TailoredItem source = *at;
  std::vector<TailoredItem> parts;
  for (std::size_t n = 0; n < op.content.size(); ++n) {
    // Each part keeps what the item had (origin, level, flags, attributes,
    // regulations) unless the part says otherwise.
    TailoredItem p = source;
    const ItemContent& c = op.content[n];
    p.key = key_of(op.seq, n + 1);
    p.number = c.number;
    p.title = c.title.empty() ? first_sentence(c.text) : c.title;
    p.text = c.text;
    if (!c.origin.empty()) p.origin = c.origin;
    if (!c.attributes.empty()) p.attributes = c.attributes;
    p.history.push_back(op.seq);
    parts.push_back(std::move(p));
  }
  at = items.erase(at);
  items.insert(at, parts.begin(), parts.end());
  return ok();
}

Status apply_merge(std::vector<TailoredItem>& items, const Operation& op, const DerivationRules& rules) {
  if (auto s = check_keys(items, op.items, 2, 200); !s) return s;
  if (op.content.size() != 1) return field_error("content", "required", "merge gives exactly one resulting item");
  const ItemContent& c = op.content[0];
  if (auto s = check_content(c, rules, true); !s) return s;
  if (auto s = check_numbers(items, {c.number}, op.items); !s) return s;
  TailoredItem merged = new_item(c, op.seq, 1);
  merged.history.clear();
  merged.level = ItemLevel::recommended;
  std::vector<AttributeValues> attrs;
  std::set<int> history;
  std::size_t first = items.size();
  for (const auto& k : op.items) {
    auto it = find_key(items, k);
    first = std::min(first, static_cast<std::size_t>(it - items.begin()));
    for (const auto& o : it->origin)
      if (std::find(merged.origin.begin(), merged.origin.end(), o) == merged.origin.end()) merged.origin.push_back(o);
    // The strictest of the merged items wins: 必須 if any was, technical if any was.
    if (it->level == ItemLevel::required) merged.level = ItemLevel::required;
    if (it->technical) {
      merged.technical = true;
      merged.review_months = merged.review_months == 0 ? it->review_months : std::min(merged.review_months, it->review_months);
    }
    for (const auto& r : it->regulations)
      if (std::find(merged.regulations.begin(), merged.regulations.end(), r) == merged.regulations.end())
        merged.regulations.push_back(r);
    if (merged.source.empty()) merged.source = it->source;
    attrs.push_back(it->attributes);
    history.insert(it->history.begin(), it->history.end());
  }
  for (const auto& o : c.origin)
    if (std::find(merged.origin.begin(), merged.origin.end(), o) == merged.origin.end()) merged.origin.push_back(o);
  if (!c.source.empty()) merged.source = c.source;
  attrs.push_back(c.attributes);
  merged.attributes = merge_attributes(attrs);
  merged.history.assign(history.begin(), history.end());
  merged.history.push_back(op.seq);
  const std::string first_key = items[first].key;
  std::vector<TailoredItem> kept;
  for (auto& i : items) {
    if (i.key == first_key) kept.push_back(merged);
    if (std::find(op.items.begin(), op.items.end(), i.key) == op.items.end()) kept.push_back(std::move(i));
  }
  items = std::move(kept);
  return ok();
}

Status apply_reword(std::vector<TailoredItem>& items, const Operation& op, const DerivationRules& rules) {
  if (auto s = check_keys(items, op.items, 1, 1); !s) return s;
  if (op.content.size() != 1) return field_error("content", "required", "reword gives the new wording");
  const ItemContent& c = op.content[0];
  if (auto s = check_content(c, rules, false); !s) return s;
  auto it = find_key(items, op.items[0]);
  if (blank(c.text) && c.number.empty() && c.title.empty())
    return field_error("text", "required", "reword gives a new text, title or number");
  if ((c.number.empty() || c.number == it->number) && (blank(c.text) || c.text == it->text) &&
      (c.title.empty() || c.title == it->title))
    return field_error("text", "unchanged", "the new wording is the same as the current one");
  if (!c.number.empty() && c.number != it->number)
    if (auto s = check_numbers(items, {c.number}, op.items); !s) return s;
  if (!c.number.empty()) it->number = c.number;
  if (!blank(c.text)) {
    it->text = c.text;
    if (c.title.empty()) it->title = first_sentence(c.text);
  }
  if (!c.title.empty()) it->title = c.title;
  it->history.push_back(op.seq);
  return ok();
}

Status apply_align(std::vector<TailoredItem>& items, const Operation& op) {
  if (auto s = check_keys(items, op.items, 1, 1); !s) return s;
  if (op.regulations.empty())
    return field_error("regulations", "required", "name the internal regulation and clause the item aligns with");
  if (op.regulations.size() > 50) return field_error("regulations", "too_many", "at most 50 regulation references");
  for (const auto& r : op.regulations) {
    if (auto s = check_text("regulations", r.name, 200, true); !s) return s;
    if (auto s = check_text("regulations", r.clause, 100, false); !s) return s;
  }
  if (auto s = check_text("text", op.text, kMaxItemTextChars, false); !s) return s;
  auto it = find_key(items, op.items[0]);
  it->regulations = op.regulations;
  if (!blank(op.text)) it->text = op.text;
  it->history.push_back(op.seq);
  return ok();
}

Status apply_level(std::vector<TailoredItem>& items, const Operation& op) {
  if (auto s = check_keys(items, op.items, 1, 5000); !s) return s;
  for (const auto& k : op.items) {
    auto it = find_key(items, k);
    it->level = op.level;
    it->history.push_back(op.seq);
  }
  return ok();
}

Status apply_technical(std::vector<TailoredItem>& items, const Operation& op, const DerivationRules& rules) {
  if (auto s = check_keys(items, op.items, 1, 5000); !s) return s;
  if (op.technical) {
    // Technical items follow technology, so they are reviewed more often
    // than the rest (seed 002 II.7): strictly shorter than the standard's.
    if (op.review_months < 1)
      return field_error("review_months", "required", "a technical verification item needs its review interval (months)");
    if (op.review_months >= rules.review_months)
      return field_error("review_months", "not_shorter",
                         "the review interval of a technical item must be shorter than the standard's " +
                             std::to_string(rules.review_months) + " months");
  }
  for (const auto& k : op.items) {
    auto it = find_key(items, k);
    it->technical = op.technical;
    it->review_months = op.technical ? op.review_months : 0;
    it->history.push_back(op.seq);
  }
  return ok();
}

Status apply_attributes(std::vector<TailoredItem>& items, const Operation& op, const DerivationRules& rules) {
  if (auto s = check_keys(items, op.items, 1, 5000); !s) return s;
  if (op.attributes.empty()) return field_error("attributes", "required", "give the attribute values to set");
  if (auto s = check_attributes(op.attributes, rules); !s) return s;
  for (const auto& k : op.items) {
    auto it = find_key(items, k);
    for (const auto& [type, values] : op.attributes) {
      auto slot = std::find_if(it->attributes.begin(), it->attributes.end(), [&](const auto& p) { return p.first == type; });
      if (values.empty()) {
        if (slot != it->attributes.end()) it->attributes.erase(slot);
      } else if (slot != it->attributes.end()) {
        slot->second = values;
      } else {
        it->attributes.emplace_back(type, values);
      }
    }
    it->history.push_back(op.seq);
  }
  return ok();
}

Status apply_remove(std::vector<TailoredItem>& items, const Operation& op) {
  if (auto s = check_keys(items, op.items, 1, 5000); !s) return s;
  std::erase_if(items, [&](const TailoredItem& i) {
    return std::find(op.items.begin(), op.items.end(), i.key) != op.items.end();
  });
  return ok();
}

}  // namespace

const char* to_string(ItemLevel level) { return level == ItemLevel::required ? "required" : "recommended"; }

std::optional<ItemLevel> parse_item_level(std::string_view text) {
  if (text == "required") return ItemLevel::required;
  if (text == "recommended") return ItemLevel::recommended;
  return std::nullopt;
}

const char* to_string(OperationKind kind) {
  switch (kind) {
    case OperationKind::take: return "take";
    case OperationKind::remove: return "remove";
    case OperationKind::reword: return "reword";
    case OperationKind::split: return "split";
    case OperationKind::merge: return "merge";
    case OperationKind::add: return "add";
    case OperationKind::align: return "align";
    case OperationKind::set_level: return "set_level";
    case OperationKind::set_technical: return "set_technical";
    case OperationKind::set_attributes: return "set_attributes";
  }
  return "take";
}

std::optional<OperationKind> parse_operation_kind(std::string_view text) {
  for (auto k : {OperationKind::take, OperationKind::remove, OperationKind::reword, OperationKind::split,
                 OperationKind::merge, OperationKind::add, OperationKind::align, OperationKind::set_level,
                 OperationKind::set_technical, OperationKind::set_attributes})
    if (text == to_string(k)) return k;
  return std::nullopt;
}

int step_of(const Operation& op) {
  switch (op.kind) {
    case OperationKind::take:
    case OperationKind::remove:
    case OperationKind::reword:
    case OperationKind::split:
    case OperationKind::merge: return 1;
    case OperationKind::add: return op.add_step;
    case OperationKind::align: return 5;
    case OperationKind::set_level: return 6;
    case OperationKind::set_technical: return 7;
    case OperationKind::set_attributes: return 0;
  }
  return 0;
}

bool valid_origin(std::string_view origin) {
  const auto colon = origin.find(':');
  return colon != std::string_view::npos && colon > 0 && colon + 1 < origin.size() &&
         origin.find_first_of(" \t\n") == std::string_view::npos;
}

AttributeValues merge_attributes(const std::vector<AttributeValues>& sets) {
  AttributeValues out;
  for (const auto& set : sets)
    for (const auto& [type, values] : set) {
      auto slot = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == type; });
      if (slot == out.end()) slot = out.insert(out.end(), {type, {}});
      for (const auto& v : values)
        if (std::find(slot->second.begin(), slot->second.end(), v) == slot->second.end()) slot->second.push_back(v);
    }
  return out;
}

Status apply_operation(std::vector<TailoredItem>& items, const Operation& op, const DerivationRules& rules) {
  if (!is_valid_utf8(op.reason)) return field_error("reason", "invalid", "reason is not valid UTF-8");
  if (blank(op.reason))
    return field_error("reason", "required", "every change keeps its reason (修正理由): say why");
  if (utf8_length(op.reason) > kMaxOperationReasonChars)
    return field_error("reason", "too_long", "reason is longer than 2000 characters");
  // Work on a copy: a failed operation changes nothing.
  std::vector<TailoredItem> next = items;
  Status s = ok();
  switch (op.kind) {
    case OperationKind::take: s = apply_take(next, op, rules); break;
    case OperationKind::remove: s = apply_remove(next, op); break;
    case OperationKind::reword: s = apply_reword(next, op, rules); break;
    case OperationKind::split: s = apply_split(next, op, rules); break;
    case OperationKind::merge: s = apply_merge(next, op, rules); break;
    case OperationKind::add: s = apply_add(next, op, rules); break;
    case OperationKind::align: s = apply_align(next, op); break;
    case OperationKind::set_level: s = apply_level(next, op); break;
    case OperationKind::set_technical: s = apply_technical(next, op, rules); break;
    case OperationKind::set_attributes: s = apply_attributes(next, op, rules); break;
  }
  if (!s) return s;
  items = std::move(next);
  return ok();
}

Result<std::vector<TailoredItem>> derive_items(const std::vector<Operation>& ops, const DerivationRules& rules) {
  std::vector<TailoredItem> items;
  for (const auto& op : ops)
    if (auto s = apply_operation(items, op, rules); !s) {
      Error e = s.error();
      e.message = "operation " + std::to_string(op.seq) + ": " + e.message;
      return e;
    }
  return items;
}

}  // namespace mamori::domain
