"""What a new rate table costs (`rates diff --impact`, `--impact-ledger`): every claim
audited under the old version and under the new one.

Pure: claims and two tables in, sums out. The claims go through the audit itself
(`audit.pipeline`), once with each version in force on every date from the scheme's first,
so a claim is counted exactly as an audit counts it: a repeat is paid once, a fee or travel
not claimed is not paid, lost income is capped per person per day, a supplement is paid
only the parts not paid before, a claim the audit leaves to a person is undecided.

A fee table's impact includes the travel each claim is due under the travel table in force
on its date (the same under both versions); a travel table's impact is the travel and stay
of every claim, repriced under both.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..domain import VOIDS_PAYMENT, ZERO
from ..problem import ValueProblem, said
from ..tables.diff import HUNDRED
from ..tables.schema import RateTable
from ..tables.travel_schema import TravelTable
from .checks.paid import PaidClaims
from .checks.persons import normalised_name, person_key
from .pipeline import Audit
from .results import Tables


@dataclass(frozen=True, slots=True)
class ClaimChange:
    row: int
    claim_id: str
    representative: str
    group: str | None
    date: dt.date
    old: Decimal
    new: Decimal
    batch: str | None = None  # the ledger's batch the claim was paid in (`row` is its row)

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

    def add(self, other: Totals) -> Totals:
        return Totals(self.claims + other.claims, self.changed + other.changed,
                      self.old + other.old, self.new + other.new)


@dataclass(frozen=True, slots=True)
class Impact:
    """The cost of moving a scheme's claims from the old version to the new one.

    Totals cover the claims both versions decide; a claim one of them leaves undecided (an
    activity it has no rule for, a missing duration, a person not known apart) is counted
    apart, as are invalid rows and claims of other schemes.
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
    # claims that repeat an earlier one: due 0 under both versions, so the claim they repeat
    # is counted once
    duplicates: int = 0
    # claims dated before the scheme's first version: no table prices them (the audit's
    # `no_rate_table`), so neither version does here
    before_first: int = 0
    # "unchanged": the totals hold each claim's travel at its price under the travel table
    # in force (the same under both); "repriced": the totals are travel and stay alone,
    # priced under each version
    travel: str = "unchanged"
    travel_old: Decimal = ZERO  # of the totals, travel and stay
    travel_new: Decimal = ZERO
    # a ledger's claims paid in `year`, and those recorded before their facts were kept
    # (not priced: counted apart)
    year: int | None = None
    without_facts: int = 0
    # claims undecided under either version (or both): not in the totals
    undecided: int = 0
    # of `skipped`, the claims of other schemes recorded before their facts were kept (not
    # among the `rows` read)
    skipped_without_facts: int = 0


BREAKDOWNS = ("scheme", "representative", "group", "month", "activity")


class _OneVersion:
    """A table applied on every date from `first` (none before: `no_rate_table`)."""

    def __init__(self, table: RateTable | TravelTable, first: dt.date) -> None:
        self.table, self.first = table, first

    def at(self, date: dt.date) -> RateTable | TravelTable | None:
        return self.table if date >= self.first else None


class _Swapped:
    """The rate tables with one scheme's (or travel regulation's) versions replaced by one
    version, as if in force on every claim's date; every other table as installed."""

    def __init__(self, tables: Tables | None, table: RateTable | TravelTable,
                 first: dt.date) -> None:
        self._tables = tables
        self._travel = isinstance(table, TravelTable)
        if self._travel:  # its term does not end: it prices every trip from `first`
            table = table.model_copy(update={"valid_until": None})
        self._name = table.scheme
        self._one = _OneVersion(table, first)

    def versions(self, name: str):
        if name == self._name:
            return self._one
        return None if self._tables is None else self._tables.versions(name)

    def fee_versions(self, name: str):
        if name == self._name:
            return None if self._travel else self._one
        if self._tables is None:
            return None
        lookup = getattr(self._tables, "fee_versions", None) or self._tables.versions
        return lookup(name)

    def fee_scheme_names(self) -> list[str]:
        names = getattr(self._tables, "fee_scheme_names", None) or getattr(
            self._tables, "scheme_names", None)
        found = set(names() if names else ())
        if not self._travel:
            found.add(self._name)
        return sorted(found)


class _Labels:
    """A breakdown key's name: the spelling met most often, among equals the first met."""

    def __init__(self) -> None:
        self._counts: dict[str, dict[str, int]] = {}

    def see(self, key: str, label: str) -> None:
        counts = self._counts.setdefault(key, {})
        counts[label] = counts.get(label, 0) + 1

    def __getitem__(self, key: str) -> str:
        counts = self._counts[key]
        # dicts keep the order labels were first met; max keeps the first of equals
        return max(counts, key=counts.__getitem__)

    def move(self, key: str, into: str) -> None:
        """The spellings of `key` counted as `into`'s."""
        counts = self._counts.setdefault(into, {})
        for label, count in self._counts.pop(key).items():
            counts[label] = counts.get(label, 0) + count


class _Numbers:
    """The numbers each name goes by among the claims, to know a row without a number as
    the one person its name goes by (as the audit's `Identities` does)."""

    def __init__(self) -> None:
        self._of_name: dict[str, dict[str, str]] = {}  # name key → number key → as written

    def see(self, claim) -> None:
        representative_id = getattr(claim, "representative_id", None)
        if representative_id:
            self._of_name.setdefault(normalised_name(claim.representative), {}).setdefault(
                person_key(claim), representative_id)

    def only(self, name: str) -> str | None:
        """The one number key the name key goes by, if it goes by exactly one."""
        numbers = self._of_name.get(name, {})
        return next(iter(numbers)) if len(numbers) == 1 else None

    def written(self, key: str) -> str:
        """A number key's number as first written."""
        return next(n[key] for n in self._of_name.values() if key in n)


def _people(groups: dict[str, Totals], labels: _Labels, numbers: _Numbers
            ) -> dict[str, str]:
    """The breakdown by person: a name's rows without a number moved to the one number
    the name goes by; each row's name, the spelling written most often and the number."""
    for key in [k for k in groups if not k.startswith("#")]:
        number = numbers.only(key)
        if number is not None:
            moved = groups.pop(key)
            groups[number] = groups[number].add(moved) if number in groups else moved
            labels.move(key, number)
    return {key: f"{labels[key]} ({numbers.written(key)})" if key.startswith("#")
            else labels[key] for key in groups}


def impact(rows: Iterable[object], old: RateTable | TravelTable, new: RateTable | TravelTable,
           *, tables: Tables | None = None, top: int = 10, by: str | None = None,
           first: dt.date | None = None, year: int | None = None,
           without_facts: int | Mapping[str, int] = 0,
           origin: Callable[[int], tuple[str | None, int]] | None = None,
           paid: PaidClaims | None = None) -> Impact:
    """Audit every claim of `rows` under `old` and under `new`.

    Each version is applied as if in force on the claim's date; every other table (the
    travel table of a fee table's claims, the fee tables of a travel table's) is the one of
    `tables` in force. `rows` holds claims and invalid rows, read once, so a stream will
    do. A claim dated before `first`, the scheme's first version (by default the older of
    the two), is counted apart, as the audit leaves it without a table. `origin` gives a
    row's batch and its row there (a ledger's claims are numbered in turn);
    `without_facts` the claims not in `rows`, recorded before their facts were kept (by
    scheme: those of another scheme are left out as such, unless OLD and NEW are travel
    tables, which take every scheme's trips); `paid` what
    was paid before them (a ledger's earlier years), as the audit's `--ledger`.
    """
    first = min(d for d in (first, old.effective, new.effective) if d is not None)
    if old.scheme != new.scheme:
        raise ValueProblem(said("rates.impact_two_schemes_long", old=old.scheme, new=new.scheme))
    if by is not None and by not in BREAKDOWNS:
        raise ValueProblem(said("rates.no_breakdown", by=by, choices=", ".join(BREAKDOWNS)))
    scheme = old.scheme
    travel = isinstance(old, TravelTable) and isinstance(new, TravelTable)
    # the two audits take the rows in step: each row is held until both have had it
    feed_old, feed_new = itertools.tee(rows)
    audits = (Audit(feed_old, _Swapped(tables, old, first), paid=paid),  # type: ignore[arg-type]
              Audit(feed_new, _Swapped(tables, new, first), paid=paid))  # type: ignore[arg-type]
    count = invalid = undecided_old = undecided_new = undecided = duplicates = before_first = 0
    skipped: dict[str, int] = {}
    if isinstance(without_facts, Mapping):  # a ledger's, by scheme
        if not travel:
            skipped.update((s, n) for s, n in without_facts.items() if s != scheme and n)
        without_facts = sum(without_facts.values()) if travel else without_facts.get(scheme, 0)
    skipped_without_facts = sum(skipped.values())
    total = Totals()
    travel_old = travel_new = ZERO
    groups: dict[str, Totals] = {}
    labels = _Labels()
    numbers = _Numbers()
    largest: list[tuple[Decimal, int, ClaimChange]] = []
    for seq, (was, becomes) in enumerate(zip(*audits, strict=True)):
        count += 1
        claim = was.claim
        if claim is None:
            invalid += 1
            continue
        if by == "representative":
            numbers.see(claim)
        meeting = claim.meeting
        if meeting.scheme != scheme and not travel:
            skipped[meeting.scheme] = skipped.get(meeting.scheme, 0) + 1
            continue
        if meeting.date < first:
            before_first += 1
            continue
        if any(f.code in VOIDS_PAYMENT for f in (*was.findings, *becomes.findings)):
            duplicates += 1
            continue
        if travel:
            due_old, due_new = _travel_due(was), _travel_due(becomes)
        else:
            due_old, due_new = was.due_total, becomes.due_total
        undecided_old += due_old is None
        undecided_new += due_new is None
        if due_old is None or due_new is None:
            undecided += 1
            continue
        total = total.plus(due_old, due_new)
        travel_old += was.calculation.travel or ZERO
        travel_new += becomes.calculation.travel or ZERO
        if by is not None:
            key, label = _breakdown_key(claim, by)
            groups[key] = groups.get(key, Totals()).plus(due_old, due_new)
            labels.see(key, label)
        if due_old != due_new and top > 0:
            batch, row = origin(claim.row) if origin is not None else (None, claim.row)
            change = ClaimChange(row, claim.claim_id, claim.representative, claim.group,
                                 meeting.date, due_old, due_new, batch)
            # a min-heap of the largest changes; among equals the earlier claim is kept
            entry = (abs(change.difference), -seq, change)
            if len(largest) < top:
                heapq.heappush(largest, entry)
            elif entry[:2] > largest[0][:2]:
                heapq.heapreplace(largest, entry)
    for audit in audits:  # the group meetings still short: no change to what is due
        for _ in audit.late_findings():
            pass
    ranked = tuple(c for _, _, c in sorted(largest, key=lambda e: (-e[0], -e[1])))
    names = _people(groups, labels, numbers) if by == "representative" else labels
    breakdown = tuple(sorted(((names[key], totals) for key, totals in groups.items()),
                             key=lambda kv: (-abs(kv[1].difference), kv[0])))
    return Impact(scheme, count, invalid, dict(sorted(skipped.items())), undecided_old,
                  undecided_new, total, ranked, by, breakdown, duplicates, before_first,
                  "repriced" if travel else "unchanged", travel_old, travel_new, year,
                  without_facts, undecided, skipped_without_facts)


def _travel_due(result) -> Decimal | None:
    """The travel and stay an audited claim is due: 0 without a trip; None (undecided)
    where the audit leaves it undecided (no travel table, a trip to a meeting attended
    remotely: `travel_for_remote_meeting`, a person not known apart)."""
    if result.claim.meeting.trip is None:
        return ZERO
    return result.calculation.travel


def _breakdown_key(claim, by: str) -> tuple[str, str]:
    """The claim's row of the breakdown, and its name: a person and a group are known as
    the audit knows them (`person_key`: the representative id, else the name in any case
    and spacing), so that two spellings are one row and two people of one name are two."""
    meeting = claim.meeting
    if by == "scheme":
        return meeting.scheme, meeting.scheme
    if by == "month":
        month = meeting.date.strftime("%Y-%m")
        return month, month
    if by == "activity":
        return meeting.activity, meeting.activity
    if by == "representative":  # named with its number in `_people`
        return person_key(claim), claim.representative
    return normalised_name(claim.group or ""), claim.group or ""
