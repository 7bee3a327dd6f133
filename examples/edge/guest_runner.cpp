#include "guest_runner.h"

#include <cctype>
#include <chrono>
#include <string>
#include <vector>

#include "ember/wasi.h"

namespace edge {
namespace {

using Clock = std::chrono::steady_clock;

uint64_t ns_since(Clock::time_point t) {
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t).count());
}

// CGI's meta-variables: the request line's parts, then each header as HTTP_NAME.
std::vector<std::string> cgi_environment(const Request& r) {
  std::vector<std::string> env = {
      "REQUEST_METHOD=" + r.method,
      "PATH_INFO=" + r.path(),
      "QUERY_STRING=" + r.query(),
      "SERVER_PROTOCOL=" + r.version,
      "CONTENT_LENGTH=" + std::to_string(r.body.size()),
  };
  for (const auto& h : r.headers) {
    std::string name = "HTTP_";
    for (char c : h.first) name += c == '-' ? '_' : char(std::toupper(static_cast<unsigned char>(c)));
    env.push_back(name + "=" + h.second);
  }
  return env;
}

Response failure(int status, const std::string& why) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/plain");
  r.body = why + "\n";
  return r;
}

std::string describe(const ember::Error& e) {
  char buf[256];
  return ember::format_error(e, buf, sizeof buf);
}

// The response for how _start ended.
Response outcome(const ember::Error& e, const ember::WasiMemoryOutput& out) {
  bool finished = e.ok() || (e.kind == ember::ErrorKind::Exit && e.exit_code == 0);
  if (finished) {
    if (out.overflowed) return failure(500, "the guest's response exceeded the output limit");
    return response_from_cgi(std::string(reinterpret_cast<const char*>(out.buffer), out.size));
  }
  if (e.kind == ember::ErrorKind::Exit)
    return failure(500, "the guest exited with status " + std::to_string(e.exit_code));
  if (e.kind == ember::ErrorKind::Trap && e.trap == ember::TrapKind::OutOfFuel)
    return failure(503, "the guest ran out of time (its fuel)");
  return failure(500, "the guest failed: " + describe(e));
}

}  // namespace

Response GuestRunner::handle(const Request& request, RequestTimes* times) const {
  Clock::time_point start = Clock::now();
  // One output buffer per thread, reused: a fresh 1 MiB per request would cost more than the
  // instance itself.
  thread_local std::vector<uint8_t> out_buffer;
  out_buffer.resize(limits_.max_output);
  ember::WasiMemoryInput in;
  in.data = reinterpret_cast<const uint8_t*>(request.body.data());
  in.size = request.body.size();
  ember::WasiMemoryOutput out;
  out.buffer = out_buffer.data();
  out.capacity = out_buffer.size();
  uint8_t err_buffer[512];  // the guest's stderr: kept from mixing into the host's log
  ember::WasiMemoryOutput err;
  err.buffer = err_buffer;
  err.capacity = sizeof err_buffer;

  std::vector<std::string> env_strings = cgi_environment(request);
  std::vector<const char*> env;
  for (const std::string& s : env_strings) env.push_back(s.c_str());
  const char* argv[] = {"app"};
  ember::WasiConfig wasi;
  wasi.args = argv;
  wasi.arg_count = 1;
  wasi.env = env.data();
  wasi.env_count = uint32_t(env.size());
  wasi.stdin_stream = in.stream();
  wasi.stdout_stream = out.stream();
  wasi.stderr_stream = err.stream();
  auto context = ember::WasiContext::create(wasi);
  if (!context.ok()) return failure(500, "cannot create the WASI context: " + describe(context.error()));

  ember::Config config;
  config.max_memory_pages = limits_.max_memory_pages;
  config.fuel = limits_.fuel;
  config.stack_bytes = limits_.stack_bytes;
  ember::Store store(config);
  ember::Linker linker;
  ember::Error e = ember::define_wasi(linker, store, context.value(), module_);
  if (!e.ok()) return failure(500, "cannot link WASI: " + describe(e));
  auto instance = linker.instantiate(store, module_);
  if (!instance.ok()) return failure(500, "cannot instantiate: " + describe(instance.error()));
  ember::Function* entry = instance.value()->function("_start");
  if (!entry) return failure(500, "the module has no _start");
  times->instantiate_ns = ns_since(start);

  Clock::time_point run_start = Clock::now();
  e = store.call(entry, nullptr, 0, nullptr, 0);
  times->run_ns = ns_since(run_start);
  return outcome(e, out);
}

}  // namespace edge
