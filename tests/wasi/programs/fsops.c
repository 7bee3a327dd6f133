/* Exercises the file-system and misc calls through wasi-libc inside a scratch directory that the
 * test preopens as "/": create, write, seek, pread/pwrite, truncate, allocate, times, rename, hard
 * and symbolic links, directories, readdir cookies, fd renumbering, poll_oneoff with a clock and a
 * file, clocks and random_get. Prints "ok NAME" per check; exit status 1 if any failed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

static int failures = 0;

#define CHECK(name, cond)                                               \
  do {                                                                  \
    if (cond) {                                                         \
      printf("ok %s\n", name);                                          \
    } else {                                                            \
      printf("FAIL %s (errno %d: %s)\n", name, errno, strerror(errno)); \
      failures++;                                                       \
    }                                                                   \
  } while (0)

static void files(void) {
  int fd = open("data.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK("create", fd >= 0);
  CHECK("write", write(fd, "hello world", 11) == 11);
  CHECK("seek to start", lseek(fd, 0, SEEK_SET) == 0);
  char buf[32] = {0};
  CHECK("read back", read(fd, buf, sizeof buf) == 11 && memcmp(buf, "hello world", 11) == 0);
  CHECK("pwrite", pwrite(fd, "W", 1, 6) == 1);
  CHECK("pwrite keeps the offset", lseek(fd, 0, SEEK_CUR) == 11);
  memset(buf, 0, sizeof buf);
  CHECK("pread", pread(fd, buf, 5, 6) == 5 && memcmp(buf, "World", 5) == 0);
  CHECK("seek from end", lseek(fd, -5, SEEK_END) == 6);
  CHECK("ftruncate", ftruncate(fd, 5) == 0);
  struct stat st;
  CHECK("fstat size", fstat(fd, &st) == 0 && st.st_size == 5 && S_ISREG(st.st_mode));
  CHECK("posix_fallocate", posix_fallocate(fd, 0, 100) == 0 && fstat(fd, &st) == 0 && st.st_size == 100);
  CHECK("fsync", fsync(fd) == 0);
  CHECK("fdatasync", fdatasync(fd) == 0);
  CHECK("posix_fadvise", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL) == 0);
  struct timespec times[2] = {{1000, 0}, {2000, 500}};
  CHECK("futimens", futimens(fd, times) == 0 && fstat(fd, &st) == 0 && st.st_mtim.tv_sec == 2000);
  int flags = fcntl(fd, F_GETFL);
  CHECK("fcntl getfl", flags >= 0 && (flags & O_ACCMODE) == O_RDWR);
  CHECK("fcntl set append", fcntl(fd, F_SETFL, flags | O_APPEND) == 0 && (fcntl(fd, F_GETFL) & O_APPEND));
  CHECK("close", close(fd) == 0);
  CHECK("close twice fails", close(fd) == -1 && errno == EBADF);

  CHECK("O_EXCL on an existing file",
        open("data.txt", O_CREAT | O_EXCL | O_WRONLY, 0644) == -1 && errno == EEXIST);
  CHECK("missing file", open("missing.txt", O_RDONLY) == -1 && errno == ENOENT);
  CHECK("stat", stat("data.txt", &st) == 0 && st.st_size == 100 && st.st_nlink == 1);
  struct timespec ts2[2] = {{3000, 0}, {4000, 0}};
  CHECK("utimensat", utimensat(AT_FDCWD, "data.txt", ts2, 0) == 0 && stat("data.txt", &st) == 0 &&
                         st.st_mtim.tv_sec == 4000 && st.st_atim.tv_sec == 3000);
  CHECK("rename", rename("data.txt", "renamed.txt") == 0 && access("data.txt", F_OK) != 0);
  CHECK("hard link", link("renamed.txt", "hard.txt") == 0 && stat("hard.txt", &st) == 0 && st.st_nlink == 2);
  CHECK("symlink", symlink("renamed.txt", "soft.txt") == 0);
  char target[64] = {0};
  CHECK("readlink", readlink("soft.txt", target, sizeof target) == 11 && strcmp(target, "renamed.txt") == 0);
  CHECK("lstat symlink", lstat("soft.txt", &st) == 0 && S_ISLNK(st.st_mode));
  CHECK("stat follows symlink", stat("soft.txt", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 100);
  CHECK("unlink", unlink("hard.txt") == 0 && unlink("soft.txt") == 0 && unlink("renamed.txt") == 0);
  CHECK("unlink missing", unlink("renamed.txt") == -1 && errno == ENOENT);
}

static void directories(void) {
  CHECK("mkdir", mkdir("dir", 0755) == 0);
  CHECK("mkdir existing", mkdir("dir", 0755) == -1 && errno == EEXIST);
  CHECK("mkdir nested", mkdir("dir/inner", 0755) == 0);
  for (int i = 0; i < 40; ++i) {
    char name[64];
    snprintf(name, sizeof name, "dir/file-with-a-longish-name-%02d", i);
    int fd = open(name, O_CREAT | O_WRONLY, 0644);
    if (fd >= 0) close(fd);
  }
  /* 40 files + inner + . + .. : enough to need several fd_readdir calls with a small buffer. */
  DIR* d = opendir("dir");
  CHECK("opendir", d != NULL);
  int count = 0;
  long cookie_at_10 = -1;
  struct dirent* ent;
  while (d && (ent = readdir(d)) != NULL) {
    if (++count == 10) cookie_at_10 = telldir(d);
  }
  CHECK("readdir count", count == 43);
  if (d && cookie_at_10 >= 0) {
    seekdir(d, cookie_at_10);
    int rest = 0;
    while (readdir(d) != NULL) rest++;
    CHECK("seekdir resumes", rest == 33);
    rewinddir(d);
    int again = 0;
    while (readdir(d) != NULL) again++;
    CHECK("rewinddir", again == 43);
  }
  if (d) closedir(d);
  CHECK("rmdir non-empty", rmdir("dir") == -1 && errno == ENOTEMPTY);
  CHECK("unlink a directory", unlink("dir/inner") == -1 && (errno == EISDIR || errno == EPERM));
  CHECK("rmdir", rmdir("dir/inner") == 0);
  for (int i = 0; i < 40; ++i) {
    char name[64];
    snprintf(name, sizeof name, "dir/file-with-a-longish-name-%02d", i);
    unlink(name);
  }
  CHECK("rmdir emptied", rmdir("dir") == 0);
  CHECK("chdir-free relative path", access("dir", F_OK) != 0);
}

static void descriptors(void) {
  int a = open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  int b = open("b.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK("two files", a >= 0 && b >= 0);
  CHECK("write a", write(a, "AAAA", 4) == 4);
  CHECK("renumber", __wasi_fd_renumber((__wasi_fd_t)a, (__wasi_fd_t)b) == 0);
  char buf[8] = {0};
  CHECK("renumbered fd reads a",
        lseek(b, 0, SEEK_SET) == 0 && read(b, buf, 4) == 4 && memcmp(buf, "AAAA", 4) == 0);
  CHECK("old fd closed", close(a) == -1 && errno == EBADF);
  close(b);
  unlink("a.txt");
  unlink("b.txt");

  __wasi_fdstat_t fdstat;
  CHECK("fdstat of the preopen",
        __wasi_fd_fdstat_get(3, &fdstat) == 0 && fdstat.fs_filetype == __WASI_FILETYPE_DIRECTORY);
  __wasi_prestat_t pre;
  char name[8] = {0};
  CHECK("prestat", __wasi_fd_prestat_get(3, &pre) == 0 && pre.u.dir.pr_name_len == 1 &&
                       __wasi_fd_prestat_dir_name(3, (uint8_t*)name, 1) == 0 && name[0] == '/');
}

static void clocks_and_poll(void) {
  struct timespec t0, t1, res;
  CHECK("clock_getres", clock_getres(CLOCK_MONOTONIC, &res) == 0 && (res.tv_sec > 0 || res.tv_nsec > 0));
  CHECK("realtime is after 2020", clock_gettime(CLOCK_REALTIME, &t0) == 0 && t0.tv_sec > 1577836800);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  struct timespec nap = {0, 20 * 1000 * 1000};
  CHECK("nanosleep", nanosleep(&nap, NULL) == 0);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long elapsed = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  CHECK("slept at least 20 ms", elapsed >= 20 * 1000 * 1000);

  int fd = open("poll.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  write(fd, "abc", 3);
  lseek(fd, 0, SEEK_SET);
  struct pollfd p = {fd, POLLIN, 0};
  CHECK("poll a file", poll(&p, 1, 1000) == 1 && (p.revents & POLLIN));
  p.events = POLLOUT;
  CHECK("poll a file for write", poll(&p, 1, 0) == 1 && (p.revents & POLLOUT));
  close(fd);
  unlink("poll.txt");

  /* Two clocks: the nearer one fires, the later one does not. */
  __wasi_subscription_t subs[2];
  memset(subs, 0, sizeof subs);
  subs[0].userdata = 1;
  subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  subs[0].u.u.clock.timeout = 5 * 1000 * 1000;
  subs[1] = subs[0];
  subs[1].userdata = 2;
  subs[1].u.u.clock.timeout = 10ull * 1000 * 1000 * 1000;
  __wasi_event_t events[2];
  __wasi_size_t n = 0;
  CHECK("poll_oneoff clocks", __wasi_poll_oneoff(subs, events, 2, &n) == 0 && n == 1 &&
                                  events[0].userdata == 1 && events[0].type == __WASI_EVENTTYPE_CLOCK &&
                                  events[0].error == 0);
  /* An absolute deadline in the past fires at once. */
  subs[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
  subs[0].u.u.clock.timeout = 1;
  CHECK("poll_oneoff past deadline", __wasi_poll_oneoff(subs, events, 1, &n) == 0 && n == 1);
  /* A subscription on a closed fd reports EBADF as an event. */
  subs[1].u.tag = __WASI_EVENTTYPE_FD_READ;
  subs[1].u.u.fd_read.file_descriptor = 77;
  CHECK("poll_oneoff bad fd", __wasi_poll_oneoff(&subs[1], events, 1, &n) == 0 && n == 1 &&
                                  events[0].error == __WASI_ERRNO_BADF && events[0].userdata == 2);

  unsigned char r1[32] = {0}, r2[32] = {0};
  CHECK("random_get", __wasi_random_get(r1, sizeof r1) == 0 && __wasi_random_get(r2, sizeof r2) == 0 &&
                          memcmp(r1, r2, sizeof r1) != 0);
  CHECK("sched_yield", __wasi_sched_yield() == 0);
}

int main(void) {
  files();
  directories();
  descriptors();
  clocks_and_poll();
  printf("%d failed\n", failures);
  return failures ? 1 : 0;
}
