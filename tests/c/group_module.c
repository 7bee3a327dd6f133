/* Modules: loading good and bad binaries (error kind, message, offset), borrowed bytes,
 * validation only, and the import / export / function descriptions. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* A version-2 header: "unknown binary version" at byte 4. */
static const uint8_t kBadVersion[] = {0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00};
/* A type section cut short inside its only type. */
static const uint8_t kTruncated[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00,
                                     0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01};
/* (module (func (result i32))): the empty body leaves no i32, "type mismatch" at its `end`,
 * byte 24 (0x18). */
static const uint8_t kInvalid[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01,
                                   0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03, 0x02, 0x01,
                                   0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};
/* (module (func (export "seven") (result i32) i32.const 7)) */
static const uint8_t kSeven[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00,
                                 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x09, 0x01, 0x05, 0x73, 0x65, 0x76,
                                 0x65, 0x6e, 0x00, 0x00, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x07, 0x0b};

static void load_good_module(void) {
  ember_module* module = load_fixture("capi_core", NULL);
  REQUIRE(module != NULL);
  CHECK_INT(ember_module_import_count(module), 0);
  CHECK(ember_module_export_count(module) > 10);
  ember_module_free(module);
}

static void load_reports_bad_version_with_offset(void) {
  ember_module* module = NULL;
  ember_error e = ember_module_load(kBadVersion, sizeof kBadVersion, NULL, &module);
  CHECK_KIND(e, EMBER_ERROR_MALFORMED);
  CHECK_STR(e.message, "unknown binary version");
  CHECK_INT(e.offset, 4);
  CHECK(module == NULL);
}

static void load_reports_truncated_section(void) {
  ember_module* module = NULL;
  ember_error e = ember_module_load(kTruncated, sizeof kTruncated, NULL, &module);
  CHECK_KIND(e, EMBER_ERROR_MALFORMED);
  CHECK_STR(e.message, "unexpected end of section or function");
  CHECK_INT(e.offset, sizeof kTruncated);
  CHECK(module == NULL);
}

static void load_reports_invalid_with_function_and_offset(void) {
  ember_module* module = NULL;
  ember_error e = ember_module_load(kInvalid, sizeof kInvalid, NULL, &module);
  CHECK_KIND(e, EMBER_ERROR_INVALID);
  CHECK_STR(e.message, "type mismatch");
  CHECK_INT(e.offset, 0x18);
  CHECK_INT(e.func_index, 0);
  CHECK(module == NULL);
}

static void load_of_empty_input_is_malformed(void) {
  ember_module* module = NULL;
  ember_error e = ember_module_load(NULL, 0, NULL, &module);
  CHECK_KIND(e, EMBER_ERROR_MALFORMED);
  CHECK(module == NULL);
}

static void copied_bytes_may_be_freed_after_load(void) {
  uint8_t* bytes = (uint8_t*)malloc(sizeof kSeven);
  ember_module* module = NULL;
  ember_store* store = NULL;
  ember_instance* instance;
  ember_val result;
  REQUIRE(bytes != NULL);
  memcpy(bytes, kSeven, sizeof kSeven);
  REQUIRE_OK(ember_module_load(bytes, sizeof kSeven, NULL, &module));
  memset(bytes, 0xEE, sizeof kSeven); /* scribble, then free: the module must not care */
  free(bytes);
  REQUIRE_OK(ember_store_new(NULL, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  CHECK_OK(call_export(store, instance, "seven", NULL, 0, &result, 1));
  CHECK_INT(result.of.i32, 7);
  ember_store_free(store);
  ember_module_free(module);
}

static void borrowed_bytes_are_used_in_place_and_never_written(void) {
  uint8_t bytes[sizeof kSeven];
  ember_module* module = NULL;
  ember_store* store = NULL;
  ember_instance* instance;
  ember_export x;
  ember_val result;
  memcpy(bytes, kSeven, sizeof kSeven);
  REQUIRE_OK(ember_module_load_borrowed(bytes, sizeof bytes, NULL, &module));
  /* The export name points into the caller's bytes: nothing was copied. */
  REQUIRE_OK(ember_module_export(module, 0, &x));
  CHECK(name_is(x.name, "seven"));
  CHECK(x.name.data == (const char*)bytes + 23);
  REQUIRE_OK(ember_store_new(NULL, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  CHECK_OK(call_export(store, instance, "seven", NULL, 0, &result, 1));
  CHECK_INT(result.of.i32, 7);
  CHECK(memcmp(bytes, kSeven, sizeof kSeven) == 0);
  ember_store_free(store);
  ember_module_free(module);
}

static void validate_only_accepts_and_rejects_without_a_module(void) {
  ember_error e;
  CHECK_OK(ember_module_validate(kSeven, sizeof kSeven, NULL));
  e = ember_module_validate(kInvalid, sizeof kInvalid, NULL);
  CHECK_KIND(e, EMBER_ERROR_INVALID);
  CHECK_STR(e.message, "type mismatch");
  CHECK_INT(e.offset, 0x18);
  e = ember_module_validate(kBadVersion, sizeof kBadVersion, NULL);
  CHECK_KIND(e, EMBER_ERROR_MALFORMED);
}

static void imports_are_enumerated_with_names_and_types(void) {
  ember_module* module = load_fixture("capi_host", NULL);
  ember_import imp;
  REQUIRE(module != NULL);
  REQUIRE(ember_module_import_count(module) == 5);
  REQUIRE_OK(ember_module_import(module, 0, &imp));
  CHECK(name_is(imp.module, "env"));
  CHECK(name_is(imp.name, "add"));
  CHECK_INT(imp.kind, EMBER_EXTERN_FUNC);
  REQUIRE(imp.func.param_count == 2);
  CHECK_INT(imp.func.params[0], EMBER_I32);
  CHECK_INT(imp.func.params[1], EMBER_I32);
  REQUIRE(imp.func.result_count == 1);
  CHECK_INT(imp.func.results[0], EMBER_I32);
  REQUIRE_OK(ember_module_import(module, 2, &imp));
  CHECK(name_is(imp.name, "quit"));
  CHECK_INT(imp.func.result_count, 0);
  ember_module_free(module);

  module = load_fixture("capi_imports", NULL);
  REQUIRE(module != NULL);
  REQUIRE(ember_module_import_count(module) == 4);
  REQUIRE_OK(ember_module_import(module, 0, &imp));
  CHECK(name_is(imp.module, "host"));
  CHECK(name_is(imp.name, "memory"));
  CHECK_INT(imp.kind, EMBER_EXTERN_MEMORY);
  CHECK_INT(imp.limits.min, 1);
  CHECK(imp.limits.has_max);
  CHECK_INT(imp.limits.max, 2);
  REQUIRE_OK(ember_module_import(module, 1, &imp));
  CHECK_INT(imp.kind, EMBER_EXTERN_TABLE);
  CHECK_INT(imp.table_elem, EMBER_FUNCREF);
  CHECK_INT(imp.limits.min, 1);
  CHECK(!imp.limits.has_max);
  REQUIRE_OK(ember_module_import(module, 3, &imp));
  CHECK_INT(imp.kind, EMBER_EXTERN_GLOBAL);
  CHECK_INT(imp.global_type, EMBER_I64);
  CHECK(imp.global_mutable);
  {
    ember_error e = ember_module_import(module, 4, &imp);
    CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  }
  ember_module_free(module);
}

static void exports_and_function_types_and_names(void) {
  ember_module* module = load_fixture("capi_core", NULL);
  uint32_t i, n;
  bool seen_mix = false, seen_memory = false, seen_counter = false, seen_table = false;
  ember_functype t;
  ember_error e;
  REQUIRE(module != NULL);
  n = ember_module_export_count(module);
  for (i = 0; i < n; ++i) {
    ember_export x;
    REQUIRE_OK(ember_module_export(module, i, &x));
    if (name_is(x.name, "mix")) {
      seen_mix = true;
      CHECK_INT(x.kind, EMBER_EXTERN_FUNC);
      CHECK_INT(x.index, 1);
    }
    if (name_is(x.name, "memory")) seen_memory = x.kind == EMBER_EXTERN_MEMORY;
    if (name_is(x.name, "counter")) seen_counter = x.kind == EMBER_EXTERN_GLOBAL;
    if (name_is(x.name, "table")) seen_table = x.kind == EMBER_EXTERN_TABLE;
  }
  CHECK(seen_mix && seen_memory && seen_counter && seen_table);
  REQUIRE_OK(ember_module_func_type(module, 1, &t));
  REQUIRE(t.param_count == 3 && t.result_count == 2);
  CHECK_INT(t.params[0], EMBER_I64);
  CHECK_INT(t.params[1], EMBER_F32);
  CHECK_INT(t.params[2], EMBER_F64);
  CHECK_INT(t.results[0], EMBER_F64);
  CHECK_INT(t.results[1], EMBER_I64);
  CHECK(ember_module_func_count(module) == 13);
  e = ember_module_func_type(module, 13, &t);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  /* wat2wasm --debug-names keeps $add and $div. */
  CHECK(name_is(ember_module_func_name(module, 0), "add"));
  CHECK(name_is(ember_module_func_name(module, 2), "div"));
  CHECK(ember_module_func_name(module, 99).size == 0);
  ember_module_free(module);
}

static void store_memory_cap_is_a_limit_error_at_instantiation(void) {
  ember_config config = ember_config_default();
  ember_module* module = load_fixture("capi_core", NULL); /* (memory 1 3) */
  ember_store* store = NULL;
  ember_instance* instance = NULL;
  ember_error e;
  REQUIRE(module != NULL);
  config.max_memory_pages = 0;
  REQUIRE_OK(ember_store_new(&config, &store));
  e = ember_instance_new(store, module, NULL, 0, &instance);
  CHECK_KIND(e, EMBER_ERROR_LIMIT);
  CHECK_STR(e.message, "memory exceeds the host's memory limit");
  CHECK(instance == NULL);
  ember_store_free(store);
  ember_module_free(module);
}

void group_module(void) {
  RUN(load_good_module);
  RUN(load_reports_bad_version_with_offset);
  RUN(load_reports_truncated_section);
  RUN(load_reports_invalid_with_function_and_offset);
  RUN(load_of_empty_input_is_malformed);
  RUN(copied_bytes_may_be_freed_after_load);
  RUN(borrowed_bytes_are_used_in_place_and_never_written);
  RUN(validate_only_accepts_and_rejects_without_a_module);
  RUN(imports_are_enumerated_with_names_and_types);
  RUN(exports_and_function_types_and_names);
  RUN(store_memory_cap_is_a_limit_error_at_instantiation);
}
