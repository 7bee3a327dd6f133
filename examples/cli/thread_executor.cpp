// Each run of the executor starts its worker threads and joins them before returning: a load is
// rare and long (a large module), so a thread pool kept between loads would buy nothing.
#include "thread_executor.h"

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace ember_cli {
namespace {

constexpr unsigned kMaxThreads = 8;

unsigned thread_count(unsigned wanted) {
  if (wanted != 0) return wanted;
  unsigned hw = std::thread::hardware_concurrency();
  if (hw == 0) hw = 1;
  return hw < kMaxThreads ? hw : kMaxThreads;
}

// Every thread takes the next unclaimed job until none is left.
void run_jobs(void* context, uint32_t count, void (*job)(void*, uint32_t), void* job_context) noexcept {
  unsigned threads = unsigned(reinterpret_cast<uintptr_t>(context));
  if (threads > count) threads = count;
  std::atomic<uint32_t> next{0};
  auto work = [&] {
    for (uint32_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) job(job_context, i);
  };
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& h : helpers) h.join();
}

}  // namespace

ember::Executor thread_executor(unsigned threads) {
  ember::Executor e;
  threads = thread_count(threads);
  // A build without jobs (EMBER_JOBS 0) refuses any executor at load: validate inline there.
  if (!EMBER_JOBS || threads <= 1) return e;
  e.run = run_jobs;
  e.context = reinterpret_cast<void*>(uintptr_t(threads));
  return e;
}

}  // namespace ember_cli
