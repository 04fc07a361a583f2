"""The encoding of a claims file is decided the same way wherever a stray byte stands; a
file that is not a claims file, or not in the --encoding given, is said to be so."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from honorar.claims import ClaimFileError, read_claims
from honorar.claims import head as reader_module
from honorar.claims.records import Claim, InvalidRow

from ..conftest import run_cli

HEADER = "claim_id,representative,scheme,date,attendance,hours,claimed_honorarium\n"
NAMES = ["Bjørn Ås", "Kari Nordmann", "Øystein Ødegård", "Åse Lie", "Pål Ærø"]


def utf8_file(rows: int, stray_in: int) -> bytes:
    """A UTF-8 file with Norwegian names and one byte that is not UTF-8 in row `stray_in`."""
    lines = [HEADER.encode()]
    for n in range(rows):
        name = NAMES[n % len(NAMES)].encode()
        if n == stray_in:
            name += b"\xe9"  # Windows-1252's 'é', alone: not UTF-8
        # a day of its own each: one person's rows of one day and length are one meeting
        day = (dt.date(2022, 3, 15) + dt.timedelta(days=n)).isoformat().encode()
        lines.append(b"K%d,%s,unn,%s,fysisk,3,1176\n" % (n, name, day))
    return b"".join(lines)


@pytest.mark.parametrize("head_bytes", [1 << 20, 400], ids=["in the head", "beyond the head"])
def test_one_stray_byte_spoils_one_row_wherever_it_is(monkeypatch, head_bytes):
    monkeypatch.setattr(reader_module, "SAMPLE_BYTES", head_bytes)
    data = utf8_file(40, stray_in=30)
    assert (data.index(b"\xe9") < head_bytes) == (head_bytes > 400)
    reader = read_claims(io.BytesIO(data))
    rows = list(reader)
    assert reader.encoding.label == "UTF-8"
    invalid = [r for r in rows if isinstance(r, InvalidRow)]
    assert [(r.row, r.key, r.column) for r in invalid] == [(32, "cell_not_decodable",
                                                            "representative")]
    claims = [r for r in rows if isinstance(r, Claim)]
    assert len(claims) == 39
    assert {c.representative for c in claims} == set(NAMES)  # 'ø' is 'ø' in every other row


def test_the_audit_reports_the_spoiled_row_and_audits_the_rest(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(utf8_file(10, stray_in=2))
    result = run_cli("audit", str(path), "--format", "json", "--lang", "en")
    report = json.loads(result.stdout)
    assert report["summary"]["reading"]["encoding"] == "UTF-8"
    findings = [(c["row"], f["code"]) for c in report["claims"] for f in c["findings"]]
    assert findings == [(4, "invalid_row")]
    assert "cannot be read as UTF-8" in report["claims"][2]["findings"][0]["message"]


def test_a_windows_1252_file_is_still_read_as_one():
    data = (HEADER + "".join(f"K{n},{name},unn,2022-03-15,fysisk,3,1176\n"
                             for n, name in enumerate(NAMES))).encode("cp1252")
    reader = read_claims(io.BytesIO(data))
    assert reader.encoding.label == "Windows-1252"
    assert [c.representative for c in reader] == NAMES


def test_a_header_line_over_a_megabyte_is_not_called_empty():
    data = b"x" * (2 << 20) + b"\n" + utf8_file(3, stray_in=-1)
    with pytest.raises(ClaimFileError) as caught:
        read_claims(io.BytesIO(data))
    assert str(caught.value) == ("-: the first line is longer than 1 MiB, too long for "
                                 "a header row: is this a claims file?")


def test_a_header_line_over_a_megabyte_on_the_command_line(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_bytes(b"claim_id," * 200_000 + b"\n")
    result = run_cli("audit", str(path), "--lang", "en")
    assert result.exit_code == 2
    assert "first line is longer than 1 MiB" in result.stderr and "empty" not in result.stderr


ROWS = HEADER + "K1,Bjørn Ås,unn,2022-03-15,fysisk,3,1176\n"


@pytest.mark.parametrize("written, given, says", [
    ("utf-16", "utf-8", "the file is not utf-8 text: read as UTF-16 it has the header row"),
    ("utf-16", "cp1252", "the file is not cp1252 text: read as UTF-16 it has the header row"),
    ("utf-8", "utf-16-le", "the file is not utf-16-le text: read as UTF-8 it has the header row"),
    ("utf-16-le", "utf-8", "the file is not utf-8 text (byte "),
    ("utf-16-le", "latin-1", "the file is not latin-1 text (it holds NUL characters"),
])
def test_a_wrong_encoding_says_so_not_that_columns_are_missing(written, given, says):
    with pytest.raises(ClaimFileError) as caught:
        read_claims(io.BytesIO(ROWS.encode(written)), encoding=given)
    assert str(caught.value).startswith(f"-: {says}")
    assert "lacks" not in str(caught.value) and "no header row" not in str(caught.value)


def test_a_file_that_has_no_header_in_any_encoding_still_says_so():
    with pytest.raises(ClaimFileError, match="no header row"):
        read_claims(io.BytesIO(b"name,amount\nKari,392\n"), encoding="utf-8")
