"""What steps and findings say, in the reader's language.

The engine and the checks name a message by key and give its values; the words live in the
catalogues (`honorar.i18n`, one per language), so that a calculation is the same whatever
language it is read in. A value's name says how it is written: `*_kr` is money, `hours` and
`*_hours` are hours, `date`, `effective` and `*_date` are dates, `activity` and
`attendance` are shown by their label (`label.<kind>.<value>` in the catalogue).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from decimal import Decimal

from .. import i18n
from ..tables.schema import LocalText, local
from . import locale


class _Labels:
    """A kind's labels by language: `ACTIVITY_LABELS["nn"]["meeting"]` is "møte"."""

    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __getitem__(self, lang: str) -> dict[str, str]:
        return i18n.section(f"label.{self.kind}", lang)


ACTIVITY_LABELS = _Labels("activity")
ATTENDANCE_LABELS = _Labels("attendance")
VEHICLE_LABELS = _Labels("vehicle")
TRAVEL_PART_LABELS = _Labels("travel_part")
MEAL_LABELS = _Labels("meal")
MISSING_LABELS = _Labels("missing")
SUPPLEMENT_LABELS = _Labels("supplement")
DIRECTION_LABELS = _Labels("direction")


class _Templates(Mapping):
    """The messages by key, as they were kept before the catalogues:
    `TEMPLATES[key][lang]` is the unfilled words (for a counted message, its many-form)."""

    def __getitem__(self, key: str) -> Mapping[str, str]:
        if not i18n.has(key, i18n.DEFAULT):
            raise KeyError(key)
        return {lang: i18n.template(key, lang) for lang in i18n.LANGUAGES}

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and i18n.has(key, i18n.DEFAULT)

    def __iter__(self) -> Iterator[str]:
        for key in i18n._catalogue(i18n.DEFAULT)["messages"]:
            name = key[0] if isinstance(key, tuple) else key
            if name and (not isinstance(key, tuple) or key[1] == 0):
                yield name

    def __len__(self) -> int:
        return sum(1 for _ in self)


TEMPLATES = _Templates()

# A finding whose message key is its code but whose step shares the name.
FINDING_KEYS = {"no_agreement": "no_agreement_finding",
                "duration_missing": "duration_missing_finding",
                "activity_not_in_table": "activity_not_in_table_finding",
                "travel_expenses_undocumented": "travel_expenses_undocumented_finding"}

# the names whose value is a word to translate, with their labels; any other text is shown
# as it is
_WORD_LABELS = {"activity": "activity", "otherwise": "activity", "attendance": "attendance",
                "part": "travel_part", "vehicle": "vehicle", "meal": "meal",
                "direction": "direction", "missing": "missing", "supplement": "supplement",
                "regulation": "regulation"}


def label(kind: str, value: object, lang: str) -> str:
    """A table's or a claim's value in words ("meeting" → "møte"), or as it is written."""
    return i18n.section(f"label.{kind}", lang).get(str(value), str(value))


def _value(name: str, value: object, lang: str) -> str:
    # the usual kinds first: a file's findings word millions of names, dates and counts
    kind = type(value)
    if kind is str and name not in _WORD_LABELS:
        return value  # type: ignore[return-value]
    if kind is dt.date:
        return locale.date(value, lang)  # type: ignore[arg-type]
    if kind is int and not name.endswith("_kr"):
        return locale.number(value, lang)  # type: ignore[arg-type]
    if value is None:
        return "" if name == "explained" else "–"
    if isinstance(value, LocalText):
        return value.in_lang(lang)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        if name.endswith("_kr"):
            return locale.money(Decimal(value), lang)
        return locale.number(value, lang)
    if isinstance(value, dt.date):
        return locale.date(value, lang)
    labels = _WORD_LABELS.get(name)
    if labels is not None:
        return label(labels, value, lang)
    if name == "parts" and isinstance(value, Mapping):  # travel due, part by part
        return text("travel_parts_text", value, lang)
    if name == "explained":  # a reason of its own: message parts (key, params), or None
        return "".join(text(key, values, lang) for key, values in value)  # type: ignore[attr-defined]
    if name == "meals" and isinstance(value, tuple):
        return ", ".join(label("meal", v, lang) for v in value)
    return str(value)


# A message that counts says "1 brukerrepresentant" and "2 brukerrepresentanter": it is a
# plural entry of the catalogue, and the value named here picks its form.
COUNTED = {
    "too_few_representatives": "count",
    "too_few_representatives_planned": "count",
    "budget_representatives_rule": "minimum",
    "travel_night": "nights",
    "kost_breakfast_not_deducted": "nights",
    "unreadable_rows_not_in_totals": "count",
    "ledger_not_recorded_invalid": "count",
    "hourly": "hours",
}


def counted_key(key: str, params: Mapping[str, object]) -> str:
    """`key`: a counted message is one plural entry, its form picked by `count_of`."""
    return key


def count_of(key: str, params: Mapping[str, object]) -> int | None:
    """The number that picks a counted message's form (1 for "one", 2 for any other)."""
    name = COUNTED.get(key)
    if name is None:
        return None
    return 1 if params.get(name) == 1 else 2


def text(key: str, params: Mapping[str, object], lang: str) -> str:
    template = i18n.template(key, lang, count_of(key, params))
    values = {name: _value(name, value, lang) for name, value in params.items()}
    if "regulation" in params:  # named in words in a sentence; by its folder in a heading
        values["regulation_id"] = str(params["regulation"])
    rendered = template.format_map(_Missing(values))
    if template.startswith("{activity}"):  # a label opens the sentence; names and paths never
        return rendered[:1].upper() + rendered[1:]
    return rendered


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


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# ------------------------------------------------------------------- problems in bokmål
#
# Usage errors, problems in table, plan and mapping files, and the environment's failures
# are written in English where they are found (in the library, by click and pydantic, by
# PyYAML, by the operating system), and reach the user as one line. In bokmål they are
# said phrase by phrase: each pattern below turns one English phrase into its bokmål,
# keeping the values (file names, options, quoted text) as they are. A phrase with no
# pattern stays English.

_V = r"(?P<v>'[^']*'|\S+)"  # a quoted or bare value
PROBLEM_PHRASES: tuple[tuple[str, str], ...] = (
    # ---- the command line (click's own errors, as honorar.cli.usage words them)
    (r"\bno such option: (?P<o>\S+) \(did you mean (?P<p>[^)]*)\?\)",
     r"ukjent valg: \g<o> (mente du \g<p>?)"),
    (r"\bno such option: ", "ukjent valg: "),
    (r"\bmissing option ", "mangler valget "),
    (r"\bmissing argument ", "mangler argumentet "),
    (r"\bmissing parameter ", "mangler "),
    (r"(?P<o>--[\w-]+) needs a value\b", r"\g<o> trenger en verdi"),
    (r"(?P<o>--[\w-]+) needs (?P<n>\d+) values\b", r"\g<o> trenger \g<n> verdier"),
    (r"\bno such command ", "ukjent kommando "),
    (r"\bunexpected extra arguments: ", "uventede argumenter: "),
    (r"\bis not a whole number\b", "er ikke et heltall"),
    (r"\bis not a number of hours\b", "er ikke et antall timer"),
    (r"\bis not a number\b", "er ikke et tall"),
    (r"\bis not one of\b", "er ikke en av"),
    (r"^interrupted$", "avbrutt"),
    (r"^aborted$", "avbrutt"),
    # ---- options
    (r"\bgive either --hours or --start and --end, not both\b",
     "gi enten --hours eller --start og --end, ikke begge"),
    (r"--start and --end go together\b", "--start og --end hører sammen"),
    (r"\bmust be 0 or more\b", "må være 0 eller mer"),
    (r"(?P<o>--[\w-]+) goes with --impact\b", r"\g<o> brukes bare sammen med --impact"),
    (r"\bthe impact compares two versions of one scheme, not (?P<a>'[^']*') and ",
     r"virkningen sammenligner to versjoner av én ordning, ikke \g<a> og "),
    (r"\bcompares two versions of one scheme, not (?P<a>'[^']*') and ",
     r"sammenligner to versjoner av én ordning, ikke \g<a> og "),
    (r" and (?P<o>\S+): a travel table and a fee table cannot be compared$",
     r" og \g<o>: en reisetabell og en satstabell kan ikke sammenlignes"),
    (r"\bno breakdown by (?P<v>'[^']*') \(one of ", r"ingen inndeling etter \g<v> (en av "),
    (r"(?P<n>\d+) representatives; a budget needs at least 1\b",
     r"\g<n> brukerrepresentanter; et budsjett trenger minst 1"),
    (r"\ba budget needs at least one representative\b",
     "et budsjett trenger minst én brukerrepresentant"),
    (r"\bgive a scheme\b", "oppgi en ordning"),
    (r"\bunknown scheme\b", "ukjent ordning"),
    (r"\(known: none\)", "(kjente: ingen)"),
    (r"\(known: ", "(kjente: "),
    (r", and no file ", ", og ingen fil "),
    (r"\bno version of (?P<v>'[^']*') is in force on (?P<d>\S+) \(the first is effective "
     r"(?P<f>[^)]*)\)", r"ingen versjon av \g<v> gjelder \g<d> (den første gjelder fra \g<f>)"),
    (r" is the input file; the input is never overwritten\b",
     " er inndatafilen; den blir aldri overskrevet"),
    (r"\bthe directory (?P<v>'[^']*') does not exist\b", r"mappen \g<v> finnes ikke"),
    (r"\bthe directory (?P<v>\S+) does not exist$", r"mappen \g<v> finnes ikke"),
    (r"(?P<n>\S+) seconds; give a number of seconds, 0 or more$",
     r"\g<n> sekunder; oppgi et antall sekunder, 0 eller mer"),
    (r"\bis not a directory\b", "er ikke en mappe"),
    (r"\bis a directory\b", "er en mappe"),
    (r"\bis not dmy or mdy\b", "er ikke dmy eller mdy"),
    (r"\bis not one character \(or tab\)", "er ikke ett tegn (eller tab)"),
    (r"\bis not one character\b", "er ikke ett tegn"),
    # ---- values as people type them
    (r"\bis more than any claim could be \(over kr ", "er mer enn noe krav kan være (over kr "),
    (r" hours is longer than any meeting could last \(over (?P<n>[\d ]+) hours\)",
     r" timer er lenger enn noe møte kan vare (over \g<n> timer)"),
    (r"\bhas more than two decimals \(øre\)", "har mer enn to desimaler (øre)"),
    (r"\bis not an amount\b", "er ikke et beløp"),
    (r"\bis negative\b", "er negativt"),
    (r"\ba meeting of 0 hours is no meeting\b", "et møte på 0 timer er ikke noe møte"),
    (r"\bis not a real date\b", "er ikke en gyldig dato"),
    (r"\bhas no year\b", "mangler årstall"),
    (r"\bis not a date \(use 2022-03-15 or 15\.03\.2022\)",
     "er ikke en dato (skriv 15.03.2022 eller 2022-03-15)"),
    (r"\bis not a date\b", "er ikke en dato"),
    (r"\bis not a time of day \(use 09:00\)", "er ikke et klokkeslett (skriv 09:00)"),
    (r"\bis not a time of day\b", "er ikke et klokkeslett"),
    (r"\bthe end (?P<e>\S+) is not after the start (?P<s>\S+)",
     r"sluttiden \g<e> er ikke etter starttiden \g<s>"),
    (r"\bis not yes or no \(ja/nei\)", "er ikke ja eller nei"),
    (r"\bis not yes or no\b", "er ikke ja eller nei"),
    (r"\bis not an attendance\b", "er ikke et oppmøte"),
    (r"\bis not an activity name such as\b", "er ikke et aktivitetsnavn som"),
    (r"\bis not an activity\b", "er ikke en aktivitet"),
    (r"\bis not physical or remote\b", "er ikke physical eller remote"),
    (r"\bis not a scheme name such as unn or fousam\b",
     "er ikke et ordningsnavn som unn eller fousam"),
    # ---- rate tables
    (r"^rate table ", "satstabell "),
    (r"\(and (?P<n>\d+) more: run ", r"(og \g<n> til: kjør "),
    (r"\(and (?P<n>\d+) more\)", r"(og \g<n> til)"),
    (r"\bthe file is empty\b", "filen er tom"),
    (r"\bthe first line is longer than (?P<n>\d+) (?P<u>MiB|bytes), too long for a header "
     r"row: is this a claims file\?", r"første linje er lenger enn \g<n> \g<u>, for lang til å "
     r"være en overskriftsrad: er dette en fil med krav?"),
    (r"\bthe file is not (?P<g>\S+) text: read as (?P<d>.+?) it has the header row \(leave "
     r"out --encoding to have it detected\)", r"filen er ikke \g<g>-tekst: lest som \g<d> har den "
     "overskriftsraden (utelat --encoding, så finnes tegnkodingen selv)"),
    (r"\bthe file is not (?P<g>\S+) text \(byte (?P<n>\d+) cannot be read so; leave out "
     r"--encoding to have it detected\)", r"filen er ikke \g<g>-tekst (byte \g<n> kan ikke "
     r"leses slik; utelat --encoding, så finnes tegnkodingen selv)"),
    (r"\bthe file is not (?P<g>\S+) text \(it holds NUL characters; leave out --encoding to "
     r"have it detected\)", r"filen er ikke \g<g>-tekst (den har NUL-tegn; utelat --encoding, "
     r"så finnes tegnkodingen selv)"),
    (r"\ba rate table is a mapping of keys\b", "en satstabell består av nøkler med verdier"),
    (r"\bscheme (?P<a>'[^']*') lies in the folder for (?P<b>'[^']*')",
     r"ordningen \g<a> ligger i mappen for \g<b>"),
    (r"\ba second version of (?P<v>'[^']*') effective (?P<d>\S+) \(also in ",
     r"en versjon til av \g<v> som gjelder fra \g<d> (også i "),
    (r"\bneeds a 'quote' of its source line or an 'assumption'",
     "trenger et sitat av kildelinjen ('quote') eller en antakelse ('assumption')"),
    (r"\ban 'assumption' needs a 'reason'", "en antakelse ('assumption') trenger en "
                                            "begrunnelse ('reason')"),
    (r"\ban amount has at most two decimals \(øre\)", "et beløp har høyst to desimaler (øre)"),
    (r"\bthe last tier has no 'up_to_hours': it covers everything above",
     "siste trinn har ingen 'up_to_hours': det dekker alt over"),
    (r"\bevery tier but the last needs 'up_to_hours'",
     "hvert trinn unntatt det siste trenger 'up_to_hours'"),
    (r"\btier limits must increase\b", "grensene for trinnene må øke"),
    (r"\ba longer meeting must not pay less: tier amounts must not fall",
     "et lengre møte kan ikke gi mindre: beløpene for trinnene kan ikke synke"),
    (r"\bgive 'any' alone, or 'physical' and/or 'remote'",
     "oppgi 'any' alene, eller 'physical' og/eller 'remote'"),
    (r"\bneeds a rule for 'physical', 'remote' or 'any' attendance",
     "trenger en regel for oppmøte 'physical', 'remote' eller 'any'"),
    (r"\bactivities both paid and never payable: ",
     "aktiviteter som både betales og aldri betales: "),
    (r"\bseverities for unknown finding codes: ", "alvorlighet for ukjente funnkoder: "),
    (r"\bgift for activities the table does not pay: ",
     "gave for aktiviteter tabellen ikke betaler: "),
    (r"\bgive a text, or a text per language: ", "oppgi en tekst, eller en tekst per språk: "),
    (r"\bgive a text, or texts by language: ", "oppgi en tekst, eller tekster per språk: "),
    (r" \(a decimal comma\? write (?P<v>\S+), with a point: the comma ends the value in "
     r"\{…\}\)", r" (desimalkomma? skriv \g<v>, med punktum: kommaet avslutter verdien i {…})"),
    (r" \(a decimal comma\? write (?P<v>\S+), with a point\)",
     r" (desimalkomma? skriv \g<v>, med punktum)"),
    # pydantic's words for what a value should be
    (r"\bField required\b", "mangler"),
    (r"\bExtra inputs are not permitted\b", "ukjent nøkkel"),
    (r"\bInput should be a valid decimal\b", "må være et tall"),
    (r"\bInput should be a valid integer(?:, [^;]*)?", "må være et heltall"),
    (r"\bInput should be a valid number(?:, [^;]*)?", "må være et tall"),
    (r"\bInput should be a finite number\b", "må være et endelig tall"),
    (r"\bInput should be greater than or equal to (?P<n>\S+)", r"må være minst \g<n>"),
    (r"\bInput should be greater than (?P<n>\S+)", r"må være større enn \g<n>"),
    (r"\bInput should be a valid date(?: or datetime)?(?:, [^;]*)?",
     "må være en dato (ÅÅÅÅ-MM-DD)"),
    (r"\bInput should be a valid string\b", "må være en tekst"),
    (r"\bInput should be a valid boolean(?:, [^;]*)?", "må være true eller false"),
    (r"\bInput should be a valid dictionary(?: or instance of \w+)?",
     "må være nøkler med verdier"),
    (r"\bInput should be a valid (?:list|tuple|array)\b", "må være en liste"),
    (r"\bInput should be (?P<a>'[^']*')(?P<b>(?:, '[^']*')*) or (?P<c>'[^']*')",
     r"må være \g<a>\g<b> eller \g<c>"),
    (r"\bInput should be (?P<a>'[^']*')", r"må være \g<a>"),
    (r"\bInput tag (?P<v>'[^']*') found using 'rule' does not match any of the expected "
     r"tags: ", r"regelen \g<v> er ukjent; kjente regler: "),
    (r"\bUnable to extract tag using discriminator 'rule'", "mangler 'rule'"),
    (r"\b(?:List|Tuple) should have at least (?P<n>\d+) items? after validation, not \d+",
     r"må ha minst \g<n>"),
    (r"\bString should match pattern '\^\[a-z\]\[a-z0-9_\]\*\$'",
     "må være et navn av små bokstaver a–z, sifre og _, som begynner med en bokstav"),
    (r"\bDecimal input should be an integer or string\b", "må være et tall"),
    # ---- YAML
    (r"\bwhile scanning a quoted scalar\b", "i en tekst i anførselstegn:"),
    (r"\bwhile parsing a quoted scalar\b", "i en tekst i anførselstegn:"),
    (r"\bwhile scanning for the next token\b", "i filen:"),
    (r"\bfound unknown escape character\b", "ukjent escape-tegn"),
    (r"\bunacceptable character (?P<c>#x[0-9a-fA-F]+): ", r"tegnet \g<c> kan ikke stå i filen: "),
    (r'\s*in "<unicode string>", position \d+', ""),
    (r"\bwhile scanning a simple key\b", "i en nøkkel:"),
    (r"\bwhile scanning a (?:plain scalar|block scalar)\b", "i en verdi:"),
    (r"\bwhile parsing a block mapping\b", "i en blokk med nøkler:"),
    (r"\bwhile parsing a flow mapping\b", "i en {…}:"),
    (r"\bwhile parsing a (?:block collection|flow sequence)\b", "i en liste:"),
    (r"\bwhile parsing a (?:block|flow) node\b", "i en verdi:"),
    (r"\bwhile scanning an? (?:alias|anchor)\b", "i et alias eller anker:"),
    (r"\bfound unexpected end of stream\b", "filen slutter før det er lukket"),
    (r"\bmapping values are not allowed here\b", "et kolon med verdi kan ikke stå her"),
    (r"\bcould not find expected ':'", "fant ikke ':' der den skulle stå"),
    (r"\bexpected <block end>, but found (?P<v>'[^']*')",
     r"innrykket stemmer ikke (fant \g<v>)"),
    (r"\bexpected ',' or '\}', but got (?P<v>'[^']*')", r"ventet ',' eller '}', fant \g<v>"),
    (r"\bdid not find expected (?P<a>'[^']*') or (?P<b>'[^']*')",
     r"fant ikke \g<a> eller \g<b> der den skulle stå"),
    (r"\bdid not find expected (?P<a>'[^']*'|<[^>]*>)", r"fant ikke \g<a> der den skulle stå"),
    (r"\bexpected (?P<a><[^>]*>|'[^']*'), but found (?P<b><[^>]*>|'[^']*')",
     r"ventet \g<a>, fant \g<b>"),
    (r"\bexpected ',' or '\]', but got (?P<v>'[^']*')", r"ventet ',' eller ']', fant \g<v>"),
    (r"\bfound character (?P<v>'[^']*') that cannot start any token\b",
     r"tegnet \g<v> kan ikke stå her"),
    (r"\bfound undefined alias (?P<v>'[^']*')", r"aliaset \g<v> er ikke definert"),
    (r"\bfound duplicate anchor (?P<v>'[^']*')", r"ankeret \g<v> er definert to ganger"),
    (r"\bfound unknown escape character (?P<v>'[^']*')", r"ukjent escape-tegn \g<v>"),
    (r"\(begun at line (?P<l>\d+), column (?P<c>\d+)\)",
     r"(begynt på linje \g<l>, kolonne \g<c>)"),
    (r"\bnot valid YAML\b", "ikke gyldig YAML"),
    (r"\bnot UTF-8 text\b", "ikke UTF-8-tekst"),
    # the libraries' own reasons, where honorar quotes them
    (r"\binvalid (?:start|continuation) byte\b", "ugyldig byte"),
    (r"\bunexpected end of data\b", "uventet slutt på dataene"),
    (r"\bCannot detect file format\b", "ukjent filformat"),
    (r"\bfile is not a database\b", "filen er ikke en database"),
    (r"\bnested too deeply\b", "nøstet for dypt"),
    (r"\bwhile increasing flow level exceeded maximum nesting depth\b",
     "{…} og […] er nøstet for dypt"),
    (r"\bwhile increasing indent level exceeded maximum nesting depth\b",
     "innrykkene er nøstet for dypt"),
    (r"\bmapping values are not allowed in this context\b",
     "et kolon med verdi kan ikke stå her"),
    (r"\bblock sequence entries are not allowed in this context\b",
     "et listepunkt (-) kan ikke stå her"),
    (r"\bfound a tab character that violates indentation\b",
     "et tabulatortegn bryter innrykket (bruk mellomrom)"),
    (r"\bfound character that cannot start any token\b", "tegnet kan ikke stå her"),
    (r"\bdid not find expected key\b", "fant ikke en nøkkel der den skulle stå"),
    (r"\bdid not find expected node content\b", "fant ikke en verdi der den skulle stå"),
    (r"\bdid not find expected alphabetic or numeric character\b",
     "fant ikke en bokstav eller et siffer der det skulle stå"),
    (r"\bcontrol characters are not allowed\b", "kontrolltegn er ikke tillatt"),
    (r"\bfound undefined alias\b", "aliaset er ikke definert"),
    (r"\bfound duplicate anchor\b", "ankeret er definert to ganger"),
    (r"\bwhile parsing a block mapping\b", "i en blokk med nøkler:"),
    (r"\bthe aliases \(\*\) and merges \(<<\) in this file stand for too many values\b",
     "aliasene (*) og flettingene (<<) i filen står for for mange verdier"),
    (r"\bthis anchor's value holds an alias to itself\b",
     "verdien til dette ankeret har et alias til seg selv"),
    (r"\ba key must be a plain word\b", "en nøkkel må være et enkelt ord"),
    (r"\bduplicate key (?P<v>'[^']*')", r"nøkkelen \g<v> står to ganger"),
    (r"'<<' merges only mappings\b", "'<<' fletter bare inn nøkler med verdier"),
    # ---- plans
    (r"^plan ", "plan "),
    (r"\bmeeting (?P<n>\d+): ", r"møte \g<n>: "),
    (r"\breminder (?P<n>\d+): ", r"påminnelse \g<n>: "),
    (r"\brepresentative (?P<n>\d+): ", r"brukerrepresentant \g<n>: "),
    (r"\bunknown key (?P<v>'[^']*')", r"ukjent nøkkel \g<v>"),
    (r"(?P<v>'[^']*') is missing\b", r"\g<v> mangler"),
    (r"\ba plan needs at least one meeting\b", "en plan trenger minst ett møte"),
    (r"\bactivity (?P<v>'[^']*') is not in the rate table (?P<t>\S+) \(it has: ",
     r"aktiviteten \g<v> finnes ikke i satstabellen \g<t> (den har: "),
    (r"\b(?P<n>\d+) meetings; a plan holds at most (?P<m>\d+)",
     r"\g<n> møter; en plan har høyst \g<m>"),
    (r"\ba plan is a list of meetings, or a mapping with 'meetings:'",
     "en plan er en liste over møter, eller nøkler med 'meetings:'"),
    (r"\ba meeting is held at least once\b", "et møte holdes minst én gang"),
    (r"\bgive the number of hours, e\.g\. 2\.5", "oppgi antall timer, f.eks. 2,5"),
    (r"\ba meeting lasts more than 0 hours\b", "et møte varer mer enn 0 timer"),
    # ---- claims files and mappings
    (r"\bunknown encoding (?P<v>'[^']*') \(try utf-8 or cp1252\)",
     r"ukjent tegnkoding \g<v> (prøv utf-8 eller cp1252)"),
    (r"\bis not a text encoding \(try utf-8 or cp1252\)",
     "er ikke en tegnkoding for tekst (prøv utf-8 eller cp1252)"),
    (r"\bcannot be read as (?P<e>[^:]+): ", r"kan ikke leses som \g<e>: "),
    (r"\bis not a text file \(it holds NUL bytes\): give a CSV file or a workbook$",
     "er ikke en tekstfil (den har NUL-tegn): gi en CSV-fil eller en arbeidsbok"),
    (r"\bis not (?P<e>\S+) text\b", r"er ikke \g<e>-tekst"),
    (r"\bno header row with the columns\b", "ingen overskriftsrad med kolonnene"),
    (r"\bno header row\b", "ingen overskriftsrad"),
    (r"\(split on comma\)", "(delt på komma)"),
    (r"\(split on semicolon\)", "(delt på semikolon)"),
    (r"\(split on tab\)", "(delt på tab)"),
    (r"\(split on bar\)", "(delt på |)"),
    (r"\bsplit on\b", "delt på"),
    (r"\bwith the columns\b", "med kolonnene"),
    (r"\(in Norwegian: ", "(på norsk: "),
    (r"\bline (?P<n>\d+)\b", r"linje \g<n>"),
    (r"\brow (?P<n>\d+)\b", r"rad \g<n>"),
    (r"\blacks\b", "mangler"),
    (r"\(use --mapping for other names, or --sheet for another sheet\)",
     "(bruk --mapping for andre navn, eller --sheet for et annet ark)"),
    (r"\(use --mapping for other names; or give --scheme for a sheet of one scheme\)",
     "(bruk --mapping for andre navn, eller --scheme for et ark med én ordning)"),
    (r"\(use --mapping for other names\)", "(bruk --mapping for andre navn)"),
    (r"\bthe columns (?P<a>'[^']*') and (?P<b>'[^']*') both give\b",
     r"kolonnene \g<a> og \g<b> gir begge"),
    (r"\bthe dates are written both day-first\b", "datoene er skrevet både dag først"),
    (r"\bthe dates are written both month-first\b", "datoene er skrevet både måned først"),
    (r"\band month-first\b", "og måned først"),
    (r"\band day-first\b", "og dag først"),
    (r"\bcolumn (?P<v>'[^']*')", r"kolonne \g<v>"),
    (r"\bhas dates such as (?P<v>'[^']*') \((?P<w>[^)]*)\) that read day-first or "
     r"month-first, and no date in the file tells which; give --date-order dmy \(15/03/2023\) "
     r"or --date-order mdy \(03/15/2023\)",
     r"har datoer som \g<v> (\g<w>) som kan leses med dag eller måned først, og ingen dato i "
     r"filen viser hvilken; velg med --date-order dmy (15/03/2023) eller --date-order mdy "
     r"(03/15/2023)"),
    (r"; give --date-order dmy or mdy \(dates that do not fit it become invalid rows\)",
     "; velg med --date-order dmy eller mdy (datoer som ikke passer, blir ugyldige rader)"),
    (r"\bgive --date-order\b", "velg med --date-order"),
    (r"\ba mapping file must be UTF-8 text\b", "en mappingfil må være UTF-8-tekst"),
    (r"\ba mapping file is a set of sections: ", "en mappingfil består av avsnittene: "),
    (r"^mapping ", "mappingfil "),
    (r"\bunknown section (?P<v>'[^']*')", r"ukjent avsnitt \g<v>"),
    (r"\bmaps names onto values, one 'name: value' a line\b",
     "gir navn en verdi, én 'navn: verdi' per linje"),
    (r"\bis not a column \(columns: ", "er ikke en kolonne (kolonner: "),
    (r"\bthe workbook is protected by a password; save a copy without one and audit that\b",
     "arbeidsboken er beskyttet med passord; lagre en kopi uten passord og kontroller den"),
    (r"\bthe workbook has no sheets\b", "arbeidsboken har ingen ark"),
    # the bounds of a workbook (honorar.limits), checked before it is read
    (r"\bis longer than (?P<n>[\d ]+) characters \(the limit for a line\); it is not read$",
     r"er lengre enn \g<n> tegn (grensen for en linje); filen leses ikke"),
    (r"\bthe file is larger than (?P<n>[\d.]+) MiB \(the limit for a YAML file\); it is not "
     r"read$", r"filen er større enn \g<n> MiB (grensen for en YAML-fil); den leses ikke"),
    (r"\bthe workbook file is ", "arbeidsbokfilen er "),
    (r"\bthe workbook is more than ", "arbeidsboken er over "),
    (r"\bthe workbook's archive has (?P<n>[\d ]+) parts\b", r"arbeidsbokens arkiv har \g<n> deler"),
    (r"\bthe workbook's parts declare (?P<v>[\d ]+ MiB) unpacked\b",
     r"arbeidsbokens deler oppgir \g<v> utpakket"),
    (r"\bthe workbook's parts unpack to more than\b", "arbeidsbokens deler pakkes ut til mer enn"),
    (r"\bthe part (?P<p>.+) unpacks to more than the (?P<n>[\d ]+) bytes it declares; the file "
     r"is damaged or made to mislead, and it is not read$",
     r"delen \g<p> pakkes ut til mer enn de \g<n> bytene den oppgir; filen er skadet eller "
     r"laget for å villede, og den leses ikke"),
    (r"\bthe part (?P<p>\S+) holds a text of more than (?P<v>[\d ]+ MiB) without a tag \(a "
     r"cell holds at most 32 767 characters\)",
     r"delen \g<p> har en tekst på over \g<v> uten en tagg (en celle har høyst 32 767 tegn)"),
    (r"\bthe workbook has more than (?P<n>[\d ]+) shared texts\b",
     r"arbeidsboken har flere enn \g<n> delte tekster"),
    (r"\ba row of the spreadsheet is repeated (?P<n>[\d ]+) times\b",
     r"en rad i regnearket gjentas \g<n> ganger"),
    (r"\ba cell of the spreadsheet is repeated (?P<n>[\d ]+) times\b",
     r"en celle i regnearket gjentas \g<n> ganger"),
    (r"\bthe sheet (?P<s>'[^']*') has values as far out as (?P<w>.*?), a span of (?P<n>[\d ]+) "
     r"cells \(delete what stands far from the claims and save it again\)",
     r"arket \g<s> har verdier så langt ute som \g<w>, et område på \g<n> celler (slett det "
     r"som står langt fra kravene og lagre på nytt)"),
    (r"\bthe spreadsheet's sheets have values as far out as a span of (?P<n>[\d ]+) cells "
     r"\(delete what stands far from the claims and save it again\)",
     r"regnearkets ark har verdier så langt ute som et område på \g<n> celler (slett det "
     r"som står langt fra kravene og lagre på nytt)"),
    (r"\bså langt ute som column (?P<c>[A-Z]{1,3})\b", r"så langt ute som kolonne \g<c>"),
    (r"\b(?P<c>kolonne [A-Z]{1,3}) and (?:row|rad)\b", r"\g<c> og rad"),
    (r"\bså langt ute som row\b", "så langt ute som rad"),
    (r"\(the limit is (?P<n>[\d ]+) parts\)", r"(the limit is \g<n> deler)"),
    (r"\(the limit is (?P<n>[\d ]+) texts\)", r"(the limit is \g<n> tekster)"),
    (r"\(the limit is (?P<n>[\d ]+) times\)", r"(the limit is \g<n> ganger)"),
    (r"\(the limit is (?P<n>[\d ]+) cells\)", r"(the limit is \g<n> celler)"),
    (r"\(the limit is (?P<n>[^)]*)\); it is not read$", r"(grensen er \g<n>); den leses ikke"),
    (r"\ba cell holds a value the workbook reader cannot read \((?P<v>.*)\), such as a date "
     r"or duration far out of range; correct it and save the workbook again$",
     r"en celle har en verdi arbeidsbokleseren ikke kan lese (\g<v>), for eksempel en dato "
     r"eller varighet langt utenfor det mulige; rett den og lagre arbeidsboken på nytt"),
    (r"\bhas (?P<n>\d+) sheet\(s\), no sheet (?P<m>\d+) \(sheets: ",
     r"har \g<n> ark, ikke ark \g<m> (ark: "),
    (r"\bhas no sheet (?P<v>'[^']*') \(sheets: ", r"har ikke arket \g<v> (ark: "),
    (r"\bthe sheet cannot be read\b", "arket kan ikke leses"),
    (r"\bthe sheet is empty\b", "arket er tomt"),
    (r"\bis a text \(CSV\) file, not a workbook\b", "er en tekstfil (CSV), ikke en arbeidsbok"),
    (r"\bit is damaged or not a workbook\b", "den er skadet eller ikke en arbeidsbok"),
    (r"\bcannot be opened as a workbook\b", "kan ikke åpnes som arbeidsbok"),
    (r"\bis a zip archive but not a workbook \(xlsx, xlsm or ods\)",
     "er et zip-arkiv, men ikke en arbeidsbok (xlsx, xlsm eller ods)"),
    (r"\bis (?P<v>a PDF|a Word document|a PowerPoint presentation|an OpenDocument text|"
     r"an OpenDocument presentation|"
     r"an image|a gzip archive|a 7-Zip archive|a RAR archive)\b(?P<k> \(\w+\))?, not a "
     r"spreadsheet or a CSV file$", lambda m: f"er {_NOT_CLAIMS_NB[m['v']]}{m['k'] or ''}, "
     "ikke et regneark eller en CSV-fil"),
    (r"\bis a workbook \((?P<v>\w+)\), not a CSV file\b",
     r"er en arbeidsbok (\g<v>), ikke en CSV-fil"),
    (r"\(sheets: ", "(ark: "),
    (r", sheet (?P<v>'[^']*'): ", r", ark \g<v>: "),
    (r"^--format xlsx: a workbook is not for a terminal; give --output FILE\.xlsx to write it "
     r"to a file$",
     "--format xlsx: en arbeidsbok er ikke for terminalen; gi --output FIL.xlsx for å skrive "
     "den til en fil"),
    (r"^--output goes with --format xlsx \(table and json are written to standard output\)$",
     "--output hører til --format xlsx (table og json skrives til standard ut)"),
    (r"^--output goes with --format xlsx or html \(table and json are written to standard "
     r"output\)$",
     "--output hører til --format xlsx eller html (table og json skrives til standard ut)"),
    # ---- the ledger
    (r"\bthis file's content is recorded already, as batch (?P<v>'[^']*') \(recorded "
     r"(?P<r>\S+), paid (?P<p>[^)]*)\); nothing was recorded",
     r"innholdet i denne filen er registrert allerede, som bunken \g<v> (registrert \g<r>, "
     r"betalt \g<p>); ingenting ble registrert"),
    (r"\ba batch named (?P<v>'[^']*') is in the ledger already; name this one with --batch",
     r"en bunke med navnet \g<v> finnes i registeret allerede; gi denne et navn med --batch"),
    (r"\bno batch named (?P<v>'[^']*') in ledger (?P<p>\S+) \(see 'honorar ledger list'\)",
     r"ingen bunke med navnet \g<v> i registeret \g<p> (se 'honorar ledger list')"),
    (r"\bno batch named (?P<v>'[^']*') in ledger ", r"ingen bunke med navnet \g<v> i registeret "),
    (r" exists already; a ledger is created only as a new file\b",
     " finnes allerede; et register lages bare som en ny fil"),
    (r"\bno ledger at (?P<p>\S+) \(create one with ", r"ikke noe register i \g<p> (lag et med "),
    (r"\bis not a honorar ledger \(or is damaged\)", "er ikke et honorar-register (eller er skadet)"),
    (r"\bis not a honorar ledger\b", "er ikke et honorar-register"),
    (r"\bhas schema version (?P<v>\S+), made by a newer honorar \(this one knows up to "
     r"(?P<k>[^)]*)\): use that version or newer",
     r"har skjemaversjon \g<v>, laget av en nyere honorar (denne kjenner til og med \g<k>): "
     r"bruk den versjonen eller nyere"),
    (r"\bis locked by another honorar \(waited (?P<s>[^)]*)\); try again later",
     r"er låst av en annen honorar (ventet \g<s>); prøv igjen senere"),
    (r"\bcannot be written \(read-only\); nothing was changed",
     "kan ikke skrives (skrivebeskyttet); ingenting ble endret"),
    (r"\bcannot be written: the disk is full; nothing was changed",
     "kan ikke skrives: disken er full; ingenting ble endret"),
    (r"\bcannot be read or written \(input/output error\); nothing was changed",
     "kan ikke leses eller skrives (inn-/utdatafeil); ingenting ble endret"),
    (r"\bcannot be opened \(permission or path\)", "kan ikke åpnes (tilgang eller sti)"),
    (r"\bcannot be opened \(permission refused\)", "kan ikke åpnes (ingen tilgang)"),
    (r"\bledger record needs a regular file: (?P<p>.+) is a directory \(a batch is known by "
     r"its file's content\)",
     r"«honorar ledger record» trenger en vanlig fil: \g<p> er en mappe (en bunke kjennes på "
     r"innholdet i filen)"),
    (r"\bledger record needs a regular file: (?P<p>.+) is a pipe or a device \(a batch is "
     r"known by its file's content\)",
     r"«honorar ledger record» trenger en vanlig fil: \g<p> er et rør eller en enhet (en bunke "
     r"kjennes på innholdet i filen)"),
    (r"\bis not a regular file \(a device or a pipe\); a ledger is a file\b",
     "er ikke en vanlig fil (en enhet eller et rør); et register er en fil"),
    (r"\bhas a damaged schema \((?P<e>.*)\); it is not used$",
     r"har et skadet skjema (\g<e>); det brukes ikke"),
    (r"\bdoes not have the schema honorar makes for version (?P<v>\d+) \((?P<w>.*)\); it is not "
     r"used$", r"har ikke skjemaet honorar lager for versjon \g<v> (\g<w>); det brukes ikke"),
    (r"\(not made by honorar: ", "(ikke laget av honorar: "),
    (r"\bmissing or changed: ", "mangler eller er endret: "),
    (r": a query took longer than (?P<s>\S+) s \(the limit for one\) and was stopped; nothing "
     r"was changed$",
     r": en spørring tok lengre tid enn \g<s> s (grensen for én) og ble stoppet; ingenting ble "
     r"endret"),
    (r"\bledger record needs a file, not standard input: a batch is known by its file's content",
     "«honorar ledger record» trenger en fil, ikke standard inn: en bunke kjennes på innholdet "
     "i filen"),
    (r"\ba batch needs a name\b", "en bunke trenger et navn"),
    (r"\bno ledger given: use --ledger PATH or set HONORAR_LEDGER",
     "ikke noe register oppgitt: bruk --ledger STI eller sett HONORAR_LEDGER"),
    (r"--flag-above: no grunnbeløp is known for (?P<y>\d+) ",
     r"--flag-above: ingen grunnbeløp er kjent for \g<y> "),
    (r"(?P<v>'[^']*') is not an amount above 0 or a multiple of G such as 0\.4G",
     r"\g<v> er ikke et beløp over 0 eller et multiplum av G, som 0.4G"),
    (r"(?P<v>'[^']*') is not above 0\b", r"\g<v> er ikke over 0"),
    (r"--output goes with --format json, csv, xlsx or html",
     "--output brukes med --format json, csv, xlsx eller html"),
    (r"--year: (?P<y>\S+) is not a year", r"--year: \g<y> er ikke et år"),
    (r"^ledger ", "registeret "),
    (r"--receipts goes with --expenses\b", "--receipts brukes bare sammen med --expenses"),
    # ---- the environment failing (honorar.cli: exit codes 3 and 4)
    (r"^cannot write the report to standard output: ",
     "kan ikke skrive rapporten til standard ut: "),
    (r"^cannot write the report to (?P<w>'[^']*'): ", r"kan ikke skrive rapporten til \g<w>: "),
    (r"^cannot write to standard output: ", "kan ikke skrive til standard ut: "),
    (r"^standard input is closed$", "standard inn er lukket"),
    (r"^standard output is closed$", "standard ut er lukket"),
    (r"^stopped by (?P<s>SIG\w+)$", r"stoppet av \g<s>"),
    (r"^out of memory$", "tomt for minne"),
    (r"^internal error \((?P<e>.*)\); HONORAR_DEBUG=1 shows where; please report it$",
     r"intern feil (\g<e>); HONORAR_DEBUG=1 viser hvor; meld gjerne fra om den"),
    (r"^internal error \((?P<e>.*)\); please report it$",
     r"intern feil (\g<e>); meld gjerne fra om den"),
    (r" is standard input; the input is never overwritten\b",
     " er standard inn; inndata blir aldri overskrevet"),
    (r" is the input file (?P<f>'[^']*'); the input is never overwritten\b",
     r" er inndatafilen \g<f>; inndata blir aldri overskrevet"),
    (r" is the mapping (?P<f>'[^']*'); the input is never overwritten\b",
     r" er mappingfilen \g<f>; inndata blir aldri overskrevet"),
    (r" is the plan (?P<f>'[^']*'); the input is never overwritten\b",
     r" er planen \g<f>; inndata blir aldri overskrevet"),
    (r" is the ledger (?P<f>'[^']*'); the input is never overwritten\b",
     r" er utbetalingsregisteret \g<f>; inndata blir aldri overskrevet"),
    (r" is the rate table (?P<f>'[^']*'); the input is never overwritten\b",
     r" er satstabellen \g<f>; inndata blir aldri overskrevet"),
    (r"\bgive the number of representatives \(or name them in the plan file's "
     r"'representatives:'\)",
     "oppgi antallet brukerrepresentanter (eller nevn dem under 'representatives:' i planfilen)"),
    (r"(?P<n>\d+) representatives, but the plan names (?P<m>\d+)\b",
     r"\g<n> brukerrepresentanter, men planen nevner \g<m>"),
    (r"\bthe plan names (?P<m>\d+) representatives, not (?P<n>\d+)\b",
     r"planen nevner \g<m> brukerrepresentanter, ikke \g<n>"),
    (r"\bunknown travel option (?P<v>'[^']*') \((?:known|kjente): ",
     r"ukjent reisevalg \g<v> (kjente: "),
    # a trip's values in a plan, as the trip reader words them
    (r"(?P<v>'[^']*') is not a vehicle \(", r"\g<v> er ikke et kjøretøy ("),
    (r"(?P<v>'[^']*') is not a meal \(", r"\g<v> er ikke et måltid ("),
    (r"(?P<v>'[^']*') is given twice \(give a count: ", r"\g<v> står to ganger (oppgi et antall: "),
    (r"\bthe count (?P<n>\d+) names no meal \(e\.g\. ",
     r"antallet \g<n> gjelder ikke noe måltid (f.eks. "),
    (r"(?P<v>'[^']*') follows another count; give a meal after a count",
     r"\g<v> følger et annet antall; skriv et måltid etter et antall"),
    (r"(?P<v>'[^']*') meals of a kind is more than (?P<n>\d+)",
     r"\g<v> måltider av et slag er flere enn \g<n>"),
    (r"(?P<a>\d+) nights without receipt is more than the (?P<n>\d+) nights away",
     r"\g<a> netter uten kvittering er flere enn de \g<n> nettene"),
    (r"\ba departure needs a return\b", "en avreise trenger en hjemkomst"),
    (r"\ba return needs a departure\b", "en hjemkomst trenger en avreise"),
    (r"\bgive travel hours or departure and return, not both\b",
     "oppgi reisetid eller avreise og hjemkomst, ikke begge"),
    (r"\bthe return (?P<b>\S+ \S+) is before the departure (?P<d>\S+ \S+)",
     r"hjemkomst \g<b> er før avreise \g<d>"),
    (r"\bgive the trip as a mapping of travel options, e\.g\. ",
     "oppgi reisen som en tabell av reisevalg, f.eks. "),
    (r"(?P<a>\S+) passenger km is more than (?P<n>\d+) passengers on the (?P<k>\S+) km driven",
     r"\g<a> passasjerkilometer er mer enn \g<n> passasjerer på de \g<k> km som er kjørt"),
    (r"(?P<a>\S+) km is more than the (?P<k>\S+) km driven",
     r"\g<a> km er mer enn de \g<k> km som er kjørt"),
    (r"(?P<n>\d+) representatives is more than any working group \(at most (?P<m>\d+)\)",
     r"\g<n> brukerrepresentanter er flere enn noen arbeidsgruppe har (høyst \g<m>)"),
    # ---- the operating system's words (strerror)
    (r"\bNo such file or directory\b", "filen eller mappen finnes ikke"),
    (r"\bPermission denied\b", "ingen tilgang"),
    (r"\bIs a directory\b", "er en mappe"),
    (r"\bNot a directory\b", "er ikke en mappe"),
    (r"\bNo space left on device\b", "ikke mer plass på disken"),
    (r"\bRead-only file system\b", "skrivebeskyttet filsystem"),
    (r"\bFile name too long\b", "filnavnet er for langt"),
    (r"\bDisk quota exceeded\b", "diskkvoten er brukt opp"),
    (r"\bBroken pipe\b", "mottakeren er lukket"),
    (r"\bToo many open files\b", "for mange åpne filer"),
    (r"\bInput/output error\b", "inn-/utdatafeil"),
    (r"\bOperation not permitted\b", "operasjonen er ikke tillatt"),
)

_NOT_CLAIMS_NB = {
    "a PDF": "en PDF", "a Word document": "et Word-dokument",
    "a PowerPoint presentation": "en PowerPoint-presentasjon",
    "an OpenDocument text": "et OpenDocument-tekstdokument",
    "an OpenDocument presentation": "en OpenDocument-presentasjon", "an image": "et bilde",
    "a gzip archive": "et gzip-arkiv", "a 7-Zip archive": "et 7-Zip-arkiv",
    "a RAR archive": "et RAR-arkiv",
}

_COMPILED: list[tuple[re.Pattern[str], str]] = []


def problem_text(message: str, lang: str) -> str:
    """A problem's English line, in `lang`."""
    if lang not in ("nb", "nn"):  # nynorsk: bokmål until problems have keys
        return message
    if not _COMPILED:
        _COMPILED.extend((re.compile(p), r) for p, r in PROBLEM_PHRASES)
    for pattern, replacement in _COMPILED:
        message = pattern.sub(replacement, message)
    return message


def problem_line(problem, lang: str) -> str:
    """A `yamldoc.Problem` as 'file:line:column: message', the message in `lang`."""
    return str(replace(problem, message=problem_text(problem.message, lang)))


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
