// Ember: how each value type sits in a 64-bit slot (see host_binding.h: the same encoding hosts
// see), shared by the interpreter loop and the out-of-line cold operations (cold_ops.cpp).
#pragma once

#include <cstdint>

#include "execute/numeric.h"

namespace ember::detail {

inline uint32_t get_I32(uint64_t s) noexcept { return uint32_t(s); }
inline uint64_t get_I64(uint64_t s) noexcept { return s; }
inline float get_F32(uint64_t s) noexcept { return num::bits<float>(uint32_t(s)); }
inline double get_F64(uint64_t s) noexcept { return num::bits<double>(s); }
inline uint64_t put_I32(uint32_t v) noexcept { return v; }
inline uint64_t put_I64(uint64_t v) noexcept { return v; }
inline uint64_t put_F32(float v) noexcept { return num::bits<uint32_t>(v); }
inline uint64_t put_F64(double v) noexcept { return num::bits<uint64_t>(v); }

// The operand an immediate word of a fused instruction stands for: i32 ops take the word as is,
// i64 ops sign-extend it.
inline uint32_t imm_I32(uint32_t w) noexcept { return w; }
inline uint64_t imm_I64(uint32_t w) noexcept { return uint64_t(int64_t(int32_t(w))); }

}  // namespace ember::detail
