/* A WASI command for `ember run`: greets, then counts the lines, words and bytes of each file named
 * on its command line. Files are reached only through directories the host grants with --dir.
 *
 *   clang --target=wasm32-wasi --sysroot=/usr -O2 hello.c -o hello.wasm
 *   ember run --dir examples::/src hello.wasm /src/hello/hello.c
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  const char* who = getenv("USER");
  printf("hello from wasm, %s\n", who ? who : "guest");
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    FILE* f = fopen(argv[i], "rb");
    if (!f) {
      perror(argv[i]);
      status = 1;
      continue;
    }
    long lines = 0, words = 0, bytes = 0;
    int c, in_word = 0;
    while ((c = fgetc(f)) != EOF) {
      ++bytes;
      if (c == '\n') ++lines;
      if (isspace(c)) {
        in_word = 0;
      } else if (!in_word) {
        in_word = 1;
        ++words;
      }
    }
    fclose(f);
    printf("%7ld %7ld %7ld %s\n", lines, words, bytes, argv[i]);
  }
  return status;
}
