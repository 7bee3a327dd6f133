// Ember WASI: the C API (wasi/include/ember_wasi.h) over WasiContext and define_wasi.
#include <cstring>
#include <new>

#include "c_api_bridge.h"
#include "ember/detail/heap.h"
#include "ember/wasi.h"
#include "ember_wasi.h"

using ember::Error;
using ember::Result;
using ember::WasiConfig;
using ember::WasiContext;
using ember::WasiPreopen;

struct ember_wasi {
  WasiContext context;
};

namespace {

bool strings_present(const char* const* strings, uint32_t count) noexcept {
  if (count && !strings) return false;
  for (uint32_t i = 0; i < count; ++i)
    if (!strings[i]) return false;
  return true;
}

}  // namespace

namespace {

ember::WasiStream stream_of(const ember_wasi_stream& c) {
  ember::WasiStream s;
  s.read = c.read;
  s.write = c.write;
  s.user = c.user;
  return s;
}

}  // namespace

extern "C" {

ember_wasi_config ember_wasi_config_default(void) {
  WasiConfig d;
  ember_wasi_config c;
  std::memset(&c, 0, sizeof c);
  c.args = d.args;
  c.arg_count = d.arg_count;
  c.env = d.env;
  c.env_count = d.env_count;
  c.preopens = nullptr;
  c.preopen_count = d.preopen_count;
  c.stdin_handle = d.stdin_handle;
  c.stdout_handle = d.stdout_handle;
  c.stderr_handle = d.stderr_handle;
  c.max_open_files = d.max_open_files;
  return c;
}

ember_error ember_wasi_new(const ember_wasi_config* config, ember_wasi** out) {
  if (!out) return ember::capi::bad_argument("out is NULL");
  ember_wasi_config c = config ? *config : ember_wasi_config_default();
  if (!strings_present(c.args, c.arg_count)) return ember::capi::bad_argument("an argument is NULL");
  if (!strings_present(c.env, c.env_count)) return ember::capi::bad_argument("an environment string is NULL");
  if (c.preopen_count && !c.preopens) return ember::capi::bad_argument("preopens is NULL");

  // The C and C++ preopen structs are distinct types: copy (WasiContext::create copies again).
  WasiPreopen* preopens = nullptr;
  ember::detail::Heap& heap = ember::detail::default_heap();
  const std::size_t preopens_size = sizeof(WasiPreopen) * c.preopen_count;
  if (c.preopen_count) {
    preopens = static_cast<WasiPreopen*>(heap.alloc(preopens_size));
    if (!preopens) return ember::capi::out_of_memory();
    for (uint32_t i = 0; i < c.preopen_count; ++i) {
      new (&preopens[i]) WasiPreopen();
      preopens[i].host_path = c.preopens[i].host_path;
      preopens[i].guest_path = c.preopens[i].guest_path;
      preopens[i].read_only = c.preopens[i].read_only != 0;
    }
  }
  WasiConfig cfg;
  cfg.args = c.args;
  cfg.arg_count = c.arg_count;
  cfg.env = c.env;
  cfg.env_count = c.env_count;
  cfg.preopens = preopens;
  cfg.preopen_count = c.preopen_count;
  cfg.stdin_handle = c.stdin_handle;
  cfg.stdout_handle = c.stdout_handle;
  cfg.stderr_handle = c.stderr_handle;
  cfg.stdin_stream = stream_of(c.stdin_stream);
  cfg.stdout_stream = stream_of(c.stdout_stream);
  cfg.stderr_stream = stream_of(c.stderr_stream);
  cfg.max_open_files = c.max_open_files;

  void* mem = heap.alloc(sizeof(ember_wasi));
  if (!mem) {
    heap.free(preopens, preopens_size);
    return ember::capi::out_of_memory();
  }
  Result<WasiContext> context = WasiContext::create(cfg);
  heap.free(preopens, preopens_size);
  if (!context) {
    heap.free(mem, sizeof(ember_wasi));
    return ember::capi::to_c_error(context.error());
  }
  *out = new (mem) ember_wasi{static_cast<WasiContext&&>(context.value())};
  return ember::capi::ok();
}

void ember_wasi_free(ember_wasi* wasi) {
  if (!wasi) return;
  wasi->~ember_wasi();
  ember::detail::default_heap().free(wasi, sizeof(ember_wasi));
}

ember_error ember_wasi_define(ember_linker* linker, ember_store* store, ember_wasi* wasi) {
  ember::Linker* l = ember::capi::linker_of(linker);
  ember::Store* s = ember::capi::store_of(store);
  if (!l) return ember::capi::bad_argument("linker is NULL");
  if (!s) return ember::capi::bad_argument("store is NULL");
  if (!wasi) return ember::capi::bad_argument("wasi is NULL");
  Error e = ember::define_wasi(*l, *s, wasi->context);
  return e ? ember::capi::to_c_error(e) : ember::capi::ok();
}

ember_error ember_wasi_run(ember_store* store, const ember_instance* instance, int32_t* exit_code) {
  if (!store) return ember::capi::bad_argument("store is NULL");
  if (!instance) return ember::capi::bad_argument("instance is NULL");
  ember_func* start = ember_instance_func(instance, "_start", 6);
  if (!start) return ember::capi::bad_argument("the module exports no _start function");
  ember_functype t = ember_func_type(start);
  if (t.param_count != 0 || t.result_count != 0)
    return ember::capi::bad_argument("_start is not of type () -> ()");
  ember_error e = ember_func_call(store, start, nullptr, 0, nullptr, 0);
  int32_t code = 0;
  if (e.kind != EMBER_ERROR_OK && !ember_error_is_exit(&e, &code)) return e;
  if (exit_code) *exit_code = code;
  return ember::capi::ok();
}

}  // extern "C"
