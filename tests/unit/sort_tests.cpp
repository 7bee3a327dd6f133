// The heapsort firmware builds sort export and function names with (util/sort.h), called directly:
// a desktop build uses std::sort there instead.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <vector>

#include "util/sort.h"

namespace {

struct Pair {
  uint32_t key;
  uint16_t tag;
};

bool key_less(const void* a, const void* b) noexcept {
  return static_cast<const Pair*>(a)->key < static_cast<const Pair*>(b)->key;
}

bool sorted_by_key(const std::vector<Pair>& v) {
  for (std::size_t i = 1; i < v.size(); ++i)
    if (v[i].key < v[i - 1].key) return false;
  return true;
}

}  // namespace

TEST_CASE("sort_bytes orders elements of any size and keeps each one whole", "[sort]") {
  for (std::size_t n : {0u, 1u, 2u, 3u, 17u, 100u}) {
    std::vector<Pair> v;
    uint32_t seed = 12345;
    for (std::size_t i = 0; i < n; ++i) {
      seed = seed * 1103515245u + 12345u;
      const uint32_t key = (seed >> 16) % 23;  // many duplicates
      v.push_back(Pair{key, uint16_t(key * 7)});
    }
    ember::detail::sort_bytes(v.data(), v.size(), sizeof(Pair), key_less);
    CHECK(sorted_by_key(v));
    for (const Pair& p : v) CHECK(p.tag == p.key * 7);  // no element mixed with another
  }
}

TEST_CASE("sort_bytes sorts reversed input", "[sort]") {
  std::vector<Pair> v;
  for (uint32_t i = 0; i < 50; ++i) v.push_back(Pair{50 - i, 0});
  ember::detail::sort_bytes(v.data(), v.size(), sizeof(Pair), key_less);
  for (uint32_t i = 0; i < 50; ++i) CHECK(v[i].key == i + 1);
}
