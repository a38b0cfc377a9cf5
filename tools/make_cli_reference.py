#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/data/cli/keras2_mlp_predictions.csv: inputs and the class that the Keras 2 MLP in
tests/data/keras/keras2_mlp.h5 predicts for them, computed here with NumPy straight from the
file's weights (Dense relu, Dense softmax). `weightscope-cli eval` of that model on this CSV must
give accuracy 1: the converted model predicts what the file's own weights do.
Run: /usr/bin/python3 tools/make_cli_reference.py
"""
import pathlib

import h5py
import numpy as np

root = pathlib.Path(__file__).resolve().parent.parent
with h5py.File(root / "tests/data/keras/keras2_mlp.h5", "r") as f:
    w = f["model_weights"]
    k1, b1 = w["dense/dense/kernel:0"][()], w["dense/dense/bias:0"][()]
    k2, b2 = w["dense_1/dense_1/kernel:0"][()], w["dense_1/dense_1/bias:0"][()]
rng = np.random.default_rng(7)
x = rng.uniform(-3, 3, size=(60, 4)).astype(np.float32)
logits = np.maximum(x @ k1 + b1, 0) @ k2 + b2
labels = logits.argmax(1)
out = root / "tests/data/cli/keras2_mlp_predictions.csv"
with open(out, "w") as f:
    f.write("f0,f1,f2,f3,label\n")
    for xi, li in zip(x, labels):
        f.write(",".join(f"{v:.9g}" for v in xi) + f",{li}\n")
print("wrote", out, "classes:", np.bincount(labels, minlength=3))
