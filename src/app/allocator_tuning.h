#pragma once

namespace mamori::app {

// Sets glibc malloc so that memory freed after one request or import is
// kept for the next instead of being handed back to the kernel and faulted
// in again. Called once at the start of the mamori binary, and by the
// benchmarks so that they measure what the binary runs.
//
// Why: an import inflates a worksheet into one buffer of several MB and
// builds tens of thousands of small strings; with glibc's defaults the top
// of the heap is trimmed (brk) after each import and every page is faulted
// and zeroed again on the next, which took a tenth to a quarter of the time
// of an .xlsx import (bench/xlsx_bench.cpp, perf). Setting any threshold
// turns off glibc's own adjustment of the others, so both are set:
//   - blocks below 8 MB come from the heap (reused), larger ones are mapped
//     and returned to the kernel when freed (an upload of 50 MB is not kept);
//   - up to 16 MB free at the top of a heap is kept rather than trimmed.
// The cost is bounded: at most that much idle memory per malloc arena.
void tune_allocator();

}  // namespace mamori::app
