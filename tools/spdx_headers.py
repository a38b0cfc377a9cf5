#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""SPDX licence tags (https://spdx.github.io/spdx-spec/v2.3/using-SPDX-short-identifiers-in-source-files/)
on Weightscope's own source files: the project is GPL-3.0-or-later (LICENSE).

  spdx_headers.py --check   lists every source file that lacks the tag within its first 3 lines
                            and exits 1 if there is any (./dev test runs this when the file
                            .spdx-enforced exists at the top of the tree)
  spdx_headers.py --fix     adds the tag as the first line (after a shebang line and a Python
                            coding line, which must stay first)

The files: those git tracks under the folders in ROOTS with a suffix in COMMENT, every
CMakeLists.txt there and at the top, and the scripts in SCRIPTS. A file with an SPDX tag naming
another licence is reported and never changed: a person decides. Standard library only."""
import argparse
import re
import subprocess
import sys
from pathlib import Path

TAG = "SPDX-License-Identifier: GPL-3.0-or-later"
ROOTS = ("app", "core", "ui", "tests", "bench", "fuzz", "tools", "cmake", "resources")
SCRIPTS = ("dev", ".ci/run", "CMakeLists.txt")  # at the top of the tree
COMMENT = {".cpp": "//", ".h": "//", ".hpp": "//", ".c": "//",
           ".py": "#", ".sh": "#", ".cmake": "#"}
LOOK = 3  # the tag must be within the first LOOK lines
CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=]")  # PEP 263: line 1 or 2 only


def repo_root():
    here = Path(__file__).resolve().parent
    out = subprocess.run(["git", "-C", str(here), "rev-parse", "--show-toplevel"],
                         check=True, capture_output=True, text=True)
    return Path(out.stdout.strip())


def comment_of(rel):
    """The line-comment marker for a tracked path, or None if it is not a source file here."""
    path = Path(rel)
    if rel in SCRIPTS or path.name == "CMakeLists.txt":
        return "#"
    if path.parts[0] in ROOTS and len(path.parts) > 1:
        # Test data written by other programs is not ours to tag.
        if path.parts[:2] == ("tests", "data"):
            return None
        return COMMENT.get(path.suffix)
    return None


def source_files(root):
    out = subprocess.run(["git", "-C", str(root), "ls-files", "-z"],
                         check=True, capture_output=True)
    for rel in sorted(out.stdout.decode("utf-8").split("\0")):
        if not rel:
            continue
        marker = comment_of(rel)
        if marker and (root / rel).is_file():  # tracked but deleted in the worktree: skip
            yield rel, marker


def first_lines(data, count):
    return data.split(b"\n", count)[:count]


def status(data):
    """'ok', 'missing' or 'other' (an SPDX tag naming something else in the first lines)."""
    head = first_lines(data, LOOK)
    if any(TAG.encode() in line for line in head):
        return "ok"
    if any(b"SPDX-License-Identifier:" in line for line in head):
        return "other"
    return "missing"


def with_tag(data, marker):
    """data with the tag added: first, or after a shebang and a coding line that must stay first."""
    lines = data.split(b"\n")
    newline = b"\r\n" if lines[0].endswith(b"\r") else b"\n"  # keep a file's CRLF
    keep = 0
    if lines and lines[0].startswith(b"#!"):
        keep = 1
    if marker == "#" and len(lines) > keep and CODING.match(lines[keep]):
        keep += 1
    tag = f"{marker} {TAG}".encode() + newline
    if keep == 0:
        return tag + data
    head = b"\n".join(lines[:keep])
    rest = b"\n".join(lines[keep:])
    if keep == len(lines):  # only the shebang, without a final newline
        return head + newline + tag
    return head + b"\n" + tag + rest


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="list files without the tag; exit 1 if any")
    mode.add_argument("--fix", action="store_true", help="add the tag where it is missing")
    args = parser.parse_args()

    root = repo_root()
    missing, other, fixed, total = [], [], [], 0
    for rel, marker in source_files(root):
        total += 1
        path = root / rel
        data = path.read_bytes()
        state = status(data)
        if state == "other":
            other.append(rel)
        elif state == "missing":
            if args.fix:
                with open(path, "r+b") as f:  # in place: keeps the mode (executable scripts)
                    f.write(with_tag(data, marker))
                fixed.append(rel)
            else:
                missing.append(rel)

    for rel in other:
        print(f"{rel}: has an SPDX tag for another licence; not changed", file=sys.stderr)
    if args.fix:
        print(f"added the tag to {len(fixed)} of {total} source files", file=sys.stderr)
        return 1 if other else 0
    for rel in missing:
        print(rel)
    if missing or other:
        print(f"{len(missing) + len(other)} of {total} source files lack '{TAG}' in their first "
              f"{LOOK} lines (tools/spdx_headers.py --fix adds it)", file=sys.stderr)
        return 1
    print(f"all {total} source files carry '{TAG}'", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
