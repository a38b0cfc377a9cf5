#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a Debian copyright file in the machine-readable format (DEP-5, copyright-format 1.0,
https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/) with the standard library
only (python3-debian is not a build dependency): the header paragraph first with Format:,
Upstream-Name: and Source:, every Files paragraph with Copyright: and License:, every licence
named without its text there given in a standalone License paragraph, and the project's own
licence GPL-3.0-or-later pointing to /usr/share/common-licenses/GPL-3.
Usage: check_copyright.py FILE; prints what is wrong and exits 1, or prints a summary."""
import re
import sys

FORMAT = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
FIELD = re.compile(r"^([!-9;-~][!-9;-~]*):(.*)$")  # deb822: any printable but ':' and space


def paragraphs(text, problems):
    """Splits deb822 text into paragraphs of {field: (first line, continuation lines)}."""
    result, current, last = [], {}, None
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            if current:
                result.append(current)
            current, last = {}, None
        elif line[0] in " \t":
            if last is None:
                problems.append(f"line {number}: continuation line outside a field")
            else:
                current[last][1].append(line[1:])
        else:
            match = FIELD.match(line)
            if not match:
                problems.append(f"line {number}: not 'Field: value': {line!r}")
                continue
            last = match.group(1).lower()
            if last in current:
                problems.append(f"line {number}: field {match.group(1)} twice in one paragraph")
            current[last] = (match.group(2).strip(), [])
    if current:
        result.append(current)
    return result


def licence_names(expression):
    """The short names in a License: expression such as 'LGPL-3 or GPL-2' or 'MIT, and BSD'."""
    return [n for n in re.split(r"\s*,?\s+(?:or|and)\s+|\s*,\s*", expression.strip()) if n]


def main(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    problems = []
    if not text.startswith(f"Format: {FORMAT}\n"):
        problems.append(f"the first line is not 'Format: {FORMAT}'")
    paras = paragraphs(text, problems)
    if not paras:
        print(f"{path}: no paragraphs", file=sys.stderr)
        return 1
    header, rest = paras[0], paras[1:]
    for field in ("format", "upstream-name", "source"):
        if field not in header:
            problems.append(f"the header paragraph lacks {field.title()}:")

    files = [p for p in rest if "files" in p]
    standalone = {p["license"][0]: p for p in rest if "files" not in p and "license" in p}
    if not files:
        problems.append("no Files paragraph")
    if not any(p["files"][0].split() == ["*"] for p in files):
        problems.append("no 'Files: *' paragraph")
    needed = set()
    for p in files:
        where = f"Files: {p['files'][0]}"
        for field in ("copyright", "license"):
            if field not in p or not p[field][0]:
                problems.append(f"{where}: no {field.title()}:")
        if "license" in p and not p["license"][1]:  # a short name only: its text stands alone
            needed.update(licence_names(p["license"][0]))
    for p in rest:
        if "files" not in p and "license" not in p:
            problems.append(f"a paragraph with neither Files: nor License: ({', '.join(p)})")
    for name in sorted(needed):
        if name not in standalone:
            problems.append(f"licence {name} is named but has no standalone License paragraph")
        elif not standalone[name]["license"][1]:
            problems.append(f"the standalone License paragraph {name} has no text")
    own = standalone.get("GPL-3.0-or-later")
    if own is None or "/usr/share/common-licenses/GPL-3" not in "\n".join(own["license"][1]):
        problems.append("no GPL-3.0-or-later paragraph pointing to /usr/share/common-licenses/GPL-3")

    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"{path}: DEP-5 OK: {len(files)} Files paragraph(s), licences {', '.join(standalone)}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
