"""House rules that a reader cannot see broken in one file: checked over the
product code (portal/ and search_index/), so that a copy does not creep back."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = [p for d in ("portal", "search_index") for p in (ROOT / d).rglob("*.py")
           if "migrations" not in p.parts]


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            yield node


def _is_config(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "config"


def test_settings_have_their_defaults_only_in_config_py():
    """``config.get(NAME, default)`` or ``config.setdefault`` elsewhere is a
    second home for a default, which drifts from the first."""
    found = []
    for path in PRODUCT:
        if _relative(path) == "portal/config.py":
            continue
        for call in _calls(path):
            if not _is_config(call.func.value):
                continue
            if call.func.attr == "setdefault" or (call.func.attr == "get" and len(call.args) > 1):
                found.append(f"{_relative(path)}:{call.lineno}")
    assert found == []


def test_one_rate_limiting_mechanism():
    """Only portal/core/limits.py (and the limiter in extensions.py) use the
    ``limits`` library: every other limit is ``@limiter.limit`` or
    ``core.limits.hit``, counted by the same strategy in the same storage."""
    found = [_relative(p) for p in PRODUCT
             if re.search(r"^\s*(from|import) limits\b", p.read_text(), re.M)
             or "limiter.limiter" in p.read_text()]
    assert found == ["portal/core/limits.py"]


def test_no_test_request_context_in_product_code():
    assert [_relative(p) for p in PRODUCT if "test_request_context" in p.read_text()] == []


def test_every_signal_has_a_listener(app):
    """A signal is there for a listener (core/signals.py, core/demo.py): one
    that nobody listens to is a promise the code does not keep — it goes."""
    from blinker import NamedSignal

    from portal.core import demo, signals

    unheard = [f"{module.__name__}.{name}" for module in (signals, demo)
               for name, value in vars(module).items()
               if isinstance(value, NamedSignal) and not value.receivers]
    assert unheard == []


def test_domains_import_each_other_only_through_their_surfaces():
    """The import contracts of pyproject.toml (``make lint`` runs them too):
    the layers, and each domain's __init__.py as its only public module."""
    import subprocess
    import sys

    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:]
