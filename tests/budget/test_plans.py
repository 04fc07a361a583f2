"""Reading meeting plans: the shipped suggested plan, custom plans, and mistakes by line."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from honorar.budget.plans import (
    MOST_MEETINGS,
    PLANS_FOLDER,
    PlanError,
    local,
    parse_plan,
    read_plan,
    suggested_plan,
)
from honorar.domain import Attendance
from honorar.tables.catalogue import Catalogue, shipped_rates_dir

PLANS = Path(__file__).parent.parent / "data" / "plans"


def problems_of(name: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        read_plan(PLANS / name)
    return [f"{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


# ------------------------------------------------------------------ the suggested plan


def test_suggested_plan_is_the_guides_four_meetings():
    plan = suggested_plan()
    assert [(m.number, m.activity, m.hours) for m in plan.meetings] == [
        (1, "meeting", Decimal(3)), (2, "meeting", Decimal(2)),
        (3, "meeting", Decimal(2)), (4, "meeting", Decimal(3))]
    # the plan says nothing of attendance, dates or scheme: the command decides those
    assert all(m.attendance is None and m.date is None for m in plan.meetings)
    assert plan.scheme is None


def test_suggested_plan_quotes_the_source_line_of_every_meeting():
    plan = suggested_plan()
    quotes = [m.quote for m in plan.meetings]
    assert quotes[0].startswith("1 x 3-timers møte for å bli kjent")
    assert quotes[1] == quotes[2] and quotes[1].startswith("2 x 2-timers møte")
    assert quotes[3].startswith("1 x 3-timers evalueringsmøte")
    assert plan.document is not None and plan.document.short.nb == "UNN veileder"
    assert plan.document.short.en == "UNN guide"
    assert [r.quote for r in plan.reminders] == ["Husk å beregne tid til for- og etterarbeid"]


def test_the_repeated_working_meeting_is_two_meetings_from_one_entry():
    second, third = suggested_plan().meetings[1:3]
    assert (second.occurrence, second.count, third.occurrence, third.count) == (1, 2, 2, 2)
    assert second.line == third.line and second.entry == third.entry == 2


def test_suggested_plan_has_names_in_both_languages():
    first = suggested_plan().meetings[0]
    assert local(first.name, "nb") == "Oppstartsmøte"
    assert local(first.name, "en") == "Start-up meeting"


def test_the_plans_folder_is_not_taken_for_a_scheme():
    shipped = Catalogue([shipped_rates_dir()])
    assert (shipped_rates_dir() / PLANS_FOLDER).is_dir()
    assert PLANS_FOLDER not in shipped.scheme_names()
    assert shipped.versions(PLANS_FOLDER) is None
    assert {"unn", "fousam"} <= set(shipped.scheme_names())


def test_a_users_rates_dir_may_hold_plans_beside_its_schemes(tmp_path):
    (tmp_path / PLANS_FOLDER).mkdir()
    (tmp_path / PLANS_FOLDER / "mine.yaml").write_text("- {activity: meeting, hours: 2}\n")
    assert PLANS_FOLDER not in Catalogue([tmp_path]).scheme_names()


# ------------------------------------------------------------------------ custom plans


def test_a_bare_list_and_a_mapping_give_the_same_meetings():
    as_list = read_plan(PLANS / "list.yaml")
    as_mapping = parse_plan("meetings:\n" + "".join(
        "  " + line for line in (PLANS / "list.yaml").read_text().splitlines(True)), "m.yaml")
    strip = [(m.number, m.activity, m.hours, m.count) for m in as_list.meetings]
    assert strip == [(m.number, m.activity, m.hours, m.count) for m in as_mapping.meetings]
    assert strip == [(1, "meeting", 3, 1), (2, "meeting", 2, 2), (3, "meeting", 2, 2),
                     (4, "meeting", 3, 1)]


def test_custom_plan_reads_words_the_way_people_write_them():
    plan = read_plan(PLANS / "custom.yaml")
    first, second, third, teaching, full_day = plan.meetings
    assert plan.scheme == "unn" and local(plan.name, "en") == "Test plan"
    assert (first.activity, first.attendance, first.date) == (
        "meeting", Attendance.PHYSICAL, dt.date(2025, 9, 1))
    assert (second.hours, second.attendance, second.count) == (
        Decimal("2.5"), Attendance.REMOTE, 2)
    assert third.occurrence == 2
    assert teaching.hours == Decimal("1.5") and teaching.attendance is None
    assert full_day.date == dt.date(2026, 1, 15)
    assert local(plan.reminders[0].text, "en") == "Bestill rom."  # one language is all it has
    assert first.line == 5 and first.activity_line == 6


# ------------------------------------------------------------------ mistakes, by line


def test_negative_hours_are_reported_at_their_line():
    assert problems_of("negative_hours.yaml") == [
        "5:5: meeting 2: hours: a meeting lasts more than 0 hours"]


def test_zero_hours_are_no_meeting():
    assert problems_of("zero_hours.yaml") == [
        "2:3: meeting 1: hours: a meeting lasts more than 0 hours"]


def test_an_unknown_key_is_named_with_the_keys_there_are():
    [problem] = problems_of("unknown_key.yaml")
    assert problem.startswith("4:5: meeting 1: unknown key 'room' (known: activity, hours,")


def test_every_problem_in_a_file_is_reported_in_line_order():
    assert problems_of("several_errors.yaml") == [
        "3:5: meeting 1: hours: 'ten' is not a number of hours",
        "4:5: meeting 1: attendance: 'by car' is not an attendance (fysisk, oppmøte, "
        "fremmøte, fysisk møte, telefon, telefonmøte, video, videomøte, teams, teams-møte, "
        "digitalt)",
        "5:5: meeting 2: 'activity' is missing",
        "8:5: meeting 3: date: '31.02.2025' is not a real date",
        "9:5: meeting 3: count: a meeting is held at least once",
    ]


@pytest.mark.parametrize(("name", "expected"), [
    ("not_a_plan.yaml", "1:1: a plan is a list of meetings, or a mapping with 'meetings:'"),
    ("duplicate_key.yaml", "4:5: duplicate key 'hours'"),
    ("no_meetings.yaml", "2:1: meetings: a plan needs at least one meeting"),
])
def test_malformed_plans(name, expected):
    assert problems_of(name) == [expected]


def test_a_syntax_error_has_its_line():
    [problem] = problems_of("syntax_error.yaml")
    assert problem.startswith("4:")


def test_an_empty_or_missing_file_is_one_problem(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    with pytest.raises(PlanError) as caught:
        read_plan(empty)
    assert str(caught.value) == f"{empty}: the file is empty"
    with pytest.raises(PlanError) as caught:
        read_plan(tmp_path / "missing.yaml")
    assert len(caught.value.problems) == 1 and caught.value.problems[0].line is None


def test_a_count_beyond_any_working_group_is_a_problem_not_a_million_meetings():
    with pytest.raises(PlanError) as caught:
        parse_plan("meetings:\n  - {activity: meeting, hours: 2, count: 100000000000}\n",
                   "p.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"p.yaml:1:1: meetings: 100000000000 meetings; a plan holds at most {MOST_MEETINGS}"]
    most = parse_plan(f"- {{activity: meeting, hours: 2, count: {MOST_MEETINGS}}}\n", "p.yaml")
    assert len(most.meetings) == MOST_MEETINGS
    with pytest.raises(PlanError, match="a plan holds at most"):
        parse_plan("- {activity: meeting, hours: 2}\n" * (MOST_MEETINGS + 1), "p.yaml")


def test_an_alias_inside_its_own_anchor_is_a_problem_at_its_line():
    with pytest.raises(PlanError) as caught:
        parse_plan("meetings:\n  - &a [*a]\n", "p.yaml")
    assert str(caught.value.problems[0]) == "p.yaml:2:5: this anchor's value holds an alias to itself"


def test_a_plan_names_a_valid_scheme_or_none():
    with pytest.raises(PlanError) as caught:
        parse_plan("scheme: UNN!\nmeetings: [{activity: meeting, hours: 2}]\n", "p.yaml")
    assert caught.value.problems[0].line == 1


# ------------------------------------------------------------------ Norwegian keys


NORWEGIAN_PLAN = """\
ordning: unn
navn: {nb: Arbeidsgruppe, nn: Arbeidsgruppe, en: Working group}
møter:
  - aktivitet: møte
    timer: 2,5
    oppmøte: telefon
    dato: 15.03.2025
    navn: Oppstart
    antall: 2
  - aktivitet: heldagsmøte
    timar: 6
"""


def test_a_plan_may_be_written_with_norwegian_keys():
    plan = parse_plan(NORWEGIAN_PLAN, "plan.yaml")
    english = parse_plan(
        "scheme: unn\nname: {nb: Arbeidsgruppe, nn: Arbeidsgruppe, en: Working group}\n"
        "meetings:\n  - {activity: meeting, hours: 2.5, attendance: remote, date: 2025-03-15, "
        "name: Oppstart, count: 2}\n  - {activity: full_day, hours: 6}\n", "plan.yaml")
    strip = [(m.activity, m.hours, m.attendance, m.date, m.occurrence) for m in plan.meetings]
    assert strip == [(m.activity, m.hours, m.attendance, m.date, m.occurrence)
                     for m in english.meetings]
    assert plan.scheme == "unn" and local(plan.name, "nn") == "Arbeidsgruppe"
    assert [m.hours for m in plan.meetings] == [Decimal("2.5"), Decimal("2.5"), Decimal(6)]
    assert plan.meetings[0].date == dt.date(2025, 3, 15)


def test_a_plan_may_mix_english_and_norwegian_keys():
    plan = parse_plan("meetings:\n  - aktivitet: møte\n    hours: 2\n  - activity: meeting\n"
                      "    timer: 3\n", "plan.yaml")
    assert [m.hours for m in plan.meetings] == [Decimal(2), Decimal(3)]


def test_a_problem_in_a_norwegian_plan_names_the_key_as_written_at_its_line():
    with pytest.raises(PlanError) as caught:
        parse_plan("møter:\n  - aktivitet: møte\n    timer: -1\n", "plan.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.message.split(":")[:2]) == (3, ["meeting 1", " timer"])


def test_one_key_in_two_spellings_is_a_problem():
    with pytest.raises(PlanError) as caught:
        parse_plan("møter:\n  - aktivitet: møte\n    timer: 2\n    hours: 3\n", "plan.yaml")
    (problem,) = caught.value.problems
    assert problem.line == 4 and "'timer' and 'hours'" in problem.message


def test_a_budget_reads_a_plan_with_norwegian_keys(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("ordning: unn\nbrukerrepresentanter:\n  - navn: Kari\n  - navn: Ola\n"
                    "møter:\n  - aktivitet: møte\n    timer: 2\n    antall: 3\n", encoding="utf-8")
    result = cli("budget", "--plan", str(path), "--date", "2024-03-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "mangler" not in result.stderr
    data = json.loads(result.stdout)
    assert data["reps"] == 2 and len(data["meetings"]) == 3


@pytest.mark.parametrize(("plan", "lang", "said"), [
    ("ordning: unn\nnavn: x\n", "nb", "'møter' mangler"),
    ("ordning: unn\nnamn: x\n", "nn", "'møte' manglar"),
    ("scheme: unn\nname: x\n", "en", "'meetings' is missing"),
    ("møter:\n  - aktivitet: møte\n", "nb", "møte 1: 'timer' mangler"),
    ("møte:\n  - aktivitet: møte\n", "nn", "møte 1: 'timar' manglar"),
    ("møter:\n  - aktivitet: møte\n    timer: 2\n    farge: blå\n", "nb",
     "ukjent nøkkel 'farge' (kjente: aktivitet, timer, oppmøte, dato, navn, antall, sitat, reise)"),
    ("møte:\n  - aktivitet: møte\n    timar: 2\n    farge: blå\n", "nn",
     "(kjende: aktivitet, timar, oppmøte, dato, namn, tal, sitat, reise)"),
    ("meetings:\n  - activity: meeting\n    hours: 2\n    colour: blue\n", "en",
     "(known: activity, hours, attendance, date, name, count, quote, travel)"),
])
def test_a_key_a_plan_lacks_or_may_have_is_named_in_the_readers_language(cli, tmp_path, plan,
                                                                         lang, said):
    """A Norwegian user told "'meetings' mangler" would not know that `møter` is meant."""
    path = tmp_path / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    result = cli("budget", "--plan", str(path), "--reps", "2", "--scheme", "unn", "--lang", lang)
    assert result.exit_code == 2 and said in result.stderr, result.stderr


def test_a_key_named_in_words_is_english_in_json():
    with pytest.raises(PlanError) as caught:
        parse_plan("ordning: unn\n", "plan.yaml")
    (problem,) = caught.value.problems
    assert problem.said.as_json()["params"]["key"] == "meetings"


@pytest.mark.parametrize(("lang", "key"), [("nb", "'brukerrepresentanter:'"),
                                           ("nn", "'brukarrepresentantar:'"),
                                           ("en", "'representatives:'")])
def test_the_number_of_representatives_asked_for_names_the_plans_key_in_the_readers_language(
        cli, lang, key):
    result = cli("budget", "--scheme", "unn", "--lang", lang)
    assert result.exit_code == 2 and key in result.stderr, result.stderr
