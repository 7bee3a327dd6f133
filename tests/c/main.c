/* The C API tests: `ember-c-api-tests [GROUP]` runs one group (every group without an argument)
 * and closes with "N passed, M failed"; the exit status is non-zero if anything failed. */
#include <stdio.h>
#include <string.h>

#include "harness.h"

struct group {
  const char* name;
  void (*run)(void);
};

static const struct group kGroups[] = {
    {"module", group_module},
    {"host", group_host},
    {"call", group_call},
    {"memory", group_memory},
    {"global_table", group_global_table},
    {"fuel", group_fuel},
    {"misuse", group_misuse},
    {"error", group_error},
#ifdef EMBER_TEST_HELLO_WASM
    {"wasi", group_wasi},
#endif
};

int main(int argc, char** argv) {
  size_t i, ran = 0;
  for (i = 0; i < sizeof kGroups / sizeof kGroups[0]; ++i) {
    if (argc > 1 && strcmp(argv[1], kGroups[i].name) != 0) continue;
    kGroups[i].run();
    ++ran;
  }
  if (ran == 0) {
    printf("unknown group: %s\n", argc > 1 ? argv[1] : "");
    return 2;
  }
  printf("%d passed, %d failed\n", harness_passed(), harness_failed());
  return harness_failed() == 0 && harness_passed() > 0 ? 0 : 1;
}
