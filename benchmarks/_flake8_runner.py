#!/usr/bin/env python3
"""Run flake8's main in this process, optionally hiding one plugin.

usage: python benchmarks/_flake8_runner.py [flake8 arguments ...]

Used by run_benchmark.py so that the "with plugin" and "without plugin"
runs go through exactly the same wrapper, interpreter and packages. The
only difference is the environment variable:

  ATP_BENCH_EXCLUDE=CODE   drop every flake8 plugin whose entry-point name
                           is CODE (e.g. ATP, or B for flake8-bugbear) from
                           flake8's importlib.metadata plugin discovery
  ATP_BENCH_REPORT=PATH    at exit, write a JSON object to PATH with this
                           process's own peak RSS (ru_maxrss of RUSAGE_SELF
                           and RUSAGE_CHILDREN, in KiB), the in-process wall
                           time, flake8's exit code and the plugin entry
                           points flake8 discovered

The patch is applied at import time of this module, so with -j N and a
"spawn"/"forkserver" start method (which re-import the main module in the
workers) the workers see the same filtered plugin list; with "fork" they
inherit it.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

_START = time.perf_counter()
_EXCLUDE = os.environ.get("ATP_BENCH_EXCLUDE", "")
_SEEN: list[str] = []


def _install_filter() -> None:
    from flake8.plugins import finder

    original: Callable[[], Iterator[Any]] = finder._find_importlib_plugins
    if getattr(original, "_atp_bench_wrapped", False):
        return

    def filtered() -> Iterator[Any]:
        for plugin in original():
            name = plugin.entry_point.name
            if _EXCLUDE and name == _EXCLUDE:
                continue
            _SEEN.append(f"{plugin.package}:{name}")
            yield plugin

    setattr(filtered, "_atp_bench_wrapped", True)
    finder._find_importlib_plugins = filtered


_install_filter()


def _report(exit_code: int) -> None:
    path = os.environ.get("ATP_BENCH_REPORT")
    if not path:
        return
    self_usage = resource.getrusage(resource.RUSAGE_SELF)
    child_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    data = {
        "exit_code": exit_code,
        "wall_s_in_process": time.perf_counter() - _START,
        "maxrss_self_kib": self_usage.ru_maxrss,
        "maxrss_children_kib": child_usage.ru_maxrss,
        "excluded": _EXCLUDE,
        "plugins": sorted(set(_SEEN)),
    }
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh)


def main() -> int:
    from flake8.main.cli import main as flake8_main

    try:
        code = int(flake8_main(sys.argv[1:]))
    except SystemExit as exc:  # flake8 exits on some option errors
        code = exc.code if isinstance(exc.code, int) else 1
    _report(code)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
