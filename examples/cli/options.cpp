#include "options.h"

#include <cerrno>
#include <cstdlib>

namespace ember_cli {
namespace {

bool parse_u64(const std::string& text, uint64_t* out) {
  if (text.empty() || text[0] == '-') return false;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(text.c_str(), &end, 0);
  if (errno != 0 || *end != '\0') return false;
  *out = v;
  return true;
}

// NAME=VALUE, or a bare NAME to pass the host's value of that variable on explicitly.
bool parse_env(const std::string& spec, std::string* out, std::string* error) {
  std::size_t eq = spec.find('=');
  if (eq == 0 || spec.empty()) {
    *error = "--env needs NAME=VALUE, got '" + spec + "'";
    return false;
  }
  if (eq != std::string::npos) {
    *out = spec;
    return true;
  }
  const char* host = std::getenv(spec.c_str());
  if (!host) {
    *error = "--env " + spec + ": not set in the host environment (use NAME=VALUE)";
    return false;
  }
  *out = spec + "=" + host;
  return true;
}

}  // namespace

DirMapping parse_dir(const std::string& spec) {
  std::size_t sep = spec.find("::");
  if (sep == std::string::npos) return DirMapping{spec, spec};
  return DirMapping{spec.substr(0, sep), spec.substr(sep + 2)};
}

bool parse_size(const std::string& text, uint64_t* out) {
  if (text.empty()) return false;
  uint64_t mult = 1;
  std::string digits = text;
  switch (text.back()) {
    case 'k':
    case 'K': mult = 1ull << 10; break;
    case 'm':
    case 'M': mult = 1ull << 20; break;
    case 'g':
    case 'G': mult = 1ull << 30; break;
    default: break;
  }
  if (mult != 1) digits.pop_back();
  uint64_t v = 0;
  if (!parse_u64(digits, &v) || v > UINT64_MAX / mult) return false;
  *out = v * mult;
  return true;
}

bool parse_duration(const std::string& text, uint64_t* ms) {
  struct Unit {
    const char* suffix;
    uint64_t ms;
  };
  static const Unit kUnits[] = {{"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}};
  std::string digits = text;
  uint64_t mult = 1000;  // plain seconds
  for (const Unit& u : kUnits) {
    std::string suffix = u.suffix;
    if (text.size() > suffix.size() &&
        text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0) {
      digits = text.substr(0, text.size() - suffix.size());
      mult = u.ms;
      break;
    }
  }
  uint64_t v = 0;
  if (!parse_u64(digits, &v) || v > UINT64_MAX / mult) return false;
  *ms = v * mult;
  return true;
}

bool parse_run_options(const std::vector<std::string>& argv, RunOptions* out, std::string* error) {
  std::size_t i = 0;
  // Options take their value either as the next word or after '=' in the same word.
  auto value_of = [&](const std::string& arg, const std::string& name, std::string* value) -> bool {
    if (arg == name) {
      if (i + 1 >= argv.size()) {
        *error = name + " needs a value";
        return false;
      }
      *value = argv[++i];
      return true;
    }
    *value = arg.substr(name.size() + 1);
    return true;
  };
  auto is = [](const std::string& arg, const char* name) {
    std::string n(name);
    return arg == n || arg.compare(0, n.size() + 1, n + "=") == 0;
  };

  for (; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    std::string value;
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') break;  // the module file
    if (parse_convention_option(argv, &i, out, error)) {
      if (!error->empty()) return false;
      if (out->help) return true;
      continue;
    }
    if (is(arg, "--dir")) {
      if (!value_of(arg, "--dir", &value)) return false;
      DirMapping m = parse_dir(value);
      if (m.host.empty() || m.guest.empty()) {
        *error = "--dir needs HOST[::GUEST], got '" + value + "'";
        return false;
      }
      out->dirs.push_back(m);
    } else if (is(arg, "--env")) {
      if (!value_of(arg, "--env", &value)) return false;
      std::string var;
      if (!parse_env(value, &var, error)) return false;
      out->env.push_back(var);
    } else if (is(arg, "--invoke")) {
      if (!value_of(arg, "--invoke", &value)) return false;
      out->invoke = true;
      out->invoke_name = value;
    } else if (is(arg, "--max-memory")) {
      if (!value_of(arg, "--max-memory", &value)) return false;
      if (!parse_size(value, &out->max_memory)) {
        *error = "--max-memory: not a byte count: '" + value + "'";
        return false;
      }
      out->has_max_memory = true;
    } else if (is(arg, "--stack")) {
      if (!value_of(arg, "--stack", &value)) return false;
      if (!parse_size(value, &out->stack) || out->stack == 0 || out->stack > 0xFFFFFFFFull) {
        *error = "--stack: not a byte count between 1 and 4G-1: '" + value + "'";
        return false;
      }
      out->has_stack = true;
    } else if (is(arg, "--timeout")) {
      if (!value_of(arg, "--timeout", &value)) return false;
      if (!parse_duration(value, &out->timeout_ms) || out->timeout_ms == 0) {
        *error = "--timeout: not a duration (e.g. 500ms, 10s, 2m): '" + value + "'";
        return false;
      }
    } else if (is(arg, "--fuel")) {
      if (!value_of(arg, "--fuel", &value)) return false;
      if (!parse_u64(value, &out->fuel)) {
        *error = "--fuel: not a number: '" + value + "'";
        return false;
      }
    } else {
      *error = "unknown option '" + arg + "' (see ember --help)";
      return false;
    }
  }
  if (i >= argv.size()) {
    *error = "missing FILE.wasm (see ember --help)";
    return false;
  }
  out->file = argv[i++];
  out->args.assign(argv.begin() + std::ptrdiff_t(i), argv.end());
  return true;
}

}  // namespace ember_cli
