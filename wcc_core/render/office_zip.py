"""Same assessment, same bytes: DOCX and XLSX files without the time they were written.

Both formats are zip files; python-docx and openpyxl stamp each zip entry with the
current time and openpyxl stamps docProps/core.xml with it too. `deterministic_zip`
rewrites the archive with one fixed date on every entry and the core properties'
created/modified set to that date (SOURCE_DATE_EPOCH when set, as reproducible builds
do, else 2010-01-01).
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from datetime import datetime, timezone

DEFAULT_EPOCH = 1262304000  # 2010-01-01T00:00:00Z


def fixed_datetime() -> datetime:
    """The one date DOCX and XLSX files carry: SOURCE_DATE_EPOCH when set, else 2010-01-01 (naive, in UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else DEFAULT_EPOCH
    return datetime.fromtimestamp(seconds, tz=timezone.utc).replace(tzinfo=None)


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def deterministic_zip(data: bytes) -> bytes:
    """`data` (a zip) rewritten with fixed entry dates and fixed core-property dates."""
    when = fixed_datetime()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    date_time = time.gmtime(when.replace(tzinfo=timezone.utc).timestamp())[:6]
    date_time = max(date_time, (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(3), body)
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()
