"""The cost of a new version: claims recomputed under both, figures checked by hand.

The claims below are those of tests/data/rates/claims.csv; the new version is
tests/data/rates/my-rates/unn/2024-01-01.yaml (hourly 410, cap and full day 2 050, remote
threshold 3 hours with 410 / 1 025, teaching 1 025, a new activity `seminar` at 1 025).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from honorar import claims as claims_module
from honorar.audit.impact import impact
from honorar.domain import Meeting
from honorar.tables.catalogue import read_table

from ..conftest import meeting, run_cli

DATA = Path(__file__).parent.parent / "data" / "rates"
NEW = read_table(DATA / "my-rates" / "unn" / "2024-01-01.yaml")


def Claim(row: int, claim_id: str, representative: str, group: str | None,
          meeting: Meeting, start: dt.time | None = None, end: dt.time | None = None,
          claimed: str = "1") -> claims_module.Claim:
    """A claim as a file gives it; it claims a fee (what it claims does not change what is
    due, unless it claims none: `not_claimed`)."""
    return claims_module.Claim(row, claim_id, representative, group, meeting, start, end,
                               Decimal(claimed), None)


def InvalidRow(row: int, why: str) -> claims_module.InvalidRow:
    return claims_module.InvalidRow(row, None, why)


def claims() -> list:
    return [
        # claim, by hand: old (2022) → new (2024)
        Claim(2, "C1", "Kari", "Pasientforløp", meeting(date="2024-03-05", hours="3")),
        # 3 h × 392 = 1 176 → 3 h × 410 = 1 230 (+54)
        Claim(3, "C2", "Ola", "Pasientforløp", meeting(date="2024-03-05", hours="2.1667")),
        # 2 h 10 min → 2.5 h: 980 → 1 025 (+45)
        Claim(4, "C3", "Kari", "Pasientforløp",
              meeting(date="2024-04-02", hours="2.75", attendance="remote")),
        # over 2.5 h: 980 → up to 3 h: 410 (−570)
        Claim(5, "C4", "Ola", "Digitale tjenester", meeting(date="2024-04-09", hours="6")),
        # 6 × 392 capped at 1 960 → 6 × 410 capped at 2 050 (+90)
        Claim(6, "C5", "Kari", "Digitale tjenester",
              meeting(date="2024-05-14", activity="full_day")),
        # flat 1 960 → 2 050 (+90)
        Claim(7, "C6", "Ola", None,
              meeting(date="2024-05-21", hours="1", attendance="remote", activity="teaching")),
        # flat 980 → 1 025 (+45)
        Claim(8, "C7", "Per", "Digitale tjenester",
              meeting(date="2024-06-04", hours="1", lost_income=Decimal("500"),
                      lost_income_documented=True)),
        # 392 + 500 = 892 → 410 + 500 = 910 (+18)
        Claim(9, "C8", "Per", "Digitale tjenester",
              meeting(date="2024-06-11", hours="2", activity="seminar")),
        # no rule for seminars in 2022 (undecided) → 1 025: not in the totals
        Claim(10, "C9", "Lise", "Rus", meeting(scheme="fousam", date="2024-06-11", hours="2")),
        # another scheme: skipped
        InvalidRow(11, "date: '31.02.2024' is not a real date"),
    ]


@pytest.fixture(scope="module")
def old(shipped):
    return shipped.table_at("unn", dt.date(2022, 1, 1))


def test_totals_under_each_version_and_the_difference(old):
    result = impact(claims(), old, NEW)
    assert (result.rows, result.invalid, result.skipped) == (10, 1, {"fousam": 1})
    assert (result.undecided_old, result.undecided_new) == (1, 0)  # the seminar
    assert result.total.claims == 7 and result.total.changed == 7
    # 1176 + 980 + 980 + 1960 + 1960 + 980 + 892 = 8928
    assert result.total.old == Decimal("8928.00")
    # 1230 + 1025 + 410 + 2050 + 2050 + 1025 + 910 = 8700
    assert result.total.new == Decimal("8700.00")
    assert result.total.difference == Decimal("-228.00")
    assert result.total.percent.quantize(Decimal("0.01")) == Decimal("-2.55")  # −228 / 8928


def test_the_claims_that_change_most_come_first_and_ties_keep_file_order(old):
    result = impact(claims(), old, NEW, top=4)
    assert [(c.claim_id, c.difference) for c in result.top] == [
        ("C3", Decimal("-570.00")), ("C4", Decimal("90.00")), ("C5", Decimal("90.00")),
        ("C1", Decimal("54.00"))]
    assert result.top[0].old == Decimal("980.00") and result.top[0].new == Decimal("410.00")
    assert impact(claims(), old, NEW, top=0).top == ()


def test_a_breakdown_by_representative(old):
    result = impact(claims(), old, NEW, by="representative")
    rows = {key: (t.claims, t.old, t.new, t.difference) for key, t in result.breakdown}
    assert rows == {
        "Kari": (3, Decimal("4116.00"), Decimal("3690.00"), Decimal("-426.00")),
        "Ola": (3, Decimal("3920.00"), Decimal("4100.00"), Decimal("180.00")),
        "Per": (1, Decimal("892.00"), Decimal("910.00"), Decimal("18.00")),
    }
    assert [key for key, _ in result.breakdown] == ["Kari", "Ola", "Per"]  # largest change first


def test_a_breakdown_knows_people_and_groups_as_the_audit_does(old, tmp_path):
    """Two spellings of one name are one person, and one name with two representative ids
    two people; a group in any case and spacing is one group."""
    from honorar.claims import read_claims

    path = tmp_path / "claims.csv"
    path.write_text(
        "claim_id,representative,representative_id,scheme,group,date,hours,attendance,"
        "claimed_honorarium\n"
        "J1,Kari Nordmann,1001,unn,G1,2024-03-05,3,fysisk,1176\n"
        "J2,kari  nordmann,1001,unn,g1,2024-03-06,3,fysisk,1176\n"
        "J3,Kari Nordmann,2002,unn, G1 ,2024-03-07,3,fysisk,1176\n"
        "J4,Ola Hansen,,unn,Rus,2024-03-07,3,fysisk,1176\n"
        "J5,OLA HANSEN,,unn,Rus,2024-03-08,3,fysisk,1176\n", encoding="utf-8")
    by_person = impact(read_claims(path), old, NEW, by="representative").breakdown
    # a person by the spelling written most often, among equals the first (issue 29)
    assert sorted((key, t.claims) for key, t in by_person) == [
        ("Kari Nordmann (1001)", 2), ("Kari Nordmann (2002)", 1), ("Ola Hansen", 2)]
    by_group = impact(read_claims(path), old, NEW, by="group").breakdown
    assert sorted((key, t.claims) for key, t in by_group) == [("G1", 3), ("Rus", 2)]


def test_a_row_without_a_number_is_the_one_person_its_name_goes_by(old, tmp_path):
    """As the audit (and `ledger report`) know it: a name that goes by one number in the
    file is that number's person, also on the rows that give no number; one person is one
    row of the breakdown, named by the spelling written most often, with the number."""
    from honorar.claims import read_claims

    path = tmp_path / "claims.csv"
    path.write_text(
        "claim_id,representative,representative_id,scheme,group,date,hours,attendance,"
        "claimed_honorarium\n"
        "N1,kari nordmann,,unn,G1,2024-03-04,3,fysisk,1176\n"
        "N2,Kari Nordmann,1001,unn,G1,2024-03-05,3,fysisk,1176\n"
        "N3,Kari Nordmann,,unn,G1,2024-03-06,3,fysisk,1176\n"
        "N4,Kari Nordmann,,unn,G1,2024-03-07,3,fysisk,1176\n"
        "N5,Ola Hansen,,unn,G1,2024-03-07,3,fysisk,1176\n", encoding="utf-8")
    by_person = impact(read_claims(path), old, NEW, by="representative").breakdown
    # 4 × 1 176 → 4 × 1 230
    assert sorted((key, t.claims, t.old, t.new) for key, t in by_person) == [
        ("Kari Nordmann (1001)", 4, Decimal("4704"), Decimal("4920")),
        ("Ola Hansen", 1, Decimal("1176"), Decimal("1230"))]


def test_a_breakdown_by_scheme_and_by_group(old):
    by_scheme = impact(claims(), old, NEW, by="scheme")
    assert [(k, t.claims, t.difference) for k, t in by_scheme.breakdown] == [
        ("unn", 7, Decimal("-228.00"))]
    by_group = dict(impact(claims(), old, NEW, by="group").breakdown)
    assert by_group[""].difference == Decimal("45.00")  # C6 has no group
    assert by_group["Pasientforløp"].difference == Decimal("54") + 45 - 570


def test_a_version_compared_with_itself_costs_nothing(old):
    result = impact(claims(), old, old)
    assert result.total.difference == 0 and result.total.changed == 0 and result.top == ()
    assert result.total.percent == 0


def test_each_version_is_applied_as_if_in_force_on_the_claims_date(old):
    # a meeting of 2023, before NEW takes effect, is priced under both versions
    later = [Claim(2, "E1", "Kari", None, meeting(date="2023-06-01", hours="3"))]
    result = impact(later, old, NEW)
    assert (result.total.old, result.total.new) == (Decimal("1176.00"), Decimal("1230.00"))


def test_a_claim_before_the_schemes_first_version_is_counted_apart(old):
    """Issue 23, item 12: a 2019 meeting has no table at all (the audit's `no_rate_table`):
    it was priced under both versions; it is counted apart, as the audit leaves it."""
    early = [Claim(2, "E1", "Kari", None, meeting(date="2019-01-01", hours="3")),
             Claim(3, "E2", "Ola", None, meeting(date="2022-03-01", hours="3"))]
    result = impact(early, old, NEW)
    assert result.before_first == 1 and result.total.claims == 1
    assert (result.total.old, result.total.new) == (Decimal("1176.00"), Decimal("1230.00"))
    # the first version installed, when older than both compared, decides
    assert impact(early, NEW, NEW, first=dt.date(2022, 1, 1)).before_first == 1
    assert impact(early, NEW, NEW).before_first == 2


def test_rates_diff_impact_counts_a_claim_before_the_first_version_apart(tmp_path):


    claims = tmp_path / "claims.csv"
    claims.write_text("claim_id,representative,scheme,date,hours,attendance,"
                      "claimed_honorarium\nE1,Kari,unn,2019-01-01,3,fysisk,1176\n"
                      "E2,Ola,unn,2022-03-01,3,fysisk,1176\n", encoding="utf-8")
    result = run_cli("rates", "diff", "unn@2022-01-01",
                                      str(DATA / "my-rates" / "unn" / "2024-01-01.yaml"),
                                      "--impact", str(claims), "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    out = json.loads(result.stdout)["impact"]
    assert out["before_first_version"] == 1 and out["claims"] == 1


def test_the_claims_are_read_once_as_a_stream(old):
    result = impact(iter(claims()), old, NEW)
    assert result.total.claims == 7


def test_versions_of_two_schemes_cannot_be_costed_against_each_other(old, shipped):
    fousam = shipped.table_at("fousam", dt.date(2024, 1, 1))
    with pytest.raises(ValueError, match="one scheme"):
        impact(claims(), old, fousam)


def test_an_unknown_breakdown_is_refused(old):
    with pytest.raises(ValueError, match="breakdown"):
        impact(claims(), old, NEW, by="colour")


def test_no_claims_no_cost(old):
    result = impact([], old, NEW)
    assert result.rows == 0 and result.total.old == 0 and result.total.percent is None


def test_a_repeated_claim_is_due_nothing_and_counted_once(old):
    """The same claim entered twice, and the same person at the same meeting under another
    id: the repeats are due 0 under both versions, so each meeting is costed once."""
    rows = claims()
    c1 = rows[0]
    again = Claim(12, "C1", "Kari", "Pasientforløp", c1.meeting)
    same_meeting = Claim(13, "C1b", " kari ", "Pasientforløp", c1.meeting)
    once = impact(rows, old, NEW)
    twice = impact([*rows, again, same_meeting], old, NEW)
    assert (twice.total, twice.duplicates) == (once.total, 2)
    assert once.duplicates == 0


def test_the_lost_income_cap_per_day_is_shared_as_in_an_audit(shipped, tmp_path):
    """FOUSAM's kr 1 500 lost-income cap is per person per day: two meetings of one day
    share it under each version, so the impact's due is the audit's due. With a version
    that raises the cap to kr 2 000, the second claim gets what is left of that."""
    old = shipped.table_at("fousam", dt.date(2018, 6, 1))
    text = (Path(__file__).parent.parents[1] / "rates" / "fousam" / "2018-06-01.yaml").read_text(
        encoding="utf-8")
    raised = tmp_path / "fousam" / "2024-01-01.yaml"
    raised.parent.mkdir()
    raised.write_text(text.replace("effective: 2018-06-01", "effective: 2024-01-01")
                      .replace("cap: {kr: 1500,", "cap: {kr: 2000,"), encoding="utf-8")
    new = read_table(raised)

    def day(row: int, claim_id: str, name: str, start: str, end: str) -> Claim:
        return Claim(row, claim_id, name, "G", meeting(
            scheme="fousam", date="2024-03-05", hours="2", agreement=True,
            lost_income=Decimal("1000"), lost_income_documented=True),
            dt.time.fromisoformat(start), dt.time.fromisoformat(end))

    rows = [day(2, "F1", "Anne Berg", "09:00", "11:00"),
            day(3, "F2", "anne berg", "13:00", "15:00"),  # the same person, later that day
            day(4, "F3", "Bob Dahl", "13:00", "15:00")]  # another person: a cap of his own
    result = impact(rows, old, new)
    # old: (850 + 1000) + (850 + 500, what is left of 1 500) + (850 + 1000) = 5050
    assert result.total.old == Decimal("5050.00")
    # new: (850 + 1000) + (850 + 1000, what is left of 2 000) + (850 + 1000) = 5550
    assert result.total.new == Decimal("5550.00")
    assert [(c.claim_id, c.old, c.new) for c in result.top] == [
        ("F2", Decimal("1350.00"), Decimal("1850.00"))]


# ------------------------------------------------------------ counted as the audit counts


def test_a_version_against_itself_costs_what_the_audit_says_is_due():
    """Issue 29: the impact prices claims through the audit itself, so its total (travel
    included) is the audit's due for the scheme's claims, whatever the file holds."""
    import json

    from ..conftest import EXAMPLES

    claims = str(EXAMPLES / "claims.csv")
    audited = json.loads(run_cli("audit", claims, "--format", "json").stdout)
    due = sum((Decimal(c["due"]["total"]) for c in audited["claims"]
               if c.get("scheme") == "unn" and c.get("due") and c["due"]["total"] is not None),
              Decimal(0))
    result = run_cli("rates", "diff", "unn@2022-01-01", "unn@2022-01-01", "--impact", claims,
                     "--format", "json")
    impact = json.loads(result.stdout)["impact"]
    assert Decimal(impact["due_old"]) == due == Decimal("21204.14")
    assert impact["travel"]["included"] == "unchanged"


def test_a_fee_not_claimed_is_not_paid_under_either_version(old, shipped):
    """As in the audit (`not_claimed`): a claim that leaves its fee at 0 is due no fee, so
    new rates cost nothing on it. Before issue 29 the impact priced it in full."""
    rows = [Claim(2, "N1", "Kari", None, meeting(date="2024-03-05", hours="3"), claimed="0"),
            Claim(3, "N2", "Ola", None, meeting(date="2024-03-05", hours="3"))]
    result = impact(rows, old, NEW, tables=shipped)
    assert (result.total.claims, result.total.changed) == (2, 1)
    assert (result.total.old, result.total.new) == (Decimal("1176.00"), Decimal("1230.00"))


def test_breakdowns_by_month_and_by_activity(old):
    by_month = dict(impact(claims(), old, NEW, by="month").breakdown)
    # March: C1 +54, C2 +45; April: C3 −570, C4 +90; May: C5 +90, C6 +45; June: C7 +18
    assert {k: t.difference for k, t in by_month.items()} == {
        "2024-03": Decimal("99.00"), "2024-04": Decimal("-480.00"),
        "2024-05": Decimal("135.00"), "2024-06": Decimal("18.00")}
    by_activity = dict(impact(claims(), old, NEW, by="activity").breakdown)
    assert {k: (t.claims, t.difference) for k, t in by_activity.items()} == {
        "meeting": (5, Decimal("-363.00")), "full_day": (1, Decimal("90.00")),
        "teaching": (1, Decimal("45.00"))}


def test_a_person_and_a_group_are_named_by_the_spelling_most_often_written(old):
    def row(n: int, name: str, group: str) -> claims_module.Claim:
        return Claim(n, f"S{n}", name, group, meeting(date=f"2024-03-0{n}", hours="3"))

    rows = [row(2, "kari  nordmann", "rus"), row(3, "Kari Nordmann", "Rus"),
            row(4, "Kari Nordmann", "RUS"), row(5, "KARI NORDMANN", "rus")]
    assert [k for k, _ in impact(rows, old, NEW, by="representative").breakdown] == [
        "Kari Nordmann"]
    # two spellings twice each: the first written
    assert [k for k, _ in impact(rows, old, NEW, by="group").breakdown] == ["rus"]


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(
    st.sampled_from(["unn", "fousam"]), st.sampled_from(["A1", "A2", "A3", "A4"]),
    st.sampled_from(["Kari Nordmann", "kari nordmann", "Ola Hansen"]),
    st.sampled_from(["", "Rus"]), st.sampled_from(["2024-03-05", "2024-03-06"]),
    st.sampled_from([("", ""), ("09:00", "11:00"), ("13:00", "15:00")]),
    st.sampled_from(["fysisk", "teams"]), st.sampled_from(["", "ja"]),
    st.sampled_from(["0", "850", "1176"]), st.sampled_from(["", "1000"]),
    st.sampled_from(["", "40"])), max_size=12))
def test_a_version_against_itself_costs_the_audits_due_for_any_file(rows):
    """Whatever the file (repeats, fees not claimed, caps per day, trips), the impact of a
    version against itself is what the audit says is due for the scheme's claims."""
    import io

    from honorar.audit.pipeline import audit
    from honorar.claims import read_claims
    from honorar.tables.catalogue import Catalogue

    tables = Catalogue.from_options(environ={})
    header = ("claim_id,representative,scheme,group,date,start,end,hours,attendance,"
              "agreement,claimed_honorarium,lost_income,lost_income_documented,km")
    lines = [f"{cid},{name},{scheme},{group},{date},{start},{end},{'' if start else '2'},"
             f"{attendance},{agreement},{claimed},{lost},{'ja' if lost else ''},{km}"
             for scheme, cid, name, group, date, (start, end), attendance, agreement, claimed,
             lost, km in rows]
    data = ("\n".join([header, *lines]) + "\n").encode()
    for scheme in ("unn", "fousam"):
        table = tables.table_at(scheme, dt.date(2024, 3, 5))
        due = sum((r.due_total for r in audit(read_claims(io.BytesIO(data)), tables)
                   if r.claim is not None and r.claim.meeting.scheme == scheme
                   and r.due_total is not None), Decimal(0))
        cost = impact(read_claims(io.BytesIO(data)), table, table, tables=tables)
        assert cost.total.old == cost.total.new == due
