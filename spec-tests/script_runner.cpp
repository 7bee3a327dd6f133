// ember-spec: runs one wast2json script. One Store and one Linker per script: every module of a
// script shares them, so `register`ed instances and the spectest host objects are visible to all
// later modules, and nothing leaks from one script into the next.
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
#include "files.h"
#include "json.h"
#include "spectest_host.h"
#include "values.h"

namespace ember_spec {

namespace {

// The verdict on one command.
struct Outcome {
  enum class Kind : uint8_t { Pass, Fail, Skip, Unsupported, Setup };
  Kind kind = Kind::Setup;
  std::string message;  // why it failed or was not checked, or (for a pass) a remark for --verbose

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

std::vector<Expected> parse_expected_list(const Json& list) {
  std::vector<Expected> out;
  for (const Json& item : list.as_array()) out.push_back(parse_expected(item));
  return out;
}

// The outcome of running an action ("invoke" or "get").
struct ActionResult {
  std::string failure;  // the action could not even be attempted (no such module / export, ...)
  ember::Error error;   // what the engine reported; kind Ok when the call returned
  std::vector<ember::Value> results;
  std::string call;     // e.g. "add(i32:1, i32:2)", for messages

  bool unsupported = false;  // `failure` because the module was refused as unsupported
};

class ScriptRunner {
 public:
  ScriptRunner(std::filesystem::path dir, const RunOptions& options, std::ostream& out)
      : dir_(std::move(dir)), options_(options), out_(out), store_(std::make_unique<ember::Store>()) {}

  void run(const Json& script, FileReport& report) {
    std::string spectest_error = define_spectest(*store_, linker_);
    if (!spectest_error.empty()) {
      // Not fatal: modules that import from spectest will fail to link and say so.
      ++report.failed;
      if (options_.verbose) out_ << "  spectest: " << spectest_error << "\n";
    }
    for (const Json& command : script.at("commands").as_array()) run_one(command, report);
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

  // The module's binary, loaded; or why not. `error` is the engine's verdict, `failure` the
  // runner's (file missing, bad command, or an Unsupported refusal that does not point at SIMD).
  struct Loaded {
    const ember::Module* module = nullptr;
    ember::Error error;
    std::string failure;
    bool unsupported = false;  // error is a genuine ErrorKind::Unsupported refusal
  };

  void run_one(const Json& command, FileReport& report) {
    int64_t line = 0;
    std::string type = "?";
    Outcome outcome;
    try {
      if (const Json* l = command.find("line")) line = l->as_int();
      type = command.at("type").as_string();
      outcome = dispatch(type, command);
    } catch (const JsonError& e) {
      outcome = Outcome::fail(std::string("malformed command: ") + e.what());
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
      out_ << "  line " << line << ": " << type << ": " << tag << outcome.message << "\n";
    }
  }

  Outcome dispatch(const std::string& type, const Json& command) {
    if (type == "module") return module_command(command);
    if (type == "register") return register_command(command);
    if (type == "action") return action_command(command);
    if (type == "assert_return") return assert_return(command);
    if (type == "assert_trap") {
      // Older wast2json writes instantiation traps as assert_trap on a module.
      if (command.find("filename")) return assert_uninstantiable(command);
      return assert_trap(command);
    }
    if (type == "assert_exhaustion") return assert_exhaustion(command);
    if (type == "assert_exception") return Outcome::fail("unsupported: exception handling");
    if (type == "assert_invalid") return assert_rejected(command, ember::ErrorKind::Invalid, "invalid");
    if (type == "assert_malformed") {
      if (command.at("module_type").as_string() == "text") return Outcome::skip();
      return assert_rejected(command, ember::ErrorKind::Malformed, "malformed");
    }
    if (type == "assert_unlinkable") return assert_unlinkable(command);
    if (type == "assert_uninstantiable") return assert_uninstantiable(command);
    return Outcome::fail("unknown command type");
  }

  // --- modules ---

  Loaded load(const Json& command) {
    Loaded loaded;
    const std::string& filename = command.at("filename").as_string();
    std::string bytes;
    if (!read_file(dir_ / filename, bytes)) {
      loaded.failure = "cannot read module file " + (dir_ / filename).string();
      return loaded;
    }
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

  Outcome module_command(const Json& command) {
    ModuleSlot slot;
    std::optional<std::string> name;
    // Record the slot even when the command is malformed, so later commands fail against it
    // rather than silently running against the previous module.
    try {
      if (const Json* l = command.find("line")) slot.line = l->as_int();
      if (const Json* n = command.find("name")) name = n->as_string();
      Loaded loaded = load(command);
      if (!loaded.failure.empty()) {
        slot.error = loaded.failure;
      } else if (!loaded.module) {
        slot.error = "load failed: " + describe(loaded.error);
        slot.unsupported = loaded.unsupported;
      } else {
        auto result = linker_.instantiate(*store_, *loaded.module);
        if (result.ok()) {
          slot.instance = result.value();
        } else {
          slot.error = "instantiation failed: " + describe(result.error());
        }
      }
    } catch (const JsonError& e) {
      slot.error = std::string("malformed command: ") + e.what();
    }
    current_ = slot;
    if (name) named_[*name] = slot;
    if (slot.instance) return Outcome::setup();
    return slot.unsupported ? Outcome::unsupported(slot.error) : Outcome::fail(slot.error);
  }

  // The module a command addresses: the named one, or the current one. Null with `why` set if none.
  const ModuleSlot* target(const Json* name, std::string& why) const {
    if (name) {
      auto it = named_.find(name->as_string());
      if (it == named_.end()) {
        why = "unknown module " + name->as_string();
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
  ember::Instance* target_instance(const Json* name, std::string& why, bool* unsupported) const {
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

  Outcome register_command(const Json& command) {
    const std::string& as = command.at("as").as_string();
    std::string why;
    bool unsupported;
    ember::Instance* instance = target_instance(command.find("name"), why, &unsupported);
    if (!instance) {
      std::string message = "cannot register " + printable(as) + ": " + why;
      return unsupported ? Outcome::unsupported(message) : Outcome::fail(message);
    }
    if (!linker_.define_instance(as, *instance)) return Outcome::fail("linker rejected register as " + printable(as));
    return Outcome::setup();
  }

  // --- actions ---

  ActionResult run_action(const Json& action) {
    ActionResult r;
    const std::string& kind = action.at("type").as_string();
    const std::string& field = action.at("field").as_string();
    r.call = printable(field);
    ember::Instance* instance = target_instance(action.find("module"), r.failure, &r.unsupported);
    if (!instance) return r;

    if (kind == "get") {
      ember::Global* global = instance->global(field);
      if (!global) {
        r.failure = "no exported global " + printable(field);
        return r;
      }
      r.results.push_back(global->get());
      return r;
    }
    if (kind != "invoke") {
      r.failure = "unknown action type '" + kind + "'";
      return r;
    }

    std::vector<ember::Value> args;
    std::vector<std::string> shown;
    if (const Json* list = action.find("args")) {
      for (const Json& arg : list->as_array()) {
        args.push_back(parse_argument(arg));
        const Json* lanes = arg.find("lane_type");
        shown.push_back(to_string(args.back(), lanes ? parse_lane_type(lanes->as_string()) : LaneType::I32));
      }
    }
    r.call += "(" + join(shown, ", ") + ")";
    ember::Function* func = instance->function(field);
    if (!func) {
      r.failure = "no exported function " + printable(field);
      return r;
    }
    r.results.resize(func->type().result_count);
    r.error = store_->call(func, args.data(), args.size(), r.results.data(), r.results.size());
    return r;
  }

  // An action that could not be attempted.
  static Outcome not_run(const ActionResult& r) {
    return r.unsupported ? Outcome::unsupported(r.failure) : Outcome::fail(r.failure);
  }

  Outcome action_command(const Json& command) {
    ActionResult r = run_action(command.at("action"));
    if (!r.failure.empty()) return not_run(r);
    if (r.error) return Outcome::fail(r.call + ": " + describe(r.error));
    return Outcome::pass();
  }

  Outcome assert_return(const Json& command) {
    ActionResult r = run_action(command.at("action"));
    if (!r.failure.empty()) return not_run(r);

    if (const Json* either = command.find("either")) {
      // Each alternative is one complete (single-value) result; any one of them will do.
      std::vector<Expected> options = parse_expected_list(*either);
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

    std::vector<Expected> expected = parse_expected_list(command.at("expected"));
    if (r.error) {
      return Outcome::fail(r.call + ": expected " + shown_expected(expected) + ", got error: " + describe(r.error));
    }
    bool ok = r.results.size() == expected.size();
    for (std::size_t i = 0; ok && i < expected.size(); ++i) ok = matches(expected[i], r.results[i]);
    if (ok) return Outcome::pass();
    return Outcome::fail(r.call + ": expected " + shown_expected(expected) + ", got " +
                         shown_values(r.results, expected));
  }

  // Shared by assert_trap and assert_exhaustion: the action must stop with a trap.
  Outcome expect_trap(const Json& command, ember::TrapKind required) {
    const std::string& text = command.at("text").as_string();
    ActionResult r = run_action(command.at("action"));
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

  Outcome assert_trap(const Json& command) { return expect_trap(command, ember::TrapKind::None); }

  Outcome assert_exhaustion(const Json& command) {
    return expect_trap(command, ember::TrapKind::CallStackExhausted);
  }

  // --- modules that must be rejected ---

  // assert_invalid / assert_malformed (binary): loading must fail. The phase that rejects it is
  // only remarked on: an engine may legitimately catch some errors one phase early or late.
  Outcome assert_rejected(const Json& command, ember::ErrorKind expected_kind, const char* kind_name) {
    const std::string& text = command.at("text").as_string();
    Loaded loaded = load(command);
    if (!loaded.failure.empty()) return Outcome::fail(loaded.failure);
    if (loaded.module) return Outcome::fail(std::string("module loaded, expected ") + kind_name + " \"" + text + "\"");
    // Refused for its SIMD: whether it is also what the script expects cannot be told.
    if (loaded.unsupported) {
      return Outcome::unsupported(std::string("expected ") + kind_name + " \"" + text + "\", refused as " +
                                  describe(loaded.error));
    }
    // A host limit (Config) is not the spec's verdict: the module may well be valid.
    if (loaded.error.kind == ember::ErrorKind::Limit) {
      return Outcome::fail(std::string("expected ") + kind_name + " \"" + text + "\", only a host limit refused it: " +
                           describe(loaded.error));
    }
    if (loaded.error.kind != expected_kind) {
      return Outcome::pass(std::string("expected ") + kind_name + " \"" + text + "\", rejected as " +
                           describe(loaded.error));
    }
    return Outcome::pass();
  }

  Outcome assert_unlinkable(const Json& command) {
    const std::string& text = command.at("text").as_string();
    Loaded loaded = load(command);
    if (!loaded.failure.empty()) return Outcome::fail(loaded.failure);
    if (!loaded.module) {
      std::string message = "expected unlinkable \"" + text + "\", load failed: " + describe(loaded.error);
      return loaded.unsupported ? Outcome::unsupported(message) : Outcome::fail(message);
    }
    auto result = linker_.instantiate(*store_, *loaded.module);
    if (result.ok()) return Outcome::fail("module instantiated, expected unlinkable \"" + text + "\"");
    if (result.error().kind != ember::ErrorKind::Unlinkable) {
      return Outcome::fail("expected unlinkable \"" + text + "\", got error: " + describe(result.error()));
    }
    return Outcome::pass();
  }

  Outcome assert_uninstantiable(const Json& command) {
    const std::string& text = command.at("text").as_string();
    Loaded loaded = load(command);
    if (!loaded.failure.empty()) return Outcome::fail(loaded.failure);
    if (!loaded.module) {
      std::string message = "expected trap \"" + text + "\", load failed: " + describe(loaded.error);
      return loaded.unsupported ? Outcome::unsupported(message) : Outcome::fail(message);
    }
    auto result = linker_.instantiate(*store_, *loaded.module);
    if (result.ok()) return Outcome::fail("module instantiated, expected trap \"" + text + "\"");
    if (result.error().kind != ember::ErrorKind::Trap) {
      return Outcome::fail("expected trap \"" + text + "\", got error: " + describe(result.error()));
    }
    if (!starts_with(result.error().message, text)) {
      return Outcome::pass(std::string("trapped with \"") + result.error().message + "\", expected \"" + text + "\"");
    }
    return Outcome::pass();
  }

  std::filesystem::path dir_;
  RunOptions options_;
  std::ostream& out_;
  // Declared before the store so they are destroyed after it (members die in reverse order).
  std::vector<std::unique_ptr<ember::Module>> modules_;
  std::unique_ptr<ember::Store> store_;
  ember::Linker linker_;
  std::optional<ModuleSlot> current_;
  std::map<std::string, ModuleSlot> named_;
};

}  // namespace

FileReport run_script(const std::string& json_path, const RunOptions& options, std::ostream& out) {
  FileReport report;
  std::string text;
  if (!read_file(json_path, text)) {
    report.file_error = "cannot read " + json_path;
    report.failed = 1;
    return report;
  }
  Json script;
  try {
    script = parse_json(text);
    if (!script.at("commands").is_array()) throw JsonError("\"commands\" is not an array");
  } catch (const JsonError& e) {
    report.file_error = std::string("bad JSON: ") + e.what();
    report.failed = 1;
    return report;
  }
  std::filesystem::path dir = std::filesystem::path(json_path).parent_path();
  ScriptRunner runner(dir.empty() ? std::filesystem::path(".") : dir, options, out);
  runner.run(script, report);
  return report;
}

}  // namespace ember_spec
