// `ember run --timeout`: a thread that interrupts the store when the time is up.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <ember/ember.h>

namespace ember_cli {

// Interrupts `handle` after `limit` unless destroyed first. The running call then stops at its
// next check (metered code: every loop head and call) and a WASI sleep returns early.
class Watchdog {
 public:
  Watchdog(ember::InterruptHandle* handle, std::chrono::milliseconds limit);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Whether the time ran out (and the interrupt was sent).
  bool fired();

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  bool fired_ = false;
  std::thread thread_;
};

}  // namespace ember_cli
