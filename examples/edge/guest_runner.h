// One request, one fresh instance: the WASI module runs as a CGI program (request line and
// headers in its environment, body on stdin, response on stdout) in its own Store, under the
// host's memory, fuel and output limits. Whatever the guest does fails only its own request.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ember/ember.h"
#include "http.h"

namespace edge {

struct Limits {
  uint32_t max_memory_pages = 256;    // 16 MiB of linear memory per request
  uint64_t fuel = 50'000'000;         // the time bound (loop iterations and calls)
  uint32_t stack_bytes = 256 * 1024;  // wasm value stack per request
  std::size_t max_output = 1 << 20;   // response bytes a guest may write
};

// Where the time of one request went, in nanoseconds.
struct RequestTimes {
  uint64_t instantiate_ns = 0;  // WASI context, store, imports, instantiate
  uint64_t run_ns = 0;          // _start
};

class GuestRunner {
 public:
  // `module` must have been loaded with Config::fuel != 0 (metered code) when limits.fuel is set.
  GuestRunner(const ember::Module& module, const Limits& limits) : module_(module), limits_(limits) {}

  // Runs the module for `request`. Safe to call from many threads at once.
  Response handle(const Request& request, RequestTimes* times) const;

 private:
  const ember::Module& module_;
  Limits limits_;
};

}  // namespace edge
