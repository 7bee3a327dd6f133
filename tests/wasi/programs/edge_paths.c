/* Preview1 edge cases, called through the raw WASI functions so each errno is the host's own:
 *   edge_paths preopen    path_open of the preopen itself (".") with O_DIRECTORY and rights
 *   edge_paths slashes    trailing slashes in path_symlink / path_link targets
 *   edge_paths readonly   writes beneath a read-only preopen fail, reads work
 * The preopen is fd 3 (run with one --dir or --dir-ro, holding an empty scratch folder; readonly
 * expects a file "kept.txt" in it). Prints one line per check: "ok NAME" or "FAIL NAME: ...";
 * exits 1 if any failed. */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static int failures = 0;

static void expect_errno(const char* what, __wasi_errno_t got, __wasi_errno_t want) {
  if (got == want) {
    printf("ok %s\n", what);
  } else {
    printf("FAIL %s: errno %u, expected %u\n", what, (unsigned)got, (unsigned)want);
    ++failures;
  }
}

static void expect_true(const char* what, int cond) {
  printf(cond ? "ok %s\n" : "FAIL %s\n", what);
  if (!cond) ++failures;
}

static const __wasi_fd_t kDir = 3;

static void check_preopen(void) {
  __wasi_fd_t fd = 0;
  __wasi_rights_t wanted = __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_FILESTAT_GET;
  expect_errno("open '.' O_DIRECTORY",
               __wasi_path_open(kDir, 0, ".", __WASI_OFLAGS_DIRECTORY, wanted, wanted, 0, &fd),
               __WASI_ERRNO_SUCCESS);
  __wasi_fdstat_t st;
  expect_errno("fdstat of it", __wasi_fd_fdstat_get(fd, &st), __WASI_ERRNO_SUCCESS);
  expect_true("it is a directory", st.fs_filetype == __WASI_FILETYPE_DIRECTORY);
  expect_true("with the rights asked for", st.fs_rights_base == wanted);
  expect_true("inheriting no more than asked", (st.fs_rights_inheriting & ~wanted) == 0);
  __wasi_fd_t inner = 0;
  expect_errno("path_open beneath it",
               __wasi_path_open(fd, 0, "new.txt", __WASI_OFLAGS_CREAT, 0, 0, 0, &inner),
               __WASI_ERRNO_NOTCAPABLE);
  expect_errno("open '.' O_DIRECTORY with no rights",
               __wasi_path_open(kDir, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &inner),
               __WASI_ERRNO_SUCCESS);
  // Asking for every right (as some toolchains do) grants what a directory can hold.
  expect_errno("open '.' O_DIRECTORY with all rights",
               __wasi_path_open(kDir, 0, ".", __WASI_OFLAGS_DIRECTORY, ~(__wasi_rights_t)0,
                                ~(__wasi_rights_t)0, 0, &inner),
               __WASI_ERRNO_SUCCESS);
  expect_errno("fdstat of that", __wasi_fd_fdstat_get(inner, &st), __WASI_ERRNO_SUCCESS);
  expect_true(
      "holding no file-only right",
      (st.fs_rights_base & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK)) == 0);
  expect_true("but readdir and path_open",
              (st.fs_rights_base & (__WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN)) ==
                  (__WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN));
  expect_errno("open './' O_DIRECTORY",
               __wasi_path_open(kDir, 0, "./", __WASI_OFLAGS_DIRECTORY, wanted, 0, 0, &inner),
               __WASI_ERRNO_SUCCESS);
  expect_errno("open '..' O_DIRECTORY",
               __wasi_path_open(kDir, 0, "..", __WASI_OFLAGS_DIRECTORY, wanted, 0, 0, &inner),
               __WASI_ERRNO_NOTCAPABLE);
}

static void make_file(const char* name) {
  __wasi_fd_t fd = 0;
  __wasi_errno_t e = __wasi_path_open(kDir, 0, name, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd);
  if (e == 0) (void)__wasi_fd_close(fd);
}

static void check_slashes(void) {
  // A symlink's name ending in '/' names a directory, which a new symlink can never be.
  expect_errno("symlink to 'target/' (dangling)", __wasi_path_symlink("source", kDir, "target/"),
               __WASI_ERRNO_NOENT);
  expect_errno("symlink to 'target'", __wasi_path_symlink("source", kDir, "target"), __WASI_ERRNO_SUCCESS);
  expect_errno("unlink it", __wasi_path_unlink_file(kDir, "target"), __WASI_ERRNO_SUCCESS);
  expect_errno("mkdir target", __wasi_path_create_directory(kDir, "target"), __WASI_ERRNO_SUCCESS);
  expect_errno("symlink to existing dir 'target/'", __wasi_path_symlink("source", kDir, "target/"),
               __WASI_ERRNO_EXIST);
  expect_errno("symlink to existing dir 'target'", __wasi_path_symlink("source", kDir, "target"),
               __WASI_ERRNO_EXIST);
  expect_errno("rmdir target", __wasi_path_remove_directory(kDir, "target"), __WASI_ERRNO_SUCCESS);
  make_file("file");
  expect_errno("symlink to existing file 'file/'", __wasi_path_symlink("source", kDir, "file/"),
               __WASI_ERRNO_EXIST);

  expect_errno("link to 'link/'", __wasi_path_link(kDir, 0, "file", kDir, "link/"), __WASI_ERRNO_NOENT);
  expect_errno("link from 'file/'", __wasi_path_link(kDir, 0, "file/", kDir, "link"), __WASI_ERRNO_NOTDIR);
  expect_errno("link to 'link'", __wasi_path_link(kDir, 0, "file", kDir, "link"), __WASI_ERRNO_SUCCESS);
  expect_errno("link to existing 'link/'", __wasi_path_link(kDir, 0, "file", kDir, "link/"),
               __WASI_ERRNO_EXIST);
  expect_errno("mkdir subdir", __wasi_path_create_directory(kDir, "subdir"), __WASI_ERRNO_SUCCESS);
  expect_errno("link to existing dir 'subdir/'", __wasi_path_link(kDir, 0, "file", kDir, "subdir/"),
               __WASI_ERRNO_EXIST);
  (void)__wasi_path_unlink_file(kDir, "link");
  (void)__wasi_path_unlink_file(kDir, "file");
  (void)__wasi_path_remove_directory(kDir, "subdir");
}

static void check_readonly(void) {
  __wasi_fd_t fd = 0;
  expect_errno("read kept.txt", __wasi_path_open(kDir, 0, "kept.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd),
               __WASI_ERRNO_SUCCESS);
  char buf[16] = {0};
  __wasi_iovec_t iov = {(uint8_t*)buf, sizeof buf};
  __wasi_size_t n = 0;
  expect_errno("fd_read", __wasi_fd_read(fd, &iov, 1, &n), __WASI_ERRNO_SUCCESS);
  expect_true("contents", n == 4 && memcmp(buf, "kept", 4) == 0);
  __wasi_ciovec_t out = {(const uint8_t*)"x", 1};
  expect_errno("fd_write on the read fd", __wasi_fd_write(fd, &out, 1, &n), __WASI_ERRNO_NOTCAPABLE);
  expect_errno("open kept.txt for writing",
               __wasi_path_open(kDir, 0, "kept.txt", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd),
               __WASI_ERRNO_NOTCAPABLE);
  expect_errno("create new.txt",
               __wasi_path_open(kDir, 0, "new.txt", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd),
               __WASI_ERRNO_NOTCAPABLE);
  expect_errno("truncate kept.txt", __wasi_path_open(kDir, 0, "kept.txt", __WASI_OFLAGS_TRUNC, 0, 0, 0, &fd),
               __WASI_ERRNO_NOTCAPABLE);
  expect_errno("mkdir", __wasi_path_create_directory(kDir, "d"), __WASI_ERRNO_NOTCAPABLE);
  expect_errno("unlink kept.txt", __wasi_path_unlink_file(kDir, "kept.txt"), __WASI_ERRNO_NOTCAPABLE);
  expect_errno("rename kept.txt", __wasi_path_rename(kDir, "kept.txt", kDir, "moved.txt"),
               __WASI_ERRNO_NOTCAPABLE);
  expect_errno("symlink", __wasi_path_symlink("kept.txt", kDir, "s"), __WASI_ERRNO_NOTCAPABLE);
}

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  if (strcmp(argv[1], "preopen") == 0)
    check_preopen();
  else if (strcmp(argv[1], "slashes") == 0)
    check_slashes();
  else if (strcmp(argv[1], "readonly") == 0)
    check_readonly();
  else
    return 2;
  return failures ? 1 : 0;
}
