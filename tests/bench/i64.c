/* i64: 64-bit integer arithmetic.
 * Deterministic Miller-Rabin over a range of 32-bit odd numbers (64-bit
 * multiply and unsigned remainder), 64-bit binary and Euclidean gcd, a
 * xorshift64* generator with rotations, and signed 64-bit division.
 * Exercises i64.mul, i64.rem_u, i64.div_s, shifts, rotates and clz/ctz. */
#include "bench.h"

#ifndef I64_MR_COUNT
#define I64_MR_COUNT 750000u
#endif
#ifndef I64_GCD_COUNT
#define I64_GCD_COUNT 510000u
#endif
#ifndef I64_MIX_COUNT
#define I64_MIX_COUNT 10200000u
#endif

static uint64_t mulmod32(uint64_t a, uint64_t b, uint64_t m) {
  return (a * b) % m; /* a, b < m < 2^32: the product fits in 64 bits */
}

static uint64_t powmod32(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1 % m;
  b %= m;
  while (e) {
    if (e & 1) r = mulmod32(r, b, m);
    b = mulmod32(b, b, m);
    e >>= 1;
  }
  return r;
}

/* Deterministic for all n < 2^32 with bases 2, 7, 61. */
static int is_prime_u32(uint32_t n) {
  if (n < 2) return 0;
  static const uint32_t small[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  for (unsigned i = 0; i < sizeof small / sizeof small[0]; i++) {
    if (n == small[i]) return 1;
    if (n % small[i] == 0) return 0;
  }
  uint64_t d = n - 1;
  int s = 0;
  while ((d & 1) == 0) {
    d >>= 1;
    s++;
  }
  static const uint64_t bases[] = {2, 7, 61};
  for (unsigned i = 0; i < 3; i++) {
    uint64_t a = bases[i] % n;
    if (a == 0) continue;
    uint64_t x = powmod32(a, d, n);
    if (x == 1 || x == n - 1) continue;
    int composite = 1;
    for (int r = 1; r < s; r++) {
      x = mulmod32(x, x, n);
      if (x == n - 1) {
        composite = 0;
        break;
      }
    }
    if (composite) return 0;
  }
  return 1;
}

static uint64_t gcd_euclid(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

static int ctz64(uint64_t x) { /* x != 0 */
  int n = 0;
  while ((x & 1) == 0) {
    x >>= 1;
    n++;
  }
  return n;
}

static uint64_t gcd_binary(uint64_t a, uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  int shift = ctz64(a | b);
  a >>= ctz64(a);
  do {
    b >>= ctz64(b);
    if (a > b) {
      uint64_t t = a;
      a = b;
      b = t;
    }
    b -= a;
  } while (b);
  return a << shift;
}

static uint64_t rotl64(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

int main(void) {
  /* 1. primes among odd numbers starting at 3e9 */
  uint32_t primes = 0, psum = 0;
  uint32_t start = 3000000001u;
  for (uint32_t i = 0; i < I64_MR_COUNT; i++) {
    uint32_t n = start + 2 * i;
    if (is_prime_u32(n)) {
      primes++;
      psum ^= n;
    }
  }
  bench_printf("mr: %u primes, xor %u\n", (unsigned)primes, (unsigned)psum);

  /* 2. gcds of random 64-bit pairs with a planted common factor */
  bench_rng rng = bench_rng_seed(42);
  uint64_t gsum = 0;
  for (uint32_t i = 0; i < I64_GCD_COUNT; i++) {
    uint64_t f = (bench_rng_next(&rng) & 0xffff) + 1;
    uint64_t a = (bench_rng_next(&rng) >> 20) * f;
    uint64_t b = (bench_rng_next(&rng) >> 20) * f;
    uint64_t g1 = gcd_euclid(a, b), g2 = gcd_binary(a, b);
    if (g1 != g2) {
      bench_printf("gcd mismatch\n");
      return 1;
    }
    gsum += g1;
  }
  bench_printf("gcd sum = %" PRIu64 "\n", gsum);

  /* 3. xorshift64* stream with rotations, signed division and remainder */
  uint64_t x = UINT64_C(88172645463325252), acc = 0;
  uint64_t sacc = 0;
  for (uint32_t i = 0; i < I64_MIX_COUNT; i++) {
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    uint64_t r = x * UINT64_C(2685821657736338717);
    acc += rotl64(r, (int)(i & 63) | 1) ^ (acc >> 7);
    int64_t sv = (int64_t)(r >> 1) - (int64_t)(UINT64_C(1) << 62);
    int64_t d = (int64_t)(i % 1000) - 500;
    if (d == 0) d = 7;
    sacc += (uint64_t)(sv / d + sv % d); /* wraps: unsigned */
    sacc ^= acc & 0xffff;
  }
  bench_printf("mix = %" PRIu64 " %" PRIu64 "\n", acc, sacc);
  return 0;
}
