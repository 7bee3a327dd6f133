// Ember: WebAssembly value types, values and function signatures as the host sees them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ember {

// Abstract heap types of WebAssembly 3.0, numbered by their binary encoding (the one-byte form of
// a negative s33 heap type). This build accepts only Func and Extern in modules; the others are
// here so that the representation, subtyping and names stay as they are when typed function
// references, GC and exceptions arrive.
enum class HeapType : uint8_t {
  // Not an abstract type: the heap type is a type index (ValType::type_index()). heap_type()
  // returns it for concrete references; ValType::ref() must not be given it.
  Concrete = 0x01,
  Exn = 0x69,
  Array = 0x6A,
  Struct = 0x6B,
  I31 = 0x6C,
  Eq = 0x6D,
  Any = 0x6E,
  Extern = 0x6F,
  Func = 0x70,
  None = 0x71,
  NoExtern = 0x72,
  NoFunc = 0x73,
  NoExn = 0x74,
};

// A value type: a number type, v128, or a reference type (ref null? heaptype), where the heap type
// is abstract (func, extern, any, ...) or a concrete type index (ref null? $t). A small value class,
// compared with == exactly (kind, nullability and heap type; no subtyping: see is_subtype()).
//
// Layout, one 32-bit word (bits()):
//
//    31                          9   8   7            0
//   +------------------------------+---+--------------+
//   |  type index (23 bits)        | N |     tag      |
//   +------------------------------+---+--------------+
//
//   tag   numbers and vectors: their binary encoding (0x7F i32, 0x7E i64, 0x7D f32, 0x7C f64,
//         0x7B v128), every other bit zero;
//         references: the heap type, an abstract one's encoding (HeapType::Func = 0x70, ...) or
//         HeapType::Concrete (0x01) for a type index;
//         0x00 with every other bit zero: no type (ValType(), e.g. the validator's unknown
//         operand; not a value type).
//   N     references only: set for a non-nullable (ref ht), clear for (ref null ht). Inverted so
//         that every type of WebAssembly 2.0 is its one-byte binary encoding: funcref = (ref null
//         func) = 0x70, externref = (ref null extern) = 0x6F.
//   index concrete references only (else zero): the type index, at most kMaxTypeIndex.
//
// Unused bits are always zero, so two ValTypes are equal exactly when their bits are.
// A concrete index is relative to a module's type section: across modules (in a store's
// signature pool) types are identified by canonical id, not by index (see FuncTypeView).
class ValType {
 public:
  // The kind of a value type, for switch statements: the number and vector types (numbered by
  // their encoding) and Ref for every reference type. Meaningless for ValType().
  enum class Code : uint8_t { I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, V128 = 0x7B, Ref = 0x64 };

  // i32, i64, f32, f64, v128, funcref = (ref null func), externref = (ref null extern); defined below.
  static const ValType I32, I64, F32, F64, V128, FuncRef, ExternRef;

  // The largest type index a concrete reference can hold (23 bits).
  static constexpr uint32_t kMaxTypeIndex = (1u << 23) - 1;

  // No type (bits() == 0): not a value type. The validator's unknown operand; subtype of all.
  constexpr ValType() noexcept = default;

  // (ref null? ht) for an abstract heap type `ht` (not HeapType::Concrete).
  static constexpr ValType ref(HeapType ht, bool nullable) noexcept {
    return ValType(uint32_t(ht) | (nullable ? 0u : kNonNull));
  }
  // (ref null? $index) for a type index <= kMaxTypeIndex (the bits above it are dropped).
  static constexpr ValType ref_to_type(uint32_t index, bool nullable) noexcept {
    return ValType(uint32_t(HeapType::Concrete) | (nullable ? 0u : kNonNull) | (index << kIndexShift));
  }
  // The type whose bits() are `bits`, for compact storage (instruction immediates, C API arrays).
  // Only values bits() returned are types.
  static constexpr ValType from_bits(uint32_t bits) noexcept { return ValType(bits); }
  constexpr uint32_t bits() const noexcept { return bits_; }

  // The kind, for switch statements (see Code).
  constexpr Code code() const noexcept { return tag() >= kNumFirst ? Code(tag()) : Code::Ref; }
  // Number or vector type (i32, i64, f32, f64, v128).
  constexpr bool is_num() const noexcept { return tag() >= kNumFirst; }
  // Reference type, abstract or concrete.
  constexpr bool is_ref() const noexcept {
    return (tag() >= uint8_t(HeapType::Exn) && tag() <= uint8_t(HeapType::NoExn)) ||
           tag() == uint8_t(HeapType::Concrete);
  }
  // References only: whether null is a value of the type.
  constexpr bool nullable() const noexcept { return is_ref() && !(bits_ & kNonNull); }
  // References only: the abstract heap type, or HeapType::Concrete for a type index.
  constexpr HeapType heap_type() const noexcept { return HeapType(tag()); }
  // A reference to a concrete type index.
  constexpr bool is_concrete() const noexcept { return tag() == uint8_t(HeapType::Concrete); }
  // Concrete references only: the type index.
  constexpr uint32_t type_index() const noexcept { return bits_ >> kIndexShift; }
  // The same reference type with the given nullability (references only).
  constexpr ValType with_nullable(bool nullable) const noexcept {
    return ValType(nullable ? bits_ & ~kNonNull : bits_ | kNonNull);
  }

  constexpr bool operator==(ValType o) const noexcept { return bits_ == o.bits_; }
  constexpr bool operator!=(ValType o) const noexcept { return bits_ != o.bits_; }

 private:
  static constexpr uint32_t kNonNull = 1u << 8;
  static constexpr uint32_t kIndexShift = 9;
  static constexpr uint8_t kNumFirst = 0x7B;  // v128, the lowest number/vector encoding

  constexpr explicit ValType(uint32_t bits) noexcept : bits_(bits) {}
  constexpr uint8_t tag() const noexcept { return uint8_t(bits_); }

  uint32_t bits_ = 0;
};

inline constexpr ValType ValType::I32{0x7F};
inline constexpr ValType ValType::I64{0x7E};
inline constexpr ValType ValType::F32{0x7D};
inline constexpr ValType ValType::F64{0x7C};
inline constexpr ValType ValType::V128{0x7B};
inline constexpr ValType ValType::FuncRef = ValType::ref(HeapType::Func, true);
inline constexpr ValType ValType::ExternRef = ValType::ref(HeapType::Extern, true);

// True for reference types (funcref, externref, (ref null? ht)).
constexpr bool is_ref(ValType t) noexcept { return t.is_ref(); }

// Number of 8-byte stack slots a value of this type occupies (v128 takes two).
constexpr uint32_t slot_count(ValType t) noexcept { return t == ValType::V128 ? 2u : 1u; }

// Spec name of a value type: "i32", "v128", "funcref", "externref", "(ref func)", "anyref",
// "nullref" for (ref null none), ... A concrete reference has no fixed name here: "(ref null $t)"
// or "(ref $t)" (the buffered overload below gives its index). "?" for a value that is no type.
const char* to_string(ValType t) noexcept;
// The same name with a concrete reference's index, "(ref null 3)", written NUL-terminated into
// buf (at most size bytes, nothing if size is 0). Returns the length of the whole name, so a
// result >= size means it was cut short (like snprintf).
std::size_t to_string(ValType t, char* buf, std::size_t size) noexcept;

// What subtyping needs to know about concrete type indices. Until GC every defined type is a
// function type, so only type identity is needed: two indices denote the same type exactly when
// their canonical ids are equal (a store's interned signature ids serve, see FuncTypeView).
struct TypeContext {
  const uint32_t* canonical_ids = nullptr;  // canonical id of each type index; nullptr: the index
  uint32_t type_count = 0;                  // number of type indices (entries in canonical_ids)
};

// The subtyping relation a <: b of WebAssembly 3.0 on value types, as far as it can be decided
// without GC's struct and array definitions: numbers and vectors only match themselves;
// (ref null? ht1) <: (ref null? ht2) when null is allowed by b if by a and ht1 <: ht2, where
// i31, struct, array <: eq <: any; none <: every heap type below any; nofunc <: func and every
// function type index; noextern <: extern; noexn <: exn; a type index <: func (every defined type
// is a function type for now); and an index <: another when their canonical ids in `ctx` are equal
// (without ctx: when the indices are). An index outside ctx is a subtype of nothing. ValType() (no
// type, the validator's unknown operand) is a subtype of every type.
bool is_subtype(ValType a, ValType b, const TypeContext* ctx = nullptr) noexcept;

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
  static Value i32(int32_t v) noexcept {
    Value r;
    r.type = ValType::I32;
    r.u64 = 0;
    r.u32 = uint32_t(v);
    return r;
  }
  static Value i64(int64_t v) noexcept {
    Value r;
    r.type = ValType::I64;
    r.u64 = uint64_t(v);
    return r;
  }
  static Value f32v(float v) noexcept {
    Value r;
    r.type = ValType::F32;
    r.u64 = 0;
    r.f32 = v;
    return r;
  }
  static Value f64v(double v) noexcept {
    Value r;
    r.type = ValType::F64;
    r.f64 = v;
    return r;
  }
  static Value funcref(Function* f) noexcept {
    Value r;
    r.type = ValType::FuncRef;
    r.u64 = 0;
    r.ref = f;
    return r;
  }
  static Value externref(void* p) noexcept {
    Value r;
    r.type = ValType::ExternRef;
    r.u64 = 0;
    r.ref = p;
    return r;
  }
  static Value v128v(const V128& v) noexcept {
    Value r;
    r.type = ValType::V128;
    r.v128 = v;
    return r;
  }
  // The zero / null value of a type (what locals and new table slots start as).
  static Value zero(ValType t) noexcept {
    Value r;
    r.type = t;
    std::memset(&r.v128, 0, sizeof r.v128);
    return r;
  }

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
