// args_* and environ_*: the argv and environment the host granted, copied into guest memory.
#include "functions.h"

namespace ember {
namespace wasi {
namespace {

// Writes `count` u32 pointers at `ptrs` and the strings themselves at `buf`. Both ranges are checked
// in full first so that a bad pointer leaves guest memory untouched.
Errno write_string_list(HostCall& c, const StringList& list, uint32_t ptrs, uint32_t buf) {
  uint64_t bytes = list.bytes.size();
  if (!c.mem.in_bounds(ptrs, uint64_t(list.count) * 4) || !c.mem.in_bounds(buf, bytes)) return kFault;
  Errno err = c.mem.write_bytes(buf, list.bytes.data(), list.bytes.size());
  if (err != kSuccess) return err;
  uint64_t offset = 0;
  for (uint32_t i = 0; i < list.count; ++i) {
    c.mem.store_u32(ptrs + i * 4, uint32_t(buf + offset));
    while (list.bytes[offset] != '\0') ++offset;
    ++offset;
  }
  charge_bytes(c, bytes + uint64_t(list.count) * 4);
  return kSuccess;
}

Errno write_sizes(HostCall& c, const StringList& list, uint32_t count_ptr, uint32_t size_ptr) {
  if (!c.mem.in_bounds(count_ptr, 4) || !c.mem.in_bounds(size_ptr, 4)) return kFault;
  c.mem.store_u32(count_ptr, list.count);
  c.mem.store_u32(size_ptr, uint32_t(list.bytes.size()));
  return kSuccess;
}

}  // namespace

Errno args_get(HostCall& c) { return write_string_list(c, c.state.args, c.u32(0), c.u32(1)); }
Errno args_sizes_get(HostCall& c) { return write_sizes(c, c.state.args, c.u32(0), c.u32(1)); }
Errno environ_get(HostCall& c) { return write_string_list(c, c.state.env, c.u32(0), c.u32(1)); }
Errno environ_sizes_get(HostCall& c) { return write_sizes(c, c.state.env, c.u32(0), c.u32(1)); }

}  // namespace wasi
}  // namespace ember
