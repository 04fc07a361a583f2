"""Numbers, money and dates as each language writes them, by the locale rules of CLDR."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

LANGUAGES = ("nb", "nn", "en")
NORWEGIAN = frozenset({"nb", "nn"})  # write numbers, dates and quotes alike


# Babel's CLDR rules for nb_NO, nn_NO and en_US, written out: importing Babel costs `calc` a tenth
# of its start. tests/test_locale_formats.py holds these to what Babel itself writes.
_GROUP_AND_POINT = {"nb": ("\xa0", ","), "nn": ("\xa0", ","), "en": (",", ".")}


_STEPS = {places: Decimal(1).scaleb(-places) for places in (0, 1, 2)}


def _digits(value: Decimal | int, places: int, lang: str, *, keep_zeros: bool) -> str:
    """`value` with `places` decimals (rounded half to even, as Babel does), its thousands
    grouped; without `keep_zeros` the decimals' trailing zeros are dropped."""
    group, point = _GROUP_AND_POINT[lang]
    if type(value) is int and not keep_zeros:  # a count: nothing to round, no decimals
        return f"{value:,}".replace(",", group)
    rounded = Decimal(value).quantize(_STEPS[places], ROUND_HALF_EVEN)
    whole, _, fraction = f"{abs(rounded):,f}".partition(".")
    if not keep_zeros:
        fraction = fraction.rstrip("0")
    if group != ",":
        whole = whole.replace(",", group)
    return ("-" if rounded.is_signed() else "") + whole + (point + fraction if fraction else "")


def money(amount: Decimal | None, lang: str) -> str:
    """'1 960,00 kr' in bokmål and nynorsk, 'NOK 1,960.00' in English; an undecided amount is a dash."""
    if amount is None:
        return "–"
    text = _digits(amount, 2, lang, keep_zeros=True)
    if lang == "en":  # CLDR's en_US writes 'NOK1,960.00'; people write it with a space
        return f"-NOK {text[1:]}" if text.startswith("-") else f"NOK {text}"
    return f"{text}\xa0kr"


def number(value: Decimal | int, lang: str) -> str:
    """A count or a number of hours, with no more decimals than it has (at most two)."""
    return _digits(value, 2, lang, keep_zeros=False)


def percent(value: Decimal, lang: str) -> str:
    return _digits(Decimal(value) * 100, 1, lang, keep_zeros=True) + " %"


def date(value: dt.date, lang: str) -> str:
    # as strftime's '%d.%m.%Y' writes it, in a tenth of the time
    return f"{value.day:02d}.{value.month:02d}.{value.year}" if lang in NORWEGIAN else \
        value.isoformat()


def quoted(text: str, lang: str) -> str:
    """«text» in Norwegian, 'text' in English."""
    return f"«{text}»" if lang in NORWEGIAN else f"'{text}'"


def date_format(lang: str) -> str:
    """A date as a spreadsheet's number format writes it, as `date` does."""
    return "dd.mm.yyyy" if lang in NORWEGIAN else "yyyy-mm-dd"


def html_lang(lang: str) -> str:
    return lang if lang in LANGUAGES else "nb"
