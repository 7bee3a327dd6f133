// ember-spec: reads .wast scripts into the script model. Tokens come from ember_text's lexer (the
// script layer shares the text format's lexical rules); each module is handed on as its source text,
// for ember::text::wat_to_wasm to convert when the command runs.
#include <algorithm>
#include <cstring>
#include <filesystem>

#include "ember/text.h"
#include "ember/text_lexer.h"
#include "files.h"
#include "script_readers.h"

namespace ember_spec {

namespace {

using ember::text::LiteralStatus;
using ember::text::Token;
using ember::text::TokenKind;

struct LaneShape {
  const char* name;
  LaneType lanes;
  unsigned count;
  unsigned bits;
  bool is_float;
};

const LaneShape* find_shape(std::string_view name) {
  static const LaneShape shapes[] = {
      {"i8x16", LaneType::I8, 16, 8, false},  {"i16x8", LaneType::I16, 8, 16, false},
      {"i32x4", LaneType::I32, 4, 32, false}, {"i64x2", LaneType::I64, 2, 64, false},
      {"f32x4", LaneType::F32, 4, 32, true},  {"f64x2", LaneType::F64, 2, 64, true},
  };
  for (const LaneShape& s : shapes) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

class WastReader {
 public:
  explicit WastReader(const std::string& text)
      : text_(text), tokens_(ember::text::tokenize(text.data(), text.size())) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  // Reads every command; false with `stopped` set if the script could not be read to its end.
  bool read(Script* out, std::string* stopped) {
    if (is_inline_module()) {
      // A script of bare module fields is one module (inline-module.wast).
      Command c;
      c.line = 1;
      c.type_name = "module";
      c.type = Command::Type::Module;
      c.module.kind = ModuleSource::Kind::Text;
      c.module.text = text_;
      c.module.line = 1;
      c.module.column = 1;
      out->commands.push_back(std::move(c));
      return true;
    }
    std::size_t i = 0;
    while (tokens_[i].kind != TokenKind::End) {
      const Token& t = tokens_[i];
      if (t.kind == TokenKind::Error) {
        *stopped = where(t) + ": " + t.error;
        return false;
      }
      if (t.kind != TokenKind::LParen || t.match == Token::kNoMatch) {
        *stopped = where(t) + ": unexpected token " + std::string(text_of(t).substr(0, 40));
        return false;
      }
      Command c;
      c.line = line_of(t);
      try {
        read_command(i, c);
      } catch (const ValueError& e) {
        c.type = Command::Type::Unreadable;
        c.error = e.what();
      }
      if (c.type_name.empty()) c.type_name = "?";
      out->commands.push_back(std::move(c));
      i = t.match + 1;
    }
    return true;
  }

 private:
  bool is_inline_module() const {
    if (kind(0) != TokenKind::LParen || kind(1) != TokenKind::Keyword) return false;
    std::string_view w = word(1);
    return w == "type" || w == "import" || w == "func" || w == "table" || w == "memory" || w == "global" ||
           w == "export" || w == "start" || w == "elem" || w == "data";
  }

  std::string_view text_of(const Token& t) const { return ember::text::token_text(text_.data(), t); }
  // Past the end, every index reads as the End token.
  const Token& token(std::size_t i) const { return tokens_[i < tokens_.size() ? i : tokens_.size() - 1]; }
  std::string_view word(std::size_t i) const { return text_of(token(i)); }
  TokenKind kind(std::size_t i) const { return token(i).kind; }

  // 1-based line and column (in characters, as ember_text counts them) of a byte offset, from
  // the line table: the script is large and every command asks.
  void position(std::size_t offset, uint32_t* line, uint32_t* column) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    std::size_t index = std::size_t(it - line_starts_.begin()) - 1;
    *line = uint32_t(index + 1);
    *column = 1;
    for (std::size_t i = line_starts_[index]; i < offset; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++*column;
    }
  }
  uint32_t line_of(const Token& t) const {
    uint32_t line, column;
    position(t.offset, &line, &column);
    return line;
  }
  std::string where(const Token& t) const {
    uint32_t line, column;
    position(t.offset, &line, &column);
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
  }

  [[noreturn]] void bad(std::size_t i, const std::string& why) const {
    throw ValueError(why + " at " + where(token(i)));
  }

  bool is_open(std::size_t i, std::string_view keyword) const {
    return kind(i) == TokenKind::LParen && kind(i + 1) == TokenKind::Keyword && word(i + 1) == keyword;
  }

  std::size_t close_of(std::size_t open) const {
    if (kind(open) != TokenKind::LParen || token(open).match == Token::kNoMatch) bad(open, "expected (");
    return token(open).match;
  }

  std::string string_at(std::size_t i) const {
    if (kind(i) != TokenKind::String) bad(i, "expected a string");
    return ember::text::string_value(text_.data(), token(i));
  }

  void read_command(std::size_t open, Command& c) {
    using Type = Command::Type;
    std::size_t close = close_of(open);
    if (kind(open + 1) != TokenKind::Keyword) bad(open + 1, "expected a command");
    std::string_view kw = word(open + 1);
    c.type_name = std::string(kw);
    std::size_t i = open + 2;
    if (kw == "module") {
      if (kind(i) == TokenKind::Keyword && word(i) == "instance") {
        ++i;
        if (kind(i) == TokenKind::Id) c.name = std::string(word(i++));
        if (kind(i) == TokenKind::Id) c.definition = std::string(word(i++));
        expect_close(i, close);
        c.type = Type::ModuleInstance;
        return;
      }
      bool definition = kind(i) == TokenKind::Keyword && word(i) == "definition";
      read_module(open, &c.module, &c.name);
      c.type = definition ? Type::ModuleDefinition : Type::Module;
      return;
    }
    if (kw == "register") {
      c.as = string_at(i++);
      if (kind(i) == TokenKind::Id) c.name = std::string(word(i++));
      expect_close(i, close);
      c.type = Type::Register;
      return;
    }
    if (kw == "invoke" || kw == "get") {
      c.type_name = "action";
      read_action(open, &c.action);
      c.type = Type::Action;
      return;
    }
    if (kw == "assert_return") {
      i = read_action(i, &c.action);
      while (i < close) {
        if (is_open(i, "either")) {
          c.has_either = true;
          std::size_t end = close_of(i);
          for (std::size_t j = i + 2; j < end; j = close_of(j) + 1) c.either.push_back(read_expected(j));
          i = end + 1;
        } else {
          c.expected.push_back(read_expected(i));
          i = close_of(i) + 1;
        }
      }
      c.type = Type::AssertReturn;
      return;
    }
    if (kw == "assert_trap" || kw == "assert_exhaustion") {
      if (is_open(i, "module")) {
        read_module(i, &c.module, nullptr);
        i = close_of(i) + 1;
        c.type = Type::AssertUninstantiable;
      } else {
        i = read_action(i, &c.action);
        c.type = kw == "assert_trap" ? Type::AssertTrap : Type::AssertExhaustion;
      }
      c.text = string_at(i++);
      expect_close(i, close);
      return;
    }
    if (kw == "assert_exception") {
      read_action(i, &c.action);
      c.type = Type::AssertException;
      return;
    }
    if (kw == "assert_malformed" || kw == "assert_invalid" || kw == "assert_unlinkable" ||
        kw == "assert_uninstantiable") {
      if (!is_open(i, "module")) bad(i, "expected a module");
      read_module(i, &c.module, nullptr);
      i = close_of(i) + 1;
      c.text = string_at(i++);
      expect_close(i, close);
      c.type = kw == "assert_malformed"    ? Type::AssertMalformed
               : kw == "assert_invalid"    ? Type::AssertInvalid
               : kw == "assert_unlinkable" ? Type::AssertUnlinkable
                                           : Type::AssertUninstantiable;
      return;
    }
    bad(open + 1, "unsupported command " + std::string(kw));
  }

  void expect_close(std::size_t i, std::size_t close) const {
    if (i != close) bad(i, "unexpected token " + std::string(word(i).substr(0, 40)));
  }

  // (module definition? $id? ...): the module's whole text goes to the text parser when the
  // command runs. The script-only `definition` keyword is blanked out (spaces keep the positions
  // of the text parser's errors true).
  void read_module(std::size_t open, ModuleSource* out, std::optional<std::string>* name) {
    std::size_t close = close_of(open);
    std::size_t i = open + 2;
    std::size_t definition_at = std::string::npos, definition_len = 0;
    if (kind(i) == TokenKind::Keyword && word(i) == "definition") {
      definition_at = token(i).offset;
      definition_len = word(i).size();
      ++i;
    }
    if (kind(i) == TokenKind::Id) {
      if (name) *name = std::string(word(i));
      ++i;
    }
    out->kind = ModuleSource::Kind::Text;
    out->is_binary = kind(i) == TokenKind::Keyword && word(i) == "binary";
    std::size_t begin = token(open).offset, end = token(close).offset + 1;
    out->text = text_.substr(begin, end - begin);
    if (definition_at != std::string::npos)
      out->text.replace(definition_at - begin, definition_len, definition_len, ' ');
    position(begin, &out->line, &out->column);
  }

  // (invoke $id? "name" const*) | (get $id? "name"); returns the index after it.
  std::size_t read_action(std::size_t open, Action* a) {
    std::size_t close = close_of(open);
    std::string_view kw = word(open + 1);
    if (kw == "invoke") {
      a->kind = Action::Kind::Invoke;
    } else if (kw == "get") {
      a->kind = Action::Kind::Get;
    } else {
      bad(open + 1, "expected an action");
    }
    std::size_t i = open + 2;
    if (kind(i) == TokenKind::Id) a->module = std::string(word(i++));
    a->field = string_at(i++);
    while (i < close) {
      LaneType lanes = LaneType::I32;
      a->args.push_back(read_argument(i, &lanes));
      a->arg_lanes.push_back(lanes);
      i = close_of(i) + 1;
    }
    if (a->kind == Action::Kind::Get && !a->args.empty()) bad(open, "get takes no arguments");
    return close + 1;
  }

  uint64_t int_at(std::size_t i, unsigned bits) const {
    uint64_t v = 0;
    if (kind(i) != TokenKind::Number ||
        ember::text::parse_int_literal(word(i), bits, &v) != LiteralStatus::Ok) {
      bad(i, "bad i" + std::to_string(bits) + " literal '" + std::string(word(i)) + "'");
    }
    return v;
  }

  uint64_t float_at(std::size_t i, bool is_f64) const {
    uint64_t v = 0;
    if (kind(i) != TokenKind::Number ||
        ember::text::parse_float_literal(word(i), is_f64, &v) != LiteralStatus::Ok) {
      bad(i, std::string("bad ") + (is_f64 ? "f64" : "f32") + " literal '" + std::string(word(i)) + "'");
    }
    return v;
  }

  NanPattern nan_at(std::size_t i) const {
    if (kind(i) == TokenKind::Keyword && word(i) == "nan:canonical") return NanPattern::Canonical;
    if (kind(i) == TokenKind::Keyword && word(i) == "nan:arithmetic") return NanPattern::Arithmetic;
    return NanPattern::None;
  }

  // v128.const SHAPE lanes; float lanes may be NaN patterns when `patterns` is given.
  ember::V128 v128_at(std::size_t i, std::size_t close, LaneType* lanes,
                      std::vector<NanPattern>* patterns) const {
    const LaneShape* shape = find_shape(word(i));
    if (!shape) bad(i, "bad v128 shape");
    *lanes = shape->lanes;
    if (close - (i + 1) != shape->count) bad(i, "wrong number of v128 lanes");
    ember::V128 v{};
    for (unsigned k = 0; k < shape->count; ++k) {
      std::size_t t = i + 1 + k;
      uint64_t bits = 0;
      NanPattern nan = shape->is_float ? nan_at(t) : NanPattern::None;
      if (nan != NanPattern::None && !patterns) bad(t, "NaN pattern used as an argument");
      if (patterns && shape->is_float) patterns->push_back(nan);
      if (nan == NanPattern::None)
        bits = shape->is_float ? float_at(t, shape->bits == 64) : int_at(t, shape->bits);
      std::memcpy(v.bytes + k * (shape->bits / 8), &bits, shape->bits / 8);  // little-endian host
    }
    return v;
  }

  ember::Value read_argument(std::size_t open, LaneType* lanes) {
    std::size_t close = close_of(open);
    std::string_view kw = word(open + 1);
    std::size_t i = open + 2;
    ember::Value v;
    if (kw == "i32.const") {
      v = ember::Value::i32(int32_t(uint32_t(int_at(i++, 32))));
    } else if (kw == "i64.const") {
      v = ember::Value::i64(int64_t(int_at(i++, 64)));
    } else if (kw == "f32.const") {
      v = ember::Value::zero(ember::ValType::F32);
      v.u32 = uint32_t(float_at(i++, false));
    } else if (kw == "f64.const") {
      v = ember::Value::zero(ember::ValType::F64);
      v.u64 = float_at(i++, true);
    } else if (kw == "v128.const") {
      v = ember::Value::v128v(v128_at(i, close, lanes, nullptr));
      i = close;
    } else if (kw == "ref.null") {
      v = ember::Value::zero(heap_type(i++));
    } else if (kw == "ref.extern") {
      v = ember::Value::externref(host_ref(int_at(i++, 64)));
    } else {
      bad(open + 1, "unsupported argument " + std::string(kw));
    }
    expect_close(i, close);
    return v;
  }

  ember::ValType heap_type(std::size_t i) const {
    if (word(i) == "func") return ember::ValType::FuncRef;
    if (word(i) == "extern") return ember::ValType::ExternRef;
    bad(i, "unsupported heap type");
  }

  Expected read_expected(std::size_t open) {
    std::size_t close = close_of(open);
    std::string_view kw = word(open + 1);
    std::size_t i = open + 2;
    Expected e;
    auto exact = [&](const ember::Value& v) {
      e.type = v.type;
      e.value = v;
      e.shown = to_string(v, e.lanes);
    };
    if (kw == "i32.const" || kw == "i64.const" || kw == "ref.null" ||
        ((kw == "f32.const" || kw == "f64.const") && nan_at(i) == NanPattern::None)) {
      LaneType lanes = LaneType::I32;
      exact(read_argument(open, &lanes));
      return e;
    }
    if (kw == "f32.const" || kw == "f64.const") {
      bool is_f64 = kw == "f64.const";
      e.type = is_f64 ? ember::ValType::F64 : ember::ValType::F32;
      e.value = ember::Value::zero(e.type);
      e.nan = nan_at(i);
      if (is_f64) {
        e.value.u64 = kF64CanonicalNan;
      } else {
        e.value.u32 = kF32CanonicalNan;
      }
      e.shown = std::string(is_f64 ? "f64:" : "f32:") + std::string(word(i));
      expect_close(i + 1, close);
      return e;
    }
    if (kw == "v128.const") {
      e.type = ember::ValType::V128;
      e.value = ember::Value::v128v(v128_at(i, close, &e.lanes, &e.lane_nan));
      e.shown = "v128:" + std::string(word(i)) + "[";
      for (std::size_t k = i + 1; k < close; ++k) e.shown += (k > i + 1 ? " " : "") + std::string(word(k));
      e.shown += "]";
      return e;
    }
    if (kw == "ref.extern") {
      e.type = ember::ValType::ExternRef;
      e.value = ember::Value::zero(e.type);
      if (i == close) {
        e.any = true;
        e.shown = "externref:non-null";
        return e;
      }
      LaneType lanes = LaneType::I32;
      exact(read_argument(open, &lanes));
      return e;
    }
    if (kw == "ref.func") {
      // The host cannot name one particular function: any non-null funcref matches.
      e.type = ember::ValType::FuncRef;
      e.value = ember::Value::zero(e.type);
      e.any = true;
      e.shown = "funcref:non-null";
      return e;
    }
    bad(open + 1, "unsupported result " + std::string(kw));
  }

  std::string text_;
  std::vector<Token> tokens_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace

bool read_wast_script(const std::string& path, Script* out, std::string* error) {
  std::string text;
  if (!read_file(path, text)) {
    *error = "cannot read " + path;
    return false;
  }
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  out->dir = dir.empty() ? "." : dir.string();
  WastReader reader(text);
  reader.read(out, &out->stopped);
  return true;
}

}  // namespace ember_spec
