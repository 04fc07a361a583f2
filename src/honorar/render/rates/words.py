"""Words, value formats and small rich helpers shared by the human output of `honorar rates`."""

from __future__ import annotations

from decimal import Decimal

from rich.table import Table
from rich.text import Text

from ...domain import Source
from ...tables.diff import Change, Value
from ...tables.schema import LocalText, local
from .. import locale
from ..messages import DIRECTION_LABELS
from ..terminal import Console
from ..wrap import Wrapped

WORDS = {
    "nb": {
        # list
        "scheme": "Ordning", "version": "Versjon", "effective": "Gjelder fra", "file": "Fil",
        "note": "Merknad", "in_force": "gjelder i dag", "shadows": "skygger for {file}",
        "search_path": "Satsmapper (søkes i denne rekkefølgen)", "no_schemes": "Ingen satstabeller funnet.",
        "broken": "kan ikke leses: se feil nedenfor",
        # show
        "document": "Dokument", "validity": "Gyldighet", "activity": "Aktivitet",
        "attendance": "Oppmøte", "rule": "Regel", "source": "Kilde", "fees": "Honorar",
        "other_rules": "Andre regler", "not_payable": "Gir aldri honorar",
        "notes": "Antakelser og begrunnelser", "assumption": "Antakelse",
        "reason": "Begrunnelse", "see_note": "antakelse", "any": "alle",
        "lost_income": "Tapt arbeidsfortjeneste", "gift": "Gave", "agreement": "Skriftlig avtale",
        "claim_age": "Kravets alder", "representatives": "Anbefaling",
        "implausible": "Varighet", "review_after": "Gjennomgang",
        "severities": "Alvorlighet", "travel_rates": "Satser for reise og opphold",
        "pages": "Kilder (sider)",
        # check
        "valid": "gyldig ({label})", "not_valid": "ugyldig", "error": "feil",
        "warning": "advarsel",
        # diff
        "diff_title": "Endringer fra {old} til {new}", "no_differences":
            "Ingen forskjeller mellom {old} og {new}.", "item": "Punkt", "kind": "Endring",
        "old": "Gammel", "new": "Ny", "difference": "Differanse", "percent": "%",
        "source_changes": "Endrede kilder",
        "added": "lagt til", "removed": "fjernet", "changed": "endret",
        "source_changed": "kilde endret", "absent": "–",
        # impact
        "impact_title": "Kostnadsvirkning for {file} (ordning {scheme})",
        "rows": "Rader lest", "invalid": "Ugyldige rader (hoppet over)",
        "skipped": "Andre ordninger (hoppet over)", "undecided": "Ikke avgjort (gammel / ny)",
        "repeated": "Gjentatte krav (utbetales ikke, ikke med)",
        "before_first": "Før ordningens første versjon (ingen satstabell, ikke med)",
        "compared": "Krav sammenlignet", "claims_changed": "Krav som endres",
        "due_old": "Til utbetaling, gammel", "due_new": "Til utbetaling, ny",
        "top": "Største endringer", "row": "Rad", "claim_id": "Krav-ID",
        "representative": "Brukerrepresentant", "group": "Gruppe", "date": "Dato",
        "claims": "Krav", "by_scheme": "Per ordning", "by_representative": "Per brukerrepresentant",
        "by_group": "Per gruppe", "no_group": "(ingen gruppe)", "none": "ingen",
    },
    "en": {
        "scheme": "Scheme", "version": "Version", "effective": "Effective", "file": "File",
        "note": "Note", "in_force": "in force today", "shadows": "shadows {file}",
        "search_path": "Rates directories (searched in this order)", "no_schemes": "No rate tables found.",
        "broken": "cannot be read: see the problems below",
        "document": "Document", "validity": "Validity", "activity": "Activity",
        "attendance": "Attendance", "rule": "Rule", "source": "Source", "fees": "Honorarium",
        "other_rules": "Other rules", "not_payable": "Never paid",
        "notes": "Assumptions and reasons", "assumption": "Assumption", "reason": "Reason",
        "travel_rates": "Travel and stay rates", "pages": "Sources (pages)",
        "see_note": "assumption", "any": "any",
        "lost_income": "Lost income", "gift": "Gift", "agreement": "Written agreement",
        "claim_age": "Claim age", "representatives": "Recommendation",
        "implausible": "Duration", "review_after": "Review",
        "severities": "Severity",
        "valid": "valid ({label})", "not_valid": "not valid", "error": "error",
        "warning": "warning",
        "diff_title": "Changes from {old} to {new}", "no_differences":
            "No differences between {old} and {new}.", "item": "Item", "kind": "Change",
        "old": "Old", "new": "New", "difference": "Difference", "percent": "%",
        "source_changes": "Changed sources",
        "added": "added", "removed": "removed", "changed": "changed",
        "source_changed": "source changed", "absent": "–",
        "impact_title": "Cost impact on {file} (scheme {scheme})",
        "rows": "Rows read", "invalid": "Invalid rows (skipped)",
        "skipped": "Other schemes (skipped)", "undecided": "Not decided (old / new)",
        "repeated": "Repeated claims (not paid, not counted)",
        "before_first": "Before the scheme's first version (no rate table, not counted)",
        "compared": "Claims compared", "claims_changed": "Claims that change",
        "due_old": "Due, old", "due_new": "Due, new",
        "top": "Largest changes", "row": "Row", "claim_id": "Claim id",
        "representative": "Representative", "group": "Group", "date": "Date",
        "claims": "Claims", "by_scheme": "By scheme", "by_representative": "By representative",
        "by_group": "By group", "no_group": "(no group)", "none": "none",
    },
}

RULE_KINDS = {
    "nb": {"flat": "fast beløp", "hourly": "timesats", "tiered": "etter varighet",
           "gift_only": "bare gave"},
    "en": {"flat": "flat amount", "hourly": "hourly rate", "tiered": "by duration",
           "gift_only": "gift only"},
}
TIERS = {"nb": {"first": "første trinn", "last": "siste trinn"},
         "en": {"first": "first tier", "last": "last tier"}}
UNITS = {"nb": {"hours": "timer", "months": "måneder", "persons": "personer", "km": "km",
                "percent": "%"},
         "en": {"hours": "hours", "months": "months", "persons": "persons", "km": "km",
                "percent": "%"}}
YES_NO = {"nb": ("ja", "nei"), "en": ("yes", "no")}
NO_CAP = {"nb": "ingen grense", "en": "no limit"}


PLURALS = {
    "nb": {"problem": ("feil", "feil"), "warning": ("advarsel", "advarsler"),
           "change": ("endring", "endringer")},
    "en": {"problem": ("problem", "problems"), "warning": ("warning", "warnings"),
           "change": ("change", "changes")},
}


def word(key: str, lang: str, **params: object) -> str:
    return WORDS[lang][key].format(**params)


def count(number: int, noun: str, lang: str) -> str:
    """'1 advarsel', '2 advarsler'."""
    one, many = PLURALS[lang][noun]
    return f"{number} {one if number == 1 else many}"


def quantity(value: Decimal | int, unit: str | None, lang: str) -> str:
    """A number in its unit: '392,00 kr', '2,5 timer', '3 måneder'."""
    if unit == "kr":
        return locale.money(Decimal(value), lang)
    number = locale.number(value, lang)
    return f"{number} {UNITS[lang][unit]}" if unit in UNITS[lang] else number


def value_text(path: str, value: Value, unit: str | None, lang: str) -> str:
    """An item's value as a person reads it."""
    if value is None:
        return NO_CAP[lang] if unit == "kr" else "–"
    if isinstance(value, bool):
        return YES_NO[lang][0 if value else 1]
    if isinstance(value, Decimal | int):
        return quantity(value, unit, lang)
    if isinstance(value, LocalText):
        return value.in_lang(lang)
    last = path.rsplit(".", 1)[-1]
    table = {"rule": RULE_KINDS, "direction": DIRECTION_LABELS, "without_duration": TIERS}.get(last)
    return table[lang].get(value, value) if table else value


def signed(text: str, value: Decimal) -> str:
    return f"+{text}" if value > 0 else text


def difference_text(change: Change, lang: str) -> str:
    difference = change.difference
    if difference is None:
        return ""
    return signed(quantity(difference, change.unit, lang), difference)


def percent_text(value: Decimal | None, lang: str) -> str:
    if value is None:
        return ""
    return signed(locale.percent(value / 100, lang), value)


def source_line(source: Source | None, lang: str) -> str:
    """The whole source of an item on one line: quote, assumption and reason."""
    if source is None:
        return "–"
    parts = []
    if source.quote:
        parts.append(f"«{source.quote}»")
    if source.assumption:
        parts.append(f"{WORDS[lang]['assumption']}: {local(source.assumption, lang)}")
    if source.reason:
        parts.append(f"{WORDS[lang]['reason']}: {local(source.reason, lang)}")
    return " ".join(parts)


def console_for(console: Console | None) -> Console:
    return console or Console(highlight=False, soft_wrap=False)


def row(table: Table, *cells: str, end_section: bool = False) -> None:
    """Cells are plain text: a quote or a file name may hold brackets rich would eat."""
    table.add_row(*(Wrapped(Text(cell)) for cell in cells), end_section=end_section)
