// Ember text format: the custom annotations, `(@custom "name" place? "data"*)`, which the text
// format of WebAssembly 3.0 uses to write custom sections. Every other annotation is skipped by the
// lexer; these are kept aside with their tokens, and the module parser turns the ones written as
// module fields into custom sections.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ember/text_lexer.h"

namespace ember::text::detail {

struct CustomAnnotation {
  std::size_t at_token = 0;   // index of the main stream's token that follows the annotation
  uint32_t offset = 0;        // byte offset of its `(@custom`
  std::vector<Token> tokens;  // the tokens inside it, after `(@custom`; ends with an End token
};

// tokenize(), also collecting the custom annotations (in text order) into `customs`.
std::vector<Token> tokenize_with_customs(const char* text, std::size_t len,
                                         std::vector<CustomAnnotation>* customs);

}  // namespace ember::text::detail
