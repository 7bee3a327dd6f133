// Ember: semantics of every numeric instruction, one inline function per opcode of opcodes.def.
//
// Each takes its operands as the C types of the wasm types (i32 -> uint32_t, i64 -> uint64_t,
// f32 -> float, f64 -> double) plus a TrapKind out-parameter that only the trapping ones set; the
// interpreter's handler is generated from the opcode table, and inlining removes the unused check.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "ember/error.h"

namespace ember::detail::num {

template <class To, class From>
inline To bits(From v) noexcept {
  static_assert(sizeof(To) == sizeof(From), "size mismatch");
  To r;
  std::memcpy(&r, &v, sizeof r);
  return r;
}

template <class T>
inline T clz(T v) noexcept {
  if (v == 0) return T(sizeof(T) * 8);
  if constexpr (sizeof(T) == 4)
    return T(__builtin_clz(v));
  else
    return T(__builtin_clzll(v));
}
template <class T>
inline T ctz(T v) noexcept {
  if (v == 0) return T(sizeof(T) * 8);
  if constexpr (sizeof(T) == 4)
    return T(__builtin_ctz(v));
  else
    return T(__builtin_ctzll(v));
}
template <class T>
inline T popcnt(T v) noexcept {
  if constexpr (sizeof(T) == 4)
    return T(__builtin_popcount(v));
  else
    return T(__builtin_popcountll(v));
}
template <class T>
inline T rotl(T v, T n) noexcept {
  constexpr T mask = sizeof(T) * 8 - 1;
  n &= mask;
  return n ? T((v << n) | (v >> ((mask + 1) - n))) : v;
}
template <class T>
inline T rotr(T v, T n) noexcept {
  constexpr T mask = sizeof(T) * 8 - 1;
  n &= mask;
  return n ? T((v >> n) | (v << ((mask + 1) - n))) : v;
}

template <class U>
inline U div_s(U a, U b, TrapKind& t) noexcept {
  using S = std::make_signed_t<U>;
  if (b == 0) {
    t = TrapKind::IntegerDivideByZero;
    return 0;
  }
  if (S(a) == std::numeric_limits<S>::min() && S(b) == -1) {
    t = TrapKind::IntegerOverflow;
    return 0;
  }
  return U(S(a) / S(b));
}
template <class U>
inline U div_u(U a, U b, TrapKind& t) noexcept {
  if (b == 0) {
    t = TrapKind::IntegerDivideByZero;
    return 0;
  }
  return a / b;
}
template <class U>
inline U rem_s(U a, U b, TrapKind& t) noexcept {
  using S = std::make_signed_t<U>;
  if (b == 0) {
    t = TrapKind::IntegerDivideByZero;
    return 0;
  }
  if (S(b) == -1) return 0;  // also avoids INT_MIN % -1, which overflows in C
  return U(S(a) % S(b));
}
template <class U>
inline U rem_u(U a, U b, TrapKind& t) noexcept {
  if (b == 0) {
    t = TrapKind::IntegerDivideByZero;
    return 0;
  }
  return a % b;
}

// Floats: sign-bit operations must not touch NaN payloads, so they work on the bits.
template <class F>
inline F fabs_bits(F v) noexcept {
  using U = std::conditional_t<sizeof(F) == 4, uint32_t, uint64_t>;
  return bits<F>(U(bits<U>(v) & ~(U(1) << (sizeof(F) * 8 - 1))));
}
template <class F>
inline F fneg_bits(F v) noexcept {
  using U = std::conditional_t<sizeof(F) == 4, uint32_t, uint64_t>;
  return bits<F>(U(bits<U>(v) ^ (U(1) << (sizeof(F) * 8 - 1))));
}
template <class F>
inline F fcopysign_bits(F a, F b) noexcept {
  using U = std::conditional_t<sizeof(F) == 4, uint32_t, uint64_t>;
  constexpr U sign = U(1) << (sizeof(F) * 8 - 1);
  return bits<F>(U((bits<U>(a) & ~sign) | (bits<U>(b) & sign)));
}
template <class F>
inline F fmin(F a, F b) noexcept {
  if (a != a || b != b) return a + b;  // NaN in, quiet NaN out
  if (a == 0 && b == 0) return std::signbit(a) ? a : b;
  return a < b ? a : b;
}
template <class F>
inline F fmax(F a, F b) noexcept {
  if (a != a || b != b) return a + b;
  if (a == 0 && b == 0) return std::signbit(a) ? b : a;
  return a > b ? a : b;
}
// A float already rounded to its type, hidden from the optimiser. Wasm rounds after every operation;
// a compiler allowed to contract (GCC's default -ffp-contract=fast, on any target with a fused
// multiply-add: x86-64 with -mfma, s390x, AArch64, Cortex-M4F/M7) turns `p = a * b; p + c` into one
// fma that rounds once, even across statements. The empty asm claims to rewrite v in place, so the
// add sees a value the compiler cannot trace back to the multiply: no contraction, and no
// instruction is emitted (the constraint keeps v in its floating-point register). Does not rely on
// -ffp-contract=off, which an embedder's own build may not pass.
template <class F>
inline F rounded(F v) noexcept {
  static_assert(sizeof(F) == 4 || sizeof(F) == 8, "float or double");
#if defined(__GNUC__) || defined(__clang__)
#if defined(__x86_64__) || (defined(__i386__) && defined(__SSE2__))
  __asm__("" : "+x"(v));
#elif defined(__aarch64__)
  __asm__("" : "+w"(v));
#elif defined(__s390x__) || defined(__s390__)
  __asm__("" : "+f"(v));
#elif defined(__arm__) && defined(__ARM_FP) && !defined(__SOFTFP__)
  // Single precision lives in s registers ("t"); double only has d registers ("w") when the FPU
  // does double precision (bit 3 of __ARM_FP), else it is software float, which never fuses.
  if constexpr (sizeof(F) == 4) {
    __asm__("" : "+t"(v));
  } else {
#if (__ARM_FP & 8)
    __asm__("" : "+w"(v));
#else
    __asm__("" : "+r"(v));
#endif
  }
#else
  __asm__("" : "+m"(v));  // any other target: through memory, which the compiler must round into
#endif
#endif
  return v;
}

// Rounding functions of some C libraries return a signalling NaN input unchanged; wasm requires an
// arithmetic (quiet) NaN, which adding the NaN to itself produces.
template <class F, class Fn>
inline F rounding(F v, Fn fn) noexcept {
  return v != v ? v + v : fn(v);
}
inline float fnearest(float v) noexcept {
  return rounding(v, [](float x) { return std::nearbyint(x); });
}
inline double fnearest(double v) noexcept {
  return rounding(v, [](double x) { return std::nearbyint(x); });
}

// Truncation with the spec's traps: NaN is an invalid conversion, out of range an overflow.
// The bounds are exclusive limits exactly representable in the source type.
template <class I, class F>
inline I trunc_checked(F v, F lower, F upper, TrapKind& t) noexcept {
  if (v != v) {
    t = TrapKind::InvalidConversionToInteger;
    return 0;
  }
  if (!(v > lower && v < upper)) {
    t = TrapKind::IntegerOverflow;
    return 0;
  }
  return I(v);
}
template <class I, class F>
inline I trunc_sat(F v) noexcept {
  if (v != v) return 0;
  if (v <= F(std::numeric_limits<I>::min())) return std::numeric_limits<I>::min();
  if (v >= F(std::numeric_limits<I>::max())) return std::numeric_limits<I>::max();
  return I(v);
}

#define T_ TrapKind& t [[maybe_unused]]
// clang-format off
inline uint32_t I32Eqz(uint32_t a, T_) noexcept { return a == 0; }
inline uint32_t I32Eq(uint32_t a, uint32_t b, T_) noexcept { return a == b; }
inline uint32_t I32Ne(uint32_t a, uint32_t b, T_) noexcept { return a != b; }
inline uint32_t I32LtS(uint32_t a, uint32_t b, T_) noexcept { return int32_t(a) < int32_t(b); }
inline uint32_t I32LtU(uint32_t a, uint32_t b, T_) noexcept { return a < b; }
inline uint32_t I32GtS(uint32_t a, uint32_t b, T_) noexcept { return int32_t(a) > int32_t(b); }
inline uint32_t I32GtU(uint32_t a, uint32_t b, T_) noexcept { return a > b; }
inline uint32_t I32LeS(uint32_t a, uint32_t b, T_) noexcept { return int32_t(a) <= int32_t(b); }
inline uint32_t I32LeU(uint32_t a, uint32_t b, T_) noexcept { return a <= b; }
inline uint32_t I32GeS(uint32_t a, uint32_t b, T_) noexcept { return int32_t(a) >= int32_t(b); }
inline uint32_t I32GeU(uint32_t a, uint32_t b, T_) noexcept { return a >= b; }
inline uint32_t I64Eqz(uint64_t a, T_) noexcept { return a == 0; }
inline uint32_t I64Eq(uint64_t a, uint64_t b, T_) noexcept { return a == b; }
inline uint32_t I64Ne(uint64_t a, uint64_t b, T_) noexcept { return a != b; }
inline uint32_t I64LtS(uint64_t a, uint64_t b, T_) noexcept { return int64_t(a) < int64_t(b); }
inline uint32_t I64LtU(uint64_t a, uint64_t b, T_) noexcept { return a < b; }
inline uint32_t I64GtS(uint64_t a, uint64_t b, T_) noexcept { return int64_t(a) > int64_t(b); }
inline uint32_t I64GtU(uint64_t a, uint64_t b, T_) noexcept { return a > b; }
inline uint32_t I64LeS(uint64_t a, uint64_t b, T_) noexcept { return int64_t(a) <= int64_t(b); }
inline uint32_t I64LeU(uint64_t a, uint64_t b, T_) noexcept { return a <= b; }
inline uint32_t I64GeS(uint64_t a, uint64_t b, T_) noexcept { return int64_t(a) >= int64_t(b); }
inline uint32_t I64GeU(uint64_t a, uint64_t b, T_) noexcept { return a >= b; }
inline uint32_t F32Eq(float a, float b, T_) noexcept { return a == b; }
inline uint32_t F32Ne(float a, float b, T_) noexcept { return a != b; }
inline uint32_t F32Lt(float a, float b, T_) noexcept { return a < b; }
inline uint32_t F32Gt(float a, float b, T_) noexcept { return a > b; }
inline uint32_t F32Le(float a, float b, T_) noexcept { return a <= b; }
inline uint32_t F32Ge(float a, float b, T_) noexcept { return a >= b; }
inline uint32_t F64Eq(double a, double b, T_) noexcept { return a == b; }
inline uint32_t F64Ne(double a, double b, T_) noexcept { return a != b; }
inline uint32_t F64Lt(double a, double b, T_) noexcept { return a < b; }
inline uint32_t F64Gt(double a, double b, T_) noexcept { return a > b; }
inline uint32_t F64Le(double a, double b, T_) noexcept { return a <= b; }
inline uint32_t F64Ge(double a, double b, T_) noexcept { return a >= b; }

inline uint32_t I32Clz(uint32_t a, T_) noexcept { return clz(a); }
inline uint32_t I32Ctz(uint32_t a, T_) noexcept { return ctz(a); }
inline uint32_t I32Popcnt(uint32_t a, T_) noexcept { return popcnt(a); }
inline uint32_t I32Add(uint32_t a, uint32_t b, T_) noexcept { return a + b; }
inline uint32_t I32Sub(uint32_t a, uint32_t b, T_) noexcept { return a - b; }
inline uint32_t I32Mul(uint32_t a, uint32_t b, T_) noexcept { return a * b; }
inline uint32_t I32DivS(uint32_t a, uint32_t b, T_) noexcept { return div_s(a, b, t); }
inline uint32_t I32DivU(uint32_t a, uint32_t b, T_) noexcept { return div_u(a, b, t); }
inline uint32_t I32RemS(uint32_t a, uint32_t b, T_) noexcept { return rem_s(a, b, t); }
inline uint32_t I32RemU(uint32_t a, uint32_t b, T_) noexcept { return rem_u(a, b, t); }
inline uint32_t I32And(uint32_t a, uint32_t b, T_) noexcept { return a & b; }
inline uint32_t I32Or(uint32_t a, uint32_t b, T_) noexcept { return a | b; }
inline uint32_t I32Xor(uint32_t a, uint32_t b, T_) noexcept { return a ^ b; }
inline uint32_t I32Shl(uint32_t a, uint32_t b, T_) noexcept { return a << (b & 31); }
inline uint32_t I32ShrS(uint32_t a, uint32_t b, T_) noexcept { return uint32_t(int32_t(a) >> (b & 31)); }
inline uint32_t I32ShrU(uint32_t a, uint32_t b, T_) noexcept { return a >> (b & 31); }
inline uint32_t I32Rotl(uint32_t a, uint32_t b, T_) noexcept { return rotl(a, b); }
inline uint32_t I32Rotr(uint32_t a, uint32_t b, T_) noexcept { return rotr(a, b); }

inline uint64_t I64Clz(uint64_t a, T_) noexcept { return clz(a); }
inline uint64_t I64Ctz(uint64_t a, T_) noexcept { return ctz(a); }
inline uint64_t I64Popcnt(uint64_t a, T_) noexcept { return popcnt(a); }
inline uint64_t I64Add(uint64_t a, uint64_t b, T_) noexcept { return a + b; }
inline uint64_t I64Sub(uint64_t a, uint64_t b, T_) noexcept { return a - b; }
inline uint64_t I64Mul(uint64_t a, uint64_t b, T_) noexcept { return a * b; }
inline uint64_t I64DivS(uint64_t a, uint64_t b, T_) noexcept { return div_s(a, b, t); }
inline uint64_t I64DivU(uint64_t a, uint64_t b, T_) noexcept { return div_u(a, b, t); }
inline uint64_t I64RemS(uint64_t a, uint64_t b, T_) noexcept { return rem_s(a, b, t); }
inline uint64_t I64RemU(uint64_t a, uint64_t b, T_) noexcept { return rem_u(a, b, t); }
inline uint64_t I64And(uint64_t a, uint64_t b, T_) noexcept { return a & b; }
inline uint64_t I64Or(uint64_t a, uint64_t b, T_) noexcept { return a | b; }
inline uint64_t I64Xor(uint64_t a, uint64_t b, T_) noexcept { return a ^ b; }
inline uint64_t I64Shl(uint64_t a, uint64_t b, T_) noexcept { return a << (b & 63); }
inline uint64_t I64ShrS(uint64_t a, uint64_t b, T_) noexcept { return uint64_t(int64_t(a) >> (b & 63)); }
inline uint64_t I64ShrU(uint64_t a, uint64_t b, T_) noexcept { return a >> (b & 63); }
inline uint64_t I64Rotl(uint64_t a, uint64_t b, T_) noexcept { return rotl(a, b); }
inline uint64_t I64Rotr(uint64_t a, uint64_t b, T_) noexcept { return rotr(a, b); }

inline float F32Abs(float a, T_) noexcept { return fabs_bits(a); }
inline float F32Neg(float a, T_) noexcept { return fneg_bits(a); }
inline float F32Ceil(float a, T_) noexcept { return rounding(a, [](const float x) { return std::ceil(x); }); }
inline float F32Floor(float a, T_) noexcept { return rounding(a, [](const float x) { return std::floor(x); }); }
inline float F32Trunc(float a, T_) noexcept { return rounding(a, [](const float x) { return std::trunc(x); }); }
inline float F32Nearest(float a, T_) noexcept { return fnearest(a); }
inline float F32Sqrt(float a, T_) noexcept { return std::sqrt(a); }
inline float F32Add(float a, float b, T_) noexcept { return a + b; }
inline float F32Sub(float a, float b, T_) noexcept { return a - b; }
inline float F32Mul(float a, float b, T_) noexcept { return a * b; }
inline float F32Div(float a, float b, T_) noexcept { return a / b; }
inline float F32Min(float a, float b, T_) noexcept { return fmin(a, b); }
inline float F32Max(float a, float b, T_) noexcept { return fmax(a, b); }
inline float F32Copysign(float a, float b, T_) noexcept { return fcopysign_bits(a, b); }
inline double F64Abs(double a, T_) noexcept { return fabs_bits(a); }
inline double F64Neg(double a, T_) noexcept { return fneg_bits(a); }
inline double F64Ceil(double a, T_) noexcept { return rounding(a, [](const double x) { return std::ceil(x); }); }
inline double F64Floor(double a, T_) noexcept { return rounding(a, [](const double x) { return std::floor(x); }); }
inline double F64Trunc(double a, T_) noexcept { return rounding(a, [](const double x) { return std::trunc(x); }); }
inline double F64Nearest(double a, T_) noexcept { return fnearest(a); }
inline double F64Sqrt(double a, T_) noexcept { return std::sqrt(a); }
inline double F64Add(double a, double b, T_) noexcept { return a + b; }
inline double F64Sub(double a, double b, T_) noexcept { return a - b; }
inline double F64Mul(double a, double b, T_) noexcept { return a * b; }
inline double F64Div(double a, double b, T_) noexcept { return a / b; }
inline double F64Min(double a, double b, T_) noexcept { return fmin(a, b); }
inline double F64Max(double a, double b, T_) noexcept { return fmax(a, b); }
inline double F64Copysign(double a, double b, T_) noexcept { return fcopysign_bits(a, b); }

inline uint32_t I32WrapI64(uint64_t a, T_) noexcept { return uint32_t(a); }
inline uint32_t I32TruncF32S(float a, T_) noexcept { return uint32_t(trunc_checked<int32_t>(a, -2147483904.0f, 2147483648.0f, t)); }
inline uint32_t I32TruncF32U(float a, T_) noexcept { return trunc_checked<uint32_t>(a, -1.0f, 4294967296.0f, t); }
inline uint32_t I32TruncF64S(double a, T_) noexcept { return uint32_t(trunc_checked<int32_t>(a, -2147483649.0, 2147483648.0, t)); }
inline uint32_t I32TruncF64U(double a, T_) noexcept { return trunc_checked<uint32_t>(a, -1.0, 4294967296.0, t); }
inline uint64_t I64ExtendI32S(uint32_t a, T_) noexcept { return uint64_t(int64_t(int32_t(a))); }
inline uint64_t I64ExtendI32U(uint32_t a, T_) noexcept { return a; }
inline uint64_t I64TruncF32S(float a, T_) noexcept { return uint64_t(trunc_checked<int64_t>(a, -9223373136366403584.0f, 9223372036854775808.0f, t)); }
inline uint64_t I64TruncF32U(float a, T_) noexcept { return trunc_checked<uint64_t>(a, -1.0f, 18446744073709551616.0f, t); }
inline uint64_t I64TruncF64S(double a, T_) noexcept { return uint64_t(trunc_checked<int64_t>(a, -9223372036854777856.0, 9223372036854775808.0, t)); }
inline uint64_t I64TruncF64U(double a, T_) noexcept { return trunc_checked<uint64_t>(a, -1.0, 18446744073709551616.0, t); }
inline float F32ConvertI32S(uint32_t a, T_) noexcept { return float(int32_t(a)); }
inline float F32ConvertI32U(uint32_t a, T_) noexcept { return float(a); }
inline float F32ConvertI64S(uint64_t a, T_) noexcept { return float(int64_t(a)); }
inline float F32ConvertI64U(uint64_t a, T_) noexcept { return float(a); }
inline float F32DemoteF64(double a, T_) noexcept { return float(a); }
inline double F64ConvertI32S(uint32_t a, T_) noexcept { return double(int32_t(a)); }
inline double F64ConvertI32U(uint32_t a, T_) noexcept { return double(a); }
inline double F64ConvertI64S(uint64_t a, T_) noexcept { return double(int64_t(a)); }
inline double F64ConvertI64U(uint64_t a, T_) noexcept { return double(a); }
inline double F64PromoteF32(float a, T_) noexcept { return double(a); }
inline uint32_t I32ReinterpretF32(float a, T_) noexcept { return bits<uint32_t>(a); }
inline uint64_t I64ReinterpretF64(double a, T_) noexcept { return bits<uint64_t>(a); }
inline float F32ReinterpretI32(uint32_t a, T_) noexcept { return bits<float>(a); }
inline double F64ReinterpretI64(uint64_t a, T_) noexcept { return bits<double>(a); }
inline uint32_t I32Extend8S(uint32_t a, T_) noexcept { return uint32_t(int32_t(int8_t(a))); }
inline uint32_t I32Extend16S(uint32_t a, T_) noexcept { return uint32_t(int32_t(int16_t(a))); }
inline uint64_t I64Extend8S(uint64_t a, T_) noexcept { return uint64_t(int64_t(int8_t(a))); }
inline uint64_t I64Extend16S(uint64_t a, T_) noexcept { return uint64_t(int64_t(int16_t(a))); }
inline uint64_t I64Extend32S(uint64_t a, T_) noexcept { return uint64_t(int64_t(int32_t(a))); }

inline uint32_t I32TruncSatF32S(float a, T_) noexcept { return uint32_t(trunc_sat<int32_t>(a)); }
inline uint32_t I32TruncSatF32U(float a, T_) noexcept { return trunc_sat<uint32_t>(a); }
inline uint32_t I32TruncSatF64S(double a, T_) noexcept { return uint32_t(trunc_sat<int32_t>(a)); }
inline uint32_t I32TruncSatF64U(double a, T_) noexcept { return trunc_sat<uint32_t>(a); }
inline uint64_t I64TruncSatF32S(float a, T_) noexcept { return uint64_t(trunc_sat<int64_t>(a)); }
inline uint64_t I64TruncSatF32U(float a, T_) noexcept { return trunc_sat<uint64_t>(a); }
inline uint64_t I64TruncSatF64S(double a, T_) noexcept { return uint64_t(trunc_sat<int64_t>(a)); }
inline uint64_t I64TruncSatF64U(double a, T_) noexcept { return trunc_sat<uint64_t>(a); }
// clang-format on
#undef T_

}  // namespace ember::detail::num
