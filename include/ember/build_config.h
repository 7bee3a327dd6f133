// Ember's build-time switches: what a build contains. The defaults give the full engine; firmware
// builds turn parts off to save flash and RAM. Set them through CMake (the EMBER_WITH_* options,
// which define these macros for the library and for every target linking it, so the headers and
// the library always agree) or, without CMake, define them identically for the library and its
// users. Whatever a switch leaves out is refused with a clear error, never mis-executed.
//
//   EMBER_FLOATS        1: f32/f64 types and instructions. 0: a module using any of them fails to
//                       load with ErrorKind::Unsupported ("floating point is not supported by this
//                       build") at the offending byte; the float handlers and soft-float helpers
//                       leave the binary.
//   EMBER_NAME_SECTION  1: the "name" custom section is decoded for backtraces. 0: it is skipped
//                       like any custom section; backtraces show function indices only.
//   EMBER_ERROR_TEXT    1: errors carry formatted detail text (numbers, names, signatures). 0:
//                       errors keep their kind, message, trap kind and byte offset, but no detail.
//   EMBER_SIMD          0 in this version: v128 and every 0xFD instruction are refused at load
//                       (ErrorKind::Unsupported).
//   EMBER_JOBS          1: Config::executor validates a large module's bodies as parallel jobs.
//                       0: bodies are validated in order, and Module::load refuses a Config that
//                       sets an executor (ErrorKind::Unsupported). Needs atomics (EMBER_NO_ATOMICS=0).
//   EMBER_NO_ATOMICS    1 for single-core targets without atomic instructions (set automatically
//                       for ARMv6-M, e.g. Cortex-M0): a Module may then be used from one thread only.
//   EMBER_SMALL_DEFAULTS 1: Config's defaults are sized for a microcontroller (a few KiB of stacks)
//                       instead of a desktop. Firmware builds (EMBER_PLATFORM=cortex-m) set it.
//   EMBER_SMALL_CODE    1: size first. The compiler forms fewer superinstructions (no loop-tail
//                       add-compare-branch, no load from an added address, no float
//                       multiply-add) and the interpreter
//                       leaves their handlers out: less code, more instructions run in loops.
//                       Firmware builds set it; results are the same either way.
#pragma once

#ifndef EMBER_FLOATS
#define EMBER_FLOATS 1
#endif
#ifndef EMBER_NAME_SECTION
#define EMBER_NAME_SECTION 1
#endif
#ifndef EMBER_ERROR_TEXT
#define EMBER_ERROR_TEXT 1
#endif
#ifndef EMBER_SIMD
#define EMBER_SIMD 0
#endif
#if EMBER_SIMD
#error "EMBER_SIMD: this version of Ember has no SIMD support"
#endif
#ifndef EMBER_NO_ATOMICS
#if defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_8M_BASE__)
#define EMBER_NO_ATOMICS 1
#else
#define EMBER_NO_ATOMICS 0
#endif
#endif
#ifndef EMBER_JOBS
#define EMBER_JOBS (!EMBER_NO_ATOMICS)
#endif
#if EMBER_JOBS && EMBER_NO_ATOMICS
#error "EMBER_JOBS: parallel validation jobs need atomics (EMBER_NO_ATOMICS=0)"
#endif
#ifndef EMBER_SMALL_DEFAULTS
#define EMBER_SMALL_DEFAULTS 0
#endif
#ifndef EMBER_SMALL_CODE
#define EMBER_SMALL_CODE 0
#endif
