// Ember: the interpreter loop. Each IR instruction has one handler; handlers are written once and
// dispatched either by computed goto (GCC, Clang: one indirect jump per handler) or by a portable
// switch (EMBER_DISPATCH_SWITCH, or compilers without labels-as-values).
//
// Registers of the loop: pc (current instruction), fp (current frame's slots), the current function
// and instance, and the instance's memory 0 base and size, re-read after anything that may move them
// (calls that leave the instance, host calls, memory.grow).
//
// run() is the loop's skeleton: its registers, the entry, and the dispatch over the handler
// families, each in its own file under handlers/ (included inside run(), so that every handler
// shares the registers and one indirect jump per handler remains); then the shared call paths and
// the exits. The handlers' macros are in loop_macros.h.
#include <cstring>

#include "compile/compiler.h"
#include "compile/ir.h"
#include "execute/cold_ops.h"
#include "execute/exec_state.h"
#include "execute/loop_macros.h"
#include "execute/memory_access.h"
#include "execute/numeric.h"
#include "execute/slot_values.h"
#include "module/opcodes.h"
#include "runtime/store_state.h"
#include "util/detail_text.h"

namespace ember::detail {

ExecState::~ExecState() {
  heap->free(stack_begin, std::size_t(stack_end - stack_begin) * sizeof(uint64_t));
  heap->free(frames_begin, std::size_t(frames_end - frames_begin) * sizeof(Frame));
}

bool ExecState::init(const Config& config) noexcept {
  uint32_t slots = config.stack_bytes / 8;
  if (slots < 16) slots = 16;
  // One more frame for the one each run pushes under its entry function (see run()): the
  // outermost run's wasm calls get exactly max_call_depth; a host's call back into wasm uses one.
  uint32_t depth = (config.max_call_depth ? config.max_call_depth : 1) + 1;
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

// The return address of the frame under every run's entry function.
const uint32_t kExitRunCode[1] = {uint32_t(Op::ExitRun)};

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
TrapKind call_host(StoreState& store, ExecState& st, FunctionObj* f, InstanceObj* caller_instance,
                   uint64_t* args, Frame* frame, Error* err) noexcept {
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
constexpr uint64_t kBytesPerFuel = 256;                               // bulk memory operations
constexpr uint64_t kElementsPerFuel = 32;                             // bulk table operations, table.grow
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
inline uint64_t bulk_step(ExecState& st, uint64_t left, uint64_t per_fuel, uint64_t chunk,
                          TrapKind* stop) noexcept {
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

// The chunks of a bulk instruction's work, its bounds checked: `n` units, bytes of a memory
// (unit 1) or elements of a table (unit sizeof(void*)), copied from `src` to `dst`, or, with no
// `src`, `dst` filled with `value` (a byte, or an element). Copies run back to front when
// `backward` (an overlapping move up). Each chunk is charged and checked for interrupts, and a
// resumed operation continues where it stopped (st.bulk_done: consumed at the start, and set to
// the units done at a stop). TrapKind::None when done, else the stop.
TrapKind run_bulk(ExecState& st, uint8_t* dst, const uint8_t* src, uint64_t value, uint64_t n,
                  std::size_t unit, bool backward) noexcept {
  const bool bytes = unit == 1;
  uint64_t done = st.bulk_done;
  st.bulk_done = 0;
  while (done < n) {
    TrapKind t = TrapKind::None;
    uint64_t step = bulk_step(st, n - done, bytes ? kBytesPerFuel : kElementsPerFuel,
                              bytes ? kBulkChunkBytes : kBulkChunkElements, &t);
    if (EMBER_UNLIKELY(!step)) {
      st.bulk_done = done;
      return t;
    }
    uint64_t at = backward ? n - done - step : done;
    uint8_t* to = dst + at * unit;
    if (src)
      std::memmove(to, src + at * unit, std::size_t(step * unit));
    else if (bytes)
      std::memset(to, int(uint8_t(value)), std::size_t(step));
    else
      for (uint64_t k = 0; k < step; ++k) reinterpret_cast<void**>(to)[k] = slot_ref(value);
    done += step;
  }
  return TrapKind::None;
}

// The bulk memory and table instructions (fill, copy, init), out of run(): they are rare and
// their work dwarfs a call, and one shared body is far smaller than six in the loop. Checks the
// bounds (the spec's trap), then runs the chunks. TrapKind::None when done; a stop part-way
// (out of fuel, interrupted) is resumable with st.bulk_done units done.
[[gnu::noinline]] TrapKind bulk_instruction(ExecState& st, const FunctionObj* cur, const uint32_t* pc,
                                            const uint64_t* fp) noexcept {
  const InstanceObj& inst = *cur->instance_;
  auto operand = [&](int i) { return uint64_t(uint32_t(fp[pc[i]])); };
  const Op op = Op(pc[0]);
  if (op == Op::MemoryFill || op == Op::TableFill) {
    uint64_t d = operand(2), n = operand(4);
    if (op == Op::MemoryFill) {
      MemoryObj* mem = inst.memories_[pc[1]];
      if (EMBER_UNLIKELY(d + n > mem->size_)) return TrapKind::OutOfBoundsMemoryAccess;
      return run_bulk(st, mem->data_ + d, nullptr, fp[pc[3]], n, 1, false);
    }
    TableObj* table = inst.tables_[pc[1]];
    if (EMBER_UNLIKELY(d + n > table->elements_.size())) return TrapKind::OutOfBoundsTableAccess;
    return run_bulk(st, reinterpret_cast<uint8_t*>(table->elements_.data() + d), nullptr, fp[pc[3]], n,
                    sizeof(void*), false);
  }
  // copy and init: operands (destination, source, d s n); the source is a memory, a table or a
  // segment of either.
  uint64_t d = operand(3), s = operand(4), n = operand(5);
  uint8_t* to = nullptr;
  const uint8_t* from = nullptr;
  uint64_t to_size = 0, from_size = 0;
  std::size_t unit = 1;
  TrapKind out_of_bounds = TrapKind::OutOfBoundsMemoryAccess;
  if (op == Op::MemoryCopy || op == Op::MemoryInit) {
    const MemoryObj* mem = inst.memories_[pc[1]];
    to = mem->data_;
    to_size = mem->size_;
    if (op == Op::MemoryCopy) {
      from = inst.memories_[pc[2]]->data_;
      from_size = inst.memories_[pc[2]]->size_;
    } else {
      const DataSegment& seg = inst.module_->datas[pc[2]];
      from = inst.module_->bytes + seg.data_offset;
      from_size = inst.data_dropped_[pc[2]] ? 0 : seg.data_size;
    }
  } else {
    TableObj* table = inst.tables_[pc[1]];
    to = reinterpret_cast<uint8_t*>(table->elements_.data());
    to_size = table->elements_.size();
    const Vec<void*>& source =
        op == Op::TableCopy ? inst.tables_[pc[2]]->elements_ : inst.elem_segments_[pc[2]];
    from = reinterpret_cast<const uint8_t*>(source.data());
    from_size = source.size();
    unit = sizeof(void*);
    out_of_bounds = TrapKind::OutOfBoundsTableAccess;
  }
  if (EMBER_UNLIKELY(s + n > from_size || d + n > to_size)) return out_of_bounds;
  // Overlapping ranges (a copy within one memory or table) run in chunks front to back when
  // moving down, back to front when up.
  bool backward = (op == Op::MemoryCopy || op == Op::TableCopy) && d > s;
  return run_bulk(st, to + d * unit, from + s * unit, 0, n, unit, backward);
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
Error run(StoreState& store, FunctionObj* entry, uint64_t* fp, bool resumable,
          const Suspension* from) noexcept;
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

// The host-called wasm function `f` entered at fp (a fresh run): compiled, its frame fits, its
// locals zeroed; *pc is its first instruction.
Error enter_entry(StoreState& store, FunctionObj* f, uint64_t* fp, const Frame* frame,
                  const uint32_t** pc) noexcept {
  ExecState& st = *store.exec_;
  Error err;
  CompiledFunction* c = ensure_compiled(f, &err);
  if (!c) return err;
  if (fp + c->frame_slots > st.stack_end || frame == st.frames_end) {
    Error e = Error::make_trap(TrapKind::CallStackExhausted);
    if (frame == st.frames_end)
      name_exhausted_limit(e, "max_call_depth", store.config_.max_call_depth);
    else
      name_exhausted_limit(e, "stack_bytes", store.config_.stack_bytes);
    return e;
  }
  std::memset(fp + c->param_slots, 0, std::size_t(c->local_slots) * 8);
  *pc = c->code.data();
  return Error{};
}

// The Error of a run stopped by `trap` with its registers in `at`; `err` holds what host calls
// recorded. A resumable stop of a resumable run is kept in st.suspended. Records the backtrace.
Error stop_run(StoreState& store, TrapKind trap, bool keep_suspended, const Suspension& at,
               const Error& err) noexcept {
  // An exit is not a trap: no location, and the last trap's backtrace stays.
  if (trap == TrapKind::Exit) return stop_error(trap, err);
  Error e = stop_error(trap, err);
  if (keep_suspended) {
    store.exec_->suspended = at;
    e.set_detail(trap == TrapKind::OutOfFuel ? "the store's fuel is used up; resumable"
                                             : "interrupt requested; resumable");
  }
  if (trap == TrapKind::CallStackExhausted && !e.detail[0]) {
    if (at.frame == store.exec_->frames_end)
      name_exhausted_limit(e, "max_call_depth", store.config_.max_call_depth);
    else
      name_exhausted_limit(e, "stack_bytes", store.config_.stack_bytes);
  }
  // Backtrace: the trapping instruction, then each caller's call site, innermost first.
  store.backtrace_.clear();
  const CompiledFunction* c = at.cur->code_;
  if (c) {
    e.func_index = at.cur->index_;
    e.offset = c->wasm_offset(uint32_t(at.pc - c->code.data()));
    // Best effort: a backtrace that cannot grow is shorter, the trap itself is unchanged.
    if (store.config_.max_backtrace_frames > 0)
      (void)store.backtrace_.push_back(BacktraceFrame{at.cur->instance_, at.cur->index_, e.offset});
  }
  for (Frame* f = at.frame; f != at.entry_frame;) {
    --f;
    const CompiledFunction* fc = f->func->code_;
    uint32_t off = fc ? fc->wasm_offset(uint32_t(f->ret_pc - fc->code.data()) - 1) : 0;
    if (store.backtrace_.size() < store.config_.max_backtrace_frames)
      (void)store.backtrace_.push_back(BacktraceFrame{f->func->instance_, f->func->index_, off});
  }
  return e;
}

Error run(StoreState& store, FunctionObj* entry, uint64_t* const entry_fp, bool resumable,
          const Suspension* from) noexcept {
  ExecState& st = *store.exec_;
  Error err;
  if (!from && entry->host_) {
    TrapKind t = call_host(store, st, entry, nullptr, entry_fp, st.frame_top, &err);
    if (t != TrapKind::None) return stop_error(t, err);
    return Error{};
  }

  // A fresh run pushes a frame under its entry function, returning to ExitRun: a return then
  // never has to test whether it leaves the run. entry_frame is the first frame above it.
  Frame* const entry_frame = from ? from->entry_frame : st.frame_top + 1;
  Frame* const frames_end = st.frames_end;
  uint64_t* const stack_end = st.stack_end;
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
#if defined(__GNUC__) && !defined(__clang__) && defined(__thumb2__) && defined(__OPTIMIZE__) && \
    !defined(EMBER_NO_REGISTER_HINTS)
  // Thumb-2 (Cortex-M3/M4): GCC otherwise keeps pc or fp on the stack, a reload (and for pc a
  // store) in every handler, and the frame and current function on every call and return;
  // callee-saved registers survive the calls of the slow paths.
  register const uint32_t* pc asm("r4") = nullptr;
  register uint64_t* fp asm("r5") = entry_fp;
  register Frame* frame asm("r6") = from ? from->frame : st.frame_top;
  register FunctionObj* cur asm("r7") = entry;
#else
  FunctionObj* cur = entry;
  Frame* frame = from ? from->frame : st.frame_top;
  const uint32_t* pc = nullptr;
  uint64_t* fp = entry_fp;
#endif
  TrapKind trap = TrapKind::None;
  bool stop_resumable = false;  // the stop may be resumed: pc runs again, bulk_progress done
  uint64_t bulk_progress = 0;

  // Variables of the shared call path.
  FunctionObj* callee = nullptr;
  uint64_t* callee_fp = nullptr;
#if defined(__GNUC__) && !defined(__clang__) && defined(__thumb2__) && defined(__OPTIMIZE__) && \
    !defined(EMBER_NO_REGISTER_HINTS)
  // Thumb-2: GCC otherwise may keep the return pc on the stack across the call path's checks
  // (a store and a reload on every call: +2 instructions per call in fib).
  register const uint32_t* ret_pc asm("r8") = nullptr;
#else
  const uint32_t* ret_pc = nullptr;
#endif
  CompiledFunction* callee_code = nullptr;

  if (from) {
    cur = from->cur;
    pc = from->pc;
    fp = from->fp;
  } else {
    // Through a local of its own: were pc's address taken, pc would live in memory for the
    // whole loop (every handler would reload and store it).
    const uint32_t* entry_pc = nullptr;
    Error e = enter_entry(store, cur, fp, frame, &entry_pc);
    if (e) return e;
    pc = entry_pc;
    *frame++ = Frame{kExitRunCode, entry_fp, entry};
  }
  LOAD_INSTANCE();

#if EMBER_USE_GOTO
#include "execute/handlers/label_table.inc"
  static_assert(
      sizeof(kLabels) / sizeof(kLabels[0]) == size_t(EMBER_SMALL_CODE ? Op::AddImmBrIfI32Eq : Op::Count),
      "label table out of sync");
  NEXT();
#else
dispatch:
  switch (Op(*pc)) {
#endif

#include "execute/handlers/calls.inc"
#include "execute/handlers/cold_families.inc"
#include "execute/handlers/control.inc"
#include "execute/handlers/fused.inc"
#include "execute/handlers/loads_stores.inc"
#include "execute/handlers/memory.inc"
#include "execute/handlers/metering.inc"
#include "execute/handlers/numeric.inc"
#include "execute/handlers/references.inc"
#include "execute/handlers/tables.inc"
#include "execute/handlers/variables.inc"

#if !EMBER_USE_GOTO
  case Op::Count: break;
#if EMBER_SMALL_CODE
  default: break;  // the forms a size-first build never compiles (handlers/fused.inc)
#endif
}
TRAP(TrapKind::Unreachable);
#endif

#include "execute/handlers/call_paths.inc"

// The two ends of every compare-and-branch (BRANCH_4) in size-first builds. Shared, they let GCC
// merge the handlers' now identical tails (cross-jumping): on the Cortex-M3, 1.7 KB less code for
// 4% more guest instructions in fib(24), most of them from the loop's register allocation shifting
// (sharing only the register forms, which fib does not run, costs it 3%).
#if EMBER_SMALL_CODE
branch_taken_3 : pc += int32_t(pc[3]);
NEXT();
branch_next_4 : pc += 4;
NEXT();
#endif

// A bulk instruction that did not finish: out of bounds (a trap), or stopped part-way (resumable).
bulk_stopped : stop_resumable = trap == TrapKind::OutOfFuel || trap == TrapKind::Interrupted;
bulk_progress = st.bulk_done;
st.bulk_done = 0;
goto on_trap;

// Shared by every load and store: a jump here keeps the trap kind off their fast path.
trap_out_of_bounds : trap = TrapKind::OutOfBoundsMemoryAccess;
goto on_trap;

on_trap
    : return stop_run(store, trap, stop_resumable&& resumable,
                      Suspension{true, entry, entry_fp, entry_frame, frame, cur, pc, fp, bulk_progress}, err);

// A callee could not be compiled (out of memory): the call fails with that error, not a trap,
// and no backtrace is recorded.
compile_failed : store.backtrace_.clear();
return err;

done : return Error{};
}

}  // namespace

#undef LOAD_INSTANCE
#undef RELOAD_MEMORY
#undef RELOAD_INSTANCE_IF_CHANGED
#undef LOAD_INSTANCE_THEN_NEXT
#undef TRAP
#undef STOP
#undef R
#undef HANDLER
#undef NEXT
#undef BRANCH_4
#undef EMBER_NO_FLOAT_CODE

}  // namespace ember::detail
