// Ember text format: numeric literal syntax, shared by the lexer and the parser.
#pragma once

#include <string_view>

namespace ember::text {

// True if the text is an integer or float literal by the text format's grammar (its value may
// still be out of range for the type it is used as).
bool is_number_syntax(std::string_view text) noexcept;

}  // namespace ember::text
