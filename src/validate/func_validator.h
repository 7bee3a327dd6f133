// Ember: private interface between the module-level validator and the function-body validator.
#pragma once

#include <cinttypes>
#include <cstdint>

#include "decode/instr_reader.h"
#include "ember/build_config.h"
#include "ember/error.h"
#include "module/module_data.h"
#include "util/detail_text.h"
#include "util/out_of_memory.h"

// The per-instruction helpers must be inlined into the validation loop to keep it fast. A firmware
// build (EMBER_SMALL_DEFAULTS) leaves that to the compiler's size heuristics instead: forcing them
// inlined copies the stack checks into every instruction's case.
#if EMBER_SMALL_DEFAULTS
#define EMBER_VALIDATOR_INLINE inline
#elif defined(__GNUC__) || defined(__clang__)
#define EMBER_VALIDATOR_INLINE __attribute__((always_inline)) inline
#else
#define EMBER_VALIDATOR_INLINE inline
#endif

namespace ember::detail {

// The operand-stack type of a value whose type is not known (popped from the polymorphic stack
// after unreachable, br, return, ...): ValType(), no real type.
constexpr ValType kUnknownType = ValType();

// Operand-stack slots by the low byte of a type's bits (its tag, see ValType), as a table: the
// width is looked up on every push and pop (firmware builds compare instead: slot_width).
// Values of unknown type count two slots: in dead code they may stand for a v128, and max_stack
// must stay an upper bound for a compiler that does translate dead code.
struct SlotWidths {
  uint8_t w[256];
};
constexpr SlotWidths make_slot_widths() noexcept {
  SlotWidths t{};
  for (unsigned i = 0; i < 256; ++i) t.w[i] = 1;
  t.w[uint8_t(ValType::V128.bits())] = 2;
  t.w[uint8_t(kUnknownType.bits())] = 2;
  return t;
}
constexpr SlotWidths kSlotWidths = make_slot_widths();

// Names the offending index in an "unknown ..." error's detail ("index 7"); the message itself stays
// the spec's static text.
inline void set_index_detail(Error& e, uint32_t index) noexcept {
  DetailText().str("index ").num(index).into(e);
}

// Validates function bodies one at a time. One instance serves every body of a module, so its
// operand and control stacks are allocated once and reused: validating a body allocates nothing
// unless it needs deeper stacks (or more locals) than every body before it.
class FuncValidator {
 public:
  explicit FuncValidator(ModuleData& m) noexcept
      : m_(m), val_storage_(&m.heap), ctrl_storage_(&m.heap), flat_locals_(&m.heap), run_ends_(&m.heap) {}
  FuncValidator(const FuncValidator&) = delete;
  FuncValidator& operator=(const FuncValidator&) = delete;

  // Validates m.bodies[body_index] in one pass and sets its max_stack and max_control.
  // Module-level facts it relies on (type indices of m.func_types, m.declared_refs) must already be
  // checked / computed. False with *error set if the body is invalid (or does not decode).
  bool validate(uint32_t body_index, Error* error) noexcept;

 private:
  enum class FrameKind : uint8_t { Func, Block, Loop, If, Else };

  struct Frame {
    const ValType* params;
    const ValType* results;
    uint32_t param_count;
    uint32_t result_count;
    uint32_t height;       // operand stack height (values) below this frame's operands
    uint32_t slot_height;  // the same height in 8-byte slots
    FrameKind kind;
    bool unreachable;  // the rest of the frame is dead code: the stack is polymorphic
  };

  // Types one instruction. False on an error (message_ / kind_ set) and also after the function's
  // final `end` (done_ set), so the loop tests a single condition per instruction.
  bool step(const Instr& in, uint32_t body_end) noexcept;
  // Types a run of the common simple instructions without decoding them into an Instr (see the
  // definition).
  void fast_run(Reader& r) noexcept;
  // step()'s cases (function_validator.cpp), each the typing rule of one instruction or family.
  bool op_numeric(uint8_t opcode) noexcept;
  bool op_memory_access(const Instr& in, bool store) noexcept;
  bool op_block(const Instr& in) noexcept;
  bool op_else() noexcept;
  bool op_end() noexcept;
  bool op_br(uint32_t depth, bool conditional) noexcept;
  bool op_br_table(const Instr& in, uint32_t body_end) noexcept;
  bool op_return() noexcept;
  bool op_call(uint32_t func_index, bool tail) noexcept;
  bool op_call_indirect(const Instr& in, bool tail) noexcept;
  bool op_select(const Instr& in) noexcept;
  bool op_local(const Instr& in) noexcept;
  bool op_global(const Instr& in) noexcept;
  bool op_table_or_memory(const Instr& in) noexcept;
  bool op_ref(const Instr& in) noexcept;
  bool op_prefix_fc(const Instr& in) noexcept;
  // Build the error of a failed validate() into *out (out of line: see the definition).
  void report(uint32_t body_index, uint32_t offset, Error* out) const noexcept;
  void report_reader(const Reader& r, uint32_t body_index, Error* out) const noexcept;
  bool setup_locals(const FunctionBody& body, const FuncTypeView& ft) noexcept;
  ValType local_type(uint32_t index) const noexcept {
    return index < flat_count_ ? flat_locals_[index] : local_type_slow(index);
  }
  ValType local_type_slow(uint32_t index) const noexcept;

  // Operand stack.
  bool grow_vals() noexcept;
  EMBER_VALIDATOR_INLINE bool push(ValType t) noexcept {
    if (size_ == cap_ && !grow_vals()) return out_of_memory("the operand stack");
    vals_[size_++] = t;
    slots_ += slot_width(t);
    if (slots_ > max_slots_) max_slots_ = slots_;
    return true;
  }
  bool push_n(const ValType* ts, uint32_t n) noexcept {
    for (uint32_t i = 0; i < n; ++i)
      if (!push(ts[i])) return false;
    return true;
  }
  EMBER_VALIDATOR_INLINE bool pop_expect(ValType expect) noexcept {
    if (size_ == frame_height_) return frame_unreachable_ ? true : fail("type mismatch");
    ValType actual = vals_[--size_];
    slots_ -= slot_width(actual);
    if (actual != expect && actual != kUnknownType) return fail("type mismatch");
    return true;
  }
  EMBER_VALIDATOR_INLINE bool pop_any(ValType* out) noexcept {
    if (size_ == frame_height_) {
      *out = kUnknownType;
      return frame_unreachable_ ? true : fail("type mismatch");
    }
    ValType actual = vals_[--size_];
    slots_ -= slot_width(actual);
    *out = actual;
    return true;
  }
  bool pop_n(const ValType* ts, uint32_t n) noexcept {
    for (uint32_t i = n; i > 0; --i)
      if (!pop_expect(ts[i - 1])) return false;
    return true;
  }
  // Checks the top n operands against ts without popping them (br_table's non-default labels).
  bool check_top(const ValType* ts, uint32_t n) noexcept;

  // Firmware builds (EMBER_SMALL_DEFAULTS) compare instead: two compares at each use are smaller
  // than the 256-byte table.
  static uint32_t slot_width(ValType t) noexcept {
    if constexpr (EMBER_SMALL_DEFAULTS) {
      uint8_t tag = uint8_t(t.bits());
      return tag == uint8_t(ValType::V128.bits()) || tag == uint8_t(kUnknownType.bits()) ? 2 : 1;
    } else {
      return kSlotWidths.w[uint8_t(t.bits())];
    }
  }

  // Control stack.
  bool push_ctrl(FrameKind kind, const ValType* params, uint32_t pc, const ValType* results,
                 uint32_t rc) noexcept;
  bool pop_ctrl(Frame* out) noexcept;
  void set_unreachable() noexcept {
    Frame& f = ctrl_[ctrl_size_ - 1];
    size_ = f.height;
    slots_ = f.slot_height;
    f.unreachable = true;
    frame_unreachable_ = true;
  }
  // Caches the innermost frame's height and reachability: every pop reads them.
  void load_frame_cache() noexcept {
    const Frame& f = ctrl_[ctrl_size_ - 1];
    frame_height_ = f.height;
    frame_unreachable_ = f.unreachable;
  }
  const Frame& frame_at_depth(uint32_t depth) const noexcept { return ctrl_[ctrl_size_ - 1 - depth]; }
  static const ValType* label_types(const Frame& f) noexcept {
    return f.kind == FrameKind::Loop ? f.params : f.results;
  }
  static uint32_t label_arity(const Frame& f) noexcept {
    return f.kind == FrameKind::Loop ? f.param_count : f.result_count;
  }
  bool block_signature(const BlockType& bt, const ValType** params, uint32_t* pc, const ValType** results,
                       uint32_t* rc) noexcept;

  // The failure paths are out of line: each is reached from dozens of checks, and inline every
  // check stored the fields itself (Cortex-M3: 0.2 KB of flash).
  [[gnu::noinline, gnu::cold]] bool fail(const char* message) noexcept {
    message_ = message;
    kind_ = ErrorKind::Invalid;
    has_bad_index_ = false;
    return false;
  }
  // An "unknown ..." error: also records the index for the error's detail.
  [[gnu::noinline, gnu::cold]] bool fail_index(const char* message, uint32_t index) noexcept {
    fail(message);
    bad_index_ = index;
    has_bad_index_ = true;
    return false;
  }
  // An allocation failed; `what` names it.
  [[gnu::noinline, gnu::cold]] bool out_of_memory(const char* what) noexcept {
    fail(what);
    kind_ = ErrorKind::OutOfMemory;
    return false;
  }
  [[gnu::noinline, gnu::cold]] bool malformed(const char* message) noexcept {
    fail(message);
    kind_ = ErrorKind::Malformed;
    return false;
  }

  ModuleData& m_;
  FuncTypeView func_type_;

  Vec<ValType> val_storage_;
  ValType* vals_ = nullptr;
  uint32_t size_ = 0, cap_ = 0;
  uint32_t slots_ = 0, max_slots_ = 0;
  Vec<Frame> ctrl_storage_;
  Frame* ctrl_ = nullptr;
  uint32_t ctrl_size_ = 0, ctrl_cap_ = 0;
  uint32_t max_ctrl_ = 0;
  uint32_t frame_height_ = 0;       // ctrl_[ctrl_size_ - 1].height
  bool frame_unreachable_ = false;  // ctrl_[ctrl_size_ - 1].unreachable
  bool done_ = false;               // the function's final `end` was seen

  // Local types: params then declared locals, flattened up to kFlatLocals; beyond that (absurdly
  // many locals) looked up by binary search over run_ends_.
  static constexpr uint32_t kFlatLocals = 1u << 16;
  Vec<ValType> flat_locals_;
  uint32_t flat_count_ = 0;
  uint64_t local_total_ = 0;
  Vec<uint64_t> run_ends_;  // cumulative end index (params included) of each local run
  const LocalRun* runs_ = nullptr;

  const char* message_ = nullptr;
  ErrorKind kind_ = ErrorKind::Invalid;
  uint32_t bad_index_ = 0;
  bool has_bad_index_ = false;
};

// Validates every function body (FuncValidator::validate), inline or as jobs on
// m.config.executor. On an error, *failed is the index of the body it is in: the lowest such index,
// whichever way the bodies were run. False with *error set on an error (written through a pointer
// so that no frame on the load path holds an Error of its own).
bool validate_bodies(ModuleData& m, uint32_t* failed, Error* error) noexcept;

// If the module lacks a data count section it needs, the "data count section required" error for
// the body's first memory.init / data.drop; Ok otherwise. Used on the error path, where a malformed
// module must be reported as such even if an earlier body failed validation (the spec decodes the
// whole module before validating it).
Error find_data_index_use(const ModuleData& m, uint32_t body_index) noexcept;

}  // namespace ember::detail
