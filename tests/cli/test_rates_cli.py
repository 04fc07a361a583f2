"""`honorar rates list | show | check | diff` as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from honorar.tables.catalogue import shipped_rates_dir

from ..conftest import run_cli

DATA = Path(__file__).parent.parent / "data" / "rates"
MALFORMED = sorted((DATA / "malformed").glob("*.yaml"))
NEW = DATA / "my-rates" / "unn" / "2024-01-01.yaml"
SHIPPED_UNN = shipped_rates_dir() / "unn" / "2022-01-01.yaml"
NBSP = "\u00a0"


def invoke(*args: str, env: dict | None = None):
    return run_cli("rates", *args, columns=250, env=env)


def as_json(result) -> dict:
    return json.loads(result.stdout)


def drop(tmp_path: Path, folder: str, name: str, text: str) -> Path:
    """A table file dropped into <tmp>/<folder>/<name>."""
    path = tmp_path / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


UNN_TEXT = SHIPPED_UNN.read_text(encoding="utf-8")


# -------------------------------------------------------------------------------- list


def test_list_shows_every_scheme_version_and_file():
    result = invoke("list")
    assert result.exit_code == 0, result.stderr
    for words in ("unn", "fousam", "2022-01-01", "2018-06-01", str(SHIPPED_UNN), "gjelder i dag"):
        assert words in result.stdout


def test_list_json_marks_the_version_in_force_today():
    data = as_json(invoke("list", "--format", "json"))
    schemes = {s["scheme"]: s for s in data["schemes"]}
    assert set(schemes) == {"unn", "fousam", "neuro-sysmed", "state-travel", "tax-free"}
    (version,) = schemes["unn"]["versions"]
    assert version == {"version": "2022-01-01", "file": str(SHIPPED_UNN), "shadows": [],
                       "in_force": True}
    assert data["search_path"][-1] == str(shipped_rates_dir()) and data["problems"] == []


def test_a_user_directory_shadows_the_same_version_and_nothing_else():
    data = as_json(invoke("list", "--format", "json", "--rates-dir", str(DATA / "shadow")))
    schemes = {s["scheme"]: s["versions"] for s in data["schemes"]}
    (unn,) = schemes["unn"]
    assert unn["file"] == str(DATA / "shadow" / "unn" / "2022-01-01.yaml")
    assert unn["shadows"] == [str(SHIPPED_UNN)]
    (fousam,) = schemes["fousam"]
    assert fousam["shadows"] == [] and Path(fousam["file"]).is_relative_to(shipped_rates_dir())


def test_a_user_directory_in_the_environment_is_listed_first_with_its_new_version():
    result = invoke("list", env={"HONORAR_RATES": str(DATA / "my-rates")})
    assert result.exit_code == 0
    assert result.stdout.index(str(DATA / "my-rates")) < result.stdout.index(str(shipped_rates_dir()))
    data = as_json(invoke("list", "--format", "json", env={"HONORAR_RATES": str(DATA / "my-rates")}))
    versions = {s["scheme"]: s["versions"] for s in data["schemes"]}["unn"]
    assert [(v["version"], v["in_force"], v["shadows"]) for v in versions] == [
        ("2022-01-01", False, []), ("2024-01-01", True, [])]
    assert "shadows" not in result.stdout and "skygger" not in result.stdout


def test_list_reports_a_broken_directory_and_still_lists_the_rest():
    result = invoke("list", "--rates-dir", str(DATA / "duplicate"))
    assert result.exit_code == 2
    assert "unn" in result.stdout and "fousam" in result.stdout
    assert "kan ikke leses" in result.stdout  # the broken scheme, named
    assert "b.yaml:3:1: en versjon til av 'demo' som gjelder fra 2024-01-01" in result.stderr
    english = invoke("list", "--rates-dir", str(DATA / "duplicate"), "--lang", "en").stderr
    assert "b.yaml:3:1: a second version of 'demo'" in english
    assert "Traceback" not in result.stderr


def test_list_refuses_a_rates_dir_that_is_not_there(tmp_path):
    result = invoke("list", "--rates-dir", str(tmp_path / "nowhere"), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "is not a directory" in result.stderr


# -------------------------------------------------------------------------------- show


def test_show_lays_out_the_version_in_force_today_with_sources_and_assumptions():
    result = invoke("show", "unn")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "unn@2022-01-01" in out
    for words in (f"392,00{NBSP}kr per time", f"høyst 1{NBSP}960,00{NBSP}kr",
                  "til og med 2,5 timer", "over 2,5 timer", "«Møter timesats  Kr. 392,-»",
                  "[antakelse 1]", "Antakelser og begrunnelser",
                  "Timene rundes opp til påbegynt halvtime",
                  "Veilederen setter ingen øvre grense for tapt arbeidsfortjeneste",
                  "minst 2 brukerrepresentanter"):
        assert words in out, words
    english = invoke("show", "unn", "--lang", "en").stdout
    for words in ("UNN / Helse Nord RHF – user bank", "UNN guide",
                  "Hours are rounded up to the started half hour",
                  "The guide names no upper limit for lost income"):
        assert words in english, words
    assert "Timene rundes" not in english and "Hours are rounded" not in out


def test_show_a_date_picks_the_version_in_force_on_it():
    for spec in ("unn@2022-01-01", "unn@2023-05-01", "unn@01.05.2023"):
        assert as_json(invoke("show", spec, "--format", "json"))["version"] == "2022-01-01"
    data = as_json(invoke("show", "unn@2024-06-01", "--format", "json",
                          "--rates-dir", str(DATA / "my-rates")))
    assert data["version"] == "2024-01-01"


def test_show_a_file_not_yet_installed():
    result = invoke("show", str(NEW), "--lang", "en")
    assert result.exit_code == 0
    assert "unn@2024-01-01" in result.stdout and "NOK 410.00 per hour" in result.stdout
    assert "seminar" in result.stdout


def test_show_fousam_rules_beside_the_fees():
    out = invoke("show", "fousam", "--lang", "en").stdout
    for words in ("Never paid", "ordinary peer work", "Written agreement", "required",
                  "peer assignment: up to NOK 300.00", "should not be older than 3 months",
                  "at most NOK 1,500.00", "no duration given: last tier"):
        assert words in out, words


def test_show_json_lists_items_with_sources_and_assumptions_with_reasons():
    data = as_json(invoke("show", "unn", "--format", "json"))
    items = {i["item"]: i for i in data["items"]}
    rate = items["activities.meeting.physical.rate"]
    assert (rate["value"], rate["unit"]) == ("392.00", "kr")
    assert rate["source"]["quote"] == "Møter timesats  Kr. 392,-"
    assert items["activities.meeting.remote.tiers.0.up_to_hours"]["value"] == "2.5"
    assert items["lost_income.cap"]["value"] is None
    rounding = next(a for a in data["assumptions"] if "rundes opp" in a["assumption"])
    assert rounding["reason"] and rounding["items"] == [
        "activities.meeting.physical.rounding.step_hours",
        "activities.meeting.physical.rounding.direction"]
    # the table's own texts follow --lang; a quote is the source's words in either
    english = as_json(invoke("show", "unn", "--format", "json", "--lang", "en"))
    assert english["name"] == "UNN / Helse Nord RHF – user bank"
    assert english["document"]["short"] == "UNN guide"
    assert any("rounded up" in a["assumption"] for a in english["assumptions"])
    english_items = {i["item"]: i for i in english["items"]}
    assert english_items["activities.meeting.physical.rate"]["source"]["quote"] == \
        "Møter timesats  Kr. 392,-"


@pytest.mark.parametrize(("spec", "words"), [
    ("unn@2021-12-31", "no version of 'unn' is in force on 2021-12-31"),
    ("nope", "unknown scheme 'nope' (known: fousam, neuro-sysmed, state-travel, tax-free, unn)"),
    ("unn@yesterday", "the version:"),
    ("missing.yaml", "missing.yaml"),
])
def test_show_a_version_that_is_not_there_is_one_line(spec, words):
    result = invoke("show", spec, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith("honorar: error:") and result.stderr.count("\n") == 1
    assert words in result.stderr


def test_show_a_broken_file_names_its_line():
    path = DATA / "malformed" / "three_decimals.yaml"
    result = invoke("show", str(path))
    assert result.exit_code == 2
    assert f"{path}:10:14:" in result.stderr and result.stderr.count("\n") == 1


# ------------------------------------------------------------------------------- check


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.stem)
def test_check_reports_each_mistake_with_file_line_and_column(path):
    expected = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
    result = invoke("check", str(path), "--lang", "en")
    assert result.exit_code == 2
    assert f"{path}:{expected}" in result.stdout, result.stdout
    # in bokmål the same place, and none of the English words
    norwegian = invoke("check", str(path)).stdout
    place, _, words = expected.partition(": ")
    assert f"{path}:{place}: " in norwegian and words not in norwegian, norwegian


def test_check_a_valid_file():
    result = invoke("check", str(NEW))
    assert result.exit_code == 0, result.stdout
    assert f"{NEW}: gyldig (unn@2024-01-01)" in result.stdout
    assert "valid (unn@2024-01-01)" in invoke("check", str(NEW), "--lang", "en").stdout


def test_check_the_shipped_tables():
    result = invoke("check", str(SHIPPED_UNN), str(shipped_rates_dir() / "fousam" / "2018-06-01.yaml"))
    assert result.exit_code == 0, result.stdout
    assert "advarsel" not in result.stdout


def test_check_reports_every_problem_of_every_file(tmp_path):
    broken = drop(tmp_path, "x", "t.yaml", UNN_TEXT.replace("kr: 392,", "kr: lots,")
                  .replace("name: {nb", "nom: {nb"))
    result = invoke("check", str(broken), str(NEW), "--format", "json")
    assert result.exit_code == 2
    files = as_json(result)["files"]
    assert [f["valid"] for f in files] == [False, True]
    assert len(files[0]["problems"]) >= 3  # 'nom' unknown, 'name' missing, 'kr' not a number
    assert all(p["line"] for p in files[0]["problems"])


def test_check_an_empty_file_and_a_file_that_is_not_a_table(tmp_path):
    empty = drop(tmp_path, "x", "empty.yaml", "")
    listed = drop(tmp_path, "x", "list.yaml", "- a\n- b\n")
    result = invoke("check", str(empty), str(listed), "--lang", "en")
    assert result.exit_code == 2
    assert f"{empty}: the file is empty" in result.stdout
    assert f"{listed}:1:1: a rate table is a mapping of keys" in result.stdout


def test_check_a_file_that_is_not_there(tmp_path):
    result = invoke("check", str(tmp_path / "gone.yaml"))
    assert result.exit_code == 2 and "gone.yaml" in result.stdout


def test_check_a_file_whose_aliases_multiply_or_loop_is_problems_not_a_crash(tmp_path):
    # seven lines that a naive expansion turns into a million values
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 7)]
    laughs = drop(tmp_path, "x", "laughs.yaml", "\n".join(lines) + "\n")
    looped = drop(tmp_path, "x", "loop.yaml", "scheme: unn\nname: &n [*n]\n")
    merged = drop(tmp_path, "x", "merge.yaml", "scheme: unn\nname: &n {<<: *n}\n")
    deep = drop(tmp_path, "x", "deep.yaml", "a: " + "[" * 900 + "]" * 900 + "\n")
    result = invoke("check", str(laughs), str(looped), str(merged), str(deep), "--lang", "en")
    assert result.exit_code == 2, result.stderr
    assert f"{laughs}: the aliases (*) and merges (<<) in this file stand for too many values" \
        in result.stdout
    assert f"{looped}:2:7: this anchor's value holds an alias to itself" in result.stdout
    assert f"{merged}:2:7: this anchor's value holds an alias to itself" in result.stdout
    assert f"{deep}: nested too deeply" in result.stdout


def test_a_mistake_inside_an_anchor_is_reported_where_it_is_written_for_every_alias(tmp_path):
    fousam = (shipped_rates_dir() / "fousam" / "2018-06-01.yaml").read_text(encoding="utf-8")
    wrong = drop(tmp_path, "x", "f.yaml", fousam.replace("kr: 850,", "kr: 850.555,", 1))
    result = invoke("check", str(wrong), "--lang", "en")
    assert result.exit_code == 2
    line = next(i for i, text in enumerate(wrong.read_text().splitlines(), 1) if "850.555" in text)
    for activity in ("meeting", "teaching", "training", "seminar", "full_day"):
        assert (f"{wrong}:{line}:20: activities.{activity}.physical.tiers.0.amount.kr: an amount "
                f"has at most two decimals") in result.stdout, result.stdout


def test_check_warns_about_a_version_before_the_newest_installed_one(tmp_path):
    early = drop(tmp_path, "unn", "2021-01-01.yaml",
                 UNN_TEXT.replace("effective: 2022-01-01", "effective: 2021-01-01"))
    result = invoke("check", str(early), "--lang", "en")
    assert result.exit_code == 0, result.stdout
    assert (f"{early}:6:1: warning: Effective 2021-01-01, before the newest installed version "
            f"unn@2022-01-01: it applies only to meetings up to 2021-12-31") in result.stdout
    assert invoke("check", str(early), "--strict").exit_code == 1


def test_check_warns_about_an_amount_that_drops_by_more_than_half(tmp_path):
    cut = drop(tmp_path, "unn", "2024-01-01.yaml", UNN_TEXT
               .replace("effective: 2022-01-01", "effective: 2024-01-01")
               .replace("kr: 392, quote", "kr: 150, quote", 1))
    result = invoke("check", str(cut), "--format", "json")
    assert result.exit_code == 0
    # the table copied with its dates and quotes left as they were says so too
    warnings = as_json(result)["files"][0]["warnings"]
    assert [w["code"] for w in warnings] == ["drops_by_half", "amount_not_in_quote",
                                             "validity_before_effective",
                                             "review_before_effective"]
    warning = warnings[0]
    assert warning["code"] == "drops_by_half"
    assert warning["item"] == "activities.meeting.physical.rate"
    assert (warning["line"], warning["column"]) == (18, 7)  # the `rate:` line
    assert warning["message"] == (f"activities.meeting.physical.rate: 392,00{NBSP}kr i "
                                  f"unn@2022-01-01 blir 150,00{NBSP}kr, mer enn halvert")


def test_check_warns_about_an_amount_that_more_than_doubles(tmp_path):
    raised = drop(tmp_path, "unn", "2024-01-01.yaml", UNN_TEXT
                  .replace("effective: 2022-01-01", "effective: 2024-01-01")
                  .replace("kr: 392, quote", "kr: 800, quote", 1))
    result = invoke("check", str(raised), "--lang", "en")
    assert result.exit_code == 0
    assert (f"{raised}:18:7: warning: activities.meeting.physical.rate: NOK 392.00 in "
            f"unn@2022-01-01 becomes NOK 800.00, more than doubled") in result.stdout


def test_check_warns_about_a_file_outside_its_schemes_folder(tmp_path):
    loose = drop(tmp_path, "drafts", "unn-2024.yaml",
                 UNN_TEXT.replace("effective: 2022-01-01", "effective: 2024-01-01"))
    result = invoke("check", str(loose), "--lang", "en")
    assert result.exit_code == 0
    assert "lies in the folder 'drafts' but is for scheme 'unn'" in result.stdout


def test_check_a_file_in_the_wrong_folder_of_a_rates_directory_is_a_problem(tmp_path):
    wrong = drop(tmp_path, "other", "2024-01-01.yaml", UNN_TEXT)
    result = invoke("check", str(wrong), "--rates-dir", str(tmp_path), "--lang", "en")
    assert result.exit_code == 2
    assert f"{wrong}:4:1: scheme 'unn' lies in the folder for 'other'" in result.stdout


def test_check_a_file_in_a_folder_the_catalogue_skips_is_only_a_warning(tmp_path):
    draft = drop(tmp_path, "_drafts", "unn.yaml",
                 UNN_TEXT.replace("effective: 2022-01-01", "effective: 2024-01-01"))
    result = invoke("check", str(draft), "--rates-dir", str(tmp_path), "--lang", "en")
    assert result.exit_code == 0
    assert "lies in the folder '_drafts' but is for scheme 'unn'" in result.stdout


def test_check_finds_a_second_version_of_the_same_date_beside_the_file():
    result = invoke("check", str(DATA / "duplicate" / "demo" / "b.yaml"), "--lang", "en")
    assert result.exit_code == 2
    assert "b.yaml:3:1: a second version of 'demo' effective 2024-01-01" in result.stdout


def test_check_says_which_file_shadows_which(tmp_path):
    first = drop(tmp_path, "first/unn", "2022-01-01.yaml", UNN_TEXT)
    second = drop(tmp_path, "second/unn", "2022-01-01.yaml", UNN_TEXT)
    dirs = ["--rates-dir", str(tmp_path / "first"), "--rates-dir", str(tmp_path / "second")]
    hidden = invoke("check", str(second), *dirs, "--lang", "en")
    assert f"Shadowed by {first}, which is searched first" in hidden.stdout
    shown = invoke("check", str(first), *dirs, "--lang", "en")
    assert f"Shadows {second}, which has the same effective date" in shown.stdout
    assert f"Shadows {SHIPPED_UNN}" in shown.stdout
    proposal = drop(tmp_path, "proposals", "unn.yaml", UNN_TEXT)  # from outside a rates dir
    same = invoke("check", str(proposal), "--lang", "en")
    assert f"Same effective date (2022-01-01) as {SHIPPED_UNN}" in same.stdout


def test_check_treats_the_folder_of_a_new_file_as_the_rates_directory_it_will_be_dropped_in(tmp_path):
    shutil.copy(NEW, drop(tmp_path, "mine/unn", "2024-01-01.yaml", "").parent)
    older = drop(tmp_path, "mine/unn", "2023-01-01.yaml",
                 UNN_TEXT.replace("effective: 2022-01-01", "effective: 2023-01-01"))
    result = invoke("check", str(older), "--lang", "en")
    assert "before the newest installed version unn@2024-01-01" in result.stdout


# -------------------------------------------------------------------------------- diff


def test_diff_of_a_table_with_itself_says_there_is_no_difference():
    result = invoke("diff", "unn", "unn@2022-01-01")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Ingen forskjeller mellom unn@2022-01-01 og unn@2022-01-01."
    data = as_json(invoke("diff", "unn", str(SHIPPED_UNN), "--format", "json"))
    assert data["changes"] == [] and data["old"] == data["new"] == "unn@2022-01-01"


def test_diff_json_item_by_item():
    result = invoke("diff", "unn@2022-01-01", str(NEW), "--format", "json")
    assert result.exit_code == 0
    data = as_json(result)
    assert (data["old"], data["new"], data["new_file"]) == ("unn@2022-01-01", "unn@2024-01-01",
                                                            str(NEW))
    assert "impact" not in data
    changes = {c["item"]: c for c in data["changes"]}
    rate = changes["activities.meeting.physical.rate"]
    assert {k: rate[k] for k in ("kind", "old", "new", "change_kr", "change_pct")} == {
        "kind": "changed", "old": "392.00", "new": "410.00", "change_kr": "18.00",
        "change_pct": "4.59"}
    assert rate["old_source"]["quote"] == "Møter timesats  Kr. 392,-"
    threshold = changes["activities.meeting.remote.tiers.0.up_to_hours"]
    assert {k: threshold[k] for k in ("unit", "old", "new", "change", "change_kr", "change_pct")} == {
        "unit": "hours", "old": "2.5", "new": "3", "change": "0.5", "change_kr": None,
        "change_pct": "20.00"}
    seminar = changes["activities.seminar.any.amount"]
    assert (seminar["kind"], seminar["old"], seminar["new"]) == ("added", None, "1025.00")
    assert changes["document.validity"]["kind"] == "changed"


def test_diff_for_people_in_both_languages():
    out = invoke("diff", "unn@2022-01-01", str(NEW)).stdout
    for words in ("Endringer fra unn@2022-01-01 til unn@2024-01-01", "Møte, fysisk oppmøte: timesats",
                  "Møte, telefon / video: over 3 timer",
                  f"392,00{NBSP}kr", f"410,00{NBSP}kr", f"+18,00{NBSP}kr", "+4,6 %",
                  "+0,5 timer", "lagt til", "Endrede kilder", "12 endringer", "01.01.2025"):
        assert words in out, words
    assert "activities." not in out and "2025-01-01" not in out
    english = invoke("diff", "unn@2022-01-01", str(NEW), "--lang", "en").stdout
    for words in ("Changes from", "NOK 410.00", "+NOK 18.00", "+4.6 %", "added", "12 changes"):
        assert words in english, words


def test_diff_the_other_way_round():
    data = as_json(invoke("diff", str(NEW), "unn@2022-01-01", "--format", "json"))
    changes = {c["item"]: c for c in data["changes"]}
    assert changes["activities.meeting.physical.rate"]["change_kr"] == "-18.00"
    assert changes["activities.seminar.any.amount"]["kind"] == "removed"


@pytest.mark.parametrize(("args", "words"), [
    (["unn", "nope"], "the new version: unknown scheme 'nope'"),
    (["unn", "unn", "--by", "scheme"], "--by goes with --impact"),
    (["unn", "unn", "--mapping", "map.yaml"], "--mapping goes with --impact"),
    (["unn", "unn", "--impact", "claims.csv", "--by", "colour"], "--by: 'colour'"),
    (["unn", "unn", "--top", "-1"], "--top"),
    (["unn", "unn", "--format", "xml"], "--format"),
    (["unn", "fousam", "--impact", "claims.csv"], "one scheme"),
    (["unn", str(DATA / "malformed" / "missing_rate.yaml")], "missing_rate.yaml:8:5"),
])
def test_diff_bad_usage_is_one_line(args, words):
    result = invoke("diff", *args, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr


def test_diff_impact_on_a_claims_file():
    claims = DATA / "claims.csv"
    result = invoke("diff", "unn@2022-01-01", str(NEW), "--impact", str(claims),
                    "--by", "representative", "--top", "3", "--format", "json")
    assert result.exit_code == 0, result.stderr
    cost = as_json(result)["impact"]
    # the figures of tests/test_diff_impact.py, worked by hand
    assert {k: cost[k] for k in ("rows", "invalid_rows", "skipped", "undecided", "claims",
                                 "due_old", "due_new", "difference_kr", "difference_pct")} == {
        "rows": 10, "invalid_rows": 1, "skipped": {"fousam": 1},
        "undecided": {"old": 1, "new": 0}, "claims": 7, "due_old": "8928.00",
        "due_new": "8700.00", "difference_kr": "-228.00", "difference_pct": "-2.55"}
    assert [(c["claim_id"], c["difference_kr"]) for c in cost["top"]] == [
        ("C3", "-570.00"), ("C4", "90.00"), ("C5", "90.00")]
    assert cost["top"][0]["row"] == 4
    assert [(b["key"], b["difference_kr"]) for b in cost["breakdown"]] == [
        ("Kari Nordmann", "-426.00"), ("Ola Nordmann", "180.00"), ("Per Hansen", "18.00")]
    human = invoke("diff", "unn@2022-01-01", str(NEW), "--impact", str(claims))
    assert human.exit_code == 0
    for words in ("Kostnadsvirkning", f"8{NBSP}928,00{NBSP}kr", f"8{NBSP}700,00{NBSP}kr",
                  f"-228,00{NBSP}kr (-2,6 %)", "Største endringer"):
        assert words in human.stdout, words


def test_diff_impact_reads_claims_from_standard_input():
    text = (DATA / "claims.csv").read_text(encoding="utf-8")
    result = run_cli("rates", "diff", "unn@2022-01-01", str(NEW), "--impact", "-",
                                      "--format", "json", input=text)
    assert result.exit_code == 0, result.stderr
    assert as_json(result)["impact"]["difference_kr"] == "-228.00"


def test_diff_impact_of_a_missing_claims_file_is_one_line(tmp_path):
    result = invoke("diff", "unn", str(NEW), "--impact", str(tmp_path / "none.csv"))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_diff_impact_of_an_unusable_claims_file_names_it_once(tmp_path):
    for name, content in (("none.csv", None), ("empty.csv", b""), ("dir.csv", "dir")):
        path = tmp_path / name
        if content == "dir":
            path.mkdir()
        elif content is not None:
            path.write_bytes(content)
        result = invoke("diff", "unn", str(NEW), "--impact", str(path))
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(f"honorar: feil: --impact: {path}: ")
        assert result.stderr.count(name) == 1, result.stderr


@pytest.mark.parametrize(("old", "new"), [("state-travel", "unn"), ("unn", "state-travel@2024-01-01")])
def test_diff_of_a_travel_table_and_a_fee_table_is_a_usage_error(old, new):
    result = invoke("diff", old, new, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith("honorar: error: the new version ")
    assert result.stderr.count("\n") == 1
    assert "a travel table and a fee table cannot be compared" in result.stderr
    norsk = invoke("diff", old, new)
    assert "en reisetabell og en satstabell kan ikke sammenlignes" in norsk.stderr


@pytest.mark.parametrize(("lang", "word"), [("nb", "møte"), ("nn", "møte"), ("en", "meeting")])
def test_diff_names_the_activity_a_short_full_day_is_priced_as_in_words(tmp_path, lang, word):
    """`kortere prises som … meeting`: the table's key for the activity, in a Norwegian line."""
    new = tmp_path / "2025-01-01.yaml"
    text = (shipped_rates_dir() / "unn" / "2022-01-01.yaml").read_text(encoding="utf-8")
    new.write_text(text.replace("effective: 2022-01-01", "effective: 2025-01-01")
                   .replace("En heldag er minst fem timer.", "En heldag er minst fem hele timer."),
                   encoding="utf-8")
    result = run_cli("rates", "diff", "unn@2024-01-01", str(new), "--lang", lang, columns=300)
    assert result.exit_code == 0, result.stderr
    line = next(each for each in result.stdout.splitlines()
                if "prises som" in each or "prisa som" in each or "priced as" in each)
    assert line.split()[-2:] == [word, word] and ("meeting" in line) == (lang == "en"), line


@pytest.mark.parametrize(("lang", "said"), [
    ("nb", "gjelder 01.01.1990 (den første gjelder fra 01.01.2022)"),
    ("nn", "gjeld 01.01.1990 (den første gjeld frå 01.01.2022)"),
    ("en", "1990-01-01"),
])
def test_a_date_before_every_version_is_said_as_the_reader_writes_dates(lang, said):
    result = run_cli("rates", "show", "unn@1990-01-01", "--lang", lang)
    assert result.exit_code == 2 and said in result.stderr, result.stderr


@pytest.mark.parametrize(("lang", "said"), [
    ("nb", "tax-free@2025-01-01 er en tabell over trekkfrie satser og state-travel@2026-01-01 er "
           "en reisetabell"),
    ("nn", "ein tabell over trekkfrie satsar"),
    ("en", "tax-free@2025-01-01 is a table of tax-free rates and state-travel@2026-01-01 is a "
           "travel table"),
])
def test_diff_of_a_tax_free_table_and_another_kind_names_each_kind(lang, said):
    """A tax-free table was called a fee table ("en reisetabell og en satstabell")."""
    result = run_cli("rates", "diff", "tax-free@2025-06-01", "state-travel@2026-06-01",
                     "--lang", lang)
    assert result.exit_code == 2 and said in result.stderr, result.stderr
    assert "reisetabell og en satstabell" not in result.stderr


@pytest.mark.parametrize(("lang", "said"), [("nb", "er en mappe"), ("nn", "er ei mappe"),
                                            ("en", "is a directory")])
def test_show_a_folder_says_it_is_a_folder_not_that_there_is_no_file(tmp_path, lang, said):
    result = run_cli("rates", "show", str(tmp_path), "--lang", lang)
    assert result.exit_code == 2 and said in result.stderr, result.stderr
    assert "ingen fil" not in result.stderr and "inga fil" not in result.stderr
