// ember-spec: command line of the spec-test runner.
//
//   ember-spec [--verbose] [--report-only] SCRIPT...
//   ember-spec --parse-only SCRIPT...      (debug: read the scripts, count commands by type)
//
// A SCRIPT is a .wast file (the spec suite's own text format) or wast2json's .json output.
// Prints "NAME: P passed, F failed, S skipped, U unsupported" per script and one totals line at the
// end. Unsupported assertions (modules refused as ErrorKind::Unsupported: no SIMD in this build)
// are neither passed nor failed, and do not change the exit status.
// Exit status: 0 if nothing failed; 1 if an assertion failed (0 with --report-only); 2 on a usage
// error or when the runner itself hit an internal error.
#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "script_readers.h"
#include "script_runner.h"

namespace {

struct CommandLine {
  ember_spec::RunOptions run;
  bool report_only = false;
  bool parse_only = false;
  std::vector<std::string> files;
};

void print_usage(std::ostream& out) {
  out << "usage: ember-spec [--verbose] [--report-only] SCRIPT.wast|SCRIPT.json...\n"
         "       ember-spec --parse-only SCRIPT.wast|SCRIPT.json...\n";
}

// False on a usage error.
bool parse_command_line(int argc, char** argv, CommandLine& cl) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--verbose" || arg == "-v") {
      cl.run.verbose = true;
    } else if (arg == "--report-only") {
      cl.report_only = true;
    } else if (arg == "--parse-only") {
      cl.parse_only = true;
    } else if (arg.size() > 1 && arg[0] == '-') {
      std::cerr << "ember-spec: unknown option " << arg << "\n";
      return false;
    } else {
      cl.files.push_back(arg);
    }
  }
  return !cl.files.empty();
}

std::string base_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// Debug mode: checks that every script reads and counts its commands, to compare with the suite's
// published numbers.
int parse_only(const std::vector<std::string>& files) {
  std::map<std::string, uint64_t> by_type;
  int bad = 0;
  for (const std::string& file : files) {
    ember_spec::Script script;
    std::string error;
    bool wast = std::filesystem::path(file).extension() == ".wast";
    if (!(wast ? ember_spec::read_wast_script(file, &script, &error)
               : ember_spec::read_json_script(file, &script, &error))) {
      std::cout << base_name(file) << ": " << error << "\n";
      ++bad;
      continue;
    }
    uint64_t unreadable = 0;
    for (const auto& command : script.commands) {
      ++by_type[command.type_name];
      if (command.type == ember_spec::Command::Type::Unreadable) ++unreadable;
    }
    std::cout << base_name(file) << ": " << script.commands.size() << " commands";
    if (unreadable) std::cout << " (" << unreadable << " unreadable)";
    if (!script.stopped.empty()) std::cout << " (stopped at " << script.stopped << ")";
    std::cout << "\n";
    if (unreadable || !script.stopped.empty()) ++bad;
  }
  for (const auto& entry : by_type) std::cout << entry.second << " " << entry.first << "\n";
  std::cout << files.size() << " files, " << bad << " with unreadable parts\n";
  return bad ? 1 : 0;
}

int run(const CommandLine& cl) {
  uint64_t passed = 0, failed = 0, skipped = 0, unsupported = 0;
  bool runner_bug = false;
  for (const std::string& file : cl.files) {
    ember_spec::FileReport r = ember_spec::run_script(file, cl.run, std::cout);
    std::cout << base_name(file) << ": " << r.passed << " passed, " << r.failed << " failed, " << r.skipped
              << " skipped, " << r.unsupported << " unsupported";
    if (r.unsupported) std::cout << " (" << r.unsupported << " unsupported: SIMD modules refused at load)";
    if (!r.file_error.empty()) std::cout << " (" << r.file_error << ")";
    if (r.runner_bug) std::cout << " (runner error, see --verbose)";
    std::cout << "\n";
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped;
    unsupported += r.unsupported;
    runner_bug = runner_bug || r.runner_bug;
  }
  std::cout << passed << " passed, " << failed << " failed, " << skipped << " skipped, " << unsupported
            << " unsupported\n";
  std::cout.flush();
  if (runner_bug) return 2;
  return failed && !cl.report_only ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  CommandLine cl;
  if (!parse_command_line(argc, argv, cl)) {
    print_usage(std::cerr);
    return 2;
  }
  try {
    return cl.parse_only ? parse_only(cl.files) : run(cl);
  } catch (const std::exception& e) {
    // Per-command errors are caught inside the runner; reaching here is a runner bug.
    std::cout.flush();
    std::cerr << "ember-spec: internal error: " << e.what() << "\n";
    return 2;
  }
}
