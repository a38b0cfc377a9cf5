#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Weightscope against PyTorch (Debian's python3-torch) on identical work, in one run.

Each case runs both engines alternately --runs times and reports medians of the training (or
inference) throughput in samples per second, the spread (min-max), and the ratio
Weightscope / PyTorch. Each engine is measured at 1 and 2 threads; the table uses each one's
best thread count and says which. Training time excludes data loading and evaluation on both
sides: Weightscope reports its own per-epoch training time (weightscope-cli's samples/s), and
here PyTorch's loop is timed the same way.

    /usr/bin/python3 bench/compare_pytorch.py [--build build/release] [--runs 3] [--cases mlp,cnn,...]
                                              [--threads 1,2] [--full-epoch]

--full-epoch trains the CNN cases (cnn, tf-cnn, res-cnn) on all 60,000 training images, as the
MLP always is, for #23's accuracy after one full epoch; expect minutes per case.

Each case also gets its FLOP rate on both sides and that rate's share of the machine's FMA peak
at the thread count used (bench_fma_peak, run once at the start; flops_per_sample says what is
counted).

CPU time (user+sys) is reported next to the wall-clock throughput, since on a shared machine the
load distorts it far less: PyTorch's is the process CPU time of its training loop; Weightscope's
is the CLI process's CPU time minus that of the same command with --epochs 0 (loading the data
and evaluating the test set), measured once per case and thread count. The load average is
printed before and after each case.

Cases (the issue's list):
  mlp         MLP 784-256-128-10 ReLU, Fashion-MNIST, batch 64, SGD momentum 0.9 lr 0.01, 1 epoch
  cnn         default small CNN, batch 64, Adam lr 1e-3, first 6400 training images
  tf-cnn      TensorFlow-tutorial CNN, batch 64, Adam lr 1e-3, first 3200 training images
  res-cnn     residual CNN (#16): conv-bn-relu, one residual block of two conv-bn, relu, pool, dense;
              batch 64, Adam lr 1e-3, first 3200 training images
  infer       MLP inference on the 10 000 test images, batch 1000, each engine's second pass timed
              (Weightscope: eval --warmup 1); Weightscope's first pass in a note
  resnet18-224, resnet18-32, mobilenet-224, mobilenet-32  (#16)
              inference of torchvision's resnet18 / mobilenet_v3_small (random weights, eval mode)
              exported to ONNX (opset 17), batch 32, on 3x224x224 (128 samples) or 3x32x32 (2048
              samples) inputs: `weightscope-cli predict --batch 32` (its own timing of the batches,
              not the loading) against the torchvision module under torch.no_grad()
  playground  2-8-8-1 tanh, batch 10, 500 spiral points, SGD lr 0.03, 40 epochs
"""
import argparse
import gzip
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn

FASHION = "/usr/share/datasets/fashion-mnist"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def fashion(split):
    prefix = "train" if split == "train" else "t10k"
    x = read_idx(f"{FASHION}/{prefix}-images-idx3-ubyte.gz").astype(np.float32) / 255.0
    y = read_idx(f"{FASHION}/{prefix}-labels-idx1-ubyte.gz").astype(np.int64)
    return torch.from_numpy(x.reshape(-1, 1, 28, 28).copy()), torch.from_numpy(y.copy())


# ---------------------------------------------------------------- PyTorch side

def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                         nn.Linear(128, 10))


def small_cnn():
    return nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.3), nn.Linear(128, 10))


def tf_cnn():
    return nn.Sequential(nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(64 * 7 * 7, 1024), nn.ReLU(), nn.Dropout(0.4), nn.Linear(1024, 10))


# The same network as RES_CNN_SPEC below: y = stem(x); head(y + block(y)).
RES_CNN_SPEC = ("conv2d(32, 3, padding=same) bn(momentum=0.9, epsilon=1e-5) relu "
                "res(conv2d(32, 3, padding=same) bn(momentum=0.9, epsilon=1e-5) relu "
                "conv2d(32, 3, padding=same) bn(momentum=0.9, epsilon=1e-5)) relu maxpool2d(2) flatten dense(10)")


class ResCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU())
        self.block = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
                                   nn.Conv2d(32, 32, 3, padding=1), nn.BatchNorm2d(32))
        self.head = nn.Sequential(nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 14 * 14, 10))

    def forward(self, x):
        y = self.stem(x)
        return self.head(y + self.block(y))


GRAPH_CASES = {"resnet18-224": ("resnet18", 224, 128), "resnet18-32": ("resnet18", 32, 2048),
               "mobilenet-224": ("mobilenet_v3_small", 224, 128), "mobilenet-32": ("mobilenet_v3_small", 32, 2048)}


def graph_infer_runs(name, build, runs, thread_counts, results):
    import torchvision
    arch, size, samples = GRAPH_CASES[name]
    torch.manual_seed(0)
    module = getattr(torchvision.models, arch)(weights=None).eval()
    x = torch.randn(samples, 3, size, size)
    with tempfile.TemporaryDirectory() as tmp:
        onnx_path, x_path, y_path = (os.path.join(tmp, f) for f in ("m.onnx", "x.npy", "y.npy"))
        with torch.no_grad():
            torch.onnx.export(module, x[:32], onnx_path, opset_version=17, input_names=["input"],
                              output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
        np.save(x_path, x.numpy())
        for _ in range(runs):
            for threads in thread_counts:
                out = ws_cli(build, "predict", onnx_path, "--input", x_path, "--output", y_path, "--batch", "32",
                             "--threads", str(threads), "--json")
                results["weightscope"][threads].append(json.loads(out)["samples_per_second"])
                torch.set_num_threads(threads)
                with torch.no_grad():
                    module(x[:32])
                    start = time.perf_counter()
                    for i in range(0, samples, 32):
                        module(x[i:i + 32])
                    results["pytorch"][threads].append(samples / (time.perf_counter() - start))


def playground_net():
    return nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1), nn.Tanh())


def torch_train(make, x, y, batch, opt_name, lr, epochs, loss_name="ce", threads=1, seed=0):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    model = make()
    if opt_name == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9 if loss_name == "ce" else 0.0)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss() if loss_name == "ce" else nn.MSELoss()
    n = x.shape[0]
    rates = []
    cpu0 = time.process_time()
    for _ in range(epochs):
        perm = torch.randperm(n)
        start = time.perf_counter()
        model.train()
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            xb, yb = x[idx], y[idx]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
        rates.append(n / (time.perf_counter() - start))
    torch_train.cpu = time.process_time() - cpu0
    return model, rates


def torch_accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        return float((model(x).argmax(1) == y).float().mean())


def torch_infer(threads):
    torch.set_num_threads(threads)
    x, _ = fashion("test")
    model = mlp().eval()
    with torch.no_grad():
        for _ in range(2):  # one untimed pass, as Weightscope's eval --warmup 1, then the timed one
            start = time.perf_counter()
            for i in range(0, x.shape[0], 1000):
                model(x[i:i + 1000])
            seconds = time.perf_counter() - start
        return x.shape[0] / seconds


def spiral_points(n=500, seed=0):
    """Playground's spiral (REFERENCE.md), labels +1/-1."""
    rng = np.random.default_rng(seed)
    pts, labels = [], []
    half = n // 2
    for delta, label in ((0.0, 1.0), (np.pi, -1.0)):
        for i in range(half):
            r = i / half * 5
            t = 1.75 * i / half * 2 * np.pi + delta
            pts.append((r * np.sin(t), r * np.cos(t)))
            labels.append(label)
    return torch.tensor(np.array(pts, dtype=np.float32)), torch.tensor(np.array(labels, dtype=np.float32)).reshape(-1, 1)


# ------------------------------------------------------------ FLOPs and the peak

def fma_peak(build):
    """{threads: GFLOP/s} of the widest FMA the CPU has, from bench_fma_peak (a register-only loop)."""
    exe = os.path.join(build, "bench", "bench_fma_peak")
    if not os.path.exists(exe):
        return {}, "none (bench_fma_peak not built)"
    peaks = json.loads(subprocess.run([exe, "--json"], check=True, capture_output=True, text=True).stdout)["peaks"]
    isa = "avx512" if any(p["isa"] == "avx512" for p in peaks) else "avx2"
    return {p["threads"]: p["gflops"] for p in peaks if p["isa"] == isa}, isa


def weighted_layer_macs(module, sample_shape):
    """Multiply-adds of each Linear and Conv2d for one sample, in execution order, from the output
    shapes a forward pass of one sample gives (forward hooks): out_features·in_features for a
    Linear, output elements · (in_channels / groups) · kh · kw for a convolution."""
    macs = []

    def hook(layer, _inputs, output):
        if isinstance(layer, nn.Linear):
            macs.append(output.numel() * layer.in_features)
        else:
            kh, kw = layer.kernel_size
            macs.append(output.numel() * (layer.in_channels // layer.groups) * kh * kw)

    handles = [m.register_forward_hook(hook) for m in module.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]
    with torch.no_grad():
        module.eval()(torch.zeros(1, *sample_shape))
    for h in handles:
        h.remove()
    return macs


def flops_per_sample(name):
    """FLOPs one sample costs, counted from the model's shapes: the matrix products and convolutions
    only (2 FLOPs a multiply-add). Training: forward, plus backward at twice the forward (the
    gradient of the weights and that of the input) but no input gradient for the first layer, plus
    the optimizer step per parameter spread over the batch (SGD with momentum 4 FLOPs a parameter,
    Adam 12). Activations, pooling, normalisation and the loss are left out: they are a few FLOPs an
    element, bound by memory, not by the FMA units, so the share of the peak is a slight
    understatement of the work done."""
    train = name in ("mlp", "cnn", "tf-cnn", "res-cnn")
    if name in ("mlp", "infer"):
        module, shape = mlp(), (1, 28, 28)
    elif name == "cnn":
        module, shape = small_cnn(), (1, 28, 28)
    elif name == "tf-cnn":
        module, shape = tf_cnn(), (1, 28, 28)
    elif name == "res-cnn":
        module, shape = ResCnn(), (1, 28, 28)
    elif name in GRAPH_CASES:
        import torchvision
        arch, size, _ = GRAPH_CASES[name]
        module, shape = getattr(torchvision.models, arch)(weights=None), (3, size, size)
    else:
        return None  # the Playground: too small a network for the FMA units to matter
    macs = weighted_layer_macs(module, shape)
    forward = 2.0 * sum(macs)
    if not train:
        return forward
    backward = 2.0 * forward - 2.0 * macs[0]
    params = sum(p.numel() for p in module.parameters())
    step = (4.0 if name == "mlp" else 12.0) * params / 64  # batch 64
    return forward + backward + step


# ------------------------------------------------------------- Weightscope side

def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def ws_cli(build, *args):
    cmd = [os.path.join(build, "app", "weightscope-cli"), *args]
    before = children_cpu()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    ws_cli.cpu = children_cpu() - before
    return out


def ws_train(build, threads, extra):
    out = ws_cli(build, "train", "--no-record", "--threads", str(threads), *extra)
    rates = [float(m) for m in re.findall(r"(\d+) samples/s", out)]
    acc = re.search(r"test: .* accuracy ([0-9.]+)", out)
    return rates, float(acc.group(1)) if acc else float("nan")


def ws_infer(build, threads, model_path, warmup=1):
    """samples/s of eval's timed pass, after `warmup` untimed ones (torch_infer times its second pass)."""
    out = ws_cli(build, "eval", model_path, "--batch", "1000", "--threads", str(threads), "--warmup", str(warmup))
    return float(re.search(r"inference: (\d+) samples/s", out).group(1))


# --------------------------------------------------------------------- cases

def ws_overhead(build, threads, extra):
    """CPU seconds of the same CLI command without training (data loading, test evaluation)."""
    args = list(extra)
    args[args.index("--epochs") + 1] = "0"
    ws_train(build, threads, args)
    return ws_cli.cpu


def case_runs(name, build, runs, thread_counts, full_epoch=False):
    """Returns {engine: {threads: [samples/s per run]}}, {engine: {threads: [CPU s per run]}} and notes."""
    results = {"weightscope": {t: [] for t in thread_counts}, "pytorch": {t: [] for t in thread_counts}}
    cpu = {"weightscope": {t: [] for t in thread_counts}, "pytorch": {t: [] for t in thread_counts}}
    notes = {}
    if name in ("mlp", "cnn", "tf-cnn", "res-cnn"):
        x, y = fashion("train")
        limit = 60000 if full_epoch else {"mlp": 60000, "cnn": 6400, "tf-cnn": 3200, "res-cnn": 3200}[name]
        x, y = x[:limit], y[:limit]
        make = {"mlp": mlp, "cnn": small_cnn, "tf-cnn": tf_cnn, "res-cnn": ResCnn}[name]
        opt, lr = ("sgd", 0.01) if name == "mlp" else ("adam", 1e-3)
        model_arg = RES_CNN_SPEC if name == "res-cnn" else name
        ws_args = ["--dataset", "fashion-mnist", "--model", model_arg, "--batch", "64", "--optimizer", opt,
                   "--lr", str(lr), "--epochs", "1", "--train-limit", str(limit)]
        if name == "mlp":
            ws_args += ["--momentum", "0.9"]
        xt, yt = fashion("test")
        overhead = {t: ws_overhead(build, t, ws_args) for t in thread_counts}
        for r in range(runs):
            for threads in thread_counts:
                rates, acc = ws_train(build, threads, ws_args + ["--seed", str(r)])
                results["weightscope"][threads].append(rates[0])
                cpu["weightscope"][threads].append(max(0.0, ws_cli.cpu - overhead[threads]))
                notes.setdefault("weightscope accuracy after 1 epoch", []).append(acc)
                model, trates = torch_train(make, x, y, 64, opt, lr, 1, threads=threads, seed=r)
                results["pytorch"][threads].append(trates[0])
                cpu["pytorch"][threads].append(torch_train.cpu)
                notes.setdefault("pytorch accuracy after 1 epoch", []).append(torch_accuracy(model, xt, yt))
    elif name in GRAPH_CASES:
        graph_infer_runs(name, build, runs, thread_counts, results)
    elif name == "infer":
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "mlp.h5")
            ws_cli(build, "train", "--dataset", "fashion-mnist", "--model", "mlp", "--epochs", "0", "--save", path)
            for _ in range(runs):
                for threads in thread_counts:
                    results["weightscope"][threads].append(ws_infer(build, threads, path))
                    notes.setdefault(f"weightscope one cold pass ({threads} thr, eval without --warmup)", []).append(
                        ws_infer(build, threads, path, warmup=0))
                    results["pytorch"][threads].append(torch_infer(threads))
    elif name == "playground":
        x, y = spiral_points()
        ws_args = ["--dataset", "spiral", "--model", "dense(8) tanh dense(8) tanh dense(1) tanh", "--batch", "10",
                   "--optimizer", "sgd", "--lr", "0.03", "--epochs", "40", "--test-split", "0", "--loss", "mse"]
        for r in range(runs):
            for threads in thread_counts:
                rates, _ = ws_train(build, threads, ws_args + ["--seed", str(r)])
                results["weightscope"][threads].append(statistics.median(rates[1:]))
                _, trates = torch_train(playground_net, x, y, 10, "sgd", 0.03, 40, loss_name="mse", threads=threads, seed=r)
                results["pytorch"][threads].append(statistics.median(trates[1:]))
    return results, cpu, notes


def blas_in_use():
    """Which BLAS Debian's python3-torch reaches through libblas.so.3. Without OpenBLAS it is the
    reference BLAS (libblas3), about 40 times slower: on 2026-12-06 a fresh machine lacked
    libopenblas0 and PyTorch's MLP fell from 128 318 to 4 339 samples/s. ./dev bench installs it."""
    link = "/etc/alternatives/libblas.so.3-x86_64-linux-gnu"
    return os.path.realpath(link) if os.path.exists(link) else "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "release"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cases", default="mlp,cnn,tf-cnn,res-cnn,infer,playground")
    ap.add_argument("--threads", default="1,2", help="thread counts to try on both sides (best one is reported)")
    ap.add_argument("--full-epoch", action="store_true",
                    help="train the CNN cases on all 60,000 images, not the first 6,400 or 3,200 (#23 item 4: "
                         "accuracy after one full epoch)")
    args = ap.parse_args()
    thread_counts = [int(t) for t in args.threads.split(",")]
    print(f"machine: {os.cpu_count()} cores; torch {torch.__version__}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    blas = blas_in_use()
    print(f"PyTorch's BLAS: {blas}")
    if "openblas" not in blas:
        print("WARNING: PyTorch runs on the reference BLAS, not OpenBLAS: its figures are not comparable "
              "(install libopenblas0-openmp, as ./dev bench does)")
    peak, isa = fma_peak(args.build)
    print("FMA peak (bench_fma_peak, " + isa + ", registers only): "
          + ", ".join(f"{t} thread(s) {g:.0f} GFLOP/s" for t, g in sorted(peak.items())))
    print()
    print("| case | Weightscope samples/s (threads) | spread | PyTorch samples/s (threads) | spread | ratio |")
    print("|---|---|---|---|---|---|")
    for name in args.cases.split(","):
        load_before = os.getloadavg()[0]
        results, cpu, notes = case_runs(name, args.build, args.runs, thread_counts, args.full_epoch)
        best = {}
        for engine, per_threads in results.items():
            t, vals = max(per_threads.items(), key=lambda kv: statistics.median(kv[1]))
            best[engine] = (statistics.median(vals), min(vals), max(vals), t)
        ws, pt = best["weightscope"], best["pytorch"]
        print(f"| {name} | {ws[0]:.0f} ({ws[3]}) | {ws[1]:.0f}–{ws[2]:.0f} | {pt[0]:.0f} ({pt[3]}) | "
              f"{pt[1]:.0f}–{pt[2]:.0f} | {ws[0] / pt[0]:.2f} |", flush=True)
        flops = flops_per_sample(name)
        if flops and peak.get(ws[3]) and peak.get(pt[3]):
            wg, pg = ws[0] * flops / 1e9, pt[0] * flops / 1e9
            print(f"|   GFLOP/s (share of the peak at its threads), {flops / 1e6:.2f} MFLOP a sample | "
                  f"{wg:.1f} ({100 * wg / peak[ws[3]]:.0f} %) |  | {pg:.1f} ({100 * pg / peak[pt[3]]:.0f} %) |  |  |")
        print(f"|   load average (1 min) before / after | {load_before:.1f} / {os.getloadavg()[0]:.1f} |  |  |  |  |")
        if cpu["weightscope"][ws[3]]:
            wc, pc = statistics.median(cpu["weightscope"][ws[3]]), statistics.median(cpu["pytorch"][pt[3]])
            print(f"|   CPU s (user+sys) of the training, medians | {wc:.2f} | {min(cpu['weightscope'][ws[3]]):.2f}–"
                  f"{max(cpu['weightscope'][ws[3]]):.2f} | {pc:.2f} | {min(cpu['pytorch'][pt[3]]):.2f}–"
                  f"{max(cpu['pytorch'][pt[3]]):.2f} | {pc / wc if wc > 0 else float('nan'):.2f} |", flush=True)
        for key, vals in notes.items():
            m = statistics.median(vals)
            print(f"|   {key} | median {m:.0f} |  |  |  |  |" if m > 100 else f"|   {key} | median {m:.4f} |  |  |  |  |",
                  flush=True)
        for engine, per_threads in results.items():
            detail = ", ".join(f"{t} thr: {statistics.median(v):.0f}" for t, v in per_threads.items())
            print(f"<!-- {name} {engine}: {detail} -->", file=sys.stderr)


if __name__ == "__main__":
    main()
