#!/usr/bin/env python3
"""Back-tests the risk model on scanned clones and prints the Markdown tables of RESULTS.md.

    python3 Benchmarks/model_backtest.py --prognosis .build/release/prognosis CLONE...

Each clone must have been scanned (`prognosis scan --repo CLONE`). For every clone and level
it runs `prognosis evaluate --format json` (3 cutoffs, 180-day horizon) and reports the
model's ROC-AUC and Recall@20%Effort beside every baseline's ROC-AUC, then the means, and
whether the model beats the named baseline (LApredict at commit level, lines of code at
file and function level) on every repository, with the mean of every column.

With --leave-one-out ROOT, a clone named N is judged with the default models in ROOT/N (made by
`prognosis train-default --out ROOT/N` over the other training clones) instead of the shipped
ones, so that the default's figures on its own training repositories are not flattered by
having learnt their test windows.
"""
import argparse
import json
import os
import subprocess
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--prognosis", default=".build/release/prognosis")
parser.add_argument("--levels", default="commit,file,function")
parser.add_argument("--evaluate-args", default="", help="extra arguments for every `prognosis evaluate`")
parser.add_argument("--leave-one-out", default=None, help="folder of per-repository default models")
parser.add_argument("clones", nargs="+")
args = parser.parse_args()

KEY_BASELINE = {"commit": "LApredict", "file": "lines of code", "function": "lines of code"}
for level in args.levels.split(","):
    rows, baselines_seen = [], []
    for clone in args.clones:
        started = time.monotonic()
        env = dict(os.environ)
        own_default = os.path.join(args.leave_one_out or "", os.path.basename(os.path.normpath(clone)))
        if args.leave_one_out and os.path.isdir(own_default):
            env["PROGNOSIS_DEFAULT_MODELS"] = own_default
        run = subprocess.run([args.prognosis, "evaluate", "--repo", clone, "--level", level, "--format", "json"] + args.evaluate_args.split(),
                             capture_output=True, text=True, env=env)
        elapsed = time.monotonic() - started
        name = os.path.basename(os.path.normpath(clone))
        if run.returncode != 0:
            rows.append((name, None, run.stderr.strip().splitlines()[-1] if run.stderr.strip() else f"exit {run.returncode}", elapsed))
            continue
        backtest = json.loads(run.stdout)["levels"][0]["backtest"]
        for baseline in backtest["baselines"]:
            if baseline not in baselines_seen:
                baselines_seen.append(baseline)
        rows.append((name, backtest, None, elapsed))
    baselines_seen.sort()
    print(f"\n#### {level} level\n")
    print("| repository | items (risky) | model ROC-AUC | model R@20%E | " + " | ".join(f"{b} ROC-AUC" for b in baselines_seen) + " | time |")
    print("|---|---|---|---|" + "---|" * len(baselines_seen) + "---|")
    model_aucs, key_wins, counted = [], 0, 0
    column_aucs = {b: [] for b in baselines_seen}
    for name, backtest, error, elapsed in rows:
        if backtest is None:
            print(f"| {name} | {error} |" + " |" * (len(baselines_seen) + 3))
            continue
        model = backtest["model"]
        auc = float(model["rocAUC"])
        model_aucs.append(auc)
        cells = []
        for baseline in baselines_seen:
            value = backtest["baselines"].get(baseline, {}).get("rocAUC")
            cells.append("–" if value is None else f"{float(value):.3f}")
            if value is not None:
                column_aucs[baseline].append(float(value))
        key = backtest["baselines"].get(KEY_BASELINE[level], {}).get("rocAUC")
        if key is not None:
            counted += 1
            key_wins += auc > float(key)
        print(f"| {name} | {model['examples']} ({model['positives']}) | {auc:.3f} | {float(model['recallAt20Effort']):.3f} | "
              + " | ".join(cells) + f" | {elapsed:.1f} s |")
    if model_aucs:
        print(f"\nMean model ROC-AUC: {sum(model_aucs) / len(model_aucs):.3f}; above {KEY_BASELINE[level]} on "
              f"{key_wins} of {counted} repositories.")
        print("Means of the other columns: " + ", ".join(
            f"{b} {sum(v) / len(v):.3f}" for b, v in column_aucs.items() if v) + ".")
sys.stdout.flush()
