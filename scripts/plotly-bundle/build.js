// node build.js OUTFILE: bundle entry.js the way plotly.js builds its own dist files (tasks/bundle.mjs).
const esbuild = require('esbuild');
const version = require('plotly.js/package.json').version;

esbuild.build({
    entryPoints: [`${__dirname}/entry.js`],
    outfile: process.argv[2],
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    legalComments: 'eof',
    banner: { js: `/* plotly.js v${version}, partial bundle: scatter, scattergeo, choropleth, sankey. MIT licence. */` },
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    alias: { stream: 'stream-browserify' },
    // registry.js imports maplibre's stylesheet for map traces, which this bundle leaves out
    loader: { '.css': 'empty' },
    target: 'es2016',
    logLevel: 'warning',
}).catch(() => process.exit(1));
