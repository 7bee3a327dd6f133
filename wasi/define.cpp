// Registers every wasi_snapshot_preview1 function with its core wasm signature.
#include <string_view>

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

// The implementation behind a function's wasi_unstable import: the preview1 one where they agree.
template <WasiImpl Impl>
struct unstable_variant {
  static constexpr WasiImpl impl = Impl;
};

// Snapshot 0 numbered whence cur = 0, end = 1, set = 2; preview1 has set = 0, cur = 1, end = 2.
Errno fd_seek_unstable(HostCall& c) {
  static constexpr uint64_t kToPreview1[3] = {kWhenceCur, kWhenceEnd, kWhenceSet};
  uint64_t args[4] = {c.args[0], c.args[1], c.args[2], c.args[3]};
  if (c.u32(2) > 2) return kInval;
  args[2] = kToPreview1[c.u32(2)];
  HostCall translated{c.state, c.mem, c.caller, args, true};
  return fd_seek(translated);
}

Errno poll_oneoff_unstable(HostCall&) { return kNoSys; }

template <>
struct unstable_variant<&fd_seek> {
  static constexpr WasiImpl impl = &fd_seek_unstable;
};
template <>
struct unstable_variant<&poll_oneoff> {
  static constexpr WasiImpl impl = &poll_oneoff_unstable;
};

// Every function with an errno result, in witx order, as X(name, params).
#define EMBER_WASI_ERRNO_FUNCTIONS(X)   \
  X(args_get, "ii")                     \
  X(args_sizes_get, "ii")               \
  X(environ_get, "ii")                  \
  X(environ_sizes_get, "ii")            \
  X(clock_res_get, "ii")                \
  X(clock_time_get, "iIi")              \
  X(fd_advise, "iIIi")                  \
  X(fd_allocate, "iII")                 \
  X(fd_close, "i")                      \
  X(fd_datasync, "i")                   \
  X(fd_fdstat_get, "ii")                \
  X(fd_fdstat_set_flags, "ii")          \
  X(fd_fdstat_set_rights, "iII")        \
  X(fd_filestat_get, "ii")              \
  X(fd_filestat_set_size, "iI")         \
  X(fd_filestat_set_times, "iIIi")      \
  X(fd_pread, "iiiIi")                  \
  X(fd_prestat_get, "ii")               \
  X(fd_prestat_dir_name, "iii")         \
  X(fd_pwrite, "iiiIi")                 \
  X(fd_read, "iiii")                    \
  X(fd_readdir, "iiiIi")                \
  X(fd_renumber, "ii")                  \
  X(fd_seek, "iIii")                    \
  X(fd_sync, "i")                       \
  X(fd_tell, "ii")                      \
  X(fd_write, "iiii")                   \
  X(path_create_directory, "iii")       \
  X(path_filestat_get, "iiiii")         \
  X(path_filestat_set_times, "iiiiIIi") \
  X(path_link, "iiiiiii")               \
  X(path_open, "iiiiiIIii")             \
  X(path_readlink, "iiiiii")            \
  X(path_remove_directory, "iii")       \
  X(path_rename, "iiiiii")              \
  X(path_symlink, "iiiii")              \
  X(path_unlink_file, "iii")            \
  X(poll_oneoff, "iiii")                \
  X(random_get, "ii")                   \
  X(sched_yield, "")                    \
  X(sock_accept, "iii")                 \
  X(sock_recv, "iiiiii")                \
  X(sock_send, "iiiii")                 \
  X(sock_shutdown, "ii")

#define EMBER_WASI_FN(name, params) {#name, &errno_callback<name>, Signature(params, 1)},
constexpr FunctionDef kFunctions[] = {
    EMBER_WASI_ERRNO_FUNCTIONS(EMBER_WASI_FN){"proc_exit", &proc_exit, Signature("i", 0)},
    {"proc_raise", &proc_raise, Signature("i", 1)},
};
#undef EMBER_WASI_FN

// wasi_unstable (snapshot 0), which older toolchains emit: the same functions and signatures, but
// fd_seek numbers `whence` differently and the filestat calls write the older struct.
// poll_oneoff's older subscription layout is not translated: there it returns ENOSYS.
#define EMBER_WASI_FN(name, params) \
  {#name, &errno_callback<unstable_variant<&name>::impl, true>, Signature(params, 1)},
constexpr FunctionDef kUnstableFunctions[] = {
    EMBER_WASI_ERRNO_FUNCTIONS(EMBER_WASI_FN){"proc_exit", &proc_exit, Signature("i", 0)},
    {"proc_raise", &proc_raise, Signature("i", 1)},
};
#undef EMBER_WASI_FN
#undef EMBER_WASI_ERRNO_FUNCTIONS

Error define_one(Linker& linker, Store& store, WasiContext& context, const char* module,
                 const FunctionDef& def) noexcept {
  FuncTypeView type;
  type.params = def.sig.params;
  type.param_count = def.sig.param_count;
  type.results = kErrnoResult;
  type.result_count = def.sig.result_count;
  Function* fn = store.create_host_function(type, def.callback, context.state());
  if (!fn || !linker.define(module, def.name, Extern(fn))) {
    Error e = Error::make(ErrorKind::OutOfMemory, "cannot define a WASI function");
    e.set_detail(def.name);
    return e;
  }
  return Error{};
}

template <std::size_t N>
const FunctionDef* find_def(const FunctionDef (&functions)[N], std::string_view name) noexcept {
  for (const FunctionDef& def : functions)
    if (name == def.name) return &def;
  return nullptr;
}

template <std::size_t N>
Error define_all(Linker& linker, Store& store, WasiContext& context, const char* module,
                 const FunctionDef (&functions)[N]) noexcept {
  for (const FunctionDef& def : functions)
    if (Error e = define_one(linker, store, context, module, def)) return e;
  return Error{};
}

}  // namespace
}  // namespace wasi

Error define_wasi(Linker& linker, Store& store, WasiContext& context) noexcept {
  Error e = wasi::define_all(linker, store, context, "wasi_snapshot_preview1", wasi::kFunctions);
  if (!e.ok()) return e;
  return wasi::define_all(linker, store, context, "wasi_unstable", wasi::kUnstableFunctions);
}

Error define_wasi(Linker& linker, Store& store, WasiContext& context, const Module& module) noexcept {
  for (uint32_t i = 0; i < module.import_count(); ++i) {
    ImportInfo imp = module.import(i);
    if (imp.kind != ExternKind::Func) continue;
    const wasi::FunctionDef* def = nullptr;
    const char* name = nullptr;
    if (imp.module == "wasi_snapshot_preview1") {
      def = wasi::find_def(wasi::kFunctions, imp.name);
      name = "wasi_snapshot_preview1";
    } else if (imp.module == "wasi_unstable") {
      def = wasi::find_def(wasi::kUnstableFunctions, imp.name);
      name = "wasi_unstable";
    }
    // Unknown names are left for instantiate to report as unknown imports.
    if (def && !linker.find(imp.module, imp.name).ptr)
      if (Error e = wasi::define_one(linker, store, context, name, *def)) return e;
  }
  return Error{};
}

}  // namespace ember
