#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference PyTorch checkpoints for tests/core/test_torch.cpp, written by torch.save itself,
and hostile ones crafted by hand.

Run with Debian's python3-torch (1.13): /usr/bin/python3 tools/make_torch_reference.py
Writes into tests/data/torch/:
  - real files: mlp.pt, cnn.pt (BatchNorm with a 0-d int64 counter), dtypes.pt, views.pt
    (tensors sharing storages, a transposed and a strided view), checkpoint.pth (nested dict
    with epoch, optimizer state and param groups), param.pt (nn.Parameter values),
    pytorch_model.bin (pickle protocol 4: frames, memoize, stack globals), legacy.pt
    (_use_new_zipfile_serialization=False);
  - expected_<file>.npz: every tensor of <file> as float32 in C order (bfloat16 widened exactly),
    written by NumPy; the C++ test reads it back with the project's NpzFile and compares exactly;
  - bad/*.pt: pickles that call os.system or eval, a subprocess.Popen global, memo and stack
    faults, truncations, lying lengths, storages smaller than their tensors, archives without
    data.pkl. The payloads would create /tmp/weightscope-pickle-was-executed if anything ran them.
"""
import collections
import io
import os
import pickle
import struct
import zipfile

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "torch")
BAD = os.path.join(OUT, "bad")
WITNESS = "/tmp/weightscope-pickle-was-executed"


def flatten(obj, prefix=""):
    """(dotted name, tensor) pairs in the order the C++ reader names them."""
    if isinstance(obj, torch.Tensor):
        yield (prefix or "tensor"), obj
    elif isinstance(obj, np.ndarray):  # NumPy arrays in a checkpoint are tensors too (#17)
        yield (prefix or "tensor"), torch.from_numpy(np.ascontiguousarray(obj))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from flatten(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from flatten(v, f"{prefix}.{i}" if prefix else str(i))


def save(obj, name, weights_only_check=True, **kwargs):
    path = os.path.join(OUT, name)
    torch.save(obj, path, **kwargs)
    expected = {n: t.detach().to(torch.float32).numpy() for n, t in flatten(obj)}
    np.savez(os.path.join(OUT, "expected_" + os.path.splitext(name)[0] + ".npz"), **expected)
    # torch itself must read back what it wrote, with its own restricted unpickler (which in 1.13
    # lacks BINFLOAT and the protocol-4 opcodes, so those files are loaded without it).
    torch.load(path, weights_only=weights_only_check)


def mlp():
    torch.manual_seed(1)
    return torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))


def real_files():
    save(mlp().state_dict(), "mlp.pt")

    torch.manual_seed(2)
    cnn = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3), torch.nn.BatchNorm2d(4), torch.nn.ReLU(),
                              torch.nn.Flatten(), torch.nn.Linear(4 * 4 * 4, 5))
    cnn.train()
    cnn(torch.randn(8, 1, 6, 6))  # running statistics and num_batches_tracked move
    save(cnn.state_dict(), "cnn.pt")

    torch.manual_seed(3)
    x = torch.randn(3, 5)
    save({
        "f32": x,
        "f64": x.double() * 1e-3,
        "f16": (x * 100).half(),
        "bf16": (x * 100).bfloat16(),
        "i64": torch.tensor([[-(2 ** 40), -1, 0], [1, 7, 2 ** 20]], dtype=torch.int64),
        "i32": torch.tensor([-2 ** 31, -5, 0, 5, 2 ** 24], dtype=torch.int32),
        "i16": torch.tensor([-32768, -1, 0, 32767], dtype=torch.int16),
        "i8": torch.tensor([-128, -1, 0, 127], dtype=torch.int8),
        "u8": torch.tensor([0, 1, 200, 255], dtype=torch.uint8),
        "bool": torch.tensor([[True, False], [False, True]]),
        "scalar": torch.tensor(2.5),
        "empty": torch.zeros(0, 4),
    }, "dtypes.pt")

    base = torch.arange(24, dtype=torch.float32)
    m = base.view(4, 6)
    save({
        "first": base[:6].view(2, 3),        # storage offset 0
        "second": base[6:12].view(3, 2),     # the same storage at offset 6
        "transposed": m.t(),                 # (6, 4) with strides (1, 6)
        "strided": m[1:, ::2],               # (3, 3), strides (6, 2), offset 6
        "expanded": torch.tensor([1.0, 2.0, 3.0]).expand(2, 3),  # stride 0
    }, "views.pt")

    torch.manual_seed(4)
    model = mlp()
    opt = torch.optim.Adam(model.parameters(), lr=0.01, betas=(0.9, 0.99))
    loss = model(torch.randn(5, 4)).pow(2).sum()
    loss.backward()
    opt.step()
    save({"epoch": 7, "best_accuracy": 0.875, "run": "mlp-adam", "model": model.state_dict(),
          "optimizer": opt.state_dict()}, "checkpoint.pth", weights_only_check=False)

    torch.manual_seed(5)
    save({"p": torch.nn.Parameter(torch.randn(2, 3)), "frozen": torch.nn.Parameter(torch.ones(2), requires_grad=False)},
         "param.pt")

    save(mlp().state_dict(), "pytorch_model.bin", weights_only_check=False, pickle_protocol=4)
    save(mlp().state_dict(), "legacy.pt", _use_new_zipfile_serialization=False)
    repack_deflated("mlp.pt", "mlp_repacked.pt")
    legacy_view()
    big_endian()


def repack_deflated(src, dst):
    """The archive of `src` rewritten by Python's zipfile: data.pkl deflated, storages stored without
    torch's 64-byte alignment, members in another order."""
    with zipfile.ZipFile(os.path.join(OUT, src)) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(os.path.join(OUT, dst), "w") as z:
        for name, data in reversed(members):
            z.writestr(fixed(name), data, compress_type=zipfile.ZIP_DEFLATED if name.endswith(".pkl") else zipfile.ZIP_STORED)
    torch.load(os.path.join(OUT, dst), weights_only=True)


def legacy_view():
    """A legacy file whose tensor sits in a storage view, as torch < 1.0 could write them (torch
    1.13 still loads them but no longer writes views): root storage arange(10), view 'v' of
    elements [2, 8), tensor at offset 1 of the view, shape (2, 2) -> 3, 4, 5, 6."""
    f = io.BytesIO()
    for header in (torch.serialization.MAGIC_NUMBER, torch.serialization.PROTOCOL_VERSION,
                   {"protocol_version": 1001, "little_endian": True, "type_sizes": {"short": 2, "int": 4, "long": 4}}):
        pickle.dump(header, f, protocol=2)
    view = FakeStorage("root", 10, view=("v", 2, 6))
    f.write(fake_pickle({"w": FakeTensor(view, 1, (2, 2), (2, 1)), "whole": FakeTensor(FakeStorage("root", 10, view=()), 0, (10,), (1,))}))
    pickle.dump(["root"], f, protocol=2)
    f.write(struct.pack("<q", 10) + struct.pack("<10f", *range(10)))
    path = os.path.join(OUT, "legacy_view.pt")
    with open(path, "wb") as out:
        out.write(f.getvalue())
    loaded = torch.load(path)
    assert loaded["w"].tolist() == [[3.0, 4.0], [5.0, 6.0]], loaded
    np.savez(os.path.join(OUT, "expected_legacy_view.npz"), **{k: v.numpy() for k, v in loaded.items()})


def big_endian():
    """torch >= 2.1 writes <name>/byteorder; a big-endian machine writes "big" and its storages in
    its own order. Made by hand (torch 1.13 cannot): the values 0.5, -1, ... 6 as big-endian floats."""
    values = [0.5, -1.0, 2.0, 3.25, 5.0, 6.0]
    pkl = fake_pickle({"w": FakeTensor(FakeStorage("0", 6), 0, (2, 3), (3, 1)),
                       "h": FakeTensor(FakeStorage("1", 2, torch.HalfStorage), 0, (2,), (1,))})
    with zipfile.ZipFile(os.path.join(OUT, "big_endian.pt"), "w") as z:
        z.writestr(fixed("archive/data.pkl"), pkl)
        z.writestr(fixed("archive/byteorder"), "big")
        z.writestr(fixed("archive/data/0"), struct.pack(">6f", *values))
        z.writestr(fixed("archive/data/1"), struct.pack(">2e", 1.5, -2.0))
        z.writestr(fixed("archive/version"), "3\n")


# ---- hostile files -------------------------------------------------------------------------

def fixed(name):
    """A member with a fixed date, so that rerunning the script rewrites the same bytes."""
    return zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))


def torch_zip(name, pkl, storages=None, compress_storage=False, with_pkl=True):
    """An archive laid out as torch.save lays it out, with our own data.pkl and storages."""
    with zipfile.ZipFile(os.path.join(BAD, name), "w") as z:
        if with_pkl:
            z.writestr(fixed("archive/data.pkl"), pkl)
        for key, data in (storages or {}).items():
            z.writestr(fixed(f"archive/data/{key}"), data,
                       compress_type=zipfile.ZIP_DEFLATED if compress_storage else zipfile.ZIP_STORED)
        z.writestr(fixed("archive/version"), "3\n")


class Evil:
    def __init__(self, func, arg):
        self.func, self.arg = func, arg

    def __reduce__(self):
        return (self.func, (self.arg,))


class FakeStorage:
    """Pickled by persistent id as torch.save pickles a storage (legacy files: with a view)."""

    def __init__(self, key, numel, cls=torch.FloatStorage, view=None):
        self.key, self.numel, self.cls, self.view = key, numel, cls, view

    def pid(self):
        base = ("storage", self.cls, self.key, "cpu", self.numel)
        if self.view is None:  # zip files: no view field
            return base
        return base + (self.view or None,)  # legacy: () stands for "no view", pickled as None


class FakeTensor:
    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, size, stride, False, collections.OrderedDict())

    def __reduce__(self):
        return (torch._utils._rebuild_tensor_v2, self.args)


def fake_pickle(obj, protocol=2):
    buf = io.BytesIO()
    p = pickle.Pickler(buf, protocol=protocol)
    p.persistent_id = lambda o: o.pid() if isinstance(o, FakeStorage) else None
    p.dump(obj)
    return buf.getvalue()


def zlib_bomb():
    """A 'pickle' of 64 MB of zeros (deflates about 1000:1)."""
    return b"\x80\x02" + b"\x00" * (64 << 20)


def hostile_files():
    os.makedirs(BAD, exist_ok=True)
    torch_zip("reduce_os_system.pt", pickle.dumps({"w": Evil(os.system, "touch " + WITNESS)}, protocol=2))
    torch_zip("reduce_os_system_proto4.pt", pickle.dumps(Evil(os.system, "touch " + WITNESS), protocol=4))
    torch_zip("builtins_eval.pt", pickle.dumps(Evil(eval, f"open('{WITNESS}', 'w')"), protocol=2))
    torch_zip("subprocess_popen.pt", b"\x80\x02csubprocess\nPopen\nq\x00X\x05\x00\x00\x00touchq\x01\x85R.")
    torch_zip("memo_out_of_range.pt", b"\x80\x02}q\x00h\x05.")
    torch_zip("stack_underflow.pt", b"\x80\x02)R.")
    real = pickle.dumps(collections.OrderedDict(a=1, b="two"), protocol=2)
    torch_zip("truncated_pickle.pt", real[: len(real) // 2])
    torch_zip("huge_binunicode.pt", b"\x80\x02X\xff\xff\xff\x7fabc.")
    torch_zip("deep_nesting.pt", b"\x80\x02" + b"]" * 300 + b"a" * 299 + b".")
    torch_zip("deep_marks.pt", b"\x80\x02" + b"(" * 5000 + b".")
    torch_zip("unknown_opcode.pt", b"\x80\x02\xff.")
    s = FakeStorage("0", 6)
    torch_zip("storage_too_small.pt", fake_pickle({"w": FakeTensor(s, 0, (10, 10), (10, 1))}),
              {"0": struct.pack("<6f", *range(6))})
    torch_zip("member_too_small.pt", fake_pickle({"w": FakeTensor(s, 0, (2, 3), (3, 1))}),
              {"0": struct.pack("<4f", *range(4))})
    torch_zip("missing_storage.pt", fake_pickle({"w": FakeTensor(s, 0, (2, 3), (3, 1))}), {})
    torch_zip("compressed_storage.pt", fake_pickle({"w": FakeTensor(s, 0, (2, 3), (3, 1))}),
              {"0": struct.pack("<6f", *range(6))}, compress_storage=True)
    torch_zip("offset_past_storage.pt", fake_pickle({"w": FakeTensor(s, 4, (3,), (1,))}),
              {"0": struct.pack("<6f", *range(6))})
    bomb = zlib_bomb()
    with zipfile.ZipFile(os.path.join(BAD, "pickle_bomb.pt"), "w") as z:
        z.writestr(fixed("archive/data.pkl"), bomb, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    torch_zip("no_data_pkl.pt", b"", {"0": struct.pack("<6f", *range(6))}, with_pkl=False)
    # A legacy file cut inside its storages.
    buf = io.BytesIO()
    torch.save(mlp().state_dict(), buf, _use_new_zipfile_serialization=False)
    with open(os.path.join(BAD, "legacy_truncated.pt"), "wb") as f:
        f.write(buf.getvalue()[:-10])


def main():
    os.makedirs(OUT, exist_ok=True)
    real_files()
    hostile_files()
    assert not os.path.exists(WITNESS)


if __name__ == "__main__":
    main()
