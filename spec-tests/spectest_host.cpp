// ember-spec: the `spectest` host module.
#include "spectest_host.h"

namespace ember_spec {

namespace {

using ember::ValType;

// The print functions exist so that modules can import them; printing would only clutter the
// runner's report, so they do nothing.
ember::TrapKind ignore_call(ember::Caller&, void*, uint64_t*) { return ember::TrapKind::None; }

struct PrintFunction {
  const char* name;
  const ValType* params;
  uint32_t param_count;
};

// Static storage: the store may keep the views it is handed.
constexpr ValType kI32[] = {ValType::I32};
constexpr ValType kI64[] = {ValType::I64};
constexpr ValType kF32[] = {ValType::F32};
constexpr ValType kF64[] = {ValType::F64};
constexpr ValType kI32F32[] = {ValType::I32, ValType::F32};
constexpr ValType kF64F64[] = {ValType::F64, ValType::F64};

constexpr PrintFunction kPrintFunctions[] = {
    {"print", nullptr, 0},
    {"print_i32", kI32, 1},
    {"print_i64", kI64, 1},
    {"print_f32", kF32, 1},
    {"print_f64", kF64, 1},
    {"print_i32_f32", kI32F32, 2},
    {"print_f64_f64", kF64F64, 2},
};

ember::Limits limits(uint64_t min, uint64_t max) {
  ember::Limits l;
  l.min = min;
  l.max = max;
  l.has_max = true;
  return l;
}

}  // namespace

std::string define_spectest(ember::Store& store, ember::Linker& linker) {
  std::string missing;
  auto define = [&](const char* name, const ember::Extern& value) {
    if (!value || !linker.define("spectest", name, value)) missing += std::string(missing.empty() ? "" : ", ") + name;
  };

  for (const PrintFunction& f : kPrintFunctions) {
    ember::FuncTypeView type;
    type.params = f.params;
    type.param_count = f.param_count;
    define(f.name, store.create_host_function(type, &ignore_call, nullptr));
  }

  ember::Value f32 = ember::Value::f32v(666.6f);
  ember::Value f64 = ember::Value::f64v(666.6);
  define("global_i32", store.create_global({ValType::I32, false}, ember::Value::i32(666)));
  define("global_i64", store.create_global({ValType::I64, false}, ember::Value::i64(666)));
  define("global_f32", store.create_global({ValType::F32, false}, f32));
  define("global_f64", store.create_global({ValType::F64, false}, f64));

  ember::TableType table;
  table.elem = ValType::FuncRef;
  table.limits = limits(10, 20);
  define("table", store.create_table(table));

  ember::MemoryType memory;
  memory.limits = limits(1, 2);
  define("memory", store.create_memory(memory));

  // shared_memory (threads proposal) is left out: the engine has no shared memories, so modules
  // importing it fail to link, which is the honest result.
  return missing.empty() ? std::string() : "could not define spectest exports: " + missing;
}

}  // namespace ember_spec
