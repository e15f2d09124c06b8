"""The prepare step against 34 more kinds of corrupt raw file, on top of tests/prepare/test_bad_input.py's 27.

Same harness and the same promise: each corruption stops the run with exit code 1 and one located line (no
traceback), and the output folder, holding a previous run, is byte-identical afterwards with no staging folder
left behind. Here the kinds are the ones a publisher's export or a hand edit produces: numbers that are not
numbers (NaN, inf, 40 digits, decimals, a European thousands point), columns shuffled, duplicated or repeated,
foreign encodings and binary junk, broken CSV quoting, a zip that is no workbook, an empty sheet, JSON that is no
JSON-stat, impossible dates and years, a folder where a file belongs, spreadsheet formulas, a huge file.

And one the step must take in its stride: columns in another order, a byte-order mark and CRLF line ends are
the same data, so the output is the committed data/ byte for byte.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from dashboard.prepare.cli import main
from tests.prepare.conftest import COMMITTED_DATA, prepared, raw_copy, raw_dir, replace, snapshot  # noqa: F401
from tests.prepare.test_bad_input import (
    EIPRE,
    FRONTEX,
    GLOTIP,
    IOM,
    TURKEY,
    UNHCR,
    UNHCR_APPS,
    UNHCR_DECISIONS,
    _lines,
    assert_fails_cleanly,
)

pytestmark = pytest.mark.raw

CTS = "unodc/data_cts_corruption_and_economic_crime.xlsx"
REFERENCE = "reference/country_reference.csv"
POPULATION = "reference/un_wpp_population.csv"


def _rows(raw: Path, rel: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((raw / rel).read_text(encoding="utf-8"))))


def _write_rows(raw: Path, rel: str, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    replace(raw, rel, buf.getvalue())


def _cell(rel: str, column: str, value: str, where: Callable[[dict], bool] = lambda r: True) -> Callable:
    """Set ``column`` to ``value`` on the first data row ``where`` accepts (CSV-aware: quoted commas survive)."""
    def corrupt(raw: Path) -> None:
        rows = _rows(raw, rel)
        header = rows[0]
        index = next(i for i, r in enumerate(rows[1:], start=1) if where(dict(zip(header, r, strict=True))))
        rows[index][header.index(column)] = value
        _write_rows(raw, rel, rows)
    return corrupt


def _header(rel: str, new: str) -> Callable:
    def corrupt(raw: Path) -> None:
        lines = _lines(raw, rel)
        replace(raw, rel, "".join([new + "\n", *lines[1:]]))
    return corrupt


def _repeated_header(raw: Path) -> None:
    lines = _lines(raw, FRONTEX)
    replace(raw, FRONTEX, "".join([*lines[:50], lines[0], *lines[50:]]))


def _ragged_row(raw: Path) -> None:
    lines = _lines(raw, FRONTEX)
    lines[10] = lines[10].rstrip("\n") + ",extra,fields\n"
    replace(raw, FRONTEX, "".join(lines))


def _unclosed_quote(raw: Path) -> None:
    lines = _lines(raw, FRONTEX)
    lines[10] = '"' + lines[10]
    replace(raw, FRONTEX, "".join(lines))


def _utf16(raw: Path) -> None:
    replace(raw, TURKEY, (raw / TURKEY).read_text(encoding="utf-8").encode("utf-16"))


def _binary_junk(raw: Path) -> None:
    replace(raw, UNHCR, bytes(range(256)) * 100)


def _zip_not_workbook(raw: Path) -> None:
    (raw / CTS).unlink()
    with zipfile.ZipFile(raw / CTS, "w") as archive:
        archive.writestr("hello.txt", "a zip archive, but no workbook inside")


def _empty_sheet(raw: Path) -> None:
    (raw / GLOTIP).unlink()
    book = openpyxl.Workbook()
    book.active.title = "data_glotip_1"
    book.save(raw / GLOTIP)


def _json_array(raw: Path) -> None:
    replace(raw, EIPRE, "[1, 2, 3]")


def _json_without_values(raw: Path) -> None:
    doc = json.loads((raw / EIPRE).read_text(encoding="utf-8"))
    del doc["value"]
    replace(raw, EIPRE, json.dumps(doc))


def _json_nan(raw: Path) -> None:
    doc = json.loads((raw / EIPRE).read_text(encoding="utf-8"))
    doc["value"][next(iter(doc["value"]))] = float("nan")
    replace(raw, EIPRE, json.dumps(doc))  # Python writes the non-JSON literal NaN


def _folder_for_file(raw: Path) -> None:
    (raw / TURKEY).unlink()
    (raw / TURKEY).mkdir()


def _huge_file(raw: Path) -> None:
    """~25 MB: the Frontex file sixteen times over (every row after the first copy repeats a key)."""
    lines = _lines(raw, FRONTEX)
    replace(raw, FRONTEX, "".join(lines) + "".join(lines[1:]) * 15)


def _repeated_application(raw: Path) -> None:
    lines = _lines(raw, UNHCR_APPS)
    replace(raw, UNHCR_APPS, "".join([*lines, lines[1]]))


def _truncated_population(raw: Path) -> None:
    lines = _lines(raw, UNHCR)
    replace(raw, UNHCR, "".join(lines[:500]) + ",".join(lines[500].split(",")[:6]))


def _greek(row: dict) -> bool:
    return row["country"] == "GRC"


CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    # name: (corrupt, substrings the one-line message must contain)
    "NaN text in a count": (_cell(FRONTEX, "detections", "NaN"),
                            [FRONTEX, "row 2", "column 'detections'", "text 'NaN' where a number belongs"]),
    "infinite count": (_cell(FRONTEX, "detections", "inf"),
                       [FRONTEX, "row 2", "column 'detections'", "'inf' is not a finite number"]),
    "40-digit count": (_cell(TURKEY, "value", "9" * 40), [TURKEY, "row 2", "column 'value'", "plausible size"]),
    "decimal in a count": (_cell(TURKEY, "value", "57428.5"), [TURKEY, "row 2", "column 'value'",
                                                               "is not a whole number"]),
    "European thousands point": (_cell(TURKEY, "value", "57.428"), [TURKEY, "row 2", "column 'value'",
                                                                    "is not a whole number"]),
    "negative population": (_cell(POPULATION, "population", "-42762"), [POPULATION, "row 2", "column 'population'",
                                                                         "negative count"]),
    "text in population": (_cell(POPULATION, "population", "lots"), [POPULATION, "row 2", "'lots'"]),
    "shuffled header over unshuffled data": (_header(FRONTEX, "route,border_type,nationality,detections,month"),
                                             [FRONTEX, "row 2", "column 'detections'", "text '2013-09'"]),
    "duplicated column name": (_header(FRONTEX, "route,border_type,nationality,month,month"),
                               [FRONTEX, "row 1", "missing column(s) 'detections'", "'month.1'"]),
    "header repeated mid-file": (_repeated_header, [FRONTEX, "row 51", "text 'detections' where a number"]),
    "ragged row": (_ragged_row, [FRONTEX, "row 11", "malformed CSV", "Expected 5 fields"]),
    "unclosed quote": (_unclosed_quote, [FRONTEX, "malformed CSV", "EOF inside string"]),
    "UTF-16 file": (_utf16, [TURKEY, "row 1", "not valid UTF-8", "re-save the file as UTF-8"]),
    "binary junk": (_binary_junk, [UNHCR, "not valid UTF-8"]),
    "zip that is no workbook": (_zip_not_workbook, [CTS, "cannot read workbook"]),
    "empty sheet": (_empty_sheet, [GLOTIP, "sheet 'data_glotip_1'", "no header row containing 'Iso3_code'"]),
    "JSON array, not JSON-stat": (_json_array, [EIPRE, "not a JSON-stat dataset"]),
    "JSON-stat without values": (_json_without_values, [EIPRE]),
    "NaN literal in JSON": (_json_nan, [EIPRE, "invalid JSON: NaN is not a JSON value"]),
    "impossible calendar date": (_cell(IOM, "date", "2019-02-30", _greek),
                                 [IOM, "column 'date'", "'2019-02-30' is not a calendar date"]),
    "bad month": (_cell(FRONTEX, "month", "2013/13"), [FRONTEX, "row 2", "column 'month'", "'2013/13'"]),
    "year before any data": (_cell(TURKEY, "year", "1850"), ["column 'year'", "1950", "1850"]),
    "year in the future": (_cell(TURKEY, "year", "2999"), ["column 'year'", "2100", "2999"]),
    "spreadsheet formula as a code": (_cell(TURKEY, "iso3", '=HYPERLINK("http://evil.example")'),
                                      [TURKEY, "row 2", "column 'iso3'", "unknown ISO-3 code '=HYPERLINK("]),
    "broken reference table": (lambda raw: replace(raw, REFERENCE, "iso3,name\nGRC,Greece\n"),
                               [REFERENCE, "row 1", "missing column(s)"]),
    "folder where a file belongs": (_folder_for_file, [TURKEY, "not a regular file"]),
    "huge file": (_huge_file, [FRONTEX, "duplicate key"]),
    "UNHCR application listed twice": (_repeated_application, [UNHCR_APPS, "row 2", "duplicate key",
                                                               "also on row 16222"]),
    "negative UNHCR decision count": (_cell(UNHCR_DECISIONS, "dec_closed", "-5"),
                                      [UNHCR_DECISIONS, "row 2", "column 'dec_closed'", "negative count"]),
    "unknown UNHCR decision level": (_cell(UNHCR_DECISIONS, "dec_level", "ZZ"),
                                     [UNHCR_DECISIONS, "row 2", "column 'dec_level'", "unknown dec_level code 'ZZ'"]),
    "40-digit UNHCR application count": (_cell(UNHCR_APPS, "applied", "9" * 40),
                                         [UNHCR_APPS, "row 2", "column 'applied'", "plausible size"]),
    "UNHCR population cut mid-row": (_truncated_population, [UNHCR, "row 501", "column 'asylum_seekers'",
                                                            "empty cell"]),
    "UNHCR applications header only": (lambda raw: replace(raw, UNHCR_APPS, _lines(raw, UNHCR_APPS)[0]),
                                       [UNHCR_APPS, "no data rows"]),
    "UNHCR decisions as binary junk": (lambda raw: replace(raw, UNHCR_DECISIONS, bytes(range(256)) * 50),
                                       [UNHCR_DECISIONS, "not valid UTF-8"]),
}


@pytest.fixture(scope="module", autouse=True)
def committed_data_untouched():
    """Whatever these cases do, the repository's own data/ is byte-identical afterwards."""
    before = snapshot(COMMITTED_DATA)
    yield
    assert snapshot(COMMITTED_DATA) == before


def test_there_are_at_least_twenty_new_kinds():
    from tests.prepare.test_bad_input import CASES as BASE_CASES

    assert len(CASES) >= 20
    assert not set(CASES) & set(BASE_CASES)


@pytest.mark.parametrize("case", list(CASES))
def test_corrupt_file_is_located_and_leaves_output_untouched(
    case: str, raw_copy: Path, prepared: Path, capsys: pytest.CaptureFixture[str]  # noqa: F811
) -> None:
    assert_fails_cleanly(*CASES[case], raw_copy, prepared, capsys)


def test_reordered_columns_bom_and_crlf_are_the_same_data(raw_copy: Path, tmp_path: Path,  # noqa: F811
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Columns are found by name and the text is decoded as UTF-8 with or without a BOM: same input, same bytes."""
    rows = _rows(raw_copy, FRONTEX)
    order = [4, 3, 2, 1, 0]
    _write_rows(raw_copy, FRONTEX, [[r[i] for i in order] for r in rows])
    text = (raw_copy / TURKEY).read_text(encoding="utf-8")
    replace(raw_copy, TURKEY, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    out = tmp_path / "data"

    code = main(["--raw", str(raw_copy), "--out", str(out)])

    assert code == 0, capsys.readouterr().err
    produced, committed = snapshot(out), snapshot(COMMITTED_DATA)
    produced.pop("__siblings__"), committed.pop("__siblings__")
    assert produced == committed
