"""What each panel counts and what it does not, in two sentences: the "?" beside each panel's title.

A panel counts what its view's indicator (or flow measure, or Frontex's detections) counts, so the texts are kept
per indicator and flow measure, and each panel's spec picks the pair for its view (dashboard.panels.spec,
PanelSpec.help). English msgids, translated where shown (registry.panel_help).
"""

from __future__ import annotations

from dashboard.catalog import CRIMES
from dashboard.i18n.messages import N_
from dashboard.view.state import ViewState

#: (what it counts, what it does not), English msgids.
Help = tuple[str, ...]

_VICTIMS = (N_("Counts the victims of trafficking in persons that the national authorities detected in the year, as "
               "reported to UNODC; a series by sex, age or form of exploitation counts the part of them its name "
               "gives."),
            N_("It does not count victims who were never identified, nor the traffickers, so a higher count may mean "
               "more detection rather than more trafficking; counts under 5 are withheld."))
_OFFENCES_NOT = N_("It counts offences, not persons: neither the smugglers nor the migrants smuggled, nor "
                   "prosecutions or convictions.")
_APPLICATIONS_NOT = N_("It does not count appeals or reviews, nor people who only registered an intention to seek "
                       "asylum, and an application is not a grant of protection.")
_APPLICANTS_NOT = N_("It does not count decisions or recognised refugees, and it covers only the EU members, EFTA "
                     "and Montenegro.")
_REFUGEES_NOT = N_("It does not count asylum-seekers whose claims are pending, nor the arrivals of the year: it is a "
                   "stock, not a flow.")
_SEEKERS_NOT = N_("It does not count recognised refugees, nor the applications lodged in the year: it is a stock, "
                  "not a flow.")
_DETECTIONS_NOT = N_("It counts detections, not persons: one person may be detected several times, and people who "
                     "crossed unseen are not in it.")

#: Indicator id -> what a panel showing it counts, and what it does not.
INDICATOR_HELP: dict[str, Help] = {
    "irregular_migration_national": (
        N_("Counts, for each country, its own published figure of irregular migrants: Eurostat's third-country "
           "nationals found illegally present, and Türkiye's irregular migrants apprehended."),
        N_("It does not count border crossings or people never found, and the two definitions differ, so the "
           "countries' figures are not strictly comparable; four countries publish none.")),
    "illegally_present": (
        N_("Counts the third-country nationals whom the authorities found to be illegally present in the country "
           "during the year (Eurostat), as persons."),
        N_("It does not count arrivals, border crossings or people staying irregularly who were never found, and the "
           "non-EU Western Balkan countries do not report it.")),
    "irregular_migrants_apprehended": (
        N_("Counts the irregular migrants whom Türkiye's authorities apprehended in the year, as the Presidency of "
           "Migration Management publishes them."),
        N_("It does not count Syrians under temporary protection, nor people who crossed without being caught, and "
           "it is not comparable with Eurostat's persons found illegally present.")),
    "smuggling_offences": (
        N_("Counts the offences of smuggling of migrants that the police recorded in the year (UNODC), each country "
           "under its own law."), _OFFENCES_NOT),
    "smuggling_offences_per_100k": (
        N_("Gives the police-recorded offences of smuggling of migrants per 100,000 inhabitants, as UNODC publishes "
           "the rate."), _OFFENCES_NOT),
    "smugglers_apprehended": (
        N_("Counts the suspected migrant smugglers whom Türkiye's authorities apprehended in the year (Presidency of "
           "Migration Management)."),
        N_("It does not count the migrants they moved, nor prosecutions or convictions: an apprehension is not a "
           "finding of guilt.")),
    **dict.fromkeys(("thb_victims", "thb_victims_female", "thb_victims_male", "thb_victims_children",
                     "thb_victims_sexual_exploitation", "thb_victims_forced_labour"), _VICTIMS),
    "thb_suspects": (
        N_("Counts the persons brought into formal contact with the police for trafficking in persons (suspected, "
           "arrested or cautioned) in the year, as reported to UNODC."),
        N_("It does not count victims, and being suspected of trafficking is not being prosecuted or convicted.")),
    "thb_prosecuted": (
        N_("Counts the persons prosecuted for trafficking in persons in the year, whatever the outcome, as reported "
           "to UNODC."),
        N_("It does not count victims, and a prosecution for trafficking is not a conviction.")),
    "thb_convicted": (
        N_("Counts the persons convicted of trafficking in persons by a court in the year, as reported to UNODC."),
        N_("It does not count victims, nor suspects who were not convicted, and those convicted of trafficking were "
           "not necessarily prosecuted in the same year.")),
    "dead_and_missing": (
        N_("Counts the migrants recorded dead or missing by IOM's Missing Migrants Project, in the country where the "
           "incident happened."),
        N_("It does not count deaths and disappearances that nobody recorded, so the true number is likely higher; "
           "a country with none recorded reads 0.")),
    "asylum_applications": (
        N_("Counts the asylum applications lodged in the country in the year, new and repeat, as UNHCR publishes "
           "them."), _APPLICATIONS_NOT),
    "asylum_recognition_rate": (
        N_("Gives the share of first-instance decisions on the merits that granted refugee status or complementary "
           "protection (UNHCR), in percent."),
        N_("It does not count the applications still pending or closed without a decision on the merits, and no "
           "rate is given below 20 such decisions.")),
    "asylum_applicants_eu": (
        N_("Counts the persons who applied for international protection in the country in the year, new and repeat "
           "applicants alike (Eurostat)."), _APPLICANTS_NOT),
    "refugees_hosted": (
        N_("Counts the refugees under UNHCR's mandate living in the country at the end of the year."), _REFUGEES_NOT),
    "asylum_seekers_hosted": (
        N_("Counts the asylum-seekers whose claims were still pending in the country at the end of the year (UNHCR)."),
        _SEEKERS_NOT),
    "population": (
        N_("Gives the UN's estimate of each country's mid-year population (World Population Prospects 2024)."),
        N_("It counts every resident, not migrants: it is there as context, and for the rates per 100,000.")),
}

#: Flow measure -> what the Flows panel counts when it draws it, and what it does not.
FLOW_HELP: dict[str, Help] = {
    "asylum_applications": (
        N_("Links each country of origin to the country of asylum where its citizens lodged asylum applications in "
           "the years shown (UNHCR)."), _APPLICATIONS_NOT),
    "asylum_applicants": (
        N_("Links each citizenship to the country where its citizens applied for asylum in the years shown "
           "(Eurostat)."), _APPLICANTS_NOT),
    "thb_victims_by_citizenship": (
        N_("Links each citizenship to the country where victims of trafficking of that citizenship were detected "
           "(UNODC)."),
        N_("It does not show the way the victims travelled, nor victims who were never identified.")),
    "refugees_by_origin": (
        N_("Links each country of origin to the country of asylum hosting its refugees at the end of the year "
           "(UNHCR)."), _REFUGEES_NOT),
    "asylum_seekers_by_origin": (
        N_("Links each country of origin to the country of asylum where its asylum-seekers' claims were pending at "
           "the end of the year (UNHCR)."), _SEEKERS_NOT),
}

#: Frontex's detections, as the Flows panel and the series by route show them.
ROUTES_FLOW_HELP: Help = (
    N_("Counts the detections of illegal border-crossing reported to Frontex on the South-East European routes, from "
       "the migrants' nationality to the route and the type of border."), _DETECTIONS_NOT)
ROUTES_SERIES_HELP: Help = (
    N_("Counts the detections of illegal border-crossing reported to Frontex each month, route by route."),
    _DETECTIONS_NOT)


def indicator_help(state: ViewState) -> Help:
    """The map's and the ranking's: what the view's indicator counts."""
    return INDICATOR_HELP[state.indicator]


def flows_help(state: ViewState) -> Help:
    """The Flows panel's: Frontex's detections, the crime type's flow measure, or why there is none."""
    crime = CRIMES[state.crime]
    if crime.routes:
        return ROUTES_FLOW_HELP
    measure = crime.flows(state.indicator)
    return FLOW_HELP[measure] if measure else (crime.no_flows,)


def series_help(state: ViewState) -> Help:
    """The series': Frontex's monthly detections by route, or the indicator by country."""
    return ROUTES_SERIES_HELP if state.series == "route" else indicator_help(state)
