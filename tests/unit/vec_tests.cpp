// detail::Vec's growth edge cases, through the inline per-type code (desktop builds) and the shared
// byte-level functions firmware builds use instead (called directly here): growth steps, an element
// of the array itself as the value appended, refusal by the heap leaving the array as it was.
#include <catch2/catch.hpp>

#include <cstdint>

#include "ember/detail/vec.h"

using ember::detail::Heap;
using ember::detail::kVecFirstCapacity;
using ember::detail::Vec;
using ember::detail::VecStorage;

namespace {

// A heap that refuses past `limit` bytes.
Heap limited_heap(std::size_t limit) { return Heap(ember::Allocator{}, limit); }

struct Counted {
  static int live;
  uint32_t value;
  explicit Counted(uint32_t v = 0) : value(v) { ++live; }
  Counted(const Counted& o) : value(o.value) { ++live; }
  Counted(Counted&& o) noexcept : value(o.value) { ++live; }
  Counted& operator=(const Counted&) = default;
  Counted& operator=(Counted&&) = default;
  ~Counted() { --live; }
};
int Counted::live = 0;

}  // namespace

TEST_CASE("Vec grows from its first capacity by half again and keeps its elements", "[vec]") {
  Heap heap = limited_heap(0);
  Vec<uint32_t> v(&heap);
  std::size_t expected_cap = 0;
  for (uint32_t i = 0; i < 40; ++i) {
    if (v.size() == expected_cap)
      expected_cap = expected_cap < kVecFirstCapacity ? kVecFirstCapacity : expected_cap + expected_cap / 2;
    REQUIRE(v.push_back(i));
    CHECK(v.capacity() == expected_cap);
  }
  for (uint32_t i = 0; i < 40; ++i) CHECK(v[i] == i);
  CHECK(heap.used() == v.capacity() * sizeof(uint32_t));
  v.release();
  CHECK(heap.used() == 0);
  CHECK(v.capacity() == 0);
}

TEST_CASE("Vec appends one of its own elements while growing", "[vec]") {
  Vec<uint64_t> v;
  REQUIRE(v.push_back(7));
  while (v.size() < v.capacity()) REQUIRE(v.push_back(v.back() + 1));
  const uint64_t first = v[0];
  REQUIRE(v.push_back(v[0]));  // the block moves under the reference
  CHECK(v.back() == first);
  REQUIRE(v.resize(v.capacity() + 3, v[1]));
  CHECK(v.back() == 8);
}

TEST_CASE("Vec refused by its heap stays as it was", "[vec]") {
  Heap heap = limited_heap(5 * sizeof(uint32_t));
  Vec<uint32_t> v(&heap);
  for (uint32_t i = 0; i < 5; ++i) REQUIRE(v.push_back(i));  // the last growth falls back to exactly 5
  CHECK(v.capacity() == 5);
  CHECK_FALSE(v.push_back(5));
  CHECK_FALSE(v.resize(6));
  CHECK_FALSE(v.reserve(6));
  CHECK(v.size() == 5);
  CHECK(v.capacity() == 5);
  for (uint32_t i = 0; i < 5; ++i) CHECK(v[i] == i);
  CHECK(heap.hit_limit());
}

TEST_CASE("Vec resize makes exactly the room asked and fills it", "[vec]") {
  Vec<uint16_t> v;
  REQUIRE(v.resize(3, 9));
  CHECK(v.capacity() == 3);
  REQUIRE(v.resize(10, 4));
  CHECK(v.capacity() == 10);
  CHECK(v[2] == 9);
  CHECK(v[3] == 4);
  CHECK(v[9] == 4);
  REQUIRE(v.resize(2));
  CHECK(v.size() == 2);
  v.shrink_to_fit();
  CHECK(v.capacity() == 2);
}

TEST_CASE("Vec of non-trivial elements moves and destroys each", "[vec]") {
  Counted::live = 0;
  {
    Vec<Counted> v;
    for (uint32_t i = 0; i < 20; ++i) REQUIRE(v.push_back(Counted(i)));
    CHECK(Counted::live == 20);
    for (uint32_t i = 0; i < 20; ++i) CHECK(v[i].value == i);
    v.truncate(5);
    CHECK(Counted::live == 5);
  }
  CHECK(Counted::live == 0);
}

TEST_CASE("Shared Vec functions grow, append their own element and refuse cleanly", "[vec]") {
  Heap heap = limited_heap(5 * sizeof(uint32_t));
  VecStorage s;
  s.heap = &heap;
  const uint32_t zero = 0;
  REQUIRE(ember::detail::vec_extend_trivial(s, 4, &zero, sizeof zero));
  CHECK(s.cap == 4);
  auto* elems = static_cast<uint32_t*>(s.data);
  for (uint32_t i = 0; i < 4; ++i) elems[i] = i + 1;
  // Its own first element, while the block grows to exactly 5 (6, half again, is refused).
  REQUIRE(ember::detail::vec_push_trivial(s, s.data, sizeof(uint32_t)));
  elems = static_cast<uint32_t*>(s.data);
  CHECK(s.cap == 5);
  CHECK(elems[3] == 4);
  CHECK(elems[4] == 1);
  const uint32_t five = 5;
  CHECK_FALSE(ember::detail::vec_push_trivial(s, &five, sizeof five));
  CHECK_FALSE(ember::detail::vec_extend_trivial(s, 6, &five, sizeof five));
  CHECK(s.size == 5);
  CHECK(s.cap == 5);
  ember::detail::vec_free(s, sizeof(uint32_t));
  CHECK(s.data == nullptr);
  CHECK(s.size == 0);
  CHECK(s.cap == 0);
  CHECK(heap.used() == 0);

  REQUIRE(ember::detail::vec_extend_trivial(s, 3, &five, sizeof five));
  CHECK(s.cap == 3);
  CHECK(static_cast<const uint32_t*>(s.data)[2] == 5);
  ember::detail::vec_free(s, sizeof(uint32_t));
}
