// ember-diff-driver: runs every zero-parameter function export of a module, in export order, on
// one instance, and prints each outcome the way `wasm-interp --run-all-exports` (wabt) does:
//
//   name() => i32:7, i64:18446744073709551611
//   name() => error: integer divide by zero
//
// One process per module (instead of one `ember run --invoke` per call) keeps the differential
// test fast. Integers print unsigned, as wabt prints them. The generated wrappers return integers
// only, so float formatting never has to agree with wabt; floats print as their bits, which
// run_differential.py / run_ttf.py compare with V8's (any NaN agrees with any NaN).
//
// usage: ember-diff-driver [--mode plain|lazy|fuel]... [--all-exports] [--fuzzing-support]
//                          [--before-each NAME] [--fuel-limit N] (FILE.wasm | --serve)
// --serve: reads one module path per line from stdin and answers each as a run on that file would,
// then "== exit STATUS" (the status that run would have exited with) and "== end". The
// differential test keeps one server per worker: a process start is most of a small module's cost.
// Each mode re-loads and re-instantiates the module and prints a "== MODE" header before its
// results: the modes compile the same code differently (lazy compilation, fuel metering inserts
// ChargeFuel at loop heads and so moves fusion boundaries), and all must agree with wabt.
//
// For modules of binaryen's `wasm-opt -ttf` (run_ttf.py): --all-exports calls exports that take
// parameters too, with zeros; --fuzzing-support provides the `fuzzing-support` log-i32/i64/f32/f64
// imports, which print "log: VALUE"; --before-each calls an export (binaryen's
// hangLimitInitializer) before every export call, unprinted; --fuel-limit gives every call N units
// of fuel (in fuel mode), so a runaway loop ends in "error: out of fuel".
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
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
    case ember::ValType::Code::I32: std::printf("i32:%" PRIu32, v.u32); break;
    case ember::ValType::Code::I64: std::printf("i64:%" PRIu64, v.u64); break;
    case ember::ValType::Code::F32:
      // Bits, so nothing is lost (the generated wrappers return none; binaryen's modules do).
      std::printf("f32-bits:%" PRIu32, v.u32);
      break;
    case ember::ValType::Code::F64: std::printf("f64-bits:%" PRIu64, v.u64); break;
    default: std::printf("%s:?", ember::to_string(v.type)); break;
  }
}

struct Options {
  bool all_exports = false;
  bool fuzzing_support = false;
  std::string before_each;
  uint64_t fuel_limit = 0;
};

// fuzzing-support.log-*: prints its argument, typed by the import's signature.
ember::TrapKind log_value(ember::Caller&, void* user, uint64_t* slots) {
  ember::Value v;
  v.type = *static_cast<const ember::ValType*>(user);
  v.u64 = v.type.code() == ember::ValType::Code::I32 || v.type.code() == ember::ValType::Code::F32
              ? uint32_t(slots[0])
              : slots[0];
  std::printf("log: ");
  print_value(v);
  std::printf("\n");
  return ember::TrapKind::None;
}

// The module's imports: only fuzzing-support.log-* (with --fuzzing-support) can be provided.
bool make_imports(const ember::Module& module, ember::Store& store, const Options& options,
                  std::vector<ember::Extern>* out) {
  for (uint32_t i = 0; i < module.import_count(); ++i) {
    ember::ImportInfo im = module.import(i);
    bool log = options.fuzzing_support && im.module == "fuzzing-support" &&
               im.kind == ember::ExternKind::Func && im.name.substr(0, 4) == "log-" &&
               im.func.param_count == 1 && im.func.result_count == 0;
    ember::Function* fn =
        log ? store.create_host_function(im.func, log_value, const_cast<ember::ValType*>(im.func.params))
            : nullptr;
    if (!fn) {
      std::printf("instantiate failed: import %.*s.%.*s not provided\n", int(im.module.size()),
                  im.module.data(), int(im.name.size()), im.name.data());
      return false;
    }
    out->push_back(fn);
  }
  return true;
}

// Runs one mode; returns false if the module could not be loaded or instantiated.
bool run_mode(const std::string& mode, const std::vector<uint8_t>& bytes, const Options& options) {
  ember::Config config;
  if (mode == "lazy") config.lazy_compile = true;
  if (mode == "fuel") config.fuel = options.fuel_limit;
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
  std::vector<ember::Extern> imports;
  if (!make_imports(*module, store, options, &imports)) return false;
  auto instance = store.instantiate(*module, imports.data(), imports.size());
  if (!instance.ok()) {
    std::printf("instantiate failed: %s\n", ember::format_error(instance.error(), buf, sizeof buf));
    return false;
  }
  for (uint32_t i = 0; i < module->export_count(); ++i) {
    ember::ExportInfo info = module->export_at(i);
    if (info.kind != ember::ExternKind::Func) continue;
    ember::Function* fn = (*instance)->function(info.name);
    ember::FuncTypeView type = fn->type();
    // wasm-interp skips exports that take parameters; so do we, unless told otherwise.
    if (type.param_count != 0 && !options.all_exports) continue;
    if (!options.before_each.empty()) {
      ember::Function* before = (*instance)->function(options.before_each);
      if (before && before->type().param_count == 0 && before->type().result_count == 0) {
        if (mode == "fuel" && options.fuel_limit) store.set_fuel(options.fuel_limit);
        (void)store.call(before, nullptr, 0, nullptr, 0);
      }
    }
    std::vector<ember::Value> args(type.param_count);
    for (uint32_t p = 0; p < type.param_count; ++p) {
      args[p].type = type.params[p];
      args[p].u64 = 0;
    }
    std::vector<ember::Value> results(type.result_count);
    if (mode == "fuel" && options.fuel_limit) store.set_fuel(options.fuel_limit);
    ember::Error e = store.call(fn, args.data(), args.size(), results.data(), results.size());
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

// Every mode on the module in `file`: the exit status of a run on it (0: loaded and instantiated
// in every mode; 1: not).
int run_file(const char* file, const std::vector<std::string>& modes, const Options& options) {
  std::vector<uint8_t> bytes;
  if (!read_file(file, &bytes)) {
    std::fprintf(stderr, "cannot read %s\n", file);
    return 1;
  }
  bool ok = true;
  for (const std::string& m : modes) {
    std::printf("== %s\n", m.c_str());
    ok = run_mode(m, bytes, options) && ok;
  }
  std::fflush(stdout);
  return ok ? 0 : 1;
}

// --serve: one module per line of stdin, each answer closed by its status and "== end".
int serve(const std::vector<std::string>& modes, const Options& options) {
  std::string path;
  for (int c; (c = std::getchar()) != EOF;) {
    if (c != '\n') {
      path.push_back(char(c));
      continue;
    }
    int status = run_file(path.c_str(), modes, options);
    std::printf("== exit %d\n== end\n", status);
    std::fflush(stdout);
    path.clear();
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> modes;
  Options options;
  const char* file = nullptr;
  bool serving = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--serve") == 0) {
      serving = true;
    } else if (std::strcmp(argv[i], "--mode") == 0 && i + 1 < argc) {
      modes.push_back(argv[++i]);
    } else if (std::strcmp(argv[i], "--all-exports") == 0) {
      options.all_exports = true;
    } else if (std::strcmp(argv[i], "--fuzzing-support") == 0) {
      options.fuzzing_support = true;
    } else if (std::strcmp(argv[i], "--before-each") == 0 && i + 1 < argc) {
      options.before_each = argv[++i];
    } else if (std::strcmp(argv[i], "--fuel-limit") == 0 && i + 1 < argc) {
      options.fuel_limit = std::strtoull(argv[++i], nullptr, 10);
    } else if (argv[i][0] == '-') {
      std::fprintf(stderr,
                   "usage: %s [--mode plain|lazy|fuel]... [--all-exports] [--fuzzing-support]\n"
                   "          [--before-each NAME] [--fuel-limit N] (FILE.wasm | --serve)\n",
                   argv[0]);
      return 2;
    } else {
      file = argv[i];
    }
  }
  if (!file && !serving) {
    std::fprintf(stderr, "usage: %s [--mode plain|lazy|fuel]... (FILE.wasm | --serve)\n", argv[0]);
    return 2;
  }
  if (modes.empty()) modes.push_back("plain");
  for (const std::string& m : modes) {
    if (m != "plain" && m != "lazy" && m != "fuel") {
      std::fprintf(stderr, "unknown mode '%s'\n", m.c_str());
      return 2;
    }
  }
  return serving ? serve(modes, options) : run_file(file, modes, options);
}
