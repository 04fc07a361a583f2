"""The catalogues: every key in every language, the same placeholders, compiled."""

from __future__ import annotations

import string

import pytest

from honorar import i18n
from honorar.i18n import compile as po

FORMATTER = string.Formatter()


def _placeholders(words: str) -> set[str]:
    return {name for _, name, _, _ in FORMATTER.parse(words) if name}


def _entries(lang: str) -> dict[str, list[str]]:
    entries = {}
    for message in po.read_catalogue(lang):
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        forms = list(message.string) if isinstance(message.string, tuple) else [message.string]
        entries[key] = forms
    return entries


CATALOGUES = {lang: _entries(lang) for lang in i18n.LANGUAGES}


def test_the_compiled_catalogues_are_those_of_the_po_files():
    assert po.main(["--check"]) == 0, "run: python -m honorar.i18n.compile"


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT])
def test_every_language_has_every_key_and_no_other(lang):
    default, other = CATALOGUES[i18n.DEFAULT], CATALOGUES[lang]
    assert sorted(set(default) - set(other)) == [], f"missing in {lang}"
    assert sorted(set(other) - set(default)) == [], f"only in {lang}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_message_is_translated(lang):
    assert [key for key, forms in CATALOGUES[lang].items() if not all(forms)] == []


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT])
def test_a_message_has_the_same_placeholders_in_every_language(lang):
    differ = {}
    for key, forms in CATALOGUES[i18n.DEFAULT].items():
        expected = set().union(*map(_placeholders, forms))
        found = set().union(*map(_placeholders, CATALOGUES[lang].get(key, forms)))
        if found != expected:
            differ[key] = (sorted(expected), sorted(found))
    assert differ == {}


def test_a_counted_message_takes_its_form_from_the_catalogue():
    assert i18n.counted("unit.nights", 1, "nb") == "1 natt"
    assert i18n.counted("unit.nights", 2, "nn") == "2 netter"
    assert i18n.counted("unit.nights", 0, "en") == "0 nights"


def test_a_key_no_catalogue_holds_is_honorars_own_fault():
    with pytest.raises(i18n.MissingText):
        i18n.text("no.such.key", "nb")


def test_a_placeholder_given_no_value_is_left_as_written():
    assert i18n.text("severity.error", "nb", {"unused": 1}) == "feil"


def test_a_renderers_words_by_language():
    assert i18n.Words("rates.yes_no")["nn"] == ("ja", "nei")
    assert i18n.Words("audit.report_name")["en"] == "honorar: audit of claims"
    assert i18n.Words("label.activity")["nn"]["full_day"] == "heildagsmøte"
    assert i18n.Words("budget.xlsx")["nb"]["sheets"][0] == "Sammendrag"
    with pytest.raises(KeyError):
        i18n.Words("audit.table")["de"]


def test_a_counted_message_of_the_old_keys_picks_its_form_by_the_value_it_counts():
    from honorar.render import messages

    one = messages.text("budget_representatives_rule", {"table": "unn", "minimum": 1}, "nn")
    many = messages.text("budget_representatives_rule", {"table": "unn", "minimum": 2}, "nn")
    assert "minst 1 brukarrepresentant per" in one
    assert "minst 2 brukarrepresentantar per" in many
    assert messages.TEMPLATES["too_few_representatives"]["en"].startswith("Group {group} has")
    assert "no_such_key" not in messages.TEMPLATES
