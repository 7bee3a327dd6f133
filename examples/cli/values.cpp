#include "values.h"

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

namespace ember_cli {
namespace {

// Accepts the signed and the unsigned spelling of a `bits`-wide integer.
bool parse_int(const std::string& text, unsigned bits, uint64_t* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  if (text[0] == '-') {
    long long v = std::strtoll(text.c_str(), &end, 0);
    if (errno != 0 || *end != '\0') return false;
    if (bits == 32 && v < INT32_MIN) return false;
    *out = uint64_t(v);
  } else {
    unsigned long long v = std::strtoull(text.c_str(), &end, 0);
    if (errno != 0 || *end != '\0') return false;
    if (bits == 32 && v > UINT32_MAX) return false;
    *out = v;
  }
  return true;
}

}  // namespace

bool parse_value(const std::string& text, ember::ValType type, ember::Value* out) {
  using ember::ValType;
  uint64_t bits = 0;
  char* end = nullptr;
  switch (type.code()) {
    case ValType::Code::I32:
      if (!parse_int(text, 32, &bits)) return false;
      *out = ember::Value::i32(int32_t(uint32_t(bits)));
      return true;
    case ValType::Code::I64:
      if (!parse_int(text, 64, &bits)) return false;
      *out = ember::Value::i64(int64_t(bits));
      return true;
    case ValType::Code::F32: {
      float f = std::strtof(text.c_str(), &end);
      if (text.empty() || *end != '\0') return false;
      *out = ember::Value::f32v(f);
      return true;
    }
    case ValType::Code::F64: {
      double d = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0') return false;
      *out = ember::Value::f64v(d);
      return true;
    }
    case ValType::Code::Ref:
      if (text != "null") return false;
      *out = ember::Value::zero(type);
      return true;
    case ValType::Code::V128: return false;
  }
  return false;
}

std::string format_value(const ember::Value& v) {
  using ember::ValType;
  char buf[64];
  switch (v.type.code()) {
    case ValType::Code::I32: std::snprintf(buf, sizeof buf, "%" PRId32, v.as_i32()); break;
    case ValType::Code::I64: std::snprintf(buf, sizeof buf, "%" PRId64, v.as_i64()); break;
    case ValType::Code::F32: std::snprintf(buf, sizeof buf, "%.9g", double(v.as_f32())); break;
    case ValType::Code::F64: std::snprintf(buf, sizeof buf, "%.17g", v.as_f64()); break;
    case ValType::Code::Ref: std::snprintf(buf, sizeof buf, "%s", v.ref ? "ref" : "null"); break;
    case ValType::Code::V128: {
      std::string s = "0x";
      for (int i = 15; i >= 0; --i) {
        std::snprintf(buf, sizeof buf, "%02x", v.v128.bytes[i]);
        s += buf;
      }
      return s;
    }
  }
  return buf;
}

std::string format_signature(const ember::FuncTypeView& type) {
  std::string s = "(";
  for (uint32_t i = 0; i < type.param_count; ++i) {
    if (i) s += ", ";
    s += ember::to_string(type.params[i]);
  }
  s += ") -> (";
  for (uint32_t i = 0; i < type.result_count; ++i) {
    if (i) s += ", ";
    s += ember::to_string(type.results[i]);
  }
  return s + ")";
}

}  // namespace ember_cli
