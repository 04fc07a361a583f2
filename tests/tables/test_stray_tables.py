"""No table ignored in silence: where a table file lies decides whether it is used, and one
that would not be used is named on stderr by every command that reads tables. And a new
version that drops what the one before it has is a warning of `rates check`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from honorar.tables.catalogue import Catalogue, shipped_rates_dir, stray_tables

from ..conftest import run_cli

SHIPPED_UNN = shipped_rates_dir() / "unn" / "2022-01-01.yaml"


def invoke(*args: str):
    return run_cli(*args, columns=120)


def unn_2024(path: Path, change=None) -> Path:
    """A new UNN version (2024-01-01, the rate raised to kr 400) written to `path`."""
    data = yaml.safe_load(SHIPPED_UNN.read_text(encoding="utf-8"))
    data["effective"] = "2024-01-01"
    data["activities"]["meeting"]["physical"]["rate"]["kr"] = 400
    if change is not None:
        change(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def calc_2024(rates: Path, *extra: str):
    return invoke("calc", "--scheme", "unn", "--date", "2024-03-01", "--hours", "1",
                  "--rates-dir", str(rates), "--format", "json", *extra)


def rate_used(result) -> str:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["honorarium"]


# ------------------------------------------------------------------- used where it lies


@pytest.mark.parametrize("where", ["unn/2024-01-01.yml", "UNN/2024-01-01.yaml",
                                   "Unn/2024-01-01.YAML"])
def test_a_yml_file_or_a_folder_in_other_case_is_used(tmp_path, where):
    unn_2024(tmp_path / where)
    result = calc_2024(tmp_path)
    assert rate_used(result) == "400.00"
    assert result.stderr == ""


def test_a_rates_directory_that_is_itself_a_scheme_folder_is_used(tmp_path):
    unn_2024(tmp_path / "unn" / "2024-01-01.yaml")
    result = calc_2024(tmp_path / "unn")
    assert rate_used(result) == "400.00"
    assert result.stderr == ""
    listed = invoke("rates", "list", "--rates-dir", str(tmp_path / "unn"), "--format", "json")
    assert "2024-01-01" in listed.stdout


# --------------------------------------------------------------- named where it is not


@pytest.mark.parametrize(("where", "words"), [
    ("2024-01-01.yaml", "men den ligger rett i satsmappen; legg den i {dir}/unn/"),
    ("unm/2024-01-01.yaml", "men den ligger i mappen «unm»; legg den i {dir}/unn/"),
    ("gamle satser/2024-01-01.yml", "men den ligger i mappen «gamle satser»; legg den i "
                                    "{dir}/unn/"),
])
def test_a_table_that_is_not_used_is_named_on_stderr(tmp_path, where, words):
    path = unn_2024(tmp_path / where)
    result = calc_2024(tmp_path)
    assert rate_used(result) == "392.00"  # the shipped table: the stray one is not used
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"honorar: advarsel: {path} brukes ikke: det er en tabell "
                               "for «unn», ")
    assert lines[0].endswith(words.format(dir=tmp_path))


def test_the_warning_in_english(tmp_path):
    path = unn_2024(tmp_path / "unm" / "2024-01-01.yaml")
    result = calc_2024(tmp_path, "--lang", "en")
    assert result.stderr == (f"honorar: warning: {path} is not used: it is a table of 'unn', "
                             f"but it lies in the folder 'unm'; put it in {tmp_path}/unn/\n")


COMMANDS = [
    ["calc", "--scheme", "unn", "--date", "2023-03-01", "--hours", "1"],
    ["audit", "{claims}"],
    ["budget", "--scheme", "unn", "--reps", "2", "--date", "2023-03-01"],
    ["rates", "list"],
    ["rates", "show", "unn"],
    ["rates", "diff", "unn@2022-01-01", "unn@2022-01-01"],
    ["rates", "check", str(SHIPPED_UNN)],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_that_reads_tables_names_it_once(tmp_path, command):
    rates = tmp_path / "rates"
    unn_2024(rates / "2024-01-01.yaml")
    claims = tmp_path / "krav.csv"
    claims.write_text("Krav-ID;Navn;Ordning;Dato;Timer;Oppmøte;Honorar\n"
                      "K-1;Kari;unn;01.03.2023;1;fysisk;392\nK-2;Ola;unn;02.03.2023;1;fysisk;392\n",
                      encoding="cp1252")
    args = [a.replace("{claims}", str(claims)) for a in command]
    result = invoke(*args, "--rates-dir", str(rates))
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr.count("brukes ikke") == 1, result.stderr


@pytest.mark.parametrize("folder", ["unm", "fousam"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_folder_holding_only_another_schemes_table_is_named_not_fatal(tmp_path, command,
                                                                        folder):
    """`unm/` (a slip of the keyboard) or `fousam/` with nothing but a table of unn: the
    table is named as not used, and every command still runs on the tables it can use."""
    rates = tmp_path / "rates"
    stray = unn_2024(rates / folder / "2024-01-01.yaml")
    claims = tmp_path / "krav.csv"
    claims.write_text("Krav-ID;Navn;Ordning;Dato;Timer;Oppmøte;Honorar\n"
                      "K-1;Kari;unn;01.03.2023;1;fysisk;392\n"
                      "K-2;Ola;fousam;02.03.2023;1;fysisk;850\n", encoding="utf-8")
    args = [a.replace("{claims}", str(claims)) for a in command]
    result = invoke(*args, "--rates-dir", str(rates))
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr.splitlines() == [
        f"honorar: advarsel: {stray} brukes ikke: det er en tabell for «unn», men den ligger "
        f"i mappen «{folder}»; legg den i {rates}/unn/"]


def test_a_folder_of_no_scheme_is_no_scheme(tmp_path):
    unn_2024(tmp_path / "unm" / "2024-01-01.yaml")
    tables = Catalogue([tmp_path, shipped_rates_dir()])
    assert "unm" not in tables.scheme_names()
    assert tables.versions("unm") is None
    assert [str(f.table.effective) for f in tables.versions("unn").files] == ["2022-01-01"]


def test_folders_of_other_data_and_of_travel_rules_are_not_named(tmp_path):
    for folder in ("_plans", "_g", "state-travel"):
        shutil.copytree(shipped_rates_dir() / folder, tmp_path / folder)
    (tmp_path / "mapping.yaml").write_text("columns: {Navn: representative}\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text("scheme: unn\nmeetings:\n  - {activity: meeting, hours: 2}\n",
                                        encoding="utf-8")
    unn_2024(tmp_path / "unn" / "2024-01-01.yaml")
    assert stray_tables([tmp_path]) == []
    assert calc_2024(tmp_path).stderr == ""


def test_the_shipped_tables_have_no_strays():
    assert stray_tables([shipped_rates_dir()]) == []
    assert Catalogue([shipped_rates_dir()]).versions("unn") is not None


# ---------------------------------------------------- rates check: what a version drops


def check(path: Path, *extra: str) -> dict:
    result = invoke("rates", "check", str(path), "--format", "json", *extra)
    assert result.exit_code == 0, result.stdout + result.stderr
    [checked] = json.loads(result.stdout)["files"]
    return checked


def notices(checked: dict) -> list[str]:
    return [n["message"] for n in checked.get("notices", checked.get("warnings", []))]


def test_a_version_that_keeps_everything_has_no_drop_notice(tmp_path):
    messages = notices(check(unn_2024(tmp_path / "unn" / "2024-01-01.yaml")))
    assert not [m for m in messages if "ikke i denne versjonen" in m], messages


def test_a_version_that_drops_an_activity_an_attendance_or_a_rule_is_warned_of(tmp_path):
    def drop(data):
        del data["activities"]["teaching"]
        del data["activities"]["meeting"]["remote"]
        del data["activities"]["meeting"]["physical"]["cap"]
        del data["representatives"]

    path = unn_2024(tmp_path / "unn" / "2024-01-01.yaml", drop)
    messages = notices(check(path))
    for expected in (
            "Undervisning / erfaringsformidling har en regel i unn@2022-01-01, men ikke i denne "
            "versjonen: krav for aktiviteten blir activity_not_in_table",
            "Møte (telefon / video) har en regel i unn@2022-01-01, men ikke i denne versjonen",
            "activities.meeting.physical.cap finnes i unn@2022-01-01, men ikke i denne versjonen",
            "representatives.minimum finnes i unn@2022-01-01, men ikke i denne versjonen"):
        assert expected in messages, messages
    # what lies under a dropped attendance is not named again
    assert not [m for m in messages if "activities.meeting.remote" in m], messages
    english = notices(check(path, "--lang", "en"))
    assert ("Meeting (phone / video) has a rule in unn@2022-01-01 but not in this version"
            in english), english
    strict = invoke("rates", "check", str(path), "--strict")
    assert strict.exit_code == 1


@pytest.mark.parametrize("where", ["UNN/2024-01-01.yml", "unn/2024-01-01.yml"])
def test_rates_check_takes_a_table_where_it_is_used(tmp_path, where):
    checked = check(unn_2024(tmp_path / where), "--rates-dir", str(tmp_path))
    messages = notices(checked)
    assert not [m for m in messages if "mappen" in m or "shadow" in m or "skygger" in m], messages
