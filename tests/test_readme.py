"""The README's Python quickstart runs, on the bundled example."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_quickstart_runs(capsys):
    text = README.read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    examples = resources.files("benefitkit") / "examples"
    code = code.replace('"flier.pdf"', repr(str(examples / "quillpad-flier.md")))
    code = code.replace('"prospect.yaml"', repr(str(examples / "quillpad-profile.yaml")))
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "# Talk-track: Harbor Lane Grocers" in out
    assert "Works with Shopify" in out
