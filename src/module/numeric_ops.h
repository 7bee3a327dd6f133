// Ember: the typing of the plain numeric instructions (every EMBER_UNOP and EMBER_BINOP of
// opcodes.def), one byte per opcode. They are the contiguous wasm opcodes 0x45..0xC4, so the
// validator and the compiler type them with one table look-up instead of a switch case each (on the
// Cortex-M3 the cases cost several KB of code; the table is 128 bytes).
#pragma once

#include <cstdint>

#include "ember/types.h"
#include "module/opcodes.h"

namespace ember::detail {

inline constexpr uint8_t kFirstNumericOpcode = uint8_t(Opcode::I32Eqz);
inline constexpr uint8_t kNumericOpcodeCount = uint8_t(Opcode::I64Extend32S) - kFirstNumericOpcode + 1;

// Whether `op` is one of the table's opcodes.
constexpr bool is_numeric_opcode(uint8_t op) noexcept {
  return uint8_t(op - kFirstNumericOpcode) < kNumericOpcodeCount;
}

// One entry: bits 0-1 the operand type, 2-3 the result type (0..3: i32, i64, f32, f64, whose
// ValType bits are 0x7F down to 0x7C), bit 4 set for a binary operator.
class NumericOp {
 public:
  static constexpr uint8_t type_code(ValType t) noexcept { return uint8_t(0x7F - t.bits()); }
  static constexpr NumericOp make(ValType in, ValType out, bool binary) noexcept {
    return NumericOp(uint8_t(type_code(in) | type_code(out) << 2 | (binary ? kBinary : 0)));
  }
  constexpr NumericOp() noexcept = default;
  constexpr ValType in() const noexcept { return ValType::from_bits(0x7Fu - (bits_ & 3u)); }
  constexpr ValType out() const noexcept { return ValType::from_bits(0x7Fu - (bits_ >> 2 & 3u)); }
  constexpr bool binary() const noexcept { return (bits_ & kBinary) != 0; }

 private:
  static constexpr uint8_t kBinary = 0x10;
  constexpr explicit NumericOp(uint8_t bits) noexcept : bits_(bits) {}
  uint8_t bits_ = 0;
};

struct NumericTable {
  NumericOp op[kNumericOpcodeCount];
};

constexpr NumericTable make_numeric_table() {
  NumericTable t{};
#define EMBER_UNOP(Name, code, text, In, Out) \
  t.op[code - kFirstNumericOpcode] = NumericOp::make(ValType::In, ValType::Out, false);
#define EMBER_BINOP(Name, code, text, In, Out) \
  t.op[code - kFirstNumericOpcode] = NumericOp::make(ValType::In, ValType::Out, true);
#include "module/opcodes.def"
  return t;
}

inline constexpr NumericTable kNumericOps = make_numeric_table();

// The table relies on the numeric opcodes filling their range: none outside it, no gap inside.
constexpr bool numeric_opcodes_fill_range() {
  uint32_t count = 0;
  bool inside = true;
#define EMBER_UNOP(Name, code, text, In, Out) ++count, inside = inside && is_numeric_opcode(code);
#define EMBER_BINOP(Name, code, text, In, Out) ++count, inside = inside && is_numeric_opcode(code);
#include "module/opcodes.def"
  return inside && count == kNumericOpcodeCount;
}
static_assert(numeric_opcodes_fill_range(), "the numeric opcodes must be exactly 0x45..0xC4");

// The typing of numeric opcode `op` (is_numeric_opcode(op) must hold).
constexpr NumericOp numeric_op(uint8_t op) noexcept { return kNumericOps.op[op - kFirstNumericOpcode]; }

}  // namespace ember::detail
