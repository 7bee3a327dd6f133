// ember-spec: runs one script (read by json_script.cpp or wast_script.cpp). One Store and one
// Linker per script: every module of a script shares them, so `register`ed instances and the
// spectest host objects are visible to all later modules, and nothing leaks from one script into
// the next. Text modules go through ember_text, then the engine's decoder and validator.
#include "script_runner.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "ember/ember.h"
#include "ember/text.h"
#include "files.h"
#include "script_readers.h"
#include "spectest_host.h"
#include "values.h"

namespace ember_spec {

namespace {

// The verdict on one command.
struct Outcome {
  enum class Kind : uint8_t { Pass, Fail, Skip, Unsupported, Setup };
  Kind kind = Kind::Setup;
  std::string message;  // why it failed, or (for a pass) a remark worth showing with --verbose

  static Outcome pass(std::string note = {}) { return {Kind::Pass, std::move(note)}; }
  static Outcome fail(std::string why) { return {Kind::Fail, std::move(why)}; }
  static Outcome unsupported(std::string why) { return {Kind::Unsupported, std::move(why)}; }
  static Outcome skip() { return {Kind::Skip, {}}; }
  static Outcome setup() { return {Kind::Setup, {}}; }
};

std::string describe(const ember::Error& error) {
  char buf[256];
  return ember::format_error(error, buf, sizeof buf);
}

bool starts_with(std::string_view text, std::string_view prefix) noexcept {
  return text.substr(0, prefix.size()) == prefix;
}

// Export names may hold control characters (names.wast); escape them so a report stays one line.
std::string printable(const std::string& name) {
  std::string out = "\"";
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(char(c));
    }
  }
  return out + "\"";
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

std::string shown_values(const std::vector<ember::Value>& values, const std::vector<Expected>& like) {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < values.size(); ++i) {
    parts.push_back(to_string(values[i], i < like.size() ? like[i].lanes : LaneType::I32));
  }
  return "(" + join(parts, ", ") + ")";
}

std::string shown_expected(const std::vector<Expected>& values) {
  std::vector<std::string> parts;
  for (const Expected& e : values) parts.push_back(e.shown);
  return "(" + join(parts, ", ") + ")";
}

// The outcome of running an action ("invoke" or "get").
struct ActionResult {
  std::string failure;  // the action could not even be attempted (no such module / export, ...)
  ember::Error error;   // what the engine reported; kind Ok when the call returned
  std::vector<ember::Value> results;
  std::string call;  // e.g. "add(i32:1, i32:2)", for messages

  bool unsupported = false;  // `failure` because the module was refused as unsupported
};

// True for a module the text-format parser must reject in an assert_malformed (a `module quote`
// or a .wat file), as opposed to a binary the decoder must reject.
bool is_text_module(const ModuleSource& source) {
  return source.kind == ModuleSource::Kind::TextFile ||
         (source.kind == ModuleSource::Kind::Text && !source.is_binary);
}

class ScriptRunner {
 public:
  ScriptRunner(const RunOptions& options, std::ostream& out)
      : options_(options), out_(out), store_(std::make_unique<ember::Store>()) {}

  void run(const Script& script, FileReport& report) {
    if (const char* missing = define_spectest(*store_, linker_)) {
      // Not fatal: modules that import from spectest will fail to link and say so.
      ++report.failed;
      if (options_.verbose) out_ << "  spectest: could not define spectest export " << missing << "\n";
    }
    for (const Command& command : script.commands) run_one(command, report);
  }

 private:
  // A module the script declared. `instance` is null when it failed to load or instantiate; every
  // command that later targets it then fails with `error`.
  struct ModuleSlot {
    ember::Instance* instance = nullptr;
    int64_t line = 0;
    std::string error;
    bool unsupported = false;  // refused by the engine as unsupported (see Loaded::unsupported)
  };

  // The module's binary, loaded; or why not. `error` is the engine's verdict, `text_error` the
  // text parser's, `failure` the runner's (file missing).
  struct Loaded {
    const ember::Module* module = nullptr;
    ember::Error error;
    bool text_rejected = false;
    std::string text_error;  // "message detail"
    std::string text_where;  // "line L, column C"
    std::string failure;
    bool unsupported = false;  // error is a genuine ErrorKind::Unsupported refusal
  };

  void run_one(const Command& command, FileReport& report) {
    Outcome outcome;
    try {
      outcome = dispatch(command);
    } catch (const ValueError& e) {
      outcome = Outcome::fail(e.what());
    } catch (const std::exception& e) {
      report.runner_bug = true;
      outcome = Outcome::fail(std::string("runner error: ") + e.what());
    }
    switch (outcome.kind) {
      case Outcome::Kind::Pass: ++report.passed; break;
      case Outcome::Kind::Fail: ++report.failed; break;
      case Outcome::Kind::Skip: ++report.skipped; break;
      case Outcome::Kind::Unsupported: ++report.unsupported; break;
      case Outcome::Kind::Setup: break;
    }
    if (options_.verbose && !outcome.message.empty()) {
      const char* tag = outcome.kind == Outcome::Kind::Pass          ? "note: "
                        : outcome.kind == Outcome::Kind::Unsupported ? "unsupported: "
                                                                     : "";
      out_ << "  line " << command.line << ": " << command.type_name << ": " << tag << outcome.message
           << "\n";
    }
  }

  Outcome dispatch(const Command& command) {
    using Type = Command::Type;
    switch (command.type) {
      case Type::Module: return module_command(command);
      case Type::ModuleDefinition: return module_definition_command(command);
      case Type::ModuleInstance: return module_instance_command(command);
      case Type::Register: return register_command(command);
      case Type::Action: return action_command(command);
      case Type::AssertReturn: return assert_return(command);
      case Type::AssertTrap: return expect_trap(command, ember::TrapKind::None);
      case Type::AssertExhaustion: return expect_trap(command, ember::TrapKind::CallStackExhausted);
      case Type::AssertException: return Outcome::fail("unsupported: exception handling");
      case Type::AssertInvalid: return assert_rejected(command, ember::ErrorKind::Invalid, "invalid");
      case Type::AssertMalformed:
        if (is_text_module(command.module)) return assert_text_malformed(command);
        return assert_rejected(command, ember::ErrorKind::Malformed, "malformed");
      case Type::AssertUnlinkable: return assert_unlinkable(command);
      case Type::AssertUninstantiable: return assert_uninstantiable(command);
      case Type::Unreadable:
        if (command.type_name == "module") {
          // Later commands must fail against this module, not run against the previous one.
          ModuleSlot slot;
          slot.line = command.line;
          slot.error = command.error;
          current_ = slot;
        }
        return Outcome::fail(command.error);
    }
    return Outcome::fail("unknown command type");
  }

  // --- modules ---

  // The binary a source denotes: a file's bytes, or text converted by ember_text.
  bool module_bytes(const ModuleSource& source, std::string& bytes, Loaded& loaded) {
    std::string text;
    const std::string* wat = &source.text;
    if (source.kind != ModuleSource::Kind::Text) {
      if (!read_file(source.path, source.kind == ModuleSource::Kind::BinaryFile ? bytes : text)) {
        loaded.failure = "cannot read module file " + source.path;
        return false;
      }
      if (source.kind == ModuleSource::Kind::BinaryFile) return true;
      wat = &text;
    }
    auto converted = ember::text::wat_to_wasm(wat->data(), wat->size());
    if (!converted.ok()) {
      const ember::text::TextError& e = converted.error();
      char buf[256];
      loaded.text_rejected = true;
      loaded.text_error = ember::text::error_text(e, buf, sizeof buf);
      // Positions inside a .wast module count from where the module starts in the script.
      uint32_t line = source.line ? source.line + e.line - 1 : e.line;
      uint32_t column = source.line && e.line == 1 ? source.column + e.column - 1 : e.column;
      loaded.text_where = "line " + std::to_string(line) + ", column " + std::to_string(column);
      return false;
    }
    bytes.assign(converted.value().begin(), converted.value().end());
    return true;
  }

  Loaded load(const ModuleSource& source) {
    Loaded loaded;
    std::string bytes;
    if (!module_bytes(source, bytes, loaded)) return loaded;
    auto result = ember::Module::load(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    if (!result.ok()) {
      loaded.error = result.error();
      if (loaded.error.kind == ember::ErrorKind::Unsupported) {
        // Only SIMD is left out, and the engine names the byte that uses it: the v128 type or the
        // 0xFD prefix. Anything else would be the engine refusing a module it should run.
        uint32_t at = loaded.error.offset;
        uint8_t b = at < bytes.size() ? uint8_t(bytes[at]) : 0;
        if (b == 0x7B || b == 0xFD) {
          loaded.unsupported = true;
        } else {
          loaded.failure = "refused as unsupported, but byte " + std::to_string(at) +
                           " is neither v128 nor a SIMD prefix: " + describe(loaded.error);
        }
      }
      return loaded;
    }
    // Kept until the script ends: instances (even half-built ones from a failed instantiation)
    // refer to their module, and the store that owns them is destroyed first.
    modules_.push_back(std::make_unique<ember::Module>(std::move(result.value())));
    loaded.module = modules_.back().get();
    return loaded;
  }

  // Why a module that had to load did not, or "".
  static std::string load_failure(const Loaded& loaded) {
    if (!loaded.failure.empty()) return loaded.failure;
    if (loaded.text_rejected) return "text format error at " + loaded.text_where + ": " + loaded.text_error;
    if (!loaded.module) return "load failed: " + describe(loaded.error);
    return {};
  }

  Outcome module_command(const Command& command) {
    Definition definition = define(command);
    return instantiate(definition, command);
  }

  // A module loaded (decoded and validated) but not instantiated, or why it did not load.
  struct Definition {
    const ember::Module* module = nullptr;
    std::string error;
    bool unsupported = false;
  };

  Definition define(const Command& command) {
    Loaded loaded = load(command.module);
    Definition definition;
    definition.module = loaded.module;
    definition.error = load_failure(loaded);
    definition.unsupported = loaded.unsupported;
    return definition;
  }

  // (module definition $D? ...): later `module instance` commands instantiate it, each time afresh.
  Outcome module_definition_command(const Command& command) {
    Definition definition = define(command);
    latest_definition_ = definition;
    if (command.name) definitions_[*command.name] = definition;
    if (definition.module) return Outcome::setup();
    return definition.unsupported ? Outcome::unsupported(definition.error) : Outcome::fail(definition.error);
  }

  // (module instance $I? $D?): a new instance of the named definition, or of the latest one.
  Outcome module_instance_command(const Command& command) {
    Definition definition;
    if (command.definition) {
      auto it = definitions_.find(*command.definition);
      definition.error = "unknown module definition " + *command.definition;
      if (it != definitions_.end()) definition = it->second;
    } else if (latest_definition_) {
      definition = *latest_definition_;
    } else {
      definition.error = "no module definition has been declared yet";
    }
    return instantiate(definition, command);
  }

  // Instantiates a definition as the current module (and as command.name, if given).
  Outcome instantiate(const Definition& definition, const Command& command) {
    ModuleSlot slot;
    slot.line = command.line;
    slot.error = definition.error;
    slot.unsupported = definition.unsupported;
    if (slot.error.empty()) {
      auto result = linker_.instantiate(*store_, *definition.module);
      if (result.ok()) {
        slot.instance = result.value();
      } else {
        slot.error = "instantiation failed: " + describe(result.error());
      }
    }
    current_ = slot;
    if (command.name) named_[*command.name] = slot;
    if (slot.instance) return Outcome::setup();
    return slot.unsupported ? Outcome::unsupported(slot.error) : Outcome::fail(slot.error);
  }

  // The module a command addresses: the named one, or the current one. Null with `why` set if none.
  const ModuleSlot* target(const std::optional<std::string>& name, std::string& why) const {
    if (name) {
      auto it = named_.find(*name);
      if (it == named_.end()) {
        why = "unknown module " + *name;
        return nullptr;
      }
      return &it->second;
    }
    if (!current_) {
      why = "no module has been declared yet";
      return nullptr;
    }
    return &*current_;
  }

  // Resolves the target and reports a failed one uniformly; `unsupported` tells whether it is
  // unavailable because the engine refused it as unsupported.
  ember::Instance* target_instance(const std::optional<std::string>& name, std::string& why,
                                   bool* unsupported) const {
    *unsupported = false;
    const ModuleSlot* slot = target(name, why);
    if (!slot) return nullptr;
    if (!slot->instance) {
      why = "module of line " + std::to_string(slot->line) + " is unavailable (" + slot->error + ")";
      *unsupported = slot->unsupported;
      return nullptr;
    }
    return slot->instance;
  }

  Outcome register_command(const Command& command) {
    std::string why;
    bool unsupported;
    ember::Instance* instance = target_instance(command.name, why, &unsupported);
    if (!instance) {
      std::string message = "cannot register " + printable(command.as) + ": " + why;
      return unsupported ? Outcome::unsupported(message) : Outcome::fail(message);
    }
    if (!linker_.define_instance(command.as, *instance)) {
      return Outcome::fail("linker rejected register as " + printable(command.as));
    }
    return Outcome::setup();
  }

  // --- actions ---

  ActionResult run_action(const Action& action) {
    ActionResult r;
    r.call = printable(action.field);
    ember::Instance* instance = target_instance(action.module, r.failure, &r.unsupported);
    if (!instance) return r;

    if (action.kind == Action::Kind::Get) {
      ember::Global* global = instance->global(action.field);
      if (!global) {
        r.failure = "no exported global " + printable(action.field);
        return r;
      }
      r.results.push_back(global->get());
      return r;
    }

    std::vector<std::string> shown;
    for (std::size_t i = 0; i < action.args.size(); ++i) {
      shown.push_back(
          to_string(action.args[i], i < action.arg_lanes.size() ? action.arg_lanes[i] : LaneType::I32));
    }
    r.call += "(" + join(shown, ", ") + ")";
    ember::Function* func = instance->function(action.field);
    if (!func) {
      r.failure = "no exported function " + printable(action.field);
      return r;
    }
    r.results.resize(func->type().result_count);
    r.error = store_->call(func, action.args.data(), action.args.size(), r.results.data(), r.results.size());
    return r;
  }

  // An action that could not be attempted.
  static Outcome not_run(const ActionResult& r) {
    return r.unsupported ? Outcome::unsupported(r.failure) : Outcome::fail(r.failure);
  }

  Outcome action_command(const Command& command) {
    ActionResult r = run_action(command.action);
    if (!r.failure.empty()) return not_run(r);
    if (r.error) return Outcome::fail(r.call + ": " + describe(r.error));
    return Outcome::pass();
  }

  Outcome assert_return(const Command& command) {
    ActionResult r = run_action(command.action);
    if (!r.failure.empty()) return not_run(r);

    if (command.has_either) {
      // Each alternative is one complete (single-value) result; any one of them will do.
      const std::vector<Expected>& options = command.either;
      std::vector<std::string> shown;
      for (const Expected& e : options) shown.push_back(e.shown);
      std::string want = "one of (" + join(shown, " | ") + ")";
      if (r.error) return Outcome::fail(r.call + ": expected " + want + ", got error: " + describe(r.error));
      if (r.results.size() == 1) {
        for (const Expected& e : options) {
          if (matches(e, r.results[0])) return Outcome::pass();
        }
      }
      return Outcome::fail(r.call + ": expected " + want + ", got " + shown_values(r.results, options));
    }

    const std::vector<Expected>& expected = command.expected;
    if (r.error) {
      return Outcome::fail(r.call + ": expected " + shown_expected(expected) +
                           ", got error: " + describe(r.error));
    }
    bool ok = r.results.size() == expected.size();
    for (std::size_t i = 0; ok && i < expected.size(); ++i) ok = matches(expected[i], r.results[i]);
    if (ok) return Outcome::pass();
    return Outcome::fail(r.call + ": expected " + shown_expected(expected) + ", got " +
                         shown_values(r.results, expected));
  }

  // Shared by assert_trap and assert_exhaustion: the action must stop with a trap.
  Outcome expect_trap(const Command& command, ember::TrapKind required) {
    const std::string& text = command.text;
    ActionResult r = run_action(command.action);
    if (!r.failure.empty()) return not_run(r);
    if (!r.error) {
      return Outcome::fail(r.call + ": expected trap \"" + text + "\", got " + shown_values(r.results, {}));
    }
    if (r.error.kind != ember::ErrorKind::Trap ||
        (required != ember::TrapKind::None && r.error.trap != required)) {
      return Outcome::fail(r.call + ": expected trap \"" + text + "\", got error: " + describe(r.error));
    }
    // Matching the text is optional in the suite; a different message only earns a remark.
    if (!starts_with(r.error.message, text)) {
      return Outcome::pass(r.call + ": trapped with \"" + r.error.message + "\", expected \"" + text + "\"");
    }
    return Outcome::pass();
  }

  // --- modules that must be rejected ---

  // assert_invalid / assert_malformed (binary): loading must fail. The phase that rejects it is
  // only remarked on: an engine may legitimately catch some errors one phase early or late.
  Outcome assert_rejected(const Command& command, ember::ErrorKind expected_kind, const char* kind_name) {
    const std::string& text = command.text;
    Loaded loaded = load(command.module);
    if (!loaded.failure.empty()) return Outcome::fail(loaded.failure);
    if (loaded.text_rejected) {
      return Outcome::fail(std::string("expected ") + kind_name + " \"" + text +
                           "\", but the text does not parse (" + loaded.text_where + ": " +
                           loaded.text_error + ")");
    }
    if (loaded.module)
      return Outcome::fail(std::string("module loaded, expected ") + kind_name + " \"" + text + "\"");
    // Refused for its SIMD: whether it is also what the script expects cannot be told.
    if (loaded.unsupported) {
      return Outcome::unsupported(std::string("expected ") + kind_name + " \"" + text + "\", refused as " +
                                  describe(loaded.error));
    }
    // A host limit (Config) is not the spec's verdict: the module may well be valid.
    if (loaded.error.kind == ember::ErrorKind::Limit) {
      return Outcome::fail(std::string("expected ") + kind_name + " \"" + text +
                           "\", only a host limit refused it: " + describe(loaded.error));
    }
    if (loaded.error.kind != expected_kind) {
      return Outcome::pass(std::string("expected ") + kind_name + " \"" + text + "\", rejected as " +
                           describe(loaded.error));
    }
    return Outcome::pass();
  }

  // assert_malformed on a text module: the text-format parser itself must reject it, with a
  // message that starts with the script's (the reference interpreter checks it so; unlike trap
  // messages, the wording is ours to get right).
  Outcome assert_text_malformed(const Command& command) {
    const std::string& text = command.text;
    Loaded loaded = load(command.module);
    if (!loaded.failure.empty()) return Outcome::fail(loaded.failure);
    if (!loaded.text_rejected) {
      if (loaded.module) return Outcome::fail("text parsed and loaded, expected malformed \"" + text + "\"");
      return Outcome::fail("text parsed (the binary was then rejected as " + describe(loaded.error) +
                           "), expected malformed text \"" + text + "\"");
    }
    if (!starts_with(loaded.text_error, text)) {
      return Outcome::fail("rejected with \"" + loaded.text_error + "\" at " + loaded.text_where +
                           ", expected \"" + text + "\"");
    }
    return Outcome::pass();
  }

  Outcome assert_unlinkable(const Command& command) {
    const std::string& text = command.text;
    Loaded loaded = load(command.module);
    std::string why = load_failure(loaded);
    if (!why.empty()) {
      std::string message = "expected unlinkable \"" + text + "\", " + why;
      return loaded.unsupported ? Outcome::unsupported(message) : Outcome::fail(message);
    }
    auto result = linker_.instantiate(*store_, *loaded.module);
    if (result.ok()) return Outcome::fail("module instantiated, expected unlinkable \"" + text + "\"");
    if (result.error().kind != ember::ErrorKind::Unlinkable) {
      return Outcome::fail("expected unlinkable \"" + text + "\", got error: " + describe(result.error()));
    }
    return Outcome::pass();
  }

  Outcome assert_uninstantiable(const Command& command) {
    const std::string& text = command.text;
    Loaded loaded = load(command.module);
    std::string why = load_failure(loaded);
    if (!why.empty()) {
      std::string message = "expected trap \"" + text + "\", " + why;
      return loaded.unsupported ? Outcome::unsupported(message) : Outcome::fail(message);
    }
    auto result = linker_.instantiate(*store_, *loaded.module);
    if (result.ok()) return Outcome::fail("module instantiated, expected trap \"" + text + "\"");
    if (result.error().kind != ember::ErrorKind::Trap) {
      return Outcome::fail("expected trap \"" + text + "\", got error: " + describe(result.error()));
    }
    if (!starts_with(result.error().message, text)) {
      return Outcome::pass(std::string("trapped with \"") + result.error().message + "\", expected \"" +
                           text + "\"");
    }
    return Outcome::pass();
  }

  RunOptions options_;
  std::ostream& out_;
  // Declared before the store so they are destroyed after it (members die in reverse order).
  std::vector<std::unique_ptr<ember::Module>> modules_;
  std::unique_ptr<ember::Store> store_;
  ember::Linker linker_;
  std::optional<ModuleSlot> current_;
  std::map<std::string, ModuleSlot> named_;
  std::optional<Definition> latest_definition_;
  std::map<std::string, Definition> definitions_;
};

}  // namespace

void run_script(const Script& script, const RunOptions& options, std::ostream& out, FileReport& report) {
  ScriptRunner runner(options, out);
  runner.run(script, report);
}

FileReport run_script(const std::string& path, const RunOptions& options, std::ostream& out) {
  FileReport report;
  Script script;
  std::string error;
  bool wast = std::filesystem::path(path).extension() == ".wast";
  if (!(wast ? read_wast_script(path, &script, &error) : read_json_script(path, &script, &error))) {
    report.file_error = error;
    report.failed = 1;
    return report;
  }
  run_script(script, options, out, report);
  if (!script.stopped.empty()) {
    report.file_error = "script unreadable from " + script.stopped;
    ++report.failed;
  }
  return report;
}

}  // namespace ember_spec
