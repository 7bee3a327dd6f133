// Reading a module from disk (the core library does no file I/O of its own).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ember_cli {

// Reads the whole file; on failure returns false and sets `error` to a readable reason.
bool read_file(const std::string& path, std::vector<uint8_t>* out, std::string* error);

}  // namespace ember_cli
