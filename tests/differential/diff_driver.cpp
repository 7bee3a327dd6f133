// ember-diff-driver: runs every zero-parameter function export of a module, in export order, on
// one instance, and prints each outcome the way `wasm-interp --run-all-exports` (wabt) does:
//
//   name() => i32:7, i64:18446744073709551611
//   name() => error: integer divide by zero
//
// One process per module (instead of one `ember run --invoke` per call) keeps the differential
// test fast. Integers print unsigned, as wabt prints them; the generated wrappers return integers
// only, so float formatting never has to agree.
//
// usage: ember-diff-driver [--mode plain|lazy|fuel]... FILE.wasm
// Each mode re-loads and re-instantiates the module and prints a "== MODE" header before its
// results: the modes compile the same code differently (lazy compilation, fuel metering inserts
// ChargeFuel at loop heads and so moves fusion boundaries), and all must agree with wabt.
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "ember/ember.h"

namespace {

bool read_file(const char* path, std::vector<uint8_t>* out) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  uint8_t buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->insert(out->end(), buf, buf + n);
  bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

void print_value(const ember::Value& v) {
  switch (v.type.code()) {
    case ember::ValType::Code::I32:
      std::printf("i32:%" PRIu32, v.u32);
      break;
    case ember::ValType::Code::I64:
      std::printf("i64:%" PRIu64, v.u64);
      break;
    case ember::ValType::Code::F32:
      // Not produced by the generated wrappers; printed as bits so nothing is lost.
      std::printf("f32-bits:%" PRIu32, v.u32);
      break;
    case ember::ValType::Code::F64:
      std::printf("f64-bits:%" PRIu64, v.u64);
      break;
    default:
      std::printf("%s:?", ember::to_string(v.type));
      break;
  }
}

// Runs one mode; returns false if the module could not be loaded or instantiated.
bool run_mode(const std::string& mode, const std::vector<uint8_t>& bytes) {
  ember::Config config;
  if (mode == "lazy") config.lazy_compile = true;
  // Metered code in a store without a budget runs unlimited: only the code shape changes.
  ember::Config load_config = config;
  if (mode == "fuel") load_config.fuel = 1;
  auto module = ember::Module::load(bytes.data(), bytes.size(), load_config);
  char buf[256];
  if (!module.ok()) {
    std::printf("load failed: %s\n", ember::format_error(module.error(), buf, sizeof buf));
    return false;
  }
  ember::Store store(config);
  auto instance = store.instantiate(*module, nullptr, 0);
  if (!instance.ok()) {
    std::printf("instantiate failed: %s\n", ember::format_error(instance.error(), buf, sizeof buf));
    return false;
  }
  for (uint32_t i = 0; i < module->export_count(); ++i) {
    ember::ExportInfo info = module->export_at(i);
    if (info.kind != ember::ExternKind::Func) continue;
    ember::Function* fn = (*instance)->function(info.name);
    ember::FuncTypeView type = fn->type();
    // wasm-interp skips exports that take parameters; so do we.
    if (type.param_count != 0) continue;
    std::vector<ember::Value> results(type.result_count);
    ember::Error e = store.call(fn, nullptr, 0, results.data(), results.size());
    std::printf("%.*s() =>", int(info.name.size()), info.name.data());
    if (!e.ok()) {
      std::printf(" error: %s\n", e.message);
      continue;
    }
    for (size_t r = 0; r < results.size(); ++r) {
      std::printf(r == 0 ? " " : ", ");
      print_value(results[r]);
    }
    std::printf("\n");
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> modes;
  const char* file = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mode") == 0 && i + 1 < argc) {
      modes.push_back(argv[++i]);
    } else if (argv[i][0] == '-') {
      std::fprintf(stderr, "usage: %s [--mode plain|lazy|fuel]... FILE.wasm\n", argv[0]);
      return 2;
    } else {
      file = argv[i];
    }
  }
  if (!file) {
    std::fprintf(stderr, "usage: %s [--mode plain|lazy|fuel]... FILE.wasm\n", argv[0]);
    return 2;
  }
  if (modes.empty()) modes.push_back("plain");
  for (const std::string& m : modes) {
    if (m != "plain" && m != "lazy" && m != "fuel") {
      std::fprintf(stderr, "unknown mode '%s'\n", m.c_str());
      return 2;
    }
  }
  std::vector<uint8_t> bytes;
  if (!read_file(file, &bytes)) {
    std::fprintf(stderr, "cannot read %s\n", file);
    return 1;
  }
  bool ok = true;
  for (const std::string& m : modes) {
    std::printf("== %s\n", m.c_str());
    ok = run_mode(m, bytes) && ok;
  }
  std::fflush(stdout);
  return ok ? 0 : 1;
}
