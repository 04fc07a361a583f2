"""Every problem key the source raises has its words: a `said("key")` whose key no
catalogue holds ends in honorar's own fault (exit code 4) instead of the user's line."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from honorar import i18n
from honorar.budget.plans import _LISTS
from honorar.claims.sniff import _SEPARATOR_WORDS
from honorar.cli.errors import _ERRNOS
from honorar.cli.usage import _ARGUMENTS
from honorar.problem import PREFIX

SRC = Path(i18n.__file__).resolve().parent.parent
LITERAL = re.compile(r'\bsaid\(\s*"([^"{}]+)"')
TEMPLATE = re.compile(r'\bsaid\(\s*f"([^"]+)"')

# each key made by an f-string, by its template in the source, with every key it makes
MADE = {
    "plan.{noun}": [f"plan.{noun}" for noun in _LISTS.values()],
    "limits.repeated_{thing}": ["limits.repeated_row", "limits.repeated_cell"],
    "claims.kind.{kind}": [f"claims.kind.{kind}" for kind in (
        "pdf", "word", "powerpoint", "odt", "odp", "gzip", "7z", "rar", "png", "jpeg", "gif",
        "tiff", "webp", "heic", "bmp")],
    "claims.line_split_{_SEPARATOR_WORDS.get(sep, 'other')}": [
        f"claims.line_split_{word}" for word in (*_SEPARATOR_WORDS.values(), "other")],
    "claims.both_orders_{a}_{b}": ["claims.both_orders_dmy_mdy"],
    "budget.{what}_problem_and_more": ["budget.plan_problem_and_more"],
    "budget.{what}_problem": ["budget.plan_problem"],
    "env.{key}": ["env.internal_error", "env.internal_error_hint"],
    "os.{name}": [f"os.{name}" for name in _ERRNOS if hasattr(errno, name)],
    "ledger.record_needs_regular_file_{kind}": [
        "ledger.record_needs_regular_file_directory", "ledger.record_needs_regular_file_device"],
    "usage.output_is_{what[0]}": [f"usage.output_is_{what}" for what in (
        "stdin", "input", "mapping", "plan", "ledger", "rate_table", "wage_types")],
    "argument.{name}": [f"argument.{name}" for name in _ARGUMENTS],
}


def _sources() -> list[tuple[Path, str]]:
    return [(path, path.read_text(encoding="utf-8")) for path in sorted(SRC.rglob("*.py"))]


def test_the_scan_finds_the_keys_it_looks_for():
    keys = {key for _, text in _sources() for key in LITERAL.findall(text)}
    assert {"impact.goes_with_either", "payroll.no_tax_free_table",
            "paid_parts.unreadable"} <= keys
    assert len(keys) > 200


def test_every_key_said_in_the_source_has_its_words():
    missing = sorted(f"{path.relative_to(SRC)}: {key}" for path, text in _sources()
                     for key in LITERAL.findall(text)
                     if not key.startswith("@") and not key.endswith(".")  # "yaml." + …
                     and key != "key"  # the docstring's example
                     and not i18n.has(PREFIX + key, "nb"))
    assert not missing, missing


def test_every_key_made_by_a_template_is_listed_and_has_its_words():
    templates = {template for _, text in _sources() for template in TEMPLATE.findall(text)}
    assert templates <= set(MADE), sorted(templates - set(MADE))
    missing = [key for template in templates for key in MADE[template]
               if not i18n.has(PREFIX + key, "nb")]
    assert not missing, missing


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_moved_problems_are_worded_in_every_language(lang):
    for key in ("impact.goes_with_either", "payroll.lodging", "impact.one_source",
                "paid_parts.unknown_form", "stored_facts.unreadable", "value.not_a_year"):
        assert i18n.has(PREFIX + key, lang), key
