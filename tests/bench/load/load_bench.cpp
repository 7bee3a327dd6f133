// Start-up micro-benchmark: decode+validate+compile throughput of Module::load (eager and lazy)
// on each module given, and the time to instantiate an already-loaded module. Medians of many runs,
// in process, with std::chrono::steady_clock.
//
// usage: ember-load-bench [--runs N] MODULE.wasm...
#include <ember/ember.h>
#include <ember/wasi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <class F>
double median_us(int runs, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto a = Clock::now();
    f();
    auto b = Clock::now();
    t.push_back(std::chrono::duration<double, std::micro>(b - a).count());
  }
  return median(t);
}

bool instantiate_once(ember::Store& store, const ember::Module& module, ember::WasiContext& wasi) {
  ember::Linker linker;
  if (ember::define_wasi(linker, store, wasi)) return false;
  auto inst = linker.instantiate(store, module);
  return inst.ok();
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 21;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
      runs = std::atoi(argv[++i]);
    else
      files.push_back(argv[i]);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: ember-load-bench [--runs N] MODULE.wasm...\n");
    return 2;
  }
  std::printf(
      "| module | file KB | code KB | load, eager (ms) | eager MB/s of code | load, lazy (ms) | "
      "instantiate (us) | new store + WASI + instantiate (us) |\n");
  std::printf("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ember::Config eager, lazy;
    lazy.lazy_compile = true;
    auto probe = ember::Module::load(bytes.data(), bytes.size(), eager);
    if (!probe) {
      char buf[256];
      std::fprintf(stderr, "%s: %s\n", path.c_str(), ember::format_error(probe.error(), buf, sizeof buf));
      return 1;
    }
    double code_kb = double(probe->code_size()) / 1024.0;
    double eager_us = median_us(runs, [&] { (void)ember::Module::load(bytes.data(), bytes.size(), eager); });
    double lazy_us = median_us(runs, [&] { (void)ember::Module::load(bytes.data(), bytes.size(), lazy); });

    // Instantiation of the already-loaded module, with WASI imports linked (no preopens).
    ember::WasiConfig wc;
    auto wasi = ember::WasiContext::create(wc);
    double inst_us = -1, fresh_us = -1;
    if (wasi) {
      // Instantiate alone: the imports are already defined in the linker.
      ember::Store store;
      ember::Linker linker;
      if (!ember::define_wasi(linker, store, *wasi) && linker.instantiate(store, *probe).ok())
        inst_us = median_us(runs * 10, [&] { (void)linker.instantiate(store, *probe); });
      // Cold start of a call site: new store, WASI imports defined, instantiate.
      fresh_us = median_us(runs * 10, [&] {
        ember::Store s;
        instantiate_once(s, *probe, *wasi);
      });
    }
    std::string name = path.substr(path.find_last_of('/') + 1);
    std::printf("| %s | %.0f | %.0f | %.3f | %.0f | %.3f | %.1f | %.1f |\n", name.c_str(),
                double(bytes.size()) / 1024.0, code_kb, eager_us / 1000.0,
                (code_kb / 1024.0) / (eager_us / 1e6), lazy_us / 1000.0, inst_us, fresh_us);
  }
  return 0;
}
