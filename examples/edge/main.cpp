// ember-edge: an HTTP server that runs a WASI module per request, each in a fresh instance of one
// shared compiled module (CGI / WAGI style). See README.md.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "ember/ember.h"
#include "guest_runner.h"
#include "server.h"

namespace {

const char kUsage[] =
    "Usage: ember-edge [OPTIONS] MODULE.wasm\n"
    "  --port N          port on 127.0.0.1 (default 8080; 0 = any free one, printed)\n"
    "  --threads N       worker threads, each serving one connection at a time (default 8)\n"
    "  --max-memory MIB  linear memory per request (default 16)\n"
    "  --fuel N          instructions per request, the time bound (default 50000000)\n"
    "  --max-output KIB  response bytes a request may write (default 1024)\n"
    "  --max-seconds S   stop by itself after S seconds (default: until SIGINT / SIGTERM)\n";

bool read_file(const char* path, std::vector<uint8_t>* out) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  uint8_t chunk[65536];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) out->insert(out->end(), chunk, chunk + n);
  bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

bool parse_number(const char* text, double* out) {
  char* end = nullptr;
  *out = std::strtod(text, &end);
  return *text != '\0' && *end == '\0' && *out >= 0;
}

}  // namespace

int main(int argc, char** argv) {
  edge::ServerOptions server;
  edge::Limits limits;
  const char* module_path = nullptr;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    double v = 0;
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg[0] != '-') {
      module_path = argv[i];
      continue;
    }
    if (i + 1 >= argc || !parse_number(argv[i + 1], &v)) {
      std::fprintf(stderr, "ember-edge: %s needs a number\n%s", arg.c_str(), kUsage);
      return 1;
    }
    ++i;
    if (arg == "--port" && v <= 65535) {
      server.port = uint16_t(v);
    } else if (arg == "--threads" && v >= 1 && v <= 256) {
      server.threads = unsigned(v);
    } else if (arg == "--max-memory" && v >= 1 && v <= 4096) {
      limits.max_memory_pages = uint32_t(v * 16);  // 16 pages of 64 KiB per MiB
    } else if (arg == "--fuel") {
      limits.fuel = uint64_t(v);
    } else if (arg == "--max-output" && v >= 1) {
      limits.max_output = std::size_t(v) * 1024;
    } else if (arg == "--max-seconds") {
      server.max_seconds = v;
    } else {
      std::fprintf(stderr, "ember-edge: bad option %s %s\n%s", arg.c_str(), argv[i], kUsage);
      return 1;
    }
  }
  if (!module_path) {
    std::fputs(kUsage, stderr);
    return 1;
  }
  std::vector<uint8_t> bytes;
  if (!read_file(module_path, &bytes)) {
    std::fprintf(stderr, "ember-edge: cannot read %s\n", module_path);
    return 1;
  }
  // Loaded and compiled once, metered so that every request's store can bound it with fuel.
  ember::Config config;
  config.fuel = limits.fuel ? limits.fuel : 0;
  auto module = ember::Module::load(bytes.data(), bytes.size(), config);
  if (!module.ok()) {
    char buf[256];
    std::fprintf(stderr, "ember-edge: %s: %s\n", module_path,
                 ember::format_error(module.error(), buf, sizeof buf));
    return 1;
  }
  edge::GuestRunner runner(module.value(), limits);
  edge::ServerStats stats;
  return edge::serve(server, runner, &stats);
}
