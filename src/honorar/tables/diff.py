"""What a new rate table changes (`rates diff`).

Pure: tables in, lists out. A table is flattened into items, each a stable path into the
table file (`activities.meeting.physical.rate`, tiers counted from 0 as in the file and in
`rates check`) with its value, unit and source; two tables are then compared item by item.
What a table file deserves a second look for is in `lint`; what a change costs, in
`honorar.audit.impact`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from ..domain import Attendance, Source
from .schema import (
    Cited,
    Document,
    FlatRule,
    GiftOnlyRule,
    HourlyRule,
    PriceRule,
    RateTable,
    TieredRule,
)
from .travel_schema import Passenger, RemainingPart, Required, TravelTable

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
    # a travel table and a tax-free table name their figures alike (`cited_items`)
    items = _items(table) if isinstance(table, RateTable) else _travel_items(table)
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
        if getattr(cited, "description", None):  # a tax-free table's a-melding description
            # a name, not a figure of the rate's page: the rate's source is the rate's
            yield Item(f"{where}.description", cited.description)
    for key in ("review_after", "valid_until"):
        dated = getattr(table, key, None)
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
    # for a tier's amount or limit, which durations it is for: ("up_to", 2.5), ("over", 2.5)
    # or ("any", None), so that it can be named in words ("fjernmøte over 2,5 timer")
    tier: Bound | None = None

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


Bound = tuple[str, Decimal | None]


def tier_bounds(table: RateTable | TravelTable) -> dict[str, Bound]:
    """The durations each tier of a tiered rule is for, by the paths of its amount and its
    limit: the tier "up_to" its limit, "over" the tier before's, or "any" duration."""
    bounds: dict[str, Bound] = {}
    for activity, rules in getattr(table, "activities", {}).items():
        for attendance in ATTENDANCES:
            rule = getattr(rules, attendance)
            if not isinstance(rule, TieredRule):
                continue
            where, previous = f"activities.{activity}.{attendance}.tiers", None
            for i, tier in enumerate(rule.tiers):
                if tier.up_to_hours is not None:
                    bound: Bound = ("up_to", tier.up_to_hours.hours)
                    bounds[f"{where}.{i}.up_to_hours"] = bound
                    previous = tier.up_to_hours.hours
                else:
                    bound = ("over", previous) if previous is not None else ("any", None)
                bounds[f"{where}.{i}.amount"] = bound
    return bounds


def compare(old: RateTable, new: RateTable) -> list[Change]:
    """Every item added, removed or changed from `old` to `new`, in the order of the files.

    A changed value is `changed` (its source may have changed too); an item whose value is
    the same but whose quote, assumption or reason differs is `source_changed`.
    """
    before, after = flatten(old), flatten(new)
    bounds = {**tier_bounds(old), **tier_bounds(new)}
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
    return [replace(c, tier=bounds[c.item]) if c.item in bounds else c for c in changes]


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
