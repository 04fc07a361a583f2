"""What steps and findings say, in bokmål and English.

The engine and the checks name a message by key and give its values; the words live here,
so that a calculation is the same whatever language it is read in. A value's name says how
it is written: `*_kr` is money, `hours` and `*_hours` are hours, `date`, `effective` and
`*_date` are dates, `activity` and `attendance` are shown by their label.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from ..tables.schema import LocalText, local
from . import locale

ACTIVITY_LABELS = {
    "nb": {
        "meeting": "møte",
        "full_day": "heldagsmøte",
        "teaching": "undervisning / erfaringsformidling",
        "peer_assignment": "likemannsoppdrag",
        "org_information": "informasjon om egen organisasjon",
        "peer_work": "ordinært likemannsarbeid",
        "training": "opplæring",
        "seminar": "seminar",
    },
    "en": {
        "meeting": "meeting",
        "full_day": "full-day meeting",
        "teaching": "teaching / experience sharing",
        "peer_assignment": "peer assignment",
        "org_information": "information about one's own organisation",
        "peer_work": "ordinary peer work",
        "training": "training",
        "seminar": "seminar",
    },
}

ATTENDANCE_LABELS = {
    "nb": {"physical": "fysisk oppmøte", "remote": "telefon / video"},
    "en": {"physical": "in person", "remote": "phone / video"},
}

TEMPLATES: dict[str, dict[str, str]] = {
    # ---- calculation steps
    "table": {
        "nb": "Satstabell {scheme} ({name}), gjeldende fra {effective}",
        "en": "Rate table {scheme} ({name}), effective {effective}",
    },
    "flat": {
        "nb": "{activity}, {attendance}: fast sats",
        "en": "{activity}, {attendance}: flat rate",
    },
    "gift_only": {
        "nb": "{activity}: ikke honorar, men gave",
        "en": "{activity}: no honorarium, a gift instead",
    },
    "attended_in_person": {
        "nb": "Fysisk oppmøte regnes som ordinært møte",
        "en": "Attendance in person counts as an ordinary meeting",
    },
    "hours_rounded": {
        "nb": "{hours} timer avrundet ({direction}) til hele {step_hours} timer: {paid_hours} timer",
        "en": "{hours} hours rounded ({direction}) to whole {step_hours} hours: {paid_hours} hours",
    },
    "hours_minimum": {
        "nb": "Minstetid ved fysisk oppmøte: {paid_hours} t betales i stedet for {hours} t",
        "en": "Minimum for attendance in person: {paid_hours} h paid instead of {hours} h",
    },
    "priced_as": {
        "nb": "{activity} på {hours} t er kortere enn en heldag ({limit_hours} t): prises som "
              "ordinært {otherwise}",
        "en": "{activity} of {hours} h is shorter than a full day ({limit_hours} h): priced as "
              "an ordinary {otherwise}",
    },
    "hourly": {
        "nb": "{hours} timer × {rate_kr}",
        "en": "{hours} hours × {rate_kr}",
    },
    "hourly_capped": {
        "nb": "Begrenset til {cap_kr}",
        "en": "Capped at {cap_kr}",
    },
    "tier_up_to": {
        "nb": "{hours} timer: til og med {limit_hours} timer",
        "en": "{hours} hours: up to and including {limit_hours} hours",
    },
    "tier_over": {
        "nb": "{hours} timer: over {limit_hours} timer",
        "en": "{hours} hours: over {limit_hours} hours",
    },
    "tier_without_duration": {
        "nb": "Ingen varighet oppgitt",
        "en": "No duration given",
    },
    "duration_missing": {
        "nb": "{activity} betales etter varighet, men ingen varighet er oppgitt",
        "en": "{activity} is paid by duration, but no duration is given",
    },
    "activity_not_in_table": {
        "nb": "Tabellen har ingen regel for {activity} ({attendance})",
        "en": "The table has no rule for {activity} ({attendance})",
    },
    "not_payable": {
        "nb": "{activity} gir ikke krav på honorar",
        "en": "{activity} is never paid",
    },
    "no_agreement": {
        "nb": "Ingen skriftlig avtale: ingenting utbetales",
        "en": "No written agreement: nothing is paid",
    },
    "nothing_else_payable": {
        "nb": "Tapt arbeidsfortjeneste og gave utbetales heller ikke",
        "en": "Lost income and gift are not paid either",
    },
    "lost_income": {
        "nb": "Tapt arbeidsfortjeneste, dokumentert: {claimed_kr}",
        "en": "Lost income, documented: {claimed_kr}",
    },
    "lost_income_capped": {
        "nb": "Tapt arbeidsfortjeneste {claimed_kr}, begrenset til {cap_kr}",
        "en": "Lost income {claimed_kr}, capped at {cap_kr}",
    },
    "lost_income_day_capped": {
        "nb": "Tapt arbeidsfortjeneste {claimed_kr}: {used_kr} er allerede dekket samme dag, og "
              "grensen er {cap_kr} per dag: {paid_kr} dekkes",
        "en": "Lost income {claimed_kr}: {used_kr} is already covered that day, and the cap is "
              "{cap_kr} a day: {paid_kr} is covered",
    },
    "lost_income_undocumented": {
        "nb": "Tapt arbeidsfortjeneste {claimed_kr} er ikke dokumentert",
        "en": "Lost income {claimed_kr} is not documented",
    },
    "gift": {
        "nb": "Gave {claimed_kr} (inntil {cap_kr})",
        "en": "Gift {claimed_kr} (up to {cap_kr})",
    },
    "gift_capped": {
        "nb": "Gave {claimed_kr}, begrenset til {cap_kr}",
        "en": "Gift {claimed_kr}, capped at {cap_kr}",
    },
    "gift_not_for_activity": {
        "nb": "Gave {claimed_kr}: tabellen gir ingen gave for {activity}",
        "en": "Gift {claimed_kr}: the table gives no gift for {activity}",
    },
    "voided": {
        "nb": "Ingenting utbetales: kravet er allerede betalt eller krevd før ({code})",
        "en": "Nothing is due: the claim is already paid or claimed before ({code})",
    },
    "undecided": {
        "nb": "Ikke avgjort: en person må avgjøre kravet ({code})",
        "en": "Not decided: a person must decide the claim ({code})",
    },
    "not_claimed_honorarium": {
        "nb": "Honorar ikke krevd (reglene gir {rules_kr}): 0",
        "en": "Honorarium not claimed (the rules give {rules_kr}): 0",
    },
    "not_claimed_travel": {
        "nb": "Reise og opphold ikke krevd (reglene gir {rules_kr}): 0",
        "en": "Travel and stay not claimed (the rules give {rules_kr}): 0",
    },
    "total": {"nb": "Sum", "en": "Total"},
    # ---- travel and stay (SPEC §6)
    "travel_rules": {
        "nb": "Reise og opphold dekkes etter reglene i {regulation}",
        "en": "Travel and stay are paid by the rules of {regulation}",
    },
    "travel_table": {
        "nb": "Reisetabell {regulation} ({name}), gjeldende fra {effective}",
        "en": "Travel table {regulation} ({name}), effective {effective}",
    },
    "travel_remote_none": {
        "nb": "Ingen reise: møtet var med fjernoppmøte, og ingen km, reisetid eller utlegg er "
              "oppgitt",
        "en": "No travel: the meeting was attended remotely, and no km, time away or "
              "expenses are given",
    },
    "travel_not_payable": {
        "nb": "Reise og opphold dekkes heller ikke",
        "en": "Travel and stay are not paid either",
    },
    "travel_rules_not_named": {
        "nb": "Satstabellen for {scheme} sier ikke hvilke reiseregler som gjelder",
        "en": "The rate table of {scheme} does not name the travel rules it pays by",
    },
    "travel_no_rate_table": {
        "nb": "Ingen reisetabell {regulation} gjelder {date}: reise og opphold er ikke avgjort",
        "en": "No travel table {regulation} covers {date}: travel and stay are not decided",
    },
    "travel_km": {
        "nb": "{km} km med {vehicle} × {rate_kr} per km",
        "en": "{km} km by {vehicle} × {rate_kr} per km",
    },
    "travel_km_none": {
        "nb": "{km} km med {vehicle}: ingen kilometergodtgjørelse",
        "en": "{km} km by {vehicle}: no kilometre allowance",
    },
    "travel_passenger": {
        "nb": "Passasjertillegg: {passenger_km} passasjerkilometer × {rate_kr} per km",
        "en": "Passenger supplement: {passenger_km} passenger km × {rate_kr} per km",
    },
    "travel_trailer": {
        "nb": "Tilhengertillegg: {km} km × {rate_kr} per km",
        "en": "Trailer supplement: {km} km × {rate_kr} per km",
    },
    "travel_forest_road": {
        "nb": "Tillegg for skogs- og anleggsvei: {km} km × {rate_kr} per km",
        "en": "Forest and construction road supplement: {km} km × {rate_kr} per km",
    },
    "travel_supplement_not_for_vehicle": {
        "nb": "{km} km: {supplement} gis ikke for {vehicle}",
        "en": "{km} km: no {supplement} for {vehicle}",
    },
    "travel_undecided": {
        "nb": "Kostgodtgjørelsen kan ikke avgjøres: {missing}; reise og opphold er ikke avgjort",
        "en": "The meal allowance cannot be decided: {missing}; travel and stay are not "
              "decided",
    },
    "travel_for_remote_meeting": {
        "nb": "Reise til et møte med fjernoppmøte: honoraret er regnet ut, reisen må en person "
              "avgjøre",
        "en": "Travel to a meeting attended remotely: the fee is computed, the travel is for a "
              "person to decide",
    },
    "kost_overnight_short": {
        "nb": "Reisen med overnatting varte {hours} timer, ikke over {limit_hours} timer: kost "
              "som for en reise uten overnatting",
        "en": "The trip with overnight stay lasted {hours} hours, not over {limit_hours} hours: "
              "the meal allowance of a trip without one",
    },
    "kost_breakfast_not_deducted": {
        "nb": "Ingen måltidstrekk for {count} frokost: ulegitimert nattillegg for {nights} netter",
        "en": "No meal deduction for {count} breakfast(s): night allowance without receipt for "
              "{nights} nights",
    },
    "kost_deductions_capped": {
        "nb": "Måltidstrekkene for dag {day}, {deducted_kr}, er mer enn dagens sats {rate_kr}: "
              "det trekkes {rate_kr}",
        "en": "The meal deductions of day {day}, {deducted_kr}, are more than the day's rate "
              "{rate_kr}: {rate_kr} is deducted",
    },
    "travel_passenger_not_for_vehicle": {
        "nb": "{passenger_km} km med passasjer: passasjertillegg gis ikke for {vehicle}",
        "en": "{passenger_km} km with passengers: no passenger supplement for {vehicle}",
    },
    "travel_distance_assumed": {
        "nb": "Avstand én vei er ikke oppgitt: {share} av {km} km = {distance_km} km",
        "en": "The one-way distance is not given: {share} of {km} km = {distance_km} km",
    },
    "kost_too_near": {
        "nb": "{distance_km} km én vei er ikke over {limit_km} km: ingen kostgodtgjørelse",
        "en": "{distance_km} km one way is not over {limit_km} km: no meal allowance",
    },
    "kost_hours_missing": {
        "nb": "Reisetiden er ikke oppgitt: ingen kostgodtgjørelse",
        "en": "The travel time is not given: no meal allowance",
    },
    "kost_too_short": {
        "nb": "Reisen varte {hours} timer, under {limit_hours} timer: ingen kostgodtgjørelse",
        "en": "The trip lasted {hours} hours, under {limit_hours} hours: no meal allowance",
    },
    "kost_day": {
        "nb": "Kost, reise på {hours} timer (fra og med {from_hours} til og med {limit_hours} "
              "timer)",
        "en": "Meal allowance, a trip of {hours} hours ({from_hours} to {limit_hours} hours "
              "inclusive)",
    },
    "kost_long_day": {
        "nb": "Kost, reise på {hours} timer uten overnatting (over {limit_hours} timer)",
        "en": "Meal allowance, a trip of {hours} hours without overnight stay (over "
              "{limit_hours} hours)",
    },
    "kost_overnight": {
        "nb": "Kost med overnatting: {days} døgn × {rate_kr} (reisen varte {hours} timer)",
        "en": "Meal allowance with overnight stay: {days} × 24 hours × {rate_kr} (the trip "
              "lasted {hours} hours)",
    },
    "kost_rest_too_short": {
        "nb": "Resten ut over hele døgn, {hours} timer, er under {limit_hours} timer: ingenting",
        "en": "The rest past whole days, {hours} hours, is under {limit_hours} hours: nothing",
    },
    "kost_rest_day": {
        "nb": "Resten ut over hele døgn, {hours} timer (til og med {limit_hours} timer): dagsats",
        "en": "The rest past whole days, {hours} hours (up to {limit_hours} hours): the day rate",
    },
    "kost_rest_long": {
        "nb": "Resten ut over hele døgn, {hours} timer (over {limit_hours} timer): {rate_kr}",
        "en": "The rest past whole days, {hours} hours (over {limit_hours} hours): {rate_kr}",
    },
    "kost_meal_deduction": {
        "nb": "Måltidstrekk for {meal}: {percent} % av {rate_kr}",
        "en": "Meal deduction for {meal}: {percent} % of {rate_kr}",
    },
    "kost_deductions_of": {
        "nb": "Måltidstrekk regnes av satsen {rate_kr}",
        "en": "Meal deductions are taken of the rate {rate_kr}",
    },
    "kost_deductions_of_days": {
        "nb": "Måltidstrekk regnes av hver dags sats",
        "en": "Meal deductions are taken of each day's own rate",
    },
    "travel_night": {
        "nb": "Nattillegg uten kvittering: {nights} netter × {rate_kr}",
        "en": "Night allowance without receipt: {nights} nights × {rate_kr}",
    },
    "travel_expenses": {
        "nb": "Utlegg med kvittering: {claimed_kr}",
        "en": "Expenses with receipts: {claimed_kr}",
    },
    "travel_expenses_undocumented": {
        "nb": "Utlegg {claimed_kr} uten kvittering dekkes ikke",
        "en": "Expenses of {claimed_kr} without receipts are not paid",
    },
    "travel_total": {"nb": "Reise og opphold", "en": "Travel and stay"},
    # ---- findings (key = code unless a finding names another)
    "honorarium_overclaimed": {
        "nb": "Krevd honorar {claimed_kr} er mer enn reglene gir: {due_kr}",
        "en": "Claimed honorarium {claimed_kr} is more than the rules give: {due_kr}",
    },
    "honorarium_underclaimed": {
        "nb": "Krevd honorar {claimed_kr} er mindre enn reglene gir: {due_kr}",
        "en": "Claimed honorarium {claimed_kr} is less than the rules give: {due_kr}",
    },
    "lost_income_over_cap": {
        "nb": "Tapt arbeidsfortjeneste {claimed_kr} er over grensen {cap_kr}",
        "en": "Lost income {claimed_kr} is over the cap of {cap_kr}",
    },
    "lost_income_over_day_cap": {
        "nb": "Tapt arbeidsfortjeneste {claimed_kr} er over det som er igjen av grensen {cap_kr} "
              "per dag: {used_kr} er allerede dekket samme dag (første krav: rad {other_row}), "
              "så {paid_kr} dekkes",
        "en": "Lost income {claimed_kr} is over what is left of the cap of {cap_kr} a day: "
              "{used_kr} is already covered that day (first claim: row {other_row}), so {paid_kr} "
              "is covered",
    },
    "full_day_too_short": {
        "nb": "{activity} på {hours} t er kortere enn en heldag ({limit_hours} t): prises som "
              "ordinært {otherwise}",
        "en": "{activity} of {hours} h is shorter than a full day ({limit_hours} h): priced as "
              "an ordinary {otherwise}",
    },
    "implausible_duration": {
        "nb": "Varigheten {hours} t er over {limit_hours} t og neppe riktig; beløpet gjelder "
              "varigheten som oppgitt",
        "en": "A duration of {hours} h is over {limit_hours} h and hardly right; the amount is "
              "for the duration as stated",
    },
    "meeting_in_future": {
        "nb": "Møtet {date} er ikke holdt ennå: datoen er etter dagen revisjonen kjøres",
        "en": "The meeting on {date} has not been held yet: the date is after the day of the "
              "audit",
    },
    "hidden_row": {
        "nb": "Raden er skjult i arket; den er kontrollert og regnet med som de andre",
        "en": "The row is hidden in the sheet; it is audited and counted like the others",
    },
    "date_order_assumed": {
        "nb": "Datoen «{text}» kan leses med dag eller måned først; lest med dag først, som "
              "norske datoer skrives: {date}",
        "en": "The date '{text}' reads day-first or month-first; read day-first, as Norwegian "
              "dates are written: {date}",
    },
    "date_year_assumed": {
        "nb": "Datoen «{text}» har ikke årstall; året er tatt fra filens andre datoer: {date}",
        "en": "The date '{text}' has no year; the year is taken from the file's other dates: "
              "{date}",
    },
    "rates_may_be_outdated": {
        "nb": "Satstabellen {table} kan være utdatert for møter etter {review_date} («{note}»): "
              "sjekk om satsene er justert",
        "en": "The rate table {table} may be outdated for meetings after {review_date} "
              "(\u201c{note}\u201d): check whether the rates have been adjusted",
    },
    "gift_over_cap": {
        "nb": "Gave {claimed_kr} er over grensen {cap_kr}",
        "en": "Gift {claimed_kr} is over the cap of {cap_kr}",
    },
    "no_agreement_finding": {
        "nb": "Ordningen krever skriftlig avtale, og kravet har ingen",
        "en": "The scheme requires a written agreement and the claim has none",
    },
    "agreement_not_stated": {
        "nb": "Ordningen krever skriftlig avtale, og det er ikke oppgitt at det finnes en",
        "en": "The scheme requires a written agreement and none is stated",
    },
    "not_payable_activity": {
        "nb": "{activity} gir ikke krav på honorar",
        "en": "{activity} is never paid",
    },
    "claim_too_old": {
        "nb": "Kravet ble sendt {submitted_date}, etter fristen {limit_date} ({months} måneder)",
        "en": "Submitted {submitted_date}, after the limit of {limit_date} ({months} months)",
    },
    "submitted_before_meeting": {
        "nb": "Kravet ble sendt {submitted_date}, før møtet {date}",
        "en": "Submitted {submitted_date}, before the meeting on {date}",
    },
    "duplicate_claim": {
        "nb": "Samme krav-ID som rad {other_row}: utbetales ikke en gang til",
        "en": "Same claim id as row {other_row}: not paid a second time",
    },
    "duplicate_meeting": {
        "nb": "{representative} har allerede et krav for et overlappende møte {date} "
              "(rad {other_row}): utbetales ikke en gang til",
        "en": "{representative} already claims an overlapping meeting on {date} "
              "(row {other_row}): not paid a second time",
    },
    "duplicate_meeting_group": {
        "nb": "{representative} har allerede et krav for møtet i gruppen {group} {date} "
              "(rad {other_row}): utbetales ikke en gang til",
        "en": "{representative} already claims the meeting of group {group} on {date} "
              "(row {other_row}): not paid a second time",
    },
    "duplicate_meeting_hours": {
        "nb": "{representative} har allerede et krav for et møte like langt {date} "
              "(rad {other_row}): utbetales ikke en gang til",
        "en": "{representative} already claims a meeting of the same length on {date} "
              "(row {other_row}): not paid a second time",
    },
    "duplicate_meeting_identical": {
        "nb": "{representative} har allerede et likt krav {date} (rad {other_row}): "
              "utbetales ikke en gang til",
        "en": "{representative} already claims the same on {date} (row {other_row}): "
              "not paid a second time",
    },
    "possible_duplicate": {
        "nb": "{representative} har allerede et krav {date} (rad {other_row}) som ikke kan "
              "skilles fra dette (uten klokkeslett, samme eller ingen gruppe, ulik varighet): "
              "ikke avgjort, en person må avgjøre om det er samme møte",
        "en": "{representative} already claims a meeting on {date} (row {other_row}) that "
              "cannot be told apart from this one (no times, the same or no group, another "
              "length): not decided, a person must decide whether it is the same meeting",
    },
    "possible_duplicate_paid": {
        "nb": "{representative} fikk utbetalt et krav {date} i bunken {batch} ({paid_date}) "
              "som ikke kan skilles fra dette (uten klokkeslett, samme eller ingen gruppe, "
              "ulik varighet): ikke avgjort, en person må avgjøre om det er samme møte",
        "en": "{representative} was paid a claim on {date} in batch {batch} ({paid_date}) "
              "that cannot be told apart from this one (no times, the same or no group, "
              "another length): not decided, a person must decide whether it is the same "
              "meeting",
    },
    "ambiguous_person": {
        "nb": "Navnet {representative} uten ansattnummer passer til to personer med "
              "nummer, {first_id} og {second_id}: ikke avgjort, en person må avgjøre hvem "
              "det er",
        "en": "The name {representative} without an employee number matches two people "
              "with numbers, {first_id} and {second_id}: not decided, a person must decide "
              "who it is",
    },
    "supplement": {
        "nb": "Tillegg til møtet {date} som er utbetalt før (rad {other_row}): bare delene "
              "som ikke er utbetalt, utbetales",
        "en": "A supplement to the meeting on {date} paid before (row {other_row}): only "
              "the parts not paid are due",
    },
    "supplement_paid": {
        "nb": "Tillegg til møtet {date} som er utbetalt i bunken {batch} ({paid_date}): "
              "bare delene som ikke er utbetalt, utbetales",
        "en": "A supplement to the meeting on {date} paid in batch {batch} ({paid_date}): "
              "only the parts not paid are due",
    },
    "not_claimed_honorarium_finding": {
        "nb": "Honoraret er ikke krevd (tomt eller 0), så det utbetales ikke; reglene ville "
              "gitt {rules_kr}",
        "en": "The honorarium is not claimed (blank or 0), so it is not paid; the rules "
              "would give {rules_kr}",
    },
    "not_claimed_travel_finding": {
        "nb": "Reise og opphold er ikke krevd (tomt eller 0), så det utbetales ikke; "
              "reglene ville gitt {rules_kr}",
        "en": "Travel and stay are not claimed (blank or 0), so they are not paid; the "
              "rules would give {rules_kr}",
    },
    "already_paid": {
        "nb": "Krav-ID {claim_id} er allerede utbetalt i bunken {batch} ({paid_date})",
        "en": "Claim id {claim_id} was already paid in batch {batch} ({paid_date})",
    },
    "lost_income_over_day_cap_paid": {
        "nb": "Tapt arbeidsfortjeneste {claimed_kr} er over det som er igjen av grensen {cap_kr} "
              "per dag: {used_kr} er allerede utbetalt samme dag (i bunken {batch}), så "
              "{paid_kr} dekkes",
        "en": "Lost income {claimed_kr} is over what is left of the cap of {cap_kr} a day: "
              "{used_kr} was already paid that day (in batch {batch}), so {paid_kr} is covered",
    },
    "lost_income_over_day_cap_paid_and_row": {
        "nb": "Tapt arbeidsfortjeneste {claimed_kr} er over det som er igjen av grensen {cap_kr} "
              "per dag: {used_kr} er allerede dekket samme dag ({paid_before_kr} utbetalt i "
              "bunken {batch}, og første krav i filen: rad {other_row}), så {paid_kr} dekkes",
        "en": "Lost income {claimed_kr} is over what is left of the cap of {cap_kr} a day: "
              "{used_kr} is already covered that day ({paid_before_kr} paid in batch {batch}, "
              "and the first claim in this file: row {other_row}), so {paid_kr} is covered",
    },
    "already_paid_meeting": {
        "nb": "{representative} har allerede fått utbetalt for samme møte {date}, i bunken "
              "{batch} ({paid_date})",
        "en": "{representative} was already paid for the same meeting on {date}, in batch "
              "{batch} ({paid_date})",
    },
    "too_few_representatives": {
        "nb": "Gruppen {group} har {count} brukerrepresentanter {date}; anbefalt er minst {minimum}",
        "en": "Group {group} has {count} user representatives on {date}; "
              "at least {minimum} are recommended",
    },
    "no_rate_table": {
        "nb": "Ingen satstabell for ordningen {scheme} gjelder {date}",
        "en": "No rate table of scheme {scheme} covers {date}",
    },
    "travel_overclaimed": {
        "nb": "Krevd reise og opphold {claimed_kr} er mer enn reglene gir: {due_kr} ({parts}){explained}",
        "en": "Claimed travel and stay {claimed_kr} is more than the rules give: {due_kr} "
              "({parts}){explained}",
    },
    "travel_underclaimed": {
        "nb": "Krevd reise og opphold {claimed_kr} er mindre enn reglene gir: {due_kr} "
              "({parts}){explained}",
        "en": "Claimed travel and stay {claimed_kr} is less than the rules give: {due_kr} "
              "({parts}){explained}",
    },
    "travel_parts_text": {
        "nb": "km {km_kr}, passasjer {passenger_kr}, kost {kost_kr}, natt {night_kr}, "
              "utlegg {expenses_kr}",
        "en": "km {km_kr}, passenger {passenger_kr}, meals {kost_kr}, night {night_kr}, "
              "expenses {expenses_kr}",
    },
    "travel_why_expenses": {
        "nb": "; forskjellen er utleggene {amount_kr} uten kvittering",
        "en": "; the difference is the expenses of {amount_kr} without receipts",
    },
    "travel_why_meals": {
        "nb": "; forskjellen er måltidstrekket {amount_kr} for måltider som ble servert",
        "en": "; the difference is the meal deduction of {amount_kr} for meals provided",
    },
    "travel_why_kost": {
        "nb": "; forskjellen er kostgodtgjørelse {amount_kr} som ikke gis: ",
        "en": "; the difference is a meal allowance of {amount_kr} that is not due: ",
    },
    "travel_why_part": {
        "nb": "; forskjellen er lik {part} ({amount_kr})",
        "en": "; the difference equals the {part} ({amount_kr})",
    },
    "travel_expenses_undocumented_finding": {
        "nb": "Utlegg {claimed_kr} til reise og opphold er uten kvittering og dekkes ikke",
        "en": "Travel expenses of {claimed_kr} have no receipts and are not paid",
    },
    "travel_rules_not_named_finding": {
        "nb": "Satstabellen for {scheme} sier ikke hvilke reiseregler som gjelder: reise og "
              "opphold er ikke avgjort",
        "en": "The rate table of {scheme} names no travel rules: travel and stay are not decided",
    },
    "travel_rates_may_be_outdated": {
        "nb": "Reisetabellen {table} kan være utdatert for reiser etter {review_date} («{note}»): "
              "sjekk om satsene er justert",
        "en": "The travel table {table} may be outdated for trips after {review_date} "
              "(\u201c{note}\u201d): check whether the rates have been adjusted",
    },
    "rate_unconfirmed": {
        "nb": "Satsen {figure} = {value} i {table} står ikke på noen kildeside: sjekk den før "
              "utbetaling",
        "en": "The rate {figure} = {value} in {table} is printed on no cited page: check it "
              "before paying",
    },
    "travel_no_rate_table_finding": {
        "nb": "Ingen reisetabell {regulation} gjelder {date}: reise og opphold er ikke avgjort "
              "(honoraret er regnet ut)",
        "en": "No travel table {regulation} covers {date}: travel and stay are not decided "
              "(the fee is computed)",
    },
    "unknown_scheme": {
        "nb": "Ukjent ordning {scheme}",
        "en": "Unknown scheme {scheme}",
    },
    "invalid_row": {
        "nb": "Kolonnen {column} kan ikke leses: {why}",
        "en": "Column {column} cannot be read: {why}",
    },
    "invalid_row_no_column": {
        "nb": "Raden kan ikke leses: {why}",
        "en": "The row cannot be read: {why}",
    },
    "file_total_mismatch": {
        "nb": "Filens egen sum {label} i kolonnen {column} er {stated_kr}, men kravene over den "
              "utgjør til sammen {computed_kr}",
        "en": "The file's own total {label} in column {column} is {stated_kr}, but the claims "
              "above it add up to {computed_kr}",
    },
    "file_total_mismatch_one_unreadable": {
        "nb": "Filens egen sum {label} i kolonnen {column} er {stated_kr}, men kravene over den "
              "utgjør til sammen {computed_kr}; én rad over kan ikke leses, og beløpene i den er "
              "ikke med",
        "en": "The file's own total {label} in column {column} is {stated_kr}, but the claims "
              "above it add up to {computed_kr}; one row above cannot be read, and its amounts "
              "are not included",
    },
    "file_total_mismatch_unreadable": {
        "nb": "Filens egen sum {label} i kolonnen {column} er {stated_kr}, men kravene over den "
              "utgjør til sammen {computed_kr}; {unreadable} rader over kan ikke leses, og beløpene "
              "i dem er ikke med",
        "en": "The file's own total {label} in column {column} is {stated_kr}, but the claims "
              "above it add up to {computed_kr}; {unreadable} rows above cannot be read, and "
              "their amounts are not included",
    },
    "file_total_agrees": {
        "nb": "Filens egen sum {label} (rad {row}) stemmer med kravene over: {amounts}",
        "en": "The file's own total {label} (row {row}) agrees with the claims above it: "
              "{amounts}",
    },
    "unreadable_rows_not_in_totals_one": {
        "nb": "Én rad kan ikke leses, og beløpene i den er ikke med i summene.",
        "en": "One row cannot be read, and its amounts are not in the totals.",
    },
    "unreadable_rows_not_in_totals": {
        "nb": "{count} rader kan ikke leses, og beløpene i dem er ikke med i summene.",
        "en": "{count} rows cannot be read, and their amounts are not in the totals.",
    },
    # ---- rate tables a command will not use (a warning on stderr)
    "stray_table_loose": {
        "nb": "{file} brukes ikke: det er en tabell for «{scheme}», men den ligger rett i "
              "satsmappen; legg den i {folder}",
        "en": "{file} is not used: it is a table of '{scheme}', but it lies straight in the "
              "rates directory; put it in {folder}",
    },
    "stray_table_folder": {
        "nb": "{file} brukes ikke: det er en tabell for «{scheme}», men den ligger i mappen "
              "«{name}»; legg den i {folder}",
        "en": "{file} is not used: it is a table of '{scheme}', but it lies in the folder "
              "'{name}'; put it in {folder}",
    },
    "warning_word": {"nb": "advarsel", "en": "warning"},
    "unknown_scheme_known": {
        "nb": "Ukjent ordning {scheme} (kjente ordninger: {known})",
        "en": "Unknown scheme {scheme} (known schemes: {known})",
    },
    # ---- audit: why a cell or row of a claims file cannot be read (the {why} above)
    "cell_empty": {"nb": "cellen er tom", "en": "the cell is empty"},
    "cell_not_amount": {"nb": "«{text}» er ikke et beløp", "en": "'{text}' is not an amount"},
    "cell_negative": {"nb": "«{text}» er negativt", "en": "'{text}' is negative"},
    "cell_implausible_amount": {
        "nb": "«{text}» er mer enn noe krav kan være (over {limit_kr})",
        "en": "'{text}' is more than any claim could be (over {limit_kr})"},
    "cell_implausible_hours": {
        "nb": "«{text}» timer er lenger enn noe møte kan vare (over {limit} timer)",
        "en": "'{text}' hours is longer than any meeting could last (over {limit} hours)"},
    "cell_not_hours": {"nb": "«{text}» er ikke et antall timer",
                       "en": "'{text}' is not a number of hours"},
    "cell_not_time": {"nb": "«{text}» er ikke et klokkeslett (skriv 09:00)",
                      "en": "'{text}' is not a time of day (write 09:00)"},
    "cell_not_date": {"nb": "«{text}» er ikke en dato (skriv 15.03.2023 eller 2023-03-15)",
                      "en": "'{text}' is not a date (write 2023-03-15 or 15.03.2023)"},
    "cell_not_real_date": {"nb": "«{text}» er ikke en gyldig dato",
                           "en": "'{text}' is not a real date"},
    "cell_not_real_date_dmy": {"nb": "«{text}» er ikke en gyldig dato når datoene leses dag først",
                               "en": "'{text}' is not a real date when dates are read day-first"},
    "cell_not_real_date_mdy": {
        "nb": "«{text}» er ikke en gyldig dato når datoene leses måned først",
        "en": "'{text}' is not a real date when dates are read month-first"},
    "cell_ambiguous_date": {
        "nb": "«{text}» kan leses både dag først og måned først (velg med --date-order)",
        "en": "'{text}' reads day-first or month-first (choose with --date-order)"},
    "cell_date_without_year": {
        "nb": "«{text}» har ikke årstall, og filen har ingen andre datoer å ta året fra",
        "en": "'{text}' has no year, and the file has no other dates to take it from"},
    "cell_not_yes_no": {"nb": "«{text}» er ikke ja eller nei", "en": "'{text}' is not yes or no"},
    "cell_not_attendance": {"nb": "«{text}» er ikke et oppmøte (skriv {words})",
                            "en": "'{text}' is not an attendance (write {words})"},
    "usage_unknown_activity": {
        "nb": "--activity: «{text}» er ikke en aktivitet (satstabellen {table} kjenner {names}; "
              "eller skriv {words})",
        "en": "--activity: '{text}' is not an activity (the rate table {table} knows {names}; "
              "or the Norwegian {words})",
    },
    "cell_not_activity": {"nb": "«{text}» er ikke en aktivitet (skriv {words}, eller {names})",
                          "en": "'{text}' is not an activity (write {names}, or the Norwegian "
                                "{words})"},
    "cell_start_without_end": {"nb": "starttid uten sluttid", "en": "a start time without an end time"},
    "cell_end_without_start": {"nb": "sluttid uten starttid", "en": "an end time without a start time"},
    "cell_end_not_after_start": {"nb": "sluttid {end} er ikke etter starttid {start}",
                                 "en": "the end {end} is not after the start {start}"},
    "cell_hours_mismatch": {"nb": "{hours} timer stemmer ikke med {start}–{end}",
                            "en": "{hours} hours do not match {start}–{end}"},
    "cell_error_value": {"nb": "cellen har feilverdien {error}",
                         "en": "the cell holds the error value {error}"},
    "cell_formula_not_calculated": {
        "nb": "cellen har en formel uten lagret verdi (åpne arbeidsboken i et regneark og "
              "lagre den først)",
        "en": "the cell holds a formula without a stored value (open the workbook in a "
              "spreadsheet program and save it first)"},
    "cell_not_decodable": {"nb": "teksten kan ikke leses som {encoding} (prøv --encoding)",
                           "en": "the text cannot be read as {encoding} (try --encoding)"},
    "cell_not_km": {"nb": "«{text}» er ikke et antall kilometer",
                    "en": "'{text}' is not a number of kilometres"},
    "cell_not_count": {"nb": "«{text}» er ikke et helt antall", "en": "'{text}' is not a whole number"},
    "cell_not_vehicle": {
        "nb": "«{text}» er ikke et kjøretøy (bil, motorsykkel, moped, snøscooter, båt, sykkel, "
              "til fots)",
        "en": "'{text}' is not a vehicle (car, motorcycle, moped, snowmobile, boat, bicycle, "
              "walking)"},
    "cell_not_meals": {"nb": "«{text}» er ikke måltider (frokost, lunsj, middag; flere av et "
                             "slag med et tall foran: «2 frokost»)",
                       "en": "'{text}' is not meals (breakfast, lunch, dinner; several of a "
                             "kind with a count before: '2 breakfast')"},
    "cell_not_datetime": {"nb": "«{text}» er ikke dato og klokkeslett (skriv 15.03.2024 07:30)",
                          "en": "'{text}' is not a date and time (write 2024-03-15 07:30)"},
    "travel_passenger_km_over_km": {
        "nb": "{passenger_km} passasjerkilometer er mer enn {passengers} passasjerer på de "
              "{km} km som er kjørt",
        "en": "{passenger_km} passenger km is more than {passengers} passengers on the {km} km "
              "driven"},
    "travel_part_km_over_km": {
        "nb": "{part_km} km er mer enn de {km} km som er kjørt",
        "en": "{part_km} km is more than the {km} km driven"},
    "travel_nights_without_receipt_over_nights": {
        "nb": "{nights_without_receipt} netter uten kvittering er flere enn de {nights} nettene",
        "en": "{nights_without_receipt} nights without receipt is more than the {nights} nights"},
    "travel_return_without_departure": {"nb": "hjemkomst uten avreise",
                                        "en": "a return without a departure"},
    "travel_departure_without_return": {"nb": "avreise uten hjemkomst",
                                        "en": "a departure without a return"},
    "travel_hours_and_times": {"nb": "oppgi reisetid eller avreise og hjemkomst, ikke begge",
                               "en": "give travel hours or departure and return, not both"},
    "travel_return_before_departure": {"nb": "hjemkomst {back} er før avreise {departure}",
                                       "en": "the return {back} is before the departure {departure}"},
    "row_cells": {"nb": "raden har {count} celler, overskriften har {expected}",
                  "en": "the row has {count} cells, the header has {expected}"},
    "row_not_csv": {"nb": "raden er ikke gyldig CSV ({why})", "en": "the row is not valid CSV ({why})"},
    # ---- budget: its findings and assumptions
    "too_few_representatives_planned": {
        "nb": "Budsjettet har {count} brukerrepresentanter; satstabellen {table} anbefaler "
              "minst {minimum}",
        "en": "The budget has {count} user representatives; the rate table {table} "
              "recommends at least {minimum}",
    },
    "budget_plan_from_source": {
        "nb": "Møteplanen er «{plan}» fra {document}. Den er en plan for møter, ikke for satser: "
              "hvert møte er priset etter satstabellen for {scheme}.",
        "en": "The meeting plan is «{plan}» from {document}. It is a plan of meetings, not of "
              "rates: each meeting is priced by the {scheme} rate table.",
    },
    "budget_plan_from_file": {
        "nb": "Møteplanen er lest fra {file}.",
        "en": "The meeting plan is read from {file}.",
    },
    "budget_everyone_attends": {
        "nb": "Alle brukerrepresentantene ({reps}) deltar på alle møtene ({meetings}).",
        "en": "Every user representative ({reps}) attends every meeting ({meetings}).",
    },
    "budget_attendance": {
        "nb": "Møter der planen ikke oppgir oppmøte, er regnet med {attendance}.",
        "en": "Meetings for which the plan gives no attendance are costed as {attendance}.",
    },
    "budget_date": {
        "nb": "Møter uten egen dato i planen er priset etter satsene som gjelder {date}.",
        "en": "Meetings with no date in the plan are priced at the rates in force on {date}.",
    },
    "budget_own_date": {
        "nb": "Møter med egen dato i planen er priset etter satsene som gjelder den datoen.",
        "en": "Meetings with a date in the plan are priced at the rates in force on that date.",
    },
    "budget_agreement_required": {
        "nb": "Det forutsettes skriftlig avtale med hver brukerrepresentant; satstabellen "
              "{table} krever det (uten avtale utbetales ingenting).",
        "en": "A written agreement with every user representative is assumed; the rate table "
              "{table} requires one (without it nothing is paid).",
    },
    "budget_agreement": {
        "nb": "Det forutsettes skriftlig avtale med hver brukerrepresentant (satstabellen "
              "{table} har ingen regel om avtale).",
        "en": "A written agreement with every user representative is assumed (the rate table "
              "{table} has no rule about one).",
    },
    "budget_lost_income": {
        "nb": "Forventet tapt arbeidsfortjeneste: {lost_income_kr} per brukerrepresentant per "
              "møte, dokumentert fra arbeidsgiver.",
        "en": "Expected lost income: {lost_income_kr} per user representative per meeting, "
              "documented by the employer.",
    },
    "budget_lost_income_cap": {
        "nb": "Tapt arbeidsfortjeneste dekkes med inntil {cap_kr} per møte (satstabellen {table}).",
        "en": "Lost income is covered up to {cap_kr} per meeting (the rate table {table}).",
    },
    "budget_lost_income_no_cap": {
        "nb": "Tapt arbeidsfortjeneste har ingen øvre grense (satstabellen {table}).",
        "en": "Lost income has no upper limit (the rate table {table}).",
    },
    "budget_no_lost_income": {
        "nb": "Tapt arbeidsfortjeneste er ikke med (oppgi forventet beløp per "
              "brukerrepresentant per møte med --lost-income).",
        "en": "Lost income is not included (give the expected amount per user representative "
              "per meeting with --lost-income).",
    },
    "budget_representatives_rule": {
        "nb": "Satstabellen {table} anbefaler minst {minimum} brukerrepresentanter per "
              "arbeidsgruppe.",
        "en": "The rate table {table} recommends at least {minimum} user representatives per "
              "working group.",
    },
    "budget_no_representatives_rule": {
        "nb": "Satstabellen {table} har ingen regel om antall brukerrepresentanter, så antallet "
              "er ikke kontrollert.",
        "en": "The rate table {table} has no rule on the number of user representatives, so "
              "the number is not checked.",
    },
    "budget_travel_rules": {
        "nb": "Reise og opphold er regnet etter {regulation} (satstabellen {table}), med "
              "satsene som gjelder på hvert møtes dato.",
        "en": "Travel and stay are costed by {regulation} (the rate table {table}), at the "
              "rates in force on each meeting's date.",
    },
    "budget_travel_km": {
        "nb": "Hver brukerrepresentant kjører {km} km i egen bil tur-retur til hvert møte; "
              "avstanden én vei er halvparten.",
        "en": "Each user representative drives {km} km in their own car to and from each "
              "meeting; the one-way distance is half of it.",
    },
    "budget_travel_no_km": {
        "nb": "Ingen kjøring er regnet med (oppgi km tur-retur med --km).",
        "en": "No driving is included (give the km to and from with --km).",
    },
    "budget_travel_in_person": {
        "nb": "Reise er regnet bare for møter med fysisk oppmøte; telefon- og videomøter har "
              "ingen reise (en reise et slikt møte oppgir i planen, må en person avgjøre).",
        "en": "Travel is costed only for meetings in person; phone and video meetings have "
              "none (a trip such a meeting gives in the plan is for a person to decide).",
    },
    "budget_travel_hours": {
        "nb": "Hver reise varer {hours} timer fra avreise til hjemkomst (kostgodtgjørelse "
              "etter statens satser).",
        "en": "Each trip lasts {hours} hours from departure to return (meal allowance at the "
              "state's rates).",
    },
    "budget_travel_no_hours": {
        "nb": "Kostgodtgjørelse er ikke med (oppgi reisetiden med --travel-hours).",
        "en": "The meal allowance is not included (give the travel time with --travel-hours).",
    },
    "budget_travel_meals": {
        "nb": "Måltider som serveres på møtet ({meals}), trekkes fra kostgodtgjørelsen.",
        "en": "Meals served at the meeting ({meals}) are deducted from the meal allowance.",
    },
    "budget_travel_not_included": {
        "nb": "Hotell, billetter, bompenger og servering er ikke med i budsjettet uten "
              "--expenses.",
        "en": "Hotels, tickets, tolls and food served are not in the budget without "
              "--expenses.",
    },
    "budget_travel_nights": {
        "nb": "Hver reise har {nights} overnattinger (døgnsatsen for kost).",
        "en": "Each trip has {nights} nights away (the 24-hour meal rate).",
    },
    "budget_travel_from_plan": {
        "nb": "Reisene er planens ({file}): et møtes reise gjelder alle på møtet, ellers "
              "gjelder hver brukerrepresentants egen reise, ellers reisevalgene på "
              "kommandolinjen.",
        "en": "The trips are the plan's ({file}): a meeting's trip is everyone's at it, else "
              "each user representative's own trip counts, else the command line's travel "
              "options.",
    },
    "budget_not_included": {
        "nb": "Reise, opphold og servering er ikke med i budsjettet.",
        "en": "Travel, stay and food are not in the budget.",
    },
    # ---- rates check: legal but suspicious
    "rates_shadowed": {
        "nb": "Skygges av {file}, som søkes først: denne filen blir ikke brukt",
        "en": "Shadowed by {file}, which is searched first: this file is not used",
    },
    "rates_shadows": {
        "nb": "Skygger for {file}, som har samme ikrafttredelse: denne filen brukes i stedet",
        "en": "Shadows {file}, which has the same effective date: this file is used instead",
    },
    "rates_same_date": {
        "nb": "Samme ikrafttredelse ({effective}) som {file}: bare den i satsmappen som søkes "
              "først, blir brukt",
        "en": "Same effective date ({effective}) as {file}: only the one in the rates directory "
              "searched first is used",
    },
    "rates_before_newest": {
        "nb": "Gjelder fra {effective}, før den nyeste installerte versjonen {newest}: den "
              "gjelder bare møter til og med {until_date}",
        "en": "Effective {effective}, before the newest installed version {newest}: it applies "
              "only to meetings up to {until_date}",
    },
    "rates_drops_by_half": {
        "nb": "{item}: {old_kr} i {previous} blir {new_kr}, mer enn halvert",
        "en": "{item}: {old_kr} in {previous} becomes {new_kr}, down by more than half",
    },
    "rates_more_than_doubles": {
        "nb": "{item}: {old_kr} i {previous} blir {new_kr}, mer enn doblet",
        "en": "{item}: {old_kr} in {previous} becomes {new_kr}, more than doubled",
    },
    "rates_drops_activity": {
        "nb": "{activity} har en regel i {previous}, men ikke i denne versjonen: krav for "
              "aktiviteten blir activity_not_in_table",
        "en": "{activity} has a rule in {previous} but not in this version: claims for it "
              "become activity_not_in_table",
    },
    "rates_drops_attendance": {
        "nb": "{activity} ({attendance}) har en regel i {previous}, men ikke i denne versjonen",
        "en": "{activity} ({attendance}) has a rule in {previous} but not in this version",
    },
    "rates_drops_rule": {
        "nb": "{item} finnes i {previous}, men ikke i denne versjonen",
        "en": "{item} is in {previous} but not in this version",
    },
    "rates_amount_not_in_quote": {
        "nb": "{item}: beløpet {amount_kr} står ikke i sitatet «{quote}»: er sitatet eller "
              "beløpet fra en annen versjon?",
        "en": "{item}: the amount {amount_kr} is not in its quote \u201c{quote}\u201d: is the "
              "quote or the amount from another version?",
    },
    "rates_validity_before_effective": {
        "nb": "document.validity: «{validity}» sier {date}, før tabellen gjelder fra "
              "{effective}: er teksten fra en eldre versjon?",
        "en": "document.validity: \u201c{validity}\u201d says {date}, before the table takes "
              "effect on {effective}: is the text from an older version?",
    },
    "rates_review_before_effective": {
        "nb": "review_after: datoen {review_date} er før tabellen gjelder fra {effective}: "
              "tabellen ville være utdatert før den tas i bruk",
        "en": "review_after: the date {review_date} is before the table takes effect on "
              "{effective}: it would be outdated before it is used",
    },
    "rates_wrong_folder": {
        "nb": "Filen ligger i mappen «{folder}», men gjelder ordningen «{scheme}»: i en "
              "satsmappe må den ligge under {scheme}/",
        "en": "The file lies in the folder '{folder}' but is for scheme '{scheme}': in a rates "
              "directory it must lie under {scheme}/",
    },
    "rates_one_language": {
        "nb": "{item}: teksten står på ett språk og vises slik den står både på bokmål og "
              "engelsk; skriv {{nb: …, en: …}} for begge",
        "en": "{item}: the text is in one language and is shown as written in bokmål and "
              "English alike; write {{nb: …, en: …}} for both",
    },
    "rates_one_language_more": {
        "nb": "{item} og {more} tekster til står på ett språk og vises slik de står både på "
              "bokmål og engelsk; skriv {{nb: …, en: …}} for begge",
        "en": "{item} and {more} more texts are in one language and are shown as written in "
              "bokmål and English alike; write {{nb: …, en: …}} for both",
    },
    # ---- the ledger
    "ledger_created": {
        "nb": "Opprettet utbetalingsregisteret {ledger}.",
        "en": "Created the ledger {ledger}.",
    },
    "ledger_recorded": {
        "nb": "Bunken {batch} er ført: {claims} krav, {paid_kr} utbetalt {paid_date}.",
        "en": "Batch {batch} recorded: {claims} claims, {paid_kr} paid on {paid_date}.",
    },
    "ledger_refused": {
        "nb": "Ingenting er ført: revisjonen av bunken {batch} fant {errors} feil ({codes}). "
              "Se dem med «honorar audit {file} --ledger {ledger}», eller før bunken likevel "
              "med --accept-findings.",
        "en": "Nothing recorded: the audit of batch {batch} found {errors} errors ({codes}). "
              "See them with 'honorar audit {file} --ledger {ledger}', or record the batch "
              "anyway with --accept-findings.",
    },
    "ledger_not_recorded_invalid": {
        "nb": "Ikke ført: {count} rader som ikke kan leses",
        "en": "Not recorded: {count} rows that cannot be read",
    },
    "ledger_not_recorded_voided": {
        "nb": "Ikke ført: {count} krav som gjentar et krav (dublett eller allerede utbetalt)",
        "en": "Not recorded: {count} claims that repeat a claim (duplicate or already paid)",
    },
    "ledger_not_recorded_undecided": {
        "nb": "Ikke ført: {count} krav som ingen regel avgjør",
        "en": "Not recorded: {count} claims no rule decides",
    },
    "ledger_not_recorded_nothing_due": {
        "nb": "Ikke ført: {count} krav uten noe å utbetale",
        "en": "Not recorded: {count} claims with nothing due",
    },
    "ledger_undone": {
        "nb": "Bunken {batch} er fjernet ({claims} krav, {paid_kr}); fjerningen står i loggen.",
        "en": "Batch {batch} removed ({claims} claims, {paid_kr}); the removal is in the log.",
    },
    "ledger_report_title": {
        "nb": "Utbetalt i {year}: {claims} krav, {paid_kr}",
        "en": "Paid in {year}: {claims} claims, {paid_kr}",
    },
    "ledger_report_g": {
        "nb": "G = {g_kr}, gjeldende fra {effective} ({source}: «{quote}»)",
        "en": "G = {g_kr}, in force from {effective} ({source}: «{quote}»)",
    },
    "ledger_report_no_g": {
        "nb": "Ingen grunnbeløp er kjent for {year}: beløpene vises ikke i G",
        "en": "No grunnbeløp is known for {year}: amounts are not shown in G",
    },
    "ledger_report_limit": {
        "nb": "Grense: over {limit} = {threshold_kr}; {count} over grensen",
        "en": "Limit: above {limit} = {threshold_kr}; {count} above it",
    },
    "ledger_findings_accepted": {
        "nb": "Funn godtatt ved føring: {codes}",
        "en": "Findings accepted when recording: {codes}",
    },
    # ---- source lines
    "assumption": {"nb": "Antakelse: {assumption} Begrunnelse: {reason}",
                   "en": "Assumption: {assumption} Reason: {reason}"},
}

# A finding whose message key is its code but whose step shares the name.
FINDING_KEYS = {"no_agreement": "no_agreement_finding"}
TEMPLATES["duration_missing_finding"] = TEMPLATES["duration_missing"]
TEMPLATES["activity_not_in_table_finding"] = TEMPLATES["activity_not_in_table"]
FINDING_KEYS.update(duration_missing="duration_missing_finding",
                    activity_not_in_table="activity_not_in_table_finding",
                    travel_expenses_undocumented="travel_expenses_undocumented_finding")

VEHICLE_LABELS = {
    "nb": {"car": "bil", "motorcycle": "motorsykkel", "moped": "moped",
           "snowmobile": "snøscooter / ATV", "boat": "båt", "bicycle": "sykkel",
           "walking": "til fots"},
    "en": {"car": "car", "motorcycle": "motorcycle", "moped": "moped",
           "snowmobile": "snowmobile / ATV", "boat": "boat", "bicycle": "bicycle",
           "walking": "walking"},
}
TRAVEL_PART_LABELS = {
    "nb": {"km": "kilometergodtgjørelsen", "passenger": "passasjertillegget",
           "kost": "kostgodtgjørelsen", "night": "nattillegget", "expenses": "utleggene"},
    "en": {"km": "kilometre allowance", "passenger": "passenger supplement",
           "kost": "meal allowance", "night": "night allowance", "expenses": "expenses"},
}
MEAL_LABELS = {
    "nb": {"breakfast": "frokost", "lunch": "lunsj", "dinner": "middag"},
    "en": {"breakfast": "breakfast", "lunch": "lunch", "dinner": "dinner"},
}

MISSING_LABELS = {
    "nb": {"distance": "avstanden er ukjent (ingen km, ingen avstand én vei: oppgi --distance-km "
                       "eller distance_km)",
           "times": "reisetiden for en reise med overnatting er ikke oppgitt (oppgi avreise og "
                    "hjemkomst)",
           "nights": "reisen varte over et døgn uten overnatting (oppgi --nights eller nights)",
           "trailer_rate": "tabellen har ingen sats for tilhenger",
           "forest_road_rate": "tabellen har ingen sats for skogs- og anleggsvei"},
    "en": {"distance": "the distance is unknown (no km, no one-way distance: give "
                       "--distance-km or distance_km)",
           "times": "the length of an overnight trip is not given (give the departure and "
                    "return)",
           "nights": "the trip lasted over 24 hours without nights away (give --nights or "
                     "nights)",
           "trailer_rate": "the table has no trailer rate",
           "forest_road_rate": "the table has no forest and construction road rate"},
}
SUPPLEMENT_LABELS = {
    "nb": {"trailer": "tilhengertillegg", "forest_road": "tillegg for skogs- og anleggsvei"},
    "en": {"trailer": "trailer supplement", "forest_road": "forest road supplement"},
}

DIRECTION_LABELS = {"nb": {"up": "opp", "down": "ned", "nearest": "nærmeste"},
                    "en": {"up": "up", "down": "down", "nearest": "nearest"}}

# the names whose value is a word to translate, with their words; any other text is shown
# as it is
_WORD_LABELS = {"activity": ACTIVITY_LABELS, "otherwise": ACTIVITY_LABELS,
                "attendance": ATTENDANCE_LABELS, "part": TRAVEL_PART_LABELS,
                "vehicle": VEHICLE_LABELS, "meal": MEAL_LABELS, "direction": DIRECTION_LABELS,
                "missing": MISSING_LABELS, "supplement": SUPPLEMENT_LABELS}


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
        return labels[lang].get(str(value), str(value))
    if name == "parts" and isinstance(value, Mapping):  # travel due, part by part
        return text("travel_parts_text", value, lang)
    if name == "explained":  # a reason of its own: message parts (key, params), or None
        return "".join(text(key, values, lang) for key, values in value)  # type: ignore[attr-defined]
    if name == "meals" and isinstance(value, tuple):
        return ", ".join(MEAL_LABELS[lang].get(str(v), str(v)) for v in value)
    return str(value)


# A message that counts says "1 brukerrepresentant" and "2 brukerrepresentanter": its words
# for one are kept under the key with "_one", and are used when the value named here is 1.
COUNTED = {
    "too_few_representatives": "count",
    "too_few_representatives_planned": "count",
    "budget_representatives_rule": "minimum",
    "travel_night": "nights",
    "kost_breakfast_not_deducted": "nights",
    "unreadable_rows_not_in_totals": "count",
    "ledger_not_recorded_invalid": "count",
}
TEMPLATES.update({
    "too_few_representatives_one": {
        "nb": "Gruppen {group} har 1 brukerrepresentant {date}; anbefalt er minst {minimum}",
        "en": "Group {group} has 1 user representative on {date}; "
              "at least {minimum} are recommended",
    },
    "too_few_representatives_planned_one": {
        "nb": "Budsjettet har 1 brukerrepresentant; satstabellen {table} anbefaler minst "
              "{minimum}",
        "en": "The budget has 1 user representative; the rate table {table} recommends at "
              "least {minimum}",
    },
    "budget_representatives_rule_one": {
        "nb": "Satstabellen {table} anbefaler minst 1 brukerrepresentant per arbeidsgruppe.",
        "en": "The rate table {table} recommends at least 1 user representative per working "
              "group.",
    },
    "kost_breakfast_not_deducted_one": {
        "nb": "Ingen måltidstrekk for {count} frokost: ulegitimert nattillegg for 1 natt",
        "en": "No meal deduction for {count} breakfast: night allowance without receipt for "
              "1 night",
    },
    "travel_night_one": {
        "nb": "Nattillegg uten kvittering: 1 natt × {rate_kr}",
        "en": "Night allowance without receipt: 1 night × {rate_kr}",
    },
    "ledger_not_recorded_invalid_one": {
        "nb": "Ikke ført: 1 rad som ikke kan leses",
        "en": "Not recorded: 1 row that cannot be read",
    },
})


def counted_key(key: str, params: Mapping[str, object]) -> str:
    """`key`, or its words for one when the number it counts is 1."""
    name = COUNTED.get(key)
    if name is not None and params.get(name) == 1 and f"{key}_one" in TEMPLATES:
        return f"{key}_one"
    return key


def text(key: str, params: Mapping[str, object], lang: str) -> str:
    template = TEMPLATES[counted_key(key, params)][lang]
    values = {name: _value(name, value, lang) for name, value in params.items()}
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
