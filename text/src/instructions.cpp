// Ember text format: the instruction table, expanded from the core's opcode table plus the SIMD
// rows the core does not have yet.
#include "instructions.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace ember::text::detail {

namespace {

// Immediates of the core table's "control" rows (each has its own shape) by opcode.
Imm control_imm(uint32_t code) noexcept {
  switch (code) {
    case 0x00:
    case 0x01:
    case 0x0F:
    case 0x1A:
    case 0xD1: return Imm::None;
    case 0x02:
    case 0x03:
    case 0x04: return Imm::Block;
    case 0x05: return Imm::Else;
    case 0x0B: return Imm::End;
    case 0x0C:
    case 0x0D: return Imm::Label;
    case 0x0E: return Imm::BrTable;
    case 0x10:
    case 0x12:
    case 0xD2: return Imm::Func;
    case 0x11:
    case 0x13: return Imm::CallIndirect;
    case 0x1B:
    case 0x1C: return Imm::Select;
    case 0x20:
    case 0x21:
    case 0x22: return Imm::Local;
    case 0x23:
    case 0x24: return Imm::Global;
    case 0x25:
    case 0x26: return Imm::Table;
    case 0x3F:
    case 0x40: return Imm::MemoryByte;
    case 0x41: return Imm::I32;
    case 0x42: return Imm::I64;
    case 0x43: return Imm::F32;
    case 0x44: return Imm::F64;
    case 0xD0: return Imm::RefNull;
    default: return Imm::Unsupported;
  }
}

Imm fc_imm(uint32_t code) noexcept {
  switch (code) {
    case 8: return Imm::MemoryInit;
    case 9: return Imm::Data;
    case 10: return Imm::MemoryCopy;
    case 11: return Imm::MemoryByte;
    case 12: return Imm::TableInit;
    case 13: return Imm::Elem;
    case 14: return Imm::TableCopy;
    case 15:
    case 16:
    case 17: return Imm::Table;
    default: return Imm::Unsupported;
  }
}

uint8_t log2_of(uint32_t bytes) noexcept {
  uint8_t n = 0;
  while ((1u << n) < bytes) ++n;
  return n;
}

class InstrTable {
 public:
  InstrTable() {
#define EMBER_CONTROL(Name, code, text) add(text, 0, code, control_imm(code));
#define EMBER_LOAD(Name, code, text, T, bytes) add(text, 0, code, Imm::MemArg, log2_of(bytes));
#define EMBER_STORE(Name, code, text, T, bytes) add(text, 0, code, Imm::MemArg, log2_of(bytes));
#define EMBER_UNOP(Name, code, text, In, Out) add(text, 0, code, Imm::None);
#define EMBER_BINOP(Name, code, text, In, Out) add(text, 0, code, Imm::None);
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) add(text, 0xFC, subcode, Imm::None);
#define EMBER_FC_OP(Name, subcode, text) add(text, 0xFC, subcode, fc_imm(subcode));
#include "module/opcodes.def"
#define EMBER_TEXT_SIMD(text, subcode, imm, align) add(text, 0xFD, subcode, Imm::imm, align);
#include "simd_opcodes.def"
#undef EMBER_TEXT_SIMD
  }

  const InstrInfo* find(std::string_view name) const noexcept {
    auto it = map_.find(name);
    return it == map_.end() ? nullptr : &it->second;
  }

 private:
  void add(const char* text, uint8_t prefix, uint32_t code, Imm imm, uint8_t align = 0) {
    // "select" appears twice in the core table (0x1B and the typed 0x1C); the first one wins and
    // the parser picks the encoding from the immediates.
    std::string_view name(text);
    if (map_.count(name)) return;
    InstrInfo info;
    info.name = name;
    info.prefix = prefix;
    info.code = code;
    info.imm = imm;
    info.align_log2 = align;
    map_.emplace(name, info);
  }

  std::unordered_map<std::string_view, InstrInfo> map_;
};

const InstrTable& table() {
  static const InstrTable t;
  return t;
}

const std::unordered_set<std::string_view>& syntax_keywords() {
  static const std::unordered_set<std::string_view> words = {
      // modules
      "module", "binary", "quote", "type", "func", "param", "result", "local", "global", "table", "memory",
      "elem", "data", "offset", "item", "declare", "import", "export", "start", "mut", "then",
      // types
      "i32", "i64", "f32", "f64", "v128", "funcref", "externref", "extern",
      // v128 lane shapes
      "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2",
      // scripts
      "register", "invoke", "get", "assert_return", "assert_trap", "assert_exhaustion", "assert_malformed",
      "assert_invalid", "assert_unlinkable", "assert_uninstantiable", "assert_return_canonical_nan",
      "assert_return_arithmetic_nan", "script", "input", "output", "either", "ref.extern", "ref.host",
      "nan:canonical", "nan:arithmetic"};
  return words;
}

bool is_nat_syntax(std::string_view s) noexcept {
  bool hex = s.substr(0, 2) == "0x";
  std::size_t i = hex ? 2 : 0;
  if (i >= s.size()) return false;
  bool want_digit = true;
  for (; i < s.size(); ++i) {
    char c = s[i];
    bool digit = (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    if (digit) {
      want_digit = false;
    } else if (c == '_' && !want_digit) {
      want_digit = true;
    } else {
      return false;
    }
  }
  return !want_digit;
}

}  // namespace

const InstrInfo* find_instruction(std::string_view name) noexcept { return table().find(name); }

bool is_known_keyword(std::string_view word) noexcept {
  if (table().find(word) || syntax_keywords().count(word)) return true;
  for (std::string_view prefix : {std::string_view("offset="), std::string_view("align=")}) {
    if (word.substr(0, prefix.size()) == prefix) return is_nat_syntax(word.substr(prefix.size()));
  }
  return false;
}

}  // namespace ember::text::detail
