// ember-spec: runs one spec script (wast2json's .json or a .wast) against the engine.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "script.h"

namespace ember_spec {

struct RunOptions {
  bool verbose = false;  // print one line per failure (and per trap-message / error-kind mismatch)
};

// What one script did. Assertions (assert_*, action) count as passed / failed / skipped, or as
// unsupported when they need a module the engine refused as ErrorKind::Unsupported; module and
// register commands are set-up and add to the tally only when they fail, so a clean run's passed
// count equals the script's assertion count.
struct FileReport {
  uint64_t passed = 0;
  uint64_t failed = 0;
  uint64_t skipped = 0;
  uint64_t unsupported = 0;  // neither passed nor failed: needs a module refused as Unsupported (SIMD)
  std::string file_error;    // the script could not be read (to its end): one failure
  bool runner_bug = false;   // the runner hit an unexpected internal error
};

// Runs the script at `path`: a .wast file is read as a script in the text format, anything else as
// wast2json output (modules resolve relative to its directory). Failure lines (with
// options.verbose) go to `out` as they happen.
FileReport run_script(const std::string& path, const RunOptions& options, std::ostream& out);

// Runs a script already read.
void run_script(const Script& script, const RunOptions& options, std::ostream& out, FileReport& report);

}  // namespace ember_spec
