/* Ember C API: the WebAssembly interpreter from C99 (and from any language with a C FFI).
 *
 *   ember_module* module; ember_store* store; ember_linker* linker; ember_instance* instance;
 *   ember_error e = ember_module_load(bytes, size, NULL, &module);   (NULL config: the defaults)
 *   if (e.kind != EMBER_ERROR_OK) { char text[256]; puts(ember_error_format(&e, text, sizeof text)); }
 *   ember_store_new(NULL, &store);
 *   ember_linker_new(&linker);
 *   ember_linker_define_host_func(linker, store, "env", 3, "log", 3, params, 1, NULL, 0, log_cb, user, NULL);
 *   ember_linker_instantiate(linker, store, module, &instance);
 *   ember_func* f = ember_instance_func(instance, "run", 3);
 *   ember_val arg = ember_i32(7), result;
 *   e = ember_func_call(store, f, &arg, 1, &result, 1);
 *   ember_linker_free(linker); ember_store_free(store); ember_module_free(module);
 *
 * Contracts that hold for every function below unless its comment says otherwise:
 *
 * Errors are values. A function that can fail returns an `ember_error` by value; `kind ==
 * EMBER_ERROR_OK` means success. No function aborts, longjmps or throws on bad input: a NULL handle
 * or a NULL array with a non-zero count is reported as EMBER_ERROR_BAD_ARGUMENT (functions that
 * return a handle, a count or a size return NULL / 0 / -1 instead). An out-parameter is written
 * only on success. Handles that are not NULL must be live handles obtained from this API; a freed
 * or forged handle, or an object of one store passed to another store, is undefined behaviour (it
 * cannot be detected cheaply).
 *
 * Ownership. Only modules, stores, linkers (and WASI contexts, see ember_wasi.h) are freed by the
 * host, each with its own *_free function, which accepts NULL. Every object created in or by a
 * store (instances, functions, memories, tables, globals) belongs to that store and lives until
 * ember_store_free; there is no way, and no need, to free one alone. A module must outlive every
 * store that holds an instance of it. A handle is the same pointer each time it is looked up, so
 * handles may be compared.
 *
 * Threads. A module is immutable after loading and may be shared by stores running on many
 * threads at once, unless it was loaded with `lazy_compile` (its functions are compiled on first
 * call, which writes the module: use such a module from one thread at a time). A store, and
 * everything in it, belongs to one thread at a time; it may move between threads between calls.
 * A linker refers to objects of a store and follows the same rule. ember_set_allocator is
 * process-wide and must be called before any object is created.
 *
 * Strings. Names (of imports, exports, linker definitions) are byte strings given as pointer plus
 * length: a wasm name may contain any UTF-8 character, U+0000 included. Names the API returns
 * point into the module or the store and live as long as that object. */
#ifndef EMBER_H
#define EMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------- */
/* Handles (opaque; see the ownership rules above). */

typedef struct ember_module ember_module;     /* decoded + validated module; freed by the host */
typedef struct ember_store ember_store;       /* owner of instances and objects; freed by the host */
typedef struct ember_linker ember_linker;     /* import definitions by (module, name); freed by the host */
typedef struct ember_instance ember_instance; /* an instantiated module; owned by its store */
typedef struct ember_func ember_func;         /* a wasm or host function; owned by its store */
typedef struct ember_memory ember_memory;     /* a linear memory; owned by its store */
typedef struct ember_global ember_global;     /* a global variable; owned by its store */
typedef struct ember_table ember_table;       /* a table of references; owned by its store */
typedef struct ember_caller ember_caller;     /* a host function's view of its caller; valid only
                                                 during that host call */

/* ------------------------------------------------------------------------------------------- */
/* Configuration: every host-set limit, mirroring ember::Config field by field. */

/* Allocation hooks (mirrors ember::Allocator). Blocks must be aligned for any object. */
typedef struct ember_allocator {
  void* (*alloc)(void* user, size_t size); /* NULL on failure */
  /* Optional: resizes a block keeping its contents; NULL on failure (the block stays valid). */
  void* (*realloc)(void* user, void* ptr, size_t old_size, size_t new_size);
  void (*free)(void* user, void* ptr, size_t size); /* `size` is the block's size */
  void* user;
} ember_allocator;

/* Runs a batch of independent jobs for a module load on the host's threads (mirrors
 * ember::Executor): must call job(job_context, i) once for every i in [0, count), in any order and
 * on any threads, and return when all have returned. run NULL: every job runs inline. */
typedef struct ember_executor {
  void (*run)(void* context, uint32_t count, void (*job)(void* job_context, uint32_t index),
              void* job_context);
  void* context;
} ember_executor;

typedef struct ember_config {
  /* Bytes of the value stack shared by all wasm frames of a store (locals + operands). */
  uint32_t stack_bytes;
  /* Maximum nesting of wasm calls before the "call stack exhausted" trap. */
  uint32_t max_call_depth;
  /* Maximum nesting of host-to-wasm re-entry (each level uses native stack). */
  uint32_t max_host_nesting;
  /* Cap on any linear memory, in 64 KiB pages (the module's own maximum still applies). */
  uint32_t max_memory_pages;
  /* Cap on any table, in elements. */
  uint32_t max_table_elements;
  /* Most instances a store may hold (over it: EMBER_ERROR_LIMIT at instantiate). */
  uint32_t max_instances;
  /* Most frames ember_store_backtrace keeps for a trap. */
  uint32_t max_backtrace_frames;
  /* Declared locals per function a module may have (over it: EMBER_ERROR_LIMIT at load). */
  uint32_t max_locals;
  /* Functions (imported and defined) a module may have (over it: EMBER_ERROR_LIMIT at load). */
  uint32_t max_functions;
  /* Deepest stack a constant expression may build (over it: EMBER_ERROR_LIMIT at load). */
  uint32_t max_const_expr_depth;
  /* Bytes of compiled code a module may hold, 0 = no limit (over it: EMBER_ERROR_LIMIT at load,
     or on the first call of a lazily compiled function). */
  size_t max_compiled_bytes;
  /* Compile each function on its first call instead of at load (see the thread rules above). */
  bool lazy_compile;
  /* Metered code without a fuel budget (load): the checks where fuel is charged and interrupts
   * are seen, at loop heads and function entries. */
  bool metered;
  /* Fuel: the work a store may do before a call stops with EMBER_TRAP_OUT_OF_FUEL (0 =
   * unlimited); the unit is ember::Config::fuel's (one loop iteration, function entry or host
   * call; bulk operations by the bytes or elements they move). Given to a module load, a non-zero
   * value makes the module's code metered; given to a store, it is the store's budget
   * (ember_store_set_fuel refills it). A store with a budget refuses modules loaded without
   * metering. */
  uint64_t fuel;
  /* Where a module's (given to a load) or a store's memory comes from; all NULL: the process
   * default (ember_set_allocator). */
  ember_allocator allocator;
  /* Bytes one module or one store may hold, linear memories included (0 = no limit). */
  size_t max_heap_bytes;
  /* Where a large module's function bodies are validated at load (ember::Config::executor): the
   * result is the same, the lowest-index invalid function's error. run NULL: inline. */
  ember_executor executor;
} ember_config;

/* The documented defaults (what a NULL config means everywhere). */
ember_config ember_config_default(void);

/* Library version, "MAJOR.MINOR.PATCH" (static storage). */
const char* ember_version(void);

/* Replaces the process-wide default allocator (used by modules and stores whose config names none,
 * and by the WASI layer). Call before creating any object (or while none exists). NULL, or an
 * allocator without alloc or free, restores malloc / realloc / free. */
void ember_set_allocator(const ember_allocator* allocator);

/* ------------------------------------------------------------------------------------------- */
/* Errors. The numeric values equal those of the C++ enums ember::ErrorKind / ember::TrapKind. */

typedef enum ember_error_kind {
  EMBER_ERROR_OK = 0,
  EMBER_ERROR_MALFORMED = 1,     /* the binary does not decode (spec: assert_malformed) */
  EMBER_ERROR_INVALID = 2,       /* decodes but fails validation (spec: assert_invalid) */
  EMBER_ERROR_UNLINKABLE = 3,    /* an import is missing or has the wrong type */
  EMBER_ERROR_TRAP = 4,          /* execution trapped; see `trap` */
  EMBER_ERROR_LIMIT = 5,         /* a host-configured limit was hit */
  EMBER_ERROR_OUT_OF_MEMORY = 6, /* the allocator failed */
  EMBER_ERROR_BAD_ARGUMENT = 7,  /* the API was misused (NULL handle, wrong argument types, ...) */
  EMBER_ERROR_UNSUPPORTED = 8,   /* valid wasm using a feature this build leaves out (SIMD) */
  EMBER_ERROR_EXIT = 9,          /* the program ended itself (WASI proc_exit, ember_caller_exit):
                                    not a trap; the code is in ember_error.exit_code */
  /* Not a value: keeps the enum int-sized where the ABI shrinks enums (arm-none-eabi). */
  EMBER_ERROR_KIND_INT_SIZED_ = 0x7FFFFFFF
} ember_error_kind;

typedef enum ember_trap {
  EMBER_TRAP_NONE = 0,
  EMBER_TRAP_UNREACHABLE = 1,
  EMBER_TRAP_INTEGER_DIVIDE_BY_ZERO = 2,
  EMBER_TRAP_INTEGER_OVERFLOW = 3,
  EMBER_TRAP_INVALID_CONVERSION_TO_INTEGER = 4,
  EMBER_TRAP_OUT_OF_BOUNDS_MEMORY_ACCESS = 5,
  EMBER_TRAP_OUT_OF_BOUNDS_TABLE_ACCESS = 6,
  EMBER_TRAP_UNDEFINED_ELEMENT = 7,
  EMBER_TRAP_UNINITIALIZED_ELEMENT = 8,
  EMBER_TRAP_INDIRECT_CALL_TYPE_MISMATCH = 9,
  EMBER_TRAP_CALL_STACK_EXHAUSTED = 10,
  /* 11 is unused */
  EMBER_TRAP_HOST = 12,        /* a host function reported a failure (ember_caller_trap) */
  EMBER_TRAP_EXIT = 13,        /* what a host callback returns to end the program (as
                                  ember_caller_exit does); the call then fails with
                                  EMBER_ERROR_EXIT, never EMBER_ERROR_TRAP */
  EMBER_TRAP_OUT_OF_FUEL = 14, /* the store's fuel ran out; refill it and call again */
  EMBER_TRAP_INTERRUPTED = 15,
  EMBER_TRAP_INT_SIZED_ = 0x7FFFFFFF /* not a value (see EMBER_ERROR_KIND_INT_SIZED_) */
} ember_trap;

#define EMBER_NO_INDEX 0xFFFFFFFFu
#define EMBER_ERROR_DETAIL_SIZE 160

typedef struct ember_error {
  ember_error_kind kind;
  ember_trap trap;                      /* for EMBER_ERROR_TRAP; EMBER_TRAP_NONE otherwise */
  uint32_t offset;                      /* byte offset in the module binary: of the bad byte (malformed,
                                           invalid) or of the trapping instruction */
  uint32_t func_index;                  /* function being validated or executing, or EMBER_NO_INDEX */
  int32_t exit_code;                    /* for EMBER_ERROR_EXIT */
  const char* message;                  /* static text, never NULL; for spec-checked errors the spec's words
                                           ("integer divide by zero", "unknown import", ...) */
  char detail[EMBER_ERROR_DETAIL_SIZE]; /* extra context (e.g. "env.log" for a link error, a host
                                           trap's message); NUL-terminated, may be empty */
} ember_error;

/* Name of an error kind ("malformed", "bad argument", ...); static storage. */
const char* ember_error_kind_name(ember_error_kind kind);
/* Spec text of a trap ("unreachable", "out of fuel", ...); static storage. */
const char* ember_trap_message(ember_trap trap);
/* Formats "kind: message (detail) in function N at byte offset 0xX" into buf (truncated to `size`
 * bytes, always NUL-terminated when size > 0) and returns buf. A NULL error formats as a bad
 * argument. */
const char* ember_error_format(const ember_error* error, char* buf, size_t size);
/* True if the error is a program exit (EMBER_ERROR_EXIT, e.g. WASI proc_exit); then stores the exit
 * code in *exit_code when that is not NULL. */
bool ember_error_is_exit(const ember_error* error, int32_t* exit_code);

/* ------------------------------------------------------------------------------------------- */
/* Values. */

/* A value type: the 32 bits of the C++ API's ember::ValType (ember/types.h), so a type array of
 * the module is an array of ember_valtype. The seven constants below are the types this API takes
 * and returns; each is that type's one-byte binary encoding. Typed references ((ref null $t),
 * (ref func), ...) cannot be expressed here yet: every function taking a type refuses any other
 * value, and ember_valtype_name names it "?". */
typedef uint32_t ember_valtype;
#define EMBER_I32 ((ember_valtype)0x7F)
#define EMBER_I64 ((ember_valtype)0x7E)
#define EMBER_F32 ((ember_valtype)0x7D)
#define EMBER_F64 ((ember_valtype)0x7C)
#define EMBER_V128 ((ember_valtype)0x7B)
#define EMBER_FUNCREF ((ember_valtype)0x70)
#define EMBER_EXTERNREF ((ember_valtype)0x6F)

/* A value tagged with its type. A null reference is a NULL pointer. */
typedef struct ember_val {
  ember_valtype type;
  union {
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
    ember_func* funcref; /* a function of the same store, or NULL */
    void* externref;     /* any host pointer, or NULL; the engine never dereferences it */
    uint8_t v128[16];    /* little-endian lanes */
  } of;
} ember_val;

/* Spec name of a value type ("i32", "funcref", ...), "?" if unknown; static storage. */
const char* ember_valtype_name(ember_valtype type);

/* Value constructors. */
ember_val ember_i32(int32_t v);
ember_val ember_i64(int64_t v);
ember_val ember_f32(float v);
ember_val ember_f64(double v);
ember_val ember_funcref(ember_func* f);
ember_val ember_externref(void* p);

/* A borrowed byte string (not NUL-terminated). */
typedef struct ember_name {
  const char* data;
  size_t size;
} ember_name;

/* A borrowed function signature. */
typedef struct ember_functype {
  const ember_valtype* params;
  uint32_t param_count;
  const ember_valtype* results;
  uint32_t result_count;
} ember_functype;

/* Size limits of a table (elements) or memory (64 KiB pages). */
typedef struct ember_limits {
  uint64_t min;
  uint64_t max; /* meaningful when has_max */
  bool has_max;
} ember_limits;

/* Kinds of importable / exportable entities, numbered by their binary encoding. */
typedef enum ember_extern_kind {
  EMBER_EXTERN_FUNC = 0,
  EMBER_EXTERN_TABLE = 1,
  EMBER_EXTERN_MEMORY = 2,
  EMBER_EXTERN_GLOBAL = 3,
  EMBER_EXTERN_KIND_INT_SIZED_ = 0x7FFFFFFF /* not a value (see EMBER_ERROR_KIND_INT_SIZED_) */
} ember_extern_kind;

/* An object given as an import (see ember_instance_new). */
typedef struct ember_extern {
  ember_extern_kind kind;
  union {
    ember_func* func;
    ember_table* table;
    ember_memory* memory;
    ember_global* global;
  } of;
} ember_extern;

/* ------------------------------------------------------------------------------------------- */
/* Modules. */

/* Decodes, validates and (unless config->lazy_compile) compiles a binary module. The module keeps
 * its own copy of the bytes: the caller may free them at once. `config` may be NULL (defaults);
 * its `fuel` makes the code metered. On failure the error says what is wrong (MALFORMED, INVALID,
 * LIMIT, OUT_OF_MEMORY) and at which byte offset; *out is untouched. */
ember_error ember_module_load(const uint8_t* bytes, size_t size, const ember_config* config,
                              ember_module** out);
/* As ember_module_load, but the module points into `bytes` instead of copying them (e.g. a module
 * in flash): they must stay unchanged and alive until ember_module_free. Never writes to them. */
ember_error ember_module_load_borrowed(const uint8_t* bytes, size_t size, const ember_config* config,
                                       ember_module** out);
/* One section header of a binary module (ember_module_sections). */
typedef struct ember_section {
  uint8_t id;             /* 0 custom, 1 type ... 12 data count, 13 tag */
  uint32_t header_offset; /* of the id byte */
  uint32_t offset;        /* of the contents */
  uint32_t size;          /* of the contents */
  ember_name custom_name; /* custom sections: the name, pointing into the bytes; else empty */
} ember_section;
/* Lists the section headers of a binary module without decoding the sections (bounds-checked:
 * any input ends cleanly). Writes the first `max` to `out` (NULL if max is 0) and the number found
 * to *count (also those beyond max). A malformed header: that error (MALFORMED, its offset), with
 * *count the sections before it. */
ember_error ember_module_sections(const uint8_t* bytes, size_t size, ember_section* out, size_t max,
                                  size_t* count);
/* The spec's name of a section id ("custom", "type", ...; "unknown"); static storage. */
const char* ember_section_name(uint8_t id);
/* Decodes and validates only, keeping nothing: OK, or the error ember_module_load would report
 * (compilation-time limits aside). */
ember_error ember_module_validate(const uint8_t* bytes, size_t size, const ember_config* config);
/* Frees a module. Every instance made from it must be gone first (free their stores). NULL is a
 * no-op. */
void ember_module_free(ember_module* module);

/* One import as declared by the module; names and types point into the module. */
typedef struct ember_import {
  ember_name module;
  ember_name name;
  ember_extern_kind kind;
  ember_functype func;       /* kind == EMBER_EXTERN_FUNC */
  ember_valtype table_elem;  /* kind == EMBER_EXTERN_TABLE */
  ember_limits limits;       /* kind == EMBER_EXTERN_TABLE (elements) or MEMORY (pages) */
  ember_valtype global_type; /* kind == EMBER_EXTERN_GLOBAL */
  bool global_mutable;       /* kind == EMBER_EXTERN_GLOBAL */
} ember_import;

/* One export; `index` is in the module's index space of that kind (imports first). */
typedef struct ember_export {
  ember_name name;
  ember_extern_kind kind;
  uint32_t index;
} ember_export;

/* Number of imports (0 for NULL). */
uint32_t ember_module_import_count(const ember_module* module);
/* Import `index` (< ember_module_import_count), in declaration order; BAD_ARGUMENT if out of range. */
ember_error ember_module_import(const ember_module* module, uint32_t index, ember_import* out);
/* Number of exports (0 for NULL). */
uint32_t ember_module_export_count(const ember_module* module);
/* Export `index` (< ember_module_export_count); BAD_ARGUMENT if out of range. */
ember_error ember_module_export(const ember_module* module, uint32_t index, ember_export* out);
/* Number of functions, imported ones included (0 for NULL). */
uint32_t ember_module_func_count(const ember_module* module);
/* Signature of function `func_index` (< ember_module_func_count); BAD_ARGUMENT if out of range. */
ember_error ember_module_func_type(const ember_module* module, uint32_t func_index, ember_functype* out);
/* Name of a function from the module's `name` section; an empty name ({NULL, 0}) if it has none. */
ember_name ember_module_func_name(const ember_module* module, uint32_t func_index);

/* ------------------------------------------------------------------------------------------- */
/* Stores. */

/* Creates a store with the limits of `config` (NULL: defaults), including its fuel budget and its
 * value stack (OUT_OF_MEMORY if that cannot be allocated). */
ember_error ember_store_new(const ember_config* config, ember_store** out);
/* Frees a store and every object in it. Must not be called from inside one of its host calls.
 * NULL is a no-op. */
void ember_store_free(ember_store* store);
/* Remaining fuel when the store's config sets a budget (0 for NULL). */
uint64_t ember_store_fuel(const ember_store* store);
/* Sets the remaining fuel (refill after EMBER_TRAP_OUT_OF_FUEL). */
ember_error ember_store_set_fuel(ember_store* store, uint64_t fuel);

/* Interrupts the store's running call: the one function that may be called on a store from any
 * thread (or a signal handler) while another uses it. The call stops at its next check (loop
 * heads and function entries of metered code, host calls, bulk-operation chunks) with
 * EMBER_TRAP_INTERRUPTED; a request made while nothing runs stops the next call. NULL: no-op. */
void ember_store_interrupt(ember_store* store);
/* Whether a call stopped out of fuel or interrupted and may be resumed (ember::Store::suspended). */
bool ember_store_suspended(const ember_store* store);
/* Continues the suspended call where it stopped; `results` as for the ember_func_call that was
 * suspended. Nothing suspended: EMBER_ERROR_BAD_ARGUMENT. */
ember_error ember_store_resume(ember_store* store, ember_val* results, size_t nresults);
/* Drops the suspended call (a new call does too); the store stays usable. NULL: no-op. */
void ember_store_abandon(ember_store* store);

/* One frame of a trap's backtrace. */
typedef struct ember_frame {
  const ember_instance* instance;
  uint32_t func_index; /* in the instance's module (see ember_module_func_name) */
  uint32_t offset;     /* byte offset of the instruction in the module binary */
} ember_frame;

/* Copies the frames of the store's most recent trap, innermost first, into out[0..max); returns
 * how many were written (0 for NULL). */
uint32_t ember_store_backtrace(const ember_store* store, ember_frame* out, uint32_t max);

/* ------------------------------------------------------------------------------------------- */
/* Host functions. */

/* A host function. args[0..nargs) hold the arguments, typed as the signature says; results[0..
 * nresults) arrive set to the zero value of each result type and must keep those types. Return
 * EMBER_TRAP_NONE on success, or what ember_caller_trap / ember_caller_exit returned to stop the
 * call (any other trap kind traps with that kind's spec message). A result of the wrong type
 * becomes a host trap. The host function may call back into the same store
 * (ember_caller_store), up to config.max_host_nesting levels deep. */
typedef ember_trap (*ember_host_func)(ember_caller* caller, void* user, const ember_val* args, size_t nargs,
                                      ember_val* results, size_t nresults);

/* Creates a host function in `store` with the signature params[0..nparams) -> results[0..nresults)
 * (the arrays are copied). `user` is passed to every call and never freed by the engine. The
 * signature is checked against each import it is linked to. BAD_ARGUMENT for an unknown type. */
ember_error ember_func_new(ember_store* store, const ember_valtype* params, size_t nparams,
                           const ember_valtype* results, size_t nresults, ember_host_func callback,
                           void* user, ember_func** out);
/* The function's signature, valid while its store lives (an empty one for NULL). */
ember_functype ember_func_type(const ember_func* func);
/* Calls `func` (which belongs to `store`) with args[0..nargs). The count and types of the
 * arguments must match the signature exactly and nresults must be at least its result count
 * (BAD_ARGUMENT otherwise); results[0..result_count) receive the results. A trap returns
 * EMBER_ERROR_TRAP with its kind, spec message, function index and offset, and leaves the store
 * usable; ember_store_backtrace then describes where it happened. */
ember_error ember_func_call(ember_store* store, ember_func* func, const ember_val* args, size_t nargs,
                            ember_val* results, size_t nresults);

/* The calling store (so a host function can call wasm functions). */
ember_store* ember_caller_store(ember_caller* caller);
/* The calling wasm instance, or NULL when the host called the function directly. */
ember_instance* ember_caller_instance(ember_caller* caller);
/* The calling instance's memory 0, or NULL. */
ember_memory* ember_caller_memory(ember_caller* caller);
/* Makes the host call trap with EMBER_TRAP_HOST; `message` (may be NULL) is copied, truncated to
 * fit ember_error.detail. Returns the value the host function must return. */
ember_trap ember_caller_trap(ember_caller* caller, const char* message);
/* Ends the program with `code` (the call returns EMBER_TRAP_EXIT with exit_code == code). Returns
 * the value the host function must return. */
ember_trap ember_caller_exit(ember_caller* caller, int32_t code);
/* Charges the store's fuel for the work the host function did (Caller::consume_fuel): an emptied
 * budget stops the call at its next check, resumable there. Returns whether the budget covered
 * all `units` (always true without a budget, or for a NULL caller). */
bool ember_caller_consume_fuel(ember_caller* caller, uint64_t units);

/* ------------------------------------------------------------------------------------------- */
/* Memories. The data pointer changes when the memory grows: fetch it again after every grow and
 * every call into wasm. */

/* Creates a memory of `min_pages` pages, at most `max_pages` if has_max. LIMIT if min_pages is above
 * the store's max_memory_pages; BAD_ARGUMENT if a bound exceeds 65536 or max < min. */
ember_error ember_memory_new(ember_store* store, uint64_t min_pages, uint64_t max_pages, bool has_max,
                             ember_memory** out);
/* Base of the memory's bytes (NULL for NULL or for an empty memory). */
uint8_t* ember_memory_data(ember_memory* memory);
/* Size in bytes (0 for NULL). */
uint64_t ember_memory_size(const ember_memory* memory);
/* Size in 64 KiB pages (0 for NULL). */
uint64_t ember_memory_pages(const ember_memory* memory);
/* Grows by `delta` pages; returns the old page count, or -1 if over the maximum, out of memory or
 * NULL. */
int64_t ember_memory_grow(ember_memory* memory, uint64_t delta);
/* Copies memory[offset, offset+len) to `out`. BAD_ARGUMENT, copying nothing, if the range is not
 * inside the memory. */
ember_error ember_memory_read(const ember_memory* memory, uint64_t offset, void* out, size_t len);
/* Copies `in` to memory[offset, offset+len). BAD_ARGUMENT, copying nothing, if out of bounds. */
ember_error ember_memory_write(ember_memory* memory, uint64_t offset, const void* in, size_t len);

/* ------------------------------------------------------------------------------------------- */
/* Globals. */

/* Creates a global of `type` holding `*init` (which must have that type). */
ember_error ember_global_new(ember_store* store, ember_valtype type, bool is_mutable, const ember_val* init,
                             ember_global** out);
/* The global's value type (0 for NULL); stores its mutability in *is_mutable when not NULL. */
ember_valtype ember_global_type(const ember_global* global, bool* is_mutable);
/* Reads the value. */
ember_error ember_global_get(const ember_global* global, ember_val* out);
/* Writes the value. BAD_ARGUMENT if the global is immutable or the type differs. */
ember_error ember_global_set(ember_global* global, const ember_val* value);

/* ------------------------------------------------------------------------------------------- */
/* Tables. */

/* Creates a table of `elem` (EMBER_FUNCREF or EMBER_EXTERNREF) references, `min` elements long
 * and at most `max` if has_max, filled with *init (NULL: null references). LIMIT if min is above the
 * store's max_table_elements. */
ember_error ember_table_new(ember_store* store, ember_valtype elem, uint32_t min, uint32_t max, bool has_max,
                            const ember_val* init, ember_table** out);
/* Number of elements (0 for NULL). */
uint32_t ember_table_size(const ember_table* table);
/* Reads element `index`; BAD_ARGUMENT if out of bounds. */
ember_error ember_table_get(const ember_table* table, uint32_t index, ember_val* out);
/* Writes element `index`; BAD_ARGUMENT if out of bounds or of the wrong type. */
ember_error ember_table_set(ember_table* table, uint32_t index, const ember_val* value);
/* Grows by `delta` elements set to *init (NULL: null); returns the old size, or -1 on failure. */
int64_t ember_table_grow(ember_table* table, uint32_t delta, const ember_val* init);

/* ------------------------------------------------------------------------------------------- */
/* Instances. */

/* Instantiates `module` in `store` with imports[0..nimports) given in the module's import order
 * (see ember_module_import) and runs its start function. UNLINKABLE (detail: "module.name") if an
 * import is missing or has the wrong type; TRAP if the start function or a segment traps. The
 * instance lives until the store is freed; the module must outlive it. */
ember_error ember_instance_new(ember_store* store, const ember_module* module, const ember_extern* imports,
                               size_t nimports, ember_instance** out);
/* The exported function / memory / table / global called name[0..len), or NULL if there is no
 * export of that name and kind. */
ember_func* ember_instance_func(const ember_instance* instance, const char* name, size_t len);
ember_memory* ember_instance_memory(const ember_instance* instance, const char* name, size_t len);
ember_table* ember_instance_table(const ember_instance* instance, const char* name, size_t len);
ember_global* ember_instance_global(const ember_instance* instance, const char* name, size_t len);
/* The instance's memory 0 (imported or defined, exported or not), or NULL. */
ember_memory* ember_instance_default_memory(const ember_instance* instance);

/* ------------------------------------------------------------------------------------------- */
/* Linkers: resolve imports by (module name, name). A linker holds no objects of its own, only
 * references to objects of stores: use it only with the store its definitions came from, and only
 * while that store lives. Names are copied. */

ember_error ember_linker_new(ember_linker** out);
/* NULL is a no-op. */
void ember_linker_free(ember_linker* linker);
/* Defines one import; a later definition of the same (module, name) replaces an earlier one. */
ember_error ember_linker_define_func(ember_linker* linker, const char* module, size_t module_len,
                                     const char* name, size_t name_len, ember_func* func);
ember_error ember_linker_define_memory(ember_linker* linker, const char* module, size_t module_len,
                                       const char* name, size_t name_len, ember_memory* memory);
ember_error ember_linker_define_table(ember_linker* linker, const char* module, size_t module_len,
                                      const char* name, size_t name_len, ember_table* table);
ember_error ember_linker_define_global(ember_linker* linker, const char* module, size_t module_len,
                                       const char* name, size_t name_len, ember_global* global);
/* ember_func_new + ember_linker_define_func in one step; stores the function in *out when `out` is
 * not NULL. The signature is checked against the import when a module is instantiated. */
ember_error ember_linker_define_host_func(ember_linker* linker, ember_store* store, const char* module,
                                          size_t module_len, const char* name, size_t name_len,
                                          const ember_valtype* params, size_t nparams,
                                          const ember_valtype* results, size_t nresults,
                                          ember_host_func callback, void* user, ember_func** out);
/* Defines every export of `instance` under module name module[0..module_len). */
ember_error ember_linker_define_instance(ember_linker* linker, const char* module, size_t module_len,
                                         const ember_instance* instance);
/* Resolves the module's imports from the linker's definitions and instantiates it in `store`:
 * UNLINKABLE "unknown import" or "incompatible import type" (detail: "module.name"), TRAP if the
 * start function traps; otherwise as ember_instance_new. */
ember_error ember_linker_instantiate(const ember_linker* linker, ember_store* store,
                                     const ember_module* module, ember_instance** out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* EMBER_H */
