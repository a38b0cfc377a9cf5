#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the hostile files of tests/data/bad/ (the hostile-file suite, docs/reliability.md).

Each file is a small, deliberate lie: truncated at a structural boundary, a length or shape that
does not fit, an archive that climbs out of its folder or inflates without end, JSON nested a
hundred thousand deep, HDF5 links that loop, Keras layers that would run code. What each must
produce (a FormatError matching a regex) is listed by hand in tests/data/bad/MANIFEST.tsv and
checked by tests/core/test_hostile.cpp; this script only makes the bytes.

Bases: the reference files of tests/data/ (written by the other tools/make_*_reference.py) and
tests/data/model/mlp.h5 (a native model saved by weightscope-cli, see docs/reliability.md).
Run: /usr/bin/python3 tools/make_hostile_files.py
"""
import gzip
import io
import json
import os
import shutil
import struct
import sys
import zipfile

import h5py
import numpy as np

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data")
OUT = os.path.join(DATA, "bad")


def out(name):
    return os.path.join(OUT, name)


def write(name, data):
    with open(out(name), "wb") as f:
        f.write(data)


def read(rel):
    with open(os.path.join(DATA, rel), "rb") as f:
        return f.read()


# ---- safetensors ------------------------------------------------------------------------------
def st(header, data=b"", raw_header=None):
    h = raw_header if raw_header is not None else json.dumps(header).encode()
    return struct.pack("<Q", len(h)) + h + data


def one_tensor(dtype="F32", shape=(2, 2), offsets=(0, 16)):
    return {"t": {"dtype": dtype, "shape": list(shape), "data_offsets": list(offsets)}}


def safetensors():
    good = read("safetensors/dtypes.safetensors")
    n = struct.unpack("<Q", good[:8])[0]
    write("st-empty.safetensors", b"")
    write("st-cut-in-length.safetensors", good[:5])
    write("st-cut-after-length.safetensors", good[:8])
    write("st-cut-in-header.safetensors", good[:8 + n // 2])
    write("st-cut-in-data.safetensors", good[:8 + n + 10])
    write("st-length-2pow63.safetensors", struct.pack("<Q", 1 << 63) + b"{}")
    write("st-header-not-json.safetensors", st(None, raw_header=b'{"t": {"dtype": "F32", oops'))
    write("st-header-array.safetensors", st(None, raw_header=b"[1, 2, 3]"))
    write("st-deep-nesting.safetensors", st(None, raw_header=b'{"t": ' + b"[" * 100000 + b"]" * 100000 + b"}"))
    write("st-duplicate-key.safetensors",
          st(None, raw_header=b'{"t": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, '
                              b'"t": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}', data=bytes(4)))
    write("st-unknown-dtype.safetensors", st(one_tensor(dtype="F99"), bytes(16)))
    write("st-shape-overflow.safetensors", st(one_tensor(shape=(1 << 40, 1 << 40)), bytes(16)))
    write("st-negative-dim.safetensors", st(one_tensor(shape=(-1, 4)), bytes(16)))
    write("st-offsets-reversed.safetensors", st(one_tensor(offsets=(16, 0)), bytes(16)))
    write("st-offsets-past-end.safetensors", st(one_tensor(offsets=(0, 1 << 40)), bytes(16)))
    write("st-shape-needs-more.safetensors", st(one_tensor(shape=(4, 4), offsets=(0, 16)), bytes(16)))
    two = {"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
           "b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}}
    write("st-overlap.safetensors", st(two, bytes(24)))
    hole = {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
            "b": {"dtype": "F32", "shape": [2], "data_offsets": [16, 24]}}
    write("st-hole.safetensors", st(hole, bytes(24)))
    write("st-trailing-bytes.safetensors", st(one_tensor(), bytes(16 + 7)))
    write("st-metadata-not-string.safetensors", st({"__metadata__": {"format": 7}, **one_tensor()}, bytes(16)))
    # sharded folders: a weight_map that climbs out, and one that names a shard that is not there
    for folder, weight_map in (("st-index-traversal", {"t": "../../../etc/passwd"}),
                               ("st-index-missing-shard", {"t": "model-00009-of-00009.safetensors"})):
        d = out(folder)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        with open(os.path.join(d, "model.safetensors.index.json"), "w") as f:
            json.dump({"metadata": {}, "weight_map": weight_map}, f)


# ---- NumPy .npy / .npz --------------------------------------------------------------------------
def npy(header_text, data=b"", version=(1, 0)):
    h = header_text.encode("latin1")
    pad = 64 - (10 + len(h) + 1) % 64
    h = h + b" " * pad + b"\n"
    if version[0] == 1:
        return b"\x93NUMPY" + bytes(version) + struct.pack("<H", len(h)) + h + data
    return b"\x93NUMPY" + bytes(version) + struct.pack("<I", len(h)) + h + data


def numpy_files():
    good = read("numpy/le_f4.npy")
    hlen = struct.unpack("<H", good[8:10])[0]
    write("npy-empty.npy", b"")
    write("npy-wrong-magic.npy", b"\x93NUMPX" + good[6:])
    write("npy-version-9.npy", good[:6] + b"\x09\x00" + good[8:])
    write("npy-cut-in-length.npy", good[:9])
    write("npy-cut-in-header.npy", good[:10 + hlen // 2])
    write("npy-cut-in-data.npy", good[:10 + hlen + 3])
    write("npy-header-length-past-end.npy", b"\x93NUMPY\x02\x00" + struct.pack("<I", 0xFFFFFFF0) + b"{}")
    no_newline = bytearray(good)
    no_newline[10 + hlen - 1] = ord(" ")
    write("npy-header-no-newline.npy", bytes(no_newline))
    write("npy-code-in-header.npy",
          npy("{'descr': __import__('os').system('echo owned'), 'fortran_order': False, 'shape': (1,), }", bytes(4)))
    write("npy-object-pickle.npy",
          npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }",
              b"\x80\x04\x95\x1d\x00\x00\x00\x00\x00\x00\x00\x8c\x05posix\x94\x8c\x06system\x94\x93\x94\x8c\x02id\x94\x85\x94R\x94."))
    write("npy-shape-overflow.npy",
          npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }", bytes(16)))
    write("npy-negative-dim.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-4,), }", bytes(16)))
    write("npy-deep-tuple.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': " + "(" * 3000 + "1" + ")" * 3000 + ", }"))
    write("npy-lying-shape.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000,), }", bytes(64)))

    arr = np.arange(12, dtype="<f4").reshape(3, 4)
    buf = io.BytesIO()
    np.save(buf, arr)
    member = buf.getvalue()
    for name, arcname in (("npz-traversal.npz", "../../evil.npy"), ("npz-absolute.npz", "/tmp/evil.npy")):
        with zipfile.ZipFile(out(name), "w") as z:
            z.writestr(zipfile.ZipInfo(arcname), member)
    with zipfile.ZipFile(out("npz-bzip2.npz"), "w", zipfile.ZIP_BZIP2) as z:
        z.writestr("a.npy", member)
    with zipfile.ZipFile(out("npz-duplicate.npz"), "w") as z:
        z.writestr("a.npy", member)
        z.writestr("a.npy", member)
    with zipfile.ZipFile(out("npz-member-not-npy.npz"), "w") as z:
        z.writestr("a.npy", b"this is not a NumPy file at all")
    # a zip bomb: 70 MB of float32 zeros deflate more than 1000:1 (the cap for members over 64 MB)
    zeros = np.zeros(70 * 1000 * 1000 // 4, dtype="<f4")
    buf = io.BytesIO()
    np.save(buf, zeros)
    with zipfile.ZipFile(out("npz-bomb.npz"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("zeros.npy", buf.getvalue())
    # lying sizes: the central directory claims more bytes than the member holds
    good_npz = bytearray(open(out("npz-member-not-npy.npz"), "rb").read())
    with zipfile.ZipFile(io.BytesIO(), "w") as _:
        pass
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w") as z:
        z.writestr("a.npy", member)
    raw = bytearray(stored.getvalue())
    cd = raw.rfind(b"PK\x01\x02")
    struct.pack_into("<I", raw, cd + 24, len(member) * 1000)  # uncompressed size in the directory
    write("npz-lying-size.npz", bytes(raw))
    raw = bytearray(stored.getvalue())
    raw[30 + len("a.npy") + 200] ^= 0xFF  # one byte of array data: the CRC-32 no longer matches
    write("npz-bad-crc.npz", bytes(raw))
    raw = bytearray(stored.getvalue())
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(sig)
        raw[at + flag_at] |= 1  # "encrypted"
    write("npz-encrypted.npz", bytes(raw))
    write("npz-truncated.npz", stored.getvalue()[: len(stored.getvalue()) // 2])
    write("npz-not-zip.npz", b"PK\x05\x06" + bytes(10) + b"nonsense")
    del good_npz


# ---- IDX ----------------------------------------------------------------------------------------
def idx(type_code, dims, data):
    return bytes([0, 0, type_code, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + data


def idx_files():
    write("idx-empty.idx", b"")
    write("idx-cut-in-magic.idx", b"\x00\x00\x08")
    write("idx-unknown-type.idx", idx(0x07, [2], bytes(2)))
    write("idx-rank-0.idx", idx(0x08, [], b""))
    write("idx-rank-200.idx", bytes([0, 0, 8, 200]) + bytes(800))
    write("idx-cut-in-dims.idx", idx(0x08, [2, 3, 3], bytes(18))[:9])
    write("idx-dims-overflow.idx", idx(0x0D, [0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF], bytes(16)))
    write("idx-lying-count.idx", idx(0x08, [60000, 28, 28], bytes(100)))
    write("idx-trailing.idx", idx(0x08, [2, 2], bytes(4 + 5)))
    write("idx-gz-truncated.idx.gz", gzip.compress(idx(0x08, [4, 3, 3], bytes(36)), mtime=0)[:-12])
    write("idx-gz-garbage.idx.gz", b"\x1f\x8b\x08\x00" + bytes(6) + b"not deflate data at all")
    # a gzip bomb: a 4-byte image claimed, then 64 MB of zeros after it in the stream
    bomb = io.BytesIO()
    with gzip.GzipFile(fileobj=bomb, mode="wb", compresslevel=9, mtime=0) as g:
        g.write(idx(0x08, [1, 2, 2], bytes(4)))
        chunk = bytes(1 << 20)
        for _ in range(64):
            g.write(chunk)
    write("idx-gz-bomb.idx.gz", bomb.getvalue())


# ---- CSV ----------------------------------------------------------------------------------------
def csv_files():
    write("csv-empty.csv", b"")
    write("csv-ragged.csv", b"x,y,label\n1,2,0\n3,4\n5,6,1\n")
    write("csv-unterminated-quote.csv", b'x,y,label\n1,2,0\n3,"4,1\n5,6,1\n')
    write("csv-header-only.csv", b"x,y,label\n")
    write("csv-nul-bytes.csv", b"x,y,label\n1,2,0\n3\x00,4,1\n")
    write("csv-huge-number.csv", b"x,y,label\n1,2,0\n1e999,4,1\n")


# ---- Playground points (#22): CSV files and the kept-points JSON ---------------------------------
def playground_files():
    write("pg-one-class.csv", b"x,y,label\n0,0,a\n1,1,a\n2,2,a\n3,3,a\n")
    write("pg-missing-value.csv", b"x,y,label\n0,0,a\n1,,b\n2,2,a\n3,3,b\n")
    write("pg-nine-labels.csv", b"".join(b"%d,%d,c%d\n" % (k, k, k) for k in range(9)))
    write("pg-three-columns.csv", b"0,0,0,a\n1,1,1,b\n2,2,2,a\n3,3,3,b\n")
    # One point past the limit (the 100,000-point case is made by tests/core/test_data.cpp).
    write("pg-10001-points.csv", b"".join(b"%d,%d,%d\n" % (i % 2, i % 2, i % 2) for i in range(10001)))
    head = {"format": "weightscope-playground-points", "version": 1}
    write("pg-points-damaged.json", json.dumps(dict(head, points={"x": [1, 2]})).encode()[:-9])
    write("pg-points-newer.json", json.dumps(dict(head, version=9, points={})).encode())
    write("pg-points-lengths.json", json.dumps(dict(head, points={"x": [1, 2], "y": [1], "labels": [0, 1],
                                                                   "class_names": ["a", "b"]})).encode())
    write("pg-points-huge-label.json", json.dumps(dict(head, points={"x": [1], "y": [1], "labels": [1e300],
                                                                      "class_names": ["a"]})).encode())
    write("pg-points-deep.json", b"[" * 100000 + b"]" * 100000)


# ---- Playground sessions (#22, core/run/PlaygroundSession.h) -------------------------------------
def playground_session(**changes):
    """A valid session of the smallest network (no hidden layer: X1, X2 -> 1, SGD, no moments),
    with `changes` applied as dotted paths ("state.epoch": 3)."""
    empty = {"shape": [], "data": []}
    session = {
        "format": "weightscope-playground-session", "version": 1, "saved_by": "Weightscope 0.1",
        "config": {"playground": {"dataset": "circle", "noise": 0.0, "hidden": [], "activation": "tanh",
                                  "test_share": 0.5, "data_seed": 1, "feature_bits": 3,
                                  "regularization": {"type": "none", "rate": 0.0}},
                   "train": {"seed": 1, "batch_size": 10, "threads": 1, "loss": "mse",
                             "optimizer": {"type": "sgd", "learning_rate": 0.03}}},
        "pace": {"epochs_per_second": 60}, "run_record": "",
        "state": {"epoch": 2, "batch": 0, "steps": 50,
                  "values": [{"shape": [2, 1], "data": [0.25, -0.5]}, {"shape": [1], "data": [0.1]}],
                  "moments": [{"first": empty, "second": empty}, {"first": empty, "second": empty}]},
    }
    for path, value in changes.items():
        *parents, key = path.split(".")
        node = session
        for p in parents:
            node = node[int(p)] if isinstance(node, list) else node[p]
        node[int(key) if isinstance(node, list) else key] = value
    return json.dumps(session).encode()


def playground_session_files():
    # The base itself opens: every refusal below is the change's, not the base's.
    write("pg-session-valid.wsplay", playground_session())
    write("pg-session-damaged.wsplay", playground_session()[:-40])
    write("pg-session-newer.wsplay", playground_session(version=99, saved_by="Weightscope 9.0"))
    write("pg-session-other-format.wsplay", playground_session(format="weightscope-playground-points"))
    write("pg-session-huge-net.wsplay", playground_session(**{"config.playground.hidden": [100000000]}))
    write("pg-session-wrong-shape.wsplay", playground_session(**{"state.values.0": {"shape": [3, 1], "data": [1, 2, 3]}}))
    write("pg-session-short-data.wsplay", playground_session(**{"state.values.0.data": [0.25]}))
    write("pg-session-huge-shape.wsplay", playground_session(**{"state.values.0.shape": [2 ** 40, 2 ** 40]}))
    write("pg-session-far-epoch.wsplay", playground_session(**{"state.epoch": 2 ** 40}))
    write("pg-session-batch-past-epoch.wsplay", playground_session(**{"state.batch": 1000}))
    write("pg-session-string-weight.wsplay", playground_session(**{"state.values.1.data": ["0.1"]}))
    write("pg-session-huge-number.wsplay", playground_session().replace(b"[0.1]", b"[1e39]"))
    # fuzz_playground_session (stop 32's CI): a seed of 1e34, which nlohmann would cast to uint64_t
    write("pg-session-seed-float.wsplay", playground_session(**{"config.playground.data_seed": 1e34}))
    write("pg-session-batch-negative.wsplay", playground_session(**{"config.train.batch_size": -2 ** 40}))
    write("pg-session-points-too-many.wsplay", playground_session(**{
        "config.playground.dataset": "custom",
        "config.playground.points": {"x": [0.0] * 10001, "y": [0.0] * 10001, "labels": [0, 1] * 5000 + [0],
                                     "class_names": ["a", "b"]}}))
    write("pg-session-deep.wsplay", b"[" * 100000 + b"]" * 100000)


# ---- Keras .h5 / .keras -------------------------------------------------------------------------
def keras_config_h5(name, config_bytes):
    shutil.copy(os.path.join(DATA, "keras", "keras2_mlp.h5"), out(name))
    with h5py.File(out(name), "a") as f:
        f.attrs["model_config"] = config_bytes


def keras_files():
    mlp = json.loads(read("keras/keras2_mlp.json"))["model_config"] if "model_config" in json.loads(read("keras/keras2_mlp.json")) else None
    with h5py.File(os.path.join(DATA, "keras", "keras2_mlp.h5"), "r") as f:
        config = json.loads(f.attrs["model_config"])
    del mlp
    # Lambda with marshalled Python code (what Keras 2 writes: base64 of marshal.dumps(code))
    lam = json.loads(json.dumps(config))
    lam["config"]["layers"].insert(2, {"class_name": "Lambda", "config": {
        "name": "run_me", "trainable": True, "dtype": "float32",
        "function": ["4wEAAAAAAAAAAAAAAAEAAAAEAAAAQwAAAHMOAAAAdABkAYMBAQB8AFMAKQJO2gJpZCkB2gZzeXN0ZW0pAdoBeKkAcgMAAAD6AHoIPGxhbWJkYT4BAAAA8wAAAAA=",
                     None, None],
        "function_type": "lambda", "module": "__main__", "output_shape": None, "arguments": {}}})
    keras_config_h5("keras-lambda-marshal.h5", json.dumps(lam).encode())
    custom = json.loads(json.dumps(config))
    custom["config"]["layers"][1] = {"class_name": "Custom>EvilDense", "module": "evil.layers",
                                     "registered_name": "Custom>EvilDense",
                                     "config": {"name": "evil_dense", "units": 4}}
    keras_config_h5("keras-custom-class.h5", json.dumps(custom).encode())
    keras_config_h5("keras-config-deep.h5", b'{"class_name": "Sequential", "config": ' + b"[" * 100000 + b"]" * 100000 + b"}")
    keras_config_h5("keras-config-not-json.h5", b"\x80\x04\x95 this is a pickle, not JSON")
    huge = json.loads(json.dumps(config))
    for layer in huge["config"]["layers"]:
        if layer["class_name"] == "Dense":
            layer["config"]["units"] = 1 << 40
    keras_config_h5("keras-units-huge.h5", json.dumps(huge).encode())

    # HDF5 structure: loops, wrong types, missing pieces, a dataset far larger than the file
    base = os.path.join(DATA, "keras", "keras2_mlp.h5")
    with h5py.File(base, "r") as f:
        layer_names = [n.decode() for n in f["model_weights"].attrs["layer_names"]]
        first = next(n for n in layer_names if len(f["model_weights"][n].attrs["weight_names"]) > 0)
        kernel_name = f["model_weights"][first].attrs["weight_names"][0].decode()

    def variant(name, change):
        shutil.copy(base, out(name))
        with h5py.File(out(name), "a") as f:
            change(f)

    def soft_cycle(f):
        g = f["model_weights"][first]
        del g[kernel_name]
        g[kernel_name] = h5py.SoftLink("/model_weights/" + first + "/" + kernel_name)
    variant("keras-soft-link-cycle.h5", soft_cycle)

    def hard_cycle(f):
        # the layer's group is a hard link back to model_weights: the weights are looked up in a loop
        del f["model_weights"][first]
        f["model_weights"][first] = f["model_weights"]
    variant("keras-hard-link-cycle.h5", hard_cycle)

    # Keras 3 weights (H5IOStore layout), which the reader walks: a group that contains its parent
    shutil.copy(os.path.join(DATA, "keras", "keras3_functional.weights.h5"), out("keras-store-hard-link-cycle.h5"))
    with h5py.File(out("keras-store-hard-link-cycle.h5"), "a") as f:
        top = next(iter(f["layers"]))
        f["layers"][top]["loop"] = f["layers"]
        f["layers"][top]["loop2"] = f["layers"]

    def external(f):
        g = f["model_weights"][first]
        del g[kernel_name]
        g[kernel_name] = h5py.ExternalLink("/etc/passwd", "/secret")
    variant("keras-external-link.h5", external)

    def string_kernel(f):
        g = f["model_weights"][first]
        shape = g[kernel_name].shape
        del g[kernel_name]
        g.create_dataset(kernel_name, shape=shape, dtype=h5py.string_dtype())
    variant("keras-kernel-strings.h5", string_kernel)

    def compound_kernel(f):
        g = f["model_weights"][first]
        shape = g[kernel_name].shape
        del g[kernel_name]
        g.create_dataset(kernel_name, shape=shape, dtype=np.dtype([("a", "<f4"), ("b", "<i4")]))
    variant("keras-kernel-compound.h5", compound_kernel)

    def missing_group(f):
        del f["model_weights"][first]
    variant("keras-missing-layer-group.h5", missing_group)

    def layer_names_int(f):
        f["model_weights"].attrs["layer_names"] = np.arange(3)
    variant("keras-layer-names-numbers.h5", layer_names_int)

    def weight_names_climb(f):
        names = list(f["model_weights"][first].attrs["weight_names"])
        names[0] = b"../../../../etc/passwd"
        f["model_weights"][first].attrs["weight_names"] = names
    variant("keras-weight-name-climbs.h5", weight_names_climb)

    def sparse_huge(f):
        # 2^40 float32 in chunks never written: the file stays small, reading it would not
        g = f["model_weights"][first]
        del g[kernel_name]
        g.create_dataset(kernel_name, shape=(1 << 20, 1 << 20), dtype="<f4", chunks=(64, 64))
    variant("keras-sparse-huge-dataset.h5", sparse_huge)

    def scalar_kernel(f):
        g = f["model_weights"][first]
        del g[kernel_name]
        g.create_dataset(kernel_name, data=np.float32(1.0))
    variant("keras-scalar-kernel.h5", scalar_kernel)

    data = read("keras/keras2_mlp.h5")
    write("keras-h5-cut-half.h5", data[: len(data) // 2])
    write("keras-h5-superblock-only.h5", data[:96])

    # .keras archives
    k3 = zipfile.ZipFile(os.path.join(DATA, "keras", "keras3_functional.keras"))
    members = {n: k3.read(n) for n in k3.namelist()}
    k3cfg = json.loads(members["config.json"])

    def keras_zip(name, replace):
        with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED) as z:
            for n, b in {**members, **replace}.items():
                if b is not None:
                    z.writestr(n, b)

    keras_zip("keras-zip-config-deep.keras", {"config.json": b"[" * 100000 + b"]" * 100000})
    keras_zip("keras-zip-config-not-json.keras", {"config.json": b"{'class_name': 'Sequential'"})
    lamk = json.loads(json.dumps(k3cfg))
    layers = lamk["config"]["layers"]
    idx_dense = next(i for i, l in enumerate(layers) if l["class_name"] == "Dense")
    layers[idx_dense] = {"module": "keras.layers", "class_name": "Lambda", "registered_name": None,
                         "name": layers[idx_dense].get("name", "dense"),
                         "config": {"name": layers[idx_dense]["config"]["name"], "function": {
                             "module": "builtins", "class_name": "function", "registered_name": "function",
                             "config": {"code": "4wEAAAAAAAAAAAAAAAEAAAAEAAAAQwAAAHMOAAAAdABkAYMBAQB8AFMAKQJO",
                                        "defaults": None, "closure": None}}},
                         "inbound_nodes": layers[idx_dense].get("inbound_nodes", [])}
    keras_zip("keras-zip-lambda.keras", {"config.json": json.dumps(lamk).encode()})
    keras_zip("keras-zip-weights-not-h5.keras", {"model.weights.h5": b"\x89PNG\r\n\x1a\n not weights"})
    keras_zip("keras-zip-weights-cut.keras", {"model.weights.h5": members["model.weights.h5"][:2048]})
    keras_zip("keras-zip-absolute-member.keras", {"/etc/cron.d/evil": b"* * * * * root id"})
    # a member that declares an enormous size: the local and central headers both lie
    raw = bytearray(open(os.path.join(DATA, "keras", "keras3_functional.keras"), "rb").read())
    at = raw.rfind(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46: at + 46 + name_len] == b"config.json":
            struct.pack_into("<I", raw, at + 24, 0xFFFFFFF0)
            break
        at = raw.rfind(b"PK\x01\x02", 0, at)
    write("keras-zip-lying-size.keras", bytes(raw))
    write("keras-zip-cut-half.keras", bytes(raw[: len(raw) // 2]))

    keras_nested_files()


def keras_nested_files():
    """Nested models (#16 item 4), from tests/data/keras/keras2_nested.h5 and keras3_nested.keras:
    a nested model that reads itself, one whose weights are missing, one with two inner layers of
    the same name."""
    base = os.path.join(DATA, "keras", "keras2_nested.h5")
    with h5py.File(base, "r") as f:
        config = json.loads(f.attrs["model_config"])

    def encoder(cfg):
        return next(l for l in cfg["config"]["layers"] if l["name"] == "encoder")

    def nested_variant(name, change_config=None, change_file=None):
        shutil.copy(base, out(name))
        cfg = json.loads(json.dumps(config))
        if change_config:
            change_config(cfg)
        with h5py.File(out(name), "a") as f:
            f.attrs["model_config"] = json.dumps(cfg).encode()
            if change_file:
                change_file(f)

    def reads_itself(cfg):
        encoder(cfg)["inbound_nodes"] = [[["encoder", 0, 0, {}]]]
    nested_variant("keras-nested-reads-itself.h5", reads_itself)

    def no_weights(f):
        g = f["model_weights"]
        g.attrs["layer_names"] = np.asarray([n for n in g.attrs["layer_names"] if n != b"encoder"])
        del g["encoder"]
    nested_variant("keras-nested-no-weights.h5", change_file=no_weights)

    def name_clash(cfg):
        inner = encoder(cfg)["config"]["layers"]
        last = inner[-1]
        last["name"] = last["config"]["name"] = inner[1]["name"]
    nested_variant("keras-nested-name-clash.h5", name_clash)

    k3 = zipfile.ZipFile(os.path.join(DATA, "keras", "keras3_nested.keras"))
    members = {n: k3.read(n) for n in k3.namelist()}
    with h5py.File(io.BytesIO(members["model.weights.h5"]), "r") as src:
        image = io.BytesIO()
        with h5py.File(image, "w") as dst:
            for key in src:
                src.copy(src[key], dst, name=key)
            del dst["layers/functional/layers/dense"]
    with zipfile.ZipFile(out("keras-nested-no-weights.keras"), "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in {**members, "model.weights.h5": image.getvalue()}.items():
            z.writestr(zipfile.ZipInfo(n, date_time=(2024, 1, 1, 0, 0, 0)), b)


# ---- Weightscope's own model file ----------------------------------------------------------------
def native_files():
    base = os.path.join(DATA, "model", "mlp.h5")
    with h5py.File(base, "r") as f:
        config = json.loads(f.attrs["model_config"])
        layer = next(iter(f["weights"]))
        param = next(iter(f["weights"][layer]))

    def variant(name, change):
        shutil.copy(base, out(name))
        with h5py.File(out(name), "a") as f:
            change(f)

    variant("model-version-99.h5", lambda f: f.attrs.__setitem__("format_version", "99"))

    def huge_chunks(f):  # the right shape and values in one chunk of 2^24 + 1 elements (deflated)
        values = f["weights"][layer][param][...]
        del f["weights"][layer][param]
        f["weights"][layer].create_dataset(param, data=values, maxshape=(None,) * values.ndim,
                                           chunks=((1 << 24) + 1,) + (1,) * (values.ndim - 1), compression="gzip")
    variant("model-chunk-huge.h5", huge_chunks)
    variant("model-config-not-json.h5", lambda f: f.attrs.__setitem__("model_config", "{\"layers\": ["))
    variant("model-config-deep.h5", lambda f: f.attrs.__setitem__("model_config", "[" * 100000 + "]" * 100000))
    huge = json.loads(json.dumps(config))

    def grow(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("units", "filters") and isinstance(v, int):
                    node[k] = 1 << 40
                else:
                    grow(v)
        elif isinstance(node, list):
            for v in node:
                grow(v)
    grow(huge)
    variant("model-units-huge.h5", lambda f: f.attrs.__setitem__("model_config", json.dumps(huge)))

    def missing(f):
        del f["weights"][layer][param]
    variant("model-missing-weight.h5", missing)

    def wrong_shape(f):
        shape = f["weights"][layer][param].shape
        del f["weights"][layer][param]
        f["weights"][layer].create_dataset(param, data=np.zeros(tuple(s + 1 for s in shape), dtype="<f4"))
    variant("model-wrong-shape.h5", wrong_shape)

    def strings(f):
        shape = f["weights"][layer][param].shape
        del f["weights"][layer][param]
        f["weights"][layer].create_dataset(param, shape=shape, dtype=h5py.string_dtype())
    variant("model-weight-strings.h5", strings)

    def cycle(f):
        del f["weights"][layer][param]
        f["weights"][layer][param] = h5py.SoftLink("/weights/" + layer + "/" + param)
    variant("model-soft-link-cycle.h5", cycle)

    def hard(f):
        # the layer's group is a hard link back to /weights
        del f["weights"][layer]
        f["weights"][layer] = f["weights"]
    variant("model-hard-link-cycle.h5", hard)

    def no_format(f):
        del f.attrs["model_config"]
    variant("model-no-config.h5", no_format)

    def sparse(f):
        del f["weights"][layer][param]
        f["weights"][layer].create_dataset(param, shape=(1 << 20, 1 << 20), dtype="<f4", chunks=(64, 64))
    variant("model-sparse-huge-dataset.h5", sparse)


# ---- HDF5 global heap (variable-length strings; #3) -------------------------------------------
def heap_objects(data, collection):
    """(offset, index, size) of each object of the global heap collection at `collection`."""
    size = struct.unpack_from("<Q", data, collection + 8)[0]
    p, end, objects = collection + 16, collection + size, []
    while p + 16 <= end:
        index, _, _, length = struct.unpack_from("<HHIQ", data, p)
        objects.append((p, index, length))
        if index == 0:
            break
        p += 16 + (length + 7) // 8 * 8
    return objects


def vlen_heap_files():
    """keras2_mlp.h5 (h5py: variable-length string attributes in one global heap collection at
    byte 2048: keras_version, backend, model_config, training_config) with the collection damaged.
    keras-h5-vlen-attribute-hang.h5 beside them is the fuzzer's find (a free-space object of size
    0: libhdf5 1.10.8 loops for ever in H5HG__cache_heap_deserialize)."""
    base = bytearray(read("keras/keras2_mlp.h5"))
    gcol = base.find(b"GCOL")
    objects = heap_objects(base, gcol)

    def variant(name, patch):
        data = bytearray(base)
        patch(data)
        write(name, bytes(data))

    def grow_first(d):  # "2.12.0" (6 bytes) claims 8: copied into a 6-byte buffer by HDF5
        off, index, length = objects[0]
        struct.pack_into("<Q", d, off + 8, length + 2)
    variant("keras-h5-vlen-heap-object-too-big.h5", grow_first)

    def renumber_config(d):  # model_config's object (index 3) renumbered 9: the reference dangles
        off = next(o for o, index, _ in objects if index == 3)
        struct.pack_into("<H", d, off, 9)
    variant("keras-h5-vlen-heap-missing-object.h5", renumber_config)

    def bad_signature(d):
        d[gcol:gcol + 4] = b"GCOX"
    variant("keras-h5-vlen-heap-bad-signature.h5", bad_signature)

    def huge_collection(d):
        struct.pack_into("<Q", d, gcol + 8, 1 << 40)
    variant("keras-h5-vlen-heap-size-past-eof.h5", huge_collection)

    def zero_free_space(d):  # what the fuzzer found, made on purpose: free space of size 0
        off = next(o for o, index, _ in objects if index == 0)
        struct.pack_into("<Q", d, off + 8, 0)
    variant("keras-h5-vlen-heap-free-space-zero.h5", zero_free_space)


# ---- HDF5 object headers (attribute messages; #9) ----------------------------------------------
def lookup3(data, initval=0):
    """Bob Jenkins' lookup3 hashlittle, byte by byte: the checksum of HDF5's version 2 object
    header chunks (and its other checksummed metadata)."""
    m = 0xFFFFFFFF

    def rot(x, k):
        return ((x << k) | (x >> (32 - k))) & m

    a = b = c = (0xDEADBEEF + len(data) + initval) & m
    k, n = 0, len(data)
    while n > 12:
        a = (a + int.from_bytes(data[k:k + 4], "little")) & m
        b = (b + int.from_bytes(data[k + 4:k + 8], "little")) & m
        c = (c + int.from_bytes(data[k + 8:k + 12], "little")) & m
        a = (a - c) & m; a ^= rot(c, 4); c = (c + b) & m
        b = (b - a) & m; b ^= rot(a, 6); a = (a + c) & m
        c = (c - b) & m; c ^= rot(b, 8); b = (b + a) & m
        a = (a - c) & m; a ^= rot(c, 16); c = (c + b) & m
        b = (b - a) & m; b ^= rot(a, 19); a = (a + c) & m
        c = (c - b) & m; c ^= rot(b, 4); b = (b + a) & m
        k, n = k + 12, n - 12
    if n == 0:
        return c
    tail = data[k:k + n] + bytes(12 - n)
    a = (a + int.from_bytes(tail[0:4], "little")) & m
    b = (b + int.from_bytes(tail[4:8], "little")) & m
    c = (c + int.from_bytes(tail[8:12], "little")) & m
    c ^= b; c = (c - rot(b, 14)) & m
    a ^= c; a = (a - rot(c, 11)) & m
    b ^= a; b = (b - rot(a, 25)) & m
    c ^= b; c = (c - rot(b, 16)) & m
    a ^= c; a = (a - rot(c, 4)) & m
    b ^= a; b = (b - rot(a, 14)) & m
    c ^= b; c = (c - rot(b, 24)) & m
    return c


def header_chunks(data, addr):
    """The chunks of the object header at `addr` (superblock 0 or 2 files, 8-byte addresses and
    lengths, no user block): (block start, messages start, messages end, version, header flags);
    a version 2 chunk's checksum covers block start .. messages end and follows it."""
    if data[addr:addr + 4] == b"OHDR":
        flags = data[addr + 5]
        p = addr + 6 + (16 if flags & 0x20 else 0) + (4 if flags & 0x10 else 0)
        width = 1 << (flags & 3)
        todo = [(addr, p + width, p + width + int.from_bytes(data[p:p + width], "little"), 2, flags)]
    else:
        todo = [(addr, addr + 16, addr + 16 + struct.unpack_from("<I", data, addr + 8)[0], 1, 0)]
    chunks = []
    while todo:
        chunk = todo.pop(0)
        chunks.append(chunk)
        for _, mtype, _, body, _ in chunk_messages(data, chunk):
            if mtype == 0x10:
                at, length = struct.unpack_from("<QQ", data, body)
                todo.append((at, at + 4, at + length - 4, 2, chunk[4]) if chunk[3] == 2 else (at, at, at + length, 1, 0))
    return chunks


def chunk_messages(data, chunk):
    """(message start, type, size, body start, flags) of each message of one chunk."""
    _, p, end, version, hflags = chunk
    prefix = 8 if version == 1 else 4 + (2 if hflags & 0x04 else 0)
    out = []
    while end - p >= prefix:
        if version == 1:
            mtype, size, flags = struct.unpack_from("<HHB", data, p)
        else:
            mtype, size, flags = struct.unpack_from("<BHB", data, p)
        out.append((p, mtype, size, p + prefix, flags))
        p += prefix + size
    return out


def attribute_messages(data, addr):
    """{name: (chunk, message start, size, body start)} of the attribute messages at `addr`."""
    found = {}
    for chunk in header_chunks(data, addr):
        for start, mtype, size, body, _ in chunk_messages(data, chunk):
            if mtype == 0x0C:
                version = data[body]
                name_size = struct.unpack_from("<H", data, body + 2)[0]
                name_at = body + (9 if version == 3 else 8)
                found[data[name_at:name_at + name_size - 1].decode()] = (chunk, start, size, body)
    return found


def reseal(data, chunk):
    """Recomputes a version 2 chunk's checksum after a patch (libhdf5 checks it on load)."""
    block, _, end, version, _ = chunk
    if version == 2:
        struct.pack_into("<I", data, end, lookup3(bytes(data[block:end])))


def object_header_files():
    """Attribute messages of the root group's object header damaged where libhdf5 1.10.8 decodes
    them without bounds (H5Aexists -> H5O__msg_iterate_real -> H5O__attr_decode): a name without
    its NUL, sizes past the message, data past the message. Bases: keras2_mlp.h5 (h5py: version 1
    header, its attributes in a continuation chunk) and a copy of model/mlp.h5 written with
    libver="latest" (version 2 "OHDR" header, version 3 attribute messages, an "OCHK" chunk),
    resealed with the right checksum so that libhdf5 loads the header and our check must find
    the damage. The fuzzer's two finds (keras-h5-attr-name-overread.h5,
    model-attr-exists-overread.h5) sit beside them."""
    keras = bytearray(read("keras/keras2_mlp.h5"))
    root = 96  # superblock 0: the root group's object header address (checked below)
    assert struct.unpack_from("<Q", keras, 24 + 4 * 8 + 8)[0] == root
    attrs = attribute_messages(keras, root)

    def variant(base, name, patch, addr=root):
        data = bytearray(base)
        patch(data, attribute_messages(data, addr))
        write(name, bytes(data))

    def unterminated(d, a):  # "backend\0" -> "backendX": strdup runs on (the fuzzer's find, made on purpose)
        _, _, _, body = a["backend"]
        d[body + 8 + 7] = ord("X")
    variant(keras, "keras-h5-attr-name-unterminated.h5", unterminated)

    def name_past(d, a):
        struct.pack_into("<H", d, a["keras_version"][3] + 2, 512)
    variant(keras, "keras-h5-attr-name-past-message.h5", name_past)

    def dataspace_past(d, a):  # what fuzz_model_h5 found: a dataspace size of 0x8008
        struct.pack_into("<H", d, a["model_config"][3] + 6, 0x8008)
    variant(keras, "keras-h5-attr-dataspace-past-message.h5", dataspace_past)

    def data_past(d, a):
        # training_config, the chunk's last message (72 bytes, its 16-byte string reference last):
        # an element of 64 bytes still fits the message, which is all libhdf5 1.10.8 compares
        # with, so its memcpy reads 48 bytes past the chunk
        _, _, size, body = a["training_config"]
        name_size = struct.unpack_from("<H", d, body + 2)[0]
        struct.pack_into("<I", d, body + 8 + (name_size + 7) // 8 * 8 + 4, size - 8)
    variant(keras, "keras-h5-attr-data-past-message.h5", data_past)

    def rank_past(d, a):  # a scalar dataspace turned rank 3: its dimensions lie past its 8 bytes
        _, _, _, body = a["training_config"]
        name_size, type_size = struct.unpack_from("<HH", d, body + 2)
        d[body + 8 + (name_size + 7) // 8 * 8 + (type_size + 7) // 8 * 8 + 1] = 3
    variant(keras, "keras-h5-attr-dataspace-rank-past-message.h5", rank_past)

    def message_past_chunk(d, a):  # the last message claims more than its chunk: libhdf5 refuses it itself
        _, start, _, _ = a["training_config"]
        struct.pack_into("<H", d, start + 2, 0x7FF8)
    variant(keras, "keras-h5-message-past-chunk.h5", message_past_chunk)

    def continuation_cycle(d, a):  # training_config's message becomes a continuation back to its own chunk
        chunk, start, size, body = a["training_config"]
        struct.pack_into("<H", d, start, 0x10)
        struct.pack_into("<QQ", d, body, chunk[0], chunk[2] - chunk[0])
    variant(keras, "keras-h5-continuation-cycle.h5", continuation_cycle)

    # version 2 headers: mlp.h5 copied with libver="latest"
    v2 = out("model-v2-headers.h5")
    with h5py.File(os.path.join(DATA, "model", "mlp.h5"), "r") as src, h5py.File(v2, "w", libver="latest") as dst:
        for key in src.attrs:
            dst.attrs.create(key, src.attrs[key], dtype=src.attrs.get_id(key).dtype)
        for key in src:
            src.copy(src[key], dst, key)
    model = bytearray(open(v2, "rb").read())
    v2root = struct.unpack_from("<Q", model, 12 + 3 * 8)[0]  # superblock 2/3: root object header address
    assert model[v2root:v2root + 4] == b"OHDR", "libver=latest should write version 2 headers"
    assert sum(model[c[0]:c[0] + 4] == b"OCHK" for c in header_chunks(model, v2root)) > 0, "expected OCHK chunks"

    def v2_name_past(d, a):
        chunk, _, _, body = a["created"]
        struct.pack_into("<H", d, body + 2, 4096)
        reseal(d, chunk)
    variant(model, "model-v2-attr-name-past-message.h5", v2_name_past, v2root)

    def v2_data_past(d, a):  # 'model_config' (a fixed-length string): its length grown to the message's size
        chunk, _, size, body = a["model_config"]
        name_size = struct.unpack_from("<H", d, body + 2)[0]
        struct.pack_into("<I", d, body + 9 + name_size + 4, size)
        reseal(d, chunk)
    variant(model, "model-v2-attr-data-past-message.h5", v2_data_past, v2root)

    def v2_bad_checksum(d, a):  # the same damage, not resealed: libhdf5 refuses the header itself
        chunk, _, _, body = a["created"]
        struct.pack_into("<H", d, body + 2, 4096)
    variant(model, "model-v2-bad-checksum.h5", v2_bad_checksum, v2root)


def number_type_files():
    """Datatype messages whose bits lie outside their size. libhdf5 converts numbers through
    buffers of the native sizes and trusts the type: fuzz_dataset_h5 found an 8-byte integer
    claiming 8256 bits of precision that smashed libhdf5's stack (H5T__bit_get_d, release build
    too; kept as ds-integer-precision-huge.h5). These patch the version-1 datatype messages of
    float32 (little-endian IEEE: sign bit 31, exponent 23+8, mantissa 0+23, bias 127) in place."""
    f32 = bytes([0x11, 0x20, 0x1F, 0x00, 4, 0, 0, 0, 0, 0, 32, 0, 23, 8, 0, 23, 0x7F, 0, 0, 0])

    def patched(source, name, fix):
        data = read(source)
        count = data.count(f32)
        if count == 0:
            raise SystemExit(source + ": no float32 datatype message found")
        write(name, data.replace(f32, fix(bytearray(f32))))

    def mantissa_past_the_end(t):
        t[15] = 55  # 55 mantissa bits in a 32-bit float
        return bytes(t)

    def precision_past_the_end(t):
        t[10:12] = (8256).to_bytes(2, "little")  # 8256 bits in 4 bytes
        return bytes(t)

    patched(os.path.join("keras", "keras2_mlp.h5"), "keras-float-mantissa-past-the-end.h5", mantissa_past_the_end)

    # A Keras kernel stored as int64 whose type claims 8256 bits: the fuzz find's type, where
    # the Keras reader converts it.
    i64 = bytes([0x10, 0x08, 0x00, 0x00, 8, 0, 0, 0, 0, 0, 64, 0])
    name = "keras-integer-precision-huge.h5"
    shutil.copy(os.path.join(DATA, "keras", "keras2_mlp.h5"), out(name))
    with h5py.File(out(name), "a") as f:
        g = f["model_weights"]["dense"]["dense"]
        shape = g["kernel:0"].shape
        del g["kernel:0"]
        header = h5py.h5o.get_info(g.create_dataset("kernel:0", data=np.ones(shape, dtype="<i8")).id).addr
    data = read(os.path.join("bad", name))
    at = data.find(i64, header)  # the kernel's own datatype message, in its object header
    if at < 0 or at > header + 512:
        raise SystemExit(name + ": no int64 datatype message in the kernel's header")
    write(name, data[:at + 10] + (8256).to_bytes(2, "little") + data[at + 12:])
    patched(os.path.join("model", "mlp.h5"), "model-float-precision-past-the-end.h5", precision_past_the_end)


# ---- Keras functional graphs ---------------------------------------------------------------------
def keras_functional_files():
    """Functional configs whose graph lies, on the base keras/keras2_functional_graph.h5 (a
    residual Add and a Concatenate of two branches; tools/make_keras_reference.py)."""
    base = os.path.join(DATA, "keras", "keras2_functional_graph.h5")
    with h5py.File(base, "r") as f:
        config = json.loads(f.attrs["model_config"])

    def variant(name, change):
        c = json.loads(json.dumps(config))
        layers = {layer["name"]: layer for layer in c["config"]["layers"]}
        change(layers)
        shutil.copy(base, out(name))
        with h5py.File(out(name), "a") as f:
            f.attrs["model_config"] = json.dumps(c).encode()

    def cycle(layers):  # dense reads dense_1, which reads re_lu, which reads dense
        layers["dense"]["inbound_nodes"] = [[["dense_1", 0, 0, {}]]]
    variant("keras-functional-cycle.h5", cycle)

    def dangling(layers):
        layers["concatenate"]["inbound_nodes"] = [[["layer_normalization", 0, 0, {}], ["dense_9", 0, 0, {}]]]
    variant("keras-functional-dangling.h5", dangling)

    def mismatch(layers):  # the residual Add of an (8,) and a (5,) branch
        layers["dense_1"]["config"]["units"] = 5
    variant("keras-functional-merge-mismatch.h5", mismatch)

    def shared(layers):  # dense_2 called twice: the engine has no weight sharing
        layers["dense_2"]["inbound_nodes"] = [[["input_1", 0, 0, {}]], [["input_1", 0, 0, {}]]]
    variant("keras-functional-shared-layer.h5", shared)

    # 10001 layers (one over the limit of 10000) in a .keras whose config.json deflates to a few KB;
    # more would only slow the hostile suite down under AddressSanitizer
    layers = [{"class_name": "InputLayer", "name": "in", "inbound_nodes": [],
               "config": {"batch_shape": [None, 3], "name": "in"}}]
    layers += [{"class_name": "ReLU", "config": {"name": f"r{i}"}} for i in range(10001)]
    many = {"class_name": "Functional", "config": {"name": "many", "layers": layers,
                                                   "input_layers": [["in", 0, 0]], "output_layers": [["r0", 0, 0]]}}
    k3 = zipfile.ZipFile(os.path.join(DATA, "keras", "keras3_functional.keras"))
    with zipfile.ZipFile(out("keras-functional-many-layers.keras"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("metadata.json", k3.read("metadata.json")), ("config.json", json.dumps(many).encode()),
                           ("model.weights.h5", k3.read("model.weights.h5"))):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


# ---- TensorBoard event files (#19) ---------------------------------------------------------------
def tensorboard_files():
    """Damaged event files; the reader keeps what it can and warns (the loader `tensorboard` of
    test_hostile.cpp turns the warnings into the message the manifest matches). The directory of
    10,000 empty event files is made at test time (test_tensorboard.cpp), not committed."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import tfevents
    P = tfevents.pb2()

    def scalar(step, value, tag=b"loss"):
        e = P.Event(wall_time=1700000000.0 + step, step=step)
        e.summary.value.add(tag=tag, simple_value=value)
        return tfevents.frame(e.SerializeToString())

    good = b"".join(scalar(s, 1.0 / (s + 1)) for s in range(10))
    one = len(scalar(0, 1.0))
    write("tb-empty.tfevents", b"")
    write("tb-truncated.tfevents", good[:3 * one + one // 2])  # three records and half a fourth
    write("tb-truncated-in-header.tfevents", good[:one + 5])
    bad_data = bytearray(good)
    bad_data[2 * one + 14] ^= 0xFF  # the third record's data: its CRC no longer fits
    write("tb-bad-data-crc.tfevents", bytes(bad_data))
    bad_length = bytearray(good)
    bad_length[2 * one + 8] ^= 0xFF  # the third record's length CRC
    write("tb-bad-length-crc.tfevents", bytes(bad_length))
    huge = struct.pack("<Q", 1 << 60)
    write("tb-length-2pow60.tfevents", good[:one] + huge + struct.pack("<I", tfevents.masked_crc(huge)) + bytes(64))
    write("tb-not-protobuf.tfevents", good[:one] + tfevents.frame(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff") + good[one:])
    # Unknown fields (99: varint, 100: bytes) and a known field with the wrong wire type (step as
    # bytes): protobuf keeps both as unknown fields; the event still reads.
    extra = b"\x98\x06\x2a" + b"\xa2\x06\x03abc" + b"\x12\x02hi"
    write("tb-unknown-fields.tfevents", tfevents.frame(P.Event(wall_time=1.0, step=3, summary=P.Summary(
        value=[P.Summary.Value(tag=b"x", simple_value=2.0)])).SerializeToString() + extra))

    def tensor_value(tag, plugin, tensor):
        e = P.Event(wall_time=1700000000.0, step=1)
        e.summary.value.add(tag=tag, tensor=tensor, metadata=P.SummaryMetadata(
            plugin_data=P.SummaryMetadata.PluginData(plugin_name=plugin)))
        return tfevents.frame(e.SerializeToString())

    big = P.TensorProto(dtype=P.DT_FLOAT)
    big.tensor_shape.dim.add(size=1 << 40)
    big.tensor_shape.dim.add(size=1 << 40)
    hist = P.TensorProto(dtype=P.DT_DOUBLE, tensor_content=bytes(48))
    hist.tensor_shape.dim.add(size=1 << 62)
    hist.tensor_shape.dim.add(size=3)
    neg = P.TensorProto(dtype=P.DT_FLOAT, tensor_content=bytes(4))
    neg.tensor_shape.dim.add(size=-1)
    write("tb-bad-tensors.tfevents", b"".join([
        tensor_value(b"scalar_huge", b"scalars", big), tensor_value(b"hist_huge", b"histograms", hist),
        tensor_value(b"scalar_negative", b"scalars", neg),
        tensor_value(b"scalar_int", b"scalars", P.TensorProto(dtype=P.DT_INT32, int_val=[1])),
        tensor_value(b"text_float", b"text", P.TensorProto(dtype=P.DT_FLOAT, float_val=[1.0])),
        tensor_value(b"_hparams_/session_start_info", b"hparams", P.TensorProto(dtype=P.DT_FLOAT)),
        scalar(1, 0.5)]))
    e = P.Event(wall_time=1.0, step=1)
    e.summary.value.add(tag=b"h", histo=P.HistogramProto(bucket_limit=[1.0, 2.0], bucket=[1.0]))
    garbage = P.Event(wall_time=1.0, step=1)
    garbage.summary.value.add(tag=b"_hparams_/session_start_info", tensor=P.TensorProto(dtype=P.DT_FLOAT),
                              metadata=P.SummaryMetadata(plugin_data=P.SummaryMetadata.PluginData(
                                  plugin_name=b"hparams", content=b"\x1a\xff\xff\xff\xff\x0f")))
    write("tb-bad-histogram-hparams.tfevents", tfevents.frame(e.SerializeToString()) +
          tfevents.frame(garbage.SerializeToString()))
    # Tags a file may hold: slashes and spaces, none at all, non-Latin letters, bytes that are not
    # UTF-8, 10,000 characters. All read; the invalid bytes become U+FFFD.
    # A display name that is not UTF-8 either (a `string` in TensorBoard's schema, `bytes` in ours).
    odd = P.Event(wall_time=1.0, step=2)
    odd.summary.value.add(tag=b"named", simple_value=3.0, metadata=P.SummaryMetadata(
        display_name=b"\xc3\x28", plugin_data=P.SummaryMetadata.PluginData(plugin_name=b"scalars")))
    write("tb-odd-tags.tfevents", b"".join(scalar(1, 1.0, t) for t in (
        b"a/b c", b"", "\u00e9\u2202/\u6f22\u5b57".encode(), b"\xff\xfe", b"x" * 10000, b"../../etc", b"%s%n")) +
          tfevents.frame(odd.SerializeToString()))


# ---- PyTorch whole-model pickles (#17) ------------------------------------------------------------
# Classes and functions the unpickler does not know become inert records (core/io/PickleReader.h):
# these files try to make the records run, loop or explode. Written by Python's pickle from stand-in
# objects (no torch needed); a payload would create WITNESS if anything ran it.
WITNESS = "/tmp/weightscope-pickle-was-executed"


class _Storage:
    def __init__(self, numel):
        self.numel = numel


class _Tensor:
    """torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)."""

    def __init__(self, storage, size, stride):
        self.args = (storage, 0, size, stride, False, {})

    def __reduce__(self):
        import collections
        rebuild = _named_global("torch._utils", "_rebuild_tensor_v2")
        return (rebuild, self.args[:5] + (collections.OrderedDict(),))


def _named_global(module, name):
    """A function object that pickle writes as GLOBAL 'module name' (never called here)."""
    if hasattr(sys.modules.get(module), name):
        return getattr(sys.modules[module], name)

    def f():
        raise AssertionError("never called")
    f.__module__, f.__qualname__, f.__name__ = module, name, name
    parts = module.split(".")
    for i in range(1, len(parts) + 1):  # stand-in modules, parents included: nothing is imported
        sys.modules.setdefault(".".join(parts[:i]), type(sys)(".".join(parts[:i])))
    setattr(sys.modules[module], name, f)
    return f


class Module:
    """Pickled as nn.Module's __dict__ is: NEWOBJ of __main__.Module, then BUILD with the dict."""

    def __init__(self, parameters=None, modules=None):
        import collections
        self.training = True
        self._parameters = collections.OrderedDict(parameters or {})
        self._buffers = collections.OrderedDict()
        self._modules = collections.OrderedDict(modules or {})


def _module_class(module, name):
    """A Module subclass that pickle writes as GLOBAL 'module name' (a stand-in, nothing imported)."""
    if hasattr(sys.modules.get(module), name):
        return getattr(sys.modules[module], name)
    _named_global(module, "_")  # registers the stand-in modules
    cls = type(name, (Module,), {"__module__": module, "__qualname__": name})
    setattr(sys.modules[module], name, cls)
    return cls


class _NumpyArray:
    """numpy.core.multiarray._reconstruct(ndarray, (0,), b'b'), then BUILD with the state of n float32."""

    def __init__(self, n):
        self.n = n

    def __reduce__(self):
        dtype = _Call(_named_global("numpy", "dtype"), "f4", False, True)
        return (_named_global("numpy.core.multiarray", "_reconstruct"), (_named_global("numpy", "ndarray"), (0,), b"b"),
                (1, (self.n,), dtype, False, b"\0" * (4 * self.n)))


def torch_pickle(obj):
    import pickle
    buf = io.BytesIO()
    p = pickle.Pickler(buf, protocol=2)
    p.persistent_id = lambda o: ("storage", _named_global("torch", "FloatStorage"), "0", "cpu", o.numel) \
        if isinstance(o, _Storage) else None
    p.dump(obj)
    return buf.getvalue()


def torch_zip(name, pkl, storage=b""):
    with zipfile.ZipFile(out(name), "w") as z:
        for member, data in (("archive/data.pkl", pkl), ("archive/data/0", storage), ("archive/version", b"3\n")):
            z.writestr(zipfile.ZipInfo(member, date_time=(2024, 1, 1, 0, 0, 0)), data)


class _Call:
    """REDUCE of a callable the unpickler does not know: it must stay a record and never run."""

    def __init__(self, func, *args):
        self.func, self.args = func, args

    def __reduce__(self):
        return (self.func, self.args)


def torch_model_files():
    # A module in its own _modules: a cycle the module walk must notice.
    m = Module()
    m._modules["again"] = m
    torch_zip("torch-module-recursive.pt", torch_pickle(m))
    # Forty levels, each holding the next level twice: 2^40 modules if walked naively.
    level = Module(parameters={"w": _Tensor(_Storage(4), (4,), (1,))})
    for _ in range(40):
        level = Module(modules={"a": level, "b": level})
    torch_zip("torch-module-shared-bomb.pt", torch_pickle(level), struct.pack("<4f", 1, 2, 3, 4))
    # A parameter claiming 2^40 elements over a storage of 4.
    torch_zip("torch-module-parameter-huge.pt",
              torch_pickle(Module(parameters={"weight": _Tensor(_Storage(4), (1 << 20, 1 << 20), (1 << 20, 1))})),
              struct.pack("<4f", 1, 2, 3, 4))
    # Records nested 300 deep: unknown classes "called" with the previous one as argument.
    deep = None
    for _ in range(300):
        deep = _Call(_named_global("evil", "Wrap"), deep)
    torch_zip("torch-records-deep.pt", torch_pickle(deep))
    # REDUCE on an unknown global with a payload: opens as an inert record, no tensors, nothing run.
    torch_zip("torch-reduce-unknown-global.pt",
              torch_pickle({"w": _Call(_named_global("os", "system"), "touch " + WITNESS),
                            "x": _Call(_named_global("builtins", "exec"), f"open('{WITNESS}', 'w')")}))
    # Exponential sharing through records' states (a memo bomb): each record holds the previous twice.
    bomb = Module()
    for _ in range(40):
        bomb = _Call(_named_global("evil", "Pair"), bomb, bomb)
    torch_zip("torch-records-memo-bomb.pt", torch_pickle({"x": bomb, "t": _Tensor(_Storage(4), (4,), (1,))}),
              struct.pack("<4f", 1, 2, 3, 4))
    # NEWOBJ on an integer: neither a global nor a record.
    torch_zip("torch-newobj-on-int.pt", b"\x80\x02K\x05)\x81.")
    # A per-channel quantised tensor of 2 channels with 3 scales and zero points.
    class _QTensor:
        def __reduce__(self):
            import collections
            scheme = _named_global("torch", "per_channel_affine")
            three = _Tensor(_Storage(4), (3,), (1,))
            return (_named_global("torch._utils", "_rebuild_qtensor"),
                    (_Storage(4), 0, (2,), (1,), (scheme, three, three, 0), False, collections.OrderedDict()))
    torch_zip("torch-qtensor-channels-mismatch.pt", torch_pickle({"q": _QTensor()}), struct.pack("<4f", 1, 2, 3, 4))
    # _codecs.encode of one memoised 30 KB text, applied 4000 times: 120 MB of bytes if each call
    # made its own (refused once they exceed the pickle's size).
    text = ("x" * 30000).encode()
    pkl = (b"\x80\x02c_codecs\nencode\nq\x00X" + struct.pack("<I", len(text)) + text + b"X\x06\x00\x00\x00latin1\x86q\x01"
           + b"0" + b"h\x00h\x01R0" * 4000 + b"N.")
    torch_zip("torch-codecs-encode-bomb.pt", pkl)
    # One NumPy array of 16 KB under 3000 names: its bytes must be kept once, not 3000 times.
    arr = _NumpyArray(4096)
    torch_zip("torch-numpy-array-shared.pt", torch_pickle({f"a{i}": arr for i in range(3000)}))
    # A whole nn.Sequential whose Conv2d claims 2^40 output channels: refused when run (model()).
    seq = _module_class("torch.nn.modules.container", "Sequential")()
    conv = _module_class("torch.nn.modules.conv", "Conv2d")()
    conv.__dict__.update(in_channels=1, out_channels=1 << 40, kernel_size=(3, 3), stride=(1, 1), padding=(0, 0),
                         dilation=(1, 1), groups=1, padding_mode="zeros")
    flat = _module_class("torch.nn.modules.flatten", "Flatten")()
    flat.__dict__.update(start_dim=1, end_dim=-1)
    linear = _module_class("torch.nn.modules.linear", "Linear")()
    linear.__dict__.update(in_features=8, out_features=2)
    seq._modules.update({"0": conv, "1": flat, "2": linear})
    torch_zip("torch-sequential-huge-channels.pt", torch_pickle(seq))
    # A pytorch_model.bin.index.json whose shard climbs out of its folder.
    os.makedirs(out("torch-shards-traversal"), exist_ok=True)
    with open(out("torch-shards-traversal/pytorch_model.bin.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": 16}, "weight_map": {"w": "../../../etc/passwd"}}, f)


def torchscript_code_files():
    """TorchScript archives whose code text lies about a layer (#17 item 5): copies of the reference
    torch/models/cnn_scripted.pt and cnn_traced.pt with one line of one class replaced. The code is
    read as declarations and one call (core/io/TorchScriptCode.h), never run: each is refused by
    model() naming the file, the member and the line."""
    def patched(name, source, member, old, new, level=zipfile.ZIP_STORED):
        with zipfile.ZipFile(os.path.join(DATA, "torch", "models", source)) as z:
            items = [(info, z.read(info)) for info in z.infolist()]
        with zipfile.ZipFile(out(name), "w") as z:
            found = False
            for info, data in items:
                if info.filename.endswith("/code/" + member):
                    assert old.encode() in data, (member, old)
                    data, found = data.replace(old.encode(), new.encode()), True
                    info = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                    info.compress_type = level
                z.writestr(info, data)
            assert found, member

    conv = "__torch__/torch/nn/modules/conv/___torch_mangle_14.py"
    stride = "stride : Final[Tuple[int, int]] = (2, 2)"
    # A Final tuple of 1000 items (a line of 3 KB, under the line limit).
    patched("ts-final-huge-tuple.pt", "cnn_scripted.pt", conv, stride,
            "stride : Final[Tuple[int, int]] = (" + ", ".join(["2"] * 1000) + ")")
    patched("ts-final-unbalanced.pt", "cnn_scripted.pt", conv, stride, "stride : Final[Tuple[int, int]] = ((2, 2)")
    patched("ts-annotation-unbalanced.pt", "cnn_scripted.pt", conv, "bias : Optional[Tensor]",
            "bias : " + "Optional[" * 100 + "Tensor")
    patched("ts-stride-zero.pt", "cnn_scripted.pt", conv, stride, "stride : Final[Tuple[int, int]] = (0, 2)")
    patched("ts-stride-negative.pt", "cnn_scripted.pt", conv, stride, "stride : Final[Tuple[int, int]] = (2, -3)")
    patched("ts-eps-nan.pt", "cnn_scripted.pt", "__torch__/torch/nn/modules/batchnorm/___torch_mangle_15.py",
            "eps : Final[float] = 1.0000000000000001e-05", "eps : Final[float] = nan")
    # A line of 10 KB in a small member, and a member of 1 MB (deflated: the file stays small).
    patched("ts-long-line.pt", "cnn_scripted.pt", conv, "training : bool", "training : bool" + " " * 10000)
    patched("ts-member-1mb.pt", "cnn_scripted.pt", conv, "training : bool", "training : " + "x" * (1 << 20),
            zipfile.ZIP_DEFLATED)
    # A traced call whose argument is an expression that would run a command.
    patched("ts-traced-call-expression.pt", "cnn_traced.pt", "__torch__/torch/nn/modules/conv/___torch_mangle_21.py",
            "False, [0, 0], 1,", "False, [0, 0], __import__(\"os\").system(\"touch " + WITNESS + "\"),")
    # A wrapper whose forward() calls its Sequential and then something else.
    patched("ts-wrapper-does-more.pt", "cnn_traced.pt", "__torch__.py", "return (seq).forward(x, )",
            "return torch.relu((seq).forward(x, ))")


def llama_consolidated_files():
    """Meta's LLaMA layout (core/io/TorchConsolidated.h): folders of consolidated.NN.pth slices and
    params.json that disagree with each other (#17). Each slice is a state dict of float32 tensors
    over one storage of 16 floats, written by the stand-ins above (no torch needed)."""
    def folder(name, slices, params=None, first=0):
        os.makedirs(out(name), exist_ok=True)
        for rank, tensors in slices.items():
            values = range(first * rank, first * rank + 16)
            state = {k: _Tensor(_Storage(16), shape, tuple(int(np.prod(shape[i + 1:])) for i in range(len(shape))))
                     for k, shape in tensors.items()}
            torch_zip(f"{name}/consolidated.{rank:02d}.pth", torch_pickle(state), struct.pack("<16f", *values))
        if params is not None:
            with open(out(name + "/params.json"), "w") as f:
                json.dump(params, f)

    wo = "layers.0.attention.wo.weight"
    norm = "layers.0.attention_norm.weight"
    good = {wo: (4, 2), norm: (4,)}
    # RowParallelLinear slices that differ on the dimension they are not split on.
    folder("llama-slices-disagree", {0: good, 1: {wo: (3, 2), norm: (4,)}}, {"dim": 4, "n_layers": 1})
    # consolidated.00 and .02 without .01.
    folder("llama-missing-rank", {0: good, 2: good}, {"dim": 4, "n_layers": 1})
    # params.json claims a model twice as wide as the slices make.
    folder("llama-params-lie", {0: good, 1: good}, {"dim": 8, "n_layers": 1})
    # ... and more layers than the files hold.
    folder("llama-params-layers-lie", {0: good, 1: good}, {"dim": 4, "n_layers": 3})
    # One slice of a two-way model alone in its folder: wo is half as wide as params.json says.
    folder("llama-one-slice-only", {0: good}, {"dim": 4, "n_layers": 1})
    # A RowParallelLinear of one dimension: nothing to split on dimension 1.
    folder("llama-split-dim-missing", {0: {wo: (4,)}, 1: {wo: (4,)}}, {"dim": 4})
    # The second slice lacks the norm the first holds.
    folder("llama-names-differ", {0: good, 1: {wo: (4, 2)}}, {"dim": 4, "n_layers": 1})
    # A params.json that is not an object of integers.
    folder("llama-params-not-integer", {0: good, 1: good}, {"dim": "4", "n_layers": 1})
    # A replicated norm that differs between the files: opened, with a warning naming it.
    folder("llama-replicated-differs", {0: good, 1: good}, {"dim": 4, "n_layers": 1}, first=1)
    # More files than any release has (empty: the count is refused before any is opened).
    os.makedirs(out("llama-too-many-files"), exist_ok=True)
    for rank in range(257):
        open(out(f"llama-too-many-files/consolidated.{rank:02d}.pth"), "wb").close()


def keras_zip_promise_files():
    """A .keras archive holding config.json twice (the second a Lambda): zip readers disagree on
    which copy counts, so it is refused naming the member (#17)."""
    import warnings
    with zipfile.ZipFile(os.path.join(DATA, "keras", "keras3_cnn.keras")) as src:
        members = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    second = json.dumps({"class_name": "Lambda", "config": {"name": "run_me"}}).encode()
    with warnings.catch_warnings(), zipfile.ZipFile(out("keras-zip-duplicate-member.keras"), "w") as z:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
        for name, data in members + [("config.json", second)]:
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)


# ---- GGUF tokenizer (#18) ---------------------------------------------------------------------

def gguf_tokenizer_files():
    """GGUF files with no tensors whose tokenizer.ggml.* arrays are damaged. The container of the
    first two is valid (the tokenizer reader refuses them by key); the last two are refused at open."""
    def gguf(pairs, count):
        return b"GGUF" + struct.pack("<IQQ", 3, 0, count) + pairs

    def gstr(s):
        return struct.pack("<Q", len(s)) + s

    def strings(key, items, declared=None):
        n = len(items) if declared is None else declared
        return gstr(key) + struct.pack("<IIQ", 9, 8, n) + b"".join(gstr(i) for i in items)

    tokens = strings(b"tokenizer.ggml.tokens", [b"a", b"b", b"c"])
    scores = gstr(b"tokenizer.ggml.scores") + struct.pack("<IIQ", 9, 6, 2) + struct.pack("<2f", 0, -1)
    write("gguf-tok-scores-short.gguf", gguf(tokens + scores, 2))
    types = gstr(b"tokenizer.ggml.token_type") + struct.pack("<IIQ", 9, 4, 3) + struct.pack("<3I", 1, 1, 1)
    write("gguf-tok-types-uint32.gguf", gguf(tokens + types, 2))
    past = gstr(b"tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 2) + gstr(b"a") + struct.pack("<Q", 1000) + b"xy"
    write("gguf-tok-string-past-end.gguf", gguf(past, 1))
    huge = gstr(b"tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 1 << 60)
    write("gguf-tok-huge-count.gguf", gguf(huge, 1))


GROUPS = {f.__name__: f for f in (safetensors, numpy_files, idx_files, csv_files, keras_files, vlen_heap_files,
                                   native_files, object_header_files, number_type_files, keras_functional_files,
                                   tensorboard_files, torch_model_files, keras_zip_promise_files,
                                   llama_consolidated_files, playground_files, playground_session_files,
                                   gguf_tokenizer_files, torchscript_code_files)}


def main():
    """Every group, or only those named on the command line (e.g. `object_header_files`): the
    zip-based files carry the time they were written, so a full run rewrites them all."""
    os.makedirs(OUT, exist_ok=True)
    for name in sys.argv[1:] or GROUPS:
        GROUPS[name]()


if __name__ == "__main__":
    main()
