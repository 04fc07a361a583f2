"""The cache of validated tables: the same tables as reading the files, and never a stale one."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import stat
import sys
import types
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from honorar import launch
from honorar.cli import app
from honorar.rules.calculation import calculate
from honorar.tables import cache as tablecache
from honorar.tables.cache import TableCache, cached_reader, default_directory
from honorar.tables.catalogue import Catalogue, TableError, read_table

from ..conftest import meeting

SHIPPED_UNN = Path(__file__).parent.parent.parent / "rates" / "unn" / "2022-01-01.yaml"


@pytest.fixture
def table_file(tmp_path) -> Path:
    folder = tmp_path / "rates" / "unn"
    folder.mkdir(parents=True)
    path = folder / "2022-01-01.yaml"
    path.write_bytes(SHIPPED_UNN.read_bytes())
    return path


def entries(cache: TableCache) -> list[Path]:
    return sorted(cache.directory.glob("*.json")) if cache.directory.is_dir() else []


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
    entry.write_bytes(b"not a table")
    assert cache.read(table_file) == read_table(table_file)
    assert entry.read_bytes() != b"not a table"


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
    assert len(list((tmp_path / "tables").glob("*.json"))) == 1


class _CommandLine(types.ModuleType):
    """Stands in for `honorar.cli`: notes whether collection runs while it is imported
    (when `main` is taken from it) and when the command runs."""

    def __init__(self) -> None:
        super().__init__("honorar.cli")
        self.seen: dict[str, bool] = {}

    def __getattr__(self, name: str):
        if name != "main":
            raise AttributeError(name)
        self.seen["importing"] = gc.isenabled()
        return lambda: self.seen.setdefault("running", gc.isenabled())


@pytest.mark.parametrize("collecting", [True, False])
def test_the_entry_point_collects_nothing_while_importing(monkeypatch, collecting):
    command_line = _CommandLine()
    monkeypatch.setitem(sys.modules, "honorar.cli", command_line)
    (gc.enable if collecting else gc.disable)()
    try:
        launch.main()
        assert command_line.seen == {"importing": False, "running": collecting}
        assert gc.isenabled() is collecting
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_new_program_does_not_meet_old_entries(tmp_path, table_file, monkeypatch):
    cache = TableCache(tmp_path / "cache")
    cache.read(table_file)
    monkeypatch.setattr(tablecache, "_code_stamp", lambda: b"another version of honorar")
    refuse_to_parse(monkeypatch)
    with pytest.raises(AssertionError, match="parsed again"):
        TableCache(tmp_path / "cache").read(table_file)


def test_with_no_stamp_to_be_had_nothing_is_cached(tmp_path, table_file, monkeypatch):
    monkeypatch.setattr(tablecache, "_code_stamp", lambda: b"")
    cache = TableCache(tmp_path / "cache")
    assert cache.read(table_file) == read_table(table_file)
    assert entries(cache) == []


def test_the_stamp_changes_with_the_loading_code(tmp_path, monkeypatch):
    stamp = tablecache._code_stamp()
    package = tmp_path / "honorar"
    package.mkdir()
    for name in tablecache._LOADERS:
        (package / name).write_bytes((Path(tablecache.__file__).parent / name).read_bytes())
    monkeypatch.setattr(tablecache, "__file__", str(package / "tablecache.py"))
    assert tablecache._code_stamp() == stamp
    (package / "schema.py").write_bytes((package / "schema.py").read_bytes() + b"\n# changed\n")
    assert tablecache._code_stamp() not in (stamp, b"")


posix_only = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="owners and modes are POSIX")


@posix_only
def test_an_entry_others_may_write_is_not_loaded(tmp_path, table_file, monkeypatch):
    cache = TableCache(tmp_path / "cache")
    cache.read(table_file)
    (entry,) = entries(cache)
    entry.write_bytes(entry.read_bytes().replace(b'"kr":"392"', b'"kr":"999"', 1))
    assert cache.read(table_file).activities["meeting"].physical.rate.kr == Decimal("999")
    entry.chmod(0o666)  # now anyone could have written it
    assert cache.read(table_file) == read_table(table_file)


@posix_only
def test_a_folder_others_may_write_is_neither_read_nor_written(tmp_path, table_file, monkeypatch):
    shared = tmp_path / "shared"
    (shared / "tables").mkdir(parents=True)
    (shared / "tables").chmod(0o777)
    cache = TableCache(shared)
    assert cache.read(table_file) == read_table(table_file)
    assert entries(cache) == []


@posix_only
def test_a_new_cache_folder_is_the_users_alone(tmp_path, table_file):
    cache = TableCache(tmp_path / "cache")
    cache.read(table_file)
    assert stat.S_IMODE(cache.directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(cache.base.stat().st_mode) == 0o700


def test_the_library_reader_works_with_the_cache_off(shipped):
    read = cached_reader({"HONORAR_CACHE_DIR": ""})
    assert read is read_table
    table = Catalogue(shipped.dirs, read).table_at("unn", dt.date(2022, 3, 15))
    assert table.version == "2022-01-01"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG layout is for Linux and the like")
def test_a_relative_xdg_cache_home_is_ignored():
    assert default_directory({"XDG_CACHE_HOME": "relative/cache"}) == Path.home() / ".cache" / "honorar"


def test_old_entries_are_removed_beyond_a_limit(tmp_path, table_file, monkeypatch):
    monkeypatch.setattr(tablecache, "ENTRIES_KEPT", 2)
    cache = TableCache(tmp_path / "cache")
    text = table_file.read_text(encoding="utf-8")
    for rate in ("392", "393", "394", "395"):
        table_file.write_text(text.replace("kr: 392,", f"kr: {rate},"), encoding="utf-8")
        cache.read(table_file)
    assert len(entries(cache)) == 2
    refuse_to_parse(monkeypatch)  # the newest is one of those kept
    assert cache.read(table_file).activities["meeting"].physical.rate.kr == Decimal("395")


# ----------------------------------------------- nothing planted runs or reaches elsewhere


class _Planted:
    """A pickle that, loaded, leaves a file behind: what loading an entry must never do."""

    def __init__(self, mark: Path) -> None:
        self.mark = mark

    def __reduce__(self):
        return (Path.write_text, (self.mark, "code ran"))


def test_entries_are_json_data_and_a_table_again_on_loading(tmp_path, table_file):
    cache = TableCache(tmp_path / "cache")
    cache.read(table_file)
    (entry,) = entries(cache)
    kind, _, data = entry.read_bytes().partition(b"\n")
    assert kind == b"rate" and json.loads(data)["scheme"] == "unn"
    entry.write_bytes(entry.read_bytes().replace(b'"kr":"392"', b'"kr":"-1"', 1))
    assert cache.read(table_file) == read_table(table_file)  # refused, and the file read


@posix_only
def test_a_planted_pickle_is_never_loaded_and_is_removed(tmp_path, table_file):
    import hashlib
    import pickle

    cache = TableCache(tmp_path / "cache")
    cache.read(table_file)
    (entry,) = entries(cache)
    mark = tmp_path / "code-ran"
    for name in (entry.name, entry.with_suffix(".pickle").name):
        (cache.directory / name).write_bytes(pickle.dumps(_Planted(mark)))
    stamp = tablecache._code_stamp()
    assert entry.stem == hashlib.sha256(stamp + table_file.read_bytes()).hexdigest()
    assert TableCache(tmp_path / "cache").read(table_file) == read_table(table_file)
    assert not mark.exists()
    assert not entry.with_suffix(".pickle").exists()  # the pruning took the old entry


@posix_only
def test_a_tables_folder_that_is_a_link_is_neither_written_into_nor_pruned(tmp_path, table_file,
                                                                          monkeypatch):
    monkeypatch.setattr(tablecache, "ENTRIES_KEPT", 1)
    elsewhere = tmp_path / "precious"
    elsewhere.mkdir(mode=0o700)
    keepsakes = [elsewhere / f"{'ab' * 32}.json", elsewhere / f"{'cd' * 32}.pickle"]
    for keepsake in keepsakes:
        keepsake.write_text("mine")
    base = tmp_path / "cache"
    base.mkdir(mode=0o700)
    (base / "tables").symlink_to(elsewhere, target_is_directory=True)
    for _ in range(2):
        assert TableCache(base).read(table_file) == read_table(table_file)
    assert sorted(elsewhere.iterdir()) == sorted(keepsakes)
    assert all(k.read_text() == "mine" for k in keepsakes)


@posix_only
def test_a_cache_folder_that_is_a_link_is_not_used(tmp_path, table_file):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "cache").symlink_to(elsewhere, target_is_directory=True)
    assert TableCache(tmp_path / "cache").read(table_file) == read_table(table_file)
    assert list(elsewhere.iterdir()) == []


@posix_only
def test_links_in_the_cache_folder_are_not_followed_written_through_or_pruned(
        tmp_path, table_file, monkeypatch):
    cache = TableCache(tmp_path / "cache")
    cache.read(table_file)
    (entry,) = entries(cache)
    outside = tmp_path / "outside.json"
    outside.write_bytes(entry.read_bytes().replace(b'"kr":"392"', b'"kr":"999"', 1))
    entry.unlink()
    entry.symlink_to(outside)  # an entry that is a link to a table of someone's choosing
    other = cache.directory / f"{'ef' * 32}.json"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    other.symlink_to(victim)
    monkeypatch.setattr(tablecache, "ENTRIES_KEPT", 1)
    table = TableCache(tmp_path / "cache").read(table_file)
    assert table.activities["meeting"].physical.rate.kr == Decimal("392")  # not the link's
    assert b'"kr":"999"' in outside.read_bytes()  # written over? no: the link was replaced
    assert victim.read_text() == "keep me" and other.is_symlink()  # not pruned through


def test_a_travel_table_comes_back_from_the_cache_as_one(tmp_path, monkeypatch):
    travel = sorted((Path(__file__).parent.parent.parent / "rates" / "state-travel").glob("*.yaml"))[0]
    cache = TableCache(tmp_path / "cache")
    first = cache.read(travel)
    (entry,) = entries(cache)
    assert entry.read_bytes().startswith(b"travel\n")
    refuse_to_parse(monkeypatch)
    assert TableCache(tmp_path / "cache").read(travel) == first


def test_a_table_from_the_cache_costs_no_yaml_and_no_dataclass_schemas(tmp_path, table_file):
    """A start with a warm cache neither parses YAML nor builds pydantic's dataclass support
    (the table texts are plain classes that give pydantic their own validator)."""
    import subprocess

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from honorar.tables.cache import TableCache\n"
        f"table = TableCache(Path({str(tmp_path / 'cache')!r})).read(Path({str(table_file)!r}))\n"
        "print(table.name.nb, sorted(m for m in ('yaml', 'pydantic.dataclasses')"
        " if m in sys.modules))\n"
    )
    TableCache(tmp_path / "cache").read(table_file)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().endswith("[]"), done.stdout
    assert "UNN" in done.stdout
