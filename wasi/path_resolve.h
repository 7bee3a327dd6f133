// Sandboxed path resolution beneath a directory fd, in the spirit of openat2(RESOLVE_BENEATH).
//
// The path is walked one component at a time: each directory is opened with "no follow" relative to
// the previous one, `..` pops back to the previous directory (and fails at the starting one), absolute
// paths are refused, and symbolic links are expanded here (up to kMaxSymlinks) instead of by the host,
// so neither `..` nor a symlink can reach outside the directory the guest was granted.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi.h"
#include "ember/detail/vec.h"
#include "guest_memory.h"
#include "platform.h"

namespace ember {
namespace wasi {

// Longest path (and symlink target) accepted, as on Linux.
constexpr std::size_t kMaxPath = 4096;
// Symlink expansions allowed in one resolution before kLoop.
constexpr int kMaxSymlinks = 40;

class ResolvedPath {
 public:
  ResolvedPath() noexcept = default;
  ~ResolvedPath();  // closes the directories opened on the way
  ResolvedPath(const ResolvedPath&) = delete;
  ResolvedPath& operator=(const ResolvedPath&) = delete;

  // Resolves the guest string at [ptr, ptr+len) beneath `base`. On success dir() holds name(). A
  // symlink in the last component is expanded only if `follow_final` (or the path ends in '/').
  Errno resolve(const GuestMemory& mem, platform::Handle base, uint32_t ptr, uint32_t len,
                bool follow_final) noexcept;
  Errno resolve(platform::Handle base, const char* path, std::size_t len, bool follow_final) noexcept;

  // The directory that contains the final component.
  platform::Handle dir() const noexcept { return opened_.empty() ? base_ : opened_.back(); }
  // The final component: never empty, never contains '/'; "." when the path names dir() itself.
  const char* name() const noexcept { return work_.data() + name_offset_; }
  // The path ended in '/', so it must name a directory.
  bool trailing_slash() const noexcept { return trailing_slash_; }
  // How many directories dir() lies below the starting one (symlinks on the way expanded).
  std::size_t depth() const noexcept { return opened_.size(); }

 private:
  void close_all() noexcept;
  Errno expand_symlink(std::size_t comp, std::size_t rest, bool keep_slash, int* links,
                       bool* expanded) noexcept;

  platform::Handle base_ = platform::kNoHandle;
  detail::Vec<platform::Handle> opened_;
  detail::Vec<char> work_;  // the path still to walk, NUL-terminated
  detail::Vec<char> link_;  // scratch for symlink targets
  std::size_t name_offset_ = 0;
  bool trailing_slash_ = false;
};

// Copies a guest string that is used as data, not resolved (a symlink's target): bounds-checked,
// at most kMaxPath bytes, no NUL inside. `out` gets a NUL-terminated copy.
Errno copy_guest_path(const GuestMemory& mem, uint32_t ptr, uint32_t len, detail::Vec<char>* out) noexcept;

}  // namespace wasi
}  // namespace ember
