"""`rates check` says a table in another scheme's folder in the reader's language."""

from __future__ import annotations

from pathlib import Path

from ..conftest import DATA


def test_a_table_in_another_schemes_folder_is_said_in_the_readers_language(cli,
                                                                           tmp_path: Path):
    folder = tmp_path / "other"
    folder.mkdir()
    demo = (DATA / "rates" / "valid" / "demo" / "2024-01-01.yaml").read_text(encoding="utf-8")
    (folder / "own.yaml").write_text(demo.replace("scheme: demo", "scheme: other"),
                                     encoding="utf-8")
    (folder / "t.yaml").write_text(demo, encoding="utf-8")
    args = ("rates", "check", str(folder / "t.yaml"), "--rates-dir", str(tmp_path))
    result = cli(*args)
    assert "t.yaml:1:1: ordningen 'demo' ligger i mappen for 'other'" in result.stdout
    assert "lies in the folder" not in result.stdout
    result = cli(*args, "--lang", "en")
    assert "t.yaml:1:1: scheme 'demo' lies in the folder for 'other'" in result.stdout
