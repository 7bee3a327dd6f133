/* Linear memories from C: bounds-checked reads and writes, data pointer and size, growth up to the
 * maximum, out-of-bounds refusal, and memories created by the host and imported. */
#include <string.h>

#include "harness.h"

static void memory_read_write_and_wasm_agree(void) {
  ember_module* module = load_fixture("capi_core", NULL);
  ember_store* store = NULL;
  ember_instance* instance;
  ember_memory* memory;
  ember_val args[2], result;
  uint8_t word[4] = {0x78, 0x56, 0x34, 0x12}, back[4];
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  memory = ember_instance_memory(instance, "memory", 6);
  REQUIRE(memory != NULL);
  CHECK(ember_instance_default_memory(instance) == memory);
  CHECK(ember_instance_memory(instance, "add", 3) == NULL); /* an export of another kind */
  CHECK_INT(ember_memory_size(memory), 65536);
  CHECK_INT(ember_memory_pages(memory), 1);
  /* Host writes, wasm reads. */
  CHECK_OK(ember_memory_write(memory, 100, word, sizeof word));
  args[0] = ember_i32(100);
  CHECK_OK(call_export(store, instance, "load", args, 1, &result, 1));
  CHECK_INT(result.of.i32, 0x12345678);
  /* Wasm writes, host reads, through the copy and through the data pointer. */
  args[0] = ember_i32(200);
  args[1] = ember_i32(-2);
  CHECK_OK(call_export(store, instance, "store", args, 2, NULL, 0));
  CHECK_OK(ember_memory_read(memory, 200, back, sizeof back));
  CHECK(back[0] == 0xFE && back[1] == 0xFF && back[2] == 0xFF && back[3] == 0xFF);
  CHECK(ember_memory_data(memory)[200] == 0xFE);
  ember_store_free(store);
  ember_module_free(module);
}

static void out_of_bounds_access_is_refused_and_copies_nothing(void) {
  ember_module* module = load_fixture("capi_core", NULL);
  ember_store* store = NULL;
  ember_instance* instance;
  ember_memory* memory;
  uint8_t buf[8];
  ember_error e;
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  memory = ember_instance_memory(instance, "memory", 6);
  REQUIRE(memory != NULL);
  memset(buf, 0xAB, sizeof buf);
  e = ember_memory_write(memory, 65532, buf, 8); /* 4 bytes in, 4 out: all or nothing */
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK(ember_memory_data(memory)[65532] == 0);
  e = ember_memory_read(memory, 65536, buf, 1);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  e = ember_memory_read(memory, UINT64_MAX, buf, 2); /* offset + len wraps around */
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK(buf[0] == 0xAB);
  CHECK_OK(ember_memory_read(memory, 65536, buf, 0)); /* an empty range at the end is inside */
  CHECK_OK(ember_memory_read(memory, 65528, buf, 8));
  ember_store_free(store);
  ember_module_free(module);
}

static void memory_grows_up_to_its_maximum(void) {
  ember_module* module = load_fixture("capi_core", NULL);
  ember_store* store = NULL;
  ember_instance* instance;
  ember_memory* memory;
  ember_val arg, result;
  uint8_t byte = 0x5A, back = 0;
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  memory = ember_instance_memory(instance, "memory", 6);
  REQUIRE(memory != NULL);
  CHECK_OK(ember_memory_write(memory, 10, &byte, 1));
  CHECK_INT(ember_memory_grow(memory, 1), 1); /* (memory 1 3) */
  CHECK_INT(ember_memory_pages(memory), 2);
  CHECK_OK(ember_memory_write(memory, 65536 + 5, &byte, 1)); /* the new page is usable */
  CHECK_OK(ember_memory_read(memory, 10, &back, 1));         /* the old contents stayed */
  CHECK_INT(back, 0x5A);
  CHECK_INT(ember_memory_grow(memory, 2), -1); /* 4 > maximum 3 */
  CHECK_INT(ember_memory_pages(memory), 2);
  /* The guest's memory.grow sees the same memory. */
  arg = ember_i32(1);
  CHECK_OK(call_export(store, instance, "grow", &arg, 1, &result, 1));
  CHECK_INT(result.of.i32, 2);
  CHECK_INT(ember_memory_size(memory), 3 * 65536);
  CHECK(ember_memory_data(memory)[65536 + 5] == 0x5A); /* re-fetched after the wasm call */
  CHECK_OK(call_export(store, instance, "grow", &arg, 1, &result, 1));
  CHECK_INT(result.of.i32, -1);
  CHECK_INT(ember_memory_grow(memory, 0), 3);
  ember_store_free(store);
  ember_module_free(module);
}

static void host_memory_table_and_globals_are_imported(void) {
  ember_module* module = load_fixture("capi_imports", NULL);
  ember_store* store = NULL;
  ember_memory* memory = NULL;
  ember_table* table = NULL;
  ember_global *base = NULL, *total = NULL;
  ember_instance* instance = NULL;
  ember_extern imports[4];
  ember_val v, result;
  uint8_t word[4] = {1, 0, 0, 0};
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  REQUIRE_OK(ember_memory_new(store, 1, 2, true, &memory));
  REQUIRE_OK(ember_table_new(store, EMBER_FUNCREF, 3, 0, false, NULL, &table));
  v = ember_i32(100);
  REQUIRE_OK(ember_global_new(store, EMBER_I32, false, &v, &base));
  v = ember_i64(0);
  REQUIRE_OK(ember_global_new(store, EMBER_I64, true, &v, &total));
  imports[0].kind = EMBER_EXTERN_MEMORY;
  imports[0].of.memory = memory;
  imports[1].kind = EMBER_EXTERN_TABLE;
  imports[1].of.table = table;
  imports[2].kind = EMBER_EXTERN_GLOBAL;
  imports[2].of.global = base;
  imports[3].kind = EMBER_EXTERN_GLOBAL;
  imports[3].of.global = total;
  REQUIRE_OK(ember_instance_new(store, module, imports, 4, &instance));
  CHECK(ember_instance_default_memory(instance) == memory);
  CHECK_OK(ember_memory_write(memory, 8, word, 4));
  v = ember_i32(8);
  CHECK_OK(call_export(store, instance, "read", &v, 1, &result, 1));
  CHECK_INT(result.of.i32, 101);
  v = ember_i64(40);
  CHECK_OK(call_export(store, instance, "accumulate", &v, 1, NULL, 0));
  CHECK_OK(call_export(store, instance, "accumulate", &v, 1, NULL, 0));
  CHECK_OK(ember_global_get(total, &v));
  CHECK_INT(v.of.i64, 80);
  CHECK_OK(call_export(store, instance, "table_size", NULL, 0, &result, 1));
  CHECK_INT(result.of.i32, 3);
  ember_store_free(store);
  ember_module_free(module);
}

static void imports_of_the_wrong_kind_or_size_are_unlinkable(void) {
  ember_module* module = load_fixture("capi_imports", NULL);
  ember_store* store = NULL;
  ember_memory *small = NULL, *unbounded = NULL;
  ember_table* table = NULL;
  ember_global *base = NULL, *total = NULL;
  ember_instance* instance = NULL;
  ember_extern imports[4];
  ember_val v;
  ember_error e;
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  REQUIRE_OK(ember_memory_new(store, 0, 1, true, &small));
  REQUIRE_OK(ember_memory_new(store, 1, 0, false, &unbounded));
  REQUIRE_OK(ember_table_new(store, EMBER_FUNCREF, 1, 0, false, NULL, &table));
  v = ember_i32(0);
  REQUIRE_OK(ember_global_new(store, EMBER_I32, false, &v, &base));
  v = ember_i64(0);
  REQUIRE_OK(ember_global_new(store, EMBER_I64, false, &v, &total)); /* declared mutable */
  imports[0].kind = EMBER_EXTERN_MEMORY;
  imports[0].of.memory = small; /* below the declared minimum of 1 */
  imports[1].kind = EMBER_EXTERN_TABLE;
  imports[1].of.table = table;
  imports[2].kind = EMBER_EXTERN_GLOBAL;
  imports[2].of.global = base;
  imports[3].kind = EMBER_EXTERN_GLOBAL;
  imports[3].of.global = total;
  e = ember_instance_new(store, module, imports, 4, &instance);
  CHECK_KIND(e, EMBER_ERROR_UNLINKABLE);
  CHECK_STR(e.detail, "host.memory: expected memory 1..2, got memory 0..1");
  imports[0].of.memory = unbounded; /* no maximum where at most 2 pages are declared */
  e = ember_instance_new(store, module, imports, 4, &instance);
  CHECK_KIND(e, EMBER_ERROR_UNLINKABLE);
  CHECK_STR(e.detail, "host.memory: expected memory 1..2, got memory 1..");
  REQUIRE_OK(ember_memory_new(store, 1, 2, true, &small));
  imports[0].of.memory = small;
  e = ember_instance_new(store, module, imports, 4, &instance);
  CHECK_KIND(e, EMBER_ERROR_UNLINKABLE);
  CHECK_STR(e.detail, "host.total: expected global (mut i64), got global i64");
  imports[3].kind = EMBER_EXTERN_MEMORY; /* a memory where a global is declared */
  imports[3].of.memory = small;
  e = ember_instance_new(store, module, imports, 4, &instance);
  CHECK_KIND(e, EMBER_ERROR_UNLINKABLE);
  e = ember_instance_new(store, module, imports, 3, &instance);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK(instance == NULL);
  ember_store_free(store);
  ember_module_free(module);
}

static void memory_limits_are_checked_at_creation(void) {
  ember_config config = ember_config_default();
  ember_store* store = NULL;
  ember_memory* memory = NULL;
  ember_error e;
  config.max_memory_pages = 4;
  REQUIRE_OK(ember_store_new(&config, &store));
  e = ember_memory_new(store, 5, 0, false, &memory);
  CHECK_KIND(e, EMBER_ERROR_LIMIT);
  e = ember_memory_new(store, 2, 1, true, &memory);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  e = ember_memory_new(store, 65537, 0, false, &memory);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK(memory == NULL);
  REQUIRE_OK(ember_memory_new(store, 0, 0, false, &memory));
  CHECK_INT(ember_memory_size(memory), 0);
  CHECK(ember_memory_data(memory) == NULL);
  CHECK_INT(ember_memory_grow(memory, 4), 0); /* the store's cap of 4 pages */
  CHECK_INT(ember_memory_grow(memory, 1), -1);
  ember_store_free(store);
}

void group_memory(void) {
  RUN(memory_read_write_and_wasm_agree);
  RUN(out_of_bounds_access_is_refused_and_copies_nothing);
  RUN(memory_grows_up_to_its_maximum);
  RUN(host_memory_table_and_globals_are_imported);
  RUN(imports_of_the_wrong_kind_or_size_are_unlinkable);
  RUN(memory_limits_are_checked_at_creation);
}
