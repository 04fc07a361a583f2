"""A plan's keys named in the reader's language: a plan accepts `møter`/`møte` beside
`meetings`, so a problem that names a key the plan lacks, or the keys it may have, names
them as a bokmål or nynorsk user writes them; JSON keeps the English name."""

from __future__ import annotations

from dataclasses import dataclass

# how each language writes a plan's key (every one accepted by `plans.NORWEGIAN_KEYS`);
# a key not named here is written in English in every language
SPELLED: dict[str, dict[str, str]] = {
    "nb": {"meetings": "møter", "name": "navn", "scheme": "ordning", "document": "dokument",
           "quote": "sitat", "reminders": "påminnelser",
           "representatives": "brukerrepresentanter", "activity": "aktivitet",
           "hours": "timer", "attendance": "oppmøte", "date": "dato", "count": "antall",
           "travel": "reise", "text": "tekst"},
    "nn": {"meetings": "møte", "name": "namn", "scheme": "ordning", "document": "dokument",
           "quote": "sitat", "reminders": "påminningar",
           "representatives": "brukarrepresentantar", "activity": "aktivitet",
           "hours": "timar", "attendance": "oppmøte", "date": "dato", "count": "tal",
           "travel": "reise", "text": "tekst"},
}


def spelled(name: str, lang: str) -> str:
    return SPELLED.get(lang, {}).get(name, name)


@dataclass(frozen=True, slots=True)
class Keys:
    """One key (`Keys(("meetings",))`) or a list of them, as a problem's value."""

    names: tuple[str, ...]

    def say(self, lang: str) -> str:
        return ", ".join(spelled(name, lang) for name in self.names)

    def as_json(self) -> str:
        return ", ".join(self.names)
