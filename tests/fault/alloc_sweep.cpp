// Allocation-failure sweep (SQLite's method): every allocation of a scenario is failed in turn, and
// every such run must end cleanly: either it succeeds with the right results, or the failure
// surfaces as ErrorKind::OutOfMemory (or, inside a WASI guest, as ENOMEM the guest sees), the store
// stays usable, and once everything is destroyed no block is left allocated, every free names the
// size that was allocated, and no file descriptor is left open.
//
// Each scenario first runs twice without failures: both runs must succeed and make the same number
// of allocations, N (nothing the library keeps from one run to the next changes what a run
// allocates). Then it runs N more times, each from a fresh start, run k refusing its kth
// allocation and only that one. That is quadratic in N, and still cheaper than forking at each
// allocation of one run (linear, and how this sweep worked before): on the CI's virtual machines a
// fork and the copy-on-write faults after it cost more than running the scenario again, and far
// more when other jobs load both cores. Measured, the whole sweep (1,356 refusals), fork -> restart:
// release 4.6 -> 0.9 s, and with both cores loaded 14.0 -> 1.8 s wall; -O0 ASan 22.3 -> 12.3 s;
// s390x under qemu-user 20.3 -> 5.2 s. A run that crashes, trips a sanitizer or runs away ends the
// sweep, naming its scenario and allocation.
//
//   ember-alloc-sweep WASM_DIR [--scenario NAME]
// prints one line per scenario and a closing "N passed, M failed".
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ember/ember.h"
#include "ember/wasi.h"
#include "read_file.h"

#if defined(__SANITIZE_ADDRESS__)
#define EMBER_SWEEP_HAS_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EMBER_SWEEP_HAS_LSAN 1
#endif
#endif
#if EMBER_SWEEP_HAS_LSAN
#include <dlfcn.h>
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>
// From the sanitizers' allocator interface (GCC ships no header for it): the bytes the program
// has allocated and not yet freed.
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace {

// ---- the failing allocator ----------------------------------------------------------------------

struct Injector {
  long count = 0;      // allocations (alloc + realloc) so far in this run
  long refuse_at = 0;  // the 1-based allocation this run refuses (its only one); 0: none
  long bad_sizes = 0;  // frees or reallocs naming a size other than the block's
  std::unordered_map<void*, std::size_t> live;

  void start(long refuse) {
    count = 0;
    refuse_at = refuse;
    bad_sizes = 0;
    live.clear();
  }
  // Whether this run has refused its allocation.
  bool injected() const { return refuse_at != 0 && count >= refuse_at; }
  bool refuse() { return ++count == refuse_at; }
  void forget(void* p, std::size_t size) {
    auto it = live.find(p);
    if (it == live.end() || it->second != size) ++bad_sizes;
    if (it != live.end()) live.erase(it);
  }
  std::size_t live_bytes() const {
    std::size_t n = 0;
    for (auto& kv : live) n += kv.second;
    return n;
  }
};
Injector g_inj;

void* sweep_alloc(void*, std::size_t size) {
  if (g_inj.refuse()) return nullptr;
  void* p = std::malloc(size);
  if (p) g_inj.live[p] = size;
  return p;
}
void* sweep_realloc(void*, void* p, std::size_t old_size, std::size_t new_size) {
  if (g_inj.refuse()) return nullptr;
  void* q = std::realloc(p, new_size);
  if (!q) return nullptr;
  g_inj.forget(p, old_size);
  g_inj.live[q] = new_size;
  return q;
}
void sweep_free(void*, void* p, std::size_t size) {
  g_inj.forget(p, size);
  std::free(p);
}
ember::Allocator sweep_allocator() {
  ember::Allocator a;
  a.alloc = sweep_alloc;
  a.realloc = sweep_realloc;
  a.free = sweep_free;
  return a;
}

// Counts what reaches the process default allocator while a scenario uses only its own.
long g_default_allocs = 0;
void* counting_alloc(void*, std::size_t size) {
  ++g_default_allocs;
  return std::malloc(size);
}
void counting_free(void*, void* p, std::size_t) { std::free(p); }

// ---- scenarios ----------------------------------------------------------------------------------

enum class Outcome { Success, CleanFailure, Wrong };

// The scenarios' modules are read once, before the sweep: reading is not what is swept, and
// re-reading them on each of the ~1,400 runs was most of the sweep's time in the -O0 ASan build.
struct Context {
  std::vector<uint8_t> fib_wasm, segments_wasm, wasi_wasm;
  std::string work_dir;  // preopened for the WASI scenario
  std::string detail;    // what went wrong, for the report
};

bool is_oom(const ember::Error& e) { return e.kind == ember::ErrorKind::OutOfMemory; }

std::string describe(const ember::Error& e) {
  char buf[256];
  return ember::format_error(e, buf, sizeof buf);
}

// An error in a step: clean when it is an out-of-memory error and a failure was injected.
Outcome step_failed(Context& ctx, const char* step, const ember::Error& e) {
  if (is_oom(e) && g_inj.injected()) return Outcome::CleanFailure;
  ctx.detail = std::string(step) + ": " + describe(e);
  return Outcome::Wrong;
}

Outcome call_i32(Context& ctx, ember::Store& store, ember::Function* f, const std::vector<ember::Value>& args,
                 int32_t* out) {
  ember::Value r;
  ember::Error e = store.call(f, args.data(), args.size(), &r, 1);
  if (e) return step_failed(ctx, "call", e);
  *out = r.as_i32();
  return Outcome::Success;
}

// After a failure inside a call: with allocation working again (a child refuses only one) the same
// store must still run it.
bool still_usable(ember::Store& store, ember::Function* f, const std::vector<ember::Value>& args,
                  int32_t want) {
  ember::Value r;
  ember::Error e = store.call(f, args.data(), args.size(), &r, 1);
  return !e && r.as_i32() == want;
}

// fib, eager or lazy, through Config::allocator alone: nothing may reach the process default.
Outcome fib_scenario(Context& ctx, bool lazy) {
  const std::vector<uint8_t>& bytes = ctx.fib_wasm;
  ember::Config config;
  config.allocator = sweep_allocator();
  config.lazy_compile = lazy;
  config.stack_bytes = 64 * 1024;
  config.max_call_depth = 1000;
  long default_before = g_default_allocs;
  Outcome result = Outcome::Success;
  {
    auto module = ember::Module::load(bytes.data(), bytes.size(), config);
    if (!module) return step_failed(ctx, "load", module.error());
    ember::Store store(config);
    auto inst = store.instantiate(*module, nullptr, 0);
    if (!inst) return step_failed(ctx, "instantiate", inst.error());
    ember::Function* fib = (*inst)->function("fib");
    int32_t v = 0;
    result = call_i32(ctx, store, fib, {ember::Value::i32(15)}, &v);
    if (result == Outcome::CleanFailure && !still_usable(store, fib, {ember::Value::i32(15)}, 610)) {
      ctx.detail = "the store did not run fib after a failed call";
      return Outcome::Wrong;
    }
    if (result == Outcome::Success && v != 610) {
      ctx.detail = "fib(15) = " + std::to_string(v);
      return Outcome::Wrong;
    }
    // What the module and the store report holding is exactly what the allocator handed out.
    if (module->memory_used() + store.memory_used() != g_inj.live_bytes()) {
      ctx.detail = "memory_used() disagrees with the allocator: " +
                   std::to_string(module->memory_used() + store.memory_used()) + " vs " +
                   std::to_string(g_inj.live_bytes());
      return Outcome::Wrong;
    }
  }
  if (g_default_allocs != default_before) {
    ctx.detail = "allocations reached the process default allocator";
    return Outcome::Wrong;
  }
  return result;
}

// Tables, segments, globals, a start function, a host import, memory.grow and table.grow, with
// imports resolved by a Linker (so the default heap is swept too).
Outcome segments_scenario(Context& ctx, bool lazy) {
  const std::vector<uint8_t>& bytes = ctx.segments_wasm;
  ember::Config config;
  config.lazy_compile = lazy;
  config.stack_bytes = 64 * 1024;
  config.max_call_depth = 1000;
  auto module = ember::Module::load(bytes.data(), bytes.size(), config);
  if (!module) return step_failed(ctx, "load", module.error());
  ember::Store store(config);
  ember::Function* dbl = store.create_function([](int32_t x) { return x * 2; });
  if (!dbl)
    return g_inj.injected() ? Outcome::CleanFailure : (ctx.detail = "create_function", Outcome::Wrong);
  ember::Linker linker;
  if (!linker.define("env", "double", dbl))
    return g_inj.injected() ? Outcome::CleanFailure : (ctx.detail = "define", Outcome::Wrong);
  auto inst = linker.instantiate(store, *module);
  if (!inst) {
    Outcome o = step_failed(ctx, "instantiate", inst.error());
    if (o != Outcome::CleanFailure) return o;
    // The failed instantiation left nothing half-built: the same store instantiates it again (with
    // allocation working: a child refuses only one).
    auto again = linker.instantiate(store, *module);
    if (!again) {
      ctx.detail = "instantiate after a failed one: " + describe(again.error());
      return Outcome::Wrong;
    }
    return Outcome::CleanFailure;
  }
  ember::Function* run = (*inst)->function("run");
  int32_t v = 0;
  Outcome o = call_i32(ctx, store, run, {}, &v);
  if (o == Outcome::CleanFailure) return still_usable(store, run, {}, 130) ? o : Outcome::Wrong;
  if (o != Outcome::Success) return o;
  if (v != 130) {
    ctx.detail = "run() = " + std::to_string(v);
    return Outcome::Wrong;
  }
  // Growth that cannot allocate is memory.grow / table.grow returning -1, not an error.
  o = call_i32(ctx, store, (*inst)->function("grow"), {}, &v);
  if (o != Outcome::Success) return o;
  bool grew_all = v == 10;
  if (!grew_all && !(g_inj.injected() && (v == 5 || v == 7 || v == 8))) {
    ctx.detail = "grow() = " + std::to_string(v);
    return Outcome::Wrong;
  }
  if (!still_usable(store, run, {}, 130)) {
    ctx.detail = "run() after grow";
    return Outcome::Wrong;
  }
  return grew_all ? Outcome::Success : Outcome::CleanFailure;
}

// A WASI command: context creation, every WASI definition, instantiation and the run, with the
// guest's stdout sent to /dev/null.
Outcome wasi_scenario(Context& ctx) {
  const std::vector<uint8_t>& bytes = ctx.wasi_wasm;
  ember::Config config;
  config.lazy_compile = true;
  auto module = ember::Module::load(bytes.data(), bytes.size(), config);
  if (!module) return step_failed(ctx, "load", module.error());
  int devnull = ::open("/dev/null", O_WRONLY);
  const char* args[] = {"fault_wasi", "sweep"};
  const char* env[] = {"WHO=sweep"};
  ember::WasiPreopen preopen;
  preopen.host_path = ctx.work_dir.c_str();
  preopen.guest_path = "/work";
  ember::WasiConfig wc;
  wc.args = args;
  wc.arg_count = 2;
  wc.env = env;
  wc.env_count = 1;
  wc.preopens = &preopen;
  wc.preopen_count = 1;
  wc.stdout_handle = devnull;
  Outcome result = Outcome::Success;
  {
    auto wasi = ember::WasiContext::create(wc);
    if (!wasi) {
      ::close(devnull);
      return step_failed(ctx, "WasiContext::create", wasi.error());
    }
    ember::Store store(config);
    ember::Linker linker;
    ember::Error e = ember::define_wasi(linker, store, *wasi);
    if (e) result = step_failed(ctx, "define_wasi", e);
    if (result == Outcome::Success) {
      auto inst = linker.instantiate(store, *module);
      if (!inst) {
        result = step_failed(ctx, "instantiate", inst.error());
      } else {
        ember::Error r = store.call((*inst)->function("_start"), nullptr, 0, nullptr, 0);
        bool exited = r.kind == ember::ErrorKind::Exit;
        int code = exited ? r.exit_code : 0;
        if (r && !exited) {
          result = step_failed(ctx, "_start", r);
        } else if (code != 0) {
          // The guest saw ENOMEM from a WASI call and gave up: clean only if a failure was injected.
          if (!g_inj.injected()) {
            ctx.detail = "guest exited with " + std::to_string(code);
            result = Outcome::Wrong;
          } else {
            result = Outcome::CleanFailure;
          }
        } else if (g_inj.injected()) {
          result = Outcome::CleanFailure;  // the failure hit a path with a fallback
        }
      }
    }
  }
  ::close(devnull);
  return result;
}

// The process heap in use (under the sanitizers; 0 elsewhere).
std::size_t heap_in_use() {
#if EMBER_SWEEP_HAS_LSAN
  return __sanitizer_get_current_allocated_bytes();
#else
  return 0;
#endif
}

enum class LeakCheck { Clean, Scanned, Leaked };

// Under LeakSanitizer: whether a block from outside the Allocator leaked (memory the library takes
// from libc, like the POSIX shim's DIR streams, is not in the sweep's own accounting). A run after
// which the heap is back to exactly what it was when the run began holds no block the run
// allocated, so nothing of it can have leaked; only a run after which the heap grew pays for the
// full check (it stops the process and scans every block).
LeakCheck check_for_leaks(std::size_t heap_at_start) {
#if EMBER_SWEEP_HAS_LSAN
  if (heap_in_use() == heap_at_start) return LeakCheck::Clean;
  return __lsan_do_recoverable_leak_check() != 0 ? LeakCheck::Leaked : LeakCheck::Scanned;
#else
  (void)heap_at_start;
  return LeakCheck::Clean;
#endif
}

// How many of the descriptors 0..kMaxFd-1 are open (one poll: a closed one answers POLLNVAL).
constexpr int kMaxFd = 256;
int open_fds() {
  pollfd fds[kMaxFd];
  for (int fd = 0; fd < kMaxFd; ++fd) fds[fd] = pollfd{fd, 0, 0};
  if (::poll(fds, kMaxFd, 0) < 0) return -1;
  int open = 0;
  for (const pollfd& p : fds) open += (p.revents & POLLNVAL) == 0;
  return open;
}

// ---- a run that dies ----------------------------------------------------------------------------

// What a crash, a sanitizer's report or a runaway prints, naming the run (set before each run:
// the handlers may only write it).
char g_dying_words[160] = "";
void say_dying_words() {
  ssize_t ignored = ::write(STDOUT_FILENO, g_dying_words, std::strlen(g_dying_words));
  (void)ignored;
}
void on_fatal_signal(int sig) {
  say_dying_words();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}
// A run takes milliseconds (tens of them in the -O0 ASan build); one that has not ended in this
// time is stuck, and SIGALRM ends the sweep.
constexpr unsigned kRunSeconds = 60;
void install_last_words() {
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGALRM}) ::signal(sig, on_fatal_signal);
#if EMBER_SWEEP_HAS_LSAN
  __sanitizer_set_death_callback(say_dying_words);
  // GCC links UBSan's runtime apart from ASan's, and each keeps its own death callback.
  using SetDeathCallback = void (*)(void (*)());
  if (void* ubsan = ::dlopen("libubsan.so.1", RTLD_NOW | RTLD_NOLOAD)) {
    if (auto set = reinterpret_cast<SetDeathCallback>(::dlsym(ubsan, "__sanitizer_set_death_callback")))
      set(say_dying_words);
  }
#endif
}

// ---- the sweep ----------------------------------------------------------------------------------

struct Scenario {
  const char* name;
  bool uses_default_allocator;  // swept through set_allocator rather than Config::allocator
  std::function<Outcome(Context&)> run;
};

// How the runs of one scenario ended.
struct Tally {
  long runs = 0;        // allocations refused, one run each
  long clean = 0;       // ended in a clean error
  long succeeded = 0;   // recovered: the scenario succeeded all the same
  long wrong = 0;       // a wrong result or error, or the refused allocation never came
  long leaks = 0;       // left blocks allocated or descriptors open
  long bad_sizes = 0;   // freed a block naming the wrong size
  long heap_scans = 0;  // needed LeakSanitizer's full check (the heap had grown)
  bool pass() const { return wrong == 0 && leaks == 0 && bad_sizes == 0; }
};

// Prints one finding about the run that refused allocation n of scenario (0: none).
void complain(const char* scenario, long n, const std::string& what) {
  std::printf("FAIL %s: allocation %ld failing: %s\n", scenario, n, what.c_str());
}

// Checks what a run left behind: blocks, descriptors, wrong free sizes; tallies and prints them.
void check_remains(const char* scenario, long n, std::size_t heap_at_start, int fds_at_start, Tally& t) {
  bool leaked = false;
  if (!g_inj.live.empty()) {
    leaked = true;
    complain(scenario, n,
             "leaks " + std::to_string(g_inj.live.size()) + " blocks (" + std::to_string(g_inj.live_bytes()) +
                 " bytes)");
  }
  if (g_inj.bad_sizes) {
    ++t.bad_sizes;
    complain(scenario, n, std::to_string(g_inj.bad_sizes) + " frees with the wrong size");
  }
  int fds = open_fds();
  if (fds != fds_at_start) {
    leaked = true;
    complain(scenario, n,
             std::to_string(fds) + " file descriptors open after the run, " + std::to_string(fds_at_start) +
                 " before");
  }
  LeakCheck leaks = check_for_leaks(heap_at_start);
  if (leaks != LeakCheck::Clean) ++t.heap_scans;
  if (leaks == LeakCheck::Leaked) {  // a block from outside the Allocator (a DIR*)
    leaked = true;
    complain(scenario, n, "LeakSanitizer found a leak (report on stderr)");
  }
  if (leaked) ++t.leaks;
}

// Runs the scenario once from a fresh start, refusing its nth allocation (0: none), checks what it
// left behind, prints what went wrong and tallies it. Returns its allocation count.
long run_once(const Scenario& s, Context& ctx, long n, Tally& t) {
  std::snprintf(g_dying_words, sizeof g_dying_words,
                "FAIL %s: allocation %ld failing: the run died (above)\n", s.name, n);
  std::fflush(stdout);
  std::size_t heap_at_start = heap_in_use();
  int fds_at_start = open_fds();
  g_inj.start(n);
  ctx.detail.clear();
  ::alarm(kRunSeconds);
  Outcome o = s.run(ctx);
  ::alarm(0);
  g_dying_words[0] = '\0';  // from here on, what dies is not the run
  if (n != 0 && g_inj.count < n) {
    o = Outcome::Wrong;
    ctx.detail = "the run made only " + std::to_string(g_inj.count) + " allocations";
  }
  ++t.runs;
  ++(o == Outcome::Success ? t.succeeded : o == Outcome::CleanFailure ? t.clean : t.wrong);
  if (o == Outcome::Wrong) complain(s.name, n, ctx.detail);
  check_remains(s.name, n, heap_at_start, fds_at_start, t);
  return g_inj.count;
}

// The two runs without failures (both must succeed, with the same allocation count), then one run
// per allocation refusing it. Prints the scenario's line; true if it passed.
bool sweep(const Scenario& s, Context& ctx) {
  Tally first, second, t;
  long n = run_once(s, ctx, 0, first);
  long again = run_once(s, ctx, 0, second);
  if (first.succeeded != 1 || !first.pass() || second.succeeded != 1 || !second.pass()) {
    std::printf("FAIL %s: a run without failures did not succeed cleanly (above)\n", s.name);
    return false;
  }
  if (again != n) {
    std::printf("FAIL %s: the runs without failures made %ld and %ld allocations\n", s.name, n, again);
    return false;
  }
  for (long k = 1; k <= n; ++k) run_once(s, ctx, k, t);
  bool pass = t.pass();
  std::printf("%s %s: %ld allocations, %ld runs: %ld clean errors, %ld recovered, %ld wrong, %ld leaking\n",
              pass ? "ok  " : "FAIL", s.name, n, t.runs, t.clean, t.succeeded, t.wrong, t.leaks);
#if EMBER_SWEEP_HAS_LSAN
  std::printf("     %s: LeakSanitizer's full check ran after %ld of the %ld runs (the heap had grown)\n",
              s.name, t.heap_scans, t.runs);
#endif
  return pass;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s WASM_DIR [--scenario NAME]\n", argv[0]);
    return 2;
  }
  Context ctx;
  std::string wasm_dir = argv[1];
  if (!ember_test::read_file(wasm_dir + "/fault_fib.wasm", &ctx.fib_wasm) ||
      !ember_test::read_file(wasm_dir + "/fault_segments.wasm", &ctx.segments_wasm) ||
      !ember_test::read_file(wasm_dir + "/fault_wasi.wasm", &ctx.wasi_wasm)) {
    std::fprintf(stderr, "cannot read the scenarios' modules in %s\n", wasm_dir.c_str());
    return 2;
  }
  std::string only = argc > 3 && std::strcmp(argv[2], "--scenario") == 0 ? argv[3] : "";
  char work_template[] = "/tmp/ember-sweep-XXXXXX";
  if (!::mkdtemp(work_template)) return 2;
  ctx.work_dir = work_template;
  ::mkdir((ctx.work_dir + "/sub").c_str(), 0755);
  install_last_words();

  std::vector<Scenario> scenarios = {
      {"fib-eager", false, [](Context& c) { return fib_scenario(c, false); }},
      {"fib-lazy", false, [](Context& c) { return fib_scenario(c, true); }},
      {"segments-eager", true, [](Context& c) { return segments_scenario(c, false); }},
      {"segments-lazy", true, [](Context& c) { return segments_scenario(c, true); }},
      {"wasi-program", true, [](Context& c) { return wasi_scenario(c); }},
  };

  // Room for every live block up front: a rehash during a run would grow the heap, and cost that
  // run LeakSanitizer's full check (check_for_leaks).
  g_inj.live.reserve(1 << 14);
  ember::Allocator counting;
  counting.alloc = counting_alloc;
  counting.free = counting_free;
  int passed = 0, failed = 0;
  for (const Scenario& s : scenarios) {
    if (!only.empty() && only != s.name) continue;
    ember::set_allocator(s.uses_default_allocator ? sweep_allocator() : counting);
    sweep(s, ctx) ? ++passed : ++failed;
  }
  ember::set_allocator(ember::Allocator{});
  std::string cleanup = "rm -rf '" + ctx.work_dir + "'";
  if (std::system(cleanup.c_str()) != 0) std::fprintf(stderr, "could not remove %s\n", ctx.work_dir.c_str());
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
