// ember-spec: parsing, comparing and printing of spec-script values.
#include "values.h"

#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <cstring>

namespace ember_spec {

namespace {

constexpr uint32_t kF32SignMask = 0x80000000u;
constexpr uint64_t kF64SignMask = 0x8000000000000000ull;

struct LaneFormat {
  const char* name;   // as in the script ("i8", ...)
  const char* shape;  // for printing ("i8x16", ...)
  uint32_t bytes;     // width of one lane
};

const LaneFormat& shape_of(LaneType t) noexcept {
  static const LaneFormat shapes[] = {
      {"i8", "i8x16", 1},  {"i16", "i16x8", 2}, {"i32", "i32x4", 4},
      {"i64", "i64x2", 8}, {"f32", "f32x4", 4}, {"f64", "f64x2", 8},
  };
  return shapes[static_cast<int>(t)];
}

bool is_float_lane(LaneType t) noexcept { return t == LaneType::F32 || t == LaneType::F64; }

// Parses the unsigned decimal of a `bits`-wide bit pattern. A leading '-' is accepted too (and
// wrapped), since a hand-written script may use signed decimals.
uint64_t parse_bits(const std::string& text, uint32_t bits) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  uint64_t value = 0;
  bool negative = !text.empty() && text[0] == '-';
  auto [ptr, ec] = std::from_chars(begin + (negative ? 1 : 0), end, value);
  if (ec != std::errc() || ptr != end || text.size() == (negative ? 1u : 0u)) {
    throw ValueError("bad number '" + text + "'");
  }
  uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
  if (negative) {
    uint64_t limit = bits == 64 ? (1ull << 63) : (1ull << (bits - 1));
    if (value > limit) throw ValueError("number out of range '" + text + "'");
    value = (0 - value) & mask;
  } else if (value > mask) {
    throw ValueError("number out of range '" + text + "'");
  }
  return value;
}

NanPattern parse_nan_pattern(const std::string& text) noexcept {
  if (text == "nan:canonical") return NanPattern::Canonical;
  if (text == "nan:arithmetic") return NanPattern::Arithmetic;
  return NanPattern::None;
}

bool f32_matches(uint32_t got, NanPattern nan, uint32_t want) noexcept {
  switch (nan) {
    case NanPattern::None: return got == want;
    case NanPattern::Canonical: return (got & ~kF32SignMask) == kF32CanonicalNan;
    case NanPattern::Arithmetic: return (got & kF32CanonicalNan) == kF32CanonicalNan;
  }
  return false;
}

bool f64_matches(uint64_t got, NanPattern nan, uint64_t want) noexcept {
  switch (nan) {
    case NanPattern::None: return got == want;
    case NanPattern::Canonical: return (got & ~kF64SignMask) == kF64CanonicalNan;
    case NanPattern::Arithmetic: return (got & kF64CanonicalNan) == kF64CanonicalNan;
  }
  return false;
}

uint64_t read_lane(const ember::V128& v, uint32_t index, uint32_t bytes) noexcept {
  uint64_t lane = 0;
  std::memcpy(&lane, v.bytes + index * bytes, bytes);  // lanes are little-endian, as is the host
  return lane;
}

void write_lane(ember::V128& v, uint32_t index, uint32_t bytes, uint64_t lane) noexcept {
  std::memcpy(v.bytes + index * bytes, &lane, bytes);
}

// Reads a v128 constant's lanes; float lanes may be NaN patterns when `patterns` is given.
ember::V128 parse_v128(const Json& json, LaneType lanes, std::vector<NanPattern>* patterns) {
  const LaneFormat& shape = shape_of(lanes);
  const auto& items = json.at("value").as_array();
  uint32_t count = 16 / shape.bytes;
  if (items.size() != count) {
    throw ValueError(std::string("v128 ") + shape.shape + " needs " + std::to_string(count) + " lanes, got " +
                     std::to_string(items.size()));
  }
  ember::V128 v{};
  for (uint32_t i = 0; i < count; ++i) {
    const std::string& text = items[i].as_string();
    NanPattern nan = is_float_lane(lanes) ? parse_nan_pattern(text) : NanPattern::None;
    if (nan != NanPattern::None && !patterns)
      throw ValueError("NaN pattern '" + text + "' used as an argument");
    if (patterns && is_float_lane(lanes)) patterns->push_back(nan);
    if (nan == NanPattern::None) write_lane(v, i, shape.bytes, parse_bits(text, shape.bytes * 8));
  }
  return v;
}

ember::Value reference(ember::ValType type, const std::string& text) {
  if (text == "null") return ember::Value::zero(type);
  if (type == ember::ValType::ExternRef) return ember::Value::externref(host_ref(parse_bits(text, 64)));
  // The host cannot name a particular function, and the suite only writes ref.null for funcref.
  throw ValueError("unsupported funcref value '" + text + "'");
}

// Parses a scalar value's bits; NaN patterns are the caller's business.
ember::Value scalar(ember::ValType type, const std::string& text) {
  ember::Value v = ember::Value::zero(type);
  switch (type.code()) {
    case ember::ValType::Code::I32:
    case ember::ValType::Code::F32:
      // Set the bits directly: going through a float could quiet a signalling NaN.
      v.u32 = uint32_t(parse_bits(text, 32));
      return v;
    case ember::ValType::Code::I64:
    case ember::ValType::Code::F64: v.u64 = parse_bits(text, 64); return v;
    case ember::ValType::Code::Ref: return reference(type, text);
    case ember::ValType::Code::V128: break;
  }
  throw ValueError("v128 value without lanes");
}

std::string float_text(double d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", d);
  return buf;
}

}  // namespace

LaneType parse_lane_type(const std::string& name) {
  for (int i = 0; i <= static_cast<int>(LaneType::F64); ++i) {
    if (name == shape_of(static_cast<LaneType>(i)).name) return static_cast<LaneType>(i);
  }
  throw ValueError("unknown v128 lane type '" + name + "'");
}

void* host_ref(uint64_t n) noexcept {
  // Offset by one so that host reference 0 is not the null reference.
  return reinterpret_cast<void*>(static_cast<uintptr_t>(n) + 1);
}

ember::ValType parse_type(const std::string& name) {
  if (name == "i32") return ember::ValType::I32;
  if (name == "i64") return ember::ValType::I64;
  if (name == "f32") return ember::ValType::F32;
  if (name == "f64") return ember::ValType::F64;
  if (name == "v128") return ember::ValType::V128;
  if (name == "funcref") return ember::ValType::FuncRef;
  if (name == "externref") return ember::ValType::ExternRef;
  throw ValueError("unsupported value type '" + name + "'");
}

ember::Value parse_argument(const Json& json) {
  ember::ValType type = parse_type(json.at("type").as_string());
  if (type == ember::ValType::V128) {
    LaneType lanes = parse_lane_type(json.at("lane_type").as_string());
    return ember::Value::v128v(parse_v128(json, lanes, nullptr));
  }
  const std::string& text = json.at("value").as_string();
  if (parse_nan_pattern(text) != NanPattern::None)
    throw ValueError("NaN pattern '" + text + "' used as an argument");
  return scalar(type, text);
}

Expected parse_expected(const Json& json) {
  Expected e;
  const std::string& type_name = json.at("type").as_string();
  e.type = parse_type(type_name);
  e.value = ember::Value::zero(e.type);
  const Json* value = json.find("value");
  if (!value) {
    e.any = true;
    e.shown = type_name;
    return e;
  }
  if (e.type == ember::ValType::V128) {
    e.lanes = parse_lane_type(json.at("lane_type").as_string());
    e.value = ember::Value::v128v(parse_v128(json, e.lanes, &e.lane_nan));
    e.shown = std::string("v128:") + shape_of(e.lanes).shape + "[";
    const auto& items = value->as_array();
    for (std::size_t i = 0; i < items.size(); ++i) e.shown += (i ? " " : "") + items[i].as_string();
    e.shown += "]";
    return e;
  }
  const std::string& text = value->as_string();
  if (e.type == ember::ValType::FuncRef && text != "null") {
    // wast2json writes a bare `(ref.func)` result (any function) as a number; the host cannot name
    // one particular function anyway, so any non-null funcref matches.
    e.any = true;
    e.shown = "funcref:non-null";
    return e;
  }
  e.nan = (e.type == ember::ValType::F32 || e.type == ember::ValType::F64) ? parse_nan_pattern(text)
                                                                           : NanPattern::None;
  if (e.nan == NanPattern::None) {
    e.value = scalar(e.type, text);
    e.shown = to_string(e.value);
  } else {
    e.shown = type_name + ":" + text;
  }
  return e;
}

bool matches(const Expected& want, const ember::Value& got) noexcept {
  if (got.type != want.type) return false;
  switch (want.type.code()) {
    case ember::ValType::Code::I32: return want.any || got.u32 == want.value.u32;
    case ember::ValType::Code::I64: return want.any || got.u64 == want.value.u64;
    case ember::ValType::Code::F32: return want.any || f32_matches(got.u32, want.nan, want.value.u32);
    case ember::ValType::Code::F64: return want.any || f64_matches(got.u64, want.nan, want.value.u64);
    case ember::ValType::Code::Ref:
      // A reference without a value ("ref.func" / "ref.extern") stands for any non-null one.
      return want.any ? got.ref != nullptr : got.ref == want.value.ref;
    case ember::ValType::Code::V128: {
      if (want.any) return true;
      if (!is_float_lane(want.lanes)) return std::memcmp(got.v128.bytes, want.value.v128.bytes, 16) == 0;
      uint32_t bytes = shape_of(want.lanes).bytes;
      for (uint32_t i = 0; i < 16 / bytes; ++i) {
        uint64_t g = read_lane(got.v128, i, bytes);
        uint64_t w = read_lane(want.value.v128, i, bytes);
        bool ok = bytes == 4 ? f32_matches(uint32_t(g), want.lane_nan[i], uint32_t(w))
                             : f64_matches(g, want.lane_nan[i], w);
        if (!ok) return false;
      }
      return true;
    }
  }
  return false;
}

std::string to_string(const ember::Value& value, LaneType lanes) {
  switch (value.type.code()) {
    case ember::ValType::Code::I32: return "i32:" + std::to_string(value.u32);
    case ember::ValType::Code::I64: return "i64:" + std::to_string(value.u64);
    case ember::ValType::Code::F32: {
      float f;
      std::memcpy(&f, &value.u32, 4);
      return "f32:" + std::to_string(value.u32) + " [" + float_text(f) + "]";
    }
    case ember::ValType::Code::F64: {
      double d;
      std::memcpy(&d, &value.u64, 8);
      return "f64:" + std::to_string(value.u64) + " [" + float_text(d) + "]";
    }
    case ember::ValType::Code::Ref: {
      if (value.type != ember::ValType::ExternRef) return value.ref ? "funcref:non-null" : "funcref:null";
      if (!value.ref) return "externref:null";
      // Undo host_ref(); an engine bug could hand back a pointer the runner never made, which
      // still prints as a (large) number rather than crashing.
      return "externref:" + std::to_string(uint64_t(reinterpret_cast<uintptr_t>(value.ref)) - 1);
    }
    case ember::ValType::Code::V128: {
      const LaneFormat& shape = shape_of(lanes);
      std::string out = std::string("v128:") + shape.shape + "[";
      for (uint32_t i = 0; i < 16 / shape.bytes; ++i) {
        if (i) out += " ";
        out += std::to_string(read_lane(value.v128, i, shape.bytes));
      }
      return out + "]";
    }
  }
  return "<unknown type " + std::to_string(value.type.bits()) + ">";
}

}  // namespace ember_spec
