"""The schema of a rate table: what a table file may say, checked as it is read.

Rate tables are pydantic models: they are read rarely, from files people write by hand,
and every mistake in them must be reported with its place. The values the rules make
(meetings, calculations, findings) are in `honorar.domain`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from ..domain import DEFAULT_SEVERITY, Attendance, Severity
from ..parsing import AMOUNT_LIMIT, HOURS_LIMIT
from ..problem import Said, ValueProblem, said

IDENTIFIER = r"^[a-z][a-z0-9_]*$"
REGULATION = r"^[a-z][a-z0-9_-]*$"  # a travel regulation's name: state-travel
SCHEME = REGULATION  # a scheme's name: unn, neuro-sysmed


# A stated duration over this many hours is `implausible_duration` (SPEC §1, "for every
# scheme"), unless a table states its own limit (`implausible_over`).
DEFAULT_IMPLAUSIBLE_HOURS = Decimal(12)

# --------------------------------------------------------------------------- table texts

LANGUAGES = ("nb", "nn", "en")


class LocalText:
    """A text of a table in bokmål, nynorsk and English.

    A table writes it `{nb: "…", nn: "…", en: "…"}`, or as one plain text that is shown as
    it is in every language. A text without `nn` is shown in bokmål to a nynorsk reader; one
    without `nb` takes nynorsk, then English. Which language to show is the renderer's
    choice: `local(text, lang)`.

    A plain class that gives pydantic its validator and serializer itself: as a dataclass
    it made pydantic build a schema for the class and for its serialized form in every
    field that holds one, which a table read from the cache pays for on every start.
    """

    __slots__ = ("en", "nb", "nn")
    nb: str
    en: str
    nn: str | None  # None: the table gives no nynorsk, and bokmål stands for it

    def __init__(self, nb: str, en: str, nn: str | None = None) -> None:
        object.__setattr__(self, "nb", nb)
        object.__setattr__(self, "en", en)
        object.__setattr__(self, "nn", nn)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a LocalText cannot be changed ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a LocalText cannot be changed ({name})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LocalText):
            return NotImplemented
        # a text without nynorsk says nothing about it: a user's copy of a shipped table
        # without its `nn` texts differs from it only where bokmål or English do
        return (self.nb, self.en) == (other.nb, other.en) and \
            (self.nn is None or other.nn is None or self.nn == other.nn)

    def __hash__(self) -> int:
        return hash((self.nb, self.en))

    def __repr__(self) -> str:
        return f"LocalText(nb={self.nb!r}, en={self.en!r}, nn={self.nn!r})"

    def __reduce__(self) -> tuple[type[LocalText], tuple[str, str, str | None]]:
        return LocalText, (self.nb, self.en, self.nn)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: object, handler: object) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _read_local_text,
            serialization=core_schema.plain_serializer_function_ser_schema(_write_local_text))

    def in_lang(self, lang: str) -> str:
        if lang == "en":
            return self.en
        return self.nn if lang == "nn" and self.nn is not None else self.nb

    def __str__(self) -> str:  # where no language is chosen, the default one
        return self.nb

    def __bool__(self) -> bool:
        return bool(self.nb or self.en or self.nn)


def local(text: LocalText | str | None, lang: str) -> str | None:
    """`text` in `lang`; a plain string (or None) as it is."""
    return text.in_lang(lang) if isinstance(text, LocalText) else text


def _read_local_text(value: object) -> LocalText:
    if isinstance(value, LocalText):
        return value
    if isinstance(value, str):
        return LocalText(value, value)
    if isinstance(value, dict) and value and set(value) <= set(LANGUAGES) \
            and all(isinstance(v, str) for v in value.values()):
        nb, nn, en = value.get("nb"), value.get("nn"), value.get("en")
        nb = next(t for t in (nb, nn, en) if t is not None)
        return LocalText(nb, en if en is not None else nb, nn)
    raise PydanticCustomError("local_text", "give a text, or a text per language",
                              {"said": said("table.local_text")})


def _write_local_text(text: LocalText) -> str | dict[str, str]:
    if text.nb == text.en and text.nn in (None, text.nb):
        return text.nb
    written = {"nb": text.nb, "nn": text.nn, "en": text.en}
    if text.nn is None:
        del written["nn"]
    return written


# A free text of a table: one text for every language, or {nb: …, nn: …, en: …}.
Text = LocalText


# --------------------------------------------------------------------------- rate tables


def problem_at(message: Said, *at: str | int) -> PydanticCustomError:
    """A model's validation error that names the part of the model at fault.

    A model validator can only fail the whole model; `at` (kept in the error's context)
    lets the table loader point at the line of the part instead, and `said` says it.
    """
    return PydanticCustomError("value_error", str(message).replace("{", "(").replace("}", ")"),
                               {"at": at, "said": message})


class _Strict(BaseModel):
    # A table that comes from the cache is never validated: build the validators only
    # when a table is read from its file.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Cited(_Strict):
    """Where a value comes from: a quote of the source line, or an assumption and why."""

    # a quote is the source's own words, in the source's language: never translated
    quote: str | None = None
    assumption: Text | None = None
    reason: Text | None = None

    @model_validator(mode="after")
    def _quoted_or_assumed(self) -> Cited:
        if not self.quote and not self.assumption:
            raise ValueProblem(said("table.needs_quote"))
        if self.assumption and not self.reason:
            raise ValueProblem(said("table.needs_reason"))
        return self


def _two_decimals(value: Decimal) -> Decimal:
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueProblem(said("table.amount_decimals"))
    if value > AMOUNT_LIMIT:
        raise ValueProblem(said("table.amount_limit", limit=f"{AMOUNT_LIMIT:,.0f}".replace(",", " ")))
    return value


# an amount a table states: not below 0, to the øre, within the limit any amount has
Kroner = Annotated[Decimal, Field(ge=0, allow_inf_nan=False), AfterValidator(_two_decimals)]


class Amount(Cited):
    kr: Kroner


class Cap(Cited):
    """An upper limit; `kr: null` states, with its source, that there is none."""

    kr: Kroner | None


class Hours(Cited):
    hours: Annotated[Decimal, Field(gt=0, le=HOURS_LIMIT, allow_inf_nan=False)]


class Flag(Cited):
    value: bool


class Rounding(Cited):
    step_hours: Annotated[Decimal, Field(gt=0, le=HOURS_LIMIT, allow_inf_nan=False)]
    direction: Literal["up", "nearest", "down"] = "up"


class WithoutDuration(Cited):
    """What a duration-priced activity pays when no duration is given."""

    tier: Literal["first", "last"]


class FlatRule(_Strict):
    rule: Literal["flat"]
    amount: Amount


class HourlyRule(_Strict):
    rule: Literal["hourly"]
    rate: Amount
    rounding: Rounding | None = None
    minimum: Hours | None = None  # the fewest hours paid, after rounding
    cap: Cap | None = None


class Tier(_Strict):
    up_to_hours: Hours | None = None  # inclusive; the last tier has none
    amount: Amount


class TieredRule(_Strict):
    rule: Literal["tiered"]
    tiers: Annotated[tuple[Tier, ...], Field(min_length=1)]
    without_duration: WithoutDuration | None = None

    @model_validator(mode="after")
    def _ordered(self) -> TieredRule:
        *bounded, last = self.tiers
        if last.up_to_hours is not None:
            raise problem_at(said("table.last_tier_bounded"), "tiers", len(bounded), "up_to_hours")
        for i, tier in enumerate(bounded):
            if tier.up_to_hours is None:
                raise problem_at(said("table.tier_unbounded"), "tiers", i)
        limits = [t.up_to_hours.hours for t in bounded]  # type: ignore[union-attr]
        for i, (a, b) in enumerate(pairwise(limits), 1):
            if a >= b:
                raise problem_at(said("table.tiers_increase"), "tiers", i, "up_to_hours")
        amounts = [t.amount.kr for t in self.tiers]
        for i, (a, b) in enumerate(pairwise(amounts), 1):
            if a > b:
                raise problem_at(said("table.tier_amounts_fall"), "tiers", i, "amount")
        return self


class GiftOnlyRule(Cited):
    """No honorarium; the activity is rewarded by a gift under the table's gift rule."""

    rule: Literal["gift_only"]


PriceRule = Annotated[
    FlatRule | HourlyRule | TieredRule | GiftOnlyRule, Field(discriminator="rule")
]


class AtLeast(Hours):
    """The shortest stated duration the activity can have; a shorter one is priced as the
    activity `otherwise` of that duration (a full day shorter than a full day's hours is a
    meeting)."""

    otherwise: Annotated[str, Field(pattern=IDENTIFIER)]


class ActivityRules(_Strict):
    """How one activity is paid: per attendance, or the same for `any` attendance."""

    at_least: AtLeast | None = None
    physical: PriceRule | None = None
    remote: PriceRule | None = None
    any: PriceRule | None = None

    @model_validator(mode="after")
    def _some_rule(self) -> ActivityRules:
        if self.any is not None and (self.physical or self.remote):
            raise ValueProblem(said("table.any_alone"))
        if self.any is None and self.physical is None and self.remote is None:
            raise ValueProblem(said("table.needs_attendance_rule"))
        return self

    def for_attendance(self, attendance: Attendance) -> PriceRule | None:
        if self.any is not None:
            return self.any
        return self.physical if attendance == Attendance.PHYSICAL else self.remote


class Document(_Strict):
    title: Text
    short: Text
    file: str | None = None
    validity: Text | None = None
    note: Text | None = None


class LostIncomeRule(_Strict):
    documentation_required: Flag
    cap: Cap
    # the cap is per representative per day: claims of one person on one date share it
    cap_per_day: Flag | None = None


class GiftRule(_Strict):
    activities: tuple[Annotated[str, Field(pattern=IDENTIFIER)], ...]
    cap: Amount


class AgreementRule(Cited):
    required: bool


class ClaimAgeRule(Cited):
    months: Annotated[int, Field(gt=0, le=1200)]  # a century: past it, a slip of the keyboard


class RepresentativesRule(Cited):
    minimum: Annotated[int, Field(gt=0)]
    # the activities the recommendation is about (a working group's meetings and full
    # days); None: every activity
    activities: tuple[str, ...] | None = None


class TravelRef(Cited):
    """The travel rules a scheme pays by: the name of a travel table folder."""

    table: Annotated[str, Field(pattern=REGULATION)]
class ReviewAfter(Cited):
    """The date after which the table's rates may no longer be the ones in force."""

    date: dt.date


class RateTable(_Strict):
    scheme: Annotated[str, Field(pattern=SCHEME)]
    name: Text
    effective: dt.date
    document: Document
    activities: dict[Annotated[str, Field(pattern=IDENTIFIER)], ActivityRules]
    not_payable: dict[Annotated[str, Field(pattern=IDENTIFIER)], Cited] = Field(
        default_factory=dict
    )
    attendance: Cited | None = None
    agreement: AgreementRule | None = None
    lost_income: LostIncomeRule
    gift: GiftRule | None = None
    claim_age: ClaimAgeRule | None = None
    representatives: RepresentativesRule | None = None
    travel: TravelRef | None = None
    implausible_over: Hours | None = None  # default: DEFAULT_IMPLAUSIBLE_HOURS
    review_after: ReviewAfter | None = None
    severities: dict[str, Severity] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> RateTable:
        both = sorted(set(self.activities) & set(self.not_payable))
        if both:
            raise problem_at(said("table.paid_and_not_payable", activities=", ".join(both)),
                             "not_payable", both[0])
        unknown = sorted(set(self.severities) - set(DEFAULT_SEVERITY))
        if unknown:
            raise problem_at(said("table.unknown_severities", codes=", ".join(unknown)),
                             "severities", unknown[0])
        for activity, rules in self.activities.items():
            at_least = rules.at_least
            if at_least is None:
                continue
            other = self.activities.get(at_least.otherwise)
            if other is None or at_least.otherwise == activity or other.at_least is not None:
                raise problem_at(said("table.bad_otherwise", name=at_least.otherwise),
                                 "activities", activity, "at_least", "otherwise")
        if self.gift is not None:
            stray = sorted(set(self.gift.activities) - set(self.activities))
            if stray:
                raise problem_at(said("table.gift_not_paid", activities=", ".join(stray)),
                                 "gift", "activities")
        return self

    def __hash__(self) -> int:
        # equal tables (pydantic's equality: every field) have one scheme and version;
        # a run's memos know its tables by value
        return hash((self.scheme, self.effective))

    @property
    def version(self) -> str:
        return self.effective.isoformat()

    @property
    def label(self) -> str:
        return f"{self.scheme}@{self.version}"

    @property
    def implausible_hours(self) -> Decimal:
        """Stated durations over this are implausible."""
        over = self.implausible_over
        return DEFAULT_IMPLAUSIBLE_HOURS if over is None else over.hours

    def severity(self, code: str) -> Severity:
        return self.severities.get(code, DEFAULT_SEVERITY[code])
