// The `run` options that follow the conventions of other WebAssembly runtimes' command lines
// (wasmtime's first): kept apart from options.cpp so each can grow without touching the other.
#include <cstdlib>

#include "options.h"

namespace ember_cli {
namespace {

// "--name" alone (its value in the next word) or "--name=value".
bool matches(const std::string& arg, const std::string& name) {
  return arg == name || arg.compare(0, name.size() + 1, name + "=") == 0;
}

bool take_value(const std::vector<std::string>& argv, std::size_t* i, const std::string& name,
                std::string* value, std::string* error) {
  const std::string& arg = argv[*i];
  if (arg != name) {
    *value = arg.substr(name.size() + 1);
    return true;
  }
  if (*i + 1 >= argv.size()) {
    *error = name + " needs a value";
    return false;
  }
  *value = argv[++*i];
  return true;
}

bool parse_compile_mode(const std::string& value, CompileMode* out, std::string* error) {
  if (value == "lazy") {
    *out = CompileMode::Lazy;
  } else if (value == "eager") {
    *out = CompileMode::Eager;
  } else {
    *error = "--compile needs 'lazy' or 'eager', got '" + value + "'";
    return false;
  }
  return true;
}

// 1..64 threads, or 0 for one per core.
bool parse_thread_count(const std::string& value, unsigned* out, std::string* error) {
  char* end = nullptr;
  unsigned long n = std::strtoul(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || n > 64) {
    *error = "--load-threads needs a number of threads from 0 (one per core) to 64, got '" + value + "'";
    return false;
  }
  *out = unsigned(n);
  return true;
}

}  // namespace

bool parse_convention_option(const std::vector<std::string>& argv, std::size_t* i, RunOptions* out,
                             std::string* error) {
  const std::string& arg = argv[*i];
  std::string value;
  if (arg == "--help" || arg == "-h") {
    out->help = true;
  } else if (arg == "--inherit-env") {
    out->inherit_env = true;
  } else if (arg == "--trap-unknown-imports") {
    out->trap_unknown_imports = true;
  } else if (arg == "--stats") {
    out->stats = true;
  } else if (matches(arg, "--argv0")) {
    if (!take_value(argv, i, "--argv0", &value, error)) return true;
    out->has_argv0 = true;
    out->argv0 = value;
  } else if (matches(arg, "--dir-ro")) {
    if (!take_value(argv, i, "--dir-ro", &value, error)) return true;
    DirMapping m = parse_dir(value);
    if (m.host.empty() || m.guest.empty()) {
      *error = "--dir-ro needs HOST[::GUEST], got '" + value + "'";
      return true;
    }
    m.read_only = true;
    out->dirs.push_back(m);
  } else if (matches(arg, "--compile")) {
    if (take_value(argv, i, "--compile", &value, error)) parse_compile_mode(value, &out->compile, error);
  } else if (matches(arg, "--load-threads")) {
    if (take_value(argv, i, "--load-threads", &value, error))
      parse_thread_count(value, &out->load_threads, error);
  } else {
    return false;
  }
  return true;
}

}  // namespace ember_cli
