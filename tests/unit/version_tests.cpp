// ember::version() is the CMake project version; the build passes that version to this test as
// EMBER_EXPECTED_VERSION, so a second hand-written copy cannot drift from it.
#include <catch2/catch.hpp>

#include <string>

#include "ember/ember.h"

#ifndef EMBER_EXPECTED_VERSION
#error "EMBER_EXPECTED_VERSION must be defined by the build (the CMake project version)"
#endif

TEST_CASE("version: ember::version() is the CMake project version", "[api]") {
  REQUIRE(std::string(ember::version()) == EMBER_EXPECTED_VERSION);
}
