"""The benchmark's summary of alternating runs: medians and ratios for wall and CPU time."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "run_benchmark.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["run_benchmark"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _run(bench: ModuleType, side: str, wall: float, cpu: float) -> object:
    return bench.Run(side, wall, cpu, 20_000, 20_000, 0, 3 if side == "with" else 0, 3 if side == "with" else 0)


def test_cpu_time_ratio_is_taken_from_the_cpu_medians_not_the_wall_ones(bench: ModuleType) -> None:
    runs = [
        # a slow round for the "with" side's wall clock (the machine was busy) that its CPU time does not show
        _run(bench, "with", 30.0, 11.0), _run(bench, "without", 10.0, 10.0),
        _run(bench, "with", 11.0, 11.0), _run(bench, "without", 10.0, 10.0),
        _run(bench, "with", 12.0, 12.0), _run(bench, "without", 11.0, 10.5),
    ]
    summary = bench.summarize(runs)
    assert summary["with"]["wall_median_s"] == 12.0
    assert summary["with"]["cpu_median_s"] == 11.0
    assert summary["without"]["cpu_median_s"] == 10.0
    assert summary["ratio"] == pytest.approx(12.0 / 10.0)
    assert summary["cpu_ratio"] == pytest.approx(1.1)


def test_a_child_run_reports_its_cpu_time(bench: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "test_plain.py").write_text("def test_plain() -> None:\n    assert True\n")  # linted, never run
    run = bench.run_flake8(sys.executable, ["-j1", "."], tmp_path, "without", "ATP")
    assert 0 < run.cpu_s
    # one process on one core: its CPU time cannot exceed the time it took by much (start-up slack)
    assert run.cpu_s <= run.wall_s * 1.2 + 0.05


def test_each_round_is_paired_and_the_interval_for_its_median_holds_the_stated_confidence(bench: ModuleType) -> None:
    walls = [(10.0, 10.0), (12.0, 10.0), (11.0, 10.0), (30.0, 20.0), (10.5, 10.0)]
    runs = [run for w, wo in walls for run in (_run(bench, "with", w, w), _run(bench, "without", wo, wo))]
    summary = bench.summarize(runs)
    assert summary["round_ratios"] == pytest.approx([1.0, 1.2, 1.1, 1.5, 1.05])
    assert summary["round_ratio_median"] == pytest.approx(1.1)
    # five rounds: the smallest and largest ratio bound the median with 1 - 2/32 confidence
    assert summary["round_ratio_interval"] == pytest.approx({"low": 1.0, "high": 1.5, "confidence": 0.9375})


@pytest.mark.parametrize(
    ("rounds", "rank", "confidence"), [(9, 2, 0.9609375), (15, 4, 0.96484375), (21, 6, 0.97339630)]
)
def test_more_rounds_narrow_the_interval_to_inner_order_statistics(
    bench: ModuleType, rounds: int, rank: int, confidence: float
) -> None:
    values = [float(i) for i in range(1, rounds + 1)]
    interval = bench.median_interval(values[::-1])  # order of the rounds does not matter
    assert interval == pytest.approx({"low": float(rank), "high": float(rounds + 1 - rank), "confidence": confidence})


def test_one_round_has_no_interval(bench: ModuleType) -> None:
    assert bench.median_interval([1.1]) is None


DROPPED_COROUTINE = '''\
import pytest


async def helper() -> None: ...


@pytest.mark.anyio
async def test_dropped() -> None:
    helper()
'''


def test_the_replay_side_reports_the_plugins_findings_without_loading_the_plugin(
    bench: ModuleType, tmp_path: Path
) -> None:
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "pytest.ini").write_text("[pytest]\n")
    (suite / "test_dropped.py").write_text(DROPPED_COROUTINE)
    (suite / "test_plain.py").write_text("def test_plain() -> None:\n    assert True\n")
    out = tmp_path / "report.json"
    args = [str(suite), "--rounds", "1", "--warmup", "0", "--no-per-file", "--replay-findings", "--json", str(out)]
    assert bench.main(args) == 0
    result = json.loads(out.read_text())["result"]
    with_side, replay = result["with"], result["replay"]
    assert with_side["plugin_code_lines"] >= 1
    # the same lines, from a stub under the same code, while the real plugin stays hidden
    assert (replay["output_lines"], replay["plugin_code_lines"]) == (
        with_side["output_lines"], with_side["plugin_code_lines"]
    )
    assert [p for p in replay["runs"][0]["plugins"] if p.endswith(":ATP")] == []
    assert result["replay_ratio"] > 0
