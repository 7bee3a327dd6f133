// In-memory and callback stdio (WasiConfig::std*_stream): the guest's stdin from host memory, its
// stdout / stderr captured, a full capture refusing more.
#include <cstring>
#include <string>

#include "api_test_util.h"
#ifdef EMBER_TEST_HAVE_WASI
#include "ember/wasi.h"

using namespace ember;

namespace {

struct Echo {
  Store store;
  Linker linker;
  Instance* instance = nullptr;
};

// Instantiates the echo fixture against `ctx`.
void link_echo(Echo& echo, WasiContext& ctx) {
  Module m = load_fixture("wasi_stdio_echo");
  Error defined = define_wasi(echo.linker, echo.store, ctx);
  INFO(describe(defined));
  REQUIRE(defined.ok());
  Result<Instance*> inst = echo.linker.instantiate(echo.store, m);
  INFO(describe(inst.error()));
  REQUIRE(inst.ok());
  echo.instance = inst.value();
}

intptr_t count_calls(void* user, const uint8_t* data, std::size_t size) {
  auto* seen = static_cast<std::string*>(user);
  seen->append(reinterpret_cast<const char*>(data), size);
  seen->push_back('|');  // marks each call
  return intptr_t(size);
}

// A WASI context whose stdout is captured in `out` (writing into buf[0..size)) and whose stdin and
// stderr are closed.
Result<WasiContext> stdout_capture(WasiMemoryOutput& out, uint8_t* buf, std::size_t size) {
  out.buffer = buf;
  out.capacity = size;
  WasiConfig cfg;
  cfg.stdin_handle = cfg.stderr_handle = -1;
  cfg.stdout_stream = out.stream();
  return WasiContext::create(cfg);
}

}  // namespace

TEST_CASE("wasi stdio: stdin from memory, stdout and stderr captured", "[wasi][stdio]") {
  const char input[] = "the quick brown fox jumps over the lazy dog";
  WasiMemoryInput in;
  in.data = reinterpret_cast<const uint8_t*>(input);
  in.size = std::strlen(input);
  uint8_t out_buf[256], err_buf[16];
  WasiMemoryOutput out, err;
  out.buffer = out_buf;
  out.capacity = sizeof out_buf;
  err.buffer = err_buf;
  err.capacity = sizeof err_buf;
  WasiConfig cfg;
  cfg.stdin_stream = in.stream();
  cfg.stdout_stream = out.stream();
  cfg.stderr_stream = err.stream();
  Result<WasiContext> ctx = WasiContext::create(cfg);
  REQUIRE(ctx.ok());
  Echo echo;
  link_echo(echo, ctx.value());
  Error e = echo.store.call(echo.instance->function("_start"), nullptr, 0, nullptr, 0);
  INFO(describe(e));
  REQUIRE(e.ok());
  CHECK(std::string(reinterpret_cast<char*>(out_buf), out.size) == input);
  CHECK(std::string(reinterpret_cast<char*>(err_buf), err.size) == "done\n");
  CHECK(in.position == in.size);
  CHECK(!out.overflowed);
}

TEST_CASE("wasi stdio: a full capture fails the write with EIO", "[wasi][stdio]") {
  uint8_t buf[10];
  WasiMemoryOutput out;
  Result<WasiContext> ctx = stdout_capture(out, buf, sizeof buf);
  REQUIRE(ctx.ok());
  Echo echo;
  link_echo(echo, ctx.value());
  Function* write = echo.instance->function("write_stdout");
  Result<int32_t> first = echo.store.call<int32_t>(write, int32_t(6));
  REQUIRE(first.ok());
  CHECK(*first == 0);
  // 6 more bytes: 4 fit (a short write, success), then nothing does.
  Result<int32_t> second = echo.store.call<int32_t>(write, int32_t(6));
  REQUIRE(second.ok());
  CHECK(*second == 0);
  CHECK(out.size == 10);
  CHECK(out.overflowed);
  Result<int32_t> third = echo.store.call<int32_t>(write, int32_t(1));
  REQUIRE(third.ok());
  CHECK(*third == 29);  // EIO
  CHECK(out.size == 10);
}

TEST_CASE("wasi stdio: a callback stream sees each write; an unset direction is EBADF", "[wasi][stdio]") {
  std::string seen;
  WasiConfig cfg;
  cfg.stdout_stream.write = &count_calls;
  cfg.stdout_stream.user = &seen;
  cfg.stdin_handle = cfg.stderr_handle = -1;
  Result<WasiContext> ctx = WasiContext::create(cfg);
  REQUIRE(ctx.ok());
  Echo echo;
  link_echo(echo, ctx.value());
  Function* write = echo.instance->function("write_stdout");
  REQUIRE(*echo.store.call<int32_t>(write, int32_t(3)) == 0);
  REQUIRE(*echo.store.call<int32_t>(write, int32_t(2)) == 0);
  CHECK(seen == "xxx|xx|");
  // stdin is closed (-1, no stream): _start's first fd_read fails and it just reports done.
  Error e = echo.store.call(echo.instance->function("_start"), nullptr, 0, nullptr, 0);
  CHECK(e.ok());
}

TEST_CASE("wasi stdio: fd_write charges fuel for the bytes it moves", "[wasi][stdio][fuel]") {
  static uint8_t buf[1 << 16];
  WasiMemoryOutput out;
  Result<WasiContext> ctx = stdout_capture(out, buf, sizeof buf);
  REQUIRE(ctx.ok());
  Config metered;
  metered.fuel = uint64_t(1) << 30;
  Module m = load_fixture("wasi_stdio_echo", metered);
  Store store(metered);
  Linker linker;
  REQUIRE(define_wasi(linker, store, ctx.value()).ok());
  Result<Instance*> inst = linker.instantiate(store, m);
  REQUIRE(inst.ok());
  auto cost_of_write = [&](int32_t n) {
    uint64_t before = store.fuel();
    Value arg = Value::i32(n), errno_result;
    REQUIRE(store.call(inst.value()->function("write_stdout"), &arg, 1, &errno_result, 1).ok());
    CHECK(errno_result.as_i32() == 0);
    return before - store.fuel();
  };
  const uint64_t empty = cost_of_write(0);
  // 25,600 bytes: 100 units for the guest's memory.fill of them, 100 for fd_write moving them.
  CHECK(cost_of_write(25600) - empty == 200);
  CHECK(cost_of_write(257) - empty == 2 + 2);
  CHECK(out.size == 25600 + 257);
}
#endif
