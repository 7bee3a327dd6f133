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
    char buf[256];
    *error = path + ":" + ember::text::format_error(converted.error(), buf, sizeof buf);
    return false;
  }
  *out = std::move(converted.value());
  return true;
#else
  *error = path + ": not a binary module (this ember was built without the text format, EMBER_BUILD_TEXT=OFF)";
  return false;
#endif
}

}  // namespace ember_cli
