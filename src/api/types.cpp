// Ember: names of value types.
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

}  // namespace ember
