// Ember: typed calls into a store, Store::call<R>(func, args...). The wasm signature is derived from
// the C++ types and checked against the function's type at call time, then the call goes through
// the checked Store::call(func, args, n, results, m).
//
//   Result<int64_t> sum = store.call<int64_t>(add, int64_t(40), int64_t(2));
//   if (!sum) return sum.error();   // BadArgument if `add` is not (i64, i64) -> (i64)
//   Result<void> done = store.call<void>(instance->function("_initialize"));
#pragma once

#include <cstdint>
#include <type_traits>

#include "ember/error.h"
#include "ember/runtime.h"
#include "ember/types.h"

namespace ember {
namespace detail {

// The C++ types a typed call may pass or return (void aside), one wasm type each.
template <class T>
constexpr bool kIsCallScalar =
    std::is_same<T, int32_t>::value || std::is_same<T, uint32_t>::value || std::is_same<T, int64_t>::value ||
    std::is_same<T, uint64_t>::value || std::is_same<T, float>::value || std::is_same<T, double>::value;

// The BadArgument error of a typed call whose C++ signature is not the function's type: names the
// first difference and both signatures (or that the function is null). In the core.
Error typed_call_mismatch(const Function* func, FuncTypeView wanted) noexcept;

template <class T>
Value to_call_value(T v) noexcept {
  if constexpr (std::is_same<T, float>::value) {
    return Value::f32v(v);
  } else if constexpr (std::is_same<T, double>::value) {
    return Value::f64v(v);
  } else if constexpr (sizeof(T) == 4) {
    return Value::i32(int32_t(v));
  } else {
    return Value::i64(int64_t(v));
  }
}

template <class T>
T from_call_value(const Value& v) noexcept {
  if constexpr (std::is_same<T, float>::value) {
    return v.f32;
  } else if constexpr (std::is_same<T, double>::value) {
    return v.f64;
  } else if constexpr (sizeof(T) == 4) {
    return T(v.u32);
  } else {
    return T(v.u64);
  }
}

}  // namespace detail

template <class R, class... Args>
Result<R> Store::call(Function* func, Args... args) noexcept {
  static_assert((detail::kIsCallScalar<Args> && ...),
                "Store::call<R>(func, args...): each argument must be int32_t, uint32_t, int64_t, uint64_t, "
                "float or double (write int64_t(40), not 40, for an i64)");
  static_assert(std::is_void<R>::value || detail::kIsCallScalar<R>,
                "Store::call<R>: R must be void, int32_t, uint32_t, int64_t, uint64_t, float or double");
  constexpr uint32_t kArgs = uint32_t(sizeof...(Args));
  static constexpr ValType params[kArgs + 1] = {detail::WasmTypeOf<Args>::value..., ValType::I32};
  static constexpr ValType results[1] = {
      detail::WasmTypeOf<std::conditional_t<std::is_void<R>::value, int32_t, R>>::value};
  FuncTypeView wanted;
  wanted.params = params;
  wanted.param_count = kArgs;
  wanted.results = results;
  wanted.result_count = std::is_void<R>::value ? 0 : 1;
  // One Error, the Result's own: it is built in place there (see detail::ResultSlot), so this
  // frame, which sits under the whole call, holds none.
  Result<R> result = detail::ResultSlot::pending<R>();
  Error* error = detail::ResultSlot::error(result);
  if (!func || func->type() != wanted) {
    new (error) Error(detail::typed_call_mismatch(func, wanted));
    return result;
  }
  Value argv[kArgs + 1] = {detail::to_call_value(args)...};
  if constexpr (std::is_void<R>::value) {
    new (error) Error(call(func, argv, kArgs, nullptr, 0));
  } else {
    Value out;
    new (error) Error(call(func, argv, kArgs, &out, 1));
    if (!*error) detail::ResultSlot::set_value(result, detail::from_call_value<R>(out));
  }
  return result;
}

}  // namespace ember
