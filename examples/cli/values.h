// Text <-> wasm values for `ember run --invoke`.
#pragma once

#include <string>

#include "ember/ember.h"

namespace ember_cli {

// Parses `text` as a value of `type` (integers in decimal or 0x hex, signed or unsigned; floats as
// strtod reads them, including nan and inf; references only as "null").
bool parse_value(const std::string& text, ember::ValType type, ember::Value* out);

// Formats a result: integers as signed decimal, floats with enough digits to round-trip.
std::string format_value(const ember::Value& v);

// "(i32, i64) -> (f32)"
std::string format_signature(const ember::FuncTypeView& type);

}  // namespace ember_cli
