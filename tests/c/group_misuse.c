/* Misuse never crashes: NULL handles, NULL arrays with counts, unknown type tags and kinds are
 * BAD_ARGUMENT errors (or NULL / 0 / -1 from functions that return a handle or a number), and a
 * failing allocator is an OUT_OF_MEMORY error. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static ember_trap nop(ember_caller* caller, void* user, const ember_val* args, size_t nargs,
                      ember_val* results, size_t nresults) {
  (void)caller, (void)user, (void)args, (void)nargs, (void)results, (void)nresults;
  return EMBER_TRAP_NONE;
}

#define CHECK_BAD(call)                         \
  do {                                          \
    ember_error bad_ = (call);                  \
    CHECK_KIND(bad_, EMBER_ERROR_BAD_ARGUMENT); \
  } while (0)

static void null_modules_and_bytes(void) {
  static const uint8_t header[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  ember_module* module = NULL;
  ember_import imp;
  ember_export x;
  ember_functype t;
  CHECK_BAD(ember_module_load(header, sizeof header, NULL, NULL));
  CHECK_BAD(ember_module_load(NULL, 8, NULL, &module));
  CHECK_BAD(ember_module_load_borrowed(NULL, 8, NULL, &module));
  CHECK_BAD(ember_module_validate(NULL, 8, NULL));
  CHECK(module == NULL);
  ember_module_free(NULL);
  CHECK_INT(ember_module_import_count(NULL), 0);
  CHECK_INT(ember_module_export_count(NULL), 0);
  CHECK_INT(ember_module_func_count(NULL), 0);
  CHECK_BAD(ember_module_import(NULL, 0, &imp));
  CHECK_BAD(ember_module_export(NULL, 0, &x));
  CHECK_BAD(ember_module_func_type(NULL, 0, &t));
  CHECK(ember_module_func_name(NULL, 0).size == 0);
  REQUIRE_OK(ember_module_load(header, sizeof header, NULL, &module));
  CHECK_BAD(ember_module_import(module, 0, NULL));
  CHECK_BAD(ember_module_export(module, 0, &x)); /* no exports: out of range */
  CHECK_BAD(ember_module_func_type(module, 0, NULL));
  ember_module_free(module);
}

static void null_stores_and_functions(void) {
  static const ember_valtype i32[] = {EMBER_I32};
  static const ember_valtype bogus[] = {0x40};
  ember_store* store = NULL;
  ember_func* f = NULL;
  ember_val v = ember_i32(1);
  ember_frame frame;
  ember_functype t;
  CHECK_BAD(ember_store_new(NULL, NULL));
  ember_store_free(NULL);
  CHECK_INT(ember_store_fuel(NULL), 0);
  CHECK_BAD(ember_store_set_fuel(NULL, 1));
  CHECK_INT(ember_store_backtrace(NULL, &frame, 1), 0);
  REQUIRE_OK(ember_store_new(NULL, &store));
  CHECK_INT(ember_store_backtrace(store, NULL, 4), 0);
  CHECK_INT(ember_store_backtrace(store, &frame, 1), 0); /* no trap yet */
  CHECK_BAD(ember_func_new(NULL, i32, 1, NULL, 0, nop, NULL, &f));
  CHECK_BAD(ember_func_new(store, i32, 1, NULL, 0, NULL, NULL, &f));
  CHECK_BAD(ember_func_new(store, i32, 1, NULL, 0, nop, NULL, NULL));
  CHECK_BAD(ember_func_new(store, NULL, 1, NULL, 0, nop, NULL, &f));
  CHECK_BAD(ember_func_new(store, i32, 0, NULL, 1, nop, NULL, &f));
  CHECK_BAD(ember_func_new(store, bogus, 1, NULL, 0, nop, NULL, &f));
  CHECK_BAD(ember_func_new(store, i32, 1, bogus, 1, nop, NULL, &f));
  CHECK(f == NULL);
  t = ember_func_type(NULL);
  CHECK(t.param_count == 0 && t.result_count == 0);
  CHECK_BAD(ember_func_call(NULL, f, &v, 1, NULL, 0));
  CHECK_BAD(ember_func_call(store, NULL, &v, 1, NULL, 0));
  REQUIRE_OK(ember_func_new(store, i32, 1, NULL, 0, nop, NULL, &f));
  CHECK_BAD(ember_func_call(store, f, NULL, 1, NULL, 0));
  CHECK_BAD(ember_func_call(store, f, &v, 1, NULL, 3));
  CHECK_OK(ember_func_call(store, f, &v, 1, NULL, 0));
  CHECK(ember_caller_store(NULL) == NULL);
  CHECK(ember_caller_instance(NULL) == NULL);
  CHECK(ember_caller_memory(NULL) == NULL);
  CHECK(ember_caller_consume_fuel(NULL, 5));
  CHECK_INT(ember_caller_trap(NULL, "x"), EMBER_TRAP_HOST);
  CHECK_INT(ember_caller_exit(NULL, 1), EMBER_TRAP_EXIT);
  ember_store_free(store);
}

static void null_memories_globals_and_tables(void) {
  ember_store* store = NULL;
  ember_memory* memory = NULL;
  ember_global* global = NULL;
  ember_table* table = NULL;
  ember_val v = ember_i32(0);
  uint8_t byte = 0;
  bool is_mutable = true;
  CHECK_BAD(ember_memory_new(NULL, 1, 0, false, &memory));
  CHECK(ember_memory_data(NULL) == NULL);
  CHECK_INT(ember_memory_size(NULL), 0);
  CHECK_INT(ember_memory_pages(NULL), 0);
  CHECK_INT(ember_memory_grow(NULL, 1), -1);
  CHECK_BAD(ember_memory_read(NULL, 0, &byte, 1));
  CHECK_BAD(ember_memory_write(NULL, 0, &byte, 1));
  CHECK_BAD(ember_global_new(NULL, EMBER_I32, false, &v, &global));
  CHECK_INT(ember_global_type(NULL, &is_mutable), 0);
  CHECK_BAD(ember_global_get(NULL, &v));
  CHECK_BAD(ember_global_set(NULL, &v));
  CHECK_BAD(ember_table_new(NULL, EMBER_FUNCREF, 1, 0, false, NULL, &table));
  CHECK_INT(ember_table_size(NULL), 0);
  CHECK_BAD(ember_table_get(NULL, 0, &v));
  CHECK_BAD(ember_table_set(NULL, 0, &v));
  CHECK_INT(ember_table_grow(NULL, 1, NULL), -1);

  REQUIRE_OK(ember_store_new(NULL, &store));
  CHECK_BAD(ember_memory_new(store, 1, 0, false, NULL));
  REQUIRE_OK(ember_memory_new(store, 1, 0, false, &memory));
  CHECK_BAD(ember_memory_read(memory, 0, NULL, 1));
  CHECK_BAD(ember_memory_write(memory, 0, NULL, 1));
  CHECK_OK(ember_memory_read(memory, 0, NULL, 0));
  CHECK_BAD(ember_global_new(store, EMBER_I32, false, NULL, &global));
  CHECK_BAD(ember_global_new(store, EMBER_I32, false, &v, NULL));
  REQUIRE_OK(ember_global_new(store, EMBER_I32, true, &v, &global));
  CHECK_BAD(ember_global_get(global, NULL));
  CHECK_BAD(ember_global_set(global, NULL));
  v.type = 0x33;
  CHECK_BAD(ember_global_set(global, &v));
  REQUIRE_OK(ember_table_new(store, EMBER_FUNCREF, 1, 0, false, NULL, &table));
  CHECK_BAD(ember_table_get(table, 0, NULL));
  CHECK_BAD(ember_table_set(table, 0, NULL));
  CHECK_BAD(ember_table_set(table, 0, &v));
  CHECK_INT(ember_table_grow(table, 1, &v), -1);
  ember_store_free(store);
}

static void null_instances_and_linkers(void) {
  ember_module* module = load_fixture("capi_imports", NULL);
  ember_store* store = NULL;
  ember_linker* linker = NULL;
  ember_instance* instance = NULL;
  ember_func* f = NULL;
  ember_extern imports[4];
  static const ember_valtype i32[] = {EMBER_I32};
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  CHECK_BAD(ember_instance_new(NULL, module, NULL, 0, &instance));
  CHECK_BAD(ember_instance_new(store, NULL, NULL, 0, &instance));
  CHECK_BAD(ember_instance_new(store, module, NULL, 4, &instance));
  CHECK_BAD(ember_instance_new(store, module, NULL, 0, NULL));
  memset(imports, 0, sizeof imports);
  imports[0].kind = (ember_extern_kind)7;
  CHECK_BAD(ember_instance_new(store, module, imports, 4, &instance));
  /* NULL objects in the import array are unlinkable imports, not crashes. */
  imports[0].kind = EMBER_EXTERN_MEMORY;
  {
    ember_error e = ember_instance_new(store, module, imports, 4, &instance);
    CHECK_KIND(e, EMBER_ERROR_UNLINKABLE);
  }
  CHECK(instance == NULL);
  CHECK(ember_instance_func(NULL, "read", 4) == NULL);
  CHECK(ember_instance_memory(NULL, "memory", 6) == NULL);
  CHECK(ember_instance_table(NULL, "t", 1) == NULL);
  CHECK(ember_instance_global(NULL, "g", 1) == NULL);
  CHECK(ember_instance_default_memory(NULL) == NULL);

  CHECK_BAD(ember_linker_new(NULL));
  ember_linker_free(NULL);
  REQUIRE_OK(ember_linker_new(&linker));
  REQUIRE_OK(ember_func_new(store, i32, 1, NULL, 0, nop, NULL, &f));
  CHECK_BAD(ember_linker_define_func(NULL, "m", 1, "f", 1, f));
  CHECK_BAD(ember_linker_define_func(linker, "m", 1, "f", 1, NULL));
  CHECK_BAD(ember_linker_define_func(linker, NULL, 1, "f", 1, f));
  CHECK_BAD(ember_linker_define_func(linker, "m", 1, NULL, 1, f));
  CHECK_BAD(ember_linker_define_memory(linker, "m", 1, "f", 1, NULL));
  CHECK_BAD(ember_linker_define_table(linker, "m", 1, "f", 1, NULL));
  CHECK_BAD(ember_linker_define_global(linker, "m", 1, "f", 1, NULL));
  CHECK_BAD(ember_linker_define_host_func(linker, NULL, "m", 1, "f", 1, i32, 1, NULL, 0, nop, NULL, NULL));
  CHECK_BAD(ember_linker_define_host_func(NULL, store, "m", 1, "f", 1, i32, 1, NULL, 0, nop, NULL, NULL));
  CHECK_BAD(ember_linker_define_instance(linker, "m", 1, NULL));
  CHECK_BAD(ember_linker_define_instance(NULL, "m", 1, NULL));
  CHECK_BAD(ember_linker_instantiate(NULL, store, module, &instance));
  CHECK_BAD(ember_linker_instantiate(linker, NULL, module, &instance));
  CHECK_BAD(ember_linker_instantiate(linker, store, NULL, &instance));
  CHECK_BAD(ember_linker_instantiate(linker, store, module, NULL));
  /* An empty name is a name like any other. */
  CHECK_OK(ember_linker_define_func(linker, NULL, 0, "", 0, f));
  ember_linker_free(linker);
  ember_store_free(store);
  ember_module_free(module);
}

/* An allocator that fails once `g_allocations_left` reaches zero (negative: never). */
static long g_allocations_left = -1;
static void* failing_alloc(void* user, size_t size) {
  (void)user;
  if (g_allocations_left == 0) return NULL;
  if (g_allocations_left > 0) --g_allocations_left;
  return malloc(size);
}
static void failing_free(void* user, void* p, size_t size) {
  (void)user;
  (void)size;
  free(p);
}

static void failing_allocator_gives_out_of_memory(void) {
  static const uint8_t header[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  static const ember_valtype i32[] = {EMBER_I32};
  ember_store* store = NULL;
  ember_linker* linker = NULL;
  ember_module* module = NULL;
  ember_func* f = NULL;
  ember_error e;
  long n;
  bool succeeded = false;
  REQUIRE_OK(ember_store_new(NULL, &store)); /* made before the allocator fails */
  ember_allocator failing;
  failing.alloc = failing_alloc;
  failing.realloc = NULL;
  failing.free = failing_free;
  failing.user = NULL;
  ember_set_allocator(&failing);
  g_allocations_left = 0;
  e = ember_linker_new(&linker);
  CHECK_KIND(e, EMBER_ERROR_OUT_OF_MEMORY);
  e = ember_module_load(header, sizeof header, NULL, &module);
  CHECK_KIND(e, EMBER_ERROR_OUT_OF_MEMORY);
  e = ember_func_new(store, i32, 1, NULL, 0, nop, NULL, &f);
  CHECK_KIND(e, EMBER_ERROR_OUT_OF_MEMORY);
  CHECK(linker == NULL && module == NULL && f == NULL);
  ember_store_free(store);
  store = NULL;
  /* Every allocation of store creation fails in turn: each is a clean error, until it fits. */
  for (n = 0; n < 64 && !succeeded; ++n) {
    g_allocations_left = n;
    e = ember_store_new(NULL, &store);
    if (e.kind == EMBER_ERROR_OK) {
      succeeded = true;
    } else {
      CHECK_KIND(e, EMBER_ERROR_OUT_OF_MEMORY);
      CHECK(store == NULL);
    }
  }
  g_allocations_left = -1;
  CHECK(succeeded);
  ember_store_free(store);
  ember_set_allocator(NULL);
}

void group_misuse(void) {
  RUN(null_modules_and_bytes);
  RUN(null_stores_and_functions);
  RUN(null_memories_globals_and_tables);
  RUN(null_instances_and_linkers);
  RUN(failing_allocator_gives_out_of_memory);
}
