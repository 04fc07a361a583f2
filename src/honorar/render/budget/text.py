"""The words of a budget that both its table and its JSON use: names, notes, reminders."""

from __future__ import annotations

from collections.abc import Mapping

from ...budget.estimate import Note
from ...budget.plans import Plan, PlannedMeeting, Reminder, local
from ...domain import Source
from .. import messages


def note_text(note: Note, lang: str) -> str:
    # a plan's own texts come in several languages; pick one before the template sees them
    params = {name: local(value, lang) if isinstance(value, Mapping) else value
              for name, value in note.params.items()}
    return messages.text(note.key, params, lang)


def meeting_name(meeting: PlannedMeeting, lang: str) -> str:
    """The plan's name for the meeting, else its activity; '(2/3)' for a repeated one."""
    name = local(meeting.name, lang)
    if name is None:
        name = messages.ACTIVITY_LABELS[lang].get(meeting.activity, meeting.activity)
        name = name[:1].upper() + name[1:]
    if meeting.count > 1:
        name += f" ({meeting.occurrence}/{meeting.count})"
    return name


def plan_name(plan: Plan, lang: str) -> str | None:
    return local(plan.name, lang)


def plan_source(plan: Plan, quote: str | None) -> Source | None:
    """A quote of the plan as a citation of the plan's document (or, lacking one, its file)."""
    if not quote:
        return None
    document = plan.document.short if plan.document else plan.file
    return Source(document, quote)


def reminder_text(reminder: Reminder, lang: str) -> str:
    return local(reminder.text, lang) or ""
