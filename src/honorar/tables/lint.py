"""What deserves a second look in a rate table file before it takes effect (`rates check`,
`rates lint`): legal but suspicious values, a version that drops what the previous one
priced, a file in the wrong folder, texts in one language only, quotes and dates that do
not match the values.

Pure: tables and their parsed YAML in, notices out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..domain import Attendance
from .diff import ATTENDANCES, compare
from .schema import (
    LANGUAGES,
    RateTable,
    local,
)
from .yamldoc import Problem


@dataclass(frozen=True, slots=True)
class Notice:
    """Something legal but suspicious about a version; `item` is its path in the file."""

    key: str
    item: str | None
    params: dict[str, object] = field(default_factory=dict)
    line: int | None = None
    column: int | None = None

    def where(self, file: str) -> str:
        """'file:line:column', as far as the place is known."""
        return str(Problem(file, self.line, self.column, "")).removesuffix(": ")


@dataclass(frozen=True, slots=True)
class Checked:
    """The verdict on one table file: its problems (it cannot be used) and its warnings."""

    file: str
    table: RateTable | None
    problems: tuple[Problem, ...] = ()
    notices: tuple[Notice, ...] = ()


def yaml_path(item: str) -> tuple[str | int, ...]:
    """An item's path as `yamldoc` keeps places: list positions are numbers."""
    return tuple(int(part) if part.isdigit() else part for part in item.split("."))


def suspicious(table: RateTable, installed: Sequence[tuple[RateTable, str]],
               shadowed_by: str | None = None, shadows: Sequence[str] = ()) -> list[Notice]:
    """What deserves a second look before `table` takes effect.

    `installed` holds the other versions of the table's scheme (table, where it lies), not
    the checked file itself; `shadowed_by` names the file that hides it, if any, and
    `shadows` the files it hides (the catalogue knows both when the file lies in a rates
    directory; a file checked from elsewhere gets a warning for a date already taken).
    """
    notices: list[Notice] = []
    others = sorted(installed, key=lambda pair: pair[0].effective)
    if shadowed_by is not None:
        notices.append(Notice("rates_shadowed", "effective", {"file": shadowed_by}))
    notices += [Notice("rates_shadows", "effective", {"file": hidden}) for hidden in shadows]
    same = [where for other, where in others if other.effective == table.effective]
    if same and shadowed_by is None:
        notices.append(Notice("rates_same_date", "effective", {"file": same[0],
                                                          "effective": table.effective}))
    newest = others[-1][0] if others else None
    if newest is not None and table.effective < newest.effective:
        notices.append(Notice("rates_before_newest", "effective", {
            "effective": table.effective, "newest": newest.label,
            "until_date": newest.effective - dt.timedelta(days=1)}))
    earlier = [other for other, _ in others if other.effective < table.effective]
    if earlier:
        previous = earlier[-1]
        notices += dropped(previous, table)
        for change in compare(previous, table):
            if change.unit != "kr" or change.difference is None or not change.old:
                continue
            old, new = Decimal(change.old), Decimal(change.new)  # type: ignore[arg-type]
            params = {"item": change.item, "old_kr": old, "new_kr": new,
                      "previous": previous.label}
            if new * 2 < old:
                notices.append(Notice("rates_drops_by_half", change.item, params))
            elif new > old * 2:
                notices.append(Notice("rates_more_than_doubles", change.item, params))
    return notices


# a table's own words and names, not rules: a version may drop them freely
_NOT_RULES = ("scheme", "name", "document.", "severities.")


def _priced_attendances(rules) -> set[str]:
    """The attendances an activity's rules price (`any` prices both)."""
    if getattr(rules, "any", None) is not None:
        return {Attendance.PHYSICAL.value, Attendance.REMOTE.value}
    return {a for a in ATTENDANCES[:2] if getattr(rules, a) is not None}


def dropped(previous: RateTable, table: RateTable) -> list[Notice]:
    """What the version before `table` has and `table` drops: an activity (its claims would
    have no rule), an attendance of an activity, or a rule (a cap, a never-paid activity, a
    claim-age limit …). A version that means to drop one may; it should not happen unseen."""
    if not isinstance(previous, RateTable) or not isinstance(table, RateTable):
        return []
    notices: list[Notice] = []
    gone: list[str] = []  # paths already reported, with everything under them
    label = previous.label
    for activity, rules in previous.activities.items():
        new_rules = table.activities.get(activity)
        if new_rules is None:
            notices.append(Notice("rates_drops_activity", "activities",
                                  {"activity": activity, "previous": label}))
            gone.append(f"activities.{activity}.")
            continue
        for attendance in sorted(_priced_attendances(rules) - _priced_attendances(new_rules)):
            notices.append(Notice("rates_drops_attendance", f"activities.{activity}",
                                  {"activity": activity, "attendance": attendance,
                                   "previous": label}))
            gone.append(f"activities.{activity}.{attendance}.")
    for change in compare(previous, table):
        item = change.item
        if change.kind != "removed" or item.startswith(_NOT_RULES) or \
                any(item.startswith(path) for path in gone):
            continue
        if item.startswith("activities.") and item.split(".")[2] == "any":
            continue  # `any` split into physical and remote: nothing is unpriced
        notices.append(Notice("rates_drops_rule", item.rsplit(".", 1)[0] or item,
                              {"item": item, "previous": label}))
    return notices


def placement(table: RateTable, folder: str) -> list[Notice]:
    """A table must lie in the folder named after its scheme to be found there."""
    if folder != table.scheme:
        return [Notice("rates_wrong_folder", "scheme", {"folder": folder, "scheme": table.scheme})]
    return []


# The keys whose values are a table's own words, which it may give in both languages.
_TEXT_KEYS = {("name",), ("document", "title"), ("document", "short"), ("document", "validity"),
              ("document", "note")}
_CITED_TEXT_KEYS = {"assumption", "reason"}


def one_language(data: object) -> list[str]:
    """The paths of the texts of a table file (as read from YAML) given in one language only.

    Such a text is shown as written in both languages; a quote is the source's own words
    and is not one of them.
    """
    found: list[str] = []

    def walk(value: object, path: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                here = (*path, key)
                if here in _TEXT_KEYS or key in _CITED_TEXT_KEYS:
                    if isinstance(inner, str) or (isinstance(inner, dict) and len(inner) == 1):
                        found.append(".".join(str(part) for part in here))
                else:
                    walk(inner, here)
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                walk(inner, (*path, i))

    walk(data, ())
    return found


# a number in a quote as the sources write amounts: '392', 'Kr. 1.960,-', '4,90', '1 176,50'
_QUOTED_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ .\u00a0]\d{3})+(?:,\d{1,2})?(?![\d])"
                            r"|(?<![\d.,])\d+(?:[.,]\d{1,2})?(?![\d])")
# a date in a table's validity text: '01.01.2022', '2022-01-01'
_TEXT_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")


def _quoted_numbers(quote: str) -> set[Decimal]:
    found = set()
    for text in _QUOTED_NUMBER.findall(quote):
        if re.fullmatch(r"\d{1,3}(?:[ .\u00a0]\d{3})+(?:,\d{1,2})?", text):
            text = re.sub(r"[ .\u00a0]", "", text)  # '1.960' and '1 960': thousands
        found.add(Decimal(text.replace(",", ".")))
    return found


def quote_notices(data: object) -> list[Notice]:
    """Amounts that differ from the number in their own quote (`{kr: 420, quote: "Kr.
    392,-"}`): a new table copied from an old one and changed in one place only. A quote
    with no number says nothing either way."""
    found: list[Notice] = []

    def walk(value: object, path: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            amount, quote = value.get("kr"), value.get("quote")
            if isinstance(quote, str) and isinstance(amount, int | float | Decimal) \
                    and not isinstance(amount, bool):
                numbers = _quoted_numbers(quote)
                kr = Decimal(str(amount))
                if numbers and kr not in numbers:
                    item = ".".join(str(p) for p in (*path, "kr"))
                    found.append(Notice("rates_amount_not_in_quote", item,
                                        {"item": item, "amount_kr": kr, "quote": quote}))
            for key, inner in value.items():
                walk(inner, (*path, key))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(inner, (*path, index))

    walk(data, ())
    return found


def date_notices(table: RateTable) -> list[Notice]:
    """A validity text or review date older than the table's `effective` date: a table
    copied from an older one whose dates were not all brought along."""
    notices: list[Notice] = []
    document = getattr(table, "document", None)
    validity = getattr(document, "validity", None)
    if validity is not None:
        texts = {local(validity, lang) for lang in LANGUAGES}
        dates = []
        for text in texts:
            for match in _TEXT_DATE.finditer(text or ""):
                day, month, year = (match[1], match[2], match[3]) if match[1] else \
                    (match[6], match[5], match[4])
                try:
                    dates.append(dt.date(int(year), int(month), int(day)))
                except ValueError:
                    continue
        if dates and max(dates) < table.effective:
            notices.append(Notice("rates_validity_before_effective", "document.validity", {
                "validity": local(validity, "nb"), "date": max(dates),
                "effective": table.effective}))
    review = getattr(table, "review_after", None)
    if review is not None and review.date < table.effective:
        notices.append(Notice("rates_review_before_effective", "review_after.date", {
            "review_date": review.date, "effective": table.effective}))
    return notices


def language_notices(data: object) -> list[Notice]:
    """One warning for the texts in one language, at the first of them."""
    paths = one_language(data)
    if not paths:
        return []
    if len(paths) == 1:
        return [Notice("rates_one_language", paths[0], {"item": paths[0]})]
    return [Notice("rates_one_language_more", paths[0],
                   {"item": paths[0], "more": len(paths) - 1})]
