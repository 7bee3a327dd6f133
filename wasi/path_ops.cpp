// path_* calls other than path_open: each resolves its path(s) beneath a directory fd, then makes
// one directory-relative platform call on the final component.
#include "encode.h"
#include "functions.h"
#include "path_resolve.h"
#include "platform.h"

namespace ember {
namespace wasi {
namespace {

// Looks up a directory fd with `needed` rights and resolves a guest path beneath it.
Errno resolve_at(HostCall& c, uint32_t fd, uint64_t needed, uint32_t path, uint32_t path_len, bool follow,
                 ResolvedPath* out) {
  FdEntry* e = nullptr;
  Errno err = c.state.fds.get(fd, needed, &e);
  if (err != kSuccess) return err;
  return out->resolve(c.mem, e->handle, path, path_len, follow);
}

// The name of a new link (path_link, path_symlink) that ends in '/' names a directory, which the
// link would not be: EEXIST if something is there already, ENOENT otherwise (as POSIX, wasmtime
// and WAMR answer). The resolver has dropped the slash, so the host call would have succeeded.
Errno refuse_link_name_with_slash(const ResolvedPath& rp) {
  platform::FileStat st;
  return platform::stat_at(rp.dir(), rp.name(), &st) == kSuccess ? kExist : kNoEnt;
}

// A link's source written with a trailing '/' must be a directory (ENOTDIR otherwise).
Errno check_source_with_slash(const ResolvedPath& rp) {
  platform::FileStat st;
  Errno err = platform::stat_at(rp.dir(), rp.name(), &st);
  if (err != kSuccess) return err;
  return st.filetype == kFileTypeDirectory ? kSuccess : kNotDir;
}

}  // namespace

Errno path_create_directory(HostCall& c) {
  ResolvedPath rp;
  Errno err = resolve_at(c, c.u32(0), rights::kPathCreateDirectory, c.u32(1), c.u32(2), false, &rp);
  return err != kSuccess ? err : platform::mkdir_at(rp.dir(), rp.name());
}

// args: fd, flags, path, path_len, buf
Errno path_filestat_get(HostCall& c) {
  uint32_t out = c.u32(4);
  ResolvedPath rp;
  Errno err = resolve_at(c, c.u32(0), rights::kPathFilestatGet, c.u32(2), c.u32(3),
                         c.u32(1) & kLookupSymlinkFollow, &rp);
  if (err != kSuccess) return err;
  if (!c.mem.in_bounds(out, filestat_size(c.unstable))) return kFault;
  platform::FileStat st;
  err = platform::stat_at(rp.dir(), rp.name(), &st);
  return err != kSuccess ? err : store_filestat(c.mem, out, st, c.unstable);
}

// args: fd, flags, path, path_len, atim, mtim, fst_flags
Errno path_filestat_set_times(HostCall& c) {
  uint32_t fst = c.u32(6);
  ResolvedPath rp;
  Errno err = resolve_at(c, c.u32(0), rights::kPathFilestatSetTimes, c.u32(2), c.u32(3),
                         c.u32(1) & kLookupSymlinkFollow, &rp);
  if (err != kSuccess) return err;
  if (!valid_fst_flags(fst)) return kInval;
  return platform::set_times_at(rp.dir(), rp.name(), c.u64(4), c.u64(5), uint16_t(fst));
}

// args: old_fd, old_flags, old_path, old_path_len, new_fd, new_path, new_path_len
Errno path_link(HostCall& c) {
  ResolvedPath from, to;
  Errno err = resolve_at(c, c.u32(0), rights::kPathLinkSource, c.u32(2), c.u32(3),
                         c.u32(1) & kLookupSymlinkFollow, &from);
  if (err != kSuccess) return err;
  if (from.trailing_slash() && (err = check_source_with_slash(from)) != kSuccess) return err;
  err = resolve_at(c, c.u32(4), rights::kPathLinkTarget, c.u32(5), c.u32(6), false, &to);
  if (err != kSuccess) return err;
  if (to.trailing_slash()) return refuse_link_name_with_slash(to);
  return platform::link_at(from.dir(), from.name(), to.dir(), to.name());
}

// args: fd, path, path_len, buf, buf_len, bufused_ptr
Errno path_readlink(HostCall& c) {
  uint32_t buf = c.u32(3), buf_len = c.u32(4), used_ptr = c.u32(5);
  ResolvedPath rp;
  Errno err = resolve_at(c, c.u32(0), rights::kPathReadlink, c.u32(1), c.u32(2), false, &rp);
  if (err != kSuccess) return err;
  if (!c.mem.in_bounds(buf, buf_len) || !c.mem.in_bounds(used_ptr, 4)) return kFault;
  // Read into host scratch first: the platform never gets a pointer into guest memory here.
  detail::Vec<char> target;
  if (!target.resize(kMaxPath + 1)) return kNoMem;
  std::size_t len = 0;
  err = platform::readlink_at(rp.dir(), rp.name(), target.data(), target.size(), &len);
  if (err != kSuccess) return err;
  if (len > target.size()) len = target.size();
  uint32_t n = len < buf_len ? uint32_t(len) : buf_len;  // truncates like POSIX readlink
  c.mem.write_bytes(buf, target.data(), n);
  return c.mem.store_u32(used_ptr, n);
}

Errno path_remove_directory(HostCall& c) {
  ResolvedPath rp;
  Errno err = resolve_at(c, c.u32(0), rights::kPathRemoveDirectory, c.u32(1), c.u32(2), false, &rp);
  return err != kSuccess ? err : platform::rmdir_at(rp.dir(), rp.name());
}

// args: fd, old_path, old_path_len, new_fd, new_path, new_path_len
Errno path_rename(HostCall& c) {
  ResolvedPath from, to;
  Errno err = resolve_at(c, c.u32(0), rights::kPathRenameSource, c.u32(1), c.u32(2), false, &from);
  if (err != kSuccess) return err;
  err = resolve_at(c, c.u32(3), rights::kPathRenameTarget, c.u32(4), c.u32(5), false, &to);
  if (err != kSuccess) return err;
  return platform::rename_at(from.dir(), from.name(), to.dir(), to.name());
}

// Whether a symlink target, read from a directory `depth` levels below the fd the guest named,
// stays beneath that fd when taken component by component ("a/../.." climbs once too often).
bool stays_beneath(const char* target, std::size_t depth) noexcept {
  if (target[0] == '/') return false;
  for (const char* p = target; *p;) {
    const char* end = p;
    while (*end && *end != '/') ++end;
    std::size_t len = std::size_t(end - p);
    if (len == 2 && p[0] == '.' && p[1] == '.') {
      if (depth == 0) return false;
      --depth;
    } else if (len != 0 && !(len == 1 && p[0] == '.')) {
      ++depth;
    }
    p = *end ? end + 1 : end;
  }
  return true;
}

// args: old_path, old_path_len, fd, new_path, new_path_len
Errno path_symlink(HostCall& c) {
  detail::Vec<char> target;
  Errno err = copy_guest_path(c.mem, c.u32(0), c.u32(1), &target);
  if (err != kSuccess) return err;
  ResolvedPath rp;
  err = resolve_at(c, c.u32(2), rights::kPathSymlink, c.u32(3), c.u32(4), false, &rp);
  if (err != kSuccess) return err;
  if (rp.trailing_slash()) return refuse_link_name_with_slash(rp);
  // One policy for absolute and relative targets: a link that would point out of the directory
  // the guest was granted is refused. The resolver never follows one anyway, but such links are
  // traps for host programs that later walk the directory.
  if (!stays_beneath(target.data(), rp.depth())) return kNotCapable;
  return platform::symlink_at(target.data(), rp.dir(), rp.name());
}

Errno path_unlink_file(HostCall& c) {
  ResolvedPath rp;
  Errno err = resolve_at(c, c.u32(0), rights::kPathUnlinkFile, c.u32(1), c.u32(2), false, &rp);
  if (err != kSuccess) return err;
  if (rp.trailing_slash()) {
    // "name/" names a directory, which unlink never removes.
    platform::FileStat st;
    err = platform::stat_at(rp.dir(), rp.name(), &st);
    if (err != kSuccess) return err;
    return st.filetype == kFileTypeDirectory ? kIsDir : kNotDir;
  }
  return platform::unlink_at(rp.dir(), rp.name());
}

}  // namespace wasi
}  // namespace ember
