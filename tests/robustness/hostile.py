"""Hostile and broken documents, made on the fly: zip bombs, deep nesting, floods of pages.

Each maker writes one file and returns its path. The DOCX makers write the few parts
a DOCX needs by hand, so a test controls every byte of the zip.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def document_xml(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def write_docx(path: Path, body: str, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document_xml(body))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def nested_tables(path: Path, depth: int) -> Path:
    """A DOCX whose one table holds a table in its cell, `depth` tables deep, text at the bottom."""
    body = "<w:tbl><w:tr><w:tc>" * depth + paragraph("The innermost cell.") + "</w:tc></w:tr></w:tbl>" * depth
    return write_docx(path, body + paragraph("After the tables."))


def zip_bomb(path: Path, megabytes: int) -> Path:
    """A DOCX whose document.xml decompresses to `megabytes` MB of spaces inside one run."""
    filler = " " * (megabytes * 1024 * 1024)
    return write_docx(path, f"<w:p><w:r><w:t>{filler}</w:t></w:r></w:p>")


def forge_sizes(path: Path, member: str, claimed: int) -> Path:
    """Rewrite the uncompressed size the zip's headers claim for `member` (local and central)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    # Local file header: signature PK\3\4, uncompressed size at offset 22.
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:
        name_len = struct.unpack_from("<H", data, at + 26)[0]
        if data[at + 30 : at + 30 + name_len] == name:
            struct.pack_into("<I", data, at + 22, claimed)
        at += 4
    # Central directory entry: signature PK\1\2, uncompressed size at offset 24.
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == name:
            struct.pack_into("<I", data, at + 24, claimed)
        at += 4
    path.write_bytes(bytes(data))
    return path


def many_members(path: Path, members: int) -> Path:
    return write_docx(path, paragraph("Few words."), {f"word/media/image{i}.bin": b"x" for i in range(members)})


def form_feeds(path: Path, count: int) -> Path:
    path.write_bytes(b"\f" * count)
    return path


def paragraphs(path: Path, count: int, words: int = 8) -> Path:
    path.write_text("\n\n".join(" ".join(["commissioning"] * words) for _ in range(count)))
    return path
