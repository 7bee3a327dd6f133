#include "module_input.h"

#include <cstdio>
#include <cstring>

#ifdef EMBER_CLI_TEXT
#include "ember/text.h"
#endif

namespace ember_cli {

bool is_binary_module(const uint8_t* bytes, std::size_t size) {
  return size >= 4 && std::memcmp(bytes, "\0asm", 4) == 0;
}

bool looks_like_text(const uint8_t* bytes, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    uint8_t b = bytes[i];
    if (b == ' ' || b == '\t' || b == '\n' || b == '\r') continue;
    return b == '(' || b == ';';
  }
  return false;
}

bool open_module(const std::string& path, ModuleInput* out, std::string* error) {
  std::string why;
  if (!out->file.open(path, &why)) {
    *error = "cannot read " + path + ": " + why;
    return false;
  }
  const uint8_t* bytes = out->file.data();
  std::size_t size = out->file.size();
  if (is_binary_module(bytes, size)) return true;
#ifdef EMBER_CLI_TEXT
  auto converted = ember::text::wat_to_wasm(reinterpret_cast<const char*>(bytes), size);
  if (!converted.ok()) {
    if (!looks_like_text(bytes, size)) {
      *error = path + ": not a WebAssembly module: no \\0asm header, and not the text format either";
      return false;
    }
    char buf[256];
    *error = path + ":" + ember::text::format_error(converted.error(), buf, sizeof buf);
    return false;
  }
  out->from_text = true;
  out->converted = std::move(converted.value());
  return true;
#else
  if (looks_like_text(bytes, size)) {
    *error = path +
             ": this looks like the text format (.wat), which this ember cannot read (built with "
             "EMBER_BUILD_TEXT=OFF): convert it to a binary first (wat2wasm)";
  } else {
    *error = path + ": not a WebAssembly module: no \\0asm header";
  }
  return false;
#endif
}

bool read_module(const std::string& path, std::vector<uint8_t>* out, std::string* error) {
  ModuleInput input;
  if (!open_module(path, &input, error)) return false;
  out->assign(input.data(), input.data() + input.size());
  return true;
}

bool read_module_reporting(const std::string& path, std::vector<uint8_t>* out) {
  std::string err;
  if (read_module(path, out, &err)) return true;
  std::fprintf(stderr, "ember: %s\n", err.c_str());
  return false;
}

ember::Result<ember::Module> load_reporting(const std::string& path, const std::vector<uint8_t>& bytes,
                                            const ember::Config& config) {
  ember::Result<ember::Module> loaded = ember::Module::load(bytes.data(), bytes.size(), config);
  if (!loaded.ok()) {
    char buf[256];
    std::fprintf(stderr, "ember: %s: %s\n", path.c_str(),
                 ember::format_error(loaded.error(), buf, sizeof buf));
  }
  return loaded;
}

}  // namespace ember_cli
