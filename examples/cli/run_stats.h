// --stats: where the time of a run went, the fuel it used and the process's peak memory.
#pragma once

#include <chrono>
#include <cstdint>

namespace ember_cli {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  // Milliseconds since the last lap (or since construction), then starts the next lap.
  double lap_ms();

 private:
  std::chrono::steady_clock::time_point start_;
};

struct RunStats {
  bool lazy = true;
  double load_ms = 0;         // read, decode, validate (and with eager compilation, compile)
  double instantiate_ms = 0;  // link WASI and instantiate (start function included)
  double run_ms = 0;          // _start or the --invoke export
  uint64_t module_bytes = 0;
  uint64_t code_bytes = 0;     // the code section
  uint64_t module_memory = 0;  // what the module holds after the run (compiled code included)
  bool metered = false;
  uint64_t fuel_used = 0;
};

// Prints the figures to stderr, with the peak resident set size of the process where the host
// can tell it.
void print_stats(const RunStats& stats);

}  // namespace ember_cli
