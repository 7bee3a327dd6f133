#include "runtime/const_eval.h"

#include "decode/instr_reader.h"

namespace ember::detail {

namespace {

// The evaluation stack: on the native stack up to this depth, else allocated for the call. The
// validator bounded every expression's depth (Config::max_const_expr_depth) and recorded the
// deepest, so the size is known before evaluating.
constexpr uint32_t kInlineDepth = 64;

struct EvalStack {
  explicit EvalStack(Heap& h) noexcept : heap(h) {}
  Heap& heap;
  uint64_t inline_[kInlineDepth][2];
  uint64_t (*slots)[2] = inline_;
  uint32_t capacity = kInlineDepth;

  bool init(uint32_t depth) noexcept {
    if (depth <= kInlineDepth) return true;
    void* p = heap.alloc(sizeof(uint64_t[2]) * depth);
    if (!p) return false;
    slots = static_cast<uint64_t(*)[2]>(p);
    capacity = depth;
    return true;
  }
  ~EvalStack() {
    if (slots != inline_) heap.free(slots, sizeof(uint64_t[2]) * capacity);
  }
};

}  // namespace

bool eval_const(const ModuleData& m, const InstanceObj& inst, const ConstExpr& expr,
                uint64_t out[2]) noexcept {
  EvalStack es(m.heap);
  if (!es.init(m.max_const_depth)) return false;
  uint64_t(*stack)[2] = es.slots;
  const uint32_t kMaxDepth = es.capacity;
  uint32_t sp = 0;
  Reader r(m.bytes, expr.offset, expr.offset + expr.size);
  Instr in;
  while (read_instr_shared(r, &in)) {
    if (Opcode(in.op) == Opcode::End) break;
    // Operators reduce the stack; every other instruction pushes one value.
    bool pushes = Opcode(in.op) != Opcode::I32Add && Opcode(in.op) != Opcode::I32Sub &&
                  Opcode(in.op) != Opcode::I32Mul && Opcode(in.op) != Opcode::I64Add &&
                  Opcode(in.op) != Opcode::I64Sub && Opcode(in.op) != Opcode::I64Mul;
    if (pushes && sp == kMaxDepth) return false;
    switch (Opcode(in.op)) {
      case Opcode::I32Const:
      case Opcode::I64Const:
      case Opcode::F32Const:
      case Opcode::F64Const:
        stack[sp][0] = in.imm;
        stack[sp++][1] = 0;
        break;
      case Opcode::RefNull:
        stack[sp][0] = 0;
        stack[sp++][1] = 0;
        break;
      case Opcode::RefFunc:
        stack[sp][0] = uint64_t(uintptr_t(inst.funcs_[in.a]));
        stack[sp++][1] = 0;
        break;
      case Opcode::GlobalGet:
        stack[sp][0] = inst.globals_[in.a]->value_[0];
        stack[sp++][1] = inst.globals_[in.a]->value_[1];
        break;
      case Opcode::I32Add:
        --sp;
        stack[sp - 1][0] = uint32_t(stack[sp - 1][0] + stack[sp][0]);
        break;
      case Opcode::I32Sub:
        --sp;
        stack[sp - 1][0] = uint32_t(stack[sp - 1][0] - stack[sp][0]);
        break;
      case Opcode::I32Mul:
        --sp;
        stack[sp - 1][0] = uint32_t(stack[sp - 1][0] * stack[sp][0]);
        break;
      case Opcode::I64Add:
        --sp;
        stack[sp - 1][0] = stack[sp - 1][0] + stack[sp][0];
        break;
      case Opcode::I64Sub:
        --sp;
        stack[sp - 1][0] = stack[sp - 1][0] - stack[sp][0];
        break;
      case Opcode::I64Mul:
        --sp;
        stack[sp - 1][0] = stack[sp - 1][0] * stack[sp][0];
        break;
      default: return false;  // rejected by the validator
    }
  }
  if (sp != 1) return false;
  out[0] = stack[0][0];
  out[1] = stack[0][1];
  return true;
}

}  // namespace ember::detail
