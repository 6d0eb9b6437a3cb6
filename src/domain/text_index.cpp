#include "domain/text_index.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

#include "domain/text.h"

namespace mamori::domain {

namespace {

// --- Terms ------------------------------------------------------------------
//
// A term is a packed 64-bit key:
//   bigram   a<<21 | b             (< 2^42)
//   trigram  1<<63 | a<<42 | b<<21 | c
//   word     1<<62 | (62-bit FNV-1a hash of the ASCII word)
// Code points fit in 21 bits, so n-gram keys are exact; word keys are hashed
// (two different words collide with probability ~ n^2 / 2^63). No key is 0:
// a bigram of two U+0000 would be, but it is only separators.

using Key = std::uint64_t;

constexpr Key kTrigramTag = Key{1} << 63;
constexpr Key kWordTag = Key{1} << 62;

Key bigram(char32_t a, char32_t b) { return (Key{a} << 21) | Key{b}; }
Key trigram(char32_t a, char32_t b, char32_t c) { return kTrigramTag | (Key{a} << 42) | (Key{b} << 21) | Key{c}; }

Key word_key(const char32_t* begin, const char32_t* end) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char32_t* p = begin; p != end; ++p) {
    h ^= static_cast<std::uint64_t>(*p);
    h *= 1099511628211ULL;
  }
  return kWordTag | (h & (kWordTag - 1));
}

// Whitespace, control characters, punctuation and symbols: an n-gram made
// only of these is not a term.
bool is_separator(char32_t c) {
  if (c < 0x80) return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  if (c <= 0xBF) return true;                    // C1 controls, Latin-1 punctuation (¥ § ± ·)
  if (c == 0xD7 || c == 0xF7) return true;       // × ÷
  if (c >= 0x2000 && c <= 0x206F) return true;   // general punctuation: “ ” ‥ … ※ ‐ —
  if (c >= 0x2190 && c <= 0x21FF) return true;   // arrows
  if (c >= 0x2460 && c <= 0x24FF) return true;   // ① ⑴ ⒈: list numbering
  if (c >= 0x2500 && c <= 0x27BF) return true;   // box drawing, shapes ○ ● ■ ◆ ★, dingbats
  if (c >= 0x3000 && c <= 0x303F)                // CJK punctuation 、。「」【】〜, except
    return !(c == 0x3005 || c == 0x3006 || c == 0x3007 || (c >= 0x3031 && c <= 0x3035) || c == 0x303B);
  if (c == 0x30A0 || c == 0x30FB) return true;   // ゠ ・
  if (c >= 0xFE10 && c <= 0xFE1F) return true;   // vertical forms
  if (c >= 0xFE30 && c <= 0xFE6F) return true;   // CJK compatibility and small forms
  if (c >= 0xFF01 && c <= 0xFF0F) return true;   // full-width punctuation (folding maps most to ASCII)
  if (c >= 0xFF1A && c <= 0xFF20) return true;
  if (c >= 0xFF3B && c <= 0xFF40) return true;
  if (c >= 0xFF5B && c <= 0xFF65) return true;
  if (c >= 0xFFE0 && c <= 0xFFEE) return true;   // ￥ ￤ and half-width symbols
  return false;
}

bool is_ascii_word_char(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }

// Decodes UTF-8 that fold_for_search() produced (always well-formed).
void decode(std::string_view s, std::vector<char32_t>& out) {
  out.clear();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    char32_t cp;
    std::size_t len;
    if (c < 0x80) {
      cp = c, len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, len = 3;
    } else {
      cp = c & 0x07, len = 4;
    }
    if (i + len > n) break;  // cannot happen for folded text
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (p[i + k] & 0x3F);
    out.push_back(cp);
    i += len;
  }
}

// The terms of `text`, with repeats, in text order: every bigram and
// trigram of code points that is not only separators (so "る。" and "。さら"
// count, "。 " does not), and every ASCII word of two or more letters or
// digits. `cps` is scratch space.
void collect_terms(std::string_view text, std::vector<char32_t>& cps, std::vector<Key>& keys) {
  keys.clear();
  decode(fold_for_search(text), cps);
  const std::size_t n = cps.size();
  for (std::size_t k = 0; k + 1 < n; ++k) {
    const bool sep0 = is_separator(cps[k]), sep01 = sep0 && is_separator(cps[k + 1]);
    if (!sep01) keys.push_back(bigram(cps[k], cps[k + 1]));
    if (k + 2 < n && !(sep01 && is_separator(cps[k + 2]))) keys.push_back(trigram(cps[k], cps[k + 1], cps[k + 2]));
  }
  // ASCII words (lower case after folding) also count whole: "vpn", "mfa".
  for (std::size_t k = 0; k < n;) {
    if (!is_ascii_word_char(cps[k])) {
      ++k;
      continue;
    }
    std::size_t end = k;
    while (end < n && is_ascii_word_char(cps[end])) ++end;
    if (end - k >= 2) keys.push_back(word_key(&cps[k], &cps[end]));
    k = end;
  }
}

// The same, sorted (equal keys adjacent).
void terms_of(std::string_view text, std::vector<char32_t>& cps, std::vector<Key>& keys) {
  collect_terms(text, cps, keys);
  std::sort(keys.begin(), keys.end());
}

// Splitmix64 finaliser: spreads keys whose low bits are alike (n-grams of
// neighbouring code points).
std::size_t mix(Key k) {
  k ^= k >> 30;
  k *= 0xbf58476d1ce4e5b9ULL;
  k ^= k >> 27;
  k *= 0x94d049bb133111ebULL;
  k ^= k >> 31;
  return static_cast<std::size_t>(k);
}

// Counts a document's keys without sorting them: a small open-addressing
// table, reused from document to document (sorting the keys of every
// document was about a third of add() in a profile of a 20,000-document
// build).
class KeyCounter {
 public:
  struct Counted {
    Key key;
    std::uint32_t count;
  };

  // The distinct keys of `keys` with their counts, in first-seen order.
  const std::vector<Counted>& count(const std::vector<Key>& keys) {
    counted_.clear();
    std::size_t capacity = 64;
    while (capacity < keys.size() * 2) capacity *= 2;
    if (slots_.size() < capacity) slots_.assign(capacity, kEmpty);
    const std::size_t mask = capacity - 1;
    for (Key key : keys) {
      std::size_t slot = mix(key) & mask;
      while (slots_[slot] != kEmpty && counted_[slots_[slot]].key != key) slot = (slot + 1) & mask;
      if (slots_[slot] == kEmpty) {
        slots_[slot] = static_cast<std::uint32_t>(counted_.size());
        used_.push_back(slot);
        counted_.push_back({key, 1});
      } else {
        ++counted_[slots_[slot]].count;
      }
    }
    for (std::size_t slot : used_) slots_[slot] = kEmpty;
    used_.clear();
    return counted_;
  }

 private:
  static constexpr std::uint32_t kEmpty = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> slots_;  // index into counted_, or kEmpty
  std::vector<std::size_t> used_;
  std::vector<Counted> counted_;
};

// Open addressing (linear probing) from term key to term id; key 0 marks an
// empty slot.
class TermTable {
 public:
  static constexpr std::uint32_t kAbsent = std::numeric_limits<std::uint32_t>::max();

  std::uint32_t size() const { return count_; }
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

  std::uint32_t find(Key key) const {
    if (slots_.empty()) return kAbsent;
    for (std::size_t slot = mix(key) & mask_;; slot = (slot + 1) & mask_) {
      if (slots_[slot].key == key) return slots_[slot].id;
      if (slots_[slot].key == 0) return kAbsent;
    }
  }

  // The id of `key`, adding it with the next id when new.
  std::uint32_t intern(Key key) {
    if ((std::size_t{count_} + 1) * 4 > slots_.size() * 3) grow();
    std::size_t slot = mix(key) & mask_;
    while (slots_[slot].key != 0) {
      if (slots_[slot].key == key) return slots_[slot].id;
      slot = (slot + 1) & mask_;
    }
    slots_[slot] = {key, count_};
    return count_++;
  }

 private:
  // Key and id side by side: a probe touches one cache line, not two (the
  // table of a 20,000-document library is megabytes, so most probes miss).
  struct Slot {
    Key key;
    std::uint32_t id;
  };

  void grow() {
    const std::size_t capacity = slots_.empty() ? 1024 : slots_.size() * 2;
    std::vector<Slot> old(capacity, Slot{0, 0});
    old.swap(slots_);
    mask_ = capacity - 1;
    for (const Slot& s : old) {
      if (s.key == 0) continue;
      std::size_t slot = mix(s.key) & mask_;
      while (slots_[slot].key != 0) slot = (slot + 1) & mask_;
      slots_[slot] = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::uint32_t count_ = 0;
};

// query() with a min_score: the share of it the skipped terms may add at
// most; and up to how many postings per document query() marks the
// documents it touches rather than scanning them all after. Measured on
// the library index of bench/auto_answer_bench.cpp (10,000 answers = 20,000
// documents; 1,000 questions, top 10 at or above 0.30; CPU time on a
// loaded 2-core machine, two runs each; the code before either: 237..271 ms):
//   share 0 (no skipping): factor 1 272..279 ms, 4 259..267, always mark 393..421
//   share 0.25 194..213, 0.75 169..209 (factor 1 or always mark), 0.95 242..251 (always mark)
//   share 0.5: factor 1 191..203, 2 176..199, 4 161..163, 8 157..178, always mark 157..179
// More skipped terms leave more documents to look up one by one.
constexpr double kNonEssentialShare = 0.5;
constexpr std::size_t kMarkWalkFactor = 4;

struct TermCount {
  std::uint32_t term;
  std::uint32_t tf;
};

double idf_of(std::size_t docs, std::size_t df) {
  return std::log((static_cast<double>(docs) + 1) / (static_cast<double>(df) + 1)) + 1;
}

double tf_weight(std::uint32_t tf) { return 1 + std::log(static_cast<double>(tf)); }

// Postings store tf in a byte (counts above 255 saturate: 1 + ln 255 = 6.5);
// this table turns it into the weight.
const float* tf_weights() {
  static const struct Table {
    float w[256];
    Table() : w() {
      for (std::uint32_t tf = 1; tf < 256; ++tf) w[tf] = static_cast<float>(tf_weight(tf));
    }
  } table;
  return table.w;
}

// query()'s accumulators and touched-document bits, one set per thread (so
// concurrent queries stay safe) and reused: zero between queries. The
// lease clears what its query touched when it ends, however it ends.
struct QueryScratch {
  std::vector<float> acc;
  std::vector<std::uint64_t> touched;
};

class ScratchLease {
 public:
  explicit ScratchLease(std::size_t docs) : scratch_(local()), words((docs + 63) / 64) {
    if (scratch_.acc.size() < docs) scratch_.acc.resize(docs, 0.0f);
    if (scratch_.touched.size() < words) scratch_.touched.resize(words, 0);
    acc = scratch_.acc.data();
    touched = scratch_.touched.data();
  }
  ~ScratchLease() {
    for (std::size_t word = 0; word < words; ++word) {
      for (std::uint64_t bits = touched[word]; bits != 0; bits &= bits - 1)
        acc[word * 64 + static_cast<std::size_t>(std::countr_zero(bits))] = 0.0f;
      touched[word] = 0;
    }
  }
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;

 private:
  static QueryScratch& local() {
    thread_local QueryScratch scratch;
    return scratch;
  }
  QueryScratch& scratch_;

 public:
  const std::size_t words;
  float* acc = nullptr;
  std::uint64_t* touched = nullptr;
};

}  // namespace

struct TextIndex::Impl {
  TermTable terms;

  // From the last build(): documents [0, built_docs) are searchable. The
  // postings of term t are post_doc/post_tf[post_start[t], post_start[t + 1])
  // by ascending document (5 bytes each). A document's weight for t is
  // (1 + ln tf) x idf(t) x doc_inv_norm[document]; idf comes from the
  // posting count, so nothing else per term is stored. Terms first seen
  // after the last build() have ids past the end of post_start.
  std::size_t built_docs = 0;
  std::vector<std::size_t> post_start{0};
  std::vector<std::uint32_t> post_doc;
  std::vector<std::uint8_t> post_tf;
  std::vector<float> doc_inv_norm;
  // Per term, the most any document gets from it before the question's
  // weight: max over its postings of (1 + ln tf) x doc_inv_norm. Bounds what
  // the term can add to a score, so query() with a min_score can skip the
  // long postings of common terms (see query()).
  std::vector<float> term_max;

  // Documents added since the last build(): their distinct terms and
  // counts, pending_start indexing into them, kept in fixed chunks (one
  // vector reallocated as it grew copied every term again and again: about
  // a third of add() in a profile of a 20,000-document build, most of it
  // page faults on the fresh memory).
  static constexpr std::size_t kChunkBits = 16;
  std::vector<std::size_t> pending_start{0};
  std::vector<std::vector<TermCount>> pending_chunks;
  std::size_t pending_count = 0;

  void push_pending(TermCount t) {
    if ((pending_count >> kChunkBits) == pending_chunks.size()) {
      pending_chunks.emplace_back();
      pending_chunks.back().reserve(std::size_t{1} << kChunkBits);
    }
    pending_chunks.back().push_back(t);
    ++pending_count;
  }
  const TermCount& pending(std::size_t i) const {
    return pending_chunks[i >> kChunkBits][i & ((std::size_t{1} << kChunkBits) - 1)];
  }

  // Scratch for add().
  std::vector<char32_t> cps;
  std::vector<Key> keys;
  KeyCounter counter;

  std::size_t built_terms() const { return post_start.size() - 1; }
  std::size_t df(std::size_t term) const {
    return term < built_terms() ? post_start[term + 1] - post_start[term] : 0;
  }
};

TextIndex::TextIndex() : impl_(new Impl) {}
TextIndex::~TextIndex() { delete impl_; }
TextIndex::TextIndex(TextIndex&& other) noexcept : impl_(std::exchange(other.impl_, nullptr)) {}
TextIndex& TextIndex::operator=(TextIndex&& other) noexcept {
  std::swap(impl_, other.impl_);
  return *this;
}

std::size_t TextIndex::add(std::string_view text) {
  if (!impl_) impl_ = new Impl;  // a moved-from index is usable again
  Impl& m = *impl_;
  collect_terms(text, m.cps, m.keys);
  for (const auto& [key, count] : m.counter.count(m.keys)) m.push_pending({m.terms.intern(key), count});
  m.pending_start.push_back(m.pending_count);
  return size() - 1;
}

void TextIndex::build() {
  if (!impl_) return;
  Impl& m = *impl_;
  const std::size_t old_docs = m.built_docs, new_docs = m.pending_start.size() - 1, docs = old_docs + new_docs;
  if (new_docs == 0 && docs > 0) return;  // nothing changed
  const std::size_t old_terms = m.built_terms(), term_count = m.terms.size();

  // Postings: the built ones, then the new documents' (higher numbers, so
  // each list stays in document order).
  std::vector<std::size_t> start(term_count + 1, 0);
  for (std::size_t t = 0; t < term_count; ++t) start[t + 1] = m.df(t);
  for (const auto& chunk : m.pending_chunks)
    for (const TermCount& t : chunk) ++start[t.term + 1];
  for (std::size_t t = 0; t < term_count; ++t) start[t + 1] += start[t];
  std::vector<std::uint32_t> post_doc(start.back());
  std::vector<std::uint8_t> post_tf(start.back());
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (std::size_t t = 0; t < old_terms; ++t) {
    const std::size_t begin = m.post_start[t], count = m.post_start[t + 1] - begin;
    std::copy_n(m.post_doc.data() + begin, count, post_doc.data() + fill[t]);
    std::copy_n(m.post_tf.data() + begin, count, post_tf.data() + fill[t]);
    fill[t] += count;
  }
  for (std::size_t d = 0; d < new_docs; ++d) {
    for (std::size_t i = m.pending_start[d]; i < m.pending_start[d + 1]; ++i) {
      const TermCount& t = m.pending(i);
      const std::size_t at = fill[t.term]++;
      post_doc[at] = static_cast<std::uint32_t>(old_docs + d);
      post_tf[at] = static_cast<std::uint8_t>(std::min<std::uint32_t>(t.tf, 255));
    }
  }
  m.post_start = std::move(start);
  m.post_doc = std::move(post_doc);
  m.post_tf = std::move(post_tf);
  m.built_docs = docs;
  m.pending_start = std::vector<std::size_t>{0};  // and free what they held
  m.pending_chunks = std::vector<std::vector<TermCount>>();
  m.pending_count = 0;

  // Document norms, with every idf as it is now (N changed).
  const float* doc_tf_weight = tf_weights();
  std::vector<double> norm2(docs, 0);
  for (std::size_t t = 0; t < term_count; ++t) {
    const double idf = idf_of(docs, m.df(t));
    for (std::size_t p = m.post_start[t]; p < m.post_start[t + 1]; ++p) {
      const double w = doc_tf_weight[m.post_tf[p]] * idf;
      norm2[m.post_doc[p]] += w * w;
    }
  }
  m.doc_inv_norm.assign(docs, 0);
  for (std::size_t d = 0; d < docs; ++d)
    if (norm2[d] > 0) m.doc_inv_norm[d] = static_cast<float>(1 / std::sqrt(norm2[d]));
  m.term_max.assign(term_count, 0.0f);
  for (std::size_t t = 0; t < term_count; ++t)
    for (std::size_t p = m.post_start[t]; p < m.post_start[t + 1]; ++p)
      m.term_max[t] = std::max(m.term_max[t], doc_tf_weight[m.post_tf[p]] * m.doc_inv_norm[m.post_doc[p]]);
}

std::size_t TextIndex::size() const { return impl_ ? impl_->built_docs + impl_->pending_start.size() - 1 : 0; }

std::size_t TextIndex::memory_bytes() const {
  if (!impl_) return 0;
  const Impl& m = *impl_;
  std::size_t pending = 0;
  for (const auto& chunk : m.pending_chunks) pending += chunk.capacity() * sizeof(TermCount);
  return sizeof(Impl) + m.terms.memory_bytes() + m.post_start.capacity() * sizeof(std::size_t) +
         m.post_doc.capacity() * sizeof(std::uint32_t) + m.post_tf.capacity() +
         m.doc_inv_norm.capacity() * sizeof(float) + m.term_max.capacity() * sizeof(float) +
         m.pending_start.capacity() * sizeof(std::size_t) + pending + m.cps.capacity() * sizeof(char32_t) +
         m.keys.capacity() * sizeof(Key);
}

std::vector<TextMatch> TextIndex::query(std::string_view text, std::size_t top_n, double min_score) const {
  if (!impl_ || top_n == 0 || impl_->built_docs == 0) return {};
  const Impl& m = *impl_;

  std::vector<char32_t> cps;
  std::vector<Key> keys;
  terms_of(text, cps, keys);

  // The question's weights over all its terms: the norm counts terms no
  // document has (df = 0), so text the index knows nothing about pulls the
  // score down, but only terms with postings are looked up.
  struct Known {
    std::uint32_t id;
    float weight;  // the question's weight x idf (the document side's idf folded in) / the question's norm
    bool essential = true;
  };
  std::vector<Known> known;
  std::vector<std::pair<std::uint32_t, double>> raw;  // term, weight x idf
  double norm2 = 0;
  for (std::size_t i = 0; i < keys.size();) {
    std::size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    const std::uint32_t id = m.terms.find(keys[i]);
    const std::size_t df = id == TermTable::kAbsent ? 0 : m.df(id);
    const double idf = idf_of(m.built_docs, df);
    const double w = tf_weight(static_cast<std::uint32_t>(j - i)) * idf;
    norm2 += w * w;
    if (df > 0) raw.emplace_back(id, w * idf);
    i = j;
  }
  if (raw.empty()) return {};
  const double inv = 1 / std::sqrt(norm2);
  known.reserve(raw.size());
  for (const auto& [id, w] : raw) known.push_back({id, static_cast<float>(w * inv)});

  // With a min_score, the terms that together cannot lift a document to it
  // (the smallest bounds, weight x term_max, summing below it: the common
  // n-grams such as "ます", whose postings cover most documents) are
  // "non-essential": a document that reaches min_score has at least one
  // essential term. Only the essential postings are walked; the few
  // documents they bring that could still reach min_score get the rest
  // looked up in the non-essential postings (sorted by document, so a
  // binary search each). Scores of the documents returned are the same
  // sums, only added in another order (the figures are at
  // kNonEssentialShare).
  const double limit = min_score * (1 - 1e-6);  // float sums: a hair of slack, the exact test comes last
  double rest = 0;  // what the non-essential terms can add at most
  std::vector<std::pair<double, std::size_t>> non_essential;  // bound, index in known; largest bound first
  if (min_score > 0) {
    std::vector<std::pair<double, std::size_t>> order;
    for (std::size_t i = 0; i < known.size(); ++i)
      order.emplace_back(static_cast<double>(known[i].weight) * m.term_max[known[i].id], i);
    std::sort(order.begin(), order.end());
    // Up to kNonEssentialShare of min_score: the essential terms then have
    // to bring a document most of the way, which leaves few to look up.
    for (const auto& [bound, i] : order) {
      if (rest + bound >= limit * kNonEssentialShare) break;
      rest += bound;
      known[i].essential = false;
      non_essential.emplace_back(bound, i);
    }
    std::reverse(non_essential.begin(), non_essential.end());
  }

  // Dense accumulators, kept per thread and all zero between queries, and
  // a bit per document touched: a tight loop over the postings, then the
  // touched documents in ascending order from the bits, and only their
  // accumulators cleared again. Allocating, zeroing and scanning every
  // document's accumulator was a third of the query time over 20,000
  // documents when min_score leaves few postings to walk. When the walk
  // is long (kMarkWalkFactor), a bit per posting costs more than one scan
  // for the documents that scored after it, so then the bits come from
  // that scan.
  ScratchLease lease(m.built_docs);
  std::size_t walk = 0;
  for (const Known& k : known)
    if (k.essential) walk += m.df(k.id);
  const bool mark = walk < kMarkWalkFactor * m.built_docs;
  const std::uint32_t* post_doc = m.post_doc.data();
  const std::uint8_t* post_tf = m.post_tf.data();
  const float* doc_tf_weight = tf_weights();
  float* sum = lease.acc;
  std::uint64_t* touched = lease.touched;
  bool all_essential = true;
  for (const Known& k : known) {
    if (!k.essential) {
      all_essential = false;
      continue;
    }
    const float qw = k.weight;
    const std::size_t begin = m.post_start[k.id], end = m.post_start[k.id + 1];
    if (mark) {
      for (std::size_t p = begin; p < end; ++p) {
        const std::uint32_t d = post_doc[p];
        sum[d] += qw * doc_tf_weight[post_tf[p]];
        touched[d >> 6] |= std::uint64_t{1} << (d & 63);
      }
    } else {
      for (std::size_t p = begin; p < end; ++p) sum[post_doc[p]] += qw * doc_tf_weight[post_tf[p]];
    }
  }
  if (!mark)
    for (std::size_t d = 0; d < m.built_docs; ++d)
      if (sum[d] > 0) touched[d >> 6] |= std::uint64_t{1} << (d & 63);
  // Per non-essential term, where its postings were last looked at: the
  // documents come in ascending order, so each cursor only moves forward
  // (galloping, then a binary search over the last step).
  std::vector<const std::uint32_t*> cursor;
  for (const auto& [bound, i] : non_essential) cursor.push_back(post_doc + m.post_start[known[i].id]);
  std::vector<TextMatch> hits;
  for (std::size_t word = 0; word < lease.words; ++word) {
    for (std::uint64_t bits = touched[word]; bits != 0; bits &= bits - 1) {
      const std::size_t d = word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
      if (!all_essential) {
        // The largest bounds first; give up as soon as what is left cannot
        // lift the document to min_score.
        double left = rest;
        bool reachable = static_cast<double>(sum[d]) * m.doc_inv_norm[d] + left >= limit;
        for (std::size_t i = 0; reachable && i < non_essential.size(); ++i) {
          const Known& k = known[non_essential[i].second];
          const std::uint32_t* at = cursor[i];
          const std::uint32_t* end = post_doc + m.post_start[k.id + 1];
          const auto doc = static_cast<std::uint32_t>(d);
          if (at != end && *at < doc) {
            std::size_t step = 1;
            while (at + step < end && at[step] < doc) {
              at += step;
              step *= 2;
            }
            at = std::lower_bound(at, end - at > static_cast<std::ptrdiff_t>(step) ? at + step + 1 : end, doc);
            cursor[i] = at;
          }
          if (at != end && *at == doc) sum[d] += k.weight * doc_tf_weight[post_tf[at - post_doc]];
          left -= non_essential[i].first;
          reachable = static_cast<double>(sum[d]) * m.doc_inv_norm[d] + left >= limit;
        }
        if (!reachable) continue;
      }
      const double score = std::min(1.0, static_cast<double>(sum[d]) * m.doc_inv_norm[d]);
      if (score > 0 && score >= min_score) hits.push_back({d, score});
    }
  }

  auto better = [](const TextMatch& a, const TextMatch& b) {
    return a.score > b.score || (a.score == b.score && a.document < b.document);
  };
  const std::size_t n = std::min(top_n, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(), better);
  hits.resize(n);
  return hits;
}

}  // namespace mamori::domain
