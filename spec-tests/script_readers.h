// ember-spec: the two script readers. Both turn a script file into a Script; a command that cannot
// be read becomes an Unreadable command (one failure), so the rest of the script still runs.
#pragma once

#include <string>

#include "script.h"

namespace ember_spec {

// Reads wast2json output (a .json command list; modules in files beside it). False, with `error`
// set, if the file cannot be read or is not a JSON command list.
bool read_json_script(const std::string& path, Script* out, std::string* error);

// Reads a .wast script (the spec suite's own format; modules inline, in the text format or as
// `binary` / `quote` strings). False, with `error` set, if the file cannot be read. A lexical
// error ends the script there: the commands before it are kept and Script::stopped says where.
bool read_wast_script(const std::string& path, Script* out, std::string* error);

}  // namespace ember_spec
