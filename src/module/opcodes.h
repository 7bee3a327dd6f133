// Ember: opcode enumerations expanded from opcodes.def.
#pragma once

// EMBER_IS_FLOAT_##T: whether an opcode-table type name (I32, I64, F32, F64) is a float type, for
// the X-macro expansions that leave float code out of builds without floats (EMBER_FLOATS 0).
#define EMBER_IS_FLOAT_I32 false
#define EMBER_IS_FLOAT_I64 false
#define EMBER_IS_FLOAT_F32 true
#define EMBER_IS_FLOAT_F64 true

#include <cstdint>

namespace ember::detail {

// Single-byte opcodes.
enum class Opcode : uint8_t {
#define EMBER_CONTROL(Name, code, text) Name = code,
#define EMBER_LOAD(Name, code, text, T, bytes) Name = code,
#define EMBER_STORE(Name, code, text, T, bytes) Name = code,
#define EMBER_UNOP(Name, code, text, In, Out) Name = code,
#define EMBER_BINOP(Name, code, text, In, Out) Name = code,
#include "module/opcodes.def"
  PrefixFC = 0xFC,
  PrefixFD = 0xFD,
};

// Sub-opcodes after the 0xFC prefix.
enum class OpcodeFC : uint32_t {
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) Name = subcode,
#define EMBER_FC_OP(Name, subcode, text) Name = subcode,
#include "module/opcodes.def"
};

// Text name of an opcode (for diagnostics), or nullptr if unknown.
const char* opcode_name(uint8_t op) noexcept;
const char* opcode_fc_name(uint32_t subop) noexcept;

}  // namespace ember::detail
