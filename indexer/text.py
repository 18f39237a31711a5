"""Plain-text (.txt) and Markdown (.md) documents into pages and numbered blocks.

A form feed starts a new page (as `pdftotext` and old word processors write them);
otherwise the whole file is one page. Pages are numbered physically. Blocks are
separated by blank lines; a list item ("- ", "* ", "1. ", "a) ") is a block of its own,
as is every cell of a Markdown table row. Markdown headings ("# ...", or a line
underlined with === or ---) are headings; in a .txt file a short numbered line standing
alone ("3.2 Market analysis") is a heading. Hard-wrapped lines are joined.
"""

from __future__ import annotations

import re
from pathlib import Path

from indexer.limits import LimitExceeded, Limits, check_pages
from indexer.model import Block, ExtractedDocument, Page, unreadable
from indexer.sections import section_number

# Every pattern here is applied to document text, so none may backtrack on long runs of
# one character (tests/robustness/test_regex_linear.py times them): a heading's closing
# hashes and a table's separator row are taken apart in code, not by the pattern.
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*)$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)]|[a-zA-Z][.)]|\([a-zA-Z0-9]{1,3}\))\s+\S")
_SEPARATOR_CELL = re.compile(r":?-{2,}:?")
_RULE = re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")  # a Markdown thematic break
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_SPACES = re.compile(r"\s+")
_MAX_TEXT_HEADING = 80  # a numbered line longer than this is a numbered paragraph


def extract_text(path: Path, limits: Limits | None = None) -> ExtractedDocument:
    """Extract a .txt or .md file; bad files come back unreadable, never raise.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; anything else is
    decoded as Windows-1252, with a note, rather than rejected. Raises LimitExceeded for
    a file larger than `limits.max_text_bytes` or with more pages than `limits.max_pages`
    (counted before any page is made: a file of form feeds costs nothing).
    """
    path = Path(path)
    limits = limits or Limits()
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_text_bytes + 1)
    except OSError as error:
        return unreadable(path.name, fmt, f"cannot read file: {error.strerror or error}")
    if len(data) > limits.max_text_bytes:
        raise LimitExceeded("size of a text file", limits.max_text_bytes, " bytes", "max_text_bytes")
    text, notes = decode(data)
    if text is None:
        return unreadable(path.name, fmt, "not a text file: it holds binary data")
    check_pages(text.count("\f") + 1 - (1 if text.rstrip(" \t\r\n").endswith("\f") else 0), limits)
    markdown = fmt == "md"
    page_texts = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    if len(page_texts) > 1 and not page_texts[-1].strip():
        page_texts.pop()  # a trailing form feed ends the last page; it does not start one
    pages = tuple(
        Page(physical=i + 1, label=str(i + 1), blocks=_number(_blocks(page, markdown)))
        for i, page in enumerate(page_texts)
    )
    return ExtractedDocument(file=path.name, format=fmt, pages=pages, numbering="physical", notes=notes)


def decode(data: bytes) -> tuple[str | None, tuple[str, ...]]:
    """Text of a file and any caveat about its encoding; None when the bytes are binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ("UTF-16 text: decoded as such",)
        except UnicodeDecodeError:
            return None, ()
    if b"\x00" in data[:8192]:
        return None, ()
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), ("not valid UTF-8: decoded as Windows-1252",)


def _number(drafts: list[tuple[str, str]]) -> tuple[Block, ...]:
    return tuple(
        Block(n=i + 1, kind=kind, text=text, section=section_number(text) if kind != "table_cell" else None)
        for i, (kind, text) in enumerate(drafts)
    )


def _join(lines: list[str]) -> str:
    return _SPACES.sub(" ", " ".join(lines)).strip()


def _blocks(page: str, markdown: bool) -> list[tuple[str, str]]:
    """(kind, text) of every block on one page, in order."""
    out: list[tuple[str, str]] = []
    current: list[str] = []
    current_kind = "paragraph"
    in_fence = False
    since_blank = 0  # blocks in `out` before the current blank-line paragraph
    single_line = [True]  # the current blank-line paragraph is one line so far

    def flush() -> None:
        nonlocal current, current_kind
        text = _join(current)
        if text:
            out.append((current_kind, text))
        current, current_kind = [], "paragraph"

    def end_of_paragraph() -> None:
        # In plain text a short numbered line standing alone between blank lines is a heading.
        nonlocal since_blank
        flush()
        if not markdown and len(out) - since_blank == 1 and single_line[0] and _is_text_heading(out[-1][1]):
            out[-1] = ("heading", out[-1][1])
        since_blank = len(out)
        single_line[0] = True

    lines = page.split("\n")
    for i, line in enumerate(lines):
        if markdown and _FENCE.match(line):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:  # a code block is one paragraph, lines kept as written
            current.append(line)
            continue
        if not line.strip():
            end_of_paragraph()
            continue
        if current or len(out) > since_blank:
            single_line[0] = False
        if markdown:
            heading = _ATX_HEADING.match(line)
            if heading:
                flush()
                out.append(("heading", _join([_atx_text(heading.group(2))])))
                continue
            if _SETEXT_UNDERLINE.match(line) and current and current_kind == "paragraph":
                current_kind = "heading"
                flush()
                continue
            if _RULE.match(line):
                flush()
                continue
            if line.lstrip().startswith("|"):
                flush()
                if not _is_table_separator(line):
                    out.extend(("table_cell", cell) for cell in _table_cells(line))
                continue
        if _LIST_ITEM.match(line):
            flush()
            current_kind = "list_item"
            current.append(line.strip())
            continue
        current.append(line)
    end_of_paragraph()
    return out


def _atx_text(rest: str) -> str:
    """A Markdown heading's text without its optional closing hashes ("## Plan ##" -> "Plan")."""
    text = rest.strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1].isspace()):
        text = bare.strip()
    return text


def _is_table_separator(line: str) -> bool:
    """A Markdown table's |---|:--:| row."""
    cells = line.strip().strip("|").split("|")
    return all(_SEPARATOR_CELL.fullmatch(cell.strip()) for cell in cells)


def _table_cells(line: str) -> list[str]:
    cells = line.strip().strip("|").split("|")
    return [_join([c]) for c in cells if c.strip()]


def _is_text_heading(text: str) -> bool:
    """A short line standing alone and starting with a section number: a heading in plain text."""
    return len(text) <= _MAX_TEXT_HEADING and not text.endswith((".", ":", ";", ",")) and section_number(text) is not None
