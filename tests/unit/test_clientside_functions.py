"""Every ClientsideFunction("ns", "name") in callbacks/, layouts/ and dashboard/ is defined by a script in assets/.

A missing or misspelt one is invisible to the server: the app starts, every Python test passes, and in the
browser the control does nothing but log one error. The checker itself is tested on made-up names, so a reader
that found nothing (and so found nothing missing) cannot pass for a clean result.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.unit.clientside import (
    asset_scripts,
    defined_functions,
    missing_functions,
    named_functions,
    python_files,
    tokens,
)

#: A few the app is known to use, one per namespace: the scan must find at least these.
KNOWN = {"see.togglePlay", "timeline.step", "present.sync", "a11y.toggleTable"}

FAKE_CALLBACKS = '''
from dash import ClientsideFunction
import dash

ONE = ClientsideFunction("timeline", "rewind")          # a namespace that exists, a function that does not
TWO = dash.ClientsideFunction(namespace="nowhere", function_name="step")
THREE = ClientsideFunction("see", function_name="togglePlay")  # defined by assets/app.js
# ClientsideFunction("comment", "only") is not a use, nor is this: "ClientsideFunction('string', 'only')"
'''


def test_every_clientside_function_the_python_names_is_defined_in_assets() -> None:
    named, unresolved = named_functions(python_files(REPO_ROOT))
    assert set(named) >= KNOWN, f"the scan missed some: found only {sorted(named)}"
    assert not unresolved, f"names that are not string literals, which this test cannot check: {unresolved}"
    missing = missing_functions(python_files(REPO_ROOT), asset_scripts(REPO_ROOT))
    assert not missing, f"named in Python but defined by no script in assets/: {missing}"


def test_the_checker_reports_names_no_asset_defines(tmp_path: Path) -> None:
    fake = tmp_path / "callbacks.py"
    fake.write_text(FAKE_CALLBACKS)
    named, unresolved = named_functions([fake])
    assert sorted(named) == ["nowhere.step", "see.togglePlay", "timeline.rewind"] and not unresolved
    missing = missing_functions([fake], asset_scripts(REPO_ROOT))
    assert set(missing) == {"timeline.rewind", "nowhere.step"}
    assert missing["timeline.rewind"] == [f"{fake}:5"]
    # Once a script defines them, nothing is missing.
    script = tmp_path / "extra.js"
    script.write_text("window.dash_clientside.nowhere = {step: (y) => y};\n"
                      "window.dash_clientside.timeline.rewind = function () {};\n")
    assert missing_functions([fake], [*asset_scripts(REPO_ROOT), script]) == {}


def test_a_name_built_at_run_time_is_reported_not_skipped(tmp_path: Path) -> None:
    fake = tmp_path / "layout.py"
    fake.write_text("from dash import ClientsideFunction\nNS = 'see'\nF = ClientsideFunction(NS, 'speed')\n")
    assert named_functions([fake]) == ({}, [f"{fake}:3"])


def test_the_reader_knows_each_way_a_script_may_define_them() -> None:
    script = """
    /* dash_clientside = Object.assign({}, {ghost: {inComment: function () {}}}); */
    const s = "window.dash_clientside.ghost = {inString: function () {}}";
    const re = /[{}"']/g, t = `{${ {a: 1}.a }}`;  // braces in a regex and a template literal
    window.dash_clientside = Object.assign({}, window.dash_clientside, {
      one: {
        plain: function (a) { return {nested: function () {}}; },
        arrow: (a, ...rest) => a,
        bare: a => a,
        "quoted": async function () {},
        shorthand(a) { return a; },
        notAFunction: 5,
        alsoNot: (1 + 2),
      },
      two: {only: function () {}},
    });
    window.dash_clientside.three = {fn: function () {}};
    window.dash_clientside.three.later = () => 1;
    other.dash_clientside = Object.assign({}, {ghost: {elsewhere: function () {}}});
    """
    assert defined_functions(script) == {
        "one.plain", "one.arrow", "one.bare", "one.quoted", "one.shorthand", "two.only", "three.fn", "three.later"}


@pytest.mark.parametrize("script", asset_scripts(REPO_ROOT), ids=lambda p: p.name)
def test_each_asset_script_reads_with_balanced_brackets(script: Path) -> None:
    """A regex or template the tokenizer misread would unbalance them, and could hide or invent a definition."""
    depth = 0
    for tok in tokens(script.read_text(encoding="utf-8")):
        depth += (tok in ("(", "[", "{")) - (tok in (")", "]", "}"))
        assert depth >= 0, script
    assert depth == 0, script
