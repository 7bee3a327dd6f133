// ember-spec: a small JSON reader for wast2json output.
//
// Export names must reach the engine byte-exact (they may hold NUL, a BOM, or be empty), so strings
// decode every \uXXXX escape, surrogate pairs included, to UTF-8 here instead of trusting a library.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ember_spec {

// The document does not parse, or a value does not have the shape a command needs.
class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Json {
 public:
  enum class Kind : uint8_t { Null, Bool, Number, String, Array, Object };

  Kind kind() const noexcept { return kind_; }
  bool is_string() const noexcept { return kind_ == Kind::String; }
  bool is_array() const noexcept { return kind_ == Kind::Array; }
  bool is_object() const noexcept { return kind_ == Kind::Object; }

  // Typed accessors throw JsonError on a kind mismatch, so one malformed command fails on its own
  // instead of taking the whole file down.
  bool as_bool() const;
  const std::string& as_string() const;
  int64_t as_int() const;  // a number without fraction or exponent
  const std::vector<Json>& as_array() const;

  // Object member by key: nullptr if absent (or if this is not an object).
  const Json* find(std::string_view key) const noexcept;
  // Object member by key; throws JsonError if absent.
  const Json& at(std::string_view key) const;

 private:
  friend class JsonParser;

  Kind kind_ = Kind::Null;
  bool bool_ = false;
  std::string text_;  // a string's decoded bytes, or a number as written
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;  // in document order
};

// Parses a whole document; throws JsonError ("line L, column C: ...") on any syntax error.
Json parse_json(std::string_view text);

// Name of a kind, for error messages.
const char* kind_name(Json::Kind kind) noexcept;

}  // namespace ember_spec
