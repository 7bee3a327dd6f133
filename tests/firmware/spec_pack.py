#!/usr/bin/env python3
"""Spec pack generator: turns one wast2json script into a compact binary pack for the firmware
spec runner (tests/firmware/spec_runner.cpp), which has no JSON reader, no file system and no text
parser on the target.

usage: spec_pack.py SCRIPT.json OUTPUT.pack

Pack format (all integers little-endian; str = u16 length + bytes; blob = u32 length + bytes):

  header   "EMSP" | u8 version (1) | str script name | u32 text-format modules left out
           | u32 command count
  command  u8 kind | u32 line (in the .wast) | body
    1 module                 str name ("" = unnamed) | blob wasm
    2 register               str as | str module name ("" = the current module)
    3 action                 action
    4 assert_return          action | u8 count | count x value (expected)
    5 assert_trap            action | str message
    6 assert_exhaustion      action | str message
    7 assert_invalid         blob wasm | str message
    8 assert_malformed       blob wasm | str message
    9 assert_unlinkable      blob wasm | str message
   10 assert_uninstantiable  blob wasm | str message   (also assert_trap on a module)
  action   u8 kind (0 invoke, 1 get) | str module name ("" = current) | str field
           | u8 count | count x value (arguments)
  value    u8 type (0x7F i32, 0x7E i64, 0x7D f32, 0x7C f64, 0x70 funcref, 0x6F externref)
           | u8 form (0 exact bits, 1 nan:canonical, 2 nan:arithmetic, 3 null reference)
           | u64 bits (the bit pattern; for externref the host reference number)

Text-format modules (assert_malformed / assert_invalid on a .wat) cannot run on a target without a
text parser: they are counted in the header and the runner prints the count. Anything else this
generator cannot encode (v128 values, unknown commands) is an error, never dropped silently.
"""
import json
import os
import struct
import sys

VERSION = 1

KIND = {
    "module": 1,
    "register": 2,
    "action": 3,
    "assert_return": 4,
    "assert_trap": 5,
    "assert_exhaustion": 6,
    "assert_invalid": 7,
    "assert_malformed": 8,
    "assert_unlinkable": 9,
    "assert_uninstantiable": 10,
}
MODULE_ASSERTIONS = ("assert_invalid", "assert_malformed", "assert_unlinkable", "assert_uninstantiable")
ACTION_ASSERTIONS = ("assert_trap", "assert_exhaustion")

VALUE_TYPE = {"i32": 0x7F, "i64": 0x7E, "f32": 0x7D, "f64": 0x7C, "funcref": 0x70, "externref": 0x6F}
WIDTH = {"i32": 32, "i64": 64, "f32": 32, "f64": 64, "funcref": 64, "externref": 64}
NAN_FORM = {"nan:canonical": 1, "nan:arithmetic": 2}
FORM_NULL = 3


class PackError(Exception):
    pass


def u8(n):
    return struct.pack("<B", n)


def u32(n):
    return struct.pack("<I", n)


def string(text):
    data = text.encode("utf-8")
    if len(data) > 0xFFFF:
        raise PackError("string longer than 65535 bytes")
    return struct.pack("<H", len(data)) + data


def blob(data):
    return u32(len(data)) + data


def value(v, where):
    kind = v.get("type")
    if kind not in VALUE_TYPE:
        raise PackError(f"{where}: value type {kind!r} cannot be encoded")
    text = v.get("value")
    if text is None:
        raise PackError(f"{where}: {kind} value without a value")
    if text == "null":
        return u8(VALUE_TYPE[kind]) + u8(FORM_NULL) + struct.pack("<Q", 0)
    if text in NAN_FORM:
        return u8(VALUE_TYPE[kind]) + u8(NAN_FORM[text]) + struct.pack("<Q", 0)
    if kind == "funcref":
        raise PackError(f"{where}: a funcref other than null cannot be named by the host")
    bits = int(text)
    if bits < 0:  # hand-written scripts may use signed decimals
        bits += 1 << WIDTH[kind]
    if not 0 <= bits < (1 << WIDTH[kind]):
        raise PackError(f"{where}: {kind} value {text} out of range")
    return u8(VALUE_TYPE[kind]) + u8(0) + struct.pack("<Q", bits)


def values(items, where):
    if len(items) > 255:
        raise PackError(f"{where}: more than 255 values")
    return u8(len(items)) + b"".join(value(v, where) for v in items)


def action(a, where):
    kinds = {"invoke": 0, "get": 1}
    if a.get("type") not in kinds:
        raise PackError(f"{where}: action type {a.get('type')!r} cannot be encoded")
    return (u8(kinds[a["type"]]) + string(a.get("module", "")) + string(a["field"]) +
            values(a.get("args", []), where))


def module_bytes(directory, command, where):
    with open(os.path.join(directory, command["filename"]), "rb") as f:
        return f.read()


def is_text_module(command):
    return command.get("module_type") == "text" or command.get("filename", "").endswith(".wat")


def encode(command, directory, text_modules):
    """The command's bytes, or None for a text-format module (counted in text_modules)."""
    kind = command["type"]
    line = command.get("line", 0)
    where = f"line {line}: {kind}"
    if kind == "assert_trap" and "filename" in command:  # a module whose start (or init) traps
        kind = "assert_uninstantiable"
    if kind not in KIND:
        raise PackError(f"{where}: command cannot be encoded")
    head = u8(KIND[kind]) + u32(line)
    if kind == "module":
        if is_text_module(command):
            raise PackError(f"{where}: a text-format module the script runs")
        return head + string(command.get("name", "")) + blob(module_bytes(directory, command, where))
    if kind == "register":
        return head + string(command["as"]) + string(command.get("name", ""))
    if kind == "action":
        return head + action(command["action"], where)
    if kind == "assert_return":
        if "either" in command:
            raise PackError(f"{where}: 'either' results cannot be encoded")
        return head + action(command["action"], where) + values(command["expected"], where)
    if kind in ACTION_ASSERTIONS:
        return head + action(command["action"], where) + string(command.get("text", ""))
    if kind in MODULE_ASSERTIONS:
        if is_text_module(command):
            text_modules.append(line)
            return None
        return head + blob(module_bytes(directory, command, where)) + string(command.get("text", ""))
    raise PackError(f"{where}: command cannot be encoded")


def pack(script_path):
    with open(script_path, encoding="utf-8") as f:
        script = json.load(f)
    directory = os.path.dirname(script_path)
    name = os.path.splitext(os.path.basename(script_path))[0]
    text_modules = []
    body = []
    for command in script["commands"]:
        encoded = encode(command, directory, text_modules)
        if encoded is not None:
            body.append(encoded)
    header = b"EMSP" + u8(VERSION) + string(name) + u32(len(text_modules)) + u32(len(body))
    return header + b"".join(body), len(body), len(text_modules)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: spec_pack.py SCRIPT.json OUTPUT.pack\n")
        return 2
    try:
        data, commands, text_modules = pack(argv[1])
    except (OSError, ValueError, KeyError, PackError) as e:
        sys.stderr.write(f"spec_pack.py: {argv[1]}: {e}\n")
        return 1
    with open(argv[2], "wb") as f:
        f.write(data)
    print(f"{os.path.basename(argv[2])}: {commands} commands, {len(data)} bytes, "
          f"text-format, not applicable on target: {text_modules}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
