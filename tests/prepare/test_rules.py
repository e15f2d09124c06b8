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
