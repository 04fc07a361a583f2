"""Every kind of malformed rate table is reported with its file, line and column.

Each file in tests/data/rates/malformed/ is tests/data/rates/valid/demo/2024-01-01.yaml with
one mistake, and says on its first line what must be reported:
`# expect: LINE:COLUMN: start of the message`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from honorar.tables.catalogue import Catalogue, TableError, read_table

DATA = Path(__file__).parent.parent / "data" / "rates"
MALFORMED = sorted((DATA / "malformed").glob("*.yaml"))


def expectation(path: Path) -> tuple[int, int, str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    line, column, message = first.removeprefix("# expect: ").split(":", 2)
    return int(line), int(column), message.strip()


def problems(path: Path):
    with pytest.raises(TableError) as caught:
        read_table(path)
    return caught.value.problems


def test_the_table_the_mistakes_are_made_in_is_valid():
    table = read_table(DATA / "valid" / "demo" / "2024-01-01.yaml")
    assert table.label == "demo@2024-01-01"


def test_every_kind_of_mistake_has_a_case():
    kinds = {p.stem for p in MALFORMED}
    assert {"unknown_key", "duplicate_key", "missing_rate", "non_numeric_amount",
            "negative_amount", "zero_threshold", "negative_threshold", "three_decimals",
            "yaml_syntax", "tiers_out_of_order", "assumption_without_reason",
            "neither_quote_nor_assumption"} <= kinds


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.stem)
def test_read_table_reports_the_mistake_on_its_line(path):
    line, column, message = expectation(path)
    found = problems(path)
    assert [(p.line, p.column) for p in found if p.message.startswith(message)] == [
        (line, column)], [str(p) for p in found]
    assert all(p.file == str(path) for p in found)


def test_an_unclosed_bracket_names_the_line_it_was_opened_on():
    (problem,) = problems(DATA / "malformed" / "yaml_syntax.yaml")
    assert "begun at line 10" in problem.message  # the line with the missing '}'


def test_two_versions_with_one_date_in_one_directory_name_the_second_files_date():
    with pytest.raises(TableError) as caught:
        Catalogue([DATA / "duplicate"]).versions("demo")
    (problem,) = caught.value.problems
    assert problem.file.endswith("b.yaml")
    assert (problem.line, problem.column) == (3, 1)  # its `effective:`
    assert "a second version of 'demo' effective 2024-01-01" in problem.message
    assert "a.yaml" in problem.message


def test_a_table_in_another_schemes_folder_names_the_line_of_its_scheme(tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    demo = (DATA / "valid" / "demo" / "2024-01-01.yaml").read_text(encoding="utf-8")
    (folder / "own.yaml").write_text(demo.replace("scheme: demo", "scheme: other"),
                                     encoding="utf-8")
    (folder / "t.yaml").write_text(demo, encoding="utf-8")
    with pytest.raises(TableError) as caught:
        Catalogue([tmp_path]).versions("other")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (1, 1)
    assert "scheme 'demo' lies in the folder for 'other'" in problem.message
