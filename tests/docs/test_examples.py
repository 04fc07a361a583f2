"""The guide's example workbooks are what examples/make_examples.py makes (a change to the
script not run, or a workbook edited by hand, fails here), and they hold what the guide
says they hold: a merged title, Norwegian headers, a hidden row, blank rows, a total row."""

from __future__ import annotations

import importlib.util
import zipfile

import pytest

from ..conftest import EXAMPLES

WORKBOOKS = ("krav-mars-2025.xlsx", "krav-april-2025.xlsx")


def cells(path):
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def sheet_xml(path) -> str:
    with zipfile.ZipFile(path) as book:
        return book.read("xl/worksheets/sheet1.xml").decode("utf-8")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("examples")
    module.HERE = folder
    module.main()
    return folder


@pytest.mark.parametrize("name", WORKBOOKS)
def test_the_committed_workbooks_are_what_the_script_makes(made, name):
    assert cells(EXAMPLES / name) == cells(made / name)
    assert sheet_xml(EXAMPLES / name) == sheet_xml(made / name)


def test_the_march_workbook_is_laid_out_as_colleagues_lay_one_out():
    xml = sheet_xml(EXAMPLES / "krav-mars-2025.xlsx")
    assert '<mergeCell ref="A1:S1"/>' in xml
    assert xml.count('hidden="1"') == 1
    assert "<f>SUM(" in xml
    (sheet,) = cells(EXAMPLES / "krav-mars-2025.xlsx").values()
    assert sheet[2][:3] == ["Bilagsnr.", "Navn", "Ansattnr."]
    assert any(row == [""] * len(row) for row in sheet[3:])  # a blank row between groups
    assert sheet[-1][1] == "Sum"
