"""The public names: every one in ``__all__`` resolves, and importing the package is light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import benefitkit
import benefitkit.lint


@pytest.mark.parametrize("module", [benefitkit, benefitkit.lint])
def test_every_public_name_resolves(module):
    assert module.__all__ == sorted(module.__all__)
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError, match="no_such_name"):
        module.no_such_name  # noqa: B018


def test_import_does_not_load_spacy():
    code = "import sys, benefitkit, benefitkit.profile; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_one_call_match_stays_callable_once_the_subpackage_loads():
    import datetime as dt

    import benefitkit.match as package
    import benefitkit.match.terms as terms  # what building an engine imports
    from benefitkit.match import Matcher

    assert package.Matcher is Matcher and terms.__name__ == "benefitkit.match.terms"
    engine = benefitkit.Engine(as_of=dt.date(2026, 11, 22))
    flier = engine.parse(b"# Till\n\n- Works with Shopify inventory\n", name="till.md")
    result = benefitkit.match(flier, {"account": "A", "needs": ["Must work with Shopify"]},
                              engine=engine)
    assert [m.need for m in result.matches] == [0]
