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
  - residual_view.onnx: torch.onnx.export of a residual block and y.view(y.size(0), -1) (dynamic
    batch: Shape, Gather, Unsqueeze, Concat nodes), for the architecture view; the graph only.
  - bad/*.onnx: hostile files; each must be refused with a FormatError naming the file.
  - Graphs (#16), written by `--graphs` alone so that the files above stay byte-identical:
    view_cnn.onnx (x.view(-1, 1, 8, 8) and x.view(x.size(0), -1), dynamic batch), residual_cnn.onnx
    (y = y + relu(conv(y)), a ResNet BasicBlock with its strided 1x1 downsample), resnet_stem.onnx
    (7x7 s2 p3 conv, 3x3 s2 p1 max pooling, two BasicBlocks, global pooling, fc),
    mobilenet_block.onnx (opset 17) and mobilenet_block_op13.onnx (the same module at opset 13):
    depthwise convolutions, squeeze-excitation, Hardswish, Hardsigmoid, ReLU6; all torch.onnx.export
    with PyTorch's outputs. shape_arith.onnx (onnx.helper, NumPy reference): Shape, Gather, Slice,
    Mod, Div, Equal, Where, Range, ConstantOfShape, Cast, Unsqueeze, Concat folded into a Reshape,
    then Mul and Sub with constants. cycle.onnx, dangling.onnx, odd_groups.onnx, grouped.onnx,
    negative_pads.onnx, many_missing.onnx, batch_arith.onnx: graphs refused by name.
  - `--torchvision DIR` (not committed: megabytes): torchvision's resnet18 and mobilenet_v3_small
    with random weights in eval mode, opset 17, and a 1x3x224x224 input and PyTorch's output, for
    the test that reads WS_TORCHVISION_DIR.
  - Transformers and pooling (#16): encoder_layer_op13/op17 (nn.TransformerEncoderLayer, d_model 32,
    4 heads, batch_first, between two Linear layers; encoder_layer_fixed_batch: exported for a
    fixed batch of 3) and encoder2_gelu_op13/op17 (a 2-layer
    nn.TransformerEncoder with GELU), exported with autograd on (the fused fast path does not
    export); split_attention.onnx (Split, batched MatMul, ReduceSum, ReduceMean, Pow, Sqrt);
    pools.onnx (AvgPool2d/MaxPool2d with ceil_mode, padding, count_include_pad both ways);
    asym_pools.onnx (onnx.helper: asymmetric pads; PyTorch's F.pad + pooling as reference);
    gelu_op20.onnx (onnx.helper: the Gelu operator of opset 20; PyTorch's exact GELU).
  - Attention masks (#16), written by `--masks` alone: encoder_padmask_op13/op17 (a 2-layer
    nn.TransformerEncoder whose src_key_padding_mask marks the all-zero time steps of the input:
    Equal, Expand, Cast, Where of activations), encoder_causal_op13/op17 (the same with a causal
    mask from Range and Greater, Or-ed with the padding mask), gpt_block_op13/op17 (a GPT-2
    style block: one qkv Linear split in three, masked_fill of the scores with a causal buffer
    (Where of a constant), GELU approximate="tanh", written as Mul/Pow/Tanh at these opsets),
    gelu_tanh_op20.onnx (onnx.helper: Gelu approximate="tanh" of opset 20; PyTorch's as
    reference); bad/mask_*.onnx: hostile uses of Expand, Where, Cast and Gelu, refused by name.
  - A mask as a second graph input (#16), written by `--inputs` alone: encoder_maskinput_op13/op17
    (the 2-layer encoder of encoder_padmask called with src_key_padding_mask as a bool input
    "mask" beside "src"), with encoder_maskinput_src.npy, encoder_maskinput_mask.npy (three
    sequences, padded at their ends) and PyTorch's outputs; bad/maskinput_rank.onnx: a mask input
    of rank 3 used against rank 2 (the batch would meet another axis); bad/maskinput_int.onnx: an
    INT64 second input; bad/maskinput_mask_3d.npy: the mask as (3, 1, 6), which predict refuses.
  - Shapes (#16 item 7), written by `--shapes` alone from the committed --graphs files:
    graph_shapes.json, PyTorch's output shape of every Conv2d, Linear and MaxPool2d of
    residual_cnn, resnet_stem and mobilenet_block by the ONNX node made of it.
Run: /usr/bin/python3 tools/make_onnx_reference.py [--graphs | --masks | --inputs | --shapes | --torchvision DIR]
"""
import json
import math
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "onnx")
BAD = os.path.join(OUT, "bad")
OPSET = 13


def export(name, module, x, opset=OPSET, out=OUT, grad=False, dynamic=True):
    """`grad`: export with autograd on (nn.TransformerEncoderLayer takes a fused fast path without
    it, which torch.onnx cannot export; with it PyTorch runs the layer-by-layer path).
    `dynamic`: the batch axis is a named dimension (else fixed, and torch.onnx folds the shapes)."""
    module.eval()
    path = os.path.join(out, name + ".onnx")
    with torch.set_grad_enabled(grad):
        y = module(x)
        torch.onnx.export(module, x, path, opset_version=opset, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}} if dynamic else None,
                          do_constant_folding=True)
    np.save(os.path.join(out, name + "_input.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(out, name + "_output.npy"), y.detach().numpy().astype(np.float32))
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
    path = os.path.join(OUT, "residual_view.onnx")
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


class ViewCnn(torch.nn.Module):
    """A flat input viewed as images, and flattened again with x.view(x.size(0), -1) (#16)."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 4, 3, padding=1)
        self.fc = torch.nn.Linear(4 * 4 * 4, 3)

    def forward(self, x):
        x = x.view(-1, 1, 8, 8)
        x = torch.max_pool2d(torch.relu(self.conv(x)), 2)
        x = x.view(x.size(0), -1)
        return self.fc(x)


class BasicBlock(torch.nn.Module):
    """torchvision's ResNet BasicBlock: conv-bn-relu-conv-bn, plus the input (through a strided 1x1
    conv and BatchNorm when the shape changes), then relu."""

    def __init__(self, cin, cout, stride, generator):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(cout)
        self.conv2 = torch.nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = torch.nn.Sequential(torch.nn.Conv2d(cin, cout, 1, stride, bias=False),
                                                  torch.nn.BatchNorm2d(cout))
        for m in self.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                randomize_batchnorm(m, generator)

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        y = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(self.conv2(y)) + identity)


class ResidualCnn(torch.nn.Module):
    """y = y + relu(conv(y)), then a BasicBlock with the strided downsample; no stem padding."""

    def __init__(self, generator):
        super().__init__()
        self.conv0 = torch.nn.Conv2d(2, 4, 3, padding=1)
        self.conv1 = torch.nn.Conv2d(4, 4, 3, padding=1)
        self.block = BasicBlock(4, 6, 2, generator)
        self.fc = torch.nn.Linear(6, 3)

    def forward(self, x):
        y = torch.relu(self.conv0(x))
        y = y + torch.relu(self.conv1(y))
        y = self.block(y)
        return self.fc(torch.flatten(torch.nn.functional.adaptive_avg_pool2d(y, 1), 1))


class ResNetStem(torch.nn.Module):
    """ResNet's stem (7x7 s2 p3 conv, BatchNorm, relu, 3x3 s2 p1 max pooling), two BasicBlocks,
    AdaptiveAvgPool2d(1) and the classifier."""

    def __init__(self, generator):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(3, 8, 7, 2, 3, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(8)
        randomize_batchnorm(self.bn1, generator)
        self.pool = torch.nn.MaxPool2d(3, 2, 1)
        self.layer1 = BasicBlock(8, 8, 1, generator)
        self.layer2 = BasicBlock(8, 12, 2, generator)
        self.avgpool = torch.nn.AdaptiveAvgPool2d(1)
        self.fc = torch.nn.Linear(12, 5)

    def forward(self, x):
        x = self.pool(torch.relu(self.bn1(self.conv1(x))))
        x = self.layer2(self.layer1(x))
        return self.fc(torch.flatten(self.avgpool(x), 1))


class SqueezeExcitation(torch.nn.Module):
    def __init__(self, c, squeeze):
        super().__init__()
        self.fc1 = torch.nn.Conv2d(c, squeeze, 1)
        self.fc2 = torch.nn.Conv2d(squeeze, c, 1)

    def forward(self, x):
        s = torch.nn.functional.adaptive_avg_pool2d(x, 1)
        s = torch.nn.functional.hardsigmoid(self.fc2(torch.relu(self.fc1(s))))
        return x * s  # (C, H, W) times (C, 1, 1)


def conv_bn(cin, cout, k, stride, groups, act, generator):
    bn = torch.nn.BatchNorm2d(cout)
    randomize_batchnorm(bn, generator)
    layers = [torch.nn.Conv2d(cin, cout, k, stride, (k - 1) // 2, groups=groups, bias=False), bn]
    if act is not None:
        layers.append(act)
    return torch.nn.Sequential(*layers)


class MobileNetBlock(torch.nn.Module):
    """MobileNetV3's pieces, small: a Hardswish stem, a depthwise block with squeeze-excitation,
    an inverted residual with a 5x5 s2 depthwise conv and ReLU6, one with a residual Add, and the
    Hardswish classifier."""

    def __init__(self, generator):
        super().__init__()
        self.stem = conv_bn(3, 8, 3, 2, 1, torch.nn.Hardswish(), generator)
        self.dw = conv_bn(8, 8, 3, 1, 8, torch.nn.ReLU(), generator)
        self.se = SqueezeExcitation(8, 4)
        self.project = conv_bn(8, 8, 1, 1, 1, None, generator)
        self.expand = conv_bn(8, 16, 1, 1, 1, torch.nn.ReLU6(), generator)
        self.dw2 = conv_bn(16, 32, 5, 2, 16, torch.nn.Hardswish(), generator)  # depth multiplier 2
        self.project2 = conv_bn(32, 12, 1, 1, 1, None, generator)
        self.dw3 = conv_bn(12, 12, 3, 1, 12, torch.nn.ReLU6(), generator)
        self.head = torch.nn.Sequential(torch.nn.Linear(12, 16), torch.nn.Hardswish(), torch.nn.Dropout(0.2),
                                        torch.nn.Linear(16, 4))

    def forward(self, x):
        x = self.stem(x)
        x = self.project(self.se(self.dw(x)))
        y = self.project2(self.dw2(self.expand(x)))
        y = y + self.dw3(y)
        return self.head(torch.flatten(torch.nn.functional.adaptive_avg_pool2d(y, 1), 1))


def graph_reference_models():
    torch.manual_seed(1616)
    g = torch.Generator().manual_seed(16)
    export("view_cnn", ViewCnn(), torch.randn(3, 64))
    export("residual_cnn", ResidualCnn(g), torch.randn(2, 2, 8, 8))
    export("resnet_stem", ResNetStem(g), torch.randn(2, 3, 32, 32))
    mobile = MobileNetBlock(g)
    x = torch.randn(2, 3, 24, 24)
    export("mobilenet_block", mobile, x, opset=17)
    export("mobilenet_block_op13", mobile, x, opset=13)


class Encoder(torch.nn.Module):
    """Linear(8, 32), nn.TransformerEncoderLayer(d_model=32, nhead=4, dim_feedforward=64,
    batch_first=True) (`layers` = 1) or an nn.TransformerEncoder of `layers` of them, Linear(32, 5)."""

    def __init__(self, layers, activation):
        super().__init__()
        self.embed = torch.nn.Linear(8, 32)
        block = torch.nn.TransformerEncoderLayer(d_model=32, nhead=4, dim_feedforward=64, batch_first=True,
                                                 activation=activation)
        self.encoder = block if layers == 1 else torch.nn.TransformerEncoder(block, layers)
        self.head = torch.nn.Linear(32, 5)

    def forward(self, x):
        return self.head(self.encoder(self.embed(x)))


def transformer_models():
    """nn.TransformerEncoderLayer (ReLU) and a 2-layer nn.TransformerEncoder (exact GELU: Erf) at
    opsets 13 (layer norm as ReduceMean, Sub, Pow, Sqrt, Div) and 17 (LayerNormalization)."""
    torch.manual_seed(1617)
    for name, layers, activation in (("encoder_layer", 1, "relu"), ("encoder2_gelu", 2, "gelu")):
        model = Encoder(layers, activation)
        x = torch.randn(3, 6, 8)
        for opset in (13, 17):
            export(f"{name}_op{opset}", model, x, opset=opset, grad=True)
        if layers == 1:  # a fixed batch of 3: the reshapes' targets are plain numbers
            export(f"{name}_fixed_batch", model, x, opset=17, grad=True, dynamic=False)


class Pools(torch.nn.Module):
    """Pooling variants side by side, each flattened: AvgPool2d with ceil_mode and padding, counting
    the padding or not, rectangular windows, MaxPool2d with ceil_mode with and without padding."""

    def __init__(self):
        super().__init__()
        self.pools = torch.nn.ModuleList([
            torch.nn.AvgPool2d(3, 2, padding=1, ceil_mode=True, count_include_pad=True),
            torch.nn.AvgPool2d(3, 2, padding=1, ceil_mode=True, count_include_pad=False),
            torch.nn.AvgPool2d(2, 2, padding=1, count_include_pad=False),
            torch.nn.AvgPool2d((3, 2), (2, 3), padding=(1, 0), ceil_mode=True, count_include_pad=True),
            torch.nn.AvgPool2d(3, 3, ceil_mode=True),
            torch.nn.MaxPool2d(3, 2, padding=1, ceil_mode=True),
            torch.nn.MaxPool2d(2, 2, ceil_mode=True),
        ])

    def forward(self, x):
        return torch.cat([torch.flatten(p(x), 1) for p in self.pools], 1)


class SplitAttention(torch.nn.Module):
    """x.split() into q, k, v (Split), softmax(q k^T / 2) v (batched MatMul), plus the norm of each
    row (Pow, ReduceSum, Sqrt) and its mean (ReduceMean)."""

    def forward(self, x):
        q, k, v = x.split(4, dim=-1)
        a = torch.softmax(q @ k.transpose(1, 2) / 2, dim=-1) @ v
        return a + torch.sqrt(x.pow(2).sum(-1, keepdim=True)) - x.mean(-1, keepdim=True)


def pooling_models():
    torch.manual_seed(1618)
    export("pools", Pools(), torch.randn(2, 3, 9, 8))
    export("split_attention", SplitAttention(), torch.randn(3, 5, 12))
    # Asymmetric pads (PyTorch's pooling pads both sides alike): onnx.helper, PyTorch reference.
    x = torch.randn(2, 3, 7, 6)
    nodes = [helper.make_node("AveragePool", ["x"], ["a"], name="avg_counted", kernel_shape=[3, 3], strides=[2, 2],
                              pads=[0, 1, 1, 0], count_include_pad=1),
             helper.make_node("AveragePool", ["x"], ["b"], name="avg_inside", kernel_shape=[3, 3], strides=[2, 2],
                              pads=[0, 1, 1, 0]),
             helper.make_node("MaxPool", ["x"], ["c"], name="max_asym", kernel_shape=[2, 2], strides=[1, 1],
                              pads=[1, 0, 0, 1])]
    nodes += [helper.make_node("Flatten", [v], [v + "f"], name="flat_" + v) for v in "abc"]
    nodes.append(helper.make_node("Concat", ["af", "bf", "cf"], ["y"], name="join", axis=1))
    model = graph_model(nodes, [float_input("x", "n", 3, 7, 6)], [float_input("y", "n", None)], [], "asym_pools")
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, "asym_pools.onnx"))
    f = torch.nn.functional
    padded = f.pad(x, (1, 0, 0, 1))  # (left, right, top, bottom)
    counted = f.avg_pool2d(padded, 3, 2)
    inside = counted / f.avg_pool2d(f.pad(torch.ones_like(x), (1, 0, 0, 1)), 3, 2)
    biggest = f.max_pool2d(f.pad(x, (0, 1, 1, 0), value=float("-inf")), 2, 1)
    y = torch.cat([t.flatten(1) for t in (counted, inside, biggest)], 1)
    np.save(os.path.join(OUT, "asym_pools_input.npy"), x.numpy())
    np.save(os.path.join(OUT, "asym_pools_output.npy"), y.numpy())
    # Gelu is an operator from opset 20, which this onnx (1.12) cannot check: not checked.
    model = graph_model([helper.make_node("Gelu", ["x"], ["y"], name="gelu")], [float_input("x", "n", 7)],
                        [float_input("y", "n", 7)], [], "gelu", opset=20)
    onnx.save(model, os.path.join(OUT, "gelu_op20.onnx"))
    x = torch.linspace(-4, 4, 21).reshape(3, 7)
    np.save(os.path.join(OUT, "gelu_op20_input.npy"), x.numpy())
    np.save(os.path.join(OUT, "gelu_op20_output.npy"), torch.nn.functional.gelu(x).numpy())


def int_const(name, values, node_name):
    return helper.make_node("Constant", [], [name], name=node_name,
                            value=numpy_helper.from_array(np.array(values, dtype=np.int64), name))


def shape_arith_model():
    """Shape arithmetic of the kinds exporters write, folded into Reshape's target [N, 2, 6]."""
    big = np.iinfo(np.int64).max
    nodes = [helper.make_node("Shape", ["x"], ["s"], name="shape"),
             int_const("i0", 0, "c_i0"), int_const("i1", 1, "c_i1"), int_const("five", 5, "c_five"),
             int_const("two", 2, "c_two"), int_const("starts", [1], "c_starts"), int_const("ends", [big], "c_ends"),
             int_const("zero_axes", [0], "c_axes"),
             helper.make_node("Gather", ["s", "i0"], ["n"], name="batch", axis=0),
             helper.make_node("Slice", ["s", "starts", "ends"], ["tail"], name="tail"),
             helper.make_node("Squeeze", ["tail", "zero_axes"], ["f"], name="features"),
             helper.make_node("Mod", ["f", "five"], ["m"], name="mod"),                 # 12 % 5 = 2
             helper.make_node("Div", ["f", "m"], ["q"], name="div"),                    # 12 / 2 = 6
             helper.make_node("Cast", ["q"], ["qf"], name="to_float", to=TensorProto.FLOAT),
             helper.make_node("Cast", ["qf"], ["qi"], name="to_int", to=TensorProto.INT64),
             helper.make_node("Equal", ["m", "two"], ["eq"], name="equal"),
             helper.make_node("Where", ["eq", "m", "f"], ["rows"], name="where"),       # 2
             helper.make_node("Unsqueeze", ["n", "zero_axes"], ["n1"], name="n1"),
             helper.make_node("Unsqueeze", ["rows", "zero_axes"], ["r1"], name="r1"),
             helper.make_node("Unsqueeze", ["qi", "zero_axes"], ["q1"], name="q1"),
             helper.make_node("Concat", ["n1", "r1", "q1"], ["target"], name="target", axis=0),
             helper.make_node("Reshape", ["x", "target"], ["r"], name="reshape"),
             helper.make_node("Range", ["i0", "rows", "i1"], ["idx"], name="range"),   # [0, 1]
             helper.make_node("Shape", ["idx"], ["len"], name="range_length"),
             helper.make_node("Concat", ["len", "i1_list"], ["scale_shape"], name="scale_shape", axis=0),
             helper.make_node("ConstantOfShape", ["scale_shape"], ["ones"], name="ones",
                              value=helper.make_tensor("v", TensorProto.FLOAT, [1], [1.5])),
             helper.make_node("Mul", ["r", "ones"], ["scaled"], name="scale"),          # (2, 1) broadcast
             helper.make_node("Sub", ["half", "scaled"], ["y"], name="half_minus")]
    inits = [numpy_helper.from_array(np.array([1], dtype=np.int64), "i1_list"),
             numpy_helper.from_array(np.array(0.5, dtype=np.float32), "half")]
    model = graph_model(nodes, [float_input("x", "n", 12)], [float_input("y", "n", 2, 6)], inits, "shape_arith")
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, "shape_arith.onnx"))
    x = np.random.default_rng(16).standard_normal((3, 12)).astype(np.float32)
    np.save(os.path.join(OUT, "shape_arith_input.npy"), x)
    np.save(os.path.join(OUT, "shape_arith_output.npy"), (0.5 - x.reshape(3, 2, 6) * 1.5).astype(np.float32))


def graph_refusals():
    rng = np.random.default_rng(1616)
    # a and b read each other.
    nodes = [helper.make_node("Relu", ["b"], ["a"], name="loop_a"), helper.make_node("Relu", ["a"], ["b"], name="loop_b"),
             helper.make_node("Add", ["x", "a"], ["y"], name="join")]
    onnx.save(graph_model(nodes, [float_input("x", "n", 3)], [float_input("y", "n", 3)], [], "cycle"),
              os.path.join(OUT, "cycle.onnx"))
    nodes = [helper.make_node("Add", ["x", "nowhere"], ["y"], name="reads_nothing")]
    onnx.save(graph_model(nodes, [float_input("x", "n", 3)], [float_input("y", "n", 3)], [], "dangling"),
              os.path.join(OUT, "dangling.onnx"))
    for name, group, node_name in (("odd_groups", 3, "odd_groups"), ("grouped", 2, "two_groups")):
        k = numpy_helper.from_array(rng.standard_normal((4, 4 // group if group == 2 else 1, 3, 3)).astype(np.float32), "K")
        nodes = [helper.make_node("Conv", ["x", "K"], ["y"], name=node_name, group=group, pads=[1, 1, 1, 1])]
        onnx.save(graph_model(nodes, [float_input("x", "n", 4, 5, 5)], [float_input("y", "n", 4, 5, 5)], [k], name),
                  os.path.join(OUT, name + ".onnx"))
    k = numpy_helper.from_array(rng.standard_normal((2, 1, 3, 3)).astype(np.float32), "K")
    nodes = [helper.make_node("Conv", ["x", "K"], ["y"], name="crop", pads=[-1, 0, 0, 0])]
    onnx.save(graph_model(nodes, [float_input("x", "n", 1, 5, 5)], [float_input("y", "n", 2, 2, 3)], [k], "negpads"),
              os.path.join(OUT, "negative_pads.onnx"))
    # Three operators the engine lacks, the first in graph order an Acosh.
    nodes = [helper.make_node("Acosh", ["x"], ["e"], name="first_missing"),
             helper.make_node("Relu", ["e"], ["r"], name="relu"),
             helper.make_node("Frobnicate", ["r"], ["f"], name="custom", domain="com.example.custom"),
             helper.make_node("Det", ["f"], ["y"], name="det")]
    onnx.save(graph_model(nodes, [float_input("x", "n", 3, 3)], [float_input("y", "n")], [], "missing",
                          extra_opsets=[helper.make_opsetid("com.example.custom", 1)]),
              os.path.join(OUT, "many_missing.onnx"))
    # Reshape to [N + 2, -1]: arithmetic on the batch size (N * 2 is a batch merged with an axis).
    nodes = [helper.make_node("Shape", ["x"], ["s"], name="shape"), int_const("i0", [0], "c_i0"),
             int_const("two", [2], "c_two"), int_const("rest", [-1], "c_rest"),
             helper.make_node("Gather", ["s", "i0"], ["n"], name="batch", axis=0),
             helper.make_node("Add", ["n", "two"], ["n2"], name="double_batch"),
             helper.make_node("Concat", ["n2", "rest"], ["target"], name="target", axis=0),
             helper.make_node("Reshape", ["x", "target"], ["y"], name="reshape")]
    onnx.save(graph_model(nodes, [float_input("x", "n", 4)], [float_input("y", None, None)], [], "batch_arith"),
              os.path.join(OUT, "batch_arith.onnx"))


def graph_bad_files():
    """Hostile attributes of the operators transformer graphs need (bad/graph_*.onnx): each must be
    refused naming the node, before anything runs."""
    os.makedirs(BAD, exist_ok=True)
    rng = np.random.default_rng(1619)

    def save(name, nodes, inits=(), in_dims=(6, 12), out_dims=(None, None)):
        model = graph_model(nodes, [float_input("x", "n", *in_dims)], [float_input("y", "n", *out_dims)], list(inits),
                            name)
        onnx.save(model, os.path.join(BAD, "graph_" + name + ".onnx"))

    save("perm_repeated", [helper.make_node("Transpose", ["x"], ["y"], name="t", perm=[0, 1, 1])])
    save("perm_short", [helper.make_node("Transpose", ["x"], ["y"], name="t", perm=[1, 0])])
    save("perm_out_of_range", [helper.make_node("Transpose", ["x"], ["y"], name="t", perm=[0, 2, 3])])
    sizes = lambda v: numpy_helper.from_array(np.array(v, dtype=np.int64), "sizes")
    save("split_sum", [helper.make_node("Split", ["x", "sizes"], ["y", "b", "c"], name="s", axis=2)],
         [sizes([4, 4, 5])])
    save("split_negative", [helper.make_node("Split", ["x", "sizes"], ["y", "b"], name="s", axis=2)], [sizes([-4, 16])])
    save("split_count", [helper.make_node("Split", ["x", "sizes"], ["y", "b"], name="s", axis=2)], [sizes([4, 4, 4])])
    save("split_axis", [helper.make_node("Split", ["x"], ["y", "b"], name="s", axis=5)])
    save("softmax_axis", [helper.make_node("Softmax", ["x"], ["y"], name="sm", axis=-4)])
    save("reduce_batch", [helper.make_node("ReduceMean", ["x"], ["y"], name="r", axes=[0])])
    save("reduce_axis", [helper.make_node("ReduceSum", ["x", "axes"], ["y"], name="r")],
         [numpy_helper.from_array(np.array([3], dtype=np.int64), "axes")])
    gamma = numpy_helper.from_array(np.ones(12, dtype=np.float32), "gamma")
    save("layernorm_axis", [helper.make_node("LayerNormalization", ["x", "gamma"], ["y"], name="ln", axis=3)], [gamma])
    save("layernorm_scale", [helper.make_node("LayerNormalization", ["x", "gamma"], ["y"], name="ln")],
         [numpy_helper.from_array(np.ones(5, dtype=np.float32), "gamma")])
    bounds = [numpy_helper.from_array(np.array([v], dtype=np.int64), n) for n, v in (("s", 0), ("e", 2), ("a", 9))]
    save("slice_axis", [helper.make_node("Slice", ["x", "s", "e", "a"], ["y"], name="sl")], bounds)
    save("matmul_mismatch", [helper.make_node("Transpose", ["x"], ["t"], name="t", perm=[0, 1, 2]),
                             helper.make_node("MatMul", ["x", "t"], ["y"], name="mm")])
    save("pow_tensor", [helper.make_node("Pow", ["x", "e"], ["y"], name="p")],
         [numpy_helper.from_array(rng.standard_normal(12).astype(np.float32), "e")])
    pads = numpy_helper.from_array(np.array([0, 0, -1, 0, 0, 0, 0, 0], dtype=np.int64), "pads")
    save("pad_negative", [helper.make_node("Pad", ["x", "pads"], ["y"], name="pad")], [pads], in_dims=(2, 5, 5),
         out_dims=(None, None, None))
    # The batch moved into the last axis and never back: the output is refused.
    save("batch_last", [helper.make_node("Transpose", ["x"], ["y"], name="t", perm=[1, 2, 0])])


class MaskedEncoder(torch.nn.Module):
    """Linear(8, 32), a 2-layer nn.TransformerEncoder (d_model 32, 4 heads, batch_first, GELU) and
    Linear(32, 5). Time steps whose 8 features are all zero are padding (src_key_padding_mask);
    `causal` adds the mask of later positions, built from the sequence length."""

    def __init__(self, causal):
        super().__init__()
        self.embed = torch.nn.Linear(8, 32)
        # GELU, not ReLU: the gradient test's central differences must not straddle a kink.
        block = torch.nn.TransformerEncoderLayer(d_model=32, nhead=4, dim_feedforward=64, batch_first=True,
                                                 activation="gelu")
        self.encoder = torch.nn.TransformerEncoder(block, 2)
        self.head = torch.nn.Linear(32, 5)
        self.causal = causal

    def forward(self, x):
        padding = (x * x).sum(-1) == 0
        mask = None
        if self.causal:
            i = torch.arange(x.shape[1])
            mask = i[None, :] > i[:, None]
        return self.head(self.encoder(self.embed(x), mask=mask, src_key_padding_mask=padding))


class GptBlock(torch.nn.Module):
    """A GPT-2 style block (nanoGPT's): LayerNorm, one Linear for q, k, v, 4 heads, scores
    masked_fill-ed with -inf above the diagonal of a registered causal buffer, softmax, the output
    projection and residual; LayerNorm, MLP with GELU approximate="tanh", residual."""

    def __init__(self, e=32, heads=4, block=16):
        super().__init__()
        self.ln1, self.ln2 = torch.nn.LayerNorm(e), torch.nn.LayerNorm(e)
        self.qkv, self.proj = torch.nn.Linear(e, 3 * e), torch.nn.Linear(e, e)
        self.fc, self.fc2 = torch.nn.Linear(e, 4 * e), torch.nn.Linear(4 * e, e)
        self.heads = heads
        self.register_buffer("bias", torch.tril(torch.ones(block, block)).view(1, 1, block, block))

    def forward(self, x):
        b, t, c = x.size()
        q, k, v = self.qkv(self.ln1(x)).split(c, dim=2)
        q, k, v = (z.view(b, t, self.heads, c // self.heads).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = torch.softmax(att.masked_fill(self.bias[:, :, :t, :t] == 0, float("-inf")), dim=-1)
        x = x + self.proj((att @ v).transpose(1, 2).contiguous().view(b, t, c))
        return x + self.fc2(torch.nn.functional.gelu(self.fc(self.ln2(x)), approximate="tanh"))


def mask_models():
    torch.manual_seed(1619)
    x = torch.randn(3, 6, 8)
    x[1, 4:] = 0  # the second sequence has 4 steps and 2 of padding, the third 5 and 1
    x[2, 5:] = 0
    for name, causal in (("encoder_padmask", False), ("encoder_causal", True)):
        model = MaskedEncoder(causal)
        for opset in (13, 17):
            export(f"{name}_op{opset}", model, x, opset=opset, grad=True)
    gpt = GptBlock()
    xg = torch.randn(3, 6, 32)
    for opset in (13, 17):
        export(f"gpt_block_op{opset}", gpt, xg, opset=opset)
    # Gelu with approximate="tanh" (opset 20), which this onnx (1.12) cannot check: not checked.
    model = graph_model([helper.make_node("Gelu", ["x"], ["y"], name="gelu", approximate="tanh")],
                        [float_input("x", "n", 7)], [float_input("y", "n", 7)], [], "gelu_tanh", opset=20)
    onnx.save(model, os.path.join(OUT, "gelu_tanh_op20.onnx"))
    xs = torch.linspace(-4, 4, 21).reshape(3, 7)
    np.save(os.path.join(OUT, "gelu_tanh_op20_input.npy"), xs.numpy())
    np.save(os.path.join(OUT, "gelu_tanh_op20_output.npy"),
            torch.nn.functional.gelu(xs, approximate="tanh").numpy())
    mask_bad_files()


def mask_bad_files():
    """Hostile uses of the mask operators (bad/mask_*.onnx): each must be refused naming the node."""
    def save(name, nodes, inits=(), in_dims=(6, 12), opset=OPSET):
        model = graph_model(nodes, [float_input("x", "n", *in_dims)], [float_input("y", "n", None, None)], list(inits),
                            name, opset=opset)
        onnx.save(model, os.path.join(BAD, "mask_" + name + ".onnx"))

    ints = lambda name, v: numpy_helper.from_array(np.array(v, dtype=np.int64), name)
    floats = lambda name, v: numpy_helper.from_array(np.array(v, dtype=np.float32), name)
    # Expand that would add an axis in front of the batch, and one to a size that does not broadcast.
    save("expand_rank", [helper.make_node("Expand", ["x", "s"], ["y"], name="e")], [ints("s", [2, 1, 6, 12])])
    save("expand_mismatch", [helper.make_node("Expand", ["x", "s"], ["y"], name="e")], [ints("s", [1, 5, 12])])
    # The batch size asked for on another axis than the batch's.
    save("expand_batch_axis", [helper.make_node("Shape", ["x"], ["shape"], name="shape"),
                               helper.make_node("Gather", ["shape", "zero"], ["n"], name="g", axis=0),
                               helper.make_node("Unsqueeze", ["n", "axes"], ["n1"], name="u"),
                               helper.make_node("Concat", ["one", "n1", "twelve"], ["s"], name="c", axis=0),
                               helper.make_node("Expand", ["x", "s"], ["y"], name="e")],
         [ints("zero", 0), ints("axes", [0]), ints("one", [1]), ints("twelve", [12])])
    # Where whose operands do not broadcast; a constant that varies along the batch axis.
    save("where_shapes", [helper.make_node("Where", ["c", "x", "b"], ["y"], name="w")],
         [numpy_helper.from_array(np.ones((5, 12), dtype=bool), "c"), floats("b", [0.0])])
    save("where_batch", [helper.make_node("Where", ["c", "x", "b"], ["y"], name="w")],
         [numpy_helper.from_array(np.ones((3, 6, 12), dtype=bool), "c"), floats("b", [0.0])])
    # Cast of an activation to an integer type: the engine has none.
    save("cast_int", [helper.make_node("Cast", ["x"], ["y"], name="cast", to=TensorProto.INT64)])
    # Gelu with an approximation ONNX does not define.
    save("gelu_approx", [helper.make_node("Gelu", ["x"], ["y"], name="gelu", approximate="sigmoid")], opset=20)
    # zeros_like of an activation whose shape is then taken again (a size known only at run time).
    save("standin_shape", [helper.make_node("Shape", ["x"], ["s"], name="shape"),
                           helper.make_node("ConstantOfShape", ["s"], ["z"], name="zeros"),
                           helper.make_node("Shape", ["z"], ["s2"], name="shape2"),
                           helper.make_node("Reshape", ["x", "s2"], ["y"], name="r")])


class MaskInputEncoder(torch.nn.Module):
    """MaskedEncoder's layers with the padding mask given by the caller: forward(src, mask)."""

    def __init__(self):
        super().__init__()
        self.inner = MaskedEncoder(False)

    def forward(self, src, mask):
        m = self.inner
        return m.head(m.encoder(m.embed(src), src_key_padding_mask=mask))


def mask_input_models():
    torch.manual_seed(1620)
    model = MaskInputEncoder().eval()
    src = torch.randn(3, 6, 8)
    mask = torch.zeros(3, 6, dtype=torch.bool)
    mask[1, 4:] = True  # the second sequence has 4 steps and 2 of padding, the third 5 and 1
    mask[2, 5:] = True
    with torch.set_grad_enabled(True):  # the layer-by-layer path, which torch.onnx exports
        y = model(src, mask)
        for opset in (13, 17):
            path = os.path.join(OUT, f"encoder_maskinput_op{opset}.onnx")
            torch.onnx.export(model, (src, mask), path, opset_version=opset, input_names=["src", "mask"],
                              output_names=["output"], do_constant_folding=True,
                              dynamic_axes={"src": {0: "batch"}, "mask": {0: "batch"}, "output": {0: "batch"}})
            onnx.checker.check_model(onnx.load(path))
    np.save(os.path.join(OUT, "encoder_maskinput_src.npy"), src.numpy().astype(np.float32))
    np.save(os.path.join(OUT, "encoder_maskinput_mask.npy"), mask.numpy())
    np.save(os.path.join(OUT, "encoder_maskinput_output.npy"), y.detach().numpy().astype(np.float32))
    np.save(os.path.join(BAD, "maskinput_mask_3d.npy"), mask.numpy()[:, None, :])  # (3, 1, 6): predict refuses it
    # Hostile: the mask input declared (n, 1, 6) and Not-ed, then Where over (n, 6) scores.
    nodes = [helper.make_node("Not", ["mask"], ["keep"], name="not"),
             helper.make_node("Where", ["keep", "x", "zero"], ["y"], name="w")]
    graph = helper.make_graph(nodes, "maskinput_rank",
                              [float_input("x", "n", 6), helper.make_tensor_value_info("mask", TensorProto.BOOL, ["n", 1, 6])],
                              [float_input("y", "n", 6)], [numpy_helper.from_array(np.array([0.0], dtype=np.float32), "zero")])
    model = helper.make_model(graph, producer_name="make_onnx_reference.py", opset_imports=[helper.make_opsetid("", OPSET)])
    onnx.save(model, os.path.join(BAD, "maskinput_rank.onnx"))
    # Hostile: token ids as an INT64 second input (the engine computes in float: refused by name).
    graph = helper.make_graph([helper.make_node("Add", ["x", "x"], ["y"], name="add")], "maskinput_int",
                              [float_input("x", "n", 6), helper.make_tensor_value_info("ids", TensorProto.INT64, ["n", 6])],
                              [float_input("y", "n", 6)], [])
    model = helper.make_model(graph, producer_name="make_onnx_reference.py", opset_imports=[helper.make_opsetid("", OPSET)])
    onnx.save(model, os.path.join(BAD, "maskinput_int.onnx"))


def graph_shapes():
    """graph_shapes.json: per exported graph of `--graphs`, the output shape PyTorch gives each
    Conv2d, Linear and MaxPool2d (forward hooks), keyed by the ONNX node the exporter made of it,
    with the batch axis as the file's symbolic name "batch". The converter's shapes (#16 item 7)
    are tested against these. The modules are built again (shapes do not depend on the weights);
    the committed files are read, not written."""
    g = torch.Generator().manual_seed(16)
    kinds = {torch.nn.Conv2d: "Conv", torch.nn.Linear: "Gemm", torch.nn.MaxPool2d: "MaxPool"}
    models = [("residual_cnn", ResidualCnn(g), (2, 2, 8, 8)), ("resnet_stem", ResNetStem(g), (2, 3, 32, 32)),
              ("mobilenet_block", MobileNetBlock(g), (2, 3, 24, 24))]
    out = {}
    for name, module, shape in models:
        module.eval()
        calls = []  # (op type, module name, output shape) in the order PyTorch runs them
        hooks = []
        for qualname, m in module.named_modules():
            if type(m) in kinds:
                hooks.append(m.register_forward_hook(
                    lambda mod, args, y, q=qualname: calls.append((kinds[type(mod)], q, list(y.shape)))))
        with torch.no_grad():
            module(torch.randn(*shape))
        for h in hooks:
            h.remove()
        graph = onnx.load(os.path.join(OUT, name + ".onnx")).graph
        shapes = {}
        for op in sorted(set(kinds.values())):
            nodes = [n.name for n in graph.node if n.op_type == op]
            mine = [c for c in calls if c[0] == op]
            assert len(nodes) == len(mine), (name, op, nodes, mine)
            for node, (_, qualname, dims) in zip(nodes, mine):
                # "/layer2/downsample/downsample.0/Conv" is module layer2.downsample.0
                assert node.split("/")[-2].endswith(qualname.split(".")[-1]), (node, qualname)
                shapes[node] = ["batch"] + dims[1:]
        out[name] = shapes
    with open(os.path.join(OUT, "graph_shapes.json"), "w") as f:  # one node a line
        f.write("{\n" + ",\n".join(
            json.dumps(model) + ": {\n" + ",\n".join("  " + json.dumps(node) + ": " + json.dumps(dims)
                                                    for node, dims in sorted(shapes.items())) + "\n}"
            for model, shapes in sorted(out.items())) + "\n}\n")


def torchvision_models(out):
    import torchvision
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(224)
    x = torch.randn(1, 3, 224, 224)
    for name in ("resnet18", "mobilenet_v3_small"):
        export(name, getattr(torchvision.models, name)(weights=None), x, opset=17, out=out)
    print("wrote", out)


if __name__ == "__main__":
    import sys
    os.makedirs(OUT, exist_ok=True)
    if len(sys.argv) == 3 and sys.argv[1] == "--torchvision":
        torchvision_models(sys.argv[2])
        sys.exit(0)
    if sys.argv[1:] == ["--shapes"]:
        graph_shapes()
        print("wrote", OUT)
        sys.exit(0)
    if sys.argv[1:] == ["--inputs"]:
        mask_input_models()
        print("wrote", OUT)
        sys.exit(0)
    if sys.argv[1:] == ["--masks"]:
        mask_models()
        print("wrote", OUT)
        sys.exit(0)
    graph_reference_models()
    shape_arith_model()
    graph_refusals()
    transformer_models()
    pooling_models()
    graph_bad_files()
    if sys.argv[1:] == ["--graphs"]:
        print("wrote", OUT)
        sys.exit(0)
    reference_models()
    helper_models()
    typed_model()
    unsupported_models()
    architecture_models()
    bad_files()
    print("wrote", OUT)
