"""Benchmark: assigning 100,000 drawn cases to 2,000 evaluators (not a test).

    .venv/bin/python bench/assign.py [--cases 100000 --evaluators 2000]
                                     [--baseline 10000x400,20000x800] [--no-save]

A province is generated in memory: 1,000,000 cases in 115 units and 8 business lines,
handled by ~5,000 prosecutors; 2,000 evaluators are drawn from the prosecutors, and the
batch is drawn from the cases. Recusal is realistic: never one's own unit; 5 % of the
evaluators moved from another unit and handled cases there; 1 % declared a relative among
the handlers and 1 % a case; 10 % of the batch are re-checks with two original evaluators;
1 % are 重点评查 cases that need two evaluators.

  ours      guifan.evaluation.solver: conflict computation (personal index and eligibility
            counts), graph build (class and group nodes), solve (OR-Tools min-cost flow),
            hand-out to cases; then saving the assignments into a fresh SQLite database
            holding the units, people and cases through evaluation.services'
            assignments_insert (one prepared statement; COPY on PostgreSQL), timed against
            the previous path (bulk_create of model instances) in the same run
  baseline  after the OpenReview matcher's MinMax approach: OR-Tools SimpleMinCostFlow over
            the full eligible (case, evaluator) pair list, built in a Python double loop,
            with the same loads and costs. It runs on the smaller sizes in --baseline
            (the full size would need 200 million arcs); both must reach the same optimum.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ortools.graph.python import min_cost_flow

from guifan.evaluation import network, solver
from guifan.evaluation.recusal import Case, Evaluator, Policy, recusals

LINES = ("gongsu", "zhenjian", "fantan", "fandu", "jiansuo", "minxing", "kongshen", "weijian")
# Most cases are prosecution and arrest review; evaluators' specialties are spread evenly,
# so specialty matching has to trade off (a non-zero optimum to compare).
CASE_WEIGHTS = (45, 25, 6, 4, 6, 6, 4, 4)


def province(cases: int, seed: int = 2016):
    rng = random.Random(seed)
    units = ["970000"] + [f"97{c:02d}00" for c in range(1, 15)]
    units += [f"97{c:02d}{n:02d}" for c in range(1, 15) for n in range(1, 8)][:100]
    prosecutors = [f"{u}{i:04d}" for u in units for i in range(44)]
    home = {p: p[:6] for p in prosecutors}
    rows = []
    for n in range(cases):
        unit = rng.choice(units)
        handler = f"{unit}{rng.randrange(44):04d}"
        line = rng.choices(LINES, weights=CASE_WEIGHTS)[0]
        rows.append((f"{unit}检{n:07d}号", unit, line, handler))
    return units, prosecutors, home, rows


def draw_problem(n_cases: int, n_evaluators: int, source_cases: int, seed: int = 7):
    _, prosecutors, home, rows = province(source_cases)
    rng = random.Random(seed)
    evaluator_ids = sorted(rng.sample(prosecutors, n_evaluators))
    handlers = sorted({r[3] for r in rows})
    movers = set(rng.sample(evaluator_ids, n_evaluators // 20))
    batch = sorted(rng.sample(rows, n_cases))
    evaluators = []
    for eid in evaluator_ids:
        declared_people = frozenset(rng.sample(handlers, 1)) if rng.random() < 0.01 else frozenset()
        declared_cases = frozenset({rng.choice(batch)[0]}) if rng.random() < 0.01 else frozenset()
        evaluators.append(
            Evaluator(
                eid, home[eid], line=rng.choice(LINES),
                specialties=frozenset(rng.sample(LINES, 1 if rng.random() < 0.7 else 2)),
                related_people=declared_people, related_cases=declared_cases,
            )
        )  # fmt: skip
    mover_list = sorted(movers)
    cases = []
    for case_id, unit, line, handler in batch:
        involved = {handler}
        if mover_list and rng.random() < 0.02:  # a mover handled it before moving
            involved.add(rng.choice(mover_list))
        recheck = rng.random() < 0.10
        prior = frozenset(rng.sample(evaluator_ids, 2)) if recheck else frozenset()
        need = 2 if rng.random() < 0.01 else 1
        cases.append(Case(case_id, unit, line, frozenset(involved), prior, recheck, need))
    return solver.Problem(cases, evaluators)


def ours(problem: solver.Problem) -> tuple[dict, solver.Solution]:
    times = {}
    cpu = time.process_time()
    start = time.perf_counter()
    cases = sorted(problem.cases, key=lambda c: c.id)
    evaluators = sorted(problem.evaluators, key=lambda e: e.id)
    total = sum(c.need for c in cases)
    lo, hi = solver.balanced_bounds(total, [e.cap for e in evaluators])
    bounds = {e.id: (lo, hi) for e in evaluators}
    early = solver._precheck(cases, evaluators, bounds, problem.policy)
    times["conflicts"] = time.perf_counter() - start
    assert not early, early
    start = time.perf_counter()
    net = network.build(cases, evaluators, bounds, problem.policy)
    flow = solver._flow(net)
    times["graph"] = time.perf_counter() - start
    start = time.perf_counter()
    status = flow.solve()
    assert status == flow.OPTIMAL, status
    solution = solver._extract(net, flow, evaluators, lo, hi)
    times["solve"] = time.perf_counter() - start
    times["cpu"] = time.process_time() - cpu
    times["arcs"] = flow.num_arcs()
    times["cost"] = flow.optimal_cost()
    return times, solution


def baseline(problem: solver.Problem) -> dict:
    """OpenReview-style MinMax: one arc per eligible pair, found in a double loop."""
    start = time.perf_counter()
    cases = sorted(problem.cases, key=lambda c: c.id)
    evaluators = sorted(problem.evaluators, key=lambda e: e.id)
    total = sum(c.need for c in cases)
    lo, hi = solver.balanced_bounds(total, [None] * len(evaluators))
    n_c, n_e = len(cases), len(evaluators)
    sink = n_c + n_e
    tails, heads, caps, costs = [], [], [], []
    for ci, case in enumerate(cases):
        for ei, evaluator in enumerate(evaluators):
            if not recusals(evaluator, case, Policy()):
                tails.append(ci)
                heads.append(n_c + ei)
                caps.append(1)
                costs.append(0 if case.line in evaluator.specialties else 1)
    for ei in range(n_e):
        tails.append(n_c + ei)
        heads.append(sink)
        caps.append(hi - lo)
        costs.append(0)
    built = time.perf_counter() - start
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int32), np.array(heads, dtype=np.int32),
        np.array(caps, dtype=np.int64), np.array(costs, dtype=np.int64),
    )  # fmt: skip
    supplies = [c.need for c in cases] + [-lo] * n_e + [-(total - lo * n_e)]
    flow.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), np.array(supplies))
    start = time.perf_counter()
    status = flow.solve()
    assert status == flow.OPTIMAL, status
    return {
        "build": built,
        "solve": time.perf_counter() - start,
        "arcs": flow.num_arcs(),
        "cost": flow.optimal_cost(),
    }


def save(problem: solver.Problem, solution: solver.Solution) -> tuple[float, float, float]:
    """Store the assignments into a fresh SQLite database holding the units, people and
    cases (setup not timed), in one transaction as assignment_run does: first as the service
    did before (model instances through bulk_create, 2,000 a batch), then through the
    service's own writer, evaluation.services.assignments_insert; emptied in between."""
    data = tempfile.mkdtemp(prefix="guifan-bench-assign-")
    os.environ["GUIFAN_DATA_DIR"] = data
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guifan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from datetime import date

    from guifan.campaigns.models import Campaign
    from guifan.cases.models import Case as CaseRow
    from guifan.evaluation.models import Assignment
    from guifan.evaluation.services import assignments_clear, assignments_insert
    from guifan.org.models import Person, Tier, Unit

    codes = sorted({c.unit for c in problem.cases} | {e.unit for e in problem.evaluators})
    units = {}
    for code in codes:
        units[code] = Unit.objects.create(code=code, name=code, short_name=code, tier=Tier.COUNTY)
    Person.objects.bulk_create(
        [Person(staff_no=e.id, name=e.id, unit=units[e.unit]) for e in problem.evaluators],
        batch_size=5000,
    )
    people = dict(Person.objects.values_list("staff_no", "pk"))
    CaseRow.objects.bulk_create(
        [CaseRow(case_no=c.id, case_no_norm=c.id, name=c.id, category="x", unit=units[c.unit],
                 status="closed") for c in problem.cases],
        batch_size=5000,
    )  # fmt: skip
    case_pk = dict(CaseRow.objects.values_list("case_no_norm", "pk"))
    campaign = Campaign.objects.create(
        name="bench", issuing_unit=units[codes[0]], start_date=date(2016, 3, 14),
        report_deadline=date(2016, 3, 31),
    )  # fmt: skip
    rows = [
        {"campaign_id": campaign.pk, "case_id": case_pk[case_id], "evaluator_id": people[eid],
         "team_id": None, "run_id": None, "reasons": "新评查", "recheck": False,
         "original_evaluators": "", "deadline": date(2016, 3, 31)}
        for case_id, chosen in solution.assigned.items()
        for eid in chosen
    ]  # fmt: skip
    start = time.perf_counter()
    with transaction.atomic():
        Assignment.objects.bulk_create([Assignment(**row) for row in rows], batch_size=2000)
    previous = time.perf_counter() - start
    stored = Assignment.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Assignment._meta.db_table}")
    start, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic():
        assignments_insert(rows)
    ours, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert Assignment.objects.count() == stored == len(rows)
    # A re-run first removes the previous run's rows: delete() as before, then the service's.
    start = time.perf_counter()
    with transaction.atomic():
        campaign.assignments.all().delete()
    deleted = time.perf_counter() - start
    assignments_insert(rows)
    start = time.perf_counter()
    with transaction.atomic():
        assignments_clear(campaign)
    cleared = time.perf_counter() - start
    assert not campaign.assignments.exists()
    print(
        f"removing them before a re-run: {cleared:.2f} s through assignments_clear; "
        f"delete() took {deleted:.2f} s in the same run"
    )
    return previous, ours, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--evaluators", type=int, default=2_000)
    parser.add_argument("--source", type=int, default=1_000_000, help="cases in the province")
    parser.add_argument("--baseline", default="10000x400,20000x800")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()

    print(
        "size               arcs        conflicts  graph   solve   total s  cost    "
        "baseline arcs  build s  solve s  cost   speed-up"
    )
    for spec in [s for s in args.baseline.split(",") if s]:
        n_cases, n_evaluators = (int(x) for x in spec.split("x"))
        problem = draw_problem(n_cases, n_evaluators, args.source // 10)
        times, _ = ours(problem)
        ours_total = times["conflicts"] + times["graph"] + times["solve"]
        base = baseline(problem)
        base_total = base["build"] + base["solve"]
        print(
            f"{n_cases:>7,}×{n_evaluators:<6,} {times['arcs']:>10,}  {times['conflicts']:>7.2f} "
            f"{times['graph']:>7.2f} {times['solve']:>7.2f} {ours_total:>8.2f}  {times['cost']:>6} "
            f"{base['arcs']:>14,} {base['build']:>8.2f} {base['solve']:>8.2f} {base['cost']:>6} "
            f"{base_total / ours_total:>8.1f}×  "
            f"{'same optimum' if base['cost'] == times['cost'] else 'COST DIFFERS'}"
        )  # fmt: skip
    start = time.perf_counter()
    problem = draw_problem(args.cases, args.evaluators, args.source)
    generated = time.perf_counter() - start
    times, solution = ours(problem)
    previous, saving, saving_cpu = (0.0, 0.0, 0.0) if args.no_save else save(problem, solution)
    loads = Counter(solution.loads.values())
    total = times["conflicts"] + times["graph"] + times["solve"] + saving
    print(
        f"\n{args.cases:,} cases × {args.evaluators:,} evaluators (from {args.source:,}; generated "
        f"in {generated:.1f} s): conflicts {times['conflicts']:.2f} s, "
        f"graph {times['graph']:.2f} s "
        f"({times['arcs']:,} arcs), solve {times['solve']:.2f} s, saving {saving:.2f} s "
        f"({sum(len(v) for v in solution.assigned.values()):,} rows) — end to end {total:.2f} s"
    )
    print(
        f"end to end in CPU seconds of this process (the machine is shared; load average "
        f"{os.getloadavg()[0]:.1f}): {times['cpu'] + saving_cpu:.2f} s "
        f"(solving {times['cpu']:.2f} s, saving {saving_cpu:.2f} s)"
    )
    if not args.no_save:
        print(
            f"saving the rows: {saving:.2f} s through assignments_insert; the previous path "
            f"(bulk_create) took {previous:.2f} s in the same run ({previous / saving:.1f}×)"
        )
    print(
        f"loads: min {min(solution.loads.values())}, max {max(solution.loads.values())} "
        f"(spread {max(solution.loads.values()) - min(solution.loads.values())}); "
        f"outside specialty: {solution.mismatched:,}; load histogram {dict(sorted(loads.items()))}"
    )


if __name__ == "__main__":
    main()
