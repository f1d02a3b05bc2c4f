"""One lint of one file: build the models, run every rule, contain any internal failure."""

from __future__ import annotations

import ast
import os
import traceback
from pathlib import Path

from flake8_async_testing.inference.astroid_bridge import Inference
from flake8_async_testing.module.model import build_module_model
from flake8_async_testing.project.diagnostics import warn_once
from flake8_async_testing.project.model import project_for_file
from flake8_async_testing.rules import ALL_RULES
from flake8_async_testing.rules.base import Context, Finding
from flake8_async_testing.settings import Settings

STDIN_NAMES = ("stdin", "-", "")


def lint_tree(tree: ast.Module, filename: str, settings: Settings, source: str | None = None) -> list[Finding]:
    """Every finding for one file, sorted; a rule that fails is reported once and skipped."""
    if filename in STDIN_NAMES:
        filename = os.path.join(os.getcwd(), "stdin")
    try:
        project = project_for_file(filename, settings)
        module = build_module_model(tree, Path(os.path.abspath(filename)), project.collection, source=source)
    except (RecursionError, MemoryError):
        warn_once(f"{filename}: too deeply nested to analyse; skipped")
        return []
    except Exception as error:  # never abort the user's flake8 run
        _internal_error(filename, "model", error)
        return []
    ctx = Context(
        module=module,
        project=project,
        plugins=project.plugins.with_module_evidence(module),
        settings=settings,
        inference=Inference(source, filename, settings.max_inferences),
        source=source,
    )
    findings: set[Finding] = set()
    for rule in ALL_RULES:
        try:
            findings.update(rule.check(ctx))
        except RecursionError:
            warn_once(f"{filename}: too deeply nested for {rule.code}; skipped")
        except Exception as error:
            _internal_error(filename, rule.code, error)
    return sorted(findings)


def _internal_error(filename: str, where: str, error: Exception) -> None:
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    place = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    warn_once(
        f"internal error in {where} on {filename} ({error.__class__.__name__}: {error}{place}); "
        "please report it. Findings for this file may be incomplete"
    )
