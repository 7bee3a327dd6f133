// Golden tests of the compiler's output: each tests/ir/*.wat file holds, in comments, the IR that
// `ember::visit_ir` must print for some of its exports (see fusions.wat). The test fails when
// any line differs, so a fusion that stops firing (or fires where it should not) is caught.
//
//   ember-ir-golden FILE.wasm FILE.wat   check every ";; ir: EXPORT" block of FILE.wat
//   ember-ir-golden --print FILE.wasm    print every exported function's IR as such blocks
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <ember/ember.h>
#include <ember/inspect.h>

namespace {

struct Expectation {
  std::string export_name;
  int line = 0;  // in the .wat file
  std::vector<std::string> lines;
};

bool read_file(const char* path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// ";; ir: NAME" starts a block; each following ";; | POS TEXT" line is one instruction.
std::vector<Expectation> parse_expectations(const std::string& wat) {
  std::vector<Expectation> out;
  std::istringstream in(wat);
  std::string raw;
  int n = 0;
  bool in_block = false;
  while (std::getline(in, raw)) {
    ++n;
    std::string line = trim(raw);
    if (line.rfind(";; ir:", 0) == 0) {
      out.push_back(Expectation{trim(line.substr(6)), n, {}});
      in_block = true;
    } else if (in_block && line.rfind(";; |", 0) == 0) {
      out.back().lines.push_back(trim(line.substr(4)));
    } else {
      in_block = false;
    }
  }
  return out;
}

bool ir_lines(const ember::Module& m, uint32_t func_index, std::vector<std::string>* out,
              std::string* error) {
  ember::Error e = ember::visit_ir(
      m, func_index,
      [](void* user, const ember::IrInstruction& in) noexcept {
        static_cast<std::vector<std::string>*>(user)->push_back(std::to_string(in.code_pos) + " " + in.text);
      },
      out);
  if (e) {
    char buf[256];
    *error = ember::format_error(e, buf, sizeof buf);
    return false;
  }
  return true;
}

bool find_export(const ember::Module& m, const std::string& name, uint32_t* index) {
  for (uint32_t i = 0; i < m.export_count(); ++i) {
    ember::ExportInfo ex = m.export_at(i);
    if (ex.kind == ember::ExternKind::Func && ex.name == name) {
      *index = ex.index;
      return true;
    }
  }
  return false;
}

int print_all(const ember::Module& m) {
  for (uint32_t i = 0; i < m.export_count(); ++i) {
    ember::ExportInfo ex = m.export_at(i);
    if (ex.kind != ember::ExternKind::Func) continue;
    std::vector<std::string> lines;
    std::string error;
    if (!ir_lines(m, ex.index, &lines, &error)) {
      std::fprintf(stderr, "%.*s: %s\n", int(ex.name.size()), ex.name.data(), error.c_str());
      return 1;
    }
    std::printf(";; ir: %.*s\n", int(ex.name.size()), ex.name.data());
    for (const std::string& l : lines) std::printf(";; | %s\n", l.c_str());
  }
  return 0;
}

// Checks one block; prints both listings when they differ.
bool check(const ember::Module& m, const Expectation& x, const char* wat_path) {
  uint32_t index = 0;
  if (!find_export(m, x.export_name, &index)) {
    std::printf("%s:%d: no exported function '%s'\n", wat_path, x.line, x.export_name.c_str());
    return false;
  }
  std::vector<std::string> got;
  std::string error;
  if (!ir_lines(m, index, &got, &error)) {
    std::printf("%s:%d: %s: %s\n", wat_path, x.line, x.export_name.c_str(), error.c_str());
    return false;
  }
  if (got == x.lines) return true;
  std::printf("%s:%d: IR of '%s' differs\n  expected:\n", wat_path, x.line, x.export_name.c_str());
  for (const std::string& l : x.lines) std::printf("    %s\n", l.c_str());
  std::printf("  got:\n");
  for (const std::string& l : got) std::printf("    %s\n", l.c_str());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  bool print = argc == 3 && std::string(argv[1]) == "--print";
  if (argc != 3) {
    std::fprintf(stderr, "usage: ember-ir-golden FILE.wasm FILE.wat | --print FILE.wasm\n");
    return 2;
  }
  const char* wasm_path = print ? argv[2] : argv[1];
  std::string bytes, wat;
  if (!read_file(wasm_path, &bytes)) {
    std::fprintf(stderr, "cannot read %s\n", wasm_path);
    return 2;
  }
  auto module = ember::Module::load(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (!module.ok()) {
    char buf[256];
    std::fprintf(stderr, "%s: %s\n", wasm_path, ember::format_error(module.error(), buf, sizeof buf));
    return 2;
  }
  if (print) return print_all(*module);
  if (!read_file(argv[2], &wat)) {
    std::fprintf(stderr, "cannot read %s\n", argv[2]);
    return 2;
  }
  std::vector<Expectation> expectations = parse_expectations(wat);
  int failed = 0;
  for (const Expectation& x : expectations) failed += check(*module, x, argv[2]) ? 0 : 1;
  // A file that pins nothing is a broken test, not a passing one.
  if (expectations.empty()) {
    std::printf("%s: no ';; ir:' blocks\n", argv[2]);
    return 1;
  }
  std::printf("%zu passed, %d failed\n", expectations.size() - failed, failed);
  return failed ? 1 : 0;
}
