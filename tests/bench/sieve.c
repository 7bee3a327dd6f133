/* sieve: tight integer loops over linear memory.
 * A byte-per-number Sieve of Eratosthenes and a bit-packed odd-only sieve,
 * repeated. Exercises i32 loads/stores, address arithmetic and branches. */
#include "bench.h"

#ifndef SIEVE_LIMIT
#define SIEVE_LIMIT 2000000u
#endif
#ifndef SIEVE_REPS
#define SIEVE_REPS 24
#endif

static uint32_t byte_sieve(uint8_t* comp, uint32_t limit, uint32_t* sum) {
  memset(comp, 0, limit + 1);
  uint32_t count = 0, s = 0;
  for (uint32_t i = 2; i <= limit; i++) {
    if (comp[i]) continue;
    count++;
    s += i;
    if ((uint64_t)i * i <= limit)
      for (uint32_t j = i * i; j <= limit; j += i) comp[j] = 1;
  }
  *sum = s;
  return count;
}

/* Bit k of the table stands for the odd number 2k+1. */
static uint32_t bit_sieve(uint32_t* bits, uint32_t limit, uint32_t* xorv) {
  uint32_t nodd = (limit + 1) / 2;
  uint32_t words = (nodd + 31) / 32;
  memset(bits, 0, (size_t)words * 4);
  for (uint32_t k = 1; k < nodd; k++) {
    uint32_t p = 2 * k + 1;
    if ((uint64_t)p * p > limit) break;
    if (bits[k >> 5] & (1u << (k & 31))) continue;
    for (uint32_t m = (p * p) >> 1; m < nodd; m += p) bits[m >> 5] |= 1u << (m & 31);
  }
  uint32_t count = limit >= 2 ? 1 : 0, x = 2;
  for (uint32_t k = 1; k < nodd; k++)
    if (!(bits[k >> 5] & (1u << (k & 31)))) {
      count++;
      x ^= (2 * k + 1) * 2654435761u;
    }
  *xorv = x;
  return count;
}

int main(void) {
  uint8_t* comp = malloc(SIEVE_LIMIT + 1);
  uint32_t* bits = malloc(((SIEVE_LIMIT + 1) / 2 + 31) / 32 * 4);
  BENCH_CHECK(comp && bits);
  uint32_t total = 0, sum = 0, x = 0;
  for (uint32_t r = 0; r < SIEVE_REPS; r++) {
    uint32_t limit = SIEVE_LIMIT - r * 1000u;
    uint32_t s1, x1;
    uint32_t c1 = byte_sieve(comp, limit, &s1);
    uint32_t c2 = bit_sieve(bits, limit, &x1);
    BENCH_CHECK(c1 == c2);
    total += c1;
    sum += s1;
    x ^= x1 + r;
  }
  bench_printf("primes = %u\nsum = %u\nxor = %u\n", (unsigned)total, (unsigned)sum, (unsigned)x);
  free(comp);
  free(bits);
  return 0;
}
