// Ember: what the C API implementation (src/api/c_api.cpp) lends to other C API layers of the
// project, such as the WASI one (wasi/c_api.cpp): the C++ objects behind the C handles and the
// conversion of errors. Not part of the public API.
#pragma once

#include "ember.h"
#include "ember/ember.h"

namespace ember::capi {

// The C++ objects behind C handles; nullptr for a null handle.
Store* store_of(ember_store* store) noexcept;
Linker* linker_of(ember_linker* linker) noexcept;

// Error conversions.
ember_error to_c_error(const Error& error) noexcept;
ember_error ok() noexcept;
ember_error bad_argument(const char* message) noexcept;
ember_error out_of_memory() noexcept;

}  // namespace ember::capi
