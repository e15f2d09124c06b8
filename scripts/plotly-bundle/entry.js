// The plotly.js the dashboard serves: only the trace types its figures use (dashboard/figures/).
// tests/unit/test_plotly_bundle.py fails when a figure uses a trace type missing here.
'use strict';
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/scatter'),
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/sankey'),
]);

module.exports = Plotly;
