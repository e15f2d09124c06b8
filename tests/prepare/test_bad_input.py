"""Bad input: each corruption of a real raw file gives a located one-line error and leaves data/ untouched.

Every case runs the CLI's ``main`` in-process on a raw folder where one file is replaced by a corrupt
copy, against an output folder holding a previous run (plus a file prepare does not own), and checks the
message (file, sheet, row, column where they apply), the exit code, and that the output folder is
byte-identical afterwards with no staging folder left behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard.prepare.cli import main
from tests.prepare.conftest import replace, snapshot

pytestmark = pytest.mark.raw

FRONTEX = "frontex/frontex_ibc_detections_monthly.csv"
ASYLUM = "eurostat/migr_asyappctza_first_time_applicants.csv"
UNHCR = "unhcr/unhcr_population_yearend.csv"
UNHCR_APPS = "unhcr/unhcr_asylum_applications.csv"
UNHCR_DECISIONS = "unhcr/unhcr_asylum_decisions.csv"
IOM = "iom_mmp/iom_missing_migrants_incidents.csv"
TURKEY = "turkey_pmm/tur_pmm_apprehensions.csv"
EIPRE = "eurostat/migr_eipre_2010_2022.json"
EVENTS = "context/events.csv"
GLOTIP = "unodc/data_glotip.xlsx"
CTS = "unodc/data_cts_corruption_and_economic_crime.xlsx"


def _lines(raw: Path, rel: str) -> list[str]:
    return (raw / rel).read_text(encoding="utf-8").splitlines(keepends=True)


def _edit_line(raw: Path, rel: str, row: int, old: str, new: str) -> None:
    """Replace text on spreadsheet-style row ``row`` (header = 1)."""
    lines = _lines(raw, rel)
    assert old in lines[row - 1]
    lines[row - 1] = lines[row - 1].replace(old, new, 1)
    replace(raw, rel, "".join(lines))


def _small_workbook(raw: Path, rel: str, sheet: str, *, keep: Callable[[list], bool], titles: int = 2,
                    edit: Callable[[list[list]], None] | None = None, sheet_name: str | None = None) -> None:
    """Rewrite a UNODC workbook keeping its title rows, header and the data rows ``keep`` accepts.

    Small copies keep the tests fast; ``edit`` corrupts the kept rows (a list of cell lists, header first).
    """
    grid = pd.read_excel(raw / rel, sheet_name=sheet, header=None, dtype=str, engine="calamine")
    rows = [[None if pd.isna(v) else v for v in r] for r in grid.itertuples(index=False)]
    head, body = rows[: titles + 1], [r for r in rows[titles + 1:] if keep(r)]
    table = [head[-1], *body]
    if edit:
        edit(table)
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(sheet_name or sheet)
    for r in [*head[:-1], *table]:
        ws.append(r)
    out = raw / rel
    out.unlink()
    book.save(out)


def _glotip_small(raw: Path, **kw) -> None:
    _small_workbook(raw, GLOTIP, "data_glotip_1", keep=lambda r: r[0] in ("ALB", "BGR"), **kw)


def _set_cell(column: str, match: Callable[[list], bool], value: str) -> Callable[[list[list]], None]:
    def edit(table: list[list]) -> None:
        idx = table[0].index(column)
        row = next(r for r in table[1:] if match(r))
        row[idx] = value
    return edit


def _rename_header(old: str, new: str) -> Callable[[list[list]], None]:
    def edit(table: list[list]) -> None:
        table[0][table[0].index(old)] = new
    return edit


def _missing_column(raw: Path) -> None:
    replace(raw, FRONTEX, "".join(",".join(line.rstrip("\n").split(",")[:4]) + "\n" for line in _lines(raw, FRONTEX)))


def _renamed_column(raw: Path) -> None:
    _edit_line(raw, UNHCR, 1, ",refugees,", ",refugee_count,")


def _unknown_code(raw: Path) -> None:
    _edit_line(raw, FRONTEX, 5, ",AFG,", ",QQQ,")


def _text_in_number(raw: Path) -> None:
    lines = _lines(raw, UNHCR)
    cells = lines[9].split(",")
    cells[5] = "about 40"  # refugees (row 10 has no quoted cells)
    lines[9] = ",".join(cells)
    replace(raw, UNHCR, "".join(lines))


def _negative_count(raw: Path) -> None:
    lines = _lines(raw, IOM)
    lines[2] = lines[2].replace(",1.0,", ",-3.0,", 1)
    replace(raw, IOM, "".join(lines))


def _duplicate_key(raw: Path) -> None:
    lines = _lines(raw, FRONTEX)
    replace(raw, FRONTEX, "".join([*lines, lines[1]]))


def _empty_file(raw: Path) -> None:
    replace(raw, ASYLUM, b"")


def _truncated_csv(raw: Path) -> None:
    lines = _lines(raw, ASYLUM)
    replace(raw, ASYLUM, "".join(lines[:1000]) + ",".join(lines[1000].split(",")[:3]))


def _header_only(raw: Path) -> None:
    replace(raw, TURKEY, _lines(raw, TURKEY)[0])


def _wrong_encoding(raw: Path) -> None:
    replace(raw, TURKEY, (raw / TURKEY).read_text(encoding="utf-8").encode("cp1254"))


def _truncated_xlsx(raw: Path) -> None:
    data = (raw / GLOTIP).read_bytes()
    replace(raw, GLOTIP, data[: len(data) // 2])


def _not_a_workbook(raw: Path) -> None:
    replace(raw, CTS, "Iso3_code,VALUE\nGRC,1\n")


def _wrong_sheet(raw: Path) -> None:
    _small_workbook(raw, CTS, "data_cts_corruption_and_economi", keep=lambda r: r[0] == "GRC", sheet_name="Sheet1")


def _no_header_row(raw: Path) -> None:
    _glotip_small(raw, edit=_rename_header("Iso3_code", "ISO"))


def _renamed_xlsx_column(raw: Path) -> None:
    _glotip_small(raw, edit=_rename_header("Category", "Categ."))


def _text_in_glotip(raw: Path) -> None:
    _glotip_small(raw, edit=_set_cell("txtVALUE", lambda r: r[0] == "BGR" and r[4] == "Detected trafficking victims"
                                     and r[5] == "Total" and r[7] == "Total" and r[8] == "Total" and r[9] == "2015",
                                     "n.a."))


def _unknown_citizenship(raw: Path) -> None:
    _glotip_small(raw, edit=_set_cell("Category", lambda r: r[0] == "ALB" and r[5] == "by citizenship", "Atlantean"))


def _unknown_code_xlsx(raw: Path) -> None:
    _glotip_small(raw, edit=_set_cell("Iso3_code", lambda r: r[0] == "ALB", "ALX"))


def _truncated_json(raw: Path) -> None:
    data = (raw / EIPRE).read_bytes()
    replace(raw, EIPRE, data[: len(data) - 200])


def _jsonstat_size_mismatch(raw: Path) -> None:
    doc = json.loads((raw / EIPRE).read_text(encoding="utf-8"))
    doc["size"][doc["id"].index("time")] -= 1
    replace(raw, EIPRE, json.dumps(doc))


def _jsonstat_bad_value(raw: Path) -> None:
    doc = json.loads((raw / EIPRE).read_text(encoding="utf-8"))
    doc["value"][next(iter(doc["value"]))] = "n/a"
    replace(raw, EIPRE, json.dumps(doc))


def _missing_file(raw: Path) -> None:
    (raw / TURKEY).unlink()


CASES = {
    # name: (corrupt, substrings the one-line message must contain)
    "missing column": (_missing_column, [FRONTEX, "row 1", "column 'detections'", "missing column"]),
    "renamed column": (_renamed_column, [UNHCR, "row 1", "column 'refugees'", "'refugee_count'"]),
    "unknown ISO code": (_unknown_code, [FRONTEX, "row 5", "column 'nationality'", "unknown ISO-3 code 'QQQ'"]),
    "text in number column": (_text_in_number, [UNHCR, "row 10", "column 'refugees'", "'about 40' where a number"]),
    "unknown UNHCR application type": (lambda raw: _edit_line(raw, UNHCR_APPS, 3, ",G,V,FI,C,", ",G,X,FI,C,"),
                                       [UNHCR_APPS, "row 3", "column 'app_type'", "unknown app_type code 'X'"]),
    "renamed UNHCR applications column": (lambda raw: _edit_line(raw, UNHCR_APPS, 1, ",applied", ",applications"),
                                          [UNHCR_APPS, "row 1", "column 'applied'", "'applications'"]),
    "UNHCR decisions that do not add up": (lambda raw: _edit_line(raw, UNHCR_DECISIONS, 205, ",70,0,89,0,159",
                                                                  ",70,0,89,100,159"),
                                           [UNHCR_DECISIONS, "row 205", "column 'dec_total'",
                                            "smaller than the positive decisions"]),
    "text in a UNHCR decision count": (lambda raw: _edit_line(raw, UNHCR_DECISIONS, 206, ",0,0,10,0,10",
                                                              ",0,0,ten,0,10"),
                                       [UNHCR_DECISIONS, "row 206", "column 'dec_rejected'", "'ten' where a number"]),
    "unknown UNHCR country of asylum": (lambda raw: _edit_line(raw, UNHCR, 10, ",AGO,Angola,", ",QQX,Angola,"),
                                        [UNHCR, "row 10", "column 'coa_iso'", "unknown ISO-3 code 'QQX'"]),
    "negative count": (_negative_count, [IOM, "row 3", "column 'dead_and_missing'", "negative count"]),
    "duplicate key": (_duplicate_key, [FRONTEX, "row 2", "duplicate key", "also on row 34275"]),
    "empty file": (_empty_file, [ASYLUM, "file is empty"]),
    "truncated csv": (_truncated_csv, [ASYLUM, "row 1001", "column 'sex'", "empty cell", "truncated"]),
    "header only": (_header_only, [TURKEY, "no data rows"]),
    "wrong encoding": (_wrong_encoding, [TURKEY, "row 2", "not valid UTF-8"]),
    "truncated xlsx": (_truncated_xlsx, [GLOTIP, "workbook"]),
    "not a workbook": (_not_a_workbook, [CTS, "not an .xlsx workbook"]),
    "wrong sheet": (_wrong_sheet, [CTS, "sheet 'data_cts_corruption_and_economi' not found", "'Sheet1'"]),
    "no header row": (_no_header_row, [GLOTIP, "sheet 'data_glotip_1'", "no header row containing 'Iso3_code'"]),
    "renamed xlsx column": (_renamed_xlsx_column, [GLOTIP, "sheet 'data_glotip_1'", "row 3", "column 'Category'"]),
    "text in xlsx count": (_text_in_glotip, [GLOTIP, "sheet 'data_glotip_1'", "column 'txtVALUE'", "'n.a.'"]),
    "unknown citizenship": (_unknown_citizenship, [GLOTIP, "column 'Category'", "'Atlantean'",
                                                   "citizenship_aliases.csv"]),
    "unknown code in xlsx": (_unknown_code_xlsx, [GLOTIP, "column 'Iso3_code'", "unknown ISO-3 code 'ALX'"]),
    "truncated json": (_truncated_json, [EIPRE, "invalid JSON"]),
    "json-stat size mismatch": (_jsonstat_size_mismatch, [EIPRE, "dimension.time.category.index",
                                                          "13 categories but size says 12"]),
    "json-stat text value": (_jsonstat_bad_value, [EIPRE, "is not a number", "column 'value["]),
    "missing file": (_missing_file, [TURKEY, "file not found"]),
    # Context events (row 7: eu-turkiye-statement, 2016-03-18, TUR GRC, Eastern Mediterranean Route, policy)
    "duplicate event id": (lambda raw: _edit_line(raw, EVENTS, 8, "first-returns-greece-turkiye,",
                                                  "eu-turkiye-statement,"),
                           [EVENTS, "row 7", "column 'id'", "duplicate key (id='eu-turkiye-statement')",
                            "also on row 8"]),
    "event id not slug-like": (lambda raw: _edit_line(raw, EVENTS, 7, "eu-turkiye-statement,", "EU Türkiye,"),
                               [EVENTS, "row 7", "column 'id'", "'EU Türkiye' is not lowercase words"]),
    "impossible event date": (lambda raw: _edit_line(raw, EVENTS, 7, ",2016-03-18,", ",2016-02-30,"),
                              [EVENTS, "row 7", "column 'date'", "'2016-02-30' is not a date written YYYY-MM-DD"]),
    "event date not ISO": (lambda raw: _edit_line(raw, EVENTS, 7, ",2016-03-18,", ",18/03/2016,"),
                           [EVENTS, "row 7", "column 'date'", "'18/03/2016' is not a date"]),
    "unknown event kind": (lambda raw: _edit_line(raw, EVENTS, 7, ",policy,", ",treaty,"),
                           [EVENTS, "row 7", "column 'kind'", "unknown event kind 'treaty'"]),
    "unknown event country": (lambda raw: _edit_line(raw, EVENTS, 7, ",TUR GRC,", ",TUR GRE,"),
                              [EVENTS, "row 7", "column 'countries'", "unknown ISO-3 code 'GRE'"]),
    "unknown event route": (lambda raw: _edit_line(raw, EVENTS, 7, ",Eastern Mediterranean Route,",
                                                   ",Aegean Route,"),
                            [EVENTS, "row 7", "column 'routes'", "unknown Frontex route 'Aegean Route'"]),
    "event without document": (lambda raw: replace(raw, EVENTS, "".join(
        ",".join(line.rstrip("\n").split(",")[:7]) + "\n" for line in _lines(raw, EVENTS)[:3])),
                               [EVENTS, "row 1", "column 'document'", "missing column"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_located_and_leaves_output_untouched(
    case: str, raw_copy: Path, prepared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_fails_cleanly(*CASES[case], raw_copy, prepared, capsys)


def assert_fails_cleanly(corrupt: Callable[[Path], None], expected: list[str], raw_copy: Path, prepared: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    """Corrupt the raw copy; prepare must exit 1 with one located line and leave the output byte-identical."""
    corrupt(raw_copy)
    before = snapshot(prepared)

    code = main(["--raw", str(raw_copy), "--out", str(prepared)])

    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and "Traceback" not in err[0], err
    message = err[0]
    assert message.startswith("prepare: error: ")
    for part in expected:
        assert part in message, f"{part!r} not in {message!r}"
    assert snapshot(prepared) == before


def test_row_numbers_in_workbooks_are_spreadsheet_rows(raw_copy: Path, prepared: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The reported row is the one a person sees in Excel, whatever the number of title rows."""
    _text_in_glotip(raw_copy)
    main(["--raw", str(raw_copy), "--out", str(prepared)])
    message = capsys.readouterr().err
    row = int(message.split("row ")[1].split(",")[0])
    book = openpyxl.load_workbook(raw_copy / GLOTIP, read_only=True)
    ws = book["data_glotip_1"]
    ws.reset_dimensions()
    header = next(ws.iter_rows(min_row=3, max_row=3, values_only=True))
    cells = next(ws.iter_rows(min_row=row, max_row=row, values_only=True))
    assert cells[header.index("txtVALUE")] == "n.a."
