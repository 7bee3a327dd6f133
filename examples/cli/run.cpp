// `ember run`: load a module, link WASI, and run _start (or one export with --invoke).
#include <cstdio>
#include <cstring>

#include "commands.h"
#include "ember/ember.h"
#include "ember/wasi.h"
#include "module_input.h"
#include "options.h"
#include "run_stats.h"
#include "thread_executor.h"
#include "trap_report.h"
#include "unknown_imports.h"
#include "values.h"
#include "watchdog.h"

#include <memory>

#if defined(__unix__) || defined(__APPLE__)
extern char** environ;
#define EMBER_CLI_HAS_ENVIRON 1
#endif

namespace ember_cli {
namespace {

void print_error(const std::string& file, const ember::Error& e) {
  char buf[256];
  std::fprintf(stderr, "ember: %s: %s\n", file.c_str(), ember::format_error(e, buf, sizeof buf));
}

// The process exit status for how a call ended.
int status_of(const ember::Store& store, const ember::Module& module, const std::string& file,
              const ember::Error& e) {
  if (e.ok()) return 0;
  if (e.kind == ember::ErrorKind::Exit) {
    // A process status holds 0..255; reporting 256 as 0 would turn a failure into success.
    if (e.exit_code >= 0 && e.exit_code <= 255) return e.exit_code;
    std::fprintf(stderr, "ember: exit code %d does not fit an exit status; exiting with 1\n",
                 int(e.exit_code));
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

const char* kind_name(ember::ExternKind kind) {
  switch (kind) {
    case ember::ExternKind::Func: return "function";
    case ember::ExternKind::Table: return "table";
    case ember::ExternKind::Memory: return "memory";
    case ember::ExternKind::Global: return "global";
  }
  return "thing";
}

// Why `name` cannot be invoked: it is another kind of export, or no export at all (then the
// function exports that could be, so a typo is easy to see).
void explain_missing_function(const ember::Module& module, const RunOptions& opt) {
  std::string functions;
  for (uint32_t i = 0; i < module.export_count(); ++i) {
    ember::ExportInfo e = module.export_at(i);
    if (e.name == opt.invoke_name) {
      std::fprintf(stderr, "ember: %s: export '%s' is a %s, not a function\n", opt.file.c_str(),
                   opt.invoke_name.c_str(), kind_name(e.kind));
      return;
    }
    if (e.kind == ember::ExternKind::Func) functions += (functions.empty() ? "" : ", ") + std::string(e.name);
  }
  std::fprintf(stderr, "ember: %s: no export named '%s' (exported functions: %s)\n", opt.file.c_str(),
               opt.invoke_name.c_str(), functions.empty() ? "none" : functions.c_str());
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
    explain_missing_function(module, opt);
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

int run_start(ember::Store& store, const ember::Module& module, ember::Instance& instance,
              const RunOptions& opt) {
  ember::Function* start = instance.function("_start");
  if (!start) {
    std::fprintf(stderr, "ember: %s: no _start export (use --invoke FUNC to call another export)\n",
                 opt.file.c_str());
    return kFailureExitStatus;
  }
  return status_of(store, module, opt.file, store.call(start, nullptr, 0, nullptr, 0));
}

// The guest's environment: the host's whole environment with --inherit-env, then each --env
// (a later definition of a name replaces an earlier one).
std::vector<std::string> guest_environment(const RunOptions& opt) {
  std::vector<std::string> env;
#ifdef EMBER_CLI_HAS_ENVIRON
  if (opt.inherit_env)
    for (char** p = environ; p && *p; ++p) env.push_back(*p);
#endif
  for (const std::string& var : opt.env) {
    std::string name = var.substr(0, var.find('=') + 1);
    for (auto it = env.begin(); it != env.end();)
      it = it->compare(0, name.size(), name) == 0 ? env.erase(it) : it + 1;
    env.push_back(var);
  }
  return env;
}

// Guest argv: argv[0] is the module path (or --argv0), as a shell passes a program's name; then
// ARGS. --invoke passes ARGS to the function instead.
std::vector<std::string> guest_arguments(const RunOptions& opt) {
  std::vector<std::string> args{opt.has_argv0 ? opt.argv0 : opt.file};
  if (!opt.invoke) args.insert(args.end(), opt.args.begin(), opt.args.end());
  return args;
}

ember::Config engine_config(const RunOptions& opt) {
  ember::Config config;
  uint64_t pages = (opt.has_max_memory ? opt.max_memory : kDefaultMaxMemory) / ember::Memory::kPageSize;
  config.max_memory_pages = uint32_t(pages < config.max_memory_pages ? pages : config.max_memory_pages);
  if (opt.has_stack) config.stack_bytes = uint32_t(opt.stack);
  config.fuel = opt.fuel;
  config.metered = opt.timeout_ms != 0;  // loops and calls see the watchdog's interrupt
  // --stats counts fuel even without a budget: meter the code, with a budget nothing reaches.
  if (opt.stats && config.fuel == 0) config.fuel = UINT64_MAX;
  config.lazy_compile = opt.compile == CompileMode::Lazy;
  config.executor = thread_executor(opt.load_threads);
  return config;
}

}  // namespace

int run_command(const std::vector<std::string>& argv) {
  RunOptions opt;
  std::string err;
  if (!parse_run_options(argv, &opt, &err)) {
    std::fprintf(stderr, "ember: %s\n", err.c_str());
    return kFailureExitStatus;
  }
  if (opt.help) {
    std::fputs(run_help_text(), stdout);
    return 0;
  }
  Stopwatch clock;
  RunStats stats;
  ModuleInput input;
  if (!open_module(opt.file, &input, &err)) {
    // `ember FOO` with FOO neither a command nor a file is most likely a mistyped command.
    bool maybe_command = opt.file.find_first_of("./") == std::string::npos;
    std::fprintf(stderr, "ember: %s%s\n", err.c_str(),
                 maybe_command ? " (nor is it a command: see ember --help)" : "");
    return kFailureExitStatus;
  }

  ember::Config config = engine_config(opt);
  // `input` outlives the module (both live until this function returns): borrow, don't copy.
  auto loaded = ember::Module::load(input.data(), input.size(), config, ember::BytesOwnership::Borrow);
  if (!loaded.ok()) {
    print_error(opt.file, loaded.error());
    return kFailureExitStatus;
  }
  const ember::Module& module = loaded.value();
  stats.load_ms = clock.lap_ms();

  std::vector<std::string> guest_args = guest_arguments(opt), guest_env = guest_environment(opt);
  std::vector<const char*> args = c_strings(guest_args), env = c_strings(guest_env);
  std::vector<ember::WasiPreopen> preopens;
  for (const DirMapping& d : opt.dirs)
    preopens.push_back(ember::WasiPreopen{d.host.c_str(), d.guest.c_str(), d.read_only});
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
  if (opt.timeout_ms)
    watchdog.reset(new Watchdog(store.interrupt_handle(), std::chrono::milliseconds(opt.timeout_ms)));
  ember::Linker linker;
  // Only the WASI functions the module imports: a store with a few host functions starts sooner.
  ember::Error e = ember::define_wasi(linker, store, wasi.value(), module);
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
  if (opt.trap_unknown_imports && !define_trapping_imports(linker, store, module)) {
    std::fprintf(stderr, "ember: out of memory defining the unknown imports\n");
    return kFailureExitStatus;
  }
  auto instance = linker.instantiate(store, module);
  if (!instance.ok()) {
    int status = timed(status_of(store, module, opt.file, instance.error()));
    if (instance.error().kind == ember::ErrorKind::Unlinkable && !opt.trap_unknown_imports)
      std::fprintf(stderr,
                   "ember: (--trap-unknown-imports runs it with each missing function trapping "
                   "when called)\n");
    return status;
  }
  stats.instantiate_ms = clock.lap_ms();

  int status = timed(opt.invoke ? invoke(store, module, *instance.value(), opt)
                                : run_start(store, module, *instance.value(), opt));
  stats.run_ms = clock.lap_ms();
  if (opt.stats) {
    stats.lazy = config.lazy_compile;
    stats.module_bytes = input.size();
    stats.code_bytes = module.code_size();
    stats.module_memory = module.memory_used();
    stats.metered = true;
    stats.fuel_used = config.fuel - store.fuel();
    std::fflush(stdout);
    print_stats(stats);
  }
  return status;
}

}  // namespace ember_cli
