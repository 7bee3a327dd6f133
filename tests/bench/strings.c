/* strings: string building, splitting, sorting and searching.
 * Generates text from PRNG syllables, tokenizes it into malloc'd words,
 * sorts them (qsort + strcmp), deduplicates, joins with a growing realloc
 * buffer, reverses, re-sorts by length, counts substrings with strstr and
 * performs a search-and-replace. Exercises libc string routines, memcpy,
 * malloc/free/realloc and indirect calls through the qsort comparator. */
#include "bench.h"

#ifndef STR_WORDS
#define STR_WORDS 60000u
#endif
#ifndef STR_ROUNDS
#define STR_ROUNDS 5
#endif

static const char* const syllables[32] = {"ka", "lo",  "mi", "ne", "ru", "sa", "to", "vi", "zu", "pe", "qua",
                                          "ro", "shi", "te", "ul", "xo", "ba", "de", "fi", "go", "hu", "ja",
                                          "ke", "li",  "mo", "nu", "pa", "re", "si", "tu", "wa", "yo"};

typedef struct {
  char* data;
  size_t len, cap;
} strbuf;

static void sb_reserve(strbuf* sb, size_t extra) {
  if (sb->len + extra + 1 <= sb->cap) return;
  size_t cap = sb->cap ? sb->cap : 64;
  while (cap < sb->len + extra + 1) cap *= 2;
  char* p = realloc(sb->data, cap);
  if (!p) abort();
  sb->data = p;
  sb->cap = cap;
}

static void sb_append(strbuf* sb, const char* s, size_t n) {
  sb_reserve(sb, n);
  memcpy(sb->data + sb->len, s, n);
  sb->len += n;
  sb->data[sb->len] = 0;
}

static void sb_appends(strbuf* sb, const char* s) { sb_append(sb, s, strlen(s)); }

static char* dup_range(const char* s, size_t n) {
  char* p = malloc(n + 1);
  if (!p) abort();
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

static int cmp_str(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }

static int cmp_len_then_str(const void* a, const void* b) {
  const char *x = *(char*const*)a, *y = *(char*const*)b;
  size_t lx = strlen(x), ly = strlen(y);
  if (lx != ly) return lx < ly ? -1 : 1;
  return strcmp(x, y);
}

static void reverse(char* s) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n / 2; i++) {
    char t = s[i];
    s[i] = s[n - 1 - i];
    s[n - 1 - i] = t;
  }
}

static size_t count_occurrences(const char* hay, const char* needle) {
  size_t count = 0, n = strlen(needle);
  const char* p = hay;
  while ((p = strstr(p, needle)) != NULL) {
    count++;
    p += n;
  }
  return count;
}

static char* replace_all(const char* s, const char* from, const char* to) {
  strbuf out = {0};
  size_t nf = strlen(from), nt = strlen(to);
  const char *p = s, *q;
  while ((q = strstr(p, from)) != NULL) {
    sb_append(&out, p, (size_t)(q - p));
    sb_append(&out, to, nt);
    p = q + nf;
  }
  sb_appends(&out, p);
  return out.data;
}

int main(void) {
  bench_rng rng = bench_rng_seed(555);
  uint32_t check = BENCH_FNV_INIT;
  for (int round = 0; round < STR_ROUNDS; round++) {
    /* 1. build the text */
    strbuf text = {0};
    char word[64];
    for (uint32_t w = 0; w < STR_WORDS; w++) {
      uint32_t nsyl = 1 + bench_rng_below(&rng, 4);
      size_t len = 0;
      for (uint32_t s = 0; s < nsyl; s++) {
        const char* syl = syllables[bench_rng_below(&rng, 32)];
        size_t sl = strlen(syl);
        memcpy(word + len, syl, sl);
        len += sl;
      }
      word[len] = 0;
      if (bench_rng_below(&rng, 16) == 0) {
        char num[24];
        int n = snprintf(num, sizeof num, "%u", (unsigned)bench_rng_below(&rng, 100000));
        sb_append(&text, num, (size_t)n);
        sb_append(&text, " ", 1);
      }
      sb_append(&text, word, len);
      sb_appends(&text, bench_rng_below(&rng, 12) == 0 ? ". " : " ");
    }

    /* 2. split into words */
    size_t cap = 1024, nwords = 0;
    char** words = malloc(cap * sizeof *words);
    const char* p = text.data;
    while (*p) {
      while (*p == ' ' || *p == '.') p++;
      const char* start = p;
      while (*p && *p != ' ' && *p != '.') p++;
      if (p > start) {
        if (nwords == cap) {
          cap *= 2;
          words = realloc(words, cap * sizeof *words);
          if (!words) abort();
        }
        words[nwords++] = dup_range(start, (size_t)(p - start));
      }
    }

    /* 3. sort, dedup, join */
    qsort(words, nwords, sizeof *words, cmp_str);
    size_t uniq = 0;
    for (size_t i = 0; i < nwords; i++) {
      if (uniq > 0 && strcmp(words[uniq - 1], words[i]) == 0) {
        free(words[i]);
        continue;
      }
      words[uniq++] = words[i];
    }
    strbuf joined = {0};
    for (size_t i = 0; i < uniq; i++) {
      if (i) sb_append(&joined, ",", 1);
      sb_appends(&joined, words[i]);
    }
    check = bench_fnv1a(check, joined.data, joined.len);

    /* 4. reverse every word and sort by (length, text) */
    for (size_t i = 0; i < uniq; i++) reverse(words[i]);
    qsort(words, uniq, sizeof *words, cmp_len_then_str);
    for (size_t i = 0; i < uniq; i += 7) check = bench_fnv1a(check, words[i], strlen(words[i]));

    /* 5. search and replace */
    size_t c1 = count_occurrences(text.data, "kalo");
    size_t c2 = count_occurrences(text.data, "a");
    char* replaced = replace_all(text.data, "shi", "SHHH");
    char* replaced2 = replace_all(replaced, "a", "");
    size_t rl = strlen(replaced), rl2 = strlen(replaced2);
    check = bench_fnv1a(check, replaced2, rl2);
    bench_printf(
        "round %d: %u words, %u unique, joined %u, kalo %u, a %u, "
        "replaced %u/%u\n",
        round, (unsigned)nwords, (unsigned)uniq, (unsigned)joined.len, (unsigned)c1, (unsigned)c2,
        (unsigned)rl, (unsigned)rl2);

    for (size_t i = 0; i < uniq; i++) free(words[i]);
    free(words);
    free(joined.data);
    free(text.data);
    free(replaced);
    free(replaced2);
  }
  bench_printf("checksum = %08x\n", (unsigned)check);
  return 0;
}
