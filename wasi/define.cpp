// Registers every wasi_snapshot_preview1 function with its core wasm signature.
#include "ember/wasi.h"
#include "functions.h"

namespace ember {
namespace wasi {
namespace {

// A signature written as a string, 'i' for i32 and 'I' for i64; the result is an errno i32 or none.
// Built at compile time so the tables below are constant data shared by every store.
struct Signature {
  ValType params[10];
  uint32_t param_count;
  uint32_t result_count;
  constexpr Signature(const char* p, uint32_t results) : params{}, param_count(0), result_count(results) {
    for (; p[param_count] != '\0'; ++param_count) {
      params[param_count] = p[param_count] == 'I' ? ValType::I64 : ValType::I32;
    }
  }
};

struct FunctionDef {
  const char* name;
  HostCallback callback;
  Signature sig;
};

constexpr ValType kErrnoResult[1] = {ValType::I32};

#define EMBER_WASI_FN(name, params) \
  { #name, &errno_callback < name>, Signature(params, 1) }

constexpr FunctionDef kFunctions[] = {
    EMBER_WASI_FN(args_get, "ii"),
    EMBER_WASI_FN(args_sizes_get, "ii"),
    EMBER_WASI_FN(environ_get, "ii"),
    EMBER_WASI_FN(environ_sizes_get, "ii"),
    EMBER_WASI_FN(clock_res_get, "ii"),
    EMBER_WASI_FN(clock_time_get, "iIi"),
    EMBER_WASI_FN(fd_advise, "iIIi"),
    EMBER_WASI_FN(fd_allocate, "iII"),
    EMBER_WASI_FN(fd_close, "i"),
    EMBER_WASI_FN(fd_datasync, "i"),
    EMBER_WASI_FN(fd_fdstat_get, "ii"),
    EMBER_WASI_FN(fd_fdstat_set_flags, "ii"),
    EMBER_WASI_FN(fd_fdstat_set_rights, "iII"),
    EMBER_WASI_FN(fd_filestat_get, "ii"),
    EMBER_WASI_FN(fd_filestat_set_size, "iI"),
    EMBER_WASI_FN(fd_filestat_set_times, "iIIi"),
    EMBER_WASI_FN(fd_pread, "iiiIi"),
    EMBER_WASI_FN(fd_prestat_get, "ii"),
    EMBER_WASI_FN(fd_prestat_dir_name, "iii"),
    EMBER_WASI_FN(fd_pwrite, "iiiIi"),
    EMBER_WASI_FN(fd_read, "iiii"),
    EMBER_WASI_FN(fd_readdir, "iiiIi"),
    EMBER_WASI_FN(fd_renumber, "ii"),
    EMBER_WASI_FN(fd_seek, "iIii"),
    EMBER_WASI_FN(fd_sync, "i"),
    EMBER_WASI_FN(fd_tell, "ii"),
    EMBER_WASI_FN(fd_write, "iiii"),
    EMBER_WASI_FN(path_create_directory, "iii"),
    EMBER_WASI_FN(path_filestat_get, "iiiii"),
    EMBER_WASI_FN(path_filestat_set_times, "iiiiIIi"),
    EMBER_WASI_FN(path_link, "iiiiiii"),
    EMBER_WASI_FN(path_open, "iiiiiIIii"),
    EMBER_WASI_FN(path_readlink, "iiiiii"),
    EMBER_WASI_FN(path_remove_directory, "iii"),
    EMBER_WASI_FN(path_rename, "iiiiii"),
    EMBER_WASI_FN(path_symlink, "iiiii"),
    EMBER_WASI_FN(path_unlink_file, "iii"),
    EMBER_WASI_FN(poll_oneoff, "iiii"),
    {"proc_exit", &proc_exit, Signature("i", 0)},
    {"proc_raise", &proc_raise, Signature("i", 1)},
    EMBER_WASI_FN(random_get, "ii"),
    EMBER_WASI_FN(sched_yield, ""),
    EMBER_WASI_FN(sock_accept, "iii"),
    EMBER_WASI_FN(sock_recv, "iiiiii"),
    EMBER_WASI_FN(sock_send, "iiiii"),
    EMBER_WASI_FN(sock_shutdown, "ii"),
};

#undef EMBER_WASI_FN

}  // namespace
}  // namespace wasi

Error define_wasi(Linker& linker, Store& store, WasiContext& context) noexcept {
  for (const wasi::FunctionDef& def : wasi::kFunctions) {
    FuncTypeView type;
    type.params = def.sig.params;
    type.param_count = def.sig.param_count;
    type.results = wasi::kErrnoResult;
    type.result_count = def.sig.result_count;
    Function* fn = store.create_host_function(type, def.callback, context.state());
    if (!fn || !linker.define("wasi_snapshot_preview1", def.name, Extern(fn))) {
      Error e = Error::make(ErrorKind::OutOfMemory, "cannot define a WASI function");
      e.set_detail(def.name);
      return e;
    }
  }
  return Error{};
}

}  // namespace ember
