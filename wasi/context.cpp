// WasiContext: copies the host's grants (argv, environment, stdio, preopens) into a WasiState.
#include <cstring>
#include <new>

#include "ember/wasi.h"
#include "state.h"
#include "util/out_of_memory.h"

namespace ember {
namespace wasi {
namespace {

Error copy_strings(const char* const* strings, uint32_t count, StringList* out) {
  std::size_t total = 0;
  for (uint32_t i = 0; i < count; ++i) total += std::strlen(strings[i]) + 1;
  // The guest receives sizes as u32: refuse what could not be described to it.
  if (total > 0xFFFFFFFFu) return Error::make(ErrorKind::Limit, "arguments or environment larger than 4 GiB");
  if (!out->bytes.resize(total))
    return detail::out_of_memory(detail::default_heap(), "the arguments and environment");
  char* p = out->bytes.data();
  for (uint32_t i = 0; i < count; ++i) {
    std::size_t n = std::strlen(strings[i]) + 1;
    std::memcpy(p, strings[i], n);
    p += n;
  }
  out->count = count;
  return Error{};
}

// Rights for a stream the host hands over, judged by what it is. A directory that happens to be on
// stdin (`< /`) is no grant of its contents: only --dir style preopens carry path rights.
uint64_t stdio_rights(FileType type) {
  switch (type) {
    case kFileTypeCharacterDevice: return rights::kTty;
    case kFileTypeDirectory: return rights::kFdFilestatGet;
    default: return rights::kFile;
  }
}

bool add_stdio(WasiState& state, uint32_t fd, intptr_t handle) {
  if (handle < 0) return true;
  FdEntry e;
  e.handle = handle;
  e.owned = false;
  platform::FileStat st;
  e.filetype = platform::stat(handle, &st) == kSuccess ? st.filetype : kFileTypeUnknown;
  e.rights_base = stdio_rights(e.filetype);
  return state.fds.insert_at(fd, e) == kSuccess;
}

// A host stream behind a stdio fd: a pipe, readable or writable as its callbacks allow.
bool add_stream(WasiState& state, uint32_t fd, const WasiStream& stream) {
  state.stdio_streams[fd] = stream;
  FdEntry e;
  e.stream = &state.stdio_streams[fd];
  e.owned = false;
  e.filetype = kFileTypeUnknown;
  e.rights_base = rights::kFdFdstatSetFlags | rights::kFdFilestatGet | rights::kPollFdReadwrite |
                  (stream.read ? rights::kFdRead : 0) | (stream.write ? rights::kFdWrite : 0);
  return state.fds.insert_at(fd, e) == kSuccess;
}

bool add_stdio(WasiState& state, uint32_t fd, intptr_t handle, const WasiStream& stream) {
  return stream.is_set() ? add_stream(state, fd, stream) : add_stdio(state, fd, handle);
}

Error add_preopen(WasiState& state, const WasiPreopen& p) {
  if (!p.host_path || !p.guest_path || p.guest_path[0] == '\0') {
    Error e = Error::make(ErrorKind::BadArgument, "preopen needs a host path and a guest path");
    if (p.host_path) e.set_detail(p.host_path);
    return e;
  }
  FdEntry entry;
  if (platform::open_directory(p.host_path, &entry.handle) != kSuccess) {
    Error e = Error::make(ErrorKind::BadArgument, "cannot open preopened directory");
    e.set_detail(p.host_path);
    return e;
  }
  std::size_t len = std::strlen(p.guest_path);
  entry.preopen_name = static_cast<char*>(detail::default_heap().alloc(len + 1));
  if (!entry.preopen_name) {
    platform::close(entry.handle);
    return detail::out_of_memory(detail::default_heap(), "a preopen's guest path");
  }
  std::memcpy(entry.preopen_name, p.guest_path, len + 1);
  entry.preopen_len = uint32_t(len);
  entry.filetype = kFileTypeDirectory;
  if (p.read_only) {
    entry.rights_base = rights::kReadOnlyDirectory;
    entry.rights_inheriting = rights::kReadOnlyDirectory | rights::kReadOnlyFile;
  } else {
    entry.rights_base = rights::kDirectory;
    entry.rights_inheriting = rights::kDirectory | rights::kFile;
  }
  uint32_t fd = 0;
  // Preopens sit right after stdio even if a stdio stream was not granted: wasi-libc scans from 3.
  Errno err = state.fds.insert(entry, &fd, 3);
  if (err != kSuccess) {
    detail::default_heap().free(entry.preopen_name, len + 1);
    platform::close(entry.handle);
    if (err == kNoMem) return detail::out_of_memory(detail::default_heap(), "the fd table");
    return Error::make(ErrorKind::Limit, "too many preopened directories");
  }
  return Error{};
}

}  // namespace
}  // namespace wasi

Result<WasiContext> WasiContext::create(const WasiConfig& config) noexcept {
  detail::Heap& heap = detail::default_heap();
  auto* state = detail::make<wasi::WasiState>(heap);
  if (!state) return detail::out_of_memory(heap, "the WASI context");
  WasiContext ctx(state);
  wasi::WasiState& s = *ctx.state_;
  s.fds.set_limit(config.max_open_files);
  if (Error e = wasi::copy_strings(config.args, config.arg_count, &s.args)) return e;
  if (Error e = wasi::copy_strings(config.env, config.env_count, &s.env)) return e;
  if (!wasi::add_stdio(s, 0, config.stdin_handle, config.stdin_stream) ||
      !wasi::add_stdio(s, 1, config.stdout_handle, config.stdout_stream) ||
      !wasi::add_stdio(s, 2, config.stderr_handle, config.stderr_stream))
    return detail::out_of_memory(heap, "the fd table");
  for (uint32_t i = 0; i < config.preopen_count; ++i) {
    Error e = wasi::add_preopen(s, config.preopens[i]);
    if (e) return e;
  }
  return Result<WasiContext>(std::move(ctx));
}

WasiContext::WasiContext(WasiContext&& other) noexcept : state_(other.state_) { other.state_ = nullptr; }

WasiContext& WasiContext::operator=(WasiContext&& other) noexcept {
  if (this != &other) {
    this->~WasiContext();
    state_ = other.state_;
    other.state_ = nullptr;
  }
  return *this;
}

WasiContext::~WasiContext() {
  if (state_) {
    detail::destroy(detail::default_heap(), state_);
    state_ = nullptr;
  }
}

}  // namespace ember
