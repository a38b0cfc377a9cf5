#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the ONNX reference files of tests/data/onnx/.

Needs Debian's python3-torch, python3-onnx and python3-numpy (only to make the files: they are
committed, and the build and the tests never need Python).

  - mlp.onnx, cnn.onnx, cnn_bn.onnx, matmul_reshape.onnx: small models exported with
    torch.onnx.export (opset 13) from PyTorch modules with fixed seeds, with <name>_input.npy and
    PyTorch's output <name>_output.npy for the same input (the C++ test compares within 1e-5).
  - mlp_external.onnx + mlp_external.data: the MLP with every initializer in an external file.
  - value_ints.onnx: made with onnx.helper (opset 12): a Constant with value_ints as Reshape's
    shape, MaxPool, Flatten, Gemm with alpha/beta, Softmax; expected output from NumPy.
  - gauss_mlp.onnx: a 2-input MLP with hand-set weights that separates the Playground "gauss"
    clusters (class 1 around (2, 2)); the CLI test evaluates it.
  - typed.onnx: initializers written by onnx.helper in the typed fields (float_data, int32_data,
    int64_data, double_data, uint64_data) and as raw_data, float16/bfloat16 included; their
    values are in typed_expected.json.
  - lstm.onnx, custom_op.onnx, residual.onnx, conv_pads.onnx, reshape_batch.onnx: graphs the engine cannot run (refused by name).
  - residual_cnn.onnx: torch.onnx.export of a residual block and y.view(y.size(0), -1) (dynamic
    batch: Shape, Gather, Unsqueeze, Concat nodes), for the architecture view; the graph only.
  - bad/*.onnx: hostile files; each must be refused with a FormatError naming the file.
Run: /usr/bin/python3 tools/make_onnx_reference.py
"""
import json
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "onnx")
BAD = os.path.join(OUT, "bad")
OPSET = 13


def export(name, module, x):
    module.eval()
    path = os.path.join(OUT, name + ".onnx")
    with torch.no_grad():
        y = module(x)
        torch.onnx.export(module, x, path, opset_version=OPSET, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, do_constant_folding=True)
    np.save(os.path.join(OUT, name + "_input.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(OUT, name + "_output.npy"), y.numpy().astype(np.float32))
    onnx.checker.check_model(onnx.load(path))
    return path


def randomize_batchnorm(bn, generator):
    with torch.no_grad():
        c = bn.num_features
        bn.weight.copy_(torch.rand(c, generator=generator) + 0.5)
        bn.bias.copy_(torch.randn(c, generator=generator) * 0.3)
        bn.running_mean.copy_(torch.randn(c, generator=generator) * 0.2)
        bn.running_var.copy_(torch.rand(c, generator=generator) + 0.5)


class MatMulReshape(torch.nn.Module):
    """x @ W + b (MatMul + Add), BatchNorm1d, then a Reshape to images and a convolution."""

    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.randn(6, 32) * 0.4)
        self.b = torch.nn.Parameter(torch.randn(32) * 0.1)
        self.bn = torch.nn.BatchNorm1d(32)
        self.conv = torch.nn.Conv2d(2, 3, 3)
        self.fc = torch.nn.Linear(3 * 2 * 2, 4)

    def forward(self, x):
        h = torch.matmul(x, self.w) + self.b
        h = torch.tanh(self.bn(h))
        h = h.reshape(-1, 2, 4, 4)
        h = torch.sigmoid(self.conv(h))
        return self.fc(torch.flatten(h, 1))


def reference_models():
    torch.manual_seed(20261126)
    g = torch.Generator().manual_seed(7)

    mlp = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3), torch.nn.Softmax(dim=1))
    mlp_path = export("mlp", mlp, torch.randn(5, 4))

    cnn = torch.nn.Sequential(
        torch.nn.Conv2d(2, 4, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(4, 6, 3), torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(6 * 2 * 2, 5))
    export("cnn", cnn, torch.randn(3, 2, 8, 8))

    # Stride 2 with padding 1 on 9x9 is TensorFlow's "same"; BatchNorm with moved statistics, each
    # after an activation (the exporter folds a BatchNorm that follows a Conv into the Conv).
    # count_include_pad=False: with True, PyTorch exports AvgPool2d as a Pad and an AveragePool.
    bn1, bn2 = torch.nn.BatchNorm2d(4), torch.nn.BatchNorm2d(5)
    randomize_batchnorm(bn1, g)
    randomize_batchnorm(bn2, g)
    cnn_bn = torch.nn.Sequential(
        torch.nn.Conv2d(3, 4, 3, stride=2, padding=1), torch.nn.ReLU(), bn1,
        torch.nn.AvgPool2d(2, count_include_pad=False), torch.nn.Conv2d(4, 5, 1), torch.nn.Tanh(), bn2,
        torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Linear(5, 3), torch.nn.Sigmoid())
    export("cnn_bn", cnn_bn, torch.randn(4, 3, 9, 9))

    mm = MatMulReshape()
    randomize_batchnorm(mm.bn, g)
    export("matmul_reshape", mm, torch.randn(3, 6))

    # The MLP again with its weights in mlp_external.data (offsets and lengths written by onnx).
    model = onnx.load(mlp_path)
    data_path = os.path.join(OUT, "mlp_external.data")
    if os.path.exists(data_path):
        os.remove(data_path)  # onnx appends to an existing data file
    onnx.save_model(model, os.path.join(OUT, "mlp_external.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="mlp_external.data", size_threshold=0)

    # Playground "gauss": label 1 around (2, 2), 0 around (-2, -2); logits (relu(-x-y), relu(x+y)).
    gauss = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU(), torch.nn.Linear(2, 2),
                                torch.nn.Softmax(dim=1))
    with torch.no_grad():
        gauss[0].weight.copy_(torch.tensor([[1.0, 1.0], [-1.0, -1.0]]))
        gauss[0].bias.zero_()
        gauss[2].weight.copy_(torch.tensor([[0.0, 1.0], [1.0, 0.0]]))
        gauss[2].bias.zero_()
    export("gauss_mlp", gauss, torch.tensor([[2.0, 2.0], [-2.0, -1.0]]))


def graph_model(nodes, inputs, outputs, initializers, name, opset=OPSET, extra_opsets=()):
    graph = helper.make_graph(nodes, name, inputs, outputs, initializer=initializers)
    opsets = [helper.make_opsetid("", opset)] + list(extra_opsets)
    return helper.make_model(graph, producer_name="make_onnx_reference.py", opset_imports=opsets)


def float_input(name, *dims):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, list(dims))


def helper_models():
    """Graphs PyTorch does not write: Constant value_ints (opset 12) and a Softmax before opset 13; NumPy reference."""
    rng = np.random.default_rng(11)
    x = rng.standard_normal((4, 8)).astype(np.float32)
    w = rng.standard_normal((3, 2)).astype(np.float32)
    c = rng.standard_normal(3).astype(np.float32)
    nodes = [helper.make_node("Constant", [], ["shape"], name="shape_const", value_ints=[0, 2, 2, 2]),
             helper.make_node("Reshape", ["x", "shape"], ["r"], name="to_images"),
             helper.make_node("MaxPool", ["r"], ["p"], name="pool", kernel_shape=[2, 2], strides=[2, 2]),
             helper.make_node("Flatten", ["p"], ["f"], name="flat"),
             helper.make_node("Gemm", ["f", "W", "C"], ["g"], name="fc", transB=1, alpha=0.5, beta=2.0),
             helper.make_node("Softmax", ["g"], ["y"], name="probs")]
    model = graph_model(nodes, [float_input("x", "n", 8)], [float_input("y", "n", 3)],
                        [numpy_helper.from_array(w, "W"), numpy_helper.from_array(c, "C")], "value_ints", opset=12)
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, "value_ints.onnx"))
    pooled = x.reshape(4, 2, 2, 2).astype(np.float64).max(axis=(2, 3))
    g = 0.5 * pooled @ w.T.astype(np.float64) + 2.0 * c
    e = np.exp(g - g.max(axis=1, keepdims=True))
    np.save(os.path.join(OUT, "value_ints_input.npy"), x)
    np.save(os.path.join(OUT, "value_ints_output.npy"), (e / e.sum(axis=1, keepdims=True)).astype(np.float32))


def typed_model():
    values = [1.5, -2.0, 3.25, 0.0078125, 0.0, -0.5]  # exact in float16 and bfloat16
    ints = [3, -7, 0, 100, -128, 127]
    inits, expected = [], {}

    def add(name, dtype, vals, raw=False, dims=(2, 3)):
        if raw:
            np_type = {TensorProto.FLOAT16: np.float16, TensorProto.FLOAT: np.float32,
                       TensorProto.INT16: np.int16, TensorProto.UINT16: np.uint16}[dtype]
            t = numpy_helper.from_array(np.array(vals, dtype=np_type).reshape(dims), name)
        else:
            t = helper.make_tensor(name, dtype, list(dims), vals)
        inits.append(t)
        expected[name] = [float(v) for v in vals]

    add("float_data", TensorProto.FLOAT, values)
    add("double_data", TensorProto.DOUBLE, values)
    add("float16_int32_data", TensorProto.FLOAT16, np.array(values, dtype=np.float16))
    add("bfloat16_int32_data", TensorProto.BFLOAT16, values)
    add("float16_raw", TensorProto.FLOAT16, values, raw=True)
    add("int8_int32_data", TensorProto.INT8, ints)
    add("int16_raw", TensorProto.INT16, ints, raw=True)
    add("int32_data", TensorProto.INT32, ints)
    add("int64_data", TensorProto.INT64, ints)
    add("uint8_int32_data", TensorProto.UINT8, [3, 7, 0, 100, 128, 255])
    add("uint16_raw", TensorProto.UINT16, [3, 7, 0, 100, 128, 65535], raw=True)
    add("uint32_uint64_data", TensorProto.UINT32, [3, 7, 0, 100, 128, 4000000])
    add("uint64_data", TensorProto.UINT64, [3, 7, 0, 100, 128, 4000000])
    add("bool_int32_data", TensorProto.BOOL, [True, False, True, True, False, False])
    add("scalar", TensorProto.FLOAT, [42.0], dims=())
    add("empty", TensorProto.FLOAT, [], dims=(0, 3))
    # A string initializer cannot be shown as numbers: listed as a warning, left out.
    inits.append(helper.make_tensor("strings", TensorProto.STRING, [2], [b"a", b"b"]))
    nodes = [helper.make_node("Identity", ["x"], ["y"], name="pass_through")]
    model = graph_model(nodes, [float_input("x", "batch", 3)], [float_input("y", "batch", 3)], inits, "typed")
    model.doc_string = "initializers in every typed field"
    helper.set_model_props(model, {"author": "Weightscope tests", "license": "CC0-1.0"})
    onnx.save(model, os.path.join(OUT, "typed.onnx"))
    with open(os.path.join(OUT, "typed_expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


def unsupported_models():
    rng = np.random.default_rng(3)
    w = numpy_helper.from_array(rng.standard_normal((1, 16, 3)).astype(np.float32), "W")
    r = numpy_helper.from_array(rng.standard_normal((1, 16, 4)).astype(np.float32), "R")
    nodes = [helper.make_node("Relu", ["x"], ["h"], name="relu_in"),
             helper.make_node("LSTM", ["h", "W", "R"], ["y"], name="the_lstm", hidden_size=4)]
    model = graph_model(nodes, [float_input("x", 5, 2, 3)], [float_input("y", 5, 1, 2, 4)], [w, r], "lstm")
    onnx.save(model, os.path.join(OUT, "lstm.onnx"))

    nodes = [helper.make_node("Relu", ["x"], ["h"], name="relu_in"),
             helper.make_node("Frobnicate", ["h"], ["y"], name="mystery", domain="com.example.custom", strength=3)]
    model = graph_model(nodes, [float_input("x", 2, 3)], [float_input("y", 2, 3)], [], "custom",
                        extra_opsets=[helper.make_opsetid("com.example.custom", 1)])
    onnx.save(model, os.path.join(OUT, "custom_op.onnx"))

    # Padding 2 around a 3x3 kernel is neither "valid" nor "same".
    k = numpy_helper.from_array(rng.standard_normal((2, 1, 3, 3)).astype(np.float32), "K")
    nodes = [helper.make_node("Conv", ["x", "K"], ["y"], name="wide_pad", pads=[2, 2, 2, 2])]
    model = graph_model(nodes, [float_input("x", "n", 1, 5, 5)], [float_input("y", "n", 2, 7, 7)], [k], "pads")
    onnx.save(model, os.path.join(OUT, "conv_pads.onnx"))

    # A Reshape that moves data between samples: (n, 8) -> (2, -1).
    shape = numpy_helper.from_array(np.array([2, -1], dtype=np.int64), "shape")
    nodes = [helper.make_node("Reshape", ["x", "shape"], ["y"], name="mix_batch")]
    model = graph_model(nodes, [float_input("x", "n", 8)], [float_input("y", 2, None)], [shape], "reshape")
    onnx.save(model, os.path.join(OUT, "reshape_batch.onnx"))

    # y = relu(x) + x: not a chain.
    nodes = [helper.make_node("Relu", ["x"], ["h"], name="relu_in"),
             helper.make_node("Add", ["h", "x"], ["y"], name="residual_add")]
    model = graph_model(nodes, [float_input("x", 2, 3)], [float_input("y", 2, 3)], [], "residual")
    onnx.save(model, os.path.join(OUT, "residual.onnx"))


class ResidualNet(torch.nn.Module):
    """A residual block and PyTorch's usual flatten, y.view(y.size(0), -1): exported with a dynamic
    batch, the view becomes Shape, Gather, Unsqueeze, Concat and Reshape (the architecture view
    folds the shape nodes away and draws the skip connection)."""

    def __init__(self):
        super().__init__()
        self.stem = torch.nn.Conv2d(1, 4, 3, padding=1)
        self.conv1 = torch.nn.Conv2d(4, 4, 3, padding=1)
        self.conv2 = torch.nn.Conv2d(4, 4, 3, padding=1)
        self.fc = torch.nn.Linear(4 * 4 * 4, 3)

    def forward(self, x):
        h = torch.relu(self.stem(x))
        y = torch.relu(self.conv2(torch.relu(self.conv1(h))) + h)
        return self.fc(y.view(y.size(0), -1))


def architecture_models():
    torch.manual_seed(7)
    module = ResidualNet().eval()
    path = os.path.join(OUT, "residual_cnn.onnx")
    with torch.no_grad():
        torch.onnx.export(module, torch.randn(2, 1, 4, 4), path, opset_version=OPSET, input_names=["input"],
                          output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    onnx.checker.check_model(onnx.load(path))


def bad_files():
    os.makedirs(BAD, exist_ok=True)

    def one_tensor(name, tensor):
        nodes = [helper.make_node("Identity", ["x"], ["y"], name="id")]
        model = graph_model(nodes, [float_input("x", 1)], [float_input("y", 1)], [tensor], "bad")
        onnx.save(model, os.path.join(BAD, name))

    def raw(name, dims, nbytes, dtype=TensorProto.FLOAT):
        t = TensorProto()
        t.name = name
        t.data_type = dtype
        t.dims.extend(dims)
        t.raw_data = bytes(range(nbytes % 256)) * (nbytes // 256) + bytes(nbytes % 256)
        return t

    def external(name, location, offset=None, length=None, dims=(4,)):
        t = TensorProto()
        t.name = name
        t.data_type = TensorProto.FLOAT
        t.dims.extend(dims)
        t.data_location = TensorProto.EXTERNAL
        for key, value in (("location", location), ("offset", offset), ("length", length)):
            if value is not None:
                e = t.external_data.add()
                e.key, e.value = key, str(value)
        return t

    with open(os.path.join(OUT, "mlp.onnx"), "rb") as f:
        mlp = f.read()
    with open(os.path.join(BAD, "truncated.onnx"), "wb") as f:
        f.write(mlp[: len(mlp) // 2])
    with open(os.path.join(BAD, "empty.onnx"), "wb"):
        pass
    with open(os.path.join(BAD, "not_protobuf.onnx"), "wb") as f:
        f.write(b"This is a text file that someone renamed to .onnx.\n" * 3)
    with open(os.path.join(BAD, "small.data"), "wb") as f:  # 16 bytes beside the bad models
        f.write(np.arange(4, dtype=np.float32).tobytes())

    one_tensor("short_raw_data.onnx", raw("w", [4, 4], 40))
    one_tensor("negative_dims.onnx", raw("w", [-1, 4], 16))
    one_tensor("absurd_dims.onnx", raw("w", [1 << 40, 1 << 40, 1 << 40], 16))  # product overflows 64 bits
    one_tensor("huge_dims.onnx", raw("w", [1 << 30, 1 << 20], 16))  # addressable, but not in this file
    t = helper.make_tensor("w", TensorProto.FLOAT, [2], [1.0, 2.0])
    t.dims[0] = 5  # float_data holds 2 values, dims say 5
    one_tensor("typed_count.onnx", t)
    one_tensor("escape_external.onnx", external("w", "../../etc/passwd"))
    one_tensor("absolute_external.onnx", external("w", "/etc/passwd"))
    one_tensor("offset_past_end.onnx", external("w", "small.data", offset=1000))
    one_tensor("range_past_end.onnx", external("w", "small.data", offset=8))  # 16 bytes from 8 of 16
    one_tensor("length_mismatch.onnx", external("w", "small.data", length=12))
    one_tensor("missing_external.onnx", external("w", "no_such_file.data"))
    one_tensor("bad_offset_text.onnx", external("w", "small.data", offset="-8"))
    model = onnx.ModelProto()  # parses, but holds no graph
    model.producer_name = "nobody"
    with open(os.path.join(BAD, "no_graph.onnx"), "wb") as f:
        f.write(model.SerializeToString())


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    reference_models()
    helper_models()
    typed_model()
    unsupported_models()
    architecture_models()
    bad_files()
    print("wrote", OUT)
