// Ember: memories, tables and globals as the host sees them.
#include <cstring>

#include "ember/runtime.h"
#include "runtime/value_slots.h"

namespace ember {

MemoryType Memory::type() const noexcept {
  MemoryType t;
  t.limits = limits_;
  t.limits.min = pages();
  return t;
}

bool Memory::read(uint64_t offset, void* out, std::size_t len) const noexcept {
  if (!in_bounds(offset, len)) return false;
  if (len) std::memcpy(out, data_ + offset, len);
  return true;
}

MemoryView Memory::view(uint64_t offset, uint64_t len) noexcept {
  if (!in_bounds(offset, len)) return MemoryView();
  // A zero-length view of an empty memory has no base to point into.
  return MemoryView(data_ ? data_ + offset : nullptr, len);
}

bool Memory::read_string(uint64_t offset, uint64_t len, std::string_view* out) const noexcept {
  if (!in_bounds(offset, len)) {
    *out = std::string_view();
    return false;
  }
  *out = len ? std::string_view(reinterpret_cast<const char*>(data_ + offset), std::size_t(len)) : std::string_view();
  return true;
}

bool Memory::write(uint64_t offset, const void* in, std::size_t len) noexcept {
  if (!in_bounds(offset, len)) return false;
  if (len) std::memcpy(data_ + offset, in, len);
  return true;
}

int64_t Memory::grow(uint64_t delta) noexcept {
  uint64_t old_pages = pages();
  if (delta == 0) return int64_t(old_pages);
  if (delta > max_pages_ || old_pages + delta > max_pages_) return -1;
  uint64_t new_size = (old_pages + delta) * kPageSize;
  if (new_size != std::size_t(new_size)) return -1;
  void* p = detail::reallocate(data_, std::size_t(size_), std::size_t(new_size));
  if (!p) return -1;
  data_ = static_cast<uint8_t*>(p);
  std::memset(data_ + size_, 0, std::size_t(new_size - size_));
  size_ = new_size;
  return int64_t(old_pages);
}

Memory::~Memory() { detail::deallocate(data_); }

TableType Table::type() const noexcept {
  TableType t;
  t.elem = elem_;
  t.limits = limits_;
  t.limits.min = size();
  return t;
}

bool Table::get(uint32_t index, Value* out) const noexcept {
  if (index >= elements_.size()) return false;
  *out = Value::zero(elem_);
  out->ref = elements_[index];
  return true;
}

bool Table::set(uint32_t index, const Value& v) noexcept {
  if (index >= elements_.size() || v.type != elem_) return false;
  elements_[index] = v.ref;
  return true;
}

int64_t Table::grow(uint32_t delta, void* init) noexcept {
  uint64_t old = elements_.size();
  if (old + delta > max_) return -1;
  elements_.resize(std::size_t(old + delta), init);
  return int64_t(old);
}

Value Global::get() const noexcept { return detail::slots_to_value(type_.type, value_); }

bool Global::set(const Value& v) noexcept {
  if (!type_.is_mutable || v.type != type_.type) return false;
  detail::value_to_slots(v, value_);
  return true;
}

}  // namespace ember
