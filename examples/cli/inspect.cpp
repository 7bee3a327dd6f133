// `ember validate` and `ember inspect`.
#include <cinttypes>
#include <cstdio>

#include "commands.h"
#include "ember/ember.h"
#include "module_input.h"
#include "thread_executor.h"
#include "values.h"

namespace ember_cli {
namespace {

// A name from the module as it may be shown on a terminal: bytes outside printable ASCII (and the
// quote and backslash) escaped as \xNN.
std::string printable(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out += char(c);
    } else {
      char esc[5];
      std::snprintf(esc, sizeof esc, "\\x%02x", c);
      out += esc;
    }
  }
  return out;
}

const char* kind_name(ember::ExternKind k) {
  switch (k) {
    case ember::ExternKind::Func: return "func";
    case ember::ExternKind::Table: return "table";
    case ember::ExternKind::Memory: return "memory";
    case ember::ExternKind::Global: return "global";
  }
  return "?";
}

std::string format_limits(const ember::Limits& l) {
  std::string s = "min " + std::to_string(l.min);
  if (l.has_max) s += " max " + std::to_string(l.max);
  return s;
}

std::string format_import_type(const ember::ImportInfo& im) {
  switch (im.kind) {
    case ember::ExternKind::Func: return format_signature(im.func);
    case ember::ExternKind::Table:
      return std::string(ember::to_string(im.table.elem)) + " " + format_limits(im.table.limits);
    case ember::ExternKind::Memory: return format_limits(im.memory.limits) + " pages";
    case ember::ExternKind::Global:
      return std::string(im.global.is_mutable ? "mut " : "") + ember::to_string(im.global.type);
  }
  return "";
}

int usage_error(const char* command) {
  std::fprintf(stderr, "ember: usage: ember %s FILE.wasm\n", command);
  return kFailureExitStatus;
}

}  // namespace

int validate_command(const std::vector<std::string>& args) {
  if (args.size() != 1) return usage_error("validate");
  std::vector<uint8_t> bytes;
  if (!read_module_reporting(args[0], &bytes)) return kFailureExitStatus;
  ember::Config config;
  config.executor = thread_executor(0);  // a large module's bodies validated on every core
  if (!load_reporting(args[0], bytes, config).ok()) return kFailureExitStatus;
  std::printf("%s: valid\n", args[0].c_str());
  return 0;
}

int inspect_command(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "--ir") return inspect_ir_command({args.begin() + 1, args.end()});
  if (args.size() != 1) return usage_error("inspect");
  const std::string& file = args[0];
  std::vector<uint8_t> bytes;
  if (!read_module_reporting(file, &bytes)) return kFailureExitStatus;
  std::printf("%s: %zu bytes\n", file.c_str(), bytes.size());

  // The headers first, from the library's bounds-checked walk: also for a module that fails to load.
  std::vector<ember::SectionInfo> sections;
  ember::SectionReader reader(bytes.data(), bytes.size());
  for (ember::SectionInfo s; reader.next(&s);) sections.push_back(s);
  std::printf("sections (%zu):\n", sections.size());
  for (const ember::SectionInfo& s : sections) {
    std::printf("  %-9s offset 0x%08" PRIx32 " size %8" PRIu32, ember::section_name(s.id), s.offset, s.size);
    if (s.id == 0) std::printf("  \"%s\"", printable(s.custom_name).c_str());
    std::printf("\n");
  }
  if (!reader.error().ok()) {
    std::fflush(stdout);  // the listing first, then why it stops
    char buf[256];
    std::fprintf(stderr, "ember: %s: %s\n", file.c_str(),
                 ember::format_error(reader.error(), buf, sizeof buf));
    return kFailureExitStatus;
  }

  auto loaded = load_reporting(file, bytes);
  if (!loaded.ok()) return kFailureExitStatus;
  const ember::Module& m = loaded.value();

  uint32_t imported_funcs = 0;
  std::printf("imports (%u):\n", m.import_count());
  for (uint32_t i = 0; i < m.import_count(); ++i) {
    ember::ImportInfo im = m.import(i);
    if (im.kind == ember::ExternKind::Func) ++imported_funcs;
    std::printf("  %-6s %.*s.%.*s %s\n", kind_name(im.kind), int(im.module.size()), im.module.data(),
                int(im.name.size()), im.name.data(), format_import_type(im).c_str());
  }
  std::printf("exports (%u):\n", m.export_count());
  for (uint32_t i = 0; i < m.export_count(); ++i) {
    ember::ExportInfo ex = m.export_at(i);
    std::printf("  %-6s %.*s", kind_name(ex.kind), int(ex.name.size()), ex.name.data());
    if (ex.kind == ember::ExternKind::Func) {
      std::printf(" %s", format_signature(m.function_type(ex.index)).c_str());
    } else {
      std::printf(" [index %u]", ex.index);
    }
    std::printf("\n");
  }
  std::printf("functions: %u (%u imported), code %zu bytes\n", m.function_count(), imported_funcs,
              m.code_size());
  return 0;
}

}  // namespace ember_cli
