// ember-spec: whole-file reads.
#include "files.h"

#include <fstream>
#include <system_error>

namespace ember_spec {

bool read_file(const std::filesystem::path& path, std::string& out) {
  // A directory opens fine as a stream and reads as empty; reject it up front.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.resize(size);
  return size == 0 || bool(in.read(&out[0], std::streamsize(size)));
}

}  // namespace ember_spec
