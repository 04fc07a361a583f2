"""The cache of validated tables: the same tables as reading the files, and never a stale one."""

from __future__ import annotations

import datetime as dt
import gc
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from honorar import launch, tablecache
from honorar.cli import app
from honorar.engine import calculate
from honorar.tablecache import TableCache, default_directory
from honorar.tables import Catalogue, TableError, read_table

from .conftest import meeting

SHIPPED_UNN = Path(__file__).parent.parent / "rates" / "unn" / "2022-01-01.yaml"


@pytest.fixture
def table_file(tmp_path) -> Path:
    folder = tmp_path / "rates" / "unn"
    folder.mkdir(parents=True)
    path = folder / "2022-01-01.yaml"
    path.write_bytes(SHIPPED_UNN.read_bytes())
    return path


def entries(cache: TableCache) -> list[Path]:
    return sorted(cache.directory.glob("*.pickle")) if cache.directory.is_dir() else []


def refuse_to_parse(monkeypatch) -> None:
    def parse_again(*args, **kwargs):
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(tablecache, "read_table", parse_again)


def test_a_table_read_twice_comes_the_second_time_from_the_cache(tmp_path, table_file, monkeypatch):
    cache = TableCache(tmp_path / "cache")
    first = cache.read(table_file)
    assert len(entries(cache)) == 1
    refuse_to_parse(monkeypatch)
    again = cache.read(table_file)
    assert again == first == read_table(SHIPPED_UNN)
    assert again.activities["meeting"].physical.rate.kr == Decimal("392")


def test_a_cached_table_calculates_exactly_as_the_file_does(tmp_path, table_file):
    cache = TableCache(tmp_path / "cache")
    cache.read(table_file)
    cached = cache.read(table_file)
    for hours in ("0.5", "2.5", "3", "4", "5.25"):
        for attendance in ("physical", "remote"):
            met = meeting(attendance=attendance, hours=hours)
            assert calculate(met, cached) == calculate(met, read_table(table_file))


def test_a_changed_file_is_read_afresh(tmp_path, table_file):
    cache = TableCache(tmp_path / "cache")
    cache.read(table_file)
    table_file.write_text(table_file.read_text(encoding="utf-8").replace("kr: 392,", "kr: 400,"),
                          encoding="utf-8")
    assert cache.read(table_file).activities["meeting"].physical.rate.kr == Decimal("400")
    assert len(entries(cache)) == 2


def test_a_broken_file_is_never_cached_and_reported_every_time(tmp_path, table_file):
    cache = TableCache(tmp_path / "cache")
    table_file.write_text("scheme: unn\nname: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(TableError):
            cache.read(table_file)
    assert entries(cache) == []


def test_a_damaged_entry_is_a_miss_and_is_replaced(tmp_path, table_file):
    cache = TableCache(tmp_path / "cache")
    cache.read(table_file)
    (entry,) = entries(cache)
    entry.write_bytes(b"not a pickle")
    assert cache.read(table_file) == read_table(table_file)
    assert entry.read_bytes() != b"not a pickle"


def test_a_cache_that_cannot_be_written_only_costs_speed(tmp_path, table_file):
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    assert TableCache(blocked).read(table_file) == read_table(table_file)


def test_an_unreadable_file_is_reported_as_without_the_cache(tmp_path):
    missing = tmp_path / "unn" / "2022-01-01.yaml"
    with pytest.raises(TableError) as caught:
        TableCache(tmp_path / "cache").read(missing)
    assert caught.value.problems[0].file == str(missing)


def test_the_catalogue_reads_through_the_cache(tmp_path, table_file, monkeypatch):
    cache = TableCache(tmp_path / "cache")
    Catalogue([table_file.parent.parent], cache.read).versions("unn")
    refuse_to_parse(monkeypatch)
    found = Catalogue([table_file.parent.parent], cache.read).table_at("unn", dt.date(2022, 3, 15))
    assert found.version == "2022-01-01"


@pytest.mark.parametrize(("environ", "expected"), [
    ({"HONORAR_CACHE_DIR": ""}, None),
    ({"HONORAR_CACHE_DIR": "/somewhere/else"}, Path("/somewhere/else")),
])
def test_the_cache_directory_can_be_moved_or_turned_off(environ, expected):
    assert default_directory(environ) == expected


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG layout is for Linux and the like")
def test_the_cache_lives_in_the_users_cache_directory():
    assert default_directory({"XDG_CACHE_HOME": "/home/kari/.cache"}) == Path("/home/kari/.cache/honorar")


def test_calc_gives_the_same_answer_from_the_cache_and_without_it(tmp_path):
    args = ["calc", "--scheme", "unn", "--date", "2022-03-15", "--attendance", "remote",
            "--hours", "3", "--format", "json"]
    runs = [CliRunner().invoke(app, args, env={"HONORAR_RATES": "", "HONORAR_CACHE_DIR": value})
            for value in (str(tmp_path), str(tmp_path), "")]
    assert [json.loads(r.stdout)["total"] for r in runs] == ["980.00"] * 3
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert len(list((tmp_path / "tables").glob("*.pickle"))) == 1


@pytest.mark.parametrize("collecting", [True, False])
def test_the_entry_point_leaves_collection_as_it_found_it(monkeypatch, collecting):
    seen = []
    monkeypatch.setattr("honorar.cli.main", lambda: seen.append(gc.isenabled()))
    (gc.enable if collecting else gc.disable)()
    try:
        launch.main()
        assert seen == [collecting] and gc.isenabled() is collecting
    finally:
        gc.unfreeze()
        gc.enable()
