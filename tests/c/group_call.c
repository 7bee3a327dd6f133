/* Calling wasm from C: values of every type, argument checking, traps with the spec's message,
 * function index, offset and backtrace, and recovery after a trap. */
#include <string.h>

#include "harness.h"

struct core_env {
  ember_module* module;
  ember_store* store;
  ember_instance* instance;
};

static bool setup(struct core_env* env) {
  memset(env, 0, sizeof *env);
  env->module = load_fixture("capi_core", NULL);
  if (!env->module || ember_store_new(NULL, &env->store).kind != EMBER_ERROR_OK) return false;
  env->instance = instantiate_plain(env->store, env->module);
  return env->instance != NULL;
}

static void teardown(struct core_env* env) {
  ember_store_free(env->store);
  ember_module_free(env->module);
}

static void every_value_type_crosses_the_call(void) {
  struct core_env env;
  ember_val args[3], results[2];
  bool ok = setup(&env);
  REQUIRE(ok);
  args[0] = ember_i64(3000000000LL);
  args[1] = ember_f32(1.5f);
  args[2] = ember_f64(2.25);
  CHECK_OK(call_export(env.store, env.instance, "mix", args, 3, results, 2));
  CHECK_INT(results[0].type, EMBER_F64);
  CHECK(results[0].of.f64 == 3.375);
  CHECK_INT(results[1].type, EMBER_I64);
  CHECK(results[1].of.i64 == 9000000000000000000LL);
  teardown(&env);
}

static void externref_round_trips(void) {
  struct core_env env;
  int host_object = 0;
  ember_val arg = ember_externref(&host_object), result;
  bool ok = setup(&env);
  REQUIRE(ok);
  CHECK_OK(call_export(env.store, env.instance, "externref_id", &arg, 1, &result, 1));
  CHECK_INT(result.type, EMBER_EXTERNREF);
  CHECK(result.of.externref == &host_object);
  arg = ember_externref(NULL);
  CHECK_OK(call_export(env.store, env.instance, "externref_id", &arg, 1, &result, 1));
  CHECK(result.of.externref == NULL);
  teardown(&env);
}

static void wrong_argument_types_are_bad_arguments(void) {
  struct core_env env;
  ember_val args[3], results[2];
  ember_error e;
  bool ok = setup(&env);
  REQUIRE(ok);
  args[0] = ember_i32(1); /* add wants (i32, i32): give (i32, i64) */
  args[1] = ember_i64(2);
  e = call_export(env.store, env.instance, "add", args, 2, results, 1);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  args[1] = ember_f32(2.0f);
  e = call_export(env.store, env.instance, "add", args, 2, results, 1);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  /* A type tag the API does not know. */
  args[1] = ember_i32(2);
  args[1].type = 0x42;
  e = call_export(env.store, env.instance, "add", args, 2, results, 1);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  teardown(&env);
}

static void wrong_argument_and_result_counts_are_bad_arguments(void) {
  struct core_env env;
  ember_val args[3], results[2];
  ember_error e;
  bool ok = setup(&env);
  REQUIRE(ok);
  args[0] = ember_i32(1);
  args[1] = ember_i32(2);
  args[2] = ember_i32(3);
  e = call_export(env.store, env.instance, "add", args, 1, results, 1);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  e = call_export(env.store, env.instance, "add", args, 3, results, 1);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  e = call_export(env.store, env.instance, "add", args, 2, results, 0);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  e = call_export(env.store, env.instance, "add", NULL, 2, results, 1);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  /* More result room than needed is fine; the extra entries are left alone. */
  results[1] = ember_i64(77);
  CHECK_OK(call_export(env.store, env.instance, "add", args, 2, results, 2));
  CHECK_INT(results[0].of.i32, 3);
  CHECK_INT(results[1].of.i64, 77);
  teardown(&env);
}

static void trap_has_spec_message_location_and_backtrace(void) {
  struct core_env env;
  ember_val args[2], result;
  ember_frame frames[8];
  uint32_t n;
  ember_error e;
  bool ok = setup(&env);
  REQUIRE(ok);
  args[0] = ember_i32(7);
  args[1] = ember_i32(0);
  e = call_export(env.store, env.instance, "div_outer", args, 2, &result, 1);
  CHECK_KIND(e, EMBER_ERROR_TRAP);
  CHECK_INT(e.trap, EMBER_TRAP_INTEGER_DIVIDE_BY_ZERO);
  CHECK_STR(e.message, "integer divide by zero");
  CHECK_STR(ember_trap_message(e.trap), "integer divide by zero");
  CHECK_INT(e.func_index, 2);
  CHECK(e.offset > 0);
  n = ember_store_backtrace(env.store, frames, 8);
  REQUIRE(n == 2);
  CHECK(frames[0].instance == env.instance);
  CHECK_INT(frames[0].func_index, 2);
  CHECK_INT(frames[0].offset, e.offset);
  CHECK_INT(frames[1].func_index, 3);
  CHECK(frames[1].offset > frames[0].offset); /* the call in div_outer, whose body follows div's */
  CHECK(name_is(ember_module_func_name(env.module, frames[0].func_index), "div"));
  /* A smaller buffer receives the innermost frames. */
  CHECK_INT(ember_store_backtrace(env.store, frames, 1), 1);
  CHECK_INT(frames[0].func_index, 2);
  teardown(&env);
}

static void overflow_and_table_traps_have_their_own_kinds(void) {
  struct core_env env;
  ember_val args[3], result;
  ember_error e;
  bool ok = setup(&env);
  REQUIRE(ok);
  args[0] = ember_i32(INT32_MIN);
  args[1] = ember_i32(-1);
  e = call_export(env.store, env.instance, "div", args, 2, &result, 1);
  CHECK_INT(e.trap, EMBER_TRAP_INTEGER_OVERFLOW);
  CHECK_STR(e.message, "integer overflow");
  args[0] = ember_i32(1); /* slot 1 of the table is null */
  args[1] = ember_i32(2);
  args[2] = ember_i32(3);
  e = call_export(env.store, env.instance, "call_slot", args, 3, &result, 1);
  CHECK_INT(e.trap, EMBER_TRAP_UNINITIALIZED_ELEMENT);
  CHECK_STR(e.message, "uninitialized element");
  args[0] = ember_i32(5); /* past the table's end */
  e = call_export(env.store, env.instance, "call_slot", args, 3, &result, 1);
  CHECK_INT(e.trap, EMBER_TRAP_UNDEFINED_ELEMENT);
  CHECK_STR(e.message, "undefined element");
  args[0] = ember_i32(0); /* slot 0 holds $add */
  CHECK_OK(call_export(env.store, env.instance, "call_slot", args, 3, &result, 1));
  CHECK_INT(result.of.i32, 5);
  teardown(&env);
}

static void call_stack_exhaustion_is_a_clean_trap(void) {
  /* A store that allows 100 nested calls: 1000 levels of recursion trap, 10 do not. */
  ember_config config = ember_config_default();
  ember_module* module = load_fixture("capi_core", NULL);
  ember_store* store = NULL;
  ember_instance* instance;
  ember_val arg, result;
  ember_error e;
  REQUIRE(module != NULL);
  config.max_call_depth = 100;
  REQUIRE_OK(ember_store_new(&config, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  arg = ember_i32(1000);
  e = call_export(store, instance, "countdown", &arg, 1, &result, 1);
  CHECK_KIND(e, EMBER_ERROR_TRAP);
  CHECK_INT(e.trap, EMBER_TRAP_CALL_STACK_EXHAUSTED);
  CHECK_STR(e.message, "call stack exhausted");
  arg = ember_i32(10);
  CHECK_OK(call_export(store, instance, "countdown", &arg, 1, &result, 1));
  CHECK_INT(result.of.i32, 0);
  ember_store_free(store);
  ember_module_free(module);
}

void group_call(void) {
  RUN(every_value_type_crosses_the_call);
  RUN(externref_round_trips);
  RUN(wrong_argument_types_are_bad_arguments);
  RUN(wrong_argument_and_result_counts_are_bad_arguments);
  RUN(trap_has_spec_message_location_and_backtrace);
  RUN(overflow_and_table_traps_have_their_own_kinds);
  RUN(call_stack_exhaustion_is_a_clean_trap);
}
