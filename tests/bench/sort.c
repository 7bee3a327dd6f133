/* sort: comparison sorting of a PRNG array.
 * Hand-written quicksort (median of three + insertion sort), heapsort and a
 * bottom-up merge sort over the same data; results are cross-checked.
 * Exercises memory loads/stores, data-dependent branches and swaps. */
#include "bench.h"

#ifndef SORT_N
#define SORT_N 500000u
#endif

static void insertion_sort(uint32_t* a, int32_t lo, int32_t hi) {
  for (int32_t i = lo + 1; i <= hi; i++) {
    uint32_t v = a[i];
    int32_t j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void swap_u32(uint32_t* a, int32_t i, int32_t j) {
  uint32_t t = a[i];
  a[i] = a[j];
  a[j] = t;
}

static void quicksort(uint32_t* a, int32_t lo, int32_t hi) {
  while (hi - lo > 16) {
    int32_t mid = lo + (hi - lo) / 2;
    if (a[mid] < a[lo]) swap_u32(a, mid, lo);
    if (a[hi] < a[lo]) swap_u32(a, hi, lo);
    if (a[hi] < a[mid]) swap_u32(a, hi, mid);
    uint32_t pivot = a[mid];
    int32_t i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap_u32(a, i, j);
        i++;
        j--;
      }
    }
    /* Recurse into the smaller side, loop on the larger one. */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
  insertion_sort(a, lo, hi);
}

static void sift_down(uint32_t* a, uint32_t root, uint32_t n) {
  uint32_t v = a[root];
  for (;;) {
    uint32_t child = 2 * root + 1;
    if (child >= n) break;
    if (child + 1 < n && a[child + 1] > a[child]) child++;
    if (a[child] <= v) break;
    a[root] = a[child];
    root = child;
  }
  a[root] = v;
}

static void heapsort_u32(uint32_t* a, uint32_t n) {
  for (uint32_t i = n / 2; i-- > 0;) sift_down(a, i, n);
  for (uint32_t end = n; end-- > 1;) {
    uint32_t t = a[0];
    a[0] = a[end];
    a[end] = t;
    sift_down(a, 0, end);
  }
}

static void merge_sort(uint32_t* a, uint32_t* tmp, uint32_t n) {
  uint32_t *src = a, *dst = tmp;
  for (uint32_t width = 1; width < n; width *= 2) {
    for (uint32_t lo = 0; lo < n; lo += 2 * width) {
      uint32_t mid = lo + width < n ? lo + width : n;
      uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      uint32_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) dst[k++] = src[i] <= src[j] ? src[i++] : src[j++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    uint32_t* t = src;
    src = dst;
    dst = t;
  }
  if (src != a) memcpy(a, src, (size_t)n * sizeof *a);
}

int main(void) {
  uint32_t n = SORT_N;
  uint32_t* orig = malloc(n * sizeof *orig);
  uint32_t* a = malloc(n * sizeof *a);
  uint32_t* b = malloc(n * sizeof *b);
  uint32_t* c = malloc(n * sizeof *c);
  uint32_t* tmp = malloc(n * sizeof *tmp);
  BENCH_CHECK(orig && a && b && c && tmp);
  bench_rng rng = bench_rng_seed(12345);
  uint32_t check = BENCH_FNV_INIT;
  for (uint32_t round = 0; round < 3; round++) {
    for (uint32_t i = 0; i < n; i++) {
      uint32_t v = bench_rng_u32(&rng);
      /* round 1 has many duplicates, round 2 is nearly sorted */
      if (round == 1)
        v &= 0x3ff;
      else if (round == 2)
        v = i * 16u + (v & 0xff);
      orig[i] = v;
    }
    memcpy(a, orig, n * sizeof *a);
    memcpy(b, orig, n * sizeof *b);
    memcpy(c, orig, n * sizeof *c);
    quicksort(a, 0, (int32_t)n - 1);
    heapsort_u32(b, n);
    merge_sort(c, tmp, n);
    for (uint32_t i = 1; i < n; i++) BENCH_CHECK(a[i - 1] <= a[i]);
    BENCH_CHECK(memcmp(a, b, n * sizeof *a) == 0);
    BENCH_CHECK(memcmp(a, c, n * sizeof *a) == 0);
    for (uint32_t i = 0; i < n; i += 97) check = bench_fnv1a(check, &a[i], sizeof a[i]);
  }
  bench_printf("sorted %u x 3, checksum = %08x\n", (unsigned)n, (unsigned)check);
  free(orig);
  free(a);
  free(b);
  free(c);
  free(tmp);
  return 0;
}
