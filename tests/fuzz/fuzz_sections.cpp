// libFuzzer target: the section-header walk `ember inspect` uses (SectionReader). Every section it
// reports must lie inside the input.
#include <ember/ember.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  ember::SectionReader reader(data, size);
  ember::SectionInfo s;
  while (reader.next(&s)) {
    if (uint64_t(s.offset) + s.size > size) std::abort();
    if (!s.custom_name.empty() &&
        (reinterpret_cast<const uint8_t*>(s.custom_name.data()) < data + s.offset ||
         reinterpret_cast<const uint8_t*>(s.custom_name.data()) + s.custom_name.size() >
             data + s.offset + s.size))
      std::abort();
    (void)ember::section_name(s.id);
  }
  return 0;
}
