#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""PyTorch files as people really save them, for tests/core/test_torch_models.cpp (#17).

Run with Debian's python3-torch (1.13): /usr/bin/python3 tools/make_torch_models_reference.py
Writes into tests/data/torch/models/:
  - sequential.pt: torch.save(model) of a whole nn.Sequential (Conv2d, BatchNorm2d, ReLU,
    MaxPool2d, Flatten, Dropout, Linear) after one training step of BatchNorm's statistics;
  - legacy_sequential.pt: a whole nn.Sequential in the legacy format (module classes as
    persistent ids with their source);
  - net.pt: torch.save(model) of `class Net(nn.Module)` defined here, so the pickle names
    __main__.Net; it has a nested Sequential, a buffer and a non-persistent buffer;
  - scripted.pt: torch.jit.script(Net()).save(...);
  - traced.pt: torch.jit.trace(...).save(...) of a module holding the Sequential, whose forward
    multiplies by a tensor constant (constants.pkl), with an extra file (_extra_files);
  - checkpoint.pt: a training checkpoint: epoch, model_state_dict, an Adam optimizer_state_dict
    after two steps, hyper_parameters, a StepLR scheduler, argparse.Namespace, NumPy scalars and
    NumPy arrays (one in Fortran order);
  - quantized_sparse.pt: quantised tensors (per tensor qint8, per channel quint8) and sparse ones
    (COO, CSR);
  - sharded/pytorch_model-0000{1,2}-of-00002.bin + pytorch_model.bin.index.json: a state dict in
    two shards as Hugging Face's save_pretrained(max_shard_size=...) lays them out;
  - consolidated/consolidated.0{0,1}.pth + params.json: Meta's LLaMA release layout, a tiny
    bf16 model (dim 16, 2 layers, 4 heads, vocab 24) cut into two model-parallel slices the way
    fairscale cuts it; expected.json["consolidated"] lists the whole tensors as torch.cat of the
    slices gives them (or the first file's for replicated ones), and the per-file slices;
  - statedict_mlp.pt + statedict_mlp_io.json: a bare state dict of a small nn.Sequential (Conv2d,
    ReLU, MaxPool2d, Flatten, Linear, ReLU, Linear), with an input and PyTorch's output, for
    `eval`/`predict --model "<layers>"`;
  - cnn_scripted.pt, cnn_traced.pt, cnn_traced_seq.pt + cnn_input.npy, cnn_output.npy: one
    nn.Sequential (Conv2d with stride 2 and padding 1, BatchNorm2d, ReLU, MaxPool2d, Flatten,
    Dropout, Linear) as torch.jit.script(seq), torch.jit.trace of a wrapper whose forward only
    calls it, and torch.jit.trace(seq), with an input of the smallest size the layers accept
    (7x7) and PyTorch's output: the TorchScript layers the engine runs (core/io/TorchScriptCode.h);
  - traced_unknown.pt: a traced nn.Sequential whose LeakyReLU is a call the engine does not know;
  - pickles/*.pkl: the data.pkl and constants.pkl members of the files above (fuzz seeds);
  - expected.json: for each file, every tensor torch lists (state_dict() order, or the dotted
    path of a checkpoint) with its shape, sum, min and max in float64, and the module classes.
"""
import argparse
import json
import os
import sys
import zipfile

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_torch_reference import flatten  # noqa: E402 (dotted names as the C++ reader gives them)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "torch", "models")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, kernel_size=3, stride=1)
        self.block = nn.Sequential(nn.Linear(8, 6), nn.ReLU())
        self.fc1 = nn.Linear(6, 3)
        self.register_buffer("scale", torch.full((3,), 0.5))
        self.register_buffer("scratch", torch.zeros(2), persistent=False)

    def forward(self, x):
        x = torch.relu(self.conv(x)).flatten(1)[:, :8]
        return self.fc1(self.block(x)) * self.scale


class Traced(nn.Module):
    def __init__(self, seq):
        super().__init__()
        self.seq = seq

    def forward(self, x):
        return self.seq(x) * torch.tensor([1.0, 2.0, 3.0])


def sequential():
    torch.manual_seed(1)
    seq = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                        nn.Dropout(0.25), nn.Linear(8, 3))
    seq.train()
    seq(torch.randn(4, 1, 6, 6))  # BatchNorm's running statistics move
    return seq.eval()


def describe(pairs):
    out = []
    for name, t in pairs:
        d = t.detach().to(torch.float64)
        out.append({"name": name, "shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
                    "sum": d.sum().item(), "min": d.min().item() if d.numel() else 0.0,
                    "max": d.max().item() if d.numel() else 0.0})
    return out


# fairscale's model-parallel layers, as Meta's llama/model.py uses them: ColumnParallelLinear
# (split on dim 0), RowParallelLinear and ParallelEmbedding (dim 1); norms and rope.freqs replicated.
SPLIT_DIM = {"wq": 0, "wk": 0, "wv": 0, "w1": 0, "w3": 0, "output": 0, "wo": 1, "w2": 1, "tok_embeddings": 1}


def consolidated():
    dim, layers, heads, vocab, hidden, ranks = 16, 2, 4, 24, 32, 2
    torch.manual_seed(8)
    whole = {"tok_embeddings.weight": torch.randn(vocab, dim)}
    for i in range(layers):
        p = "layers.%d." % i
        for w in ("wq", "wk", "wv", "wo"):
            whole[p + "attention." + w + ".weight"] = torch.randn(dim, dim)
        whole[p + "feed_forward.w1.weight"] = torch.randn(hidden, dim)
        whole[p + "feed_forward.w2.weight"] = torch.randn(dim, hidden)
        whole[p + "feed_forward.w3.weight"] = torch.randn(hidden, dim)
        whole[p + "attention_norm.weight"] = 1 + 0.1 * torch.randn(dim)
        whole[p + "ffn_norm.weight"] = 1 + 0.1 * torch.randn(dim)
    whole["norm.weight"] = 1 + 0.1 * torch.randn(dim)
    whole["output.weight"] = torch.randn(vocab, dim)
    whole["rope.freqs"] = 1.0 / (10000.0 ** (torch.arange(0, dim // heads, 2).float() / (dim // heads)))
    whole = {k: v.to(torch.bfloat16) for k, v in whole.items()}
    folder = os.path.join(OUT, "consolidated")
    os.makedirs(folder, exist_ok=True)
    slices = [{} for _ in range(ranks)]
    for name, t in whole.items():
        d = SPLIT_DIM.get(name.split(".")[-2]) if name != "rope.freqs" else None
        parts = torch.chunk(t, ranks, dim=d) if d is not None else [t] * ranks
        for r in range(ranks):
            slices[r][name] = parts[r].clone()
    for r in range(ranks):
        torch.save(slices[r], os.path.join(folder, "consolidated.%02d.pth" % r))
    with open(os.path.join(folder, "params.json"), "w") as f:
        json.dump({"dim": dim, "multiple_of": 32, "n_heads": heads, "n_layers": layers, "norm_eps": 1e-05,
                   "vocab_size": vocab}, f)
    # What convert_llama_weights_to_hf.py does with the files: torch.cat the split ones, take the
    # first file's replicated ones.
    loaded = [torch.load(os.path.join(folder, "consolidated.%02d.pth" % r)) for r in range(ranks)]
    merged = []
    for name in loaded[0]:
        d = SPLIT_DIM.get(name.split(".")[-2]) if name != "rope.freqs" else None
        merged.append((name, torch.cat([s[name] for s in loaded], dim=d) if d is not None else loaded[0][name]))
    for name, t in merged:
        assert torch.equal(t, whole[name]), name
    per_file = [("consolidated.%02d/%s" % (r, k), v) for r in range(ranks) for k, v in loaded[r].items()]
    # The elements of each whole tensor, so the test compares every one, not just the statistics.
    return {"tensors": describe(merged + per_file),
            "values": {name: t.to(torch.float32).flatten().tolist() for name, t in merged}}


def statedict_mlp():
    torch.manual_seed(9)
    seq = nn.Sequential(nn.Conv2d(2, 3, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(12, 5), nn.ReLU(),
                        nn.Linear(5, 4)).eval()
    torch.save(seq.state_dict(), os.path.join(OUT, "statedict_mlp.pt"))
    x = (torch.arange(2 * 2 * 6 * 6, dtype=torch.float32) / 144 - 0.5).reshape(2, 2, 6, 6)
    with torch.no_grad():
        y = seq(x)
    np.save(os.path.join(OUT, "statedict_mlp_input.npy"), x.numpy())
    np.save(os.path.join(OUT, "statedict_mlp_output.npy"), y.numpy())
    return {"tensors": describe(seq.state_dict().items()),
            "model": "conv2d(3, 3) relu maxpool2d(2) flatten dense(5) relu dense(4)"}


class Wrapper(nn.Module):
    def __init__(self, seq):
        super().__init__()
        self.seq = seq

    def forward(self, x):
        return self.seq(x)


def torchscript_cnn():
    """TorchScript Sequentials the engine runs (#17 item 5); returns their expected.json entries."""
    torch.manual_seed(10)
    seq = nn.Sequential(nn.Conv2d(2, 3, 3, stride=2, padding=1), nn.BatchNorm2d(3), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Dropout(0.25), nn.Linear(12, 4))
    seq.train()
    seq(torch.randn(4, 2, 7, 7))  # BatchNorm's running statistics move
    seq.eval()
    x = (torch.arange(2 * 2 * 7 * 7, dtype=torch.float32) / 98 - 0.5).reshape(2, 2, 7, 7)
    with torch.no_grad():
        y = seq(x)
    np.save(os.path.join(OUT, "cnn_input.npy"), x.numpy())
    np.save(os.path.join(OUT, "cnn_output.npy"), y.numpy())
    out = {}
    for name, module in (("cnn_scripted.pt", torch.jit.script(seq)),
                         ("cnn_traced.pt", torch.jit.trace(Wrapper(seq), x)),
                         ("cnn_traced_seq.pt", torch.jit.trace(seq, x))):
        module.save(os.path.join(OUT, name))
        loaded = torch.jit.load(os.path.join(OUT, name))
        with torch.no_grad():
            assert torch.allclose(loaded(x), y, atol=1e-6), name
        out[name] = {"tensors": describe(loaded.state_dict().items()),
                     "classes": {n or "(root)": m.original_name for n, m in loaded.named_modules()}}
    torch.manual_seed(11)
    unknown = nn.Sequential(nn.Linear(4, 3), nn.LeakyReLU(0.1)).eval()
    torch.jit.trace(unknown, torch.randn(1, 4)).save(os.path.join(OUT, "traced_unknown.pt"))
    return out


def main():
    os.makedirs(os.path.join(OUT, "sharded"), exist_ok=True)
    expected = {}

    seq = sequential()
    torch.save(seq, os.path.join(OUT, "sequential.pt"))
    x = (torch.arange(72, dtype=torch.float32) / 72 - 0.5).reshape(2, 1, 6, 6)
    with torch.no_grad():
        y = seq(x)
    expected["sequential.pt"] = {"tensors": describe(seq.state_dict().items()),
                                 "classes": {n or "(root)": type(m).__name__ for n, m in seq.named_modules()},
                                 "input": "(arange(72) / 72 - 0.5) as (2, 1, 6, 6)", "output": y.flatten().tolist(),
                                 "output_shape": list(y.shape)}

    # The legacy format (torch < 1.6, or _use_new_zipfile_serialization=False) of a whole model:
    # each module class is a persistent id ('module', class, source file, source).
    torch.manual_seed(7)
    small = nn.Sequential(nn.Linear(4, 3), nn.ReLU())
    torch.save(small, os.path.join(OUT, "legacy_sequential.pt"), _use_new_zipfile_serialization=False)
    expected["legacy_sequential.pt"] = {"tensors": describe(small.state_dict().items()),
                                        "classes": {n or "(root)": type(m).__name__ for n, m in small.named_modules()}}

    torch.manual_seed(2)
    net = Net()
    torch.save(net, os.path.join(OUT, "net.pt"))
    expected["net.pt"] = {"tensors": describe(net.state_dict().items()),
                          "classes": {n or "(root)": type(m).__name__ for n, m in net.named_modules()}}

    torch.manual_seed(3)
    scripted = torch.jit.script(Net())
    scripted.save(os.path.join(OUT, "scripted.pt"))
    loaded = torch.jit.load(os.path.join(OUT, "scripted.pt"))
    expected["scripted.pt"] = {"tensors": describe(loaded.state_dict().items()),
                               "classes": {n or "(root)": m.original_name for n, m in loaded.named_modules()}}

    traced = torch.jit.trace(Traced(sequential()), torch.randn(1, 1, 6, 6))
    traced.save(os.path.join(OUT, "traced.pt"), _extra_files={"notes.txt": "traced on 6x6 inputs"})
    loaded = torch.jit.load(os.path.join(OUT, "traced.pt"))
    expected["traced.pt"] = {"tensors": describe(loaded.state_dict().items()),
                             "classes": {n or "(root)": m.original_name for n, m in loaded.named_modules()},
                             "output": traced(torch.ones(1, 1, 6, 6)).flatten().tolist()}

    torch.manual_seed(4)
    model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    scheduler = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
    for _ in range(2):
        opt.zero_grad()
        model(torch.randn(5, 4)).pow(2).sum().backward()
        opt.step()
        scheduler.step()
    checkpoint = {
        "epoch": 2,
        "model_state_dict": model.state_dict(),
        "optimizer_state_dict": opt.state_dict(),
        "scheduler": scheduler.state_dict(),
        "hyper_parameters": {"lr": 0.01, "batch_size": 5, "layers": [4, 3, 2]},
        "args": argparse.Namespace(lr=0.01, seed=4, name="tiny"),
        "best_loss": np.float64(0.25),
        "steps": np.int64(2),
        "history": np.array([1.5, 0.75], dtype=np.float32),
        "confusion": np.asfortranarray(np.array([[5, 1, 0], [2, 4, -3]], dtype=np.int64)),
    }
    torch.save(checkpoint, os.path.join(OUT, "checkpoint.pt"))
    expected["checkpoint.pt"] = {"tensors": describe(flatten(checkpoint))}

    torch.manual_seed(5)
    state = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)).state_dict()
    names = list(state)
    shards = {"pytorch_model-00001-of-00002.bin": names[:2], "pytorch_model-00002-of-00002.bin": names[2:]}
    weight_map = {}
    for shard, keys in shards.items():
        torch.save({k: state[k] for k in keys}, os.path.join(OUT, "sharded", shard))
        weight_map.update({k: shard for k in keys})
    total = sum(t.numel() * t.element_size() for t in state.values())
    with open(os.path.join(OUT, "sharded", "pytorch_model.bin.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2)
    expected["sharded"] = {"tensors": describe(state.items())}

    # Quantised (per tensor, per channel) and sparse (COO, CSR) tensors: read() gives the
    # dequantised values; a sparse tensor is its parts.
    torch.manual_seed(6)
    w = torch.randn(3, 4)
    q = torch.quantize_per_tensor(w, scale=0.05, zero_point=3, dtype=torch.qint8)
    qc = torch.quantize_per_channel(w, torch.tensor([0.02, 0.05, 0.1], dtype=torch.float64),
                                    torch.tensor([1, 0, 2]), 0, torch.quint8)
    coo = torch.tensor([[0.0, 2.0, 0.0], [3.0, 0.0, 4.5]]).to_sparse()
    csr = torch.tensor([[0.0, 1.5], [2.5, 0.0]]).to_sparse_csr()
    torch.save({"q": q, "qc": qc, "coo": coo, "csr": csr}, os.path.join(OUT, "quantized_sparse.pt"))
    expected["quantized_sparse.pt"] = {"tensors": describe([
        ("q", q.dequantize()), ("qc", qc.dequantize()),
        ("coo.indices", coo._indices()), ("coo.values", coo._values()),
        ("csr.crow_indices", csr.crow_indices()), ("csr.col_indices", csr.col_indices()), ("csr.values", csr.values())])}

    expected["consolidated"] = consolidated()
    expected["statedict_mlp.pt"] = statedict_mlp()
    expected.update(torchscript_cnn())

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)

    # The raw pickles, as seeds for fuzz_pickle (fuzz/CMakeLists.txt).
    os.makedirs(os.path.join(OUT, "pickles"), exist_ok=True)
    for name in ("sequential.pt", "net.pt", "scripted.pt", "traced.pt", "checkpoint.pt", "quantized_sparse.pt"):
        with zipfile.ZipFile(os.path.join(OUT, name)) as z:
            for member in z.namelist():
                if member.endswith(".pkl") and "/code/" not in member:
                    with open(os.path.join(OUT, "pickles", name[:-3] + "_" + member.split("/")[-1]), "wb") as f:
                        f.write(z.read(member))


if __name__ == "__main__":
    main()
