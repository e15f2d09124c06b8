"""The project's fixed vocabulary: countries, crime types, indicators, sources and flags.

These ids appear in URLs, in the data API and in the prepared files, so they are defined once here and
shared by the prepare step and the serving app. Changing an id breaks published links: add, don't rename;
where an indicator must be renamed, INDICATOR_ALIASES keeps its old id working.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from dashboard.i18n.messages import N_

#: The 11 countries of the co-operation effort, in the order the UI lists them.
PARTICIPATING: tuple[str, ...] = (
    "ALB", "BIH", "BGR", "HRV", "CYP", "GRC", "MKD", "MNE", "ROU", "SRB", "TUR",
)


@dataclass(frozen=True)
class Indicator:
    """One published series: what it counts, in which unit, from which source, with which caveat."""

    id: str
    crime_type: str
    label: str
    unit: str
    source: str
    caveat: str = ""
    #: A rate per 100,000 population makes sense (counts of people or offences), not for rates themselves.
    per_capita: bool = True
    #: Published indicators this one is composed of at the store level (catalog.COMPOSED); () for published ones.
    composed_of: tuple[str, ...] = ()


_CTS_CAVEAT = N_("Police-recorded offences, not persons; national legal definitions differ.")
_GLOTIP_CAVEAT = N_('Detected victims only; "<5" is suppressed by UNODC and shown as fewer than 5.')
_SUSPECTS_CAVEAT = N_("Persons brought into formal contact with the police or the criminal justice system for "
                      "trafficking in persons (suspected, arrested or cautioned), as reported by national "
                      "authorities under national legal definitions, which differ; not victims. "
                      '"<5" is suppressed by UNODC and shown as fewer than 5.')
_PROSECUTED_CAVEAT = N_("Persons prosecuted for trafficking in persons in the year, whatever the outcome, as "
                        "reported by national authorities under national legal definitions, which differ; not "
                        'victims. "<5" is suppressed by UNODC and shown as fewer than 5.')
_CONVICTED_CAVEAT = N_("Persons found guilty of trafficking in persons by a court in the year (not necessarily "
                       "those prosecuted in the same year), as reported by national authorities under national "
                       'legal definitions, which differ; not victims. "<5" is suppressed by UNODC and shown as '
                       "fewer than 5.")
_UNHCR_APPS_CAVEAT = N_(
    "Asylum applications lodged, new and repeat, excluding appeals and reviews (UNHCR), by country of asylum. "
    "Countries report in their own breakdowns: flags mark combined stages, unreported types and counts of cases. "
    "UNHCR publishes counts of 1 to 5 as 5: a total that includes such cells is flagged, with its range."
)
_RATE_CAVEAT = N_(
    "Total recognition rate: Convention status and complementary protection over decisions on the merits "
    "(all decisions less those otherwise closed), first instance and repeat; where a country reports first instance "
    "and appeal together, those decisions, flagged. No rate below 20 decisions on the merits."
)
_TUR_CAVEAT = N_(
    "Transcribed from the Presidency of Migration Management's published figures; 2024 is provisional "
    "(sources conflict). Syrians under temporary protection are not counted as irregular migrants."
)
#: The units of the indicators (the axes' and colour bars' titles).
_PERSONS, _OFFENCES = N_("persons"), N_("offences")

INDICATORS: dict[str, Indicator] = {
    i.id: i
    for i in (
        Indicator("illegally_present", "irregular-migration",
                  N_("Third-country nationals found to be illegally present"), _PERSONS, "eurostat_migr_eipre",
                  N_("Eurostat counts are rounded to the nearest 5. Not available for non-EU Western Balkan "
                     "countries.")),
        Indicator("irregular_migrants_apprehended", "irregular-migration",
                  N_("Irregular migrants apprehended (Türkiye)"), _PERSONS, "tur_pmm", _TUR_CAVEAT),
        Indicator("smuggling_offences", "migrant-smuggling",
                  N_("Smuggling of migrants: police-recorded offences"), _OFFENCES, "unodc_cts", _CTS_CAVEAT),
        Indicator("smuggling_offences_per_100k", "migrant-smuggling",
                  N_("Smuggling of migrants: offences per 100,000 population"), N_("per 100,000"), "unodc_cts",
                  N_("Police-recorded offences, not persons; national legal definitions differ. Rate as published "
                     "by UNODC."), per_capita=False),
        Indicator("smugglers_apprehended", "migrant-smuggling",
                  N_("Migrant smugglers apprehended (Türkiye)"), _PERSONS, "tur_pmm", _TUR_CAVEAT),
        Indicator("thb_victims", "human-trafficking", N_("Detected victims of trafficking"), _PERSONS,
                  "unodc_glotip", _GLOTIP_CAVEAT),
        Indicator("thb_victims_female", "human-trafficking", N_("Detected victims: female"), _PERSONS,
                  "unodc_glotip", _GLOTIP_CAVEAT),
        Indicator("thb_victims_male", "human-trafficking", N_("Detected victims: male"), _PERSONS,
                  "unodc_glotip", _GLOTIP_CAVEAT),
        Indicator("thb_victims_children", "human-trafficking", N_("Detected victims: children (0-17)"), _PERSONS,
                  "unodc_glotip", _GLOTIP_CAVEAT),
        Indicator("thb_victims_sexual_exploitation", "human-trafficking",
                  N_("Detected victims: trafficked for sexual exploitation"), _PERSONS, "unodc_glotip",
                  _GLOTIP_CAVEAT),
        Indicator("thb_victims_forced_labour", "human-trafficking",
                  N_("Detected victims: trafficked for forced labour"), _PERSONS, "unodc_glotip", _GLOTIP_CAVEAT),
        Indicator("thb_suspects", "human-trafficking",
                  N_("Persons brought into formal contact with the police (trafficking)"), _PERSONS, "unodc_glotip",
                  _SUSPECTS_CAVEAT),
        Indicator("thb_prosecuted", "human-trafficking", N_("Persons prosecuted for trafficking"), _PERSONS,
                  "unodc_glotip", _PROSECUTED_CAVEAT),
        Indicator("thb_convicted", "human-trafficking", N_("Persons convicted of trafficking"), _PERSONS,
                  "unodc_glotip", _CONVICTED_CAVEAT),
        Indicator("dead_and_missing", "deaths", N_("Dead and missing migrants, by country of incident"), _PERSONS,
                  "iom_mmp", N_("Recorded incidents only; the true number is likely higher. Counted where the "
                                "incident happened.")),
        Indicator("asylum_applications", "asylum", N_("Asylum applications (UNHCR)"), _PERSONS,
                  "unhcr_asylum_applications", _UNHCR_APPS_CAVEAT),
        Indicator("asylum_recognition_rate", "asylum", N_("Asylum recognition rate (UNHCR)"), N_("percent"),
                  "unhcr_asylum_decisions", _RATE_CAVEAT, per_capita=False),
        Indicator("asylum_applicants_eu", "asylum", N_("Asylum applicants (Eurostat)"), _PERSONS,
                  "eurostat_migr_asyappctza",
                  N_("All applicants, new and subsequent alike. Eurostat counts are rounded to the nearest 5. EU, "
                     "EFTA and Montenegro only.")),
        Indicator("refugees_hosted", "asylum", N_("Refugees hosted (year end)"), _PERSONS, "unhcr_population",
                  N_("Refugees under UNHCR's mandate, by country of asylum, at year end. UNHCR publishes counts of "
                     "1 to 5 as 5: a total that includes such cells is flagged, with its range.")),
        Indicator("asylum_seekers_hosted", "asylum", N_("Asylum-seekers hosted (year end)"), _PERSONS,
                  "unhcr_population",
                  N_("Pending asylum cases, by country of asylum, at year end. UNHCR publishes counts of 1 to 5 as "
                     "5: a total that includes such cells is flagged, with its range.")),
        Indicator("population", "context", N_("Population (mid-year)"), _PERSONS, "un_wpp",
                  N_("UN World Population Prospects 2024 estimates."), per_capita=False),
    )
}

#: Retired indicator ids -> the id that now holds the same series, so published links keep working.
INDICATOR_ALIASES: dict[str, str] = {"asylum_applicants_first_time": "asylum_applicants_eu"}

#: Notes that stand beside one source's figures for one country, keyed (source id, ISO-3).
_SRB_UNHCR = N_(
    "UNHCR counts Serbia and Kosovo together (Serbia and Kosovo: S/RES/1244 (1999)). Serbia counts only "
    "applications lodged, not the far larger number of people who registered an intention to seek asylum "
    "(in 2015 hundreds of thousands registered an intention and 636 applied)."
)
COUNTRY_SOURCE_NOTES: dict[tuple[str, str], str] = {
    ("unhcr_asylum_applications", "SRB"): _SRB_UNHCR,
    ("unhcr_asylum_decisions", "SRB"): _SRB_UNHCR,
    ("unhcr_population", "SRB"): N_("UNHCR counts Serbia and Kosovo together (Serbia and Kosovo: S/RES/1244 "
                                    "(1999))."),
}

#: Flags a value may carry in the prepared data: space-separated tokens in this order; empty string means none.
FLAGS: dict[str, str] = {
    "suppressed": N_("Suppressed by the publisher (fewer than 5); the value is withheld, not zero."),
    "provisional": N_("Provisional; sources disagree or the figure may be revised."),
    "rounded": N_("Rounded by the publisher (Eurostat rounds to the nearest 5)."),
    "break": N_("Break in series; not comparable with earlier years."),
    "conflicting": N_(
        "The publisher's file lists several different values under the same key with no label to tell them apart; "
        "none is chosen, so the value is withheld."
    ),
    "masked": N_("UNHCR publishes every count from 1 to 5 as 5: the true value is 1 to 5 (5 or fewer)."),
    "includes_masked": N_(
        "The figure is built from UNHCR cells published as 5 (true value 1 to 5): the true figure lies between "
        "lower and upper (for a total, the sum less 4 for each such cell, and the sum)."
    ),
    "combined_stages": N_(
        "The country did not report first instance and appeal separately (UNHCR codes FA or NA): appeals may be "
        "included."
    ),
    "type_not_reported": N_("The type of application was not reported (UNHCR code V): new and repeat are not told "
                            "apart."),
    "cases": N_("Includes figures that count cases (a family may be one case), not persons."),
    "partial_year": N_("Partial year: the publisher's data for this year ends before December (see coverage_end)."),
    "includes_appeals": N_(
        "The country reports first-instance and appeal decisions together (UNHCR level FA): the rate includes "
        "appeal decisions."
    ),
    "total_from_parts": N_(
        "The publisher lists this total only as two unlabelled rows equal to its age groups (0-17 and 18 or over): "
        "the total is their sum."
    ),
}

#: Flow measures in data/flows.parquet.
FLOW_MEASURES: dict[str, str] = {
    "asylum_applications": N_("Asylum applications (UNHCR): origin → country of asylum"),
    "asylum_applicants": N_("Asylum applicants (Eurostat): citizenship → country of application"),
    "thb_victims_by_citizenship": N_("Detected trafficking victims: citizenship → country of detection"),
    "refugees_by_origin": N_("Refugees: origin → country of asylum"),
    "asylum_seekers_by_origin": N_("Asylum-seekers: origin → country of asylum"),
}


#: Codes in the source files that stand for no country. The names are the publishers' own categories.
GROUP_NAMES: dict[str, str] = {
    "OOO": N_("Nationality not specified"),
    "STL": N_("Stateless"),
}

#: Short labels for Frontex routes where space is tight (Sankey nodes); the full name stays in hovers.
ROUTE_SHORT: dict[str, str] = {
    "Eastern Mediterranean Route": "Eastern Mediterranean",
    "Western Balkan Route": "Western Balkans",
    "Circular Route from Albania to Greece": "Albania–Greece circular",
    "Black Sea Route": "Black Sea",
    "Central Mediterranean Route": "Central Mediterranean",
    "Western Mediterranean Route": "Western Mediterranean",
    "Eastern Borders Route": "Eastern borders",
    "Western African Route": "Western African",
}


# ---- display rules (read by the store and the figures; the prepared files never hold these) ------------------


def flag_tokens(flag: object) -> frozenset[str]:
    """The tokens of a flag value: flags are space-separated ("masked partial_year"); "" or null has none."""
    return frozenset(flag.split()) if isinstance(flag, str) else frozenset()


#: Tokens the serving side adds to rows it derives; the prepare step never writes them.
DERIVED_FLAGS: dict[str, str] = {
    "none_recorded": N_(
        "IOM recorded no incident in this country in this year. IOM's records cover the whole region, so within "
        "its coverage years this is a count of zero, not missing data."
    ),
    "no_population": N_("No rate per 100,000: no population figure after 2023 (UN WPP 2024 ends in 2023)."),
}

#: Why a rate per 100,000 is missing from 2024 on; a test checks that the population data still ends in 2023.
NO_POPULATION = N_("no population figure after 2023 (UN WPP 2024 ends in 2023)")

#: Counts for which the publisher gives its own rate per 100,000: per 100,000 shows that rate, not one computed
#: from UN WPP (UNODC uses its own population figures; the two differ by up to 14%).
PUBLISHED_RATES: dict[str, str] = {"smuggling_offences": "smuggling_offences_per_100k"}

#: Where IOM's records cover the whole region, a year without an incident in a country is "none recorded" (0).
NONE_RECORDED: dict[str, str] = {"dead_and_missing": "iom_mmp"}

#: The indicators the prepared files hold (the prepare step writes and describes only these).
PUBLISHED_INDICATORS: dict[str, Indicator] = dict(INDICATORS)

#: An indicator composed at the store level from published ones: for each country and year, the first component
#: with a row gives the figure, and the row keeps its own source. National definitions differ: no rate.
_NATIONAL = Indicator(
    "irregular_migration_national", "irregular-migration",
    N_("Irregular migration: national figures (definitions differ)"), N_("persons (definitions differ)"), "composed",
    N_("Each country's figure comes from its own publisher and counts something different: Eurostat's third-country "
    "nationals found to be illegally present (EU members and Montenegro, rounded to the nearest 5) and Türkiye's "
    "irregular migrants apprehended (Presidency of Migration Management). Known gaps: no published figure for "
    "Albania, Bosnia and Herzegovina, North Macedonia or Serbia."),
    per_capita=False, composed_of=("illegally_present", "irregular_migrants_apprehended"),
)
#: Every indicator a view can show: the composed one first, as irregular migration's opening indicator.
INDICATORS = {_NATIONAL.id: _NATIONAL, **PUBLISHED_INDICATORS}


#: How the dashboard shows figures that are not plain numbers; the About page lists these, the README explains why.
DISPLAY_RULES: tuple[str, ...] = (
    N_("Flags are space-separated tokens; hovers, tables and source notes say what each one means."),
    N_("UNHCR publishes every count of 1 to 5 as 5: such a cell reads \"5 or fewer\" (flag masked) and stays 5 in "
    "downloads. A total that includes k masked cells shows its lower bound, the sum minus 4k "
    "(\"36 (at least 12; includes 6 masked counts)\"), and so does the Sankey's \"All others\"."),
    N_("A withheld value whose range is known reads \"between 3 and 7\"; one without reads \"fewer than 5\"."),
    N_("Partial years (IOM's and Frontex's 2025: January–April) are flagged in titles, hovers, series markers (open) "
    "and summaries, and no view opens on one."),
    N_("Per 100,000 shows the publisher's own rate where it gives one (UNODC's smuggling offences); otherwise the "
    "count over UN WPP's population of the same year. From 2024 there is none: \"no population figure after 2023 "
    "(UN WPP 2024 ends in 2023)\"."),
    N_("Irregular migration opens on national figures: Eurostat's third-country nationals found illegally present "
    "beside Türkiye's irregular migrants apprehended, each with its own source and definition; no rate is offered. "
    "Albania, Bosnia and Herzegovina, North Macedonia and Serbia publish no such figure."),
    N_("Dead and missing migrants: IOM's records cover the whole region, so a participating country with no incident "
    "in a year IOM covers reads \"none recorded\" (0, flag none_recorded), not \"no data\"."),
    N_("Each crime type opens on the latest complete year in which its opening indicator covers the most of the 11."),
    N_("Where a crime type has no flows (migrant smuggling, deaths, context), the Flows slot ranks the 11 countries."),
    N_("Every panel, embed, export and API answer gives the release date of each source behind it; the header names "
    "the newest release."),
)


def indicators_for(crime_type: str) -> list[Indicator]:
    """The indicators of one crime type, in catalogue order."""
    return [i for i in INDICATORS.values() if i.crime_type == crime_type]


@dataclass(frozen=True)
class CrimeType:
    """One crime type of the menu, and what its view opens with and draws, so no code tests its id."""

    id: str
    label: str
    #: The indicator its view opens with.
    default_indicator: str
    #: The flow measure (flows.parquet) its Sankey draws; None where it has no flow data, or uses routes.
    flow_measure: str | None = None
    #: Indicators whose Sankey draws another flow measure than the crime type's own.
    flow_for_indicator: Mapping[str, str] = field(default_factory=dict)
    #: Frontex routes stand in for flows: the Sankey draws detections by route, and the route years count.
    routes: bool = False
    #: The time-series mode its view opens with ("country" or "route").
    series: str = "country"
    #: What the Sankey says where there are no flows to draw.
    no_flows: str = N_("No flow data for this selection.")
    #: The year its view opens at: the latest complete year in which the default indicator covers the most of
    #: the 11 (tests/unit/test_display_rules.py recomputes it); None: the latest year of its default indicator.
    opening_year: int | None = None

    def flows(self, indicator: str) -> str | None:
        """The flow measure the Sankey draws for one of this crime type's indicators."""
        return self.flow_for_indicator.get(indicator, self.flow_measure)


def _crime(crime_id: str, label: str, **options: object) -> CrimeType:
    """A crime type that opens on its first indicator in catalogue order, unless told otherwise."""
    options.setdefault("default_indicator", indicators_for(crime_id)[0].id)
    return CrimeType(crime_id, label, **options)


#: Crime types by id, in menu order.
CRIMES: dict[str, CrimeType] = {
    c.id: c
    for c in (
        # Opens on national figures, so Türkiye's apprehensions stand beside Eurostat's (README, "How figures
        # are shown"); Eurostat's series ends in 2022.
        _crime("irregular-migration", N_("Irregular migration"), routes=True, series="route",
               default_indicator="irregular_migration_national", opening_year=2022),
        _crime("migrant-smuggling", N_("Migrant smuggling"), opening_year=2022,
               no_flows=N_("No flow data: the published smuggling figures count offences and apprehensions per "
                           "country, not movements between countries.")),
        _crime("human-trafficking", N_("Trafficking in human beings"), flow_measure="thb_victims_by_citizenship",
               opening_year=2022),
        # 2025 is a partial year (IOM's data end in April): the opening is 2024.
        _crime("deaths", N_("Dead and missing migrants"), opening_year=2024,
               no_flows=N_("No flow data: IOM records where migrants died or went missing, not a route between "
                           "countries. Turn on the incidents layer on the map to see where.")),
        # Opens on UNHCR's applications, which cover all 11 (Eurostat's only the EU members and Montenegro).
        # UNHCR's applications flow from origin to the country of asylum, Eurostat's applicants from citizenship to
        # the country of application; the hosted refugees and asylum-seekers from origin to the country of asylum.
        _crime("asylum", N_("Asylum and refugees"), default_indicator="asylum_applications",
               flow_measure="asylum_applications", opening_year=2025,
               flow_for_indicator={"asylum_applicants_eu": "asylum_applicants", "refugees_hosted": "refugees_by_origin",
                                   "asylum_seekers_hosted": "asylum_seekers_by_origin"}),
        _crime("context", N_("Context"), opening_year=2023, no_flows=N_("No flow data for population figures.")),
    )
}

#: Crime type id -> label, in menu order.
CRIME_TYPES: dict[str, str] = {c.id: c.label for c in CRIMES.values()}
