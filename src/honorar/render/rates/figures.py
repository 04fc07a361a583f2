"""A rate table's figure named in words ("Møte, telefon / video: over 2,5 timer"), never by
its path in the file (`activities.meeting.remote.tiers.1.amount`): for `rates show` and
`rates diff`. A path this does not know is shown as it is."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ... import i18n
from ...tables.diff import Bound
from .. import messages
from .words import quantity

_PLAIN = ("scheme", "regulation", "name", "attendance", "agreement.required",
          "lost_income.documentation_required", "lost_income.cap", "lost_income.cap_per_day",
          "gift.cap", "claim_age.months", "representatives.minimum", "implausible_over",
          "review_after", "valid_until", "km.passenger", "km.trailer", "km.forest_road",
          "km.one_way_unstated", "meals.remaining_part.over_limit", "night_without_receipt",
          "expenses.receipts_required", "km.car", "km.other_vehicles", "gift_not_reported",
          "reporting_threshold")  # the last four: a tax-free table's


def _say(key: str, lang: str, **params: object) -> str:
    return i18n.text(f"rates.figure.{key}", lang, params)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def figure_words(path: str, lang: str, bounds: Mapping[str, Bound] | None = None,
                 bound: Bound | None = None) -> str:
    """`path` of a figure in words; `bound` (or `bounds[path]`) says which durations a
    tier is for."""
    parts = path.split(".")
    if parts[-1] == "unconfirmed" and len(parts) > 1:
        return _say("unconfirmed", lang, what=figure_words(".".join(parts[:-1]), lang))
    if parts[-1] == "vehicles" and len(parts) > 1 and parts[0] == "km":
        return _say("vehicles", lang, what=figure_words(".".join(parts[:-1]), lang))
    if bound is None and bounds is not None:
        bound = bounds.get(path)
    said = _words(parts, lang, bound)
    return path if said is None else said


def _words(parts: list[str], lang: str, bound: Bound | None) -> str | None:
    path = ".".join(parts)
    head = parts[0]
    if path in _PLAIN or path.startswith(("document.", "meals.", "rules.")):
        key = f"rates.figure.{path}"
        return i18n.text(key, lang) if i18n.has(key, lang) else None
    if head == "km" and len(parts) == 3 and parts[1] == "vehicles":
        return _say("km.vehicle", lang, vehicle=messages.label("vehicle", parts[2], lang))
    if head == "pages" and len(parts) == 3:
        return _say(f"page.{parts[2]}", lang, page=parts[1]) \
            if parts[2] in ("title", "url") else None
    if head == "severities" and len(parts) == 2:
        return _say("severity", lang, code=parts[1])
    if head == "not_payable" and len(parts) == 2:
        return _capital(_say("activity", lang, activity=_activity(parts[1], lang),
                             what=_say("not_payable", lang)))
    if head == "gift" and len(parts) == 3 and parts[1] == "activities":
        return _capital(_say("activity", lang, activity=_activity(parts[2], lang),
                             what=_say("gift", lang)))
    if head == "activities" and len(parts) >= 3:
        return _activity_words(parts[1], parts[2], parts[3:], lang, bound)
    return None


def _activity(activity: str, lang: str) -> str:
    return messages.label("activity", activity, lang)


def _activity_words(activity: str, attendance: str, rest: list[str], lang: str,
                    bound: Bound | None) -> str | None:
    if attendance == "at_least":
        key = "at_least." + ".".join(rest) if rest else "at_least.hours"
        if not i18n.has(f"rates.figure.{key}", lang):
            return None
        return _capital(_say("activity", lang, activity=_activity(activity, lang),
                             what=_say(key, lang)))
    what = _rule_part(rest, lang, bound)
    if what is None:
        return None
    if attendance == "any":
        where = _say("any_attendance", lang)
    else:
        where = messages.label("attendance", attendance, lang)
    return _capital(_say("activity_attendance", lang, activity=_activity(activity, lang),
                         attendance=where, what=what))


def _rule_part(rest: list[str], lang: str, bound: Bound | None) -> str | None:
    if not rest:
        return _say("rule", lang)
    if rest[0] == "tiers" and len(rest) == 3:
        number = int(rest[1]) + 1 if rest[1].isdigit() else rest[1]
        if rest[2] != "amount":  # a limit that may itself change: named by its tier
            return _say("tier_limit", lang, number=number)
        if bound is None:
            return _say("tier_amount", lang, number=number)
        kind, hours = bound
        hours_text = quantity(hours, "hours", lang) if isinstance(hours, Decimal) else ""
        return _say(kind, lang, hours=hours_text)
    key = ".".join(rest)
    if i18n.has(f"rates.figure.{key}", lang):
        return _say(key, lang)
    return None


def change_words(change, lang: str) -> str:
    """The figure a `tables.diff.Change` is about, in words."""
    return figure_words(change.item, lang, bound=change.tier)
