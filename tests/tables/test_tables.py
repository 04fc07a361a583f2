"""Loading rate tables: exact decimals, strict validation with lines, versions by date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from honorar.tables.catalogue import Catalogue, TableError, read_table, shipped_rates_dir

MINIMAL = """\
scheme: demo
name: Demo scheme
effective: 2024-01-01
document: {title: Demo guideline, short: Demo}
activities:
  meeting:
    any:
      rule: hourly
      rate: {kr: 400.50, quote: "Møter timesats kr 400,50"}
      cap: {kr: 1960.50, quote: "Heldag kr 1 960,50"}
lost_income:
  documentation_required: {value: true, quote: "dokumentert"}
  cap: {kr: null, assumption: "no cap", reason: "none is named"}
"""


def write(tmp_path: Path, text: str, name: str = "table.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(TableError) as caught:
        read_table(write(tmp_path, text))
    return [f"{p.line}: {p.message}" for p in caught.value.problems]


def test_the_shipped_tables_load(shipped):
    assert shipped.scheme_names() == ["fousam", "neuro-sysmed", "state-travel", "tax-free", "unn"]
    assert shipped.fee_scheme_names() == ["fousam", "neuro-sysmed", "unn"]
    for scheme in ("unn", "fousam", "neuro-sysmed"):
        for file in shipped.versions(scheme).files:
            assert file.path.is_relative_to(shipped_rates_dir())


def test_amounts_are_exact_decimals_not_floats(tmp_path):
    table = read_table(write(tmp_path, MINIMAL))
    rule = table.activities["meeting"].any
    assert rule.rate.kr == Decimal("400.50") and isinstance(rule.rate.kr, Decimal)
    assert rule.cap.kr == Decimal("1960.50")


@pytest.mark.parametrize(("change", "expected"), [
    (("name: Demo scheme", "name: Demo scheme\ncolour: blue"), "3: colour: Extra inputs are not permitted"),
    (("effective: 2024-01-01", "effective: 2024-01-01\neffective: 2025-01-01"), "4: duplicate key 'effective'"),
    (('      rate: {kr: 400.50, quote: "Møter timesats kr 400,50"}\n', ""), "7: activities.meeting.any.rate: Field required"),
    (("kr: 400.50", "kr: mange"), "9: activities.meeting.any.rate.kr: Input should be a valid decimal"),
    (("kr: 400.50", "kr: -400"), "9: activities.meeting.any.rate.kr: Input should be greater than or equal to 0"),
    (("kr: 400.50", "kr: 400.505"), "9: activities.meeting.any.rate.kr: an amount has at most two decimals (øre)"),
    (("rule: hourly", "rule: weekly"), "7: activities.meeting.any: Input tag 'weekly' found using 'rule' does not match"),
    (('quote: "dokumentert"', "reason: x"), "12: lost_income.documentation_required: needs a 'quote' of its source line or an 'assumption'"),
    ((', reason: "none is named"', ""), "13: lost_income.cap: an 'assumption' needs a 'reason'"),
    (("scheme: demo", "scheme: Demo Scheme"), "1: scheme: String should match pattern"),
    (("  meeting:", "  meeting:\n    [unclosed"), "8: while parsing a flow sequence"),
])
def test_a_malformed_table_is_rejected_with_its_line(tmp_path, change, expected):
    old, new = change
    assert old in MINIMAL
    found = problems(tmp_path, MINIMAL.replace(old, new, 1))
    assert any(p.startswith(expected) for p in found), found


def test_a_threshold_of_the_wrong_sign_is_rejected(tmp_path):
    text = MINIMAL.replace("""      rule: hourly
      rate: {kr: 400.50, quote: "Møter timesats kr 400,50"}
      cap: {kr: 1960.50, quote: "Heldag kr 1 960,50"}""", """      rule: tiered
      tiers:
        - up_to_hours: {hours: -4, quote: "til og med fire timar"}
          amount: {kr: 850, quote: "kr 850"}
        - amount: {kr: 1700, quote: "kr 1 700"}""")
    found = problems(tmp_path, text)
    assert any(p.startswith("10: activities.meeting.any.tiers.0.up_to_hours.hours: "
                            "Input should be greater than 0") for p in found), found


def test_tiers_that_would_pay_a_longer_meeting_less_are_rejected(tmp_path):
    text = MINIMAL.replace("""      rule: hourly
      rate: {kr: 400.50, quote: "Møter timesats kr 400,50"}
      cap: {kr: 1960.50, quote: "Heldag kr 1 960,50"}""", """      rule: tiered
      tiers:
        - up_to_hours: {hours: 4, quote: "til og med fire timar"}
          amount: {kr: 1700, quote: "kr 1 700"}
        - amount: {kr: 850, quote: "kr 850"}""")
    assert any("must not fall" in p for p in problems(tmp_path, text))


def test_every_problem_in_a_file_is_reported_not_only_the_first(tmp_path):
    text = MINIMAL.replace("kr: 400.50", "kr: lots").replace("name: Demo scheme", "nom: x")
    found = problems(tmp_path, text)
    assert len(found) >= 3, found  # 'nom' unknown, 'name' missing, 'kr' not a number


def test_yaml_is_loaded_safely(tmp_path):
    found = problems(tmp_path, "!!python/object/apply:os.system ['echo owned']\n")
    assert found and "owned" not in "".join(found)


def test_an_empty_file_is_a_problem(tmp_path):
    assert problems(tmp_path, "") == ["None: the file is empty"]


def test_two_versions_with_one_date_in_one_directory_are_rejected(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    write(folder, MINIMAL, "a.yaml")
    write(folder, MINIMAL, "b.yaml")
    with pytest.raises(TableError, match="second version of 'demo' effective 2024-01-01"):
        Catalogue([tmp_path]).versions("demo")


def test_a_table_in_the_wrong_scheme_folder_is_rejected(tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    write(folder, MINIMAL.replace("scheme: demo", "scheme: other"), "own.yaml")
    write(folder, MINIMAL)
    with pytest.raises(TableError, match="scheme 'demo' lies in the folder for 'other'"):
        Catalogue([tmp_path]).versions("other")


def test_a_folder_with_only_another_schemes_table_is_no_scheme_of_its_own(tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    write(folder, MINIMAL)
    tables = Catalogue([tmp_path])
    assert tables.versions("other") is None
    assert tables.scheme_names() == []


def test_a_new_version_takes_effect_on_its_date_with_no_code_change(tmp_path, shipped):
    folder = tmp_path / "unn"
    folder.mkdir()
    shipped_text = shipped.versions("unn").files[0].path.read_text(encoding="utf-8")
    write(folder, shipped_text.replace("effective: 2022-01-01", "effective: 2025-01-01")
          .replace("kr: 392,", "kr: 410,"), "2025-01-01.yaml")
    catalogue = Catalogue.from_options([tmp_path], environ={})
    assert catalogue.table_at("unn", dt.date(2024, 12, 31)).effective == dt.date(2022, 1, 1)
    newer = catalogue.table_at("unn", dt.date(2025, 1, 1))
    assert newer.effective == dt.date(2025, 1, 1)
    assert newer.activities["meeting"].physical.rate.kr == 410


def test_a_user_directory_shadows_the_same_version_and_nothing_else(tmp_path, shipped):
    folder = tmp_path / "unn"
    folder.mkdir()
    shipped_file = shipped.versions("unn").files[0].path
    write(folder, shipped_file.read_text(encoding="utf-8").replace("kr: 392,", "kr: 400,"),
          "2022-01-01.yaml")
    catalogue = Catalogue.from_options(environ={"HONORAR_RATES": str(tmp_path)})
    (only,) = catalogue.versions("unn").files
    assert only.path == folder / "2022-01-01.yaml" and only.shadows == (shipped_file,)
    assert only.table.activities["meeting"].physical.rate.kr == 400
    assert catalogue.versions("fousam").files[0].path.is_relative_to(shipped_rates_dir())


def test_rates_dirs_come_before_the_environment(tmp_path):
    from honorar.tables.catalogue import search_path

    dirs = search_path(["a"], environ={"HONORAR_RATES": "b:c"})
    assert dirs[:3] == [Path("a"), Path("b"), Path("c")]
    assert dirs[-1] == shipped_rates_dir()


def test_an_unknown_scheme_has_no_versions(shipped):
    assert shipped.versions("nope") is None
    assert shipped.table_at("nope", dt.date(2024, 1, 1)) is None
