/* Small behaviours the ember CLI must report faithfully:
 *   cli_probe args ...        print argv, one per line
 *   cli_probe env NAME...     print NAME=value (or NAME unset) per name, then the variable count
 *   cli_probe exit N          exit with status N
 *   cli_probe trap            trap inside a named function (backtrace check)
 *   cli_probe raise N         proc_raise(N); prints the errno if the call returns
 * and an exported function for `ember run --invoke`: add(i32, i32) -> i32. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char** environ;

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise"))) int proc_raise(int sig);

__attribute__((export_name("add"))) int add(int a, int b) { return a + b; }

__attribute__((export_name("mul64"))) long long mul64(long long a, long long b) { return a * b; }

__attribute__((noinline)) void crash_here(volatile int* p) {
  if (*p) __builtin_trap();
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  if (strcmp(argv[1], "args") == 0) {
    for (int i = 0; i < argc; ++i) printf("%s\n", argv[i]);
  } else if (strcmp(argv[1], "env") == 0) {
    for (int i = 2; i < argc; ++i) {
      const char* v = getenv(argv[i]);
      if (v) {
        printf("%s=%s\n", argv[i], v);
      } else {
        printf("%s unset\n", argv[i]);
      }
    }
    int n = 0;
    while (environ && environ[n]) ++n;
    printf("count %d\n", n);
  } else if (strcmp(argv[1], "exit") == 0 && argc == 3) {
    fflush(stdout);
    exit(atoi(argv[2]));
  } else if (strcmp(argv[1], "trap") == 0) {
    volatile int one = 1;
    printf("about to trap\n");
    fflush(stdout);
    crash_here(&one);
  } else if (strcmp(argv[1], "raise") == 0 && argc == 3) {
    printf("errno %d\n", proc_raise(atoi(argv[2])));
  } else {
    return 2;
  }
  return 0;
}
