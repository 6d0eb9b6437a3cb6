// Finding the catalog items and past answers a question is about, by text
// similarity: character n-grams (Japanese has no spaces between words) with
// TF-IDF weights and cosine similarity, over text folded with
// fold_for_search(). Pure and in memory; built once, queried many times.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::domain {

struct TextMatch {
  std::size_t document = 0;  // index in the order documents were added
  double score = 0;          // cosine similarity, 0..1
};

class TextIndex {
 public:
  TextIndex();
  ~TextIndex();
  TextIndex(TextIndex&&) noexcept;
  TextIndex& operator=(TextIndex&&) noexcept;
  TextIndex(const TextIndex&) = delete;
  TextIndex& operator=(const TextIndex&) = delete;

  // Adds a document; its number is the count of documents added before it.
  std::size_t add(std::string_view text);
  // Computes weights; call after the last add() and before query().
  void build();
  std::size_t size() const;

  // The best `top_n` documents for `text`, best first; ties keep the order
  // documents were added. Documents with score 0 are not returned.
  // Only documents added before the last build() are searched. Text the
  // index never saw matches nothing but counts in the question's length, so
  // it lowers scores without changing the order. Documents scoring below
  // `min_score` are not returned either; above 0 it also lets the index
  // skip most of the postings of common terms, so a caller that only uses
  // matches above a threshold should pass it. Concurrent query() calls are
  // safe; add() and build() need the index to themselves.
  std::vector<TextMatch> query(std::string_view text, std::size_t top_n, double min_score = 0) const;

  // Bytes held (term table, documents' terms, postings), for sizing.
  std::size_t memory_bytes() const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace mamori::domain
