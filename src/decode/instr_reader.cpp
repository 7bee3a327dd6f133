#include "decode/instr_reader.h"

namespace ember::detail {

bool is_value_type_byte(uint8_t b) noexcept {
  return b == 0x7F || b == 0x7E || b == 0x7D || b == 0x7C || b == 0x7B || b == 0x70 || b == 0x6F;
}

bool read_value_type(Reader& r, uint8_t* out) noexcept {
  uint32_t at = r.pos();
  if (!r.u8(out)) return false;
  if (!is_value_type_byte(*out)) {
    r.fail("malformed value type", at);
    return false;
  }
  return true;
}

bool read_ref_type(Reader& r, uint8_t* out) noexcept {
  uint32_t at = r.pos();
  if (!r.u8(out)) return false;
  if (*out != 0x70 && *out != 0x6F) {
    r.fail("malformed reference type", at);
    return false;
  }
  return true;
}

namespace {

bool read_block_type(Reader& r, BlockType* bt) noexcept {
  uint32_t at = r.pos();
  uint8_t first;
  if (!r.u8(&first)) return false;
  if (first == 0x40) {
    bt->kind = BlockType::Empty;
    return true;
  }
  if (is_value_type_byte(first)) {
    bt->kind = BlockType::Value;
    bt->value_type = first;
    return true;
  }
  r.seek(at);
  int64_t index;
  if (!r.s33(&index)) return false;
  if (index < 0) {
    r.fail("malformed value type", at);
    return false;
  }
  bt->kind = BlockType::TypeIndex;
  bt->type_index = uint32_t(index);
  if (int64_t(bt->type_index) != index) {
    r.fail("integer too large", at);
    return false;
  }
  return true;
}

bool read_memarg(Reader& r, Instr* in, bool multi_memory) noexcept {
  uint32_t align;
  if (!r.u32(&align)) return false;
  in->a = 0;
  if (multi_memory && (align & 0x40)) {
    align &= ~0x40u;
    if (!r.u32(&in->a)) return false;
  }
  in->align = align;
  uint32_t offset;
  if (!r.u32(&offset)) return false;
  in->imm = offset;
  return true;
}

// memory.size / memory.grow / memory.copy / memory.fill / memory.init take a memory index that
// must be a zero byte before multi-memory.
bool read_memory_index(Reader& r, uint32_t* out, bool multi_memory) noexcept {
  if (multi_memory) return r.u32(out);
  uint32_t at = r.pos();
  uint8_t b;
  if (!r.u8(&b)) return false;
  if (b != 0) {
    r.fail("zero byte expected", at);
    return false;
  }
  *out = 0;
  return true;
}

}  // namespace

bool read_instr(Reader& r, Instr* in, bool multi_memory) noexcept {
  in->offset = r.pos();
  uint8_t op;
  if (!r.u8(&op)) return false;
  in->op = op;
  switch (Opcode(op)) {
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If:
      return read_block_type(r, &in->block);
    case Opcode::Br:
    case Opcode::BrIf:
    case Opcode::Call:
    case Opcode::ReturnCall:
    case Opcode::LocalGet:
    case Opcode::LocalSet:
    case Opcode::LocalTee:
    case Opcode::GlobalGet:
    case Opcode::GlobalSet:
    case Opcode::TableGet:
    case Opcode::TableSet:
    case Opcode::RefFunc:
      return r.u32(&in->a);
    case Opcode::BrTable: {
      if (!r.u32(&in->count)) return false;
      in->list_pos = r.pos();
      // Skip the labels; consumers re-read them from list_pos.
      for (uint32_t i = 0; i < in->count; ++i) {
        uint32_t ignored;
        if (!r.u32(&ignored)) return false;
      }
      return r.u32(&in->a);  // default label
    }
    case Opcode::CallIndirect:
    case Opcode::ReturnCallIndirect:
      if (!r.u32(&in->a)) return false;
      return r.u32(&in->b);
    case Opcode::SelectT: {
      if (!r.u32(&in->count)) return false;
      in->list_pos = r.pos();
      for (uint32_t i = 0; i < in->count; ++i) {
        uint8_t t;
        if (!read_value_type(r, &t)) return false;
      }
      return true;
    }
    case Opcode::MemorySize:
    case Opcode::MemoryGrow:
      return read_memory_index(r, &in->a, multi_memory);
    case Opcode::I32Const: {
      int32_t v;
      if (!r.s32(&v)) return false;
      in->imm = uint32_t(v);
      return true;
    }
    case Opcode::I64Const: {
      int64_t v;
      if (!r.s64(&v)) return false;
      in->imm = uint64_t(v);
      return true;
    }
    case Opcode::F32Const: {
      uint32_t bits;
      if (!r.fixed32(&bits)) return false;
      in->imm = bits;
      return true;
    }
    case Opcode::F64Const:
      return r.fixed64(&in->imm);
    case Opcode::RefNull: {
      uint8_t t;
      if (!read_ref_type(r, &t)) return false;
      in->a = t;
      return true;
    }
    case Opcode::PrefixFC: {
      if (!r.u32(&in->sub)) return false;
      switch (OpcodeFC(in->sub)) {
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) case OpcodeFC::Name:
#include "module/opcodes.def"
        return true;
        case OpcodeFC::MemoryInit:
          if (!r.u32(&in->a)) return false;  // data index
          return read_memory_index(r, &in->b, multi_memory);
        case OpcodeFC::DataDrop:
        case OpcodeFC::ElemDrop:
          return r.u32(&in->a);
        case OpcodeFC::MemoryCopy:
          if (!read_memory_index(r, &in->a, multi_memory)) return false;  // destination
          return read_memory_index(r, &in->b, multi_memory);               // source
        case OpcodeFC::MemoryFill:
          return read_memory_index(r, &in->a, multi_memory);
        case OpcodeFC::TableInit:
          if (!r.u32(&in->a)) return false;  // elem index
          return r.u32(&in->b);              // table index
        case OpcodeFC::TableCopy:
          if (!r.u32(&in->a)) return false;  // destination table
          return r.u32(&in->b);              // source table
        case OpcodeFC::TableGrow:
        case OpcodeFC::TableSize:
        case OpcodeFC::TableFill:
          return r.u32(&in->a);
      }
      r.fail("illegal opcode", in->offset);
      return false;
    }
    default:
      break;
  }
  switch (Opcode(op)) {
#define EMBER_LOAD(Name, code, text, T, bytes) case Opcode::Name:
#define EMBER_STORE(Name, code, text, T, bytes) case Opcode::Name:
#include "module/opcodes.def"
    return read_memarg(r, in, multi_memory);
#define EMBER_UNOP(Name, code, text, In, Out) case Opcode::Name:
#define EMBER_BINOP(Name, code, text, In, Out) case Opcode::Name:
#include "module/opcodes.def"
    case Opcode::Unreachable:
    case Opcode::Nop:
    case Opcode::Else:
    case Opcode::End:
    case Opcode::Return:
    case Opcode::Drop:
    case Opcode::Select:
    case Opcode::RefIsNull:
      return true;
    default:
      r.fail("illegal opcode", in->offset);
      return false;
  }
}

}  // namespace ember::detail
