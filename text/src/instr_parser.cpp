// Ember text format: instructions, plain and folded, with labels, block types and immediates.
#include <cstring>

#include "parser.h"

namespace ember::text::detail {

namespace {

void write_fixed(Bytes& out, uint64_t bits, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) out.push_back(uint8_t(bits >> (8 * i)));
}

}  // namespace

bool Parser::is_index_token(const Token& t) {
  if (!usable(t)) return false;
  if (t.kind == TokenKind::Id) return true;
  if (t.kind != TokenKind::Number) return false;
  char c = text_of(t)[0];
  return c >= '0' && c <= '9';
}

void Parser::emit_opcode(const InstrInfo& info, Bytes& out) {
  if (info.prefix) {
    out.push_back(info.prefix);
    write_uleb(out, info.code);
  } else {
    out.push_back(uint8_t(info.code));
  }
}

bool Parser::parse_instrs(CodeContext& ctx, Bytes& out) {
  while (!failed_) {
    if (at(TokenKind::RParen) || at(TokenKind::End) || at_keyword("end") || at_keyword("else")) break;
    if (failed_ || !parse_instr(ctx, out)) return false;
  }
  return !failed_;
}

bool Parser::parse_const_expr(Bytes* out) {
  CodeContext ctx;
  if (!parse_instrs(ctx, *out)) return false;
  if (!at(TokenKind::RParen)) return unexpected();
  out->push_back(0x0B);
  return true;
}

bool Parser::parse_label(CodeContext& ctx, std::string_view* label) {
  (void)ctx;
  return parse_optional_id(label);
}

bool Parser::check_end_label(std::string_view label) {
  if (at(TokenKind::Id)) {
    if (text_of(cur()) != label) return fail(cur(), "mismatching label", text_of(cur()));
    advance();
  }
  return !failed_;
}

bool Parser::parse_label_index(CodeContext& ctx, uint32_t* out) {
  if (at(TokenKind::Id)) {
    std::string_view id = text_of(cur());
    for (std::size_t i = ctx.labels.size(); i-- > 0;) {
      if (ctx.labels[i] == id) {
        *out = uint32_t(ctx.labels.size() - 1 - i);
        advance();
        return true;
      }
    }
    return fail(cur(), "unknown label", id);
  }
  if (!at_index()) return unexpected();
  return parse_u32(out);
}

bool Parser::parse_local_index(CodeContext& ctx, uint32_t* out) {
  if (at(TokenKind::Id)) {
    auto it = ctx.locals.find(text_of(cur()));
    if (it == ctx.locals.end()) return fail(cur(), "unknown local", text_of(cur()));
    *out = it->second;
    advance();
    return true;
  }
  if (!at_index()) return unexpected();
  return parse_u32(out);
}

bool Parser::parse_block_type(Bytes& out) {
  const Token& start = cur();
  bool has_explicit = false;
  uint32_t index = 0;
  if (at_open("type")) {
    advance();
    advance();
    if (!parse_index(types_, &index) || !expect(TokenKind::RParen)) return false;
    has_explicit = true;
  }
  bool has_inline = at_open("param") || at_open("result");
  FuncType sig;
  if (!parse_func_signature(&sig, nullptr, false)) return false;
  if (has_explicit) {
    // The spec's encoding: a written type index stays an index.
    if (has_inline && index >= module_.types.size()) return fail(start, "unknown type");
    if (index < module_.types.size() && has_inline && !(sig == module_.types[index])) {
      return fail(start, "inline function type");
    }
    write_sleb(out, int64_t(index));
  } else if (sig.params.empty() && sig.results.empty()) {
    out.push_back(0x40);
  } else if (sig.params.empty() && sig.results.size() == 1) {
    out.push_back(sig.results[0]);
  } else {
    write_sleb(out, int64_t(find_or_add_type(sig)));
  }
  return true;
}

namespace {

// Counts one level of nesting for as long as it lives.
struct NestingGuard {
  explicit NestingGuard(int& n) : n_(n) { ++n_; }
  ~NestingGuard() { --n_; }
  int& n_;
};

}  // namespace

bool Parser::parse_instr(CodeContext& ctx, Bytes& out) {
  if (failed_) return false;
  if (at(TokenKind::LParen)) return parse_folded(ctx, out);
  if (!at(TokenKind::Keyword)) return unexpected();
  const InstrInfo* info = find_instruction(text_of(cur()));
  if (!info || info->imm == Imm::Else || info->imm == Imm::End) return unexpected();
  advance();
  if (info->imm != Imm::Block) return parse_plain(*info, ctx, out);

  // block / loop / if ... (else ...)? end
  NestingGuard guard(nesting_);
  if (nesting_ > kMaxNesting) return fail(cur(), "nesting too deep");
  std::string_view label;
  if (!parse_label(ctx, &label)) return false;
  emit_opcode(*info, out);
  if (!parse_block_type(out)) return false;
  ctx.labels.push_back(label);
  if (!parse_instrs(ctx, out)) return false;
  if (info->code == 0x04 && at_keyword("else")) {
    advance();
    if (!check_end_label(label)) return false;
    out.push_back(0x05);
    if (!parse_instrs(ctx, out)) return false;
  }
  if (!expect_keyword("end") || !check_end_label(label)) return false;
  out.push_back(0x0B);
  ctx.labels.pop_back();
  return true;
}

bool Parser::parse_folded(CodeContext& ctx, Bytes& out) {
  NestingGuard guard(nesting_);
  if (nesting_ > kMaxNesting) return fail(cur(), "nesting too deep");
  if (!expect(TokenKind::LParen)) return false;
  if (!at(TokenKind::Keyword)) return unexpected();
  const InstrInfo* info = find_instruction(text_of(cur()));
  if (!info || info->imm == Imm::Else || info->imm == Imm::End) return unexpected();
  advance();
  if (info->imm == Imm::Block) {
    std::string_view label;
    if (!parse_label(ctx, &label)) return false;
    Bytes block_type;
    if (!parse_block_type(block_type)) return false;
    if (info->code == 0x04) {
      // (if label bt condition* (then ...) (else ...)?): the condition comes first.
      while (!failed_ && at(TokenKind::LParen) && !at_open("then")) {
        if (!parse_folded(ctx, out)) return false;
      }
      emit_opcode(*info, out);
      out.insert(out.end(), block_type.begin(), block_type.end());
      ctx.labels.push_back(label);
      if (!expect_open("then") || !parse_instrs(ctx, out) || !expect(TokenKind::RParen)) return false;
      if (at_open("else")) {
        advance();
        advance();
        out.push_back(0x05);
        if (!parse_instrs(ctx, out) || !expect(TokenKind::RParen)) return false;
      }
    } else {
      emit_opcode(*info, out);
      out.insert(out.end(), block_type.begin(), block_type.end());
      ctx.labels.push_back(label);
      if (!parse_instrs(ctx, out)) return false;
    }
    if (!expect(TokenKind::RParen)) return false;
    out.push_back(0x0B);
    ctx.labels.pop_back();
    return true;
  }
  // (plain-instruction operand*): the operands run first.
  Bytes instr;
  if (!parse_plain(*info, ctx, instr)) return false;
  while (!failed_ && at(TokenKind::LParen)) {
    if (!parse_folded(ctx, out)) return false;
  }
  if (!expect(TokenKind::RParen)) return false;
  out.insert(out.end(), instr.begin(), instr.end());
  return true;
}

bool Parser::parse_memarg(const InstrInfo& info, Bytes& out) {
  uint64_t offset = 0;
  uint32_t align_log2 = info.align_log2;
  if (at(TokenKind::Keyword) && text_of(cur()).substr(0, 7) == "offset=") {
    if (parse_nat_literal(text_of(cur()).substr(7), 32, &offset) != LiteralStatus::Ok) {
      return fail(cur(), "i32 constant out of range", text_of(cur()));
    }
    advance();
  }
  if (at(TokenKind::Keyword) && text_of(cur()).substr(0, 6) == "align=") {
    uint64_t align = 0;
    if (parse_nat_literal(text_of(cur()).substr(6), 32, &align) != LiteralStatus::Ok) {
      return fail(cur(), "i32 constant out of range", text_of(cur()));
    }
    if (align == 0 || (align & (align - 1)) != 0) {
      return fail(cur(), "alignment must be a power of two", text_of(cur()));
    }
    align_log2 = 0;
    while ((uint64_t(1) << align_log2) < align) ++align_log2;
    advance();
  }
  if (failed_) return false;
  emit_opcode(info, out);
  write_uleb(out, align_log2);
  write_uleb(out, offset);
  return true;
}

// A lane index: a nat below 256 (one beyond the lanes is the validator's "invalid lane index").
// Another number is "unexpected token", except in a shuffle, which says "malformed lane index".
bool Parser::parse_lane_index(bool in_shuffle, Bytes& out) {
  if (!at(TokenKind::Number)) return unexpected();
  uint64_t v = 0;
  LiteralStatus s = parse_nat_literal(text_of(cur()), 32, &v);
  if (s == LiteralStatus::Malformed && !in_shuffle) return unexpected();
  if (s != LiteralStatus::Ok || v > 255) return fail(cur(), "malformed lane index", text_of(cur()));
  out.push_back(uint8_t(v));
  advance();
  return true;
}

bool Parser::parse_v128_const(Bytes& out) {
  if (!at(TokenKind::Keyword)) return unexpected();
  std::string_view shape = text_of(cur());
  unsigned lanes, bits;
  bool is_float = false;
  if (shape == "i8x16") {
    lanes = 16, bits = 8;
  } else if (shape == "i16x8") {
    lanes = 8, bits = 16;
  } else if (shape == "i32x4") {
    lanes = 4, bits = 32;
  } else if (shape == "i64x2") {
    lanes = 2, bits = 64;
  } else if (shape == "f32x4") {
    lanes = 4, bits = 32, is_float = true;
  } else if (shape == "f64x2") {
    lanes = 2, bits = 64, is_float = true;
  } else {
    return unexpected();
  }
  advance();
  // Count first: too few or too many lanes is reported before any lane's value. Reserved tokens
  // and unknown keywords count as (malformed) lanes; a known keyword is the next instruction.
  auto is_lane = [&](const Token& t) {
    return t.kind == TokenKind::Number || t.kind == TokenKind::Reserved ||
           (t.kind == TokenKind::Keyword && !is_known_keyword(text_of(t)));
  };
  unsigned given = 0;
  while (is_lane(ahead(given))) ++given;
  if (given != lanes) return fail(cur(), "wrong number of lane literals");
  for (unsigned i = 0; i < lanes; ++i) {
    uint64_t v = 0;
    LiteralStatus s = is_float ? parse_float_literal(text_of(cur()), bits == 64, &v)
                               : parse_int_literal(text_of(cur()), bits, &v);
    if (s == LiteralStatus::OutOfRange) return fail(cur(), "constant out of range", text_of(cur()));
    if (s == LiteralStatus::Malformed) return unexpected();
    write_fixed(out, v, bits / 8);
    advance();
  }
  return !failed_;
}

// One instruction whose immediates are plain (no nested instructions): dispatches on the
// immediate family, each parsed by a function of its own.
bool Parser::parse_plain(const InstrInfo& info, CodeContext& ctx, Bytes& out) {
  switch (info.imm) {
    case Imm::None: emit_opcode(info, out); return true;
    case Imm::Label:
    case Imm::Func:
    case Imm::Local:
    case Imm::Global:
    case Imm::Elem: return parse_index_imm(info, ctx, out);
    case Imm::BrTable: return parse_br_table(info, ctx, out);
    case Imm::CallIndirect: return parse_call_indirect(info, out);
    case Imm::Table:
    case Imm::TableCopy:
    case Imm::TableInit: return parse_table_imm(info, out);
    case Imm::MemoryByte:
    case Imm::MemoryCopy:
    case Imm::MemoryInit:
    case Imm::Data: return parse_bulk_memory_imm(info, out);
    case Imm::MemArg: return parse_memarg(info, out);
    case Imm::I32:
    case Imm::I64: return parse_int_const(info, out);
    case Imm::F32:
    case Imm::F64: return parse_float_const(info, out);
    case Imm::Select: return parse_select(out);
    case Imm::RefNull: return parse_ref_null(info, out);
    case Imm::V128Const:
    case Imm::Shuffle:
    case Imm::Lane:
    case Imm::MemArgLane: return parse_simd_imm(info, out);
    case Imm::Block:
    case Imm::Else:
    case Imm::End: return unexpected();
    case Imm::Unsupported: break;
  }
  return fail(cur(), "unsupported instruction", info.name);
}

// A single index immediate (label, function, local, global or element segment).
bool Parser::parse_index_imm(const InstrInfo& info, CodeContext& ctx, Bytes& out) {
  uint32_t index = 0;
  bool ok = false;
  switch (info.imm) {
    case Imm::Label: ok = parse_label_index(ctx, &index); break;
    case Imm::Func: ok = parse_index(funcs_, &index); break;
    case Imm::Local: ok = parse_local_index(ctx, &index); break;
    case Imm::Global: ok = parse_index(globals_, &index); break;
    case Imm::Elem: ok = parse_index(elems_, &index); break;
    default: return unexpected();
  }
  if (!ok) return false;
  emit_opcode(info, out);
  write_uleb(out, index);
  return true;
}

// br_table: one or more label indices, the last one the default.
bool Parser::parse_br_table(const InstrInfo& info, CodeContext& ctx, Bytes& out) {
  std::vector<uint32_t> labels;
  uint32_t index = 0;
  while (!failed_ && at_index()) {
    if (!parse_label_index(ctx, &index)) return false;
    labels.push_back(index);
  }
  if (labels.empty()) return unexpected();
  emit_opcode(info, out);
  write_uleb(out, labels.size() - 1);
  for (uint32_t l : labels) write_uleb(out, l);
  return true;
}

// call_indirect / return_call_indirect: an optional table, then a type use.
bool Parser::parse_call_indirect(const InstrInfo& info, Bytes& out) {
  uint32_t table = 0, type_index = 0;
  if (at_index() && !parse_index(tables_, &table)) return false;
  if (!parse_type_use(&type_index, nullptr, false)) return false;
  emit_opcode(info, out);
  write_uleb(out, type_index);
  write_uleb(out, table);
  return true;
}

// Table instructions: an optional table index (table.copy: two; table.init: the element
// segment, after an optional table).
bool Parser::parse_table_imm(const InstrInfo& info, Bytes& out) {
  if (info.imm == Imm::TableInit) {
    uint32_t table = 0, elem = 0;
    if (at_index() && is_index_token(ahead(1))) {
      if (!parse_index(tables_, &table)) return false;
    }
    if (!parse_index(elems_, &elem)) return false;
    emit_opcode(info, out);
    write_uleb(out, elem);
    write_uleb(out, table);
    return true;
  }
  if (info.imm == Imm::TableCopy) {
    uint32_t dst = 0, src = 0;
    if (at_index()) {
      if (!parse_index(tables_, &dst) || !parse_index(tables_, &src)) return false;
    }
    emit_opcode(info, out);
    write_uleb(out, dst);
    write_uleb(out, src);
    return !failed_;
  }
  uint32_t index = 0;
  if (at_index() && !parse_index(tables_, &index)) return false;
  emit_opcode(info, out);
  write_uleb(out, index);
  return !failed_;
}

// Memory instructions with a memory byte (memory 0) and data-segment instructions, which need the
// data count section.
bool Parser::parse_bulk_memory_imm(const InstrInfo& info, Bytes& out) {
  uint32_t index = 0;
  if (info.imm == Imm::MemoryInit || info.imm == Imm::Data) {
    if (!parse_index(datas_, &index)) return false;
    module_.uses_data_count = true;
  }
  emit_opcode(info, out);
  switch (info.imm) {
    case Imm::MemoryByte: out.push_back(0x00); break;
    case Imm::MemoryCopy:
      out.push_back(0x00);
      out.push_back(0x00);
      break;
    case Imm::MemoryInit:
      write_uleb(out, index);
      out.push_back(0x00);
      break;
    default: write_uleb(out, index); break;
  }
  return true;
}

// i32.const / i64.const: one integer literal, signed LEB128.
bool Parser::parse_int_const(const InstrInfo& info, Bytes& out) {
  if (!at(TokenKind::Number)) return unexpected();
  uint64_t v = 0;
  LiteralStatus s = parse_int_literal(text_of(cur()), info.imm == Imm::I32 ? 32 : 64, &v);
  if (s == LiteralStatus::OutOfRange) return fail(cur(), "constant out of range", text_of(cur()));
  if (s == LiteralStatus::Malformed) return unexpected();
  advance();
  emit_opcode(info, out);
  write_sleb(out, info.imm == Imm::I32 ? int64_t(int32_t(uint32_t(v))) : int64_t(v));
  return true;
}

// f32.const / f64.const: one float literal, its little-endian bits.
bool Parser::parse_float_const(const InstrInfo& info, Bytes& out) {
  if (!at(TokenKind::Number)) return unexpected();
  uint64_t v = 0;
  LiteralStatus s = parse_float_literal(text_of(cur()), info.imm == Imm::F64, &v);
  if (s == LiteralStatus::OutOfRange) return fail(cur(), "constant out of range", text_of(cur()));
  if (s == LiteralStatus::Malformed) return unexpected();
  advance();
  emit_opcode(info, out);
  write_fixed(out, v, info.imm == Imm::F64 ? 8 : 4);
  return true;
}

// select: untyped (0x1B), or typed by `(result t*)*` (0x1C and the type vector).
bool Parser::parse_select(Bytes& out) {
  std::vector<uint8_t> types;
  bool typed = false;
  while (at_open("result")) {
    typed = true;
    advance();
    advance();
    while (!failed_ && !at(TokenKind::RParen)) {
      uint8_t t;
      if (!parse_valtype(&t)) return false;
      types.push_back(t);
    }
    if (!expect(TokenKind::RParen)) return false;
  }
  if (failed_) return false;
  if (!typed) {
    out.push_back(0x1B);
    return true;
  }
  out.push_back(0x1C);
  write_uleb(out, types.size());
  out.insert(out.end(), types.begin(), types.end());
  return true;
}

// ref.null: the heap type, func or extern.
bool Parser::parse_ref_null(const InstrInfo& info, Bytes& out) {
  emit_opcode(info, out);
  if (at_keyword("func")) {
    out.push_back(kFuncRef);
  } else if (at_keyword("extern")) {
    out.push_back(kExternRef);
  } else {
    return unexpected();
  }
  advance();
  return true;
}

// SIMD immediates: a v128 constant, a shuffle's 16 lane indices, one lane index, or a memarg and
// a lane index.
bool Parser::parse_simd_imm(const InstrInfo& info, Bytes& out) {
  if (info.imm == Imm::MemArgLane) {
    if (!parse_memarg(info, out)) return false;
    return parse_lane_index(false, out);
  }
  emit_opcode(info, out);
  if (info.imm == Imm::V128Const) return parse_v128_const(out);
  if (info.imm == Imm::Lane) return parse_lane_index(false, out);
  for (int i = 0; i < 16; ++i) {
    if (!at(TokenKind::Number)) {
      if (failed_) return false;
      return fail(cur(), "invalid lane length");
    }
    if (!parse_lane_index(true, out)) return false;
  }
  if (at(TokenKind::Number)) return fail(cur(), "invalid lane length");
  return !failed_;
}

}  // namespace ember::text::detail
