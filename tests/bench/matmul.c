/* matmul: dense f64 and f32 matrix multiplication.
 * C = A*B in i-k-j order (streaming rows), then a transposed dot-product
 * variant, for f64 and f32. Exercises float loads/stores, mul/add and
 * nested loop address arithmetic. */
#include "bench.h"

#ifndef MM_N
#define MM_N 240
#endif
#ifndef MM_REPS
#define MM_REPS 6
#endif

#define N MM_N

static void mm_f64_ikj(const double* a, const double* b, double* c) {
  for (int i = 0; i < N * N; i++) c[i] = 0.0;
  for (int i = 0; i < N; i++)
    for (int k = 0; k < N; k++) {
      double aik = a[i * N + k];
      const double* brow = &b[k * N];
      double* crow = &c[i * N];
      for (int j = 0; j < N; j++) crow[j] += aik * brow[j];
    }
}

static void mm_f64_dot(const double* a, const double* bt, double* c) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      const double *ar = &a[i * N], *br = &bt[j * N];
      double s = 0.0;
      for (int k = 0; k < N; k++) s += ar[k] * br[k];
      c[i * N + j] = s;
    }
}

static void mm_f32_ikj(const float* a, const float* b, float* c) {
  for (int i = 0; i < N * N; i++) c[i] = 0.0f;
  for (int i = 0; i < N; i++)
    for (int k = 0; k < N; k++) {
      float aik = a[i * N + k];
      const float* brow = &b[k * N];
      float* crow = &c[i * N];
      for (int j = 0; j < N; j++) crow[j] += aik * brow[j];
    }
}

static void mm_f32_dot(const float* a, const float* bt, float* c) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      const float *ar = &a[i * N], *br = &bt[j * N];
      float s = 0.0f;
      for (int k = 0; k < N; k++) s += ar[k] * br[k];
      c[i * N + j] = s;
    }
}

int main(void) {
  size_t nn = (size_t)N * N;
  double *a = malloc(nn * sizeof *a), *b = malloc(nn * sizeof *b);
  double *bt = malloc(nn * sizeof *bt), *c = malloc(nn * sizeof *c);
  double* c2 = malloc(nn * sizeof *c2);
  float *fa = malloc(nn * sizeof *fa), *fb = malloc(nn * sizeof *fb);
  float *fbt = malloc(nn * sizeof *fbt), *fc = malloc(nn * sizeof *fc);
  float* fc2 = malloc(nn * sizeof *fc2);
  BENCH_CHECK(a && b && bt && c && c2 && fa && fb && fbt && fc && fc2);

  bench_rng rng = bench_rng_seed(7);
  double sum64 = 0.0, diff64 = 0.0;
  float sum32 = 0.0f, diff32 = 0.0f;
  for (int rep = 0; rep < MM_REPS; rep++) {
    for (size_t i = 0; i < nn; i++) {
      a[i] = bench_rng_unit(&rng) * 2.0 - 1.0;
      b[i] = bench_rng_unit(&rng) * 2.0 - 1.0;
      fa[i] = (float)a[i];
      fb[i] = (float)b[i];
    }
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) {
        bt[j * N + i] = b[i * N + j];
        fbt[j * N + i] = fb[i * N + j];
      }
    mm_f64_ikj(a, b, c);
    mm_f64_dot(a, bt, c2);
    mm_f32_ikj(fa, fb, fc);
    mm_f32_dot(fa, fbt, fc2);
    for (size_t i = 0; i < nn; i++) {
      sum64 += c[i];
      double d = c[i] - c2[i];
      diff64 += d < 0 ? -d : d;
      sum32 += fc[i];
      float fd = fc[i] - fc2[i];
      diff32 += fd < 0 ? -fd : fd;
    }
  }
  /* Both orders sum the same products in the same sequence, so the two
   * variants agree exactly; the diff is printed to show that. */
  bench_printf("f64 sum = %" PRId64 " diff = %" PRId64 "\n", bench_fixed(sum64, 1e6),
               bench_fixed(diff64, 1e12));
  bench_printf("f32 sum = %" PRId64 " diff = %" PRId64 "\n", bench_fixed((double)sum32, 1e3),
               bench_fixed((double)diff32, 1e6));
  free(a);
  free(b);
  free(bt);
  free(c);
  free(c2);
  free(fa);
  free(fb);
  free(fbt);
  free(fc);
  free(fc2);
  return 0;
}
