// Ember: link errors name the import ("module.name") in their detail text; an incompatible import
// also shows the type the module declared and the type of what was provided.
#pragma once

#include "runtime/objects.h"

#include "ember/error.h"
#include "ember/runtime.h"
#include "module/module_data.h"
#include "util/detail_text.h"

namespace ember::detail {

inline Error import_error(const char* message, const Import& imp) noexcept {
  Error e = Error::make(ErrorKind::Unlinkable, message);
  DetailText d;
  d.str(imp.module).str(".").str(imp.name);
  d.into(e);
  return e;
}

// "(i32) -> ()" for a function (prefixed "func " when `with_kind`), "table funcref 1..10",
// "memory 1..", "global (mut i32)".
inline void describe_declared(DetailText& d, const ModuleData& m, const Import& imp,
                              bool with_kind) noexcept {
  switch (imp.kind) {
    case ExternKind::Func:
      if (with_kind) d.str("func ");
      d.signature(m.type_view(imp.func_type));
      break;
    case ExternKind::Table:
      d.str("table ").type(imp.table.elem).str(" ");
      d.limits(imp.table.limits.min, imp.table.limits.has_max, imp.table.limits.max);
      break;
    case ExternKind::Memory:
      d.str("memory ").limits(imp.memory.limits.min, imp.memory.limits.has_max, imp.memory.limits.max);
      break;
    case ExternKind::Global:
      d.str("global ");
      if (imp.global.is_mutable) d.str("(mut ");
      d.type(imp.global.type);
      if (imp.global.is_mutable) d.str(")");
      break;
  }
}

inline void describe_provided(DetailText& d, const Extern& ext, bool with_kind) noexcept {
  if (!ext.ptr) {
    d.str("nothing (a null Extern)");
    return;
  }
  switch (ext.kind) {
    case ExternKind::Func:
      if (with_kind) d.str("func ");
      d.signature(impl(ext.func)->type_);
      break;
    case ExternKind::Table:
      d.str("table ").type(impl(ext.table)->elem_).str(" ");
      d.limits(impl(ext.table)->elements_.size(), impl(ext.table)->limits_.has_max,
               impl(ext.table)->limits_.max);
      break;
    case ExternKind::Memory:
      d.str("memory ").limits(ext.memory->pages(), impl(ext.memory)->limits_.has_max,
                              impl(ext.memory)->limits_.max);
      break;
    case ExternKind::Global:
      d.str("global ");
      if (impl(ext.global)->type_.is_mutable) d.str("(mut ");
      d.type(impl(ext.global)->type_.type);
      if (impl(ext.global)->type_.is_mutable) d.str(")");
      break;
  }
}

// "incompatible import type" (the spec's words) with detail
// "env.f: expected (i32, i32) -> (i32), got (i64) -> ()".
inline Error incompatible_import(const ModuleData& m, const Import& imp, const Extern& ext) noexcept {
  Error e = Error::make(ErrorKind::Unlinkable, "incompatible import type");
  const bool with_kind = !ext.ptr || ext.kind != imp.kind;
  DetailText d;
  d.str(imp.module).str(".").str(imp.name).str(": expected ");
  describe_declared(d, m, imp, with_kind);
  d.str(", got ");
  describe_provided(d, ext, with_kind);
  d.into(e);
  return e;
}

}  // namespace ember::detail
