#include "decode/body_scan.h"

#include <cstring>

#include "decode/instr_reader.h"
#include "util/out_of_memory.h"
#include "util/reader.h"

namespace ember::detail {

namespace {

constexpr uint8_t kElse = 0x05;
constexpr uint8_t kEnd = 0x0B;
constexpr uint32_t kAlignLimit = 32;  // memarg alignment exponents from here on are malformed

enum FrameState : uint8_t { kPlainBlock, kIfBeforeElse, kIfAfterElse };

Error malformed(const char* message, uint32_t offset, ErrorKind kind = ErrorKind::Malformed) noexcept {
  if (std::strcmp(message, "unexpected end") == 0) message = "unexpected end of section or function";
  return Error::make(kind, message, offset);
}

bool is_memory_access(uint8_t op) noexcept {
  switch (Opcode(op)) {
#define EMBER_LOAD(Name, code, text, T, bytes) case Opcode::Name:
#define EMBER_STORE(Name, code, text, T, bytes) case Opcode::Name:
#include "module/opcodes.def"
    return true;
    default: return false;
  }
}

}  // namespace

#if EMBER_SMALL_DEFAULTS
bool read_instr_shared(Reader& r, Instr* in) noexcept { return read_instr(r, in); }
#endif

Error scan_body(const ModuleData& m, const FunctionBody& body) noexcept {
  // Bounded by the module, not the body: the reference only compares sizes once the function's
  // final `end` has been read.
  Reader r(m.bytes, body.code_offset, m.size);
  Vec<uint8_t> frames(&m.heap);  // open blocks; the function itself is the implicit outermost one
  for (;;) {
    uint32_t at = r.pos();
    if (r.at_end()) return malformed("unexpected end", at);
    uint8_t next = m.bytes[at];
    if (next == kElse) {
      // Only the first `else` of an `if` continues it; anywhere else the block wanted its `end`.
      if (frames.empty() || frames.back() != kIfBeforeElse) return malformed("END opcode expected", at);
      frames.back() = kIfAfterElse;
      r.seek(at + 1);
      continue;
    }
    if (next == kEnd) {
      r.seek(at + 1);
      if (frames.empty()) break;
      frames.pop_back();
      continue;
    }
    Instr in;
    if (!read_instr_shared(r, &in))
      return malformed(r.error() ? r.error() : "unexpected end", r.error_offset(), r.error_kind());
    if (is_memory_access(in.op) && in.align >= kAlignLimit) return malformed("malformed memop flags", at);
    switch (Opcode(in.op)) {
      case Opcode::Block:
      case Opcode::Loop:
        if (!frames.push_back(kPlainBlock)) return out_of_memory(m.heap, "block nesting");
        break;
      case Opcode::If:
        if (!frames.push_back(kIfBeforeElse)) return out_of_memory(m.heap, "block nesting");
        break;
      default: break;
    }
  }
  if (r.pos() != body.body_offset + body.body_size)
    return malformed("section size mismatch", body.body_offset);
  return Error{};
}

}  // namespace ember::detail
