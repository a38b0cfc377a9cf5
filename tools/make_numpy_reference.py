#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference .npy/.npz files for tests/core/test_numpy.cpp, written by NumPy itself.

Run with Debian's python3-numpy (1.24): /usr/bin/python3 tools/make_numpy_reference.py
Writes small files into tests/data/numpy/ and expected.json: for every tensor its core dtype
name, shape and values in C order as float32 (NaN and infinities spelled as strings, since
JSON has no such numbers). The C++ test compares them exactly.
"""
import json
import os
import sys

import numpy as np
from numpy.lib import format as npformat

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "numpy")

CORE_NAMES = {
    "b1": "BOOL", "i1": "I8", "i2": "I16", "i4": "I32", "i8": "I64",
    "u1": "U8", "u2": "U16", "u4": "U32", "u8": "U64", "f2": "F16", "f4": "F32", "f8": "F64",
}


def as_json_floats(a):
    """Values in C order as the reader must deliver them: float32."""
    out = []
    for v in np.ascontiguousarray(a).astype(np.float32).ravel(order="C").tolist():
        if v != v:
            out.append("nan")
        elif v in (float("inf"), float("-inf")):
            out.append("inf" if v > 0 else "-inf")
        else:
            out.append(v)
    return out


def entry(a):
    return {"dtype": CORE_NAMES[a.dtype.str[1:]], "shape": list(a.shape), "values": as_json_floats(a)}


def sample(code, shape):
    """Values that exercise the type: extremes of integers, specials of floats."""
    dt = np.dtype(code)
    n = int(np.prod(shape))
    if dt.kind == "b":
        vals = np.array([(i * 7) % 3 == 0 for i in range(n)])
    elif dt.kind in "iu":
        info = np.iinfo(dt)
        base = [info.min, info.max, 0, 1, info.max // 3, info.min // 5 if dt.kind == "i" else 200]
        vals = np.array([base[i % len(base)] for i in range(n)], dtype=object)
    else:
        base = [1.5, -2.25, 0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-3, 3.0e4]
        if dt.itemsize >= 4:
            base += [1e30, 1.0 / 3.0]
        vals = np.array([base[i % len(base)] for i in range(n)], dtype=np.float64)
    return vals.astype(dt).reshape(shape)


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}

    def save(fname, a, **kw):
        path = os.path.join(OUT, fname)
        version = kw.pop("version", None)
        if version is None:
            np.save(path, a, **kw)
        else:
            with open(path, "wb") as f:
                npformat.write_array(f, a, version=version)
        expected[fname] = {os.path.splitext(fname)[0]: entry(a)}

    for code in CORE_NAMES:
        save(f"le_{code}.npy", sample("<" + code if code not in ("b1", "i1", "u1") else "|" + code, (2, 5)))
    for code in ["i2", "i4", "i8", "u2", "u4", "u8", "f2", "f4", "f8"]:
        save(f"be_{code}.npy", sample(">" + code, (3, 4)))

    f2d = np.asfortranarray(np.arange(12, dtype="<f4").reshape(3, 4) * 1.5)
    f3d = np.asfortranarray(((np.arange(24).reshape(2, 3, 4) - 7) / 4).astype(">f8"))
    f3i = np.asfortranarray(np.arange(60, dtype="<i2").reshape(3, 4, 5) * -3)
    for a in (f2d, f3d, f3i):
        assert a.flags.f_contiguous and not a.flags.c_contiguous
    assert f3d.dtype.str == ">f8"
    save("fortran_2d.npy", f2d)
    save("fortran_3d_be.npy", f3d)
    save("fortran_3d_i2.npy", f3i)

    save("scalar_f4.npy", np.array(3.5, dtype="<f4"))
    save("scalar_i8.npy", np.array(-(2 ** 40) - 1, dtype="<i8"))
    save("empty_1d.npy", np.zeros((0,), dtype="<f4"))
    save("empty_3d.npy", np.zeros((2, 0, 3), dtype="<f8"))
    save("v2.npy", sample("<f4", (4, 3)), version=(2, 0))
    save("v3.npy", np.asfortranarray(sample("<i4", (2, 3))), version=(3, 0))

    members = {
        "weight": (np.arange(20, dtype="<f4").reshape(4, 5) / 8),
        "bias": np.array([1, -2, 3], dtype=">i8"),
        "layer1/kernel": np.asfortranarray(np.arange(6, dtype="<f2").reshape(2, 3)),
        "scalar": np.array(7, dtype="|u1"),
    }
    for fname, fn in [("savez.npz", np.savez), ("savez_compressed.npz", np.savez_compressed)]:
        fn(os.path.join(OUT, fname), **members)
        expected[fname] = {k: entry(v) for k, v in members.items()}

    obj = np.empty(2, dtype=object)
    obj[0] = {"a": 1}
    obj[1] = [1, 2]
    np.save(os.path.join(OUT, "object.npy"), obj, allow_pickle=True)
    np.save(os.path.join(OUT, "structured.npy"), np.zeros(3, dtype=[("x", "<f4"), ("y", "<i4")]))

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(expected)} reference files to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
