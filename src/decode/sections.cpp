// Ember: SectionReader, the public walk over a module's section headers (module.h). It shares
// the decoder's bounds-checked Reader, so its LEB rules and messages are the decoder's.
#include <cstring>

#include "ember/module.h"
#include "util/detail_text.h"
#include "util/reader.h"

namespace ember {

const char* section_name(uint8_t id) noexcept {
  static const char* const kNames[] = {"custom", "type",   "import",    "function", "table",
                                       "memory", "global", "export",    "start",    "element",
                                       "code",   "data",   "datacount", "tag"};
  return id < sizeof kNames / sizeof kNames[0] ? kNames[id] : "unknown";
}

SectionReader::SectionReader(const uint8_t* bytes, std::size_t size) noexcept
    : bytes_(bytes), size_(size > 0xFFFFFFF0u ? 0 : uint32_t(size)) {
  static const uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6D};
  static const uint8_t kVersion[4] = {0x01, 0x00, 0x00, 0x00};
  if (size > 0xFFFFFFF0u) {
    error_ = Error::make(ErrorKind::Limit, "module larger than 4 GiB");
  } else if (!bytes || size < 4 || std::memcmp(bytes, kMagic, 4) != 0) {
    error_ = Error::make(ErrorKind::Malformed, "magic header not detected");
  } else if (size < 8 || std::memcmp(bytes + 4, kVersion, 4) != 0) {
    error_ = Error::make(ErrorKind::Malformed, "unknown binary version", 4);
  }
}

bool SectionReader::next(SectionInfo* out) noexcept {
  if (!error_.ok() || pos_ >= size_) return false;
  detail::Reader r(bytes_, pos_, size_);
  SectionInfo s;
  s.header_offset = pos_;
  uint32_t size = 0;
  if (!r.u8(&s.id) || !r.u32(&size)) {
    error_ = Error::make(ErrorKind::Malformed, r.error(), r.error_offset());
    detail::DetailText d;
    d.str("in the header of the section at byte ").num(s.header_offset).into(error_);
    return false;
  }
  s.offset = r.pos();
  if (size > r.remaining()) {
    error_ = Error::make(ErrorKind::Malformed, "section size mismatch", s.header_offset);
    detail::DetailText d;
    d.str(section_name(s.id)).str(" section of ").num(size).str(" bytes at byte ").num(s.header_offset);
    d.str(", but only ").num(r.remaining()).str(" follow").into(error_);
    return false;
  }
  s.size = size;
  if (s.id == 0) {
    // The name is part of the contents: a section too short for its name has none.
    detail::Reader name(bytes_, s.offset, s.offset + s.size);
    uint32_t len = 0;
    const uint8_t* text = nullptr;
    if (name.u32(&len) && name.bytes(len, &text))
      s.custom_name = std::string_view(reinterpret_cast<const char*>(text), len);
  }
  pos_ = s.offset + s.size;
  *out = s;
  return true;
}

}  // namespace ember
