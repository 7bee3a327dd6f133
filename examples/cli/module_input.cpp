#include "module_input.h"

#include <cstring>

#include "file_io.h"
#ifdef EMBER_CLI_TEXT
#include "ember/text.h"
#endif

namespace ember_cli {

bool is_binary_module(const std::vector<uint8_t>& bytes) {
  return bytes.size() >= 4 && std::memcmp(bytes.data(), "\0asm", 4) == 0;
}

// Text modules start (after blanks and comments) with '(' or a ';;' / '(;' comment.
bool looks_like_text(const std::vector<uint8_t>& bytes) {
  for (uint8_t b : bytes) {
    if (b == ' ' || b == '\t' || b == '\n' || b == '\r') continue;
    return b == '(' || b == ';';
  }
  return false;
}

bool read_module(const std::string& path, std::vector<uint8_t>* out, std::string* error) {
  std::vector<uint8_t> bytes;
  std::string why;
  if (!read_file(path, &bytes, &why)) {
    *error = "cannot read " + path + ": " + why;
    return false;
  }
  if (is_binary_module(bytes)) {
    *out = std::move(bytes);
    return true;
  }
#ifdef EMBER_CLI_TEXT
  auto converted = ember::text::wat_to_wasm(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (!converted.ok()) {
    if (!looks_like_text(bytes)) {
      *error = path + ": not a WebAssembly module: no \\0asm header, and not the text format either";
      return false;
    }
    char buf[256];
    *error = path + ":" + ember::text::format_error(converted.error(), buf, sizeof buf);
    return false;
  }
  *out = std::move(converted.value());
  return true;
#else
  if (looks_like_text(bytes)) {
    *error = path + ": this looks like the text format (.wat), which this ember cannot read (built with "
                    "EMBER_BUILD_TEXT=OFF): convert it to a binary first (wat2wasm)";
  } else {
    *error = path + ": not a WebAssembly module: no \\0asm header";
  }
  return false;
#endif
}

}  // namespace ember_cli
