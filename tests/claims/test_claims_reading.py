"""Reading claims files as they really arrive: dialects, encodings, headers, values, dates."""

from __future__ import annotations

import codecs
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from honorar.claims import Claim, ClaimFileError, InvalidRow, load_mapping, read_claims
from honorar.claims import head as reader_module
from honorar.claims.records import LightClaim
from honorar.domain import Attendance

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"

CANONICAL = ["claim_id", "representative", "scheme", "group", "date", "start", "end", "hours",
             "attendance", "activity", "agreement", "claimed_honorarium", "lost_income",
             "lost_income_documented", "gift", "submitted"]
NORWEGIAN = ["Krav-ID", "Brukerrepresentant", "Ordning", "Arbeidsgruppe", "Møtedato", "Fra",
             "Til", "Timer", "Oppmøte", "Aktivitet", "Avtale", "Honorar",
             "Tapt arbeidsfortjeneste", "Dokumentert", "Gave", "Innsendt"]

# (claim id, person, scheme, group, date, start, end, attendance, activity, agreement,
#  honorarium, lost income, documented, gift, submitted)
ROWS = [
    ("K-1", "Kari Nordmann", "unn", "Hjerte", dt.date(2023, 3, 2), "09:00", "12:00", "fysisk",
     "møte", None, Decimal("1176"), Decimal(0), None, Decimal(0), dt.date(2023, 3, 6)),
    ("K-2", "Øystein Åsen", "fousam", "", dt.date(2023, 3, 14), "10:00", "14:30", "teams",
     "møte", True, Decimal("500"), Decimal("1960.5"), True, Decimal(0), dt.date(2023, 3, 20)),
    ("K-3", "Ærlig Ødegård", "fousam", "", dt.date(2023, 3, 21), "", "", "fysisk",
     "likemannsoppdrag", True, Decimal(0), Decimal(0), False, Decimal("300"),
     dt.date(2023, 3, 22)),
]


def write(rows=ROWS, *, header=CANONICAL, delimiter=",", encoding="utf-8", date=None,
          time=None, amount=None, yes=("ja", "nei"), line_end="\n", above="") -> bytes:
    """The rows as one program or another writes them."""
    date = date or (lambda d: d.isoformat())
    time = time or (lambda t: t)
    amount = amount or (lambda a: f"{a:.2f}")
    lines = [above] if above else []
    lines.append(delimiter.join(header))
    for (cid, person, scheme, group, day, start, end, attendance, activity, agreement, fee,
         lost, documented, gift, submitted) in rows:
        flag = lambda v: "" if v is None else yes[0] if v else yes[1]  # noqa: E731
        cells = [cid, person, scheme, group, date(day), time(start) if start else "",
                 time(end) if end else "", "", attendance, activity, flag(agreement),
                 amount(fee), amount(lost) if lost else "", flag(documented),
                 amount(gift) if gift else "", date(submitted)]
        lines.append(delimiter.join(f'"{c}"' if delimiter in c else c for c in cells))
    return (line_end.join(lines) + line_end).encode(encoding)


def read(data: bytes, **options) -> list[Claim | InvalidRow]:
    return list(read_claims(io.BytesIO(data), **options))


def nb_amount(value: Decimal) -> str:
    whole, cents = f"{value:.2f}".split(".")
    return f"{int(whole):,}".replace(",", "\u00a0") + "," + cents


DIALECTS = {
    "comma, UTF-8, ISO dates": {},
    "semicolon, Windows-1252, Norwegian Excel": dict(
        header=NORWEGIAN, delimiter=";", encoding="cp1252", date=lambda d: d.strftime("%d.%m.%Y"),
        time=lambda t: t.replace(":", "."), amount=nb_amount, line_end="\r\n"),
    "tab, UTF-8 with BOM, English words": dict(
        delimiter="\t", encoding="utf-8-sig", yes=("yes", "no"), time=lambda t: t + ":00"),
    "tab, UTF-16 (Excel's Unicode text)": dict(delimiter="\t", encoding="utf-16",
                                              line_end="\r\n", yes=("x", "0")),
    "semicolon, month-first US dates": dict(
        delimiter=";", date=lambda d: d.strftime("%m/%d/%Y"), time=lambda t: t.replace(":", ""),
        amount=lambda a: f"kr {a:,.2f}", yes=("1", "0")),
    "comma, Norwegian amounts with ,-": dict(amount=lambda a: f"{a:,.0f}".replace(",", ".") + ",-"
                                             if a == a.to_integral() else str(a)),
}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_dialect_reads_the_same_claims(dialect: str):
    expected = read(write())
    got = read(write(**DIALECTS[dialect]))
    assert got == expected
    assert all(isinstance(claim, Claim) for claim in got)


def test_what_a_claim_holds():
    first, second, third = read(write())
    assert first.row == 2 and first.claim_id == "K-1" and first.group == "Hjerte"
    assert first.meeting.hours == 3 and first.start == dt.time(9) and first.end == dt.time(12)
    assert first.meeting.attendance is Attendance.PHYSICAL and first.meeting.activity == "meeting"
    assert first.meeting.agreement is None  # not stated
    assert second.group is None and second.meeting.attendance is Attendance.REMOTE
    assert second.meeting.lost_income == Decimal("1960.5") and second.meeting.lost_income_documented
    assert second.claimed_total == Decimal("2460.5")
    assert third.meeting.activity == "peer_assignment" and third.meeting.hours is None
    assert third.meeting.gift == 300


def test_reading_says_how_it_read_the_file():
    excel = read_claims(io.BytesIO(write(**DIALECTS["semicolon, Windows-1252, Norwegian Excel"])))
    assert (excel.encoding.label, excel.delimiter_name, excel.header.line) == (
        "Windows-1252", "semicolon", 1)
    assert excel.header.names["date"] == "Møtedato"
    us = read_claims(io.BytesIO(write(**DIALECTS["semicolon, month-first US dates"])))
    assert us.date_order == "mdy"


@pytest.mark.parametrize("text, value", [
    ("1 960,00", "1960.00"), ("1.960,-", "1960"), ("kr 1960", "1960"), ("1960.5", "1960.5"),
    ("1\u00a0960,50", "1960.50"), ("1,960.50", "1960.50"), ("", "0")])
def test_amounts_as_people_write_them(text: str, value: str):
    data = ("claim_id;representative;scheme;date;attendance;claimed_honorarium\n"
            f"K-1;Kari;unn;2023-03-02;fysisk;{text}\n").encode()
    (claim,) = read(data)
    assert claim.claimed_honorarium == Decimal(value)


@pytest.mark.parametrize("start, end", [("09:00", "11:30"), ("9.00", "11.30"), ("0900", "1130"),
                                        ("09:00:00", "11:30:00"), ("9:00", "11:30")])
def test_times_as_people_write_them(start: str, end: str):
    data = ("claim_id,representative,scheme,date,start,end,attendance,claimed_honorarium\n"
            f"K-1,Kari,unn,2023-03-02,{start},{end},fysisk,980\n").encode()
    (claim,) = read(data)
    assert (claim.start, claim.end, claim.meeting.hours) == (dt.time(9), dt.time(11, 30),
                                                             Decimal("2.5"))


@pytest.mark.parametrize("word, value", [("ja", True), ("Nei", False), ("YES", True), ("no", False),
                                         ("x", True), ("1", True), ("0", False), ("", None)])
def test_yes_and_no(word: str, value: bool | None):
    data = ("claim_id,representative,scheme,date,attendance,agreement,claimed_honorarium\n"
            f"K-1,Kari,fousam,2023-03-02,fysisk,{word},850\n").encode()
    (claim,) = read(data)
    assert claim.meeting.agreement is value


def test_headers_in_any_case_with_spaces_and_a_title_above():
    data = write(header=[f"  {h.upper()} " for h in NORWEGIAN],
                 above="Honorarkrav mars 2023;;;", delimiter=";")
    reader = read_claims(io.BytesIO(data))
    assert reader.header.line == 2
    claims = list(reader)
    assert [c.row for c in claims] == [3, 4, 5]
    assert claims == [_moved(c, 1) for c in read(write())]


def _moved(claim: Claim, lines: int) -> Claim:
    return Claim(claim.row + lines, claim.claim_id, claim.representative, claim.group,
                 claim.meeting, claim.start, claim.end, claim.claimed_honorarium, claim.submitted)


def test_columns_that_name_nothing_are_reported_not_guessed():
    data = (b"claim_id,representative,scheme,date,attendance,claimed_honorarium,kommentar\n"
            b"K-1,Kari,unn,2023-03-02,fysisk,392,ring meg\n")
    reader = read_claims(io.BytesIO(data))
    assert reader.header.ignored == ("kommentar",)
    assert len(list(reader)) == 1


# ------------------------------------------------------------------------ date order


def dated(*dates: str, submitted: str = "") -> bytes:
    lines = ["claim_id,representative,scheme,date,attendance,claimed_honorarium,submitted"]
    lines += [f"K-{i},Kari,unn,{d},fysisk,392,{submitted}" for i, d in enumerate(dates)]
    return ("\n".join(lines) + "\n").encode()


def test_month_first_is_found_from_an_unambiguous_date():
    claims = read(dated("03/04/2023", "03/15/2023"))
    assert [c.meeting.date for c in claims] == [dt.date(2023, 3, 4), dt.date(2023, 3, 15)]


def test_day_first_is_found_from_an_unambiguous_date():
    claims = read(dated("03/04/2023", "15/03/2023"))
    assert [c.meeting.date for c in claims] == [dt.date(2023, 4, 3), dt.date(2023, 3, 15)]


def test_the_submitted_column_can_tell_the_order_too():
    claims = read(dated("03/04/2023", submitted="12/31/2023"))
    assert claims[0].meeting.date == dt.date(2023, 3, 4)


def test_no_way_to_tell_is_refused_naming_the_column_and_the_option():
    with pytest.raises(ClaimFileError) as err:
        read_claims(io.BytesIO(dated("03/04/2023", "05/06/2023")))
    message = str(err.value)
    assert "'date'" in message and "03/04/2023" in message and "--date-order" in message


def test_the_date_order_option_decides():
    mdy = read(dated("03/04/2023"), date_order="mdy")
    dmy = read(dated("03/04/2023"), date_order="dmy")
    assert (mdy[0].meeting.date, dmy[0].meeting.date) == (dt.date(2023, 3, 4), dt.date(2023, 4, 3))


def test_both_orders_in_one_file_is_refused():
    with pytest.raises(ClaimFileError, match="both day-first"):
        read_claims(io.BytesIO(dated("03/15/2023", "15/03/2023")))


def test_dotted_dates_are_norwegian_and_need_no_detection():
    claims = read(dated("03.04.2023", "05.06.2023"))
    assert [c.meeting.date for c in claims] == [dt.date(2023, 4, 3), dt.date(2023, 6, 5)]


def test_a_date_against_the_decided_order_is_an_invalid_row_not_a_wrong_date():
    claims = read(dated("03/15/2023", "15/03/2023"), date_order="mdy")
    assert isinstance(claims[1], InvalidRow)
    assert claims[1].key == "cell_not_real_date_mdy" and claims[1].column == "date"


@pytest.fixture
def small_sample(monkeypatch):
    """Make 'the head of the file' a few hundred bytes, to test what lies beyond it."""
    monkeypatch.setattr(reader_module, "SAMPLE_BYTES", 300)


def test_the_order_is_found_beyond_the_head_of_the_file(small_sample):
    data = dated(*["03/04/2023"] * 20, "03/25/2023")
    assert len(data) > 600
    claims = read(data)
    assert claims[0].meeting.date == dt.date(2023, 3, 4)


def test_the_order_is_found_beyond_the_head_of_a_pipe(small_sample):
    class Pipe(io.RawIOBase):  # not seekable, as standard input is
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            return self._data.readinto(buffer)

    data = dated(*["03/04/2023"] * 20, "25/03/2023")
    claims = list(read_claims(io.BufferedReader(Pipe(data))))
    assert claims[0].meeting.date == dt.date(2023, 4, 3) and len(claims) == 21


def test_an_ambiguous_date_beyond_an_undecided_head_is_refused_per_row(small_sample):
    data = dated(*["2023-03-04"] * 20, "03/05/2023")
    claims = read(data)
    assert isinstance(claims[-1], InvalidRow) and claims[-1].key == "cell_ambiguous_date"
    assert all(isinstance(c, Claim) for c in claims[:-1])


# -------------------------------------------------------------------------- encoding


def test_windows_1252_after_a_plain_ascii_head_is_still_read_right(small_sample):
    ascii_rows = [(*ROWS[0][:8], "meeting", *ROWS[0][9:])] * 10
    data = (write(ascii_rows) + write(ROWS[1:2], encoding="cp1252").split(b"\n", 1)[1])
    assert data[:300].isascii()
    claims = read(data)
    assert claims[-1].representative == "Øystein Åsen"
    assert claims[0].representative == "Kari Nordmann"


@pytest.mark.parametrize("given", [None, "cp1252"])
def test_windows_1252_after_a_utf8_bom_is_read_as_windows_1252(given):
    """Some tools put a UTF-8 byte order mark before text they write in Windows-1252: the
    mark is not the encoding's, and the text after it is read as it would be without it."""
    excel = write(**DIALECTS["semicolon, Windows-1252, Norwegian Excel"])
    reader = read_claims(io.BytesIO(codecs.BOM_UTF8 + excel), encoding=given)
    assert list(reader) == read(excel)
    assert reader.encoding.label == (given or "UTF-8 (BOM)")
    assert reader.header.names["date"] == "Møtedato"


def test_after_a_utf8_bom_what_is_utf8_stays_utf8_and_what_is_not_is_windows_1252():
    """A file with a BOM, one name written as UTF-8 and one in Windows-1252 (two bytes that
    are not UTF-8 to one letter that is): each name is read as it was written. Read all as
    Windows-1252, 'Bjørn' would become 'BjÃ¸rn', a person of his own."""
    header = write(ROWS[:1]).split(b"\n")[0]
    utf8 = write([(*ROWS[0][:1], "Bjørn Berg", *ROWS[0][2:])]).split(b"\n")[1]
    windows = write([("K-2", "Noël Dupré", *ROWS[0][2:])], encoding="cp1252").split(b"\n")[1]
    claims = read(codecs.BOM_UTF8 + b"\n".join([header, windows, utf8]) + b"\n")
    assert [c.representative for c in claims] == ["Noël Dupré", "Bjørn Berg"]


def test_a_utf8_file_with_a_bom_read_as_cp1252_is_said_not_to_be_cp1252():
    with pytest.raises(ClaimFileError, match=r"read as UTF-8 \(BOM\) it has the header row"):
        read_claims(io.BytesIO(codecs.BOM_UTF8 + write(
            header=NORWEGIAN, delimiter=";")), encoding="cp1252")


def test_a_wrong_encoding_given_makes_the_rows_it_spoils_invalid():
    data = write(encoding="cp1252")
    claims = read(data, encoding="utf-8")
    assert [(c.key, c.column) for c in claims] == [  # type: ignore[union-attr]
        ("cell_not_decodable", "activity"),  # møte
        ("cell_not_decodable", "representative"),  # Øystein Åsen
        ("cell_not_decodable", "representative")]
    assert read(write(ROWS[:1], encoding="cp1252").replace("møte".encode("cp1252"), b"meeting"),
                encoding="utf-8")[0].claim_id == "K-1"  # plain ASCII is read as it is


def test_an_unknown_encoding_is_refused():
    with pytest.raises(ClaimFileError, match="unknown encoding"):
        read_claims(io.BytesIO(write()), encoding="klingon")


@pytest.mark.parametrize("given, says", [
    ("utf-16", "cannot be read as utf-16"),  # no byte order mark to tell the byte order
    ("utf-32", "cannot be read as utf-32"),
    ("idna", "cannot be read as idna"),
    ("rot13", "not a text encoding"), ("base64", "not a text encoding")])
def test_an_encoding_that_cannot_read_the_file_is_one_clear_error(given, says):
    with pytest.raises(ClaimFileError, match=says):
        read_claims(io.BytesIO(write()), encoding=given)


def test_byte_order_marks_are_not_part_of_the_first_column():
    for bom_encoding in ("utf-8-sig", "utf-16"):
        reader = read_claims(io.BytesIO(write(encoding=bom_encoding)))
        assert reader.header.names["claim_id"] == "claim_id"
        assert [c.claim_id for c in reader] == ["K-1", "K-2", "K-3"]


# ----------------------------------------------------------------------- bad rows


def test_a_row_csv_cannot_take_is_invalid_and_the_rest_is_read():
    data = write().replace(b"K-2,", b"K-2" + b"9" * 200_000 + b",")  # over csv's field limit
    claims = read(data)
    assert isinstance(claims[1], InvalidRow) and claims[1].column is None
    assert [c.claim_id for c in claims if isinstance(c, Claim)] == ["K-1", "K-3"]


def test_blank_lines_and_rows_of_empty_cells_are_skipped():
    data = write().replace(b"\nK-2", b"\n\n,,,,,,,,,,,,,,,\n  ,  \nK-2")
    claims = read(data)
    assert [c.claim_id for c in claims] == ["K-1", "K-2", "K-3"]
    assert [c.row for c in claims] == [2, 6, 7]


def test_an_unquoted_decimal_comma_shifts_cells_and_is_caught():
    data = (b"claim_id,representative,scheme,date,attendance,claimed_honorarium\n"
            b"K-1,Kari,unn,2023-03-02,fysisk,392,50\n")
    (row,) = read(data)
    assert isinstance(row, InvalidRow) and row.key == "row_cells"
    assert row.values["claim_id"] == "K-1"
    assert not row.cells_in_place  # "50" is not lost income: no cell is known to be in place


def test_a_row_missing_its_last_cells_keeps_them_in_place():
    data = (b"claim_id,representative,scheme,date,attendance,claimed_honorarium,gift\n"
            b"K-1,Kari,unn,2023-03-02,fysisk,392\n")
    (row,) = read(data)
    assert isinstance(row, InvalidRow) and row.key == "row_cells"
    assert row.cells_in_place and row.values["claimed_honorarium"] == "392"


def test_an_invalid_row_keeps_what_could_be_read():
    data = (b"claim_id,representative,scheme,date,attendance,claimed_honorarium\n"
            b"K-1,Kari,unn,31.02.2023,fysisk,392\n")
    (row,) = read(data)
    assert row == InvalidRow(2, "date", "'31.02.2023' is not a real date",
                             {"claim_id": "K-1", "representative": "Kari", "scheme": "unn",
                              "date": "31.02.2023", "attendance": "fysisk",
                              "claimed_honorarium": "392"},
                             "cell_not_real_date", {"text": "31.02.2023"})


# ---------------------------------------------------------------- unusable files


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"name,amount\nKari,392\n", "no header row"),
    (b"claim_id,representative,scheme,date,claimed_honorarium\n", "lacks attendance"),
    (b"claim_id,navn,representative,scheme,date,attendance,honorar\n", "both give representative"),
])
def test_an_unusable_file_is_one_error_before_any_row(data: bytes, words: str):
    with pytest.raises(ClaimFileError, match=words):
        read_claims(io.BytesIO(data))


def test_a_missing_file_names_itself(tmp_path: Path):
    with pytest.raises(ClaimFileError, match=r"nothing\.csv"):
        read_claims(tmp_path / "nothing.csv")


def test_reading_streams(tmp_path: Path):
    path = tmp_path / "big.csv"
    path.write_bytes(write(ROWS * 30_000))
    reader = read_claims(path)
    first = next(iter(reader))
    assert first.claim_id == "K-1"
    assert reader.bytes_read < path.stat().st_size / 2
    reader.close()


# ------------------------------------------------------------------------- mapping


def test_the_example_mapping_reads_the_example_payroll_export():
    mapping = load_mapping(EXAMPLES / "mapping.yaml")
    reader = read_claims(EXAMPLES / "payroll-export.csv", mapping=mapping)
    claims = list(reader)
    assert reader.delimiter_name == "tab" and reader.date_order == "mdy"
    assert all(isinstance(c, Claim) for c in claims)
    assert {c.meeting.scheme for c in claims} == {"unn", "fousam"}
    assert {c.meeting.attendance for c in claims} == {Attendance.PHYSICAL, Attendance.REMOTE}


def test_a_mapping_as_plain_data():
    data = ("Bilag;Ansatt;Ordning;Dag;Form;Kr\n"
            "K-1;Kari;UNN brukerbank;2023-03-02;Nettmøte;392\n").encode()
    mapping = {"columns": {"Bilag": "claim_id", "Ansatt": "representative", "Dag": "date",
                           "Form": "attendance", "Kr": "claimed_honorarium"},
               "attendance": {"Nettmøte": "remote"}, "schemes": {"UNN brukerbank": "unn"}}
    (claim,) = read(data, mapping=mapping)
    assert claim.meeting.scheme == "unn" and claim.meeting.attendance is Attendance.REMOTE


def test_a_bad_mapping_file_names_its_line(tmp_path: Path):
    path = tmp_path / "mapping.yaml"
    path.write_text("columns:\n  Bilag: claim_id\n  Ansatt: person\n", encoding="utf-8")
    with pytest.raises(ClaimFileError, match=r"mapping\.yaml:3:.*'person' is not a column"):
        load_mapping(path)


def test_example_files_read_alike():
    plain = list(read_claims(EXAMPLES / "claims.csv"))
    excel = list(read_claims(EXAMPLES / "claims-excel-nb.csv"))
    assert len(plain) == len(excel) > 20
    for a, b in zip(plain, excel, strict=True):
        if isinstance(a, InvalidRow):
            assert (a.row, a.column, a.key, a.params) == (b.row, b.column, b.key, b.params)
        else:
            assert a == b
    assert codecs.lookup(read_claims(EXAMPLES / "claims-excel-nb.csv").encoding.name).name == "cp1252"


@pytest.mark.parametrize("dialect", DIALECTS)
def test_light_rows_make_the_claims_plain_reading_gives(dialect: str):
    """An audit reads claims light and makes a `Claim` only where it needs one: every
    light claim makes the claim of its row, and every other row is what it always is."""
    data = write([*ROWS, *ROWS, ("", *ROWS[0][1:])], **DIALECTS[dialect])
    plain = read(data)
    light = list(read_claims(io.BytesIO(data)).light_rows())
    assert [type(item) for item in light] == [LightClaim] * 6 + [InvalidRow]
    assert [item.claim() if type(item) is LightClaim else item for item in light] == plain


def test_a_claim_with_travel_is_read_whole_even_light():
    plain = list(read_claims(EXAMPLES / "claims.csv"))
    assert list(read_claims(EXAMPLES / "claims.csv").light_rows()) == plain


def test_rows_go_on_the_way_they_were_first_read():
    reader = read_claims(io.BytesIO(write()))
    first = next(reader)
    assert type(first) is Claim
    assert all(type(item) is not LightClaim for item in reader.light_rows())
