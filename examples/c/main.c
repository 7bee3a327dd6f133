/* C embedding example: a C99 host that runs gcd.wasm with Ember's C API (include/ember.h).
 *
 *   ember-c-example [path/to/gcd.wasm]
 *
 * The usual steps: read the binary, load it, define a host function on a linker, instantiate,
 * look up exports, call them, and turn any error into text with ember_error_format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ember.h"

#ifndef GCD_WASM_PATH
#define GCD_WASM_PATH "gcd.wasm"
#endif

/* Prints an error with the engine's formatting; returns the process exit status. */
static int fail(const char* what, const ember_error* error) {
  char text[256];
  fprintf(stderr, "error: %s: %s\n", what, ember_error_format(error, text, sizeof text));
  return 1;
}

/* env.print(address, length): prints a string from the calling instance's memory. Guest pointers
 * are untrusted, so the copy is bounds-checked; a bad one traps the guest instead of the host. */
static ember_trap print(ember_caller* caller, void* user, const ember_val* args, size_t nargs,
                        ember_val* results, size_t nresults) {
  char text[128];
  uint32_t address = (uint32_t)args[0].of.i32, length = (uint32_t)args[1].of.i32;
  int* calls = (int*)user;
  (void)nargs, (void)results, (void)nresults;
  if (length >= sizeof text ||
      ember_memory_read(ember_caller_memory(caller), address, text, length).kind != EMBER_ERROR_OK)
    return ember_caller_trap(caller, "print: string outside guest memory");
  text[length] = 0;
  ++*calls;
  printf("  [host] print: %s\n", text);
  return EMBER_TRAP_NONE;
}

/* Reads a whole file; NULL on failure. */
static uint8_t* read_file(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  uint8_t* bytes = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (bytes = (uint8_t*)malloc((size_t)n + 1)) != NULL) {
    *size = fread(bytes, 1, (size_t)n, f);
  }
  fclose(f);
  return bytes;
}

int main(int argc, char** argv) {
  static const ember_valtype print_params[] = {EMBER_I32, EMBER_I32};
  const char* path = argc > 1 ? argv[1] : GCD_WASM_PATH;
  ember_module* module = NULL;
  ember_store* store = NULL;
  ember_linker* linker = NULL;
  ember_instance* instance = NULL;
  ember_func *greet, *gcd;
  ember_val args[2], result;
  ember_error error;
  int status = 1, prints = 0;
  size_t size = 0;
  uint8_t* bytes = read_file(path, &size);
  if (!bytes) {
    fprintf(stderr, "error: cannot read %s\n", path);
    return 1;
  }

  /* Decode and validate. The module copies the bytes, so they can be freed at once. */
  error = ember_module_load(bytes, size, NULL, &module);
  free(bytes);
  if (error.kind != EMBER_ERROR_OK) return fail("load", &error);

  /* The store owns everything created in it; the linker resolves imports by name. The host
   * function's signature, (i32, i32) -> (), is checked against the import at instantiation. */
  error = ember_store_new(NULL, &store);
  if (error.kind == EMBER_ERROR_OK) error = ember_linker_new(&linker);
  if (error.kind == EMBER_ERROR_OK)
    error = ember_linker_define_host_func(linker, store, "env", 3, "print", 5, print_params, 2, NULL, 0,
                                          print, &prints, NULL);
  if (error.kind == EMBER_ERROR_OK) error = ember_linker_instantiate(linker, store, module, &instance);
  if (error.kind != EMBER_ERROR_OK) {
    status = fail("instantiate", &error);
    goto done;
  }

  greet = ember_instance_func(instance, "greet", 5);
  gcd = ember_instance_func(instance, "gcd", 3);
  if (!greet || !gcd) {
    fprintf(stderr, "error: %s lacks the greet/gcd exports\n", path);
    goto done;
  }

  printf("calling greet()\n");
  error = ember_func_call(store, greet, NULL, 0, NULL, 0);
  if (error.kind != EMBER_ERROR_OK) {
    status = fail("greet", &error);
    goto done;
  }

  args[0] = ember_i32(1071);
  args[1] = ember_i32(462);
  printf("calling gcd(%d, %d)\n", (int)args[0].of.i32, (int)args[1].of.i32);
  error = ember_func_call(store, gcd, args, 2, &result, 1);
  if (error.kind != EMBER_ERROR_OK) {
    status = fail("gcd", &error);
    goto done;
  }
  printf("gcd(1071, 462) = %d (the host printed %d time%s)\n", (int)result.of.i32, prints,
         prints == 1 ? "" : "s");
  printf("done\n");
  status = 0;

done:
  /* The linker and the module may go in any order; the store frees every object it owns. */
  ember_linker_free(linker);
  ember_store_free(store);
  ember_module_free(module);
  return status;
}
