/* mandel: Mandelbrot set escape-time iteration in f64 and f32.
 * Exercises float compare/branch-heavy inner loops with few memory
 * accesses, plus float<->int conversions. */
#include "bench.h"

#ifndef MANDEL_W
#define MANDEL_W 640
#endif
#ifndef MANDEL_H
#define MANDEL_H 512
#endif
#ifndef MANDEL_ITER
#define MANDEL_ITER 255
#endif

static uint32_t iterate_f64(double cr, double ci) {
  double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
  uint32_t n = 0;
  while (n < MANDEL_ITER && zr2 + zi2 <= 4.0) {
    zi = 2.0 * zr * zi + ci;
    zr = zr2 - zi2 + cr;
    zr2 = zr * zr;
    zi2 = zi * zi;
    n++;
  }
  return n;
}

static uint32_t iterate_f32(float cr, float ci) {
  float zr = 0.0f, zi = 0.0f, zr2 = 0.0f, zi2 = 0.0f;
  uint32_t n = 0;
  while (n < MANDEL_ITER && zr2 + zi2 <= 4.0f) {
    zi = 2.0f * zr * zi + ci;
    zr = zr2 - zi2 + cr;
    zr2 = zr * zr;
    zi2 = zi * zi;
    n++;
  }
  return n;
}

int main(void) {
  static uint8_t img[MANDEL_W * MANDEL_H];
  uint64_t total64 = 0, total32 = 0;
  uint32_t h64, h32;
  /* view 1: the whole set, f64 */
  for (int y = 0; y < MANDEL_H; y++) {
    double ci = -1.2 + 2.4 * y / MANDEL_H;
    for (int x = 0; x < MANDEL_W; x++) {
      double cr = -2.2 + 3.2 * x / MANDEL_W;
      uint32_t n = iterate_f64(cr, ci);
      total64 += n;
      img[y * MANDEL_W + x] = (uint8_t)n;
    }
  }
  h64 = bench_fnv1a(BENCH_FNV_INIT, img, sizeof img);
  /* view 2: seahorse valley zoom, f32 */
  for (int y = 0; y < MANDEL_H; y++) {
    float ci = -0.15f + 0.1f * (float)y / (float)MANDEL_H;
    for (int x = 0; x < MANDEL_W; x++) {
      float cr = -0.80f + 0.1f * (float)x / (float)MANDEL_W;
      uint32_t n = iterate_f32(cr, ci);
      total32 += n;
      img[y * MANDEL_W + x] = (uint8_t)n;
    }
  }
  h32 = bench_fnv1a(BENCH_FNV_INIT, img, sizeof img);
  bench_printf("f64: %" PRIu64 " iterations, image %08x\n", total64, (unsigned)h64);
  bench_printf("f32: %" PRIu64 " iterations, image %08x\n", total32, (unsigned)h32);
  return 0;
}
