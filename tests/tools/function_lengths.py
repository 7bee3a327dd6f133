#!/usr/bin/env python3
"""Lists the C++ functions under the given directories that are longer than a limit, in lines from
the line of the opening brace's header to the closing brace; exits 1 when there is any.

  function_lengths.py [--max N] DIR...

A lexical scan, not a parser: comments, string and character literals and preprocessor lines are
blanked first, then a '{' whose header (the text since the previous ';', '{' or '}') ends like a
function's parameter list starts a function. Blocks nested in a function (lambdas, local classes)
count as part of it. Files ending in .inc are fragments included inside a function (the
interpreter's handler families): they are not functions and are not scanned.
"""
import argparse
import os
import re
import sys

CONTROL = re.compile(r"\b(if|for|while|switch|catch|do|else|return)\b")
FUNCTION_HEAD = re.compile(r"\)\s*(const\s*)?(noexcept\s*)?(override\s*)?(final\s*)?(->\s*[\w:<>,*& ]+)?$")


def blank(text):
    """Comments, literals and preprocessor lines replaced by spaces; newlines kept."""
    keep_lines = lambda m: re.sub(r"[^\n]", " ", m.group(0))
    text = re.sub(r"/\*.*?\*/", keep_lines, text, flags=re.S)
    text = re.sub(r"//[^\n]*", keep_lines, text)
    text = re.sub(r'"(\\.|[^"\\\n])*"', keep_lines, text)
    text = re.sub(r"'(\\.|[^'\\\n])*'", keep_lines, text)
    # Preprocessor lines, with their continuations.
    text = re.sub(r"^[ \t]*#(.*\\\n)*.*$", keep_lines, text, flags=re.M)
    return text


def functions(text):
    """(first line, line count, header) of each outermost function in `text`."""
    found = []
    open_blocks = []  # (line, header or None) of each open '{'
    line = 1
    last_break = -1
    for i, ch in enumerate(text):
        if ch == "\n":
            line += 1
        elif ch in "{}":
            if ch == "{":
                header = text[last_break + 1 : i].strip()
                last_line = header.split("\n")[-1].strip() if header else ""
                is_function = bool(FUNCTION_HEAD.search(header)) and not CONTROL.match(last_line) \
                    and not re.search(r"\b(if|for|while|switch)\s*\(", last_line)
                inside_function = any(h for _, h in open_blocks)
                start = line - header.count("\n")
                open_blocks.append((start, last_line if is_function and not inside_function else None))
            elif open_blocks:
                start, header = open_blocks.pop()
                if header:
                    found.append((start, line - start + 1, header))
            last_break = i
        elif ch == ";":
            last_break = i
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--max", type=int, default=150)
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    long_ones = []
    for top in args.dirs:
        for root, _, files in os.walk(top):
            for name in sorted(files):
                if not name.endswith((".cpp", ".h", ".c")):
                    continue
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    text = blank(f.read())
                for start, count, header in functions(text):
                    if count > args.max:
                        long_ones.append((count, path, start, header))
    for count, path, start, header in sorted(long_ones, reverse=True):
        print(f"{path}:{start}: {count} lines: {header[:100]}")
    if long_ones:
        print(f"{len(long_ones)} function(s) longer than {args.max} lines", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
