"""The parameter table's contract: every ViewState field is read, written and round-tripped through one row, and
every row's writer gives text its own parser reads back as the same value.

A field added to ViewState without a row, or a row whose writer and parser disagree, fails here before any URL
in the wild can show it. The domain is the committed prepared data's.
"""

from __future__ import annotations

from dataclasses import fields

import pytest

from dashboard.catalog import CRIMES, FLOW_MEASURES, INDICATOR_ALIASES, INDICATORS
from dashboard.view.params import DEFAULT_CRIME, MISSING, PARAMS, VIEW_PARAMS, Context, Valid, api_params, from_json
from dashboard.view.state import ViewState, default_state, parse_query, store_data, to_params, to_query

#: Views that between them give every field a value other than its default.
SAMPLES = (
    "?crime=human-trafficking&indicator=thb_victims_female&from=2014&to=2018&year=2016&country=GRC,ALB"
    "&nationality=NGA&measure=per100k&incidents=1&series=route&top=7&lang=sr-Cyrl&events=0",
    "?route=Western+Balkan+Route&nationality=SYR&series=country&year=2015&lang=el"
    "&events=western-balkan-route-closed,eu-turkiye-statement",
    "?crime=asylum&indicator=refugees_hosted&year=2012&country=TUR&top=30",
    "?crime=context&from=1990&to=2000",
    "?crime=migrant-smuggling&year=2022&compare=2015",
)


@pytest.fixture(scope="module")
def samples(view) -> list[ViewState]:  # noqa: ANN001
    return [view(q) for q in SAMPLES]


def test_every_field_has_one_row_with_a_parser_a_default_a_writer_and_a_json_reader() -> None:
    by_field = {row.field: row for row in VIEW_PARAMS.values()}
    assert set(by_field) == {f.name for f in fields(ViewState)}
    assert len(by_field) == len(VIEW_PARAMS)  # one row per field, one field per row
    for row in VIEW_PARAMS.values():
        assert row.parse is not None and row.default is not None and row.write is not None, row.name
        assert row.json is not None and row.choices is not None, row.name


def test_the_samples_set_every_field_off_its_default(samples, domain) -> None:
    for f in fields(ViewState):
        row = next(r for r in VIEW_PARAMS.values() if r.field == f.name)
        assert any(getattr(s, f.name) != row.default(default_state(domain, s.crime, s.indicator)) for s in samples), \
            f"no sample shows {f.name} off its default"


def test_every_rows_writer_output_parses_back_to_the_same_value(samples, domain) -> None:
    for state in samples:
        context = Context(domain, state.crime, state.indicator)
        for row in VIEW_PARAMS.values():
            value = getattr(state, row.field)
            if value is None:
                continue
            assert row.parse(row.write(value), context) == Valid(value), (row.name, value)


def test_every_field_round_trips_through_url_json_and_store(samples, domain) -> None:
    for state in samples:
        assert parse_query(to_query(state, domain), domain).state == state
        assert parse_query(to_params(state, domain), domain).notices == []
        data = store_data(state, domain)
        assert parse_query(data["query"], domain).state == state
        fields_only = {k: v for k, v in data.items() if k not in ("query", "key")}
        assert parse_query(from_json(fields_only), domain).state == state


def test_a_crime_types_opening_view_writes_only_its_crime_type(domain) -> None:
    for crime in CRIMES:
        assert to_params(default_state(domain, crime), domain) == ({} if crime == DEFAULT_CRIME else {"crime": crime})


@pytest.mark.parametrize("row", [r for r in PARAMS if r.api], ids=lambda r: f"{r.name}:{','.join(r.api)}")
def test_every_api_row_reads_strictly_and_its_choices_are_valid(row, domain) -> None:
    assert row.strict is not None
    assert row.strict(row.name, [], domain) == MISSING
    for choice in list(row.choices(domain))[:50]:
        assert isinstance(row.strict(row.name, [choice], domain), Valid), (row.name, choice)


def test_each_api_resource_takes_each_name_once() -> None:
    for resource in {r for row in PARAMS for r in row.api}:
        names = [row.name for row in api_params(resource)]
        assert len(names) == len(set(names)), resource


def test_every_view_rows_choices_parse_as_valid(domain) -> None:
    context = Context(domain, "human-trafficking", "thb_victims")
    for row in VIEW_PARAMS.values():
        if row.name in ("year", "from", "to", "compare"):
            continue  # the years valid for a view depend on its indicator; test_state covers them
        for choice in row.choices(domain):
            outcome = row.parse(choice, context)
            assert isinstance(outcome, Valid) and not outcome.dropped and not outcome.renamed, (row.name, choice)


def test_the_crime_records_point_at_the_catalogue() -> None:
    for crime in CRIMES.values():
        assert INDICATORS[crime.default_indicator].crime_type == crime.id
        assert crime.series in ("country", "route")
        for indicator in (i for i in INDICATORS.values() if i.crime_type == crime.id):
            assert crime.flows(indicator.id) in (None, *FLOW_MEASURES)
    for old, new in INDICATOR_ALIASES.items():
        assert old not in INDICATORS and new in INDICATORS
