// Ember text format: the lexer. A token is a maximal run of characters up to white space, a
// parenthesis or a comment; runs that mix strings with other characters, or hold characters that
// are not identifier characters, are "reserved" and rejected where the parser reads them.
#include <cstring>

#include "annotations.h"
#include "ember/text_lexer.h"
#include "literals.h"

namespace ember::text {

namespace {

bool is_space(unsigned char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_idchar(unsigned char c) noexcept {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return c != 0 && std::strchr("!#$%&'*+-./:<=>?@\\^_`|~", c) != nullptr;
}

int hex_value(unsigned char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of the well-formed UTF-8 sequence at p (1 to 4), or 0 if it is malformed.
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) noexcept {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // beyond U+10FFFF
  } else {
    return 0;
  }
  if (std::size_t(end - p) < n) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    if (p[i] < 0x80 || p[i] > 0xBF) return 0;
  }
  return n;
}

class Lexer {
 public:
  Lexer(const char* text, std::size_t len, std::vector<detail::CustomAnnotation>* customs = nullptr)
      : p_(reinterpret_cast<const unsigned char*>(text)), len_(len), customs_(customs) {}

  std::vector<Token> run() {
    while (pos_ < len_ && !failed_) step();
    Token end;
    end.kind = TokenKind::End;
    end.offset = uint32_t(len_);
    out_.push_back(end);
    match_parens();
    return std::move(out_);
  }

 private:
  void emit(TokenKind kind, std::size_t start, std::size_t end) {
    Token t;
    t.kind = kind;
    t.offset = uint32_t(start);
    t.length = uint32_t(end - start);
    if (skip_depth_ == 0) {
      out_.push_back(t);
    } else if (capturing_) {
      custom_.tokens.push_back(t);  // inside a custom annotation: kept aside
    }                               // else inside another annotation: dropped
  }

  void fail(std::size_t at, const char* message) {
    Token t;
    t.kind = TokenKind::Error;
    t.offset = uint32_t(at);
    t.length = 0;
    t.error = message;
    out_.push_back(t);
    failed_ = true;
  }

  void step() {
    unsigned char c = p_[pos_];
    if (is_space(c)) {
      ++pos_;
      return;
    }
    if (c == '(') {
      if (pos_ + 1 < len_ && p_[pos_ + 1] == ';') {
        block_comment();
        return;
      }
      if (pos_ + 1 < len_ && p_[pos_ + 1] == '@' && pos_ + 2 < len_ && is_idchar(p_[pos_ + 2])) {
        // An annotation: skipped with everything inside it, parentheses balanced. A custom one
        // outside any other annotation is kept aside for the module parser.
        std::size_t start = pos_;
        pos_ += 2;
        while (pos_ < len_ && is_idchar(p_[pos_])) ++pos_;
        if (skip_depth_ == 0 && customs_ &&
            std::string_view(reinterpret_cast<const char*>(p_) + start + 2, pos_ - start - 2) == "custom") {
          capturing_ = true;
          custom_ = detail::CustomAnnotation();
          custom_.at_token = out_.size();
          custom_.offset = uint32_t(start);
        }
        ++skip_depth_;
        return;
      }
      if (skip_depth_ > 0) ++skip_depth_;
      emit(TokenKind::LParen, pos_, pos_ + 1);
      ++pos_;
      return;
    }
    if (c == ')') {
      if (skip_depth_ > 0) {
        if (--skip_depth_ > 0) {
          emit(TokenKind::RParen, pos_, pos_ + 1);
        } else if (capturing_) {
          end_custom();
        }
        ++pos_;
        return;
      }
      emit(TokenKind::RParen, pos_, pos_ + 1);
      ++pos_;
      return;
    }
    if (c == ';' && pos_ + 1 < len_ && p_[pos_ + 1] == ';') {
      line_comment();
      return;
    }
    if (c == ';') {
      emit(TokenKind::Reserved, pos_, pos_ + 1);
      ++pos_;
      return;
    }
    word();
  }

  // To the end of the line: a line feed, a carriage return, or both.
  void line_comment() {
    while (pos_ < len_ && p_[pos_] != '\n' && p_[pos_] != '\r') {
      std::size_t n = utf8_sequence(p_ + pos_, p_ + len_);
      if (n == 0) return fail(pos_, "malformed UTF-8 encoding");
      pos_ += n;
    }
  }

  void block_comment() {
    std::size_t start = pos_;
    pos_ += 2;
    int depth = 1;
    while (pos_ < len_) {
      if (p_[pos_] == '(' && pos_ + 1 < len_ && p_[pos_ + 1] == ';') {
        ++depth;
        pos_ += 2;
      } else if (p_[pos_] == ';' && pos_ + 1 < len_ && p_[pos_ + 1] == ')') {
        pos_ += 2;
        if (--depth == 0) return;
      } else {
        std::size_t n = utf8_sequence(p_ + pos_, p_ + len_);
        if (n == 0) return fail(pos_, "malformed UTF-8 encoding");
        pos_ += n;
      }
    }
    fail(start, "unclosed comment");
  }

  // A string from its opening quote; false (and an Error token) if it is not well-formed.
  bool string() {
    std::size_t start = pos_++;
    while (true) {
      if (pos_ >= len_) {
        fail(start, "unclosed string");
        return false;
      }
      unsigned char c = p_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        if (pos_ + 1 >= len_) {
          fail(start, "unclosed string");
          return false;
        }
        unsigned char e = p_[pos_ + 1];
        if (std::strchr("ntr\\'\"", e) && e != 0) {
          pos_ += 2;
        } else if (hex_value(e) >= 0 && pos_ + 2 < len_ && hex_value(p_[pos_ + 2]) >= 0) {
          pos_ += 3;
        } else if (e == 'u' && pos_ + 2 < len_ && p_[pos_ + 2] == '{') {
          std::size_t q = pos_ + 3;
          uint32_t cp = 0;
          bool digits = false, too_big = false, last_underscore = false;
          while (q < len_ && (hex_value(p_[q]) >= 0 || (p_[q] == '_' && digits))) {
            last_underscore = p_[q] == '_';
            if (!last_underscore) {
              cp = cp * 16 + uint32_t(hex_value(p_[q]));
              if (cp > 0x10FFFF) too_big = true;
              digits = true;
            }
            ++q;
          }
          if (!digits || last_underscore || q >= len_ || p_[q] != '}' || too_big ||
              (cp >= 0xD800 && cp < 0xE000)) {
            fail(pos_, "illegal escape");
            return false;
          }
          pos_ = q + 1;
        } else {
          fail(pos_, "illegal escape");
          return false;
        }
        continue;
      }
      if (c < 0x20 || c == 0x7F) {
        fail(pos_, c == '\n' ? "unclosed string" : "illegal control character in string");
        return false;
      }
      std::size_t n = utf8_sequence(p_ + pos_, p_ + len_);
      if (n == 0) {
        fail(pos_, "malformed UTF-8 encoding");
        return false;
      }
      pos_ += n;
    }
  }

  // A maximal run up to white space, a parenthesis or a comment.
  void word() {
    std::size_t start = pos_;
    bool only_idchars = true;
    int strings = 0;
    while (pos_ < len_) {
      unsigned char c = p_[pos_];
      if (is_space(c) || c == '(' || c == ')' || c == ';') break;
      if (c == '"') {
        if (!string()) return;
        ++strings;
        continue;
      }
      if (is_idchar(c)) {
        ++pos_;
        continue;
      }
      only_idchars = false;
      std::size_t n = utf8_sequence(p_ + pos_, p_ + len_);
      if (n == 0) return fail(pos_, "malformed UTF-8 encoding");
      pos_ += n;
    }
    std::string_view text(reinterpret_cast<const char*>(p_) + start, pos_ - start);
    TokenKind kind;
    if (strings == 1 && text.front() == '"' && only_idchars && is_single_string(text)) {
      kind = TokenKind::String;
    } else if (strings > 0 || !only_idchars) {
      kind = TokenKind::Reserved;
    } else if (text[0] == '$') {
      kind = text.size() > 1 ? TokenKind::Id : TokenKind::Reserved;
    } else if (is_number_syntax(text)) {
      kind = TokenKind::Number;
    } else if (text[0] >= 'a' && text[0] <= 'z') {
      kind = TokenKind::Keyword;
    } else {
      kind = TokenKind::Reserved;
    }
    emit(kind, start, pos_);
  }

  // True if the run (which holds exactly one string) is nothing but that string.
  static bool is_single_string(std::string_view text) noexcept {
    // The one string starts at the front; the run is a lone string if it ends with the string's
    // closing quote. A closing quote is one not escaped by an odd number of backslashes.
    if (text.size() < 2 || text.back() != '"') return false;
    std::size_t i = 1;
    while (i < text.size()) {
      if (text[i] == '\\') {
        i += 2;
        continue;
      }
      if (text[i] == '"') return i == text.size() - 1;
      ++i;
    }
    return false;
  }

  // The custom annotation's closing parenthesis: its tokens get an End token and their matches.
  void end_custom() {
    capturing_ = false;
    Token end;
    end.kind = TokenKind::End;
    end.offset = uint32_t(pos_);
    custom_.tokens.push_back(end);
    match_parens(custom_.tokens);
    customs_->push_back(std::move(custom_));
  }

  void match_parens() { match_parens(out_); }

  static void match_parens(std::vector<Token>& out) {
    std::vector<uint32_t> open;
    for (uint32_t i = 0; i < out.size(); ++i) {
      Token& t = out[i];
      if (t.kind == TokenKind::LParen) {
        t.match = Token::kNoMatch;
        open.push_back(i);
      } else if (t.kind == TokenKind::RParen) {
        if (open.empty()) {
          t.match = Token::kNoMatch;
        } else {
          t.match = open.back();
          out[open.back()].match = i;
          open.pop_back();
        }
      }
    }
  }

  const unsigned char* p_;
  std::size_t len_;
  std::size_t pos_ = 0;
  int skip_depth_ = 0;
  bool failed_ = false;
  std::vector<Token> out_;
  std::vector<detail::CustomAnnotation>* customs_;  // null: custom annotations are skipped too
  bool capturing_ = false;                          // inside a custom annotation
  detail::CustomAnnotation custom_;
};

}  // namespace

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

std::vector<Token> tokenize(const char* text, std::size_t len) { return Lexer(text, len).run(); }

std::vector<Token> detail::tokenize_with_customs(const char* text, std::size_t len,
                                                 std::vector<detail::CustomAnnotation>* customs) {
  return Lexer(text, len, customs).run();
}

std::string string_value(const char* text, const Token& token) {
  std::string out;
  const char* p = text + token.offset + 1;
  const char* end = text + token.offset + token.length - 1;
  while (p < end) {
    if (*p != '\\') {
      out.push_back(*p++);
      continue;
    }
    char e = p[1];
    switch (e) {
      case 'n':
        out.push_back('\n');
        p += 2;
        break;
      case 't':
        out.push_back('\t');
        p += 2;
        break;
      case 'r':
        out.push_back('\r');
        p += 2;
        break;
      case '\\':
        out.push_back('\\');
        p += 2;
        break;
      case '\'':
        out.push_back('\'');
        p += 2;
        break;
      case '"':
        out.push_back('"');
        p += 2;
        break;
      case 'u': {
        p += 3;  // past \u{
        uint32_t cp = 0;
        while (*p != '}') {
          if (*p != '_') cp = cp * 16 + uint32_t(hex_value(static_cast<unsigned char>(*p)));
          ++p;
        }
        ++p;
        append_utf8(out, cp);
        break;
      }
      default:
        out.push_back(char(hex_value(static_cast<unsigned char>(p[1])) * 16 +
                           hex_value(static_cast<unsigned char>(p[2]))));
        p += 3;
        break;
    }
  }
  return out;
}

void text_position(const char* text, std::size_t len, std::size_t offset, uint32_t* line, uint32_t* column) {
  uint32_t l = 1, c = 1;
  if (offset > len) offset = len;
  for (std::size_t i = 0; i < offset; ++i) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    bool crlf = b == '\r' && i + 1 < len && text[i + 1] == '\n';
    if (b == '\n' || (b == '\r' && !crlf)) {
      ++l;
      c = 1;
    } else if (crlf) {
      continue;
    } else if ((b & 0xC0) != 0x80) {
      ++c;
    }
  }
  *line = l;
  *column = c;
}

bool is_valid_utf8(std::string_view bytes) noexcept {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* end = p + bytes.size();
  while (p < end) {
    std::size_t n = utf8_sequence(p, end);
    if (n == 0) return false;
    p += n;
  }
  return true;
}

}  // namespace ember::text
