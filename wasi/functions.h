// The wasi_snapshot_preview1 functions, one declaration per import. Each reads its arguments from
// the call's slots (in witx order) and returns the errno the guest sees.
#pragma once

#include "host_call.h"

namespace ember {
namespace wasi {

// args_env.cpp
Errno args_get(HostCall& c);
Errno args_sizes_get(HostCall& c);
Errno environ_get(HostCall& c);
Errno environ_sizes_get(HostCall& c);

// clock_random.cpp
Errno clock_res_get(HostCall& c);
Errno clock_time_get(HostCall& c);
Errno random_get(HostCall& c);
Errno sched_yield(HostCall& c);

// proc.cpp: proc_exit has no errno result, so it is a raw callback
TrapKind proc_exit(Caller& caller, void* user, uint64_t* slots) noexcept;
TrapKind proc_raise(Caller& caller, void* user, uint64_t* slots) noexcept;

// fd_io.cpp
Errno fd_read(HostCall& c);
Errno fd_write(HostCall& c);
Errno fd_pread(HostCall& c);
Errno fd_pwrite(HostCall& c);
Errno fd_seek(HostCall& c);
Errno fd_tell(HostCall& c);

// fd_ops.cpp
Errno fd_advise(HostCall& c);
Errno fd_allocate(HostCall& c);
Errno fd_close(HostCall& c);
Errno fd_datasync(HostCall& c);
Errno fd_sync(HostCall& c);
Errno fd_fdstat_get(HostCall& c);
Errno fd_fdstat_set_flags(HostCall& c);
Errno fd_fdstat_set_rights(HostCall& c);
Errno fd_filestat_get(HostCall& c);
Errno fd_filestat_set_size(HostCall& c);
Errno fd_filestat_set_times(HostCall& c);
Errno fd_prestat_get(HostCall& c);
Errno fd_prestat_dir_name(HostCall& c);
Errno fd_renumber(HostCall& c);

// fd_readdir.cpp
Errno fd_readdir(HostCall& c);

// path_open.cpp
Errno path_open(HostCall& c);

// path_ops.cpp
Errno path_create_directory(HostCall& c);
Errno path_filestat_get(HostCall& c);
Errno path_filestat_set_times(HostCall& c);
Errno path_link(HostCall& c);
Errno path_readlink(HostCall& c);
Errno path_remove_directory(HostCall& c);
Errno path_rename(HostCall& c);
Errno path_symlink(HostCall& c);
Errno path_unlink_file(HostCall& c);

// poll.cpp
Errno poll_oneoff(HostCall& c);

// sock.cpp
Errno sock_accept(HostCall& c);
Errno sock_recv(HostCall& c);
Errno sock_send(HostCall& c);
Errno sock_shutdown(HostCall& c);

}  // namespace wasi
}  // namespace ember
