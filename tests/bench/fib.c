/* fib: deep recursion and call overhead.
 * Doubly-recursive Fibonacci, the Takeuchi function and a mutually recursive
 * even/odd pair. Exercises call/return, local get/set and small frames. */
#include "bench.h"

#ifndef FIB_N
#define FIB_N 39
#endif
#ifndef TAK_REPS
#define TAK_REPS 400
#endif

static uint32_t fib(uint32_t n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

static int32_t tak(int32_t x, int32_t y, int32_t z) {
  if (y >= x) return z;
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

static uint32_t is_odd(uint32_t n, uint32_t acc);
static uint32_t is_even(uint32_t n, uint32_t acc) {
  if (n == 0) return acc;
  return is_odd(n - 1, acc * 3u + 1u);
}
static uint32_t is_odd(uint32_t n, uint32_t acc) {
  if (n == 0) return acc ^ 1u;
  return is_even(n - 1, acc ^ (acc >> 3));
}

/* Prevent the compilers from folding the inputs into constants. */
static volatile uint32_t g_fib_n = FIB_N;
static volatile int32_t g_tak_x = 18, g_tak_y = 12, g_tak_z = 6;

int main(void) {
  uint32_t f = fib(g_fib_n);
  bench_printf("fib(%u) = %u\n", (unsigned)g_fib_n, (unsigned)f);

  uint32_t t = 0;
  for (int32_t i = 0; i < TAK_REPS; i++) t = t * 31u + (uint32_t)tak(g_tak_x + (i & 3), g_tak_y, g_tak_z);
  bench_printf("tak = %u\n", (unsigned)t);

  uint32_t e = 0;
  for (uint32_t i = 0; i < 2000; i++) e += is_even(1000 + (i & 255), i);
  bench_printf("even/odd = %u\n", (unsigned)e);
  return 0;
}
