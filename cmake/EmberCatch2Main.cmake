# Catch2's main (its whole test runner) compiled once, not in every test program and build
# type: Debian's catch2 package ships it prebuilt (Catch2::Catch2WithMain); elsewhere it is built
# once from tests/unit/main.cpp, at -O0, since optimising the runner only costs build time.
# Sets EMBER_CATCH2_MAIN to the target a Catch2 test program links instead of Catch2::Catch2.
if(TARGET Catch2::Catch2WithMain)
  set(EMBER_CATCH2_MAIN Catch2::Catch2WithMain)
elseif(TARGET Catch2::Catch2)
  if(NOT TARGET ember-catch2-main)
    add_library(ember-catch2-main STATIC
                ${PROJECT_SOURCE_DIR}/tests/unit/main.cpp)
    target_link_libraries(ember-catch2-main PUBLIC Catch2::Catch2)
    target_compile_options(ember-catch2-main PRIVATE -O0)
  endif()
  set(EMBER_CATCH2_MAIN ember-catch2-main)
endif()
