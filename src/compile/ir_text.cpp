// Ember: the text form of the threaded code (see ir_text.h).
//
// Operand kinds, one letter per code word:
//   s frame slot ("s3")            i signed 32-bit immediate ("#-1")   o memory offset ("+16")
//   t branch offset, printed as the absolute code position it reaches ("->12")
//   x 32-bit constant bits ("0x3f800000")   X 64-bit constant, two words low first
//   f function   g global   T table   y type   m memory   e element segment   d data segment
//   n count (br_table: n+1 targets follow)
#include "compile/ir_text.h"

#include <cstdio>

namespace ember::detail {
namespace {

// Kinds of the special instructions, checked against EMBER_IR_SPECIAL's word counts below.
constexpr const char* special_kinds(Op op) {
  switch (op) {
    case Op::Unreachable:
    case Op::Nop:
    case Op::Return:
    case Op::ChargeFuel:
    case Op::ExitRun: return "";
    case Op::Copy: return "ss";
    case Op::Const32: return "sx";
    case Op::Const64: return "sX";
    case Op::Br: return "t";
    case Op::BrIfNez:
    case Op::BrIfEqz: return "st";
    case Op::BrTable: return "sn";
    case Op::Return1: return "s";
    case Op::Call:
    case Op::CallImport:
    case Op::ReturnCall: return "fs";
    case Op::CallIndirect:
    case Op::ReturnCallIndirect: return "yTss";
    case Op::Select: return "ssss";
    case Op::GlobalGet: return "sg";
    case Op::GlobalSet: return "sg";
    case Op::TableGet: return "sTs";
    case Op::TableSet: return "Tss";
    case Op::TableSize: return "sT";
    case Op::TableGrow: return "sTss";
    case Op::TableFill: return "Tsss";
    case Op::TableCopy: return "TTsss";
    case Op::TableInit: return "Tesss";
    case Op::ElemDrop: return "e";
    case Op::MemorySize: return "sm";
    case Op::MemoryGrow: return "sms";
    case Op::MemoryFill: return "msss";
    case Op::MemoryCopy: return "mmsss";
    case Op::MemoryInit: return "mdsss";
    case Op::DataDrop: return "d";
    case Op::RefNull: return "s";
    case Op::RefIsNull: return "ss";
    case Op::RefFunc: return "sf";
    case Op::Copy2: return "ssss";
    case Op::BrIfAndZero:
    case Op::BrIfAndNonZero: return "sst";
    case Op::BrIfAndImmZero:
    case Op::BrIfAndImmNonZero: return "sit";
    default: return nullptr;
  }
}

constexpr uint32_t words_of(const char* kinds) {
  uint32_t n = 0;
  for (; *kinds; ++kinds) n += *kinds == 'X' ? 2 : 1;
  return n;
}

constexpr bool special_kinds_match_ir() {
#define EMBER_IR_CHECK(Name, n) \
  if (!special_kinds(Op::Name) || words_of(special_kinds(Op::Name)) != n) return false;
  EMBER_IR_SPECIAL(EMBER_IR_CHECK)
#undef EMBER_IR_CHECK
  return true;
}
static_assert(special_kinds_match_ir(), "ir_text.cpp's operand kinds disagree with EMBER_IR_SPECIAL");

// Wasm text of the IR ops taken from the opcode table, or nullptr.
const char* table_text(Op op) {
  switch (op) {
#define EMBER_LOAD(Name, code, text, T, bytes) \
  case Op::Name:                               \
    return text;
#define EMBER_STORE(Name, code, text, T, bytes) EMBER_LOAD(Name, code, text, T, bytes)
#define EMBER_UNOP(Name, code, text, In, Out) EMBER_LOAD(Name, code, text, In, 0)
#define EMBER_BINOP(Name, code, text, In, Out) EMBER_LOAD(Name, code, text, In, 0)
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) EMBER_LOAD(Name, subcode, text, In, 0)
#include "module/opcodes.def"
    default: return nullptr;
  }
}

// Operand kinds of the ops taken from the opcode table.
const char* table_kinds(Op op) {
  switch (op) {
#define EMBER_LOAD(Name, code, text, T, bytes) \
  case Op::Name:                               \
    return "sso"; /* dst addr offset */
#define EMBER_STORE(Name, code, text, T, bytes) \
  case Op::Name:                                \
    return "sso"; /* addr value offset */
#define EMBER_UNOP(Name, code, text, In, Out) \
  case Op::Name:                              \
    return "ss";
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) EMBER_UNOP(Name, subcode, text, In, Out)
#define EMBER_BINOP(Name, code, text, In, Out) \
  case Op::Name: return "sss";
// (This line keeps clang-format 14 from pulling the #include below into the macro above.)
#include "module/opcodes.def"
    default: return nullptr;
  }
}

void join(const char* prefix, const char* middle, const char* suffix, char* out, std::size_t size) {
  std::snprintf(out, size, "%s%s%s", prefix, middle ? middle : "?", suffix);
}

// "BrIfAndImmZero" -> "br_if_and_imm_zero".
void snake_case(const char* name, char* out, std::size_t size) {
  std::size_t n = 0;
  for (const char* c = name; *c && n + 2 < size; ++c) {
    bool upper = *c >= 'A' && *c <= 'Z';
    if (upper && c != name) out[n++] = '_';
    out[n++] = upper ? char(*c - 'A' + 'a') : *c;
  }
  if (size) out[n < size ? n : size - 1] = 0;
}

class Line {
 public:
  Line(char* out, std::size_t size) : out_(out), size_(size) {
    if (size_) out_[0] = 0;
  }
  template <typename... Args>
  void add(const char* format, Args... args) {
    if (n_ >= size_) return;
    int k = std::snprintf(out_ + n_, size_ - n_, format, args...);
    if (k > 0) n_ += std::size_t(k) < size_ - n_ ? std::size_t(k) : size_ - n_ - 1;
  }
  // Plain text (no format: a literal '%' stays itself).
  void add(const char* text) { add("%s", text); }

 private:
  char* out_;
  std::size_t size_;
  std::size_t n_ = 0;
};

// Appends one operand of kind `kind` read at code[*at] (advancing *at), instruction at `instr`.
void add_operand(Line& line, char kind, const Vec<uint32_t>& code, uint32_t instr, uint32_t* at) {
  uint32_t w = code[*at];
  ++*at;
  switch (kind) {
    case 's': return line.add("s%u", w);
    case 'i': return line.add("#%d", int32_t(w));
    case 'o': return line.add("+%u", w);
    case 't': return line.add("->%d", int32_t(instr) + int32_t(w));
    case 'x': return line.add("0x%08x", w);
    case 'X': {
      uint32_t hi = *at < code.size() ? code[*at] : 0;
      ++*at;
      return line.add("0x%08x%08x", hi, w);
    }
    case 'f': return line.add("func %u", w);
    case 'g': return line.add("global %u", w);
    case 'T': return line.add("table %u", w);
    case 'y': return line.add("type %u", w);
    case 'm': return line.add("memory %u", w);
    case 'e': return line.add("elem %u", w);
    case 'd': return line.add("data %u", w);
    case 'n': return line.add("%u", w);
    default: return line.add("?%u", w);
  }
}

}  // namespace

void ir_op_name(Op op, char* out, std::size_t size) noexcept {
  switch (op) {
#define EMBER_IR_NAME(Name, n) \
  case Op::Name: return snake_case(#Name, out, size);
    EMBER_IR_SPECIAL(EMBER_IR_NAME)
#undef EMBER_IR_NAME
#define EMBER_IR_NAME_IMM(Name, In, Out) \
  case Op::Name##Imm: return join("", table_text(Op::Name), "_imm", out, size);
    EMBER_IR_BINOP_IMM(EMBER_IR_NAME_IMM)
#undef EMBER_IR_NAME_IMM
#define EMBER_IR_NAME_BR(Name, In)                                                               \
  case Op::BrIf##Name: return join("br_if.", table_text(Op::Name), "", out, size);               \
  case Op::BrIf##Name##Imm: return join("br_if.", table_text(Op::Name), "_imm", out, size);      \
  case Op::AddImmBrIf##Name: return join("add_imm.br_if.", table_text(Op::Name), "", out, size); \
  case Op::AddImmBrIf##Name##Imm: return join("add_imm.br_if.", table_text(Op::Name), "_imm", out, size);
    EMBER_IR_CMP_BRANCH(EMBER_IR_NAME_BR)
#undef EMBER_IR_NAME_BR
#define EMBER_IR_NAME_LOAD_ADD(Name, bytes)                                     \
  case Op::Name##Add: return join("", table_text(Op::Name), ".add", out, size); \
  case Op::Name##AddImm: return join("", table_text(Op::Name), ".add_imm", out, size);
    EMBER_IR_LOAD_ADD(EMBER_IR_NAME_LOAD_ADD)
#undef EMBER_IR_NAME_LOAD_ADD
    case Op::F32MulAdd: return join("f32", ".mul_add", "", out, size);
    case Op::F32MulSub: return join("f32", ".mul_sub", "", out, size);
    case Op::F32MulRsub: return join("f32", ".mul_rsub", "", out, size);
    case Op::F64MulAdd: return join("f64", ".mul_add", "", out, size);
    case Op::F64MulSub: return join("f64", ".mul_sub", "", out, size);
    case Op::F64MulRsub: return join("f64", ".mul_rsub", "", out, size);
    default: return join("", table_text(op), "", out, size);
  }
}

const char* ir_operand_kinds(Op op) noexcept {
  if (op == Op::BrTable) return nullptr;
  if (const char* k = special_kinds(op)) return k;
  if (const char* k = table_kinds(op)) return k;
  switch (op) {
#define EMBER_IR_KINDS_IMM(Name, In, Out) case Op::Name##Imm:
    EMBER_IR_BINOP_IMM(EMBER_IR_KINDS_IMM)
#undef EMBER_IR_KINDS_IMM
    return "ssi";  // dst a imm
#define EMBER_IR_KINDS_BR(Name, In) case Op::BrIf##Name:
    EMBER_IR_CMP_BRANCH(EMBER_IR_KINDS_BR)
#undef EMBER_IR_KINDS_BR
    return "sst";  // a b offset
#define EMBER_IR_KINDS_BR_IMM(Name, In) case Op::BrIf##Name##Imm:
    EMBER_IR_CMP_BRANCH(EMBER_IR_KINDS_BR_IMM)
#undef EMBER_IR_KINDS_BR_IMM
    return "sit";  // a imm offset
#define EMBER_IR_KINDS_INC(Name, In) case Op::AddImmBrIf##Name:
    EMBER_IR_CMP_BRANCH(EMBER_IR_KINDS_INC)
#undef EMBER_IR_KINDS_INC
    return "ssist";  // dst src inc b offset
#define EMBER_IR_KINDS_INC_IMM(Name, In) case Op::AddImmBrIf##Name##Imm:
    EMBER_IR_CMP_BRANCH(EMBER_IR_KINDS_INC_IMM)
#undef EMBER_IR_KINDS_INC_IMM
    return "ssiit";  // dst src inc imm offset
#define EMBER_IR_KINDS_LOAD_ADD(Name, bytes) case Op::Name##Add:
    EMBER_IR_LOAD_ADD(EMBER_IR_KINDS_LOAD_ADD)
#undef EMBER_IR_KINDS_LOAD_ADD
    return "ssso";  // dst a b offset
#define EMBER_IR_KINDS_LOAD_ADD_IMM(Name, bytes) case Op::Name##AddImm:
    EMBER_IR_LOAD_ADD(EMBER_IR_KINDS_LOAD_ADD_IMM)
#undef EMBER_IR_KINDS_LOAD_ADD_IMM
    return "ssio";  // dst a imm offset
    case Op::F32MulAdd:
    case Op::F32MulSub:
    case Op::F32MulRsub:
    case Op::F64MulAdd:
    case Op::F64MulSub:
    case Op::F64MulRsub: return "ssss";  // dst a b c
    default: return "";
  }
}

uint32_t format_ir_instruction(const CompiledFunction& f, uint32_t pos, char* out,
                               std::size_t size) noexcept {
  const Vec<uint32_t>& code = f.code;
  const uint32_t end = uint32_t(code.size());
  Line line(out, size);
  if (pos >= end) return end;
  Op op = Op(code[pos]);
  if (uint32_t(op) >= uint32_t(Op::Count)) {
    line.add("<bad opcode %u>", code[pos]);
    return end;
  }
  char name[48];
  ir_op_name(op, name, sizeof name);
  line.add("%s", name);
  const char* kinds = op == Op::BrTable ? special_kinds(op) : ir_operand_kinds(op);
  uint32_t at = pos + 1;
  if (at + words_of(kinds) > end) {
    line.add(" <truncated>");
    return end;
  }
  for (const char* k = kinds; *k; ++k) {
    line.add(k == kinds ? " " : ", ");
    add_operand(line, *k, code, pos, &at);
  }
  if (op == Op::BrTable) {
    uint32_t count = code[pos + 2];
    if (count > end - at || end - at - count < 1) {
      line.add(" <truncated>");
      return end;
    }
    line.add(" [");
    for (uint32_t i = 0; i <= count; ++i) {
      if (i) line.add(i == count ? "; default " : ", ");
      add_operand(line, 't', code, pos, &at);
    }
    line.add("]");
  }
  return at;
}

}  // namespace ember::detail
