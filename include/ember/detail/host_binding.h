// Ember: typed host functions. The wasm signature is derived from the C++ signature, so a binding can
// never disagree with its own code; the linker then checks it against the import's declared type.
//
// These templates are compiled in the host's translation unit. Where it has exceptions, a thunk
// catches whatever the bound callable throws (it must not unwind into the engine, which is built
// without exceptions) and turns it into a HostTrap; where it has none, nothing here needs
// <exception>.
#pragma once

#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

#if EMBER_DETAIL_HOST_EXCEPTIONS
#include <exception>
#endif

namespace ember {
namespace detail {

template <class T>
struct WasmTypeOf;
template <>
struct WasmTypeOf<int32_t> {
  static constexpr ValType value = ValType::I32;
};
template <>
struct WasmTypeOf<uint32_t> {
  static constexpr ValType value = ValType::I32;
};
template <>
struct WasmTypeOf<int64_t> {
  static constexpr ValType value = ValType::I64;
};
template <>
struct WasmTypeOf<uint64_t> {
  static constexpr ValType value = ValType::I64;
};
template <>
struct WasmTypeOf<float> {
  static constexpr ValType value = ValType::F32;
};
template <>
struct WasmTypeOf<double> {
  static constexpr ValType value = ValType::F64;
};

// Slot encoding shared with the interpreter: 32-bit values in the low half, floats as bit patterns.
template <class T>
inline T from_slot(uint64_t s) noexcept {
  if constexpr (sizeof(T) == 4) {
    uint32_t bits = uint32_t(s);
    T v;
    std::memcpy(&v, &bits, 4);
    return v;
  } else {
    T v;
    std::memcpy(&v, &s, 8);
    return v;
  }
}
template <class T>
inline uint64_t to_slot(T v) noexcept {
  if constexpr (sizeof(T) == 4) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    return bits;
  } else {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    return bits;
  }
}

template <class Sig>
struct Signature;

template <class R, class... A>
struct Signature<R(A...)> {
  static constexpr bool takes_caller = false;
  using Result = R;
  static constexpr ValType params[sizeof...(A) + 1] = {WasmTypeOf<A>::value..., ValType::I32};
  static constexpr uint32_t param_count = sizeof...(A);
};
template <class R, class... A>
struct Signature<R(Caller&, A...)> {
  static constexpr bool takes_caller = true;
  using Result = R;
  static constexpr ValType params[sizeof...(A) + 1] = {WasmTypeOf<A>::value..., ValType::I32};
  static constexpr uint32_t param_count = sizeof...(A);
};

template <class T>
struct CallableSig : CallableSig<decltype(&T::operator())> {};
template <class C, class R, class... A>
struct CallableSig<R (C::*)(A...) const> {
  using type = R(A...);
};
template <class C, class R, class... A>
struct CallableSig<R (C::*)(A...)> {
  using type = R(A...);
};
template <class R, class... A>
struct CallableSig<R (*)(A...)> {
  using type = R(A...);
};

template <class F, class R, class... A>
struct Invoker {
  template <std::size_t... I>
  static void invoke(F& fn, Caller& caller, uint64_t* slots, std::index_sequence<I...>) {
    (void)caller;
    if constexpr (std::is_void<R>::value) {
      fn(from_slot<A>(slots[I])...);
    } else {
      slots[0] = to_slot<R>(fn(from_slot<A>(slots[I])...));
    }
  }
};
template <class F, class R, class... A>
struct InvokerWithCaller {
  template <std::size_t... I>
  static void invoke(F& fn, Caller& caller, uint64_t* slots, std::index_sequence<I...>) {
    if constexpr (std::is_void<R>::value) {
      fn(caller, from_slot<A>(slots[I])...);
    } else {
      slots[0] = to_slot<R>(fn(caller, from_slot<A>(slots[I])...));
    }
  }
};

// Makes the call trap with Error::message "host function threw an exception" and `what` (nullptr:
// the exception was not a std::exception) in the detail. Returns the status to return. In the core.
TrapKind host_exception(Caller& caller, const char* what) noexcept;

// Runs a binding's body; with Catch (only possible where exceptions exist), an exception becomes a
// HostTrap. noexcept either way: nothing unwinds into the engine.
template <bool Catch, class Body>
TrapKind run_guarded(Caller& caller, Body&& body) noexcept {
#if EMBER_DETAIL_HOST_EXCEPTIONS
  if constexpr (Catch) {
    try {
      return body();
    } catch (const std::exception& e) {
      return host_exception(caller, e.what());
    } catch (...) {
      return host_exception(caller, nullptr);
    }
  }
#endif
  (void)caller;
  return body();
}

template <class F, class Sig, bool Catch>
struct TypedThunk;

template <class F, class R, class... A, bool Catch>
struct TypedThunk<F, R(A...), Catch> {
  explicit TypedThunk(F f) : fn(std::move(f)) {}
  F fn;
  static TrapKind call(Caller& caller, void* user, uint64_t* slots) noexcept {
    auto* self = static_cast<TypedThunk*>(user);
    return run_guarded<Catch>(caller, [&] {
      Invoker<F, R, A...>::invoke(self->fn, caller, slots, std::index_sequence_for<A...>{});
      return TrapKind::None;
    });
  }
};
template <class F, class R, class... A, bool Catch>
struct TypedThunk<F, R(Caller&, A...), Catch> {
  explicit TypedThunk(F f) : fn(std::move(f)) {}
  F fn;
  static TrapKind call(Caller& caller, void* user, uint64_t* slots) noexcept {
    auto* self = static_cast<TypedThunk*>(user);
    // The engine hands each host call a fresh Caller, so status() starts as TrapKind::None.
    return run_guarded<Catch>(caller, [&] {
      InvokerWithCaller<F, R, A...>::invoke(self->fn, caller, slots, std::index_sequence_for<A...>{});
      return caller.status();
    });
  }
};

}  // namespace detail

template <class F, bool Catch>
Function* Store::create_function(F fn) noexcept {
  using Sig = typename detail::CallableSig<F>::type;
  using Info = detail::Signature<Sig>;
  using R = typename Info::Result;
  static constexpr ValType result_types[1] = {
      std::is_void<R>::value
          ? ValType::I32
          : detail::WasmTypeOf<std::conditional_t<std::is_void<R>::value, int32_t, R>>::value};
  FuncTypeView type;
  type.params = Info::params;
  type.param_count = Info::param_count;
  type.results = result_types;
  type.result_count = std::is_void<R>::value ? 0 : 1;
  static_assert(!Catch || detail::kHostExceptions, "Catch needs exceptions in the including code");
  using Thunk = detail::TypedThunk<F, Sig, Catch>;
  void* mem = allocate_host_data(sizeof(Thunk), [](void* p) { static_cast<Thunk*>(p)->~Thunk(); });
  if (!mem) return nullptr;
  auto* thunk = new (mem) Thunk(std::move(fn));
  // On failure the thunk stays with the store (dropped with it), unreachable but not leaked.
  return create_host_function(type, &Thunk::call, thunk);
}

}  // namespace ember
