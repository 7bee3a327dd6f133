#include "run_stats.h"

#include <cinttypes>
#include <cstdio>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/resource.h>
#define EMBER_CLI_HAS_RUSAGE 1
#endif

namespace ember_cli {

double Stopwatch::lap_ms() {
  auto now = std::chrono::steady_clock::now();
  double ms = std::chrono::duration<double, std::milli>(now - start_).count();
  start_ = now;
  return ms;
}

namespace {

double mib(uint64_t bytes) { return double(bytes) / (1024.0 * 1024.0); }

// Peak resident set size in bytes, or 0 if unknown.
uint64_t peak_rss_bytes() {
#ifdef EMBER_CLI_HAS_RUSAGE
  struct rusage usage {};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
#ifdef __APPLE__
  return uint64_t(usage.ru_maxrss);  // bytes on macOS
#else
  return uint64_t(usage.ru_maxrss) * 1024;  // KiB elsewhere
#endif
#else
  return 0;
#endif
}

}  // namespace

void print_stats(const RunStats& s) {
  std::fprintf(stderr, "ember: stats:\n");
  std::fprintf(stderr, "  load         %9.3f ms  (%s compilation)\n", s.load_ms, s.lazy ? "lazy" : "eager");
  std::fprintf(stderr, "  instantiate  %9.3f ms\n", s.instantiate_ms);
  std::fprintf(stderr, "  run          %9.3f ms\n", s.run_ms);
  if (s.metered) std::fprintf(stderr, "  fuel used    %9" PRIu64 "\n", s.fuel_used);
  std::fprintf(stderr, "  module       %9.2f MiB  (code section %.2f MiB, held after the run %.2f MiB)\n",
               mib(s.module_bytes), mib(s.code_bytes), mib(s.module_memory));
  uint64_t rss = peak_rss_bytes();
  if (rss) std::fprintf(stderr, "  peak RSS     %9.2f MiB\n", mib(rss));
}

}  // namespace ember_cli
