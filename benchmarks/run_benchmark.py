#!/usr/bin/env python3
"""Measure what the flake8-async-testing plugin adds to a flake8 run.

usage:
  python benchmarks/run_benchmark.py FOLDER            [options]
  python benchmarks/run_benchmark.py --generate N      [--seed S] [options]
  python benchmarks/run_benchmark.py --sizes 100,1000,10000 [options]
  python benchmarks/run_benchmark.py --editor FILE     [--cwd DIR] [options]

Every flake8 run is a fresh child process of the chosen interpreter running
benchmarks/_flake8_runner.py, which starts flake8's main. For the "without"
side the runner drops the plugin (entry-point name --plugin-code, default
ATP) from flake8's plugin discovery; the "with" side runs the same runner
unfiltered. Runs alternate A B A B ... so drift (CPU frequency, caches)
hits both sides alike. Each run's peak RSS comes from os.wait4() on that
very child (plus the runner's own getrusage report as a cross-check).

See benchmarks/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "_flake8_runner.py"
TIMER = HERE / "_plugin_timer.py"
REPLAY_MODULE = "_replay_plugin"  # benchmarks/_replay_plugin.py, loaded as a flake8 local plugin
GENERATOR = HERE / "generate_suite.py"
DEFAULT_EXCLUDES = {".svn", "CVS", ".bzr", ".hg", ".git", "__pycache__",
                    ".tox", ".nox", ".eggs", ".venv", "venv", "node_modules",
                    ".mypy_cache", ".pytest_cache", "build", "dist"}


@dataclass
class Replay:
    """How to run the "replay" side: flake8 without the plugin, plus a stub reporting its findings."""

    args: list[str]  # --append-config=FILE declaring the stub as a local plugin
    findings_file: Path


@dataclass
class Run:
    side: str  # "with" | "without" | "replay"
    wall_s: float
    cpu_s: float  # user + system time of this child (os.wait4), which leaves out steal time
    maxrss_kib: int  # os.wait4 rusage of this child
    runner_maxrss_kib: int  # the runner's own RUSAGE_SELF report
    exit_code: int
    output_lines: int
    code_lines: int  # output lines whose error code starts with the plugin code
    plugins: list[str] = field(default_factory=list)


class BenchError(RuntimeError):
    pass


def _count_output(path: Path, code: str) -> tuple[int, int]:
    total = hits = 0
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            total += 1
            # path:row:col: CODE message
            parts = line.split(": ", 1)
            if len(parts) == 2 and parts[1].startswith(code):
                hits += 1
    return total, hits


def run_flake8(python: str, args: list[str], cwd: Path, side: str, code: str,
               stdin_file: Path | None = None, replay: Replay | None = None,
               keep_output: Path | None = None) -> Run:
    with tempfile.TemporaryDirectory(prefix="atp-bench-") as tmp:
        report = Path(tmp) / "report.json"
        out = Path(tmp) / "stdout.txt"
        err = Path(tmp) / "stderr.txt"
        env, args = _side_command(side, code, args, replay)
        env["ATP_BENCH_REPORT"] = str(report)
        stdin = open(stdin_file, "rb") if stdin_file else subprocess.DEVNULL
        try:
            with open(out, "wb") as out_fh, open(err, "wb") as err_fh:
                t0 = time.perf_counter()
                proc = subprocess.Popen(
                    [python, str(RUNNER), *args], cwd=cwd, env=env,
                    stdin=stdin, stdout=out_fh, stderr=err_fh,
                )
                _, status, usage = os.wait4(proc.pid, 0)
                wall = time.perf_counter() - t0
                proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin_file:
                stdin.close()  # type: ignore[union-attr]
        if not report.exists():
            raise BenchError(
                f"flake8 runner ({side}) produced no report, exit "
                f"{proc.returncode}; output:\n{out.read_text(errors='replace')[-1500:]}"
                f"{err.read_text(errors='replace')[-1500:]}"
            )
        info = json.loads(report.read_text())
        total, hits = _count_output(out, code)
        if keep_output is not None:
            shutil.copyfile(out, keep_output)
        return Run(side, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, int(info["maxrss_self_kib"]),
                   int(info["exit_code"]), total, hits, list(info["plugins"]))


def _side_env(side: str, code: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("ATP_BENCH_REPLAY", None)
    if side in ("without", "replay"):
        env["ATP_BENCH_EXCLUDE"] = code
    else:
        env.pop("ATP_BENCH_EXCLUDE", None)
    return env


def _side_command(side: str, code: str, args: list[str],
                  replay: Replay | None) -> tuple[dict[str, str], list[str]]:
    """The environment and flake8 arguments of one side; the replay side adds its stub and findings."""
    env = _side_env(side, code)
    if side != "replay":
        return env, args
    if replay is None:
        raise BenchError("the replay side needs the findings to replay")
    env["ATP_BENCH_REPLAY"] = str(replay.findings_file)
    return env, [*args, *replay.args]


def count_instructions(python: str, args: list[str], cwd: Path, code: str,
                       stdin_file: Path | None = None, replay: Replay | None = None) -> dict[str, Any]:
    """Instructions executed by one flake8 run per side under valgrind's cachegrind (no cache
    simulation). The count does not depend on what else the machine is doing (it varies by about
    1% with memory layout), so one run per side, both at once, measures what a noisy machine's
    wall clock cannot. It leaves out what instructions do not show: cache misses, and the garbage
    collector's memory traffic."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise BenchError("--instructions needs valgrind on PATH")
    procs = {}
    for side in ("with", "without", *(["replay"] if replay else [])):
        env, side_args = _side_command(side, code, args, replay)
        env["PYTHONHASHSEED"] = "0"
        stdin = open(stdin_file, "rb") if stdin_file else subprocess.DEVNULL
        procs[side] = (subprocess.Popen(
            [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
             python, str(RUNNER), *side_args],
            cwd=cwd, env=env, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        ), stdin)
    counts: dict[str, int] = {}
    for side, (proc, stdin) in procs.items():
        _, err = proc.communicate()
        if stdin_file:
            stdin.close()  # type: ignore[union-attr]
        found = re.search(rb"I\s+refs:\s+([\d,]+)", err)
        if found is None:
            raise BenchError(f"valgrind ({side}) reported no instruction count:\n"
                             f"{err.decode(errors='replace')[-1500:]}")
        counts[side] = int(found.group(1).replace(b",", b""))
    result: dict[str, Any] = {"with": counts["with"], "without": counts["without"],
                              "ratio": counts["with"] / counts["without"]}
    if "replay" in counts:
        result.update(replay=counts["replay"], replay_ratio=counts["replay"] / counts["without"])
    return result


def print_instructions(counts: dict[str, Any], files: int | None) -> None:
    extra = counts["with"] - counts["without"]
    print(f"\n  instructions (cachegrind)  with {counts['with'] / 1e6:,.0f} M  "
          f"without {counts['without'] / 1e6:,.0f} M  difference {extra / 1e6:+,.0f} M "
          f"(x{counts['ratio']:.3f})" + (f", {extra / files / 1e6:+.2f} M per file" if files else ""))
    if "replay" in counts:
        print(f"  instructions replaying the findings without analysis: {counts['replay'] / 1e6:,.0f} M "
              f"(x{counts['replay_ratio']:.3f} of bare flake8); the plugin's analysis: "
              f"{(counts['with'] - counts['replay']) / 1e6:+,.0f} M")


def _loaded(run: Run, code: str) -> bool:
    """Whether the run's flake8 found the plugin with entry-point name ``code``."""
    return code in [p.rsplit(":", 1)[-1] for p in run.plugins]


def check_sides(with_run: Run, without_run: Run, code: str) -> None:
    if not _loaded(with_run, code):
        raise BenchError(
            f"plugin code {code!r} is not among the flake8 plugins found by "
            f"this interpreter ({', '.join(with_run.plugins) or 'none'}); "
            "install the plugin (pip install -e /work/main) or pass --python"
        )
    if _loaded(without_run, code):
        raise BenchError("the 'without' run still loaded the plugin")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def alternate(python: str, args: list[str], cwd: Path, code: str, rounds: int,
              warmup: int, stdin_file: Path | None = None,
              label: str = "", replay: Replay | None = None) -> dict[str, Any]:
    runs: list[Run] = []
    sides = ["with", "without", *(["replay"] if replay else [])]
    for i in range(warmup + rounds):
        # the order turns each round (A B, B A; with a replay A B C, B C A, C A B): no side always goes first
        order = sides[i % len(sides):] + sides[:i % len(sides)] if replay else (
            sides if i % 2 == 0 else sides[::-1])
        pair = {side: run_flake8(python, args, cwd, side, code, stdin_file, replay)
                for side in order}
        if i == 0:
            check_sides(pair["with"], pair["without"], code)
            if replay:
                check_replay(pair["with"], pair["replay"], code)
        if i >= warmup:
            runs += [pair[side] for side in sides]
        extra = f"  replay {pair['replay'].wall_s:.3f}s" if replay else ""
        print(f"  {label}round {i + 1 - warmup if i >= warmup else 'warm-up'}: "
              f"with {pair['with'].wall_s:.3f}s  without {pair['without'].wall_s:.3f}s{extra}"
              f"  (CPU {pair['with'].cpu_s:.3f}s / {pair['without'].cpu_s:.3f}s)",
              file=sys.stderr)
    return summarize(runs)


def prepare_replay(python: str, args: list[str], cwd: Path, code: str, tmp: Path) -> Replay:
    """Record the plugin's findings with one run, for the replay side to report without analysis."""
    output = tmp / "with-output.txt"
    run_flake8(python, args, cwd, "with", code, keep_output=output)
    findings = tmp / "findings.txt"
    with open(output, encoding="utf-8", errors="replace") as fh:
        findings.write_text("".join(line for line in fh
                                    if line.split(": ", 1)[-1].startswith(code)), encoding="utf-8")
    config = tmp / "replay.cfg"
    config.write_text("[flake8:local-plugins]\nextension =\n"
                      f"    {code} = {REPLAY_MODULE}:ReplayPlugin\npaths = {HERE}\n", encoding="utf-8")
    return Replay([f"--append-config={config}"], findings)


def check_replay(with_run: Run, replay_run: Run, code: str) -> None:
    if _loaded(replay_run, code):
        raise BenchError("the replay run still loaded the plugin")
    if (replay_run.output_lines, replay_run.code_lines) != (with_run.output_lines, with_run.code_lines):
        raise BenchError(
            f"the replay reported {replay_run.code_lines} of {replay_run.output_lines} lines with code "
            f"{code}, the plugin {with_run.code_lines} of {with_run.output_lines}: it does not stand in for it"
        )


def median_interval(values: list[float], confidence: float = 0.95) -> dict[str, float] | None:
    """A distribution-free confidence interval for the median of ``values``: the k-th smallest and
    k-th largest value, with k the largest for which the chance that the true median lies outside
    is at most 1 - ``confidence`` (binomial order statistics). With too few values for that, the
    smallest and largest, and the (lower) confidence they give. ``None`` for fewer than two."""
    n = len(values)
    if n < 2:
        return None
    ordered = sorted(values)

    def coverage(k: int) -> float:  # P(k-th smallest <= median <= k-th largest)
        return 1 - 2 * sum(math.comb(n, i) for i in range(k)) / 2 ** n

    k = 1
    while k + 1 <= n // 2 and coverage(k + 1) >= confidence:
        k += 1
    return {"low": ordered[k - 1], "high": ordered[n - k], "confidence": coverage(k)}


def _round_pairs(runs: list[Run], side: str) -> list[tuple[Run, Run]]:
    """Each round's run of ``side`` with that round's run without the plugin. The runs of a round ran
    one after the other (back to back without a replay side), so slow drift of the machine cancels
    out within a pair, not between rounds."""
    return list(zip([r for r in runs if r.side == side], [r for r in runs if r.side == "without"]))


def _round_ratios(pairs: list[tuple[Run, Run]], prefix: str) -> dict[str, Any]:
    """Each pair's wall-time ratio, their median and the interval for it, under ``prefix``_ keys."""
    ratios = [a.wall_s / b.wall_s for a, b in pairs]
    return {f"{prefix}_ratios": ratios,
            f"{prefix}_ratio_median": statistics.median(ratios) if ratios else float("nan"),
            f"{prefix}_ratio_interval": median_interval(ratios)}


def summarize(runs: list[Run]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for side in ("with", "without", "replay"):
        rs = [r for r in runs if r.side == side]
        if not rs:
            continue
        out[side] = {
            "wall_median_s": statistics.median(r.wall_s for r in rs),
            "wall_min_s": min(r.wall_s for r in rs),
            "wall_max_s": max(r.wall_s for r in rs),
            "cpu_median_s": statistics.median(r.cpu_s for r in rs),
            "maxrss_median_mib": statistics.median(r.maxrss_kib for r in rs) / 1024,
            "maxrss_max_mib": max(r.maxrss_kib for r in rs) / 1024,
            "runner_maxrss_median_mib":
                statistics.median(r.runner_maxrss_kib for r in rs) / 1024,
            "output_lines": rs[-1].output_lines,
            "plugin_code_lines": rs[-1].code_lines,
            "exit_code": rs[-1].exit_code,
            "runs": [asdict(r) for r in rs],
        }
    w, wo = out["with"]["wall_median_s"], out["without"]["wall_median_s"]
    out["ratio"] = w / wo if wo else float("nan")
    out["delta_s"] = w - wo
    c, co = out["with"]["cpu_median_s"], out["without"]["cpu_median_s"]
    out["cpu_ratio"] = c / co if co else float("nan")
    pairs = _round_pairs(runs, "with")
    out["round_delta_median_s"] = statistics.median(a.wall_s - b.wall_s for a, b in pairs) if pairs else float("nan")
    out.update(_round_ratios(pairs, "round"))
    if "replay" in out:
        out["replay_ratio"] = out["replay"]["wall_median_s"] / wo if wo else float("nan")
        out.update(_round_ratios(_round_pairs(runs, "replay"), "replay_round"))
    out["delta_rss_mib"] = (out["with"]["maxrss_median_mib"]
                            - out["without"]["maxrss_median_mib"])
    out["extra_output_lines"] = (out["with"]["output_lines"]
                                 - out["without"]["output_lines"])
    return out


def python_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in DEFAULT_EXCLUDES
                         and not d.endswith(".egg"))
        found += [Path(root) / f for f in sorted(files) if f.endswith(".py")]
    return found


def per_file_timing(python: str, folder: Path, files: list[Path], code: str,
                    plugin_class: str, mode: str, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="atp-timer-") as tmp:
        lst = Path(tmp) / "files.txt"
        lst.write_text("".join(f"{f}\n" for f in files))
        res = Path(tmp) / "timing.json"
        proc = subprocess.run(
            [python, str(TIMER), "--files-from", str(lst), "--out", str(res),
             "--code", code, "--plugin-class", plugin_class, "--mode", mode,
             "--repeat", str(repeat)],
            cwd=folder, capture_output=True, text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        if not res.exists():
            return {"fatal": f"timer failed (exit {proc.returncode}): "
                             f"{proc.stderr[-2000:]}"}
        data: dict[str, Any] = json.loads(res.read_text())
    per = data.get("per_file", [])
    if per:
        times = [p["s"] for p in per]
        worst = max(per, key=lambda p: p["s"])
        rest = times[1:] or times
        data["summary"] = {
            "files": len(per),
            "total_s": sum(times),
            "median_ms": statistics.median(times) * 1000,
            "p99_ms": percentile(times, 99) * 1000,
            "worst_ms": worst["s"] * 1000,
            "worst_file": worst["file"],
            "first_file_ms": times[0] * 1000,
            "first_file": per[0]["file"],
            "worst_excluding_first_ms": max(rest) * 1000,
            "reported_total": sum(p["reported"] for p in per),
            "noqa_scan_files": sum(1 for p in per if "noqa_scan_s" in p),
            "noqa_scan_s": sum(p.get("noqa_scan_s", 0.0) for p in per),
        }
    return data


# ---------------------------------------------------------------------------
# printing


def _interval_text(interval: dict[str, float] | None) -> str:
    if interval is None:
        return "one round, no interval"
    return f"x{interval['low']:.3f} to x{interval['high']:.3f} ({interval['confidence']:.0%} interval for it)"


def print_table(title: str, res: dict[str, Any], files: int | None) -> None:
    w, wo = res["with"], res["without"]
    print(f"\n{title}")
    rows = [
        ("", "with plugin", "without", "difference"),
        ("median wall time",
         f"{w['wall_median_s']:.3f} s", f"{wo['wall_median_s']:.3f} s",
         f"{res['delta_s'] * 1000:+.0f} ms  (x{res['ratio']:.3f})"),
        ("min / max wall",
         f"{w['wall_min_s']:.3f} / {w['wall_max_s']:.3f}",
         f"{wo['wall_min_s']:.3f} / {wo['wall_max_s']:.3f}", ""),
        ("median CPU time",
         f"{w['cpu_median_s']:.3f} s", f"{wo['cpu_median_s']:.3f} s",
         f"{(w['cpu_median_s'] - wo['cpu_median_s']) * 1000:+.0f} ms  (x{res['cpu_ratio']:.3f})"),
        ("peak RSS (median)",
         f"{w['maxrss_median_mib']:.1f} MiB", f"{wo['maxrss_median_mib']:.1f} MiB",
         f"{res['delta_rss_mib']:+.1f} MiB"),
        ("peak RSS (max run)",
         f"{w['maxrss_max_mib']:.1f} MiB", f"{wo['maxrss_max_mib']:.1f} MiB", ""),
        ("flake8 output lines",
         str(w["output_lines"]), str(wo["output_lines"]),
         f"{res['extra_output_lines']:+d}"),
    ]
    if files:
        rows.insert(2, ("wall per file",
                        f"{w['wall_median_s'] / files * 1000:.2f} ms",
                        f"{wo['wall_median_s'] / files * 1000:.2f} ms",
                        f"{res['delta_s'] / files * 1000:+.2f} ms"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for i, row in enumerate(rows):
        print("  " + "  ".join(c.ljust(widths[j]) for j, c in enumerate(row)))
        if i == 0:
            print("  " + "  ".join("-" * x for x in widths))
    print(f"  wall ratio per round (with / without, the two runs of one round): median "
          f"x{res['round_ratio_median']:.3f}, {_interval_text(res['round_ratio_interval'])}")
    if "replay" in res:
        r = res["replay"]
        print(f"  replaying the plugin's {r['plugin_code_lines']} findings without analysis (what flake8 spends "
              f"reporting them): median {r['wall_median_s']:.3f} s, x{res['replay_ratio']:.3f} of bare flake8; "
              f"per round x{res['replay_round_ratio_median']:.3f}, "
              f"{_interval_text(res['replay_round_ratio_interval'])}")


def print_timing(t: dict[str, Any], root: Path) -> None:
    if "fatal" in t:
        print(f"\nper-file plugin time: not available ({t['fatal']})")
        return
    s = t.get("summary")
    print(f"\nper-file plugin time ({t['mode']})")
    if t.get("failed_modes"):
        print(f"  (fell back after: {'; '.join(t['failed_modes'])})")
    if not s:
        print("  no file could be timed")
    else:
        def rel(p: str) -> str:
            try:
                return str(Path(p).relative_to(root))
            except ValueError:
                return p
        print(f"  files timed          {s['files']}")
        print(f"  total                {s['total_s'] * 1000:.0f} ms")
        print(f"  median               {s['median_ms']:.2f} ms")
        print(f"  p99                  {s['p99_ms']:.2f} ms")
        print(f"  worst                {s['worst_ms']:.2f} ms  {rel(s['worst_file'])}")
        print(f"  first file           {s['first_file_ms']:.2f} ms  {rel(s['first_file'])}")
        print(f"  worst (not first)    {s['worst_excluding_first_ms']:.2f} ms")
        print(f"  reports from plugin  {s['reported_total']}")
        if s.get("noqa_scan_files"):
            print(f"  flake8's noqa map    {s['noqa_scan_s'] * 1000:.0f} ms for the {s['noqa_scan_files']} "
                  "file(s) with findings (flake8 tokenizes a file again on its first report)")
    if t.get("errors"):
        print(f"  {len(t['errors'])} file(s) raised, e.g. "
              f"{t['errors'][0]['file']}: {t['errors'][0]['error']}")


# ---------------------------------------------------------------------------


def generate(out: Path, files: int, seed: int, python: str) -> None:
    subprocess.run([python, str(GENERATOR), str(out), "--files", str(files),
                    "--seed", str(seed), "--force"], check=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="flake8 with vs without the flake8-async-testing plugin")
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("folder", nargs="?", type=Path, help="folder to lint")
    what.add_argument("--generate", type=int, metavar="N",
                      help="generate a suite of N .py files into a temp dir")
    what.add_argument("--sizes", metavar="N1,N2,...",
                      help="generate suites of these sizes; time per file")
    what.add_argument("--editor", type=Path, metavar="FILE",
                      help="time a cold `flake8 - --stdin-display-name=FILE < FILE`")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1,
                    help="unrecorded A/B pairs before measuring (default 1)")
    ap.add_argument("--jobs", "-j", type=int, default=1, help="flake8 -j (default 1)")
    ap.add_argument("--python", default=sys.executable,
                    help="interpreter with flake8 and the plugin (default: this one)")
    ap.add_argument("--plugin-code", default="ATP",
                    help="entry-point name of the plugin to compare (default ATP)")
    ap.add_argument("--plugin-class",
                    default="flake8_async_testing.entry.flake8_plugin:AsyncTestingPlugin",
                    help="class for the per-file timer's fallback mode")
    ap.add_argument("--timer-mode", choices=("auto", "flake8", "direct"), default="auto")
    ap.add_argument("--timer-repeat", type=int, default=1)
    ap.add_argument("--replay-findings", action="store_true",
                    help="folder / --generate runs: add a third side, flake8 without the plugin but with a "
                         "stub reporting the plugin's findings, to tell flake8's cost of reporting them "
                         "from the plugin's analysis")
    ap.add_argument("--instructions", action="store_true",
                    help="also count each side's instructions once under valgrind (deterministic; "
                         "slow: ~50x a flake8 run, the sides at once)")
    ap.add_argument("--no-per-file", action="store_true",
                    help="skip the in-process per-file plugin timing")
    ap.add_argument("--flake8-arg", action="append", default=[], metavar="ARG",
                    help="extra argument for flake8 (repeatable), e.g. "
                         "--flake8-arg=--isolated")
    ap.add_argument("--cwd", type=Path, help="working directory for --editor "
                    "(default: current directory)")
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="generate into DIR and keep it (with --generate/--sizes)")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write all results here")
    args = ap.parse_args(argv)

    code = args.plugin_code
    base_args = [f"-j{args.jobs}", *args.flake8_arg]
    report: dict[str, Any] = {
        "python": args.python, "plugin_code": code, "jobs": args.jobs,
        "rounds": args.rounds, "warmup": args.warmup,
        "flake8_args": base_args,
    }
    tmp_root = Path(tempfile.mkdtemp(prefix="atp-bench-suite-"))
    try:
        if args.editor:
            target = args.editor.resolve()
            cwd = (args.cwd or Path.cwd()).resolve()
            fargs = [*args.flake8_arg, "-", f"--stdin-display-name={args.editor}"]
            print(f"editor mode: {args.editor} (cwd {cwd})", file=sys.stderr)
            res = alternate(args.python, fargs, cwd, code, args.rounds,
                            args.warmup, stdin_file=target)
            report.update(mode="editor", file=str(args.editor), result=res)
            print_table(f"cold single-file run: {args.editor}", res, None)
            print(f"\n  median extra latency per editor lint: "
                  f"{res['delta_s'] * 1000:+.1f} ms (difference of the medians); "
                  f"{res['round_delta_median_s'] * 1000:+.1f} ms (median of each round's difference); "
                  f"{(res['with']['wall_min_s'] - res['without']['wall_min_s']) * 1000:+.1f} ms (fastest runs)")
            if args.instructions:
                counts = count_instructions(args.python, fargs, cwd, code, stdin_file=target)
                report["instructions"] = counts
                print_instructions(counts, None)
        elif args.sizes:
            sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
            rows: list[dict[str, Any]] = []
            for n in sizes:
                folder = (args.keep or tmp_root) / f"suite_{n}"
                if folder.exists():
                    shutil.rmtree(folder)
                generate(folder, n, args.seed, args.python)
                print(f"size {n}:", file=sys.stderr)
                res = alternate(args.python, [*base_args, "."], folder, code,
                                args.rounds, args.warmup, label=f"[{n}] ")
                rows.append({"files": n, "result": res})
                print_table(f"suite of {n} files ({folder})", res, n)
            report.update(mode="sizes", sizes=rows)
            print("\nscaling (median wall time per file)")
            print("  files    with       without    plugin share   ratio    CPU ratio  round ratio")
            for row in rows:
                n, r = row["files"], row["result"]
                print(f"  {n:<7d}  {r['with']['wall_median_s'] / n * 1000:6.2f} ms"
                      f"  {r['without']['wall_median_s'] / n * 1000:6.2f} ms"
                      f"  {r['delta_s'] / n * 1000:+8.3f} ms"
                      f"    x{r['ratio']:.3f}   x{r['cpu_ratio']:.3f}     x{r['round_ratio_median']:.3f}")
        else:
            if args.generate:
                folder = args.keep or (tmp_root / f"suite_{args.generate}")
                generate(folder, args.generate, args.seed, args.python)
            else:
                folder = args.folder
                if not folder.is_dir():
                    ap.error(f"{folder} is not a directory")
            folder = folder.resolve()
            files = python_files(folder)
            print(f"linting {folder} ({len(files)} .py files, -j{args.jobs})",
                  file=sys.stderr)
            replay = (prepare_replay(args.python, [*base_args, "."], folder, code, tmp_root)
                      if args.replay_findings else None)
            res = alternate(args.python, [*base_args, "."], folder, code,
                            args.rounds, args.warmup, replay=replay)
            report.update(mode="folder", folder=str(folder), py_files=len(files),
                          result=res)
            print_table(f"flake8 on {folder} ({len(files)} .py files, "
                        f"{args.rounds} rounds, -j{args.jobs})", res, len(files))
            w = res["with"]
            print(f"  (lines reported with code {code}: {w['plugin_code_lines']})")
            if args.instructions:
                counts = count_instructions(args.python, [*base_args, "."], folder, code, replay=replay)
                report["instructions"] = counts
                print_instructions(counts, len(files))
            if not args.no_per_file:
                timing = per_file_timing(args.python, folder, files, code,
                                         args.plugin_class, args.timer_mode,
                                         args.timer_repeat)
                print_timing(timing, folder)
                report["per_file"] = timing
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
