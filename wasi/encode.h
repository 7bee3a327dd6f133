// Serialisation of the WASI structs that more than one function writes, plus shared argument checks.
#pragma once

#include <cstdint>

#include "abi.h"
#include "guest_memory.h"
#include "platform.h"

namespace ember {
namespace wasi {

inline uint32_t filestat_size(bool unstable) noexcept {
  return unstable ? layout::kFilestatSizeUnstable : layout::kFilestatSize;
}

inline Errno store_filestat(const GuestMemory& mem, uint32_t ptr, const platform::FileStat& st,
                            bool unstable) noexcept {
  uint8_t b[layout::kFilestatSize] = {};
  if (unstable) {  // nlink was a u32, so everything after it sits 8 bytes lower
    put_le64(b + 0, st.dev);
    put_le64(b + 8, st.ino);
    b[16] = st.filetype;
    put_le32(b + 20, uint32_t(st.nlink > UINT32_MAX ? UINT32_MAX : st.nlink));
    put_le64(b + 24, st.size);
    put_le64(b + 32, st.atim);
    put_le64(b + 40, st.mtim);
    put_le64(b + 48, st.ctim);
    return mem.write_bytes(ptr, b, layout::kFilestatSizeUnstable);
  }
  put_le64(b + 0, st.dev);
  put_le64(b + 8, st.ino);
  b[16] = st.filetype;
  put_le64(b + 24, st.nlink);
  put_le64(b + 32, st.size);
  put_le64(b + 40, st.atim);
  put_le64(b + 48, st.mtim);
  put_le64(b + 56, st.ctim);
  return mem.write_bytes(ptr, b, sizeof b);
}

// fstflags: unknown bits, or a time both given and "now", are invalid.
inline bool valid_fst_flags(uint32_t flags) noexcept {
  if (flags & ~uint32_t(kFstflagAtim | kFstflagAtimNow | kFstflagMtim | kFstflagMtimNow)) return false;
  if ((flags & kFstflagAtim) && (flags & kFstflagAtimNow)) return false;
  if ((flags & kFstflagMtim) && (flags & kFstflagMtimNow)) return false;
  return true;
}

}  // namespace wasi
}  // namespace ember
