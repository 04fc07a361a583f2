"""What a new rate table changes, and what the change costs.

Pure: tables and claims in, lists and sums out. A table is flattened into items, each a
stable path into the table file (`activities.meeting.physical.rate`, tiers counted from 0
as in the file and in `rates check`) with its value, unit and source; two tables are then
compared item by item. The impact of a change recomputes claims under both versions.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal, Protocol

from .checks.daily_caps import DailyLostIncome
from .checks.duplicates import DuplicateClaims
from .checks.persons import normalised_name, person_key
from .engine import calculate
from .models import (
    VOIDS_PAYMENT,
    ZERO,
    Attendance,
    Cited,
    Document,
    FlatRule,
    GiftOnlyRule,
    HourlyRule,
    Meeting,
    PriceRule,
    RateTable,
    Source,
    TieredRule,
    local,
)
from .travelmodels import Passenger, RemainingPart, Required, TravelTable
from .yamldoc import Problem

Value = Decimal | str | bool | int | None
Unit = Literal["kr", "hours", "months", "persons", "km", "percent", "share"] | None
Kind = Literal["added", "removed", "changed", "source_changed"]

ATTENDANCES = (Attendance.PHYSICAL.value, Attendance.REMOTE.value, "any")
HUNDRED = Decimal(100)


# ------------------------------------------------------------------------------- items


@dataclass(frozen=True, slots=True)
class Item:
    """One value of a table: where it stands, what it is, in which unit, and its source.

    A `None` value with unit kr is a cap stated to be absent ("no upper limit").
    """

    path: str
    value: Value
    unit: Unit = None
    source: Source | None = None

    @property
    def cited(self) -> tuple[str | None, str | None, str | None]:
        """What the source says, without the document's name (which has its own item)."""
        return _cited(self.source)


def flatten(table: RateTable | TravelTable) -> dict[str, Item]:
    """Every value of `table` by its path, in the order the file gives them.

    The effective date is not an item: it names the version, and two versions always
    differ in it.
    """
    items = _travel_items(table) if isinstance(table, TravelTable) else _items(table)
    return {item.path: item for item in items}


# the unit of each kind of figure in a travel table, by the key that holds its value
_TRAVEL_UNITS: dict[str, Unit] = {"kr": "kr", "km": "km", "hours": "hours",
                                  "percent": "percent", "share": "share"}


def _document_items(document: Document) -> Iterator[Item]:
    """The source document's fields that a version gives, alike for fee and travel tables."""
    for key in ("title", "short", "file", "validity", "note"):
        value = getattr(document, key)
        if value is not None:
            yield Item(f"document.{key}", value)


def _travel_items(table: TravelTable) -> Iterator[Item]:
    cite = table.source_of
    yield Item("regulation", table.regulation)
    yield Item("name", table.name)
    yield from _document_items(table.document)
    for key, page in table.pages.items():
        yield Item(f"pages.{key}.title", page.title)
        yield Item(f"pages.{key}.url", page.url)
    for path, cited in table.cited_items():
        where = ".".join(path)
        held = next((k for k in _TRAVEL_UNITS if k in type(cited).model_fields), None)
        if held is not None:
            yield Item(where, getattr(cited, held), _TRAVEL_UNITS[held], cite(cited))
        elif isinstance(cited, RemainingPart):
            yield Item(f"{where}.over_limit", cited.over_limit, None, cite(cited))
        elif isinstance(cited, Required):
            yield Item(where, cited.value, None, cite(cited))
        else:
            yield Item(where, True, None, cite(cited))
        if isinstance(cited, Passenger):
            yield Item(f"{where}.vehicles", ", ".join(cited.vehicles), None, cite(cited))
        if getattr(cited, "unconfirmed", False):
            yield Item(f"{where}.unconfirmed", True, None, cite(cited))
    for key in ("review_after", "valid_until"):
        dated = getattr(table, key)
        if dated is not None:
            yield Item(key, dated.date.isoformat(), None, cite(dated))


def _items(table: RateTable) -> Iterator[Item]:
    def cite(cited: Cited | None) -> Source | None:
        if cited is None:
            return None
        return Source(table.document.short, cited.quote, cited.assumption, cited.reason)

    yield Item("scheme", table.scheme)
    yield Item("name", table.name)
    yield from _document_items(table.document)
    for activity, rules in table.activities.items():
        if rules.at_least is not None:
            at_least, where = rules.at_least, f"activities.{activity}.at_least"
            yield Item(f"{where}.hours", at_least.hours, "hours", cite(at_least))
            yield Item(f"{where}.otherwise", at_least.otherwise, None, cite(at_least))
        for attendance in ATTENDANCES:
            rule = getattr(rules, attendance)
            if rule is not None:
                yield from _rule_items(f"activities.{activity}.{attendance}", rule, cite)
    for activity, cited in table.not_payable.items():
        yield Item(f"not_payable.{activity}", True, None, cite(cited))
    if table.attendance is not None:
        yield Item("attendance", True, None, cite(table.attendance))
    if table.agreement is not None:
        yield Item("agreement.required", table.agreement.required, None, cite(table.agreement))
    lost = table.lost_income
    yield Item("lost_income.documentation_required", lost.documentation_required.value, None,
               cite(lost.documentation_required))
    yield Item("lost_income.cap", lost.cap.kr, "kr", cite(lost.cap))
    if lost.cap_per_day is not None:
        yield Item("lost_income.cap_per_day", lost.cap_per_day.value, None,
                   cite(lost.cap_per_day))
    if table.gift is not None:
        for activity in table.gift.activities:
            yield Item(f"gift.activities.{activity}", True)
        yield Item("gift.cap", table.gift.cap.kr, "kr", cite(table.gift.cap))
    if table.claim_age is not None:
        yield Item("claim_age.months", table.claim_age.months, "months", cite(table.claim_age))
    if table.representatives is not None:
        yield Item("representatives.minimum", table.representatives.minimum, "persons",
                   cite(table.representatives))
    if table.implausible_over is not None:
        yield Item("implausible_over", table.implausible_over.hours, "hours",
                   cite(table.implausible_over))
    if table.review_after is not None:
        yield Item("review_after", table.review_after.date.isoformat(), None,
                   cite(table.review_after))
    for code, severity in table.severities.items():
        yield Item(f"severities.{code}", str(severity))


def _rule_items(path: str, rule: PriceRule, cite) -> Iterator[Item]:
    yield Item(f"{path}.rule", rule.rule, None, cite(rule) if isinstance(rule, GiftOnlyRule) else None)
    if isinstance(rule, FlatRule):
        yield Item(f"{path}.amount", rule.amount.kr, "kr", cite(rule.amount))
    elif isinstance(rule, HourlyRule):
        yield Item(f"{path}.rate", rule.rate.kr, "kr", cite(rule.rate))
        if rule.rounding is not None:
            yield Item(f"{path}.rounding.step_hours", rule.rounding.step_hours, "hours",
                       cite(rule.rounding))
            yield Item(f"{path}.rounding.direction", rule.rounding.direction, None,
                       cite(rule.rounding))
        if rule.minimum is not None:
            yield Item(f"{path}.minimum", rule.minimum.hours, "hours", cite(rule.minimum))
        if rule.cap is not None:
            yield Item(f"{path}.cap", rule.cap.kr, "kr", cite(rule.cap))
    elif isinstance(rule, TieredRule):
        for i, tier in enumerate(rule.tiers):
            if tier.up_to_hours is not None:
                yield Item(f"{path}.tiers.{i}.up_to_hours", tier.up_to_hours.hours, "hours",
                           cite(tier.up_to_hours))
            yield Item(f"{path}.tiers.{i}.amount", tier.amount.kr, "kr", cite(tier.amount))
        if rule.without_duration is not None:
            yield Item(f"{path}.without_duration", rule.without_duration.tier, None,
                       cite(rule.without_duration))


# ----------------------------------------------------------------------------- changes


@dataclass(frozen=True, slots=True)
class Change:
    """One item that differs; `old` is None for an added item, `new` for a removed one."""

    item: str
    kind: Kind
    unit: Unit
    old: Value = None
    new: Value = None
    old_source: Source | None = None
    new_source: Source | None = None

    @property
    def difference(self) -> Decimal | None:
        """new − old in the item's unit, where both are numbers."""
        if self.kind != "changed" or self.unit is None:
            return None
        if not (_is_number(self.old) and _is_number(self.new)):
            return None
        return Decimal(self.new) - Decimal(self.old)  # type: ignore[arg-type]

    @property
    def percent(self) -> Decimal | None:
        """The difference as a percentage of the old value (None from zero)."""
        difference = self.difference
        if difference is None or not self.old:
            return None
        return difference * HUNDRED / Decimal(self.old)  # type: ignore[arg-type]

    @property
    def source_changed(self) -> bool:
        return _cited(self.old_source) != _cited(self.new_source)


def _is_number(value: Value) -> bool:
    return isinstance(value, Decimal | int) and not isinstance(value, bool)


def _cited(source: Source | None) -> tuple[str | None, str | None, str | None]:
    return (None, None, None) if source is None else (source.quote, source.assumption,
                                                      source.reason)


def compare(old: RateTable, new: RateTable) -> list[Change]:
    """Every item added, removed or changed from `old` to `new`, in the order of the files.

    A changed value is `changed` (its source may have changed too); an item whose value is
    the same but whose quote, assumption or reason differs is `source_changed`.
    """
    before, after = flatten(old), flatten(new)
    changes = []
    for path in _merged_order(list(before), list(after)):
        a, b = before.get(path), after.get(path)
        if a is None and b is not None:
            changes.append(Change(path, "added", b.unit, None, b.value, None, b.source))
        elif b is None and a is not None:
            changes.append(Change(path, "removed", a.unit, a.value, None, a.source, None))
        elif a is not None and b is not None:
            if _same_value(a.value, b.value) and a.unit == b.unit:
                if a.cited != b.cited:
                    changes.append(Change(path, "source_changed", b.unit, a.value, b.value,
                                          a.source, b.source))
            else:
                changes.append(Change(path, "changed", b.unit, a.value, b.value, a.source,
                                      b.source))
    return changes


def _same_value(a: Value, b: Value) -> bool:
    # True == 1 in Python; a flag and a number are never the same value here
    return (type(a) is type(b) and a == b) or (_is_number(a) and _is_number(b) and a == b)


def _merged_order(old: list[str], new: list[str]) -> list[str]:
    """The new file's order, with each removed item placed after its old predecessor."""
    order = list(new)
    present = set(order)
    for i, path in enumerate(old):
        if path in present:
            continue
        before = next((p for p in reversed(old[:i]) if p in present), None)
        order.insert(order.index(before) + 1 if before is not None else 0, path)
        present.add(path)
    return order


# ------------------------------------------------------ checking a version against others


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
        texts = {local(validity, lang) for lang in ("nb", "en")}
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


# ------------------------------------------------------------------------------ impact


class ClaimLike(Protocol):
    """What the impact needs of a claim (honorar.claims.Claim has it)."""

    row: int
    claim_id: str
    representative: str
    group: str | None
    meeting: Meeting
    start: dt.time | None  # the times tell two meetings of one day apart (duplicates)
    end: dt.time | None


@dataclass(frozen=True, slots=True)
class ClaimChange:
    row: int
    claim_id: str
    representative: str
    group: str | None
    date: dt.date
    old: Decimal
    new: Decimal

    @property
    def difference(self) -> Decimal:
        return self.new - self.old


@dataclass(frozen=True, slots=True)
class Totals:
    """What a set of claims is due under the old and the new version."""

    claims: int = 0
    changed: int = 0
    old: Decimal = ZERO
    new: Decimal = ZERO

    @property
    def difference(self) -> Decimal:
        return self.new - self.old

    @property
    def percent(self) -> Decimal | None:
        return None if not self.old else self.difference * HUNDRED / self.old

    def plus(self, old: Decimal, new: Decimal) -> Totals:
        return Totals(self.claims + 1, self.changed + (old != new), self.old + old,
                      self.new + new)


@dataclass(frozen=True, slots=True)
class Impact:
    """The cost of moving a scheme's claims from the old version to the new one.

    Totals cover the claims both versions decide; a claim one of them leaves undecided (an
    activity it has no rule for, a missing duration) is counted apart, as are invalid rows
    and claims of other schemes.
    """

    scheme: str
    rows: int
    invalid: int
    skipped: dict[str, int]
    undecided_old: int
    undecided_new: int
    total: Totals
    top: tuple[ClaimChange, ...]
    by: str | None = None
    breakdown: tuple[tuple[str, Totals], ...] = ()
    # claims of the scheme that repeat an earlier one: due 0 under both versions, so the
    # claim they repeat is counted once
    duplicates: int = 0
    # claims dated before the scheme's first version: no table prices them (the audit's
    # `no_rate_table`), so neither version does here
    before_first: int = 0


BREAKDOWNS = ("scheme", "representative", "group")


def impact(rows: Iterable[object], old: RateTable | TravelTable, new: RateTable | TravelTable,
           *, top: int = 10, by: str | None = None, first: dt.date | None = None) -> Impact:
    """Recompute every claim of the tables' scheme under `old` and under `new`.

    Each version is applied as if it were in force on the claim's date. `rows` holds claims
    and invalid rows (anything without a `meeting`), read once, so a stream will do; memory
    holds only the `top` largest changes and the breakdown's sums. Two travel tables are
    compared on the travel of every claim of any scheme (a claim without a trip is due no
    travel under either). A claim dated before `first`, the scheme's first version (by
    default the older of the two), is counted apart, as the audit leaves it without a table.
    """
    first = min(d for d in (first, old.effective, new.effective) if d is not None)
    if old.scheme != new.scheme:
        raise ValueError(f"the impact compares two versions of one scheme, not "
                         f"'{old.scheme}' and '{new.scheme}'")
    if by is not None and by not in BREAKDOWNS:
        raise ValueError(f"no breakdown by '{by}' (one of {', '.join(BREAKDOWNS)})")
    scheme = old.scheme
    travel = isinstance(old, TravelTable) and isinstance(new, TravelTable)
    count = invalid = undecided_old = undecided_new = duplicates = before_first = 0
    repeats = DuplicateClaims()
    # a cap per person per day is shared by the day's claims, under each version its own
    day_caps_old, day_caps_new = DailyLostIncome(), DailyLostIncome()
    skipped: dict[str, int] = {}
    total = Totals()
    groups: dict[str, Totals] = {}
    labels: dict[str, str] = {}  # a breakdown's keys as shown
    largest: list[tuple[Decimal, int, ClaimChange]] = []
    for row in rows:
        if getattr(row, "meeting", None) is None:
            if getattr(row, "stated", None) is not None:  # the file's own total: no claim
                continue
            count += 1
            invalid += 1
            continue
        count += 1
        claim: ClaimLike = row  # type: ignore[assignment]
        # every claim of the file, as in an audit: a claim id may repeat across schemes
        voided = any(f.code in VOIDS_PAYMENT for f in repeats.see(
            claim, None if travel else old))  # type: ignore[arg-type]
        if claim.meeting.scheme != scheme and not travel:
            skipped[claim.meeting.scheme] = skipped.get(claim.meeting.scheme, 0) + 1
            continue
        if claim.meeting.date < first:
            before_first += 1
            continue
        if voided:
            duplicates += 1
            continue
        meeting = claim.meeting
        if travel:
            due_old, due_new = _travel_due(meeting, old), _travel_due(meeting, new)  # type: ignore[arg-type]
        else:
            if meeting.trip is not None:  # travel is the travel table's, the same under both
                meeting = replace(meeting, trip=None)
            due_old = _due(claim, meeting, old, day_caps_old)  # type: ignore[arg-type]
            due_new = _due(claim, meeting, new, day_caps_new)  # type: ignore[arg-type]
        undecided_old += due_old is None
        undecided_new += due_new is None
        if due_old is None or due_new is None:
            continue
        total = total.plus(due_old, due_new)
        if by is not None:
            key, label = _breakdown_key(claim, by)
            groups[key] = groups.get(key, Totals()).plus(due_old, due_new)
            # a person by the name last written, a group by the spelling that sorts first
            labels[key] = min(label, labels.get(key, label)) if by == "group" else label
        if due_old != due_new and top > 0:
            change = ClaimChange(claim.row, claim.claim_id, claim.representative, claim.group,
                                 claim.meeting.date, due_old, due_new)
            # a min-heap of the largest changes; among equals the earlier row is kept
            entry = (abs(change.difference), -claim.row, change)
            if len(largest) < top:
                heapq.heappush(largest, entry)
            elif entry[:2] > largest[0][:2]:
                heapq.heapreplace(largest, entry)
    ranked = tuple(c for _, _, c in sorted(largest, key=lambda e: (-e[0], -e[1])))
    breakdown = tuple(sorted(((labels[key], totals) for key, totals in groups.items()),
                             key=lambda kv: (-abs(kv[1].difference), kv[0])))
    return Impact(scheme, count, invalid, dict(sorted(skipped.items())), undecided_old,
                  undecided_new, total, ranked, by, breakdown, duplicates, before_first)


def _due(claim: ClaimLike, meeting: Meeting, table: RateTable,
         day_caps: DailyLostIncome) -> Decimal | None:
    """What `table` gives for the claim's meeting, its lost income capped as the audit caps
    it where the cap is per person per day (the day's earlier claims in `day_caps`)."""
    calculation = calculate(meeting, table)
    if calculation.lost_income:
        calculation, _ = day_caps.see(claim, calculation, table)  # type: ignore[arg-type]
    return calculation.total


def _travel_due(meeting: Meeting, table: TravelTable) -> Decimal | None:
    """The travel `table` gives the meeting's trip; None (undecided) where the audit leaves
    it undecided whatever the rates: a trip to a meeting attended remotely is for a person
    (`travel_for_remote_meeting`)."""
    from .travel import price_trip

    if meeting.trip is None:
        return ZERO
    if meeting.attendance is Attendance.REMOTE:
        return None
    return price_trip(meeting.trip, table).amount


def _breakdown_key(claim: ClaimLike, by: str) -> tuple[str, str]:
    """The claim's row of the breakdown, and its name: a person and a group are known as
    the audit knows them (`person_key`: the representative id, else the name in any case
    and spacing), so that two spellings are one row and two people of one name are two."""
    if by == "scheme":
        return claim.meeting.scheme, claim.meeting.scheme
    if by == "representative":
        representative_id = getattr(claim, "representative_id", None)
        label = f"{claim.representative} ({representative_id})" if representative_id \
            else claim.representative
        return person_key(claim), label
    return normalised_name(claim.group or ""), claim.group or ""
