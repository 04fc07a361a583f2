"""The reports' own fast ways of writing cells say exactly what the standard library would."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from honorar.claims.cells import Cache
from honorar.render.audit.csv import LINE_END, csv_cell, neutralise


def written_by_csv_module(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=LINE_END).writerow(cells)
    return buffer.getvalue()


@given(st.lists(st.text(), min_size=2, max_size=5))
def test_a_row_of_text_cells_is_written_as_csv_writer_writes_it(texts: list[str]):
    line = ",".join(map(csv_cell, texts)) + LINE_END
    assert line == written_by_csv_module([neutralise(t) for t in texts])


def test_cells_that_need_quoting_or_neutralising():
    assert csv_cell("Kari Nordmann") == "Kari Nordmann"
    assert csv_cell("=SUM(A1)") == "'=SUM(A1)"
    assert csv_cell('Kari "K" Nordmann') == '"Kari ""K"" Nordmann"'
    assert csv_cell("Nordmann, Kari") == '"Nordmann, Kari"'
    assert csv_cell("two\nlines") == '"two\nlines"'
    assert csv_cell("\rx") == "\"'\rx\""
    assert csv_cell("") == ""


def test_text_cells_are_kept_and_given_again():
    cells = Cache(csv_cell)
    assert cells["-1"] == "'-1" and cells["a,b"] == '"a,b"'
    assert cells["-1"] is cells["-1"]
