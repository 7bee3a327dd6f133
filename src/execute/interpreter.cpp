// Ember: the interpreter loop. Each IR instruction has one handler; handlers are written once and
// dispatched either by computed goto (GCC, Clang: one indirect jump per handler) or by a portable
// switch (EMBER_DISPATCH_SWITCH, or compilers without labels-as-values).
//
// Registers of the loop: pc (current instruction), fp (current frame's slots), the current function
// and instance, and the instance's memory 0 base and size, re-read after anything that may move them
// (calls that leave the instance, host calls, memory.grow).
#include <cstring>

#include "compile/compiler.h"
#include "compile/ir.h"
#include "execute/exec_state.h"
#include "execute/memory_access.h"
#include "execute/numeric.h"
#include "module/opcodes.h"
#include "runtime/store_state.h"
#include "util/detail_text.h"

#if defined(EMBER_DISPATCH_SWITCH) || !(defined(__GNUC__) || defined(__clang__))
#define EMBER_USE_GOTO 0
#else
#define EMBER_USE_GOTO 1
#endif

#if defined(__GNUC__) || defined(__clang__)
#define EMBER_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define EMBER_UNLIKELY(x) (x)
#endif

namespace ember::detail {

#ifdef EMBER_OP_STATS
// Development aid (-DEMBER_OP_STATS): dynamic counts of IR ops and adjacent op pairs, printed to
// stderr at exit, to choose fused instructions from data rather than guesses.
}  // namespace ember::detail
#include <cstdio>
#include <cstdlib>
namespace ember::detail {
namespace {
uint64_t g_op_count[uint32_t(Op::Count)];
uint64_t g_pair_count[uint32_t(Op::Count)][uint32_t(Op::Count)];
uint32_t g_prev_op;
struct OpStatsPrinter {
  ~OpStatsPrinter() {
    uint64_t total = 0;
    for (uint64_t c : g_op_count) total += c;
    std::fprintf(stderr, "op stats: %llu dispatches\n", (unsigned long long)total);
    for (int round = 0; round < 2; ++round) {
      // Print the top 40 ops, then the top 40 pairs.
      for (int k = 0; k < 40; ++k) {
        uint64_t best = 0;
        uint32_t bi = 0, bj = 0;
        for (uint32_t i = 0; i < uint32_t(Op::Count); ++i)
          for (uint32_t j = 0; j < (round ? uint32_t(Op::Count) : 1u); ++j) {
            uint64_t c = round ? g_pair_count[i][j] : g_op_count[i];
            if (c > best) best = c, bi = i, bj = j;
          }
        if (!best) break;
        std::fprintf(stderr, round ? "  pair %3u -> %3u  %5.2f%%\n" : "  op %3u%.0u  %5.2f%%\n", unsigned(bi),
                     unsigned(bj), 100.0 * double(best) / double(total));
        if (round) g_pair_count[bi][bj] = 0; else g_op_count[bi] = 0;
      }
    }
  }
} g_op_stats_printer;
}  // namespace
#define EMBER_COUNT_OP()                         \
  do {                                           \
    ++g_op_count[*pc];                           \
    ++g_pair_count[g_prev_op][*pc];              \
    g_prev_op = *pc;                             \
  } while (0)
#else
#define EMBER_COUNT_OP() ((void)0)
#endif

ExecState::~ExecState() {
  heap->free(stack_begin, std::size_t(stack_end - stack_begin) * sizeof(uint64_t));
  heap->free(frames_begin, std::size_t(frames_end - frames_begin) * sizeof(Frame));
}

bool ExecState::init(const Config& config) noexcept {
  uint32_t slots = config.stack_bytes / 8;
  if (slots < 16) slots = 16;
  uint32_t depth = config.max_call_depth ? config.max_call_depth : 1;
  stack_begin = static_cast<uint64_t*>(heap->alloc(std::size_t(slots) * 8));
  if (!stack_begin) return false;
  stack_end = stack_begin + slots;
  frames_begin = static_cast<Frame*>(heap->alloc(std::size_t(depth) * sizeof(Frame)));
  if (!frames_begin) return false;
  stack_top = stack_begin;
  frames_end = frames_begin + depth;
  frame_top = frames_begin;
  fuel = config.fuel;
  fuel_enabled = config.fuel != 0;
  max_nesting = config.max_host_nesting ? config.max_host_nesting : 1;
  return true;
}

CompiledFunction* ensure_compiled(FunctionObj* f, Error* err) noexcept {
  if (f->code_) return f->code_;
  // The module is shared with other stores, possibly on other threads: compile_function publishes
  // the code once, and the Function (this store's) caches the published pointer.
  const ModuleData& m = *f->instance_->module_;
  CompiledFunction* c = nullptr;
  Error e = compile_function(m, f->index_ - m.imported_funcs, &c);
  if (e) {
    // Keep what failed to allocate and say when: "allocating compiled code, compiling on first call".
    char detail[sizeof e.detail];
    std::size_t n = std::strlen(e.detail);
    static const char kWhen[] = ", compiling on first call";
    std::memcpy(detail, e.detail, n);
    std::size_t room = sizeof detail - 1 - n;
    std::size_t add = sizeof kWhen - 1 < room ? sizeof kWhen - 1 : room;
    std::memcpy(detail + n, kWhen, add);
    detail[n + add] = '\0';
    e.set_detail(detail);
    *err = e;
    return nullptr;
  }
  f->code_ = c;
  return c;
}

namespace {

// Slot encoding of each value type (see host_binding.h: the same encoding hosts see).
inline uint32_t get_I32(uint64_t s) noexcept { return uint32_t(s); }
inline uint64_t get_I64(uint64_t s) noexcept { return s; }
inline float get_F32(uint64_t s) noexcept { return num::bits<float>(uint32_t(s)); }
inline double get_F64(uint64_t s) noexcept { return num::bits<double>(s); }
inline uint64_t put_I32(uint32_t v) noexcept { return v; }
inline uint64_t put_I64(uint64_t v) noexcept { return v; }
inline uint64_t put_F32(float v) noexcept { return num::bits<uint32_t>(v); }
inline uint64_t put_F64(double v) noexcept { return num::bits<uint64_t>(v); }

inline uint64_t ref_slot(const void* p) noexcept { return uint64_t(uintptr_t(p)); }
inline void* slot_ref(uint64_t s) noexcept { return reinterpret_cast<void*>(uintptr_t(s)); }

// The callee of call_indirect / return_call_indirect (operands: type table base index_slot), with
// the spec's checks in the spec's order.
inline TrapKind resolve_indirect(const InstanceObj* inst, const uint32_t* pc, const uint64_t* fp,
                                 FunctionObj** callee) noexcept {
  const TableObj* table = inst->tables_[pc[2]];
  uint32_t i = uint32_t(fp[pc[4]]);
  if (EMBER_UNLIKELY(i >= table->elements_.size())) return TrapKind::UndefinedElement;
  FunctionObj* f = static_cast<FunctionObj*>(table->elements_[i]);
  if (EMBER_UNLIKELY(!f)) return TrapKind::UninitializedElement;
  if (EMBER_UNLIKELY(f->type_id_ != inst->type_ids_[pc[1]])) return TrapKind::IndirectCallTypeMismatch;
  *callee = f;
  return TrapKind::None;
}

uint32_t host_frame_slots(const FunctionObj* f) noexcept {
  uint32_t p = 0, r = 0;
  for (uint32_t i = 0; i < f->type_.param_count; ++i) p += slot_count(f->type_.params[i]);
  for (uint32_t i = 0; i < f->type_.result_count; ++i) r += slot_count(f->type_.results[i]);
  return p > r ? p : r;
}

// Calls a host function with its slots at `args`, keeping the store's stack and frame tops above
// the live wasm state so that the host may call back into wasm.
TrapKind call_host(StoreState& store, ExecState& st, FunctionObj* f, InstanceObj* caller_instance, uint64_t* args,
                   Frame* frame, Error* err) noexcept {
  uint64_t* saved_top = st.stack_top;
  Frame* saved_frame = st.frame_top;
  st.stack_top = args + host_frame_slots(f);
  st.frame_top = frame;
  Error* saved_error = st.host_error;
  st.host_error = err;
  CallerObj caller;
  caller.store_ = store.handle_;
  caller.instance_ = caller_instance;
  TrapKind t = f->host_(caller, f->host_user_, args);
  st.stack_top = saved_top;
  st.frame_top = saved_frame;
  st.host_error = saved_error;
  if (t == TrapKind::Exit) err->exit_code = caller.exit_code_;
  if (t == TrapKind::HostTrap && caller.message_) err->set_detail(caller.message_);
  return t;
}

// The Error the host sees when a run stops with `t`; `err` holds what host calls recorded (exit
// code, a message and detail). An exit ends the program: it is not a trap.
Error stop_error(TrapKind t, const Error& err) noexcept {
  if (t == TrapKind::Exit) return Error::make_exit(err.exit_code);
  Error e = Error::make_trap(t);
  if (err.message && err.message[0]) e.message = err.message;
  std::memcpy(e.detail, err.detail, sizeof e.detail);
  return e;
}

// Zeroes a callee's declared locals. Most functions have none or a few: a plain loop beats a call
// to memset there (on a Cortex-M3 that call is most of a small function's entry cost).
inline void zero_locals(uint64_t* p, uint32_t count) noexcept {
  for (uint32_t i = 0; i < count; ++i) p[i] = 0;
}

// ---- metering: what fuel buys (the unit is documented at Config::fuel) ----
constexpr uint64_t kBytesPerFuel = 256;           // bulk memory operations
constexpr uint64_t kElementsPerFuel = 32;         // bulk table operations, table.grow
constexpr uint64_t kFuelPerPage = Memory::kPageSize / kBytesPerFuel;  // memory.grow
// Most work a bulk operation does between two checks for fuel and interrupts, so that neither
// waits for a multi-gigabyte fill to finish.
constexpr uint64_t kBulkChunkBytes = 64 * 1024;
constexpr uint64_t kBulkChunkElements = 8 * 1024;

// Charges `units` of fuel before some work, or says why the work must not start: an interrupt
// request (consumed), or too little fuel (nothing charged).
inline TrapKind charge(ExecState& st, uint64_t units) noexcept {
  if (EMBER_UNLIKELY(st.interrupt->requested()) && st.interrupt->take()) return TrapKind::Interrupted;
  if (st.fuel_enabled) {
    if (EMBER_UNLIKELY(st.fuel < units)) return TrapKind::OutOfFuel;
    st.fuel -= units;
  }
  return TrapKind::None;
}

// The next chunk of a bulk operation with `left` units (bytes or elements) to go, `per_fuel` of
// them per unit of fuel: at most `chunk`, and no more than the fuel pays for; charged. 0 (with
// *stop set) when the operation must stop here.
inline uint64_t bulk_step(ExecState& st, uint64_t left, uint64_t per_fuel, uint64_t chunk, TrapKind* stop) noexcept {
  if (EMBER_UNLIKELY(st.interrupt->requested()) && st.interrupt->take()) {
    *stop = TrapKind::Interrupted;
    return 0;
  }
  uint64_t step = left < chunk ? left : chunk;
  if (st.fuel_enabled) {
    uint64_t cost = (step + per_fuel - 1) / per_fuel;
    if (cost > st.fuel) {
      // A partial chunk of what the remaining fuel pays for in full (less than `step`).
      step = st.fuel * per_fuel;
      cost = st.fuel;
      if (step == 0) {
        *stop = TrapKind::OutOfFuel;
        return 0;
      }
    }
    st.fuel -= cost;
  }
  return step;
}

// Progress a resumed bulk operation already made (0 for a fresh one); consumed.
inline uint64_t take_bulk_progress(ExecState& st) noexcept {
  uint64_t done = st.bulk_done;
  st.bulk_done = 0;
  return done;
}

// Detail of a "call stack exhausted" trap: which Config limit ran out.
void name_exhausted_limit(Error& e, const char* setting, uint64_t value) noexcept {
  DetailText d;
  d.str("Config::").str(setting).str(" = ").num(value).str(" reached");
  d.into(e);
}

}  // namespace

TrapKind host_exception(Caller& public_caller, const char* what) noexcept {
  CallerObj& caller = *impl(&public_caller);
  caller.message_ = nullptr;
  caller.status_ = TrapKind::HostTrap;
  StoreState* store = caller.store_ ? store_state(*caller.store_) : nullptr;
  ExecState* st = store ? store->exec_ : nullptr;
  if (st && st->host_error) {
    st->host_error->message = "host function threw an exception";
    st->host_error->set_detail(what ? what : "not a std::exception");
  }
  return TrapKind::HostTrap;
}

namespace {
Error run(StoreState& store, FunctionObj* entry, uint64_t* fp, bool resumable, const Suspension* from) noexcept;
}  // namespace

namespace {
[[gnu::noinline]] Error nesting_exhausted(const StoreState& store) noexcept {
  Error e = Error::make_trap(TrapKind::CallStackExhausted);
  name_exhausted_limit(e, "max_host_nesting", store.config_.max_host_nesting);
  return e;
}

// One named result and no other return, so it is built in the caller's slot (see execute).
Error run_nested(StoreState& store, FunctionObj* entry, uint64_t* fp, bool resumable) noexcept {
  ExecState& st = *store.exec_;
  ++st.nesting;
  Error e = run(store, entry, fp, resumable && st.nesting == 1, nullptr);
  --st.nesting;
  return e;
}
}  // namespace

// Every return is a call, so this frame holds no Error of its own: it sits under every run, and
// on firmware an Error is 180 bytes of stack.
Error execute(StoreState& store, FunctionObj* entry, uint64_t* fp, bool resumable) noexcept {
  // Host functions may call back into wasm; each level nests natively, so it is bounded.
  ExecState& st = *store.exec_;
  if (st.nesting >= st.max_nesting) return nesting_exhausted(store);
  // A new outermost call reuses the stacks a suspended one kept: that one is abandoned.
  if (st.nesting == 0) st.suspended.active = false;
  return run_nested(store, entry, fp, resumable);
}

Error resume_execution(StoreState& store) noexcept {
  ExecState& st = *store.exec_;
  Suspension from = st.suspended;
  st.suspended.active = false;
  st.bulk_done = from.bulk_done;
  ++st.nesting;
  Error e = run(store, from.entry, from.entry_fp, true, &from);
  --st.nesting;
  st.bulk_done = 0;
  return e;
}

namespace {

Error run(StoreState& store, FunctionObj* entry, uint64_t* fp, bool resumable, const Suspension* from) noexcept {
  ExecState& st = *store.exec_;
  Error err;
  if (!from && entry->host_) {
    TrapKind t = call_host(store, st, entry, nullptr, fp, st.frame_top, &err);
    if (t != TrapKind::None) return stop_error(t, err);
    return Error{};
  }

  Frame* const entry_frame = from ? from->entry_frame : st.frame_top;
  uint64_t* const entry_fp = fp;
  Frame* const frames_end = st.frames_end;
  uint64_t* const stack_end = st.stack_end;
  Frame* frame = entry_frame;
  FunctionObj* cur = entry;
  InstanceObj* inst = nullptr;
  FunctionObj* const* funcs = nullptr;
  MemoryObj* mem0 = nullptr;
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__OPTIMIZE__) && \
    !defined(EMBER_NO_REGISTER_HINTS)
  // GCC otherwise spills these to the stack in every load and store handler; pinning them to
  // callee-saved registers keeps the bounds check and the access register-only.
  register uint8_t* mem_base asm("r13") = nullptr;
  register uint64_t mem_size asm("r14") = 0;
#else
  uint8_t* mem_base = nullptr;
  uint64_t mem_size = 0;
#endif
  const uint32_t* pc = nullptr;
  TrapKind trap = TrapKind::None;
  bool stop_resumable = false;  // the stop may be resumed: pc runs again, bulk_progress done
  uint64_t bulk_progress = 0;

  // Variables of the shared call path.
  FunctionObj* callee = nullptr;
  uint64_t* callee_fp = nullptr;
  const uint32_t* ret_pc = nullptr;

#define LOAD_INSTANCE()                                  \
  do {                                                   \
    inst = cur->instance_;                               \
    funcs = inst->funcs_.data();                         \
    mem0 = inst->memories_.empty() ? nullptr : inst->memories_[0]; \
    mem_base = mem0 ? mem0->data_ : nullptr;             \
    mem_size = mem0 ? mem0->size_ : 0;                   \
  } while (0)
#define RELOAD_MEMORY()            \
  do {                             \
    if (mem0) {                    \
      mem_base = mem0->data_;      \
      mem_size = mem0->size_;      \
    }                              \
  } while (0)
#define TRAP(kind)   \
  do {               \
    trap = (kind);   \
    goto on_trap;    \
  } while (0)
// Stops before the instruction at pc (nothing of it done, or bulk_progress units of a bulk
// operation): a resumable stop.
#define STOP(kind)          \
  do {                      \
    trap = (kind);          \
    stop_resumable = true;  \
    goto on_trap;           \
  } while (0)
// Stops a bulk operation part-way, `done` units in.
#define BULK_STOP(kind, done) \
  do {                        \
    bulk_progress = (done);   \
    STOP(kind);               \
  } while (0)
#define R(i) fp[pc[i]]

  if (from) {
    frame = from->frame;
    cur = from->cur;
    pc = from->pc;
    fp = from->fp;
    LOAD_INSTANCE();
  } else {
    CompiledFunction* c = ensure_compiled(cur, &err);
    if (!c) return err;
    if (fp + c->frame_slots > stack_end || frame == frames_end) {
      Error e = Error::make_trap(TrapKind::CallStackExhausted);
      if (frame == frames_end)
        name_exhausted_limit(e, "max_call_depth", store.config_.max_call_depth);
      else
        name_exhausted_limit(e, "stack_bytes", store.config_.stack_bytes);
      return e;
    }
    std::memset(fp + c->param_slots, 0, std::size_t(c->local_slots) * 8);
    pc = c->code.data();
    LOAD_INSTANCE();
  }

#if EMBER_USE_GOTO
  static const void* const kLabels[] = {
#define EMBER_IR_LABEL(Name, n) &&L_##Name,
      EMBER_IR_SPECIAL(EMBER_IR_LABEL)
#undef EMBER_IR_LABEL
#define EMBER_LOAD(Name, code, text, T, bytes) &&L_##Name,
#define EMBER_STORE(Name, code, text, T, bytes) &&L_##Name,
#define EMBER_UNOP(Name, code, text, In, Out) &&L_##Name,
#define EMBER_BINOP(Name, code, text, In, Out) &&L_##Name,
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) &&L_##Name,
#include "module/opcodes.def"
#define EMBER_IR_LABEL_IMM(Name, In, Out) &&L_##Name##Imm,
      EMBER_IR_BINOP_IMM(EMBER_IR_LABEL_IMM)
#undef EMBER_IR_LABEL_IMM
#define EMBER_IR_LABEL_BR(Name, In) &&L_BrIf##Name, &&L_BrIf##Name##Imm,
      EMBER_IR_CMP_BRANCH(EMBER_IR_LABEL_BR)
#undef EMBER_IR_LABEL_BR
#define EMBER_IR_LABEL_INC(Name, In) &&L_AddImmBrIf##Name, &&L_AddImmBrIf##Name##Imm,
      EMBER_IR_CMP_BRANCH(EMBER_IR_LABEL_INC)
#undef EMBER_IR_LABEL_INC
#define EMBER_IR_LABEL_LOAD_ADD(Name, bytes) &&L_##Name##Add, &&L_##Name##AddImm,
      EMBER_IR_LOAD_ADD(EMBER_IR_LABEL_LOAD_ADD)
#undef EMBER_IR_LABEL_LOAD_ADD
#define EMBER_IR_LABEL_MUL_ADD(T) &&L_##T##MulAdd, &&L_##T##MulSub, &&L_##T##MulRsub,
      EMBER_IR_MUL_ADD(EMBER_IR_LABEL_MUL_ADD)
#undef EMBER_IR_LABEL_MUL_ADD
  };
  static_assert(sizeof(kLabels) / sizeof(kLabels[0]) == size_t(Op::Count), "label table out of sync");
#define HANDLER(Name) L_##Name:
#define NEXT()    \
  EMBER_COUNT_OP(); \
  goto* kLabels[*pc]
  NEXT();
#else
#define HANDLER(Name) case Op::Name:
#define NEXT() goto dispatch
dispatch:
  switch (Op(*pc)) {
#endif

  HANDLER(Unreachable) TRAP(TrapKind::Unreachable);
  HANDLER(Nop) {
    pc += 1;
    NEXT();
  }
  HANDLER(Copy) {
    R(1) = R(2);
    pc += 3;
    NEXT();
  }
  HANDLER(Const32) {
    R(1) = pc[2];
    pc += 3;
    NEXT();
  }
  HANDLER(Const64) {
    R(1) = uint64_t(pc[2]) | uint64_t(pc[3]) << 32;
    pc += 4;
    NEXT();
  }
  HANDLER(Br) {
    pc += int32_t(pc[1]);
    NEXT();
  }
  HANDLER(BrIfNez) {
    if (uint32_t(R(1)))
      pc += int32_t(pc[2]);
    else
      pc += 3;
    NEXT();
  }
  HANDLER(BrIfEqz) {
    if (!uint32_t(R(1)))
      pc += int32_t(pc[2]);
    else
      pc += 3;
    NEXT();
  }
  HANDLER(BrTable) {
    uint32_t i = uint32_t(R(1));
    uint32_t n = pc[2];
    if (i > n) i = n;
    pc += int32_t(pc[3 + i]);
    NEXT();
  }
  HANDLER(Return1) {
    fp[0] = R(1);
    goto do_return;
  }
  HANDLER(Return) {
  do_return:
    if (frame == entry_frame) goto done;
    --frame;
    pc = frame->ret_pc;
    fp = frame->fp;
    cur = frame->func;
    if (cur->instance_ != inst) LOAD_INSTANCE();
    NEXT();
  }
  HANDLER(Call) {
    callee = funcs[pc[1]];
    callee_fp = fp + pc[2];
    ret_pc = pc + 3;
    goto call_wasm_same_instance;
  }
  HANDLER(CallImport) {
    callee = funcs[pc[1]];
    callee_fp = fp + pc[2];
    ret_pc = pc + 3;
    goto call_any;
  }
  HANDLER(CallIndirect) {
    TrapKind t = resolve_indirect(inst, pc, fp, &callee);
    if (EMBER_UNLIKELY(t != TrapKind::None)) TRAP(t);
    callee_fp = fp + pc[3];
    ret_pc = pc + 5;
    goto call_any;
  }
  HANDLER(ReturnCall) {
    callee = funcs[pc[1]];
    callee_fp = fp + pc[2];
    goto tail_call;
  }
  HANDLER(ReturnCallIndirect) {
    TrapKind t = resolve_indirect(inst, pc, fp, &callee);
    if (EMBER_UNLIKELY(t != TrapKind::None)) TRAP(t);
    callee_fp = fp + pc[3];
    goto tail_call;
  }
  HANDLER(Select) {
    R(1) = uint32_t(R(4)) ? R(2) : R(3);
    pc += 5;
    NEXT();
  }
  HANDLER(GlobalGet) {
    R(1) = inst->globals_[pc[2]]->value_[0];
    pc += 3;
    NEXT();
  }
  HANDLER(GlobalSet) {
    inst->globals_[pc[2]]->value_[0] = R(1);
    pc += 3;
    NEXT();
  }
  HANDLER(TableGet) {
    TableObj* table = inst->tables_[pc[2]];
    uint32_t i = uint32_t(R(3));
    if (EMBER_UNLIKELY(i >= table->elements_.size())) TRAP(TrapKind::OutOfBoundsTableAccess);
    R(1) = ref_slot(table->elements_[i]);
    pc += 4;
    NEXT();
  }
  HANDLER(TableSet) {
    TableObj* table = inst->tables_[pc[1]];
    uint32_t i = uint32_t(R(2));
    if (EMBER_UNLIKELY(i >= table->elements_.size())) TRAP(TrapKind::OutOfBoundsTableAccess);
    table->elements_[i] = slot_ref(R(3));
    pc += 4;
    NEXT();
  }
  HANDLER(TableSize) {
    R(1) = uint32_t(inst->tables_[pc[2]]->elements_.size());
    pc += 3;
    NEXT();
  }
  HANDLER(TableGrow) {
    TableObj* table = inst->tables_[pc[2]];
    uint64_t delta = uint32_t(R(4));
    // Charged only for growth that may succeed: a refused grow does no work.
    if (delta && delta <= table->max_ - table->elements_.size()) {
      TrapKind t = charge(st, (delta + kElementsPerFuel - 1) / kElementsPerFuel);
      if (EMBER_UNLIKELY(t != TrapKind::None)) STOP(t);
    }
    int64_t old = table->grow(uint32_t(delta), slot_ref(R(3)));
    R(1) = uint32_t(old);
    pc += 5;
    NEXT();
  }
  HANDLER(TableFill) {
    TableObj* table = inst->tables_[pc[1]];
    uint64_t start = uint32_t(R(2)), n = uint32_t(R(4));
    if (EMBER_UNLIKELY(start + n > table->elements_.size())) TRAP(TrapKind::OutOfBoundsTableAccess);
    void* v = slot_ref(R(3));
    for (uint64_t done = take_bulk_progress(st); done < n;) {
      TrapKind t = TrapKind::None;
      uint64_t step = bulk_step(st, n - done, kElementsPerFuel, kBulkChunkElements, &t);
      if (EMBER_UNLIKELY(!step)) BULK_STOP(t, done);
      for (uint64_t k = 0; k < step; ++k) table->elements_[start + done + k] = v;
      done += step;
    }
    pc += 5;
    NEXT();
  }
  HANDLER(TableCopy) {
    TableObj* dst = inst->tables_[pc[1]];
    TableObj* src = inst->tables_[pc[2]];
    uint64_t d = uint32_t(R(3)), s = uint32_t(R(4)), n = uint32_t(R(5));
    if (EMBER_UNLIKELY(s + n > src->elements_.size() || d + n > dst->elements_.size()))
      TRAP(TrapKind::OutOfBoundsTableAccess);
    void** to = dst->elements_.data();
    void* const* from_elems = src->elements_.data();
    for (uint64_t done = take_bulk_progress(st); done < n;) {
      TrapKind t = TrapKind::None;
      uint64_t step = bulk_step(st, n - done, kElementsPerFuel, kBulkChunkElements, &t);
      if (EMBER_UNLIKELY(!step)) BULK_STOP(t, done);
      // Overlapping ranges in chunks: front to back when moving down, back to front when up.
      uint64_t at = d <= s ? done : n - done - step;
      std::memmove(to + d + at, from_elems + s + at, step * sizeof(void*));
      done += step;
    }
    pc += 6;
    NEXT();
  }
  HANDLER(TableInit) {
    TableObj* table = inst->tables_[pc[1]];
    const Vec<void*>& seg = inst->elem_segments_[pc[2]];
    uint64_t d = uint32_t(R(3)), s = uint32_t(R(4)), n = uint32_t(R(5));
    if (EMBER_UNLIKELY(s + n > seg.size() || d + n > table->elements_.size()))
      TRAP(TrapKind::OutOfBoundsTableAccess);
    for (uint64_t done = take_bulk_progress(st); done < n;) {
      TrapKind t = TrapKind::None;
      uint64_t step = bulk_step(st, n - done, kElementsPerFuel, kBulkChunkElements, &t);
      if (EMBER_UNLIKELY(!step)) BULK_STOP(t, done);
      std::memcpy(table->elements_.data() + d + done, seg.data() + s + done, step * sizeof(void*));
      done += step;
    }
    pc += 6;
    NEXT();
  }
  HANDLER(ElemDrop) {
    Vec<void*>& seg = inst->elem_segments_[pc[1]];
    seg.release();
    pc += 2;
    NEXT();
  }
  HANDLER(MemorySize) {
    R(1) = uint32_t(inst->memories_[pc[2]]->size_ / Memory::kPageSize);
    pc += 3;
    NEXT();
  }
  HANDLER(MemoryGrow) {
    MemoryObj* mem = inst->memories_[pc[2]];
    uint64_t delta = uint32_t(R(3));
    // Charged only for growth that may succeed: a refused grow does no work.
    if (delta && delta <= mem->max_pages_ - mem->size_ / Memory::kPageSize) {
      TrapKind t = charge(st, delta * kFuelPerPage);
      if (EMBER_UNLIKELY(t != TrapKind::None)) STOP(t);
    }
    R(1) = uint32_t(mem->grow(delta));
    RELOAD_MEMORY();
    pc += 4;
    NEXT();
  }
  HANDLER(MemoryFill) {
    MemoryObj* mem = inst->memories_[pc[1]];
    uint64_t d = uint32_t(R(2)), n = uint32_t(R(4));
    if (EMBER_UNLIKELY(d + n > mem->size_)) TRAP(TrapKind::OutOfBoundsMemoryAccess);
    for (uint64_t done = take_bulk_progress(st); done < n;) {
      TrapKind t = TrapKind::None;
      uint64_t step = bulk_step(st, n - done, kBytesPerFuel, kBulkChunkBytes, &t);
      if (EMBER_UNLIKELY(!step)) BULK_STOP(t, done);
      std::memset(mem->data_ + d + done, int(uint8_t(R(3))), step);
      done += step;
    }
    pc += 5;
    NEXT();
  }
  HANDLER(MemoryCopy) {
    MemoryObj* dst = inst->memories_[pc[1]];
    MemoryObj* src = inst->memories_[pc[2]];
    uint64_t d = uint32_t(R(3)), s = uint32_t(R(4)), n = uint32_t(R(5));
    if (EMBER_UNLIKELY(s + n > src->size_ || d + n > dst->size_)) TRAP(TrapKind::OutOfBoundsMemoryAccess);
    for (uint64_t done = take_bulk_progress(st); done < n;) {
      TrapKind t = TrapKind::None;
      uint64_t step = bulk_step(st, n - done, kBytesPerFuel, kBulkChunkBytes, &t);
      if (EMBER_UNLIKELY(!step)) BULK_STOP(t, done);
      // Overlapping ranges in chunks: front to back when moving down, back to front when up.
      uint64_t at = d <= s ? done : n - done - step;
      std::memmove(dst->data_ + d + at, src->data_ + s + at, step);
      done += step;
    }
    pc += 6;
    NEXT();
  }
  HANDLER(MemoryInit) {
    MemoryObj* mem = inst->memories_[pc[1]];
    uint32_t seg_index = pc[2];
    const DataSegment& seg = inst->module_->datas[seg_index];
    uint64_t seg_size = inst->data_dropped_[seg_index] ? 0 : seg.data_size;
    uint64_t d = uint32_t(R(3)), s = uint32_t(R(4)), n = uint32_t(R(5));
    if (EMBER_UNLIKELY(s + n > seg_size || d + n > mem->size_)) TRAP(TrapKind::OutOfBoundsMemoryAccess);
    for (uint64_t done = take_bulk_progress(st); done < n;) {
      TrapKind t = TrapKind::None;
      uint64_t step = bulk_step(st, n - done, kBytesPerFuel, kBulkChunkBytes, &t);
      if (EMBER_UNLIKELY(!step)) BULK_STOP(t, done);
      std::memcpy(mem->data_ + d + done, inst->module_->bytes + seg.data_offset + s + done, step);
      done += step;
    }
    pc += 6;
    NEXT();
  }
  HANDLER(DataDrop) {
    inst->data_dropped_[pc[1]] = 1;
    pc += 2;
    NEXT();
  }
  HANDLER(RefNull) {
    R(1) = 0;
    pc += 2;
    NEXT();
  }
  HANDLER(RefIsNull) {
    R(1) = R(2) == 0;
    pc += 3;
    NEXT();
  }
  HANDLER(RefFunc) {
    R(1) = ref_slot(funcs[pc[2]]);
    pc += 3;
    NEXT();
  }
  HANDLER(Copy2) {
    R(1) = R(2);
    R(3) = R(4);
    pc += 5;
    NEXT();
  }
  HANDLER(BrIfAndZero) {
    pc += (uint32_t(R(1)) & uint32_t(R(2))) == 0 ? int32_t(pc[3]) : 4;
    NEXT();
  }
  HANDLER(BrIfAndNonZero) {
    pc += (uint32_t(R(1)) & uint32_t(R(2))) != 0 ? int32_t(pc[3]) : 4;
    NEXT();
  }
  HANDLER(BrIfAndImmZero) {
    pc += (uint32_t(R(1)) & pc[2]) == 0 ? int32_t(pc[3]) : 4;
    NEXT();
  }
  HANDLER(BrIfAndImmNonZero) {
    pc += (uint32_t(R(1)) & pc[2]) != 0 ? int32_t(pc[3]) : 4;
    NEXT();
  }
  HANDLER(ChargeFuel) {
    // Metered code may run in a store without a fuel limit; then only interrupts are seen.
    if (EMBER_UNLIKELY(st.interrupt->requested()) && st.interrupt->take()) STOP(TrapKind::Interrupted);
    if (st.fuel_enabled) {
      if (EMBER_UNLIKELY(st.fuel == 0)) STOP(TrapKind::OutOfFuel);
      --st.fuel;
    }
    pc += 1;
    NEXT();
  }

#define EMBER_LOAD(Name, code, text, T, bytes)                                  \
  HANDLER(Name) {                                                               \
    uint64_t ea = uint64_t(uint32_t(R(2))) + pc[3];                             \
    if (EMBER_UNLIKELY(ea + bytes > mem_size)) goto trap_out_of_bounds; \
    R(1) = ld_##Name(mem_base + ea);                                            \
    pc += 4;                                                                    \
    NEXT();                                                                     \
  }
#define EMBER_STORE(Name, code, text, T, bytes)                                 \
  HANDLER(Name) {                                                               \
    uint64_t ea = uint64_t(uint32_t(R(1))) + pc[3];                             \
    if (EMBER_UNLIKELY(ea + bytes > mem_size)) goto trap_out_of_bounds; \
    st_##Name(mem_base + ea, R(2));                                             \
    pc += 4;                                                                    \
    NEXT();                                                                     \
  }
  // Builds without floats: the decoder refuses every float instruction, so these handlers are
  // never reached; the constant guard lets the compiler drop their bodies and the soft-float calls.
#define EMBER_NO_FLOAT_CODE(In, Out) \
  if (!EMBER_FLOATS && (EMBER_IS_FLOAT_##In || EMBER_IS_FLOAT_##Out)) TRAP(TrapKind::Unreachable)
#define EMBER_UNOP(Name, code, text, In, Out)          \
  HANDLER(Name) {                                      \
    EMBER_NO_FLOAT_CODE(In, Out);                      \
    TrapKind t = TrapKind::None;                       \
    auto r = num::Name(get_##In(R(2)), t);             \
    if (EMBER_UNLIKELY(t != TrapKind::None)) TRAP(t);  \
    R(1) = put_##Out(r);                               \
    pc += 3;                                           \
    NEXT();                                            \
  }
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) EMBER_UNOP(Name, 0, text, In, Out)
#define EMBER_BINOP(Name, code, text, In, Out)                \
  HANDLER(Name) {                                             \
    EMBER_NO_FLOAT_CODE(In, Out);                             \
    TrapKind t = TrapKind::None;                              \
    auto r = num::Name(get_##In(R(2)), get_##In(R(3)), t);    \
    if (EMBER_UNLIKELY(t != TrapKind::None)) TRAP(t);         \
    R(1) = put_##Out(r);                                      \
    pc += 4;                                                  \
    NEXT();                                                   \
  }
#include "module/opcodes.def"

  // Immediate right operands: i32 ops take the word as is, i64 ops sign-extend it.
#define EMBER_IMM_I32(w) uint32_t(w)
#define EMBER_IMM_I64(w) uint64_t(int64_t(int32_t(w)))
#define EMBER_IR_HANDLER_IMM(Name, In, Out)                          \
  HANDLER(Name##Imm) {                                               \
    TrapKind t = TrapKind::None;                                     \
    auto r = num::Name(get_##In(R(2)), EMBER_IMM_##In(pc[3]), t);    \
    R(1) = put_##Out(r);                                             \
    pc += 4;                                                         \
    NEXT();                                                          \
  }
  EMBER_IR_BINOP_IMM(EMBER_IR_HANDLER_IMM)
#undef EMBER_IR_HANDLER_IMM
#define EMBER_IR_HANDLER_BR(Name, In)                                \
  HANDLER(BrIf##Name) {                                              \
    TrapKind t = TrapKind::None;                                     \
    if (num::Name(get_##In(R(1)), get_##In(R(2)), t))                \
      pc += int32_t(pc[3]);                                          \
    else                                                             \
      pc += 4;                                                       \
    NEXT();                                                          \
  }                                                                  \
  HANDLER(BrIf##Name##Imm) {                                         \
    TrapKind t = TrapKind::None;                                     \
    if (num::Name(get_##In(R(1)), EMBER_IMM_##In(pc[2]), t))         \
      pc += int32_t(pc[3]);                                          \
    else                                                             \
      pc += 4;                                                       \
    NEXT();                                                          \
  }
  EMBER_IR_CMP_BRANCH(EMBER_IR_HANDLER_BR)
#undef EMBER_IR_HANDLER_BR
#define EMBER_IR_HANDLER_INC(Name, In)                               \
  HANDLER(AddImmBrIf##Name) {                                        \
    TrapKind t = TrapKind::None;                                     \
    auto v = get_##In(R(2)) + EMBER_IMM_##In(pc[3]);                 \
    R(1) = put_##In(v);                                              \
    if (num::Name(v, get_##In(R(4)), t))                             \
      pc += int32_t(pc[5]);                                          \
    else                                                             \
      pc += 6;                                                       \
    NEXT();                                                          \
  }                                                                  \
  HANDLER(AddImmBrIf##Name##Imm) {                                   \
    TrapKind t = TrapKind::None;                                     \
    auto v = get_##In(R(2)) + EMBER_IMM_##In(pc[3]);                 \
    R(1) = put_##In(v);                                              \
    if (num::Name(v, EMBER_IMM_##In(pc[4]), t))                      \
      pc += int32_t(pc[5]);                                          \
    else                                                             \
      pc += 6;                                                       \
    NEXT();                                                          \
  }
  EMBER_IR_CMP_BRANCH(EMBER_IR_HANDLER_INC)
#undef EMBER_IR_HANDLER_INC
#define EMBER_IR_HANDLER_LOAD_ADD(Name, bytes)                                          \
  HANDLER(Name##Add) {                                                                  \
    uint64_t ea = uint64_t(uint32_t(R(2)) + uint32_t(R(3))) + pc[4];                   \
    if (EMBER_UNLIKELY(ea + bytes > mem_size)) goto trap_out_of_bounds; \
    R(1) = ld_##Name(mem_base + ea);                                                    \
    pc += 5;                                                                            \
    NEXT();                                                                             \
  }                                                                                     \
  HANDLER(Name##AddImm) {                                                               \
    uint64_t ea = uint64_t(uint32_t(R(2)) + pc[3]) + pc[4];                             \
    if (EMBER_UNLIKELY(ea + bytes > mem_size)) goto trap_out_of_bounds; \
    R(1) = ld_##Name(mem_base + ea);                                                    \
    pc += 5;                                                                            \
    NEXT();                                                                             \
  }
  EMBER_IR_LOAD_ADD(EMBER_IR_HANDLER_LOAD_ADD)
#undef EMBER_IR_HANDLER_LOAD_ADD
#define EMBER_IR_HANDLER_MUL_ADD(T)                                  \
  HANDLER(T##MulAdd) {                                               \
    EMBER_NO_FLOAT_CODE(T, T);                                       \
    auto p = num::rounded(get_##T(R(2)) * get_##T(R(3)));            \
    R(1) = put_##T(p + get_##T(R(4)));                               \
    pc += 5;                                                         \
    NEXT();                                                          \
  }                                                                  \
  HANDLER(T##MulSub) {                                               \
    EMBER_NO_FLOAT_CODE(T, T);                                       \
    auto p = num::rounded(get_##T(R(2)) * get_##T(R(3)));            \
    R(1) = put_##T(p - get_##T(R(4)));                               \
    pc += 5;                                                         \
    NEXT();                                                          \
  }                                                                  \
  HANDLER(T##MulRsub) {                                              \
    EMBER_NO_FLOAT_CODE(T, T);                                       \
    auto p = num::rounded(get_##T(R(2)) * get_##T(R(3)));            \
    R(1) = put_##T(get_##T(R(4)) - p);                               \
    pc += 5;                                                         \
    NEXT();                                                          \
  }
  EMBER_IR_MUL_ADD(EMBER_IR_HANDLER_MUL_ADD)
#undef EMBER_IR_HANDLER_MUL_ADD

#if !EMBER_USE_GOTO
    case Op::Count:
      break;
  }
  TRAP(TrapKind::Unreachable);
#endif

  // ---- calls ----
call_any:
  if (callee->host_) {
    TrapKind t = charge(st, 1);
    if (EMBER_UNLIKELY(t != TrapKind::None)) STOP(t);
    t = call_host(store, st, callee, inst, callee_fp, frame, &err);
    if (t != TrapKind::None) TRAP(t);
    RELOAD_MEMORY();
    pc = ret_pc;
    NEXT();
  }
  // Pushes the caller's frame and enters wasm function `callee` at callee_fp (compiling it first
  // if compilation was deferred).
#define ENTER_CALLEE()                                                                  \
  CompiledFunction* c = callee->code_;                                                  \
  if (EMBER_UNLIKELY(!c)) {                                                             \
    c = ensure_compiled(callee, &err);                                                  \
    if (!c) goto compile_failed;                                                        \
  }                                                                                     \
  if (EMBER_UNLIKELY(callee_fp + c->frame_slots > stack_end || frame == frames_end))    \
    TRAP(TrapKind::CallStackExhausted);                                                 \
  frame->ret_pc = ret_pc;                                                               \
  frame->fp = fp;                                                                       \
  frame->func = cur;                                                                    \
  ++frame;                                                                              \
  zero_locals(callee_fp + c->param_slots, c->local_slots);                              \
  fp = callee_fp;                                                                       \
  cur = callee;                                                                         \
  pc = c->code.data()
  if (callee->instance_ != inst) {
    ENTER_CALLEE();
    LOAD_INSTANCE();
    NEXT();
  }
call_wasm_same_instance : {
  ENTER_CALLEE();
  NEXT();
}
#undef ENTER_CALLEE

tail_call:
  if (callee->host_) {
    // A host callee cannot take over the frame: call it, then return its results.
    TrapKind t = charge(st, 1);
    if (EMBER_UNLIKELY(t != TrapKind::None)) STOP(t);
    t = call_host(store, st, callee, inst, callee_fp, frame, &err);
    if (t != TrapKind::None) TRAP(t);
    std::memmove(fp, callee_fp, std::size_t(host_frame_slots(callee)) * 8);
    goto do_return;
  }
  {
    CompiledFunction* c = ensure_compiled(callee, &err);
    if (EMBER_UNLIKELY(!c)) goto compile_failed;
    if (EMBER_UNLIKELY(fp + c->frame_slots > stack_end)) TRAP(TrapKind::CallStackExhausted);
    std::memmove(fp, callee_fp, std::size_t(c->param_slots) * 8);
    std::memset(fp + c->param_slots, 0, std::size_t(c->local_slots) * 8);
    cur = callee;
    if (cur->instance_ != inst) LOAD_INSTANCE();
    pc = c->code.data();
    NEXT();
  }

  // Shared by every load and store: a jump here keeps the trap kind off their fast path.
trap_out_of_bounds:
  trap = TrapKind::OutOfBoundsMemoryAccess;
  goto on_trap;

on_trap : {
  // An exit is not a trap: no location, and the last trap's backtrace stays.
  if (trap == TrapKind::Exit) return stop_error(trap, err);
  Error e = stop_error(trap, err);
  if (stop_resumable && resumable) {
    st.suspended = Suspension{true, entry, entry_fp, entry_frame, frame, cur, pc, fp, bulk_progress};
    e.set_detail(trap == TrapKind::OutOfFuel ? "the store's fuel is used up; resumable" : "interrupt requested; resumable");
  }
  if (trap == TrapKind::CallStackExhausted && !e.detail[0]) {
    if (frame == frames_end)
      name_exhausted_limit(e, "max_call_depth", store.config_.max_call_depth);
    else
      name_exhausted_limit(e, "stack_bytes", store.config_.stack_bytes);
  }
  // Backtrace: the trapping instruction, then each caller's call site, innermost first.
  store.backtrace_.clear();
  const CompiledFunction* c = cur->code_;
  if (c) {
    e.func_index = cur->index_;
    e.offset = c->wasm_offset(uint32_t(pc - c->code.data()));
    // Best effort: a backtrace that cannot grow is shorter, the trap itself is unchanged.
    if (store.config_.max_backtrace_frames > 0)
      (void)store.backtrace_.push_back(BacktraceFrame{cur->instance_, cur->index_, e.offset});
  }
  for (Frame* f = frame; f != entry_frame;) {
    --f;
    const CompiledFunction* fc = f->func->code_;
    uint32_t off = fc ? fc->wasm_offset(uint32_t(f->ret_pc - fc->code.data()) - 1) : 0;
    if (store.backtrace_.size() < store.config_.max_backtrace_frames)
      (void)store.backtrace_.push_back(BacktraceFrame{f->func->instance_, f->func->index_, off});
  }
  return e;
}

  // A callee could not be compiled (out of memory): the call fails with that error, not a trap,
  // and no backtrace is recorded.
compile_failed:
  store.backtrace_.clear();
  return err;

done:
  return Error{};

#undef LOAD_INSTANCE
#undef RELOAD_MEMORY
#undef TRAP
#undef STOP
#undef BULK_STOP
#undef R
#undef HANDLER
#undef NEXT
}

}  // namespace
}  // namespace ember::detail
