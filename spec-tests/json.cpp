// ember-spec: JSON parsing (RFC 8259 grammar) into Json values.
#include "json.h"

#include <charconv>

#include "ember/text_lexer.h"

namespace ember_spec {

namespace {

// Deeper nesting than this is certainly not wast2json output; the limit keeps a hostile file from
// overflowing the C++ stack through recursion.
constexpr int kMaxDepth = 256;

}  // namespace

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : text_(text) {}

  Json parse_document() {
    skip_ws();
    Json root = parse_value(0);
    skip_ws();
    if (pos_ != text_.size()) fail("unexpected characters after the document");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw JsonError("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what);
  }

  bool at_end() const noexcept { return pos_ >= text_.size(); }
  char peek() const noexcept { return at_end() ? '\0' : text_[pos_]; }

  void skip_ws() noexcept {
    while (!at_end()) {
      char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  void expect(char c) {
    if (at_end() || text_[pos_] != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  void expect_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) fail("invalid literal");
    pos_ += word.size();
  }

  Json parse_value(int depth) {
    if (depth > kMaxDepth) fail("nesting too deep");
    if (at_end()) fail("unexpected end of input");
    Json v;
    switch (peek()) {
      case '{': parse_object(v, depth); break;
      case '[': parse_array(v, depth); break;
      case '"':
        v.kind_ = Json::Kind::String;
        v.text_ = parse_string();
        break;
      case 't':
        expect_word("true");
        v.kind_ = Json::Kind::Bool;
        v.bool_ = true;
        break;
      case 'f':
        expect_word("false");
        v.kind_ = Json::Kind::Bool;
        break;
      case 'n': expect_word("null"); break;
      default:
        v.kind_ = Json::Kind::Number;
        v.text_ = parse_number();
        break;
    }
    return v;
  }

  void parse_object(Json& v, int depth) {
    v.kind_ = Json::Kind::Object;
    expect('{');
    skip_ws();
    if (peek() == '}') {
      ++pos_;
      return;
    }
    for (;;) {
      skip_ws();
      if (peek() != '"') fail("expected a member name");
      std::string key = parse_string();
      skip_ws();
      expect(':');
      skip_ws();
      Json member = parse_value(depth + 1);
      v.members_.emplace_back(std::move(key), std::move(member));
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect('}');
      return;
    }
  }

  void parse_array(Json& v, int depth) {
    v.kind_ = Json::Kind::Array;
    expect('[');
    skip_ws();
    if (peek() == ']') {
      ++pos_;
      return;
    }
    for (;;) {
      skip_ws();
      v.items_.push_back(parse_value(depth + 1));
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect(']');
      return;
    }
  }

  uint32_t parse_hex4() {
    if (text_.size() - pos_ < 4) fail("truncated \\u escape");
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      uint32_t digit;
      if (c >= '0' && c <= '9') {
        digit = uint32_t(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = uint32_t(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = uint32_t(c - 'A' + 10);
      } else {
        fail("bad hex digit in \\u escape");
      }
      value = value * 16 + digit;
    }
    return value;
  }

  // Decodes one \uXXXX escape (pos_ is just past the 'u'), joining a surrogate pair when one follows.
  uint32_t parse_unicode_escape() {
    uint32_t cp = parse_hex4();
    if (cp >= 0xD800 && cp <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
      std::size_t save = pos_;
      pos_ += 2;
      uint32_t low = parse_hex4();
      if (low >= 0xDC00 && low <= 0xDFFF) return 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      pos_ = save;  // not a pair: the second escape is decoded on its own
    }
    // A lone surrogate is kept (as WTF-8) rather than rejected: the name then simply matches no
    // export, which reports better than failing the whole file.
    return cp;
  }

  std::string parse_string() {
    expect('"');
    std::string out;
    for (;;) {
      if (at_end()) fail("unterminated string");
      char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out.push_back(c);  // raw UTF-8 bytes pass through unchanged
        continue;
      }
      if (at_end()) fail("unterminated escape");
      char e = text_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': ember::text::append_utf8(out, parse_unicode_escape()); break;
        default: --pos_; fail("unknown escape");
      }
    }
  }

  static bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

  std::string parse_number() {
    std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (!is_digit(peek())) fail("unexpected character");
    if (peek() == '0') {
      ++pos_;
    } else {
      while (is_digit(peek())) ++pos_;
    }
    if (peek() == '.') {
      ++pos_;
      if (!is_digit(peek())) fail("digit expected after '.'");
      while (is_digit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!is_digit(peek())) fail("digit expected in exponent");
      while (is_digit(peek())) ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

Json parse_json(std::string_view text) { return JsonParser(text).parse_document(); }

const char* kind_name(Json::Kind kind) noexcept {
  switch (kind) {
    case Json::Kind::Null: return "null";
    case Json::Kind::Bool: return "bool";
    case Json::Kind::Number: return "number";
    case Json::Kind::String: return "string";
    case Json::Kind::Array: return "array";
    case Json::Kind::Object: return "object";
  }
  return "?";
}

namespace {
[[noreturn]] void wrong_kind(Json::Kind want, Json::Kind got) {
  throw JsonError(std::string("expected a JSON ") + kind_name(want) + ", found " + kind_name(got));
}
}  // namespace

bool Json::as_bool() const {
  if (kind_ != Kind::Bool) wrong_kind(Kind::Bool, kind_);
  return bool_;
}

const std::string& Json::as_string() const {
  if (kind_ != Kind::String) wrong_kind(Kind::String, kind_);
  return text_;
}

int64_t Json::as_int() const {
  if (kind_ != Kind::Number) wrong_kind(Kind::Number, kind_);
  int64_t value = 0;
  const char* end = text_.data() + text_.size();
  auto [ptr, ec] = std::from_chars(text_.data(), end, value);
  if (ec != std::errc() || ptr != end) throw JsonError("not an integer: " + text_);
  return value;
}

const std::vector<Json>& Json::as_array() const {
  if (kind_ != Kind::Array) wrong_kind(Kind::Array, kind_);
  return items_;
}

const Json* Json::find(std::string_view key) const noexcept {
  for (const auto& member : members_) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

const Json& Json::at(std::string_view key) const {
  if (kind_ != Kind::Object) wrong_kind(Kind::Object, kind_);
  const Json* v = find(key);
  if (!v) throw JsonError("missing field \"" + std::string(key) + "\"");
  return *v;
}

}  // namespace ember_spec
