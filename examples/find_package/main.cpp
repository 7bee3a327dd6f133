// Downstream check: compiles against the installed headers, links the installed libraries (the core
// and the WASI layer), and runs
//  - a module embedded as bytes (no wat2wasm needed here): (func (export "add") (param i32 i32)
//    (result i32) local.get 0 local.get 1 i32.add);
//  - if given, a WASI command, with DIR granted to it as /data:
//      ember-find-package-example [PROGRAM.wasm DIR [ARG...]]
//    The program sees argv = {PROGRAM.wasm, ARG...} and the environment USER=find_package. The exit
//    status is the program's.
#include <cstdint>
#include <cstdio>
#include <vector>

#include "ember/ember.h"
#include "ember/wasi.h"

namespace {

const uint8_t kAddModule[] = {
    0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,        // header
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F,  // type 0: (i32 i32) -> i32
    0x03, 0x02, 0x01, 0x00,                                // function 0 has type 0
    0x07, 0x07, 0x01, 0x03, 'a',  'd',  'd',  0x00, 0x00,  // export "add" = function 0
    0x0A, 0x09, 0x01, 0x07, 0x00,                          // code: one body, no locals
    0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B,                    // local.get 0, local.get 1, i32.add, end
};

int fail(const ember::Error& e) {
  char text[256];
  std::fprintf(stderr, "error: %s\n", ember::format_error(e, text, sizeof text));
  return 1;
}

std::vector<uint8_t> read_file(const char* path) {
  std::vector<uint8_t> bytes;
  if (std::FILE* f = std::fopen(path, "rb")) {
    uint8_t buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.insert(bytes.end(), buf, buf + n);
    std::fclose(f);
  }
  return bytes;
}

int run_wasi(const char* path, const char* dir, int argc, char** argv) {
  std::vector<uint8_t> bytes = read_file(path);
  if (bytes.empty()) {
    std::fprintf(stderr, "error: cannot read %s\n", path);
    return 1;
  }
  ember::Result<ember::Module> module = ember::Module::load(bytes.data(), bytes.size());
  if (!module) return fail(module.error());

  std::vector<const char*> args{path};
  args.insert(args.end(), argv, argv + argc);
  const char* env[] = {"USER=find_package"};
  ember::WasiPreopen preopens[] = {{dir, "/data"}};
  ember::WasiConfig config;
  config.args = args.data();
  config.arg_count = uint32_t(args.size());
  config.env = env;
  config.env_count = 1;
  config.preopens = preopens;
  config.preopen_count = 1;
  ember::Result<ember::WasiContext> wasi = ember::WasiContext::create(config);
  if (!wasi) return fail(wasi.error());

  ember::Store store;
  ember::Linker linker;
  if (ember::Error e = ember::define_wasi(linker, store, *wasi)) return fail(e);
  ember::Result<ember::Instance*> instance = linker.instantiate(store, *module);
  if (!instance) return fail(instance.error());
  ember::Function* start = (*instance)->function("_start");
  if (!start) {
    std::fprintf(stderr, "error: %s has no _start\n", path);
    return 1;
  }
  // The guest writes straight to file descriptor 1: flush what the host printed before it.
  std::fflush(stdout);
  ember::Error e = store.call(start, nullptr, 0, nullptr, 0);
  if (e.kind == ember::ErrorKind::Trap && e.trap == ember::TrapKind::Exit) return e.exit_code;
  if (e) return fail(e);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  ember::Result<ember::Module> module = ember::Module::load(kAddModule, sizeof kAddModule);
  if (!module) return fail(module.error());
  ember::Store store;
  ember::Result<ember::Instance*> instance = store.instantiate(*module, nullptr, 0);
  if (!instance) return fail(instance.error());
  ember::Value args[] = {ember::Value::i32(2), ember::Value::i32(3)};
  ember::Value result;
  ember::Error e = store.call((*instance)->function("add"), args, 2, &result, 1);
  if (e) return fail(e);
  std::printf("ember %s: add(2, 3) = %d\n", ember::version(), result.as_i32());
  if (result.as_i32() != 5) return 1;
  if (argc >= 3) return run_wasi(argv[1], argv[2], argc - 3, argv + 3);
  return 0;
}
