#include "unknown_imports.h"

#include <cstring>
#include <string>

namespace ember_cli {
namespace {

ember::TrapKind trap_with_name(ember::Caller& caller, void* message, uint64_t*) noexcept {
  return caller.trap(static_cast<const char*>(message));
}

}  // namespace

bool define_trapping_imports(ember::Linker& linker, ember::Store& store, const ember::Module& module) {
  for (uint32_t i = 0; i < module.import_count(); ++i) {
    ember::ImportInfo imp = module.import(i);
    if (imp.kind != ember::ExternKind::Func) continue;
    if (linker.find(imp.module, imp.name).ptr) continue;  // defined (a wrong kind is reported later)
    std::string text = "unknown import " + std::string(imp.module) + "." + std::string(imp.name) + " called";
    // The store owns the message, so it lives as long as the function that reports it.
    char* message = static_cast<char*>(store.allocate_host_data(text.size() + 1, nullptr));
    if (!message) return false;
    std::memcpy(message, text.c_str(), text.size() + 1);
    ember::Function* fn = store.create_host_function(imp.func, &trap_with_name, message);
    if (!fn || !linker.define(imp.module, imp.name, ember::Extern(fn))) return false;
  }
  return true;
}

}  // namespace ember_cli
