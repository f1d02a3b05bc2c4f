"""Output formats for ``check``: text (flake8's), JSON, SARIF 2.1.0 and GitHub workflow annotations."""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import Any

from flake8_async_testing import __version__
from flake8_async_testing.cli.runner import Reported
from flake8_async_testing.docs import DOCS_URL, help_uri
from flake8_async_testing.rules import ALL_RULES

TOOL_NAME = "flake8-async-testing"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
SARIF_LEVEL = "warning"


def text(findings: Sequence[Reported]) -> str:
    return "".join(f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}\n" for f in findings)


def as_json(findings: Sequence[Reported]) -> str:
    rows = [{"path": f.path, "line": f.line, "col": f.col, "code": f.code, "message": f.message} for f in findings]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _github_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(value: str) -> str:
    return _github_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Reported]) -> str:
    """One ``::warning`` workflow command per finding (escaped as GitHub's toolkit escapes them)."""
    lines = []
    for f in findings:
        path = PurePath(f.path).as_posix()
        properties = f"file={_github_property(path)},line={f.line},col={f.col},title={_github_property(f.code)}"
        lines.append(f"::warning {properties}::{_github_data(f'{f.code} {f.message}')}\n")
    return "".join(lines)


def artifact_location(path: str, root: Path) -> dict[str, str]:
    """A relative, forward-slash URI against ``%SRCROOT%`` (the working directory), else a file URI."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": urllib.parse.quote(relative.as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def sarif_rules() -> list[dict[str, Any]]:
    rules = []
    for rule in ALL_RULES:
        docs = rule.documentation()
        rules.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": docs, "markdown": docs},
                "help": {"text": docs, "markdown": docs},
                "helpUri": help_uri(rule),
                "defaultConfiguration": {"level": SARIF_LEVEL},
            }
        )
    return rules


def sarif(findings: Sequence[Reported], root: Path | None = None) -> str:
    root = Path(os.path.abspath(root or os.getcwd()))
    rules = sarif_rules()
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": SARIF_LEVEL,
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(f.path, root),
                        "region": {"startLine": f.line, "startColumn": f.char_col or f.col},
                    }
                }
            ],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": __version__,
                        "informationUri": DOCS_URL.rstrip("#"),
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


FORMATTERS: dict[str, Callable[[Sequence[Reported]], str]] = {
    "text": text,
    "json": as_json,
    "sarif": sarif,
    "github": github,
}
