// Ember text format: instruction names, their encodings and the shape of their immediates, read
// from the core's opcode table (src/module/opcodes.def) so the text parser and the decoder agree on
// every opcode; plus the set of all keywords the text format knows.
#pragma once

#include <cstdint>
#include <string_view>

namespace ember::text::detail {

// What follows an instruction's name in the text format.
enum class Imm : uint8_t {
  None,
  Block,         // block / loop / if: label, block type
  Else,          // `else` (only inside if)
  End,           // `end` (only closing a block)
  Label,         // br, br_if
  BrTable,       // label+
  Func,          // call, return_call, ref.func
  CallIndirect,  // table? typeuse
  Local,
  Global,
  Table,       // table.get/set/size/grow/fill: table? (default 0)
  TableCopy,   // (table table)?
  TableInit,   // table? elem
  Elem,        // elem.drop
  MemoryByte,  // memory.size / memory.grow / memory.fill: a reserved 0x00
  MemoryCopy,  // two reserved 0x00
  MemoryInit,  // data, then a reserved 0x00
  Data,        // data.drop
  MemArg,      // offset=? align=?
  I32,
  I64,
  F32,
  F64,
  Select,       // (result t*)*
  RefNull,      // heap type
  V128Const,    // shape, lanes
  Shuffle,      // 16 lane indices
  Lane,         // one lane index
  MemArgLane,   // memarg, then a lane index
  Unsupported,  // in the opcode table but with no text form here
};

struct InstrInfo {
  std::string_view name;
  uint8_t prefix = 0;  // 0, 0xFC or 0xFD
  uint32_t code = 0;   // opcode, or sub-opcode after the prefix
  Imm imm = Imm::None;
  uint8_t align_log2 = 0;  // MemArg / MemArgLane: natural alignment
};

// The instruction named `name`, or nullptr.
const InstrInfo* find_instruction(std::string_view name) noexcept;

// True if `word` is a keyword of the text format or of `.wast` scripts (instruction names,
// field and type keywords, `offset=N`, `align=N`, ...). Other keyword-like tokens are rejected as
// "unknown operator", as the spec's reference lexer does.
bool is_known_keyword(std::string_view word) noexcept;

}  // namespace ember::text::detail
