// ember-spec: runs one wast2json script (a .json command list) against the engine.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace ember_spec {

struct RunOptions {
  bool verbose = false;  // print one line per failure (and per trap-message / error-kind mismatch)
};

// What one script did. Assertions (assert_*, action) count as passed / failed / skipped /
// unsupported; module and register commands are set-up and add to the tally only when they fail or
// are unsupported, so a clean run's passed count equals the script's assertion count.
struct FileReport {
  uint64_t passed = 0;
  uint64_t failed = 0;
  uint64_t skipped = 0;        // all of them text-format assert_malformed (no text parser)
  std::string file_error;      // the script itself could not be read or parsed (counted as one failure)
  bool runner_bug = false;     // the runner hit an unexpected internal error

  // Not checked because the engine refused a module they need as ErrorKind::Unsupported (this
  // build has no SIMD): the module itself, its assert_invalid / assert_malformed, and every
  // command against it. Never counted as passed, and not as failed either. A refusal counts here
  // only if its offset points at v128 or a SIMD instruction; any other is a failure.
  uint64_t unsupported = 0;
};

// Runs the script at `json_path`; module files resolve relative to its directory. Failure lines
// (with options.verbose) go to `out` as they happen.
FileReport run_script(const std::string& json_path, const RunOptions& options, std::ostream& out);

}  // namespace ember_spec
