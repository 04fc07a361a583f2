"""Yes/no, attendance and activity, in the words people use for them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..problem import ValueProblem, said

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


