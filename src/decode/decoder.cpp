// Ember: the binary decoder (WebAssembly 2.0 module format, plus the multi-memory data segment index).
//
// Error messages and the order in which problems are found follow the spec's reference interpreter,
// because the spec tests check the message text. In particular, like the reference, a section is
// not a bounded sub-stream: its contents are read against the end of the module and the declared
// size is checked afterwards ("section size mismatch"), and a length is only "out of bounds" when it
// exceeds the bytes left in the module counted from the start of the length itself.
#include "decode/decoder.h"

#include <cstring>

#include "decode/body_scan.h"
#include "decode/instr_reader.h"
#include "decode/name_section.h"
#include "decode/utf8.h"
#include "util/detail_text.h"
#include "util/out_of_memory.h"
#include "util/reader.h"

namespace ember::detail {

namespace {

// The Reader reports running out of input as "unexpected end"; inside sections the spec's wording is
// longer (its tests match by prefix, so the long form satisfies both spellings they use).
constexpr const char* kUnexpectedEnd = "unexpected end of section or function";

// Declared locals per function (params excluded): more than 2^32 - 1 is the spec's malformation;
// the host's own cap is Config::max_locals (a Limit error).
constexpr uint64_t kSpecMaxLocals = 0xFFFFFFFFu;
// Whatever the host allows, frame slot arithmetic (two slots per v128) stays in 32 bits.
constexpr uint64_t kEngineMaxLocals = 1u << 24;

enum SectionId : uint8_t {
  kCustomId = 0,
  kTypeId = 1,
  kImportId = 2,
  kFunctionId = 3,
  kTableId = 4,
  kMemoryId = 5,
  kGlobalId = 6,
  kExportId = 7,
  kStartId = 8,
  kElementId = 9,
  kCodeId = 10,
  kDataId = 11,
  kDataCountId = 12,
};

// Position of each non-custom section in the required order: data count comes between element and
// code although its id is the largest.
constexpr uint8_t kSectionRank[13] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};

constexpr uint8_t kFuncTypeForm = 0x60;

uint32_t add_saturated(uint32_t a, uint32_t b) noexcept {
  uint64_t sum = uint64_t(a) + b;
  return sum > 0xFFFFFFFFu ? 0xFFFFFFFFu : uint32_t(sum);
}

class Decoder {
 public:
  explicit Decoder(ModuleData& m) noexcept : m_(m), r_(m.bytes, 0, m.size) {}

  // Every return is a call or a constant, so no Error of this frame sits under the section
  // decoders (on firmware an Error is 180 bytes of stack).
  Error run() noexcept {
    const bool header_read = header();
    if (header_read && sections() && final_checks() && !oom_what_) return Error{};
    return failure(header_read);
  }

 private:
  // Why decoding stopped: memory, the header, or (after reading the header) the first malformed
  // body, a host limit, or what the reader stopped at.
  [[gnu::noinline]] Error failure(bool header_read) noexcept {
    if (oom_what_) return out_of_memory(m_.heap, oom_what_);
    if (!header_read) return Error::make(ErrorKind::Malformed, r_.error(), r_.error_offset());
    // The reference decodes every instruction before it gets past a body, so a malformed body
    // before the point of failure is what it reports. Bodies are only read here, on the error
    // path, so well-formed modules are not decoded twice.
    for (const FunctionBody& body : m_.bodies) {
      Error e = scan_body(m_, body);
      if (!e.ok()) return e;
    }
    if (limit_) return limit_;
    const char* msg = r_.error() ? r_.error() : kUnexpectedEnd;
    if (std::strcmp(msg, "unexpected end") == 0) msg = kUnexpectedEnd;
    return Error::make(r_.error_kind(), msg, r_.error_offset());
  }

  // ---- helpers --------------------------------------------------------------------------------

  // An allocation failed: decoding stops and the error says what was being allocated.
  bool oom(const char* what) noexcept {
    oom_what_ = what;
    r_.fail("out of memory", r_.pos());
    return false;
  }

  bool fail(const char* message, uint32_t offset) noexcept {
    r_.fail(message, offset);
    return false;
  }

  // A vector count or byte length: at most the bytes left in the module (counted from the LEB).
  bool len32(uint32_t* out) noexcept {
    uint32_t at = r_.pos();
    if (!r_.u32(out)) return false;
    if (*out > m_.size - at) return fail("length out of bounds", at);
    return true;
  }

  // How many entries of a counted vector may be reserved up front: never more than the bytes left
  // in the section, since every entry takes at least one byte (a module of a few bytes may claim
  // 2^32 entries).
  uint32_t reserve_hint(uint32_t count, uint32_t section_end) const noexcept {
    uint32_t left = section_end > r_.pos() ? section_end - r_.pos() : 0;
    return count < left ? count : left;
  }

  bool name(std::string_view* out) noexcept {
    uint32_t at = r_.pos();
    uint32_t len;
    const uint8_t* p = nullptr;
    if (!len32(&len) || !r_.bytes(len, &p)) return false;
    if (!is_valid_utf8(p, len)) return fail("malformed UTF-8 encoding", at);
    *out = std::string_view(reinterpret_cast<const char*>(p), len);
    return true;
  }

  // Type bytes are 7-bit signed LEBs to the reference, so one with the continuation bit set is
  // "too long" rather than an unknown type.
  bool no_continuation(uint32_t at) noexcept {
    if (at < m_.size && (m_.bytes[at] & 0x80)) return fail("integer representation too long", at + 1);
    return true;
  }

  bool value_type(ValType* out) noexcept {
    if (!no_continuation(r_.pos())) return false;
    return read_value_type(r_, out);
  }

  bool ref_type(ValType* out) noexcept {
    if (!no_continuation(r_.pos())) return false;
    return read_ref_type(r_, out);
  }

  // Limits flags are a one-bit LEB in 2.0: bits beyond it are "too large", a continuation bit makes
  // the representation "too long" (shared and 64-bit limits are not supported).
  bool limits(Limits* out) noexcept {
    uint32_t at = r_.pos();
    uint8_t flags;
    if (!r_.u8(&flags)) return false;
    if ((flags & 0x7F) > 1) return fail("integer too large", at);
    if (flags & 0x80) return fail("integer representation too long", at + 1);
    uint32_t v;
    if (!r_.u32(&v)) return false;
    out->min = v;
    out->has_max = flags == 1;
    out->max = 0;
    if (out->has_max) {
      if (!r_.u32(&v)) return false;
      out->max = v;
    }
    return true;
  }

  bool table_type(TableType* out) noexcept { return ref_type(&out->elem) && limits(&out->limits); }

  bool global_type(GlobalType* out) noexcept {
    if (!value_type(&out->type)) return false;
    uint32_t at = r_.pos();
    uint8_t mut;
    if (!r_.u8(&mut)) return false;
    if (mut > 1) return fail("malformed mutability", at);
    out->is_mutable = mut == 1;
    return true;
  }

  // Finds the extent of a constant expression: instructions up to the `end` that closes it. Which
  // instructions are allowed is the validator's business; here they only have to decode.
  bool const_expr(ConstExpr* out) noexcept {
    uint32_t begin = r_.pos();
    uint32_t depth = 0;
    for (;;) {
      Instr in;
      if (!read_instr_shared(r_, &in)) return false;
      switch (Opcode(in.op)) {
        case Opcode::Block:
        case Opcode::Loop:
        case Opcode::If: ++depth; break;
        case Opcode::Else:
          if (depth == 0) return fail("END opcode expected", in.offset);
          break;
        case Opcode::End:
          if (depth == 0) {
            out->offset = begin;
            out->size = r_.pos() - begin;
            return true;
          }
          --depth;
          break;
        default: break;
      }
    }
  }

  // ---- module structure -----------------------------------------------------------------------

  bool header() noexcept {
    uint32_t magic, version;
    if (!r_.fixed32(&magic)) return false;
    if (magic != 0x6D736100u) return fail("magic header not detected", 0);
    if (!r_.fixed32(&version)) return false;
    if (version != 1) return fail("unknown binary version", 4);
    return true;
  }

  bool sections() noexcept {
    uint8_t last_rank = 0;
    while (!r_.at_end()) {
      uint32_t id_at = r_.pos();
      uint8_t id;
      if (!r_.u8(&id)) return false;
      if (id > kDataCountId) return fail("malformed section id", id_at);
      if (id != kCustomId) {
        // Each known section at most once, in order; the spec phrases a repeat or a section out of
        // order as content after the last section it could accept.
        if (kSectionRank[id] <= last_rank) return fail("unexpected content after last section", id_at);
        last_rank = kSectionRank[id];
      }
      uint32_t size;
      if (!len32(&size)) return false;
      uint32_t begin = r_.pos();
      uint32_t end = add_saturated(begin, size);
      bool ok = false;
      switch (SectionId(id)) {
        case kCustomId: ok = custom_section(end); break;
        case kTypeId: ok = type_section(end); break;
        case kImportId: ok = import_section(end); break;
        case kFunctionId: ok = function_section(end); break;
        case kTableId: ok = table_section(end); break;
        case kMemoryId: ok = memory_section(end); break;
        case kGlobalId: ok = global_section(end); break;
        case kExportId: ok = export_section(end); break;
        case kStartId: ok = start_section(); break;
        case kElementId: ok = element_section(end); break;
        case kCodeId: ok = code_section(begin, end); break;
        case kDataId: ok = data_section(end); break;
        case kDataCountId: ok = data_count_section(); break;
      }
      if (!ok) return false;
      if (r_.pos() != end) return fail("section size mismatch", begin);
    }
    return true;
  }

  // Cross-section counts, checked once every section has decoded (as the reference does).
  bool final_checks() noexcept {
    if (function_count_ != code_count_)
      return fail("function and code section have inconsistent lengths", m_.size);
    if (m_.has_data_count && m_.data_count != m_.datas.size())
      return fail("data count and data section have inconsistent lengths", m_.size);
    return true;
  }

  // ---- sections ---------------------------------------------------------------------------------

  bool custom_section(uint32_t end) noexcept {
    std::string_view section_name;
    if (!name(&section_name)) return false;
    // The name itself may not run past the declared size, nor the payload past the module.
    if (r_.pos() > end) return fail("unexpected end", r_.pos());
    if (end > m_.size) return fail("unexpected end", m_.size);
    // Without EMBER_NAME_SECTION the name section is skipped like any custom section.
    if (EMBER_NAME_SECTION && section_name == "name") decode_name_section(m_, r_.pos(), end);
    r_.seek(end);
    return true;
  }

  bool type_section(uint32_t end) noexcept {
    uint32_t count;
    if (!len32(&count)) return false;
    if (!m_.types.reserve(reserve_hint(count, end))) return oom("function types");
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t at = r_.pos();
      if (!no_continuation(at)) return false;
      uint8_t form;
      if (!r_.u8(&form)) return false;
      if (form != kFuncTypeForm) return fail("malformed function type", at);
      FuncType t;
      t.first = uint32_t(m_.type_pool.size());
      if (!value_types(&t.param_count) || !value_types(&t.result_count)) return false;
      if (!m_.types.push_back(t)) return oom("function types");
    }
    return true;
  }

  // A vector of value types, appended to the type pool.
  bool value_types(uint32_t* count) noexcept {
    if (!len32(count)) return false;
    for (uint32_t i = 0; i < *count; ++i) {
      ValType t;
      if (!value_type(&t)) return false;
      if (!m_.type_pool.push_back(t)) return oom("function types");
    }
    return true;
  }

  bool import_section(uint32_t end) noexcept {
    uint32_t count;
    if (!len32(&count)) return false;
    if (!m_.imports.reserve(reserve_hint(count, end))) return oom("imports");
    for (uint32_t i = 0; i < count; ++i) {
      Import imp;
      if (!name(&imp.module) || !name(&imp.name)) return false;
      uint32_t kind_at = r_.pos();
      uint8_t kind;
      if (!r_.u8(&kind)) return false;
      switch (kind) {
        case uint8_t(ExternKind::Func):
          if (!r_.u32(&imp.func_type)) return false;
          if (!functions_within_limit(1, kind_at)) return false;
          if (!m_.func_types.push_back(imp.func_type)) return oom("functions");
          ++m_.imported_funcs;
          break;
        case uint8_t(ExternKind::Table):
          if (!table_type(&imp.table)) return false;
          if (!m_.tables.push_back(imp.table)) return oom("tables");
          ++m_.imported_tables;
          break;
        case uint8_t(ExternKind::Memory):
          if (!limits(&imp.memory.limits)) return false;
          if (!m_.memories.push_back(imp.memory)) return oom("memories");
          ++m_.imported_memories;
          break;
        case uint8_t(ExternKind::Global):
          if (!global_type(&imp.global)) return false;
          if (!m_.global_types.push_back(imp.global)) return oom("globals");
          ++m_.imported_globals;
          break;
        default: return fail("malformed import kind", kind_at);
      }
      imp.kind = ExternKind(kind);
      if (!m_.imports.push_back(imp)) return oom("imports");
    }
    return true;
  }

  bool function_section(uint32_t end) noexcept {
    uint32_t at = r_.pos();
    uint32_t count;
    if (!len32(&count)) return false;
    if (!functions_within_limit(count, at)) return false;
    if (!m_.func_types.reserve(m_.func_types.size() + reserve_hint(count, end))) return oom("functions");
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t type_index;
      if (!r_.u32(&type_index)) return false;
      if (!m_.func_types.push_back(type_index)) return oom("functions");
    }
    function_count_ = count;
    return true;
  }

  bool table_section(uint32_t end) noexcept {
    uint32_t count;
    if (!len32(&count)) return false;
    if (!m_.tables.reserve(m_.tables.size() + reserve_hint(count, end))) return oom("tables");
    for (uint32_t i = 0; i < count; ++i) {
      TableType t;
      if (!table_type(&t)) return false;
      if (!m_.tables.push_back(t)) return oom("tables");
    }
    return true;
  }

  bool memory_section(uint32_t end) noexcept {
    uint32_t count;
    if (!len32(&count)) return false;
    if (!m_.memories.reserve(m_.memories.size() + reserve_hint(count, end))) return oom("memories");
    for (uint32_t i = 0; i < count; ++i) {
      MemoryType t;
      if (!limits(&t.limits)) return false;
      if (!m_.memories.push_back(t)) return oom("memories");
    }
    return true;
  }

  bool global_section(uint32_t end) noexcept {
    uint32_t count;
    if (!len32(&count)) return false;
    uint32_t hint = reserve_hint(count, end);
    if (!m_.globals.reserve(hint)) return oom("globals");
    if (!m_.global_types.reserve(m_.global_types.size() + hint)) return oom("globals");
    for (uint32_t i = 0; i < count; ++i) {
      GlobalDef g;
      if (!global_type(&g.type) || !const_expr(&g.init)) return false;
      if (!m_.globals.push_back(g)) return oom("globals");
      if (!m_.global_types.push_back(g.type)) return oom("globals");
    }
    return true;
  }

  bool export_section(uint32_t end) noexcept {
    uint32_t count;
    if (!len32(&count)) return false;
    if (!m_.exports.reserve(reserve_hint(count, end))) return oom("exports");
    for (uint32_t i = 0; i < count; ++i) {
      Export e;
      if (!name(&e.name)) return false;
      uint32_t kind_at = r_.pos();
      uint8_t kind;
      if (!r_.u8(&kind)) return false;
      if (kind > uint8_t(ExternKind::Global)) return fail("malformed export kind", kind_at);
      e.kind = ExternKind(kind);
      if (!r_.u32(&e.index)) return false;
      if (!m_.exports.push_back(e)) return oom("exports");
    }
    return true;
  }

  bool start_section() noexcept {
    if (!r_.u32(&m_.start)) return false;
    m_.has_start = true;
    return true;
  }

  // Element segment flags: bit 0 = passive or declarative, bit 1 = explicit table index (active) or
  // declarative (otherwise), bit 2 = items are expressions (with a reftype) instead of function
  // indices (with an elemkind byte).
  bool element_section(uint32_t end) noexcept {
    uint32_t count;
    if (!len32(&count)) return false;
    if (!m_.elems.reserve(reserve_hint(count, end))) return oom("element segments");
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t flags_at = r_.pos();
      uint32_t flags;
      if (!r_.u32(&flags)) return false;
      if (flags > 7) return fail("malformed elements segment kind", flags_at);
      const bool non_active = flags & 1;
      const bool table_or_declarative = flags & 2;
      const bool exprs = flags & 4;
      ElemSegment seg;
      if (non_active) {
        seg.mode = table_or_declarative ? SegmentMode::Declarative : SegmentMode::Passive;
      } else {
        seg.mode = SegmentMode::Active;
        if (table_or_declarative && !r_.u32(&seg.table)) return false;
        if (!const_expr(&seg.offset)) return false;
      }
      seg.type = ValType::FuncRef;
      // Forms 0 and 4 leave the type implicit (funcref).
      if (flags & 3) {
        if (exprs) {
          if (!ref_type(&seg.type)) return false;
        } else {
          uint32_t kind_at = r_.pos();
          uint8_t kind;
          if (!r_.u8(&kind)) return false;
          if (kind != 0x00) return fail("malformed element kind", kind_at);
        }
      }
      uint32_t items;
      if (!len32(&items)) return false;
      seg.items.set_heap(&m_.heap);
      if (!seg.items.reserve(reserve_hint(items, end))) return oom("element segments");
      for (uint32_t k = 0; k < items; ++k) {
        ElemItem item;
        if (exprs) {
          if (!const_expr(&item.expr)) return false;
        } else {
          if (!r_.u32(&item.func_index)) return false;
        }
        if (!seg.items.push_back(item)) return oom("element segments");
      }
      if (!m_.elems.push_back(std::move(seg))) return oom("element segments");
    }
    return true;
  }

  bool data_count_section() noexcept {
    if (!r_.u32(&m_.data_count)) return false;
    m_.has_data_count = true;
    return true;
  }

  // Bodies keep their instructions undecoded (the validator reads them); only the locals are
  // decoded here, so the frame layout is known without a second pass.
  bool code_section(uint32_t begin, uint32_t end) noexcept {
    uint32_t count;
    if (!len32(&count)) return false;
    code_count_ = count;
    m_.code_section_size = end - begin;
    if (!m_.bodies.reserve(reserve_hint(count, end))) return oom("function bodies");
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t size;
      if (!len32(&size)) return false;
      FunctionBody body;
      body.body_offset = r_.pos();
      body.body_size = size;
      uint32_t body_end = add_saturated(body.body_offset, size);
      if (i < function_count_) body.type_index = m_.func_types[m_.imported_funcs + i];
      if (!locals(&body)) return false;
      if (r_.pos() > body_end) return fail("section size mismatch", body.body_offset);
      // Listed before its size is known to fit, so that a failure below still gets the body scanned
      // for an earlier error (see run()).
      if (!m_.bodies.push_back(body)) return oom("function bodies");
      // The instructions must fit in the module; whether they end with `end` exactly at body_end is
      // checked by the validator.
      if (!r_.skip(body_end - r_.pos())) return false;
    }
    return true;
  }

  // Whether `more` functions fit under the host's Config::max_functions (counted before they are
  // stored, so a count field cannot make decoding allocate for them); false with the Limit error.
  bool functions_within_limit(uint32_t more, uint32_t at) noexcept {
    const uint64_t total = uint64_t(m_.func_types.size()) + more;
    if (total <= m_.config.max_functions) return true;
    functions_limit(total, at);
    return fail("too many functions", at);
  }

  [[gnu::noinline]] void functions_limit(uint64_t total, uint32_t at) noexcept {
    limit_ = Error::make(ErrorKind::Limit, "too many functions", at);
    DetailText d;
    d.num(total).str(" functions exceed Config::max_functions = ").num(m_.config.max_functions);
    d.into(limit_);
  }

  // The host's max_locals stopped decoding at `at`. Out of line: its Error and text stay off the
  // section decoders' frames.
  [[gnu::noinline]] void locals_limit(uint64_t total, uint64_t cap, uint32_t at) noexcept {
    limit_ = Error::make(ErrorKind::Limit, "too many locals", at);
    limit_.func_index = m_.imported_funcs + uint32_t(m_.bodies.size());
    DetailText d;
    d.num(total).str(" locals exceed Config::max_locals = ").num(m_.config.max_locals);
    if (cap < m_.config.max_locals) d.str(" (engine ceiling ").num(cap).str(")");
    d.into(limit_);
  }

  bool locals(FunctionBody* body) noexcept {
    uint32_t at = r_.pos();
    uint32_t runs;
    if (!len32(&runs)) return false;
    body->local_first = uint32_t(m_.local_runs.size());
    uint64_t total = 0;
    for (uint32_t i = 0; i < runs; ++i) {
      LocalRun run;
      if (!r_.u32(&run.count) || !value_type(&run.type)) return false;
      total += run.count;
      // Empty runs carry no locals; dropping them keeps local lookups short.
      if (run.count != 0 && !m_.local_runs.push_back(run)) return oom("locals");
    }
    if (total > kSpecMaxLocals) return fail("too many locals", at);
    const uint64_t cap = m_.config.max_locals < kEngineMaxLocals ? m_.config.max_locals : kEngineMaxLocals;
    if (total > cap) {
      locals_limit(total, cap, at);
      return fail("too many locals", at);
    }
    body->local_run_count = uint32_t(m_.local_runs.size()) - body->local_first;
    body->local_count = uint32_t(total);
    body->code_offset = r_.pos();
    return true;
  }

  bool data_section(uint32_t end) noexcept {
    uint32_t count;
    if (!len32(&count)) return false;
    if (!m_.datas.reserve(reserve_hint(count, end))) return oom("data segments");
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t flags_at = r_.pos();
      uint32_t flags;
      if (!r_.u32(&flags)) return false;
      DataSegment seg;
      switch (flags) {
        case 0:  // active, memory 0
          seg.mode = SegmentMode::Active;
          if (!const_expr(&seg.offset)) return false;
          break;
        case 1: seg.mode = SegmentMode::Passive; break;
        case 2:  // active, explicit memory (any index decodes; the validator checks it)
          seg.mode = SegmentMode::Active;
          if (!r_.u32(&seg.memory) || !const_expr(&seg.offset)) return false;
          break;
        default: return fail("malformed data segment kind", flags_at);
      }
      const uint8_t* p;
      if (!len32(&seg.data_size)) return false;
      seg.data_offset = r_.pos();
      if (!r_.bytes(seg.data_size, &p)) return false;
      if (!m_.datas.push_back(seg)) return oom("data segments");
    }
    return true;
  }

  ModuleData& m_;
  Reader r_;
  const char* oom_what_ = nullptr;  // set when an allocation failed
  uint32_t function_count_ = 0;     // entries in the function section
  uint32_t code_count_ = 0;         // entries in the code section
  Error limit_;                     // a host limit (not a malformation) stopped decoding
};

}  // namespace

Error decode_module(ModuleData& m) noexcept {
  Decoder decoder(m);
  return decoder.run();
}

}  // namespace ember::detail
