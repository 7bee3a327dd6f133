/* WASI from C: examples/hello (compiled to wasm32-wasi at build time) run with arguments, an
 * environment, a preopened directory and its stdout captured in a file; exit codes; refused
 * configurations. */
#define _POSIX_C_SOURCE 200809L /* fileno */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ember_wasi.h"
#include "harness.h"

#if !defined(EMBER_TEST_HELLO_WASM) || !defined(EMBER_TEST_EXAMPLES_DIR)
#error "EMBER_TEST_HELLO_WASM and EMBER_TEST_EXAMPLES_DIR must be defined"
#endif

static ember_module* load_hello(void) {
  size_t size = 0;
  uint8_t* bytes = read_file(EMBER_TEST_HELLO_WASM, &size);
  ember_module* module = NULL;
  ember_error e;
  if (!harness_check(bytes != NULL, EMBER_TEST_HELLO_WASM, __FILE__, __LINE__)) return NULL;
  e = ember_module_load(bytes, size, NULL, &module);
  free(bytes);
  if (!harness_check_kind(&e, EMBER_ERROR_OK, "load hello.wasm", __FILE__, __LINE__)) return NULL;
  return module;
}

/* Reads back what the guest wrote into a temporary file. */
static void slurp(FILE* f, char* out, size_t size) {
  size_t n;
  fflush(f);
  rewind(f);
  n = fread(out, 1, size - 1, f);
  out[n] = 0;
}

/* Runs hello.wasm with `file` as its argument; returns the error of ember_wasi_run. */
/* A stdout stream into a fixed buffer (ember_wasi_stream). */
struct capture {
  char* data;
  size_t size, capacity;
};

static intptr_t capture_write(void* user, const uint8_t* data, size_t size) {
  struct capture* c = (struct capture*)user;
  if (size > c->capacity - c->size) return -1;
  memcpy(c->data + c->size, data, size);
  c->size += size;
  return (intptr_t)size;
}

/* Runs hello.wasm; with `streams`, its stdout goes to a callback stream and its directory is a
 * read-only preopen (hello only reads). */
static ember_error run_hello_with(const char* file, int32_t* exit_code, char* out, size_t out_size,
                                  int streams) {
  const char* argv[2];
  const char* env[] = {"USER=capi"};
  ember_wasi_preopen dirs[1];
  ember_wasi_config config = ember_wasi_config_default();
  ember_module* module = load_hello();
  ember_store* store = NULL;
  ember_linker* linker = NULL;
  ember_wasi* wasi = NULL;
  ember_instance* instance = NULL;
  FILE* captured_out = tmpfile();
  FILE* captured_err = tmpfile();
  ember_error e;
  memset(&e, 0, sizeof e);
  e.kind = EMBER_ERROR_BAD_ARGUMENT;
  e.message = "test setup failed";
  argv[0] = "hello";
  argv[1] = file;
  dirs[0].host_path = EMBER_TEST_EXAMPLES_DIR;
  dirs[0].guest_path = "/src";
  dirs[0].read_only = streams;
  config.args = argv;
  config.arg_count = 2;
  config.env = env;
  config.env_count = 1;
  config.preopens = dirs;
  config.preopen_count = 1;
  config.stdin_handle = -1;
  if (captured_out && captured_err && module) {
    struct capture capture;
    config.stdout_handle = fileno(captured_out);
    config.stderr_handle = fileno(captured_err);
    capture.data = out;
    capture.size = 0;
    capture.capacity = out_size - 1;
    if (streams) {
      config.stdout_stream.write = capture_write;
      config.stdout_stream.user = &capture;
    }
    if (ember_store_new(NULL, &store).kind == EMBER_ERROR_OK &&
        ember_linker_new(&linker).kind == EMBER_ERROR_OK &&
        ember_wasi_new(&config, &wasi).kind == EMBER_ERROR_OK &&
        ember_wasi_define(linker, store, wasi).kind == EMBER_ERROR_OK &&
        ember_linker_instantiate(linker, store, module, &instance).kind == EMBER_ERROR_OK)
      e = ember_wasi_run(store, instance, exit_code);
    if (streams) {
      out[capture.size] = '\0';
    } else {
      slurp(captured_out, out, out_size);
    }
  }
  ember_linker_free(linker);
  ember_store_free(store);
  ember_wasi_free(wasi); /* after the store */
  ember_module_free(module);
  if (captured_out) fclose(captured_out);
  if (captured_err) fclose(captured_err);
  return e;
}

static ember_error run_hello(const char* file, int32_t* exit_code, char* out, size_t out_size) {
  return run_hello_with(file, exit_code, out, out_size, 0);
}

static void stdout_goes_to_a_stream_and_a_read_only_directory_reads(void) {
  char out[512];
  int32_t code = -1;
  ember_error e = run_hello_with("/src/hello/hello.c", &code, out, sizeof out, 1);
  CHECK_KIND(e, EMBER_ERROR_OK);
  CHECK_INT(code, 0);
  CHECK(strncmp(out, "hello from wasm, capi\n", 22) == 0);
  CHECK(strstr(out, " /src/hello/hello.c\n") != NULL);
}

static void hello_runs_with_args_env_and_a_preopened_directory(void) {
  char out[512];
  int32_t code = -1;
  ember_error e = run_hello("/src/hello/hello.c", &code, out, sizeof out);
  CHECK_KIND(e, EMBER_ERROR_OK);
  CHECK_INT(code, 0);
  CHECK(strncmp(out, "hello from wasm, capi\n", 22) == 0);
  CHECK(strstr(out, " /src/hello/hello.c\n") != NULL);
}

static void a_failing_program_reports_its_exit_code(void) {
  char out[512];
  int32_t code = -1;
  /* Outside every preopened directory: the guest cannot open it and exits with status 1. */
  ember_error e = run_hello("/etc/passwd", &code, out, sizeof out);
  CHECK_KIND(e, EMBER_ERROR_OK);
  CHECK_INT(code, 1);
  CHECK(strstr(out, "/etc/passwd") == NULL);
}

static void proc_exit_is_an_exit_error_when_called_directly(void) {
  const char* argv[] = {"hello", "/missing"};
  ember_wasi_config config = ember_wasi_config_default();
  ember_module* module = load_hello();
  ember_store* store = NULL;
  ember_linker* linker = NULL;
  ember_wasi* wasi = NULL;
  ember_instance* instance = NULL;
  FILE* sink = tmpfile();
  int32_t code = -1;
  ember_error e;
  REQUIRE(module != NULL && sink != NULL);
  config.args = argv;
  config.arg_count = 2;
  config.stdout_handle = fileno(sink);
  config.stderr_handle = fileno(sink);
  REQUIRE_OK(ember_store_new(NULL, &store));
  REQUIRE_OK(ember_linker_new(&linker));
  REQUIRE_OK(ember_wasi_new(&config, &wasi));
  REQUIRE_OK(ember_wasi_define(linker, store, wasi));
  REQUIRE_OK(ember_linker_instantiate(linker, store, module, &instance));
  e = call_export(store, instance, "_start", NULL, 0, NULL, 0);
  CHECK_KIND(e, EMBER_ERROR_EXIT);
  CHECK_INT(e.trap, EMBER_TRAP_NONE);
  CHECK(ember_error_is_exit(&e, &code));
  CHECK_INT(code, 1);
  ember_linker_free(linker);
  ember_store_free(store);
  ember_wasi_free(wasi);
  ember_module_free(module);
  fclose(sink);
}

static void wasi_imports_are_unlinkable_until_defined(void) {
  ember_module* module = load_hello();
  ember_store* store = NULL;
  ember_linker* linker = NULL;
  ember_instance* instance = NULL;
  ember_error e;
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  REQUIRE_OK(ember_linker_new(&linker));
  e = ember_linker_instantiate(linker, store, module, &instance);
  CHECK_KIND(e, EMBER_ERROR_UNLINKABLE);
  CHECK(strncmp(e.detail, "wasi_snapshot_preview1.", 23) == 0);
  ember_linker_free(linker);
  ember_store_free(store);
  ember_module_free(module);
}

static void bad_configurations_are_refused(void) {
  const char* null_arg[] = {"prog", NULL};
  ember_wasi_preopen missing = {"/nonexistent/ember-capi-test", "/x", 0};
  ember_wasi_preopen no_guest = {EMBER_TEST_EXAMPLES_DIR, "", 0};
  ember_wasi_config config = ember_wasi_config_default();
  ember_wasi* wasi = NULL;
  ember_error e;
  config.args = null_arg;
  config.arg_count = 2;
  e = ember_wasi_new(&config, &wasi);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  config = ember_wasi_config_default();
  config.env_count = 1; /* env is NULL */
  e = ember_wasi_new(&config, &wasi);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  config = ember_wasi_config_default();
  config.preopens = &missing;
  config.preopen_count = 1;
  e = ember_wasi_new(&config, &wasi);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK_STR(e.detail, "/nonexistent/ember-capi-test");
  config.preopens = &no_guest;
  e = ember_wasi_new(&config, &wasi);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK(wasi == NULL);
  e = ember_wasi_new(NULL, NULL);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  REQUIRE_OK(ember_wasi_new(NULL, &wasi)); /* NULL config: the defaults */
  e = ember_wasi_define(NULL, NULL, wasi);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  ember_wasi_free(wasi);
  ember_wasi_free(NULL);
}

static void run_needs_a_start_function(void) {
  ember_module* module = load_fixture("capi_core", NULL);
  ember_store* store = NULL;
  ember_instance* instance;
  int32_t code = -1;
  ember_error e;
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  e = ember_wasi_run(store, instance, &code);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK_INT(code, -1);
  e = ember_wasi_run(NULL, instance, &code);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  ember_store_free(store);
  ember_module_free(module);
}

void group_wasi(void) {
  RUN(hello_runs_with_args_env_and_a_preopened_directory);
  RUN(stdout_goes_to_a_stream_and_a_read_only_directory_reads);
  RUN(a_failing_program_reports_its_exit_code);
  RUN(proc_exit_is_an_exit_error_when_called_directly);
  RUN(wasi_imports_are_unlinkable_until_defined);
  RUN(bad_configurations_are_refused);
  RUN(run_needs_a_start_function);
}
