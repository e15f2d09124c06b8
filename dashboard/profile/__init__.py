"""Country profiles (/country/<ISO3>): every indicator the prepared data holds for one of the 11, with its
latest value, change, rank among the 11, comparison chart, sources and caveats, and the flows in and out.

Pure functions of the Store (no Dash): rows.py (the table the page and its CSV/JSON twin share), figures.py
(each indicator's chart), flows.py (asylum origins, trafficking citizenships, Frontex routes), places.py
(neighbours and routes, with their basis), text.py (the words beside the numbers) and page.py (the page's
content, which layouts/country.py lays out).
"""
