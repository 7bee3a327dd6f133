/* The C API tests' harness and shared helpers. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EMBER_TEST_WASM_DIR
#error "EMBER_TEST_WASM_DIR must name the directory of the compiled WAT fixtures"
#endif

static const char* g_current = "";
static int g_failures_in_test = 0;
static int g_passed = 0;
static int g_failed = 0;

void harness_run(const char* name, void (*test)(void)) {
  g_current = name;
  g_failures_in_test = 0;
  test();
  if (g_failures_in_test == 0) {
    ++g_passed;
  } else {
    ++g_failed;
    printf("FAILED: %s\n", name);
  }
}

int harness_passed(void) { return g_passed; }
int harness_failed(void) { return g_failed; }

static bool fail(const char* file, int line) {
  ++g_failures_in_test;
  printf("%s:%d: in %s: ", file, line, g_current);
  return false;
}

bool harness_check(bool ok, const char* expr, const char* file, int line) {
  if (ok) return true;
  fail(file, line);
  printf("CHECK(%s) failed\n", expr);
  return false;
}

bool harness_check_kind(const ember_error* e, ember_error_kind kind, const char* expr, const char* file,
                        int line) {
  char text[256];
  if (e->kind == kind) return true;
  fail(file, line);
  printf("%s: expected %s, got \"%s\"\n", expr, ember_error_kind_name(kind),
         ember_error_format(e, text, sizeof text));
  return false;
}

bool harness_check_str(const char* actual, const char* expected, const char* expr, const char* file,
                       int line) {
  if (actual && expected && strcmp(actual, expected) == 0) return true;
  fail(file, line);
  printf("%s: expected \"%s\", got \"%s\"\n", expr, expected ? expected : "(null)",
         actual ? actual : "(null)");
  return false;
}

bool harness_check_int(long long actual, long long expected, const char* expr, const char* file, int line) {
  if (actual == expected) return true;
  fail(file, line);
  printf("%s: expected %lld, got %lld\n", expr, expected, actual);
  return false;
}

uint8_t* read_file(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  uint8_t* bytes = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    bytes = (uint8_t*)malloc((size_t)n + 1);
    if (bytes && fread(bytes, 1, (size_t)n, f) != (size_t)n) {
      free(bytes);
      bytes = NULL;
    }
    *size = (size_t)n;
  }
  fclose(f);
  return bytes;
}

ember_module* load_fixture(const char* name, const ember_config* config) {
  char path[512];
  size_t size = 0;
  uint8_t* bytes;
  ember_module* module = NULL;
  ember_error e;
  snprintf(path, sizeof path, "%s/%s.wasm", EMBER_TEST_WASM_DIR, name);
  bytes = read_file(path, &size);
  if (!harness_check(bytes != NULL, path, __FILE__, __LINE__)) return NULL;
  e = ember_module_load(bytes, size, config, &module);
  free(bytes); /* the module keeps its own copy */
  if (!harness_check_kind(&e, EMBER_ERROR_OK, path, __FILE__, __LINE__)) return NULL;
  return module;
}

ember_instance* instantiate_plain(ember_store* store, const ember_module* module) {
  ember_instance* instance = NULL;
  ember_error e = ember_instance_new(store, module, NULL, 0, &instance);
  if (!harness_check_kind(&e, EMBER_ERROR_OK, "ember_instance_new", __FILE__, __LINE__)) return NULL;
  return instance;
}

ember_error call_export(ember_store* store, const ember_instance* instance, const char* name,
                        const ember_val* args, size_t nargs, ember_val* results, size_t nresults) {
  ember_func* f = ember_instance_func(instance, name, strlen(name));
  harness_check(f != NULL, name, __FILE__, __LINE__);
  return ember_func_call(store, f, args, nargs, results, nresults);
}

bool name_is(ember_name name, const char* expected) {
  size_t n = strlen(expected);
  return name.size == n && (n == 0 || memcmp(name.data, expected, n) == 0);
}

size_t len(const char* s) { return strlen(s); }
