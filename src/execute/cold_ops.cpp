// Ember: the cold numeric instructions and memory accesses of size-first builds, out of line (see
// cold_ops.h). cold_unop, cold_binop and cold_memory_access are each a switch over the opcode
// table, the immediate and compare-and-branch forms run as the binary op they fuse; the operations
// themselves are num::Name (numeric.h) and ld_/st_Name (memory_access.h), exactly as the inline
// handlers run them.
#include "execute/cold_ops.h"

#include "execute/memory_access.h"
#include "execute/numeric.h"
#include "execute/slot_values.h"
#include "module/opcodes.h"

namespace ember::detail {

#if EMBER_SMALL_CODE

// Builds without floats never load a float instruction: their cases compile to nothing.
#define EMBER_COLD_SKIP(Name, In, Out)                                                                      \
  if (!EMBER_IS_COLD_OP(Name, In, Out) || (!EMBER_FLOATS && (EMBER_IS_FLOAT_##In || EMBER_IS_FLOAT_##Out))) \
  break

// Whether the f32 truncations and comparisons below run as their f64 forms: everywhere but on an
// FPU with f32 and no f64 (Cortex-M4F), where the f32 forms are a few instructions each and f64
// is the software one.
#if defined(__ARM_FP) && (__ARM_FP & 4) && !(__ARM_FP & 8)
constexpr bool kF32ViaF64 = false;
#else
constexpr bool kF32ViaF64 = EMBER_FLOATS;
#endif

// The f64 form of an f32 -> integer truncation (Op::Count for any other op). An f32 converts to
// f64 exactly, and the f64 forms' exclusive bounds admit exactly the f32 values the f32 bounds do,
// so the f32 truncations run as the f64 ones: one copy of each range check instead of two.
constexpr Op f32_truncation_as_f64(Op op) noexcept {
  if (!kF32ViaF64) return Op::Count;
  switch (op) {
    case Op::I32TruncF32S: return Op::I32TruncF64S;
    case Op::I32TruncF32U: return Op::I32TruncF64U;
    case Op::I64TruncF32S: return Op::I64TruncF64S;
    case Op::I64TruncF32U: return Op::I64TruncF64U;
    case Op::I32TruncSatF32S: return Op::I32TruncSatF64S;
    case Op::I32TruncSatF32U: return Op::I32TruncSatF64U;
    case Op::I64TruncSatF32S: return Op::I64TruncSatF64S;
    case Op::I64TruncSatF32U: return Op::I64TruncSatF64U;
    default: return Op::Count;
  }
}

// Whether f32 op is one of the arithmetic ops that run as their f64 form (ceil, floor, trunc,
// nearest, sqrt; add, sub, mul, div, min, max: contiguous in the opcode table, each f64 form 14
// ops on). Rounding to an integer value and min/max are exact on the widened operands; for the
// others a double is wider than 2 * 24 + 2 bits, so rounding the f64 result to f32 gives the
// correctly rounded f32 result (double rounding is innocuous there), and NaNs stay NaNs (canonical
// ones canonical). Abs, neg and copysign are left out: they keep a NaN's payload bit for bit,
// which the widening would quiet.
constexpr bool f32_arith_via_f64(Op op) noexcept {
  return kF32ViaF64 && uint32_t(op) - uint32_t(Op::F32Ceil) <= uint32_t(Op::F32Max) - uint32_t(Op::F32Ceil);
}
static_assert(uint32_t(Op::F64Ceil) - uint32_t(Op::F32Ceil) == 14 &&
                  uint32_t(Op::F64Max) - uint32_t(Op::F32Max) == 14,
              "the f64 form of each f32 op is 14 ops after it");
constexpr Op as_f64_form(Op op) noexcept { return Op(uint32_t(op) + 14); }
static uint64_t widen(uint64_t f32) noexcept { return put_F64(double(get_F32(f32))); }
static uint64_t narrow(uint64_t f64) noexcept { return put_F32(float(get_F64(f64))); }

uint64_t cold_unop(Op op, uint64_t a, TrapKind* t) noexcept {
  if (f32_arith_via_f64(op)) return narrow(cold_unop(as_f64_form(op), widen(a), t));
  if (kF32ViaF64) {
    Op as_f64 = f32_truncation_as_f64(op);
    if (as_f64 != Op::Count) {
      op = as_f64;
      a = widen(a);
    }
  }
  switch (op) {
#define EMBER_UNOP(Name, code, text, In, Out)                                               \
  case Op::Name: {                                                                          \
    EMBER_COLD_SKIP(Name, In, Out);                                                         \
    if (f32_truncation_as_f64(Op::Name) != Op::Count || f32_arith_via_f64(Op::Name)) break; \
    return put_##Out(num::Name(get_##In(a), *t));                                           \
  }
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) EMBER_UNOP(Name, 0, text, In, Out)
#include "module/opcodes.def"
    default: break;
  }
  return 0;
}

// The f64 form of an f32 comparison (Op::Count for any other op): f32 operands convert to f64
// exactly, NaNs included, so they compare the same there.
constexpr Op f32_comparison_as_f64(Op op) noexcept {
  if (!kF32ViaF64) return Op::Count;
  switch (op) {
    case Op::F32Eq: return Op::F64Eq;
    case Op::F32Ne: return Op::F64Ne;
    case Op::F32Lt: return Op::F64Lt;
    case Op::F32Gt: return Op::F64Gt;
    case Op::F32Le: return Op::F64Le;
    case Op::F32Ge: return Op::F64Ge;
    default: return Op::Count;
  }
}

uint64_t cold_binop(Op op, uint64_t a, uint64_t b, TrapKind* t) noexcept {
  if (f32_arith_via_f64(op)) return narrow(cold_binop(as_f64_form(op), widen(a), widen(b), t));
  if (kF32ViaF64) {
    Op as_f64 = f32_comparison_as_f64(op);
    if (as_f64 != Op::Count) {
      op = as_f64;
      a = widen(a);
      b = widen(b);
    }
  }
  switch (op) {
#define EMBER_BINOP(Name, code, text, In, Out)                                              \
  case Op::Name: {                                                                          \
    EMBER_COLD_SKIP(Name, In, Out);                                                         \
    if (f32_comparison_as_f64(Op::Name) != Op::Count || f32_arith_via_f64(Op::Name)) break; \
    return put_##Out(num::Name(get_##In(a), get_##In(b), *t));                              \
  }
#include "module/opcodes.def"
    default: break;
  }
  return 0;
}

// Each immediate form's register form, in Op order from Op::I32AddImm, with kImmI64 set when its
// immediate is sign-extended to an i64 operand: one lookup instead of a case per form.
constexpr uint16_t kImmI64 = 0x8000;
static_assert(uint32_t(Op::Count) < kImmI64, "an Op fits below kImmI64");
constexpr uint16_t kRegisterForm[] = {
#define EMBER_COLD_IMM(Name, In, Out) uint16_t(uint32_t(Op::Name) | (EMBER_COLD_TYPE_##In ? kImmI64 : 0)),
    EMBER_IR_BINOP_IMM(EMBER_COLD_IMM)
#undef EMBER_COLD_IMM
};
static_assert(sizeof kRegisterForm / sizeof kRegisterForm[0] ==
                  uint32_t(Op::BrIfI32Eq) - uint32_t(Op::I32AddImm),
              "the immediate forms run from Op::I32AddImm to the compare-and-branch forms");

uint64_t cold_binop_imm(Op op, uint64_t a, uint32_t imm) noexcept {
  TrapKind t = TrapKind::None;  // no immediate form traps
  const uint16_t form = kRegisterForm[uint32_t(op) - uint32_t(Op::I32AddImm)];
  const uint64_t b = (form & kImmI64) ? imm_I64(imm) : imm_I32(imm);
  return cold_binop(Op(form & ~kImmI64), a, b, &t);
}

// The cold compare-and-branch forms are the i64 ones: pairs (BrIfName, BrIfNameImm) in the order
// of the i64 comparisons, so each is the comparison cold_binop runs, found by arithmetic.
static_assert(uint32_t(Op::BrIfI64GeU) - uint32_t(Op::BrIfI64Eq) ==
                      2 * (uint32_t(Op::I64GeU) - uint32_t(Op::I64Eq)) &&
                  uint32_t(Op::BrIfI64LtU) - uint32_t(Op::BrIfI64Eq) ==
                      2 * (uint32_t(Op::I64LtU) - uint32_t(Op::I64Eq)),
              "the i64 compare-and-branch pairs follow the i64 comparisons' order");
bool cold_compare(Op op, uint64_t a, uint64_t b) noexcept {
  TrapKind t = TrapKind::None;  // comparisons never trap
  const Op cmp = Op(uint32_t(Op::I64Eq) + (uint32_t(op) - uint32_t(Op::BrIfI64Eq)) / 2);
  return cold_binop(cmp, a, b, &t) != 0;
}

#undef EMBER_COLD_SKIP

// Each load's and store's access width, in Op order from Op::I32Load (the loads, then the stores).
constexpr uint8_t kAccessBytes[] = {
#define EMBER_LOAD(Name, code, text, T, n) n,
#define EMBER_STORE(Name, code, text, T, n) n,
#include "module/opcodes.def"
};
static_assert(sizeof kAccessBytes == uint32_t(Op::I64Store32) - uint32_t(Op::I32Load) + 1 &&
                  uint32_t(Op::I32Store) == uint32_t(Op::I64Load32U) + 1,
              "the loads, then the stores, run from Op::I32Load in opcode-table order");

bool cold_memory_access(const uint32_t* pc, uint64_t* fp, uint8_t* mem_base, uint64_t mem_size) noexcept {
  const Op op = Op(pc[0]);
  const uint32_t bytes = kAccessBytes[uint32_t(op) - uint32_t(Op::I32Load)];
  const bool store = op >= Op::I32Store;
  uint64_t ea = uint64_t(uint32_t(fp[pc[store ? 1 : 2]])) + pc[3];
  if (ea + bytes > mem_size) return false;
  uint8_t* p = mem_base + ea;
  switch (op) {
#define EMBER_LOAD(Name, code, text, T, n) \
  case Op::Name:                           \
    fp[pc[1]] = ld_##Name(p);              \
    break;
#define EMBER_STORE(Name, code, text, T, n) \
  case Op::Name:                            \
    st_##Name(p, fp[pc[2]]);                \
    break;
#include "module/opcodes.def"
    default: break;
  }
  return true;
}

#endif  // EMBER_SMALL_CODE

}  // namespace ember::detail
