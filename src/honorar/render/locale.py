"""Numbers, money and dates as each language writes them (Babel does the locale rules)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

LANGUAGES = ("nb", "en")
_LOCALE = {"nb": "nb_NO", "en": "en_US"}


@cache
def _locale(lang: str):
    from babel import Locale

    return Locale.parse(_LOCALE[lang])


def money(amount: Decimal | None, lang: str) -> str:
    """'1 960,00 kr' in bokmål, 'NOK 1,960.00' in English; an undecided amount is a dash."""
    if amount is None:
        return "–"
    from babel.numbers import format_currency

    if lang == "en":  # CLDR's en_US writes 'NOK1,960.00'; people write it with a space
        return format_currency(amount, "NOK", format="¤ #,##0.00", locale=_locale(lang))
    return format_currency(amount, "NOK", locale=_locale(lang))


def number(value: Decimal | int, lang: str) -> str:
    """A count or a number of hours, with no more decimals than it has (at most two)."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.##", locale=_locale(lang))


def percent(value: Decimal, lang: str) -> str:
    from babel.numbers import format_percent

    return format_percent(value, format="#,##0.0 %", locale=_locale(lang))


def date(value: dt.date, lang: str) -> str:
    return value.strftime("%d.%m.%Y") if lang == "nb" else value.isoformat()
