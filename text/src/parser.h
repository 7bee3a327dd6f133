// Ember text format: the module parser. It reads tokens in three passes over the module's fields:
// explicit types first (type uses anywhere may name them), then every field's identifiers and
// index (so code may refer to functions, tables, ... defined later), then each field in full,
// appending implicit types in text order as the spec and wabt do.
//
// Errors: the first one wins (later failures caused by it are not reported); every function returns
// false once an error is recorded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "annotations.h"
#include "ember/text.h"
#include "ember/text_lexer.h"
#include "instructions.h"
#include "module_ir.h"

namespace ember::text::detail {

// One index space with its identifiers.
struct Space {
  Space(const char* duplicate, const char* unknown)
      : duplicate_message(duplicate), unknown_message(unknown) {}
  const char* duplicate_message;  // "duplicate func", ...
  const char* unknown_message;    // "unknown function", ...
  std::unordered_map<std::string_view, uint32_t> ids;
  uint32_t count = 0;
};

// What a function body (or a constant expression) can refer to beyond the module's spaces.
struct CodeContext {
  bool in_function = false;
  std::unordered_map<std::string_view, uint32_t> locals;
  uint32_t local_count = 0;
  std::vector<std::string_view> labels;  // innermost last; empty for an unnamed label
};

class Parser {
 public:
  Parser(const char* text, std::size_t len, const WatOptions& options);

  // Parses the whole text (a module, a binary or quoted module, or bare fields) into `out`.
  bool parse(Bytes* out);
  const TextError& error() const noexcept { return error_; }

 private:
  // --- tokens (parser.cpp) ---
  const Token& cur() const noexcept { return tokens_[pos_]; }
  const Token& ahead(std::size_t n) const noexcept;
  std::string_view text_of(const Token& t) const noexcept { return token_text(text_, t); }
  bool usable(const Token& t);  // false (with the error recorded) for reserved / unknown tokens
  bool at(TokenKind kind);
  bool at_keyword(std::string_view word);
  bool at_open(std::string_view word);                       // `(` followed by the keyword
  bool at_index();                                           // a nat or an identifier
  bool at_open_after(std::size_t n, std::string_view word);  // `(` word, n tokens ahead
  bool is_index_token(const Token& t);
  void advance() noexcept {
    if (cur().kind != TokenKind::End) ++pos_;
  }
  bool expect(TokenKind kind);
  bool expect_keyword(std::string_view word);
  bool expect_open(std::string_view word);
  bool fail(const Token& at, const char* message, std::string_view detail = {});
  bool unexpected();  // at the current token: "unexpected token" or the token's own error
  bool failed() const noexcept { return failed_; }

  // --- values (parser.cpp) ---
  bool parse_u32(uint32_t* out);
  bool parse_string(std::string* out);
  bool parse_name(std::string* out);  // a string that must be UTF-8
  bool parse_valtype(uint8_t* out);
  bool parse_reftype(uint8_t* out);
  bool at_valtype();
  bool at_reftype();
  bool parse_limits(Limits* out);
  bool parse_index(Space& space, uint32_t* out);
  bool parse_optional_id(std::string_view* id);
  bool declare(Space& space, std::string_view id, uint32_t index, const Token& at);

  // --- module fields (module_parser.cpp) ---
  bool parse_module_body(std::size_t end);
  bool declare_field(std::size_t field);
  bool define_field(std::size_t field);
  bool parse_type_field();
  bool parse_func_signature(FuncType* sig, std::vector<std::string_view>* param_ids, bool allow_ids);
  // A type use: `(type x)?` then params and results. Resolves (or appends) the type index.
  // `param_ids` (may be null) receives the parameters' identifiers (empty when unnamed).
  bool parse_type_use(uint32_t* type_index, std::vector<std::string_view>* param_ids, bool allow_ids,
                      FuncType* sig = nullptr);
  uint32_t find_or_add_type(const FuncType& sig);
  bool parse_inline_exports(ExternKind kind, uint32_t index);
  bool parse_inline_import(Import* import, bool* present);
  bool check_import_order(const Token& at);
  bool parse_import_field();
  bool parse_func_field();
  bool parse_table_field();
  bool parse_memory_field();
  bool parse_global_field();
  bool parse_global_type(uint8_t* valtype, bool* is_mutable);
  bool parse_export_field();
  bool parse_start_field();
  bool parse_elem_field();
  bool parse_elem_list(ElemSegment* seg, bool allow_bare_indices);
  bool parse_data_field();
  bool parse_offset(Bytes* out);
  bool add_elem_func(ElemSegment* seg, uint32_t func);
  // Custom annotations written as module fields (at a field's start or before the module's `)`).
  bool parse_custom_annotations(const std::vector<std::size_t>& fields, std::size_t end);
  bool parse_custom_annotation(const CustomAnnotation& annotation);
  bool parse_custom_place(CustomPlace* place);

  // --- instructions (instr_parser.cpp) ---
  bool parse_instrs(CodeContext& ctx, Bytes& out);
  bool parse_instr(CodeContext& ctx, Bytes& out);
  bool parse_folded(CodeContext& ctx, Bytes& out);
  bool parse_plain(const InstrInfo& info, CodeContext& ctx, Bytes& out);
  bool parse_index_imm(const InstrInfo& info, CodeContext& ctx, Bytes& out);
  bool parse_br_table(const InstrInfo& info, CodeContext& ctx, Bytes& out);
  bool parse_call_indirect(const InstrInfo& info, Bytes& out);
  bool parse_table_imm(const InstrInfo& info, Bytes& out);
  bool parse_bulk_memory_imm(const InstrInfo& info, Bytes& out);
  bool parse_int_const(const InstrInfo& info, Bytes& out);
  bool parse_float_const(const InstrInfo& info, Bytes& out);
  bool parse_select(Bytes& out);
  bool parse_ref_null(const InstrInfo& info, Bytes& out);
  bool parse_simd_imm(const InstrInfo& info, Bytes& out);
  bool parse_block_type(Bytes& out);
  bool parse_label(CodeContext& ctx, std::string_view* label);
  bool check_end_label(std::string_view label);
  bool parse_label_index(CodeContext& ctx, uint32_t* out);
  bool parse_local_index(CodeContext& ctx, uint32_t* out);
  bool parse_memarg(const InstrInfo& info, Bytes& out);
  bool parse_v128_const(Bytes& out);
  bool parse_lane_index(bool in_shuffle, Bytes& out);
  bool parse_const_expr(Bytes* out);  // instructions up to `)`, then `end`
  void emit_opcode(const InstrInfo& info, Bytes& out);

  const char* text_;
  std::size_t len_;
  WatOptions options_;
  std::vector<CustomAnnotation> customs_;  // filled by the lexer, before tokens_ is
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  TextError error_;

  ModuleIR module_;
  Space types_{"duplicate type", "unknown type"};
  Space funcs_{"duplicate func", "unknown function"};
  Space tables_{"duplicate table", "unknown table"};
  Space memories_{"duplicate memory", "unknown memory"};
  Space globals_{"duplicate global", "unknown global"};
  Space elems_{"duplicate elem", "unknown elem segment"};
  Space datas_{"duplicate data", "unknown data segment"};
  std::size_t explicit_types_ = 0;  // types defined by type fields (implicit ones follow)

  // Pass 2 state: which definitions have been seen, for "import after ..." errors.
  const char* first_definition_ = nullptr;
  // Pass 3 counters: index of the next function / table / ... in text order.
  uint32_t next_func_ = 0, next_table_ = 0, next_memory_ = 0, next_global_ = 0;
  bool seen_start_ = false;
  // Nesting of blocks and folded instructions: bounded so hostile text cannot exhaust the native
  // stack through the parser's recursion.
  static constexpr int kMaxNesting = 4096;
  int nesting_ = 0;
};

}  // namespace ember::text::detail
