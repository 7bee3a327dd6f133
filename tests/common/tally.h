// Test support for the plain (non-Catch2) test executables: counts checks, names each failure on
// stderr, and prints the "N passed, M failed" line their ctest output shows.
#pragma once

#include <cstdio>

namespace ember_test {

struct Tally {
  int passed = 0;
  int failed = 0;

  void check(bool ok, const char* what) {
    if (ok) {
      ++passed;
    } else {
      ++failed;
      std::fprintf(stderr, "FAIL: %s\n", what);
    }
  }

  // Prints the summary; the process exit code: 0 only when nothing failed and something was checked.
  int finish() const {
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 && passed > 0 ? 0 : 1;
  }
};

}  // namespace ember_test
