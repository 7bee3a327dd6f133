// Helpers shared by the unit tests.
#pragma once

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

// Reads a fixture compiled from tests/wat/NAME.wat at build time.
inline std::vector<uint8_t> load_test_wasm(const std::string& name) {
  std::ifstream in(std::string(EMBER_TEST_WASM_DIR) + "/" + name + ".wasm", std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
