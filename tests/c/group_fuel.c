/* Fuel: a runaway loop stops with OUT_OF_FUEL, the store stays usable, a refill lets calls run
 * again, and a store with a budget refuses unmetered modules. */
#include "harness.h"

static void runaway_loop_runs_out_of_fuel_and_refill_resumes(void) {
  ember_config config = ember_config_default();
  ember_module* module;
  ember_store* store = NULL;
  ember_instance* instance;
  ember_val arg, result;
  ember_error e;
  config.fuel = 10000;
  module = load_fixture("capi_core", &config); /* metered code */
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(&config, &store)); /* a budget of 10000 */
  CHECK_INT(ember_store_fuel(store), 10000);
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  e = call_export(store, instance, "spin", NULL, 0, NULL, 0);
  CHECK_KIND(e, EMBER_ERROR_TRAP);
  CHECK_INT(e.trap, EMBER_TRAP_OUT_OF_FUEL);
  CHECK_STR(e.message, "out of fuel");
  CHECK_INT(ember_store_fuel(store), 0);
  /* Empty tank: even a short call stops. */
  arg = ember_i32(10);
  e = call_export(store, instance, "sum_to", &arg, 1, &result, 1);
  CHECK_INT(e.trap, EMBER_TRAP_OUT_OF_FUEL);
  /* Refilled: it runs, and uses some fuel. */
  CHECK_OK(ember_store_set_fuel(store, 5000));
  CHECK_OK(call_export(store, instance, "sum_to", &arg, 1, &result, 1));
  CHECK_INT(result.of.i32, 55);
  CHECK(ember_store_fuel(store) < 5000);
  CHECK(ember_store_fuel(store) > 0);
  ember_store_free(store);
  ember_module_free(module);
}

static void store_with_a_budget_refuses_unmetered_modules(void) {
  ember_config config = ember_config_default();
  ember_module* module = load_fixture("capi_core", NULL); /* loaded without fuel */
  ember_store* store = NULL;
  ember_instance* instance = NULL;
  ember_error e;
  REQUIRE(module != NULL);
  config.fuel = 100;
  REQUIRE_OK(ember_store_new(&config, &store));
  e = ember_instance_new(store, module, NULL, 0, &instance);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
  CHECK(instance == NULL);
  ember_store_free(store);
  ember_module_free(module);
}

void group_fuel(void) {
  RUN(runaway_loop_runs_out_of_fuel_and_refill_resumes);
  RUN(store_with_a_budget_refuses_unmetered_modules);
}
