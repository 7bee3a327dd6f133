// Firmware spec runner: runs spec scripts on a Cortex-M board under QEMU, from packs in flash.
//
// usage (semihosting command line): ember-spec-firmware NAME...   (one or more pack names)
//
// Each pack (tests/firmware/spec_pack.py documents the format) is one wast2json script: binary
// modules, register, actions and assertions. Every command goes through Ember's public API the way
// the host runner (spec-tests/script_runner.cpp) does: one Store and one Linker per script, so
// registered instances and the spectest host module are visible to all later modules. Verdicts:
//   assert_return          exact result bits; nan:canonical / nan:arithmetic per the spec
//   assert_trap/exhaustion the call must trap (exhaustion: "call stack exhausted"); a different
//                          message is only a note, as on the host (matching it is optional)
//   assert_invalid/malformed (binary)  loading must fail, and not merely on a host limit
//   assert_unlinkable      instantiation must fail as unlinkable
//   assert_uninstantiable  instantiation must trap
// Text-format modules are not in the packs (no text parser on target); the pack counts them.
// Prints `spec NAME: P passed, F failed, N not applicable (text format)` per script, each failure
// with its line, and exits non-zero on any failure. Frames stay small (-Wframe-larger-than=512):
// buffers are static, the engine's objects live in static storage.
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <new>
#include <string_view>

#include "ember/ember.h"
#include "pack_reader.h"
#include "semihost.h"
#include "spec_packs.h"
#include "spectest_host.h"

namespace ember_fwspec {

namespace {

enum class Kind : uint8_t {
  Module = 1,
  Register = 2,
  Action = 3,
  AssertReturn = 4,
  AssertTrap = 5,
  AssertExhaustion = 6,
  AssertInvalid = 7,
  AssertMalformed = 8,
  AssertUnlinkable = 9,
  AssertUninstantiable = 10,
};

enum class Form : uint8_t { Bits = 0, CanonicalNan = 1, ArithmeticNan = 2, NullRef = 3 };

// A value as the pack writes it: wasm type code, form, bit pattern.
struct PackValue {
  uint8_t type = 0;
  Form form = Form::Bits;
  uint64_t bits = 0;
};

constexpr uint8_t kI32 = 0x7F, kI64 = 0x7E, kF32 = 0x7D, kF64 = 0x7C, kFuncRef = 0x70, kExternRef = 0x6F;
constexpr std::size_t kMaxValues = 32;    // arguments or results of one call
constexpr std::size_t kMaxModules = 160;  // modules one script declares (float_exprs: 98)

// Static buffers: the runner's frames stay far below the stack guard's 512 bytes.
ember::Value g_args[kMaxValues];
ember::Value g_results[kMaxValues];
PackValue g_expected[kMaxValues];
char g_error_text[256];

// Engine objects of the running script, in static storage so no frame holds them.
alignas(ember::Module) unsigned char g_module_storage[kMaxModules][sizeof(ember::Module)];
alignas(ember::Store) unsigned char g_store_storage[sizeof(ember::Store)];
alignas(ember::Linker) unsigned char g_linker_storage[sizeof(ember::Linker)];

const char* describe(const ember::Error& error) noexcept {
  return ember::format_error(error, g_error_text, sizeof g_error_text);
}

void* host_ref(uint64_t n) noexcept {
  // Offset by one (as the host runner does) so that host reference 0 is not the null reference.
  return reinterpret_cast<void*>(static_cast<uintptr_t>(n) + 1);
}

ember::ValType val_type(uint8_t code, bool* ok) noexcept {
  *ok = true;
  switch (code) {
    case kI32: return ember::ValType::I32;
    case kI64: return ember::ValType::I64;
    case kF32: return ember::ValType::F32;
    case kF64: return ember::ValType::F64;
    case kFuncRef: return ember::ValType::FuncRef;
    case kExternRef: return ember::ValType::ExternRef;
  }
  *ok = false;
  return ember::ValType::I32;
}

// Prints a value with its type and exact bits (newlib-nano's printf has no 64-bit integers).
void print_bits(uint8_t type, uint64_t bits) noexcept {
  const char* name = type == kI32   ? "i32"
                     : type == kI64 ? "i64"
                     : type == kF32 ? "f32"
                     : type == kF64 ? "f64"
                                    : "ref";
  if (type == kI32 || type == kF32) {
    std::printf("%s:0x%08lx", name, static_cast<unsigned long>(bits));
  } else {
    std::printf("%s:0x%08lx%08lx", name, static_cast<unsigned long>(bits >> 32),
                static_cast<unsigned long>(bits & 0xFFFFFFFFu));
  }
}

void print_expected(const PackValue& v) noexcept {
  if (v.form == Form::CanonicalNan) {
    std::printf("%s:nan:canonical", v.type == kF32 ? "f32" : "f64");
  } else if (v.form == Form::ArithmeticNan) {
    std::printf("%s:nan:arithmetic", v.type == kF32 ? "f32" : "f64");
  } else if (v.form == Form::NullRef) {
    std::printf("ref.null");
  } else {
    print_bits(v.type, v.bits);
  }
}

uint8_t type_code(const ember::Value& v) noexcept {
  if (v.type == ember::ValType::I32) return kI32;
  if (v.type == ember::ValType::I64) return kI64;
  if (v.type == ember::ValType::F32) return kF32;
  if (v.type == ember::ValType::F64) return kF64;
  if (v.type == ember::ValType::ExternRef) return kExternRef;
  return kFuncRef;
}

void print_result(const ember::Value& v) noexcept {
  uint8_t code = type_code(v);
  if (code == kFuncRef || code == kExternRef) {
    std::printf(v.ref ? "ref:%p" : "ref.null", v.ref);
  } else {
    print_bits(code, code == kI32 || code == kF32 ? v.u32 : v.u64);
  }
}

// NaN patterns per the spec: canonical = quiet NaN with an empty payload (either sign);
// arithmetic = any quiet NaN.
bool float_matches(uint64_t got, Form form, uint64_t want, bool single) noexcept {
  const uint64_t sign = single ? 0x80000000u : 0x8000000000000000ull;
  const uint64_t canonical = single ? 0x7FC00000u : 0x7FF8000000000000ull;
  switch (form) {
    case Form::Bits: return got == want;
    case Form::CanonicalNan: return (got & ~sign) == canonical;
    case Form::ArithmeticNan: return (got & canonical) == canonical;
    case Form::NullRef: return false;
  }
  return false;
}

bool matches(const PackValue& want, const ember::Value& got) noexcept {
  if (type_code(got) != want.type) return false;
  switch (want.type) {
    case kI32: return want.form == Form::Bits && got.u32 == uint32_t(want.bits);
    case kI64: return want.form == Form::Bits && got.u64 == want.bits;
    case kF32: return float_matches(got.u32, want.form, uint32_t(want.bits), true);
    case kF64: return float_matches(got.u64, want.form, want.bits, false);
    default:
      if (want.form == Form::NullRef) return got.ref == nullptr;
      return want.type == kExternRef && got.ref == host_ref(want.bits);
  }
}

// The value an argument denotes; false if it cannot be one (a NaN pattern, an unknown type).
bool to_value(const PackValue& p, ember::Value* out) noexcept {
  bool ok;
  ember::ValType type = val_type(p.type, &ok);
  if (!ok || p.form == Form::CanonicalNan || p.form == Form::ArithmeticNan) return false;
  *out = ember::Value::zero(type);
  if (p.form == Form::NullRef) return type == ember::ValType::FuncRef || type == ember::ValType::ExternRef;
  if (type == ember::ValType::I32 || type == ember::ValType::F32) {
    out->u32 = uint32_t(p.bits);  // bits set directly: going through a float could quiet a NaN
  } else if (type == ember::ValType::I64 || type == ember::ValType::F64) {
    out->u64 = p.bits;
  } else if (type == ember::ValType::ExternRef) {
    out->ref = host_ref(p.bits);
  } else {
    return false;  // a funcref other than null cannot be named by the host
  }
  return true;
}

uint8_t read_values(PackReader& in, PackValue* out) noexcept {
  uint8_t count = in.u8();
  for (uint8_t i = 0; i < count; ++i) {
    PackValue v;
    v.type = in.u8();
    v.form = Form(in.u8());
    v.bits = in.u64();
    if (i < kMaxValues) out[i] = v;
  }
  return count;
}

struct Action {
  bool get = false;
  std::string_view module;  // "" = the current module
  std::string_view field;
  uint8_t arg_count = 0;
};

// A module the script declared; `instance` is null when it failed to load or instantiate.
struct Slot {
  std::string_view name;
  ember::Instance* instance = nullptr;
  uint32_t line = 0;
};

class ScriptRun {
 public:
  explicit ScriptRun(const ember_spec_pack& pack) noexcept : pack_(pack) {}

  // Runs the whole pack; returns the number of failures.
  uint32_t run() noexcept {
    PackReader in(pack_.begin, pack_.end);
    const char magic[4] = {char(in.u8()), char(in.u8()), char(in.u8()), char(in.u8())};
    const uint8_t version = in.u8();
    name_ = in.str();
    text_modules_ = in.u32();
    const uint32_t commands = in.u32();
    if (in.bad() || std::memcmp(magic, "EMSP", 4) != 0 || version != 1) {
      std::printf("spec %s: not a version-1 spec pack\n", pack_.name);
      return 1;
    }
    set_up();
    for (uint32_t i = 0; i < commands && !in.bad(); ++i) run_command(in);
    if (in.bad() || !in.at_end()) {
      std::printf("  pack corrupt at byte %u\n", unsigned(in.offset_from(pack_.begin)));
      ++failed_;
    }
    tear_down();
    std::printf("spec %.*s: %lu passed, %lu failed, %lu not applicable (text format)\n", int(name_.size()),
                name_.data(), static_cast<unsigned long>(passed_), static_cast<unsigned long>(failed_),
                static_cast<unsigned long>(text_modules_));
    return failed_;
  }

 private:
  void set_up() noexcept {
    ember::Config config;
    // One script's memories live together: the spectest memory may grow to 2 pages.
    config.max_memory_pages = 2;
    config.stack_bytes = 16 * 1024;
    config.max_call_depth = 256;
    config_ = config;
    store_ = new (g_store_storage) ember::Store(config_);
    linker_ = new (g_linker_storage) ember::Linker();
    if (const char* missing = ember_spec::define_spectest(*store_, *linker_)) {
      // Not fatal: modules that import it fail to link and say so.
      std::printf("  spectest: could not define %s\n", missing);
      ++failed_;
    }
  }

  // The store goes first: its instances refer to the modules.
  void tear_down() noexcept {
    store_->~Store();
    linker_->~Linker();
    for (uint32_t i = 0; i < module_count_; ++i) module_at(i)->~Module();
    module_count_ = 0;
  }

  static ember::Module* module_at(uint32_t i) noexcept {
    return std::launder(reinterpret_cast<ember::Module*>(g_module_storage[i]));
  }

  // Starts a failure report line: "  line L: WHAT: ".
  void fail(uint32_t line, const char* what) noexcept {
    ++failed_;
    std::printf("  line %lu: %s: ", static_cast<unsigned long>(line), what);
  }

  void run_command(PackReader& in) noexcept {
    const Kind kind = Kind(in.u8());
    const uint32_t line = in.u32();
    switch (kind) {
      case Kind::Module: return module_command(in, line);
      case Kind::Register: return register_command(in, line);
      case Kind::Action: return action_command(in, line);
      case Kind::AssertReturn: return assert_return(in, line);
      case Kind::AssertTrap: return assert_trap(in, line, "assert_trap", false);
      case Kind::AssertExhaustion: return assert_trap(in, line, "assert_exhaustion", true);
      case Kind::AssertInvalid: return assert_rejected(in, line, "assert_invalid");
      case Kind::AssertMalformed: return assert_rejected(in, line, "assert_malformed");
      case Kind::AssertUnlinkable: return assert_instantiation(in, line, "assert_unlinkable", false);
      case Kind::AssertUninstantiable: return assert_instantiation(in, line, "assert_uninstantiable", true);
    }
    fail(line, "pack");
    std::printf("unknown command kind %u\n", unsigned(kind));
    in.corrupt();  // its length is unknown: nothing after it can be read
  }

  // --- modules ---

  // Loads a binary into the script's module storage; null (with `error` set) if it fails.
  ember::Module* load(const Bytes& wasm, ember::Error* error) noexcept {
    ember::Result<ember::Module> result =
        ember::Module::load(wasm.data, wasm.size, config_, ember::BytesOwnership::Borrow);
    if (!result.ok()) {
      *error = result.error();
      return nullptr;
    }
    if (module_count_ == kMaxModules) {
      *error = ember::Error::make(ember::ErrorKind::Limit, "runner: too many modules in one script");
      return nullptr;
    }
    return new (g_module_storage[module_count_++])
        ember::Module(static_cast<ember::Module&&>(result.value()));
  }

  void module_command(PackReader& in, uint32_t line) noexcept {
    Slot slot;
    slot.name = in.str();
    slot.line = line;
    const Bytes wasm = in.blob();
    if (in.bad()) return;
    slot.instance = load_and_instantiate(wasm, line);
    current_ = add_slot(slot, line);
  }

  ember::Instance* load_and_instantiate(const Bytes& wasm, uint32_t line) noexcept {
    ember::Error error;
    ember::Module* module = load(wasm, &error);
    if (!module) {
      fail(line, "module");
      std::printf("load failed: %s\n", describe(error));
      return nullptr;
    }
    return instantiate(*module, line);
  }

  ember::Instance* instantiate(const ember::Module& module, uint32_t line) noexcept {
    ember::Result<ember::Instance*> result = linker_->instantiate(*store_, module);
    if (result.ok()) return result.value();
    fail(line, "module");
    std::printf("instantiation failed: %s\n", describe(result.error()));
    return nullptr;
  }

  int add_slot(const Slot& slot, uint32_t line) noexcept {
    if (slot_count_ == kMaxModules) {
      fail(line, "module");
      std::printf("runner: too many modules in one script\n");
      return -1;
    }
    slots_[slot_count_] = slot;
    return int(slot_count_++);
  }

  // The module a command addresses (the named one, or the current one); null after printing why.
  const Slot* target(std::string_view name, uint32_t line, const char* what) noexcept {
    const Slot* found = nullptr;
    if (name.empty()) {
      if (current_ >= 0) found = &slots_[current_];
    } else {
      for (uint32_t i = slot_count_; i > 0 && !found; --i) {
        if (slots_[i - 1].name == name) found = &slots_[i - 1];
      }
    }
    if (!found) {
      fail(line, what);
      std::printf("no module %.*s\n", int(name.size()), name.data());
    } else if (!found->instance) {
      fail(line, what);
      std::printf("module of line %lu is unavailable\n", static_cast<unsigned long>(found->line));
      found = nullptr;
    }
    return found;
  }

  void register_command(PackReader& in, uint32_t line) noexcept {
    const std::string_view as = in.str();
    const std::string_view name = in.str();
    if (in.bad()) return;
    const Slot* slot = target(name, line, "register");
    if (!slot) return;
    if (!linker_->define_instance(as, *slot->instance)) {
      fail(line, "register");
      std::printf("linker out of memory\n");
    }
  }

  // --- actions ---

  bool read_action(PackReader& in, Action* action) noexcept {
    action->get = in.u8() == 1;
    action->module = in.str();
    action->field = in.str();
    action->arg_count = read_values(in, g_expected);
    return !in.bad();
  }

  // Runs an action: its results land in g_results. False (after printing why) when it could not
  // be attempted; otherwise `error` is the engine's verdict and `*result_count` is set.
  bool run_action(const Action& action, uint32_t line, const char* what, ember::Error* error,
                  uint32_t* result_count) noexcept {
    const Slot* slot = target(action.module, line, what);
    if (!slot) return false;
    if (action.get) return get_global(*slot, action, line, what, result_count);
    ember::Function* func = slot->instance->function(action.field);
    if (!func || action.arg_count > kMaxValues || !convert_args(action)) {
      fail(line, what);
      std::printf("%.*s: no such function, or arguments the host cannot pass\n", int(action.field.size()),
                  action.field.data());
      return false;
    }
    *result_count = func->type().result_count;
    if (*result_count > kMaxValues) {
      fail(line, what);
      std::printf("%.*s: too many results\n", int(action.field.size()), action.field.data());
      return false;
    }
    *error = store_->call(func, g_args, action.arg_count, g_results, *result_count);
    return true;
  }

  bool get_global(const Slot& slot, const Action& action, uint32_t line, const char* what,
                  uint32_t* result_count) noexcept {
    ember::Global* global = slot.instance->global(action.field);
    if (!global) {
      fail(line, what);
      std::printf("no exported global %.*s\n", int(action.field.size()), action.field.data());
      return false;
    }
    g_results[0] = global->get();
    *result_count = 1;
    return true;
  }

  // Arguments were read into g_expected by read_action; converted here into g_args.
  static bool convert_args(const Action& action) noexcept {
    for (uint8_t i = 0; i < action.arg_count; ++i) {
      if (!to_value(g_expected[i], &g_args[i])) return false;
    }
    return true;
  }

  void action_command(PackReader& in, uint32_t line) noexcept {
    Action action;
    if (!read_action(in, &action)) return;
    ember::Error error;
    uint32_t results = 0;
    if (!run_action(action, line, "action", &error, &results)) return;
    if (error) {
      fail(line, "action");
      std::printf("%.*s: %s\n", int(action.field.size()), action.field.data(), describe(error));
      return;
    }
    ++passed_;
  }

  void assert_return(PackReader& in, uint32_t line) noexcept {
    Action action;
    if (!read_action(in, &action)) return;
    ember::Error error;
    uint32_t results = 0;
    const bool ran = run_action(action, line, "assert_return", &error, &results);
    // Expected values are read after the call: g_expected held the arguments until then.
    const uint8_t expected = read_values(in, g_expected);
    if (!ran || in.bad()) return;
    if (error) {
      fail(line, "assert_return");
      std::printf("%.*s: %s\n", int(action.field.size()), action.field.data(), describe(error));
      return;
    }
    bool ok = results == expected && expected <= kMaxValues;
    for (uint8_t i = 0; ok && i < expected; ++i) ok = matches(g_expected[i], g_results[i]);
    if (ok) {
      ++passed_;
      return;
    }
    report_mismatch(action, line, expected, results);
  }

  void report_mismatch(const Action& action, uint32_t line, uint8_t expected, uint32_t results) noexcept {
    fail(line, "assert_return");
    std::printf("%.*s: expected (", int(action.field.size()), action.field.data());
    for (uint8_t i = 0; i < expected && i < kMaxValues; ++i) {
      if (i) std::printf(", ");
      print_expected(g_expected[i]);
    }
    std::printf("), got (");
    for (uint32_t i = 0; i < results; ++i) {
      if (i) std::printf(", ");
      print_result(g_results[i]);
    }
    std::printf(")\n");
  }

  void assert_trap(PackReader& in, uint32_t line, const char* what, bool exhaustion) noexcept {
    Action action;
    if (!read_action(in, &action)) return;
    const std::string_view text = in.str();
    if (in.bad()) return;
    ember::Error error;
    uint32_t results = 0;
    if (!run_action(action, line, what, &error, &results)) return;
    const bool trapped = error.kind == ember::ErrorKind::Trap &&
                         (!exhaustion || error.trap == ember::TrapKind::CallStackExhausted);
    if (!trapped) {
      fail(line, what);
      std::printf("%.*s: expected trap \"%.*s\", got %s\n", int(action.field.size()), action.field.data(),
                  int(text.size()), text.data(), error ? describe(error) : "a result");
      return;
    }
    note_trap_message(line, error.message, text);
    ++passed_;
  }

  // Matching the trap text is optional in the suite; a different one is only a note.
  static void note_trap_message(uint32_t line, const char* got, std::string_view want) noexcept {
    if (std::strncmp(got, want.data(), want.size()) == 0) return;
    std::printf("  line %lu: note: trapped with \"%s\", expected \"%.*s\"\n",
                static_cast<unsigned long>(line), got, int(want.size()), want.data());
  }

  // --- modules that must be rejected ---

  // assert_invalid / assert_malformed on a binary: loading must fail. Which of the two phases
  // rejects it is not checked (as on the host), but a host limit is not the spec's verdict.
  void assert_rejected(PackReader& in, uint32_t line, const char* what) noexcept {
    const Bytes wasm = in.blob();
    const std::string_view text = in.str();
    if (in.bad()) return;
    ember::Error error;
    if (load(wasm, &error)) {
      fail(line, what);
      std::printf("module loaded, expected \"%.*s\"\n", int(text.size()), text.data());
    } else if (error.kind == ember::ErrorKind::Limit || error.kind == ember::ErrorKind::OutOfMemory ||
               error.kind == ember::ErrorKind::Unsupported) {
      fail(line, what);
      std::printf("expected \"%.*s\", refused for another reason: %s\n", int(text.size()), text.data(),
                  describe(error));
    } else {
      ++passed_;
    }
  }

  // assert_unlinkable (must fail as unlinkable) / assert_uninstantiable (must trap).
  void assert_instantiation(PackReader& in, uint32_t line, const char* what, bool must_trap) noexcept {
    const Bytes wasm = in.blob();
    const std::string_view text = in.str();
    if (in.bad()) return;
    ember::Error error;
    ember::Module* module = load(wasm, &error);
    if (!module) {
      fail(line, what);
      std::printf("load failed: %s\n", describe(error));
      return;
    }
    check_instantiation(*module, line, what, must_trap, text);
  }

  void check_instantiation(const ember::Module& module, uint32_t line, const char* what, bool must_trap,
                           std::string_view text) noexcept {
    ember::Result<ember::Instance*> result = linker_->instantiate(*store_, module);
    const ember::ErrorKind want = must_trap ? ember::ErrorKind::Trap : ember::ErrorKind::Unlinkable;
    if (result.ok()) {
      fail(line, what);
      std::printf("module instantiated, expected \"%.*s\"\n", int(text.size()), text.data());
    } else if (result.error().kind != want) {
      fail(line, what);
      std::printf("expected \"%.*s\", got %s\n", int(text.size()), text.data(), describe(result.error()));
    } else {
      if (must_trap) note_trap_message(line, result.error().message, text);
      ++passed_;
    }
  }

  const ember_spec_pack& pack_;
  std::string_view name_;
  uint32_t text_modules_ = 0;
  uint32_t passed_ = 0;
  uint32_t failed_ = 0;
  ember::Config config_;
  ember::Store* store_ = nullptr;
  ember::Linker* linker_ = nullptr;
  uint32_t module_count_ = 0;
  Slot slots_[kMaxModules];
  uint32_t slot_count_ = 0;
  int current_ = -1;
};

// ScriptRun holds the slot table: static, not on main's stack.
alignas(ScriptRun) unsigned char g_run_storage[sizeof(ScriptRun)];

uint32_t run_pack(const ember_spec_pack& pack) noexcept {
  ScriptRun* run = new (g_run_storage) ScriptRun(pack);
  const uint32_t failed = run->run();
  run->~ScriptRun();
  return failed;
}

const ember_spec_pack* find_pack(std::string_view name) noexcept {
  for (unsigned i = 0; i < ember_spec_pack_count; ++i) {
    if (name == ember_spec_packs[i].name) return &ember_spec_packs[i];
  }
  return nullptr;
}

// The semihosting command line ("program arg1 arg2 ..."), NUL-terminated in `buf`.
char g_command_line[512];

bool read_command_line() noexcept {
  std::uintptr_t block[2] = {reinterpret_cast<std::uintptr_t>(g_command_line), sizeof g_command_line - 1};
  if (ember::cortex_m::semihost::call(0x15 /* SYS_GET_CMDLINE */, block) != 0) return false;
  g_command_line[block[1]] = '\0';
  return true;
}

// The next space-separated word of `*rest` (NUL-terminated in place), or nullptr at the end.
const char* next_word(char** rest) noexcept {
  char* p = *rest;
  while (*p == ' ') ++p;
  if (*p == '\0') return nullptr;
  char* word = p;
  while (*p != ' ' && *p != '\0') ++p;
  if (*p == ' ') *p++ = '\0';
  *rest = p;
  return word;
}

}  // namespace

// Runs each pack named on the command line; returns the number of failed scripts (a bad name counts).
int run_named_packs() noexcept {
  if (!read_command_line()) {
    std::printf("error: no semihosting command line\n");
    return 1;
  }
  int failed_scripts = 0, named = 0;
  char* rest = g_command_line;
  next_word(&rest);  // the program name
  while (const char* word = next_word(&rest)) {
    ++named;
    const ember_spec_pack* pack = find_pack(word);
    if (!pack) {
      std::printf("error: no spec pack named %s\n", word);
      ++failed_scripts;
    } else if (run_pack(*pack) != 0) {
      ++failed_scripts;
    }
  }
  if (named == 0) std::printf("usage: ember-spec-firmware NAME...\n");
  return named == 0 || failed_scripts != 0 ? 1 : 0;
}

}  // namespace ember_fwspec

int main() { return ember_fwspec::run_named_packs(); }
