// Reading a module from disk (the core library does no file I/O of its own).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ember_cli {

// Reads the whole file; on failure returns false and sets `error` to a readable reason.
bool read_file(const std::string& path, std::vector<uint8_t>* out, std::string* error);

// A file's bytes, mapped read-only where the host can map files (so a large module costs neither
// a copy nor anonymous memory: its pages are the page cache's), else read into memory.
class FileBytes {
 public:
  FileBytes() = default;
  ~FileBytes();
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;

  bool open(const std::string& path, std::string* error);
  const uint8_t* data() const { return map_ ? static_cast<const uint8_t*>(map_) : copy_.data(); }
  std::size_t size() const { return map_ ? map_size_ : copy_.size(); }

 private:
  void* map_ = nullptr;
  std::size_t map_size_ = 0;
  std::vector<uint8_t> copy_;
};

}  // namespace ember_cli
