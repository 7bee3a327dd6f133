#include "file_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define EMBER_CLI_HAS_MMAP 1
#endif

namespace ember_cli {

bool read_file(const std::string& path, std::vector<uint8_t>* out, std::string* error) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *error = std::strerror(errno);
    return false;
  }
  out->clear();
  // Size the buffer once where the file has a size (growing it chunk by chunk copied a large
  // module several times over).
  if (std::fseek(f, 0, SEEK_END) == 0) {
    long end = std::ftell(f);
    if (end > 0) out->reserve(std::size_t(end));
    std::rewind(f);
  }
  uint8_t chunk[1 << 16];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) out->insert(out->end(), chunk, chunk + n);
  bool failed = std::ferror(f) != 0;
  int saved = errno;
  std::fclose(f);
  if (failed) {
    *error = std::strerror(saved);
    return false;
  }
  return true;
}

FileBytes::~FileBytes() {
#ifdef EMBER_CLI_HAS_MMAP
  if (map_) munmap(map_, map_size_);
#endif
}

bool FileBytes::open(const std::string& path, std::string* error) {
#ifdef EMBER_CLI_HAS_MMAP
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::strerror(errno);
    return false;
  }
  struct stat st {};
  // Only regular, non-empty files map; a pipe or /dev/stdin is read instead.
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE;  // the loader reads every byte: fault the pages in one go
#endif
    void* p = mmap(nullptr, std::size_t(st.st_size), PROT_READ, flags, fd, 0);
    if (p != MAP_FAILED) {
      map_ = p;
      map_size_ = std::size_t(st.st_size);
      ::close(fd);
      return true;
    }
  }
  ::close(fd);
#endif
  return read_file(path, &copy_, error);
}

}  // namespace ember_cli
