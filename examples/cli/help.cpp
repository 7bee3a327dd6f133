// The help texts: `ember --help` and each command's `--help`.
#include <cstring>

#include "commands.h"

namespace ember_cli {
namespace {

const char kMainHelp[] =
    "Usage:\n"
    "  ember [run] [OPTIONS] FILE.wasm [ARGS...]  run a WASI command (its _start export);\n"
    "                                             `run` may be left out\n"
    "  ember validate FILE.wasm                   decode and validate, print the first error\n"
    "  ember inspect FILE.wasm                    sections, imports and exports with their types\n"
    "  ember inspect --ir FILE.wasm [FUNC]        the compiled threaded code of every function, or\n"
    "                                             of FUNC (an index, export or function name)\n"
    "  ember wat2wasm [--no-names] FILE.wat -o FILE.wasm\n"
    "                                             convert the text format to a binary module\n"
    "  ember --help | --version\n"
    "  ember COMMAND --help                       the options of one command\n"
    "\n"
    "FILE may be a binary module or a text (.wat) one: a file that does not start with \\0asm is\n"
    "read as text.\n";

const char kRunHelp[] =
    "Usage: ember [run] [OPTIONS] FILE.wasm [ARGS...]\n"
    "\n"
    "Runs a WASI command: its _start export, or the export named by --invoke. Options come before\n"
    "FILE; every word after FILE is the guest's (so is everything after `--`).\n"
    "\n"
    "Options (a value may follow a space or '='):\n"
    "  --dir HOST[::GUEST]     grant the host directory HOST, seen by the guest as GUEST\n"
    "                          (default: the same path); may be repeated\n"
    "  --dir-ro HOST[::GUEST]  the same, read-only: nothing in it can be created, written,\n"
    "                          renamed or removed (ENOTCAPABLE)\n"
    "  --env NAME=VALUE        set a guest environment variable; a bare NAME passes the host's\n"
    "                          value. May be repeated\n"
    "  --inherit-env           pass the host's whole environment (--env still adds or replaces)\n"
    "  --argv0 NAME            the guest's argv[0] (default: FILE), for multi-call programs\n"
    "  --invoke FUNC           call the export FUNC instead of _start; the ARGS after FILE are\n"
    "                          its arguments, parsed by its parameter types; results are printed\n"
    "  --trap-unknown-imports  define each function import the host lacks as a function that\n"
    "                          traps with its name when called (instead of failing to link)\n"
    "  --compile lazy|eager    compile each function on its first call (lazy, the default: a\n"
    "                          large program starts at once) or all of them at load\n"
    "  --load-threads N        threads that validate a large module's code at load (default\n"
    "                          0: one per core, at most 8; 1: the loading thread alone)\n"
    "  --max-memory BYTES      cap every linear memory (K, M, G suffixes; rounded down to 64 KiB;\n"
    "                          default 1G, at most the spec's 4G)\n"
    "  --stack BYTES           size of the wasm value stack (default 1M)\n"
    "  --fuel N                stop after N units of work (a trap): loop iterations, calls,\n"
    "                          256-byte blocks of bulk memory operations; 0 = unlimited\n"
    "  --timeout DURATION      stop the guest after DURATION (500ms, 10s, 2m, 1h; plain: seconds),\n"
    "                          also while it sleeps in WASI\n"
    "  --stats                 print load, instantiate and run time, fuel used, module size and\n"
    "                          peak memory to stderr at the end (counts fuel: runs a little slower)\n"
    "  --help                  this text\n"
    "\n"
    "The guest gets only what is granted above: stdin, stdout and stderr, ARGS as argv[1..], the\n"
    "environment given, and the --dir directories, beneath which it cannot escape. Imports from\n"
    "wasi_snapshot_preview1 and from the older wasi_unstable are both provided.\n"
    "\n"
    "Exit status:\n"
    "  the guest's proc_exit code (0 when _start returns; 1 if it is outside 0..255)\n"
    "  1    usage error, unreadable, malformed or invalid module, link error\n"
    "  134  the guest trapped (128 + SIGABRT); the trap and a backtrace go to stderr\n";

const char kValidateHelp[] =
    "Usage: ember validate FILE.wasm\n"
    "\n"
    "Decodes and validates the module; prints 'FILE: valid', or the first error with its byte\n"
    "offset (exit status 1).\n";

const char kInspectHelp[] =
    "Usage: ember inspect FILE.wasm\n"
    "       ember inspect --ir FILE.wasm [FUNC]\n"
    "\n"
    "Prints the module's sections, its imports and its exports with their types. With --ir, prints\n"
    "the threaded code of every function (or of FUNC: an index, export or function name), one line\n"
    "per instruction with its operands and the wasm offset it came from.\n";

const char kWat2wasmHelp[] =
    "Usage: ember wat2wasm [--no-names] FILE.wat -o FILE.wasm\n"
    "\n"
    "Converts the text format to a binary module, with a name section for the identifiers\n"
    "unless --no-names is given. It does not validate (run `ember validate` on the result).\n";

}  // namespace

const char* main_help_text() { return kMainHelp; }
const char* run_help_text() { return kRunHelp; }

const char* command_help_text(const std::string& command) {
  if (command == "run") return kRunHelp;
  if (command == "validate") return kValidateHelp;
  if (command == "inspect") return kInspectHelp;
  if (command == "wat2wasm") return kWat2wasmHelp;
  return nullptr;
}

}  // namespace ember_cli
