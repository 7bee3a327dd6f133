// Ember: reading a function body the way the spec's reference decoder does, to report malformed
// code in the same order and with the same words.
#pragma once

#include "ember/error.h"
#include "module/module_data.h"

namespace ember::detail {

// Reads the instructions of `body` from code_offset to the `end` that closes the function, ignoring
// the declared body size while reading (as the reference decoder does), then checks that they ended
// exactly at that size. Returns the first malformation the reference would report: an instruction
// that does not decode, "malformed memop flags", "END opcode expected" (an `else` or the end of a
// block missing), "unexpected end of section or function", or "section size mismatch". Ok if none.
// Only used on error paths: well-formed modules never pay for this extra pass.
Error scan_body(const ModuleData& m, const FunctionBody& body) noexcept;

}  // namespace ember::detail
