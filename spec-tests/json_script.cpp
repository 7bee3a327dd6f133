// ember-spec: reads wast2json output into the script model.
#include <filesystem>

#include "files.h"
#include "json.h"
#include "script_readers.h"

namespace ember_spec {

namespace {

std::vector<Expected> parse_expected_list(const Json& list) {
  std::vector<Expected> out;
  for (const Json& item : list.as_array()) out.push_back(parse_expected(item));
  return out;
}

Action parse_action(const Json& json) {
  Action a;
  const std::string& kind = json.at("type").as_string();
  if (kind == "get") {
    a.kind = Action::Kind::Get;
  } else if (kind == "invoke") {
    a.kind = Action::Kind::Invoke;
  } else {
    throw ValueError("unknown action type '" + kind + "'");
  }
  a.field = json.at("field").as_string();
  if (const Json* m = json.find("module")) a.module = m->as_string();
  if (const Json* list = json.find("args")) {
    for (const Json& arg : list->as_array()) {
      a.args.push_back(parse_argument(arg));
      const Json* lanes = arg.find("lane_type");
      a.arg_lanes.push_back(lanes ? parse_lane_type(lanes->as_string()) : LaneType::I32);
    }
  }
  return a;
}

ModuleSource file_source(const Json& command, const std::string& dir, bool text) {
  ModuleSource s;
  s.kind = text ? ModuleSource::Kind::TextFile : ModuleSource::Kind::BinaryFile;
  s.path = (std::filesystem::path(dir) / command.at("filename").as_string()).string();
  return s;
}

void read_command(const Json& json, const std::string& dir, Command& c) {
  using Type = Command::Type;
  if (const Json* l = json.find("line")) c.line = l->as_int();
  c.type_name = json.at("type").as_string();
  const std::string& type = c.type_name;
  if (type == "module") {
    if (const Json* n = json.find("name")) c.name = n->as_string();
    c.module = file_source(json, dir, false);
    c.type = Type::Module;
  } else if (type == "register") {
    c.as = json.at("as").as_string();
    if (const Json* n = json.find("name")) c.name = n->as_string();
    c.type = Type::Register;
  } else if (type == "action") {
    c.action = parse_action(json.at("action"));
    c.type = Type::Action;
  } else if (type == "assert_return") {
    c.action = parse_action(json.at("action"));
    if (const Json* either = json.find("either")) {
      c.has_either = true;
      c.either = parse_expected_list(*either);
    } else {
      c.expected = parse_expected_list(json.at("expected"));
    }
    c.type = Type::AssertReturn;
  } else if (type == "assert_trap" || type == "assert_exhaustion") {
    c.text = json.at("text").as_string();
    if (json.find("filename")) {
      // Older wast2json writes instantiation traps as assert_trap on a module.
      c.module = file_source(json, dir, false);
      c.type = Type::AssertUninstantiable;
    } else {
      c.action = parse_action(json.at("action"));
      c.type = type == "assert_trap" ? Type::AssertTrap : Type::AssertExhaustion;
    }
  } else if (type == "assert_exception") {
    c.action = parse_action(json.at("action"));
    c.type = Type::AssertException;
  } else if (type == "assert_invalid" || type == "assert_malformed" || type == "assert_unlinkable" ||
             type == "assert_uninstantiable") {
    c.text = json.at("text").as_string();
    const Json* module_type = json.find("module_type");
    bool text = module_type && module_type->as_string() == "text";
    c.module = file_source(json, dir, text);
    c.type = type == "assert_invalid"      ? Type::AssertInvalid
             : type == "assert_malformed"  ? Type::AssertMalformed
             : type == "assert_unlinkable" ? Type::AssertUnlinkable
                                           : Type::AssertUninstantiable;
  } else {
    c.error = "unknown command type";
  }
}

}  // namespace

bool read_json_script(const std::string& path, Script* out, std::string* error) {
  std::string text;
  if (!read_file(path, text)) {
    *error = "cannot read " + path;
    return false;
  }
  Json script;
  try {
    script = parse_json(text);
    if (!script.at("commands").is_array()) throw JsonError("\"commands\" is not an array");
  } catch (const JsonError& e) {
    *error = std::string("bad JSON: ") + e.what();
    return false;
  }
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  out->dir = dir.empty() ? "." : dir.string();
  for (const Json& json : script.at("commands").as_array()) {
    Command c;
    try {
      read_command(json, out->dir, c);
    } catch (const JsonError& e) {
      c.type = Command::Type::Unreadable;
      c.error = std::string("malformed command: ") + e.what();
    } catch (const ValueError& e) {
      c.type = Command::Type::Unreadable;
      c.error = e.what();
    }
    if (!c.error.empty()) c.type = Command::Type::Unreadable;
    if (c.type_name.empty()) c.type_name = "?";
    out->commands.push_back(std::move(c));
  }
  return true;
}

}  // namespace ember_spec
