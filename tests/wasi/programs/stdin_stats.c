/* Reads stdin to the end in odd-sized pieces and prints "bytes N lines N sha256 HEX". */
#include <stdio.h>
#include <unistd.h>

#include "sha256.h"

int main(void) {
  sha256_ctx c;
  sha256_init(&c);
  unsigned long bytes = 0, lines = 0;
  unsigned char buf[1000];
  for (;;) {
    ssize_t n = read(0, buf, sizeof buf);
    if (n < 0) {
      perror("read");
      return 1;
    }
    if (n == 0) break;
    for (ssize_t i = 0; i < n; ++i) lines += buf[i] == '\n';
    bytes += (unsigned long)n;
    sha256_update(&c, buf, (size_t)n);
  }
  char hex[65];
  sha256_final_hex(&c, hex);
  printf("bytes %lu lines %lu sha256 %s\n", bytes, lines, hex);
  return 0;
}
