"""The static edition: a folder of plain files that runs from file:// or any static host (issue 14).

Dash's renderer needs a server, so the edition is a small plotly.js front end (assets/site/site.js) fed by the same
panel registry, figures and year patches the server uses, written as script files that assign to one global.
"""
