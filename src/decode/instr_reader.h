// Ember: decodes one instruction and its immediates. Shared by the validator and the compiler so both
// see exactly the same instruction stream.
#pragma once

#include <cstdint>

#include "module/opcodes.h"
#include "util/reader.h"

namespace ember::detail {

// Block type: empty, one value type, or a type index.
struct BlockType {
  enum Kind : uint8_t { Empty, Value, TypeIndex } kind = Empty;
  uint8_t value_type = 0;  // Kind::Value: the ValType byte
  uint32_t type_index = 0; // Kind::TypeIndex
};

struct Instr {
  uint32_t offset = 0;  // byte offset of the opcode in the module
  uint8_t op = 0;       // Opcode
  uint32_t sub = 0;     // sub-opcode after 0xFC / 0xFD
  uint32_t a = 0;       // first index immediate (label, function, type, local, global, table, data, elem, memory)
  uint32_t b = 0;       // second index immediate (call_indirect/table.init: table; table.copy: source)
  uint64_t imm = 0;     // constant bits (i32/f32 in the low half), or memarg offset
  uint32_t align = 0;   // memarg alignment exponent
  uint32_t count = 0;   // br_table: number of labels before the default; select t*: number of types
  uint32_t list_pos = 0;  // br_table / select t*: offset of the first list entry (re-read with a Reader)
  BlockType block;
};

// Reads one instruction at r.pos(). On malformed input returns false with the error recorded in `r`
// ("illegal opcode", "zero byte expected", "unexpected end", "integer too large", ...).
// `multi_memory` allows memory indices in memargs and memory.size/grow.
bool read_instr(Reader& r, Instr* out, bool multi_memory = false) noexcept;

// Reads a value type byte; false (with "malformed value type" recorded) if it is not one.
bool read_value_type(Reader& r, uint8_t* out) noexcept;
// Reads a reference type byte (funcref / externref).
bool read_ref_type(Reader& r, uint8_t* out) noexcept;
// True if `b` encodes a value type.
bool is_value_type_byte(uint8_t b) noexcept;

}  // namespace ember::detail
