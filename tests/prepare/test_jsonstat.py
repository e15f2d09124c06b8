"""The JSON-stat decoder on tiny hand-made documents, including a shuffled dimension order."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.prepare.errors import PrepareError
from dashboard.prepare.jsonstat import parse_jsonstat

P = Path("tiny.json")


def _doc(order: list[str], value, status=None) -> dict:
    dims = {
        "geo": {"category": {"index": {"EL": 0, "BG": 1}, "label": {"EL": "Greece", "BG": "Bulgaria"}}},
        "time": {"category": {"index": ["2021", "2022", "2023"]}},
        "sex": {"category": {"index": {"T": 0}}},
    }
    sizes = {"geo": 2, "time": 3, "sex": 1}
    doc = {"version": "2.0", "class": "dataset", "id": order, "size": [sizes[d] for d in order],
           "dimension": dims, "value": value}
    if status is not None:
        doc["status"] = status
    return doc


def test_dimension_order_is_read_from_id() -> None:
    # geo-major: EL 2021..2023 then BG 2021..2023
    a = parse_jsonstat(_doc(["sex", "geo", "time"], [1, 2, 3, 4, 5, 6]), P)
    # time-major with geo fastest: 2021 EL, 2021 BG, 2022 EL, ...
    b = parse_jsonstat(_doc(["time", "sex", "geo"], [1, 4, 2, 5, 3, 6]), P)
    key = ["geo", "time"]
    a = a.sort_values(key).reset_index(drop=True)
    b = b.sort_values(key).reset_index(drop=True)
    assert a[["geo", "time", "value"]].equals(b[["geo", "time", "value"]])
    assert a.set_index(key).loc[("BG", "2022"), "value"] == 5.0


def test_sparse_values_and_status_keep_missing_missing() -> None:
    df = parse_jsonstat(_doc(["geo", "time", "sex"], {"0": 0, "5": 7}, status={"5": "b"}), P)
    assert len(df) == 2  # four cells without a value are not rows, and certainly not zeros
    assert df.set_index(["geo", "time"]).loc[("EL", "2021"), "value"] == 0.0
    assert df.set_index(["geo", "time"]).loc[("BG", "2023"), "status"] == "b"


def test_value_list_length_must_match_sizes() -> None:
    with pytest.raises(PrepareError, match="value has 5 entries but the sizes multiply to 6"):
        parse_jsonstat(_doc(["geo", "time", "sex"], [1, 2, 3, 4, 5]), P)


def test_size_must_match_categories() -> None:
    doc = _doc(["geo", "time", "sex"], [1, 2, 3, 4, 5, 6])
    doc["size"] = [2, 2, 1]
    with pytest.raises(PrepareError, match="3 categories but size says 2") as err:
        parse_jsonstat(doc, P)
    assert err.value.column == "dimension.time.category.index"


def test_undescribed_dimension_and_text_value() -> None:
    doc = _doc(["geo", "time", "sex"], [1, 2, 3, 4, 5, 6])
    doc["id"] = ["geo", "time", "age"]
    with pytest.raises(PrepareError, match="'age' is listed in 'id' but not described"):
        parse_jsonstat(doc, P)
    with pytest.raises(PrepareError, match="value 'x' is not a number"):
        parse_jsonstat(_doc(["geo", "time", "sex"], {"3": "x"}), P)
