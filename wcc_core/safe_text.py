"""Text from documents, submissions and review files made safe for each kind of output.

A submission is untrusted input, and so is a review file people edit by hand and share.
Their text can carry terminal control sequences (ESC [ ... to move the cursor or
recolour the screen, OSC 8 hyperlinks, OSC 52 which writes the clipboard, BEL), text
a spreadsheet would run as a formula (=HYPERLINK(...), +cmd|...), characters XML
refuses, bidirectional overrides that make text display in another order than it
reads ("Trojan Source"), and values longer than a format allows.

One guard per kind of output, each applied to the text *as it is written*, after every
other transformation (a guard that looked at the raw value and then changed it could
let "\\x01=HYPERLINK(...)" through as a formula):

* `terminal_safe`: the terminal (and `terminal_styled` for wcc's own colours,
  `json_for_terminal` for JSON printed there);
* `spreadsheet_safe`: a CSV or XLSX cell;
* `xml_safe`: text in a Word document or workbook (`office_property` for the core
  properties of Word documents and workbooks, 255 characters at most; `sheet_name`);
* `html_safe`: text the HTML report's templates print (escaped by Jinja after it).

docs/reliability.md lists every place such text enters and leaves.
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences: CSI (ESC [ ... final byte), OSC/DCS/APC/PM/SOS strings
# (ESC ] ... up to BEL or ESC \), and two-character escapes. Bounded repetition and no
# nested quantifiers: linear on any input.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]?"  # CSI
    r"|\x1b[\]PX^_][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?"  # OSC, DCS, SOS, PM, APC
    r"|\x9b[0-?]{0,64}[ -/]{0,16}[@-~]?"  # 8-bit CSI
    r"|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]{0,4096}(?:\x07|\x9c)?"  # 8-bit OSC, DCS, SOS, PM, APC
    r"|\x1b[ -~]?"  # any other escape
)
# Bidirectional formatting: embeddings and overrides (U+202A-U+202E), isolates
# (U+2066-U+2069) and the marks (U+200E, U+200F, U+061C), which reorder what is shown.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# What remains to remove for a terminal: C0 controls but tab and newline, DEL, C1
# controls, bidi formatting, and the line and paragraph separators some terminals and
# editors take as a line break, and lone surrogates (which no terminal encoding can write).
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")
# What XML 1.0 refuses (C0 but tab, newline and CR; lone surrogates; U+FFFE, U+FFFF),
# plus what is unsafe to show anywhere (C1, DEL, bidi formatting).
_NOT_XML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff\ufffe\uffff]")
# Only SGR ("ESC [ 1;31 m": colours and bold) survives in wcc's own styled output.
_SGR = re.compile(r"\x1b\[[0-9;]{0,64}m")

# A spreadsheet runs a cell as a formula when its first character is one of these
# (OWASP's list, with the full-width forms some locales of Excel accept); characters a
# spreadsheet skips or trims before looking (white space, format characters) do not hide one.
FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
_SKIPPED_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})
# Excel's limit on the characters in one cell: a longer one makes the file "damaged".
MAX_CELL_CHARS = 32_767
# Word's core properties (title, subject, ...) hold at most 255 characters.
MAX_DOCX_PROPERTY_CHARS = 255
# Excel's limit on a sheet name, which also may not hold : \ / ? * [ ].
MAX_SHEET_NAME_CHARS = 31
_SHEET_NAME_REFUSED = re.compile(r"[:\\/?*\[\]]")
ELLIPSIS = "…"

# Characters a terminal shows as something else than themselves, for JSON on a terminal.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029]")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def terminal_safe(text: object) -> str:
    """`text` as a string without escape sequences or control characters (tab and newline kept).

    >>> terminal_safe("plan\\x1b]52;c;ZWNobw==\\x07 p.4\\x1b[2J")
    'plan p.4'
    """
    text = _text(text)
    if text.isprintable():
        return text  # the usual case, decided in C
    # Escape sequences first, so their parameters go with them; then every control
    # character left, so nothing the first pass left can start a new sequence.
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def terminal_styled(text: object) -> str:
    """wcc's own styled output (rich's colours) for the terminal: SGR colour codes kept, nothing else.

    The renderer cleans every value it styles; this is the check on what is written.
    """
    text = _text(text)
    pieces = _SGR.split(text)
    codes = _SGR.findall(text)
    out = [terminal_safe(pieces[0])]
    for code, piece in zip(codes, pieces[1:]):
        out += [code, terminal_safe(piece)]
    return "".join(out)


def json_for_terminal(text: str) -> str:
    """JSON text (from json.dumps) with DEL, C1 controls and bidi formatting written as \\uXXXX escapes.

    json.dumps(..., ensure_ascii=False) escapes C0 controls but writes the 8-bit CSI
    or U+202E as they are; a terminal would act on them. The escaped form is the same
    JSON value (such characters can only occur inside strings).
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take `text` for a formula: its first shown character is = + - @."""
    for char in text:
        if unicodedata.category(char) in _SKIPPED_CATEGORIES:
            continue
        return char in FORMULA_START
    return False


def spreadsheet_safe(value: object) -> object:
    """A CSV or XLSX cell value that a spreadsheet shows as text, never runs as a formula.

    Control characters and bidi formatting are removed and the text is cut to Excel's
    32,767 characters; then, if what is left would start a formula (= + - @, also after
    white space), it gets a leading apostrophe, as OWASP advises. Numbers and None are
    unchanged, so a negative number stays a number.

    >>> spreadsheet_safe('=HYPERLINK("http://x", "p.4")')
    '\\'=HYPERLINK("http://x", "p.4")'
    >>> spreadsheet_safe("\\x01=1")
    "'=1"
    >>> spreadsheet_safe(-3.5)
    -3.5
    """
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = xml_safe(terminal_safe(value))
    if starts_like_formula(text):
        return "'" + _cut(text, MAX_CELL_CHARS - 1)
    return _cut(text, MAX_CELL_CHARS)


def xml_safe(text: object) -> str:
    """`text` without what XML 1.0 refuses or a reader would be misled by (controls, bidi formatting).

    Tab, newline and carriage return are kept: they are text in Word and in a workbook.
    """
    text = _text(text)
    return text if text.isprintable() else _NOT_XML.sub("", text)


def office_property(text: object) -> str:
    """A core property of a Word document or workbook (title, subject): XML-safe, one line, at most 255 characters."""
    return _cut(" ".join(xml_safe(text).split()), MAX_DOCX_PROPERTY_CHARS)


def sheet_name(text: object) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of : \\ / ? * [ ]."""
    name = _SHEET_NAME_REFUSED.sub(" ", " ".join(xml_safe(text).split())).strip("' ") or "Sheet"
    return _cut(name, MAX_SHEET_NAME_CHARS)


def html_safe(value: object) -> object:
    """Text for the HTML report before Jinja escapes it: no controls, no bidi formatting.

    Jinja's autoescaping keeps markup out; this keeps out what escaping cannot (a
    U+202E that shows a level backwards, a control character the HTML parser refuses).
    Non-text values (numbers, None, Markup of the templates' own CSS and script) pass.
    """
    if not isinstance(value, str) or hasattr(value, "__html__"):
        return value
    return xml_safe(value)
