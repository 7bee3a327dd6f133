/* Errors and small utilities: formatting into a caller buffer, kind names, trap messages, value
 * constructors, the default configuration and the version. */
#include <stdio.h>
#include <string.h>

#include "harness.h"

static void errors_format_into_the_callers_buffer(void) {
  static const uint8_t bad_version[] = {0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00};
  ember_module* module = NULL;
  ember_error e = ember_module_load(bad_version, sizeof bad_version, NULL, &module);
  char text[128], tiny[8];
  CHECK_STR(ember_error_format(&e, text, sizeof text),
            "malformed: unknown binary version at byte offset 0x4");
  /* Truncated, still terminated. */
  CHECK(ember_error_format(&e, tiny, sizeof tiny) == tiny);
  CHECK_STR(tiny, "malform");
  /* No room: nothing written. */
  tiny[0] = 'x';
  CHECK(ember_error_format(&e, tiny, 0) == tiny);
  CHECK(tiny[0] == 'x');
  CHECK(ember_error_format(&e, NULL, 10) == NULL);
  CHECK(strncmp(ember_error_format(NULL, text, sizeof text), "bad argument", 12) == 0);
  /* A detail that fills the whole array is not read past its end. */
  memset(e.detail, 'd', sizeof e.detail);
  CHECK(strlen(ember_error_format(&e, text, sizeof text)) < sizeof text);
}

static void trap_errors_format_with_function_and_offset(void) {
  ember_module* module = load_fixture("capi_core", NULL);
  ember_store* store = NULL;
  ember_instance* instance;
  ember_val args[2], result;
  ember_error e;
  char text[160], expected[160];
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  args[0] = ember_i32(1);
  args[1] = ember_i32(0);
  e = call_export(store, instance, "div", args, 2, &result, 1);
  sprintf(expected, "trap: integer divide by zero in function 2 at byte offset 0x%x", (unsigned)e.offset);
  CHECK_STR(ember_error_format(&e, text, sizeof text), expected);
  CHECK(!ember_error_is_exit(&e, NULL));
  CHECK(!ember_error_is_exit(NULL, NULL));
  ember_store_free(store);
  ember_module_free(module);
}

static void kinds_and_traps_have_names(void) {
  int t;
  CHECK_STR(ember_error_kind_name(EMBER_ERROR_OK), "ok");
  CHECK_STR(ember_error_kind_name(EMBER_ERROR_MALFORMED), "malformed");
  CHECK_STR(ember_error_kind_name(EMBER_ERROR_INVALID), "invalid");
  CHECK_STR(ember_error_kind_name(EMBER_ERROR_UNLINKABLE), "unlinkable");
  CHECK_STR(ember_error_kind_name(EMBER_ERROR_TRAP), "trap");
  CHECK_STR(ember_error_kind_name(EMBER_ERROR_LIMIT), "limit");
  CHECK_STR(ember_error_kind_name(EMBER_ERROR_OUT_OF_MEMORY), "out of memory");
  CHECK_STR(ember_error_kind_name(EMBER_ERROR_BAD_ARGUMENT), "bad argument");
  CHECK_STR(ember_trap_message(EMBER_TRAP_UNREACHABLE), "unreachable");
  CHECK_STR(ember_trap_message(EMBER_TRAP_OUT_OF_BOUNDS_MEMORY_ACCESS), "out of bounds memory access");
  CHECK_STR(ember_trap_message(EMBER_TRAP_CALL_STACK_EXHAUSTED), "call stack exhausted");
  CHECK_STR(ember_trap_message(EMBER_TRAP_OUT_OF_FUEL), "out of fuel");
  for (t = EMBER_TRAP_UNREACHABLE; t <= EMBER_TRAP_INTERRUPTED; ++t)
    CHECK(ember_trap_message((ember_trap)t)[0] != 0);
  CHECK_STR(ember_trap_message((ember_trap)99), "unknown trap");
  CHECK_STR(ember_valtype_name(EMBER_I32), "i32");
  CHECK_STR(ember_valtype_name(EMBER_F64), "f64");
  CHECK_STR(ember_valtype_name(EMBER_FUNCREF), "funcref");
  CHECK_STR(ember_valtype_name(EMBER_EXTERNREF), "externref");
  CHECK_STR(ember_valtype_name(0x01), "?");
}

static void value_constructors_tag_their_type(void) {
  int x;
  ember_val v = ember_i32(-7);
  CHECK(v.type == EMBER_I32 && v.of.i32 == -7);
  v = ember_i64(INT64_MIN);
  CHECK(v.type == EMBER_I64 && v.of.i64 == INT64_MIN);
  v = ember_f32(0.5f);
  CHECK(v.type == EMBER_F32 && v.of.f32 == 0.5f);
  v = ember_f64(-0.25);
  CHECK(v.type == EMBER_F64 && v.of.f64 == -0.25);
  v = ember_funcref(NULL);
  CHECK(v.type == EMBER_FUNCREF && v.of.funcref == NULL);
  v = ember_externref(&x);
  CHECK(v.type == EMBER_EXTERNREF && v.of.externref == &x);
}

static void default_config_is_the_documented_one(void) {
  ember_config c = ember_config_default();
  CHECK_INT(c.stack_bytes, 1u << 20);
  CHECK_INT(c.max_call_depth, 20000);
  CHECK_INT(c.max_host_nesting, 64);
  CHECK_INT(c.max_memory_pages, 65536);
  CHECK_INT(c.max_table_elements, 10000000);
  CHECK(!c.lazy_compile);
  CHECK_INT(c.fuel, 0);
}

static void lazy_compilation_config_runs_the_same_code(void) {
  ember_config c = ember_config_default();
  ember_module* module;
  ember_store* store = NULL;
  ember_instance* instance;
  ember_val arg = ember_i32(100), result;
  c.lazy_compile = true;
  module = load_fixture("capi_core", &c);
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(&c, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  CHECK_OK(call_export(store, instance, "sum_to", &arg, 1, &result, 1));
  CHECK_INT(result.of.i32, 5050);
  ember_store_free(store);
  ember_module_free(module);
}

static void version_is_dotted_numbers(void) {
  const char* v = ember_version();
  unsigned major, minor, patch;
  REQUIRE(v != NULL);
  CHECK(sscanf(v, "%u.%u.%u", &major, &minor, &patch) == 3);
}

void group_error(void) {
  RUN(errors_format_into_the_callers_buffer);
  RUN(trap_errors_format_with_function_and_offset);
  RUN(kinds_and_traps_have_names);
  RUN(value_constructors_tag_their_type);
  RUN(default_config_is_the_documented_one);
  RUN(lazy_compilation_config_runs_the_same_code);
  RUN(version_is_dotted_numbers);
}
