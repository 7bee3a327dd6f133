// ember: the command line front end of the Ember WebAssembly interpreter.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "commands.h"
#include "ember/ember.h"

namespace {

const char kHelp[] =
    "Usage:\n"
    "  ember run [OPTIONS] FILE.wasm [ARGS...]   run a WASI command (its _start export)\n"
    "  ember validate FILE.wasm                  decode and validate, print the first error\n"
    "  ember inspect FILE.wasm                   sections, imports and exports with their types\n"
    "  ember wat2wasm [--no-names] FILE.wat -o FILE.wasm\n"
    "                                            convert the text format to a binary module\n"
    "                                            (with a name section unless --no-names)\n"
    "  ember --help | --version\n"
    "\n"
    "FILE may be a binary module or a text (.wat) one: a file that does not start with \\0asm is\n"
    "read as text.\n"
    "\n"
    "Options of `run` (a value may follow a space or '='):\n"
    "  --dir HOST[::GUEST]   grant the host directory HOST, seen by the guest as GUEST\n"
    "                        (default: the same path); may be repeated\n"
    "  --env NAME=VALUE      set a guest environment variable; a bare NAME passes the host's\n"
    "                        value. Nothing else is inherited from the host. May be repeated\n"
    "  --invoke FUNC         call the export FUNC instead of _start; the ARGS after FILE are\n"
    "                        its arguments, parsed by its parameter types; results are printed\n"
    "  --max-memory BYTES    cap every linear memory (K, M, G suffixes; rounded down to 64 KiB;\n"
    "                        default 1G, at most the spec's 4G)\n"
    "  --stack BYTES         size of the wasm value stack (default 1M)\n"
    "  --fuel N              stop after N units of work (a trap): loop iterations, calls,\n"
    "                        256-byte blocks of bulk memory operations; 0 = unlimited\n"
    "  --timeout DURATION    stop the guest after DURATION (500ms, 10s, 2m, 1h; plain: seconds),\n"
    "                        also while it sleeps in WASI\n"
    "\n"
    "The guest gets only what is granted above: stdin, stdout and stderr, ARGS as argv[1..]\n"
    "(argv[0] is FILE), and the --dir directories, beneath which it cannot escape.\n"
    "\n"
    "Exit status:\n"
    "  the guest's proc_exit code (0 when _start returns; 1 if it is outside 0..255)\n"
    "  1    usage error, unreadable, malformed or invalid module, link error\n"
    "  134  the guest trapped (128 + SIGABRT); the trap and a backtrace go to stderr\n";

}  // namespace

int main(int argc, char** argv) {
#ifdef SIGPIPE
  // A guest writing to a closed pipe should get EPIPE from fd_write, not kill the whole process.
  std::signal(SIGPIPE, SIG_IGN);
#endif
  if (argc < 2) {
    std::fputs(kHelp, stderr);
    return ember_cli::kFailureExitStatus;
  }
  std::string command = argv[1];
  std::vector<std::string> rest(argv + 2, argv + argc);
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (command == "--version" || command == "-V") {
    std::printf("ember %s\n", ember::version());
    return 0;
  }
  if (command == "run") return ember_cli::run_command(rest);
  if (command == "validate") return ember_cli::validate_command(rest);
  if (command == "inspect") return ember_cli::inspect_command(rest);
  if (command == "wat2wasm") return ember_cli::wat2wasm_command(rest);
  std::fprintf(stderr, "ember: unknown command '%s' (see ember --help)\n", command.c_str());
  return ember_cli::kFailureExitStatus;
}
