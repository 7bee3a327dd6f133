// ember-spec: whole-file reads (scripts and module binaries).
#pragma once

#include <filesystem>
#include <string>

namespace ember_spec {

// Reads the whole file into `out` (bytes as they are). False if it cannot be opened or read.
bool read_file(const std::filesystem::path& path, std::string& out);

}  // namespace ember_spec
