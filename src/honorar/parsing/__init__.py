"""Reading values the way Norwegian spreadsheets, payroll exports and people write them.

Each reader takes text and returns a value or raises `ValueError` with a short reason that
can stand in a finding or an error line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from .problem import ValueProblem, said

# --------------------------------------------------------------------------- amounts

_CURRENCY = re.compile(r"^(?:kr\.?|nok)\s*|\s*(?:kr\.?|nok|,-|\.-)$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_GROUPED_BY_COMMA = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")
_GROUPED_BY_POINT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
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
    s = _SPACES.sub("", s)
    negative = s.startswith("-")
    s = s.lstrip("+-")
    if "," in s and "." in s:
        # the separator that comes last is the decimal one
        decimal_comma = s.rfind(",") > s.rfind(".")
        s = s.replace(".", "").replace(",", ".") if decimal_comma else s.replace(",", "")
    elif _GROUPED_BY_COMMA.fullmatch(s) or _GROUPED_BY_POINT.fullmatch(s):
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


# ----------------------------------------------------------------------------- dates

DATE_ORDERS = ("dmy", "mdy")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})")


_MONTHS = {
    "januar": 1, "jan": 1, "january": 1, "februar": 2, "feb": 2, "february": 2, "mars": 3,
    "mar": 3, "march": 3, "april": 4, "apr": 4, "mai": 5, "may": 5, "juni": 6, "jun": 6,
    "june": 6, "juli": 7, "jul": 7, "july": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "desember": 12, "des": 12, "december": 12, "dec": 12,
}
# '6. oktober 2026', '6. okt. 2026', '6 okt 26'; the year may be left out ('6. okt')
_NAMED_MONTH = re.compile(r"(\d{1,2})\.?\s*([^\W\d_]+)\.?(?:\s*(\d{4}|\d{2}))?")
# '06.10': a day and a month, the year left out
_NO_YEAR = re.compile(r"(\d{1,2})\.(\d{1,2})\.?")


class NoYear(ValueError):
    """A date written without its year ('06.10', '6. okt'): `day` and `month` are known."""

    def __init__(self, raw: str, month: int, day: int) -> None:
        super().__init__(f"'{raw}' has no year")
        self.month = month
        self.day = day


def parse_date(text: str, order: str = "dmy", year: int | None = None) -> dt.date:
    """ISO '2022-03-15', Norwegian '15.03.2022', '6. oktober 2026', '6. okt. 2026'; with
    order 'mdy', US '03/15/2022'. A date without its year ('06.10', '6. okt') takes `year`;
    without one it raises `NoYear`."""
    raw = text.strip()
    match = _ISO.fullmatch(raw)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = _DOTTED.fullmatch(raw)
        if match:
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            if year < 100:
                year += 2000
            day, month = (second, first) if order == "mdy" else (first, second)
            return dt.date(year, month, day)
        match = _NAMED_MONTH.fullmatch(raw)
        if match and match[2].casefold() in _MONTHS:
            day, month = int(match[1]), _MONTHS[match[2].casefold()]
            if match[3] is None:
                return _without_year(raw, month, day, year)
            given = int(match[3])
            return dt.date(given + 2000 if given < 100 else given, month, day)
        match = _NO_YEAR.fullmatch(raw)
        if match:
            return _without_year(raw, int(match[2]), int(match[1]), year)
    except ValueError as err:
        if isinstance(err, NoYear):
            raise
        raise ValueProblem(said("value.not_real_date", value=raw)) from None
    raise ValueProblem(said("value.not_date", value=raw))


def year_left_out(text: str) -> bool:
    """Whether a date is written without its year ('06.10', '6. okt')."""
    raw = text.strip()
    if _NO_YEAR.fullmatch(raw):
        return True
    match = _NAMED_MONTH.fullmatch(raw)
    return bool(match) and match[3] is None and match[2].casefold() in _MONTHS


def _without_year(raw: str, month: int, day: int, year: int | None) -> dt.date:
    if year is None:
        dt.date(2000, month, day)  # a leap year: 29.02 is a real day and month
        raise NoYear(raw, month, day)
    return dt.date(year, month, day)


def date_order_hint(text: str) -> str | None:
    """'dmy' or 'mdy' where a slashed or dotted date can be read only one way, else None."""
    match = _DOTTED.fullmatch(text.strip())
    if not match:
        return None
    first, second = int(match[1]), int(match[2])
    if first > 12 >= second:
        return "dmy"
    if second > 12 >= first:
        return "mdy"
    return None


def is_ambiguous_date(text: str) -> bool:
    match = _DOTTED.fullmatch(text.strip())
    return bool(match) and match[1] != match[2] and int(match[1]) <= 12 and int(match[2]) <= 12


# ----------------------------------------------------------------------------- times

_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2})(?::(\d{2}))?|(\d{2}))?")


def parse_time(text: str) -> dt.time:
    """'09:00', '9.00', '0900', '09:00:00', '9' → time."""
    raw = text.strip()
    match = _TIME.fullmatch(raw)
    if not match:
        raise ValueProblem(said("value.not_time", value=raw))
    hour = int(match[1])
    minute = int(match[2] or match[4] or 0)
    second = int(match[3] or 0)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        raise ValueProblem(said("value.not_real_time", value=raw)) from None


def hours_between(start: dt.time, end: dt.time) -> Decimal:
    """The length of a meeting in hours; an end at or before the start is the next day
    (22:00–01:00 is 3 hours)."""
    seconds = (end.hour * 3600 + end.minute * 60 + end.second) - (
        start.hour * 3600 + start.minute * 60 + start.second)
    if seconds <= 0:
        seconds += 24 * 3600
    return Decimal(seconds) / 3600


# ------------------------------------------------------------------------ categories

_YES = {"ja", "j", "yes", "y", "x", "1", "true", "sant"}
_NO = {"nei", "n", "no", "0", "false", "usant", ""}


def parse_yes_no(text: str) -> bool:
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueProblem(said("value.not_yes_no", value=text.strip()))


ATTENDANCE_WORDS = {
    "physical": "physical", "fysisk": "physical", "fysisk oppmøte": "physical",
    "oppmøte": "physical", "in person": "physical", "hybrid fysisk": "physical",
    "fremmøte": "physical", "frammøte": "physical", "fysisk møte": "physical",
    "fysisk fremmøte": "physical", "fysisk frammøte": "physical", "tilstede": "physical",
    "til stede": "physical",
    "remote": "remote", "digital": "remote", "digitalt": "remote", "telefon": "remote",
    "phone": "remote", "video": "remote", "videomøte": "remote", "teams": "remote",
    "skype": "remote", "lync": "remote", "join": "remote", "zoom": "remote",
    "elektronisk": "remote", "nett": "remote", "telefonmøte": "remote",
    "teams møte": "remote", "teamsmøte": "remote", "digitalt møte": "remote",
    "digital deltakelse": "remote", "videokonferanse": "remote", "skypemøte": "remote",
    "zoommøte": "remote", "zoom møte": "remote", "skype møte": "remote",
}
# the words an unreadable attendance is told of (the rest are read, not offered)
ATTENDANCE_OFFERED = ("fysisk", "oppmøte", "fremmøte", "fysisk møte", "telefon", "telefonmøte",
                      "video", "videomøte", "teams", "teams-møte", "digitalt")

ACTIVITY_WORDS = {
    "møte": "meeting", "mote": "meeting", "heldagsmøte": "full_day", "heldag": "full_day",
    "undervisning": "teaching", "erfaringsformidling": "teaching",
    "likemannsoppdrag": "peer_assignment", "informasjon": "org_information",
    "likemannsarbeid": "peer_work", "opplæring": "training", "kurs": "training",
    "seminar": "seminar",
}

_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


def parse_attendance(text: str, extra: dict[str, str] | None = None) -> str:
    """'fysisk', 'Fremmøte', 'Teams-møte', 'telefonmøte' … → physical or remote. A word that
    says neither (`hybrid`) is refused with the words that are read."""
    word = " ".join(text.strip().lower().split())
    found = (extra or {}).get(word) or ATTENDANCE_WORDS.get(word)
    if found is None and "-" in word:  # 'Teams-møte', 'fysisk-møte'
        found = ATTENDANCE_WORDS.get(word.replace("-", " ")) or ATTENDANCE_WORDS.get(
            word.replace("-", ""))
    if found is None:
        raise ValueProblem(said("value.not_attendance", value=text.strip(),
                                  words=", ".join(attendance_words(extra))))
    return found


def attendance_words(extra: dict[str, str] | None = None) -> list[str]:
    """The attendance words offered when one cannot be read: the usual ones, then a
    mapping's own."""
    return [*ATTENDANCE_OFFERED, *(w for w in extra or {} if w not in ATTENDANCE_WORDS)]


# The activities of the contract (SPEC §2), by name.
ACTIVITY_NAMES = ("meeting", "full_day", "teaching", "peer_assignment", "org_information",
                  "peer_work", "training", "seminar")


def parse_activity(text: str, extra: dict[str, str] | None = None,
                   known: Iterable[str] | None = None) -> str:
    """A Norwegian word or an activity name (e.g. 'full_day'). With `known` (the names the
    rate tables pay or refuse), a name must be one of those or of the contract's; without,
    any name is taken, and the rate table decides what it pays."""
    word = " ".join(text.strip().lower().split())
    found = (extra or {}).get(word) or ACTIVITY_WORDS.get(word)
    if found:
        return found
    name = word.replace("-", "_").replace(" ", "_")
    if _IDENTIFIER.fullmatch(name) and (known is None or name in ACTIVITY_NAMES
                                        or name in known):
        return name
    raise ValueProblem(said("value.not_activity", value=text.strip(),
                            names=", ".join(activity_names(known or ())),
                            words=", ".join(activity_words(extra))))


def activity_names(known: Iterable[str] = ()) -> list[str]:
    """The activity names accepted: the contract's, then those only a table has."""
    return [*ACTIVITY_NAMES, *sorted(set(known) - set(ACTIVITY_NAMES))]


def activity_words(extra: dict[str, str] | None = None) -> list[str]:
    """The words accepted for activities: the Norwegian ones, then a mapping's own."""
    listed = [w for w in ACTIVITY_WORDS if w not in _UNLISTED_WORDS]
    return [*listed, *(w for w in extra or {} if w not in ACTIVITY_WORDS)]


_UNLISTED_WORDS = {"mote"}  # read, for keyboards without ø, but not offered


# ---------------------------------------------------------------------------- travel

VEHICLE_WORDS = {
    "car": "car", "bil": "car", "egen bil": "car", "personbil": "car", "elbil": "car",
    "el-bil": "car", "motorcycle": "motorcycle", "motorsykkel": "motorcycle", "mc": "motorcycle",
    "moped": "moped", "lett motorsykkel": "moped", "snowmobile": "snowmobile",
    "snøscooter": "snowmobile", "snoscooter": "snowmobile", "atv": "snowmobile",
    "boat": "boat", "båt": "boat", "bat": "boat", "motorbåt": "boat", "bicycle": "bicycle",
    "sykkel": "bicycle", "bike": "bicycle", "walking": "walking", "til fots": "walking",
    "gange": "walking", "walk": "walking", "snøskuter": "snowmobile", "firehjuling": "snowmobile",
    "motorbat": "boat", "el-sykkel": "bicycle", "elsykkel": "bicycle", "gå": "walking",
    "fots": "walking", "hybridbil": "car", "privatbil": "car", "tung motorsykkel": "motorcycle",
}
# a meals cell that says none were served
# a count before a meal word is at most this: a mistake of the input past it, not a trip
MAX_MEALS_OF_A_KIND = 99

NO_MEALS = frozenset({"ingen", "none", "nei", "no", "-", "–", "0"})

MEAL_WORDS = {
    "breakfast": "breakfast", "frokost": "breakfast", "frukost": "breakfast",
    "lunch": "lunch", "lunsj": "lunch", "lunch/lunsj": "lunch", "dinner": "dinner",
    "middag": "dinner",
    # the plurals, as a count is written before them ('2 middager', nynorsk '2 middagar')
    "breakfasts": "breakfast", "frokoster": "breakfast", "frukostar": "breakfast",
    "lunches": "lunch", "lunsjer": "lunch", "lunsjar": "lunch", "dinners": "dinner",
    "middager": "dinner", "middagar": "dinner",
}


def parse_vehicle(text: str) -> str:
    """'bil', 'car', 'snøscooter' … → car, motorcycle, moped, snowmobile, boat, bicycle,
    walking; blank → car."""
    word = " ".join(text.strip().lower().split())
    if not word:
        return "car"
    found = VEHICLE_WORDS.get(word)
    if found is None:
        raise ValueProblem(said("value.not_vehicle", value=text.strip()))
    return found


def parse_meals(text: str) -> tuple[str, ...]:
    """'lunsj', 'frokost, middag', 'breakfast+lunch', '2 frokost, middag' → the meals
    provided, each as often as served (a count before a meal word, 1 by default), in day
    order; 'ingen' or '-' → none."""
    if " ".join(text.lower().split()) in NO_MEALS:
        return ()
    words = [w for w in re.split(r"[,;+/&\s]+|\bog\b|\band\b", text.strip().lower()) if w]
    counts: dict[str, int] = {}
    count: int | None = None
    for word in words:
        if word.isdigit():
            if count is not None:
                raise ValueProblem(said("value.count_after_count", value=word))
            count = int(word)
            if count > MAX_MEALS_OF_A_KIND:
                raise ValueProblem(said("value.too_many_meals", value=word,
                                              limit=MAX_MEALS_OF_A_KIND))
            continue
        meal = MEAL_WORDS.get(word)
        if meal is None:
            raise ValueProblem(said("value.not_meal", value=word))
        if meal in counts:
            raise ValueProblem(said("value.meal_twice", value=word))
        counts[meal] = 1 if count is None else count
        count = None
    if count is not None:
        raise ValueProblem(said("value.count_without_meal", count=count))
    order = ("breakfast", "lunch", "dinner")
    return tuple(meal for meal in order for _ in range(counts.get(meal, 0)))


_QUANTITY_UNIT = re.compile(r"\s*(?:km|kilometer|t|h|timer|time|hours?)\.?$", re.IGNORECASE)


def parse_quantity(text: str) -> Decimal:
    """A distance or a duration: '120', '12,5', '120 km', '7,5 t' → Decimal; 0 or more;
    blank → 0."""
    raw = text.strip()
    if raw[:1].isdigit():
        raw = _QUANTITY_UNIT.sub("", raw)
    if not raw:
        return Decimal(0)
    if raw.startswith("-"):
        raise ValueProblem(said("value.negative", value=raw))
    match = re.fullmatch(r"(\d+):([0-5]\d)", raw)
    if match:
        return Decimal(int(match[1]) * 60 + int(match[2])) / 60
    s = _SPACES.sub("", raw).replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", s):
        raise ValueProblem(said("value.not_number", value=raw))
    return Decimal(s)


def parse_count(text: str) -> int:
    """A number of nights: '2' → 2; blank → 0."""
    raw = text.strip()
    if not raw:
        return 0
    if raw.startswith("-"):
        raise ValueProblem(said("value.negative", value=raw))
    if not raw.isdigit():
        raise ValueProblem(said("value.not_whole_number", value=raw))
    return int(raw)


_DATETIME = re.compile(r"(.+?)[ T]+(\d{1,2}[:.]\d{2}(?::\d{2})?)")


def parse_datetime(text: str, order: str = "dmy") -> dt.datetime:
    """'2024-03-15 07:30', '15.03.2024 07:30', '2024-03-15T07:30' → datetime."""
    raw = text.strip()
    match = _DATETIME.fullmatch(re.sub(r"\s+kl\.?\s*", " ", raw, flags=re.IGNORECASE))
    if not match:
        raise ValueProblem(said("value.not_datetime", value=raw))
    day = parse_date(match[1], order)
    time = parse_time(match[2])
    return dt.datetime.combine(day, time)


def hours_from_to(departure: dt.datetime, back: dt.datetime) -> Decimal:
    """The hours from departure to return; a return at or before the departure on the same
    day is the next day (as a meeting's end), one on an earlier day is an error."""
    if back <= departure and back.date() == departure.date():
        back += dt.timedelta(days=1)
    seconds = int((back - departure).total_seconds())
    if seconds < 0:
        raise ValueProblem(said("value.return_before_departure",
                                  back=f"{back:%Y-%m-%d %H:%M}",
                                  departure=f"{departure:%Y-%m-%d %H:%M}"))
    return Decimal(seconds) / 3600
