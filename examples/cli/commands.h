// The ember CLI's subcommands. Each returns the process exit status.
#pragma once

#include <string>
#include <vector>

namespace ember_cli {

// Exit status for a trap: what a shell reports for a process killed by SIGABRT (128 + 6).
constexpr int kTrapExitStatus = 134;
// Exit status for a usage error, an unreadable / malformed / invalid file, or a link error.
constexpr int kFailureExitStatus = 1;

// Help texts (help.cpp). command_help_text is nullptr for an unknown command.
const char* main_help_text();
const char* run_help_text();
const char* command_help_text(const std::string& command);

int run_command(const std::vector<std::string>& args);
int validate_command(const std::vector<std::string>& args);
int inspect_command(const std::vector<std::string>& args);
int inspect_ir_command(const std::vector<std::string>& args);  // inspect --ir
int wat2wasm_command(const std::vector<std::string>& args);

}  // namespace ember_cli
