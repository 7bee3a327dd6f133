// Ember text format: the public entry points.
#include <cstdio>
#include <cstring>

#include "ember/text.h"
#include "parser.h"

namespace ember::text {

void TextError::set_detail(std::string_view text) noexcept {
  std::size_t n = text.size() < sizeof detail - 1 ? text.size() : sizeof detail - 1;
  if (n) std::memcpy(detail, text.data(), n);
  detail[n] = '\0';
}

const char* error_text(const TextError& error, char* buf, std::size_t size) noexcept {
  if (size == 0) return buf;
  if (error.detail[0]) {
    std::snprintf(buf, size, "%s %s", error.message, error.detail);
  } else {
    std::snprintf(buf, size, "%s", error.message);
  }
  return buf;
}

const char* format_error(const TextError& error, char* buf, std::size_t size) noexcept {
  if (size == 0) return buf;
  char text[200];
  std::snprintf(buf, size, "%u:%u: %s", unsigned(error.line), unsigned(error.column),
                error_text(error, text, sizeof text));
  return buf;
}

Result<std::vector<uint8_t>> wat_to_wasm(const char* text, std::size_t len, const WatOptions& options) {
  detail::Parser parser(text, len, options);
  std::vector<uint8_t> out;
  if (!parser.parse(&out)) return parser.error();
  return Result<std::vector<uint8_t>>(std::move(out));
}

}  // namespace ember::text
