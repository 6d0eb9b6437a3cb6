#include "domain/text_index.h"

#include <algorithm>
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

// The terms of `text`, with repeats, sorted (equal keys adjacent): every
// bigram and trigram of code points that is not only separators (so "る。"
// and "。さら" count, "。 " does not), and every ASCII word of two or more
// letters or digits. `cps` is scratch space.
void terms_of(std::string_view text, std::vector<char32_t>& cps, std::vector<Key>& keys) {
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
  std::sort(keys.begin(), keys.end());
}

// Open addressing (linear probing) from term key to term id; key 0 marks an
// empty slot.
class TermTable {
 public:
  static constexpr std::uint32_t kAbsent = std::numeric_limits<std::uint32_t>::max();

  std::uint32_t size() const { return count_; }
  std::size_t memory_bytes() const {
    return keys_.capacity() * sizeof(Key) + ids_.capacity() * sizeof(std::uint32_t);
  }

  std::uint32_t find(Key key) const {
    if (keys_.empty()) return kAbsent;
    for (std::size_t slot = hash(key) & mask_;; slot = (slot + 1) & mask_) {
      if (keys_[slot] == key) return ids_[slot];
      if (keys_[slot] == 0) return kAbsent;
    }
  }

  // The id of `key`, adding it with the next id when new.
  std::uint32_t intern(Key key) {
    if ((std::size_t{count_} + 1) * 4 > keys_.size() * 3) grow();
    std::size_t slot = hash(key) & mask_;
    while (keys_[slot] != 0) {
      if (keys_[slot] == key) return ids_[slot];
      slot = (slot + 1) & mask_;
    }
    keys_[slot] = key;
    ids_[slot] = count_;
    return count_++;
  }

 private:
  static std::size_t hash(Key k) {  // splitmix64 finaliser
    k ^= k >> 30;
    k *= 0xbf58476d1ce4e5b9ULL;
    k ^= k >> 27;
    k *= 0x94d049bb133111ebULL;
    k ^= k >> 31;
    return static_cast<std::size_t>(k);
  }

  void grow() {
    const std::size_t capacity = keys_.empty() ? 1024 : keys_.size() * 2;
    std::vector<Key> old_keys(capacity, 0);
    std::vector<std::uint32_t> old_ids(capacity, 0);
    old_keys.swap(keys_);
    old_ids.swap(ids_);
    mask_ = capacity - 1;
    for (std::size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] == 0) continue;
      std::size_t slot = hash(old_keys[i]) & mask_;
      while (keys_[slot] != 0) slot = (slot + 1) & mask_;
      keys_[slot] = old_keys[i];
      ids_[slot] = old_ids[i];
    }
  }

  std::vector<Key> keys_;
  std::vector<std::uint32_t> ids_;
  std::size_t mask_ = 0;
  std::uint32_t count_ = 0;
};

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

  // Documents added since the last build(): their distinct terms and counts.
  std::vector<std::size_t> pending_start{0};
  std::vector<TermCount> pending_terms;

  // Scratch for add().
  std::vector<char32_t> cps;
  std::vector<Key> keys;

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
  terms_of(text, m.cps, m.keys);
  for (std::size_t i = 0; i < m.keys.size();) {
    std::size_t j = i;
    while (j < m.keys.size() && m.keys[j] == m.keys[i]) ++j;
    m.pending_terms.push_back({m.terms.intern(m.keys[i]), static_cast<std::uint32_t>(j - i)});
    i = j;
  }
  m.pending_start.push_back(m.pending_terms.size());
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
  for (const TermCount& t : m.pending_terms) ++start[t.term + 1];
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
      const TermCount& t = m.pending_terms[i];
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
  m.pending_terms = std::vector<TermCount>();

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
}

std::size_t TextIndex::size() const { return impl_ ? impl_->built_docs + impl_->pending_start.size() - 1 : 0; }

std::size_t TextIndex::memory_bytes() const {
  if (!impl_) return 0;
  const Impl& m = *impl_;
  return sizeof(Impl) + m.terms.memory_bytes() + m.post_start.capacity() * sizeof(std::size_t) +
         m.post_doc.capacity() * sizeof(std::uint32_t) + m.post_tf.capacity() +
         m.doc_inv_norm.capacity() * sizeof(float) + m.pending_start.capacity() * sizeof(std::size_t) +
         m.pending_terms.capacity() * sizeof(TermCount) + m.cps.capacity() * sizeof(char32_t) +
         m.keys.capacity() * sizeof(Key);
}

std::vector<TextMatch> TextIndex::query(std::string_view text, std::size_t top_n) const {
  if (!impl_ || top_n == 0 || impl_->built_docs == 0) return {};
  const Impl& m = *impl_;

  std::vector<char32_t> cps;
  std::vector<Key> keys;
  terms_of(text, cps, keys);

  // The question's weights over all its terms: the norm counts terms no
  // document has (df = 0), so text the index knows nothing about pulls the
  // score down, but only terms with postings are looked up.
  std::vector<std::pair<std::uint32_t, double>> known;  // term, weight x idf
  double norm2 = 0;
  for (std::size_t i = 0; i < keys.size();) {
    std::size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    const std::uint32_t id = m.terms.find(keys[i]);
    const std::size_t df = id == TermTable::kAbsent ? 0 : m.df(id);
    const double idf = idf_of(m.built_docs, df);
    const double w = tf_weight(static_cast<std::uint32_t>(j - i)) * idf;
    norm2 += w * w;
    if (df > 0) known.emplace_back(id, w * idf);  // the document side's idf folded in
    i = j;
  }
  if (known.empty()) return {};
  const double inv = 1 / std::sqrt(norm2);

  // Dense accumulators: a tight loop over the postings, then one pass to
  // collect the documents that scored (cheaper than tracking them as they
  // are touched, for indexes of up to a few hundred thousand documents).
  std::vector<float> acc(m.built_docs, 0.0f);
  const std::uint32_t* post_doc = m.post_doc.data();
  const std::uint8_t* post_tf = m.post_tf.data();
  const float* doc_tf_weight = tf_weights();
  float* sum = acc.data();
  for (const auto& [id, w] : known) {
    const float qw = static_cast<float>(w * inv);
    for (std::size_t p = m.post_start[id], end = m.post_start[id + 1]; p < end; ++p)
      sum[post_doc[p]] += qw * doc_tf_weight[post_tf[p]];
  }
  std::vector<TextMatch> hits;
  for (std::size_t d = 0; d < m.built_docs; ++d) {
    if (sum[d] <= 0) continue;
    const double score = std::min(1.0, static_cast<double>(sum[d]) * m.doc_inv_norm[d]);
    if (score > 0) hits.push_back({d, score});
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
