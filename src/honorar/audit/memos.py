"""The run's memo layer: what one audit has worked out, each remembered by the values it
came from, and kept for that run alone.

The rules and the checks are pure functions; speed is this layer around them. For a
meeting's scheme and date it keeps what they decide (the table in force, the last day to
claim), for a meeting or a set of a light claim's facts the calculation under that table
(put together from parts by `rules.pricer.Pricer`), and the tables that may be outdated
with the rows they concern. Every memo is bounded (it starts afresh when full) and asks
the one switch, `memo.ON`: off, it keeps nothing, and every row is priced again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from .. import memo
from ..claims import Claim
from ..claims.records import Facts, LightClaim
from ..domain import DEFAULT_SEVERITY, Calculation, Finding, Meeting
from ..rules.calculation import outdated_rates
from ..rules.pricer import Pricer
from ..tables.schema import RateTable
from ..tables.travel_schema import TravelTable
from .checks.rows import claim_age_limit, travel_verdict
from .results import OutdatedRows, PricedFacts, Tables, Versions

MEETINGS_KEPT = 20_000  # meetings remembered with their calculation (the reader's cache size)
CALCULATIONS_KEPT = 4_096  # distinct calculations remembered (each holds its steps)


class Dated(NamedTuple):
    """What a scheme's date decides (see `RunMemos.on_date`)."""

    table: RateTable | None  # in force on the date
    known: bool  # whether the scheme is known at all
    outdated: Finding | None  # that the table may be outdated on the date
    last_day: dt.date | None  # the last day to claim a meeting of the date (None: no limit)


@dataclass(slots=True)
class Priced:
    """A meeting priced: its table and calculation, and what its scheme and date decide."""

    key: tuple  # what the calculation rests on, by value (`RunMemos._price`)
    table: RateTable | None
    calculation: Calculation
    # the last day a claim for the meeting may be submitted (None: no limit)
    last_day: dt.date | None
    # the calculation's findings that belong to the row (not those of the table's version)
    row_findings: tuple[Finding, ...]
    # where the table may be outdated for the meeting: its finding and the rows it concerns,
    # shared by every meeting of the table that is; None where it is not
    outdated: OutdatedRows | None


class RunMemos:
    """What one audit run has worked out about its meetings and tables."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables
        # a table that may be outdated → its finding, and the rows that it concerns
        self._outdated: dict[RateTable, OutdatedRows] = {}
        self._versions: dict[str, Versions | None] = memo.memo()  # a scheme's versions
        self._scheme_names: str | None = None
        self._priced: dict[Meeting, Priced] = memo.memo()  # a meeting → its table and calculation
        # (facts, table, whether not outdated) → those facts priced under the table; the
        # facts themselves while they have been seen once
        self.priced_facts: dict[tuple[Facts, RateTable | None, bool], PricedFacts | Facts] = \
            memo.memo()
        # calculation key → the calculation, and its findings that belong to the row
        self._calculations: dict[tuple, tuple[Calculation, tuple[Finding, ...]]] = memo.memo()
        # a calculation missed there is put together from the parts other meetings share
        self._pricer = Pricer() if memo.ON else Pricer(kept=0)
        self.dated: dict[tuple[str, dt.date], Dated] = memo.memo()
        # travel tables apart from fee tables: a regulation's name is no scheme's
        self._travel_versions: dict[str, Versions | None] = memo.memo()
        self._travel_on: dict[tuple[str, dt.date], TravelTable | None] = memo.memo()
        # (calculation key, honorarium not claimed, travel claimed) → `travel_verdict`
        self._travel_verdicts: dict[tuple, tuple[str, dict] | None] = memo.memo()

    def _outdated_rows(self, finding: Finding, table: RateTable) -> OutdatedRows:
        """The table's count of rows it may be outdated for."""
        seen = self._outdated.get(table)
        if seen is None:
            seen = self._outdated[table] = OutdatedRows(finding, table)
        return seen

    def version_findings(self) -> list[tuple[Finding, RateTable, int]]:
        """Findings about a version of a table rather than a row (the table may be outdated),
        once per scheme and version, with the rows they concern; by scheme and version."""
        found = [(seen.finding, seen.table, seen.rows) for seen in self._outdated.values()
                 if seen.rows]
        return sorted(found, key=lambda item: (item[1].scheme, item[1].effective))

    def price(self, meeting: Meeting) -> Priced:
        """The meeting's table and calculation, and what its scheme and date decide."""
        priced = self._priced.get(meeting)
        if priced is None:
            priced = self._price(meeting)
        return priced

    def _price(self, meeting: Meeting) -> Priced:
        # A calculation depends on the date only through the table in force (tests hold
        # the engine to that), so calculations are shared by every meeting with the same
        # table and the same facts, whatever its date.
        if len(self._priced) >= MEETINGS_KEPT:
            self._priced.clear()
        dated = self.dated.get((meeting.scheme, meeting.date))
        if dated is None:
            dated = self.on_date(meeting.scheme, meeting.date)
        table, known, outdated, last_day = dated
        travel = None
        if meeting.trip is not None and table is not None and table.travel is not None:
            travel = self._travel_of(table.travel.table, meeting.date)
        # besides its table, a calculation depends on the date only by whether the table may
        # be outdated on it
        key = (table, outdated is not None, meeting.attendance, meeting.activity, meeting.hours,
               meeting.agreement,
               meeting.lost_income, meeting.lost_income_documented, meeting.gift)
        if meeting.trip is not None:
            # the travel table may be outdated on the date (`travel_rates_may_be_outdated`)
            review = None if travel is None else travel.review_after
            key += (meeting.trip, travel, review is not None and meeting.date > review.date)
            if travel is None:  # its finding that no travel table covers it names the date
                key += (meeting.date,)
        if not known:  # an unknown scheme's calculation says only that it is unknown
            key = (meeting.scheme,)
        elif table is None:
            key += (meeting.scheme, meeting.date)
        calculated = self._calculations.get(key)
        if calculated is None:
            if len(self._calculations) >= CALCULATIONS_KEPT:
                self._calculations.clear()
            if known:
                calculation = self._pricer(meeting, table, travel)
            else:
                calculation = Calculation(meeting.scheme, None, None, None, None, None, (), (
                    Finding("no_rate_table", DEFAULT_SEVERITY["no_rate_table"],
                            {"scheme": meeting.scheme, "known": self._known_schemes()},
                            "unknown_scheme"),))
            row_findings = calculation.findings
            if outdated is not None:  # said once per version (`version_findings`), not per row
                row_findings = tuple(f for f in row_findings if f.code != outdated.code)
            calculated = self._calculations[key] = (calculation, row_findings)
        outdated_rows = None if outdated is None else self._outdated_rows(outdated, table)  # type: ignore[arg-type]
        priced = self._priced[meeting] = Priced(key, table, calculated[0], last_day,
                                                calculated[1], outdated_rows)
        return priced

    def facts_seen(self, light: LightClaim, dated: Dated, key: tuple,
                   seen: Facts | None) -> PricedFacts | None:
        """A light claim's facts priced under `dated`'s table if they were `seen` before
        (`priced_facts` at `key` holds them), else None, and they are noted as seen: where
        facts hardly repeat, most claims have findings, and pricing them for the light
        lane is waste (a claim of facts seen once is checked in full)."""
        if seen is not None:
            return self.price_facts(light, dated)
        if len(self.priced_facts) >= CALCULATIONS_KEPT:
            self.priced_facts.clear()
        self.priced_facts[key] = light.facts
        return None

    def price_facts(self, light: LightClaim, dated: Dated) -> PricedFacts:
        """A light claim's facts priced under the table of its scheme and date: the
        calculation of any meeting of those facts under that table, as `_price` has it."""
        if len(self.priced_facts) >= CALCULATIONS_KEPT:
            self.priced_facts.clear()
        facts = light.facts
        meeting = facts.meeting(light.date)
        priced = self.price(meeting)
        table, known, outdated = dated.table, dated.known, dated.outdated
        calculation = priced.calculation
        clean = (known and table is not None and not priced.row_findings
                 and facts.claimed == calculation.honorarium
                 and not (calculation.lost_income and table.lost_income.cap_per_day is not None))
        found = self.priced_facts[(facts, table, outdated is None)] = PricedFacts(
            facts, table, calculation, priced.outdated, clean)  # type: ignore[arg-type]
        return found

    def on_date(self, scheme: str, date: dt.date) -> Dated:
        """What a meeting's scheme and date decide: the table in force, whether the scheme
        is known at all, the finding that the table may be outdated, and the last day a
        claim may be submitted (None: no limit)."""
        table, known = self._table_of(scheme, date)
        outdated = outdated_rates(table, date) if table is not None else None
        rule = table.claim_age if table is not None else None
        last_day = claim_age_limit(date, rule.months) if rule is not None else None
        if len(self.dated) >= MEETINGS_KEPT:
            self.dated.clear()
        dated = self.dated[(scheme, date)] = Dated(table, known, outdated, last_day)
        return dated

    def _table_of(self, scheme: str, date: dt.date) -> tuple[RateTable | None, bool]:
        """The table in force, and whether the scheme is known at all."""
        if scheme in self._versions:
            versions = self._versions[scheme]
        else:
            # a folder of travel rules is no scheme
            lookup = getattr(self._tables, "fee_versions", None) or self._tables.versions
            versions = self._versions[scheme] = lookup(scheme)
        return (versions.at(date), True) if versions is not None else (None, False)

    def _travel_of(self, regulation: str, date: dt.date) -> TravelTable | None:
        """The travel table in force (None before the first, or where there is none)."""
        key = (regulation, date)
        if key in self._travel_on:
            return self._travel_on[key]
        if regulation in self._travel_versions:
            versions = self._travel_versions[regulation]
        else:
            versions = self._travel_versions[regulation] = self._tables.versions(regulation)
        table = versions.at(date) if versions is not None else None
        if not isinstance(table, TravelTable) or not table.covers(date):
            table = None  # a fee scheme's folder holds no travel rules; or its term is over
        if len(self._travel_on) >= MEETINGS_KEPT:
            self._travel_on.clear()
        self._travel_on[key] = table
        return table

    def _known_schemes(self) -> str:
        # asked once an audit: the catalogue looks through its folders for the names
        if self._scheme_names is None:
            names = getattr(self._tables, "fee_scheme_names", None) or getattr(
                self._tables, "scheme_names", None)
            self._scheme_names = ", ".join(names()) if names else ""
        return self._scheme_names

    def travel_verdict(self, claim: Claim, priced: Priced,
                       calculation: Calculation) -> tuple[str, dict] | None:
        """`checks.rows.travel_verdict` of the claim, by the value of what it rests on:
        the travel claimed against the same calculation says the same."""
        key = (priced.key, calculation is not priced.calculation, claim.travel_claimed)
        if key in self._travel_verdicts:
            return self._travel_verdicts[key]
        if len(self._travel_verdicts) >= CALCULATIONS_KEPT:
            self._travel_verdicts.clear()
        verdict = self._travel_verdicts[key] = travel_verdict(claim, calculation)
        return verdict
