// Ember: validation of function bodies — the operand / control stack algorithm of the spec's
// validation appendix, run in one pass over each body with stacks reused across bodies.
#include <algorithm>

#include "decode/instr_reader.h"
#include "module/numeric_ops.h"
#include "module/opcodes.h"
#include "validate/func_validator.h"

namespace ember::detail {
namespace {

// Typing of the memory accesses and the saturating truncations, expanded from opcodes.def so the
// validator cannot drift from the opcode table (the other numeric instructions are typed from
// module/numeric_ops.h). The types are number types, whose ValType bits are one byte, so an entry
// is 3 bytes of flash rather than a 12-byte pair of ValTypes.
struct SimpleOp {
  uint8_t in;         // saturating truncation: operand type (ValType bits)
  uint8_t out;        // saturating truncation: result; load result / store operand (ValType bits)
  uint8_t max_align;  // load/store: log2 of the access width
  ValType in_type() const noexcept { return ValType::from_bits(in); }
  ValType out_type() const noexcept { return ValType::from_bits(out); }
};

constexpr uint8_t log2_bytes(uint32_t bytes) { return bytes >= 8 ? 3 : bytes >= 4 ? 2 : bytes >= 2 ? 1 : 0; }
constexpr uint8_t type_byte(ValType t) { return uint8_t(t.bits()); }

constexpr uint8_t kFirstMemoryOpcode = uint8_t(Opcode::I32Load);
constexpr uint8_t kMemoryOpcodeCount = uint8_t(Opcode::I64Store32) - kFirstMemoryOpcode + 1;

struct SimpleTable {
  SimpleOp memory[kMemoryOpcodeCount];  // loads and stores, from kFirstMemoryOpcode on
  SimpleOp fc[8];                       // 0xFC sub-opcodes 0..7: saturating truncations
};

constexpr SimpleTable make_simple_table() {
  SimpleTable t{};
#define EMBER_LOAD(Name, code, text, T, bytes) \
  t.memory[code - kFirstMemoryOpcode] =        \
      SimpleOp{type_byte(ValType::I32), type_byte(ValType::T), log2_bytes(bytes)};
#define EMBER_STORE(Name, code, text, T, bytes) \
  t.memory[code - kFirstMemoryOpcode] =         \
      SimpleOp{type_byte(ValType::I32), type_byte(ValType::T), log2_bytes(bytes)};
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) \
  t.fc[subcode] = SimpleOp{type_byte(ValType::In), type_byte(ValType::Out), 0};
#include "module/opcodes.def"
  return t;
}

constexpr SimpleTable kSimple = make_simple_table();

// The validator's fast path (FuncValidator::fast_step): the instructions that make up most of real
// code, with one-byte immediates, typed from this table without the general decoder. Anything
// else, and any case that would be an error, goes the general way, which alone reports errors.
enum class FastKind : uint8_t { None, Unop, Binop, Load, Store, Const, LocalGet, LocalSet, LocalTee, Drop };

struct FastOp {
  FastKind kind;
  uint8_t fixed_size;  // Const: length of the instruction if its immediate is fixed-size; 0: a LEB
  uint8_t max_align;   // Load/Store: log2 of the access width
  ValType in, out;     // Unop/Binop operand and result; Load result / Store operand; Const result
};

constexpr FastOp fast_op(FastKind kind, ValType in, ValType out, uint8_t max_align = 0,
                         uint8_t fixed_size = 0) {
  return FastOp{kind, fixed_size, max_align, in, out};
}

struct FastTable {
  FastOp ops[256];
};

constexpr FastTable make_fast_table() {
  FastTable t{};
#define EMBER_FAST(code, In, Out, op) \
  if (EMBER_FLOATS || !(EMBER_IS_FLOAT_##In || EMBER_IS_FLOAT_##Out)) t.ops[code] = op;
#define EMBER_UNOP(Name, code, text, In, Out) \
  EMBER_FAST(code, In, Out, fast_op(FastKind::Unop, ValType::In, ValType::Out))
#define EMBER_BINOP(Name, code, text, In, Out) \
  EMBER_FAST(code, In, Out, fast_op(FastKind::Binop, ValType::In, ValType::Out))
#define EMBER_LOAD(Name, code, text, T, bytes) \
  EMBER_FAST(code, I32, T, fast_op(FastKind::Load, ValType::I32, ValType::T, log2_bytes(bytes)))
#define EMBER_STORE(Name, code, text, T, bytes) \
  EMBER_FAST(code, I32, T, fast_op(FastKind::Store, ValType::I32, ValType::T, log2_bytes(bytes)))
#include "module/opcodes.def"
#undef EMBER_FAST
  t.ops[uint8_t(Opcode::I32Const)] = fast_op(FastKind::Const, ValType(), ValType::I32);
  t.ops[uint8_t(Opcode::I64Const)] = fast_op(FastKind::Const, ValType(), ValType::I64);
  if (EMBER_FLOATS) {
    t.ops[uint8_t(Opcode::F32Const)] = fast_op(FastKind::Const, ValType(), ValType::F32, 0, 5);
    t.ops[uint8_t(Opcode::F64Const)] = fast_op(FastKind::Const, ValType(), ValType::F64, 0, 9);
  }
  t.ops[uint8_t(Opcode::LocalGet)] = fast_op(FastKind::LocalGet, ValType(), ValType());
  t.ops[uint8_t(Opcode::LocalSet)] = fast_op(FastKind::LocalSet, ValType(), ValType());
  t.ops[uint8_t(Opcode::LocalTee)] = fast_op(FastKind::LocalTee, ValType(), ValType());
  t.ops[uint8_t(Opcode::Drop)] = fast_op(FastKind::Drop, ValType(), ValType());
  return t;
}

constexpr FastTable kFast = make_fast_table();

constexpr ValType kI32Triple[3] = {ValType::I32, ValType::I32, ValType::I32};

bool same_types(const ValType* a, uint32_t an, const ValType* b, uint32_t bn) noexcept {
  if (an != bn) return false;
  for (uint32_t i = 0; i < an; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// A body whose instructions do not decode. The caller re-reads the module's bodies the way the
// reference decoder does (decode/body_scan.h) for the spec's wording, so this only has to be right
// about the kind (Malformed, or Unsupported for SIMD).
Error reader_error(const ModuleData& m, const Reader& r, uint32_t body_index) noexcept {
  Error e = Error::make(r.error_kind(), r.error() ? r.error() : "unexpected end",
                        r.error() ? r.error_offset() : r.pos());
  e.func_index = m.imported_funcs + body_index;
  return e;
}

// Memory-access flags: without multi-memory, only alignment exponents below 32 decode.
constexpr uint32_t kMaxAlignFlags = 31;

// Data indices in code need the data count section (a decoding rule). A module with no data
// segments at all is treated as having a count of zero, so its data indices are reported as
// unknown (invalid) rather than malformed: text-format tools omit both sections for such modules,
// and the suite's `assert_invalid` cases rely on that.
bool missing_data_count(const ModuleData& m) noexcept { return !m.has_data_count && !m.datas.empty(); }

}  // namespace

bool FuncValidator::grow_vals() noexcept {
  uint32_t new_cap = cap_ ? cap_ * 2 : 64;
  if (!val_storage_.resize(new_cap)) return false;
  vals_ = val_storage_.data();
  cap_ = new_cap;
  return true;
}

bool FuncValidator::check_top(const ValType* ts, uint32_t n) noexcept {
  uint32_t available = size_ - frame_height_;
  for (uint32_t i = 0; i < n; ++i) {
    if (i >= available) return frame_unreachable_ ? true : fail("type mismatch");
    ValType actual = vals_[size_ - 1 - i];
    if (actual != ts[n - 1 - i] && actual != kUnknownType) return fail("type mismatch");
  }
  return true;
}

bool FuncValidator::push_ctrl(FrameKind kind, const ValType* params, uint32_t pc, const ValType* results,
                              uint32_t rc) noexcept {
  Frame f;
  f.params = params;
  f.results = results;
  f.param_count = pc;
  f.result_count = rc;
  f.height = size_;
  f.slot_height = slots_;
  f.kind = kind;
  f.unreachable = false;
  if (ctrl_size_ == ctrl_cap_) {
    uint32_t new_cap = ctrl_cap_ ? ctrl_cap_ * 2 : 16;
    if (!ctrl_storage_.resize(new_cap)) return out_of_memory("the control stack");
    ctrl_cap_ = new_cap;
    ctrl_ = ctrl_storage_.data();
  }
  ctrl_[ctrl_size_++] = f;
  if (ctrl_size_ > max_ctrl_) max_ctrl_ = ctrl_size_;
  frame_height_ = f.height;
  frame_unreachable_ = false;
  return push_n(params, pc);
}

bool FuncValidator::pop_ctrl(Frame* out) noexcept {
  const Frame& f = ctrl_[ctrl_size_ - 1];
  if (!pop_n(f.results, f.result_count)) return false;
  if (size_ != f.height) return fail("type mismatch");
  *out = f;
  if (--ctrl_size_ != 0) load_frame_cache();
  return true;
}

bool FuncValidator::block_signature(const BlockType& bt, const ValType** params, uint32_t* pc,
                                    const ValType** results, uint32_t* rc) noexcept {
  switch (bt.kind) {
    case BlockType::Empty:
      *params = *results = nullptr;
      *pc = *rc = 0;
      return true;
    case BlockType::Value:
      *params = nullptr;
      *pc = 0;
      *results = single_type_storage(bt.value_type);
      *rc = 1;
      return true;
    case BlockType::TypeIndex: {
      if (bt.type_index >= m_.types.size()) return fail_index("unknown type", bt.type_index);
      FuncTypeView v = m_.type_view(bt.type_index);
      *params = v.params;
      *pc = v.param_count;
      *results = v.results;
      *rc = v.result_count;
      return true;
    }
  }
  return fail("unknown type");
}

bool FuncValidator::setup_locals(const FunctionBody& body, const FuncTypeView& ft) noexcept {
  runs_ = m_.local_runs.data() + body.local_first;
  local_total_ = uint64_t(ft.param_count) + body.local_count;
  flat_count_ = uint32_t(std::min<uint64_t>(local_total_, kFlatLocals));
  if (flat_locals_.size() < flat_count_) {
    if (!flat_locals_.resize(flat_count_)) return out_of_memory("the local types");
  }
  ValType* out = flat_locals_.data();
  uint32_t n = 0;
  for (uint32_t i = 0; i < ft.param_count && n < flat_count_; ++i) out[n++] = ft.params[i];
  for (uint32_t ri = 0; ri < body.local_run_count && n < flat_count_; ++ri) {
    const LocalRun& run = runs_[ri];
    uint32_t take = uint32_t(std::min<uint64_t>(run.count, flat_count_ - n));
    std::fill(out + n, out + n + take, run.type);
    n += take;
  }
  run_ends_.clear();
  if (local_total_ > kFlatLocals) {
    // Only for pathological bodies; the cumulative ends make lookups O(log runs).
    uint64_t end = ft.param_count;
    for (uint32_t ri = 0; ri < body.local_run_count; ++ri) {
      end += runs_[ri].count;
      if (!run_ends_.push_back(end)) return out_of_memory("the local types");
    }
  }
  return true;
}

ValType FuncValidator::local_type_slow(uint32_t index) const noexcept {
  if (index >= local_total_) return kUnknownType;
  // index >= kFlatLocals, so it is a declared local: find the first run ending after it.
  const uint64_t* it =
      std::upper_bound(run_ends_.data(), run_ends_.data() + run_ends_.size(), uint64_t(index));
  return runs_[it - run_ends_.data()].type;
}

// The per-instruction typing rules, one method per instruction (or family). All are forced inline
// into step(), and step() into the loop of validate(): a call per instruction (saving and
// restoring registers) costs more than most instructions' checks.

// Unary and binary numeric operators: [in] -> [out] or [in in] -> [out].
EMBER_VALIDATOR_INLINE bool FuncValidator::op_numeric(uint8_t opcode) noexcept {
  const NumericOp typing = numeric_op(opcode);
  if (!pop_expect(typing.in())) return false;
  if (typing.binary() && !pop_expect(typing.in())) return false;
  return push(typing.out());
}

EMBER_VALIDATOR_INLINE bool FuncValidator::op_memory_access(const Instr& in, bool store) noexcept {
  const SimpleOp& s = kSimple.memory[in.op - kFirstMemoryOpcode];
  if (in.align > kMaxAlignFlags) return malformed("malformed memop flags");
  if (in.a >= m_.memories.size()) return fail_index("unknown memory", in.a);
  if (in.align > s.max_align) return fail("alignment must not be larger than natural");
  if (store) return pop_expect(s.out_type()) && pop_expect(ValType::I32);
  return pop_expect(ValType::I32) && push(s.out_type());
}

EMBER_VALIDATOR_INLINE bool FuncValidator::op_block(const Instr& in) noexcept {
  const ValType *params, *results;
  uint32_t pc, rc;
  if (!block_signature(in.block, &params, &pc, &results, &rc)) return false;
  if (Opcode(in.op) == Opcode::If && !pop_expect(ValType::I32)) return false;
  if (!pop_n(params, pc)) return false;
  FrameKind kind = Opcode(in.op) == Opcode::Block  ? FrameKind::Block
                   : Opcode(in.op) == Opcode::Loop ? FrameKind::Loop
                                                   : FrameKind::If;
  return push_ctrl(kind, params, pc, results, rc);
}

EMBER_VALIDATOR_INLINE bool FuncValidator::op_else() noexcept {
  // In the binary format `else` only belongs to an `if`; anywhere else the spec's decoder stops
  // the enclosing block there and then misses its `end`.
  if (ctrl_[ctrl_size_ - 1].kind != FrameKind::If) return malformed("END opcode expected");
  Frame f;
  if (!pop_ctrl(&f)) return false;
  return push_ctrl(FrameKind::Else, f.params, f.param_count, f.results, f.result_count);
}

EMBER_VALIDATOR_INLINE bool FuncValidator::op_end() noexcept {
  Frame f;
  if (!pop_ctrl(&f)) return false;
  // An `if` without `else` has an implicit empty else that must turn params into results.
  if (f.kind == FrameKind::If && !same_types(f.params, f.param_count, f.results, f.result_count))
    return fail("type mismatch");
  if (ctrl_size_ == 0) {
    done_ = true;  // stops the loop: step() returns false with done_ set
    return false;
  }
  return push_n(f.results, f.result_count);
}

EMBER_VALIDATOR_INLINE bool FuncValidator::op_br(uint32_t depth, bool conditional) noexcept {
  if (depth >= ctrl_size_) return fail_index("unknown label", depth);
  const Frame& target = frame_at_depth(depth);
  const ValType* ts = label_types(target);
  uint32_t n = label_arity(target);
  if (conditional) return pop_expect(ValType::I32) && pop_n(ts, n) && push_n(ts, n);
  if (!pop_n(ts, n)) return false;
  set_unreachable();
  return true;
}

EMBER_VALIDATOR_INLINE bool FuncValidator::op_br_table(const Instr& in, uint32_t body_end) noexcept {
  const uint32_t depth = ctrl_size_;
  if (in.a >= depth) return fail_index("unknown label", in.a);
  const Frame& def = frame_at_depth(in.a);
  const ValType* def_types = label_types(def);
  const uint32_t arity = label_arity(def);
  // Indices and arities first (as the reference checker does), then the operand types.
  Reader lr(m_.bytes, in.list_pos, body_end);
  for (uint32_t i = 0; i < in.count; ++i) {
    uint32_t l = 0;
    lr.u32(&l);  // already read once by read_instr, cannot fail
    if (l >= depth) return fail_index("unknown label", l);
    if (label_arity(frame_at_depth(l)) != arity) return fail("type mismatch");
  }
  if (!pop_expect(ValType::I32)) return false;
  lr.seek(in.list_pos);
  for (uint32_t i = 0; i < in.count; ++i) {
    uint32_t l = 0;
    lr.u32(&l);
    const Frame& t = frame_at_depth(l);
    if (!check_top(label_types(t), arity)) return false;
  }
  if (!pop_n(def_types, arity)) return false;
  set_unreachable();
  return true;
}

EMBER_VALIDATOR_INLINE bool FuncValidator::op_return() noexcept {
  if (!pop_n(func_type_.results, func_type_.result_count)) return false;
  set_unreachable();
  return true;
}

// call and return_call.
EMBER_VALIDATOR_INLINE bool FuncValidator::op_call(uint32_t func_index, bool tail) noexcept {
  if (func_index >= m_.func_count()) return fail_index("unknown function", func_index);
  FuncTypeView ft = m_.func_type_view(func_index);
  if (!tail) return pop_n(ft.params, ft.param_count) && push_n(ft.results, ft.result_count);
  if (!same_types(ft.results, ft.result_count, func_type_.results, func_type_.result_count))
    return fail("type mismatch");
  if (!pop_n(ft.params, ft.param_count)) return false;
  set_unreachable();
  return true;
}

// call_indirect and return_call_indirect: in.a = type index, in.b = table index.
EMBER_VALIDATOR_INLINE bool FuncValidator::op_call_indirect(const Instr& in, bool tail) noexcept {
  if (in.b >= m_.tables.size()) return fail_index("unknown table", in.b);
  if (in.a >= m_.types.size()) return fail_index("unknown type", in.a);
  if (m_.tables[in.b].elem != ValType::FuncRef) return fail("type mismatch");
  FuncTypeView ft = m_.type_view(in.a);
  if (tail && !same_types(ft.results, ft.result_count, func_type_.results, func_type_.result_count))
    return fail("type mismatch");
  if (!pop_expect(ValType::I32) || !pop_n(ft.params, ft.param_count)) return false;
  if (tail) {
    set_unreachable();
    return true;
  }
  return push_n(ft.results, ft.result_count);
}

// Untyped select is for numeric and vector operands only; select t names its type.
EMBER_VALIDATOR_INLINE bool FuncValidator::op_select(const Instr& in) noexcept {
  if (Opcode(in.op) == Opcode::SelectT) {
    if (in.count != 1) return fail("invalid result arity");
    ValType t = ValType::from_bits(in.a);
    return pop_expect(ValType::I32) && pop_expect(t) && pop_expect(t) && push(t);
  }
  ValType t1, t2;
  if (!pop_expect(ValType::I32) || !pop_any(&t1) || !pop_any(&t2)) return false;
  if (is_ref(t1) || is_ref(t2)) return fail("type mismatch");
  if (t1 != t2 && t1 != kUnknownType && t2 != kUnknownType) return fail("type mismatch");
  return push(t1 == kUnknownType ? t2 : t1);
}

// local.get, local.set and local.tee.
EMBER_VALIDATOR_INLINE bool FuncValidator::op_local(const Instr& in) noexcept {
  ValType t = local_type(in.a);
  if (t == kUnknownType) return fail_index("unknown local", in.a);
  switch (Opcode(in.op)) {
    case Opcode::LocalGet: return push(t);
    case Opcode::LocalSet: return pop_expect(t);
    default: return pop_expect(t) && push(t);
  }
}

// global.get and global.set.
EMBER_VALIDATOR_INLINE bool FuncValidator::op_global(const Instr& in) noexcept {
  if (in.a >= m_.global_types.size()) return fail_index("unknown global", in.a);
  const GlobalType& g = m_.global_types[in.a];
  if (Opcode(in.op) == Opcode::GlobalGet) return push(g.type);
  if (!g.is_mutable) return fail("global is immutable");
  return pop_expect(g.type);
}

// table.get, table.set, memory.size and memory.grow.
EMBER_VALIDATOR_INLINE bool FuncValidator::op_table_or_memory(const Instr& in) noexcept {
  switch (Opcode(in.op)) {
    case Opcode::TableGet:
      if (in.a >= m_.tables.size()) return fail_index("unknown table", in.a);
      return pop_expect(ValType::I32) && push(m_.tables[in.a].elem);
    case Opcode::TableSet:
      if (in.a >= m_.tables.size()) return fail_index("unknown table", in.a);
      return pop_expect(m_.tables[in.a].elem) && pop_expect(ValType::I32);
    case Opcode::MemorySize:
      if (in.a >= m_.memories.size()) return fail_index("unknown memory", in.a);
      return push(ValType::I32);
    default:  // memory.grow
      if (in.a >= m_.memories.size()) return fail_index("unknown memory", in.a);
      return pop_expect(ValType::I32) && push(ValType::I32);
  }
}

// ref.is_null and ref.func (ref.null is a constant).
EMBER_VALIDATOR_INLINE bool FuncValidator::op_ref(const Instr& in) noexcept {
  if (Opcode(in.op) == Opcode::RefIsNull) {
    ValType t;
    if (!pop_any(&t)) return false;
    if (t != kUnknownType && !is_ref(t)) return fail("type mismatch");
    return push(ValType::I32);
  }
  if (in.a >= m_.func_count()) return fail_index("unknown function", in.a);
  // C.refs: only functions referenced outside function bodies may be named here.
  if (!m_.declared_refs[in.a]) return fail("undeclared function reference");
  return push(ValType::FuncRef);
}

// The 0xFC prefix: saturating truncations, bulk memory and table instructions.
EMBER_VALIDATOR_INLINE bool FuncValidator::op_prefix_fc(const Instr& in) noexcept {
  if (in.sub < 8) {
    const SimpleOp& u = kSimple.fc[in.sub];
    return pop_expect(u.in_type()) && push(u.out_type());
  }
  switch (OpcodeFC(in.sub)) {
    case OpcodeFC::MemoryInit:
      if (missing_data_count(m_)) return malformed("data count section required");
      if (in.b >= m_.memories.size()) return fail_index("unknown memory", in.b);
      if (in.a >= m_.data_count) return fail_index("unknown data segment", in.a);
      return pop_n(kI32Triple, 3);
    case OpcodeFC::DataDrop:
      if (missing_data_count(m_)) return malformed("data count section required");
      if (in.a >= m_.data_count) return fail_index("unknown data segment", in.a);
      return true;
    case OpcodeFC::MemoryCopy:
      if (in.a >= m_.memories.size()) return fail_index("unknown memory", in.a);
      if (in.b >= m_.memories.size()) return fail_index("unknown memory", in.b);
      return pop_n(kI32Triple, 3);
    case OpcodeFC::MemoryFill:
      if (in.a >= m_.memories.size()) return fail_index("unknown memory", in.a);
      return pop_expect(ValType::I32) && pop_expect(ValType::I32) && pop_expect(ValType::I32);
    case OpcodeFC::TableInit:
      // in.a = element segment, in.b = table.
      if (in.b >= m_.tables.size()) return fail_index("unknown table", in.b);
      if (in.a >= m_.elems.size()) return fail_index("unknown elem segment", in.a);
      if (m_.elems[in.a].type != m_.tables[in.b].elem) return fail("type mismatch");
      return pop_n(kI32Triple, 3);
    case OpcodeFC::ElemDrop:
      if (in.a >= m_.elems.size()) return fail_index("unknown elem segment", in.a);
      return true;
    case OpcodeFC::TableCopy:
      // in.a = destination, in.b = source.
      if (in.a >= m_.tables.size()) return fail_index("unknown table", in.a);
      if (in.b >= m_.tables.size()) return fail_index("unknown table", in.b);
      if (m_.tables[in.a].elem != m_.tables[in.b].elem) return fail("type mismatch");
      return pop_n(kI32Triple, 3);
    case OpcodeFC::TableGrow:
      if (in.a >= m_.tables.size()) return fail_index("unknown table", in.a);
      return pop_expect(ValType::I32) && pop_expect(m_.tables[in.a].elem) && push(ValType::I32);
    case OpcodeFC::TableSize:
      if (in.a >= m_.tables.size()) return fail_index("unknown table", in.a);
      return push(ValType::I32);
    case OpcodeFC::TableFill:
      if (in.a >= m_.tables.size()) return fail_index("unknown table", in.a);
      return pop_expect(ValType::I32) && pop_expect(m_.tables[in.a].elem) && pop_expect(ValType::I32);
    default: return malformed("illegal opcode");
  }
}

// Typing of one instruction: the numeric operators from their table, the rest in one dispatch
// where the memory accesses share a case each, so the switch stays one jump table.
EMBER_VALIDATOR_INLINE bool FuncValidator::step(const Instr& in, uint32_t body_end) noexcept {
  if (is_numeric_opcode(in.op)) return op_numeric(in.op);
  switch (Opcode(in.op)) {
#define EMBER_LOAD(Name, code, text, T, bytes) case Opcode::Name:
#include "module/opcodes.def"
    return op_memory_access(in, false);
#define EMBER_STORE(Name, code, text, T, bytes) case Opcode::Name:
#include "module/opcodes.def"
    return op_memory_access(in, true);
    case Opcode::Unreachable: set_unreachable(); return true;
    case Opcode::Nop: return true;
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If: return op_block(in);
    case Opcode::Else: return op_else();
    case Opcode::End: return op_end();
    case Opcode::Br:
    case Opcode::BrIf: return op_br(in.a, Opcode(in.op) == Opcode::BrIf);
    case Opcode::BrTable: return op_br_table(in, body_end);
    case Opcode::Return: return op_return();
    case Opcode::Call:
    case Opcode::ReturnCall: return op_call(in.a, Opcode(in.op) == Opcode::ReturnCall);
    case Opcode::CallIndirect:
    case Opcode::ReturnCallIndirect: return op_call_indirect(in, Opcode(in.op) == Opcode::ReturnCallIndirect);
    case Opcode::Drop: {
      ValType t;
      return pop_any(&t);
    }
    case Opcode::Select:
    case Opcode::SelectT: return op_select(in);
    case Opcode::LocalGet:
    case Opcode::LocalSet:
    case Opcode::LocalTee: return op_local(in);
    case Opcode::GlobalGet:
    case Opcode::GlobalSet: return op_global(in);
    case Opcode::TableGet:
    case Opcode::TableSet:
    case Opcode::MemorySize:
    case Opcode::MemoryGrow: return op_table_or_memory(in);
    case Opcode::I32Const: return push(ValType::I32);
    case Opcode::I64Const: return push(ValType::I64);
    case Opcode::F32Const: return push(ValType::F32);
    case Opcode::F64Const: return push(ValType::F64);
    case Opcode::RefNull: return push(ValType::from_bits(in.a));
    case Opcode::RefIsNull:
    case Opcode::RefFunc: return op_ref(in);
    case Opcode::PrefixFC: return op_prefix_fc(in);
    default: return malformed("illegal opcode");
  }
}

// The fast path: types instructions from r.pos() on while each is one of kFast's with one-byte
// immediates whose operands are on the stack with exactly the expected types; stops, leaving r at
// the first instruction that is not, having changed nothing for it. The general path (read_instr +
// step) then handles that one, errors included, so both paths accept exactly the same bodies.
// The stack state lives in locals (registers) for the run, not in members. Operands and results
// here are numeric or references, one slot each (no v128 in this build).
EMBER_VALIDATOR_INLINE void FuncValidator::fast_run(Reader& r) noexcept {
  const uint8_t* const data = r.data();
  const uint32_t end = r.end();
  const uint32_t floor = frame_height_;  // operands below it belong to outer frames
  const uint32_t cap = cap_;
  ValType* const vals = vals_;
  const ValType* const locals = flat_locals_.data();
  const uint32_t local_count = flat_count_;
  const bool has_memory = !m_.memories.empty();
  uint32_t pos = r.pos(), size = size_, slots = slots_, max_slots = max_slots_;
  for (;;) {
    if (end - pos < 2) break;  // the last byte is the final `end`, never fast
    const uint8_t* p = data + pos;
    const FastOp& f = kFast.ops[p[0]];
    const uint32_t avail = size - floor;
    switch (f.kind) {
      case FastKind::None: goto done;
      case FastKind::Unop:
        if (avail < 1 || vals[size - 1] != f.in) goto done;
        vals[size - 1] = f.out;
        pos += 1;
        continue;
      case FastKind::Binop:
        if (avail < 2 || vals[size - 1] != f.in || vals[size - 2] != f.in) goto done;
        vals[--size - 1] = f.out;
        slots -= 1;
        pos += 1;
        continue;
      case FastKind::Load:
      case FastKind::Store:
        // memarg: alignment and offset, one byte each; memory 0 must exist.
        if (end - pos < 3 || (p[1] | p[2]) & 0x80 || p[1] > f.max_align || !has_memory) goto done;
        if (f.kind == FastKind::Load) {
          if (avail < 1 || vals[size - 1] != ValType::I32) goto done;
          vals[size - 1] = f.out;
        } else {
          if (avail < 2 || vals[size - 1] != f.out || vals[size - 2] != ValType::I32) goto done;
          size -= 2;
          slots -= 2;
        }
        pos += 3;
        continue;
      case FastKind::Const: {
        const uint32_t len = f.fixed_size ? f.fixed_size : 2;
        if (end - pos < len || (!f.fixed_size && (p[1] & 0x80)) || size == cap) goto done;
        vals[size++] = f.out;
        if (++slots > max_slots) max_slots = slots;
        pos += len;
        continue;
      }
      case FastKind::LocalGet:
      case FastKind::LocalSet:
      case FastKind::LocalTee: {
        if ((p[1] & 0x80) || p[1] >= local_count) goto done;
        const ValType t = locals[p[1]];
        if (slot_width(t) != 1) goto done;
        if (f.kind == FastKind::LocalGet) {
          if (size == cap) goto done;
          vals[size++] = t;
          if (++slots > max_slots) max_slots = slots;
        } else {
          if (avail < 1 || vals[size - 1] != t) goto done;
          if (f.kind == FastKind::LocalSet) {
            size -= 1;
            slots -= 1;
          }
        }
        pos += 2;
        continue;
      }
      case FastKind::Drop:
        if (avail < 1) goto done;
        slots -= slot_width(vals[--size]);
        pos += 1;
        continue;
    }
    break;
  }
done:
  r.seek(pos);
  size_ = size;
  slots_ = slots;
  max_slots_ = max_slots;
}

// Cold and out of line: the Error (180 bytes with error text) is built here, straight into the
// caller's, so the validation loop's frame holds none.
[[gnu::noinline, gnu::cold]] void FuncValidator::report(uint32_t body_index, uint32_t offset,
                                                        Error* out) const noexcept {
  *out = kind_ == ErrorKind::OutOfMemory ? detail::out_of_memory(m_.heap, message_)
                                         : Error::make(kind_, message_, offset);
  out->func_index = m_.imported_funcs + body_index;
  if (has_bad_index_) set_index_detail(*out, bad_index_);
}

[[gnu::noinline, gnu::cold]] void FuncValidator::report_reader(const Reader& r, uint32_t body_index,
                                                               Error* out) const noexcept {
  *out = reader_error(m_, r, body_index);
}

bool FuncValidator::validate(uint32_t body_index, Error* error) noexcept {
  FunctionBody& body = m_.bodies[body_index];
  const uint32_t body_end = body.body_offset + body.body_size;

  if (body.type_index >= m_.types.size()) {
    fail_index("unknown type", body.type_index);
    report(body_index, body.body_offset, error);
    return false;
  }
  func_type_ = m_.type_view(body.type_index);
  if (!setup_locals(body, func_type_)) {
    report(body_index, body.body_offset, error);
    return false;
  }

  size_ = 0;
  slots_ = max_slots_ = 0;
  ctrl_size_ = 0;
  max_ctrl_ = 0;
  done_ = false;
  if (!push_ctrl(FrameKind::Func, nullptr, 0, func_type_.results, func_type_.result_count)) {
    report(body_index, body.body_offset, error);
    return false;
  }

  Reader r(m_.bytes, body.code_offset, body_end);
  Instr in;
  for (;;) {
    // The fast path is for start-up speed on big modules; firmware keeps the smaller general path
    // alone (on the Cortex-M3 the fast path costs 3.4 KB of code).
    if (!EMBER_SMALL_DEFAULTS) fast_run(r);
    if (!read_instr_shared(r, &in)) {
      report_reader(r, body_index, error);
      return false;
    }
    if (!step(in, body_end)) {
      if (done_) break;
      report(body_index, in.offset, error);
      return false;
    }
  }
  if (r.pos() != body_end) {
    malformed("section size mismatch");
    report(body_index, r.pos(), error);
    return false;
  }
  body.max_stack = max_slots_;
  body.max_control = max_ctrl_;
  return true;
}

Error find_data_index_use(const ModuleData& m, uint32_t body_index) noexcept {
  if (!missing_data_count(m)) return Error{};
  const FunctionBody& body = m.bodies[body_index];
  Reader r(m.bytes, body.code_offset, body.body_offset + body.body_size);
  Instr in;
  while (read_instr_shared(r, &in)) {
    if (Opcode(in.op) == Opcode::PrefixFC &&
        (OpcodeFC(in.sub) == OpcodeFC::MemoryInit || OpcodeFC(in.sub) == OpcodeFC::DataDrop)) {
      Error e = Error::make(ErrorKind::Malformed, "data count section required", in.offset);
      e.func_index = m.imported_funcs + body_index;
      return e;
    }
  }
  return Error{};
}

}  // namespace ember::detail
