// libFuzzer target: load, instantiate with stub imports and call every exported function with zero
// arguments, under fuel and memory limits, so any module ends in results, a trap or an error
// within bounded time and memory. Also resumes an out-of-fuel stop once and abandons the next.
#include <ember/ember.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

// Every imported function: returns zeros (or traps when its first argument is odd, to exercise
// host traps).
ember::TrapKind stub(ember::Caller& caller, void*, uint64_t* slots) {
  if (slots[0] & 1) return caller.trap("stub import traps on odd input");
  return ember::TrapKind::None;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  ember::Config config;
  config.fuel = 20000;
  config.max_memory_pages = 64;
  config.max_table_elements = 100000;
  config.max_heap_bytes = 64u << 20;
  config.stack_bytes = 64u << 10;
  config.max_call_depth = 500;
  ember::Result<ember::Module> loaded = ember::Module::load(data, size, config);
  if (!loaded.ok()) return 0;
  const ember::Module& m = loaded.value();
  ember::Store store(config);
  std::vector<ember::Extern> imports;
  for (uint32_t i = 0; i < m.import_count(); ++i) {
    ember::ImportInfo im = m.import(i);
    ember::Extern e;
    switch (im.kind) {
      case ember::ExternKind::Func: e = store.create_host_function(im.func, stub, nullptr); break;
      case ember::ExternKind::Memory: e = store.create_memory(im.memory); break;
      case ember::ExternKind::Table: e = store.create_table(im.table); break;
      case ember::ExternKind::Global: {
        ember::Value v;
        v.type = im.global.type;
        v.u64 = 0;
        e = store.create_global(im.global, v);
        break;
      }
    }
    if (!e) return 0;  // over a limit: nothing to run
    imports.push_back(e);
  }
  ember::Result<ember::Instance*> inst = store.instantiate(m, imports.data(), imports.size());
  if (!inst.ok()) return 0;
  for (uint32_t i = 0; i < m.export_count(); ++i) {
    ember::ExportInfo ex = m.export_at(i);
    if (ex.kind != ember::ExternKind::Func) continue;
    ember::Function* f = inst.value()->function(ex.name);
    if (!f) continue;
    ember::FuncTypeView t = f->type();
    std::vector<ember::Value> args(t.param_count), results(t.result_count);
    for (uint32_t k = 0; k < t.param_count; ++k) {
      args[k].type = t.params[k];
      args[k].u64 = 0;
    }
    store.set_fuel(20000);
    ember::Error e = store.call(f, args.data(), args.size(), results.data(), results.size());
    if (e.trap == ember::TrapKind::OutOfFuel && store.suspended()) {
      store.set_fuel(20000);
      (void)store.resume(results.data(), results.size());
      store.abandon();
    }
  }
  return 0;
}
