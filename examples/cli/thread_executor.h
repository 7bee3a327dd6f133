// The CLI's ember::Executor: runs Module::load's jobs (validation of a large module's function
// bodies) on a few threads of its own.
#pragma once

#include "ember/config.h"

namespace ember_cli {

// An executor on up to `threads` threads (the loading thread included); 0 = one per hardware
// thread (at most 8); 1 = inline, the same as no executor. None in a build without jobs (EMBER_JOBS 0).
ember::Executor thread_executor(unsigned threads);

}  // namespace ember_cli
