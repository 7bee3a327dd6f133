// Ember: WebAssembly value types, values and function signatures as the host sees them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ember {

// Value types, numbered by their binary-format encoding.
enum class ValType : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  FuncRef = 0x70,
  ExternRef = 0x6F,
};

// True for funcref and externref.
constexpr bool is_ref(ValType t) noexcept { return t == ValType::FuncRef || t == ValType::ExternRef; }

// Number of 8-byte stack slots a value of this type occupies (v128 takes two).
constexpr uint32_t slot_count(ValType t) noexcept { return t == ValType::V128 ? 2u : 1u; }

// Spec name of a value type ("i32", "funcref", ...).
const char* to_string(ValType t) noexcept;

// Kinds of importable / exportable entities, numbered by their binary encoding.
enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };

struct V128 {
  uint8_t bytes[16];
};

class Function;

// A WebAssembly value tagged with its type. References are opaque pointers; null is nullptr.
struct Value {
  ValType type = ValType::I32;
  union {
    uint32_t u32;
    uint64_t u64;
    float f32;
    double f64;
    void* ref;
    V128 v128;
  };

  Value() noexcept : u64(0) {}
  static Value i32(int32_t v) noexcept { Value r; r.type = ValType::I32; r.u64 = 0; r.u32 = uint32_t(v); return r; }
  static Value i64(int64_t v) noexcept { Value r; r.type = ValType::I64; r.u64 = uint64_t(v); return r; }
  static Value f32v(float v) noexcept { Value r; r.type = ValType::F32; r.u64 = 0; r.f32 = v; return r; }
  static Value f64v(double v) noexcept { Value r; r.type = ValType::F64; r.f64 = v; return r; }
  static Value funcref(Function* f) noexcept { Value r; r.type = ValType::FuncRef; r.u64 = 0; r.ref = f; return r; }
  static Value externref(void* p) noexcept { Value r; r.type = ValType::ExternRef; r.u64 = 0; r.ref = p; return r; }
  static Value v128v(const V128& v) noexcept { Value r; r.type = ValType::V128; r.v128 = v; return r; }
  // The zero / null value of a type (what locals and new table slots start as).
  static Value zero(ValType t) noexcept { Value r; r.type = t; std::memset(&r.v128, 0, sizeof r.v128); return r; }

  int32_t as_i32() const noexcept { return int32_t(u32); }
  int64_t as_i64() const noexcept { return int64_t(u64); }
  float as_f32() const noexcept { return f32; }
  double as_f64() const noexcept { return f64; }
};

// A borrowed view of a function signature.
//
// Function-type identity: == compares the signatures element by element with ValType's ==. Inside
// a store each distinct signature is interned once and gets a canonical id (Function::type_id_,
// an instance's type ids), and that id is what call_indirect and import matching compare; ids of
// different stores are unrelated. (Once signatures can hold concrete references, their type
// indices must be made canonical before interning, since an index means different types in
// different modules.)
struct FuncTypeView {
  const ValType* params = nullptr;
  uint32_t param_count = 0;
  const ValType* results = nullptr;
  uint32_t result_count = 0;

  bool operator==(const FuncTypeView& o) const noexcept {
    if (param_count != o.param_count || result_count != o.result_count) return false;
    for (uint32_t i = 0; i < param_count; ++i)
      if (params[i] != o.params[i]) return false;
    for (uint32_t i = 0; i < result_count; ++i)
      if (results[i] != o.results[i]) return false;
    return true;
  }
  bool operator!=(const FuncTypeView& o) const noexcept { return !(*this == o); }
};

// Size limits of a table or memory (in elements or pages).
struct Limits {
  uint64_t min = 0;
  uint64_t max = 0;
  bool has_max = false;
};

struct TableType {
  ValType elem = ValType::FuncRef;
  Limits limits;
};

struct MemoryType {
  Limits limits;  // in 64 KiB pages
};

struct GlobalType {
  ValType type = ValType::I32;
  bool is_mutable = false;
};

}  // namespace ember
