// The guest's file descriptor table: guest fd numbers -> host handles plus the rights granted on them.
#pragma once

#include <cstdint>

#include "abi.h"
#include "ember/detail/vec.h"
#include "ember/wasi.h"
#include "platform.h"

namespace ember {
namespace wasi {

struct FdEntry {
  platform::Handle handle = platform::kNoHandle;
  FileType filetype = kFileTypeUnknown;
  bool owned = true;  // close the host handle when the guest closes the fd (false for host stdio)
  uint64_t rights_base = 0;
  uint64_t rights_inheriting = 0;
  // Guest path of a preopened directory (fd_prestat_*), heap-allocated; nullptr otherwise.
  char* preopen_name = nullptr;
  uint32_t preopen_len = 0;
  platform::DirCursor* cursor = nullptr;  // fd_readdir stream, created on first use
  // A host-implemented stdio stream (WasiConfig::std*_stream) instead of a handle; owned by the
  // WasiState.
  const WasiStream* stream = nullptr;

  bool is_open() const noexcept { return handle != platform::kNoHandle || stream != nullptr; }
};

class FdTable {
 public:
  FdTable() noexcept = default;
  ~FdTable();
  FdTable(const FdTable&) = delete;
  FdTable& operator=(const FdTable&) = delete;

  void set_limit(uint32_t max_open) noexcept { limit_ = max_open; }

  // The entry of an open fd with all of `needed` rights: kBadF if the fd is not open, kNotCapable if
  // a right is missing. The pointer is valid until the next insert().
  Errno get(uint32_t fd, uint64_t needed, FdEntry** out) noexcept;
  // Places `entry` at the lowest free fd >= min_fd (kMFile past the limit). Takes ownership of its
  // resources.
  Errno insert(const FdEntry& entry, uint32_t* fd, uint32_t min_fd = 0) noexcept;
  // Places `entry` at exactly `fd` (used for stdio), growing the table as needed.
  Errno insert_at(uint32_t fd, const FdEntry& entry) noexcept;
  // Closes a guest fd: releases the host handle if owned. kBadF if not open.
  Errno close(uint32_t fd) noexcept;
  // fd_renumber: `to` is closed and replaced by `from`.
  Errno renumber(uint32_t from, uint32_t to) noexcept;

 private:
  static void release(FdEntry& e) noexcept;
  detail::Vec<FdEntry> entries_;
  uint32_t limit_ = 1024;
};

}  // namespace wasi
}  // namespace ember
