// The `spectest` host module of the spec runners: ember-spec on the host and ember-spec-firmware on
// Cortex-M boards (tests/firmware) compile this one file. No std::string or iostream, so it builds
// for firmware too.
#include "spectest_host.h"

namespace ember_spec {

namespace {

using ember::ValType;

// The print functions exist so that modules can import them; printing would only clutter the
// report (and cost semihosting round trips), so they do nothing.
ember::TrapKind ignore_call(ember::Caller&, void*, uint64_t*) { return ember::TrapKind::None; }

struct PrintFunction {
  const char* name;
  const ValType* params;
  uint32_t param_count;
};

// Static storage: the store may keep the type views it is handed.
constexpr ValType kI32[] = {ValType::I32};
constexpr ValType kI64[] = {ValType::I64};
constexpr ValType kF32[] = {ValType::F32};
constexpr ValType kF64[] = {ValType::F64};
constexpr ValType kI32F32[] = {ValType::I32, ValType::F32};
constexpr ValType kF64F64[] = {ValType::F64, ValType::F64};

constexpr PrintFunction kPrintFunctions[] = {
    {"print", nullptr, 0},         {"print_i32", kI32, 1}, {"print_i64", kI64, 1},
    {"print_f32", kF32, 1},        {"print_f64", kF64, 1}, {"print_i32_f32", kI32F32, 2},
    {"print_f64_f64", kF64F64, 2},
};

ember::Limits limits(uint64_t min, uint64_t max) noexcept {
  ember::Limits l;
  l.min = min;
  l.max = max;
  l.has_max = true;
  return l;
}

bool define(ember::Linker& linker, const char* name, const ember::Extern& value) noexcept {
  return value && linker.define("spectest", name, value);
}

const char* define_globals(ember::Store& store, ember::Linker& linker) noexcept {
  if (!define(linker, "global_i32", store.create_global({ValType::I32, false}, ember::Value::i32(666)))) {
    return "global_i32";
  }
  if (!define(linker, "global_i64", store.create_global({ValType::I64, false}, ember::Value::i64(666)))) {
    return "global_i64";
  }
  if (!define(linker, "global_f32", store.create_global({ValType::F32, false}, ember::Value::f32v(666.6f)))) {
    return "global_f32";
  }
  if (!define(linker, "global_f64", store.create_global({ValType::F64, false}, ember::Value::f64v(666.6)))) {
    return "global_f64";
  }
  return nullptr;
}

}  // namespace

const char* define_spectest(ember::Store& store, ember::Linker& linker) noexcept {
  for (const PrintFunction& f : kPrintFunctions) {
    ember::FuncTypeView type;
    type.params = f.params;
    type.param_count = f.param_count;
    if (!define(linker, f.name, store.create_host_function(type, &ignore_call, nullptr))) return f.name;
  }
  if (const char* missing = define_globals(store, linker)) return missing;

  ember::TableType table;
  table.elem = ValType::FuncRef;
  table.limits = limits(10, 20);
  if (!define(linker, "table", store.create_table(table))) return "table";

  ember::MemoryType memory;
  memory.limits = limits(1, 2);
  if (!define(linker, "memory", store.create_memory(memory))) return "memory";
  return nullptr;
}

}  // namespace ember_spec
