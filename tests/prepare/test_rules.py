"""The shared rules: the GLOTIP duplicate rule, UNODC count parsing and citizenship matching."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.prepare.base import resolve_duplicates
from dashboard.prepare.errors import PrepareError
from dashboard.prepare.unodc import parse_counts, release_date


def _rows(values: list[tuple[str, float, str]]) -> pd.DataFrame:
    return pd.DataFrame(values, columns=["key", "value", "flag"])


def test_equal_duplicates_keep_one_row_unflagged() -> None:
    out, n = resolve_duplicates(_rows([("a", 5.0, ""), ("a", 5.0, ""), ("b", 1.0, "")]), ["key"])
    assert n == 0
    assert out.to_dict("records") == [{"key": "a", "value": 5.0, "flag": ""}, {"key": "b", "value": 1.0, "flag": ""}]


def test_differing_duplicates_are_withheld_never_summed() -> None:
    out, n = resolve_duplicates(_rows([("a", 407.0, ""), ("a", 36.0, ""), ("b", np.nan, "suppressed"),
                                       ("b", np.nan, "suppressed"), ("c", np.nan, "suppressed"), ("c", 5.0, "")]),
                                ["key"])
    assert n == 2
    rows = out.set_index("key")
    assert math.isnan(rows.loc["a", "value"]) and rows.loc["a", "flag"] == "conflicting"
    assert rows.loc["b", "flag"] == "suppressed"  # two "<5" rows agree
    assert math.isnan(rows.loc["c", "value"]) and rows.loc["c", "flag"] == "conflicting"


def test_parse_counts() -> None:
    df = pd.DataFrame({"txtVALUE": ["1,780", "<5", "12", "0"], "_row": [4, 5, 6, 7]})
    out = parse_counts(df, "txtVALUE", Path("g.xlsx"), "s")
    assert out["value"].tolist()[0] == 1780.0 and math.isnan(out["value"].tolist()[1])
    assert out["flag"].tolist() == ["", "suppressed", "", ""]
    assert out["value"].tolist()[3] == 0.0
    with pytest.raises(PrepareError, match=r"g.xlsx, sheet 's', row 5, column 'txtVALUE': text 'n/a'"):
        parse_counts(pd.DataFrame({"txtVALUE": ["1", "n/a"], "_row": [4, 5]}), "txtVALUE", Path("g.xlsx"), "s")


def test_release_date_from_title_rows() -> None:
    assert release_date(["UNODC", "unodc_ddds@un.org", "16/05/2024"]) == "2024-05-16"
    assert release_date(["UNODC"]) == ""


def test_output_validation_names_the_output_file_row_and_column() -> None:
    from dashboard.prepare.schemas import ROUTE_DETECTIONS, validate

    df = pd.DataFrame({"route": ["Western Balkan Route", "Western Balkan Route"], "border_type": ["Land", "Land"],
                       "nationality": ["AFG", "SYR"], "month": ["2015-01", "2015-13"],
                       "detections": np.array([3, 4], dtype="int64"), "source": ["frontex", "frontex"]})
    with pytest.raises(PrepareError) as err:
        validate(ROUTE_DETECTIONS, df, codes={"AFG", "SYR"})
    assert err.value.file == "data/route_detections.parquet"
    assert (err.value.row, err.value.column) == (3, "month")
    with pytest.raises(PrepareError, match="known_iso3"):
        validate(ROUTE_DETECTIONS, df.assign(month="2015-01", nationality=["AFG", "QQQ"]), codes={"AFG", "SYR"})


def test_flags_join_in_catalogue_order_and_reject_unknown_tokens() -> None:
    from dashboard.prepare.base import join_flags

    index = pd.RangeIndex(3)
    out = join_flags({"cases": [True, False, False], "includes_masked": [True, True, False]}, index)
    assert out.tolist() == ["includes_masked cases", "includes_masked", ""]
    with pytest.raises(ValueError, match="unknown flag"):
        join_flags({"nonsense": [True, False, False]}, index)


def test_masked_sums_give_the_range_a_total_lies_in() -> None:
    from dashboard.prepare.unhcr import masked_sums

    df = pd.DataFrame({"coa": ["BIH"] * 4 + ["MNE", "MNE", "GRC"], "year": [2015] * 7,
                       "n": [5, 5, 20, 6, 5, 0, 12], "cases": [False, False, False, True, False, False, False]})
    out = masked_sums(df, ["coa", "year"], "n", ["cases"]).set_index("coa")
    assert out.loc["BIH"].tolist() == [2015, 36.0, 28.0, 36.0, "includes_masked cases"]  # 2 masked: 36 - 8
    assert out.loc["MNE"].tolist() == [2015, 5.0, 1.0, 5.0, "masked"]  # one masked cell (and a zero)
    assert out.loc["GRC", "flag"] == "" and math.isnan(out.loc["GRC", "lower"])


def _glotip(rows: list[tuple[str, int, str, str]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["Iso3_code", "Year", "Age", "txtVALUE"]).assign(_row=range(4, 4 + len(rows)))
    return parse_counts(df, "txtVALUE", Path("g.xlsx"), "s")


def test_a_total_listed_as_its_two_age_groups_is_their_sum() -> None:
    from dashboard.prepare.unodc import totals_from_parts

    totals = _glotip([("BGR", 2017, "Total", "407"), ("BGR", 2017, "Total", "36"),
                      ("BGR", 2018, "Total", "50"), ("BGR", 2018, "Total", "<5"),
                      ("HRV", 2019, "Total", "10"), ("HRV", 2019, "Total", "8"),
                      ("ROU", 2012, "Total", "676")])
    ages = _glotip([("BGR", 2017, "0 to 17 years", "36"), ("BGR", 2017, "18 years or over", "407"),
                    ("BGR", 2018, "0 to 17 years", "<5"), ("BGR", 2018, "18 years or over", "50"),
                    ("HRV", 2019, "0 to 17 years", "10"), ("HRV", 2019, "18 years or over", "9")])
    out, n = totals_from_parts(totals, ages)
    assert n == 2
    rows = {(r.Iso3_code, r.Year): r for r in out.itertuples()}
    assert (rows["BGR", 2017].value, rows["BGR", 2017].flag) == (443.0, "total_from_parts")
    bgr = rows["BGR", 2018]
    assert math.isnan(bgr.value) and bgr.flag == "suppressed" and (bgr.lower, bgr.upper) == (50.0, 54.0)
    # HRV's rows do not match its age groups (8 vs 9): left to the duplicate rule, which withholds them
    assert len(out[out["Iso3_code"] == "HRV"]) == 2 and rows["ROU", 2012].value == 676.0
    resolved, conflicts = resolve_duplicates(out, ["Iso3_code", "Year"])
    assert conflicts == 1 and resolved.set_index("Iso3_code").loc["HRV", "flag"] == "conflicting"


def test_an_age_unknown_row_means_the_parts_are_not_the_total() -> None:
    from dashboard.prepare.unodc import totals_from_parts

    totals = _glotip([("BGR", 2017, "Total", "407"), ("BGR", 2017, "Total", "36")])
    ages = _glotip([("BGR", 2017, "0 to 17 years", "36"), ("BGR", 2017, "18 years or over", "407"),
                    ("BGR", 2017, "Unknown", "3")])
    out, n = totals_from_parts(totals, ages)
    assert n == 0 and len(out) == 2
    out, n = totals_from_parts(totals, ages[ages["Age"] != "Unknown"])
    assert n == 1 and out["value"].tolist() == [443.0]


def test_coverage_notes_partial_years_and_release_dates() -> None:
    from dashboard.prepare.base import partial_coverage_end
    from dashboard.prepare.package import release_date
    from dashboard.prepare.turkey import coverage_note

    notes = coverage_note(pd.Series(["calendar year", "calendar year; X gives 8,996", "calendar year; a; b"]))
    assert notes.tolist() == ["", "X gives 8,996", "a; b"]
    assert partial_coverage_end(pd.Series(["2024-12", "2025-04", "2025-01"])) == "2025-04"
    assert partial_coverage_end(pd.Series(["2023-12", "2024-12"])) == ""
    assert release_date("2026-05-12T11:00:00+0200") == "2026-05-12"
    assert release_date("v5.1.1") == release_date("") == "not dated by the publisher"
