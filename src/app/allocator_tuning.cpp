#include "app/allocator_tuning.h"

#include <malloc.h>

namespace mamori::app {

namespace {
constexpr int kMapAtOrAbove = 8 * 1024 * 1024;
constexpr int kKeepFreeAtTop = 16 * 1024 * 1024;
}  // namespace

void tune_allocator() {
  // mallopt returns 0 when a value is refused; the defaults then stay,
  // which is slower but correct, so there is nothing to report.
  mallopt(M_MMAP_THRESHOLD, kMapAtOrAbove);
  mallopt(M_TRIM_THRESHOLD, kKeepFreeAtTop);
}

}  // namespace mamori::app
