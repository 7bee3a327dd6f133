// proc_exit and proc_raise: ending the program is the engine's business, so these return a status
// through the Caller instead of touching the host process.
#include "functions.h"

namespace ember {
namespace wasi {

TrapKind proc_exit(Caller& caller, void*, uint64_t* slots) noexcept {
  return caller.exit(int32_t(uint32_t(slots[0])));
}

// There is no signal delivery in WASI, so raise() behaves as the signal's default action would:
// ignored signals succeed; terminating ones end the program with status 128 + signal, as a shell
// reports a process killed by that signal (WASI numbers 1..15 match the usual host numbers).
TrapKind proc_raise(Caller& caller, void*, uint64_t* slots) noexcept {
  uint32_t sig = uint32_t(slots[0]);
  enum : uint32_t {
    kNone = 0,
    kChld = 16,
    kCont = 17,
    kStop = 18,
    kTstp = 19,
    kTtin = 20,
    kTtou = 21,
    kUrg = 22,
    kWinch = 27
  };
  Errno result = kSuccess;
  switch (sig) {
    case kNone:
    case kChld:
    case kCont:
    case kStop:
    case kTstp:
    case kTtin:
    case kTtou:
    case kUrg:
    case kWinch: break;
    default:
      if (sig > kSignalMax) {
        result = kInval;
        break;
      }
      return caller.exit(int32_t(128 + sig));
  }
  slots[0] = uint32_t(result);
  return TrapKind::None;
}

}  // namespace wasi
}  // namespace ember
