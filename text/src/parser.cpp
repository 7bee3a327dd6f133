// Ember text format: token access, values and the top level (module / binary / quote).
#include "parser.h"

#include <cstring>

namespace ember::text::detail {

Parser::Parser(const char* text, std::size_t len, const WatOptions& options)
    : text_(text), len_(len), options_(options), tokens_(tokenize_with_customs(text, len, &customs_)) {}

const Token& Parser::ahead(std::size_t n) const noexcept {
  std::size_t i = pos_ + n;
  return tokens_[i < tokens_.size() ? i : tokens_.size() - 1];
}

bool Parser::fail(const Token& at, const char* message, std::string_view detail) {
  if (failed_) return false;
  failed_ = true;
  error_.message = message;
  error_.set_detail(detail);
  error_.offset = at.offset;
  text_position(text_, len_, at.offset, &error_.line, &error_.column);
  return false;
}

// A token the parser may look at: reserved words, lexical errors and unknown keywords are errors
// wherever they are read, as in the reference lexer.
bool Parser::usable(const Token& t) {
  if (failed_) return false;
  switch (t.kind) {
    case TokenKind::Reserved: return fail(t, "unknown operator", text_of(t));
    case TokenKind::Error: return fail(t, t.error);
    case TokenKind::Keyword:
      if (!is_known_keyword(text_of(t))) return fail(t, "unknown operator", text_of(t));
      return true;
    default: return true;
  }
}

bool Parser::unexpected() {
  const Token& t = cur();
  if (!usable(t)) return false;
  if (t.kind == TokenKind::End) return fail(t, "unexpected token", "(end of text)");
  return fail(t, "unexpected token", text_of(t).substr(0, 40));
}

bool Parser::at(TokenKind kind) { return usable(cur()) && cur().kind == kind; }

bool Parser::at_keyword(std::string_view word) { return at(TokenKind::Keyword) && text_of(cur()) == word; }

bool Parser::at_open(std::string_view word) {
  if (!at(TokenKind::LParen)) return false;
  const Token& next = ahead(1);
  return usable(next) && next.kind == TokenKind::Keyword && text_of(next) == word;
}

bool Parser::at_index() {
  if (!usable(cur())) return false;
  if (cur().kind == TokenKind::Id) return true;
  if (cur().kind != TokenKind::Number) return false;
  char c = text_of(cur())[0];
  return c >= '0' && c <= '9';
}

bool Parser::expect(TokenKind kind) {
  if (!at(kind)) return unexpected();
  advance();
  return true;
}

bool Parser::expect_keyword(std::string_view word) {
  if (!at_keyword(word)) return unexpected();
  advance();
  return true;
}

bool Parser::expect_open(std::string_view word) {
  if (!expect(TokenKind::LParen)) return false;
  return expect_keyword(word);
}

bool Parser::parse_u32(uint32_t* out) {
  if (!at(TokenKind::Number)) return unexpected();
  uint64_t v = 0;
  switch (parse_nat_literal(text_of(cur()), 32, &v)) {
    case LiteralStatus::Ok: break;
    case LiteralStatus::OutOfRange: return fail(cur(), "i32 constant out of range", text_of(cur()));
    case LiteralStatus::Malformed: return unexpected();
  }
  *out = uint32_t(v);
  advance();
  return true;
}

bool Parser::parse_string(std::string* out) {
  if (!at(TokenKind::String)) return unexpected();
  *out = string_value(text_, cur());
  advance();
  return true;
}

bool Parser::parse_name(std::string* out) {
  const Token& t = cur();
  if (!parse_string(out)) return false;
  if (!is_valid_utf8(*out)) return fail(t, "malformed UTF-8 encoding");
  return true;
}

bool Parser::at_valtype() {
  if (!at(TokenKind::Keyword)) return false;
  std::string_view w = text_of(cur());
  return w == "i32" || w == "i64" || w == "f32" || w == "f64" || w == "v128" || w == "funcref" ||
         w == "externref";
}

bool Parser::at_reftype() { return at_keyword("funcref") || at_keyword("externref"); }

bool Parser::parse_valtype(uint8_t* out) {
  if (!at_valtype()) return unexpected();
  std::string_view w = text_of(cur());
  if (w == "i32")
    *out = kI32;
  else if (w == "i64")
    *out = kI64;
  else if (w == "f32")
    *out = kF32;
  else if (w == "f64")
    *out = kF64;
  else if (w == "v128")
    *out = kV128;
  else if (w == "funcref")
    *out = kFuncRef;
  else
    *out = kExternRef;
  advance();
  return true;
}

bool Parser::parse_reftype(uint8_t* out) {
  if (!at_reftype()) return unexpected();
  return parse_valtype(out);
}

bool Parser::parse_limits(Limits* out) {
  uint32_t v = 0;
  if (!parse_u32(&v)) return false;
  out->min = v;
  out->has_max = false;
  if (at(TokenKind::Number)) {
    if (!parse_u32(&v)) return false;
    out->max = v;
    out->has_max = true;
  }
  return !failed_;
}

bool Parser::parse_index(Space& space, uint32_t* out) {
  if (at(TokenKind::Id)) {
    auto it = space.ids.find(text_of(cur()));
    if (it == space.ids.end()) return fail(cur(), space.unknown_message, text_of(cur()));
    *out = it->second;
    advance();
    return true;
  }
  if (!at_index()) return unexpected();
  return parse_u32(out);
}

bool Parser::parse_optional_id(std::string_view* id) {
  *id = {};
  if (at(TokenKind::Id)) {
    *id = text_of(cur());
    advance();
  }
  return !failed_;
}

bool Parser::declare(Space& space, std::string_view id, uint32_t index, const Token& at) {
  if (id.empty()) return true;
  if (!space.ids.emplace(id, index).second) return fail(at, space.duplicate_message, id);
  return true;
}

bool Parser::parse(Bytes* out) {
  if (!usable(cur())) return false;
  bool wrapped = at_open("module");
  std::size_t end = tokens_.size() - 1;  // the End token
  if (wrapped) {
    std::size_t close = cur().match;
    advance();
    advance();
    std::string_view id;
    if (!parse_optional_id(&id)) return false;
    if (!id.empty()) module_.names.module = std::string(id.substr(1));
    if (close == Token::kNoMatch) {
      // Unbalanced: parse as far as the text goes; the missing `)` is reported where it is missed.
      close = end;
    }
    if (at_keyword("binary") || at_keyword("quote")) {
      bool quote = at_keyword("quote");
      advance();
      std::string bytes;
      std::vector<std::pair<std::size_t, const Token*>> pieces;  // where each string starts in `bytes`
      while (at(TokenKind::String)) {
        pieces.push_back({bytes.size(), &cur()});
        bytes += string_value(text_, cur());
        advance();
      }
      if (!expect(TokenKind::RParen) || !expect(TokenKind::End)) return false;
      if (!quote) {
        out->assign(bytes.begin(), bytes.end());
        return true;
      }
      Parser inner(bytes.data(), bytes.size(), options_);
      if (!inner.parse(out)) {
        // Report the inner error at the string that holds it.
        const Token* where = pieces.empty() ? &cur() : pieces.front().second;
        for (const auto& p : pieces) {
          if (p.first <= inner.error().offset) where = p.second;
        }
        const TextError& e = inner.error();
        fail(*where, e.message, e.detail);
        return false;
      }
      return true;
    }
    if (!parse_module_body(close)) return false;
    if (!expect(TokenKind::RParen) || !expect(TokenKind::End)) return false;
  } else {
    if (!parse_module_body(end)) return false;
    if (!expect(TokenKind::End)) return false;
  }
  if (failed_) return false;
  *out = encode_module(module_, options_.name_section);
  return true;
}

}  // namespace ember::text::detail
