// Ember: the atomic operations the engine needs: a reference count and a pointer published once
// (lazy compilation) for shared module data, and a store's interrupt request, set from another
// thread or an ISR. Everything else a Module holds is written only while it is loaded, before any
// other thread can see it.
//
// Builds for targets without threads whose toolchains would need libatomic for std::atomic
// (single-core MCUs such as Cortex-M0; ember/build_config.h) have EMBER_NO_ATOMICS=1: these become
// plain loads and stores (the interrupt request a volatile one, which an ISR may still set), and a
// Module must then be used from one thread only.
#pragma once

#include <cstdint>

#include "ember/build_config.h"

#if !EMBER_NO_ATOMICS
#include <atomic>
#endif

namespace ember::detail {

// A reference count that starts at one: the reference of whoever created the object.
class RefCount {
 public:
  void retain() noexcept {
#if EMBER_NO_ATOMICS
    ++count_;
#else
    count_.fetch_add(1, std::memory_order_relaxed);
#endif
  }
  // Drops one reference; true when it was the last, so the caller frees the object. The
  // acquire-release order makes every other holder's use happen before that free.
  bool release() noexcept {
#if EMBER_NO_ATOMICS
    return --count_ == 0;
#else
    return count_.fetch_sub(1, std::memory_order_acq_rel) == 1;
#endif
  }

 private:
#if EMBER_NO_ATOMICS
  uint32_t count_ = 1;
#else
  std::atomic<uint32_t> count_{1};
#endif
};

// A pointer set at most once, by whichever thread gets there first. Copying is for containers
// that move their elements while the owner is still private to one thread; it is not atomic
// with respect to concurrent publish().
template <class T>
class OncePtr {
 public:
  OncePtr() noexcept = default;
  OncePtr(const OncePtr& other) noexcept : p_(other.get()) {}
  OncePtr& operator=(const OncePtr& other) noexcept {
    set_unshared(other.get());
    return *this;
  }

  // The published pointer, or nullptr. Acquire: what the publisher wrote before publishing is
  // visible through it.
  T* get() const noexcept {
#if EMBER_NO_ATOMICS
    return p_;
#else
    return p_.load(std::memory_order_acquire);
#endif
  }

  // Publishes `p` if nothing was published yet. Returns the published pointer: `p`, or the one
  // another thread published first (then the caller still owns `p` and must free it).
  T* publish(T* p) noexcept {
#if EMBER_NO_ATOMICS
    if (!p_) p_ = p;
    return p_;
#else
    T* expected = nullptr;
    if (p_.compare_exchange_strong(expected, p, std::memory_order_acq_rel, std::memory_order_acquire))
      return p;
    return expected;
#endif
  }

  // Stores without synchronisation: only while no other thread can see this pointer (loading,
  // destruction).
  void set_unshared(T* p) noexcept {
#if EMBER_NO_ATOMICS
    p_ = p;
#else
    p_.store(p, std::memory_order_relaxed);
#endif
  }

 private:
#if EMBER_NO_ATOMICS
  T* p_ = nullptr;
#else
  std::atomic<T*> p_{nullptr};
#endif
};

// A request to stop running code: set by anyone at any time (another thread, a signal handler,
// an ISR), read and cleared by the thread running the store. Relaxed order is enough: the flag
// carries no data, and the runner only needs to see it eventually (at its next check).
class InterruptFlag {
 public:
  void request() noexcept {
#if EMBER_NO_ATOMICS
    flag_ = 1;
#else
    flag_.store(1, std::memory_order_relaxed);
#endif
  }
  bool requested() const noexcept {
#if EMBER_NO_ATOMICS
    return flag_ != 0;
#else
    return flag_.load(std::memory_order_relaxed) != 0;
#endif
  }
  // True if a request was pending; it is then consumed.
  bool take() noexcept {
#if EMBER_NO_ATOMICS
    if (!flag_) return false;
    flag_ = 0;
    return true;
#else
    return flag_.exchange(0, std::memory_order_relaxed) != 0;
#endif
  }

 private:
#if EMBER_NO_ATOMICS
  volatile uint32_t flag_ = 0;
#else
  std::atomic<uint32_t> flag_{0};
#endif
};

}  // namespace ember::detail
