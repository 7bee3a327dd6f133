/* Tries to get out of the sandbox and to make the host touch memory out of bounds. Every attempt
 * must fail with a precise errno. Calls the WASI imports directly (pointers as plain integers) so it
 * can pass lengths and addresses no libc would. Expects the layout set up by run_programs.py:
 *   fd 3 = the sandbox, preopened as "/", holding inside.txt ("inside"), sub/, and symlinks
 *   escape_abs -> <abs path of outside/secret.txt>, escape_rel -> ../outside/secret.txt,
 *   escape_dir -> .., sub/deep_escape -> ../../outside, loop_a <-> loop_b, ok_link -> inside.txt,
 *   sub/ok_up -> ../inside.txt; stdin holds "X".
 * Prints "ok NAME" or "FAIL NAME: got E, expected E" per check; exit status 1 if any failed. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))

IMPORT(path_open)
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
                      int64_t base, int64_t inheriting, int32_t fdflags, int32_t fd_out);
IMPORT(path_filestat_get)
int32_t raw_path_filestat_get(int32_t fd, int32_t flags, int32_t path, int32_t len, int32_t buf);
IMPORT(path_unlink_file) int32_t raw_path_unlink_file(int32_t fd, int32_t path, int32_t len);
IMPORT(path_rename)
int32_t raw_path_rename(int32_t fd, int32_t old_path, int32_t old_len, int32_t new_fd, int32_t new_path,
                        int32_t new_len);
IMPORT(path_create_directory) int32_t raw_path_create_directory(int32_t fd, int32_t path, int32_t len);
IMPORT(path_remove_directory) int32_t raw_path_remove_directory(int32_t fd, int32_t path, int32_t len);
IMPORT(path_symlink)
int32_t raw_path_symlink(int32_t old_path, int32_t old_len, int32_t fd, int32_t new_path, int32_t new_len);
IMPORT(path_link)
int32_t raw_path_link(int32_t old_fd, int32_t old_flags, int32_t old_path, int32_t old_len, int32_t new_fd,
                      int32_t new_path, int32_t new_len);
IMPORT(path_readlink)
int32_t raw_path_readlink(int32_t fd, int32_t path, int32_t len, int32_t buf, int32_t buf_len, int32_t used);
IMPORT(fd_write) int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);
IMPORT(fd_read) int32_t raw_fd_read(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nread);
IMPORT(fd_readdir) int32_t raw_fd_readdir(int32_t fd, int32_t buf, int32_t len, int64_t cookie, int32_t used);
IMPORT(args_sizes_get) int32_t raw_args_sizes_get(int32_t argc, int32_t size);
IMPORT(args_get) int32_t raw_args_get(int32_t argv, int32_t buf);
IMPORT(environ_get) int32_t raw_environ_get(int32_t environ, int32_t buf);
IMPORT(random_get) int32_t raw_random_get(int32_t buf, int32_t len);
IMPORT(clock_time_get) int32_t raw_clock_time_get(int32_t id, int64_t precision, int32_t out);
IMPORT(fd_prestat_dir_name) int32_t raw_fd_prestat_dir_name(int32_t fd, int32_t path, int32_t len);
IMPORT(fd_filestat_get) int32_t raw_fd_filestat_get(int32_t fd, int32_t buf);
IMPORT(poll_oneoff) int32_t raw_poll_oneoff(int32_t in, int32_t out, int32_t n, int32_t nevents);
IMPORT(fd_fdstat_set_rights) int32_t raw_fd_fdstat_set_rights(int32_t fd, int64_t base, int64_t inheriting);

enum { SANDBOX = 3 };
enum {
  E_SUCCESS = 0,
  E_BADF = 8,
  E_FAULT = 21,
  E_INVAL = 28,
  E_LOOP = 32,
  E_NOENT = 44,
  E_NOTDIR = 54,
  E_NOTSOCK = 57,
  E_NOTCAPABLE = 76
};

static int failures = 0;

static void expect(const char* name, int32_t got, int32_t want) {
  if (got == want) {
    printf("ok %s\n", name);
  } else {
    printf("FAIL %s: got errno %d, expected %d\n", name, (int)got, (int)want);
    failures++;
  }
}

static int32_t addr(const void* p) { return (int32_t)(uintptr_t)p; }
static uint32_t memory_end(void) { return (uint32_t)(__builtin_wasm_memory_size(0) * 65536u); }

static const int64_t kAllRights = 0x1FFFFFFF;
static const int64_t kReadRights =
    __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FILESTAT_GET;

/* path_open beneath the sandbox; returns the errno and closes the fd on success. */
static int32_t try_open(const char* path, int follow, int32_t oflags, int64_t rights) {
  static uint32_t fd_out;
  int32_t err = raw_path_open(SANDBOX, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, addr(path),
                              (int32_t)strlen(path), oflags, rights, rights, 0, addr(&fd_out));
  if (err == 0) (void)__wasi_fd_close(fd_out);
  return err;
}

static int32_t try_stat(const char* path, int follow) {
  static __wasi_filestat_t st;
  return raw_path_filestat_get(SANDBOX, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, addr(path),
                               (int32_t)strlen(path), addr(&st));
}

static void escapes(void) {
  expect("dotdot at the root", try_open("..", 1, 0, kReadRights), E_NOTCAPABLE);
  expect("dotdot to a sibling", try_open("../outside/secret.txt", 1, 0, kReadRights), E_NOTCAPABLE);
  expect("dotdot after a subdir", try_open("sub/../../outside/secret.txt", 1, 0, kReadRights), E_NOTCAPABLE);
  expect("dotdot inside stays allowed", try_open("sub/../inside.txt", 1, 0, kReadRights), E_SUCCESS);
  expect("absolute path", try_open("/etc/passwd", 1, 0, kReadRights), E_NOTCAPABLE);
  expect("absolute root", try_open("/", 1, 0, kReadRights), E_NOTCAPABLE);
  expect("absolute symlink followed", try_open("escape_abs", 1, 0, kReadRights), E_NOTCAPABLE);
  expect("absolute symlink not followed", try_open("escape_abs", 0, 0, kReadRights), E_LOOP);
  expect("relative symlink out", try_open("escape_rel", 1, 0, kReadRights), E_NOTCAPABLE);
  expect("symlink to .. as a directory", try_open("escape_dir/outside/secret.txt", 0, 0, kReadRights),
         E_NOTCAPABLE);
  expect("nested symlink out", try_open("sub/deep_escape/secret.txt", 0, 0, kReadRights), E_NOTCAPABLE);
  expect("create through a symlink out",
         try_open("escape_dir/created.txt", 0, __WASI_OFLAGS_CREAT, kAllRights), E_NOTCAPABLE);
  expect("symlink loop", try_open("loop_a", 1, 0, kReadRights), E_LOOP);
  expect("symlink inside", try_open("ok_link", 1, 0, kReadRights), E_SUCCESS);
  expect("symlink up but inside", try_open("sub/ok_up", 1, 0, kReadRights), E_SUCCESS);
  expect("trailing slash on a file", try_open("inside.txt/", 1, 0, kReadRights), E_NOTDIR);
  expect("stat through symlink out", try_stat("escape_rel", 1), E_NOTCAPABLE);
  expect("stat the symlink itself", try_stat("escape_rel", 0), E_SUCCESS);

  const char* victim = "../outside/secret.txt";
  expect("unlink outside", raw_path_unlink_file(SANDBOX, addr(victim), (int32_t)strlen(victim)),
         E_NOTCAPABLE);
  const char* from = "inside.txt";
  const char* to = "../outside/moved.txt";
  expect("rename out",
         raw_path_rename(SANDBOX, addr(from), (int32_t)strlen(from), SANDBOX, addr(to), (int32_t)strlen(to)),
         E_NOTCAPABLE);
  expect("rename in",
         raw_path_rename(SANDBOX, addr(victim), (int32_t)strlen(victim), SANDBOX, addr("stolen.txt"), 10),
         E_NOTCAPABLE);
  const char* newdir = "../newdir";
  expect("mkdir outside", raw_path_create_directory(SANDBOX, addr(newdir), (int32_t)strlen(newdir)),
         E_NOTCAPABLE);
  const char* outside_dir = "escape_dir/outside";
  expect("rmdir through symlink",
         raw_path_remove_directory(SANDBOX, addr(outside_dir), (int32_t)strlen(outside_dir)), E_NOTCAPABLE);
  const char* abs_target = "/etc/passwd";
  expect("symlink with absolute target",
         raw_path_symlink(addr(abs_target), (int32_t)strlen(abs_target), SANDBOX, addr("abs_link"), 8),
         E_NOTCAPABLE);
  /* Relative targets under the same policy: refused when they climb out of the granted directory,
   * counted from the directory the link is made in; created when they stay inside. */
  static const struct {
    const char* target;
    const char* link;
    int32_t expected;
  } links[] = {
      {"..", "l_up", E_NOTCAPABLE},
      {"../outside/secret.txt", "l_out", E_NOTCAPABLE},
      {"sub/../..", "l_dotdot", E_NOTCAPABLE},
      {"./../x", "l_dot_up", E_NOTCAPABLE},
      {"../..", "sub/l_up2", E_NOTCAPABLE},
      {"../../outside", "sub/../sub/l_far", E_NOTCAPABLE},
      {"inside.txt", "l_in", E_SUCCESS},
      {"sub/../inside.txt", "l_in2", E_SUCCESS},
      {"../inside.txt", "sub/l_up_in", E_SUCCESS},
      {"..", "sub/l_parent", E_SUCCESS},
  };
  for (size_t i = 0; i < sizeof links / sizeof links[0]; ++i) {
    char name[96];
    snprintf(name, sizeof name, "symlink %s -> %s", links[i].link, links[i].target);
    expect(name,
           raw_path_symlink(addr(links[i].target), (int32_t)strlen(links[i].target), SANDBOX,
                            addr(links[i].link), (int32_t)strlen(links[i].link)),
           links[i].expected);
  }
  expect("created link inside is followed", try_open("sub/l_up_in", 1, 0, kReadRights), E_SUCCESS);
  /* Leave the sandbox as it was. */
  for (size_t i = 0; i < sizeof links / sizeof links[0]; ++i) {
    if (links[i].expected != E_SUCCESS) continue;
    expect("unlink created link",
           raw_path_unlink_file(SANDBOX, addr(links[i].link), (int32_t)strlen(links[i].link)), E_SUCCESS);
  }
  const char* esc = "escape_rel";
  expect("hard link through symlink out",
         raw_path_link(SANDBOX, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, addr(esc), (int32_t)strlen(esc), SANDBOX,
                       addr("hard"), 4),
         E_NOTCAPABLE);
  const char* hard_out = "../outside/hard";
  expect("hard link to outside",
         raw_path_link(SANDBOX, 0, addr(from), (int32_t)strlen(from), SANDBOX, addr(hard_out),
                       (int32_t)strlen(hard_out)),
         E_NOTCAPABLE);

  /* A directory fd opened inside the sandbox is its own root: `..` from it is refused too. */
  uint32_t sub_fd = 0;
  int32_t err = raw_path_open(SANDBOX, 0, addr("sub"), 3, __WASI_OFLAGS_DIRECTORY, kAllRights, kAllRights, 0,
                              addr(&sub_fd));
  expect("open subdirectory", err, E_SUCCESS);
  if (err == 0) {
    uint32_t fd_out = 0;
    expect("dotdot from a subdirectory fd",
           raw_path_open((int32_t)sub_fd, 0, addr("../inside.txt"), 13, 0, kReadRights, 0, 0, addr(&fd_out)),
           E_NOTCAPABLE);
    (void)__wasi_fd_close(sub_fd);
  }

  /* Reading a link's text is allowed (it is data), and truncates like POSIX readlink. */
  char target[4];
  uint32_t used = 99;
  expect("readlink truncates",
         raw_path_readlink(SANDBOX, addr(esc), (int32_t)strlen(esc), addr(target), 4, addr(&used)),
         E_SUCCESS);
  expect("readlink length", used == 4 && memcmp(target, "../o", 4) == 0 ? 0 : 1, 0);
}

static void bad_memory(void) {
  uint32_t end = memory_end();
  static uint32_t fd_out;
  static uint32_t result;
  static __wasi_ciovec_t iov;

  expect("path length 4 GiB",
         raw_path_open(SANDBOX, 0, addr("inside.txt"), -1, 0, kReadRights, 0, 0, addr(&fd_out)), E_FAULT);
  expect("path straddles the end",
         raw_path_open(SANDBOX, 0, (int32_t)(end - 2), 10, 0, kReadRights, 0, 0, addr(&fd_out)), E_FAULT);
  expect("path far past the end",
         raw_path_open(SANDBOX, 0, (int32_t)0xFFFFFFF0u, 4, 0, kReadRights, 0, 0, addr(&fd_out)), E_FAULT);
  expect("empty path", raw_path_open(SANDBOX, 0, addr("x"), 0, 0, kReadRights, 0, 0, addr(&fd_out)), E_NOENT);
  expect("NUL inside path",
         raw_path_open(SANDBOX, 0, addr("inside.txt\0x"), 12, 0, kReadRights, 0, 0, addr(&fd_out)), E_INVAL);
  expect("result fd past the end",
         raw_path_open(SANDBOX, 0, addr("inside.txt"), 10, 0, kReadRights, 0, 0, (int32_t)(end - 2)),
         E_FAULT);

  iov.buf = (const uint8_t*)"never printed\n";
  iov.buf_len = 14;
  expect("iovec array straddles the end", raw_fd_write(1, (int32_t)(end - 4), 1, addr(&result)), E_FAULT);
  expect("iovec count huge", raw_fd_write(1, addr(&iov), 0x20000000, addr(&result)), E_FAULT);
  static __wasi_ciovec_t two[2];
  two[0] = iov;
  two[1].buf = (const uint8_t*)(uintptr_t)(end - 2);
  two[1].buf_len = 10;
  expect("second buffer straddles the end", raw_fd_write(1, addr(two), 2, addr(&result)), E_FAULT);
  expect("nwritten past the end", raw_fd_write(1, addr(&iov), 1, (int32_t)end), E_FAULT);

  /* stdin holds "X": a refused read must not consume it. */
  static __wasi_iovec_t riov;
  riov.buf = (uint8_t*)(uintptr_t)(end - 1);
  riov.buf_len = 2;
  expect("read buffer straddles the end", raw_fd_read(0, addr(&riov), 1, addr(&result)), E_FAULT);
  static uint8_t byte;
  riov.buf = &byte;
  riov.buf_len = 1;
  expect("stdin still intact",
         raw_fd_read(0, addr(&riov), 1, addr(&result)) == 0 && result == 1 && byte == 'X' ? 0 : 1, 0);

  expect("args_sizes_get past the end", raw_args_sizes_get((int32_t)(end - 2), addr(&result)), E_FAULT);
  expect("args_get argv past the end", raw_args_get((int32_t)end, 1024), E_FAULT);
  expect("environ_get buffer past the end", raw_environ_get(1024, (int32_t)0xFFFFFFFFu), E_FAULT);
  expect("random_get 4 GiB", raw_random_get(1024, -1), E_FAULT);
  expect("random_get straddles the end", raw_random_get((int32_t)(end - 8), 16), E_FAULT);
  expect("clock result straddles the end", raw_clock_time_get(0, 0, (int32_t)(end - 4)), E_FAULT);
  expect("prestat name past the end", raw_fd_prestat_dir_name(SANDBOX, (int32_t)end, 1), E_FAULT);
  expect("filestat past the end", raw_fd_filestat_get(SANDBOX, (int32_t)(end - 32)), E_FAULT);
  expect("path filestat past the end",
         raw_path_filestat_get(SANDBOX, 0, addr("inside.txt"), 10, (int32_t)(end - 63)), E_FAULT);
  expect("readdir buffer straddles the end",
         raw_fd_readdir(SANDBOX, (int32_t)(end - 10), 100, 0, addr(&result)), E_FAULT);
  expect("readlink buffer straddles the end",
         raw_path_readlink(SANDBOX, addr("ok_link"), 7, (int32_t)(end - 3), 8, addr(&result)), E_FAULT);
  expect("poll_oneoff subscriptions past the end",
         raw_poll_oneoff((int32_t)(end - 48), 1024, 2, addr(&result)), E_FAULT);
  expect("poll_oneoff no subscriptions", raw_poll_oneoff(1024, 2048, 0, addr(&result)), E_INVAL);
}

static void rights(void) {
  uint32_t fd = 0;
  int32_t err = raw_path_open(SANDBOX, 0, addr("inside.txt"), 10, 0, kReadRights, 0, 0, addr(&fd));
  expect("open read-only", err, E_SUCCESS);
  if (err != 0) return;
  static __wasi_ciovec_t iov;
  static uint32_t n;
  iov.buf = (const uint8_t*)"x";
  iov.buf_len = 1;
  expect("write without the right", raw_fd_write((int32_t)fd, addr(&iov), 1, addr(&n)), E_NOTCAPABLE);
  expect("drop read right", raw_fd_fdstat_set_rights((int32_t)fd, __WASI_RIGHTS_FD_SEEK, 0), E_SUCCESS);
  static __wasi_iovec_t riov;
  static uint8_t buf[8];
  riov.buf = buf;
  riov.buf_len = sizeof buf;
  expect("read after dropping the right", raw_fd_read((int32_t)fd, addr(&riov), 1, addr(&n)), E_NOTCAPABLE);
  expect("rights cannot grow back", raw_fd_fdstat_set_rights((int32_t)fd, kReadRights, 0), E_NOTCAPABLE);
  (void)__wasi_fd_close(fd);
  expect("closed fd", raw_fd_read((int32_t)fd, addr(&riov), 1, addr(&n)), E_BADF);
  __wasi_prestat_t pre;
  expect("stdin is no preopen", __wasi_fd_prestat_get(0, &pre), E_BADF);
  expect("no preopen past the last", __wasi_fd_prestat_get(4, &pre), E_BADF);
  __wasi_fd_t accepted;
  expect("accept on a directory", __wasi_sock_accept(SANDBOX, 0, &accepted), E_NOTSOCK);
  expect("accept on a closed fd", __wasi_sock_accept(99, 0, &accepted), E_BADF);
}

int main(void) {
  escapes();
  bad_memory();
  rights();
  printf("%d failed\n", failures);
  return failures ? 1 : 0;
}
