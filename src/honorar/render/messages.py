"""What steps, findings and table sources say, in the reader's language.

The engine and the checks name a message by key and give its values; `i18n.wording` turns
them into words from the catalogues, so that a calculation is the same whatever language it
is read in. Here are the words that know a finding or a table: a finding's message, a
source's quote or assumption, a table file's problem and a stray table file.
"""

from __future__ import annotations

from ..i18n.wording import (
    ACTIVITY_LABELS,
    ATTENDANCE_LABELS,
    COUNTED,
    DIRECTION_LABELS,
    MEAL_LABELS,
    MISSING_LABELS,
    SUPPLEMENT_LABELS,
    TEMPLATES,
    TRAVEL_PART_LABELS,
    VEHICLE_LABELS,
    count_of,
    counted_key,
    label,
    text,
)
from ..tables.schema import local

# the words of every report, named here as before they moved down to `i18n.wording`
__all__ = [
    "ACTIVITY_LABELS",
    "ATTENDANCE_LABELS",
    "COUNTED",
    "DIRECTION_LABELS",
    "FINDING_KEYS",
    "MEAL_LABELS",
    "MISSING_LABELS",
    "SUPPLEMENT_LABELS",
    "TEMPLATES",
    "TRAVEL_PART_LABELS",
    "VEHICLE_LABELS",
    "count_of",
    "counted_key",
    "finding_text",
    "label",
    "problem_line",
    "source_text",
    "stray_table_warnings",
    "text",
]

# A finding whose message key is its code but whose step shares the name.
FINDING_KEYS = {"no_agreement": "no_agreement_finding",
                "duration_missing": "duration_missing_finding",
                "activity_not_in_table": "activity_not_in_table_finding",
                "travel_expenses_undocumented": "travel_expenses_undocumented_finding"}


def finding_text(finding, lang: str) -> str:
    key = finding.key or FINDING_KEYS.get(finding.code, finding.code)
    return text(key, finding.params, lang)


def source_text(source, lang: str) -> str:
    """'UNN veileder: «Møter timesats  Kr. 392,-»', or the assumption and its reason."""
    if source is None:
        return ""
    if source.assumption:
        return text("assumption", {"assumption": source.assumption, "reason": source.reason},
                    lang)
    return f"{local(source.document, lang)}: «{source.quote}»"


def problem_line(problem, lang: str, *, placed: bool = True) -> str:
    """A `yamldoc.Problem` as 'file:line:column: message', the message in `lang` (from its
    key and values; a problem made without one says its line as it is)."""
    words = problem.said.say(lang) if problem.said is not None else problem.message
    return f"{problem.where()}: {words}" if placed else words


def stray_table_warnings(strays, lang: str) -> list[str]:
    """'advarsel: DIR/unm/2024.yaml brukes ikke: …', one line for each stray table file
    (`tables.StrayTable`)."""
    word = TEMPLATES["warning_word"][lang]
    lines = []
    for stray in strays:
        loose = stray.path.parent == stray.folder.parent
        params = {"file": str(stray.path), "scheme": stray.scheme,
                  "name": stray.path.parent.name, "folder": f"{stray.folder}/"}
        key = "stray_table_loose" if loose else "stray_table_folder"
        lines.append(f"{word}: {text(key, params, lang)}")
    return lines
