#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the spectrum reference files under tests/data/spectrum/ and their expected values.

Each matrix is a float32 .npy file (what the inspector reads); its singular values come from
numpy.linalg.svd in float64 of the same float32 values. The power-law fit of the eigenvalues
λ = σ² is computed here by an independent, vectorised implementation of Clauset, Shalizi &
Newman (SIAM Review 51, 2009), as core/analysis/Spectrum.cpp documents it:
  - λ ≤ 1e-10 · max λ are left out (zero eigenvalues of rank-deficient matrices);
  - every distinct λ leaving at least 10 values in the tail is a candidate xmin;
  - α = 1 + n / Σ ln(λᵢ / xmin) (continuous MLE);
  - D = max over the sorted tail of max(P − i/n, (i+1)/n − P), P = 1 − (λ/xmin)^(1−α);
  - the smallest D wins; on a tie the smaller xmin (the larger tail).

Files (C order):
  gauss_40x60.npy      N(0, 1)                    wide: the Gram matrix is X Xᵀ
  gauss_60x40.npy      N(0, 1)                    tall: the Gram matrix is Xᵀ X
  heavy_150x100.npy    Student-t (3 dof) entries: a heavy-tailed ESD, the fit's main case
  rank5_30x20.npy      (30 × 5)(5 × 20): 15 zero singular values
  conv_8x3x3x3.npy     an OIHW kernel, seen as (8, 27)
  row_1x50.npy         one row: one singular value, no fit
  expected.json        per file: "sigma" (descending), and "alpha", "xmin", "ks", "tail"
                       (null when there is no fit)

Run: /usr/bin/python3 tools/make_spectrum_reference.py
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "spectrum")
MIN_TAIL = 10
ZERO = 1e-10


def fit_power_law(lam):
    lam = np.asarray(lam, dtype=np.float64)
    lam = np.sort(lam[np.isfinite(lam) & (lam > lam.max() * ZERO)])
    n = lam.size
    best = None
    for start in range(0, n - MIN_TAIL + 1):
        if start > 0 and lam[start] == lam[start - 1]:
            continue
        tail = lam[start:]
        xmin = tail[0]
        s = np.log(tail / xmin).sum()
        if not s > 0:
            continue
        m = tail.size
        alpha = 1.0 + m / s
        p = 1.0 - (tail / xmin) ** (1.0 - alpha)
        i = np.arange(m)
        d = max(np.max(p - i / m), np.max((i + 1) / m - p))
        if best is None or d < best[2]:
            best = (alpha, xmin, d, m)
    return best


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261126)
    mats = {
        "gauss_40x60": rng.standard_normal((40, 60)),
        "gauss_60x40": rng.standard_normal((60, 40)),
        "heavy_150x100": rng.standard_t(3, size=(150, 100)),
        "rank5_30x20": rng.standard_normal((30, 5)) @ rng.standard_normal((5, 20)),
        "conv_8x3x3x3": rng.standard_normal((8, 3, 3, 3)) * 0.1,
        "row_1x50": rng.standard_normal((1, 50)),
    }
    expected = {}
    for name, a in mats.items():
        a = a.astype(np.float32)
        np.save(os.path.join(OUT, name + ".npy"), a)
        x = a.astype(np.float64).reshape(a.shape[0], -1)
        sigma = np.linalg.svd(x, compute_uv=False)
        fit = fit_power_law(sigma ** 2)
        entry = {"sigma": sigma.tolist(), "alpha": None, "xmin": None, "ks": None, "tail": None}
        if fit is not None:
            entry.update(alpha=fit[0], xmin=fit[1], ks=fit[2], tail=int(fit[3]))
        expected[name] = entry
        print(name, a.shape, "alpha", entry["alpha"], "tail", entry["tail"])
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
