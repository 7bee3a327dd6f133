/* A tiny test harness for the C API tests (C99, no dependencies).
 *
 * A test is a `static void name(void)` run with RUN(name) from its group's function. CHECK records
 * a failure and goes on; REQUIRE records it and returns from the test. A test passes when none of
 * its checks failed. main() prints one line per failure and closes with "N passed, M failed". */
#ifndef EMBER_C_TEST_HARNESS_H
#define EMBER_C_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ember.h"

/* Runs one test and counts it as passed or failed. */
void harness_run(const char* name, void (*test)(void));
#define RUN(test) harness_run(#test, test)
/* Tests run so far that passed / failed. */
int harness_passed(void);
int harness_failed(void);

/* Each returns whether the check held. */
bool harness_check(bool ok, const char* expr, const char* file, int line);
bool harness_check_kind(const ember_error* e, ember_error_kind kind, const char* expr, const char* file,
                        int line);
bool harness_check_str(const char* actual, const char* expected, const char* expr, const char* file,
                       int line);
bool harness_check_int(long long actual, long long expected, const char* expr, const char* file, int line);

#define CHECK(cond) harness_check((cond) ? true : false, #cond, __FILE__, __LINE__)
#define REQUIRE(cond)                                                             \
  do {                                                                            \
    if (!harness_check((cond) ? true : false, #cond, __FILE__, __LINE__)) return; \
  } while (0)
/* `err` is an ember_error lvalue. */
#define CHECK_KIND(err, kind) harness_check_kind(&(err), (kind), #err, __FILE__, __LINE__)
#define CHECK_STR(actual, expected) harness_check_str((actual), (expected), #actual, __FILE__, __LINE__)
#define CHECK_INT(actual, expected) \
  harness_check_int((long long)(actual), (long long)(expected), #actual, __FILE__, __LINE__)
/* Evaluates `call` (an ember_error expression) once. */
#define CHECK_OK(call)                                                               \
  do {                                                                               \
    ember_error check_ok_error_ = (call);                                            \
    harness_check_kind(&check_ok_error_, EMBER_ERROR_OK, #call, __FILE__, __LINE__); \
  } while (0)
#define REQUIRE_OK(call)                                                                            \
  do {                                                                                              \
    ember_error require_ok_error_ = (call);                                                         \
    if (!harness_check_kind(&require_ok_error_, EMBER_ERROR_OK, #call, __FILE__, __LINE__)) return; \
  } while (0)

/* --- helpers shared by the groups --- */

/* Reads a whole file into a malloc'd buffer (NULL on failure). */
uint8_t* read_file(const char* path, size_t* size);
/* Loads tests/wat/<name>.wat as compiled at build time; NULL (and a failed check) on error. */
ember_module* load_fixture(const char* name, const ember_config* config);
/* Instantiates a module without imports; NULL (and a failed check) on error. */
ember_instance* instantiate_plain(ember_store* store, const ember_module* module);
/* Calls an export by name: a shorthand for ember_instance_func + ember_func_call. */
ember_error call_export(ember_store* store, const ember_instance* instance, const char* name,
                        const ember_val* args, size_t nargs, ember_val* results, size_t nresults);
/* True if the name equals the NUL-terminated string. */
bool name_is(ember_name name, const char* expected);
/* Length of a NUL-terminated string, for the API's pointer + length names. */
size_t len(const char* s);

/* The groups, one per group_<name>.c. */
void group_module(void);
void group_host(void);
void group_call(void);
void group_memory(void);
void group_global_table(void);
void group_fuel(void);
void group_misuse(void);
void group_error(void);
void group_wasi(void);

#endif
