/* Shared helpers for the Ember benchmark programs.
 *
 * Every benchmark is a self-contained C11 program that generates its input
 * with a deterministic PRNG, does a fixed amount of work (a compile-time
 * constant), and prints integer checksums to stdout. The same source builds
 * natively and as a wasm32-wasi module; the checksums must agree exactly, so
 * only fixed-width integer types are used and floating-point results are
 * printed after rounding to an integer.
 *
 * BENCH_HOSTPRINT: build variant for interpreters without WASI (Debian's
 * wasm-interp is built without it). main() becomes bench_main(), the module
 * exports bench_run(), and every output byte is passed to the import
 * host.print(i32). `wasm-interp --dummy-import-func --run-all-exports` logs
 * those calls ("called host host.print(i32:N) =>"); run_bench.py decodes them
 * back into the program's stdout.
 */
#ifndef EMBER_BENCH_H
#define EMBER_BENCH_H

#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- deterministic PRNG (splitmix64) ---------------------------------- */

typedef struct {
  uint64_t s;
} bench_rng;

static inline bench_rng bench_rng_seed(uint64_t seed) {
  bench_rng r;
  r.s = seed;
  return r;
}

static inline uint64_t bench_rng_next(bench_rng* r) {
  uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline uint32_t bench_rng_u32(bench_rng* r) { return (uint32_t)(bench_rng_next(r) >> 32); }

/* Uniform in [0, n) (multiply-shift; tiny bias is irrelevant here). */
static inline uint32_t bench_rng_below(bench_rng* r, uint32_t n) {
  return (uint32_t)(((uint64_t)bench_rng_u32(r) * n) >> 32);
}

/* Uniform double in [0, 1) with 53 random bits: exact on every target. */
static inline double bench_rng_unit(bench_rng* r) {
  return (double)(bench_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* ---- checksums --------------------------------------------------------- */

static inline uint32_t bench_fnv1a(uint32_t h, const void* data, size_t n) {
  const unsigned char* p = (const unsigned char*)data;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= UINT32_C(16777619);
  }
  return h;
}
#define BENCH_FNV_INIT UINT32_C(2166136261)

static inline uint64_t bench_mix64(uint64_t h, uint64_t v) {
  h ^= v + UINT64_C(0x9E3779B97F4A7C15) + (h << 6) + (h >> 2);
  return h;
}

/* Round x*scale to the nearest integer (ties away from zero). The caller
 * keeps |x*scale| well below 2^62. */
static inline int64_t bench_fixed(double x, double scale) {
  double y = x * scale;
  return (int64_t)(y < 0 ? y - 0.5 : y + 0.5);
}

/* ---- output ------------------------------------------------------------ */

#ifdef BENCH_HOSTPRINT
__attribute__((import_module("host"), import_name("print"))) void bench_host_print(int32_t byte);

static inline int bench_printf(const char* fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0) return n;
  if (n >= (int)sizeof buf) n = (int)sizeof buf - 1;
  for (int i = 0; i < n; i++) bench_host_print((int32_t)(unsigned char)buf[i]);
  return n;
}

int bench_main(void);
__attribute__((export_name("bench_run"))) void bench_run(void) {
  if (bench_main() != 0) __builtin_trap();
}
#define main bench_main
#else
#define bench_printf printf
#endif

/* Abort the run with a message; used for internal self-checks (a failed
 * round trip, an unsorted array, ...). */
#define BENCH_CHECK(cond)                                            \
  do {                                                               \
    if (!(cond)) {                                                   \
      bench_printf("CHECK FAILED: %s (line %d)\n", #cond, __LINE__); \
      return 1;                                                      \
    }                                                                \
  } while (0)

#endif /* EMBER_BENCH_H */
