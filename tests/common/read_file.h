// Test helper: a whole file's bytes, read in large blocks. Header-only, for any test target.
// (An istreambuf_iterator copy reads byte by byte: in the -O0 sanitizer build that was most of
// the allocation sweep's time, which re-reads its module on every run.)
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace ember_test {

// The bytes of the file at `path`; false (with `out` empty) if it cannot be opened or read.
inline bool read_file(const std::string& path, std::vector<uint8_t>* out) {
  out->clear();
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  uint8_t block[1 << 16];
  std::size_t n;
  while ((n = std::fread(block, 1, sizeof block, f)) > 0) out->insert(out->end(), block, block + n);
  bool ok = !std::ferror(f);
  std::fclose(f);
  if (!ok) out->clear();
  return ok;
}

// The same, or no bytes if the file cannot be read (the callers' load then fails, and says so).
inline std::vector<uint8_t> read_file(const std::string& path) {
  std::vector<uint8_t> bytes;
  read_file(path, &bytes);
  return bytes;
}

}  // namespace ember_test
