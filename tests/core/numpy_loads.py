#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run by test_numpy.cpp (NpyWriter.WritesFilesNumpyLoads): NumPy loads the files our writers
made, with allow_pickle=False, and finds the shapes and values the test wrote: element i of
every tensor is i * 0.25 - 3 (the test's ramp())."""
import sys

import numpy as np


def ramp(shape):
    n = int(np.prod(shape, dtype=np.int64))
    return (np.arange(n, dtype=np.float32) * np.float32(0.25) + np.float32(-3)).reshape(shape)


def check(name, got, shape):
    assert got.dtype == np.float32, f"{name}: dtype {got.dtype}"
    assert got.shape == shape, f"{name}: shape {got.shape}, want {shape}"
    assert np.array_equal(got, ramp(shape)), f"{name}: values differ"


npy, *npzs = sys.argv[1:]
check(npy, np.load(npy, allow_pickle=False), (3, 4, 5))
for path in npzs:
    with np.load(path, allow_pickle=False) as z:
        assert sorted(z.files) == ["bias", "dense/kernel:0", "step"], z.files
        check(path + ":dense/kernel:0", z["dense/kernel:0"], (4, 3))
        check(path + ":bias", z["bias"], (3,))
        check(path + ":step", z["step"], ())
print("numpy loaded", npy, *npzs)
