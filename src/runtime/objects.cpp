// Ember: functions, memories, tables, globals and callers as the host sees them: each public
// method reads the engine object behind the handle (runtime/objects.h).
#include <cstring>

#include "execute/exec_state.h"
#include "runtime/objects.h"
#include "runtime/store_state.h"
#include "runtime/value_slots.h"

namespace ember {

using detail::impl;

FuncTypeView Function::type() const noexcept { return impl(this)->type_; }
bool Function::is_host() const noexcept { return impl(this)->host_ != nullptr; }

uint8_t* Memory::data() noexcept { return impl(this)->data_; }
const uint8_t* Memory::data() const noexcept { return impl(this)->data_; }
uint64_t Memory::size() const noexcept { return impl(this)->size_; }

MemoryType Memory::type() const noexcept {
  MemoryType t;
  t.limits = impl(this)->limits_;
  t.limits.min = pages();
  return t;
}

bool Memory::read(uint64_t offset, void* out, std::size_t len) const noexcept {
  if (!in_bounds(offset, len)) return false;
  if (len) std::memcpy(out, impl(this)->data_ + offset, len);
  return true;
}

MemoryView Memory::view(uint64_t offset, uint64_t len) noexcept {
  if (!in_bounds(offset, len)) return MemoryView();
  // A zero-length view of an empty memory has no base to point into.
  uint8_t* base = impl(this)->data_;
  return MemoryView(base ? base + offset : nullptr, len);
}

bool Memory::read_string(uint64_t offset, uint64_t len, std::string_view* out) const noexcept {
  if (!in_bounds(offset, len)) {
    *out = std::string_view();
    return false;
  }
  *out = len ? std::string_view(reinterpret_cast<const char*>(impl(this)->data_ + offset), std::size_t(len))
             : std::string_view();
  return true;
}

bool Memory::write(uint64_t offset, const void* in, std::size_t len) noexcept {
  if (!in_bounds(offset, len)) return false;
  if (len) std::memcpy(impl(this)->data_ + offset, in, len);
  return true;
}

namespace {

// Room for at least `needed` bytes. Off firmware, the allocation at least doubles (up to the
// memory's maximum): a guest growing page by page then copies each byte a bounded number of times
// instead of O(pages^2) bytes when the allocator's realloc moves the block (as most do, and a
// sanitizer's always does). Bytes beyond size_ stay untouched, so the OS need not back them. If
// the larger block cannot be had, exactly `needed`.
bool reserve(detail::MemoryObj* self, uint64_t needed) noexcept {
  uint64_t want = needed;
#if !EMBER_SMALL_DEFAULTS
  uint64_t max_bytes = self->max_pages_ * Memory::kPageSize;
  uint64_t doubled = self->capacity_ * 2;
  if (doubled > want) want = doubled < max_bytes ? doubled : max_bytes;
  if (want != std::size_t(want)) want = needed;
#endif
  void* p = self->heap_->realloc(self->data_, std::size_t(self->capacity_), std::size_t(want));
  if (!p && want != needed) {
    want = needed;
    p = self->heap_->realloc(self->data_, std::size_t(self->capacity_), std::size_t(want));
  }
  if (!p) return false;
  self->data_ = static_cast<uint8_t*>(p);
  self->capacity_ = want;
  return true;
}

}  // namespace

int64_t Memory::grow(uint64_t delta) noexcept {
  detail::MemoryObj* self = impl(this);
  uint64_t old_pages = pages();
  if (delta == 0) return int64_t(old_pages);
  if (delta > self->max_pages_ || old_pages + delta > self->max_pages_) return -1;
  uint64_t new_size = (old_pages + delta) * kPageSize;
  if (new_size != std::size_t(new_size)) return -1;
  if (new_size > self->capacity_ && !reserve(self, new_size)) return -1;
  std::memset(self->data_ + self->size_, 0, std::size_t(new_size - self->size_));
  self->size_ = new_size;
  return int64_t(old_pages);
}

detail::MemoryObj::~MemoryObj() { heap_->free(data_, std::size_t(capacity_)); }

ValType Table::elem_type() const noexcept { return impl(this)->elem_; }
uint32_t Table::size() const noexcept { return uint32_t(impl(this)->elements_.size()); }

TableType Table::type() const noexcept {
  TableType t;
  t.elem = impl(this)->elem_;
  t.limits = impl(this)->limits_;
  t.limits.min = size();
  return t;
}

bool Table::get(uint32_t index, Value* out) const noexcept {
  const detail::TableObj* self = impl(this);
  if (index >= self->elements_.size()) return false;
  *out = Value::zero(self->elem_);
  out->ref = self->elements_[index];
  return true;
}

bool Table::set(uint32_t index, const Value& v) noexcept {
  detail::TableObj* self = impl(this);
  if (index >= self->elements_.size() || v.type != self->elem_) return false;
  self->elements_[index] = v.ref;
  return true;
}

int64_t Table::grow(uint32_t delta, void* init) noexcept {
  detail::TableObj* self = impl(this);
  uint64_t old = self->elements_.size();
  if (old + delta > self->max_) return -1;
  if (!self->elements_.resize(std::size_t(old + delta), init)) return -1;
  return int64_t(old);
}

GlobalType Global::type() const noexcept { return impl(this)->type_; }

Value Global::get() const noexcept {
  return detail::slots_to_value(impl(this)->type_.type, impl(this)->value_);
}

bool Global::set(const Value& v) noexcept {
  detail::GlobalObj* self = impl(this);
  if (!self->type_.is_mutable || v.type != self->type_.type) return false;
  detail::value_to_slots(v, self->value_);
  return true;
}

Store& Caller::store() noexcept { return *impl(this)->store_; }
Instance* Caller::instance() noexcept { return impl(this)->instance_; }
Memory* Caller::memory() noexcept {
  detail::InstanceObj* inst = impl(this)->instance_;
  return inst ? inst->default_memory() : nullptr;
}
TrapKind Caller::trap(const char* message) noexcept {
  detail::CallerObj* self = impl(this);
  self->message_ = message;
  return self->status_ = TrapKind::HostTrap;
}
TrapKind Caller::exit(int32_t code) noexcept {
  detail::CallerObj* self = impl(this);
  self->exit_code_ = code;
  return self->status_ = TrapKind::Exit;
}
TrapKind Caller::status() const noexcept { return impl(this)->status_; }
bool Caller::consume_fuel(uint64_t units) noexcept {
  detail::ExecState* st = detail::store_state(*impl(this)->store_)->exec_;
  if (!st || !st->fuel_enabled) return true;
  if (st->fuel >= units) {
    st->fuel -= units;
    return true;
  }
  st->fuel = 0;
  return false;
}

}  // namespace ember
