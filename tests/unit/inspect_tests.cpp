// visit_ir (include/ember/inspect.h): the IR text of compiled functions, the wasm instruction each
// came from, and the errors for functions that have no code. The fusions' exact IR is pinned by
// the golden tests in tests/ir/.
#include <catch2/catch.hpp>

#include <ember/ember.h>
#include <ember/inspect.h>

#include <string>
#include <vector>

#include "test_util.h"

using namespace ember;

namespace {

struct Line {
  uint32_t pos;
  uint32_t offset;
  std::string wasm_op, text;
};

std::vector<Line> ir_of(const Module& m, uint32_t func_index, IrFunctionInfo* info = nullptr) {
  std::vector<Line> lines;
  Error e = visit_ir(
      m, func_index,
      [](void* user, const IrInstruction& in) noexcept {
        static_cast<std::vector<Line>*>(user)->push_back(
            Line{in.code_pos, in.wasm_offset, in.wasm_op, in.text});
      },
      &lines, info);
  REQUIRE(e.ok());
  return lines;
}

uint32_t export_index(const Module& m, const char* name) {
  for (uint32_t i = 0; i < m.export_count(); ++i)
    if (m.export_at(i).name == name) return m.export_at(i).index;
  FAIL("no export " << name);
  return 0;
}

}  // namespace

TEST_CASE("visit_ir: br_table targets, 0xFC names and calls to imports", "[inspect]") {
  std::vector<uint8_t> bytes = load_test_wasm("inspect_ops");
  Config config;
  config.lazy_compile = true;  // visit_ir compiles what was not compiled yet
  auto module = Module::load(bytes.data(), bytes.size(), config);
  REQUIRE(module.ok());

  IrFunctionInfo info;
  std::vector<Line> sw = ir_of(*module, export_index(*module, "switch"), &info);
  REQUIRE(sw.size() >= 2);
  CHECK(sw[0].pos == 0);
  CHECK(sw[0].text.rfind("br_table s0, 2 [->", 0) == 0);
  CHECK(sw[0].text.find("; default ->") != std::string::npos);
  CHECK(sw[0].wasm_op == "br_table");
  CHECK(info.param_slots == 1);
  CHECK(info.result_slots == 1);
  CHECK(info.frame_slots >= 2);
  for (size_t i = 1; i < sw.size(); ++i) CHECK(sw[i].pos > sw[i - 1].pos);
  CHECK(sw.back().pos < info.code_words);

  std::vector<Line> bulk = ir_of(*module, export_index(*module, "bulk"));
  bool fill = false, call = false, trunc = false;
  for (const Line& l : bulk) {
    if (l.text.rfind("memory_fill memory 0, ", 0) == 0) fill = l.wasm_op == "memory.fill";
    if (l.text.rfind("call_import func 0, ", 0) == 0) call = l.wasm_op == "call";
    if (l.text.rfind("i32.trunc_sat_f32_s ", 0) == 0) trunc = l.wasm_op == "i32.trunc_sat_f32_s";
  }
  CHECK(fill);
  CHECK(call);
  CHECK(trunc);
  CHECK(bulk.back().text == "return1 s1");
}

TEST_CASE("visit_ir: imported and out-of-range functions have no IR", "[inspect]") {
  std::vector<uint8_t> bytes = load_test_wasm("inspect_ops");
  auto module = Module::load(bytes.data(), bytes.size());
  REQUIRE(module.ok());
  auto never = [](void*, const IrInstruction&) noexcept { FAIL("visited"); };
  Error imported = visit_ir(*module, 0, never, nullptr);
  CHECK(imported.kind == ErrorKind::BadArgument);
  CHECK(imported.func_index == 0);
  Error past = visit_ir(*module, module->function_count(), never, nullptr);
  CHECK(past.kind == ErrorKind::BadArgument);
  Error no_visitor = visit_ir(*module, 1, nullptr, nullptr);
  CHECK(no_visitor.kind == ErrorKind::BadArgument);
}
