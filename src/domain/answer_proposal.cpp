#include "domain/answer_proposal.h"

#include <algorithm>
#include <map>
#include <optional>

#include "domain/catalog_matcher.h"
#include "domain/sheet_columns.h"
#include "domain/text_index.h"

namespace mamori::domain {

namespace {

struct Candidate {
  std::size_t entry = 0;
  double score = 0;
  MatchedBy how = MatchedBy::none;
};

struct FrameworkMatcher {
  const Catalog* catalog;
  CatalogIndex tree;
  CatalogMatcher matcher;
  FrameworkMatcher(const Catalog* c, MatcherOptions options) : catalog(c), tree(*c), matcher(*c, options) {}
};

bool is_ismap(std::string_view catalog_key) { return catalog_key.rfind("ismap-20", 0) == 0; }

double rounded(double score) { return static_cast<double>(static_cast<long>(std::clamp(score, 0.0, 1.0) * 1000 + 0.5)) / 1000; }

}  // namespace

const char* to_string(ProposalSource source) {
  switch (source) {
    case ProposalSource::library: return "library";
    case ProposalSource::catalog: return "catalog";
    case ProposalSource::none: return "none";
  }
  return "none";
}

const char* to_string(MatchedBy how) {
  switch (how) {
    case MatchedBy::none: return "none";
    case MatchedBy::sheet_ref: return "sheet_ref";
    case MatchedBy::library_text: return "library_text";
    case MatchedBy::catalog: return "catalog";
  }
  return "none";
}

const char* to_string(AnswerDecision decision) {
  switch (decision) {
    case AnswerDecision::proposed: return "proposed";
    case AnswerDecision::accepted: return "accepted";
    case AnswerDecision::edited: return "edited";
    case AnswerDecision::skipped: return "skipped";
  }
  return "proposed";
}

std::optional<AnswerDecision> parse_answer_decision(std::string_view text) {
  for (auto d : {AnswerDecision::proposed, AnswerDecision::accepted, AnswerDecision::edited, AnswerDecision::skipped})
    if (text == to_string(d)) return d;
  return std::nullopt;
}

// Better first: an answer made for the sheet's service, one that holds
// everywhere, one whose condition the sheet does not settle, one for other
// services.
int fit_rank(ScopeFit fit) {
  switch (fit) {
    case ScopeFit::holds: return 0;
    case ScopeFit::everywhere: return 1;
    case ScopeFit::unknown: return 2;
    case ScopeFit::outside: return 3;
  }
  return 3;
}

double fit_factor(ScopeFit fit) {
  switch (fit) {
    case ScopeFit::unknown: return kUnknownScopeFactor;
    case ScopeFit::outside: return kOutOfScopeFactor;
    default: return 1.0;
  }
}

struct AnswerProposer::Impl {
  std::vector<LibraryEntry> entries;
  TextIndex library_text;
  // "catalog_key\nref" -> entries (an item may have several answers, one per
  // service or plan); ISMAP entries also under "ismap\nref" so a sheet's
  // ISMAP number finds them whichever ISMAP version they name.
  std::map<std::string, std::vector<std::size_t>> by_item;
  std::vector<std::unique_ptr<FrameworkMatcher>> frameworks;

  ScopeFit fit(std::size_t entry, const AnswerContext& context) const {
    return scope_fit(entries[entry].content.scope, context.service, context.plan);
  }

  std::optional<std::size_t> entry_for(const std::string& catalog_key, const std::string& ref,
                                       const AnswerContext& context) const {
    auto it = by_item.find(catalog_key + "\n" + ref);
    if (it == by_item.end()) return std::nullopt;
    std::size_t best = it->second.front();
    for (std::size_t e : it->second)
      if (fit_rank(fit(e, context)) < fit_rank(fit(best, context))) best = e;
    return best;
  }

  // The entry for `ref` or for its nearest ancestor in `fw`'s tree; `depth`
  // counts the steps up.
  std::optional<std::size_t> entry_up_the_tree(const FrameworkMatcher& fw, const std::string& key, std::string ref,
                                               const AnswerContext& context, int& depth) const {
    depth = 0;
    for (int guard = 0; guard < 16 && !ref.empty(); ++guard, ++depth) {
      if (auto e = entry_for(key, ref, context)) return e;
      const Node* node = fw.tree.find(ref);
      if (!node) break;
      ref = node->parent;
    }
    return std::nullopt;
  }
};

AnswerProposer::AnswerProposer(std::vector<LibraryEntry> entries, const std::vector<const Catalog*>& catalogs)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.entries = std::move(entries);
  for (std::size_t i = 0; i < m.entries.size(); ++i) {
    const auto& c = m.entries[i].content;
    // The question and the explanation as two documents (2i, 2i+1), the
    // entry scoring the better of them: a long explanation would otherwise
    // dilute a question asked word for word (measured: verbatim questions
    // 0.47..0.90 joined, 0.73..0.99 apart).
    m.library_text.add(c.question);
    m.library_text.add(c.explanation);
    if (c.ref.empty()) continue;
    m.by_item[c.catalog_key + "\n" + c.ref].push_back(i);
    if (is_ismap(c.catalog_key)) m.by_item["ismap\n" + c.ref].push_back(i);
  }
  m.library_text.build();
  for (const Catalog* catalog : catalogs) {
    MatcherOptions options;
    options.rank_level = default_rank_level(*catalog);
    m.frameworks.push_back(std::make_unique<FrameworkMatcher>(catalog, options));
  }
}

AnswerProposer::~AnswerProposer() = default;
AnswerProposer::AnswerProposer(AnswerProposer&&) noexcept = default;
AnswerProposer& AnswerProposer::operator=(AnswerProposer&&) noexcept = default;

Proposal AnswerProposer::propose(const QuestionToAnswer& question, const AnswerContext& context) const {
  const Impl& m = *impl_;
  Proposal out;
  std::optional<Candidate> pick;
  // The catalog item the question is about, as first found, and how sure.
  double about_score = 0;
  MatchedBy about_by = MatchedBy::none;
  auto about = [&](const std::string& key, const std::string& ref, const std::string& title, double score,
                   MatchedBy how) {
    if (!out.catalog_ref.empty()) return;
    out.catalog_key = key;
    out.catalog_ref = ref;
    out.catalog_title = title;
    about_score = score;
    about_by = how;
  };

  // 1. The item number the sheet gives.
  const std::string sheet_ref = normalize_item_ref(question.sheet_ref);
  if (!sheet_ref.empty()) {
    for (const auto& fw : m.frameworks) {
      if (!is_ismap(fw->catalog->info.id)) continue;
      int depth = 0;
      if (auto e = m.entry_up_the_tree(*fw, "ismap", sheet_ref, context, depth)) {
        double score = kSheetRefConfidence;
        for (int i = 0; i < depth; ++i) score *= kAncestorRefFactor;
        pick = Candidate{*e, score, MatchedBy::sheet_ref};
      }
      if (const Node* n = fw->tree.find(sheet_ref)) about(fw->catalog->info.id, n->ref, n->title, kSheetRefConfidence, MatchedBy::sheet_ref);
      break;
    }
    if (!pick)
      if (auto e = m.entry_for("ismap", sheet_ref, context))
        pick = Candidate{*e, kSheetRefConfidence, MatchedBy::sheet_ref};
  }

  // 2. The library's own words.
  // Among the close ones, the one that best holds for the sheet's service.
  // The threshold goes to the index, which then skips most postings of the
  // common n-grams (text_index.h: min_score).
  if (!pick && m.library_text.size() > 0) {
    double best = 0;
    for (const auto& hit : m.library_text.query(question.text, 2 * kLibraryCandidates, kLibraryTextThreshold)) {
      const std::size_t entry = hit.document / 2;
      const double adjusted = hit.score * fit_factor(m.fit(entry, context));
      if (adjusted > best) {
        best = adjusted;
        pick = Candidate{entry, hit.score, MatchedBy::library_text};
      }
    }
  }

  // 3. The catalog items the question is about.
  if (!pick) {
    struct Hit {
      const FrameworkMatcher* fw;
      NodeMatch match;
    };
    std::vector<Hit> hits;
    for (const auto& fw : m.frameworks)
      for (const auto& match : fw->matcher.match(question.text, kCatalogCandidates))
        if (match.score >= kCatalogThreshold) hits.push_back({fw.get(), match});
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.match.score > b.match.score; });
    if (!hits.empty()) {
      const Node& best = hits.front().fw->catalog->nodes[hits.front().match.node];
      about(hits.front().fw->catalog->info.id, best.ref, best.title, hits.front().match.score, MatchedBy::catalog);
    }
    for (const auto& hit : hits) {
        const Node& node = hit.fw->catalog->nodes[hit.match.node];
        int depth = 0;
        auto e = m.entry_up_the_tree(*hit.fw, hit.fw->catalog->info.id, node.ref, context, depth);
        if (!e && is_ismap(hit.fw->catalog->info.id))
          e = m.entry_up_the_tree(*hit.fw, "ismap", node.ref, context, depth);
        if (!e) continue;
        pick = Candidate{*e, hit.match.score, MatchedBy::catalog};
        out.catalog_key = hit.fw->catalog->info.id;
        out.catalog_ref = node.ref;
        out.catalog_title = node.title;
        break;
      }
  }

  if (!pick) {
    if (!out.catalog_ref.empty()) {
      out.source = ProposalSource::catalog;
      out.matched_by = about_by;
      out.confidence = rounded(about_score);  // how sure the item is; there is no answer to be sure of
      out.notes.push_back("回答マスタに該当する回答がありません (" + out.catalog_key + " " + out.catalog_ref +
                          ") / no library answer for the item this question is about");
    } else {
      out.notes.push_back("該当する回答も管理策も見つかりません / nothing in the library or the catalogs matches");
    }
    return out;
  }

  // 4. The entry, qualified by scope and review date.
  const LibraryEntry& entry = m.entries[pick->entry];
  const LibraryAnswer& a = entry.content;
  out.source = ProposalSource::library;
  out.matched_by = pick->how;
  out.answer = a.answer;
  out.explanation = remarks_text(a);
  out.library_id = entry.id;
  out.library_version = entry.version;
  if (out.catalog_ref.empty() && !a.ref.empty()) out.catalog_key = a.catalog_key, out.catalog_ref = a.ref;
  double confidence = pick->score;
  switch (scope_fit(a.scope, context.service, context.plan)) {
    case ScopeFit::everywhere:
    case ScopeFit::holds:
      out.conditional = a.scope.limited();
      break;
    case ScopeFit::unknown:
      out.conditional = true;
      confidence *= kUnknownScopeFactor;
      out.notes.push_back("条件付き回答です: 対象のサービス・プランを確認してください / a conditional answer: check "
                          "that the sheet is about the services and plans it holds for");
      break;
    case ScopeFit::outside:
      out.conditional = true;
      out.out_of_scope = true;
      confidence *= kOutOfScopeFactor;
      out.notes.push_back("この回答は対象外のサービス・プラン向けです / the answer holds for other services or plans "
                          "than this sheet's");
      break;
  }
  if (review_overdue(a, context.today)) {
    out.review_overdue = true;
    out.notes.push_back("回答の見直し期限 (" + a.review_due + ") を過ぎています / the answer is past its review date (" +
                        a.review_due + ")");
  }
  out.confidence = rounded(confidence);
  return out;
}

}  // namespace mamori::domain
