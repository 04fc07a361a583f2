"""JSON shapes of SPEC §3: stable English keys, amounts as strings with two decimals."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..domain import Calculation, Finding, TravelParts
from ..money import to_øre
from . import messages


def amount(value: Decimal | None) -> str | None:
    return None if value is None else str(to_øre(value))


def finding_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """A finding's values as a program reads them: amounts (`*_kr`) as the claims' amounts
    are ("1960.00"), other numbers as exact decimal texts, dates ISO, a table's text in
    every language, nested values likewise."""
    return {str(name): amount(Decimal(value)) if str(name).endswith("_kr") and _is_amount(value)
            else _param(value) for name, value in params.items()
            # a reason kept by its key is given by it, not by its English line
            if not (name == "why" and "why_key" in params)}


def _is_amount(value: Any) -> bool:
    return isinstance(value, Decimal | int) and not isinstance(value, bool)


def _param(value: Any) -> Any:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return finding_params(value)
    if isinstance(value, list | tuple):
        return [_param(each) for each in value]
    if hasattr(value, "in_lang"):  # a table's own text (`LocalText`)
        return {lang: value.in_lang(lang) for lang in ("nb", "nn", "en")}
    return str(value)  # a Decimal as it is held: '1960.00', '2.5'


def finding(f: Finding, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {"code": f.code, "severity": str(f.severity),
                           "message": messages.finding_text(f, lang),
                           "params": finding_params(f.params)}
    if f.row is not None:
        out["row"] = f.row
    if f.column is not None:
        out["column"] = f.column
    if f.file is not None:
        out["file"] = f.file
    return out


def travel_parts(parts: TravelParts | None) -> dict[str, str | None] | None:
    if parts is None:
        return None
    return {"km": amount(parts.km), "passenger": amount(parts.passenger),
            "kost": amount(parts.kost), "night": amount(parts.night),
            "expenses": amount(parts.expenses)}


def calculation(calc: Calculation, lang: str, *, travel: bool = False) -> dict[str, Any]:
    """A calculation; `travel` adds "travel" and "travel_parts" (null where undecided)."""
    travelled = {"travel": amount(calc.travel), "travel_parts": travel_parts(calc.travel_parts)
                 } if travel else {}
    return {
        "scheme": calc.scheme,
        "version": calc.version,
        "honorarium": amount(calc.honorarium),
        "lost_income": amount(calc.lost_income),
        "gift": amount(calc.gift),
        **travelled,
        "total": amount(calc.total),
        "findings": [finding(f, lang) for f in calc.findings],
        "steps": [
            {"text": messages.text(s.key, s.params, lang),
             "amount": amount(s.amount),
             "source": messages.source_text(s.source, lang) or None}
            for s in calc.steps
        ],
    }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
