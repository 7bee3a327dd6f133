/* Fuel: a runaway loop stops with OUT_OF_FUEL, the store stays usable, a refill lets calls run
 * again, a stopped call resumes to the unmetered result, interrupts stop and resume, and a store
 * with a budget refuses unmetered modules. Also the section-header walk (ember_module_sections). */
#include <string.h>

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

static void stopped_call_resumes_to_the_unmetered_result(void) {
  ember_config config = ember_config_default();
  ember_module* module;
  ember_store* store = NULL;
  ember_instance* instance;
  ember_val arg = ember_i32(1000), result;
  ember_error e;
  int stops = 0;
  config.fuel = 50;
  module = load_fixture("capi_core", &config);
  REQUIRE(module != NULL);
  REQUIRE_OK(ember_store_new(&config, &store));
  instance = instantiate_plain(store, module);
  REQUIRE(instance != NULL);
  e = call_export(store, instance, "sum_to", &arg, 1, &result, 1);
  while (e.kind == EMBER_ERROR_TRAP && e.trap == EMBER_TRAP_OUT_OF_FUEL && stops < 1000) {
    CHECK(ember_store_suspended(store));
    ++stops;
    CHECK_OK(ember_store_set_fuel(store, 50));
    e = ember_store_resume(store, &result, 1);
  }
  CHECK_OK(e);
  CHECK(stops > 1);
  CHECK_INT(result.of.i32, 500500);
  CHECK(!ember_store_suspended(store));
  e = ember_store_resume(store, &result, 1);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);

  /* An interrupt requested before the call stops it at its first check; abandon, then run. */
  CHECK_OK(ember_store_set_fuel(store, 1000000));
  ember_store_interrupt(store);
  e = call_export(store, instance, "spin", NULL, 0, NULL, 0);
  CHECK_INT(e.trap, EMBER_TRAP_INTERRUPTED);
  CHECK(ember_store_suspended(store));
  ember_store_abandon(store);
  CHECK(!ember_store_suspended(store));
  arg = ember_i32(10);
  CHECK_OK(call_export(store, instance, "sum_to", &arg, 1, &result, 1));
  CHECK_INT(result.of.i32, 55);
  ember_store_interrupt(NULL);
  ember_store_abandon(NULL);
  ember_store_free(store);
  ember_module_free(module);
}

static void section_headers_listed_and_the_inspect_crash_is_an_error(void) {
  /* The 15 bytes that crashed `ember inspect`: a zero-size custom section, then a huge size. */
  static const uint8_t crash[] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
                                  0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
  static const uint8_t named[] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
                                  0x00, 0x03, 0x02, 'h',  'i',  0x01, 0x01, 0x00};
  ember_section sections[4];
  size_t count = 99;
  ember_error e = ember_module_sections(crash, sizeof crash, sections, 4, &count);
  CHECK_KIND(e, EMBER_ERROR_MALFORMED);
  CHECK_STR(e.message, "section size mismatch");
  CHECK_INT(count, 1);
  CHECK_INT(sections[0].size, 0);
  CHECK_INT(sections[0].custom_name.size, 0);
  CHECK_OK(ember_module_sections(named, sizeof named, sections, 1, &count));
  CHECK_INT(count, 2); /* both counted, one written */
  CHECK_INT(sections[0].custom_name.size, 2);
  CHECK(memcmp(sections[0].custom_name.data, "hi", 2) == 0);
  CHECK_STR(ember_section_name(1), "type");
  e = ember_module_sections(named, sizeof named, NULL, 0, NULL);
  CHECK_KIND(e, EMBER_ERROR_BAD_ARGUMENT);
}

/* A host function that charges `*user` units for its work and reports whether they were covered. */
static ember_trap host_charge(ember_caller* caller, void* user, const ember_val* args, size_t nargs,
                              ember_val* results, size_t nresults) {
  (void)args, (void)nargs, (void)nresults;
  results[0] = ember_i32(ember_caller_consume_fuel(caller, *(const uint64_t*)user) ? 1 : 0);
  return EMBER_TRAP_NONE;
}

static void host_function_charges_fuel_for_its_work(void) {
  static const ember_valtype kResult[] = {EMBER_I32};
  ember_config config = ember_config_default();
  ember_store* store = NULL;
  ember_func *nothing = NULL, *thousand = NULL;
  uint64_t zero_units = 0, thousand_units = 1000, base;
  ember_val result;
  config.fuel = 5000;
  REQUIRE_OK(ember_store_new(&config, &store));
  REQUIRE_OK(ember_func_new(store, NULL, 0, kResult, 1, host_charge, &zero_units, &nothing));
  REQUIRE_OK(ember_func_new(store, NULL, 0, kResult, 1, host_charge, &thousand_units, &thousand));
  CHECK_OK(ember_func_call(store, nothing, NULL, 0, &result, 1));
  CHECK_INT(result.of.i32, 1);
  base = 5000 - ember_store_fuel(store); /* what a call costs without a charge of its own */
  CHECK_OK(ember_store_set_fuel(store, 5000));
  CHECK_OK(ember_func_call(store, thousand, NULL, 0, &result, 1));
  CHECK_INT(result.of.i32, 1);
  CHECK_INT(5000 - ember_store_fuel(store), base + 1000);
  /* Too little left: the budget empties and the charge reports it. */
  CHECK_OK(ember_store_set_fuel(store, 300));
  CHECK_OK(ember_func_call(store, thousand, NULL, 0, &result, 1));
  CHECK_INT(result.of.i32, 0);
  CHECK_INT(ember_store_fuel(store), 0);
  ember_store_free(store);
}

void group_fuel(void) {
  RUN(host_function_charges_fuel_for_its_work);
  RUN(stopped_call_resumes_to_the_unmetered_result);
  RUN(section_headers_listed_and_the_inspect_crash_is_an_error);
  RUN(runaway_loop_runs_out_of_fuel_and_refill_resumes);
  RUN(store_with_a_budget_refuses_unmetered_modules);
}
