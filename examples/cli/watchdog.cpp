#include "watchdog.h"

namespace ember_cli {

Watchdog::Watchdog(ember::InterruptHandle* handle, std::chrono::milliseconds limit) {
  thread_ = std::thread([this, handle, limit] {
    std::unique_lock<std::mutex> lock(mutex_);
    if (wake_.wait_for(lock, limit, [this] { return done_; })) return;  // finished in time
    fired_ = true;
    handle->interrupt();
  });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

bool Watchdog::fired() {
  std::lock_guard<std::mutex> lock(mutex_);
  return fired_;
}

}  // namespace ember_cli
