// Ember text format: module fields (types, imports, functions, tables, memories, globals,
// exports, start, element and data segments) with their abbreviations.
#include <algorithm>
#include <iterator>

#include "parser.h"

namespace ember::text::detail {

namespace {

bool is_field_keyword(std::string_view w) {
  return w == "type" || w == "import" || w == "func" || w == "table" || w == "memory" || w == "global" ||
         w == "export" || w == "start" || w == "elem" || w == "data";
}

// The function index of an item expression that is exactly `ref.func x`, or -1.
int64_t lone_ref_func(const Bytes& expr) {
  if (expr.size() < 3 || expr[0] != 0xD2 || expr.back() != 0x0B) return -1;
  uint64_t v = 0;
  unsigned shift = 0;
  std::size_t i = 1;
  for (; i < expr.size() - 1; ++i) {
    v |= uint64_t(expr[i] & 0x7F) << shift;
    shift += 7;
    if (!(expr[i] & 0x80)) break;
  }
  return i == expr.size() - 2 ? int64_t(v) : -1;
}

std::string without_dollar(std::string_view id) { return std::string(id.substr(1)); }

}  // namespace

bool Parser::parse_module_body(std::size_t end) {
  // Fields up to the first token that cannot start one; that token is reported only after the
  // fields before it parsed, so errors come in text order.
  std::vector<std::size_t> fields;
  std::size_t stray = end;
  while (pos_ < end) {
    const Token& word = ahead(1);
    if (cur().kind != TokenKind::LParen || word.kind != TokenKind::Keyword ||
        !is_field_keyword(text_of(word))) {
      stray = cur().kind == TokenKind::LParen ? pos_ + 1 : pos_;
      break;
    }
    fields.push_back(pos_);
    if (cur().match == Token::kNoMatch) break;  // unbalanced: the field's parse reports it
    pos_ = cur().match + 1;
  }
  // Pass 1: explicit types.
  for (std::size_t f : fields) {
    pos_ = f;
    if (text_of(ahead(1)) == "type" && !parse_type_field()) return false;
  }
  explicit_types_ = module_.types.size();
  // Pass 2: identifiers and indices.
  for (std::size_t f : fields) {
    pos_ = f;
    if (!declare_field(f)) return false;
  }
  // Pass 3: everything.
  for (std::size_t f : fields) {
    pos_ = f;
    if (!define_field(f)) return false;
  }
  if (!parse_custom_annotations(fields, stray)) return false;
  pos_ = stray;
  if (stray != end) return unexpected();
  return !failed_;
}

bool Parser::parse_custom_annotations(const std::vector<std::size_t>& fields, std::size_t end) {
  for (const CustomAnnotation& a : customs_) {
    // Elsewhere (inside a field, around the module) an annotation has no meaning: skipped, as
    // unknown annotations are.
    bool at_field = a.at_token == end || std::binary_search(fields.begin(), fields.end(), a.at_token);
    if (at_field && !parse_custom_annotation(a)) return false;
  }
  return true;
}

// `"name" place? "data"*`, read from the annotation's own tokens.
bool Parser::parse_custom_annotation(const CustomAnnotation& annotation) {
  std::vector<Token> module_tokens = std::move(tokens_);
  std::size_t module_pos = pos_;
  tokens_ = annotation.tokens;
  pos_ = 0;
  CustomSection custom;
  bool ok = parse_name(&custom.name);
  if (ok && at(TokenKind::LParen)) ok = parse_custom_place(&custom.place);
  while (ok && at(TokenKind::String)) {
    custom.bytes += string_value(text_, cur());
    advance();
  }
  ok = ok && expect(TokenKind::End);
  tokens_ = std::move(module_tokens);
  pos_ = module_pos;
  if (ok) module_.customs.push_back(std::move(custom));
  return ok;
}

// `(before first)`, `(before SECTION)`, `(after SECTION)` or `(after last)`.
bool Parser::parse_custom_place(CustomPlace* place) {
  static const struct {
    const char* name;
    uint8_t id;
  } kSections[] = {{"type", 1},   {"import", 2}, {"func", 3}, {"table", 4}, {"memory", 5}, {"global", 6},
                   {"export", 7}, {"start", 8},  {"elem", 9}, {"code", 10}, {"data", 11},  {"datacount", 12}};
  // The place's words are keywords of this annotation only (not operators the parser knows).
  auto at_word = [&](std::string_view w) { return cur().kind == TokenKind::Keyword && text_of(cur()) == w; };
  auto unexpected_word = [&] { return fail(cur(), "unexpected token", text_of(cur()).substr(0, 40)); };
  if (!expect(TokenKind::LParen)) return false;
  bool before = at_word("before");
  if (!before && !at_word("after")) return unexpected_word();
  advance();
  if (before && at_word("first")) {
    place->edge = CustomPlace::Edge::First;
  } else if (!before && at_word("last")) {
    place->edge = CustomPlace::Edge::Last;
  } else {
    place->edge = before ? CustomPlace::Edge::Before : CustomPlace::Edge::After;
    const auto* found = std::find_if(std::begin(kSections), std::end(kSections),
                                     [&](const auto& s) { return at_word(s.name); });
    if (found == std::end(kSections)) return unexpected_word();
    place->section = found->id;
  }
  advance();
  return expect(TokenKind::RParen);
}

bool Parser::check_import_order(const Token& at) {
  if (first_definition_) return fail(at, first_definition_);
  return true;
}

// Pass 2: the field's identifier and its place in its index space.
bool Parser::declare_field(std::size_t field) {
  const Token& open = tokens_[field];
  std::string_view word = text_of(ahead(1));
  advance();
  advance();
  auto skip_exports = [&] {
    while (!failed_ && at_open("export")) {
      if (cur().match == Token::kNoMatch) return unexpected();
      pos_ = cur().match + 1;
    }
    return !failed_;
  };
  auto note_definition = [&](const char* message) {
    if (!first_definition_) first_definition_ = message;
  };
  std::string_view id;
  if (word == "import") {
    if (!check_import_order(open)) return false;
    std::string module, name;
    if (!parse_name(&module) || !parse_name(&name) || !expect(TokenKind::LParen)) return false;
    Space* space = nullptr;
    if (at_keyword("func"))
      space = &funcs_;
    else if (at_keyword("table"))
      space = &tables_;
    else if (at_keyword("memory"))
      space = &memories_;
    else if (at_keyword("global"))
      space = &globals_;
    else
      return unexpected();
    advance();
    const Token& at_id = cur();
    if (!parse_optional_id(&id)) return false;
    return declare(*space, id, space->count++, at_id);
  }
  Space* space = nullptr;
  const char* definition = nullptr;
  if (word == "func") {
    space = &funcs_;
    definition = "import after function";
  } else if (word == "table") {
    space = &tables_;
    definition = "import after table";
  } else if (word == "memory") {
    space = &memories_;
    definition = "import after memory";
  } else if (word == "global") {
    space = &globals_;
    definition = "import after global";
  } else if (word == "elem") {
    space = &elems_;
  } else if (word == "data") {
    space = &datas_;
  } else {
    return true;  // type (pass 1), export, start: nothing to declare
  }
  const Token& at_id = cur();
  if (!parse_optional_id(&id)) return false;
  if (!declare(*space, id, space->count++, at_id)) return false;
  if (!definition) return true;
  if (!skip_exports()) return false;
  if (at_open("import")) return check_import_order(open);
  note_definition(definition);
  // Inline segments take the next element / data index.
  if (word == "table" && at_reftype() && at_open_after(1, "elem")) ++elems_.count;
  if (word == "memory" && at_open("data")) ++datas_.count;
  return !failed_;
}

bool Parser::at_open_after(std::size_t n, std::string_view word) {
  const Token& open = ahead(n);
  const Token& next = ahead(n + 1);
  return open.kind == TokenKind::LParen && usable(next) && next.kind == TokenKind::Keyword &&
         text_of(next) == word;
}

// Pass 3.
bool Parser::define_field(std::size_t field) {
  std::string_view word = text_of(ahead(1));
  (void)field;
  if (word == "type") return true;  // pass 1
  if (word == "import") return parse_import_field();
  if (word == "func") return parse_func_field();
  if (word == "table") return parse_table_field();
  if (word == "memory") return parse_memory_field();
  if (word == "global") return parse_global_field();
  if (word == "export") return parse_export_field();
  if (word == "start") return parse_start_field();
  if (word == "elem") return parse_elem_field();
  return parse_data_field();
}

bool Parser::parse_type_field() {
  advance();
  advance();
  const Token& at_id = cur();
  std::string_view id;
  if (!parse_optional_id(&id)) return false;
  FuncType sig;
  if (!expect_open("func") || !parse_func_signature(&sig, nullptr, true) || !expect(TokenKind::RParen) ||
      !expect(TokenKind::RParen)) {
    return false;
  }
  uint32_t index = uint32_t(module_.types.size());
  module_.types.push_back(sig);
  types_.count = index + 1;
  return declare(types_, id, index, at_id);
}

bool Parser::parse_func_signature(FuncType* sig, std::vector<std::string_view>* param_ids, bool allow_ids) {
  while (at_open("param")) {
    advance();
    advance();
    if (at(TokenKind::Id)) {
      if (!allow_ids) return unexpected();
      std::string_view id = text_of(cur());
      advance();
      uint8_t t;
      if (!parse_valtype(&t)) return false;
      sig->params.push_back(t);
      if (param_ids) param_ids->push_back(id);
    } else {
      while (!failed_ && !at(TokenKind::RParen)) {
        uint8_t t;
        if (!parse_valtype(&t)) return false;
        sig->params.push_back(t);
        if (param_ids) param_ids->push_back({});
      }
    }
    if (!expect(TokenKind::RParen)) return false;
  }
  while (at_open("result")) {
    advance();
    advance();
    while (!failed_ && !at(TokenKind::RParen)) {
      uint8_t t;
      if (!parse_valtype(&t)) return false;
      sig->results.push_back(t);
    }
    if (!expect(TokenKind::RParen)) return false;
  }
  // Out of order (a param after a result, a type use after either) is a syntax error, before any
  // check of what the clauses say.
  if (at_open("param") || at_open("type")) return unexpected();
  return !failed_;
}

uint32_t Parser::find_or_add_type(const FuncType& sig) {
  for (std::size_t i = 0; i < module_.types.size(); ++i) {
    if (module_.types[i] == sig) return uint32_t(i);
  }
  module_.types.push_back(sig);
  types_.count = uint32_t(module_.types.size());
  return uint32_t(module_.types.size() - 1);
}

bool Parser::parse_type_use(uint32_t* type_index, std::vector<std::string_view>* param_ids, bool allow_ids,
                            FuncType* sig_out) {
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
  std::vector<std::string_view> ids;
  if (!parse_func_signature(&sig, &ids, allow_ids)) return false;
  if (has_explicit) {
    // With an inline signature to check against, the type must exist now (spec: "unknown type").
    if (has_inline && index >= module_.types.size()) return fail(start, "unknown type");
    if (index < module_.types.size()) {
      if (has_inline && !(sig == module_.types[index])) return fail(start, "inline function type");
      if (!has_inline) ids.assign(module_.types[index].params.size(), {});
      sig = module_.types[index];
    }
    *type_index = index;
  } else {
    *type_index = find_or_add_type(sig);
  }
  if (param_ids) *param_ids = std::move(ids);
  if (sig_out) *sig_out = std::move(sig);
  return true;
}

bool Parser::parse_inline_exports(ExternKind kind, uint32_t index) {
  while (at_open("export")) {
    advance();
    advance();
    Export e;
    if (!parse_name(&e.name) || !expect(TokenKind::RParen)) return false;
    e.kind = kind;
    e.index = index;
    module_.exports.push_back(std::move(e));
  }
  return !failed_;
}

bool Parser::parse_inline_import(Import* import, bool* present) {
  *present = false;
  if (!at_open("import")) return !failed_;
  advance();
  advance();
  if (!parse_name(&import->module) || !parse_name(&import->name) || !expect(TokenKind::RParen)) return false;
  *present = true;
  return true;
}

bool Parser::parse_global_type(uint8_t* valtype, bool* is_mutable) {
  *is_mutable = false;
  if (at_open("mut")) {
    advance();
    advance();
    *is_mutable = true;
    return parse_valtype(valtype) && expect(TokenKind::RParen);
  }
  return parse_valtype(valtype);
}

bool Parser::parse_import_field() {
  advance();
  advance();
  Import im;
  if (!parse_name(&im.module) || !parse_name(&im.name) || !expect(TokenKind::LParen)) return false;
  std::string_view id;
  if (at_keyword("func")) {
    advance();
    if (!parse_optional_id(&id)) return false;
    uint32_t index = next_func_++;
    if (!id.empty()) module_.names.functions.push_back({index, without_dollar(id)});
    im.kind = ExternKind::Func;
    if (!parse_type_use(&im.type_index, nullptr, true)) return false;
  } else if (at_keyword("table")) {
    advance();
    if (!parse_optional_id(&id)) return false;
    ++next_table_;
    im.kind = ExternKind::Table;
    if (!parse_limits(&im.limits) || !parse_reftype(&im.reftype)) return false;
  } else if (at_keyword("memory")) {
    advance();
    if (!parse_optional_id(&id)) return false;
    ++next_memory_;
    im.kind = ExternKind::Memory;
    if (!parse_limits(&im.limits)) return false;
  } else if (at_keyword("global")) {
    advance();
    if (!parse_optional_id(&id)) return false;
    ++next_global_;
    im.kind = ExternKind::Global;
    if (!parse_global_type(&im.valtype, &im.is_mutable)) return false;
  } else {
    return unexpected();
  }
  if (!expect(TokenKind::RParen) || !expect(TokenKind::RParen)) return false;
  module_.imports.push_back(std::move(im));
  return true;
}

bool Parser::parse_func_field() {
  advance();
  advance();
  std::string_view id;
  if (!parse_optional_id(&id)) return false;
  uint32_t index = next_func_++;
  if (!id.empty()) module_.names.functions.push_back({index, without_dollar(id)});
  if (!parse_inline_exports(ExternKind::Func, index)) return false;
  Import im;
  bool is_import = false;
  if (!parse_inline_import(&im, &is_import)) return false;
  std::vector<std::string_view> param_ids;
  FuncType sig;
  uint32_t type_index = 0;
  if (!parse_type_use(&type_index, &param_ids, true, &sig)) return false;
  if (is_import) {
    im.kind = ExternKind::Func;
    im.type_index = type_index;
    module_.imports.push_back(std::move(im));
    return expect(TokenKind::RParen);
  }
  CodeContext ctx;
  ctx.in_function = true;
  std::vector<std::pair<uint32_t, std::string>> local_names;
  for (std::size_t i = 0; i < param_ids.size(); ++i) {
    if (param_ids[i].empty()) continue;
    if (!ctx.locals.emplace(param_ids[i], uint32_t(i)).second)
      return fail(cur(), "duplicate local", param_ids[i]);
    local_names.push_back({uint32_t(i), without_dollar(param_ids[i])});
  }
  ctx.local_count = uint32_t(sig.params.size());
  Function f;
  f.type_index = type_index;
  while (at_open("local")) {
    advance();
    advance();
    if (at(TokenKind::Id)) {
      const Token& at_id = cur();
      std::string_view local_id = text_of(cur());
      advance();
      uint8_t t;
      if (!parse_valtype(&t)) return false;
      if (!ctx.locals.emplace(local_id, ctx.local_count).second)
        return fail(at_id, "duplicate local", local_id);
      local_names.push_back({ctx.local_count, without_dollar(local_id)});
      f.locals.push_back(t);
      ++ctx.local_count;
    } else {
      while (!failed_ && !at(TokenKind::RParen)) {
        uint8_t t;
        if (!parse_valtype(&t)) return false;
        f.locals.push_back(t);
        ++ctx.local_count;
      }
    }
    if (!expect(TokenKind::RParen)) return false;
  }
  if (!parse_instrs(ctx, f.body)) return false;
  if (!expect(TokenKind::RParen)) return false;
  f.body.push_back(0x0B);
  if (!local_names.empty()) module_.names.locals.push_back({index, std::move(local_names)});
  module_.functions.push_back(std::move(f));
  return true;
}

bool Parser::add_elem_func(ElemSegment* seg, uint32_t func) {
  Bytes expr = {0xD2};
  write_uleb(expr, func);
  expr.push_back(0x0B);
  seg->exprs.push_back(std::move(expr));
  seg->func_refs.push_back(func);
  return true;
}

// Items of a segment: `func x*` or `reftype item*`; with `allow_bare_indices`, also a bare `x*`
// (the old abbreviation after an offset, and the inline form in a table).
bool Parser::parse_elem_list(ElemSegment* seg, bool allow_bare_indices) {
  if (at_keyword("func") || (allow_bare_indices && (at_index() || at(TokenKind::RParen)))) {
    if (at_keyword("func")) advance();
    seg->reftype = kFuncRef;
    while (!failed_ && at_index()) {
      uint32_t f;
      if (!parse_index(funcs_, &f)) return false;
      add_elem_func(seg, f);
    }
    return !failed_;
  }
  if (!allow_bare_indices || at_reftype()) {
    if (!parse_reftype(&seg->reftype)) return false;
  }
  while (!failed_ && at(TokenKind::LParen)) {
    Bytes expr;
    if (at_open("item")) {
      advance();
      advance();
      if (!parse_const_expr(&expr) || !expect(TokenKind::RParen)) return false;
    } else {
      CodeContext ctx;
      if (!parse_folded(ctx, expr)) return false;
      expr.push_back(0x0B);
    }
    seg->func_refs.push_back(lone_ref_func(expr));
    seg->exprs.push_back(std::move(expr));
  }
  return !failed_;
}

bool Parser::parse_table_field() {
  advance();
  advance();
  std::string_view id;
  if (!parse_optional_id(&id)) return false;
  uint32_t index = next_table_++;
  if (!parse_inline_exports(ExternKind::Table, index)) return false;
  Import im;
  bool is_import = false;
  if (!parse_inline_import(&im, &is_import)) return false;
  if (is_import) {
    im.kind = ExternKind::Table;
    if (!parse_limits(&im.limits) || !parse_reftype(&im.reftype) || !expect(TokenKind::RParen)) return false;
    module_.imports.push_back(std::move(im));
    return true;
  }
  Table t;
  if (at_reftype()) {
    // (table reftype (elem ...)): a table exactly as large as its inline segment.
    if (!parse_reftype(&t.reftype) || !expect_open("elem")) return false;
    ElemSegment seg;
    seg.mode = SegmentMode::Active;
    seg.table = index;
    seg.offset = {0x41, 0x00, 0x0B};  // i32.const 0
    if (at_index()) {
      while (!failed_ && at_index()) {
        uint32_t f;
        if (!parse_index(funcs_, &f)) return false;
        add_elem_func(&seg, f);
      }
    } else if (!parse_elem_list(&seg, true)) {
      return false;
    }
    seg.reftype = t.reftype;
    if (!expect(TokenKind::RParen) || !expect(TokenKind::RParen)) return false;
    t.limits.min = t.limits.max = seg.func_refs.size();
    t.limits.has_max = true;
    module_.tables.push_back(t);
    module_.elems.push_back(std::move(seg));
    return true;
  }
  if (!parse_limits(&t.limits) || !parse_reftype(&t.reftype) || !expect(TokenKind::RParen)) return false;
  module_.tables.push_back(t);
  return true;
}

bool Parser::parse_memory_field() {
  advance();
  advance();
  std::string_view id;
  if (!parse_optional_id(&id)) return false;
  uint32_t index = next_memory_++;
  if (!parse_inline_exports(ExternKind::Memory, index)) return false;
  Import im;
  bool is_import = false;
  if (!parse_inline_import(&im, &is_import)) return false;
  if (is_import) {
    im.kind = ExternKind::Memory;
    if (!parse_limits(&im.limits) || !expect(TokenKind::RParen)) return false;
    module_.imports.push_back(std::move(im));
    return true;
  }
  Limits limits;
  if (at_open("data")) {
    // (memory (data ...)): a memory exactly as large as its inline segment, in whole pages.
    advance();
    advance();
    DataSegment seg;
    seg.memory = index;
    seg.offset = {0x41, 0x00, 0x0B};
    while (!failed_ && at(TokenKind::String)) {
      seg.bytes += string_value(text_, cur());
      advance();
    }
    if (!expect(TokenKind::RParen) || !expect(TokenKind::RParen)) return false;
    limits.min = limits.max = (seg.bytes.size() + 65535) / 65536;
    limits.has_max = true;
    module_.memories.push_back(limits);
    module_.datas.push_back(std::move(seg));
    return true;
  }
  if (!parse_limits(&limits) || !expect(TokenKind::RParen)) return false;
  module_.memories.push_back(limits);
  return true;
}

bool Parser::parse_global_field() {
  advance();
  advance();
  std::string_view id;
  if (!parse_optional_id(&id)) return false;
  uint32_t index = next_global_++;
  if (!parse_inline_exports(ExternKind::Global, index)) return false;
  Import im;
  bool is_import = false;
  if (!parse_inline_import(&im, &is_import)) return false;
  Global g;
  if (!parse_global_type(&g.valtype, &g.is_mutable)) return false;
  if (is_import) {
    im.kind = ExternKind::Global;
    im.valtype = g.valtype;
    im.is_mutable = g.is_mutable;
    module_.imports.push_back(std::move(im));
    return expect(TokenKind::RParen);
  }
  if (!parse_const_expr(&g.init) || !expect(TokenKind::RParen)) return false;
  module_.globals.push_back(std::move(g));
  return true;
}

bool Parser::parse_export_field() {
  advance();
  advance();
  Export e;
  if (!parse_name(&e.name) || !expect(TokenKind::LParen)) return false;
  Space* space = nullptr;
  if (at_keyword("func")) {
    e.kind = ExternKind::Func;
    space = &funcs_;
  } else if (at_keyword("table")) {
    e.kind = ExternKind::Table;
    space = &tables_;
  } else if (at_keyword("memory")) {
    e.kind = ExternKind::Memory;
    space = &memories_;
  } else if (at_keyword("global")) {
    e.kind = ExternKind::Global;
    space = &globals_;
  } else {
    return unexpected();
  }
  advance();
  if (!parse_index(*space, &e.index) || !expect(TokenKind::RParen) || !expect(TokenKind::RParen))
    return false;
  module_.exports.push_back(std::move(e));
  return true;
}

bool Parser::parse_start_field() {
  const Token& open = cur();
  advance();
  advance();
  uint32_t f;
  if (!parse_index(funcs_, &f) || !expect(TokenKind::RParen)) return false;
  if (seen_start_) return fail(open, "multiple start sections");
  seen_start_ = true;
  module_.has_start = true;
  module_.start = f;
  return true;
}

bool Parser::parse_offset(Bytes* out) {
  if (at_open("offset")) {
    advance();
    advance();
    return parse_const_expr(out) && expect(TokenKind::RParen);
  }
  if (!at(TokenKind::LParen)) return unexpected();
  CodeContext ctx;
  if (!parse_folded(ctx, *out)) return false;
  out->push_back(0x0B);
  return true;
}

bool Parser::parse_elem_field() {
  advance();
  advance();
  std::string_view id;
  if (!parse_optional_id(&id)) return false;
  ElemSegment seg;
  if (at_keyword("declare")) {
    advance();
    seg.mode = SegmentMode::Declarative;
    if (!parse_elem_list(&seg, false)) return false;
  } else if (at_open("table") || at_index() || at(TokenKind::LParen)) {
    seg.mode = SegmentMode::Active;
    if (at_open("table")) {
      advance();
      advance();
      if (!parse_index(tables_, &seg.table) || !expect(TokenKind::RParen)) return false;
    } else if (at_index()) {
      if (!parse_index(tables_, &seg.table)) return false;  // old form: (elem 0 (offset ...) ...)
    }
    if (!parse_offset(&seg.offset) || !parse_elem_list(&seg, true)) return false;
  } else {
    seg.mode = SegmentMode::Passive;
    if (!parse_elem_list(&seg, false)) return false;
  }
  if (!expect(TokenKind::RParen)) return false;
  module_.elems.push_back(std::move(seg));
  return true;
}

bool Parser::parse_data_field() {
  advance();
  advance();
  std::string_view id;
  if (!parse_optional_id(&id)) return false;
  DataSegment seg;
  if (at_open("memory") || at_index() || at(TokenKind::LParen)) {
    seg.mode = SegmentMode::Active;
    if (at_open("memory")) {
      advance();
      advance();
      if (!parse_index(memories_, &seg.memory) || !expect(TokenKind::RParen)) return false;
    } else if (at_index()) {
      if (!parse_index(memories_, &seg.memory)) return false;  // old form: (data 0 (offset ...) ...)
    }
    if (!parse_offset(&seg.offset)) return false;
  } else {
    seg.mode = SegmentMode::Passive;
  }
  while (!failed_ && at(TokenKind::String)) {
    seg.bytes += string_value(text_, cur());
    advance();
  }
  if (!expect(TokenKind::RParen)) return false;
  module_.datas.push_back(std::move(seg));
  return true;
}

}  // namespace ember::text::detail
