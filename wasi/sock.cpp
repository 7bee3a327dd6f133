// sock_*: the host never grants a socket, so every fd that exists is "not a socket".
#include "functions.h"

namespace ember {
namespace wasi {
namespace {

Errno no_socket(HostCall& c) {
  FdEntry* e = nullptr;
  Errno err = c.state.fds.get(c.u32(0), 0, &e);
  return err != kSuccess ? err : kNotSock;
}

}  // namespace

Errno sock_accept(HostCall& c) { return no_socket(c); }
Errno sock_recv(HostCall& c) { return no_socket(c); }
Errno sock_send(HostCall& c) { return no_socket(c); }
Errno sock_shutdown(HostCall& c) { return no_socket(c); }

}  // namespace wasi
}  // namespace ember
