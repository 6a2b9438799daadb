"""The Jinja environment: overrides by name, strictness, sandbox, escaping, checks at build."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import SecurityError

from benefitkit.errors import TemplateError
from benefitkit.render import build_environment, check_templates, package_templates_dir

SHIPPED = {
    "advantage/default.j2", "benefit/generic.j2", "talk_track.md.j2", "talk_track.html.j2",
    "talk_track.txt.j2", "flier.md.j2", "flier.html.j2",
}


def test_package_templates_are_found_and_checked() -> None:
    assert (package_templates_dir() / "talk_track.md.j2").is_file()
    env = build_environment()
    names = set(check_templates(env))
    assert names >= SHIPPED
    assert {f"benefit/{c}.j2" for c in ("price", "usability", "integration")} <= names


def test_user_folder_overrides_by_name(tmp_path: Path) -> None:
    (tmp_path / "advantage").mkdir()
    (tmp_path / "advantage" / "default.j2").write_text("{{ feature.text }} (custom)")
    env = build_environment([tmp_path])
    out = env.get_template("advantage/default.j2").render(feature={"text": "Setup"})
    assert out == "Setup (custom)"
    # names the user did not override still come from the package
    assert "talk_track.md.j2" in env.list_templates()


def test_missing_user_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as err:
        build_environment([tmp_path / "nope"])
    assert err.value.code == "template-folder-missing"


def test_undefined_variable_is_an_error() -> None:
    env = build_environment(check=False)
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ nothing_here }}").render()


def test_sandbox_blocks_python_internals() -> None:
    env = build_environment(check=False)
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()
    with pytest.raises((SecurityError, jinja2.UndefinedError)):
        env.from_string("{{ ''.__class__.__mro__ }}").render()


def test_autoescape_only_for_html(tmp_path: Path) -> None:
    (tmp_path / "page.html.j2").write_text("<p>{{ name }}</p>")
    (tmp_path / "page.md.j2").write_text("{{ name }}")
    env = build_environment([tmp_path], check=False)
    evil = "<script>alert(1)</script> & Sons"
    assert "&lt;script&gt;" in env.get_template("page.html.j2").render(name=evil)
    assert env.get_template("page.md.j2").render(name=evil) == evil


@pytest.mark.parametrize("document", ["talk_track", "personalised_flier"])
def test_html_documents_escape_profile_and_flier_text_everywhere(document: str) -> None:
    import datetime as dt

    from benefitkit.engine import Engine

    engine = Engine(as_of=dt.date(2026, 11, 22))
    flier = engine.parse(b"# Kiosk <b>Pro</b>\n\n- SOC 2 <i>Type II</i> audited payments\n",
                         name="kiosk.md")
    profile = {"account": "Evil <script>x</script> Co",
               "needs": [{"text": "Must pass SOC 2 <img src=x onerror=alert(1)>",
                          "priority": "high"}]}
    text = getattr(engine, document)(flier, profile, format="html")
    assert "SOC 2" in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    for raw in ("<img", "<script", "<i>", "<b>"):
        assert raw not in text


def test_broken_template_fails_at_build_naming_it(tmp_path: Path) -> None:
    (tmp_path / "benefit").mkdir()
    (tmp_path / "benefit" / "price.j2").write_text("line one\n{% if feature %}\nno end\n")
    with pytest.raises(TemplateError) as err:
        build_environment([tmp_path])
    assert err.value.path == "benefit/price.j2"
    assert err.value.row is not None
    assert err.value.code == "template-syntax"
    assert "benefit/price.j2" in str(err.value)
    assert ".." not in str(err.value)  # a message ending in a full stop gets no second one


def test_unknown_filter_fails_at_build(tmp_path: Path) -> None:
    (tmp_path / "advantage").mkdir()
    (tmp_path / "advantage" / "default.j2").write_text("{{ feature.text|shout }}")
    with pytest.raises(TemplateError) as err:
        build_environment([tmp_path])
    assert err.value.path == "advantage/default.j2"


def test_unknown_variable_fails_at_build_with_suggestion(tmp_path: Path) -> None:
    (tmp_path / "benefit").mkdir()
    (tmp_path / "benefit" / "usability.j2").write_text("ok\n{{ featur.text }}")
    with pytest.raises(TemplateError) as err:
        build_environment([tmp_path])
    assert err.value.code == "template-unknown-variable"
    assert err.value.row == 2
    assert "feature" in (err.value.hint or "")


def test_filters_are_registered() -> None:
    env = build_environment(check=False)
    for name in ("a_an", "plural", "agree", "money", "number_words", "duration", "join_list",
                 "possessive"):
        assert name in env.filters


def test_fast_paths_read_what_jinja_would() -> None:
    env = build_environment(check=False)
    data = {"account": "Acme", "items": "a key named like a method"}
    # a key is read directly; a dict method still wins over a key of the same name
    assert env.from_string("{{ d.account }}").render(d=data) == "Acme"
    assert env.from_string("{{ d.items()|list|length }}").render(d=data) == "2"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ d.missing }}").render(d=data)
    # macros from an imported module are called; private attributes stay out of reach
    assert env.from_string(
        "{% macro hi(n) %}hi {{ n }}{% endmacro %}{{ hi('Dana') }}").render() == "hi Dana"


def test_sandbox_still_guards_value_classes() -> None:
    from benefitkit.model import SourceSpan

    env = build_environment(check=False)
    span = SourceSpan(0, 4)
    assert env.from_string("{{ s.start }}-{{ s.end }}").render(s=span) == "0-4"
    with pytest.raises((SecurityError, jinja2.UndefinedError)):
        env.from_string("{{ s.__class__.__init__.__globals__ }}").render(s=span)
