// Allocation-failure sweep (SQLite's method): every allocation of a scenario is failed in turn, and
// every such run must end cleanly: either it succeeds with the right results, or the failure
// surfaces as ErrorKind::OutOfMemory (or, inside a WASI guest, as ENOMEM the guest sees), the store
// stays usable, and once everything is destroyed no block is left allocated and every free names the
// size that was allocated.
//
// Each scenario runs once, without failures; at its Nth allocation the process forks, the child
// refuses that allocation and runs the scenario to its end (then reports how it ended in its exit
// status), while the parent waits for it and goes on with the allocation granted. The child's state
// at the refusal is exactly that of a fresh run that reached allocation N, so this tries the same
// failures as re-running the scenario once per allocation, in linear rather than quadratic time
// (the WASI scenario has ~1,100 allocations).
//
//   ember-alloc-sweep WASM_DIR [--scenario NAME]
// prints one line per scenario and a closing "N passed, M failed".
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
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
#include <sanitizer/lsan_interface.h>
// From the sanitizers' allocator interface (GCC ships no header for it): the bytes the program
// has allocated and not yet freed.
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace {

// ---- the failing allocator ----------------------------------------------------------------------

// How the children of one scenario's run ended, as the parent saw them.
struct Tally {
  long children = 0;    // allocations refused, one child each
  long clean = 0;       // ended in a clean error
  long succeeded = 0;   // recovered: the scenario succeeded all the same
  long wrong = 0;       // a wrong result or error, a crash or a sanitizer report
  long leaks = 0;       // left blocks allocated
  long bad_sizes = 0;   // freed a block naming the wrong size
  long heap_scans = 0;  // needed LeakSanitizer's full check (the heap had grown)
};

// A child's exit status: kChildBase + the Outcome + kLeaked + kBadSizes + kScanned. Anything else
// (ASan and UBSan exit with 1, a crash is a signal) is a failure of its own.
constexpr int kChildBase = 32, kLeaked = 4, kBadSizes = 8, kScanned = 16;
// A child's whole run takes milliseconds (tens of them in the -O0 ASan build); one that has not
// ended in this time is stuck (SIGALRM ends it, and it counts as wrong).
constexpr unsigned kChildSeconds = 60;

struct Injector {
  long count = 0;        // allocations (alloc + realloc) so far in this run
  long refused_at = 0;   // in a child: the 1-based allocation it refused (its only one); 0: parent
  bool forking = false;  // the parent's run: fork a child at every allocation
  long bad_sizes = 0;    // frees or reallocs naming a size other than the block's
  std::unordered_map<void*, std::size_t> live;
  const char* scenario = "";
  Tally tally;

  void start(const char* name) {
    count = 0;
    refused_at = 0;
    forking = true;
    bad_sizes = 0;
    live.clear();
    scenario = name;
    tally = Tally{};
  }
  // Whether this process is a child, past the one allocation it refused.
  bool injected() const { return refused_at != 0; }
  bool refuse() {
    ++count;
    return forking && fork_here();
  }
  // Forks: the child refuses this allocation (true); the parent waits for the child, tallies how
  // it ended and grants the allocation (false).
  bool fork_here() {
    std::fflush(stdout);
    save_offsets();
    pid_t pid = ::fork();
    if (pid == 0) {
      ::alarm(kChildSeconds);  // a child that runs away is killed, and counted wrong
      forking = false;
      refused_at = count;
      return true;
    }
    ++tally.children;
    int status = 0;
    if (pid < 0 || ::waitpid(pid, &status, 0) != pid) {
      ++tally.wrong;
      std::printf("FAIL %s: allocation %ld: no child ran (fork or waitpid failed)\n", scenario, count);
      return false;
    }
    record(status);
    restore_offsets();
    return false;
  }
  // The child shares the parent's open file descriptions, so its reads and writes move their
  // offsets (a file the WASI guest has open, a directory it lists): put them back where the
  // parent had them. The offsets are taken just before each fork.
  static constexpr int kMaxFd = 256;
  off_t offsets[kMaxFd];
  void save_offsets() {
    for (int fd = 0; fd < kMaxFd; ++fd) offsets[fd] = ::lseek(fd, 0, SEEK_CUR);
  }
  void restore_offsets() {
    for (int fd = 0; fd < kMaxFd; ++fd) {
      if (offsets[fd] >= 0) ::lseek(fd, offsets[fd], SEEK_SET);
    }
  }
  void record(int status) {
    int code = WIFEXITED(status) ? WEXITSTATUS(status) - kChildBase : -1;
    if (code < 0 || code > (kLeaked | kBadSizes | kScanned | 3)) {
      ++tally.wrong;
      std::printf("FAIL %s: allocation %ld failing: the child %s %d\n", scenario, count,
                  WIFSIGNALED(status) ? "died of signal" : "exited with",
                  WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
      return;
    }
    int outcome = code & 3;
    ++(outcome == 0 ? tally.succeeded : outcome == 1 ? tally.clean : tally.wrong);
    if (code & kLeaked) ++tally.leaks;
    if (code & kBadSizes) ++tally.bad_sizes;
    if (code & kScanned) ++tally.heap_scans;
  }
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
// re-reading them on each of the ~2,000 runs was most of the sweep's time in the -O0 ASan build.
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

// The process heap in use when the scenario's run began (under the sanitizers; 0 elsewhere).
std::size_t heap_in_use() {
#if EMBER_SWEEP_HAS_LSAN
  return __sanitizer_get_current_allocated_bytes();
#else
  return 0;
#endif
}
std::size_t g_heap_at_start = 0;

enum class LeakCheck { Clean, Scanned, Leaked };

// Under LeakSanitizer: whether a block from outside the Allocator leaked (memory the library takes
// from libc, like the POSIX shim's DIR streams, is not in the sweep's own accounting). _Exit skips
// LeakSanitizer's check at exit, so it runs here. A child whose heap is back to exactly what it
// was when the scenario began holds no block the scenario allocated, so nothing of it can have
// leaked; only a child whose heap grew pays for the full check (it stops the process and scans
// every block: half the sweep's time in the ASan build when every child ran it).
LeakCheck check_for_leaks() {
#if EMBER_SWEEP_HAS_LSAN
  if (heap_in_use() == g_heap_at_start) return LeakCheck::Clean;
  return __lsan_do_recoverable_leak_check() != 0 ? LeakCheck::Leaked : LeakCheck::Scanned;
#else
  return LeakCheck::Clean;
#endif
}

// A child's end, after its scenario returned: prints what went wrong (if anything) and exits with
// kChildBase + the outcome + kLeaked + kBadSizes, which the parent tallies (Injector::record).
[[noreturn]] void end_child(const char* name, Outcome o, const Context& ctx) {
  long n = g_inj.refused_at;
  int code = kChildBase + int(o);
  if (o == Outcome::Wrong) std::printf("FAIL %s: allocation %ld failing: %s\n", name, n, ctx.detail.c_str());
  if (!g_inj.live.empty()) {
    code |= kLeaked;
    std::printf("FAIL %s: allocation %ld failing leaks %zu blocks (%zu bytes)\n", name, n, g_inj.live.size(),
                g_inj.live_bytes());
  }
  if (g_inj.bad_sizes) {
    code |= kBadSizes;
    std::printf("FAIL %s: allocation %ld failing: %ld frees with the wrong size\n", name, n, g_inj.bad_sizes);
  }
  LeakCheck leaks = check_for_leaks();
  if (leaks != LeakCheck::Clean) code |= kScanned;
  if (leaks == LeakCheck::Leaked) {  // a block from outside the Allocator (a DIR*)
    code |= kLeaked;
    std::printf("FAIL %s: allocation %ld failing: LeakSanitizer found a leak (report on stderr)\n", name, n);
  }
  std::fflush(stdout);
  std::_Exit(code);
}

struct Scenario {
  const char* name;
  bool uses_default_allocator;  // swept through set_allocator rather than Config::allocator
  std::function<Outcome(Context&)> run;
};

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

  std::vector<Scenario> scenarios = {
      {"fib-eager", false, [](Context& c) { return fib_scenario(c, false); }},
      {"fib-lazy", false, [](Context& c) { return fib_scenario(c, true); }},
      {"segments-eager", true, [](Context& c) { return segments_scenario(c, false); }},
      {"segments-lazy", true, [](Context& c) { return segments_scenario(c, true); }},
      {"wasi-program", true, [](Context& c) { return wasi_scenario(c); }},
  };

  // Room for every live block up front: a rehash inside a child would grow the heap, and cost
  // that child LeakSanitizer's full check (check_for_leaks).
  g_inj.live.reserve(1 << 14);
  ember::Allocator counting;
  counting.alloc = counting_alloc;
  counting.free = counting_free;
  int passed = 0, failed = 0;
  for (const Scenario& s : scenarios) {
    if (!only.empty() && only != s.name) continue;
    ember::set_allocator(s.uses_default_allocator ? sweep_allocator() : counting);
    // The run that fails nothing (it must succeed), forking a child at each allocation.
    g_inj.start(s.name);
    ctx.detail.clear();
    g_heap_at_start = heap_in_use();
    Outcome base = s.run(ctx);
    if (g_inj.injected()) end_child(s.name, base, ctx);
    g_inj.forking = false;
    if (base != Outcome::Success || !g_inj.live.empty() || g_inj.bad_sizes != 0) {
      std::printf("FAIL %s: the run without failures: %s\n", s.name,
                  base != Outcome::Success ? ctx.detail.c_str() : "it leaked or freed with a wrong size");
      ++failed;
      continue;
    }
    const Tally& t = g_inj.tally;
    bool pass = t.children == g_inj.count && t.wrong == 0 && t.leaks == 0 && t.bad_sizes == 0;
    std::printf("%s %s: %ld allocations, %ld runs: %ld clean errors, %ld recovered, %ld wrong, %ld leaking\n",
                pass ? "ok  " : "FAIL", s.name, g_inj.count, t.children, t.clean, t.succeeded, t.wrong,
                t.leaks);
#if EMBER_SWEEP_HAS_LSAN
    std::printf("     %s: LeakSanitizer's full check ran in %ld of the %ld children (their heap had grown)\n",
                s.name, t.heap_scans, t.children);
#endif
    pass ? ++passed : ++failed;
  }
  ember::set_allocator(ember::Allocator{});
  std::string cleanup = "rm -rf '" + ctx.work_dir + "'";
  if (std::system(cleanup.c_str()) != 0) std::fprintf(stderr, "could not remove %s\n", ctx.work_dir.c_str());
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
