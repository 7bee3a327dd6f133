// ember-spec: spec-script values. Turns the JSON value encoding (unsigned decimal bit patterns, NaN
// patterns, host reference numbers, v128 lanes) into ember::Value arguments and expected results,
// and compares / prints engine results against them.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "ember/types.h"
#include "json.h"

namespace ember_spec {

// A value the runner cannot represent or does not understand (bad digits, unsupported type).
class ValueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The canonical NaNs' bits: exponent all ones, only the quiet bit set in the payload.
constexpr uint32_t kF32CanonicalNan = 0x7FC00000u;
constexpr uint64_t kF64CanonicalNan = 0x7FF8000000000000ull;

// What an expected float (or float lane) accepts besides an exact bit pattern.
enum class NanPattern : uint8_t {
  None,        // the exact bits
  Canonical,   // nan:canonical: only the quiet bit set in the payload, either sign
  Arithmetic,  // nan:arithmetic: any NaN with the quiet bit set
};

// Shape of a v128 constant in the script (it decides how lanes are compared and printed).
enum class LaneType : uint8_t { I8, I16, I32, I64, F32, F64 };

// One expected result.
struct Expected {
  ember::ValType type = ember::ValType::I32;
  ember::Value value;                 // the exact bits, when a pattern does not apply
  bool any = false;                   // no "value" given: any value of the type (non-null for references)
  NanPattern nan = NanPattern::None;  // scalar f32 / f64
  LaneType lanes = LaneType::I32;     // v128 only
  std::vector<NanPattern> lane_nan;   // v128 float lanes only, one per lane
  std::string shown;                  // as written in the script, for messages
};

// The host reference the runner passes for externref number `n` (distinct and never null).
void* host_ref(uint64_t n) noexcept;

// Parses a value type name ("i32", "externref", ...); ValueError if ember has no such type.
ember::ValType parse_type(const std::string& name);

// Parses a v128 lane type name ("i8", ..., "f64").
LaneType parse_lane_type(const std::string& name);

// Parses an argument ({"type": T, "value": V}) into an engine value.
ember::Value parse_argument(const Json& json);

// Parses an expected result; a missing "value" means "any value of the type".
Expected parse_expected(const Json& json);

// True if `got` satisfies `want` (type and bits, or the NaN / reference pattern).
bool matches(const Expected& want, const ember::Value& got) noexcept;

// "i32:42", "f32:1065353216 [1]", "externref:3", "v128:i32x4[1 2 3 4]"... For v128, `lanes`
// picks the lane shape (use the expected value's, so both sides print alike).
std::string to_string(const ember::Value& value, LaneType lanes = LaneType::I32);

}  // namespace ember_spec
