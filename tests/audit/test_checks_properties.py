"""Properties of the audit that must hold for any file, not just the examples."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from honorar.audit.pipeline import audit
from honorar.audit.summary import Summary
from honorar.claims import read_claims
from honorar.domain import Attendance, Meeting
from honorar.rules.calculation import calculate
from honorar.tables.catalogue import Catalogue

TABLES = Catalogue.from_options(environ={})
HEADER = ("tag,claim_id,representative,scheme,group,date,start,end,attendance,activity,"
          "agreement,claimed_honorarium,lost_income,lost_income_documented,gift,submitted")
SLOTS = [("09:00", "11:00"), ("12:00", "14:30"), ("15:00", "16:00")]  # never overlapping


def run(lines: list[str]) -> tuple[dict[int, list[str]], Summary]:
    """Audit the lines; each row's finding codes by its tag, and the summary."""
    data = ("\n".join([HEADER, *lines]) + "\n").encode()
    tags = {row: int(line.split(",", 1)[0]) for row, line in enumerate(lines, 2)}
    summary = Summary()
    found: dict[int, list[str]] = {}
    checked = audit(read_claims(io.BytesIO(data)), TABLES)
    for result in checked:
        summary.add(result)
        found[tags[result.row]] = [f.code for f in result.findings]
    for finding in summary.counting(checked.late_findings()):
        found[tags[finding.row]].append(finding.code)
    return found, summary


row_strategy = st.tuples(
    st.sampled_from(["Kari Nordmann", "Ola Hansen", "Aisha Khan", "Per Olsen"]),
    st.sampled_from(["unn", "unn", "fousam", "helse-vest"]),
    st.sampled_from(["Hjerte", "Rus", ""]),
    st.sampled_from(["2023-03-01", "2023-03-02", "2021-12-31"]),
    st.sampled_from(SLOTS),
    st.sampled_from(["fysisk", "teams"]),
    st.sampled_from(["møte", "undervisning", "informasjon", "likemannsoppdrag"]),
    st.sampled_from(["ja", "nei", ""]),
    st.sampled_from(["392", "784", "850", "980", "1960", "0"]),
    st.sampled_from(["", "900", "2000"]), st.sampled_from(["ja", "nei"]),
    st.sampled_from(["", "250", "400"]),
    st.sampled_from([-1, 0, 10, 92, 200]),  # days from the meeting to the claim
)

pytestmark = pytest.mark.slow  # generated input, many runs each: see pyproject's markers


@st.composite
def claim_files(draw) -> list[str]:
    """Rows with unique ids, some of them entered twice (the same row again).

    Apart from the copies, no two rows are one person at one meeting: which of two different
    claims for the same meeting is paid depends on which comes first, and a copy is paid the
    same whichever of the two is voided. For the same reason no person claims lost income in
    two rows of one day: a day's cap is shared in file order, so which claim it cuts goes
    with the order."""
    lines: list[str] = []
    rows = draw(st.lists(row_strategy, min_size=1, max_size=25,
                         unique_by=lambda r: (r[0], r[3], r[4])))
    lost_income_days: set[tuple[str, str]] = set()
    for tag, (person, scheme, group, date, (start, end), attendance, activity, agreement, fee,
              lost, documented, gift, days) in enumerate(rows):
        if lost:
            if (person, date) in lost_income_days:
                lost = ""
            lost_income_days.add((person, date))
        submitted = dt.date.fromisoformat(date) + dt.timedelta(days=days)
        lines.append(f"{tag},K-{tag},{person},{scheme},{group},{date},{start},{end},{attendance},"
                     f"{activity},{agreement},{fee},{lost},{documented},{gift},{submitted}")
    copies = draw(st.lists(st.sampled_from(lines), max_size=4))
    for number, line in enumerate(copies, len(lines)):
        lines.append(f"{number}," + line.split(",", 1)[1])  # same claim, a new tag
    return lines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=claim_files(), order=st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_the_order_of_rows(lines, order):
    shuffled = list(lines)
    order.shuffle(shuffled)
    first, first_summary = run(lines)
    second, second_summary = run(shuffled)
    # the row that repeats is voided, and its honorarium is not held against the rules; a
    # voided row is no representative at a group meeting, so which of the two copies says
    # the meeting is short goes with the order too (how many rows say it does not)
    voided = {"duplicate_claim", "honorarium_overclaimed", "honorarium_underclaimed",
              "not_claimed", "too_few_representatives"}
    without_duplicates = lambda found: {tag: sorted(c for c in codes if c not in voided)  # noqa: E731
                                        for tag, codes in found.items()}
    assert without_duplicates(first) == without_duplicates(second)
    every_code = lambda found: Counter(c for codes in found.values() for c in codes)  # noqa: E731
    assert every_code(first) == every_code(second)
    # which of two duplicates is named depends on which comes first; how many rows repeat
    # an earlier one does not
    flagged = lambda found: sum("duplicate_claim" in codes for codes in found.values())  # noqa: E731
    assert flagged(first) == flagged(second)
    for name in ("rows", "claimed_total", "due_total", "overpaid", "underpaid",
                 "undecided_claimed", "duplicate_claimed"):
        assert getattr(first_summary, name) == getattr(second_summary, name)
    assert first_summary.findings == second_summary.findings


def written(amount: Decimal, style: int) -> str:
    """An amount the way one program or another writes it."""
    text = f"{amount:.2f}"
    whole, cents = text.split(".")
    return [text, f'"{whole},{cents}"', f'"{int(whole):,}'.replace(",", " ") + f',{cents}"',
            f"kr {text}", text.rstrip("0").rstrip(".") if "." in text else text][style]


meetings = st.builds(
    lambda scheme, days, attendance, activity, minutes, agreement, lost, documented, gift: Meeting(
        scheme, dt.date(2023, 1, 2) + dt.timedelta(days=days), attendance, activity,
        Decimal(minutes) / 60, agreement, Decimal(lost), documented, Decimal(gift)),
    st.sampled_from(["unn", "fousam"]), st.integers(0, 700), st.sampled_from(list(Attendance)),
    st.sampled_from(["meeting", "full_day", "teaching", "training", "seminar",
                     "peer_assignment"]),
    st.integers(15, 9 * 60), st.sampled_from([True, False, None]),
    st.sampled_from([0, 500, 1500, 1500.5, 2500]), st.booleans(),
    st.sampled_from([0, 100, 300, 301]))


def claim_line(meeting: Meeting, claimed: str) -> bytes:
    start = dt.datetime(2023, 1, 1, 8)
    end = start + dt.timedelta(minutes=int(meeting.hours * 60))  # type: ignore[operator]
    yes = {True: "ja", False: "nei", None: ""}
    header = ("claim_id,representative,scheme,date,start,end,attendance,activity,agreement,"
              "claimed_honorarium,lost_income,lost_income_documented,gift")
    row = (f"K-1,Kari,{meeting.scheme},{meeting.date.isoformat()},{start:%H:%M},{end:%H:%M},"
           f"{meeting.attendance.value},{meeting.activity},{yes[meeting.agreement]},{claimed},"
           f"{meeting.lost_income},{yes[meeting.lost_income_documented]},{meeting.gift}")
    return f"{header}\n{row}\n".encode()


@settings(max_examples=200, deadline=None)
@given(meeting=meetings, style=st.integers(0, 4))
def test_a_claim_of_exactly_what_is_due_is_neither_over_nor_under(meeting, style):
    due = calculate(meeting, TABLES.table_at(meeting.scheme, meeting.date)).honorarium
    if due is None:
        return
    (result,) = audit(read_claims(io.BytesIO(claim_line(meeting, written(due, style)))), TABLES)
    assert result.claim is not None, result.invalid
    assert result.claim.claimed_honorarium == due
    assert not {"honorarium_overclaimed", "honorarium_underclaimed"} & {
        f.code for f in result.findings}
    (more,) = audit(read_claims(io.BytesIO(claim_line(meeting, f"{due + Decimal('0.01')}"))),
                    TABLES)
    if any(f.code in ("no_agreement", "not_payable_activity") for f in more.findings):
        return  # the fee is zero for a reason already found
    assert "honorarium_overclaimed" in {f.code for f in more.findings}
