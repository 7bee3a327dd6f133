// Helpers shared by the unit tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "read_file.h"

// Reads a fixture compiled from tests/wat/NAME.wat at build time.
inline std::vector<uint8_t> load_test_wasm(const std::string& name) {
  return ember_test::read_file(std::string(EMBER_TEST_WASM_DIR) + "/" + name + ".wasm");
}
