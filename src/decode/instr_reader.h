// Ember: decodes one instruction and its immediates. Shared by the validator and the compiler so both
// see exactly the same instruction stream.
#pragma once

#include <cstdint>

#include "ember/types.h"
#include "module/opcodes.h"
#include "util/reader.h"

namespace ember::detail {

// Block type: empty, one value type, or a type index.
struct BlockType {
  enum Kind : uint8_t { Empty, Value, TypeIndex } kind = Empty;
  ValType value_type;       // Kind::Value
  uint32_t type_index = 0;  // Kind::TypeIndex
};

// Storage that outlives the instruction for a block's single result type (`block (result i32)`):
// the validator's and compiler's frames point at it. nullptr for a type with no such storage, which
// no type this build decodes is. (A `(result (ref null $t))` block will need the module to keep
// the type, e.g. in its type pool, with BlockType pointing there.)
inline const ValType* single_type_storage(ValType t) noexcept {
  static constexpr ValType kTypes[] = {ValType::I32,  ValType::I64,     ValType::F32,      ValType::F64,
                                       ValType::V128, ValType::FuncRef, ValType::ExternRef};
  switch (t.code()) {
    case ValType::Code::I32: return &kTypes[0];
    case ValType::Code::I64: return &kTypes[1];
    case ValType::Code::F32: return &kTypes[2];
    case ValType::Code::F64: return &kTypes[3];
    case ValType::Code::V128: return &kTypes[4];
    case ValType::Code::Ref: break;
  }
  return t == ValType::FuncRef ? &kTypes[5] : t == ValType::ExternRef ? &kTypes[6] : nullptr;
}

struct Instr {
  uint32_t offset = 0;  // byte offset of the opcode in the module
  uint8_t op = 0;       // Opcode
  uint32_t sub = 0;     // sub-opcode after 0xFC / 0xFD
  uint32_t a = 0;  // first index immediate (label, function, type, local, global, table, data, elem, memory)
                   // ref.null: the type's ValType::bits(); select t*: the first type's bits
  uint32_t b = 0;  // second index immediate (call_indirect/table.init: table; table.copy: source)
  uint64_t imm = 0;       // constant bits (i32/f32 in the low half), or memarg offset
  uint32_t align = 0;     // memarg alignment exponent
  uint32_t count = 0;     // br_table: number of labels before the default; select t*: number of types
  uint32_t list_pos = 0;  // br_table / select t*: offset of the first list entry (re-read with a Reader)
  BlockType block;
};

// Reads one instruction at r.pos(). On malformed input returns false with the error recorded in `r`
// ("illegal opcode", "zero byte expected", "unexpected end", "integer too large", ...).
// `multi_memory` allows memory indices in memargs and memory.size/grow.
// Defined inline below: the validator and the compiler each call it once per instruction, and
// inlining it there is worth about a quarter of load time.
inline bool read_instr(Reader& r, Instr* out, bool multi_memory = false) noexcept;

// This build has no SIMD. A module that uses it is refused as it is read, with this message and
// ErrorKind::Unsupported (Reader::fail_unsupported) at the byte that uses it: the v128 value type,
// wherever a value type is read (function types, globals and global imports, locals, typed select,
// block types), and every 0xFD-prefixed instruction. Nothing past the decoder ever sees v128, so
// no 8-byte slot can stand in for a 16-byte value. (Reference types cannot be v128: table, element
// and ref.null types stay "malformed reference type".)
inline constexpr char kSimdUnsupported[] = "SIMD is not supported by this build";
// Builds without floats (EMBER_FLOATS 0, ember/build_config.h) refuse f32/f64 the same way: the
// value types wherever they are read, and every instruction that takes or makes a float.
inline constexpr char kFloatUnsupported[] = "floating point is not supported by this build";

namespace instr_reader_impl {
struct FloatOpcodes {
  bool op[256] = {};
  bool fc[32] = {};
};
constexpr FloatOpcodes make_float_opcodes() noexcept {
  FloatOpcodes t;
  t.op[0x43] = t.op[0x44] = true;  // f32.const, f64.const
#define EMBER_LOAD(Name, code, text, T, bytes) t.op[code] = EMBER_IS_FLOAT_##T;
#define EMBER_STORE(Name, code, text, T, bytes) t.op[code] = EMBER_IS_FLOAT_##T;
#define EMBER_UNOP(Name, code, text, In, Out) t.op[code] = EMBER_IS_FLOAT_##In || EMBER_IS_FLOAT_##Out;
#define EMBER_BINOP(Name, code, text, In, Out) t.op[code] = EMBER_IS_FLOAT_##In || EMBER_IS_FLOAT_##Out;
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) \
  t.fc[subcode] = EMBER_IS_FLOAT_##In || EMBER_IS_FLOAT_##Out;
#include "module/opcodes.def"
  return t;
}
inline constexpr FloatOpcodes kFloatOpcodes = make_float_opcodes();
}  // namespace instr_reader_impl

// Reads a value type; false (with "malformed value type" recorded) if it is not one, or (with
// kSimdUnsupported) if it is v128.
inline bool read_value_type(Reader& r, ValType* out) noexcept;
// Reads a reference type (funcref / externref); false with "malformed reference type" otherwise.
inline bool read_ref_type(Reader& r, ValType* out) noexcept;
// The value type a one-byte encoding stands for; false if `b` encodes none.
inline bool value_type_of_byte(uint8_t b, ValType* out) noexcept;

// ---- definitions ----

// The reference types of WebAssembly 2.0, each one byte: the shorthand of (ref null ht).
inline bool ref_type_of_byte(uint8_t b, ValType* out) noexcept {
  // Typed references go here: 0x63 / 0x64 (ref null? heaptype) followed by an s33 heap type
  // (a negative one-byte abstract type, or a type index for ValType::ref_to_type, checked against
  // ValType::kMaxTypeIndex), and the other shorthands (0x6E anyref ... 0x74 nullexnref) as
  // ValType::ref(HeapType(b), true). They need a Reader rather than one byte; until then 0x63 and
  // 0x64 are refused with the texts of any unknown byte.
  if (b != uint8_t(HeapType::Func) && b != uint8_t(HeapType::Extern)) return false;
  *out = ValType::ref(HeapType(b), true);
  return true;
}

inline bool value_type_of_byte(uint8_t b, ValType* out) noexcept {
  switch (b) {
    case 0x7F: *out = ValType::I32; return true;
    case 0x7E: *out = ValType::I64; return true;
    case 0x7D: *out = ValType::F32; return true;
    case 0x7C: *out = ValType::F64; return true;
    case 0x7B: *out = ValType::V128; return true;
    default: return ref_type_of_byte(b, out);
  }
}

// The one check for v128, for every value type the binary reader decodes (read_value_type, block
// types): true if `t`, read at `at`, is a type this build supports.
inline bool supported_value_type(Reader& r, ValType t, uint32_t at) noexcept {
  if (!EMBER_FLOATS && (t == ValType::F32 || t == ValType::F64)) {
    r.fail_unsupported(kFloatUnsupported, at);
    return false;
  }
  if (t != ValType::V128) return true;
  r.fail_unsupported(kSimdUnsupported, at);
  return false;
}

inline bool read_value_type(Reader& r, ValType* out) noexcept {
  uint32_t at = r.pos();
  uint8_t b;
  if (!r.u8(&b)) return false;
  if (!value_type_of_byte(b, out)) {
    r.fail("malformed value type", at);
    return false;
  }
  return supported_value_type(r, *out, at);
}

inline bool read_ref_type(Reader& r, ValType* out) noexcept {
  uint32_t at = r.pos();
  uint8_t b;
  if (!r.u8(&b)) return false;
  if (!ref_type_of_byte(b, out)) {
    r.fail("malformed reference type", at);
    return false;
  }
  return true;
}

namespace instr_reader_impl {

inline bool read_block_type(Reader& r, BlockType* bt) noexcept {
  uint32_t at = r.pos();
  uint8_t first;
  if (!r.u8(&first)) return false;
  if (first == 0x40) {
    bt->kind = BlockType::Empty;
    return true;
  }
  if (value_type_of_byte(first, &bt->value_type)) {
    bt->kind = BlockType::Value;
    return supported_value_type(r, bt->value_type, at);
  }
  // (0x63 / 0x64 typed references will be read here too, before the s33 type index.)
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

inline bool read_memarg(Reader& r, Instr* in, bool multi_memory) noexcept {
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
inline bool read_memory_index(Reader& r, uint32_t* out, bool multi_memory) noexcept {
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

}  // namespace instr_reader_impl

#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
inline bool
read_instr(Reader& r, Instr* in, bool multi_memory) noexcept {
  using namespace instr_reader_impl;
  in->offset = r.pos();
  uint8_t op;
  if (!r.u8(&op)) return false;
  in->op = op;
  if (!EMBER_FLOATS && kFloatOpcodes.op[op]) {
    r.fail_unsupported(kFloatUnsupported, in->offset);
    return false;
  }
  switch (Opcode(op)) {
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If: return read_block_type(r, &in->block);
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
    case Opcode::RefFunc: return r.u32(&in->a);
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
      in->a = 0;
      for (uint32_t i = 0; i < in->count; ++i) {
        ValType t;
        if (!read_value_type(r, &t)) return false;
        if (i == 0) in->a = t.bits();
      }
      return true;
    }
    case Opcode::MemorySize:
    case Opcode::MemoryGrow: return read_memory_index(r, &in->a, multi_memory);
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
    case Opcode::F64Const: return r.fixed64(&in->imm);
    case Opcode::RefNull: {
      // 2.0 takes a reference type here; with typed references the immediate is a heap type.
      ValType t;
      if (!read_ref_type(r, &t)) return false;
      in->a = t.bits();
      return true;
    }
    case Opcode::PrefixFC: {
      if (!r.u32(&in->sub)) return false;
      switch (OpcodeFC(in->sub)) {
#define EMBER_FC_UNOP(Name, subcode, text, In, Out) case OpcodeFC::Name:
#include "module/opcodes.def"
        if (!EMBER_FLOATS && in->sub < 32 && kFloatOpcodes.fc[in->sub]) {
          r.fail_unsupported(kFloatUnsupported, in->offset);
          return false;
        }
        return true;
        case OpcodeFC::MemoryInit:
          if (!r.u32(&in->a)) return false;  // data index
          return read_memory_index(r, &in->b, multi_memory);
        case OpcodeFC::DataDrop:
        case OpcodeFC::ElemDrop: return r.u32(&in->a);
        case OpcodeFC::MemoryCopy:
          if (!read_memory_index(r, &in->a, multi_memory)) return false;  // destination
          return read_memory_index(r, &in->b, multi_memory);              // source
        case OpcodeFC::MemoryFill: return read_memory_index(r, &in->a, multi_memory);
        case OpcodeFC::TableInit:
          if (!r.u32(&in->a)) return false;  // elem index
          return r.u32(&in->b);              // table index
        case OpcodeFC::TableCopy:
          if (!r.u32(&in->a)) return false;  // destination table
          return r.u32(&in->b);              // source table
        case OpcodeFC::TableGrow:
        case OpcodeFC::TableSize:
        case OpcodeFC::TableFill: return r.u32(&in->a);
      }
      r.fail("illegal opcode", in->offset);
      return false;
    }
    case Opcode::PrefixFD:
      // Any SIMD instruction, known or not: what follows the prefix is not even read.
      r.fail_unsupported(kSimdUnsupported, in->offset);
      return false;
    default: break;
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
    case Opcode::RefIsNull: return true;
    default: r.fail("illegal opcode", in->offset); return false;
  }
}

// read_instr as a firmware build (EMBER_SMALL_DEFAULTS) wants it: one out-of-line copy
// (src/decode/body_scan.cpp) shared by the compiler, the constant-expression readers, the error
// paths that re-read bodies and the validator, instead of one inlined copy each (about 1 KB of flash
// each on the Cortex-M3). A desktop build inlines it as before: there it is worth a quarter of load time.
#if EMBER_SMALL_DEFAULTS
bool read_instr_shared(Reader& r, Instr* in) noexcept;
#else
inline bool read_instr_shared(Reader& r, Instr* in) noexcept { return read_instr(r, in); }
#endif

}  // namespace ember::detail
