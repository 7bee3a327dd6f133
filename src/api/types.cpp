// Ember: names and subtyping of value types.
#include <cstdio>

#include "ember/types.h"

namespace ember {

namespace {

struct HeapNames {
  const char* nullable;  // the abbreviation for (ref null ht)
  const char* non_null;  // (ref ht)
};

// Names of the abstract heap types; nullptr for a byte that is none.
HeapNames heap_names(HeapType ht) noexcept {
  switch (ht) {
    case HeapType::Func: return {"funcref", "(ref func)"};
    case HeapType::Extern: return {"externref", "(ref extern)"};
    case HeapType::Any: return {"anyref", "(ref any)"};
    case HeapType::Eq: return {"eqref", "(ref eq)"};
    case HeapType::I31: return {"i31ref", "(ref i31)"};
    case HeapType::Struct: return {"structref", "(ref struct)"};
    case HeapType::Array: return {"arrayref", "(ref array)"};
    case HeapType::Exn: return {"exnref", "(ref exn)"};
    case HeapType::None: return {"nullref", "(ref none)"};
    case HeapType::NoFunc: return {"nullfuncref", "(ref nofunc)"};
    case HeapType::NoExtern: return {"nullexternref", "(ref noextern)"};
    case HeapType::NoExn: return {"nullexnref", "(ref noexn)"};
    case HeapType::Concrete: return {"(ref null $t)", "(ref $t)"};
  }
  return {nullptr, nullptr};
}

// ht1 <: ht2 for two abstract heap types.
bool abstract_subtype(HeapType a, HeapType b) noexcept {
  if (a == b) return true;
  switch (a) {
    case HeapType::I31:
    case HeapType::Struct:
    case HeapType::Array: return b == HeapType::Eq || b == HeapType::Any;
    case HeapType::Eq: return b == HeapType::Any;
    case HeapType::None:
      return b == HeapType::Any || b == HeapType::Eq || b == HeapType::I31 || b == HeapType::Struct ||
             b == HeapType::Array;
    case HeapType::NoFunc: return b == HeapType::Func;
    case HeapType::NoExtern: return b == HeapType::Extern;
    case HeapType::NoExn: return b == HeapType::Exn;
    default: return false;
  }
}

bool index_in(const TypeContext* ctx, uint32_t index) noexcept { return !ctx || index < ctx->type_count; }

// The heap-type half of reference subtyping (both are reference types).
bool heap_subtype(ValType a, ValType b, const TypeContext* ctx) noexcept {
  if (a.is_concrete()) {
    if (!index_in(ctx, a.type_index())) return false;
    if (b.is_concrete()) {
      if (!index_in(ctx, b.type_index())) return false;
      // Identity by canonical id. GC will add declared supertypes here.
      if (!ctx || !ctx->canonical_ids) return a.type_index() == b.type_index();
      return ctx->canonical_ids[a.type_index()] == ctx->canonical_ids[b.type_index()];
    }
    // Every defined type is a function type until GC brings struct and array definitions.
    return b.heap_type() == HeapType::Func;
  }
  if (b.is_concrete()) {
    // The bottom of function types is below every function type index (none would be below
    // struct and array indices, of which there are none yet).
    return a.heap_type() == HeapType::NoFunc && index_in(ctx, b.type_index());
  }
  return abstract_subtype(a.heap_type(), b.heap_type());
}

}  // namespace

const char* to_string(ValType t) noexcept {
  if (t.is_num()) {
    switch (t.code()) {
      case ValType::Code::I32: return "i32";
      case ValType::Code::I64: return "i64";
      case ValType::Code::F32: return "f32";
      case ValType::Code::F64: return "f64";
      case ValType::Code::V128: return "v128";
      case ValType::Code::Ref: break;
    }
    return "?";
  }
  if (!t.is_ref()) return "?";
  HeapNames n = heap_names(t.heap_type());
  return t.nullable() ? n.nullable : n.non_null;
}

std::size_t to_string(ValType t, char* buf, std::size_t size) noexcept {
  int n = t.is_concrete() ? std::snprintf(buf, size, t.nullable() ? "(ref null %u)" : "(ref %u)",
                                          unsigned(t.type_index()))
                          : std::snprintf(buf, size, "%s", to_string(t));
  return n < 0 ? 0 : std::size_t(n);
}

bool is_subtype(ValType a, ValType b, const TypeContext* ctx) noexcept {
  if (a == ValType()) return true;  // the unknown operand matches everything
  if (!a.is_ref() || !b.is_ref()) return a == b;
  if (a.nullable() && !b.nullable()) return false;
  return heap_subtype(a, b, ctx);
}

}  // namespace ember
