#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/data/cli/keras2_mlp_predictions.csv: inputs and the class that the Keras 2 MLP in
tests/data/keras/keras2_mlp.h5 predicts for them, computed here with NumPy straight from the
file's weights (Dense relu, Dense softmax). `weightscope-cli eval` of that model on this CSV must
give accuracy 1: the converted model predicts what the file's own weights do.

Also writes tests/data/cli/keras2_mlp_28x28.h5, a Keras 2 MLP built for inputs of (28, 28)
(Flatten, Dense softmax; laid out by tools/make_keras_reference.py's writer), and 20 images of
28 x 28 in IDX files with the classes that model predicts for them: IDX images load as
(28, 28, 1), as Fashion-MNIST's do, so `eval` must reshape them (they differ only by an axis
of size 1) and then give accuracy 1.
Run: /usr/bin/python3 tools/make_cli_reference.py
"""
import pathlib
import struct
import sys

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

# ---- a model for (28, 28) evaluated on IDX images of (28, 28, 1) ------------------------------
sys.path.insert(0, str(root / "tools"))
import make_keras_reference as mk  # noqa: E402  (its main() only runs as a script)

rng = np.random.default_rng(2828)
kernel = (rng.standard_normal((784, 10)) * 0.2).astype(np.float32)
bias = (rng.standard_normal(10) * 0.1).astype(np.float32)
config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
    {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 28, 28], "dtype": "float32",
                                            "sparse": False, "ragged": False, "name": "flatten_input"}},
    {"class_name": "Flatten", "config": {"name": "flatten", "trainable": True, "dtype": "float32",
                                         "data_format": "channels_last"}},
    mk.k2_dense("dense", 10, "softmax")]}}
mk.write_legacy_h5(str(root / "tests/data/cli/keras2_mlp_28x28.h5"), config,
                   [("flatten", []), ("dense", [("kernel", kernel), ("bias", bias)])], "2.12.0",
                   lambda layer, leaf: f"{layer}/{leaf}:0")
# each image a random patch pattern, so that the predicted classes vary
patches = rng.random((20, 4, 4)) ** 3
images = np.round(np.kron(patches, np.ones((7, 7))) * 255).astype(np.uint8)
pixels = images.reshape(20, -1).astype(np.float32) / np.float32(255)  # as the IDX reader scales them
classes = (pixels.astype(np.float64) @ kernel + bias).argmax(1).astype(np.uint8)
with open(root / "tests/data/cli/mlp28-images.idx", "wb") as f:
    f.write(struct.pack(">BBBB3I", 0, 0, 0x08, 3, 20, 28, 28) + images.tobytes())
with open(root / "tests/data/cli/mlp28-labels.idx", "wb") as f:
    f.write(struct.pack(">BBBBI", 0, 0, 0x08, 1, 20) + classes.tobytes())
print("wrote keras2_mlp_28x28.h5 and mlp28-{images,labels}.idx, classes:", np.bincount(classes, minlength=10))
