// Test helper: builds a module with many large [] -> [] functions, to exercise validation of big
// code sections (the parallel body jobs of Config::executor). Header-only, for any test target.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace ember_test {

using Bytes = std::vector<uint8_t>;

inline void leb(Bytes& out, uint32_t v) {
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    out.push_back(uint8_t(b | (v ? 0x80 : 0)));
  } while (v);
}

inline void section(Bytes& out, uint8_t id, const Bytes& content) {
  out.push_back(id);
  leb(out, uint32_t(content.size()));
  out.insert(out.end(), content.begin(), content.end());
}

// What each function body holds: its local declarations, the instructions repeated until the body
// reaches `body_bytes`, and the instructions that end the bodies listed as invalid.
struct BigModuleShape {
  uint32_t funcs = 0;
  uint32_t body_bytes = 0;
  Bytes locals;
  Bytes filler;
  Bytes invalid_tail;
};

inline Bytes big_module(const BigModuleShape& shape, const std::vector<uint32_t>& invalid) {
  Bytes types{1, 0x60, 0, 0};
  Bytes funcs;
  leb(funcs, shape.funcs);
  for (uint32_t i = 0; i < shape.funcs; ++i) funcs.push_back(0);
  // Every body starts alike: filled once, copied per function (a Debug build spends seconds
  // inserting the filler a few bytes at a time, for each of a hundred bodies, in every module).
  Bytes filled = shape.locals;
  while (filled.size() < shape.body_bytes)
    filled.insert(filled.end(), shape.filler.begin(), shape.filler.end());
  Bytes code;
  leb(code, shape.funcs);
  for (uint32_t i = 0; i < shape.funcs; ++i) {
    Bytes body = filled;
    if (std::find(invalid.begin(), invalid.end(), i) != invalid.end())
      body.insert(body.end(), shape.invalid_tail.begin(), shape.invalid_tail.end());
    body.push_back(0x0B);
    leb(code, uint32_t(body.size()));
    code.insert(code.end(), body.begin(), body.end());
  }
  Bytes m{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  section(m, 1, types);
  section(m, 3, funcs);
  section(m, 10, code);
  return m;
}

}  // namespace ember_test
