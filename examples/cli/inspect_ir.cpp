// `ember inspect --ir FILE.wasm [FUNC]`: the threaded code the compiler made of each function (or
// of FUNC: a function index, an export name or a name-section name).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "commands.h"
#include "ember/ember.h"
#include "ember/inspect.h"
#include "module_input.h"
#include "values.h"

namespace ember_cli {
namespace {

// Resolves FUNC: a decimal index, then an exported function, then a name from the name section.
bool find_function(const ember::Module& m, const std::string& what, uint32_t* index) {
  char* end = nullptr;
  unsigned long n = std::strtoul(what.c_str(), &end, 10);
  if (!what.empty() && *end == 0) {
    *index = uint32_t(n);
    return n < m.function_count();
  }
  for (uint32_t i = 0; i < m.export_count(); ++i) {
    ember::ExportInfo ex = m.export_at(i);
    if (ex.kind == ember::ExternKind::Func && ex.name == what) {
      *index = ex.index;
      return true;
    }
  }
  for (uint32_t i = 0; i < m.function_count(); ++i) {
    if (m.function_name(i) == what) {
      *index = i;
      return true;
    }
  }
  return false;
}

bool is_imported(const ember::Module& m, uint32_t func_index) {
  uint32_t imported = 0;
  for (uint32_t i = 0; i < m.import_count(); ++i)
    if (m.import(i).kind == ember::ExternKind::Func) ++imported;
  return func_index < imported;
}

bool print_function(const ember::Module& m, uint32_t index, const char* file) {
  std::vector<std::string> lines;
  ember::IrFunctionInfo info;
  ember::Error e = ember::visit_ir(
      m, index,
      [](void* user, const ember::IrInstruction& in) noexcept {
        char line[400];
        std::snprintf(line, sizeof line, "  %5u  %-44s ; @0x%04x %s", in.code_pos, in.text, in.wasm_offset,
                      in.wasm_op);
        static_cast<std::vector<std::string>*>(user)->push_back(line);
      },
      &lines, &info);
  if (e) {
    char buf[256];
    std::fprintf(stderr, "ember: %s: %s\n", file, ember::format_error(e, buf, sizeof buf));
    return false;
  }
  std::string_view name = m.function_name(index);
  std::printf("func %u", index);
  if (!name.empty()) std::printf(" \"%.*s\"", int(name.size()), name.data());
  std::printf(" %s\n", format_signature(m.function_type(index)).c_str());
  std::printf("  slots: %u params, %u locals, frame %u, results %u; %u code words\n", info.param_slots,
              info.local_slots, info.frame_slots, info.result_slots, info.code_words);
  for (const std::string& l : lines) std::printf("%s\n", l.c_str());
  return true;
}

}  // namespace

int inspect_ir_command(const std::vector<std::string>& args) {
  if (args.empty() || args.size() > 2) {
    std::fprintf(stderr, "ember: usage: ember inspect --ir FILE.wasm [FUNC]\n");
    return kFailureExitStatus;
  }
  const std::string& file = args[0];
  std::vector<uint8_t> bytes;
  if (!read_module_reporting(file, &bytes)) return kFailureExitStatus;
  // Lazily: only the functions asked for are compiled.
  ember::Config config;
  config.lazy_compile = true;
  auto loaded = load_reporting(file, bytes, config);
  if (!loaded.ok()) return kFailureExitStatus;
  const ember::Module& m = loaded.value();
  if (args.size() == 2) {
    uint32_t index = 0;
    if (!find_function(m, args[1], &index)) {
      std::fprintf(stderr, "ember: %s: no function '%s'\n", file.c_str(), args[1].c_str());
      return kFailureExitStatus;
    }
    return print_function(m, index, file.c_str()) ? 0 : kFailureExitStatus;
  }
  for (uint32_t i = 0; i < m.function_count(); ++i) {
    if (is_imported(m, i)) continue;
    if (!print_function(m, i, file.c_str())) return kFailureExitStatus;
  }
  return 0;
}

}  // namespace ember_cli
