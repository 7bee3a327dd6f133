// Ember: the text form of the threaded code (ir.h), one line per IR instruction, for
// `ember inspect --ir` and the golden tests that pin what the compiler emits.
#pragma once

#include <cstddef>
#include <cstdint>

#include "compile/ir.h"

namespace ember::detail {

// The instruction's name: wasm's text for the ops taken from the opcode table ("i32.add"), the
// same with a suffix or prefix for the forms derived from them ("i32.add_imm", "br_if.i32.lt_s",
// "add_imm.br_if.i32.lt_s", "i32.load.add", "f64.mul_add"), and snake case for the others
// ("br_if_eqz", "copy2"). Writes at most `size` bytes, NUL included.
void ir_op_name(Op op, char* out, std::size_t size) noexcept;

// Operand words of `op` as kind letters, one per word (see ir_text.cpp); nullptr for BrTable,
// whose length depends on its count word.
const char* ir_operand_kinds(Op op) noexcept;

// Formats the instruction at code position `pos` of `f` into `out` ("br_if.i32.lt_s_imm s0, #2,
// ->12", branch targets as absolute code positions) and returns the position of the next one. A
// truncated instruction (a position past the code) stops the walk: returns f.code.size().
uint32_t format_ir_instruction(const CompiledFunction& f, uint32_t pos, char* out, std::size_t size) noexcept;

}  // namespace ember::detail
