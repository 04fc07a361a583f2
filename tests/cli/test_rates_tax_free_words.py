"""`rates show` and `rates diff` of a tax-free table name each figure in words, in every
language, never by its path in the YAML file (`km.car`, `meals.overnight.hotel`)."""

from __future__ import annotations

import re

import pytest

PATH = re.compile(r"\b(?:km|meals|rules)\.[a-z_]+|\bgift_not_reported\b|\breporting_threshold\b")


@pytest.mark.parametrize(("lang", "words"), [
    ("nb", ("Kilometergodtgjørelse, bil", "Kost med overnatting på hotell",
            "Innberetningsgrense i a-meldingen")),
    ("nn", ("Kilometergodtgjersle, bil", "Kost med overnatting privat",
            "Satsane som gjeld på utbetalingsdagen")),
    ("en", ("Kilometre allowance, car", "Meals with a night at a hotel",
            "A gift not reported, at most")),
])
def test_a_tax_free_tables_figures_are_named_in_words(cli, lang, words):
    result = cli("rates", "show", "tax-free@2025-01-01", "--lang", lang, columns=200)
    assert result.exit_code == 0, result.output
    assert not PATH.findall(result.stdout), PATH.findall(result.stdout)
    for word in words:
        assert word in result.stdout, word


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_change_of_tax_free_tables_names_its_figures_in_words(cli, lang):
    result = cli("rates", "diff", "tax-free@2023-01-01", "tax-free@2023-09-01", "--lang", lang,
                 columns=200)
    assert result.exit_code in (0, 1), result.output
    assert not PATH.findall(result.stdout), PATH.findall(result.stdout)
