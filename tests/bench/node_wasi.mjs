// Runs a wasm32-wasi command module under node's built-in WASI (V8).
//   node --no-warnings node_wasi.mjs FILE.wasm [args...]
// stdout/stderr/exit code are the module's. On exit it writes one line to
// stderr, "bench-linear-memory-bytes=N", the final size of the module's
// linear memory, which run_bench.py reports next to the peak RSS.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { argv, env, exit, stderr } from 'node:process';

const file = argv[2];
const wasi = new WASI({
  version: 'preview1',
  args: [file, ...argv.slice(3)],
  env: {},
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const code = wasi.start(instance);
const mem = instance.exports.memory;
if (mem) stderr.write(`bench-linear-memory-bytes=${mem.buffer.byteLength}\n`);
exit(code ?? 0);
