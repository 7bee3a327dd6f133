// `ember wat2wasm`: convert a text module to a binary one (without validating it). A name section
// carries the identifiers unless --no-names is given; the rest is byte for byte what wabt's
// wat2wasm writes. A binary input is copied as it is.
#include <cstdio>

#include "commands.h"
#include "file_io.h"
#include "module_input.h"
#ifdef EMBER_CLI_TEXT
#include "ember/text.h"
#endif

namespace ember_cli {

#ifndef EMBER_CLI_TEXT
int wat2wasm_command(const std::vector<std::string>&) {
  std::fprintf(stderr,
               "ember: wat2wasm: this ember was built without the text format (EMBER_BUILD_TEXT=OFF)\n");
  return kFailureExitStatus;
}
#else
int wat2wasm_command(const std::vector<std::string>& args) {
  std::string in, out;
  ember::text::WatOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--no-names") {
      options.name_section = false;
    } else if (args[i] == "-o" && i + 1 < args.size()) {
      out = args[++i];
    } else if (args[i].rfind("-o", 0) == 0 && args[i].size() > 2) {
      out = args[i].substr(2);
    } else if (in.empty() && (args[i].empty() || args[i][0] != '-')) {
      in = args[i];
    } else {
      in.clear();
      break;
    }
  }
  if (in.empty() || out.empty()) {
    std::fprintf(stderr, "ember: usage: ember wat2wasm [--no-names] FILE.wat -o FILE.wasm\n");
    return kFailureExitStatus;
  }
  std::vector<uint8_t> bytes;
  std::string err;
  if (!read_file(in, &bytes, &err)) {
    std::fprintf(stderr, "ember: cannot read %s: %s\n", in.c_str(), err.c_str());
    return kFailureExitStatus;
  }
  if (!is_binary_module(bytes.data(), bytes.size())) {
    auto converted =
        ember::text::wat_to_wasm(reinterpret_cast<const char*>(bytes.data()), bytes.size(), options);
    if (!converted.ok()) {
      char buf[256];
      std::fprintf(stderr, "ember: %s:%s\n", in.c_str(),
                   ember::text::format_error(converted.error(), buf, sizeof buf));
      return kFailureExitStatus;
    }
    bytes = std::move(converted.value());
  }
  std::FILE* f = std::fopen(out.c_str(), "wb");
  bool ok = f && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (f && std::fclose(f) != 0) ok = false;
  if (!ok) {
    std::fprintf(stderr, "ember: cannot write %s\n", out.c_str());
    return kFailureExitStatus;
  }
  return 0;
}
#endif

}  // namespace ember_cli
