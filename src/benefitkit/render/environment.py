"""The one Jinja environment: user template folders first, then the package templates.

Built once per engine and checked when built: every template is compiled, and every variable
a statement or document template reads must be one the writer passes, so a typo fails at
start-up with a did-you-mean instead of halfway through a batch. The environment is
sandboxed (a user template cannot reach Python internals), undefined variables are errors,
and only ``.html`` templates are autoescaped (account names from a CRM are untrusted text).
"""

from __future__ import annotations

import builtins
import difflib
import logging
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import jinja2
from jinja2 import meta, nodes
from jinja2.environment import TemplateModule
from jinja2.runtime import Context, Macro
from jinja2.sandbox import SandboxedEnvironment

from benefitkit.errors import TemplateError
from benefitkit.render.filters import FILTERS

__all__ = [
    "DOCUMENT_VARIABLES",
    "PART_VARIABLES",
    "STATEMENT_VARIABLES",
    "build_environment",
    "check_templates",
    "package_templates_dir",
    "reads_variable",
    "render_error",
]

log = logging.getLogger("benefitkit")

#: What the writer passes to every ``benefit/*`` and ``advantage/*`` template.
STATEMENT_VARIABLES = frozenset(
    {"feature", "need", "profile", "match", "tone", "variant", "openers", "flier", "locale"}
)
#: What the writer passes to ``talk_track.*`` and ``flier.*`` templates.
DOCUMENT_VARIABLES = frozenset({"doc", "profile", "flier", "locale"})
#: What the writer passes to the ``talk/*`` part templates (unused ones are none or empty).
PART_VARIABLES = frozenset(
    {"profile", "flier", "need", "feature", "features", "statement", "objection", "vendor",
     "facts", "tone", "variant", "locale"}
)
_FAMILIES: dict[str, frozenset[str]] = {
    "benefit/": STATEMENT_VARIABLES,
    "advantage/": STATEMENT_VARIABLES,
    "talk_track.": DOCUMENT_VARIABLES,
    "flier.": DOCUMENT_VARIABLES,
    "talk/": PART_VARIABLES,
}
_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop"})


def package_templates_dir() -> Path:
    """Where the shipped templates are: inside the wheel, else the repo's ``templates/``."""
    shipped = resources.files("benefitkit") / "templates"
    if shipped.is_dir():
        return Path(str(shipped))
    # Editable install: src/benefitkit/render/environment.py -> repo root is parents[3].
    return Path(__file__).resolve().parents[3] / "templates"


class _Sandbox(SandboxedEnvironment):
    """The sandbox, with fast paths for what statement templates read most.

    The pipeline's own frozen value classes have plain data as public attributes (and
    ``Flier.feature``), so the per-attribute safety checks only cost time there. A key of a
    plain ``dict`` that is not also a dict method is what Jinja finds anyway, after an
    attribute lookup that fails; it is read directly. Macros are always safe to call.
    Everything else goes through the full checks.
    """

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr[:1] != "_" and _is_value_type(type(obj)):
            return True
        return bool(super().is_safe_attribute(obj, attr, value))

    def getattr(self, obj: Any, attribute: str) -> Any:
        cls = type(obj)
        if cls is dict:
            if attribute not in _DICT_ATTRIBUTES:
                try:
                    return obj[attribute]
                except KeyError:
                    return self.undefined(obj=obj, name=attribute)
        elif attribute[:1] != "_":
            # a template module's public attributes are the macros and names it exports
            plain = _PLAIN_ATTRIBUTES.get(cls)
            if plain is None:
                plain = _PLAIN_ATTRIBUTES[cls] = cls is TemplateModule or _is_value_type(cls)
            if plain:
                try:
                    return builtins.getattr(obj, attribute)
                except AttributeError:
                    pass
        return super().getattr(obj, attribute)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is Macro:
            return __context.call(__obj, *args, **kwargs)
        return super().call(__context, __obj, *args, **kwargs)


_DICT_ATTRIBUTES = frozenset(dir(dict))


_VALUE_TYPES: dict[type, bool] = {}
# whether a type's public attributes are read directly (value types and template modules)
_PLAIN_ATTRIBUTES: dict[type, bool] = {}


def _is_value_type(cls: type) -> bool:
    # benefitkit's own attrs value classes (Feature, Value, Match...): data, no hooks.
    found = _VALUE_TYPES.get(cls)
    if found is None:
        found = _VALUE_TYPES[cls] = attrs.has(cls) and cls.__module__.startswith("benefitkit.")
    return found


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((".html", ".html.j2"))


def build_environment(
    template_dirs: Iterable[str | Path] = (),
    *,
    check: bool = True,
) -> SandboxedEnvironment:
    """Build the sandboxed environment with the language filters, and check its templates.

    Args:
        template_dirs: user folders, searched in order before the package templates; a
            template with the same name as a shipped one replaces it.
        check: compile and check every template now (the default; turn off only in tests
            that build broken environments on purpose).

    Raises:
        TemplateError: a folder is missing, or a template fails to compile or reads a
            variable the writer does not pass (names the template and line).
    """
    loaders: list[jinja2.BaseLoader] = []
    for folder in template_dirs:
        path = Path(folder)
        if not path.is_dir():
            raise TemplateError(
                "template folder not found", code="template-folder-missing", path=path,
                hint="pass an existing folder of .j2 templates",
            )
        loaders.append(jinja2.FileSystemLoader(str(path)))
    loaders.append(jinja2.FileSystemLoader(str(package_templates_dir())))
    env = _Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        # Templates are compiled once per engine and never re-read: a batch must not stat
        # every file for every row.
        auto_reload=False,
        cache_size=-1,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    if check:
        check_templates(env)
    return env


def check_templates(env: jinja2.Environment, names: Sequence[str] | None = None) -> list[str]:
    """Compile every template and check the variables it reads.

    Args:
        env: the environment to check.
        names: the templates to check (default: every template the loaders list).

    Returns:
        The names checked, sorted.

    Raises:
        TemplateError: the first template that fails, with its name and line.
    """
    assert env.loader is not None
    checked = sorted(names if names is not None else env.list_templates(extensions=["j2"]))
    for name in checked:
        try:
            source, _, _ = env.loader.get_source(env, name)
            tree = env.parse(source, name=name)
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                exc.message or "syntax error", code="template-syntax", path=name, row=exc.lineno,
                hint="fix the template syntax",
            ) from exc
        except jinja2.TemplateError as exc:
            raise TemplateError(str(exc), code="template-broken", path=name) from exc
        _check_variables(name, source, meta.find_undeclared_variables(tree))
    log.debug("checked %d templates", len(checked))
    return checked


def reads_variable(env: jinja2.Environment, name: str, variable: str) -> bool:
    """Whether template ``name``, or a template it extends or includes, reads ``variable``
    from its context.

    Raises:
        jinja2.TemplateError: the template cannot be found or parsed.
    """
    if env.loader is None:
        raise jinja2.TemplateNotFound(name)
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source, _, _ = env.loader.get_source(env, current)
        tree = env.parse(source, name=current)
        if variable in meta.find_undeclared_variables(tree):
            return True
        # the base a template extends, and a template it includes, render with its context
        for node in tree.find_all((nodes.Extends, nodes.Include)):
            target = getattr(node, "template", None)
            if isinstance(target, nodes.Const) and isinstance(target.value, str):
                todo.append(target.value)
    return False


def _check_variables(name: str, source: str, used: set[str]) -> None:
    allowed = next((v for prefix, v in _FAMILIES.items() if name.startswith(prefix)), None)
    if allowed is None:
        return  # macro libraries (_lib/) get their variables as arguments
    for var in sorted(used - allowed - _GLOBALS):
        close = difflib.get_close_matches(var, sorted(allowed), n=1)
        raise TemplateError(
            f"template reads {var!r}, which the writer does not pass",
            code="template-unknown-variable", path=name, row=_line_of(source, var),
            hint=(f"did you mean {close[0]!r}? " if close else "")
            + "available: " + ", ".join(sorted(allowed)),
        )


def _line_of(source: str, word: str) -> int | None:
    for number, line in enumerate(source.splitlines(), start=1):
        if word in line:
            return number
    return None


def render_error(name: str, exc: Exception) -> TemplateError:
    """A render-time failure as a TemplateError naming the template and, if known, the line."""
    line = _render_line(exc, name)
    return TemplateError(str(exc), code="template-render", path=name, row=line)


def _render_line(exc: Exception, name: str) -> int | None:
    # Jinja rewrites tracebacks so template frames carry the template's file and line.
    tb: Any = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.replace("\\", "/").endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
