"""Numbers and money as each language writes them, without loading Babel: `calc --format
json` starts quickly, and every figure reads exactly as Babel's CLDR rules would write it."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from honorar.i18n import locale

LANGS = st.sampled_from(locale.LANGUAGES)
AMOUNTS = st.decimals(min_value=Decimal("-20000000"), max_value=Decimal("20000000"),
                      allow_nan=False, allow_infinity=False, places=4)


def babel_money(amount: Decimal, lang: str) -> str:
    from babel.numbers import format_currency

    if lang == "en":
        return format_currency(amount, "NOK", format="¤ #,##0.00", locale="en_US")
    return format_currency(amount, "NOK", locale=f"{lang}_NO")


def babel_number(value: Decimal, lang: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.##", locale={"nb": "nb_NO", "nn": "nn_NO", "en": "en_US"}[lang])


def babel_percent(value: Decimal, lang: str) -> str:
    from babel.numbers import format_percent

    return format_percent(value, format="#,##0.0 %",
                          locale={"nb": "nb_NO", "nn": "nn_NO", "en": "en_US"}[lang])


@given(AMOUNTS, LANGS)
def test_money_reads_as_babel_writes_it(amount, lang):
    assert locale.money(amount, lang) == babel_money(amount, lang)


@given(AMOUNTS, LANGS)
def test_numbers_and_percentages_read_as_babel_writes_them(value, lang):
    assert locale.number(value, lang) == babel_number(value, lang)
    assert locale.percent(value / 100, lang) == babel_percent(value / 100, lang)


def test_whole_numbers_and_the_examples_of_the_spec():
    assert locale.number(3, "nb") == "3"
    assert locale.number(12000, "nb") == "12\xa0000"
    assert locale.money(Decimal("1960"), "nb") == "1\xa0960,00\xa0kr"
    assert locale.money(Decimal("1960"), "en") == "NOK 1,960.00"
    assert locale.money(None, "nb") == "–"


def test_calc_as_json_loads_no_heavy_library():
    code = ("import sys\n"
            "from honorar.cli import app\n"
            "from typer.testing import CliRunner\n"
            "result = CliRunner().invoke(app, ['calc', '--scheme', 'unn', '--date', "
            "'2024-03-01', '--hours', '3', '--km', '40', '--format', 'json'])\n"
            "assert result.exit_code in (0, 1), result.output\n"
            "print(sorted(m for m in ('babel', 'rich', 'sqlite3', 'python_calamine', "
            "'xlsxwriter', 'openpyxl', 'matplotlib') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"HONORAR_RATES": "", "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "[]"
