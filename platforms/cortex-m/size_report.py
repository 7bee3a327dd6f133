#!/usr/bin/env python3
"""Size report of a firmware link, from its GNU ld map file.

usage: size_report.py FIRMWARE.map

Prints, for Ember's own code (the core library libember.a, and the WASI layer libember_wasi.a when
linked) and for everything else (C library, libgcc, the program), the bytes each contributes to
.text (code and read-only data, what goes to flash), .data (flash and RAM) and .bss (RAM), after
--gc-sections dropped what nothing references. One line per figure, `name = bytes`.
"""
import re
import sys

LINE_WITH_NAME = re.compile(r"^ (\.\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(.+)$")
NAME_ONLY = re.compile(r"^ (\.\S+)$")
CONTINUATION = re.compile(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(.+)$")


def kind_of(section):
    if section.startswith((".text", ".rodata", ".ARM.extab", ".ARM.exidx", ".init_array", ".preinit_array")):
        return "text"
    if section.startswith(".data"):
        return "data"
    if section.startswith((".bss", "COMMON")):
        return "bss"
    return None


def owner_of(path):
    if "libember.a(" in path:
        return "core"
    if "libember_wasi.a(" in path:
        return "wasi"
    return "other"


def main():
    sizes = {(o, k): 0 for o in ("core", "wasi", "other") for k in ("text", "data", "bss")}
    in_map = False
    pending = None
    with open(sys.argv[1]) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map:
                continue
            m = LINE_WITH_NAME.match(line)
            if m:
                section, size, path = m.group(1), int(m.group(3), 16), m.group(4)
            else:
                m = NAME_ONLY.match(line)
                if m:
                    pending = m.group(1)
                    continue
                m = CONTINUATION.match(line)
                if not (m and pending):
                    pending = None
                    continue
                section, size, path = pending, int(m.group(2), 16), m.group(3)
            pending = None
            kind = kind_of(section)
            if kind and size and not path.startswith("*"):
                sizes[(owner_of(path), kind)] += size
    for owner in ("core", "wasi", "other"):
        for kind in ("text", "data", "bss"):
            print(f"{owner}_{kind}_bytes = {sizes[(owner, kind)]}")


if __name__ == "__main__":
    main()
