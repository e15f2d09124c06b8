"""UNHCR asylum applications and decisions for the 11 countries of asylum (package ``refugees``).

**Applications** (SOURCES.md's rule, the figure that compares across the 11 and matches Eurostat's "asylum
applicants"): applications lodged, new and repeat, excluding appeals and reviews: the rows whose app_type is not A
or J and whose dec_level is not AR or JR, summed over origins and procedure types. The file is a selection (rows
whose country of asylum *or* origin is one of the 11), so totals are taken for the 11 as countries of asylum only;
the rows with an origin among the 11 and asylum elsewhere are flows, never another country's total. Where no row
exists the figure is missing (no row is written), never 0.

Flags: ``combined_stages`` where a total includes FA or NA rows (the stages were not separated, appeals may be in
it), ``type_not_reported`` for V rows, ``cases`` for app_pc C rows, and the masked-count flags of
:func:`dashboard.prepare.unhcr.masked_sums`.

**Recognition rate** (total recognition rate, percent): (recognised + complementary protection) / (all decisions -
otherwise closed), from first-instance decisions (FI, and RA). A country-year with no FI or RA row but FA rows
(first instance and appeal together) uses FA, flagged ``includes_appeals``. No rate where fewer than 20 decisions
are on the merits (a zero base included): masked 5s make small bases unreliable.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.catalog import PARTICIPATING
from dashboard.prepare.base import SourceResult, flow_frame, indicator_frame, join_flags
from dashboard.prepare.errors import PrepareError
from dashboard.prepare.readers import ROW, check_unique, check_values, read_csv
from dashboard.prepare.reference import Reference
from dashboard.prepare.unhcr import MASKED, check_codes, masked_sums

APPLICATIONS_FILE = Path("unhcr/unhcr_asylum_applications.csv")
DECISIONS_FILE = Path("unhcr/unhcr_asylum_decisions.csv")
PROCEDURE_TYPES = {"G", "U", "J"}
#: Codes found in the files (UNHCR's methodology defines them); an unknown code stops the run, since the rule
#: could not say whether to count it.
APP_TYPES = {"N", "R", "NR", "NA", "RA", "A", "J", "V", "SP", "FA"}
DEC_LEVELS = {"FI", "RA", "FA", "AR", "JR", "IN", "EO", "NA", "CA", "SP", "TA", "BL", "TP"}
COUNT_UNITS = {"P", "C"}
NOT_LODGED_TYPES = {"A", "J"}
REVIEW_LEVELS = {"AR", "JR"}
FIRST_INSTANCE = {"FI", "RA"}
COMBINED_LEVEL = "FA"
#: Below this many decisions on the merits no rate is published.
MIN_DECISIONS = 20
_APP_FLAGS = ["combined_stages", "type_not_reported", "cases"]


def _check_codes(df: pd.DataFrame, path: Path, columns: dict[str, set[str]]) -> None:
    for column, allowed in columns.items():
        check_values(df, column, allowed, path, what=f"{column} code")


def read_applications(raw: Path, ref: Reference) -> SourceResult:
    """Applications lodged per participating country of asylum and year, and origin -> asylum flows."""
    path = raw / APPLICATIONS_FILE
    df = read_csv(path, {"year": "int", "coo_iso": "str", "coa_iso": "str", "procedure_type": "str",
                         "app_type": "str", "dec_level": "str", "app_pc": "str", "applied": "count"})
    _check_codes(df, path, {"procedure_type": PROCEDURE_TYPES, "app_type": APP_TYPES, "dec_level": DEC_LEVELS,
                            "app_pc": COUNT_UNITS})
    df = check_codes(df, ref, path)
    check_unique(df, ["year", "coo_iso", "coa_iso", "procedure_type", "app_type", "dec_level", "app_pc"], path)
    result = SourceResult("unhcr_asylum_applications", rows_read=len(df))
    lodged = df[~df["app_type"].isin(NOT_LODGED_TYPES) & ~df["dec_level"].isin(REVIEW_LEVELS)]
    lodged = lodged.assign(combined_stages=(lodged["dec_level"] == COMBINED_LEVEL) | (lodged["app_type"] == "NA"),
                           type_not_reported=lodged["app_type"] == "V", cases=lodged["app_pc"] == "C")
    result.rows_dropped = len(df) - len(lodged)
    result.notes.append(f"left out {len(df) - len(lodged)} row(s) of appeals and reviews (app_type A or J, "
                        "dec_level AR or JR)")
    home = lodged[lodged["coa_iso"].isin(PARTICIPATING)]
    totals = masked_sums(home, ["coa_iso", "year"], "applied", _APP_FLAGS)
    result.tables["country_indicators"] = indicator_frame(totals, "asylum_applications", iso3="coa_iso")
    links = lodged[lodged["coa_iso"].isin(PARTICIPATING) | lodged["coo_iso"].isin(PARTICIPATING)]
    links = masked_sums(links, ["coo_iso", "coa_iso", "year"], "applied", _APP_FLAGS)
    result.tables["flows"] = flow_frame(links.rename(columns={"coo_iso": "origin", "coa_iso": "destination"}),
                                        "asylum_applications", "unhcr_asylum_applications")
    result.notes.append("totals only for the 11 as countries of asylum (the file is a selection); flows towards the "
                        "11 and from the 11 to any country")
    return result


def _decision_rows(raw: Path, ref: Reference) -> tuple[pd.DataFrame, int]:
    """The decisions for the 11 countries of asylum, checked: known codes, unique keys, and no more positive
    decisions than decisions on the merits (other countries' rows are not used, and some do not add up)."""
    path = raw / DECISIONS_FILE
    counts = ["dec_recognized", "dec_other", "dec_rejected", "dec_closed", "dec_total"]
    df = read_csv(path, {"year": "int", "coo_iso": "str", "coa_iso": "str", "procedure_type": "str",
                         "dec_level": "str", "dec_pc": "str", **dict.fromkeys(counts, "count")})
    _check_codes(df, path, {"procedure_type": PROCEDURE_TYPES, "dec_level": DEC_LEVELS, "dec_pc": COUNT_UNITS})
    df = check_codes(df, ref, path)
    check_unique(df, ["year", "coo_iso", "coa_iso", "procedure_type", "dec_level", "dec_pc"], path)
    home = df[df["coa_iso"].isin(PARTICIPATING)]
    bad = home["dec_total"] - home["dec_closed"] < home["dec_recognized"] + home["dec_other"]
    if bad.any():
        raise PrepareError(path, "dec_total less dec_closed is smaller than the positive decisions "
                           "(dec_recognized + dec_other)", row=int(home.loc[bad, ROW].iloc[0]), column="dec_total")
    return home, len(df)


def _rates(rows: pd.DataFrame) -> pd.DataFrame:
    """Per country of asylum and year: the rate, its bounds from masked cells, and its flags."""
    work = rows.assign(
        positive=rows["dec_recognized"] + rows["dec_other"],
        merits=rows["dec_total"] - rows["dec_closed"],
        k_pos=(rows["dec_recognized"] == MASKED).astype("int64") + (rows["dec_other"] == MASKED).astype("int64"),
        k_neg=(rows["dec_rejected"] == MASKED).astype("int64"),
        includes_appeals=rows["dec_level"] == COMBINED_LEVEL, cases=rows["dec_pc"] == "C",
    )
    out = work.groupby(["coa_iso", "year"], as_index=False, sort=True).agg(
        positive=("positive", "sum"), merits=("merits", "sum"), k_pos=("k_pos", "sum"), k_neg=("k_neg", "sum"),
        includes_appeals=("includes_appeals", "any"), cases=("cases", "any"))
    out = out[out["merits"] >= MIN_DECISIONS].reset_index(drop=True)
    pos, neg = out["positive"].astype("float64"), (out["merits"] - out["positive"]).astype("float64")
    pos_lo, neg_lo = pos - 4 * out["k_pos"], (neg - 4 * out["k_neg"]).clip(lower=0)
    masked = (out["k_pos"] + out["k_neg"]) > 0
    out["value"] = 100 * pos / (pos + neg)
    lower = 100 * pos_lo / (pos_lo + neg).where(pos_lo + neg > 0, 1.0)
    out["lower"] = np.where(masked, lower, np.nan)
    out["upper"] = np.where(masked, 100 * pos / (pos + neg_lo), np.nan)
    out["flag"] = join_flags({"includes_appeals": out["includes_appeals"], "includes_masked": masked,
                              "cases": out["cases"]}, out.index)
    return out


def read_decisions(raw: Path, ref: Reference) -> SourceResult:
    """The total recognition rate per participating country of asylum and year (percent)."""
    home, n = _decision_rows(raw, ref)
    result = SourceResult("unhcr_asylum_decisions", rows_read=n)
    first = home["dec_level"].isin(FIRST_INSTANCE)
    has_first = first.groupby([home["coa_iso"], home["year"]]).transform("any")
    used = home[first | ((home["dec_level"] == COMBINED_LEVEL) & ~has_first)]
    rates = _rates(used)
    result.rows_dropped = n - len(used)
    groups = used.groupby(["coa_iso", "year"]).ngroups
    result.notes.append(f"{groups - len(rates)} country-year(s) with fewer than {MIN_DECISIONS} decisions on the "
                        "merits have no rate")
    result.tables["country_indicators"] = indicator_frame(rates, "asylum_recognition_rate", iso3="coa_iso")
    return result
