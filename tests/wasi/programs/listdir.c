/* Lists a directory tree beneath a preopened directory, depth first, names sorted:
 *   "d PATH/"            a directory
 *   "f PATH SIZE"        a regular file
 *   "l PATH -> TARGET"   a symbolic link (not followed)
 * Uses opendir/readdir (fd_readdir), fstatat without following links (path_filestat_get) and
 * readlink (path_readlink). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int compare_names(const void* a, const void* b) {
  return strcmp(*(const char* const*)a, *(const char* const*)b);
}

static int list(const char* dir) {
  DIR* d = opendir(dir);
  if (!d) {
    fprintf(stderr, "listdir: %s: %s\n", dir, strerror(errno));
    return 1;
  }
  char** names = NULL;
  size_t count = 0, cap = 0;
  struct dirent* ent;
  while ((ent = readdir(d)) != NULL) {
    if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0) continue;
    if (count == cap) {
      cap = cap ? cap * 2 : 16;
      names = realloc(names, cap * sizeof *names);
    }
    names[count++] = strdup(ent->d_name);
  }
  closedir(d);
  qsort(names, count, sizeof *names, compare_names);

  int status = 0;
  for (size_t i = 0; i < count; ++i) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    struct stat st;
    if (lstat(path, &st) != 0) {
      fprintf(stderr, "listdir: %s: %s\n", path, strerror(errno));
      status = 1;
    } else if (S_ISDIR(st.st_mode)) {
      printf("d %s/\n", path);
      status |= list(path);
    } else if (S_ISLNK(st.st_mode)) {
      char target[1024];
      ssize_t n = readlink(path, target, sizeof target - 1);
      target[n < 0 ? 0 : n] = '\0';
      printf("l %s -> %s\n", path, target);
    } else {
      printf("f %s %lld\n", path, (long long)st.st_size);
    }
    free(names[i]);
  }
  free(names);
  return status;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: listdir DIR\n");
    return 2;
  }
  return list(argv[1]);
}
