#include "ember/ember.h"

// The build passes the CMake project version: project(VERSION ...) is the only place it is written.
#ifndef EMBER_VERSION_STRING
#error "EMBER_VERSION_STRING must be defined by the build (the CMake project version)"
#endif

namespace ember {
const char* version() noexcept { return EMBER_VERSION_STRING; }
}  // namespace ember
