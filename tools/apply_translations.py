#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fills unfinished messages of the .ts files from translations/pending/*.json.

Usage: apply_translations.py [--keep]
(run after `cmake --build --preset release -t lupdate`, then lupdate once more to restore its layout)

Parallel branches must not edit the .ts files themselves (their merges conflict line by line).
Each branch instead writes the translations of the strings it adds to
translations/pending/<branch>.json, a list of objects

    {"context": "ClassName", "source": "English text, exactly as in tr()",
     "de": "Deutsch", "fr": "Français"}

("de"/"fr" may be lists of numerus forms for tr(..., n) strings). After merging, lupdate adds
the new strings as unfinished; this script fills them in and removes the pending files (unless
--keep). Entries it cannot place are reported; they stay, so nothing is lost silently.
"""
import glob
import json
import os
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = ("de", "fr")


def load_pending():
    entries = {}
    files = sorted(glob.glob(os.path.join(ROOT, "translations", "pending", "*.json")))
    for path in files:
        with open(path, encoding="utf-8") as f:
            for e in json.load(f):
                # "TrainingPanel" and "ws::ui::TrainingPanel" name the same context
                entries[(e["context"].split("::")[-1], e["source"])] = e
    return files, entries


def write_ts(tree, path):
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")


def apply(lang, entries):
    path = os.path.join(ROOT, "translations", f"weightscope_{lang}.ts")
    tree = ET.parse(path)
    used = set()
    changed = False
    for context in tree.getroot().iter("context"):
        name = context.findtext("name").split("::")[-1]
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "")
            translation = message.find("translation")
            if key not in entries or translation is None:
                continue
            used.add(key)
            if translation.get("type") != "unfinished":
                continue
            value = entries[key][lang]
            if message.get("numerus") == "yes":
                forms = value if isinstance(value, list) else [value]
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value
            del translation.attrib["type"]
            changed = True
    if changed:  # lupdate afterwards restores its own layout of the file
        write_ts(tree, path)
    return used


def main():
    files, entries = load_pending()
    used = set(entries)
    for lang in LANGS:
        used &= apply(lang, entries)
    missing = set(entries) - used
    for context, source in sorted(missing):
        print(f"not in the .ts files (run lupdate first?): {context}: {source!r}", file=sys.stderr)
    if not missing and "--keep" not in sys.argv:
        for path in files:
            os.remove(path)
    print(f"{len(used)} translations applied from {len(files)} file(s)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
