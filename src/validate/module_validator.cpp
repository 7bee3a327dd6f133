// Ember: module-level validation — imports, limits, constant expressions, segments, start, exports —
// and the driver that validates every function body.
#include <algorithm>

#include "decode/body_scan.h"
#include "decode/instr_reader.h"
#include "module/opcodes.h"
#include "util/detail_text.h"
#include "util/out_of_memory.h"
#include "util/sort.h"
#include "validate/func_validator.h"
#include "validate/validator.h"

namespace ember::detail {
namespace {

constexpr uint64_t kMaxMemoryPages = 65536;
constexpr uint64_t kMaxTableSize = 0xFFFFFFFFull;

Error invalid(const char* message, uint32_t offset = 0) noexcept {
  return Error::make(ErrorKind::Invalid, message, offset);
}

// An "unknown ..." error naming the index in its detail.
Error unknown(const char* message, uint32_t index, uint32_t offset = 0) noexcept {
  Error e = Error::make(ErrorKind::Invalid, message, offset);
  set_index_detail(e, index);
  return e;
}

// Range checks come before min <= max, as in the reference checker.
Error check_limits(const Limits& l, uint64_t range, const char* range_message) noexcept {
  if (l.min > range) return invalid(range_message);
  if (l.has_max) {
    if (l.max > range) return invalid(range_message);
    if (l.min > l.max) return invalid("size minimum must not be greater than maximum");
  }
  return Error{};
}

Error check_table(const TableType& t) noexcept {
  return check_limits(t.limits, kMaxTableSize, "table size must be at most 2^32-1");
}

Error check_memory(const MemoryType& t) noexcept {
  return check_limits(t.limits, kMaxMemoryPages, "memory size must be at most 65536 pages (4GiB)");
}

// Validates constant expressions. Only imported immutable globals are visible to them (this suite
// version rejects earlier module-defined globals with "unknown global"); the extended-const
// proposal adds i32/i64 add, sub and mul. Every ref.func target is recorded in m.declared_refs,
// which is how C.refs gets built from globals and element segments.
class ConstExprChecker {
 public:
  explicit ConstExprChecker(ModuleData& m) noexcept : m_(m), stack_(&m.heap) {}

  // Out of line: the checks that call it hold little stack, this holds its own.
  [[gnu::noinline]] Error check(const ConstExpr& ce, ValType expect) noexcept {
    stack_.clear();
    std::size_t deepest = 0;
    Reader r(m_.bytes, ce.offset, ce.offset + ce.size);
    Instr in;
    for (;;) {
      if (!read_instr_shared(r, &in)) {
        return Error::make(r.error_kind(), r.error() ? r.error() : "unexpected end",
                           r.error() ? r.error_offset() : r.pos());
      }
      if (stack_.size() > deepest) deepest = stack_.size();
      switch (Opcode(in.op)) {
        case Opcode::I32Const:
          if (!stack_.push_back(ValType::I32)) return out_of_memory(m_.heap, "a constant expression's stack");
          break;
        case Opcode::I64Const:
          if (!stack_.push_back(ValType::I64)) return out_of_memory(m_.heap, "a constant expression's stack");
          break;
        case Opcode::F32Const:
          if (!stack_.push_back(ValType::F32)) return out_of_memory(m_.heap, "a constant expression's stack");
          break;
        case Opcode::F64Const:
          if (!stack_.push_back(ValType::F64)) return out_of_memory(m_.heap, "a constant expression's stack");
          break;
        case Opcode::RefNull:
          if (!stack_.push_back(ValType::from_bits(in.a)))
            return out_of_memory(m_.heap, "a constant expression's stack");
          break;
        case Opcode::RefFunc:
          if (in.a >= m_.func_count()) return unknown("unknown function", in.a, in.offset);
          m_.declared_refs[in.a] = 1;
          if (!stack_.push_back(ValType::FuncRef))
            return out_of_memory(m_.heap, "a constant expression's stack");
          break;
        case Opcode::GlobalGet: {
          if (in.a >= m_.imported_globals || in.a >= m_.global_types.size())
            return unknown("unknown global", in.a, in.offset);
          const GlobalType& g = m_.global_types[in.a];
          if (g.is_mutable) return invalid("constant expression required", in.offset);
          if (!stack_.push_back(g.type)) return out_of_memory(m_.heap, "a constant expression's stack");
          break;
        }
        case Opcode::I32Add:
        case Opcode::I32Sub:
        case Opcode::I32Mul:
          if (!binop(ValType::I32)) return invalid("type mismatch", in.offset);
          break;
        case Opcode::I64Add:
        case Opcode::I64Sub:
        case Opcode::I64Mul:
          if (!binop(ValType::I64)) return invalid("type mismatch", in.offset);
          break;
        case Opcode::End:
          if (stack_.size() != 1 || stack_[0] != expect) return invalid("type mismatch", in.offset);
          // A host limit, not a validity rule: the first one is kept and reported only if the
          // module is otherwise valid.
          if (deepest > m_.config.max_const_expr_depth && limit_.ok()) {
            limit_ = Error::make(ErrorKind::Limit, "constant expression nests too deep", ce.offset);
            DetailText d;
            d.str("needs a stack of ").num(deepest).str(" values; Config::max_const_expr_depth = ");
            d.num(m_.config.max_const_expr_depth).into(limit_);
          }
          if (deepest > m_.max_const_depth) m_.max_const_depth = uint32_t(deepest);
          return Error{};
        default: return invalid("constant expression required", in.offset);
      }
    }
  }

  // The first constant expression over Config::max_const_expr_depth, if any.
  const Error& limit() const noexcept { return limit_; }

 private:
  bool binop(ValType t) noexcept {
    size_t n = stack_.size();
    if (n < 2 || stack_[n - 1] != t || stack_[n - 2] != t) return false;
    stack_.pop_back();
    return true;
  }

  ModuleData& m_;
  Vec<ValType> stack_;
  Error limit_;
};

[[gnu::noinline]] Error check_imports(const ModuleData& m) noexcept {
  for (const Import& imp : m.imports) {
    switch (imp.kind) {
      case ExternKind::Func:
        if (imp.func_type >= m.types.size()) return unknown("unknown type", imp.func_type);
        break;
      case ExternKind::Table:
        if (Error e = check_table(imp.table)) return e;
        break;
      case ExternKind::Memory:
        if (Error e = check_memory(imp.memory)) return e;
        break;
      case ExternKind::Global: break;
    }
  }
  return Error{};
}

[[gnu::noinline]] Error check_elems(ModuleData& m, ConstExprChecker& consts) noexcept {
  for (const ElemSegment& seg : m.elems) {
    for (const ElemItem& item : seg.items) {
      if (item.expr.size == 0) {
        if (item.func_index >= m.func_count()) return unknown("unknown function", item.func_index);
        m.declared_refs[item.func_index] = 1;
      } else if (Error e = consts.check(item.expr, seg.type)) {
        return e;
      }
    }
    if (seg.mode == SegmentMode::Active) {
      if (seg.table >= m.tables.size()) return unknown("unknown table", seg.table, seg.offset.offset);
      if (Error e = consts.check(seg.offset, ValType::I32)) return e;
      if (m.tables[seg.table].elem != seg.type) return invalid("type mismatch", seg.offset.offset);
    }
  }
  return Error{};
}

[[gnu::noinline]] Error check_datas(const ModuleData& m, ConstExprChecker& consts) noexcept {
  for (const DataSegment& seg : m.datas) {
    if (seg.mode != SegmentMode::Active) continue;
    if (seg.memory >= m.memories.size()) return unknown("unknown memory", seg.memory, seg.offset.offset);
    if (Error e = consts.check(seg.offset, ValType::I32)) return e;
  }
  return Error{};
}

Error check_export_indices(const ModuleData& m) noexcept {
  for (const Export& ex : m.exports) {
    switch (ex.kind) {
      case ExternKind::Func:
        if (ex.index >= m.func_count()) return unknown("unknown function", ex.index);
        break;
      case ExternKind::Table:
        if (ex.index >= m.tables.size()) return unknown("unknown table", ex.index);
        break;
      case ExternKind::Memory:
        if (ex.index >= m.memories.size()) return unknown("unknown memory", ex.index);
        break;
      case ExternKind::Global:
        if (ex.index >= m.global_types.size()) return unknown("unknown global", ex.index);
        break;
    }
  }
  return Error{};
}

Error check_export_names(const ModuleData& m) noexcept {
  const size_t n = m.exports.size();
  if (n < 2) return Error{};
  if (n <= 8) {  // the common case: a handful of exports, no allocation
    for (size_t i = 1; i < n; ++i)
      for (size_t j = 0; j < i; ++j)
        if (m.exports[i].name == m.exports[j].name) return invalid("duplicate export name");
    return Error{};
  }
  Vec<std::string_view> names(&m.heap);
  if (!names.reserve(n)) return out_of_memory(m.heap, "the export names");
  for (size_t i = 0; i < n; ++i) (void)names.push_back(m.exports[i].name);  // reserved above
  sort_elements(names.begin(), names.end(), [](const void* a, const void* b) noexcept {
    return *static_cast<const std::string_view*>(a) < *static_cast<const std::string_view*>(b);
  });
  for (size_t i = 1; i < n; ++i)
    if (names[i] == names[i - 1]) return invalid("duplicate export name");
  return Error{};
}

// What the bodies depend on: imports, function types, globals, tables, memories and segments. Also
// fills m.declared_refs (C.refs) from the constant expressions, element segments and exports, so it
// must run before the bodies are validated.
Error check_before_bodies(ModuleData& m, Error* limit) noexcept {
  const uint32_t func_count = m.func_count();
  if (!m.declared_refs.assign(func_count, 0))
    return out_of_memory(m.heap, "the declared function references");

  if (Error e = check_imports(m)) return e;
  for (uint32_t i = 0; i < func_count; ++i)
    if (m.func_types[i] >= m.types.size()) return unknown("unknown type", m.func_types[i]);
  for (const FunctionBody& body : m.bodies)
    if (body.type_index >= m.types.size()) return unknown("unknown type", body.type_index, body.body_offset);

  ConstExprChecker consts(m);
  for (const GlobalDef& g : m.globals)
    if (Error e = consts.check(g.init, g.type.type)) return e;
  for (uint32_t i = m.imported_tables; i < m.tables.size(); ++i)
    if (Error e = check_table(m.tables[i])) return e;
  for (uint32_t i = m.imported_memories; i < m.memories.size(); ++i)
    if (Error e = check_memory(m.memories[i])) return e;
  if (Error e = check_elems(m, consts)) return e;
  if (Error e = check_datas(m, consts)) return e;
  // Exported functions are declared too; the export section itself is checked after the bodies.
  for (const Export& ex : m.exports)
    if (ex.kind == ExternKind::Func && ex.index < func_count) m.declared_refs[ex.index] = 1;
  *limit = consts.limit();
  return Error{};
}

// The rest, in the reference checker's order (after the bodies): start, exports, memory count.
Error check_after_bodies(const ModuleData& m) noexcept {
  if (m.has_start) {
    if (m.start >= m.func_count()) return unknown("unknown function", m.start);
    FuncTypeView t = m.func_type_view(m.start);
    if (t.param_count != 0 || t.result_count != 0) return invalid("start function");
  }
  if (Error e = check_export_indices(m)) return e;
  if (Error e = check_export_names(m)) return e;
  // Multi-memory is not enabled.
  if (m.memories.size() > 1) return invalid("multiple memories");
  return Error{};
}

// A validation error, or a malformation found while validating, is reported as the reference would:
// it decodes the whole module before validating any of it, so the first body (from `first` on;
// earlier ones validated) that does not decode wins, then a missing data count section, and only
// then the validation error (*error, replaced when one of the others is found). Out of line and in
// place, so that the validator's frames hold no more Errors than their own.
[[gnu::noinline]] void prefer_malformed(const ModuleData& m, uint32_t first, Error* error) noexcept {
  for (uint32_t i = first; i < m.bodies.size(); ++i) {
    Error e = scan_body(m, m.bodies[i]);
    if (e) {
      e.func_index = m.imported_funcs + i;
      *error = e;
      return;
    }
  }
  for (uint32_t i = first; i < m.bodies.size(); ++i) {
    Error e = find_data_index_use(m, i);
    if (e) {
      *error = e;
      return;
    }
  }
}

// The bodies' validation (validate_bodies: in order, or as jobs on the host's executor), in a frame
// of its own (the checks before and after it are not live then). A body that fails replaces
// *result (which may hold the limit error) with its error.
[[gnu::noinline]] bool check_bodies(ModuleData& m, Error* result) noexcept {
  uint32_t failed = 0;
  if (validate_bodies(m, &failed, result)) return true;
  prefer_malformed(m, failed, result);
  return false;
}

[[gnu::noinline]] bool check_module_before_bodies(ModuleData& m, Error* result) noexcept {
  if (Error e = check_before_bodies(m, result)) {
    prefer_malformed(m, 0, &e);
    *result = e;
    return false;
  }
  return true;
}

[[gnu::noinline]] void check_module_after_bodies(const ModuleData& m, Error* result) noexcept {
  if (Error e = check_after_bodies(m)) {
    prefer_malformed(m, uint32_t(m.bodies.size()), &e);
    *result = e;
  }
}

}  // namespace

// The result is this frame's only Error and its only return (built in the caller's slot); every
// check runs in a frame of its own, so that little stack sits under the bodies' validation.
Error validate_module(ModuleData& m) noexcept {
  Error result;  // a failed check's error; else the first constant-expression limit hit, if any
  if (check_module_before_bodies(m, &result) && check_bodies(m, &result))
    check_module_after_bodies(m, &result);
  return result;
}

}  // namespace ember::detail
