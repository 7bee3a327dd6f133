// Ember: opcode names, from the text column of the opcode table (opcodes.def).
#include "module/opcodes.h"

namespace ember::detail {

const char* opcode_name(uint8_t op) noexcept {
  switch (op) {
#define EMBER_CONTROL(Name, code, text) \
  case code:                            \
    return text;
#define EMBER_LOAD(Name, code, text, T, bytes) EMBER_CONTROL(Name, code, text)
#define EMBER_STORE(Name, code, text, T, bytes) EMBER_CONTROL(Name, code, text)
#define EMBER_UNOP(Name, code, text, In, Out) EMBER_CONTROL(Name, code, text)
#define EMBER_BINOP(Name, code, text, In, Out) EMBER_CONTROL(Name, code, text)
#include "module/opcodes.def"
    default: return nullptr;
  }
}

const char* opcode_fc_name(uint32_t subop) noexcept {
  switch (subop) {
#define EMBER_FC_OP(Name, subcode, text) \
  case subcode:                          \
    return text;
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) EMBER_FC_OP(Name, subcode, text)
#include "module/opcodes.def"
    default: return nullptr;
  }
}

}  // namespace ember::detail
