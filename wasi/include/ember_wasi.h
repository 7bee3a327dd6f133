/* Ember WASI C API: `wasi_snapshot_preview1` for modules compiled against WASI, from C99.
 *
 * Capability based: the guest sees only what the host grants in ember_wasi_config. No argument,
 * environment variable, directory or stream is inherited from the host process by default.
 *
 *   const char* argv[] = {"prog.wasm", "/data/input.txt"};
 *   ember_wasi_preopen dirs[] = {{"/srv/data", "/data", 0}};  (1: read-only)
 *   ember_wasi_config cfg = ember_wasi_config_default();
 *   cfg.args = argv; cfg.arg_count = 2; cfg.preopens = dirs; cfg.preopen_count = 1;
 *   ember_wasi* wasi;
 *   ember_wasi_new(&cfg, &wasi);                       (opens the preopened directories)
 *   ember_wasi_define(linker, store, wasi);            (before ember_linker_instantiate)
 *   ... ember_linker_instantiate(linker, store, module, &instance) ...
 *   int32_t status;
 *   ember_error e = ember_wasi_run(store, instance, &status);   (calls _start)
 *   ember_store_free(store); ember_wasi_free(wasi);
 *
 * The rules of ember.h apply (errors as values, NULL handles are BAD_ARGUMENT, threads). A WASI
 * context is not thread-safe: it belongs to the thread of the store it is defined into. */
#ifndef EMBER_WASI_H
#define EMBER_WASI_H

#include <stdint.h>

#include "ember.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A host directory made visible to the guest under a guest path (e.g. {"/tmp/work", "/"}).
 * read_only != 0 grants no right that creates, writes, renames or removes anything, on the
 * directory or beneath it (such calls fail with ENOTCAPABLE). */
typedef struct ember_wasi_preopen {
  const char* host_path;
  const char* guest_path;
  int read_only;
} ember_wasi_preopen;

/* A stream the host implements in place of a host handle behind guest fd 0, 1 or 2 (see
 * ember::WasiStream in ember/wasi.h): `read` fills up to `size` bytes and returns how many (0: end
 * of input, -1: EIO); `write` takes up to `size` bytes and returns how many (-1: EIO). Both NULL:
 * unset, the handle is used. The callbacks run during the guest's fd_read / fd_write. */
typedef struct ember_wasi_stream {
  intptr_t (*read)(void* user, uint8_t* out, size_t size);
  intptr_t (*write)(void* user, const uint8_t* data, size_t size);
  void* user;
} ember_wasi_stream;

/* What the guest is granted. All strings and arrays are copied by ember_wasi_new. */
typedef struct ember_wasi_config {
  const char* const* args; /* argv, argv[0] included */
  uint32_t arg_count;
  const char* const* env; /* "NAME=VALUE" strings: the complete environment */
  uint32_t env_count;
  const ember_wasi_preopen* preopens; /* become guest fds 3, 4, ... in order */
  uint32_t preopen_count;
  /* Host handles (file descriptors on POSIX) behind guest fds 0, 1 and 2; -1 leaves that fd
   * closed. They stay owned by the host: a guest fd_close only drops the guest's reference. */
  intptr_t stdin_handle;
  intptr_t stdout_handle;
  intptr_t stderr_handle;
  /* Set streams replace the handles above (their `user` must outlive the context). */
  ember_wasi_stream stdin_stream;
  ember_wasi_stream stdout_stream;
  ember_wasi_stream stderr_stream;
  /* Most guest fds open at once (EMFILE beyond). */
  uint32_t max_open_files;
} ember_wasi_config;

/* Nothing granted; stdio connected to the host's fds 0, 1, 2; max_open_files 1024. */
ember_wasi_config ember_wasi_config_default(void);

/* The state of one WASI program: its fd table, arguments and environment. */
typedef struct ember_wasi ember_wasi;

/* Copies `config` (NULL: ember_wasi_config_default) and opens the preopened directories.
 * BAD_ARGUMENT (detail: the host path) if one cannot be opened or a guest path is empty, or if an
 * array is NULL with a non-zero count. */
ember_error ember_wasi_new(const ember_wasi_config* config, ember_wasi** out);
/* Closes every host handle the guest still has open (except the host's stdio) and frees the
 * context. Free it only after the store it was defined into (or never call into those instances
 * again). NULL is a no-op. */
void ember_wasi_free(ember_wasi* wasi);
/* Creates every wasi_snapshot_preview1 function in `store` and defines it in `linker` under the
 * module name "wasi_snapshot_preview1". One context serves one program: define it into one store. */
ember_error ember_wasi_define(ember_linker* linker, ember_store* store, ember_wasi* wasi);
/* Runs a WASI command: calls the instance's `_start` export. A program that returns from _start
 * or calls proc_exit has ended normally: the result is OK and *exit_code (when not NULL) receives
 * its exit code (0 for a return). Anything else is returned as the error (a trap, or BAD_ARGUMENT
 * if there is no `_start` of type () -> ()). To call other exports, use ember_func_call and
 * ember_error_is_exit. */
ember_error ember_wasi_run(ember_store* store, const ember_instance* instance, int32_t* exit_code);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* EMBER_WASI_H */
