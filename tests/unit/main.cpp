// Catch2 entry point for the unit and text tests where no prebuilt Catch2 main exists
// (cmake/EmberCatch2Main.cmake).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
