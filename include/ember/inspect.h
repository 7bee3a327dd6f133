// Ember: a look at what the compiler made of a function: its threaded code (the IR the interpreter
// runs), one instruction at a time, as text. For people and golden tests, not for running: the
// text is meant to be read and compared, and may change from one Ember version to the next.
#pragma once

#include <cstdint>

#include "ember/error.h"
#include "ember/module.h"

namespace ember {

// The frame of a compiled function, in 8-byte slots: [params][locals][operand stack]. Results are
// returned in slots [0, result_slots).
struct IrFunctionInfo {
  uint32_t param_slots = 0;
  uint32_t local_slots = 0;  // declared locals
  uint32_t frame_slots = 0;  // params + locals + the deepest operand stack
  uint32_t result_slots = 0;
  uint32_t code_words = 0;  // 32-bit words of threaded code
};

// One IR instruction.
struct IrInstruction {
  uint32_t code_pos = 0;     // index of its first word in the function's code; branch targets
                             // in `text` ("->12") are such positions
  uint32_t wasm_offset = 0;  // byte offset in the module of the wasm instruction it came from
  const char* wasm_op = "";  // that instruction's text name ("i32.lt_s"), "" if unknown
  const char* text = "";     // "br_if.i32.lt_s_imm s0, #2, ->12"; operands are frame slots (s3),
                             // immediates (#-1), memory offsets (+8), branch targets (->12),
                             // constant bits (0x3f800000) and indices (func 2, global 0)
};

// Called once per instruction, in code order. Pointers in `instr` are valid during the call only.
using IrVisitor = void (*)(void* user, const IrInstruction& instr) noexcept;

// Compiles function `func_index` of `module` if it is not compiled yet (as a call would with
// Config::lazy_compile), fills *info when non-null, then calls `visit` for each instruction.
// Fails with ErrorKind::BadArgument for an index out of range or an imported function (which has
// no code here), and with ErrorKind::OutOfMemory when compiling needs memory the allocator refuses.
// Thread-safe like calling the function: the module may be in use by other stores meanwhile.
[[nodiscard]] Error visit_ir(const Module& module, uint32_t func_index, IrVisitor visit, void* user,
                             IrFunctionInfo* info = nullptr) noexcept;

}  // namespace ember
