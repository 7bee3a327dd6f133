/* A cat / wc / sha256sum in one: reads files from a preopened directory through wasi-libc.
 *   fileutil cat FILE...      copy the files to stdout
 *   fileutil wc FILE...       "lines words bytes FILE" per file, like wc
 *   fileutil sha256 FILE...   "HEX  FILE" per file, like sha256sum
 * Exit status 1 (and a message on stderr) if a file cannot be read. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sha256.h"

typedef void (*chunk_fn)(void* state, const unsigned char* data, size_t len);

static int for_each_chunk(const char* path, chunk_fn fn, void* state) {
  FILE* f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "fileutil: %s: %s\n", path, strerror(errno));
    return 1;
  }
  unsigned char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) fn(state, buf, n);
  int failed = ferror(f);
  fclose(f);
  if (failed) {
    fprintf(stderr, "fileutil: %s: read error\n", path);
    return 1;
  }
  return 0;
}

static void cat_chunk(void* state, const unsigned char* data, size_t len) {
  (void)state;
  fwrite(data, 1, len, stdout);
}

typedef struct {
  unsigned long lines, words, bytes;
  int in_word;
} wc_state;

static void wc_chunk(void* state, const unsigned char* data, size_t len) {
  wc_state* s = (wc_state*)state;
  for (size_t i = 0; i < len; ++i) {
    if (data[i] == '\n') s->lines++;
    if (isspace(data[i])) {
      s->in_word = 0;
    } else if (!s->in_word) {
      s->in_word = 1;
      s->words++;
    }
  }
  s->bytes += len;
}

static void sha_chunk(void* state, const unsigned char* data, size_t len) {
  sha256_update((sha256_ctx*)state, data, len);
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: fileutil cat|wc|sha256 FILE...\n");
    return 2;
  }
  int status = 0;
  for (int i = 2; i < argc; ++i) {
    if (strcmp(argv[1], "cat") == 0) {
      status |= for_each_chunk(argv[i], cat_chunk, NULL);
    } else if (strcmp(argv[1], "wc") == 0) {
      wc_state s = {0, 0, 0, 0};
      if (for_each_chunk(argv[i], wc_chunk, &s) == 0) {
        printf("%lu %lu %lu %s\n", s.lines, s.words, s.bytes, argv[i]);
      } else {
        status = 1;
      }
    } else if (strcmp(argv[1], "sha256") == 0) {
      sha256_ctx c;
      sha256_init(&c);
      if (for_each_chunk(argv[i], sha_chunk, &c) == 0) {
        char hex[65];
        sha256_final_hex(&c, hex);
        printf("%s  %s\n", hex, argv[i]);
      } else {
        status = 1;
      }
    } else {
      fprintf(stderr, "fileutil: unknown mode %s\n", argv[1]);
      return 2;
    }
  }
  return status;
}
