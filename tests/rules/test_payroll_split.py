"""The split of a paid claim into payroll lines, by hand: what the state's rates paid
against Skatteetaten's tax-free rates in force on the payment date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from honorar.rules.paid_parts import PaidPart, from_json, to_json
from honorar.rules.payroll import payroll_lines, taxable_pay
from honorar.tables.catalogue import Catalogue, search_path
from honorar.tables.travel_schema import Rate

CATALOGUE = Catalogue(search_path(environ={}))


def table(day: str):
    found = CATALOGUE.tax_free_at(dt.date.fromisoformat(day))
    assert found is not None
    return found


def kr(text: str) -> int:
    return int(Decimal(text) * 100)


def lines_of(paid_on: str, *parts: PaidPart, lodging: str = "hotel"):
    lines = payroll_lines(tuple(parts), table(paid_on), lodging)
    assert sum(line.amount for line in lines) == sum(Decimal(p.ore) for p in parts) / 100
    return [(line.kind, line.description, str(line.amount), line.withholding,
             line.employer_contribution) for line in lines]


def test_fee_and_lost_income_are_pay_for_a_verv():
    assert lines_of("2024-03-20", PaidPart("fee", kr("1176")),
                    PaidPart("lost_income", kr("2000"))) == [
        ("pay", "styrehonorarOgGodtgjoerelseVerv", "3176.00", True, True)]


def test_one_line_per_description_keeps_the_reasons_of_both_parts():
    (verv,) = payroll_lines((PaidPart("fee", kr("1176")), PaidPart("lost_income", kr("2000"))),
                            table("2024-03-20"))
    assert (verv.part, verv.amount, verv.quantity) == ("fee+lost_income", Decimal("3176.00"),
                                                      None)
    keys = [step.key for step in verv.steps]
    assert keys == ["payroll.step.table", "payroll.step.fee", "payroll.step.lost_income"]


def test_trailer_and_forest_road_km_are_summed_on_one_line():
    # 2024: trailer 1.00 and forest road 1.00 tax-free per km; both paid 1.50 per km
    lines = payroll_lines((PaidPart("trailer", kr("30"), km=Decimal(20)),
                           PaidPart("forest_road", kr("15"), km=Decimal(10))),
                          table("2024-03-20"))
    assert [(li.kind, li.part, li.amount, li.quantity, li.unit) for li in lines] == [
        ("tax_free", "trailer+forest_road", Decimal("30.00"), Decimal(30), "km"),
        ("taxable", "trailer+forest_road", Decimal("15.00"), None, None)]
    assert sum(li.amount for li in lines) == Decimal("45.00")


def test_a_car_in_2024_pays_4_90_against_3_50_tax_free():
    # 100 km × 4.90 = 490.00; tax-free 100 × 3.50 = 350.00; the excess 140.00 is taxable
    assert lines_of("2024-03-20", PaidPart("km", kr("490"), km=Decimal(100), vehicle="car")) == [
        ("tax_free", "kilometergodtgjoerelseBil", "350.00", False, False),
        ("taxable", "kilometergodtgjoerelseBil", "140.00", True, True)]


def test_a_car_km_with_decimals():
    # 123.5 km × 4.90 = 605.15; tax-free 123.5 × 3.50 = 432.25; excess 172.90
    assert lines_of("2024-06-01", PaidPart("km", kr("605.15"), km=Decimal("123.5"),
                                           vehicle="car")) == [
        ("tax_free", "kilometergodtgjoerelseBil", "432.25", False, False),
        ("taxable", "kilometergodtgjoerelseBil", "172.90", True, True)]


def test_quantities_and_units_ride_along():
    lines = payroll_lines((PaidPart("km", kr("490"), km=Decimal(100), vehicle="car"),
                           PaidPart("night", kr("435"), nights=1)), table("2024-03-20"))
    # the km go with the tax-free line, not again with the excess
    assert [(line.quantity, line.unit) for line in lines] == [
        (Decimal(100), "km"), (None, None), (Decimal(1), "nights")]
    (taxable,) = payroll_lines((PaidPart("km", kr("295"), km=Decimal(100),
                                         vehicle="motorcycle"),), table("2024-03-20"))
    assert (taxable.kind, taxable.quantity, taxable.unit) == ("taxable", Decimal(100), "km")


def test_passenger_trailer_and_forest_road_are_within_their_rates():
    assert lines_of("2024-03-20",
                    PaidPart("passenger", kr("150"), passenger_km=Decimal(150)),
                    PaidPart("trailer", kr("20"), km=Decimal(20)),
                    PaidPart("forest_road", kr("10"), km=Decimal(10))) == [
        ("tax_free", "kilometergodtgjoerelsePassasjertillegg", "150.00", False, False),
        ("tax_free", "kilometergodtgjoerelseAndreFremkomstmidler", "30.00", False, False)]


def test_a_motorcycle_has_no_tax_free_rate_so_all_is_taxable():
    # 100 km × 2.95 = 295.00; no sourced tax-free rate for a motorcycle
    assert lines_of("2024-03-20", PaidPart("km", kr("295"), km=Decimal(100),
                                           vehicle="motorcycle")) == [
        ("taxable", "kilometergodtgjoerelseAndreFremkomstmidler", "295.00", True, True)]


def test_a_day_trip_in_2024_pays_369_against_200():
    assert lines_of("2024-03-20", PaidPart("kost", kr("369"), days=("day",), meals=((),))) == [
        ("tax_free", "reiseKostUtenOvernatting", "200.00", False, False),
        ("taxable", "reiseKost", "169.00", True, True)]


def test_a_long_day_in_2024_pays_686_against_400():
    assert lines_of("2024-03-20", PaidPart("kost", kr("686"), days=("long_day",),
                                           meals=((),))) == [
        ("tax_free", "reiseKostUtenOvernatting", "400.00", False, False),
        ("taxable", "reiseKost", "286.00", True, True)]


def test_a_meal_provided_comes_off_the_tax_free_rate_too():
    # 369 less lunch 30 % = 258.30; tax-free 200 less 30 % = 140.00; excess 118.30
    assert lines_of("2024-03-20", PaidPart("kost", kr("258.30"), days=("day",),
                                           meals=(("lunch",),))) == [
        ("tax_free", "reiseKostUtenOvernatting", "140.00", False, False),
        ("taxable", "reiseKost", "118.30", True, True)]


def test_overnight_at_a_hotel_with_a_night_allowance_within_the_rate():
    # 2024: kost 940 per 24 h against 658 at a hotel; night 435 within 435
    assert lines_of("2024-03-20", PaidPart("kost", kr("940"), days=("overnight",), meals=((),)),
                    PaidPart("night", kr("435"), nights=1)) == [
        ("tax_free", "reiseKostMedOvernattingPaaHotell", "658.00", False, False),
        ("taxable", "reiseKost", "282.00", True, True),
        ("tax_free", "reiseNattillegg", "435.00", False, False)]


def test_two_days_and_a_rest_of_a_day():
    # 2 × 940 + 369 = 2 249; tax-free 2 × 658 + 200 = 1 516; excess 733
    assert lines_of("2024-03-20", PaidPart("kost", kr("2249"),
                                           days=("overnight", "overnight", "day"),
                                           meals=((), (), ()))) == [
        ("tax_free", "reiseKostMedOvernattingPaaHotell", "1516.00", False, False),
        ("taxable", "reiseKost", "733.00", True, True)]


def test_a_night_allowance_above_the_tax_free_rate_is_all_taxable():
    lower = table("2024-03-20")
    rate = lower.night_without_receipt
    cheaper = lower.model_copy(update={"night_without_receipt": Rate(
        kr=Decimal(400), assumption=rate.assumption, reason=rate.reason, page=rate.page)})
    lines = payroll_lines((PaidPart("night", kr("870"), nights=2),), cheaper)
    assert [(li.kind, li.description, str(li.amount), li.withholding) for li in lines] == [
        ("taxable", "reiseAnnet", "870.00", True)]


def test_2025_night_allowance_435_is_within_the_452_tax_free():
    assert lines_of("2025-02-01", PaidPart("night", kr("870"), nights=2)) == [
        ("tax_free", "reiseNattillegg", "870.00", False, False)]


@pytest.mark.parametrize(("paid_on", "free", "taxable"), [
    ("2023-08-31", "177.00", "695.00"),  # pensjonat 177 until 31 August 2023
    ("2023-09-01", "250.00", "622.00"),  # 250 from 1 September
])
def test_2023_before_and_after_1_september(paid_on, free, taxable):
    # the state's 2023 overnight rate 872
    assert lines_of(paid_on, PaidPart("kost", kr("872"), days=("overnight",), meals=((),)),
                    lodging="pensjonat") == [
        ("tax_free", "reiseKostMedOvernattingPaaHybelUtenKokEllerPensjonatEllerBrakke", free,
         False, False),
        ("taxable", "reiseKost", taxable, True, True)]


def test_2022_lodging_descriptions_are_the_old_ones():
    # the state's 2022 overnight rate 825; private 95
    assert lines_of("2022-06-01", PaidPart("kost", kr("825"), days=("overnight",), meals=((),)),
                    lodging="private") == [
        ("tax_free", "reiseKostMedOvernattingPaaHybelBrakkePrivat", "95.00", False, False),
        ("taxable", "reiseKost", "730.00", True, True)]


def test_paid_in_january_for_decembers_meeting_the_payment_date_decides():
    # a December 2023 overnight paid at the 2023 state rate 872, paid out in January 2024:
    # 2024's hotel rate 658 is tax-free (2023's would be 634)
    assert lines_of("2024-01-10", PaidPart("kost", kr("872"), days=("overnight",),
                                           meals=((),))) == [
        ("tax_free", "reiseKostMedOvernattingPaaHotell", "658.00", False, False),
        ("taxable", "reiseKost", "214.00", True, True)]
    assert lines_of("2023-12-20", PaidPart("kost", kr("872"), days=("overnight",),
                                           meals=((),)))[0][2] == "634.00"


def test_refunds_and_a_small_gift_are_not_reported():
    lines = payroll_lines((PaidPart("expenses", kr("350")), PaidPart("gift", kr("300"))),
                          table("2024-03-20"))
    assert [(li.kind, li.description, li.benefit, li.withholding, str(li.amount))
            for li in lines] == [("refund", None, None, False, "350.00"),
                                 ("gift", None, None, False, "300.00")]
    assert taxable_pay(lines) == 0


def test_a_gift_over_the_limit_is_left_to_a_person():
    (line,) = payroll_lines((PaidPart("gift", kr("600")),), table("2024-03-20"))
    assert line.kind == "unsplit" and line.needs_person and line.description is None


def test_travel_that_cannot_be_split_is_left_to_a_person():
    (line,) = payroll_lines((PaidPart("travel", kr("1200")),), table("2024-03-20"))
    assert line.kind == "unsplit" and str(line.amount) == "1200.00"


def test_every_line_carries_its_reasons_with_sources():
    lines = payroll_lines((PaidPart("km", kr("490"), km=Decimal(100), vehicle="car"),),
                          table("2024-03-20"))
    taxable = lines[1]
    keys = [s.key for s in taxable.steps]
    assert keys[0] == "payroll.step.table" and "payroll.step.excess" in keys
    excess = next(s for s in taxable.steps if s.key == "payroll.step.excess")
    assert excess.source.quote.startswith("Dersom du utbetaler over trekkfri sats")


def test_parts_round_trip_as_the_ledger_keeps_them():
    parts = (PaidPart("fee", 117600), PaidPart("km", 60515, km=Decimal("123.5"), vehicle="car"),
             PaidPart("kost", 25830, days=("day",), meals=(("lunch",),)),
             PaidPart("night", 43500, nights=1))
    assert from_json(to_json(parts)) == parts


_PART = st.one_of(
    st.builds(lambda o: PaidPart("fee", o), st.integers(1, 10**7)),
    st.builds(lambda o: PaidPart("gift", o), st.integers(1, 10**5)),
    st.builds(lambda o, k, v: PaidPart("km", o, km=Decimal(k) / 10, vehicle=v),
              st.integers(1, 10**6), st.integers(0, 50000), st.sampled_from(["car", "boat"])),
    st.builds(lambda o, k: PaidPart("passenger", o, passenger_km=Decimal(k)),
              st.integers(1, 10**6), st.integers(0, 4000)),
    st.builds(lambda o, d, m: PaidPart("kost", o, days=d, meals=tuple(m[:len(d)]) +
                                       ((),) * max(0, len(d) - len(m))),
              st.integers(1, 10**6),
              st.lists(st.sampled_from(["day", "long_day", "overnight"]), min_size=1,
                       max_size=4).map(tuple),
              st.lists(st.lists(st.sampled_from(["breakfast", "lunch", "dinner"]),
                                max_size=3).map(tuple), max_size=4)),
    st.builds(lambda o, n: PaidPart("night", o, nights=n), st.integers(1, 10**6),
              st.integers(0, 5)),
    st.builds(lambda o: PaidPart("expenses", o), st.integers(1, 10**6)),
    st.builds(lambda o: PaidPart("travel", o), st.integers(1, 10**6)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PART, min_size=1, max_size=8),
       st.sampled_from(["2022-03-01", "2023-03-01", "2023-10-01", "2024-03-01", "2025-03-01"]),
       st.sampled_from(["hotel", "pensjonat", "private"]))
def test_the_lines_of_a_claim_add_up_to_what_was_paid(parts, paid_on, lodging):
    lines = payroll_lines(tuple(parts), table(paid_on), lodging)
    assert sum(line.amount for line in lines) * 100 == sum(p.ore for p in parts)
    assert all(line.amount > 0 for line in lines)
    assert all(line.withholding == line.employer_contribution for line in lines)
    alike = [(line.description, line.benefit, line.withholding) for line in lines
             if line.description is not None]
    assert len(alike) == len(set(alike))  # one line per description (and withholding)


def test_an_unknown_lodging_is_a_problem_with_a_key_not_an_english_line():
    from honorar.problem import ValueProblem

    with pytest.raises(ValueProblem) as raised:
        payroll_lines((PaidPart("fee", kr("392")),), table("2024-03-20"), "telt")
    assert raised.value.said.key == "payroll.lodging"
    assert raised.value.words("nn") == "telt er ikkje ein overnattingsstad; vel hotel, " \
        "pensjonat, private"
