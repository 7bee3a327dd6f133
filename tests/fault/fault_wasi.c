// Allocation sweep: a WASI command that touches arguments, environment, stdio and a preopened
// directory (path resolution, the fd table, directory listing), so every WASI allocation is reached.
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  const char* who = getenv("WHO");
  printf("args %d, who %s\n", argc, who ? who : "?");
  FILE* f = fopen("/work/sub/../note.txt", "w");
  if (!f) return 2;
  fprintf(f, "%s\n", argc > 1 ? argv[1] : "none");
  fclose(f);
  f = fopen("/work/note.txt", "r");
  if (!f) return 3;
  char line[64] = {0};
  if (!fgets(line, sizeof line, f)) return 4;
  fclose(f);
  DIR* d = opendir("/work");
  if (!d) return 5;
  int entries = 0;
  while (readdir(d)) ++entries;
  closedir(d);
  printf("read %s entries %d\n", line, entries);
  return strcmp(line, "sweep\n") == 0 ? 0 : 6;
}
