// Ember text format: binary encoding of a parsed module. Where the binary format offers a choice
// (element segment flags, data count section, LEB widths) it makes the same one as wabt's
// wat2wasm, so text printed by wasm2wat from a wabt-made binary converts back to the same bytes.
#include "module_ir.h"

namespace ember::text::detail {

namespace {

void write_name(Bytes& out, const std::string& s) {
  write_uleb(out, s.size());
  out.insert(out.end(), s.begin(), s.end());
}

void write_bytes(Bytes& out, const Bytes& b) { out.insert(out.end(), b.begin(), b.end()); }

void write_limits(Bytes& out, const Limits& l) {
  out.push_back(l.has_max ? 0x01 : 0x00);
  write_uleb(out, l.min);
  if (l.has_max) write_uleb(out, l.max);
}

void write_section(Bytes& out, uint8_t id, const Bytes& content) {
  out.push_back(id);
  write_uleb(out, content.size());
  write_bytes(out, content);
}

void write_custom_section(Bytes& out, const std::string& name, const Bytes& content) {
  Bytes body;
  write_name(body, name);
  write_bytes(body, content);
  write_section(out, 0, body);
}

Bytes type_section(const ModuleIR& m) {
  Bytes s;
  write_uleb(s, m.types.size());
  for (const FuncType& t : m.types) {
    s.push_back(0x60);
    write_uleb(s, t.params.size());
    s.insert(s.end(), t.params.begin(), t.params.end());
    write_uleb(s, t.results.size());
    s.insert(s.end(), t.results.begin(), t.results.end());
  }
  return s;
}

Bytes import_section(const ModuleIR& m) {
  Bytes s;
  write_uleb(s, m.imports.size());
  for (const Import& im : m.imports) {
    write_name(s, im.module);
    write_name(s, im.name);
    s.push_back(uint8_t(im.kind));
    switch (im.kind) {
      case ExternKind::Func: write_uleb(s, im.type_index); break;
      case ExternKind::Table:
        s.push_back(im.reftype);
        write_limits(s, im.limits);
        break;
      case ExternKind::Memory: write_limits(s, im.limits); break;
      case ExternKind::Global:
        s.push_back(im.valtype);
        s.push_back(im.is_mutable ? 1 : 0);
        break;
    }
  }
  return s;
}

// wabt's choice: an active segment names its table unless it is table 0 with funcref elements;
// items are expressions unless every one is a plain ref.func of a funcref segment.
Bytes element_section(const ModuleIR& m) {
  Bytes s;
  write_uleb(s, m.elems.size());
  for (const ElemSegment& e : m.elems) {
    bool all_funcs = e.reftype == kFuncRef;
    for (int64_t f : e.func_refs) all_funcs = all_funcs && f >= 0;
    bool use_exprs = !all_funcs;
    uint8_t flags = use_exprs ? 0x04 : 0x00;
    bool explicit_table = false;
    switch (e.mode) {
      case SegmentMode::Active:
        explicit_table = e.reftype != kFuncRef || e.table != 0;
        if (explicit_table) flags |= 0x02;
        break;
      case SegmentMode::Passive: flags |= 0x01; break;
      case SegmentMode::Declarative: flags |= 0x03; break;
    }
    write_uleb(s, flags);
    if (explicit_table) write_uleb(s, e.table);
    if (e.mode == SegmentMode::Active) write_bytes(s, e.offset);
    if (e.mode != SegmentMode::Active || explicit_table) s.push_back(use_exprs ? e.reftype : 0x00);
    write_uleb(s, e.func_refs.size());
    for (std::size_t i = 0; i < e.func_refs.size(); ++i) {
      if (use_exprs) {
        write_bytes(s, e.exprs[i]);
      } else {
        write_uleb(s, uint64_t(e.func_refs[i]));
      }
    }
  }
  return s;
}

Bytes code_section(const ModuleIR& m) {
  Bytes s;
  write_uleb(s, m.functions.size());
  for (const Function& f : m.functions) {
    Bytes body;
    // Locals as runs of one type.
    std::vector<std::pair<uint32_t, uint8_t>> runs;
    for (uint8_t t : f.locals) {
      if (!runs.empty() && runs.back().second == t) {
        ++runs.back().first;
      } else {
        runs.push_back({1, t});
      }
    }
    write_uleb(body, runs.size());
    for (const auto& r : runs) {
      write_uleb(body, r.first);
      body.push_back(r.second);
    }
    write_bytes(body, f.body);
    write_uleb(s, body.size());
    write_bytes(s, body);
  }
  return s;
}

Bytes data_section(const ModuleIR& m) {
  Bytes s;
  write_uleb(s, m.datas.size());
  for (const DataSegment& d : m.datas) {
    if (d.mode == SegmentMode::Passive) {
      s.push_back(0x01);
    } else if (d.memory != 0) {
      s.push_back(0x02);
      write_uleb(s, d.memory);
      write_bytes(s, d.offset);
    } else {
      s.push_back(0x00);
      write_bytes(s, d.offset);
    }
    write_uleb(s, d.bytes.size());
    s.insert(s.end(), d.bytes.begin(), d.bytes.end());
  }
  return s;
}

Bytes name_section(const Names& n) {
  Bytes s;
  if (!n.module.empty()) {
    Bytes sub;
    write_name(sub, n.module);
    s.push_back(0);
    write_uleb(s, sub.size());
    write_bytes(s, sub);
  }
  if (!n.functions.empty()) {
    Bytes sub;
    write_uleb(sub, n.functions.size());
    for (const auto& f : n.functions) {
      write_uleb(sub, f.first);
      write_name(sub, f.second);
    }
    s.push_back(1);
    write_uleb(s, sub.size());
    write_bytes(s, sub);
  }
  if (!n.locals.empty()) {
    Bytes sub;
    write_uleb(sub, n.locals.size());
    for (const auto& f : n.locals) {
      write_uleb(sub, f.first);
      write_uleb(sub, f.second.size());
      for (const auto& l : f.second) {
        write_uleb(sub, l.first);
        write_name(sub, l.second);
      }
    }
    s.push_back(2);
    write_uleb(s, sub.size());
    write_bytes(s, sub);
  }
  return s;
}

}  // namespace

void write_uleb(Bytes& out, uint64_t v) {
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    if (v) b |= 0x80;
    out.push_back(b);
  } while (v);
}

void write_sleb(Bytes& out, int64_t v) {
  while (true) {
    uint8_t b = v & 0x7F;
    v >>= 7;  // arithmetic shift
    bool done = (v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40));
    if (!done) b |= 0x80;
    out.push_back(b);
    if (done) return;
  }
}

namespace {

// The content of standard section `id`; false if the module has none.
bool section_content(const ModuleIR& m, uint8_t id, Bytes* s) {
  switch (id) {
    case 1:
      if (m.types.empty()) return false;
      *s = type_section(m);
      return true;
    case 2:
      if (m.imports.empty()) return false;
      *s = import_section(m);
      return true;
    case 3:
      if (m.functions.empty()) return false;
      write_uleb(*s, m.functions.size());
      for (const Function& f : m.functions) write_uleb(*s, f.type_index);
      return true;
    case 4:
      if (m.tables.empty()) return false;
      write_uleb(*s, m.tables.size());
      for (const Table& t : m.tables) {
        s->push_back(t.reftype);
        write_limits(*s, t.limits);
      }
      return true;
    case 5:
      if (m.memories.empty()) return false;
      write_uleb(*s, m.memories.size());
      for (const Limits& l : m.memories) write_limits(*s, l);
      return true;
    case 6:
      if (m.globals.empty()) return false;
      write_uleb(*s, m.globals.size());
      for (const Global& g : m.globals) {
        s->push_back(g.valtype);
        s->push_back(g.is_mutable ? 1 : 0);
        write_bytes(*s, g.init);
      }
      return true;
    case 7:
      if (m.exports.empty()) return false;
      write_uleb(*s, m.exports.size());
      for (const Export& e : m.exports) {
        write_name(*s, e.name);
        s->push_back(uint8_t(e.kind));
        write_uleb(*s, e.index);
      }
      return true;
    case 8:
      if (!m.has_start) return false;
      write_uleb(*s, m.start);
      return true;
    case 9:
      if (m.elems.empty()) return false;
      *s = element_section(m);
      return true;
    case 12:
      if (m.datas.empty() || !m.uses_data_count) return false;
      write_uleb(*s, m.datas.size());
      return true;
    case 10:
      if (m.functions.empty()) return false;
      *s = code_section(m);
      return true;
    case 11:
      if (m.datas.empty()) return false;
      *s = data_section(m);
      return true;
  }
  return false;
}

// The custom sections annotated to go at this place, in text order.
void write_customs(Bytes& out, const ModuleIR& m, CustomPlace::Edge edge, uint8_t section) {
  for (const CustomSection& c : m.customs) {
    if (c.place.edge == edge && c.place.section == section) {
      write_custom_section(out, c.name, Bytes(c.bytes.begin(), c.bytes.end()));
    }
  }
}

}  // namespace

Bytes encode_module(const ModuleIR& m, bool with_names) {
  // Standard sections in binary order (the data count section comes before code).
  static constexpr uint8_t kOrder[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11};
  Bytes out = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  write_customs(out, m, CustomPlace::Edge::First, 0);
  for (uint8_t id : kOrder) {
    write_customs(out, m, CustomPlace::Edge::Before, id);
    Bytes s;
    if (section_content(m, id, &s)) write_section(out, id, s);
    write_customs(out, m, CustomPlace::Edge::After, id);
  }
  if (with_names) {
    Bytes names = name_section(m.names);
    if (!names.empty()) write_custom_section(out, "name", names);
  }
  write_customs(out, m, CustomPlace::Edge::Last, 0);
  return out;
}

}  // namespace ember::text::detail
