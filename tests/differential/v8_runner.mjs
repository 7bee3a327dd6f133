// V8 reference of the differential test: instantiates a module in node and calls every
// zero-parameter function export, in export order, on one instance, printing each outcome the way
// ember-diff-driver does:
//
//   name() => i32:7, i64:18446744073709551611, f64-bits:4607182418800017408
//   name() => error: divide by zero
//
// Integers print unsigned (i64 arrives as a BigInt). Floats print as their bits, except NaN,
// which prints as f32:nan / f64:nan: a NaN crossing into JavaScript need not keep its payload, and
// the spec leaves an arithmetic NaN's sign and payload open anyway. Traps print V8's own message
// (run_differential.py maps it to the spec's trap kinds); stack overflow is a RangeError in V8
// and prints as "call stack exhausted".
//
// JavaScript cannot tell an i32 result from an f32 one, so the result types come from the
// module's own type, import, function and export sections (read_signatures below).
//
// For modules of binaryen's `wasm-opt -ttf` (run_ttf.py) the options are the driver's:
// --all-exports calls exports that take parameters too, with zeros; --fuzzing-support provides
// the fuzzing-support log-* imports, printing "log: VALUE"; --before-each NAME calls that export
// before every export call, unprinted.
//
// usage: node v8_runner.mjs [OPTIONS] FILE.wasm...
//        node v8_runner.mjs [OPTIONS] --serve   (paths on stdin, one a line; "== end" after each)
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const VALTYPES = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128",
                   0x70: "funcref", 0x6f: "externref" };

class Reader {
  constructor(bytes, pos = 0) { this.b = bytes; this.pos = pos; }
  byte() {
    if (this.pos >= this.b.length) throw new Error("unexpected end of module");
    return this.b[this.pos++];
  }
  u32() {
    let result = 0, shift = 0, byte;
    do {
      byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  }
  name() { const n = this.u32(); this.pos += n; }
  valtype() {
    const code = this.byte();
    if (!(code in VALTYPES)) throw new Error("unsupported value type 0x" + code.toString(16));
    return VALTYPES[code];
  }
  limits() { const flags = this.byte(); this.u32(); if (flags & 1) this.u32(); }
}

// {params, results} (type names) of every function, by function index (imports first), and the
// exports' function indices by name.
function read_signatures(bytes) {
  const types = [], funcs = [], exports = new Map();
  const r = new Reader(bytes, 8);
  while (r.pos < bytes.length) {
    const id = r.byte(), size = r.u32(), end = r.pos + size;
    if (id === 1) {
      for (let n = r.u32(); n > 0; --n) {
        if (r.byte() !== 0x60) throw new Error("unsupported type form");
        const params = [], results = [];
        for (let p = r.u32(); p > 0; --p) params.push(r.valtype());
        for (let q = r.u32(); q > 0; --q) results.push(r.valtype());
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = r.u32(); n > 0; --n) {
        r.name(); r.name();
        const kind = r.byte();
        if (kind === 0) funcs.push(types[r.u32()]);
        else if (kind === 1) { r.valtype(); r.limits(); }
        else if (kind === 2) r.limits();
        else if (kind === 3) { r.valtype(); r.byte(); }
        else throw new Error("unsupported import kind " + kind);
      }
    } else if (id === 3) {
      for (let n = r.u32(); n > 0; --n) funcs.push(types[r.u32()]);
    } else if (id === 7) {
      for (let n = r.u32(); n > 0; --n) {
        const len = r.u32();
        const name = Buffer.from(bytes.subarray(r.pos, r.pos + len)).toString("utf8");
        r.pos += len;
        const kind = r.byte(), index = r.u32();
        if (kind === 0) exports.set(name, index);
      }
    }
    r.pos = end;
  }
  return { funcs, exports };
}

const scratch = new DataView(new ArrayBuffer(8));

function show(type, v) {
  switch (type) {
    case "i32": return "i32:" + (v >>> 0);
    case "i64": return "i64:" + BigInt.asUintN(64, v);
    case "f32":
      if (Number.isNaN(v)) return "f32:nan";
      scratch.setFloat32(0, v);
      return "f32-bits:" + scratch.getUint32(0);
    case "f64":
      if (Number.isNaN(v)) return "f64:nan";
      scratch.setFloat64(0, v);
      return "f64-bits:" + scratch.getBigUint64(0);
    default: return type + ":?";
  }
}

function outcome(e) {
  if (e instanceof WebAssembly.RuntimeError) return "error: " + e.message;
  if (e instanceof RangeError) return "error: call stack exhausted";
  return "error: host exception: " + e;
}

const options = { allExports: false, fuzzingSupport: false, beforeEach: null, serve: false };

function imports(lines) {
  if (!options.fuzzingSupport) return {};
  const log = (type) => (v) => { lines.push("log: " + show(type, v)); };
  return { "fuzzing-support": { "log-i32": log("i32"), "log-i64": log("i64"), "log-f32": log("f32"),
                                "log-f64": log("f64") } };
}

async function run(path) {
  const lines = [];
  let bytes;
  try {
    bytes = readFileSync(path);
    const { funcs, exports } = read_signatures(bytes);
    const { instance } = await WebAssembly.instantiate(bytes, imports(lines));
    const before = options.beforeEach && instance.exports[options.beforeEach];
    for (const [name, value] of Object.entries(instance.exports)) {
      if (typeof value !== "function" || (value.length !== 0 && !options.allExports)) continue;
      const { params, results } = funcs[exports.get(name)];
      let text;
      try {
        if (typeof before === "function" && before.length === 0) {
          try { before(); } catch (e) { /* its outcome is not compared */ }
        }
        const args = params.map((t) => (t === "i64" ? 0n : 0));
        const got = value(...args);
        const values = results.length === 1 ? [got] : results.length === 0 ? [] : [...got];
        text = values.length ? " " + values.map((v, i) => show(results[i], v)).join(", ") : "";
      } catch (e) {
        text = " " + outcome(e);
      }
      lines.push(name + "() =>" + text);
    }
  } catch (e) {
    lines.push("load failed: " + e.message);
  }
  return lines.join("\n") + (lines.length ? "\n" : "");
}

const files = [];
for (let argv = process.argv.slice(2), i = 0; i < argv.length; ++i) {
  if (argv[i] === "--all-exports") options.allExports = true;
  else if (argv[i] === "--fuzzing-support") options.fuzzingSupport = true;
  else if (argv[i] === "--before-each") options.beforeEach = argv[++i];
  else if (argv[i] === "--serve") options.serve = true;
  else files.push(argv[i]);
}
if (options.serve) {
  // One node process answers many modules: starting node costs more than running a module.
  const input = createInterface({ input: process.stdin });
  for await (const path of input) {
    process.stdout.write((await run(path)) + "== end\n");
  }
} else if (files.length === 0) {
  process.stderr.write("usage: node v8_runner.mjs [--all-exports] [--fuzzing-support] " +
                       "[--before-each NAME] FILE.wasm... | --serve\n");
  process.exit(2);
} else {
  for (const path of files) process.stdout.write(await run(path));
}
