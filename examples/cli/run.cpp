// `ember run`: load a module, link WASI, and run _start (or one export with --invoke).
#include <cstdio>
#include <cstring>

#include "commands.h"
#include "ember/ember.h"
#include "ember/wasi.h"
#include "module_input.h"
#include "options.h"
#include "values.h"
#include "watchdog.h"

#include <memory>

namespace ember_cli {
namespace {

void print_error(const std::string& file, const ember::Error& e) {
  char buf[256];
  std::fprintf(stderr, "ember: %s: %s\n", file.c_str(), ember::format_error(e, buf, sizeof buf));
}

// Trap report: the message, then the wasm frames innermost first with names from the name section.
void print_trap(const ember::Store& store, const ember::Module& module, const ember::Error& e) {
  std::fprintf(stderr, "ember: trap: %s", e.message);
  if (e.detail[0] != '\0') std::fprintf(stderr, " (%s)", e.detail);
  std::fprintf(stderr, "\n");
  ember::BacktraceFrame frames[64];
  uint32_t n = store.backtrace(frames, 64);
  if (n == 0) return;
  std::fprintf(stderr, "backtrace:\n");
  for (uint32_t i = 0; i < n; ++i) {
    // The CLI links a single module, so every wasm frame belongs to it.
    std::string_view name = module.function_name(frames[i].func_index);
    std::fprintf(stderr, "  #%u  func[%u] %.*s at offset 0x%x\n", i, frames[i].func_index,
                 name.empty() ? 3 : int(name.size()), name.empty() ? "<?>" : name.data(), frames[i].offset);
  }
}

// The process exit status for how a call ended.
int status_of(const ember::Store& store, const ember::Module& module, const std::string& file,
              const ember::Error& e) {
  if (e.ok()) return 0;
  if (e.kind == ember::ErrorKind::Exit) {
    // A process status holds 0..255; reporting 256 as 0 would turn a failure into success.
    if (e.exit_code >= 0 && e.exit_code <= 255) return e.exit_code;
    std::fprintf(stderr, "ember: exit code %d does not fit an exit status; exiting with 1\n", int(e.exit_code));
    return kFailureExitStatus;
  }
  if (e.kind == ember::ErrorKind::Trap) {
    print_trap(store, module, e);
    return kTrapExitStatus;
  }
  print_error(file, e);
  return kFailureExitStatus;
}

std::vector<const char*> c_strings(const std::vector<std::string>& v) {
  std::vector<const char*> out;
  for (const std::string& s : v) out.push_back(s.c_str());
  return out;
}

int invoke(ember::Store& store, const ember::Module& module, ember::Instance& instance,
           const RunOptions& opt) {
  // A reactor expects _initialize before any other export.
  if (ember::Function* init = instance.function("_initialize")) {
    ember::Error e = store.call(init, nullptr, 0, nullptr, 0);
    if (!e.ok()) return status_of(store, module, opt.file, e);
  }
  ember::Function* fn = instance.function(opt.invoke_name);
  if (!fn) {
    std::fprintf(stderr, "ember: %s: no exported function '%s'\n", opt.file.c_str(), opt.invoke_name.c_str());
    return kFailureExitStatus;
  }
  ember::FuncTypeView type = fn->type();
  if (opt.args.size() != type.param_count) {
    std::fprintf(stderr, "ember: %s takes %u argument(s) %s, got %zu\n", opt.invoke_name.c_str(),
                 type.param_count, format_signature(type).c_str(), opt.args.size());
    return kFailureExitStatus;
  }
  std::vector<ember::Value> params(type.param_count), results(type.result_count);
  for (uint32_t i = 0; i < type.param_count; ++i) {
    if (!parse_value(opt.args[i], type.params[i], &params[i])) {
      std::fprintf(stderr, "ember: argument %u of %s: '%s' is not a valid %s\n", i + 1,
                   opt.invoke_name.c_str(), opt.args[i].c_str(), ember::to_string(type.params[i]));
      return kFailureExitStatus;
    }
  }
  ember::Error e = store.call(fn, params.data(), params.size(), results.data(), results.size());
  if (!e.ok()) return status_of(store, module, opt.file, e);
  for (const ember::Value& v : results) std::printf("%s\n", format_value(v).c_str());
  return 0;
}

}  // namespace

int run_command(const std::vector<std::string>& argv) {
  RunOptions opt;
  std::string err;
  if (!parse_run_options(argv, &opt, &err)) {
    std::fprintf(stderr, "ember: %s\n", err.c_str());
    return kFailureExitStatus;
  }
  std::vector<uint8_t> bytes;
  if (!read_module(opt.file, &bytes, &err)) {
    std::fprintf(stderr, "ember: %s\n", err.c_str());
    return kFailureExitStatus;
  }

  ember::Config config;
  uint64_t pages = (opt.has_max_memory ? opt.max_memory : kDefaultMaxMemory) / ember::Memory::kPageSize;
  config.max_memory_pages = uint32_t(pages < config.max_memory_pages ? pages : config.max_memory_pages);
  if (opt.has_stack) config.stack_bytes = uint32_t(opt.stack);
  config.fuel = opt.fuel;
  config.metered = opt.timeout_ms != 0;  // loops and calls see the watchdog's interrupt

  // The module keeps no pointer into `bytes` (Copy ownership is the default).
  auto loaded = ember::Module::load(bytes.data(), bytes.size(), config);
  if (!loaded.ok()) {
    print_error(opt.file, loaded.error());
    return kFailureExitStatus;
  }
  const ember::Module& module = loaded.value();

  // argv[0] is the module path, as a shell would pass a program's name; --invoke passes no argv.
  std::vector<std::string> guest_args{opt.file};
  if (!opt.invoke) guest_args.insert(guest_args.end(), opt.args.begin(), opt.args.end());
  std::vector<const char*> args = c_strings(guest_args), env = c_strings(opt.env);
  std::vector<ember::WasiPreopen> preopens;
  for (const DirMapping& d : opt.dirs)
    preopens.push_back(ember::WasiPreopen{d.host.c_str(), d.guest.c_str()});
  ember::WasiConfig wasi_config;
  wasi_config.args = args.data();
  wasi_config.arg_count = uint32_t(args.size());
  wasi_config.env = env.data();
  wasi_config.env_count = uint32_t(env.size());
  wasi_config.preopens = preopens.data();
  wasi_config.preopen_count = uint32_t(preopens.size());
  auto wasi = ember::WasiContext::create(wasi_config);
  if (!wasi.ok()) {
    char buf[256];
    std::fprintf(stderr, "ember: %s\n", ember::format_error(wasi.error(), buf, sizeof buf));
    return kFailureExitStatus;
  }

  ember::Store store(config);
  // From here on, the time limit covers instantiation (a start function) and the run.
  std::unique_ptr<Watchdog> watchdog;
  if (opt.timeout_ms) watchdog.reset(new Watchdog(store.interrupt_handle(), std::chrono::milliseconds(opt.timeout_ms)));
  ember::Linker linker;
  ember::Error e = ember::define_wasi(linker, store, wasi.value());
  if (!e.ok()) {
    print_error(opt.file, e);
    return kFailureExitStatus;
  }
  // Says why a run that the watchdog interrupted stopped.
  auto timed = [&](int status) {
    if (watchdog && watchdog->fired())
      std::fprintf(stderr, "ember: %s: stopped by --timeout after %llu ms\n", opt.file.c_str(),
                   (unsigned long long)opt.timeout_ms);
    return status;
  };
  auto instance = linker.instantiate(store, module);
  if (!instance.ok()) return timed(status_of(store, module, opt.file, instance.error()));
  if (opt.invoke) return timed(invoke(store, module, *instance.value(), opt));

  ember::Function* start = instance.value()->function("_start");
  if (!start) {
    std::fprintf(stderr, "ember: %s: no _start export (use --invoke FUNC to call another export)\n",
                 opt.file.c_str());
    return kFailureExitStatus;
  }
  return timed(status_of(store, module, opt.file, store.call(start, nullptr, 0, nullptr, 0)));
}

}  // namespace ember_cli
