"""Text from documents and submissions made safe to show: on a terminal, in a spreadsheet.

A submission is untrusted input. Its documents and its submission.toml can carry
terminal control sequences (ESC [ ... to move the cursor or recolour the screen, OSC 8
hyperlinks, OSC 52 which writes the clipboard, BEL) and text that a spreadsheet would
run as a formula (=HYPERLINK(...), +cmd|...). Every renderer passes such text through
one of these two functions; JSON needs neither (json.dumps escapes control characters).
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final byte), OSC/DCS/APC/PM/SOS strings
# (ESC ] ... up to BEL or ESC \), and two-character escapes. Bounded repetition and no
# nested quantifiers: linear on any input.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]?"  # CSI
    r"|\x1b[\]PX^_][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?"  # OSC, DCS, SOS, PM, APC
    r"|\x9b[0-?]{0,64}[ -/]{0,16}[@-~]?"  # 8-bit CSI
    r"|\x9d[^\x07\x1b\x9c]{0,4096}(?:\x07|\x9c)?"  # 8-bit OSC
    r"|\x1b[ -~]?"  # any other escape
)
# What remains to remove: C0 controls but tab and newline, DEL, C1 controls, and the
# bidirectional overrides that make text display in another order than it reads
# ("Trojan Source").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def terminal_safe(text: object) -> str:
    """`text` as a string without escape sequences or control characters (tab and newline kept).

    >>> terminal_safe("plan\\x1b]52;c;ZWNobw==\\x07 p.4\\x1b[2J")
    'plan p.4'
    """
    text = "" if text is None else str(text)
    if text.isprintable():
        return text  # the usual case, decided in C
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def spreadsheet_safe(value: object) -> object:
    """A CSV or XLSX cell value that a spreadsheet shows as text, never runs as a formula.

    Text beginning with = + - @ (or a tab or carriage return) gets a leading apostrophe,
    as OWASP advises; control characters are removed. Numbers and None are unchanged,
    so a negative number stays a number.

    >>> spreadsheet_safe('=HYPERLINK("http://x", "p.4")')
    '\\'=HYPERLINK("http://x", "p.4")'
    >>> spreadsheet_safe(-3.5)
    -3.5
    """
    if not isinstance(value, str):
        return value
    text = terminal_safe(value) if not value.isprintable() else value
    if value.startswith(_FORMULA_START):
        return "'" + text
    return text
