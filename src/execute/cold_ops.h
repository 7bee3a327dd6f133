// Ember: the cold numeric instructions of size-first builds (EMBER_SMALL_CODE), computed out of
// line. On a microcontroller every handler of the interpreter loop costs flash; i64 arithmetic,
// floats and conversions are rare in the loops a firmware runs, so their handlers share one body
// per operand shape (unary, binary, binary with an immediate, compare-and-branch) that reads the
// slots and calls one of these. Desktop builds keep a handler per instruction, inline.
#pragma once

#include <cstdint>

#include "compile/ir.h"
#include "ember/error.h"

// Whether an instruction over these opcode-table types (I32, I64, F32, F64) takes the shared
// out-of-line path: in size-first builds, everything that is not i32 -> i32.
#define EMBER_COLD_TYPE_I32 0
#define EMBER_COLD_TYPE_I64 1
#define EMBER_COLD_TYPE_F32 1
#define EMBER_COLD_TYPE_F64 1
#define EMBER_IS_COLD(In, Out) (EMBER_SMALL_CODE && (EMBER_COLD_TYPE_##In || EMBER_COLD_TYPE_##Out))
// The same for instruction Name: also the i32 -> i32 ones that loops rarely run (cold_i32_op).
#define EMBER_IS_COLD_OP(Name, In, Out) \
  (EMBER_IS_COLD(In, Out) || (EMBER_SMALL_CODE && ::ember::detail::cold_i32_op(::ember::detail::Op::Name)))

// A handler's jump to the shared body `family` (cold_families.inc) when `cold` holds. Desktop
// builds define no such bodies, so the jump is left out there, not just never taken: a goto
// needs its label to exist even where it cannot run.
#if EMBER_SMALL_CODE
#define EMBER_TO_COLD_FAMILY(cold, family) \
  if (cold) goto family
#else
#define EMBER_TO_COLD_FAMILY(cold, family) (void)0
#endif

namespace ember::detail {

// i32 instructions that take the shared path in size-first builds: division (with its traps),
// bit counts, rotations and sign extensions.
constexpr bool cold_i32_op(Op op) noexcept {
  switch (op) {
    case Op::I32DivS:
    case Op::I32DivU:
    case Op::I32RemS:
    case Op::I32RemU:
    case Op::I32Clz:
    case Op::I32Ctz:
    case Op::I32Popcnt:
    case Op::I32Rotl:
    case Op::I32Rotr:
    case Op::I32Extend8S:
    case Op::I32Extend16S: return true;
    default: return false;
  }
}

// Loads and stores that take the shared path in size-first builds: all but the i32 word and byte
// accesses, which loops over memory run most.
constexpr bool cold_memory_op(Op op) noexcept {
  return op != Op::I32Load && op != Op::I32Store && op != Op::I32Load8U && op != Op::I32Store8;
}

// Each returns the result slot of `op` over its operand slots; a trapping op sets *t.
uint64_t cold_unop(Op op, uint64_t a, TrapKind* t) noexcept;
uint64_t cold_binop(Op op, uint64_t a, uint64_t b, TrapKind* t) noexcept;
// `op` is a NameImm form; `imm` its immediate word (sign-extended for i64 operations).
uint64_t cold_binop_imm(Op op, uint64_t a, uint32_t imm) noexcept;
// `op` is a BrIfName or BrIfNameImm form over i64 (the only cold ones): whether the branch is taken.
bool cold_compare(Op op, uint64_t a, uint64_t b) noexcept;
// Runs the load or store at pc (its operands: dst addr offset, or addr value offset) on memory 0
// at mem_base, mem_size bytes: false, with nothing done, when the access is out of bounds.
bool cold_memory_access(const uint32_t* pc, uint64_t* fp, uint8_t* mem_base, uint64_t mem_size) noexcept;

}  // namespace ember::detail
