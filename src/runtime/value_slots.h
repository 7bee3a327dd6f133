// Ember: converting between host Values and the slot encoding wasm frames use.
#pragma once

#include <cstdint>
#include <cstring>

#include "ember/types.h"

namespace ember::detail {

// Writes v into slot_count(v.type) slots.
inline void value_to_slots(const Value& v, uint64_t* slots) noexcept {
  switch (v.type.code()) {
    case ValType::Code::I32: slots[0] = v.u32; break;
    case ValType::Code::F32: {
      uint32_t b;
      std::memcpy(&b, &v.f32, 4);
      slots[0] = b;
      break;
    }
    case ValType::Code::I64:
    case ValType::Code::F64: slots[0] = v.u64; break;
    case ValType::Code::Ref: slots[0] = uint64_t(uintptr_t(v.ref)); break;
    case ValType::Code::V128: {
      uint64_t lo = 0, hi = 0;
      for (int i = 7; i >= 0; --i) lo = lo << 8 | v.v128.bytes[i];
      for (int i = 15; i >= 8; --i) hi = hi << 8 | v.v128.bytes[i];
      slots[0] = lo;
      slots[1] = hi;
      break;
    }
  }
}

// Reads a value of type t from its slots.
inline Value slots_to_value(ValType t, const uint64_t* slots) noexcept {
  Value v = Value::zero(t);
  switch (t.code()) {
    case ValType::Code::I32: v.u32 = uint32_t(slots[0]); break;
    case ValType::Code::F32: {
      uint32_t b = uint32_t(slots[0]);
      std::memcpy(&v.f32, &b, 4);
      break;
    }
    case ValType::Code::I64:
    case ValType::Code::F64: v.u64 = slots[0]; break;
    case ValType::Code::Ref: v.ref = reinterpret_cast<void*>(uintptr_t(slots[0])); break;
    case ValType::Code::V128:
      for (int i = 0; i < 8; ++i) v.v128.bytes[i] = uint8_t(slots[0] >> (8 * i));
      for (int i = 0; i < 8; ++i) v.v128.bytes[8 + i] = uint8_t(slots[1] >> (8 * i));
      break;
  }
  return v;
}

}  // namespace ember::detail
