// Hands batches of items from one producing thread to one consuming thread,
// with at most `depth` batches in flight, so memory stays bounded whatever
// the speeds of the two. Batches come back to the producer once consumed and
// are refilled, so their items' buffers (strings, mostly) are reused rather
// than allocated again for every item.
//
// Used where one job is two halves of about equal cost that can overlap:
// reading rows from the database, and hashing them (audit verify).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace mamori::app {

template <typename Item>
class BatchHandoff {
 public:
  struct Batch {
    std::vector<Item> items;
    std::size_t size = 0;  // items[0, size) are filled; the rest are spare
  };

  explicit BatchHandoff(std::size_t depth = 4) : free_(depth) {}

  // Producer: an empty batch to fill (blocks while `depth` are in flight).
  Batch take_empty() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !free_.empty(); });
    Batch b = std::move(free_.back());
    free_.pop_back();
    b.size = 0;
    return b;
  }

  // Producer: a filled batch for the consumer.
  void hand_over(Batch batch) {
    {
      std::lock_guard lock(mutex_);
      full_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }

  // Producer: nothing more will come (also when it stopped on an error).
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
  }

  // Consumer: the next filled batch, or nothing once closed and drained.
  std::optional<Batch> take_full() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty() || closed_; });
    if (full_.empty()) return std::nullopt;
    Batch b = std::move(full_.front());
    full_.pop_front();
    return b;
  }

  // Consumer: a batch it is done with, back to the producer.
  void give_back(Batch batch) {
    {
      std::lock_guard lock(mutex_);
      free_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Batch> free_;
  std::deque<Batch> full_;
  bool closed_ = false;
};

}  // namespace mamori::app
