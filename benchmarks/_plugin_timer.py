#!/usr/bin/env python3
"""Time one flake8 tree plugin on each file, in process, the way flake8 does.

usage: python benchmarks/_plugin_timer.py --files-from LIST --out JSON
           [--code ATP] [--plugin-class module:Class] [--mode auto|flake8|direct]
           [--repeat R]

Run by run_benchmark.py with the same interpreter as the flake8 runs.

mode "flake8" (tried first by "auto"): flake8's own parse_args() loads the
plugins and the configuration of the current directory and calls each
plugin's parse_options with the real option namespace; the tree plugin
whose entry-point name is CODE is then instantiated per file with exactly
the arguments flake8 would pass (FileProcessor.keyword_arguments_for on the
plugin's parameters, tree from FileProcessor.build_ast()) and its run()
is exhausted.

mode "direct" (fallback): import the class given by --plugin-class
(default flake8_async_testing.entry.flake8_plugin:AsyncTestingPlugin),
call its parse_options with a namespace of defaults if it has one, and
instantiate it with tree=, filename=, lines= (plus any other parameter the
constructor has a default for).

Only the plugin's work is timed: instantiation plus exhausting run().
Reading and parsing the file are excluded. Per file, the minimum over
--repeat runs is kept. In flake8 mode, for each file the plugin reported on,
what flake8 then spends on its own noqa line map is timed apart
(noqa_scan_s): a cost of reporting anything, not of the plugin's work. The
first file is also reported on its own since it pays for one-off imports and
caches.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import inspect
import json
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

DEFAULT_CLASS = "flake8_async_testing.entry.flake8_plugin:AsyncTestingPlugin"

Runner = Callable[[str], tuple[float, int]]  # file -> (seconds, reported)


def _exhaust(checker: Any) -> int:
    try:
        results = checker.run()
    except AttributeError:
        results = checker  # function plugins return an iterable directly
    return sum(1 for _ in results)


def flake8_mode(code: str) -> tuple[Runner, str]:
    from flake8.options.parse_args import parse_args
    from flake8.processor import FileProcessor

    plugins, options = parse_args([])
    matches = [
        p for p in plugins.checkers.tree if p.plugin.entry_point.name == code
    ]
    if not matches:
        names = sorted(p.plugin.entry_point.name for p in plugins.checkers.tree)
        raise LookupError(f"no tree plugin with code {code!r} (found {names})")
    loaded = matches[0]

    def timed(filename: str) -> tuple[float, int]:
        processor = FileProcessor(filename, options)
        tree = processor.build_ast()
        params = processor.keyword_arguments_for(loaded.parameters, {"tree": tree})
        t0 = time.perf_counter()
        checker = loaded.obj(tree=tree, **params)
        n = _exhaust(checker)
        elapsed = time.perf_counter() - t0
        if n:  # the minimum over --repeat runs, as for the plugin's time
            noqa_scan_s[filename] = min(_time_noqa_scan(processor), noqa_scan_s.get(filename, float("inf")))
        return elapsed, n

    desc = f"flake8 ({loaded.display_name}, params {sorted(loaded.parameters)})"
    return timed, desc


# file -> seconds flake8 spends mapping its lines for ``# noqa`` (flake8 mode, files with findings)
noqa_scan_s: dict[str, float] = {}


def _time_noqa_scan(processor: Any) -> float:
    """What reporting a finding costs flake8 itself: the first report in a file makes it tokenize the
    file again to map each line to its logical line's ``# noqa`` (``FileProcessor.noqa_line_for``)."""
    t0 = time.perf_counter()
    processor.noqa_line_for(1)
    return time.perf_counter() - t0


def _defaults_namespace(cls: Any) -> argparse.Namespace:
    """Defaults of the plugin's own options, if it registers any."""
    ns = argparse.Namespace()
    add_options = getattr(cls, "add_options", None)
    if add_options is None:
        return ns
    try:
        from flake8.options.manager import OptionManager

        manager = OptionManager(
            version="0", plugin_versions="", parents=[], formatter_names=[]
        )
        add_options(manager)
        ns = manager.parse_args([])
    except Exception:  # pragma: no cover - defensive
        traceback.print_exc()
    return ns


def direct_mode(spec: str) -> tuple[Runner, str]:
    mod_name, _, attr = spec.partition(":")
    cls = getattr(importlib.import_module(mod_name), attr)
    parse_options = getattr(cls, "parse_options", None)
    if parse_options is not None:
        ns = _defaults_namespace(cls)
        try:
            n_params = len(inspect.signature(parse_options).parameters)
        except (TypeError, ValueError):
            n_params = 1
        if n_params >= 3:
            parse_options(None, ns, [])
        else:
            parse_options(ns)
    target = cls.__init__ if inspect.isclass(cls) else cls
    params = inspect.signature(target).parameters

    def timed(filename: str) -> tuple[float, int]:
        with open(filename, "rb") as fh:
            source = fh.read()
        text = source.decode("utf-8")
        lines = text.splitlines(keepends=True)
        tree = ast.parse(source, filename)
        available = {"tree": tree, "filename": filename, "lines": lines,
                     "file_tokens": None, "total_lines": len(lines)}
        kwargs = {k: v for k, v in available.items() if k in params}
        t0 = time.perf_counter()
        checker = cls(**kwargs)
        n = _exhaust(checker)
        return time.perf_counter() - t0, n

    return timed, f"direct ({spec}, kwargs {sorted(k for k in params if k != 'self')})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files-from", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--code", default="ATP")
    ap.add_argument("--plugin-class", default=DEFAULT_CLASS)
    ap.add_argument("--mode", choices=("auto", "flake8", "direct"), default="auto")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    with open(args.files_from, encoding="utf-8") as fh:
        files = [line.rstrip("\n") for line in fh if line.strip()]

    attempts: list[str] = []
    runner: Any = None
    desc = ""
    modes = ["flake8", "direct"] if args.mode == "auto" else [args.mode]
    for mode in modes:
        try:
            runner, desc = (flake8_mode(args.code) if mode == "flake8"
                            else direct_mode(args.plugin_class))
            break
        except Exception as exc:
            attempts.append(f"{mode}: {type(exc).__name__}: {exc}")
    result: dict[str, Any] = {"mode": desc, "failed_modes": attempts,
                              "per_file": [], "errors": []}
    if runner is None:
        result["fatal"] = "could not set up the plugin; " + "; ".join(attempts)
    else:
        for filename in files:
            best = float("inf")
            count = 0
            try:
                for _ in range(max(1, args.repeat)):
                    elapsed, count = runner(filename)
                    best = min(best, elapsed)
            except Exception as exc:
                result["errors"].append({
                    "file": filename,
                    "error": f"{type(exc).__name__}: {exc}",
                })
                continue
            entry: dict[str, Any] = {"file": filename, "s": best, "reported": count}
            if filename in noqa_scan_s:
                entry["noqa_scan_s"] = noqa_scan_s[filename]
            result["per_file"].append(entry)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(result, fh)
    return 0 if runner is not None else 1


if __name__ == "__main__":
    sys.exit(main())
