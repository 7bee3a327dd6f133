// Ember: the macros of the interpreter loop's handlers, over run()'s registers (interpreter.cpp
// defines run(), includes this just before it and undefines all of these after it). Each is a
// statement or an expression; none declares a variable.
#pragma once

#include "execute/op_stats.h"

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

// Handlers: `HANDLER(Name) { ...; NEXT(); }`. NEXT() dispatches the instruction at pc: one
// indirect jump through kLabels (computed goto), or back to the switch.
#if EMBER_USE_GOTO
#define HANDLER(Name) L_##Name:
#define NEXT()      \
  EMBER_COUNT_OP(); \
  goto* kLabels[*pc]
#else
#define HANDLER(Name) case Op::Name:
#define NEXT() goto dispatch
#endif

// The end of a four-word conditional branch (its offset in word 3): taken, or on to the next
// instruction. Size-first builds jump to two tails all such handlers share (run(), after the
// handlers).
#if EMBER_SMALL_CODE
#define BRANCH_4(cond)           \
  if (cond) goto branch_taken_3; \
  goto branch_next_4
#else
#define BRANCH_4(cond)      \
  do {                      \
    if (cond)               \
      pc += int32_t(pc[3]); \
    else                    \
      pc += 4;              \
    NEXT();                 \
  } while (0)
#endif

// The slot named by operand word i of the current instruction.
#define R(i) fp[pc[i]]

// Reloads the registers that depend on the current function's instance.
#define LOAD_INSTANCE()                                            \
  do {                                                             \
    inst = cur->instance_;                                         \
    funcs = inst->funcs_.data();                                   \
    mem0 = inst->memories_.empty() ? nullptr : inst->memories_[0]; \
    mem_base = mem0 ? mem0->data_ : nullptr;                       \
    mem_size = mem0 ? mem0->size_ : 0;                             \
  } while (0)
#define RELOAD_MEMORY()       \
  do {                        \
    if (mem0) {               \
      mem_base = mem0->data_; \
      mem_size = mem0->size_; \
    }                         \
  } while (0)
// After a call or return that may have changed the current function's instance: reload the
// registers that depend on it (RELOAD_INSTANCE_IF_CHANGED, then NEXT), or reload and dispatch
// (LOAD_INSTANCE_THEN_NEXT). Size-first builds share one copy of the reload (switch_instance,
// call_paths.inc); desktop builds keep it inline at each path, as their loop was tuned with.
#if EMBER_SMALL_CODE
#define RELOAD_INSTANCE_IF_CHANGED() \
  if (cur->instance_ != inst) goto switch_instance
#define LOAD_INSTANCE_THEN_NEXT() goto switch_instance
#else
#define RELOAD_INSTANCE_IF_CHANGED() \
  if (cur->instance_ != inst) LOAD_INSTANCE()
#define LOAD_INSTANCE_THEN_NEXT() \
  do {                            \
    LOAD_INSTANCE();              \
    NEXT();                       \
  } while (0)
#endif
// Traps: the run ends with `kind` (not resumable).
#define TRAP(kind) \
  do {             \
    trap = (kind); \
    goto on_trap;  \
  } while (0)
// Stops before the instruction at pc (nothing of it done, or bulk_progress units of a bulk
// operation): a resumable stop.
#define STOP(kind)         \
  do {                     \
    trap = (kind);         \
    stop_resumable = true; \
    goto on_trap;          \
  } while (0)
// Builds without floats: the decoder refuses every float instruction, so these handlers are
// never reached; the constant guard lets the compiler drop their bodies and the soft-float calls.
#define EMBER_NO_FLOAT_CODE(In, Out) \
  if (!EMBER_FLOATS && (EMBER_IS_FLOAT_##In || EMBER_IS_FLOAT_##Out)) TRAP(TrapKind::Unreachable)
