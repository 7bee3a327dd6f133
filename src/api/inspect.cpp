// Ember: visit_ir (include/ember/inspect.h): a compiled function's IR as text.
#include "ember/inspect.h"

#include "compile/compiler.h"
#include "compile/ir_text.h"
#include "module/opcodes.h"

namespace ember {
namespace {

// The text name of the wasm instruction at byte `offset` of the module.
const char* wasm_op_at(const detail::ModuleData& m, uint32_t offset) {
  if (offset >= m.size) return "";
  uint8_t op = m.bytes[offset];
  const char* name = nullptr;
  if (op == uint8_t(detail::Opcode::PrefixFC)) {
    // The sub-opcode is a LEB128; every defined one fits its first byte.
    if (offset + 1 < m.size && m.bytes[offset + 1] < 0x80) name = detail::opcode_fc_name(m.bytes[offset + 1]);
  } else {
    name = detail::opcode_name(op);
  }
  return name ? name : "";
}

}  // namespace

Error visit_ir(const Module& module, uint32_t func_index, IrVisitor visit, void* user,
               IrFunctionInfo* info) noexcept {
  const detail::ModuleData* m = detail::module_data(module);
  if (!m) return Error::make(ErrorKind::BadArgument, "empty module handle");
  if (!visit) return Error::make(ErrorKind::BadArgument, "no visitor");
  if (func_index >= m->imported_funcs + m->bodies.size()) {
    Error e = Error::make(ErrorKind::BadArgument, "function index out of range");
    e.func_index = func_index;
    return e;
  }
  if (func_index < m->imported_funcs) {
    Error e = Error::make(ErrorKind::BadArgument, "an imported function has no code in this module");
    e.func_index = func_index;
    return e;
  }
  detail::CompiledFunction* f = nullptr;
  Error e = detail::compile_function(*m, func_index - m->imported_funcs, &f);
  if (e) return e;
  if (info) {
    info->param_slots = f->param_slots;
    info->local_slots = f->local_slots;
    info->frame_slots = f->frame_slots;
    info->result_slots = f->result_slots;
    info->code_words = uint32_t(f->code.size());
  }
  char text[256];
  for (uint32_t pos = 0; pos < f->code.size();) {
    uint32_t next = detail::format_ir_instruction(*f, pos, text, sizeof text);
    IrInstruction in;
    in.code_pos = pos;
    in.wasm_offset = f->wasm_offset(pos);
    in.wasm_op = wasm_op_at(*m, in.wasm_offset);
    in.text = text;
    visit(user, in);
    pos = next;
  }
  return Error{};
}

}  // namespace ember
