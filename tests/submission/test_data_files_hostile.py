"""CSV files as spreadsheets really write them: shifted columns, decimal commas, other encodings.

Nothing is read silently wrong: each is a finding naming the file, the row (its line) and
the column, or a warning naming the encoding.
"""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from tests.submission.factory import valid_submission_data, write_submission
from wcc_core.cli.main import cli
from wcc_core.submission.data_files import read_finance, read_metrics

HEADER = "year,kind,scenario,income,surplus,sha_expected_surplus\n"


def findings_of(tmp_path, text: str | bytes, reader=read_finance):
    path = tmp_path / "f.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    rows, findings = reader(tmp_path, "f.csv")
    return rows, [(f.key, f.severity, f.message) for f in findings]


def test_an_unquoted_thousands_separator_that_shifts_columns_is_named_with_line_and_column(tmp_path):
    rows, findings = findings_of(tmp_path, HEADER + "2009/10,plan,base,512.3,1.2,2.0\n2010/11,plan,base,269,900,1.5,2.0\n")
    assert len(rows) == 1  # the shifted row is not used
    assert findings == [("row 3, income", "error",
                         "'269,900' looks like one number written with a thousands separator and no quotes, which "
                         "splits it and shifts every later column: write 269900 or \"269,900\"")]


def test_a_quoted_thousands_separator_is_a_number(tmp_path):
    rows, findings = findings_of(tmp_path, HEADER + '2010/11,plan,base,"269,900",-1.5,2\n')
    assert findings == [] and rows[0].income == 269900.0


def test_ragged_rows_are_findings_not_valid(tmp_path):
    rows, findings = findings_of(tmp_path, HEADER + "2010/11,plan,base,1\n2011/12,plan,base,1,2,3,x,y\n")
    assert rows == []
    assert [f[0] for f in findings] == ["row 2, surplus", "row 3, column 7"]
    assert "no value for surplus, sha_expected_surplus" in findings[0][2]
    assert "the row has 8 fields but the header has 6" in findings[1][2]


def test_a_decimal_comma_is_a_finding_never_a_number_ten_times_too_big(tmp_path):
    rows, findings = findings_of(tmp_path, HEADER + '2010/11,plan,base,"1,5",2,3\n')
    assert rows[0].income is None
    assert findings == [("row 2, income", "error",
                         "'1,5' is not a number: a comma only separates thousands (1,234,567); write 1.5")]


def test_a_semicolon_separated_file_from_excel_is_refused_clearly(tmp_path):
    rows, findings = findings_of(tmp_path, HEADER.replace(",", ";") + "2010/11;plan;base;1,5;2;3\n")
    assert rows == [] and findings[0][0] == "header" and "semicolon-separated" in findings[0][2]


def test_utf16_is_read_and_named(tmp_path):
    rows, findings = findings_of(tmp_path, (HEADER + "2010/11,plan,base,1,2,3\n").encode("utf-16"))
    assert rows[0].income == 1.0
    assert findings == [("", "warning", "is UTF-16 text (as Excel's 'Unicode text' writes): read as such; save it as CSV UTF-8")]


def test_utf16_without_a_byte_order_mark_is_named(tmp_path):
    _, findings = findings_of(tmp_path, (HEADER + "2010/11,plan,base,1,2,3\n").encode("utf-16-le"))
    assert findings == [("", "error", "is UTF-16 text without a byte-order mark: save it as CSV UTF-8")]


def test_windows_1252_is_read_and_named(tmp_path):
    text = "key,value,unit,period,benchmark,benchmark_label\nspend,1,£m,2009,2,Région\n"
    rows, findings = findings_of(tmp_path, text.encode("cp1252"), read_metrics)
    assert rows[0].unit == "£m" and rows[0].benchmark_label == "Région"
    assert findings == [("", "warning", "is not UTF-8 (byte 0xa3 on line 2): read as Windows-1252, as older "
                                        "Excel writes it; save it as CSV UTF-8")]


def test_a_spreadsheet_saved_as_xlsx_under_a_csv_name_is_binary(tmp_path):
    _, findings = findings_of(tmp_path, b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    assert findings[0][0] == "" and "holds binary data" in findings[0][2]


def test_a_fifo_named_as_a_data_file_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "f.csv")
    rows, findings = read_finance(tmp_path, "f.csv")
    assert rows == [] and findings[0].message == "is not a regular file"


def test_validate_reports_a_shifted_column_with_file_line_and_column(tmp_path):
    data = valid_submission_data()
    data["data"] = {"finance": "data/finance.csv"}
    write_submission(tmp_path, data)
    (tmp_path / "data" / "finance.csv").write_text(HEADER + "2010/11,plan,base,269,900,1.5,2.0\n")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "data/finance.csv: row 2, income: '269,900' looks like one number" in result.output


def test_validate_counts_a_documents_pages_in_a_worker_and_reports_too_many(tmp_path):
    from tests.signposts.submissions import pdf
    from wcc_core.framework import load_framework
    from wcc_core.submission.validate import validate_folder

    data = valid_submission_data()
    data["documents"].append({"id": "PW", "type": "pathway_description", "file": "documents/pathway.pdf"})
    write_submission(tmp_path, data)
    pdf(tmp_path / "documents" / "pathway.pdf", [["A pathway page."]] * 7)
    _, findings = validate_folder(tmp_path, load_framework)
    assert any("has 7 pages; the handbook allows at most 5" in f.message for f in findings), findings


def test_validate_counts_every_limited_documents_pages_in_one_worker_in_order(tmp_path, monkeypatch):
    from indexer import workers
    from tests.signposts.submissions import pdf
    from wcc_core.framework import load_framework
    from wcc_core.submission.validate import validate_folder

    data = valid_submission_data()
    for name, pages in (("long", 7), ("broken", 0), ("short", 2), ("longer", 9)):
        data["documents"].append({"id": name.upper(), "type": "pathway_description", "file": f"documents/{name}.pdf"})
    write_submission(tmp_path, data)
    for name, pages in (("long", 7), ("short", 2), ("longer", 9)):
        pdf(tmp_path / "documents" / f"{name}.pdf", [["A pathway page."]] * pages)
    (tmp_path / "documents" / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    started = []
    real_init = workers._Worker.__init__
    monkeypatch.setattr(workers._Worker, "__init__", lambda self, *a: started.append(1) or real_init(self, *a))
    _, findings = validate_folder(tmp_path, load_framework)
    too_long = [f.message for f in findings if "the handbook allows at most 5" in f.message]
    assert [m.split(" has ")[1][:7] for m in too_long] == ["7 pages", "9 pages"]  # in the documents' order
    assert [f.key for f in findings if "the handbook allows at most 5" in f.message][0].startswith("documents[")
    # One worker process for the four files (it was one each), and a fresh one after the file that
    # cannot be counted (a worker that answers nothing is replaced, as after a crash).
    assert len(started) == 2
