#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/data/layers/{conv2d,pooling,batchnorm,layernorm,rescaling}.json: forward outputs of torch.nn.functional
for small fixed inputs, which tests/core/test_spatial_layers.cpp recomputes with the engine's
layers. Run with Debian's python3-torch: /usr/bin/python3 tools/make_layer_reference.py

Every case holds the engine's layer config, the per-sample input shape, the input (NHWC,
flattened row-major), the parameters by name in the engine's layout, and the expected output
(NHWC). Layout conversions done here, once:
  images   NHWC (engine, Keras)        <-> NCHW (torch): permute(0, 3, 1, 2) / permute(0, 2, 3, 1)
  kernel   (KH, KW, Cin, Cout) (engine) -> (Cout, Cin, KH, KW) (torch): permute(3, 2, 0, 1)
  padding  TensorFlow's "same" may pad one more row/column after than before; torch pads
           symmetrically, so "same" is done as an explicit F.pad followed by a valid op.
Computed in float64 from float32-representable inputs.
"""
import json
import math
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests/data/layers"
gen = torch.Generator().manual_seed(1234)


def rand(*shape):
    # float32 values, held in float64 so the reference itself is exact to ~1e-15
    return (torch.rand(*shape, generator=gen) * 2 - 1).float().double()


def same_pads(size, k, s):
    out = math.ceil(size / s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def pad_nchw(x, kh, kw, sh, sw, value):
    top, bottom = same_pads(x.shape[2], kh, sh)
    left, right = same_pads(x.shape[3], kw, sw)
    return F.pad(x, (left, right, top, bottom), value=value)


def flat(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def nhwc(t):
    return t.permute(0, 2, 3, 1).contiguous()


def conv_case(name, n, h, w, cin, cout, k, s, padding):
    x = rand(n, h, w, cin)
    kernel = rand(k[0], k[1], cin, cout)
    bias = rand(cout)
    xt = x.permute(0, 3, 1, 2)
    if padding == "same":
        xt = pad_nchw(xt, k[0], k[1], s[0], s[1], 0.0)
    y = F.conv2d(xt, kernel.permute(3, 2, 0, 1), bias, stride=s)
    config = dict(type="Conv2D", filters=cout, kernel_size=list(k), strides=list(s), padding=padding)
    return dict(name=name, config=config, input_shape=[h, w, cin], batch=n, input=flat(x),
                params=dict(kernel=flat(kernel), bias=flat(bias)), training=False,
                output_shape=list(nhwc(y).shape[1:]), output=flat(nhwc(y)))


def pool_case(name, kind, n, h, w, c, p, s, padding):
    x = rand(n, h, w, c)
    xt = x.permute(0, 3, 1, 2)
    if kind == "max":
        if padding == "same":
            xt = pad_nchw(xt, p[0], p[1], s[0], s[1], -math.inf)
        y = F.max_pool2d(xt, p, s)
    else:
        if padding == "same":
            # TF's average excludes padded positions: sum over real ones / count of real ones
            ones = torch.ones_like(xt)
            num = F.avg_pool2d(pad_nchw(xt, p[0], p[1], s[0], s[1], 0.0), p, s)
            den = F.avg_pool2d(pad_nchw(ones, p[0], p[1], s[0], s[1], 0.0), p, s)
            y = num / den
        else:
            y = F.avg_pool2d(xt, p, s)
    type_name = "MaxPooling2D" if kind == "max" else "AveragePooling2D"
    config = dict(type=type_name, pool_size=list(p), strides=list(s), padding=padding)
    return dict(name=name, config=config, input_shape=[h, w, c], batch=n, input=flat(x), params={},
                training=False, output_shape=list(nhwc(y).shape[1:]), output=flat(nhwc(y)))


def batchnorm_case(name, shape, training, momentum=0.99, eps=1e-3):
    # shape is per sample; normalisation over the last axis
    x = rand(*shape)
    c = shape[-1]
    gamma, beta = rand(c) + 1.5, rand(c)
    moving_mean, moving_var = rand(c) * 0.5, rand(c).abs() + 0.5
    rows = x.reshape(-1, c)
    # torch.nn.functional.batch_norm normalises over dim 1 of (M, C): exactly our last axis
    y = F.batch_norm(rows, moving_mean.clone(), moving_var.clone(), gamma, beta, training=False, eps=eps) \
        if not training else F.batch_norm(rows, None, None, gamma, beta, training=True, eps=eps)
    expected_state = {}
    if training:
        # Keras' update, with the biased batch variance (torch's running_var would use the unbiased one)
        mean = rows.mean(0)
        var = rows.var(0, unbiased=False)
        expected_state = dict(moving_mean=flat(momentum * moving_mean + (1 - momentum) * mean),
                              moving_variance=flat(momentum * moving_var + (1 - momentum) * var))
    config = dict(type="BatchNormalization", momentum=momentum, epsilon=eps)
    return dict(name=name, config=config, input_shape=list(shape[1:]), batch=shape[0], input=flat(x),
                params=dict(gamma=flat(gamma), beta=flat(beta)),
                state=dict(moving_mean=flat(moving_mean), moving_variance=flat(moving_var)),
                training=training, expected_state=expected_state,
                output_shape=list(shape[1:]), output=flat(y.reshape(shape)))


def layernorm_case(name, shape, eps=1e-3, center=True, scale=True):
    # shape with the batch first; Keras' LayerNormalization(axis=-1) is torch's layer_norm over
    # the last dimension
    x = rand(*shape)
    c = shape[-1]
    gamma, beta = rand(c) + 1.5, rand(c)
    y = F.layer_norm(x, (c,), gamma if scale else None, beta if center else None, eps=eps)
    params = {}
    if scale:
        params["gamma"] = flat(gamma)
    if center:
        params["beta"] = flat(beta)
    config = dict(type="LayerNormalization", epsilon=eps, center=center, scale=scale)
    return dict(name=name, config=config, input_shape=list(shape[1:]), batch=shape[0], input=flat(x),
                params=params, training=False, output_shape=list(shape[1:]), output=flat(y))


def rescaling_case(name, shape, scale, offset):
    x = rand(*shape) * 255
    y = x * torch.tensor(scale, dtype=torch.float32).double() + torch.tensor(offset, dtype=torch.float32).double()
    config = dict(type="Rescaling", scale=scale, offset=offset)
    return dict(name=name, config=config, input_shape=list(shape[1:]), batch=shape[0], input=flat(x),
                params={}, training=False, output_shape=list(shape[1:]), output=flat(y))


def write(name, cases):
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    doc = dict(generator="tools/make_layer_reference.py", torch_version=torch.__version__, cases=cases)
    path.write_text(json.dumps(doc, indent=None, separators=(",", ":")) + "\n")
    print("wrote", path, path.stat().st_size, "bytes")


write("conv2d.json", [
    conv_case("same_stride1", 2, 5, 6, 2, 3, (3, 3), (1, 1), "same"),
    conv_case("same_stride2_even_kernel", 2, 7, 6, 2, 3, (4, 3), (2, 2), "same"),
    conv_case("same_stride2", 1, 6, 5, 3, 2, (3, 3), (2, 2), "same"),
    conv_case("valid_stride1", 2, 5, 6, 2, 3, (3, 2), (1, 1), "valid"),
    conv_case("valid_stride2", 2, 7, 7, 1, 4, (3, 3), (2, 2), "valid"),
    conv_case("valid_stride_2x1", 1, 6, 5, 2, 2, (2, 2), (2, 1), "valid"),
])
write("pooling.json", [
    pool_case("max_valid_2", "max", 2, 6, 5, 3, (2, 2), (2, 2), "valid"),
    pool_case("max_same_3_stride2", "max", 2, 7, 6, 2, (3, 3), (2, 2), "same"),
    pool_case("max_valid_3_stride1", "max", 1, 5, 5, 2, (3, 3), (1, 1), "valid"),
    pool_case("avg_valid_2", "avg", 2, 6, 5, 3, (2, 2), (2, 2), "valid"),
    pool_case("avg_same_3_stride2", "avg", 2, 7, 6, 2, (3, 3), (2, 2), "same"),
    pool_case("avg_same_2", "avg", 1, 5, 5, 2, (2, 2), (2, 2), "same"),
])
write("batchnorm.json", [
    batchnorm_case("images_training", (3, 4, 3, 5), True),
    batchnorm_case("dense_training", (6, 4), True),
    batchnorm_case("images_inference", (2, 3, 3, 4), False),
])
write("layernorm.json", [
    layernorm_case("features", (4, 6)),
    layernorm_case("images", (2, 3, 3, 5), eps=1e-5),
    layernorm_case("no_center", (3, 4), center=False),
    layernorm_case("no_scale_no_center", (3, 7), center=False, scale=False),
])
write("rescaling.json", [
    rescaling_case("pixels", (2, 3, 3, 2), 1.0 / 255, 0.0),
    rescaling_case("to_minus_one_one", (3, 5), 1.0 / 127.5, -1.0),
])
