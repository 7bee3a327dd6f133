#include "server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

namespace edge {
namespace {

std::atomic<bool> g_stop{false};

void on_signal(int) { g_stop.store(true); }

constexpr int kPollMs = 200;  // how often an idle worker looks at the stop flag

bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += std::size_t(n);
  }
  return true;
}

Response host_error(int status, const std::string& why) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/plain");
  r.body = why + "\n";
  return r;
}

Response dispatch(const Request& req, const GuestRunner& runner, ServerStats* stats) {
  if (req.path() == "/__edge/stats") {
    Response r;
    r.headers.emplace_back("Content-Type", "text/plain");
    r.body = stats->report();
    return r;
  }
  RequestTimes times;
  Response r = runner.handle(req, &times);
  stats->requests++;
  stats->instantiate_ns += times.instantiate_ns;
  stats->run_ns += times.run_ns;
  if (r.status < 400) {
    stats->ok++;
  } else {
    stats->guest_failed++;
  }
  return r;
}

// Serves one connection until the client closes it, it errs, or the server stops.
void serve_connection(int fd, const ServerOptions& options, const GuestRunner& runner, ServerStats* stats) {
  std::string buffer;
  char chunk[16384];
  while (!g_stop.load()) {
    Request req;
    std::size_t consumed = 0;
    std::string why;
    ParseStatus st = parse_request(buffer, options.max_body, &req, &consumed, &why);
    if (st == ParseStatus::Bad || st == ParseStatus::TooLarge) {
      stats->rejected++;
      send_all(fd, serialize(host_error(st == ParseStatus::Bad ? 400 : 413, why), false));
      return;
    }
    if (st == ParseStatus::Complete) {
      buffer.erase(0, consumed);
      Response r = dispatch(req, runner, stats);
      if (!send_all(fd, serialize(r, req.keep_alive)) || !req.keep_alive) return;
      continue;
    }
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, kPollMs);
    if (ready == 0) continue;
    if (ready < 0 && errno == EINTR) continue;
    ssize_t n = ready < 0 ? -1 : ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return;
    buffer.append(chunk, std::size_t(n));
  }
}

void set_blocking(int fd, bool blocking) {
  int flags = ::fcntl(fd, F_GETFL, 0);
  if (flags >= 0) ::fcntl(fd, F_SETFL, blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK);
}

void worker(int listener, const ServerOptions& options, const GuestRunner& runner, ServerStats* stats) {
  while (!g_stop.load()) {
    pollfd p{listener, POLLIN, 0};
    if (::poll(&p, 1, kPollMs) <= 0) continue;
    // Every idle worker wakes for one connection; the listener is non-blocking, so those that
    // lose the race get EAGAIN here instead of sleeping in accept() past a stop.
    int fd = ::accept(listener, nullptr, nullptr);
    if (fd < 0) continue;    // another worker took it, or the client left
    set_blocking(fd, true);  // BSD accept() passes the listener's O_NONBLOCK on; Linux does not
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    serve_connection(fd, options, runner, stats);
    ::close(fd);
  }
}

int open_listener(const ServerOptions& options, uint16_t* bound_port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(options.port);
  if (::inet_pton(AF_INET, options.address.c_str(), &addr.sin_addr) != 1 ||
      ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 128) != 0) {
    ::close(fd);
    return -1;
  }
  set_blocking(fd, false);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  *bound_port = ntohs(addr.sin_port);
  return fd;
}

}  // namespace

std::string ServerStats::report() const {
  uint64_t n = requests.load();
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "requests %llu\nok %llu\nguest_failed %llu\nrejected %llu\ninstantiate_us_mean %.2f\n"
                "run_us_mean %.2f\n",
                (unsigned long long)n, (unsigned long long)ok.load(), (unsigned long long)guest_failed.load(),
                (unsigned long long)rejected.load(),
                n ? double(instantiate_ns.load()) / double(n) / 1000.0 : 0.0,
                n ? double(run_ns.load()) / double(n) / 1000.0 : 0.0);
  return buf;
}

int serve(const ServerOptions& options, const GuestRunner& runner, ServerStats* stats) {
  uint16_t port = 0;
  int listener = open_listener(options, &port);
  if (listener < 0) {
    std::fprintf(stderr, "ember-edge: cannot listen on %s:%u: %s\n", options.address.c_str(), options.port,
                 std::strerror(errno));
    return 1;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::printf("listening on http://%s:%u/\n", options.address.c_str(), port);
  std::fflush(stdout);
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < options.threads; ++i)
    workers.emplace_back(worker, listener, std::cref(options), std::cref(runner), stats);
  auto start = std::chrono::steady_clock::now();
  while (!g_stop.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
    std::chrono::duration<double> up = std::chrono::steady_clock::now() - start;
    if (options.max_seconds > 0 && up.count() >= options.max_seconds) g_stop.store(true);
  }
  for (std::thread& t : workers) t.join();
  ::close(listener);
  std::printf("%s", stats->report().c_str());
  return 0;
}

}  // namespace edge
