// Command-line options of `ember run`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ember_cli {

struct DirMapping {
  std::string host;
  std::string guest;
  bool read_only = false;  // --dir-ro: the guest may read but not create, write, rename or delete
};

// How `run` compiles the module's functions: all at load, or each on its first call.
enum class CompileMode { Lazy, Eager };

struct RunOptions {
  std::vector<DirMapping> dirs;
  std::vector<std::string> env;  // NAME=VALUE
  bool invoke = false;
  std::string invoke_name;
  bool has_max_memory = false;
  uint64_t max_memory = 0;  // bytes
  bool has_stack = false;
  uint64_t stack = 0;  // bytes
  uint64_t fuel = 0;   // 0 = unlimited
  // Options of the CLI conventions shared with other runtimes (run_conventions.cpp).
  bool help = false;
  bool has_argv0 = false;
  std::string argv0;  // guest argv[0] (default: FILE)
  bool inherit_env = false;
  bool trap_unknown_imports = false;
  bool stats = false;
  CompileMode compile = CompileMode::Lazy;
  unsigned load_threads = 0;  // --load-threads: threads validating a large module; 0 = one per core
  uint64_t timeout_ms = 0;    // --timeout; 0 = none
  std::string file;
  std::vector<std::string> args;  // guest argv[1..], or the --invoke arguments
};

// Parses the arguments after "run". On error returns false with a message in `error`.
bool parse_run_options(const std::vector<std::string>& argv, RunOptions* out, std::string* error);

// If argv[*i] is one of the convention options (--help, --argv0, --dir-ro, --inherit-env,
// --trap-unknown-imports, --stats, --compile, --load-threads), consumes it (and its value,
// advancing *i) and returns true; on a bad value also sets `error`. Returns false for any other word.
bool parse_convention_option(const std::vector<std::string>& argv, std::size_t* i, RunOptions* out,
                             std::string* error);

// HOST[::GUEST] (GUEST defaults to HOST).
DirMapping parse_dir(const std::string& spec);

// Parses a byte count with an optional K, M or G suffix (binary multiples).
bool parse_size(const std::string& text, uint64_t* out);

// Parses a duration: a number with an optional unit ms, s (the default), m or h; into milliseconds.
bool parse_duration(const std::string& text, uint64_t* ms);

// Without --max-memory, `ember run` caps each linear memory at this (a desktop's worth: a guest
// growing memory in a loop stops there, memory.grow returning -1); the spec's 4 GiB on request.
constexpr uint64_t kDefaultMaxMemory = uint64_t(1) << 30;

}  // namespace ember_cli
