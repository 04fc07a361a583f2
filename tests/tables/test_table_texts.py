"""A table's own texts in bokmål and English: `{nb: …, en: …}`, or one text for both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from honorar.tables.catalogue import TableError, read_table, shipped_rates_dir
from honorar.tables.schema import LocalText, RateTable, local

from ..conftest import run_cli

SHIPPED_UNN = shipped_rates_dir() / "unn" / "2022-01-01.yaml"
UNN_TEXT = SHIPPED_UNN.read_text(encoding="utf-8")
CALC = ["calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "2.2"]


def invoke(*args: str):
    return run_cli(*args, columns=250)


def drop(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "unn" / "2024-01-01.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    # a new version with its dates brought along (validity, review date), as it should be
    text = text.replace("effective: 2022-01-01", "effective: 2024-01-01").replace(
        "01.01.2022", "01.01.2024").replace("date: 2023-01-01", "date: 2025-01-01")
    path.write_text(text, encoding="utf-8")
    return path


def plain(text: str) -> str:
    """The UNN table with its lost-income assumption as one plain text."""
    start = text.index("    assumption:\n      nb: \"Dokumentert")
    end = text.index("\nrepresentatives")
    return text[:start] + ('    assumption: "Alt dokumentert dekkes."\n'
                           '    reason: "Ingen grense er nevnt."\n') + text[end:]


def test_calc_shows_the_assumption_in_the_language_asked_for():
    norwegian, english = invoke(*CALC).stdout, invoke(*CALC, "--lang", "en").stdout
    assert "Timene rundes opp til påbegynt halvtime" in norwegian
    assert "Veilederen gir en timesats" in norwegian
    assert "Hours are rounded up" not in norwegian
    assert "Hours are rounded up to the started half hour" in english
    assert "Timene rundes" not in english
    # the quote is the guide's own words in both
    assert "Møter timesats" in norwegian and "Møter timesats" in english


def test_calc_json_carries_the_texts_of_its_language():
    data = json.loads(invoke(*CALC, "--format", "json", "--lang", "en").stdout)
    assert "Hours are rounded up" in json.dumps(data, ensure_ascii=False)
    data = json.loads(invoke(*CALC, "--format", "json").stdout)
    assert "Timene rundes opp" in json.dumps(data, ensure_ascii=False)


def test_a_plain_text_is_shown_as_written_in_both_languages(tmp_path):
    path = drop(tmp_path, plain(UNN_TEXT))
    table = read_table(path)
    assert table.lost_income.cap.assumption == LocalText("Alt dokumentert dekkes.",
                                                         "Alt dokumentert dekkes.")
    for lang in ("nb", "en"):
        out = invoke("rates", "show", str(path), "--lang", lang).stdout
        assert "Alt dokumentert dekkes." in out and "Ingen grense er nevnt." in out


def test_a_text_in_one_language_stands_for_the_other():
    text = LocalText("x", "x")
    assert local(text, "en") == local(text, "nb") == "x"
    table = read_table(SHIPPED_UNN, text=UNN_TEXT.replace(
        'en: "The guide names no upper limit for lost income."\n', ""))
    assert table.lost_income.cap.reason.en == table.lost_income.cap.reason.nb == \
        "Veilederen setter ingen øvre grense for tapt arbeidsfortjeneste."


@pytest.mark.parametrize("bad", ['{nb: "a", de: "b"}', "{}", '{nb: ["a"], en: "b"}', "[a, b]"])
def test_a_text_that_is_neither_is_a_problem_at_its_place(bad):
    text = UNN_TEXT.replace('  note: {nb: "Satsene justeres i samsvar med Helse Nord RHFs satser", '
                            'nn: "Satsane blir justerte i samsvar med Helse Nord RHFs satsar", '
                            'en: "The rates are adjusted in line with those of Helse Nord RHF"}',
                            f"  note: {bad}")
    assert text != UNN_TEXT
    with pytest.raises(TableError) as err:
        read_table(Path("t.yaml"), text=text)
    (problem,) = err.value.problems
    assert (problem.line, problem.column) == (12, 3)
    assert "document.note" in problem.message and "{nb:" in problem.message


def test_check_warns_once_about_texts_in_one_language(tmp_path):
    one = drop(tmp_path, plain(UNN_TEXT))
    result = invoke("rates", "check", str(one), "--lang", "en", "--rates-dir", str(tmp_path))
    assert result.exit_code == 0, result.stdout
    line = UNN_TEXT[:UNN_TEXT.index("    assumption:\n      nb: \"Dokumentert")].count("\n") + 1
    assert (f"{one}:{line}:5: warning: lost_income.cap.assumption and 1 more texts are in one "
            "language") in result.stdout
    assert "1 warning" in result.stdout
    assert invoke("rates", "check", str(one), "--strict").exit_code == 1
    both = drop(tmp_path, UNN_TEXT)
    result = invoke("rates", "check", str(both), "--rates-dir", str(tmp_path))
    assert result.exit_code == 0 and "advarsel" not in result.stdout


def test_every_shipped_table_text_has_both_languages():
    from honorar.tables.lint import one_language
    from honorar.tables.yamldoc import parse

    for path in (shipped_rates_dir()).glob("*/*.yaml"):
        if path.parent.name.startswith("_"):
            continue
        assert one_language(parse(path.read_text(encoding="utf-8"), str(path)).data) == [], path


def test_a_checked_table_goes_through_json_and_back_unchanged():
    table = read_table(SHIPPED_UNN)
    dumped = table.model_dump(mode="json")
    assert dumped["name"] == {"nb": "UNN / Helse Nord RHF – brukerbank",
                              "nn": "UNN / Helse Nord RHF – brukerbank",
                              "en": "UNN / Helse Nord RHF – user bank"}
    assert dumped["lost_income"]["documentation_required"]["quote"] == \
        "tapt arbeidsfortjeneste dokumentert fra arbeidsgiver."
    assert RateTable.model_validate(json.loads(json.dumps(dumped))) == table


def test_budget_names_the_guide_in_the_language_asked_for():
    english = invoke("budget", "--scheme", "unn", "--reps", "2", "--lang", "en").stdout
    assert "UNN guide" in english and "UNN veileder" not in english
    assert "UNN veileder" in invoke("budget", "--scheme", "unn", "--reps", "2").stdout


def test_a_text_without_nynorsk_is_shown_in_bokmal_to_a_nynorsk_reader():
    from honorar.tables.schema import LocalText, local

    text = UNN_TEXT.replace(
        'nn: "Satsane blir justerte i samsvar med Helse Nord RHFs satsar", ', "")
    assert text != UNN_TEXT
    note = read_table(Path("t.yaml"), text=text).document.note
    assert isinstance(note, LocalText)
    assert local(note, "nn") == local(note, "nb") == "Satsene justeres i samsvar med Helse Nord RHFs satser"
    assert local(note, "en") == "The rates are adjusted in line with those of Helse Nord RHF"
    shipped = read_table(SHIPPED_UNN).document.note
    assert local(shipped, "nn") == "Satsane blir justerte i samsvar med Helse Nord RHFs satsar"
    # a copy without the nynorsk is the same text: `rates diff` shows no change
    assert note == shipped


def test_a_text_in_nynorsk_alone_stands_for_every_language():
    text = UNN_TEXT.replace(
        '{nb: "Satsene justeres i samsvar med Helse Nord RHFs satser", '
        'nn: "Satsane blir justerte i samsvar med Helse Nord RHFs satsar", '
        'en: "The rates are adjusted in line with those of Helse Nord RHF"}',
        '{nn: "Satsane blir justerte"}')
    assert text != UNN_TEXT
    note = read_table(Path("t.yaml"), text=text).document.note
    assert [note.in_lang(lang) for lang in ("nb", "nn", "en")] == ["Satsane blir justerte"] * 3


def test_a_table_read_in_nynorsk_shows_its_nynorsk_texts(cli):
    out = cli("rates", "show", "unn", "--lang", "nn", columns=200).stdout
    assert "Satsane blir justerte i samsvar med Helse Nord RHFs satsar" in out
    assert "Satsene justeres" not in out.split("«")[0]


def test_every_shipped_table_text_has_its_nynorsk():
    from honorar.tables.yamldoc import parse

    def texts(node):
        if isinstance(node, dict):
            if "nb" in node and "en" in node:
                yield node
            else:
                for value in node.values():
                    yield from texts(value)
        elif isinstance(node, list):
            for value in node:
                yield from texts(value)

    for path in shipped_rates_dir().glob("*/*.yaml"):
        data = parse(path.read_text(encoding="utf-8"), str(path)).data
        assert [t["nb"] for t in texts(data) if "nn" not in t] == [], path
