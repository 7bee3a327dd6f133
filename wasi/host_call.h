// What every WASI function implementation receives, and the adapter that turns an implementation
// into an ember::HostCallback (arguments from slots, errno result into slots[0]).
#pragma once

#include <cstdint>

#include "abi.h"
#include "guest_memory.h"
#include "state.h"

namespace ember {
namespace wasi {

struct HostCall {
  WasiState& state;
  GuestMemory mem;  // the caller's memory 0, as it is during this call
  Caller& caller;
  const uint64_t* args;
  // Called through the older wasi_unstable (snapshot 0) import names, whose few differing structs
  // (filestat) are written in that layout.
  bool unstable = false;

  uint32_t u32(int i) const noexcept { return uint32_t(args[i]); }
  uint64_t u64(int i) const noexcept { return args[i]; }
};

// Charges fuel for the bytes a call moved between guest memory and the host: one unit per started
// 256 bytes, as bulk memory operations pay (Caller::consume_fuel; nothing without a budget).
inline void charge_bytes(HostCall& call, uint64_t bytes) noexcept {
  if (bytes != 0) call.caller.consume_fuel((bytes + 255) / 256);
}

using WasiImpl = Errno (*)(HostCall& call);

template <WasiImpl Impl, bool Unstable = false>
TrapKind errno_callback(Caller& caller, void* user, uint64_t* slots) noexcept {
  HostCall call{*static_cast<WasiState*>(user), GuestMemory(caller.memory()), caller, slots, Unstable};
  Errno err = Impl(call);
  slots[0] = uint64_t(uint32_t(err));
  return TrapKind::None;
}

}  // namespace wasi
}  // namespace ember
