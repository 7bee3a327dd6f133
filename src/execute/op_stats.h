// Ember: a development aid of the interpreter loop (-DEMBER_OP_STATS): dynamic counts of IR ops and
// adjacent op pairs, printed to stderr at exit, to choose fused instructions from data rather than
// guesses. Included by interpreter.cpp only; EMBER_COUNT_OP() runs before every dispatch.
#pragma once

#include <cstdint>

#include "compile/ir.h"

#ifdef EMBER_OP_STATS
#include <cstdio>
#include <cstdlib>
namespace ember::detail {
namespace {
uint64_t g_op_count[uint32_t(Op::Count)];
uint64_t g_pair_count[uint32_t(Op::Count)][uint32_t(Op::Count)];
uint32_t g_prev_op;
struct OpStatsPrinter {
  ~OpStatsPrinter() {
    uint64_t total = 0;
    for (uint64_t c : g_op_count) total += c;
    std::fprintf(stderr, "op stats: %llu dispatches\n", (unsigned long long)total);
    for (int round = 0; round < 2; ++round) {
      // Print the top 40 ops, then the top 40 pairs.
      for (int k = 0; k < 40; ++k) {
        uint64_t best = 0;
        uint32_t bi = 0, bj = 0;
        for (uint32_t i = 0; i < uint32_t(Op::Count); ++i)
          for (uint32_t j = 0; j < (round ? uint32_t(Op::Count) : 1u); ++j) {
            uint64_t c = round ? g_pair_count[i][j] : g_op_count[i];
            if (c > best) best = c, bi = i, bj = j;
          }
        if (!best) break;
        std::fprintf(stderr, round ? "  pair %3u -> %3u  %5.2f%%\n" : "  op %3u%.0u  %5.2f%%\n", unsigned(bi),
                     unsigned(bj), 100.0 * double(best) / double(total));
        if (round)
          g_pair_count[bi][bj] = 0;
        else
          g_op_count[bi] = 0;
      }
    }
  }
} g_op_stats_printer;
}  // namespace
#define EMBER_COUNT_OP()            \
  do {                              \
    ++g_op_count[*pc];              \
    ++g_pair_count[g_prev_op][*pc]; \
    g_prev_op = *pc;                \
  } while (0)
}  // namespace ember::detail
#else
#define EMBER_COUNT_OP() ((void)0)
#endif
