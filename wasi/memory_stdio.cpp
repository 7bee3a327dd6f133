// WasiMemoryInput / WasiMemoryOutput: stdio streams over host memory.
#include <cstring>

#include "ember/wasi.h"

namespace ember {
namespace {

intptr_t read_memory(void* user, uint8_t* out, std::size_t size) {
  auto* in = static_cast<WasiMemoryInput*>(user);
  std::size_t left = in->size - in->position;
  std::size_t n = size < left ? size : left;
  if (n) std::memcpy(out, in->data + in->position, n);
  in->position += n;
  return intptr_t(n);
}

intptr_t write_memory(void* user, const uint8_t* data, std::size_t size) {
  auto* out = static_cast<WasiMemoryOutput*>(user);
  std::size_t room = out->capacity - out->size;
  if (size > room) out->overflowed = true;
  if (room == 0) return size == 0 ? 0 : -1;
  std::size_t n = size < room ? size : room;
  std::memcpy(out->buffer + out->size, data, n);
  out->size += n;
  return intptr_t(n);
}

}  // namespace

WasiStream WasiMemoryInput::stream() noexcept {
  WasiStream s;
  s.read = &read_memory;
  s.user = this;
  return s;
}

WasiStream WasiMemoryOutput::stream() noexcept {
  WasiStream s;
  s.write = &write_memory;
  s.user = this;
  return s;
}

}  // namespace ember
