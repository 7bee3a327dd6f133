// Everything one WASI program owns: its fd table, argv and environment.
#pragma once

#include <cstdint>

#include "ember/detail/vec.h"
#include "fd_table.h"

namespace ember {
namespace wasi {

// A list of strings stored back to back, each NUL-terminated, as args_get / environ_get lay them out.
struct StringList {
  detail::Vec<char> bytes;
  uint32_t count = 0;
};

struct WasiState {
  FdTable fds;
  StringList args;
  StringList env;
  WasiStream stdio_streams[3];  // what fds 0..2 use when the host set a stream for them
};

}  // namespace wasi
}  // namespace ember
