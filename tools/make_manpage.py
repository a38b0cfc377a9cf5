#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes weightscope-cli.1 from packaging/weightscope-cli.1.in and the program's own --help.

Usage: make_manpage.py CLI TEMPLATE OUTPUT VERSION
Each command's --help becomes one subsection: "  --option ARG   text" lines become tagged
paragraphs, other indented lines stay as written (no filling), and consecutive plain lines make one
paragraph (filled: a help text wrapped for a terminal reads as running text in the page).
"""
import datetime
import os
import re
import subprocess
import sys

OPTION = re.compile(r"^  (-\S+(?: \S+)?)\s{2,}(.*)$")


def roff_escape(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    # A line starting with . or ' would be a roff request.
    return re.sub(r"^([.'])", r"\\&\1", text)


def command_section(cli, command):
    out = subprocess.run([cli, command, "--help"], check=True, capture_output=True, text=True).stdout
    lines = out.splitlines()
    roff = [f".SS {command}"]
    in_block = False
    in_para = False
    for line in lines:
        if not line.strip() or line.startswith("  ") or line.startswith("usage: "):
            in_para = False
        if line.startswith("usage: "):
            roff += [".PP", ".B " + roff_escape(line[len("usage: "):])]
            continue
        match = OPTION.match(line)
        if match:
            if in_block:
                roff.append(".fi")
                in_block = False
            flag, _, arg = match.group(1).partition(" ")
            head = f"\\fB{roff_escape(flag)}\\fR" + (f" \\fI{roff_escape(arg)}\\fR" if arg else "")
            roff += [".TP", head, roff_escape(match.group(2))]
        elif line.startswith("  "):
            if not in_block:
                roff += [".PP", ".nf"]
                in_block = True
            roff.append(roff_escape(line))
        elif line.strip():
            if in_block:
                roff.append(".fi")
                in_block = False
            if not in_para:
                roff.append(".PP")
                in_para = True
            roff.append(roff_escape(line))
    if in_block:
        roff.append(".fi")
    return "\n".join(roff)


def commands_of(cli):
    """The commands `weightscope-cli --help` lists under "Commands:", so new ones appear here too."""
    out = subprocess.run([cli, "--help"], check=True, capture_output=True, text=True).stdout
    listing = out.split("Commands:", 1)[1] if "Commands:" in out else ""
    commands = []
    for line in listing.splitlines():
        match = re.match(r"^  ([a-z][a-z0-9-]*)\s{2,}", line)
        if match:
            commands.append(match.group(1))
        elif commands and not line.strip():
            break
    if not commands:
        sys.exit(f"make_manpage.py: no commands found in {cli} --help")
    return commands


def main():
    cli, template, output, version = sys.argv[1:5]
    commands = commands_of(cli)
    # SOURCE_DATE_EPOCH keeps the page reproducible (reproducible-builds.org).
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", datetime.datetime.now().timestamp()))
    date = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%d")
    text = open(template, encoding="utf-8").read()
    text = text.replace("@COMMANDS@", "\n".join(command_section(cli, c) for c in commands))
    text = text.replace("@VERSION@", version).replace("@DATE@", date)
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
