// Ember: the internal threaded code ("IR") that function bodies are compiled to.
//
// Code is a flat array of 32-bit words. Each instruction is an opcode word followed by its operands.
// Operands are frame-slot indices (resolved at compile time: locals and operand-stack positions alike),
// immediates, or branch offsets (relative to the branching instruction's first word). A frame is an
// array of 8-byte slots: [params][locals][operand stack]; calls place arguments at the caller's stack
// top, which becomes the callee's frame base, so arguments are never copied.
#pragma once

#include <cstdint>

#include "ember/detail/vec.h"

namespace ember::detail {

// IR(Name, operand words). Numeric ops come from the wasm opcode table (module/opcodes.def):
//   unary  Name dst src            binary Name dst a b
//   load   Name dst addr offset    store  Name addr value offset
#define EMBER_IR_SPECIAL(IR)                                                                     \
  IR(Unreachable, 0)                                                                             \
  IR(Nop, 0)                                                                                     \
  IR(Copy, 2)               /* dst src */                                                        \
  IR(Const32, 2)            /* dst imm32 */                                                      \
  IR(Const64, 3)            /* dst lo hi */                                                      \
  IR(Br, 1)                 /* offset */                                                         \
  IR(BrIfNez, 2)            /* cond offset */                                                    \
  IR(BrIfEqz, 2)            /* cond offset */                                                    \
  IR(BrTable, 2)            /* index count; then count+1 offsets (last = default) */             \
  IR(Return, 0)             /* results already in slots [0, n) */                                \
  IR(Return1, 1)            /* src: copy to slot 0, then return */                               \
  IR(Call, 2)               /* func_index base: a function defined by this module */             \
  IR(CallImport, 2)         /* func_index base: an imported function (host or other instance) */ \
  IR(CallIndirect, 4)       /* type_index table base index_slot */                               \
  IR(ReturnCall, 2)         /* func_index base: args at base are moved to slot 0 first */        \
  IR(ReturnCallIndirect, 4) /* type_index table base index_slot */                               \
  IR(Select, 4)             /* dst a b cond */                                                   \
  IR(GlobalGet, 2)          /* dst global */                                                     \
  IR(GlobalSet, 2)          /* src global */                                                     \
  IR(TableGet, 3)           /* dst table index */                                                \
  IR(TableSet, 3)           /* table index value */                                              \
  IR(TableSize, 2)          /* dst table */                                                      \
  IR(TableGrow, 4)          /* dst table init delta */                                           \
  IR(TableFill, 4)          /* table start value count */                                        \
  IR(TableCopy, 5)          /* dst_table src_table d s n */                                      \
  IR(TableInit, 5)          /* table elem d s n */                                               \
  IR(ElemDrop, 1)           /* elem */                                                           \
  IR(MemorySize, 2)         /* dst memory */                                                     \
  IR(MemoryGrow, 3)         /* dst memory delta */                                               \
  IR(MemoryFill, 4)         /* memory d value n */                                               \
  IR(MemoryCopy, 5)         /* dst_memory src_memory d s n */                                    \
  IR(MemoryInit, 5)         /* memory data d s n */                                              \
  IR(DataDrop, 1)           /* data */                                                           \
  IR(RefNull, 1)            /* dst */                                                            \
  IR(RefIsNull, 2)          /* dst src */                                                        \
  IR(RefFunc, 2)            /* dst func */                                                       \
  IR(ChargeFuel, 0)         /* emitted at loop heads and function entry only when fuel is on */  \
  IR(ExitRun, 0)            /* never compiled: where the frame under a run's entry returns to */ \
  IR(Copy2, 4)              /* dst1 src1 dst2 src2: two copies, in order */                      \
  IR(BrIfAndZero, 3)        /* a b offset: branch if (a & b) == 0 (i32) */                       \
  IR(BrIfAndNonZero, 3)     /* a b offset */                                                     \
  IR(BrIfAndImmZero, 3)     /* a imm offset */                                                   \
  IR(BrIfAndImmNonZero, 3)  /* a imm offset */

// Binary ops that also exist with an immediate right operand: `NameImm dst a imm32` (i64 ops take a
// sign-extended 32-bit immediate). The compiler uses them when the right operand is a constant.
// clang-format off
#define EMBER_IR_BINOP_IMM(X)                                                                        \
  X(I32Add, I32, I32) X(I32Sub, I32, I32) X(I32Mul, I32, I32) X(I32And, I32, I32) X(I32Or, I32, I32) \
  X(I32Xor, I32, I32) X(I32Shl, I32, I32) X(I32ShrS, I32, I32) X(I32ShrU, I32, I32)                  \
  X(I32Rotl, I32, I32) X(I32Rotr, I32, I32) X(I64Rotl, I64, I64) X(I64Rotr, I64, I64)              \
  X(I32Eq, I32, I32) X(I32Ne, I32, I32) X(I32LtS, I32, I32) X(I32LtU, I32, I32) X(I32GtS, I32, I32)  \
  X(I32GtU, I32, I32) X(I32LeS, I32, I32) X(I32LeU, I32, I32) X(I32GeS, I32, I32)                    \
  X(I32GeU, I32, I32) X(I64Add, I64, I64) X(I64Sub, I64, I64) X(I64Mul, I64, I64)                    \
  X(I64And, I64, I64) X(I64Or, I64, I64) X(I64Xor, I64, I64) X(I64Shl, I64, I64)                     \
  X(I64ShrS, I64, I64) X(I64ShrU, I64, I64) X(I64Eq, I64, I32) X(I64Ne, I64, I32)                    \
  X(I64LtS, I64, I32) X(I64LtU, I64, I32) X(I64GtS, I64, I32) X(I64GtU, I64, I32)                    \
  X(I64LeS, I64, I32) X(I64LeU, I64, I32) X(I64GeS, I64, I32) X(I64GeU, I64, I32)
// clang-format on

// Integer compares fused with a conditional branch: `BrIfName a b offset` and
// `BrIfNameImm a imm32 offset` branch when the comparison holds.
// clang-format off
#define EMBER_IR_CMP_BRANCH(X)                                                                  \
  X(I32Eq, I32) X(I32Ne, I32) X(I32LtS, I32) X(I32LtU, I32) X(I32GtS, I32) X(I32GtU, I32)       \
  X(I32LeS, I32) X(I32LeU, I32) X(I32GeS, I32) X(I32GeU, I32) X(I64Eq, I64) X(I64Ne, I64)       \
  X(I64LtS, I64) X(I64LtU, I64) X(I64GtS, I64) X(I64GtU, I64) X(I64LeS, I64) X(I64LeU, I64)     \
  X(I64GeS, I64) X(I64GeU, I64)
// clang-format on

// Loads whose address is an i32.add: `NameAdd dst a b offset` loads from (a + b) + offset and
// `NameAddImm dst a imm offset` from (a + imm) + offset, the add wrapping at 32 bits as in wasm.
// clang-format off
#define EMBER_IR_LOAD_ADD(X)                                                                       \
  X(I32Load, 4) X(I64Load, 8) X(F32Load, 4) X(F64Load, 8) X(I32Load8S, 1) X(I32Load8U, 1)          \
  X(I32Load16S, 2) X(I32Load16U, 2)
// clang-format on

// Float multiply feeding an add or subtract, rounded twice as wasm requires (no FMA):
// `TMulAdd dst a b c` = a*b + c, `TMulSub` = a*b - c, `TMulRsub` = c - a*b.
#define EMBER_IR_MUL_ADD(X) X(F32) X(F64)

enum class Op : uint32_t {
#define EMBER_IR_ENUM(Name, n) Name,
  EMBER_IR_SPECIAL(EMBER_IR_ENUM)
#undef EMBER_IR_ENUM
#define EMBER_LOAD(Name, code, text, T, bytes) Name,
#define EMBER_STORE(Name, code, text, T, bytes) Name,
#define EMBER_UNOP(Name, code, text, In, Out) Name,
#define EMBER_BINOP(Name, code, text, In, Out) Name,
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) Name,
#include "module/opcodes.def"
#define EMBER_IR_ENUM_IMM(Name, In, Out) Name##Imm,
      EMBER_IR_BINOP_IMM(EMBER_IR_ENUM_IMM)
#undef EMBER_IR_ENUM_IMM
#define EMBER_IR_ENUM_BR(Name, In) BrIf##Name, BrIf##Name##Imm,
          EMBER_IR_CMP_BRANCH(EMBER_IR_ENUM_BR)
#undef EMBER_IR_ENUM_BR
// Loop tails: `AddImmBrIfName dst src inc b offset` sets dst = src + inc, then branches if
// Name(dst, b) holds (b a slot; the Imm form takes an immediate).
#define EMBER_IR_ENUM_INC(Name, In) AddImmBrIf##Name, AddImmBrIf##Name##Imm,
              EMBER_IR_CMP_BRANCH(EMBER_IR_ENUM_INC)
#undef EMBER_IR_ENUM_INC
#define EMBER_IR_ENUM_LOAD_ADD(Name, bytes) Name##Add, Name##AddImm,
                  EMBER_IR_LOAD_ADD(EMBER_IR_ENUM_LOAD_ADD)
#undef EMBER_IR_ENUM_LOAD_ADD
#define EMBER_IR_ENUM_MUL_ADD(T) T##MulAdd, T##MulSub, T##MulRsub,
                      EMBER_IR_MUL_ADD(EMBER_IR_ENUM_MUL_ADD)
#undef EMBER_IR_ENUM_MUL_ADD
                          Count
};

// Maps an IR code position to the wasm byte offset it came from (for traps and backtraces).
struct SourcePos {
  uint32_t code_pos;
  uint32_t wasm_offset;
};

// A compiled function body.
struct CompiledFunction {
  explicit CompiledFunction(Heap* heap) noexcept : code(heap), source_map(heap) {}
  Vec<uint32_t> code;
  Vec<SourcePos> source_map;  // sorted by code_pos
  uint32_t func_index = 0;
  uint32_t param_slots = 0;
  uint32_t local_slots = 0;  // declared locals (zeroed on entry)
  uint32_t frame_slots = 0;  // params + locals + deepest operand stack
  uint32_t result_slots = 0;

  // The wasm offset of the instruction at or before code position `pos`.
  uint32_t wasm_offset(uint32_t pos) const noexcept;
};

}  // namespace ember::detail
