"""The columns of a claims file, the names they go by, and mapping files for other layouts.

A header cell is matched after normalising it (case, surrounding spaces, and spaces,
hyphens, dots and slashes inside become '_'), so 'Krav-ID', ' krav id ' and 'KRAV_ID' are
the same column. A mapping file adds names (and words for attendance, activity, yes/no and
schemes) on top of the built-in ones, and wins where they disagree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problem import Said, said
from .records import ClaimFileError

CANONICAL_COLUMNS = (
    "claim_id", "representative", "representative_id", "scheme", "group", "date", "start",
    "end", "hours", "attendance", "activity", "agreement", "claimed_honorarium", "lost_income",
    "lost_income_documented", "gift", "submitted",
    # travel and stay (SPEC §6)
    "km", "passenger_km", "vehicle", "distance_km", "travel_hours", "departure", "return",
    "nights", "nights_without_receipt", "meals_provided", "expenses", "expenses_documented",
    "trailer_km", "forest_road_km", "travel_claimed",
)
TRAVEL_COLUMNS = CANONICAL_COLUMNS[CANONICAL_COLUMNS.index("km"):]
# Without these a claim cannot be audited; the rest have a stated default when absent.
REQUIRED_COLUMNS = ("claim_id", "representative", "scheme", "date", "attendance",
                    "claimed_honorarium")

# The names people give each column in Norwegian sheets (bokmål and nynorsk), as payroll
# systems, Excel templates and hand-made sheets write them. A name with æ, ø or å is also
# accepted as systems without those letters write it (møtedato: motedato, moetedato).
# A bare `id` names no column: in a claims file it may be the claim's or the person's.
# No column asks for a national identity number (personnummer): a file should not carry
# one for this, and `representative_id` takes an employee or resource number instead.
NORWEGIAN_NAMES: dict[str, tuple[str, ...]] = {
    "claim_id": ("krav_id", "kravid", "kravnr", "kravnummer", "krav_nr", "bilagsnr",
                 "bilagsnummer", "løpenr", "løpenummer", "refnr"),
    "representative": ("brukerrepresentant", "navn", "representant", "brukerrep",
                       "brukarrepresentant", "namn", "deltaker", "deltakar", "fullt_navn",
                       "honorarmottaker", "mottaker"),
    "representative_id": ("brukerrepresentant_id", "representant_id", "brukarrepresentant_id",
                          "ansattnummer", "ansattnr", "ansatt_nr", "ressursnummer",
                          "ressursnr", "lønnsnummer", "lønnsnr", "person_id",
                          "brukerrepresentant_nr", "deltaker_id"),
    "scheme": ("ordning", "honorarordning", "satsordning"),
    "group": ("gruppe", "arbeidsgruppe", "gruppenavn", "prosjektgruppe", "utvalg",
              "utval"),
    "date": ("dato", "møtedato", "møtedag", "dato_for_møtet", "aktivitetsdato",
             "oppdragsdato"),
    "start": ("fra", "starttid", "fra_kl", "kl_fra", "fra_klokken", "tid_fra", "møtestart",
              "start_kl"),
    "end": ("til", "slutt", "sluttid", "til_kl", "kl_til", "til_klokken", "tid_til",
            "møteslutt", "slutt_kl"),
    "hours": ("timer", "varighet", "antall_timer", "ant_timer", "timeantall", "timar",
              "tal_timar", "varigheit", "møtelengde", "varighet_i_timer", "møtetid_timer"),
    "attendance": ("oppmøte", "møteform", "deltakelse", "deltakelsesform", "deltaking",
                   "oppmøteform", "fremmøte", "frammøte", "fysisk_digital", "fysisk_eller_digital"),
    "activity": ("aktivitet", "møtetype", "type", "aktivitetstype", "type_aktivitet",
                 "oppdragstype", "type_oppdrag", "type_møte"),
    "agreement": ("avtale", "skriftlig_avtale", "signert_avtale", "avtale_signert",
                  "underskrevet_avtale", "inngått_avtale", "avtale_inngått", "skriftleg_avtale",
                  "oppdragsavtale", "har_avtale"),
    "claimed_honorarium": ("honorar", "beløp", "honorarbeløp", "honorar_beløp", "krevd_honorar",
                           "krevd_beløp", "kravbeløp", "honorar_krevd"),
    "lost_income": ("tapt_arbeidsinntekt", "tapt_arbeidsfortjeneste", "tapt_inntekt",
                    "tapt_arbeidsforteneste", "inntektstap", "tap_av_inntekt"),
    "lost_income_documented": ("dokumentert", "dokumentasjon", "dokumentert_tap",
                               "dokumentert_trekk", "trekk_dokumentert",
                               "dokumentert_inntektstap"),
    "gift": ("gave", "gåve", "gavekort"),
    "submitted": ("innsendt", "kravdato", "innsendt_dato", "dato_innsendt", "innsendingsdato",
                  "sendt_inn", "innlevert", "mottatt_dato", "dato_mottatt"),
    # travel and stay (SPEC §6)
    "km": ("kilometer", "kjørte_km", "km_kjørt", "antall_km"),
    "passenger_km": ("passasjer_km", "passasjerkm", "km_med_passasjer"),
    "vehicle": ("kjøretøy", "fremkomstmiddel", "framkomstmiddel", "køyretøy"),
    "distance_km": ("avstand", "avstand_km", "avstand_en_vei"),
    "travel_hours": ("reisetid", "reisetimer", "reisetimar"),
    "departure": ("avreise", "avreise_tid"),
    "return": ("hjemkomst", "heimkomst", "retur"),
    "nights": ("netter", "overnattinger", "netter_borte", "netter_i_alt"),
    "nights_without_receipt": ("netter_uten_kvittering", "ulegitimerte_netter",
                               "nattillegg_netter"),
    "meals_provided": ("måltider", "måltid", "servert", "måltider_servert"),
    "expenses": ("utlegg", "reiseutlegg"),
    "expenses_documented": ("kvittering", "kvitteringer", "utlegg_dokumentert"),
    "trailer_km": ("tilhenger_km", "km_med_tilhenger", "tilhengerkm"),
    "forest_road_km": ("skogsvei_km", "anleggsvei_km", "km_skogsvei", "skogs_og_anleggsvei"),
    "travel_claimed": ("reise", "reiseutgifter", "krevd_reise", "reise_og_opphold",
                       "reisekostnader"),
}
ENGLISH_NAMES: dict[str, tuple[str, ...]] = {
    "claim_id": ("claim", "claim_no", "claim_number"),
    "representative": ("name", "representative_name"),
    "representative_id": ("employee_number", "employee_id", "person_no"),
    "date": ("meeting_date",),
    "start": ("start_time",),
    "end": ("end_time",),
    "hours": ("duration",),
    "agreement": ("signed_agreement",),
    "claimed_honorarium": ("honorarium", "amount"),
    "submitted": ("submitted_date",),
    "distance_km": ("distance", "one_way_km"),
    "meals_provided": ("meals",),
    "expenses_documented": ("receipts",),
    "travel_claimed": ("travel",),
}

# A trailing unit is part of many headers ('Beløp (kr)', 'Honorar NOK'); it names nothing.
_SEPARATORS = re.compile(r"[\s\-./()\[\]:,;*_]+")
_UNIT = re.compile(r"_(?:i_)?(?:kr|nok|kroner)$")
_NOTE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_PLAIN_LETTERS = (str.maketrans({"æ": "ae", "ø": "o", "å": "a"}),
                  str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))


def normalise_header(name: str) -> str:
    """A header's key: lower case, every run of spaces and punctuation one '_', and what
    only says how to fill it in left out: a note in brackets at the end ('Dato
    (dd.mm.åååå)', 'Varighet (timer)') and a unit ('Honorar NOK')."""
    text = name.replace("\ufeff", "").strip().lower()
    text = _NOTE.sub("", text) or text
    key = _SEPARATORS.sub("_", text).strip("_")
    return _UNIT.sub("", key) or key


def _normalise_word(word: str) -> str:
    return " ".join(word.strip().lower().split())


def _spellings(name: str) -> set[str]:
    key = normalise_header(name)
    return {key, *(key.translate(table) for table in _PLAIN_LETTERS)}


BUILT_IN_COLUMNS: dict[str, str] = {}
for _canonical in CANONICAL_COLUMNS:
    for _name in (_canonical, *ENGLISH_NAMES.get(_canonical, ()),
                  *NORWEGIAN_NAMES.get(_canonical, ())):
        for _key in _spellings(_name):
            BUILT_IN_COLUMNS.setdefault(_key, _canonical)


def norwegian_names(column: str, count: int = 4) -> tuple[str, ...]:
    """The first Norwegian names of a column, to say what a missing column may be called."""
    return NORWEGIAN_NAMES.get(column, ())[:count]


@dataclass(frozen=True, slots=True)
class ClaimMapping:
    """Other names for columns, and other words for values, onto the canonical ones.

    Keys are normalised (`normalise_header` for columns, lower case with single spaces
    for words); build one with `mapping_from_data` or `load_mapping`.
    """

    columns: Mapping[str, str] = field(default_factory=dict)
    attendance: Mapping[str, str] = field(default_factory=dict)
    activity: Mapping[str, str] = field(default_factory=dict)
    yes_no: Mapping[str, bool] = field(default_factory=dict)
    schemes: Mapping[str, str] = field(default_factory=dict)
    file: str | None = None

    def column_names(self) -> dict[str, str]:
        """Every accepted header name (normalised) → canonical column."""
        return {**BUILT_IN_COLUMNS, **self.columns}


_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
_SCHEME = re.compile(r"^[a-z][a-z0-9_-]*$")  # unn, neuro-sysmed
_YES_WORDS = {"yes", "ja", "true", "1", "y", "j"}
_NO_WORDS = {"no", "nei", "false", "0", "n"}
_SECTIONS = ("columns", "attendance", "activity", "yes_no", "schemes")


def mapping_from_data(data: Any, file: str = "mapping") -> ClaimMapping:
    """A mapping from plain data shaped like the mapping file; raises ClaimFileError."""
    from ..tables.yamldoc import Problem

    problems: list[Problem] = []
    return _build(data, file, lambda path: (None, None), problems)


def load_mapping(path: str | Path) -> ClaimMapping:
    """Read a mapping file (YAML); every mistake is reported with its line."""
    from ..tables.yamldoc import Unreadable, parse, read_bytes

    name = str(path)
    try:
        text = read_bytes(Path(path)).decode("utf-8-sig")
    except Unreadable as err:
        raise ClaimFileError(said("env.file", file=name, reason=err.problem.said or
                                  err.problem.message)) from None
    except UnicodeDecodeError:
        raise ClaimFileError(said("mapping.not_utf8", file=name)) from None
    doc = parse(text, name)
    if doc.problems:
        raise ClaimFileError(_problem_line(list(doc.problems)))
    return _build(doc.data, name, doc.place, [])


def _build(data: Any, file: str, place, problems: list) -> ClaimMapping:
    from ..tables.yamldoc import Problem

    def problem(path: tuple, message: Said) -> None:
        line, column = place(path)
        problems.append(Problem(file, line, column, str(message), message))

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ClaimFileError(said("mapping.not_sections", file=file,
                                  sections=", ".join(_SECTIONS)))
    for key in data:
        if key not in _SECTIONS:
            problem((key,), said("mapping.unknown_section", section=str(key),
                                 known=", ".join(_SECTIONS)))
    sections: dict[str, dict] = {}
    for name in _SECTIONS:
        section = data.get(name) or {}
        if not isinstance(section, dict):
            problem((name,), said("mapping.not_a_section", section=name))
            section = {}
        sections[name] = section

    columns: dict[str, str] = {}
    for other, canonical in sections["columns"].items():
        if canonical not in CANONICAL_COLUMNS:
            problem(("columns", other), said("mapping.not_a_column", value=str(canonical),
                                             columns=", ".join(CANONICAL_COLUMNS)))
        else:
            columns[normalise_header(str(other))] = canonical
    attendance: dict[str, str] = {}
    for word, value in sections["attendance"].items():
        if value not in ("physical", "remote"):
            problem(("attendance", word), said("mapping.not_attendance", value=str(value)))
        else:
            attendance[_normalise_word(str(word))] = value
    activity: dict[str, str] = {}
    for word, value in sections["activity"].items():
        if not isinstance(value, str) or not _IDENTIFIER.match(value):
            problem(("activity", word), said("mapping.not_activity", value=str(value)))
        else:
            activity[_normalise_word(str(word))] = value
    yes_no: dict[str, bool] = {}
    for word, value in sections["yes_no"].items():
        flag = value if isinstance(value, bool) else (
            True if str(value).lower() in _YES_WORDS else
            False if str(value).lower() in _NO_WORDS else None)
        if flag is None:
            problem(("yes_no", word), said("value.not_yes_no_plain", value=str(value)))
        else:
            yes_no[_normalise_word(str(word))] = flag
    schemes: dict[str, str] = {}
    for word, value in sections["schemes"].items():
        if not isinstance(value, str) or not _SCHEME.match(value):
            problem(("schemes", word), said("mapping.not_scheme", value=str(value)))
        else:
            schemes[_normalise_word(str(word))] = value
    if problems:
        raise ClaimFileError(_problem_line(problems))
    return ClaimMapping(columns, attendance, activity, yes_no, schemes, file)


def _problem_line(problems: list) -> Said:
    first = problems[0]
    where = said("env.file", file=first.where(), reason=first.said or first.message)
    if len(problems) > 1:
        return said("mapping.problem_and_more", problem=where, count=len(problems) - 1)
    return said("mapping.problem", problem=where)


def as_mapping(mapping: ClaimMapping | Mapping | None) -> ClaimMapping:
    if mapping is None:
        return ClaimMapping()
    if isinstance(mapping, ClaimMapping):
        return mapping
    return mapping_from_data(dict(mapping))
