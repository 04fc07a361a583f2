"""Amounts and hours as Norwegian spreadsheets and people write them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..problem import ValueProblem, said

_CURRENCY = re.compile(r"^(?:kr\.?|nok)\s*|\s*(?:kr\.?|nok|,-|\.-)$", re.IGNORECASE)
SPACES = re.compile(r"[\s\u00a0\u202f']")
_GROUPED_BY_COMMA = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")
GROUPED_BY_POINT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
# '1960.00' and '392', as most exports write amounts: nothing to take away or to decide
_PLAIN_AMOUNT = re.compile(r"[0-9]{1,8}(?:\.[0-9]{1,2})?")


# What no claim could ever be (SPEC §5), a bound of the reader and not a rate: past it, a
# value is a typing slip or an attack, and exact arithmetic on it would overflow.
AMOUNT_LIMIT = Decimal(10_000_000)  # kr
HOURS_LIMIT = Decimal(10_000)  # no meeting lasts a year


class ImplausibleValue(ValueProblem):
    """A number that reads but is past anything the tool could be asked to pay or count."""


def parse_amount(text: str, *, limit: Decimal | None = AMOUNT_LIMIT) -> Decimal:
    """'1 960,00', '1.960,-', 'kr 1960', '1960.5', '1,960.50' → Decimal; blank → 0.

    Money has at most two decimals (øre), so '1,176' and '1.176' are both 1176, and
    '0,125' is refused rather than read as something nobody paid. An amount over `limit`
    is no claim anyone could make (a file's own total may be more: limit None).
    """
    if _PLAIN_AMOUNT.fullmatch(text):
        value = Decimal(text)
        if limit is None or value <= limit:
            return value
    raw = text.strip()
    if not raw:
        return Decimal(0)
    s = raw
    for _ in range(2):  # a currency word and a ',-' may both stand around a number
        s = _CURRENCY.sub("", s).strip()
    s = SPACES.sub("", s)
    negative = s.startswith("-")
    s = s.lstrip("+-")
    if "," in s and "." in s:
        # the separator that comes last is the decimal one
        decimal_comma = s.rfind(",") > s.rfind(".")
        s = s.replace(".", "").replace(",", ".") if decimal_comma else s.replace(",", "")
    elif _GROUPED_BY_COMMA.fullmatch(s) or GROUPED_BY_POINT.fullmatch(s):
        # '1.960' and '1,176': an amount has no third decimal, so three digits after one
        # separator are a group of thousands, whichever separator the export used
        s = s.replace(",", "").replace(".", "")
    else:
        s = s.replace(",", ".")  # Norwegian: a lone comma is the decimal one ('1960,5')
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", s):
        raise ValueProblem(said("value.not_amount", value=raw))
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise ValueProblem(said("value.not_amount", value=raw)) from None
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueProblem(said("value.too_many_decimals", value=raw))
    if negative:
        raise ValueProblem(said("value.negative", value=raw))
    if limit is not None and value > limit:
        limit_text = f"{AMOUNT_LIMIT:,.0f}".replace(",", " ")
        raise ImplausibleValue(said("value.implausible_amount", value=raw, limit=limit_text))
    return value


# hours as people write them with a unit: '3 t', '3,5 timer', '2 t 30 min', '90 min'
_HOURS_WITH_UNITS = re.compile(
    r"(?:(?P<h>\d+(?:[.,]\d+)?)\s*(?:t|h|timer|time|timar|hours?|hrs?)\.?)?"
    r"\s*(?:(?:og|and|,)\s*)?"
    r"(?:(?P<m>\d{1,3})\s*(?:m|min|minutt|minutter|minutes?|mins?)\.?)?", re.IGNORECASE)


def parse_hours(text: str) -> Decimal:
    """'2,5', '2.5', '3' → hours; also '2:30' (hours and minutes) and the units people
    write: '3 t', '3,5 timer', '2 t 30 min', '90 min'. Must be more than 0."""
    raw = text.strip()
    match = re.fullmatch(r"(\d+):([0-5]\d)", raw)
    with_units = None if match else _HOURS_WITH_UNITS.fullmatch(raw)
    if match:
        value = Decimal(int(match[1]) * 60 + int(match[2])) / 60
    elif re.fullmatch(r"\d+(?:[.,]\d+)?|[.,]\d+", raw):
        value = Decimal(raw.replace(",", "."))
    elif with_units is not None and (with_units["h"] or with_units["m"]) and (
            with_units["m"] is None or with_units["h"] is None
            or ("." not in with_units["h"] and "," not in with_units["h"])):
        value = Decimal((with_units["h"] or "0").replace(",", "."))
        if with_units["m"]:
            value += Decimal(int(with_units["m"])) / 60
    else:
        raise ValueProblem(said("value.not_hours", value=raw))
    if value == 0:
        raise ValueProblem(said("value.zero_hours"))
    if value > HOURS_LIMIT:
        limit_text = f"{HOURS_LIMIT:,.0f}".replace(",", " ")
        raise ImplausibleValue(said("value.implausible_hours", value=raw, limit=limit_text))
    return value


