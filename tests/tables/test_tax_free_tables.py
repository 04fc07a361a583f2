"""The tax-free tables (`rates/tax-free/`): one per version, the one in force on a payment
date, no table for a year no source covers, and each figure cited."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from honorar.tables.catalogue import Catalogue, search_path
from honorar.tables.tax_free_schema import TaxFreeTable

ROOT = Path(__file__).resolve().parent.parent.parent


def shipped() -> Catalogue:
    return Catalogue(search_path(environ={}))


@pytest.mark.parametrize(("day", "version", "car", "day_rate", "hotel", "pensjonat", "private",
                          "night"), [
    ("2022-06-30", "2022-01-01", "3.50", "200", "617", "172", "95", "435"),
    ("2023-08-31", "2023-01-01", "3.50", "200", "634", "177", "98", "435"),
    ("2023-09-01", "2023-09-01", "3.50", "200", "634", "250", "98", "435"),
    ("2024-12-31", "2024-01-01", "3.50", "200", "658", "400", "102", "435"),
    ("2025-01-01", "2025-01-01", "3.50", "200", "678", "400", "105", "452"),
])
def test_the_table_in_force_on_a_day(day, version, car, day_rate, hotel, pensjonat, private,
                                     night):
    table = shipped().tax_free_at(dt.date.fromisoformat(day))
    assert isinstance(table, TaxFreeTable) and table.version == version
    assert table.km.car.kr == Decimal(car)
    assert table.meals.day.kr == Decimal(day_rate)
    assert table.meals.long_day.kr == Decimal("400")
    overnight = table.meals.overnight
    assert (overnight.hotel.kr, overnight.pensjonat.kr, overnight.private.kr) == \
        (Decimal(hotel), Decimal(pensjonat), Decimal(private))
    assert table.night_without_receipt.kr == Decimal(night)
    assert table.reporting_threshold.kr == Decimal(1000)
    assert table.gift_not_reported.kr == Decimal(500)


@pytest.mark.parametrize("day", ["2021-12-31", "2026-01-01"])
def test_no_table_where_no_source_covers_the_year(day):
    assert shipped().tax_free_at(dt.date.fromisoformat(day)) is None


def test_overnight_descriptions_changed_in_2023():
    catalogue = shipped()
    before = catalogue.tax_free_at(dt.date(2022, 5, 1)).meals.overnight
    after = catalogue.tax_free_at(dt.date(2023, 5, 1)).meals.overnight
    assert before.pensjonat.description == "reiseKostMedOvernattingPaaPensjonat"
    assert before.private.description == "reiseKostMedOvernattingPaaHybelBrakkePrivat"
    assert after.pensjonat.description == \
        "reiseKostMedOvernattingPaaHybelUtenKokEllerPensjonatEllerBrakke"
    assert after.private.description == "reiseKostMedOvernattingPaaHybelMedKokEllerPrivat"
    assert after.hotel.description == before.hotel.description == \
        "reiseKostMedOvernattingPaaHotell"


def test_every_figure_is_quoted_or_assumed():
    for version in shipped().versions("tax-free").files:
        for path, cited in version.table.cited_items():
            assert cited.quote or (cited.assumption and cited.reason), path


def test_a_user_adds_a_year_without_code(tmp_path: Path, cli):
    folder = tmp_path / "tax-free"
    folder.mkdir()
    text = (ROOT / "rates/tax-free/2025-01-01.yaml").read_text(encoding="utf-8")
    text = text.replace("effective: 2025-01-01", "effective: 2026-01-01") \
        .replace("date: 2025-12-31", "date: 2026-12-31")
    (folder / "2026-01-01.yaml").write_text(text, encoding="utf-8")
    catalogue = Catalogue(search_path([tmp_path], environ={}))
    assert catalogue.tax_free_at(dt.date(2026, 3, 1)).version == "2026-01-01"
    checked = cli("rates", "check", str(folder / "2026-01-01.yaml"))
    assert checked.exit_code == 0, checked.stdout + checked.stderr


def test_a_figure_without_a_source_is_refused(tmp_path: Path, cli):
    folder = tmp_path / "tax-free"
    folder.mkdir()
    text = (ROOT / "rates/tax-free/2024-01-01.yaml").read_text(encoding="utf-8")
    broken = text.replace('  quote: "kr 452 per døgn for 2025"', "")
    shutil.copy(ROOT / "rates/tax-free/2024-01-01.yaml", folder / "a.yaml")
    lines = broken.splitlines()
    # the car rate loses its assumption and reason: no source left
    at = lines.index("  car:")
    del lines[at + 3:at + 5]
    (folder / "a.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked = cli("rates", "check", str(folder / "a.yaml"))
    assert checked.exit_code == 2
    assert "km.car" in checked.stdout + checked.stderr


def test_rates_show_and_diff_take_a_tax_free_table(cli):
    assert cli("rates", "show", "tax-free@2024-06-01", "--format", "json").exit_code == 0
    diff = cli("rates", "diff", "tax-free@2023-01-01", "tax-free@2023-09-01", "--format", "json")
    assert diff.exit_code in (0, 1) and "pensjonat" in diff.stdout


def test_a_description_that_stays_is_no_change_when_its_rates_source_changes():
    from honorar.tables.diff import compare

    catalogue = shipped()
    old = catalogue.tax_free_at(dt.date(2024, 6, 1))
    new = catalogue.tax_free_at(dt.date(2025, 6, 1))
    paths = {change.item: change.kind for change in compare(old, new)}
    assert paths["meals.overnight.hotel"] == "changed"  # 658 → 678, its source too
    assert not [path for path in paths if path.endswith(".description")]
    # a description that does change is shown (2023: the new a-melding names)
    older = catalogue.tax_free_at(dt.date(2022, 6, 1))
    paths = {c.item: c.kind for c in compare(older, catalogue.tax_free_at(dt.date(2023, 6, 1)))}
    assert paths["meals.overnight.pensjonat.description"] == "changed"
    assert "meals.overnight.hotel.description" not in paths
