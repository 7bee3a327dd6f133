// Ember text format: the tokens of the WebAssembly text format (shared by the module parser and
// by readers of `.wast` scripts, which use the same lexical rules).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ember::text {

enum class TokenKind : uint8_t {
  LParen,
  RParen,
  Keyword,   // starts with a lowercase letter and is no number: "module", "i32.add", "offset=4"
  Id,        // "$name"
  Number,    // an integer or float literal, syntactically ("0x1p-3", "-inf", "nan:0x7f", "1_000")
  String,    // "..." (the token text includes the quotes; see string_value)
  Reserved,  // any other run of characters: always an error where it is read ("unknown operator")
  Error,     // the lexer stopped here; `error` says why. Always the last token before End.
  End,       // end of the text
};

struct Token {
  TokenKind kind = TokenKind::End;
  uint32_t offset = 0;  // byte offset in the text
  uint32_t length = 0;  // byte length of the token
  // Error tokens: the spec's message ("malformed UTF-8 encoding", "unclosed string", ...).
  const char* error = nullptr;
  // For LParen: index of the matching RParen token; for RParen: of the matching LParen.
  // kNoMatch if unbalanced.
  uint32_t match = 0;

  static constexpr uint32_t kNoMatch = 0xFFFFFFFFu;
};

// Splits the text into tokens, skipping white space, comments (`;;` to the end of the line and
// nested `(; ... ;)`) and annotations (`(@name ...)`). The result always ends with an End token;
// on a lexical error an Error token precedes it, and nothing after the error is tokenized (so a
// parser reports errors in text order by meeting the Error token where it reads).
std::vector<Token> tokenize(const char* text, std::size_t len);

// The bytes a String token denotes, escapes decoded (\n \t \r \\ \' \" \hh \u{...}).
std::string string_value(const char* text, const Token& token);

// The text of a token.
inline std::string_view token_text(const char* text, const Token& token) {
  return std::string_view(text + token.offset, token.length);
}

// 1-based line and column (in characters: UTF-8 continuation bytes do not count) of `offset`.
void text_position(const char* text, std::size_t len, std::size_t offset, uint32_t* line, uint32_t* column);

// Appends code point `cp` (at most 0x10FFFF) to `out` as UTF-8.
void append_utf8(std::string& out, uint32_t cp);

// True if the bytes are well-formed UTF-8 (names in the text format must be).
bool is_valid_utf8(std::string_view bytes) noexcept;

}  // namespace ember::text
