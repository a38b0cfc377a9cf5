#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a Qt .ts file is not complete and current.

Usage: check_translations.py LUPDATE [-IDIR...] TS_FILE... -- SOURCE...

For each .ts file, two checks:
1. As committed: every message is translated (no type="unfinished", "vanished" or "obsolete",
   no empty translation or numerus form), and a translation uses the same %1..%99 and %n
   placeholders as its source.
2. Against the code: lupdate refreshes a scratch copy from the sources (as the `lupdate` target
   does, but keeping vanished entries). A string added to the code shows up as unfinished, a string
   removed from the code as vanished; both fail with the context and the text to fix.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(?:\d{1,2}|n)")


def problems(ts_path):
    found = []
    root = ET.parse(ts_path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            where = f"{name}: {source!r}"
            translation = message.find("translation")
            if translation is None:
                found.append(f"no translation element: {where}")
                continue
            kind = translation.get("type")
            if kind in ("unfinished", "vanished", "obsolete"):
                found.append(f"{kind}: {where}")
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] if message.get("numerus") == "yes" \
                else [translation.text or ""]
            if not forms or any(not f.strip() for f in forms):
                found.append(f"empty translation: {where}")
                continue
            wanted = sorted(set(PLACEHOLDER.findall(source)))
            for form in forms:
                got = sorted(set(PLACEHOLDER.findall(form)))
                # A numerus form may leave out %n ("one step" for n == 1), never add others.
                if got != wanted and not (message.get("numerus") == "yes" and sorted(set(wanted) - {"%n"}) == got):
                    found.append(f"placeholders {got} instead of {wanted}: {where} -> {form!r}")
    return found


def main():
    if "--" not in sys.argv:
        sys.exit(__doc__)
    split = sys.argv.index("--")
    lupdate, sources = sys.argv[1], sys.argv[split + 1:]
    # Include paths let lupdate resolve the classes (and so the contexts) of tr() calls.
    includes = [a for a in sys.argv[2:split] if a.startswith("-I")]
    ts_files = [a for a in sys.argv[2:split] if not a.startswith("-I")]
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        for ts in ts_files:
            name = os.path.basename(ts)
            committed = problems(ts)
            copy = os.path.join(scratch, name)
            shutil.copyfile(ts, copy)
            subprocess.run([lupdate, "-silent", "-locations", "none", *includes, *sources, "-ts", copy], check=True)
            refreshed = [p for p in problems(copy) if p not in committed]
            for p in committed:
                print(f"{name}: {p}")
            for p in refreshed:
                print(f"{name} (after lupdate; build the `lupdate` target and translate): {p}")
            failures += len(committed) + len(refreshed)
            count = sum(1 for _ in ET.parse(ts).getroot().iter("message"))
            print(f"{name}: {count} messages, {len(committed) + len(refreshed)} problems")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
