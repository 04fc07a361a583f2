"""Comparing two rate tables item by item: every kind of change, and nothing else."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from honorar.tables.catalogue import read_table, shipped_rates_dir
from honorar.tables.diff import compare, flatten
from honorar.tables.lint import placement, suspicious, yaml_path

UNN_FILE = shipped_rates_dir() / "unn" / "2022-01-01.yaml"
FOUSAM_FILE = shipped_rates_dir() / "fousam" / "2018-06-01.yaml"
UNN = UNN_FILE.read_text(encoding="utf-8")
FOUSAM = FOUSAM_FILE.read_text(encoding="utf-8")


def table(text: str, *edits: tuple[str, str], effective: str | None = None):
    for old, new in edits:
        assert text.count(old) == 1, f"the edit must hit exactly one place: {old!r}"
        text = text.replace(old, new)
    if effective is not None:
        text = text.replace("effective: 2022-01-01", f"effective: {effective}")
        text = text.replace("effective: 2018-06-01", f"effective: {effective}")
    return read_table(Path("edited.yaml"), text=text)


def changes_of(old_text: str, *edits: tuple[str, str]):
    return compare(table(old_text), table(old_text, *edits, effective="2024-01-01"))


def only(changes):
    assert len(changes) == 1, changes
    return changes[0]


# ------------------------------------------------------------------------ flattening


def test_items_are_paths_into_the_file_with_units_and_sources():
    items = flatten(table(UNN))
    rate = items["activities.meeting.physical.rate"]
    assert (rate.value, rate.unit) == (Decimal("392"), "kr")
    assert rate.source.quote == "Møter timesats  Kr. 392,-"
    assert items["activities.meeting.physical.rule"].value == "hourly"
    assert items["activities.meeting.remote.tiers.0.up_to_hours"].value == Decimal("2.5")
    assert items["activities.meeting.remote.tiers.0.up_to_hours"].unit == "hours"
    assert items["activities.meeting.remote.tiers.1.amount"].value == Decimal("980")
    assert "activities.meeting.remote.tiers.1.up_to_hours" not in items  # the last tier is open
    cap = items["lost_income.cap"]
    assert cap.value is None and cap.unit == "kr" and cap.source.assumption
    assert items["representatives.minimum"].value == 2
    assert "effective" not in items  # it names the version; two versions always differ in it


def test_an_item_path_leads_to_its_place_in_the_file():
    assert yaml_path("activities.meeting.remote.tiers.0.amount") == (
        "activities", "meeting", "remote", "tiers", 0, "amount")


# --------------------------------------------------------------------- self and order


@pytest.mark.parametrize("text", [UNN, FOUSAM])
def test_a_table_compared_with_itself_has_no_differences(text):
    assert compare(table(text), table(text)) == []


def test_a_new_effective_date_alone_is_no_difference():
    assert compare(table(UNN), table(UNN, effective="2030-01-01")) == []


def test_the_same_amount_written_differently_is_no_difference():
    assert changes_of(UNN, ('kr: 392, quote: "Møter', 'kr: 392.00, quote: "Møter')) == []


# ------------------------------------------------------------------- kinds of change


def test_a_changed_rate_gives_the_change_in_kr_and_percent():
    change = only(changes_of(UNN, ('kr: 392, quote: "Møter', 'kr: 410, quote: "Møter')))
    assert (change.item, change.kind, change.unit) == (
        "activities.meeting.physical.rate", "changed", "kr")
    assert (change.old, change.new) == (Decimal("392"), Decimal("410"))
    assert change.difference == Decimal("18")
    assert change.percent.quantize(Decimal("0.01")) == Decimal("4.59")  # 18 / 392
    assert not change.source_changed


def test_a_changed_threshold_is_in_hours():
    change = only(changes_of(UNN, ("{hours: 2.5,", "{hours: 3,")))
    assert change.item == "activities.meeting.remote.tiers.0.up_to_hours"
    assert (change.unit, change.difference, change.percent) == ("hours", Decimal("0.5"),
                                                                 Decimal("20"))


def test_a_changed_cap():
    change = only(changes_of(UNN, ("        kr: 1960\n", "        kr: 2050\n")))
    assert (change.item, change.old, change.new, change.difference) == (
        "activities.meeting.physical.cap", Decimal("1960"), Decimal("2050"), Decimal("90"))


def test_changed_rounding_step_and_direction():
    changes = changes_of(UNN, ("step_hours: 0.5", "step_hours: 0.25"),
                         ("direction: up", "direction: nearest"))
    step, direction = changes
    assert (step.item, step.difference, step.percent) == (
        "activities.meeting.physical.rounding.step_hours", Decimal("-0.25"), Decimal("-50"))
    assert (direction.item, direction.old, direction.new) == (
        "activities.meeting.physical.rounding.direction", "up", "nearest")
    assert direction.difference is None and direction.percent is None


def test_rounding_added_where_there_was_none():
    start = UNN.index("      rounding:")
    changes = changes_of(UNN, (UNN[start:UNN.index("      minimum:", start)], ""))
    assert [(c.item, c.kind, c.old) for c in changes] == [
        ("activities.meeting.physical.rounding.step_hours", "removed", Decimal("0.5")),
        ("activities.meeting.physical.rounding.direction", "removed", "up")]


def test_a_new_activity_is_added_item_by_item():
    changes = changes_of(UNN, ("\nlost_income:", """  seminar:
    any:
      rule: flat
      amount: {kr: 980, quote: "Seminar Kr. 980,-"}

lost_income:"""))
    assert [(c.item, c.kind, c.new) for c in changes] == [
        ("activities.seminar.any.rule", "added", "flat"),
        ("activities.seminar.any.amount", "added", Decimal("980"))]
    assert changes[1].new_source.quote == "Seminar Kr. 980,-"
    assert changes[1].difference is None  # nothing to compare an added item with


def test_a_removed_rule_is_removed_in_place():
    changes = changes_of(UNN, ("""    remote:
      rule: flat
      amount:
        kr: 980
        quote: "Telefon / Skype – møter over 2,5 timer Kr. 980,-*"
        reason:
          nb: "En hel dag på telefon eller video er et fjernmøte over 2,5 timer."
          nn: "Ein heil dag på telefon eller video er eit fjernmøte over 2,5 timar."
          en: "A full day attended by phone or video is a remote meeting over 2.5 hours."
""", ""))
    assert [(c.item, c.kind, c.old) for c in changes] == [
        ("activities.full_day.remote.rule", "removed", "flat"),
        ("activities.full_day.remote.amount", "removed", Decimal("980"))]


def test_a_removed_recommendation():
    change = only(changes_of(UNN, ("""representatives:
  minimum: 2
  # the working groups' own meetings and full days; not teaching, which is no group's
  activities: [meeting, full_day]
  quote: "Det anbefales at arbeidsgruppene har minst to brukerrepresentanter"
""", "")))
    assert (change.item, change.kind, change.unit, change.old) == (
        "representatives.minimum", "removed", "persons", 2)


def test_a_rule_of_another_kind():
    changes = changes_of(UNN, ("""  teaching:
    any:
      rule: flat
      amount:
        kr: 980""",
                               """  teaching:
    any:
      rule: hourly
      rate:
        kr: 392"""))
    assert [(c.item, c.kind) for c in changes] == [
        ("activities.teaching.any.rule", "changed"),
        ("activities.teaching.any.amount", "removed"),
        ("activities.teaching.any.rate", "added")]
    assert (changes[0].old, changes[0].new) == ("flat", "hourly")


def test_a_cap_on_lost_income_where_there_was_none():
    change = only(changes_of(UNN, ("""  cap:
    kr: null
    assumption:
      nb: "Dokumentert tapt arbeidsfortjeneste dekkes fullt ut."
      nn: "Dokumentert tapt arbeidsinntekt blir dekt fullt ut."
      en: "Documented lost income is paid in full."
    reason:
      nb: "Veilederen setter ingen øvre grense for tapt arbeidsfortjeneste."
      nn: "Rettleiaren set ingen øvre grense for tapt arbeidsinntekt."
      en: "The guide names no upper limit for lost income."
""", """  cap: {kr: 1500, quote: "inntil kr 1 500"}
""")))
    assert (change.item, change.kind, change.old, change.new) == (
        "lost_income.cap", "changed", None, Decimal("1500"))
    assert change.difference is None  # from "no limit" there is no difference in kr
    assert change.source_changed


def test_agreement_claim_age_gift_and_never_payable_rules():
    changes = changes_of(
        FOUSAM,
        ("  required: true\n", "  required: false\n"),
        ("  months: 3\n", "  months: 6\n"),
        ('cap: {kr: 300, quote: "-Gave', 'cap: {kr: 400, quote: "-Gave'),
        ('  peer_work: {quote: "utøver ordinært likemannsarbeid"}\n', ""))
    assert [(c.item, c.kind, c.old, c.new) for c in changes] == [
        ("not_payable.peer_work", "removed", True, None),
        ("agreement.required", "changed", True, False),
        ("gift.cap", "changed", Decimal("300"), Decimal("400")),
        ("claim_age.months", "changed", 3, 6),
    ]
    assert changes[3].difference == 3 and changes[3].unit == "months"
    assert changes[3].percent == 100


def test_a_changed_quote_alone_is_a_source_change():
    change = only(changes_of(UNN, ('"Møter timesats  Kr. 392,-"', '"Møter: timesats kr 392"')))
    assert (change.item, change.kind) == ("activities.meeting.physical.rate", "source_changed")
    assert change.old == change.new == Decimal("392")
    assert change.old_source.quote == "Møter timesats  Kr. 392,-"
    assert change.new_source.quote == "Møter: timesats kr 392"


def test_a_changed_reason_of_an_assumption_is_a_source_change():
    changes = changes_of(UNN, ('en: "The guide names no upper limit for lost income."',
                               'en: "Helse Nord confirmed by letter that there is none."'))
    assert [(c.item, c.kind) for c in changes] == [("lost_income.cap", "source_changed")]
    # a reason that changes in one language only is a change of source too
    changes = changes_of(UNN, ('nb: "Veilederen setter ingen øvre grense for tapt '
                               'arbeidsfortjeneste."', 'nb: "Helse Nord har bekreftet det."'))
    assert [(c.item, c.kind) for c in changes] == [("lost_income.cap", "source_changed")]


def test_a_changed_value_and_quote_is_one_change_with_both_sources():
    change = only(changes_of(UNN, ('kr: 392, quote: "Møter timesats  Kr. 392,-"',
                                   'kr: 410, quote: "Møter timesats  Kr. 410,-"')))
    assert change.kind == "changed" and change.source_changed


def test_the_order_of_the_changes_follows_the_files():
    changes = changes_of(UNN, ('kr: 392, quote: "Møter', 'kr: 400, quote: "Møter'),
                         ("  minimum: 2\n", "  minimum: 3\n"),
                         ('amount: {kr: 1960, quote: "Heldagsmøter', 'amount: {kr: 2000, quote: "Heldagsmøter'))
    assert [c.item for c in changes] == ["activities.meeting.physical.rate",
                                         "activities.full_day.physical.amount",
                                         "representatives.minimum"]


def test_every_change_between_the_shipped_schemes_is_named_once():
    changes = compare(table(UNN), table(FOUSAM))
    items = [c.item for c in changes]
    assert len(items) == len(set(items))
    assert ("activities.meeting.physical.rule", "changed") in [(c.item, c.kind) for c in changes]
    assert {"not_payable.org_information", "claim_age.months", "gift.cap"} <= set(items)


# ------------------------------------------------------ suspicious but legal (rates check)


def test_a_version_before_the_newest_installed_one_is_flagged():
    old, newer = table(UNN), table(UNN, effective="2024-01-01")
    (notice,) = suspicious(old, [(newer, "rates/unn/2024-01-01.yaml")])
    assert notice.key == "rates_before_newest" and notice.item == "effective"
    assert notice.params["until_date"] == dt.date(2023, 12, 31)
    assert notice.params["newest"] == "unn@2024-01-01"


def test_an_amount_that_drops_by_more_than_half_is_flagged_against_the_version_it_follows():
    previous = table(UNN)
    new = table(UNN, ('kr: 392, quote: "Møter', 'kr: 39.20, quote: "Møter'),
                ("        kr: 980\n        quote: \"*Gjelder", "        kr: 490\n        quote: \"*Gjelder"),
                effective="2024-01-01")
    notices = suspicious(new, [(previous, "rates/unn/2022-01-01.yaml")])
    assert [(n.key, n.item) for n in notices] == [
        ("rates_drops_by_half", "activities.meeting.physical.rate")]  # exactly half is not more
    assert notices[0].params["old_kr"] == Decimal("392")
    assert notices[0].params["previous"] == "unn@2022-01-01"


def test_an_amount_that_more_than_doubles_is_flagged():
    new = table(UNN, ('kr: 392, quote: "Møter', 'kr: 3920, quote: "Møter'), effective="2024-01-01")
    notices = suspicious(new, [(table(UNN), "a.yaml")])
    assert [(n.key, n.item) for n in notices] == [
        ("rates_more_than_doubles", "activities.meeting.physical.rate")]


def test_an_ordinary_next_version_raises_no_flag():
    new = table(UNN, ('kr: 392, quote: "Møter', 'kr: 410, quote: "Møter'), effective="2024-01-01")
    assert suspicious(new, [(table(UNN), "a.yaml")]) == []
    assert suspicious(new, []) == []


def test_the_same_date_as_an_installed_version_and_a_shadowed_file_are_flagged():
    twin = table(UNN)
    (same,) = suspicious(table(UNN), [(twin, "rates/unn/2022-01-01.yaml")])
    assert same.key == "rates_same_date"
    (hidden,) = suspicious(table(UNN), [(twin, "mine/unn/2022-01-01.yaml")],
                           shadowed_by="mine/unn/2022-01-01.yaml")
    assert hidden.key == "rates_shadowed"


def test_a_table_outside_its_schemes_folder_is_flagged():
    assert placement(table(UNN), "unn") == []
    (notice,) = placement(table(UNN), "drafts")
    assert (notice.key, notice.params) == ("rates_wrong_folder",
                                           {"folder": "drafts", "scheme": "unn"})
