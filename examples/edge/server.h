// The HTTP side of the edge host: a loopback listener and worker threads, each serving one
// keep-alive connection at a time and handing every request to the GuestRunner.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "guest_runner.h"

namespace edge {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (printed at start)
  unsigned threads = 8;
  std::size_t max_body = 1 << 20;
  double max_seconds = 0;  // stop by itself after this long (0: run until SIGINT / SIGTERM)
};

// Counters shared by the workers; GET /__edge/stats reports them.
struct ServerStats {
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> ok{0};            // 2xx from the guest
  std::atomic<uint64_t> guest_failed{0};  // 500 / 503: traps, exits, limits
  std::atomic<uint64_t> rejected{0};      // 4xx: requests the host refused
  std::atomic<uint64_t> instantiate_ns{0};
  std::atomic<uint64_t> run_ns{0};
  std::string report() const;
};

// Listens and serves until stopped (a signal or max_seconds); returns the process exit status.
int serve(const ServerOptions& options, const GuestRunner& runner, ServerStats* stats);

}  // namespace edge
