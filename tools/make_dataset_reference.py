#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference datasets for tests/core/test_array_datasets.cpp, written by h5py and NumPy.

Run with Debian's python3-h5py and python3-numpy: /usr/bin/python3 tools/make_dataset_reference.py
Writes small HDF5/.npz/.npy files into tests/data/datasets/ and expected.json: for every good
file the dataset the engine must build (sample shape, features as float32 in C order after the
documented conversion — uint8 times float32(1/255) — the labels and the class count). Bad files go to
tests/data/bad/ (ds-*), each listed with its expected message in tests/data/bad/MANIFEST.tsv.
"""
import io
import json
import os
import struct
import zipfile

import h5py
import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data")
OUT = os.path.join(ROOT, "datasets")
BAD = os.path.join(ROOT, "bad")

rng = np.random.default_rng(6)
expected = {}


def record(name, x, labels=None, targets=None, classes=0):
    x = np.asarray(x)
    if x.dtype == np.uint8:  # times the float32 reciprocal, as the IDX reader scales
        x = x.astype(np.float32) * np.float32(1.0 / 255.0)
    shape = list(x.shape)
    if len(shape) == 1:
        shape.append(1)
    elif len(shape) == 3:
        shape.append(1)
    e = {"shape": shape, "x": x.astype(np.float32).ravel().tolist(), "classes": classes}
    if labels is not None:
        e["labels"] = [int(v) for v in labels]
    if targets is not None:
        e["targets"] = np.asarray(targets, dtype=np.float32).ravel().tolist()
    expected[name] = e


def good_files():
    # Images as Keras users keep them: uint8 (N, H, W), int64 labels; plus other datasets around.
    x = rng.integers(0, 256, size=(12, 4, 4), dtype=np.uint8)
    y = np.arange(12, dtype=np.int64) % 3
    with h5py.File(os.path.join(OUT, "images.h5"), "w") as f:
        f["x"] = x
        f["y"] = y
        f["names"] = np.array([b"a", b"b", b"c"])
        g = f.create_group("extra")
        g["weights"] = rng.normal(size=(5, 2)).astype(np.float32)
    record("images.h5", x, labels=y, classes=3)

    # Named datasets in a group, gzip-compressed and chunked, float64 features, float labels.
    X = rng.normal(size=(10, 3))
    labels = (np.arange(10) % 4).astype(np.float32)
    with h5py.File(os.path.join(OUT, "nested.h5"), "w") as f:
        g = f.create_group("train")
        g.create_dataset("features", data=X, compression="gzip", chunks=(5, 3))
        g.create_dataset("target", data=labels, compression="gzip")
    record("nested.h5", X, labels=labels, classes=4)

    # .npz with the X/y pair, int32 labels with one class absent (max + 1 classes).
    X = rng.normal(size=(8, 2)).astype(np.float32)
    y = np.array([0, 1, 4, 1, 0, 4, 1, 0], dtype=np.int32)
    np.savez(os.path.join(OUT, "pair.npz"), X=X, y=y, note=np.arange(3))
    record("pair.npz", X, labels=y, classes=5)

    # Compressed .npz: images/labels, one-hot labels (N, K).
    images = rng.normal(size=(6, 2, 2, 3)).astype(np.float16)
    onehot = np.eye(3, dtype=np.float32)[[2, 0, 1, 1, 0, 2]]
    np.savez_compressed(os.path.join(OUT, "onehot.npz"), images=images, labels=onehot)
    record("onehot.npz", images.astype(np.float32), labels=[2, 0, 1, 1, 0, 2], classes=3)

    # Regression: float targets (N, 2).
    X = rng.normal(size=(7, 3)).astype(np.float32)
    t = rng.normal(size=(7, 2)).astype(np.float64)
    np.savez(os.path.join(OUT, "regression.npz"), x=X, y=t)
    record("regression.npz", X, targets=t)

    # A pair of .npy files, Fortran-ordered features and boolean labels.
    X = np.asfortranarray(rng.normal(size=(9, 4)).astype(np.float32))
    y = (np.arange(9) % 2).astype(bool)
    np.save(os.path.join(OUT, "features.npy"), X)
    np.save(os.path.join(OUT, "labels.npy"), y)
    record("features.npy", X, labels=y.astype(int), classes=2)


def bad_h5(name, fill):
    with h5py.File(os.path.join(BAD, name), "w") as f:
        fill(f)


def npz_bytes(arrays):
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def bad_files():
    def mismatch(f):
        f["x"] = np.zeros((10, 3), np.float32)
        f["y"] = np.zeros(9, np.int64)
    bad_h5("ds-count-mismatch.h5", mismatch)

    def float_labels(f):
        f["x"] = np.zeros((4, 2), np.float32)
        f["y"] = np.array([0, 1, 0.5, 1], np.float32)
    bad_h5("ds-labels-fraction.h5", float_labels)

    def string_labels(f):
        f["x"] = np.zeros((3, 2), np.float32)
        f["y"] = np.array([b"cat", b"dog", b"cat"])
    bad_h5("ds-labels-strings.h5", string_labels)

    def nan(f):
        x = np.zeros((5, 3), np.float32)
        x[2, 1] = np.nan
        f["x"] = x
        f["y"] = np.zeros(5, np.int64)
    bad_h5("ds-features-nan.h5", nan)

    def negative(f):
        f["x"] = np.zeros((3, 2), np.float32)
        f["y"] = np.array([0, -1, 1], np.int8)
    bad_h5("ds-labels-negative.h5", negative)

    def too_many(f):
        f["x"] = np.zeros((3, 2), np.float32)
        f["y"] = np.array([0, 70000, 1], np.int32)
    bad_h5("ds-labels-out-of-range.h5", too_many)

    def huge(f):
        f.create_dataset("x", shape=(1 << 20, 1 << 20), dtype="<f4", chunks=(64, 64))
        f.create_dataset("y", shape=(1 << 20,), dtype="<i8", chunks=(1024,))
    bad_h5("ds-huge-shape.h5", huge)

    def no_pair(f):
        f["a"] = np.zeros((3, 2), np.float32)
        f["b"] = np.zeros(3, np.int64)
    bad_h5("ds-no-pair.h5", no_pair)

    def compound(f):
        f["x"] = np.zeros(3, dtype=[("a", "<f4"), ("b", "<i4")])
        f["y"] = np.zeros(3, np.int64)
    bad_h5("ds-features-compound.h5", compound)

    with open(os.path.join(OUT, "images.h5"), "rb") as f:
        whole = f.read()
    with open(os.path.join(BAD, "ds-cut-half.h5"), "wb") as f:
        f.write(whole[: len(whole) // 2])

    x = np.zeros((6, 2), np.float32)
    x[5, 0] = np.inf
    blobs = {
        "ds-count-mismatch.npz": {"x": np.zeros((4, 2), np.float32), "y": np.zeros(5, np.int64)},
        "ds-features-inf.npz": {"x": x, "y": np.zeros(6, np.int64)},
        "ds-labels-fraction.npz": {"x": np.zeros((2, 2), np.float32), "y": np.array([1.0, 2.25])},
        "ds-onehot-two-hot.npz": {"x": np.zeros((2, 2), np.float32),
                                  "y": np.array([[1, 0, 0], [0, 1, 1]], np.float32)},
        "ds-features-complex.npz": {"x": np.zeros((2, 2), np.complex64), "y": np.zeros(2, np.int64)},
    }
    for name, arrays in blobs.items():
        with open(os.path.join(BAD, name), "wb") as f:
            f.write(npz_bytes(arrays))

    # An .npz whose features header claims (2^31, 2^20) float32 with 64 bytes of data.
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2147483648, 1048576), }"
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    npy = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + bytes(64)
    with zipfile.ZipFile(os.path.join(BAD, "ds-huge-shape.npz"), "w") as z:
        z.writestr("x.npy", npy)
        buf = io.BytesIO()
        np.save(buf, np.zeros(4, np.int64))
        z.writestr("y.npy", buf.getvalue())


def main():
    os.makedirs(OUT, exist_ok=True)
    good_files()
    bad_files()
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
