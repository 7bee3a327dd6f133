// Round trip of the spec suite's module binaries through the text format:
//   original.wasm --wasm2wat--> a.wat --ember_text--> ours.wasm
// passes if ours.wasm is byte-identical to the original; or else (the text cannot say everything a
// binary can: non-minimal LEBs, custom sections, an invalid segment wasm2wat prints as a valid one)
// if it is byte-identical to what wabt's wat2wasm makes of a.wat, or wasm2wat prints it exactly as
// a.wat. In those cases Ember must also decode ours as it decodes wabt's (both load, or both fail
// with the same error kind and message).
//
//   ember-text-roundtrip --wasm2wat PATH [--wat2wasm PATH] [--wabt-flag FLAG]... [--cache DIR]
//                        [--expect-rejected PATH-SUFFIX]... DIR...
//
// Every *.wasm below each DIR is tried. wasm2wat prints constant expressions of several
// instructions in a form that is not the text format; where wabt's wat2wasm cannot read the text
// back, those are rewritten into the text format first (fix_constant_expressions). Skipped: a
// binary that wasm2wat cannot print (it rejects it); one whose printed text wat2wasm cannot read
// back even so; and a malformed
// binary (Ember's decoder rejects it) that does not come back byte for byte: it has no text form,
// so what wasm2wat prints for it holds the parser to nothing. --expect-rejected names binaries
// that wasm2wat prints as invalid text (a wabt bug): the parser must reject that text. Prints one line per
// DIR and "N passed, M failed" at the end; exit status 1 if anything failed, or nothing passed.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "ember/ember.h"
#include "ember/text.h"
#include "ember/text_lexer.h"

extern char** environ;  // the environment the tools inherit

namespace fs = std::filesystem;

namespace {

struct Options {
  std::string wasm2wat, wat2wasm;
  std::string cache;  // --cache: where the tools' answers are kept (ToolCache); empty: none
  std::vector<std::string> wabt_flags;
  std::vector<std::string> dirs;
  // Path suffixes of binaries whose wasm2wat text is not valid text (a wabt printing bug) and must
  // be rejected; they count as skipped.
  std::vector<std::string> expect_rejected;
  bool verbose = false;
};

struct Tally {
  uint64_t identical = 0;   // ours == the original
  uint64_t as_wabt = 0;     // ours == what wabt's wat2wasm makes of the same text
  uint64_t normalised = 0;  // wasm2wat prints ours exactly as it printed the original
  uint64_t failed = 0;
  uint64_t unprintable = 0;      // wasm2wat rejects the binary
  uint64_t unreadable_text = 0;  // wat2wasm rejects what wasm2wat printed, even rewritten
  uint64_t malformed = 0;        // a malformed binary not reproduced: it has no text form
  uint64_t wabt_bug = 0;         // --expect-rejected, and rejected
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool read_bytes(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

bool write_bytes(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  return bool(out);
}

// Runs a wabt tool quietly (stdout and stderr to /dev/null); true if it exited with 0. Spawned
// directly rather than through std::system's shell: the round trip runs ~12,000 of them, and under
// qemu-user (the s390x stage) each shell was one more emulated fork.
bool spawn_tool(const Options& o, const std::string& tool, const fs::path& in, const fs::path& out) {
  std::vector<std::string> args = {tool, "--no-check"};
  args.insert(args.end(), o.wabt_flags.begin(), o.wabt_flags.end());
  args.insert(args.end(), {in.string(), "-o", out.string()});
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&quiet, 1, 2);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, tool.c_str(), &quiet, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&quiet);
  int status = 0;
  return spawned == 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The wabt tools' answers, kept in the --cache directory. The suite holds many modules twice or
// more (a quarter of the tool runs of one pass), a second ctest run asks the same again, and in
// CI every build that runs the round trip (the default and s390x stages) sends the same binaries
// through the same host tools, where under qemu-user each spawn is an emulated fork. An entry
// holds its whole question (the tool with its size and time, the flags, the input bytes), compared
// in full on every read, so a hash collision or a changed tool is only a miss.
struct ToolCache {
  std::string dir;
  uint64_t runs = 0, hits = 0;
  std::map<std::string, std::string> stamps;  // tool -> its path, size and time, looked up once
  const std::string& stamp(const std::string& tool) {
    auto it = stamps.find(tool);
    if (it != stamps.end()) return it->second;
    std::error_code size_ec, time_ec;  // a tool found on PATH rather than named by path: 0 and 0
    auto size = fs::file_size(tool, size_ec);
    auto time = fs::last_write_time(tool, time_ec).time_since_epoch().count();
    std::string s = tool + '\0' + std::to_string(size_ec ? 0 : size) + ' ' +
                    std::to_string(time_ec ? 0 : static_cast<long long>(time)) + '\0';
    return stamps.emplace(tool, std::move(s)).first->second;
  }
  std::string question(const Options& o, const std::string& tool, const std::string& input) {
    std::string q = stamp(tool);
    for (const std::string& f : o.wabt_flags) q += f + '\0';
    return q + '\0' + input;
  }
  fs::path entry(const std::string& q) const {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : q) h = (h ^ c) * 1099511628211ull;
    char name[32];
    std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(h));
    return fs::path(dir) / name;
  }
  // An entry: the question's length, a newline, the question, '1' or '0' (the tool's verdict),
  // then its output.
  bool lookup(const std::string& q, bool* ok, std::string* output) const {
    std::string e;
    if (!read_bytes(entry(q), e)) return false;
    std::size_t nl = e.find('\n');
    if (nl == std::string::npos) return false;
    std::size_t n = std::strtoull(e.c_str(), nullptr, 10);
    if (e.size() < nl + 2 + n || e.compare(nl + 1, n, q) != 0) return false;
    *ok = e[nl + 1 + n] == '1';
    output->assign(e, nl + 2 + n, std::string::npos);
    return true;
  }
  void store(const std::string& q, bool ok, const std::string& output) const {
    std::string e = std::to_string(q.size()) + '\n' + q + (ok ? '1' : '0') + output;
    fs::path final_path = entry(q), tmp = final_path;
    tmp += ".tmp" + std::to_string(::getpid());
    // Written aside and renamed: a reader in another build never sees half an entry.
    if (write_bytes(tmp, std::vector<uint8_t>(e.begin(), e.end()))) {
      std::error_code ec;
      fs::rename(tmp, final_path, ec);
      if (ec) fs::remove(tmp, ec);
    }
  }
};
ToolCache g_cache;

// spawn_tool through the cache: out holds the tool's output afterwards, as if it had run.
bool run_tool(const Options& o, const std::string& tool, const fs::path& in, const fs::path& out) {
  ++g_cache.runs;
  std::string input, output;
  if (g_cache.dir.empty() || !read_bytes(in, input)) return spawn_tool(o, tool, in, out);
  std::string q = g_cache.question(o, tool, input);
  bool ok = false;
  if (g_cache.lookup(q, &ok, &output)) {
    ++g_cache.hits;
    std::error_code ec;
    fs::remove(out, ec);
    return ok && write_bytes(out, std::vector<uint8_t>(output.begin(), output.end()));
  }
  ok = spawn_tool(o, tool, in, out);
  if (ok && !read_bytes(out, output)) return ok;
  g_cache.store(q, ok, output);
  return ok;
}

// wasm2wat (1.0.32) prints a constant expression of several instructions as a parenthesised flat
// list, `(i32.const 1\n i32.const 2\n i32.add)`, which is not the text format (wabt cannot read it
// back either). Rewrites each such list into the text format: `(offset ...)` for a segment offset,
// `(item ...)` for an element item, the bare instructions for a global's initializer; and a data
// segment's bare memory index into `(memory N)`. Returns false if there was nothing to rewrite.
bool fix_constant_expressions(std::string& text) {
  using ember::text::Token;
  using ember::text::TokenKind;
  std::vector<Token> tokens = ember::text::tokenize(text.data(), text.size());
  auto word = [&](std::size_t i) {
    return i < tokens.size() && tokens[i].kind == TokenKind::Keyword
               ? ember::text::token_text(text.data(), tokens[i])
               : std::string_view();
  };
  auto is_instr = [&](std::size_t i) {
    std::string_view w = word(i);
    return w.find('.') != std::string_view::npos || w == "nop" || w == "unreachable" || w == "drop" ||
           w == "select";
  };
  struct Edit {
    std::size_t at, erase;
    std::string insert;
  };
  std::vector<Edit> edits;
  std::vector<std::size_t> open;  // enclosing groups
  bool after_reftype = false;     // inside an elem, past its reftype: groups are items
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::RParen) {
      if (!open.empty()) open.pop_back();
      continue;
    }
    if (t.kind == TokenKind::Keyword && !open.empty() && word(open.back() + 1) == "elem" &&
        (word(i) == "funcref" || word(i) == "externref")) {
      after_reftype = true;
    }
    if (t.kind != TokenKind::LParen) continue;
    if (word(i + 1) == "data" && i + 2 < tokens.size() && tokens[i + 2].kind == TokenKind::Number) {
      // `(data 1 (offset) ...)`: a memory index as wasm2wat prints it; the text format says
      // `(memory 1)`.
      const Token& index = tokens[i + 2];
      edits.push_back({index.offset, index.length,
                       "(memory " + std::string(ember::text::token_text(text.data(), index)) + ")"});
    }
    std::string_view parent = open.empty() ? std::string_view() : word(open.back() + 1);
    if (word(i + 1) == "elem") after_reftype = false;
    open.push_back(i);
    if (!is_instr(i + 1) || t.match == Token::kNoMatch) continue;
    if (parent != "global" && parent != "data" && parent != "elem") continue;
    bool flat = false;
    for (std::size_t j = i + 2; j < t.match && !flat; ++j) {
      if (tokens[j].kind == TokenKind::LParen) {
        j = tokens[j].match;
      } else {
        flat = is_instr(j);
      }
    }
    if (!flat) continue;
    if (parent == "global") {
      edits.push_back({t.offset, 1, " "});
      edits.push_back({tokens[t.match].offset, 1, " "});
    } else {
      edits.push_back({t.offset + 1, 0, parent == "elem" && after_reftype ? "item " : "offset "});
    }
  }
  for (auto it = edits.rbegin(); it != edits.rend(); ++it) text.replace(it->at, it->erase, it->insert);
  return !edits.empty();
}

// Ember's verdict on a binary: "ok", or the error kind and message (offsets may differ).
std::string verdict(const std::string& bytes, bool* malformed = nullptr) {
  auto m = ember::Module::load(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (malformed) *malformed = !m.ok() && m.error().kind == ember::ErrorKind::Malformed;
  if (m.ok()) return "ok";
  return std::string(ember::error_kind_name(m.error().kind)) + ": " + m.error().message;
}

// ember_text's conversion; false with the error if it rejects the text.
bool convert(const std::string& text, std::vector<uint8_t>* out, std::string* error) {
  auto converted = ember::text::wat_to_wasm(text.data(), text.size());
  if (!converted.ok()) {
    char buf[256];
    *error = ember::text::format_error(converted.error(), buf, sizeof buf);
    return false;
  }
  *out = std::move(converted.value());
  return true;
}

// One module; returns false (after printing why) if it failed the round trip.
bool round_trip(const Options& o, const fs::path& wasm, const fs::path& tmp, Tally& t) {
  fs::path a_wat = tmp / "a.wat", ref_wasm = tmp / "ref.wasm", ours_wasm = tmp / "ours.wasm";
  fs::path b_wat = tmp / "b.wat";
  if (!run_tool(o, o.wasm2wat, wasm, a_wat)) {
    ++t.unprintable;
    return true;
  }
  std::string original, printed;
  if (!read_bytes(wasm, original) || !read_bytes(a_wat, printed)) {
    std::cout << "FAIL " << wasm.string() << ": cannot read\n";
    return false;
  }
  bool malformed = false;
  verdict(original, &malformed);
  std::vector<uint8_t> bytes;
  std::string error;
  bool ok = convert(printed, &bytes, &error);

  bool known_bad = false;
  for (const std::string& suffix : o.expect_rejected)
    known_bad = known_bad || ends_with(wasm.string(), suffix);
  if (known_bad) {
    if (ok) {
      std::cout << "FAIL " << wasm.string() << ": text accepted, expected it to be rejected\n";
      return false;
    }
    ++t.wabt_bug;
    return true;
  }

  // wabt's own conversion of the text in a.wat (run only when needed).
  std::string ref;
  auto wabt_reads = [&] {
    return !o.wat2wasm.empty() && run_tool(o, o.wat2wasm, a_wat, ref_wasm) && read_bytes(ref_wasm, ref);
  };
  bool ref_ok = false;
  if (!ok) {
    ref_ok = wabt_reads();
    if (!ref_ok) {
      // Not the text format as printed: try again with the constant expressions rewritten.
      std::string fixed = printed;
      bool rewritten = fix_constant_expressions(fixed) &&
                       write_bytes(a_wat, std::vector<uint8_t>(fixed.begin(), fixed.end()));
      if (!rewritten || !(ref_ok = wabt_reads())) {
        ++t.unreadable_text;
        return true;
      }
      ok = convert(fixed, &bytes, &error);
    }
    if (!ok) {
      if (malformed) {
        ++t.malformed;
        return true;
      }
      std::cout << "FAIL " << wasm.string() << ": text rejected: " << error << "\n";
      return false;
    }
  }
  std::string ours(bytes.begin(), bytes.end());
  if (ours == original) {
    ++t.identical;
    return true;
  }
  if (malformed) {
    ++t.malformed;
    return true;
  }
  if (!ref_ok && !wabt_reads()) {
    ++t.unreadable_text;
    return true;
  }
  // The text may have lost what made the original invalid (wasm2wat prints what it can): judge
  // ours against wabt's reading of the same text.
  std::string want = verdict(ref), got = verdict(ours);
  if (want != got) {
    std::cout << "FAIL " << wasm.string() << ": Ember decodes wabt's conversion as \"" << want
              << "\", ours as \"" << got << "\"\n";
    return false;
  }
  if (ours == ref) {
    ++t.as_wabt;
    return true;
  }
  std::string again;
  if (!write_bytes(ours_wasm, bytes) || !run_tool(o, o.wasm2wat, ours_wasm, b_wat) ||
      !read_bytes(b_wat, again) || again != printed) {
    std::cout << "FAIL " << wasm.string() << ": bytes differ, and wasm2wat prints them differently\n";
    return false;
  }
  ++t.normalised;
  if (o.verbose) std::cout << "  equal after wasm2wat: " << wasm.string() << "\n";
  return true;
}

bool parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--wasm2wat" && i + 1 < argc) {
      o.wasm2wat = argv[++i];
    } else if (arg == "--wat2wasm" && i + 1 < argc) {
      o.wat2wasm = argv[++i];
    } else if (arg == "--cache" && i + 1 < argc) {
      o.cache = argv[++i];
    } else if (arg == "--wabt-flag" && i + 1 < argc) {
      o.wabt_flags.push_back(argv[++i]);
    } else if (arg == "--expect-rejected" && i + 1 < argc) {
      o.expect_rejected.push_back(argv[++i]);
    } else if (arg == "--verbose") {
      o.verbose = true;
    } else if (!arg.empty() && arg[0] == '-') {
      return false;
    } else {
      o.dirs.push_back(arg);
    }
  }
  return !o.wasm2wat.empty() && !o.dirs.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_options(argc, argv, o)) {
    std::cerr << "usage: ember-text-roundtrip --wasm2wat PATH [--wat2wasm PATH] [--wabt-flag FLAG]... "
                 "[--cache DIR] [--expect-rejected PATH-SUFFIX]... [--verbose] DIR...\n";
    return 2;
  }
  fs::path tmp = fs::temp_directory_path() / ("ember-roundtrip-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  if (!o.cache.empty()) {
    std::error_code ec;
    fs::create_directories(o.cache, ec);
    if (fs::is_directory(o.cache, ec)) g_cache.dir = o.cache;
  }
  uint64_t passed = 0, failed = 0, skipped = 0;
  for (const std::string& dir : o.dirs) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".wasm") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    Tally t;
    for (const fs::path& f : files) {
      if (!round_trip(o, f, tmp, t)) ++t.failed;
    }
    uint64_t ok = t.identical + t.as_wabt + t.normalised;
    uint64_t skip = t.unprintable + t.unreadable_text + t.malformed + t.wabt_bug;
    std::cout << fs::path(dir).filename().string() << ": " << ok << " passed (" << t.identical
              << " identical, " << t.as_wabt << " as wat2wasm makes them, " << t.normalised
              << " equal after wasm2wat), " << t.failed << " failed, " << skip << " skipped ("
              << t.unprintable << " wasm2wat cannot print, " << t.unreadable_text
              << " printed as text wat2wasm cannot read, " << t.malformed << " malformed binaries, "
              << t.wabt_bug << " printed wrongly by wasm2wat)\n";
    passed += ok;
    failed += t.failed;
    skipped += skip;
  }
  fs::remove_all(tmp);
  std::cout << passed << " passed, " << failed << " failed (" << skipped << " modules skipped)\n";
  if (!g_cache.dir.empty())
    std::cout << "wabt: " << g_cache.runs << " tool runs, " << g_cache.hits << " answered from "
              << g_cache.dir << "\n";
  if (passed == 0) {
    // Nothing compared (wasm2wat missing or not runnable makes every module "unprintable").
    std::cout << "FAIL: no module made the round trip\n";
    return 1;
  }
  return failed ? 1 : 0;
}
