// Ember WASI: the `wasi_snapshot_preview1` interface for modules compiled against WASI.
//
// Capability based: the guest sees only what the host grants in WasiConfig. No argument, environment
// variable, directory or stream is inherited from the host process by default.
//
//   ember::WasiConfig cfg;
//   const char* argv[] = {"prog.wasm", "input.txt"};
//   ember::WasiPreopen dirs[] = {{"/srv/data", "/data"}};
//   cfg.args = argv; cfg.arg_count = 2; cfg.preopens = dirs; cfg.preopen_count = 1;
//   auto ctx = ember::WasiContext::create(cfg);          // opens the preopened directories
//   ember::define_wasi(linker, store, *ctx);              // before linker.instantiate()
//   Error e = store.call(instance->function("_start"), nullptr, 0, nullptr, 0);
//   // e.kind == ErrorKind::Exit: the guest called proc_exit(e.exit_code) (also proc_raise with a
//   // terminating signal: 128 + signal). An exit is not a trap: e.trap is None, there is no
//   // backtrace, and exit code 0 is a normal end even though e.ok() is false.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ember/error.h"
#include "ember/module.h"
#include "ember/runtime.h"

namespace ember {

// A host directory made visible to the guest under a guest path (e.g. {"/tmp/work", "/"}).
// A read-only one grants no right that creates, writes, renames or removes anything, on the
// directory or on whatever the guest opens beneath it (such calls fail with ENOTCAPABLE).
struct WasiPreopen {
  const char* host_path = nullptr;
  const char* guest_path = nullptr;
  bool read_only = false;
};

// A stream the host implements itself, in place of a host handle behind guest fd 0, 1 or 2: a
// host can feed stdin from memory and capture stdout / stderr (see WasiMemoryInput and
// WasiMemoryOutput below), or pass them to its own logging, without interleaving them with its own
// buffered output. Callbacks run on the thread that runs the guest, during its fd_read / fd_write,
// and must not throw (the same types serve the C API).
// Such an fd is a pipe to the guest: no seek, tell or positioned I/O (ESPIPE).
struct WasiStream {
  // stdin: fills up to `size` bytes of `out`; returns how many (0: end of input), or -1 for an
  // error (the guest sees EIO).
  intptr_t (*read)(void* user, uint8_t* out, std::size_t size) = nullptr;
  // stdout / stderr: takes up to `size` bytes; returns how many it took (at least 1 unless `size`
  // is 0), or -1 for an error (the guest sees EIO; e.g. a capture that is full).
  intptr_t (*write)(void* user, const uint8_t* data, std::size_t size) = nullptr;
  void* user = nullptr;
  bool is_set() const noexcept { return read != nullptr || write != nullptr; }
};

// What the guest is granted. The strings are copied by WasiContext::create.
struct WasiConfig {
  const char* const* args = nullptr;  // argv, argv[0] included
  uint32_t arg_count = 0;
  const char* const* env = nullptr;  // "NAME=VALUE" strings: the complete environment
  uint32_t env_count = 0;
  const WasiPreopen* preopens = nullptr;  // become fds 3, 4, ... in order
  uint32_t preopen_count = 0;
  // Host handles (file descriptors on POSIX) behind guest fds 0, 1 and 2; -1 leaves that fd closed.
  // They stay owned by the host: a guest fd_close only drops the guest's reference.
  intptr_t stdin_handle = 0;
  intptr_t stdout_handle = 1;
  intptr_t stderr_handle = 2;
  // A stream set here replaces the handle above for that fd (its callbacks and `user` must outlive
  // the context). Reading a stream with no `read`, or writing one with no `write`, is EBADF.
  WasiStream stdin_stream;
  WasiStream stdout_stream;
  WasiStream stderr_stream;
  // Most guest fds open at once (EMFILE beyond), so a guest cannot exhaust the host's descriptors.
  uint32_t max_open_files = 1024;
};

// stdin from a block of memory the host keeps alive while the guest runs.
struct WasiMemoryInput {
  const uint8_t* data = nullptr;
  std::size_t size = 0;
  std::size_t position = 0;  // bytes the guest has read
  WasiStream stream() noexcept;
};

// stdout or stderr captured into a buffer the host provides. Once it is full, further writes fail
// (EIO) and `overflowed` is set, so a guest cannot make the host hold more than `capacity`.
struct WasiMemoryOutput {
  uint8_t* buffer = nullptr;
  std::size_t capacity = 0;
  std::size_t size = 0;  // bytes written so far
  bool overflowed = false;
  WasiStream stream() noexcept;
};

namespace wasi {
struct WasiState;
}

// The state of one WASI program: its fd table, arguments and environment. Must outlive every
// instance linked against it. Not thread-safe (neither is a Store).
class WasiContext {
 public:
  // Copies the configuration and opens the preopened directories. Fails with BadArgument (detail:
  // the host path) if one cannot be opened, or a guest path is empty.
  [[nodiscard]] static Result<WasiContext> create(const WasiConfig& config) noexcept;

  WasiContext(WasiContext&& other) noexcept;
  WasiContext& operator=(WasiContext&& other) noexcept;
  WasiContext(const WasiContext&) = delete;
  WasiContext& operator=(const WasiContext&) = delete;
  ~WasiContext();  // closes every host handle the guest still has open (except the host's stdio)

  wasi::WasiState* state() const noexcept { return state_; }

 private:
  explicit WasiContext(wasi::WasiState* state) noexcept : state_(state) {}
  wasi::WasiState* state_ = nullptr;
};

// Creates every wasi_snapshot_preview1 function in `store` and defines it in `linker` under module
// "wasi_snapshot_preview1", and again under "wasi_unstable" (snapshot 0, emitted by older
// toolchains: there fd_seek takes the older whence numbering and the filestat calls write the older
// 56-byte struct; poll_oneoff returns ENOSYS). Returns an error (OutOfMemory) only if a function
// cannot be created.
[[nodiscard]] Error define_wasi(Linker& linker, Store& store, WasiContext& context) noexcept;

// The same for only the WASI functions `module` imports (from either module name): what a host
// that instantiates the same module over and over (one instance per request) wants, as it creates
// a handful of host functions per store instead of all of them.
[[nodiscard]] Error define_wasi(Linker& linker, Store& store, WasiContext& context,
                                const Module& module) noexcept;

}  // namespace ember
