// Command-line options of `ember run`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ember_cli {

struct DirMapping {
  std::string host;
  std::string guest;
};

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
  uint64_t timeout_ms = 0;  // --timeout; 0 = none
  std::string file;
  std::vector<std::string> args;  // guest argv[1..], or the --invoke arguments
};

// Parses the arguments after "run". On error returns false with a message in `error`.
bool parse_run_options(const std::vector<std::string>& argv, RunOptions* out, std::string* error);

// Parses a byte count with an optional K, M or G suffix (binary multiples).
bool parse_size(const std::string& text, uint64_t* out);

// Parses a duration: a number with an optional unit ms, s (the default), m or h; into milliseconds.
bool parse_duration(const std::string& text, uint64_t* ms);

// Without --max-memory, `ember run` caps each linear memory at this (a desktop's worth: a guest
// growing memory in a loop stops there, memory.grow returning -1); the spec's 4 GiB on request.
constexpr uint64_t kDefaultMaxMemory = uint64_t(1) << 30;

}  // namespace ember_cli
