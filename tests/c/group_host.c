/* Host functions written in C: arguments, results and the user pointer; host traps and exits;
 * link-time signature checks; results of the wrong type; re-entry through the caller's store; the
 * caller's memory. */
#include <stdio.h>
#include <string.h>

#include "harness.h"

static const ember_valtype kI32[] = {EMBER_I32, EMBER_I32};
static const ember_valtype kI64[] = {EMBER_I64};

/* What the host functions record, passed as their user pointer. */
struct host_log {
  int calls;
  int32_t last_a, last_b;
  bool saw_instance;
  bool saw_memory;
  bool wrong_result_type;
};

static ember_trap host_add(ember_caller* caller, void* user, const ember_val* args, size_t nargs,
                           ember_val* results, size_t nresults) {
  struct host_log* log = (struct host_log*)user;
  ++log->calls;
  log->saw_instance = ember_caller_instance(caller) != NULL;
  if (nargs != 2 || nresults != 1 || args[0].type != EMBER_I32 || args[1].type != EMBER_I32 ||
      results[0].type != EMBER_I32)
    return ember_caller_trap(caller, "add: unexpected signature");
  log->last_a = args[0].of.i32;
  log->last_b = args[1].of.i32;
  if (log->wrong_result_type)
    results[0] = ember_i64(1);
  else
    results[0].of.i32 = args[0].of.i32 + args[1].of.i32;
  return EMBER_TRAP_NONE;
}

static ember_trap host_fail(ember_caller* caller, void* user, const ember_val* args, size_t nargs,
                            ember_val* results, size_t nresults) {
  char message[64];
  (void)user, (void)nargs, (void)results, (void)nresults;
  /* The message lives on this stack frame only: the API must copy it. */
  sprintf(message, "fail(%d) from the host", (int)args[0].of.i32);
  return ember_caller_trap(caller, message);
}

static ember_trap host_quit(ember_caller* caller, void* user, const ember_val* args, size_t nargs,
                            ember_val* results, size_t nresults) {
  (void)user, (void)nargs, (void)results, (void)nresults;
  return ember_caller_exit(caller, args[0].of.i32);
}

/* Calls the instance's `double` export from inside the host call, on the caller's store. */
static ember_trap host_reenter(ember_caller* caller, void* user, const ember_val* args, size_t nargs,
                               ember_val* results, size_t nresults) {
  ember_instance* instance = ember_caller_instance(caller);
  ember_func* dbl = ember_instance_func(instance, "double", 6);
  ember_val arg = ember_i32(args[0].of.i32 + 1);
  ember_error e;
  (void)user, (void)nargs;
  if (!dbl) return ember_caller_trap(caller, "no double export");
  e = ember_func_call(ember_caller_store(caller), dbl, &arg, 1, results, nresults);
  if (e.kind != EMBER_ERROR_OK) return ember_caller_trap(caller, "re-entrant call failed");
  return EMBER_TRAP_NONE;
}

/* Reads an i32 from the calling instance's memory, bounds-checked. */
static ember_trap host_peek(ember_caller* caller, void* user, const ember_val* args, size_t nargs,
                            ember_val* results, size_t nresults) {
  struct host_log* log = (struct host_log*)user;
  ember_memory* memory = ember_caller_memory(caller);
  uint8_t b[4];
  ember_error e;
  (void)nargs, (void)nresults;
  log->saw_memory = memory != NULL;
  e = ember_memory_read(memory, (uint32_t)args[0].of.i32, b, sizeof b);
  if (e.kind != EMBER_ERROR_OK) return ember_caller_trap(caller, "peek: address outside guest memory");
  results[0].of.i32 =
      (int32_t)((uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
  return EMBER_TRAP_NONE;
}

/* A store, a linker with all five imports of capi_host.wat defined, and the instance. */
struct host_env {
  ember_module* module;
  ember_store* store;
  ember_linker* linker;
  ember_instance* instance;
  struct host_log log;
};

/* One import of capi_host.wat: its name, signature (i32 params and results) and callback. */
struct host_import {
  const char* name;
  size_t params, results;
  ember_host_func callback;
  bool gets_log; /* whether its user pointer is the env's log */
};

static const struct host_import kImports[] = {
    {"add", 2, 1, host_add, true},    {"fail", 1, 0, host_fail, false},
    {"quit", 1, 0, host_quit, false}, {"reenter", 1, 1, host_reenter, false},
    {"peek", 1, 1, host_peek, true},
};

/* Defines kImports in `linker`, all but the one named `except` (NULL: all of them); `log` is the
 * user pointer of those that take one. */
static bool define_imports(ember_linker* linker, ember_store* store, struct host_log* log,
                           const char* except) {
  size_t i;
  for (i = 0; i < sizeof kImports / sizeof kImports[0]; ++i) {
    const struct host_import* im = &kImports[i];
    if (except && strcmp(im->name, except) == 0) continue;
    if (ember_linker_define_host_func(linker, store, "env", 3, im->name, strlen(im->name), kI32, im->params,
                                      im->results ? kI32 : NULL, im->results, im->callback,
                                      im->gets_log ? log : NULL, NULL)
            .kind != EMBER_ERROR_OK)
      return false;
  }
  return true;
}

static bool setup(struct host_env* env) {
  memset(env, 0, sizeof *env);
  env->module = load_fixture("capi_host", NULL);
  if (!env->module) return false;
  if (ember_store_new(NULL, &env->store).kind != EMBER_ERROR_OK) return false;
  if (ember_linker_new(&env->linker).kind != EMBER_ERROR_OK) return false;
  if (!define_imports(env->linker, env->store, &env->log, NULL)) return false;
  return ember_linker_instantiate(env->linker, env->store, env->module, &env->instance).kind ==
         EMBER_ERROR_OK;
}

static void teardown(struct host_env* env) {
  ember_linker_free(env->linker);
  ember_store_free(env->store);
  ember_module_free(env->module);
}

static int32_t global_i32(const ember_instance* instance, const char* name) {
  ember_val v;
  if (ember_global_get(ember_instance_global(instance, name, len(name)), &v).kind != EMBER_ERROR_OK)
    return -1;
  return v.of.i32;
}

static void host_function_gets_arguments_and_user_pointer(void) {
  struct host_env env;
  ember_val args[2], result;
  bool ok = setup(&env);
  REQUIRE(ok);
  args[0] = ember_i32(40);
  args[1] = ember_i32(2);
  CHECK_OK(call_export(env.store, env.instance, "add_via_host", args, 2, &result, 1));
  CHECK_INT(result.type, EMBER_I32);
  CHECK_INT(result.of.i32, 42);
  CHECK_INT(env.log.calls, 1);
  CHECK_INT(env.log.last_a, 40);
  CHECK_INT(env.log.last_b, 2);
  CHECK(env.log.saw_instance);
  teardown(&env);
}

static void host_function_called_directly_has_no_caller_instance(void) {
  struct host_log log;
  ember_store* store = NULL;
  ember_func* f = NULL;
  ember_functype t;
  ember_val args[2], result;
  memset(&log, 0, sizeof log);
  REQUIRE_OK(ember_store_new(NULL, &store));
  REQUIRE_OK(ember_func_new(store, kI32, 2, kI32, 1, host_add, &log, &f));
  t = ember_func_type(f);
  CHECK(t.param_count == 2 && t.result_count == 1 && t.params[0] == EMBER_I32);
  args[0] = ember_i32(-5);
  args[1] = ember_i32(3);
  CHECK_OK(ember_func_call(store, f, args, 2, &result, 1));
  CHECK_INT(result.of.i32, -2);
  CHECK_INT(log.calls, 1);
  CHECK(!log.saw_instance);
  ember_store_free(store);
}

static void host_trap_stops_the_call_with_its_message(void) {
  struct host_env env;
  ember_val arg = ember_i32(9), result;
  ember_error e;
  char text[256];
  bool ok = setup(&env);
  REQUIRE(ok);
  e = call_export(env.store, env.instance, "fail_via_host", &arg, 1, &result, 1);
  CHECK_KIND(e, EMBER_ERROR_TRAP);
  CHECK_INT(e.trap, EMBER_TRAP_HOST);
  CHECK_STR(e.message, "host function trapped");
  CHECK_STR(e.detail, "fail(9) from the host");
  CHECK(strstr(ember_error_format(&e, text, sizeof text), "fail(9) from the host") != NULL);
  CHECK_INT(global_i32(env.instance, "after"), 0);
  /* The store stays usable. */
  arg = ember_i32(4);
  CHECK_OK(call_export(env.store, env.instance, "double", &arg, 1, &result, 1));
  CHECK_INT(result.of.i32, 8);
  teardown(&env);
}

static void host_exit_carries_the_exit_code(void) {
  struct host_env env;
  ember_val arg = ember_i32(3);
  ember_error e;
  int32_t code = -1;
  bool ok = setup(&env);
  REQUIRE(ok);
  e = call_export(env.store, env.instance, "quit_via_host", &arg, 1, NULL, 0);
  CHECK_KIND(e, EMBER_ERROR_EXIT);
  CHECK_INT(e.trap, EMBER_TRAP_NONE);
  CHECK_INT(e.exit_code, 3);
  CHECK(ember_error_is_exit(&e, &code));
  CHECK_INT(code, 3);
  CHECK_INT(global_i32(env.instance, "after"), 0);
  teardown(&env);
}

static void host_result_of_the_wrong_type_is_a_host_trap(void) {
  struct host_env env;
  ember_val args[2], result;
  ember_error e;
  bool ok = setup(&env);
  REQUIRE(ok);
  env.log.wrong_result_type = true;
  args[0] = ember_i32(1);
  args[1] = ember_i32(2);
  e = call_export(env.store, env.instance, "add_via_host", args, 2, &result, 1);
  CHECK_KIND(e, EMBER_ERROR_TRAP);
  CHECK_INT(e.trap, EMBER_TRAP_HOST);
  CHECK_STR(e.detail, "host function returned a result of the wrong type");
  teardown(&env);
}

static void host_function_reenters_wasm_through_its_caller(void) {
  struct host_env env;
  ember_val arg = ember_i32(20), result;
  bool ok = setup(&env);
  REQUIRE(ok);
  CHECK_OK(call_export(env.store, env.instance, "reenter_via_host", &arg, 1, &result, 1));
  CHECK_INT(result.of.i32, 42);
  teardown(&env);
}

static void host_function_reads_the_callers_memory(void) {
  struct host_env env;
  ember_val arg = ember_i32(16), result;
  ember_error e;
  bool ok = setup(&env);
  REQUIRE(ok);
  CHECK_OK(call_export(env.store, env.instance, "peek_via_host", &arg, 1, &result, 1));
  CHECK_INT(result.of.i32, 42);
  CHECK(env.log.saw_memory);
  /* An address past the end is refused by the bounds-checked read and becomes a host trap. */
  arg = ember_i32(65534);
  e = call_export(env.store, env.instance, "peek_via_host", &arg, 1, &result, 1);
  CHECK_KIND(e, EMBER_ERROR_TRAP);
  CHECK_STR(e.detail, "peek: address outside guest memory");
  teardown(&env);
}

/* Returns the trap kind its user pointer points to, without ember_caller_trap. */
static ember_trap host_status(ember_caller* caller, void* user, const ember_val* args, size_t nargs,
                              ember_val* results, size_t nresults) {
  (void)caller, (void)args, (void)nargs, (void)results, (void)nresults;
  return *(const ember_trap*)user;
}

static void host_may_return_any_trap_kind_but_not_an_unknown_one(void) {
  ember_store* store = NULL;
  ember_func* f = NULL;
  ember_trap status = EMBER_TRAP_OUT_OF_BOUNDS_MEMORY_ACCESS;
  ember_error e;
  REQUIRE_OK(ember_store_new(NULL, &store));
  REQUIRE_OK(ember_func_new(store, NULL, 0, NULL, 0, host_status, &status, &f));
  e = ember_func_call(store, f, NULL, 0, NULL, 0);
  CHECK_KIND(e, EMBER_ERROR_TRAP);
  CHECK_INT(e.trap, EMBER_TRAP_OUT_OF_BOUNDS_MEMORY_ACCESS);
  CHECK_STR(e.message, "out of bounds memory access");
  status = EMBER_TRAP_HOST; /* without a message */
  e = ember_func_call(store, f, NULL, 0, NULL, 0);
  CHECK_INT(e.trap, EMBER_TRAP_HOST);
  CHECK_STR(e.detail, "");
  status = (ember_trap)77;
  e = ember_func_call(store, f, NULL, 0, NULL, 0);
  CHECK_INT(e.trap, EMBER_TRAP_HOST);
  CHECK_STR(e.detail, "host function returned an unknown trap kind");
  status = EMBER_TRAP_NONE;
  CHECK_OK(ember_func_call(store, f, NULL, 0, NULL, 0));
  ember_store_free(store);
}

static void signature_mismatch_is_unlinkable(void) {
  ember_module* module = load_fixture("capi_host", NULL);
  ember_store* store = NULL;
  ember_linker* linker = NULL;
  ember_instance* instance = NULL;
  ember_error e;
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  REQUIRE_OK(ember_linker_new(&linker));
  /* env.add is (i32, i32) -> i32; this one is (i64) -> i32. The others are right. */
  REQUIRE_OK(ember_linker_define_host_func(linker, store, "env", 3, "add", 3, kI64, 1, kI32, 1, host_add,
                                           NULL, NULL));
  REQUIRE(define_imports(linker, store, NULL, "add"));
  e = ember_linker_instantiate(linker, store, module, &instance);
  CHECK_KIND(e, EMBER_ERROR_UNLINKABLE);
  CHECK_STR(e.message, "incompatible import type");
  CHECK_STR(e.detail, "env.add: expected (i32, i32) -> (i32), got (i64) -> (i32)");
  CHECK(instance == NULL);
  ember_linker_free(linker);
  ember_store_free(store);
  ember_module_free(module);
}

static void missing_import_is_unlinkable(void) {
  ember_module* module = load_fixture("capi_host", NULL);
  ember_store* store = NULL;
  ember_linker* linker = NULL;
  ember_instance* instance = NULL;
  ember_error e;
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(NULL, &store));
  REQUIRE_OK(ember_linker_new(&linker));
  REQUIRE_OK(ember_linker_define_host_func(linker, store, "env", 3, "add", 3, kI32, 2, kI32, 1, host_add,
                                           NULL, NULL));
  e = ember_linker_instantiate(linker, store, module, &instance);
  CHECK_KIND(e, EMBER_ERROR_UNLINKABLE);
  CHECK_STR(e.message, "unknown import");
  CHECK_STR(e.detail, "env.fail");
  ember_linker_free(linker);
  ember_store_free(store);
  ember_module_free(module);
}

static void instance_exports_can_be_linked_into_another_module(void) {
  /* capi_core's exports become module "core"; a later definition replaces an earlier one. */
  ember_module* core = load_fixture("capi_core", NULL);
  ember_module* host = load_fixture("capi_host", NULL);
  ember_store* store = NULL;
  ember_linker* linker = NULL;
  ember_instance *core_instance, *instance = NULL;
  ember_val args[2], result;
  struct host_log log;
  memset(&log, 0, sizeof log);
  REQUIRE(core && host);
  REQUIRE_OK(ember_store_new(NULL, &store));
  REQUIRE_OK(ember_linker_new(&linker));
  core_instance = instantiate_plain(store, core);
  REQUIRE(core_instance != NULL);
  REQUIRE_OK(ember_linker_define_instance(linker, "env", 3, core_instance));
  /* capi_core exports "add" with the right type; the others come from the host. */
  REQUIRE(define_imports(linker, store, &log, "add"));
  REQUIRE_OK(ember_linker_instantiate(linker, store, host, &instance));
  args[0] = ember_i32(5);
  args[1] = ember_i32(6);
  CHECK_OK(call_export(store, instance, "add_via_host", args, 2, &result, 1));
  CHECK_INT(result.of.i32, 11);
  ember_linker_free(linker);
  ember_store_free(store);
  ember_module_free(host);
  ember_module_free(core);
}

void group_host(void) {
  RUN(host_function_gets_arguments_and_user_pointer);
  RUN(host_function_called_directly_has_no_caller_instance);
  RUN(host_trap_stops_the_call_with_its_message);
  RUN(host_exit_carries_the_exit_code);
  RUN(host_result_of_the_wrong_type_is_a_host_trap);
  RUN(host_function_reenters_wasm_through_its_caller);
  RUN(host_function_reads_the_callers_memory);
  RUN(host_may_return_any_trap_kind_but_not_an_unknown_one);
  RUN(signature_mismatch_is_unlinkable);
  RUN(missing_import_is_unlinkable);
  RUN(instance_exports_can_be_linked_into_another_module);
}
