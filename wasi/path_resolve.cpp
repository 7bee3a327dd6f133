// Component-by-component resolution; see path_resolve.h for the rules it enforces.
#include "path_resolve.h"

#include <cstring>

namespace ember {
namespace wasi {

Errno copy_guest_path(const GuestMemory& mem, uint32_t ptr, uint32_t len, detail::Vec<char>* out) noexcept {
  const uint8_t* src = mem.span(ptr, len);
  if (!src) return len == 0 && mem.in_bounds(ptr, 0) ? kNoEnt : kFault;
  if (len == 0) return kNoEnt;
  if (len > kMaxPath) return kNameTooLong;
  // A NUL would silently cut the path short at the host: refuse it.
  if (std::memchr(src, 0, len)) return kInval;
  if (!out->reserve(std::size_t(len) + 1)) return kNoMem;
  (void)out->copy_from(reinterpret_cast<const char*>(src), len);  // reserved above
  (void)out->push_back('\0');
  return kSuccess;
}

ResolvedPath::~ResolvedPath() { close_all(); }

void ResolvedPath::close_all() noexcept {
  for (platform::Handle h : opened_) platform::close(h);
  opened_.clear();
}

Errno ResolvedPath::resolve(const GuestMemory& mem, platform::Handle base, uint32_t ptr, uint32_t len,
                            bool follow_final) noexcept {
  Errno err = copy_guest_path(mem, ptr, len, &work_);
  if (err != kSuccess) return err;
  return resolve(base, nullptr, 0, follow_final);
}

Errno ResolvedPath::resolve(platform::Handle base, const char* path, std::size_t len,
                            bool follow_final) noexcept {
  close_all();
  base_ = base;
  trailing_slash_ = false;
  if (path) {  // otherwise work_ was filled by the guest-memory overload
    if (len == 0) return kNoEnt;
    if (len > kMaxPath) return kNameTooLong;
    if (std::memchr(path, 0, len)) return kInval;
    if (!work_.reserve(len + 1)) return kNoMem;
    (void)work_.copy_from(path, len);  // reserved above
    (void)work_.push_back('\0');
  }
  if (work_[0] == '/') return kNotCapable;

  int links = 0;
  std::size_t pos = 0;
  for (;;) {
    while (work_[pos] == '/') ++pos;
    if (work_[pos] == '\0') {
      // Nothing left to name (only possible after an expanded "x/" link): the directory itself.
      (void)work_.copy_from(".", 2);  // never grows: the path held at least one character and a NUL
      name_offset_ = 0;
      return kSuccess;
    }
    std::size_t start = pos;
    while (work_[pos] != '\0' && work_[pos] != '/') ++pos;
    std::size_t end = pos;
    std::size_t next = end;
    while (work_[next] == '/') ++next;
    bool last = work_[next] == '\0';
    std::size_t comp_len = end - start;

    if (comp_len == 1 && work_[start] == '.') {
      if (last) {
        trailing_slash_ = true;  // "." is a directory by definition
        work_[end] = '\0';
        name_offset_ = start;
        return kSuccess;
      }
      pos = next;
      continue;
    }
    if (comp_len == 2 && work_[start] == '.' && work_[start + 1] == '.') {
      // The whole point: `..` may undo our own steps, never climb above the starting directory.
      if (opened_.empty()) return kNotCapable;
      platform::close(opened_.back());
      opened_.pop_back();
      if (last) {
        trailing_slash_ = true;
        (void)work_.copy_from(".", 2);  // as above
        name_offset_ = 0;
        return kSuccess;
      }
      pos = next;
      continue;
    }

    work_[end] = '\0';  // terminate the component in place; the rest starts at `next`
    if (!last) {
      platform::Handle h = platform::kNoHandle;
      Errno err = platform::open_dir_at(dir(), work_.data() + start, &h);
      if (err == kSuccess) {
        if (!opened_.push_back(h)) {
          platform::close(h);
          return kNoMem;
        }
        pos = next;
        continue;
      }
      // Opening refuses symlinks; if that is what stopped us, expand it ourselves.
      bool expanded = false;
      Errno link_err = expand_symlink(start, next, false, &links, &expanded);
      if (link_err != kSuccess) return link_err;
      if (!expanded) return err;
      pos = 0;
      continue;
    }

    trailing_slash_ = end != next;
    if (follow_final || trailing_slash_) {
      bool expanded = false;
      Errno link_err = expand_symlink(start, next, trailing_slash_, &links, &expanded);
      if (link_err != kSuccess) return link_err;
      if (expanded) {
        pos = 0;
        continue;
      }
    }
    name_offset_ = start;
    return kSuccess;
  }
}

// If the component at `comp` (NUL-terminated) is a symlink, replaces the work path with its target
// followed by the rest of the path at `rest`. Leaves *expanded false when it is not a symlink.
Errno ResolvedPath::expand_symlink(std::size_t comp, std::size_t rest, bool keep_slash, int* links,
                                   bool* expanded) noexcept {
  if (!link_.resize(kMaxPath + 1)) return kNoMem;
  std::size_t target_len = 0;
  if (platform::readlink_at(dir(), work_.data() + comp, link_.data(), link_.size(), &target_len) !=
      kSuccess) {
    return kSuccess;  // not a symlink (or gone): the caller reports its own error
  }
  if (++*links > kMaxSymlinks) return kLoop;
  if (target_len > kMaxPath) return kNameTooLong;
  if (target_len == 0) return kNoEnt;
  // An absolute target points outside every preopen by construction.
  if (link_[0] == '/') return kNotCapable;

  std::size_t rest_len = std::strlen(work_.data() + rest);
  bool need_slash = rest_len != 0 || keep_slash;
  std::size_t total = target_len + (need_slash ? 1 : 0) + rest_len;
  if (total > kMaxPath) return kNameTooLong;
  // Build target + '/' + rest in link_, then swap it in as the new work path.
  // link_ holds kMaxPath + 1 bytes and total <= kMaxPath, so none of this grows it.
  link_.truncate(target_len);
  if (need_slash) (void)link_.push_back('/');
  (void)link_.append(work_.data() + rest, rest_len);
  (void)link_.push_back('\0');
  work_.swap(link_);
  *expanded = true;
  return kSuccess;
}

}  // namespace wasi
}  // namespace ember
