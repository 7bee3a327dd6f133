// ember: the command line front end of the Ember WebAssembly interpreter.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "commands.h"
#include "ember/ember.h"

namespace {

bool is_help(const std::string& word) { return word == "--help" || word == "-h"; }

}  // namespace

int main(int argc, char** argv) {
#ifdef SIGPIPE
  // A guest writing to a closed pipe should get EPIPE from fd_write, not kill the whole process.
  std::signal(SIGPIPE, SIG_IGN);
#endif
  if (argc < 2) {
    std::fputs(ember_cli::main_help_text(), stderr);
    return ember_cli::kFailureExitStatus;
  }
  std::string command = argv[1];
  std::vector<std::string> rest(argv + 2, argv + argc);
  if (is_help(command) || command == "help") {
    const char* text = rest.empty() ? nullptr : ember_cli::command_help_text(rest[0]);
    std::fputs(text ? text : ember_cli::main_help_text(), stdout);
    return 0;
  }
  if (command == "--version" || command == "-V") {
    std::printf("ember %s\n", ember::version());
    return 0;
  }
  // `ember validate --help` and the like; `run` reads its own options (a --help after FILE is the guest's).
  if (command != "run" && !rest.empty() && is_help(rest[0]) && ember_cli::command_help_text(command)) {
    std::fputs(ember_cli::command_help_text(command), stdout);
    return 0;
  }
  if (command == "run") return ember_cli::run_command(rest);
  if (command == "validate") return ember_cli::validate_command(rest);
  if (command == "inspect") return ember_cli::inspect_command(rest);
  if (command == "wat2wasm") return ember_cli::wat2wasm_command(rest);
  // Anything else is `run` left out, as in other runtimes: `ember FILE.wasm ARGS` or
  // `ember --dir . FILE.wasm`.
  return ember_cli::run_command(std::vector<std::string>(argv + 1, argv + argc));
}
