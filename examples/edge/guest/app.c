/* The edge host's test application, one module for every route (PATH_INFO):
 *   /hello      "hello from the edge" (the load test's route)
 *   /echo       the request body back, with its method and length in headers
 *   /env        the request's CGI environment, one variable a line
 *   /trap       traps (unreachable)
 *   /loop       never returns (the host's fuel ends it)
 *   /oom        allocates until memory runs out, then aborts
 *   anything else: Status 404
 * Hostile routes must fail only their own request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char** environ;

void* volatile kept; /* /oom's allocations */

static const char* env_or(const char* name, const char* fallback) {
  const char* v = getenv(name);
  return v ? v : fallback;
}

static void echo(void) {
  char buf[4096];
  size_t total = 0, n;
  static char body[1 << 20];
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0 && total + n <= sizeof body) {
    memcpy(body + total, buf, n);
    total += n;
  }
  printf("Content-Type: application/octet-stream\nX-Method: %s\nX-Length: %zu\n\n",
         env_or("REQUEST_METHOD", "?"), total);
  fwrite(body, 1, total, stdout);
}

int main(void) {
  const char* path = env_or("PATH_INFO", "/");
  if (strcmp(path, "/hello") == 0) {
    printf("Content-Type: text/plain\n\nhello from the edge\n");
  } else if (strcmp(path, "/echo") == 0) {
    echo();
  } else if (strcmp(path, "/env") == 0) {
    printf("Content-Type: text/plain\n\n");
    for (char** e = environ; *e; ++e) printf("%s\n", *e);
  } else if (strcmp(path, "/trap") == 0) {
    __builtin_trap();
  } else if (strcmp(path, "/loop") == 0) {
    for (volatile unsigned i = 0;; ++i) {
    }
  } else if (strcmp(path, "/oom") == 0) {
    for (;;) {
      /* Chained into a list the program keeps, so the compiler cannot drop the allocations;
       * filling them would only burn fuel. */
      void** block = malloc(1 << 20);
      if (!block) abort();
      *block = kept;
      kept = block;
    }
  } else {
    printf("Status: 404 Not Found\nContent-Type: text/plain\n\nno route %s\n", path);
  }
  return 0;
}
