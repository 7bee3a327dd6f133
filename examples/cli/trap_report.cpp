#include "trap_report.h"

#include <cstdio>
#include <string>
#include <vector>

namespace ember_cli {

std::string_view describe_function(const ember::Module& module, uint32_t func_index, bool* is_export) {
  *is_export = false;
  std::string_view name = module.function_name(func_index);
  if (!name.empty()) return name;
  // Stripped binaries often still export what matters (main, _start, the API of a library).
  for (uint32_t i = 0; i < module.export_count(); ++i) {
    ember::ExportInfo e = module.export_at(i);
    if (e.kind == ember::ExternKind::Func && e.index == func_index) {
      *is_export = true;
      return e.name;
    }
  }
  return {};
}

namespace {

std::string frame_label(const ember::Module& module, uint32_t func_index) {
  bool is_export = false;
  std::string_view name = describe_function(module, func_index, &is_export);
  if (name.empty()) return "<?>";
  std::string label(name);
  if (is_export) label = "<export '" + label + "'>";
  return label;
}

}  // namespace

void print_trap(const ember::Store& store, const ember::Module& module, const ember::Error& e) {
  std::fprintf(stderr, "ember: trap: %s", e.message);
  if (e.detail[0] != '\0') std::fprintf(stderr, " (%s)", e.detail);
  std::fprintf(stderr, "\n");
  uint32_t limit = store.config().max_backtrace_frames;
  std::vector<ember::BacktraceFrame> frames(limit ? limit : 1);
  uint32_t n = store.backtrace(frames.data(), uint32_t(frames.size()));
  if (n == 0) return;
  std::fprintf(stderr, "backtrace:\n");
  for (uint32_t i = 0; i < n;) {
    const ember::BacktraceFrame& f = frames[i];
    // The CLI links a single module, so every wasm frame belongs to it.
    std::string label = frame_label(module, f.func_index);
    std::fprintf(stderr, "  #%u  func[%u] %s at offset 0x%x\n", i, f.func_index, label.c_str(), f.offset);
    uint32_t same = 1;
    while (i + same < n && frames[i + same].func_index == f.func_index && frames[i + same].offset == f.offset)
      ++same;
    if (same > 1) std::fprintf(stderr, "      ... %u more frames of %s\n", same - 1, label.c_str());
    i += same;
  }
  if (n == frames.size()) std::fprintf(stderr, "  (the first %u frames; deeper ones were not kept)\n", n);
}

}  // namespace ember_cli
