// Ember text format: the module as the parser builds it (indices resolved, code and constant
// expressions already in binary form), and its binary encoding.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ember::text::detail {

using Bytes = std::vector<uint8_t>;

// Binary value type codes.
constexpr uint8_t kI32 = 0x7F, kI64 = 0x7E, kF32 = 0x7D, kF64 = 0x7C, kV128 = 0x7B;
constexpr uint8_t kFuncRef = 0x70, kExternRef = 0x6F;

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };

struct FuncType {
  std::vector<uint8_t> params, results;
  bool operator==(const FuncType& o) const { return params == o.params && results == o.results; }
};

struct Limits {
  uint64_t min = 0, max = 0;
  bool has_max = false;
};

struct Import {
  std::string module, name;
  ExternKind kind = ExternKind::Func;
  uint32_t type_index = 0;     // Func
  uint8_t reftype = kFuncRef;  // Table
  Limits limits;               // Table, Memory
  uint8_t valtype = kI32;      // Global
  bool is_mutable = false;     // Global
};

struct Function {
  uint32_t type_index = 0;
  std::vector<uint8_t> locals;  // declared locals (not parameters), one entry per local
  Bytes body;                   // instructions, final `end` included
};

struct Table {
  uint8_t reftype = kFuncRef;
  Limits limits;
};

struct Global {
  uint8_t valtype = kI32;
  bool is_mutable = false;
  Bytes init;  // constant expression, `end` included
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::Active;
  uint32_t table = 0;
  Bytes offset;  // Active: constant expression, `end` included
  uint8_t reftype = kFuncRef;
  std::vector<Bytes> exprs;        // each item as a constant expression, `end` included
  std::vector<int64_t> func_refs;  // per item: the function index if it is a lone ref.func, else -1
};

struct DataSegment {
  SegmentMode mode = SegmentMode::Active;
  uint32_t memory = 0;
  Bytes offset;
  std::string bytes;
};

// Where a custom section written as an annotation goes: before or after the place of a section
// id (whether or not the module has that section), or at either end of the module.
struct CustomPlace {
  enum class Edge : uint8_t { First, Before, After, Last };
  Edge edge = Edge::Last;
  uint8_t section = 0;  // Before / After: the section id
};

struct CustomSection {
  std::string name;
  std::string bytes;
  CustomPlace place;
};

// Identifiers for the name section (without their '$').
struct Names {
  std::string module;
  std::vector<std::pair<uint32_t, std::string>> functions;  // by function index, ascending
  // Per function index (ascending): (local index, name), ascending.
  std::vector<std::pair<uint32_t, std::vector<std::pair<uint32_t, std::string>>>> locals;
};

struct ModuleIR {
  std::vector<FuncType> types;
  std::vector<Import> imports;
  std::vector<Function> functions;
  std::vector<Table> tables;
  std::vector<Limits> memories;
  std::vector<Global> globals;
  std::vector<Export> exports;
  bool has_start = false;
  uint32_t start = 0;
  std::vector<ElemSegment> elems;
  std::vector<DataSegment> datas;
  bool uses_data_count = false;  // memory.init or data.drop occurs: write the data count section
  Names names;
  std::vector<CustomSection> customs;  // `(@custom ...)` annotations, in text order
};

// Appends an unsigned / signed LEB128.
void write_uleb(Bytes& out, uint64_t v);
void write_sleb(Bytes& out, int64_t v);

// The binary module. `with_names`: append a name section if any name is known.
Bytes encode_module(const ModuleIR& module, bool with_names);

}  // namespace ember::text::detail
