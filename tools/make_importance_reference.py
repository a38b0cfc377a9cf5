#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference values for core/run/Importance (hyper-parameter importance, #19), computed with
NumPy from the definitions: Spearman's rho as the Pearson correlation (np.corrcoef) of average
ranks (ties share the mean of their ranks), and eta squared of a one-way analysis of variance
(SS_between / SS_total). Writes tests/data/importance/reference.json; test_runs compares.

Run: /usr/bin/python3 tools/make_importance_reference.py
"""
import json
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def average_ranks(x):
    x = np.asarray(x, dtype=float)
    order = np.argsort(x, kind="stable")
    ranks = np.empty(len(x))
    ranks[order] = np.arange(1, len(x) + 1)
    for value in np.unique(x):  # ties: the mean of their ranks
        tied = x == value
        ranks[tied] = ranks[tied].mean()
    return ranks


def spearman(x, y):
    return float(np.corrcoef(average_ranks(x), average_ranks(y))[0, 1])


def eta_squared(groups, y):
    y = np.asarray(y, dtype=float)
    total = ((y - y.mean()) ** 2).sum()
    between = sum(len(y[np.array(groups) == g]) * (y[np.array(groups) == g].mean() - y.mean()) ** 2
                  for g in set(groups))
    return float(between / total)


def main():
    rng = np.random.default_rng(19)
    # A sweep of 24 runs: 4 learning rates x 3 optimizers x 2 seeds. The accuracy depends mostly
    # on the learning rate (peaking at 0.01, not monotone), somewhat on the optimizer, not on the
    # seed beyond noise.
    lrs = [0.001, 0.003, 0.01, 0.03]
    optimizers = ["adam", "sgd", "rmsprop"]
    runs = []
    for lr in lrs:
        for opt in optimizers:
            for seed in (1, 2):
                acc = 0.9 - 0.08 * abs(np.log10(lr / 0.01)) - (0.03 if opt == "sgd" else 0.0) + rng.normal(0, 0.01)
                runs.append({"lr": lr, "optimizer": opt, "seed": seed, "accuracy": round(float(acc), 6)})
    acc = [r["accuracy"] for r in runs]
    lr = [r["lr"] for r in runs]
    seed = [r["seed"] for r in runs]
    # A tie-heavy pair and a strictly monotone one for rho alone.
    x_ties = [1, 2, 2, 3, 3, 3, 4, 5]
    y_ties = [0.5, 0.7, 0.6, 0.9, 0.8, 0.9, 1.2, 1.1]
    ref = {
        "runs": runs,
        "spearman_lr": spearman(lr, acc),
        "spearman_seed": spearman(seed, acc),
        "eta_lr": eta_squared([str(v) for v in lr], acc),
        "eta_optimizer": eta_squared([r["optimizer"] for r in runs], acc),
        "eta_seed": eta_squared([str(v) for v in seed], acc),
        "x_ties": x_ties,
        "y_ties": y_ties,
        "ranks_ties": average_ranks(x_ties).tolist(),
        "spearman_ties": spearman(x_ties, y_ties),
    }
    out = os.path.join(ROOT, "tests", "data", "importance")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print({k: v for k, v in ref.items() if k != "runs"})


if __name__ == "__main__":
    main()
