// Ember: compiles a validated function body into register-style threaded code.
//
// The compiler mirrors the wasm operand stack at compile time. Each stack entry has a "home" slot
// (its position in the frame's operand area) but may live elsewhere until it has to be in a slot:
//   Temp  - the value is in its home slot;
//   Local - the value is local N's current value (local.get emits nothing);
//   Const - the value is an immediate (i32.const emits nothing until an operand slot is needed).
// Operations read their operands from wherever they live and write their result to the result's
// home slot, so local.get / local.set / constants mostly cost no instructions at run time.
//
// Invariants that keep the lazy entries correct:
//   * before a local is written, stack entries that still refer to it are copied to their home;
//   * at every block, loop and if, Local entries are copied home and block params are materialised,
//     so code inside the block never writes a copy that another path would skip;
//   * at every label (block end, loop head, else) the label's values are in their home slots.
#include "compile/compiler.h"

#include "ember/build_config.h"

#include "decode/instr_reader.h"
#include "module/numeric_ops.h"
#include "module/opcodes.h"
#include "util/detail_text.h"
#include "util/out_of_memory.h"

namespace ember::detail {

uint32_t CompiledFunction::wasm_offset(uint32_t pos) const noexcept {
  uint32_t lo = 0, hi = uint32_t(source_map.size());
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (source_map[mid].code_pos <= pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo == 0 ? 0 : source_map[lo - 1].wasm_offset;
}

namespace {

constexpr uint32_t kNone = 0xFFFFFFFFu;

enum class EntryKind : uint8_t { Temp, Local, Const };

struct Entry {
  EntryKind kind;
  ValType type;
  uint32_t home;   // slot
  uint32_t local;  // EntryKind::Local
  uint64_t imm;    // EntryKind::Const
};

enum class CtrlKind : uint8_t { Func, Block, Loop, If, Else };

struct Ctrl {
  CtrlKind kind;
  bool dead;         // entered while unreachable: everything up to its end is skipped
  bool unreachable;  // the rest of this frame's code cannot run
  uint32_t height;   // stack entries below the block's params
  uint32_t param_count;
  uint32_t result_count;
  const ValType* params;
  const ValType* results;
  uint32_t label_slot;  // home slot of the first label value
  uint32_t loop_start;  // code position of a loop head
  uint32_t patches;     // head of the forward-branch patch list (index into patches_), kNone if empty
  uint32_t else_patch;  // if: position of the BrIfEqz offset word to bind at else/end
  uint32_t else_instr;
};

struct Patch {
  uint32_t word;   // offset word to fill
  uint32_t instr;  // first word of the branching instruction (offsets are relative to it)
  uint32_t next;
  // For a Br: the Copy right before it (no label between), or kNone. When the Br lands on a
  // return of the copy's destination, the pair becomes one return of its source.
  uint32_t copy_before;
};

// The immediate-operand form of a binary op, or Op::Count if there is none.
Op imm_form(Op op) {
  switch (op) {
#define EMBER_IMM_CASE(Name, In, Out) \
  case Op::Name: return Op::Name##Imm;
    EMBER_IR_BINOP_IMM(EMBER_IMM_CASE)
#undef EMBER_IMM_CASE
    default: return Op::Count;
  }
}

// Ops whose operands may be swapped (with the compare mirrored): a constant on the left can then
// become an immediate. Returns Op::Count if the op cannot be mirrored.
Op mirrored(Op op) {
  switch (op) {
    case Op::I32Add:
    case Op::I32Mul:
    case Op::I32And:
    case Op::I32Or:
    case Op::I32Xor:
    case Op::I32Eq:
    case Op::I32Ne:
    case Op::I64Add:
    case Op::I64Mul:
    case Op::I64And:
    case Op::I64Or:
    case Op::I64Xor:
    case Op::I64Eq:
    case Op::I64Ne: return op;
    case Op::I32LtS: return Op::I32GtS;
    case Op::I32LtU: return Op::I32GtU;
    case Op::I32GtS: return Op::I32LtS;
    case Op::I32GtU: return Op::I32LtU;
    case Op::I32LeS: return Op::I32GeS;
    case Op::I32LeU: return Op::I32GeU;
    case Op::I32GeS: return Op::I32LeS;
    case Op::I32GeU: return Op::I32LeU;
    case Op::I64LtS: return Op::I64GtS;
    case Op::I64LtU: return Op::I64GtU;
    case Op::I64GtS: return Op::I64LtS;
    case Op::I64GtU: return Op::I64LtU;
    case Op::I64LeS: return Op::I64GeS;
    case Op::I64LeU: return Op::I64GeU;
    case Op::I64GeS: return Op::I64LeS;
    case Op::I64GeU: return Op::I64LeU;
    default: return Op::Count;
  }
}

// The integer compare that holds exactly when `op` does not (for branch-if-false).
Op negated(Op op) {
  switch (op) {
    case Op::I32Eq: return Op::I32Ne;
    case Op::I32Ne: return Op::I32Eq;
    case Op::I32LtS: return Op::I32GeS;
    case Op::I32LtU: return Op::I32GeU;
    case Op::I32GtS: return Op::I32LeS;
    case Op::I32GtU: return Op::I32LeU;
    case Op::I32LeS: return Op::I32GtS;
    case Op::I32LeU: return Op::I32GtU;
    case Op::I32GeS: return Op::I32LtS;
    case Op::I32GeU: return Op::I32LtU;
    case Op::I64Eq: return Op::I64Ne;
    case Op::I64Ne: return Op::I64Eq;
    case Op::I64LtS: return Op::I64GeS;
    case Op::I64LtU: return Op::I64GeU;
    case Op::I64GtS: return Op::I64LeS;
    case Op::I64GtU: return Op::I64LeU;
    case Op::I64LeS: return Op::I64GtS;
    case Op::I64LeU: return Op::I64GtU;
    case Op::I64GeS: return Op::I64LtS;
    case Op::I64GeU: return Op::I64LtU;
    default: return Op::Count;
  }
}

// The fused compare-and-branch op for a compare (register or immediate form).
Op branch_form(Op cmp, bool imm) {
  switch (cmp) {
#define EMBER_BR_CASE(Name, In) \
  case Op::Name: return imm ? Op::BrIf##Name##Imm : Op::BrIf##Name;
    EMBER_IR_CMP_BRANCH(EMBER_BR_CASE)
#undef EMBER_BR_CASE
    default: return Op::Count;
  }
}

// The increment-and-branch op for a compare (register or immediate right operand).
Op increment_branch_form(Op cmp, bool imm) {
  switch (cmp) {
#define EMBER_INC_CASE(Name, In) \
  case Op::Name: return imm ? Op::AddImmBrIf##Name##Imm : Op::AddImmBrIf##Name;
    EMBER_IR_CMP_BRANCH(EMBER_INC_CASE)
#undef EMBER_INC_CASE
    default: return Op::Count;
  }
}

bool is_i64_compare(Op cmp) {
  switch (cmp) {
#define EMBER_I64_CASE(Name, In) \
  case Op::Name: return ValType::In == ValType::I64;
    EMBER_IR_CMP_BRANCH(EMBER_I64_CASE)
#undef EMBER_I64_CASE
    default: return false;
  }
}

// The load form that computes its address with an add (register or immediate), or Op::Count.
Op load_add_form(Op load, bool imm) {
  switch (load) {
#define EMBER_LOAD_ADD_CASE(Name, bytes) \
  case Op::Name: return imm ? Op::Name##AddImm : Op::Name##Add;
    EMBER_IR_LOAD_ADD(EMBER_LOAD_ADD_CASE)
#undef EMBER_LOAD_ADD_CASE
    default: return Op::Count;
  }
}

// The register-form compare of a compare op in either form, or Op::Count.
Op compare_of(Op op, bool* imm) {
  *imm = false;
  if (negated(op) != Op::Count) return op;
  switch (op) {
#define EMBER_CMP_IMM_CASE(Name, In) \
  case Op::Name##Imm: *imm = true; return Op::Name;
    EMBER_IR_CMP_BRANCH(EMBER_CMP_IMM_CASE)
#undef EMBER_CMP_IMM_CASE
    default: return Op::Count;
  }
}

// Scratch storage reused across the functions of one compile_all() (or owned by one lazy
// compile), so compiling allocates per function only the code it produces. Never part of the
// shared module: concurrent lazy compiles each have their own.
struct Scratch {
  explicit Scratch(Heap* heap) noexcept
      : local_types(heap), local_slot(heap), stack(heap), ctrl(heap), patches(heap) {}
  Vec<ValType> local_types;
  Vec<uint32_t> local_slot;
  Vec<Entry> stack;
  Vec<Ctrl> ctrl;
  Vec<Patch> patches;
  void clear() {
    local_types.clear();
    local_slot.clear();
    stack.clear();
    ctrl.clear();
    patches.clear();
  }
};

class FunctionCompiler {
 public:
  FunctionCompiler(const ModuleData& m, uint32_t defined_index, CompiledFunction& out, Scratch& scratch)
      : m_(m),
        body_(m.bodies[defined_index]),
        out_(out),
        code_(out.code),
        local_types_(scratch.local_types),
        local_slot_(scratch.local_slot),
        stack_(scratch.stack),
        ctrl_(scratch.ctrl),
        patches_(scratch.patches) {
    scratch.clear();
  }

  bool compile() noexcept;
  // True when compile() failed because an allocation did.
  bool out_of_memory() const noexcept { return failed_; }
  // The byte offset of the instruction compile() stopped at.
  uint32_t failed_offset() const noexcept { return cur_offset_; }

 private:
  // ---- emission ----
  // Growth failures are sticky: emission goes on (writing nothing) until the compile loop sees
  // failed_ after the instruction, and code_word keeps reads and patches of words that were never
  // written inside a harmless sink (code_word), so no failure path can touch memory out of bounds.
  void emit(uint32_t w) { grown(code_.push_back(w)); }
  void grown(bool ok) {
    if (!ok) failed_ = true;
  }
  uint32_t& code_word(uint32_t i) { return i < code_.size() ? code_[i] : sink_; }
  uint32_t code_word(uint32_t i) const { return i < code_.size() ? code_[i] : 0; }
  void emit_op(Op op) {
    if (out_.source_map.empty() || out_.source_map.back().wasm_offset != cur_offset_)
      grown(out_.source_map.push_back(SourcePos{uint32_t(code_.size()), cur_offset_}));
    prev_op_pos_ = last_op_pos_;
    last_op_pos_ = pos();
    emit(uint32_t(op));
  }
  // Marks the current position as a branch target: no fusion may reach back across it.
  void bind_label_here() { label_barrier_ = pos(); }
  // True if the instruction at `at` starts after the last label, so it can be merged with what
  // follows it.
  bool fusable_from(uint32_t at) const { return at >= label_barrier_ && at != kNone; }
  uint32_t pos() const { return uint32_t(code_.size()); }

  // ---- stack ----
  uint32_t slot_of_local(uint32_t l) const { return local_slot_[l]; }
  void push_temp(ValType t) {
    grown(stack_.push_back(Entry{EntryKind::Temp, t, top_, 0, 0}));
    top_ += slot_count(t);
    if (top_ > max_top_) max_top_ = top_;
  }
  void push_local(uint32_t l) {
    ValType t = local_types_[l];
    grown(stack_.push_back(Entry{EntryKind::Local, t, top_, l, 0}));
    top_ += slot_count(t);
    if (top_ > max_top_) max_top_ = top_;
  }
  void push_const(ValType t, uint64_t imm) {
    grown(stack_.push_back(Entry{EntryKind::Const, t, top_, 0, imm}));
    top_ += slot_count(t);
    if (top_ > max_top_) max_top_ = top_;
  }
  Entry pop() {
    Entry e = stack_.back();
    stack_.pop_back();
    top_ -= slot_count(e.type);
    return e;
  }
  // The shape of a plain instruction for emit_plain, or'd with its Op: how many operands it pops
  // (their slots are its operand words, deepest first), whether it pushes a result of type `out`
  // (its first word after the op, the dst) and whether local.set may then retarget that dst, and
  // whether it has one immediate word, before the operand slots or after them.
  static constexpr uint32_t kPop1 = 1u << 16, kPop2 = 2u << 16, kPop3 = 3u << 16, kResult = 1u << 18,
                            kRetarget = 1u << 19, kImm = 1u << 20, kImmLast = 1u << 21;
  // One copy of the pop, materialise, push and emit sequence most instructions are, instead of one
  // inlined per instruction.
  static_assert(uint32_t(Op::Count) <= 0xFFFF, "an Op fits below emit_plain's shape bits");
  void emit_plain(uint32_t op_and_shape, ValType out, uint32_t imm) {
    const uint32_t npop = (op_and_shape >> 16) & 3;
    uint32_t slots[3];
    const uint32_t first = stack_.size() - npop;
    for (uint32_t i = 0; i < npop; ++i) slots[i] = use(stack_[first + i]);
    for (uint32_t i = 0; i < npop; ++i) pop();
    if (op_and_shape & kResult) push_temp(out);
    emit_op(Op(op_and_shape & 0xFFFF));
    if (op_and_shape & kResult) emit(stack_.back().home);
    if ((op_and_shape & (kImm | kImmLast)) == kImm) emit(imm);
    for (uint32_t i = 0; i < npop; ++i) emit(slots[i]);
    if (op_and_shape & kImmLast) emit(imm);
    if (op_and_shape & kRetarget)
      note_result(last_op_pos_ + 1);
    else
      forget_result();
  }
  // Emits code that puts constant `imm` of type t into slot `dst`.
  void emit_const(uint32_t dst, ValType t, uint64_t imm) {
    if (t == ValType::I32 || t == ValType::F32) {
      emit_op(Op::Const32);
      emit(dst);
      emit(uint32_t(imm));
    } else {
      emit_op(Op::Const64);
      emit(dst);
      emit(uint32_t(imm));
      emit(uint32_t(imm >> 32));
    }
  }
  // Emits code that copies entry e's value into slot dst (nothing if it is already there).
  void emit_move(const Entry& e, uint32_t dst) {
    switch (e.kind) {
      case EntryKind::Temp:
        if (e.home != dst) emit_copy(dst, e.home, e.type);
        break;
      case EntryKind::Local:
        if (slot_of_local(e.local) != dst) emit_copy(dst, slot_of_local(e.local), e.type);
        break;
      case EntryKind::Const: emit_const(dst, e.type, e.imm); break;
    }
  }
  void emit_copy(uint32_t dst, uint32_t src, ValType t) {
    for (uint32_t i = 0; i < slot_count(t); ++i) {
      if (last_op_pos_ != kNone && last_op_pos_ + 3 == pos() && Op(code_word(last_op_pos_)) == Op::Copy &&
          fusable_from(last_op_pos_)) {
        // Two copies in a row become one Copy2 (performed in order).
        code_word(last_op_pos_) = uint32_t(Op::Copy2);
        emit(dst + i);
        emit(src + i);
        continue;
      }
      emit_op(Op::Copy);
      emit(dst + i);
      emit(src + i);
    }
  }
  // Makes entry i a Temp in its home slot.
  void materialize(uint32_t i) {
    Entry& e = stack_[i];
    if (e.kind == EntryKind::Temp) return;
    emit_move(e, e.home);
    e.kind = EntryKind::Temp;
  }
  // The same for the top n entries (a block's results, a call's arguments); returns the first's
  // index.
  uint32_t materialize_top(uint32_t n) {
    const uint32_t first = uint32_t(stack_.size()) - n;
    for (uint32_t i = first; i < stack_.size(); ++i) materialize(i);
    return first;
  }
  // Pushes n Temps of these types (a call's results, a label's values).
  void push_temps(uint32_t n, const ValType* types) {
    for (uint32_t i = 0; i < n; ++i) push_temp(types[i]);
  }
  // The slot an operand can be read from now (constants are materialised first).
  uint32_t use(Entry& e) {
    if (e.kind == EntryKind::Local) return slot_of_local(e.local);
    if (e.kind == EntryKind::Const) {
      emit_const(e.home, e.type, e.imm);
      e.kind = EntryKind::Temp;
    }
    return e.home;
  }
  // Before local l is written: entries still reading it must take their own copy.
  bool preserve_local(uint32_t l) {
    bool any = false;
    for (uint32_t i = 0; i < stack_.size(); ++i)
      if (stack_[i].kind == EntryKind::Local && stack_[i].local == l) {
        materialize(i);
        any = true;
      }
    return any;
  }
  bool references_local(uint32_t l) const {
    for (const Entry& e : stack_)
      if (e.kind == EntryKind::Local && e.local == l) return true;
    return false;
  }

  // Result of the instruction just emitted (its dst word), so local.set can retarget it.
  void note_result(uint32_t dst_word) {
    last_dst_word_ = dst_word;
    last_end_ = pos();
  }
  void forget_result() { last_end_ = kNone; }

  // True if `e` is the value the last emitted instruction just wrote (its dst word, nothing emitted
  // since, no label in between): that instruction may then be folded into `e`'s consumer.
  bool is_last_result(const Entry& e) const {
    return e.kind == EntryKind::Temp && last_end_ == pos() && last_dst_word_ == last_op_pos_ + 1 &&
           code_word(last_dst_word_) == e.home && fusable_from(last_op_pos_);
  }
  // Removes the last emitted instruction (its consumer is about to emit a fused form of it).
  void drop_last_op() {
    code_.truncate(last_op_pos_);
    last_op_pos_ = prev_op_pos_;
    prev_op_pos_ = kNone;
    forget_result();
  }

  // A compare (or i32.eqz, or i32.and tested against zero) that was just emitted into `cond`'s
  // home slot and can be folded into the branch consuming it. On success the compare is removed
  // from the code and its operands returned. With `allow_increment`, an `AddImm` that wrote the
  // compare's left operand right before it is folded in too (a loop tail: i += k; if (i < n)).
  struct FusedCompare {
    Op cmp;  // register-form compare, I32Eqz, or I32And / I32AndImm (holds when non-zero)
    bool imm;
    uint32_t a, b;
    bool inc = false;  // dst = a is first set to inc_src + inc_imm
    uint32_t inc_src = 0, inc_imm = 0;
  };
  bool take_compare(const Entry& cond, FusedCompare* out, bool allow_increment) {
    if (!is_last_result(cond)) return false;
    Op op = Op(code_word(last_op_pos_));
    out->inc = false;
    if (op == Op::I32Eqz) {
      *out = FusedCompare{Op::I32Eqz, false, code_word(last_op_pos_ + 2), 0};
    } else if (op == Op::I32And || op == Op::I32AndImm) {
      *out = FusedCompare{op, op == Op::I32AndImm, code_word(last_op_pos_ + 2), code_word(last_op_pos_ + 3)};
    } else {
      out->cmp = compare_of(op, &out->imm);
      if (out->cmp == Op::Count) return false;
      out->a = code_word(last_op_pos_ + 2);
      out->b = code_word(last_op_pos_ + 3);
      Op add = is_i64_compare(out->cmp) ? Op::I64AddImm : Op::I32AddImm;
      if (!EMBER_SMALL_CODE && allow_increment && prev_op_pos_ != kNone && prev_op_pos_ + 4 == last_op_pos_ &&
          fusable_from(prev_op_pos_) && Op(code_word(prev_op_pos_)) == add &&
          code_word(prev_op_pos_ + 1) == out->a && (out->imm || out->b != out->a)) {
        out->inc = true;
        out->inc_src = code_word(prev_op_pos_ + 2);
        out->inc_imm = code_word(prev_op_pos_ + 3);
        code_.truncate(prev_op_pos_);
        last_op_pos_ = prev_op_pos_ = kNone;
        forget_result();
        return true;
      }
    }
    drop_last_op();
    return true;
  }
  // Emits a branch taken when the compare holds (or, with `negate`, when it does not). Returns the
  // position of the instruction; its offset word is the last word.
  uint32_t emit_fused_branch(const FusedCompare& f, bool negate) {
    const uint32_t at = pos();
    Op op;
    uint32_t w[4] = {f.a, f.b, 0, 0};
    uint32_t n = 2;  // operand words before the offset
    if (f.cmp == Op::I32Eqz) {
      op = negate ? Op::BrIfNez : Op::BrIfEqz;
      n = 1;
    } else if (f.cmp == Op::I32And || f.cmp == Op::I32AndImm) {
      bool imm = f.cmp == Op::I32AndImm;
      op = negate ? (imm ? Op::BrIfAndImmZero : Op::BrIfAndZero)
                  : (imm ? Op::BrIfAndImmNonZero : Op::BrIfAndNonZero);
    } else {
      Op cmp = negate ? negated(f.cmp) : f.cmp;
      op = branch_form(cmp, f.imm);
      // Size-first builds form no increments (take_compare).
      if (!EMBER_SMALL_CODE && f.inc) {
        op = increment_branch_form(cmp, f.imm);
        w[1] = f.inc_src;
        w[2] = f.inc_imm;
        w[3] = f.b;
        n = 4;
      }
    }
    emit_op(op);
    for (uint32_t i = 0; i < n; ++i) emit(w[i]);
    emit(0);
    return at;
  }
  // If `e` is the result of the instruction just emitted and that instruction is `op` (or one of
  // `op`, `op2`), removes it and returns true with its operand words (after the dst) in w[0..2].
  // The caller must not emit anything before the fused instruction that could overwrite those
  // operands (e.g. materialising a constant into a slot the removed instruction read).
  bool take_producer(const Entry& e, Op op, Op op2, Op* which, uint32_t w[3]) {
    if (!is_last_result(e)) return false;
    Op found = Op(code_word(last_op_pos_));
    if (found != op && found != op2) return false;
    *which = found;
    for (uint32_t i = 0; i < 3 && last_op_pos_ + 2 + i < pos(); ++i) w[i] = code_word(last_op_pos_ + 2 + i);
    drop_last_op();
    return true;
  }
  // Emits a load; an address computed by the instruction just before is folded in.
  void emit_load(Op op, ValType type, uint32_t offset) {
    Op add;
    uint32_t w[3];
    if (!EMBER_SMALL_CODE && load_add_form(op, false) != Op::Count &&
        take_producer(stack_.back(), Op::I32Add, Op::I32AddImm, &add, w)) {
      pop();
      push_temp(type);
      emit_op(load_add_form(op, add == Op::I32AddImm));
      emit(stack_.back().home);
      emit(w[0]);
      emit(w[1]);
      emit(offset);
      note_result(pos() - 4);
      return;
    }
    emit_plain(uint32_t(op) | kPop1 | kResult | kRetarget | kImmLast, type, offset);
  }

  // Folds a float multiply just emitted into the add / subtract consuming it (a*b+c, a*b-c, c-a*b).
  bool emit_mul_add(Op op, Entry a, Entry b, ValType out) {
    // A constant operand would be materialised into its home slot after the multiply is removed,
    // and that slot may be one the multiply read: keep such pairs unfused.
    if (a.kind == EntryKind::Const || b.kind == EntryKind::Const) return false;
    bool f64 = out == ValType::F64;
    Op mul = f64 ? Op::F64Mul : Op::F32Mul;
    bool is_add = op == Op::F32Add || op == Op::F64Add;
    Op found;
    uint32_t w[3] = {0, 0, 0};  // take_producer sets them; zeroed so GCC sees them set
    Op fused;
    Entry other;
    if (take_producer(b, mul, mul, &found, w)) {  // a + x*y or a - x*y
      fused = is_add ? (f64 ? Op::F64MulAdd : Op::F32MulAdd) : (f64 ? Op::F64MulRsub : Op::F32MulRsub);
      other = a;
    } else if (take_producer(a, mul, mul, &found, w)) {  // x*y + b or x*y - b
      fused = is_add ? (f64 ? Op::F64MulAdd : Op::F32MulAdd) : (f64 ? Op::F64MulSub : Op::F32MulSub);
      other = b;
    } else {
      return false;
    }
    pop();
    pop();
    uint32_t os = use(other);
    push_temp(out);
    emit_op(fused);
    emit(stack_.back().home);
    emit(w[0]);
    emit(w[1]);
    emit(os);
    note_result(pos() - 4);
    return true;
  }

  // Emits binary op `op` (register form) with result type `out`, using an immediate form when the
  // right (or, mirrored, the left) operand is a small constant.
  void emit_binop(Op op, ValType out) {
    // The operands stay on the stack until emitted (emit_plain pops them).
    Entry& b = stack_.back();
    Entry& a = stack_[stack_.size() - 2];
    // Size-first builds run floats through the interpreter's shared cold path: no fused forms.
    if (!EMBER_SMALL_CODE && (op == Op::F64Add || op == Op::F64Sub || op == Op::F32Add || op == Op::F32Sub) &&
        emit_mul_add(op, a, b, out))
      return;
    if (a.kind == EntryKind::Const && b.kind != EntryKind::Const && mirrored(op) != Op::Count) {
      Entry t = a;  // each keeps its home: only the order of the operand words changes
      a = b;
      b = t;
      op = mirrored(op);
    }
    Op imm = imm_form(op);
    bool fits = b.type == ValType::I32 || int64_t(int32_t(uint32_t(b.imm))) == int64_t(b.imm);
    if (b.kind == EntryKind::Const && imm != Op::Count && fits) {
      const uint32_t word = uint32_t(b.imm);
      pop();  // the constant becomes the immediate
      return emit_plain(uint32_t(imm) | kPop1 | kResult | kRetarget | kImmLast, out, word);
    }
    emit_plain(uint32_t(op) | kPop2 | kResult | kRetarget, out, 0);
  }

  // ---- control ----
  void block_types(const BlockType& bt, uint32_t* np, const ValType** p, uint32_t* nr, const ValType** r) {
    switch (bt.kind) {
      case BlockType::Empty: *np = 0, *nr = 0, *p = nullptr, *r = nullptr; break;
      case BlockType::Value: *np = 0, *p = nullptr, *nr = 1, *r = single_type_storage(bt.value_type); break;
      case BlockType::TypeIndex: {
        FuncTypeView v = m_.type_view(bt.type_index);
        *np = v.param_count, *p = v.params, *nr = v.result_count, *r = v.results;
        break;
      }
    }
  }
  uint32_t label_arity(const Ctrl& c) const {
    return c.kind == CtrlKind::Loop ? c.param_count : c.result_count;
  }
  const ValType* label_types(const Ctrl& c) const { return c.kind == CtrlKind::Loop ? c.params : c.results; }

  void enter_block(CtrlKind kind, const BlockType& bt) {
    uint32_t np = 0, nr = 0;
    const ValType *p = nullptr, *r = nullptr;
    block_types(bt, &np, &p, &nr, &r);
    // Copy every lazy local home and materialise the params (see the invariants above).
    for (uint32_t i = 0; i < stack_.size(); ++i)
      if (stack_[i].kind == EntryKind::Local || i >= stack_.size() - np) materialize(i);
    forget_result();
    Ctrl c{};
    c.kind = kind;
    c.dead = false;
    c.unreachable = false;
    c.height = uint32_t(stack_.size()) - np;
    c.param_count = np;
    c.result_count = nr;
    c.params = p;
    c.results = r;
    c.label_slot = np ? stack_[c.height].home : top_;
    c.loop_start = pos();
    bind_label_here();
    c.patches = kNone;
    c.else_patch = kNone;
    grown(ctrl_.push_back(c));
  }

  void add_patch(Ctrl& c, uint32_t word, uint32_t instr) {
    uint32_t copy = kNone;
    if (Op(code_word(instr)) == Op::Br && last_op_pos_ == instr && prev_op_pos_ != kNone &&
        prev_op_pos_ + 3 == instr && Op(code_word(prev_op_pos_)) == Op::Copy && fusable_from(prev_op_pos_) &&
        fusable_from(instr))
      copy = prev_op_pos_;
    grown(patches_.push_back(Patch{word, instr, c.patches, copy}));
    c.patches = uint32_t(patches_.size() - 1);
  }
  void bind_patches(Ctrl& c, uint32_t target) {
    for (uint32_t p = c.patches; p != kNone; p = patches_[p].next)
      code_word(patches_[p].word) = uint32_t(int32_t(target) - int32_t(patches_[p].instr));
    c.patches = kNone;
  }
  // Writes the branch offset word at `word` (instruction at `instr`) for a jump to label `depth`.
  void branch_to(uint32_t depth, uint32_t word, uint32_t instr) {
    Ctrl& c = ctrl_[ctrl_.size() - 1 - depth];
    if (c.kind == CtrlKind::Loop)
      code_word(word) = uint32_t(int32_t(c.loop_start) - int32_t(instr));
    else
      add_patch(c, word, instr);
  }
  // True if the top `n` label values are already in the label's slots.
  bool values_in_place(const Ctrl& c, uint32_t n) const {
    uint32_t dst = c.label_slot;
    for (uint32_t i = 0; i < n; ++i) {
      const Entry& e = stack_[stack_.size() - n + i];
      if (e.kind != EntryKind::Temp || e.home != dst) return false;
      dst += slot_count(e.type);
    }
    return true;
  }
  // Copies the top `n` values to the label's slots. Sources never sit below their destination
  // (labels are at or below the current height), so copying in order is a safe overlapping move.
  void move_label_values(const Ctrl& c, uint32_t n) {
    uint32_t dst = c.label_slot;
    for (uint32_t i = 0; i < n; ++i) {
      const Entry& e = stack_[stack_.size() - n + i];
      emit_move(e, dst);
      dst += slot_count(e.type);
    }
  }
  // Unconditional branch to label `depth` (values moved first).
  void emit_br(uint32_t depth) {
    Ctrl& c = ctrl_[ctrl_.size() - 1 - depth];
    if (c.kind == CtrlKind::Func) return emit_return();
    move_label_values(c, label_arity(c));
    uint32_t at = pos();
    emit_op(Op::Br);
    emit(0);
    branch_to(depth, at + 1, at);
  }
  // Emits a return of the top results. It may sit on a conditional path (br_if, br_table), so it
  // must not change the compile-time stack: every path reads the entries as they are.
  void emit_return() {
    uint32_t n = ctrl_[0].result_count;
    if (n == 0) {
      emit_op(Op::Return);
      return;
    }
    if (n == 1 && slot_count(ctrl_[0].results[0]) == 1) {
      const Entry& e = stack_.back();
      if (e.kind == EntryKind::Const) {
        emit_const(0, e.type, e.imm);
        emit_op(Op::Return);
        return;
      }
      emit_op(Op::Return1);
      emit(e.kind == EntryKind::Local ? slot_of_local(e.local) : e.home);
      return;
    }
    // Results go to slots [0, n): a local there may be overwritten before a later result reads it,
    // so such locals are first copied to the result's home slot (above every destination).
    uint32_t first = uint32_t(stack_.size()) - n;
    for (uint32_t i = first; i < stack_.size(); ++i) {
      const Entry& e = stack_[i];
      if (e.kind == EntryKind::Local && slot_of_local(e.local) < out_.result_slots) emit_move(e, e.home);
    }
    uint32_t dst = 0;
    for (uint32_t i = first; i < stack_.size(); ++i) {
      Entry e = stack_[i];
      if (e.kind == EntryKind::Local && slot_of_local(e.local) < out_.result_slots) e.kind = EntryKind::Temp;
      emit_move(e, dst);
      dst += slot_count(e.type);
    }
    emit_op(Op::Return);
  }
  void set_unreachable() {
    Ctrl& c = ctrl_.back();
    c.unreachable = true;
    stack_.truncate(c.height);
    top_ = c.height ? stack_[c.height - 1].home + slot_count(stack_[c.height - 1].type) : locals_end_;
    forget_result();
  }
  // Resets the stack to the frame's height and pushes `n` values as Temps starting at label_slot.
  void reset_stack(const Ctrl& c, uint32_t n, const ValType* types) {
    stack_.truncate(c.height);
    top_ = c.label_slot;
    push_temps(n, types);
  }

  void lay_out_frame(const FuncTypeView& type);
  void enter_function(const FuncTypeView& type);
  void skip_unreachable(const Instr& in);
  void thread_branches_to_returns();
  bool op(const Instr& in);
  void op_loop(const Instr& in);
  void op_if(const Instr& in);
  void op_br_if(uint32_t depth);
  void op_select();
  void op_global_get(uint32_t global);
  void op_global_set(uint32_t global);
  void op_table_get(uint32_t table);
  void op_table_set(uint32_t table);
  void op_memory_size(uint32_t memory);
  void op_memory_grow(uint32_t memory);
  void op_ref_func(uint32_t func);
  void op_store(Op op, uint32_t offset);
  void op_numeric(uint8_t opcode);
  void op_unop(Op op, ValType out);
  void op_end();
  void op_else();
  bool op_call(uint32_t func_index, bool tail);
  void op_call_indirect(uint32_t type_index, uint32_t table, bool tail);
  void op_br_table(const Instr& in);
  void op_local_set(uint32_t l, bool tee);
  bool fc_op(const Instr& in);

  const ModuleData& m_;
  const FunctionBody& body_;
  CompiledFunction& out_;
  Vec<uint32_t>& code_;
  Vec<ValType>& local_types_;
  Vec<uint32_t>& local_slot_;
  uint32_t locals_end_ = 0;
  Vec<Entry>& stack_;
  Vec<Ctrl>& ctrl_;
  Vec<Patch>& patches_;
  uint32_t top_ = 0;
  uint32_t max_top_ = 0;
  uint32_t cur_offset_ = 0;
  uint32_t last_dst_word_ = 0;
  uint32_t last_end_ = kNone;
  uint32_t last_op_pos_ = kNone;
  uint32_t prev_op_pos_ = kNone;
  uint32_t label_barrier_ = 0;
  bool failed_ = false;  // an allocation failed (see grown)
  uint32_t sink_ = 0;    // see code_word()
};

void FunctionCompiler::op_end() {
  Ctrl& c = ctrl_.back();
  if (c.dead) {
    ctrl_.pop_back();
    return;
  }
  if (!c.unreachable) {
    // Fallthrough: results to their home slots (they are the label slots).
    materialize_top(c.result_count);
  }
  if (c.kind == CtrlKind::Func) {
    if (!c.unreachable) emit_return();
    ctrl_.pop_back();
    return;
  }
  uint32_t here = pos();
  if (c.kind == CtrlKind::If && c.else_patch != kNone) {
    // if without else: the false path arrives here with the params, which equal the results.
    code_word(c.else_patch) = uint32_t(int32_t(here) - int32_t(c.else_instr));
  }
  bind_patches(c, here);
  bind_label_here();
  Ctrl done = c;
  ctrl_.pop_back();
  reset_stack(done, done.result_count, done.results);
  forget_result();
}

void FunctionCompiler::op_else() {
  Ctrl& c = ctrl_.back();
  if (c.dead) return;
  if (!c.unreachable) {
    materialize_top(c.result_count);
    uint32_t at = pos();
    emit_op(Op::Br);
    emit(0);
    add_patch(c, at + 1, at);
  }
  // The false path starts here with the block params in their home slots.
  uint32_t here = pos();
  code_word(c.else_patch) = uint32_t(int32_t(here) - int32_t(c.else_instr));
  bind_label_here();
  c.else_patch = kNone;
  c.kind = CtrlKind::Else;
  c.unreachable = false;
  reset_stack(c, c.param_count, c.params);
  forget_result();
}

bool FunctionCompiler::op_call(uint32_t func_index, bool tail) {
  FuncTypeView t = m_.func_type_view(func_index);
  uint32_t first = materialize_top(t.param_count);
  uint32_t base = t.param_count ? stack_[first].home : top_;
  for (uint32_t i = 0; i < t.param_count; ++i) pop();
  bool imported = func_index < m_.imported_funcs;
  if (tail) {
    emit_op(imported ? Op::CallImport : Op::ReturnCall);
    emit(func_index);
    emit(base);
    if (imported) {
      // A host (or other-instance) callee cannot replace this frame: call, then return its results.
      push_temps(t.result_count, t.results);
      emit_return();
    }
    set_unreachable();
    return true;
  }
  emit_op(imported ? Op::CallImport : Op::Call);
  emit(func_index);
  emit(base);
  push_temps(t.result_count, t.results);
  forget_result();
  return true;
}

void FunctionCompiler::op_call_indirect(uint32_t type_index, uint32_t table, bool tail) {
  FuncTypeView t = m_.type_view(type_index);
  Entry idx = pop();
  uint32_t idx_slot = use(idx);
  uint32_t first = materialize_top(t.param_count);
  uint32_t base = t.param_count ? stack_[first].home : top_;
  for (uint32_t i = 0; i < t.param_count; ++i) pop();
  emit_op(tail ? Op::ReturnCallIndirect : Op::CallIndirect);
  emit(type_index);
  emit(table);
  emit(base);
  emit(idx_slot);
  if (tail) {
    set_unreachable();
    return;
  }
  push_temps(t.result_count, t.results);
  forget_result();
}

void FunctionCompiler::op_br_table(const Instr& in) {
  Entry idx = pop();
  uint32_t idx_slot = use(idx);
  uint32_t br_at = pos();
  emit_op(Op::BrTable);
  emit(idx_slot);
  emit(in.count);
  uint32_t table = pos();
  for (uint32_t i = 0; i <= in.count; ++i) emit(0);
  Reader r(m_.bytes, in.list_pos, m_.size);
  // Targets whose values are already in place jump straight to the label; others go through a stub
  // that moves the values first.
  struct Stub {
    uint32_t entry, depth;
  };
  Vec<Stub> stubs(&m_.heap);
  for (uint32_t i = 0; i <= in.count; ++i) {
    uint32_t depth = in.a;
    if (i < in.count) (void)r.u32(&depth);
    Ctrl& c = ctrl_[ctrl_.size() - 1 - depth];
    uint32_t n = label_arity(c);
    if (c.kind != CtrlKind::Func && (n == 0 || values_in_place(c, n)))
      branch_to(depth, table + i, br_at);
    else
      grown(stubs.push_back(Stub{i, depth}));
  }
  for (const Stub& s : stubs) {
    code_word(table + s.entry) = uint32_t(int32_t(pos()) - int32_t(br_at));
    bind_label_here();
    emit_br(s.depth);
  }
  set_unreachable();
}

void FunctionCompiler::op_local_set(uint32_t l, bool tee) {
  Entry e = pop();
  uint32_t dst = slot_of_local(l);
  if (e.kind == EntryKind::Local && e.local == l) {
    // local.set of its own value: nothing to do.
  } else if (e.kind == EntryKind::Temp && last_end_ == pos() && code_word(last_dst_word_) == e.home &&
             !references_local(l) && slot_count(e.type) == 1) {
    // The value was just computed into its home slot: compute it into the local instead.
    code_word(last_dst_word_) = dst;
  } else {
    preserve_local(l);
    emit_move(e, dst);
  }
  forget_result();
  if (tee) push_local(l);
}

bool FunctionCompiler::fc_op(const Instr& in) {
  switch (OpcodeFC(in.sub)) {
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) \
  case OpcodeFC::Name:                              \
    op_unop(Op::Name, ValType::Out);                \
    return true;
#include "module/opcodes.def"
    case OpcodeFC::MemoryInit:
    case OpcodeFC::MemoryCopy:
    case OpcodeFC::TableInit:
    case OpcodeFC::TableCopy: {
      Entry n = pop(), s = pop(), d = pop();
      uint32_t ds = use(d), ss = use(s), ns = use(n);
      Op op = OpcodeFC(in.sub) == OpcodeFC::MemoryInit   ? Op::MemoryInit
              : OpcodeFC(in.sub) == OpcodeFC::MemoryCopy ? Op::MemoryCopy
              : OpcodeFC(in.sub) == OpcodeFC::TableInit  ? Op::TableInit
                                                         : Op::TableCopy;
      emit_op(op);
      // memory.init: memory data; table.init: table elem; copies: dst src.
      if (op == Op::MemoryInit || op == Op::TableInit) {
        emit(in.b);
        emit(in.a);
      } else {
        emit(in.a);
        emit(in.b);
      }
      emit(ds);
      emit(ss);
      emit(ns);
      return true;
    }
    case OpcodeFC::DataDrop: emit_plain(uint32_t(Op::DataDrop) | kImm, ValType(), in.a); return true;
    case OpcodeFC::ElemDrop: emit_plain(uint32_t(Op::ElemDrop) | kImm, ValType(), in.a); return true;
    case OpcodeFC::MemoryFill:
      emit_plain(uint32_t(Op::MemoryFill) | kPop3 | kImm, ValType(), in.a);
      return true;
    case OpcodeFC::TableGrow:
      emit_plain(uint32_t(Op::TableGrow) | kPop2 | kResult | kImm, ValType::I32, in.a);
      return true;
    case OpcodeFC::TableSize:
      emit_plain(uint32_t(Op::TableSize) | kResult | kImm, ValType::I32, in.a);
      return true;
    case OpcodeFC::TableFill:
      emit_plain(uint32_t(Op::TableFill) | kPop3 | kImm, ValType(), in.a);
      return true;
  }
  return false;
}

// Slots of params and locals: [params][locals], then the operand stack from locals_end_.
void FunctionCompiler::lay_out_frame(const FuncTypeView& type) {
  const std::size_t locals = std::size_t(type.param_count) + body_.local_count;
  grown(local_types_.reserve(locals) && local_slot_.reserve(locals));  // not one growth per local
  uint32_t slot = 0;
  for (uint32_t i = 0; i < type.param_count; ++i) {
    grown(local_types_.push_back(type.params[i]));
    grown(local_slot_.push_back(slot));
    slot += slot_count(type.params[i]);
  }
  out_.param_slots = slot;
  for (uint32_t r = 0; r < body_.local_run_count; ++r) {
    const LocalRun& run = m_.local_runs[body_.local_first + r];
    for (uint32_t i = 0; i < run.count; ++i) {
      grown(local_types_.push_back(run.type));
      grown(local_slot_.push_back(slot));
      slot += slot_count(run.type);
    }
  }
  locals_end_ = slot;
  out_.local_slots = slot - out_.param_slots;
  uint32_t result_slots = 0;
  for (uint32_t i = 0; i < type.result_count; ++i) result_slots += slot_count(type.results[i]);
  out_.result_slots = result_slots;
  top_ = max_top_ = locals_end_;
}

// Reserves the scratch and code for the body and opens the function's own control frame.
void FunctionCompiler::enter_function(const FuncTypeView& type) {
  grown(code_.reserve(body_.body_size * 2 + 8));
  // A source-map entry per wasm instruction that emits code: 0.21 per body byte over the benchmark
  // programs and a WASI command (at most 0.5), so this room is rarely outgrown; the slack goes back
  // with the code's when the function ends.
  grown(out_.source_map.reserve(body_.body_size / 4 + 4));
  grown(stack_.reserve(body_.max_stack + 4));
  grown(ctrl_.reserve(body_.max_control + 2));
  Ctrl f{};
  f.kind = CtrlKind::Func;
  f.param_count = 0;
  f.result_count = type.result_count;
  f.results = type.results;
  f.label_slot = 0;
  f.patches = kNone;
  f.else_patch = kNone;
  grown(ctrl_.push_back(f));
  cur_offset_ = body_.code_offset;
  if (m_.metered()) emit_op(Op::ChargeFuel);
}

bool FunctionCompiler::compile() noexcept {
  FuncTypeView type = m_.type_view(body_.type_index);
  lay_out_frame(type);
  enter_function(type);
  Reader r(m_.bytes, body_.code_offset, body_.body_offset + body_.body_size);
  Instr in;
  while (!ctrl_.empty()) {
    if (failed_ || !read_instr_shared(r, &in)) return false;
    cur_offset_ = in.offset;
    const Ctrl& c = ctrl_.back();
    if (c.unreachable || c.dead) {
      skip_unreachable(in);
    } else if (!op(in)) {
      return false;
    }
  }
  out_.frame_slots = max_top_ > locals_end_ + body_.max_stack ? max_top_ : locals_end_ + body_.max_stack;
  if (out_.frame_slots < out_.result_slots) out_.frame_slots = out_.result_slots;
  if (failed_) return false;
  thread_branches_to_returns();
  code_.shrink_to_fit();
  out_.source_map.shrink_to_fit();
  return true;
}

// A forward Br that lands on a return becomes that return (the words fit: `Return1 src` is two
// words like `Br offset`, a bare Return is padded with a Nop that never runs), and a Copy into the
// returned slot right before it returns the copy's source instead. An `if` whose arm yields the
// result then returns in one instruction instead of three (copy, br, return).
void FunctionCompiler::thread_branches_to_returns() {
  for (const Patch& p : patches_) {
    if (Op(code_word(p.instr)) != Op::Br || p.word != p.instr + 1) continue;
    uint32_t target = p.instr + code_word(p.word);
    Op at_target = Op(code_word(target));
    if (at_target == Op::Return) {
      code_word(p.instr) = uint32_t(Op::Return);
      code_word(p.word) = uint32_t(Op::Nop);
    } else if (at_target == Op::Return1) {
      uint32_t src = code_word(target + 1);
      code_word(p.instr) = uint32_t(Op::Return1);
      code_word(p.word) = src;
      if (p.copy_before != kNone && code_word(p.copy_before + 1) == src) {
        code_word(p.copy_before) = uint32_t(Op::Return1);
        code_word(p.copy_before + 1) = code_word(p.copy_before + 2);
        code_word(p.copy_before + 2) = uint32_t(Op::Nop);
      }
    }
  }
}

// Code that cannot run is skipped, keeping track of nesting so else/end match up.
void FunctionCompiler::skip_unreachable(const Instr& in) {
  switch (Opcode(in.op)) {
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If: {
      Ctrl d{};
      d.dead = true;
      d.kind = CtrlKind::Block;
      grown(ctrl_.push_back(d));
      return;
    }
    case Opcode::Else: return op_else();
    case Opcode::End: return op_end();
    default: return;
  }
}

// One reachable instruction. False only for code the validator would have rejected.
bool FunctionCompiler::op(const Instr& in) {
  if (is_numeric_opcode(in.op)) {
    op_numeric(in.op);
    return true;
  }
  switch (Opcode(in.op)) {
    case Opcode::Unreachable:
      emit_op(Op::Unreachable);
      set_unreachable();
      return true;
    case Opcode::Nop: return true;
    case Opcode::Block: enter_block(CtrlKind::Block, in.block); return true;
    case Opcode::Loop: op_loop(in); return true;
    case Opcode::If: op_if(in); return true;
    case Opcode::Else: op_else(); return true;
    case Opcode::End: op_end(); return true;
    case Opcode::Br:
      emit_br(in.a);
      set_unreachable();
      return true;
    case Opcode::BrIf: op_br_if(in.a); return true;
    case Opcode::BrTable: op_br_table(in); return true;
    case Opcode::Return:
      emit_return();
      set_unreachable();
      return true;
    case Opcode::Call:
    case Opcode::ReturnCall: op_call(in.a, Opcode(in.op) == Opcode::ReturnCall); return true;
    case Opcode::CallIndirect:
    case Opcode::ReturnCallIndirect:
      op_call_indirect(in.a, in.b, Opcode(in.op) == Opcode::ReturnCallIndirect);
      return true;
    case Opcode::Drop:
      pop();
      forget_result();
      return true;
    case Opcode::Select:
    case Opcode::SelectT: op_select(); return true;
    case Opcode::LocalGet: push_local(in.a); return true;
    case Opcode::LocalSet:
    case Opcode::LocalTee: op_local_set(in.a, Opcode(in.op) == Opcode::LocalTee); return true;
    case Opcode::GlobalGet: op_global_get(in.a); return true;
    case Opcode::GlobalSet: op_global_set(in.a); return true;
    case Opcode::TableGet: op_table_get(in.a); return true;
    case Opcode::TableSet: op_table_set(in.a); return true;
    case Opcode::MemorySize: op_memory_size(in.a); return true;
    case Opcode::MemoryGrow: op_memory_grow(in.a); return true;
    case Opcode::I32Const: push_const(ValType::I32, in.imm); return true;
    case Opcode::I64Const: push_const(ValType::I64, in.imm); return true;
    case Opcode::F32Const: push_const(ValType::F32, in.imm); return true;
    case Opcode::F64Const: push_const(ValType::F64, in.imm); return true;
    case Opcode::RefNull: push_const(ValType::from_bits(in.a), 0); return true;
    case Opcode::RefIsNull: op_unop(Op::RefIsNull, ValType::I32); return true;
    case Opcode::RefFunc: op_ref_func(in.a); return true;
    case Opcode::PrefixFC: return fc_op(in);
#define EMBER_LOAD(Name, code, text, T, bytes)         \
  case Opcode::Name:                                   \
    emit_load(Op::Name, ValType::T, uint32_t(in.imm)); \
    return true;
#define EMBER_STORE(Name, code, text, T, bytes) \
  case Opcode::Name:                            \
    op_store(Op::Name, uint32_t(in.imm));       \
    return true;
#include "module/opcodes.def"
    default: return false;  // not reachable for validated code
  }
}

void FunctionCompiler::op_loop(const Instr& in) {
  enter_block(CtrlKind::Loop, in.block);
  ctrl_.back().loop_start = pos();
  bind_label_here();
  if (m_.metered()) emit_op(Op::ChargeFuel);
}

// Branches to the else part when the condition is false.
void FunctionCompiler::op_if(const Instr& in) {
  Entry cond = pop();
  FusedCompare f;
  // No increment folding here: enter_block may copy a local the increment writes.
  bool fused = take_compare(cond, &f, false);
  if (!fused) f = FusedCompare{Op::I32Eqz, false, use(cond), 0};  // BrIfEqz cond
  enter_block(CtrlKind::If, in.block);
  uint32_t at = emit_fused_branch(f, fused);
  ctrl_.back().else_patch = pos() - 1;
  ctrl_.back().else_instr = at;
}

void FunctionCompiler::op_br_if(uint32_t depth) {
  Entry cond = pop();
  FusedCompare f;
  bool fused = take_compare(cond, &f, true);
  // Without a compare to fuse, "cond != 0" is I32Eqz negated.
  if (!fused) f = FusedCompare{Op::I32Eqz, false, use(cond), 0};
  Ctrl& target = ctrl_[ctrl_.size() - 1 - depth];
  uint32_t n = label_arity(target);
  if (target.kind != CtrlKind::Func && (n == 0 || values_in_place(target, n))) {
    uint32_t at = emit_fused_branch(f, !fused);
    branch_to(depth, pos() - 1, at);
  } else {
    // Skip over the value moves and the branch when the condition is false.
    uint32_t at = emit_fused_branch(f, fused);
    uint32_t word = pos() - 1;
    emit_br(depth);
    code_word(word) = uint32_t(int32_t(pos()) - int32_t(at));
    bind_label_here();
  }
  forget_result();
}

// `Select dst a b cond`, of a's type.
void FunctionCompiler::op_select() {
  emit_plain(uint32_t(Op::Select) | kPop3 | kResult | kRetarget, stack_[stack_.size() - 3].type, 0);
}

void FunctionCompiler::op_global_get(uint32_t global) {
  emit_plain(uint32_t(Op::GlobalGet) | kResult | kRetarget | kImm, m_.global_types[global].type, global);
}

void FunctionCompiler::op_global_set(uint32_t global) {
  emit_plain(uint32_t(Op::GlobalSet) | kPop1 | kImmLast, ValType(), global);
}

void FunctionCompiler::op_table_get(uint32_t table) {
  emit_plain(uint32_t(Op::TableGet) | kPop1 | kResult | kImm, m_.tables[table].elem, table);
}

void FunctionCompiler::op_table_set(uint32_t table) {
  emit_plain(uint32_t(Op::TableSet) | kPop2 | kImm, ValType(), table);
}

void FunctionCompiler::op_memory_size(uint32_t memory) {
  emit_plain(uint32_t(Op::MemorySize) | kResult | kImm, ValType::I32, memory);
}

void FunctionCompiler::op_memory_grow(uint32_t memory) {
  emit_plain(uint32_t(Op::MemoryGrow) | kPop1 | kResult | kImm, ValType::I32, memory);
}

void FunctionCompiler::op_ref_func(uint32_t func) {
  emit_plain(uint32_t(Op::RefFunc) | kResult | kImm, ValType::FuncRef, func);
}

// `Name addr value offset`.
void FunctionCompiler::op_store(Op op, uint32_t offset) {
  emit_plain(uint32_t(op) | kPop2 | kImmLast, ValType(), offset);
}

// The IR lists the numeric ops in the order of their wasm opcodes (both expand opcodes.def), so a
// numeric opcode's IR op is an offset from the first.
static_assert(uint32_t(Op::I64Extend32S) - uint32_t(Op::I32Eqz) == kNumericOpcodeCount - 1,
              "the IR's numeric ops must follow the wasm opcode order");

// A numeric instruction of the table (numeric_ops.h): a binary or a unary op by its typing.
void FunctionCompiler::op_numeric(uint8_t opcode) {
  const NumericOp typing = numeric_op(opcode);
  const Op ir = Op(uint32_t(Op::I32Eqz) + (opcode - kFirstNumericOpcode));
  if (typing.binary()) return emit_binop(ir, typing.out());
  op_unop(ir, typing.out());
}

// `Name dst src`, for the numeric unary ops, ref.is_null and the saturating truncations.
void FunctionCompiler::op_unop(Op op, ValType out) {
  emit_plain(uint32_t(op) | kPop1 | kResult | kRetarget, out, 0);
}

}  // namespace

namespace {

void free_function(const ModuleData& m, CompiledFunction* c) noexcept { destroy(m.heap, c); }

// Why a body did not compile, into *error: an allocation failed, or (an engine bug: the validator
// accepted the body) an instruction could not be read or translated; that is not reported as memory
// running out. Out of line, so that no Error sits in the compiler's frames.
[[gnu::noinline]] void compile_failed(const ModuleData& m, uint32_t defined_index, bool out_of_mem,
                                      uint32_t failed_offset, Error* error) noexcept {
  const FunctionBody& body = m.bodies[defined_index];
  *error = out_of_mem ? out_of_memory(m.heap, "compiled code")
                      : Error::make(ErrorKind::Invalid, "function body the compiler cannot translate",
                                    failed_offset);
  error->func_index = m.imported_funcs + defined_index;
  if (out_of_mem) error->offset = body.code_offset;
}

// The bytes a compiled function holds in the module's heap.
std::size_t compiled_size(const CompiledFunction& c) noexcept {
  return sizeof c + c.code.size() * sizeof(uint32_t) + c.source_map.size() * sizeof(SourcePos);
}

// Counts a finished function against Config::max_compiled_bytes; over it, says so in *error.
[[gnu::noinline]] bool within_code_limit(const ModuleData& m, uint32_t defined_index, std::size_t bytes,
                                         Error* error) noexcept {
  const std::size_t limit = m.config.max_compiled_bytes;
  const std::size_t before = m.compiled_bytes.fetch_add(bytes);
  if (limit == 0 || (before <= limit && bytes <= limit - before)) return true;
  m.compiled_bytes.fetch_sub(bytes);
  *error = Error::make(ErrorKind::Limit, "too much compiled code", m.bodies[defined_index].code_offset);
  error->func_index = m.imported_funcs + defined_index;
  DetailText d;
  d.str("compiled code of ")
      .num(uint64_t(before) + bytes)
      .str(" bytes would exceed Config::max_compiled_bytes = ")
      .num(limit);
  d.into(*error);
  return false;
}

// Compiles into a private CompiledFunction, then publishes it. When another thread published the
// same body first, ours is freed and theirs returned, so each body is compiled into the module
// once and never leaks. On failure says why in *error and returns false.
bool compile_with(const ModuleData& m, uint32_t defined_index, Scratch& scratch, CompiledFunction** result,
                  Error* error) noexcept {
  const FunctionBody& body = m.bodies[defined_index];
  if (CompiledFunction* done = body.compiled.get()) {
    *result = done;
    return true;
  }
  auto* out = make<CompiledFunction>(m.heap, &m.heap);
  if (!out) {
    compile_failed(m, defined_index, true, 0, error);
    return false;
  }
  out->func_index = m.imported_funcs + defined_index;
  FunctionCompiler fc(m, defined_index, *out, scratch);
  if (!fc.compile()) {
    free_function(m, out);
    compile_failed(m, defined_index, fc.out_of_memory(), fc.failed_offset(), error);
    return false;
  }
  const std::size_t bytes = compiled_size(*out);
  if (!within_code_limit(m, defined_index, bytes, error)) {
    free_function(m, out);
    return false;
  }
  CompiledFunction* published = body.compiled.publish(out);
  if (published != out) {
    m.compiled_bytes.fetch_sub(bytes);
    free_function(m, out);
  }
  *result = published;
  return true;
}

}  // namespace

// Both return their one named Error (built in the caller's slot): the compiler's frames are under
// them, and on firmware an Error is 180 bytes of stack.
Error compile_function(const ModuleData& m, uint32_t defined_index, CompiledFunction** result) noexcept {
  Error e;
  Scratch scratch(&m.heap);
  (void)compile_with(m, defined_index, scratch, result, &e);
  return e;
}

Error compile_all(ModuleData& m) noexcept {
  Error e;
  Scratch scratch(&m.heap);
  CompiledFunction* c;
  for (uint32_t i = 0; i < m.bodies.size() && compile_with(m, i, scratch, &c, &e); ++i) {
  }
  return e;
}

void free_compiled(ModuleData& m) noexcept {
  for (FunctionBody& b : m.bodies) {
    free_function(m, b.compiled.get());
    b.compiled.set_unshared(nullptr);
  }
}

}  // namespace ember::detail
