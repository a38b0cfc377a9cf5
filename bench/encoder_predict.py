#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Inference of a small transformer encoder: `weightscope-cli predict` on the torch.onnx export
against PyTorch on the same input, in batches of 64 (#16).

The model is tools/make_onnx_reference.py's Encoder (Linear(8, 32), a 2-layer
nn.TransformerEncoder of TransformerEncoderLayer(d_model=32, nhead=4, dim_feedforward=64,
batch_first=True), Linear(32, 5)), here with 16 tokens per sample and random weights, exported at
opset 17. Weightscope's figure is predict's own timing of the batches (--json
samples_per_second: no process start or file reading); PyTorch's is the same loop over the
batches in eval mode under torch.no_grad() (its fused fast path for encoder layers), after one
warm-up batch. One run of each per thread count.

Run: /usr/bin/python3 bench/encoder_predict.py build/release [--samples 8192] [--threads 1 2]
"""
import argparse
import importlib.util
import json
import os
import subprocess
import tempfile
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def encoder_class():
    spec = importlib.util.spec_from_file_location("ref", os.path.join(HERE, "..", "tools", "make_onnx_reference.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Encoder


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--samples", type=int, default=8192)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    torch.manual_seed(0)
    model = encoder_class()(2, "relu").eval()
    x = torch.randn(args.samples, 16, 8)
    cli = os.path.join(args.build, "app", "weightscope-cli")
    with tempfile.TemporaryDirectory() as tmp:
        onnx_path, x_path, y_path = (os.path.join(tmp, f) for f in ("m.onnx", "x.npy", "y.npy"))
        torch.onnx.export(model, x[:64], onnx_path, opset_version=17, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
        np.save(x_path, x.numpy())
        for threads in args.threads:
            out = subprocess.run([cli, "predict", onnx_path, "--input", x_path, "--output", y_path, "--batch", "64",
                                  "--threads", str(threads), "--json"], check=True, capture_output=True, text=True)
            ws = json.loads(out.stdout)["samples_per_second"]
            torch.set_num_threads(threads)
            with torch.no_grad():
                want = torch.cat([model(x[i:i + 64]) for i in range(0, args.samples, 64)])
                start = time.perf_counter()
                for i in range(0, args.samples, 64):
                    model(x[i:i + 64])
                pt = args.samples / (time.perf_counter() - start)
            got = np.load(y_path)
            err = float(np.abs(got - want.numpy()).max() / np.abs(want.numpy()).max())
            print(f"threads {threads}: weightscope {ws:,.0f} samples/s, pytorch {pt:,.0f} samples/s, "
                  f"ratio {ws / pt:.2f} (max |difference| / max |y| = {err:.1e})")


if __name__ == "__main__":
    main()
