// ember-spec: a spec script as a list of commands, whatever it was read from. The JSON reader
// (wast2json output) and the .wast reader both produce this; the runner executes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ember/types.h"
#include "values.h"

namespace ember_spec {

// Where a module comes from.
struct ModuleSource {
  enum class Kind : uint8_t {
    BinaryFile,  // `path` is a .wasm file (JSON scripts)
    TextFile,    // `path` is a .wat file (JSON scripts: text-format assert_malformed)
    Text,        // `text` is a module in the text format: `(module ...)`, `(module binary ...)`
                 // or `(module quote ...)` (.wast scripts)
  };
  Kind kind = Kind::BinaryFile;
  std::string path;
  std::string text;
  // Text: the module is written as `(module binary ...)`: its bytes go straight to the decoder,
  // so an assert_malformed on it is about the binary format, not the text format.
  bool is_binary = false;
  // Text: where the module starts in its script (error positions are reported from there).
  uint32_t line = 0;
  uint32_t column = 0;
};

// An action: call an export or read an exported global.
struct Action {
  enum class Kind : uint8_t { Invoke, Get };
  Kind kind = Kind::Invoke;
  std::optional<std::string> module;  // "$M"; the current module if absent
  std::string field;
  std::vector<ember::Value> args;
  std::vector<LaneType> arg_lanes;  // per argument, how to print a v128
};

struct Command {
  enum class Type : uint8_t {
    Module,
    ModuleDefinition,  // (module definition $D? ...): loaded and validated, not instantiated
    ModuleInstance,    // (module instance $I? $D?): a fresh instance of a definition
    Register,
    Action,
    AssertReturn,
    AssertTrap,
    AssertExhaustion,
    AssertException,
    AssertInvalid,
    AssertMalformed,
    AssertUnlinkable,
    AssertUninstantiable,
    Unreadable,  // the command could not be read; `error` says why (counted as a failure)
  };
  Type type = Type::Unreadable;
  int64_t line = 0;
  std::string type_name;                  // as written ("assert_return", ...), for messages
  std::optional<std::string> name;        // Module, ModuleDefinition, ModuleInstance: its $name;
                                          // Register: the module registered
  std::optional<std::string> definition;  // ModuleInstance: the definition; the latest if absent
  std::string as;                         // Register: the import name
  ModuleSource module;                    // Module and assert_* on modules
  Action action;                          // Action, AssertReturn, AssertTrap, AssertExhaustion
  std::vector<Expected> expected;         // AssertReturn
  bool has_either = false;                // AssertReturn: `either` alternatives instead of `expected`
  std::vector<Expected> either;
  std::string text;   // the expected failure message
  std::string error;  // Unreadable
};

struct Script {
  std::string dir;  // modules' file paths resolve relative to it
  std::vector<Command> commands;
  // Set if the reader could not read the file to its end (a lexical error in a .wast script): the
  // commands before that point run, and this counts as one failure.
  std::string stopped;
};

}  // namespace ember_spec
