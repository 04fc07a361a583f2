"""Headers as Norwegian payroll sheets write them, and the representative's own number."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from honorar.audit.checks import duplicate_findings, group_findings, person_key
from honorar.claims import Claim, ClaimFileError, InvalidRow, read_claims
from honorar.claims.columns import (
    BUILT_IN_COLUMNS,
    CANONICAL_COLUMNS,
    ENGLISH_NAMES,
    NORWEGIAN_NAMES,
    normalise_header,
)
from honorar.domain import Attendance

COMMANDS_DOC = (Path(__file__).resolve().parent.parent.parent / "docs" / "reference"
                / "commands.md")

# as a payroll clerk's Excel sheet is saved: semicolons, decimal commas, Windows-1252
PAYROLL_SHEET = (
    "Honorarkrav brukerrepresentanter mars 2023\r\n"
    "Bilagsnr;Ansattnr.;Fullt navn;Honorarordning;Prosjektgruppe;Møtedag;Fra kl.;Til kl.;"
    "Ant. timer;Møteform;Møtetype;Signert avtale;Honorarbeløp (kr);Tapt inntekt;"
    "Dokumentasjon;Gåve;Innsendt dato\r\n"
    "B-1;10442;Kari Nordmann;FOUSAM;Rus;02.03.2023;09.00;12.00;3;Fysisk;Møte;Ja;850,00;"
    "1 200,00;ja;;06.03.2023\r\n"
    "B-2;10442;K. Nordmann;FOUSAM;Rus;02.03.2023;10.00;11.00;1;Teams;Møte;Ja;500,00;;;;"
    "07.03.2023\r\n"
    "B-3;20881;Øystein Åsen;FOUSAM;;09.03.2023;;;;Fysisk;Likemannsoppdrag;Ja;0;;;300;"
    "10.03.2023\r\n"
)


def read(data: bytes, **options) -> list[Claim | InvalidRow]:
    return list(read_claims(io.BytesIO(data), **options))


def test_a_payroll_sheet_with_the_words_people_write_is_read():
    rows = read(PAYROLL_SHEET.encode("cp1252"))
    assert all(isinstance(r, Claim) for r in rows), rows
    first, second, third = rows
    assert (first.claim_id, first.representative_id, first.representative) == \
        ("B-1", "10442", "Kari Nordmann")
    assert first.meeting.scheme == "fousam" and first.group == "Rus"
    assert first.meeting.date == dt.date(2023, 3, 2)
    assert (first.start, first.end, first.meeting.hours) == (dt.time(9), dt.time(12), 3)
    assert first.meeting.attendance is Attendance.PHYSICAL
    assert first.meeting.activity == "meeting" and first.meeting.agreement is True
    assert first.claimed_honorarium == Decimal("850.00")
    assert first.meeting.lost_income == Decimal("1200.00")
    assert first.meeting.lost_income_documented is True
    assert first.submitted == dt.date(2023, 3, 6)
    assert second.meeting.attendance is Attendance.REMOTE
    assert third.meeting.activity == "peer_assignment" and third.meeting.gift == Decimal(300)


@pytest.mark.parametrize(("header", "column"), [
    ("Beløp", "claimed_honorarium"), ("Honorarbeløp", "claimed_honorarium"),
    ("BELØP (KR)", "claimed_honorarium"), ("Honorar NOK", "claimed_honorarium"),
    ("Møteform", "attendance"), ("Deltakelse", "attendance"), ("fysisk/digital", "attendance"),
    ("Møtetype", "activity"), ("Type", "activity"), ("Signert avtale", "agreement"),
    ("Signert-avtale", "agreement"), ("signert_avtale", "agreement"),
    ("Motedato", "date"), ("Moetedato", "date"), ("Gave (kr)", "gift"),
    ("Ansattnummer", "representative_id"), ("Ressursnr.", "representative_id"),
    ("Brukerrepresentant-ID", "representative_id"), ("Tapt arbeidsforteneste", "lost_income"),
    ("Dato (dd.mm.åååå)", "date"), ("Varighet (timer)", "hours"), ("Fra kl. (tt:mm)", "start"),
    ("Honorar [NOK]", "claimed_honorarium"), ("Tapt arbeidsinntekt (kr)", "lost_income"),
])
def test_header_words_name_their_column(header: str, column: str):
    assert BUILT_IN_COLUMNS[normalise_header(header)] == column


@pytest.mark.parametrize("header", ["ID", "id", "Personnummer", "Fødselsnummer", "Sum"])
def test_words_that_would_mislead_name_no_column(header: str):
    """A bare id could be the claim's or the person's; a national identity number is not
    asked for."""
    assert normalise_header(header) not in BUILT_IN_COLUMNS


def test_no_header_word_names_two_columns():
    owner: dict[str, str] = {}
    for column in CANONICAL_COLUMNS:
        for name in (column, *ENGLISH_NAMES.get(column, ()), *NORWEGIAN_NAMES.get(column, ())):
            key = normalise_header(name)
            assert owner.setdefault(key, column) == column, (name, owner[key], column)


def test_the_reference_lists_every_accepted_header():
    text = COMMANDS_DOC.read_text(encoding="utf-8")
    section = text[text.index("**Column names.**"):]
    section = section[:section.index("\n\n")]
    for column in CANONICAL_COLUMNS:
        assert f"`{column}`" in section, column
        for name in (*ENGLISH_NAMES.get(column, ()), *NORWEGIAN_NAMES.get(column, ())):
            assert re.search(rf"`{re.escape(name)}`", section), (column, name)


def test_a_missing_column_is_named_with_its_norwegian_names():
    data = "Krav-ID;Navn;Ordning;Dato;Beløp\r\nK-1;Kari;unn;01.03.2022;392\r\n".encode("cp1252")
    with pytest.raises(ClaimFileError) as err:
        read(data)
    assert "lacks attendance (in Norwegian: oppmøte, møteform, deltakelse" in str(err.value)


# ------------------------------------------------------------ the representative's number


def _two_rows(first: tuple[str, str], second: tuple[str, str]) -> list[Claim]:
    text = ("\ufeffKrav-ID;Ansattnummer;Navn;Ordning;Dato;Fra;Til;Oppmøte;Honorar\r\n"
            f"K-1;{first[0]};{first[1]};unn;02.03.2023;09:00;12:00;fysisk;1176,00\r\n"
            f"K-2;{second[0]};{second[1]};unn;02.03.2023;10:00;11:00;fysisk;392,00\r\n")
    rows = read(text.encode("utf-8"))
    assert all(isinstance(r, Claim) for r in rows), rows
    return rows  # type: ignore[return-value]


def test_one_number_is_one_person_whatever_the_name():
    rows = _two_rows(("10442", "Kari Nordmann"), ("10442", "K. Nordmann"))
    [finding] = duplicate_findings(rows)
    assert (finding.code, finding.row, finding.params["other_row"]) == ("duplicate_claim", 3, "2")


def test_two_numbers_are_two_people_of_one_name():
    rows = _two_rows(("10442", "Kari Nordmann"), ("20881", "Kari Nordmann"))
    assert duplicate_findings(rows) == []


def test_a_row_without_a_number_is_known_by_its_name():
    rows = _two_rows(("", "Kari Nordmann"), ("", " kari  NORDMANN"))
    assert [f.row for f in duplicate_findings(rows)] == [3]


def test_a_group_meeting_counts_people_by_their_numbers(shipped):
    text = ("Krav-ID;Ansattnummer;Navn;Ordning;Gruppe;Dato;Oppmøte;Aktivitet;Honorar\r\n"
            "K-1;10442;Kari Nordmann;unn;Rus;02.03.2023;fysisk;heldagsmøte;1960\r\n"
            "K-2;20881;Kari Nordmann;unn;Rus;02.03.2023;fysisk;heldagsmøte;1960\r\n")
    rows = read(text.encode("utf-8"))
    assert group_findings(rows, lambda c: shipped.table_at("unn", c.meeting.date)) == []


def test_person_key_prefers_the_number():
    kari = read(_payroll_rows())[0]
    assert person_key(kari) == "#10442"
    assert person_key(Claim(2, "K", "  Kari NORDMANN ", None, kari.meeting, None, None,
                            Decimal(0), None)) == "kari nordmann"


def _payroll_rows() -> bytes:
    return PAYROLL_SHEET.encode("cp1252")
