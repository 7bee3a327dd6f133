// Ember: the cold numeric instructions and memory accesses of size-first builds, out of line (see
// cold_ops.h). Each function is one switch over the opcode table; the operations themselves are
// num::Name (numeric.h) and ld_/st_Name (memory_access.h), exactly as the inline handlers run them.
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

uint64_t cold_unop(Op op, uint64_t a, TrapKind* t) noexcept {
  switch (op) {
#define EMBER_UNOP(Name, code, text, In, Out)     \
  case Op::Name: {                                \
    EMBER_COLD_SKIP(Name, In, Out);               \
    return put_##Out(num::Name(get_##In(a), *t)); \
  }
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) EMBER_UNOP(Name, 0, text, In, Out)
#include "module/opcodes.def"
    default: break;
  }
  return 0;
}

uint64_t cold_binop(Op op, uint64_t a, uint64_t b, TrapKind* t) noexcept {
  switch (op) {
#define EMBER_BINOP(Name, code, text, In, Out)                 \
  case Op::Name: {                                             \
    EMBER_COLD_SKIP(Name, In, Out);                            \
    return put_##Out(num::Name(get_##In(a), get_##In(b), *t)); \
  }
#include "module/opcodes.def"
    default: break;
  }
  return 0;
}

uint64_t cold_binop_imm(Op op, uint64_t a, uint32_t imm) noexcept {
  TrapKind t = TrapKind::None;  // no immediate form traps
  switch (op) {
#define EMBER_COLD_IMM(Name, In, Out)            \
  case Op::Name##Imm:                            \
    if (!EMBER_IS_COLD_OP(Name, In, Out)) break; \
    return cold_binop(Op::Name, a, imm_##In(imm), &t);
    EMBER_IR_BINOP_IMM(EMBER_COLD_IMM)
#undef EMBER_COLD_IMM
    default: break;
  }
  return 0;
}

bool cold_compare(Op op, uint64_t a, uint64_t b) noexcept {
  TrapKind t = TrapKind::None;  // comparisons never trap
  switch (op) {
#define EMBER_COLD_BR(Name, In)        \
  case Op::BrIf##Name:                 \
  case Op::BrIf##Name##Imm:            \
    if (!EMBER_IS_COLD(In, In)) break; \
    return num::Name(get_##In(a), get_##In(b), t);
    EMBER_IR_CMP_BRANCH(EMBER_COLD_BR)
#undef EMBER_COLD_BR
    default: break;
  }
  return false;
}

#undef EMBER_COLD_SKIP

bool cold_memory_access(const uint32_t* pc, uint64_t* fp, uint8_t* mem_base, uint64_t mem_size) noexcept {
  const Op op = Op(pc[0]);
  uint32_t bytes = 0;
  bool store = false;
  switch (op) {
#define EMBER_LOAD(Name, code, text, T, n) \
  case Op::Name:                           \
    bytes = n;                             \
    break;
#define EMBER_STORE(Name, code, text, T, n) \
  case Op::Name:                            \
    bytes = n;                              \
    store = true;                           \
    break;
#include "module/opcodes.def"
    default: break;
  }
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
