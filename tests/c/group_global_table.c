/* Globals and tables from C: reading and writing exported globals, immutability and type checks,
 * and funcref tables whose entries are function handles. */
#include <string.h>

#include "harness.h"

static void exported_globals_are_read_and_written(void) {
  ember_module* module = load_fixture("capi_core", NULL);
  ember_store* store = NULL;
  ember_instance* instance;
  ember_global *counter, *limit;
  ember_val v, result;
  bool is_mutable = false;
  ember_error e;
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  counter = ember_instance_global(instance, "counter", 7);
  limit = ember_instance_global(instance, "limit", 5);
  REQUIRE(counter && limit);
  CHECK_INT(ember_global_type(counter, &is_mutable), EMBER_I32);
  CHECK(is_mutable);
  CHECK_INT(ember_global_type(limit, &is_mutable), EMBER_I64);
  CHECK(!is_mutable);
  CHECK_OK(ember_global_get(counter, &v));
  CHECK_INT(v.type, EMBER_I32);
  CHECK_INT(v.of.i32, 5);
  CHECK_OK(call_export(store, instance, "bump", NULL, 0, &result, 1));
  CHECK_INT(result.of.i32, 6);
  v = ember_i32(41);
  CHECK_OK(ember_global_set(counter, &v));
  CHECK_OK(call_export(store, instance, "bump", NULL, 0, &result, 1));
  CHECK_INT(result.of.i32, 42);
  /* Immutable, and a value of the wrong type: refused, value unchanged. */
  v = ember_i64(1);
  e = ember_global_set(limit, &v);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK_OK(ember_global_get(limit, &v));
  CHECK_INT(v.of.i64, 1000);
  e = ember_global_set(counter, &v);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK_OK(ember_global_get(counter, &v));
  CHECK_INT(v.of.i32, 42);
  ember_store_free(store);
  ember_module_free(module);
}

static void host_globals_check_their_initial_value(void) {
  ember_store* store = NULL;
  ember_global* g = NULL;
  ember_val v = ember_f32(1.0f), out;
  ember_error e;
  REQUIRE_OK(ember_store_new(NULL, &store));
  e = ember_global_new(store, EMBER_F64, true, &v, &g);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  e = ember_global_new(store, 0x01, true, &v, &g);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK(g == NULL);
  REQUIRE_OK(ember_global_new(store, EMBER_F32, true, &v, &g));
  v = ember_f32(-2.5f);
  CHECK_OK(ember_global_set(g, &v));
  CHECK_OK(ember_global_get(g, &out));
  CHECK(out.type == EMBER_F32 && out.of.f32 == -2.5f);
  ember_store_free(store);
}

static void table_entries_are_function_handles(void) {
  ember_module* module = load_fixture("capi_core", NULL);
  ember_store* store = NULL;
  ember_instance* instance;
  ember_table* table;
  ember_func* add;
  ember_val v, args[3], result;
  ember_error e;
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  table = ember_instance_table(instance, "table", 5);
  add = ember_instance_func(instance, "add", 3);
  REQUIRE(table && add);
  CHECK(ember_instance_func(instance, "add", 3) == add); /* handles are stable */
  CHECK_INT(ember_table_size(table), 2);
  /* Slot 0 holds $add (the elem segment): the same handle as the export. */
  CHECK_OK(ember_table_get(table, 0, &v));
  CHECK_INT(v.type, EMBER_FUNCREF);
  CHECK(v.of.funcref == add);
  CHECK_OK(ember_table_get(table, 1, &v));
  CHECK(v.of.funcref == NULL);
  e = ember_table_get(table, 2, &v);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  /* Put $add into slot 1 from the host, then call through it from wasm. */
  v = ember_funcref(add);
  CHECK_OK(ember_table_set(table, 1, &v));
  args[0] = ember_i32(1);
  args[1] = ember_i32(20);
  args[2] = ember_i32(22);
  CHECK_OK(call_export(store, instance, "call_slot", args, 3, &result, 1));
  CHECK_INT(result.of.i32, 42);
  /* A reference from a table can be called directly. */
  CHECK_OK(ember_table_get(table, 1, &v));
  CHECK_OK(ember_func_call(store, v.of.funcref, args + 1, 2, &result, 1));
  CHECK_INT(result.of.i32, 42);
  /* Wrong element type, grow within and beyond the maximum (10). */
  v = ember_externref(NULL);
  e = ember_table_set(table, 0, &v);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK_INT(ember_table_grow(table, 1, &v), -1);
  v = ember_funcref(add);
  CHECK_INT(ember_table_grow(table, 3, &v), 2);
  CHECK_INT(ember_table_size(table), 5);
  CHECK_OK(ember_table_get(table, 4, &v));
  CHECK(v.of.funcref == add);
  CHECK_INT(ember_table_grow(table, 6, NULL), -1);
  ember_store_free(store);
  ember_module_free(module);
}

static void host_tables_hold_externrefs(void) {
  ember_store* store = NULL;
  ember_table* table = NULL;
  int a = 1, b = 2;
  ember_val v = ember_externref(&a), out;
  ember_error e;
  REQUIRE_OK(ember_store_new(NULL, &store));
  e = ember_table_new(store, EMBER_I32, 1, 0, false, NULL, &table);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  e = ember_table_new(store, EMBER_FUNCREF, 1, 0, false, &v, &table); /* init of the wrong type */
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  REQUIRE_OK(ember_table_new(store, EMBER_EXTERNREF, 2, 4, true, &v, &table));
  CHECK_OK(ember_table_get(table, 1, &out));
  CHECK(out.type == EMBER_EXTERNREF && out.of.externref == &a);
  v = ember_externref(&b);
  CHECK_OK(ember_table_set(table, 0, &v));
  CHECK_OK(ember_table_get(table, 0, &out));
  CHECK(out.of.externref == &b);
  CHECK_INT(ember_table_grow(table, 3, NULL), -1);
  CHECK_INT(ember_table_grow(table, 2, NULL), 2);
  ember_store_free(store);
}

void group_global_table(void) {
  RUN(exported_globals_are_read_and_written);
  RUN(host_globals_check_their_initial_value);
  RUN(table_entries_are_function_handles);
  RUN(host_tables_hold_externrefs);
}
