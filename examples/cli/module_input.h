// Reading a module from disk as a binary, or as text converted by ember_text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ember_cli {

// True if the bytes are a binary module (they start with "\0asm"); anything else is read as text.
bool is_binary_module(const std::vector<uint8_t>& bytes);

// True if the bytes look like the text format: the first non-blank character opens an
// S-expression or a comment.
bool looks_like_text(const std::vector<uint8_t>& bytes);

// Reads a module file: a binary as it is, text (.wat) converted to a binary. On failure returns
// false with a readable reason in `error` (for text: "FILE:LINE:COLUMN: message").
bool read_module(const std::string& path, std::vector<uint8_t>* out, std::string* error);

}  // namespace ember_cli
