// Guest fd table: lowest-free allocation (POSIX order, which wasi-libc's preopen scan relies on).
#include "fd_table.h"

namespace ember {
namespace wasi {

FdTable::~FdTable() {
  for (FdEntry& e : entries_) release(e);
}

void FdTable::release(FdEntry& e) noexcept {
  if (e.cursor) platform::free_dir_cursor(e.cursor);
  if (e.owned && e.handle != platform::kNoHandle) platform::close(e.handle);
  if (e.preopen_name) detail::default_heap().free(e.preopen_name, e.preopen_len + 1);
  e = FdEntry{};
}

Errno FdTable::get(uint32_t fd, uint64_t needed, FdEntry** out) noexcept {
  if (fd >= entries_.size() || !entries_[fd].is_open()) return kBadF;
  FdEntry& e = entries_[fd];
  if ((e.rights_base & needed) != needed) return kNotCapable;
  *out = &e;
  return kSuccess;
}

Errno FdTable::insert(const FdEntry& entry, uint32_t* fd, uint32_t min_fd) noexcept {
  uint32_t open_count = 0;
  uint32_t free_slot = 0xFFFFFFFFu;
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].is_open()) {
      ++open_count;
    } else if (free_slot == 0xFFFFFFFFu && i >= min_fd) {
      free_slot = i;
    }
  }
  if (free_slot == 0xFFFFFFFFu) free_slot = entries_.size() > min_fd ? uint32_t(entries_.size()) : min_fd;
  if (open_count >= limit_) return kMFile;
  Errno err = insert_at(free_slot, entry);
  if (err == kSuccess) *fd = free_slot;
  return err;
}

Errno FdTable::insert_at(uint32_t fd, const FdEntry& entry) noexcept {
  if (fd >= entries_.size() && !entries_.resize(std::size_t(fd) + 1)) return kNoMem;
  release(entries_[fd]);
  entries_[fd] = entry;
  return kSuccess;
}

Errno FdTable::close(uint32_t fd) noexcept {
  if (fd >= entries_.size() || !entries_[fd].is_open()) return kBadF;
  release(entries_[fd]);
  return kSuccess;
}

Errno FdTable::renumber(uint32_t from, uint32_t to) noexcept {
  if (from >= entries_.size() || !entries_[from].is_open()) return kBadF;
  if (to >= entries_.size() || !entries_[to].is_open()) return kBadF;
  if (from == to) return kSuccess;
  release(entries_[to]);
  entries_[to] = entries_[from];
  entries_[from] = FdEntry{};
  return kSuccess;
}

}  // namespace wasi
}  // namespace ember
