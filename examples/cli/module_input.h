// Reading a module from disk as a binary, or as text converted by ember_text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ember/ember.h"
#include "file_io.h"

namespace ember_cli {

// True if the bytes are a binary module (they start with "\0asm"); anything else is read as text.
bool is_binary_module(const uint8_t* bytes, std::size_t size);

// True if the bytes look like the text format: the first non-blank character opens an
// S-expression or a comment.
bool looks_like_text(const uint8_t* bytes, std::size_t size);

// A module's binary: the file itself (mapped, not copied) when it is one, else the text converted.
struct ModuleInput {
  FileBytes file;
  bool from_text = false;
  std::vector<uint8_t> converted;
  const uint8_t* data() const { return from_text ? converted.data() : file.data(); }
  std::size_t size() const { return from_text ? converted.size() : file.size(); }
};

// Opens a module file: a binary as it is, text (.wat) converted to a binary. On failure returns
// false with a readable reason in `error` (for text: "FILE:LINE:COLUMN: message").
bool open_module(const std::string& path, ModuleInput* out, std::string* error);

// The same, copied into `out`.
bool read_module(const std::string& path, std::vector<uint8_t>* out, std::string* error);

// The commands' way in: read_module, printing "ember: REASON" on stderr when it fails.
bool read_module_reporting(const std::string& path, std::vector<uint8_t>* out);

// Module::load of `bytes` (copied), printing "ember: FILE: ERROR" on stderr when it fails.
ember::Result<ember::Module> load_reporting(const std::string& path, const std::vector<uint8_t>& bytes,
                                            const ember::Config& config = ember::Config{});

}  // namespace ember_cli
