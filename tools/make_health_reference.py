#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the model health reference files under tests/data/health/ and their expected values.

Each matrix is a float32 .npy file; every number in expected.json comes from NumPy in float64 of
the same float32 values, independently of core/analysis/ModelHealth.cpp:
  - σ from numpy.linalg.svd(..., compute_uv=False) of the (out, in·kh·kw) reshape;
  - spectral norm σ_max, Frobenius norm, stable rank ‖W‖_F² / σ_max², sparsity (exact zeros);
  - α: the Clauset et al. fit of λ = σ² (fit_power_law of make_spectrum_reference.py);
  - Marchenko–Pastur, as ModelHealth.h states it: s² = (‖W‖_F² − Σ outlier λ) / (N·M) iterated to a
    fixed point (stopping before the outliers would hold over half of ‖W‖_F²), outliers λ > s² ((√N + √M)² + 4 (√N + √M)(1/√N + 1/√M)^(1/3)), edge
    λ+ = s² (√N + √M)², soft rank λ+ / λ_max;
  - for the randomized case, α of the top 32 eigenvalues only (what that method sees).

Files (C order):
  gauss_200x120.npy    N(0, 0.02²): the bulk alone; MP edge near 0.02² (√200 + √120)², no outlier
  spike_200x120.npy    the same noise plus 2.5 · 0.02 (√200 + √120) · u vᵀ (unit u, v): one outlier
  conv_16x8x3x3.npy    an OIHW kernel N(0, 0.1²), a quarter of its elements set to exactly 0
  wide_160x240.npy     N(0, 1) with a decaying column scale: the randomized method's test matrix
                       (its smaller side, 160, is just above the bound the test sets, 159)
  model.npz            a small "model": dense.weight (the Gaussian), dense.bias (1-D: no spectrum),
                       conv.weight (the kernel), broken.weight (a NaN in it: a row with an error)
  expected.json

Run: /usr/bin/python3 tools/make_health_reference.py
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_spectrum_reference import fit_power_law  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "health")
TOP_K = 32


def marchenko_pastur(lam, frob2, n, m):
    a = np.sqrt(n) + np.sqrt(m)
    edge = a * a
    margin = 4.0 * a * np.cbrt(1 / np.sqrt(n) + 1 / np.sqrt(m))
    energy, count = 0.0, -1
    while True:
        s2 = max(0.0, frob2 - energy) / (n * m)
        out = lam[lam > s2 * (edge + margin)]
        if out.size == count:
            break
        if out.sum() > 0.5 * frob2:  # no bulk left to speak of: keep the last count that had one
            count = max(count, 0) if count >= 0 else out.size
            break
        count, energy = out.size, out.sum()
    return {"mp_variance": s2, "mp_edge": s2 * edge, "mp_soft_rank": s2 * edge / lam.max(), "outliers": int(count)}


def describe(a):
    x = a.astype(np.float64).reshape(a.shape[0], -1)
    sigma = np.linalg.svd(x, compute_uv=False)
    lam = sigma ** 2
    frob2 = float((x * x).sum())
    fit = fit_power_law(lam)
    top = fit_power_law(np.sort(lam)[::-1][:TOP_K])
    e = {"sigma": sigma.tolist(), "spectral_norm": float(sigma[0]), "frobenius_norm": np.sqrt(frob2),
         "stable_rank": frob2 / lam[0], "sparsity": float((x == 0).mean()), "max_abs": float(np.abs(x).max()),
         "alpha": fit[0], "alpha_tail": int(fit[3]), "alpha_top": top[0] if top else None}
    e.update(marchenko_pastur(lam, frob2, x.shape[0], x.shape[1]))
    return e


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261206)
    s = 0.02
    noise = rng.standard_normal((200, 120)) * s
    u = rng.standard_normal(200)
    v = rng.standard_normal(120)
    spike = 2.5 * s * (np.sqrt(200) + np.sqrt(120)) * np.outer(u / np.linalg.norm(u), v / np.linalg.norm(v))
    conv = rng.standard_normal((16, 8, 3, 3)) * 0.1
    conv[rng.random(conv.shape) < 0.25] = 0.0
    wide = rng.standard_normal((160, 240)) * (1.0 / np.sqrt(1 + np.arange(240)))[None, :]
    mats = {"gauss_200x120": noise, "spike_200x120": noise + spike, "conv_16x8x3x3": conv, "wide_160x240": wide}
    expected = {}
    for name, a in mats.items():
        a = a.astype(np.float32)
        np.save(os.path.join(OUT, name + ".npy"), a)
        expected[name] = describe(a)
        e = expected[name]
        print(name, a.shape, "alpha %.3f" % e["alpha"], "edge %.5g" % e["mp_edge"], "lmax %.5g" % e["spectral_norm"] ** 2,
              "outliers", e["outliers"], "stable rank %.3f" % e["stable_rank"])
    broken = mats["gauss_200x120"][:20, :30].astype(np.float32).copy()
    broken[3, 4] = np.nan
    np.savez(os.path.join(OUT, "model.npz"), **{
        "dense.weight": mats["gauss_200x120"].astype(np.float32), "dense.bias": np.zeros(200, np.float32),
        "conv.weight": mats["conv_16x8x3x3"].astype(np.float32), "broken.weight": broken})
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
