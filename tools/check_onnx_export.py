#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks an ONNX file Weightscope's writer made (#22, core/io/OnnxWriter.h) with Debian's
python3-onnx, independently of Weightscope's own reader:

  check_onnx_export.py MODEL.onnx [INPUT.npy OUTPUT.npy]

onnx.checker.check_model(full_check=True) (structure, opset, and shape inference) must pass;
given the .npy pair, the graph is evaluated here with NumPy, node by node, from the file's own
initializers, and must give OUTPUT for INPUT (the engine's outputs). Run by
tests/core/test_onnx_writer.cpp; exits 77 (skipped) when python3-onnx is not installed."""
import sys

try:
    import numpy as np
    import onnx
    from onnx import numpy_helper
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def evaluate(model, x):
    values = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    values[model.graph.input[0].name] = x
    for n in model.graph.node:
        a = attrs(n)
        ins = [values[i] for i in n.input]
        if n.op_type == "Gemm":
            w = ins[1].T if a.get("transB", 0) else ins[1]
            y = a.get("alpha", 1.0) * (ins[0] @ w) + a.get("beta", 1.0) * ins[2]
        elif n.op_type == "Relu":
            y = np.maximum(ins[0], 0)
        elif n.op_type == "Tanh":
            y = np.tanh(ins[0])
        elif n.op_type == "Sigmoid":
            y = 1 / (1 + np.exp(-ins[0]))
        elif n.op_type == "Softmax":
            e = np.exp(ins[0] - ins[0].max(axis=a.get("axis", -1), keepdims=True))
            y = e / e.sum(axis=a.get("axis", -1), keepdims=True)
        elif n.op_type == "LeakyRelu":
            y = np.where(ins[0] >= 0, ins[0], a.get("alpha", 0.01) * ins[0])
        elif n.op_type == "Elu":
            y = np.where(ins[0] >= 0, ins[0], a.get("alpha", 1.0) * (np.exp(ins[0]) - 1))
        elif n.op_type == "HardSigmoid":
            y = np.clip(a.get("alpha", 0.2) * ins[0] + a.get("beta", 0.5), 0, 1)
        elif n.op_type == "Clip":
            y = np.clip(ins[0], ins[1], ins[2])
        elif n.op_type == "Identity":
            y = ins[0]
        else:
            raise SystemExit(f"{n.name}: operator {n.op_type} is not one the writer writes")
        values[n.output[0]] = y.astype(np.float32)
    return values[model.graph.output[0].name]


def main():
    model = onnx.load(sys.argv[1])
    onnx.checker.check_model(model, full_check=True)
    ops = [n.op_type for n in model.graph.node]
    if len(sys.argv) == 4:
        x, want = np.load(sys.argv[2]), np.load(sys.argv[3])
        got = evaluate(model, x)
        if got.shape != want.shape or not np.allclose(got, want, rtol=1e-5, atol=1e-6):
            raise SystemExit(f"{sys.argv[1]}: outputs differ by up to {np.abs(got - want).max()}")
    print(f"{sys.argv[1]}: onnx {onnx.__version__} checker passed; nodes {ops}")


main()
