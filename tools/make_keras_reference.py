#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the Keras reference files of tests/data/keras/ by hand with h5py, laid out as Keras
writes them, and the expected outputs of an independent NumPy forward pass.

Keras and TensorFlow are not installed where the tests are made, so the layouts follow the
Keras sources:
  - Keras 2 / tf.keras `model.save("m.h5")` (tf.keras saving/hdf5_format.py): root attributes
    keras_version, backend, model_config, training_config as fixed-length byte strings; group
    model_weights with attribute layer_names (array of byte strings); one group per layer with
    attribute weight_names ("dense/kernel:0", an empty float array for layers without weights)
    and the datasets at those paths relative to the layer group.
  - Keras 3 legacy .h5 (keras/src/legacy/saving/legacy_h5_format.py): the same, with
    model_config a variable-length str and weight paths like "sequential/dense/kernel".
  - Keras 3 .keras (keras/src/saving/saving_lib.py): a zip of config.json, metadata.json and
    model.weights.h5 whose H5IOStore writes `<inner path>/vars/<i>`; layers of a Sequential
    live under layers/<snake_case(class name)>[_k], not under their own names.
  - Keras 2 `save_weights("w.h5")`: the layer groups at the root.
  - Functional models (keras/src/models/functional.py, tf.keras engine/functional.py): every layer
    config carries inbound_nodes, one per call, naming the layers it reads: Keras 2 as
    [[["name", node, tensor, {}], ...]], Keras 3 as {"args": [...], "kwargs": {}} holding
    __keras_tensor__ objects whose keras_history is [name, node, tensor]. Layers are listed
    from the inputs down (tf.keras sorts them by depth), the InputLayer included.
Files are only ever added: the generator is seeded once and each function draws from it in turn,
so a new model goes at the end of main() and the earlier files come out byte-identical.
Run: /usr/bin/python3 tools/make_keras_reference.py  (writes into tests/data/keras/)
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "keras")
rng = np.random.default_rng(20261126)


def weights(*shape, scale=0.5):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


# ---- NumPy forward pass (float64), independent of the engine --------------------------------
def relu(x):
    return np.maximum(x, 0.0)


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def dense(x, k, b):
    return x @ k.astype(np.float64) + b.astype(np.float64)


def conv2d_same(x, k, b):
    """NHWC, kernel (kh, kw, cin, cout), stride 1, 'same' padding, explicit loops."""
    n, h, w, _ = x.shape
    kh, kw, _, cout = k.shape
    pt, pl = (kh - 1) // 2, (kw - 1) // 2
    xp = np.zeros((n, h + kh - 1, w + kw - 1, x.shape[3]))
    xp[:, pt:pt + h, pl:pl + w, :] = x
    y = np.zeros((n, h, w, cout))
    for i in range(h):
        for j in range(w):
            patch = xp[:, i:i + kh, j:j + kw, :]
            y[:, i, j, :] = np.einsum("nabc,abcf->nf", patch, k.astype(np.float64))
    return y + b.astype(np.float64)


def same_padding(x, kh, kw, stride):
    """Pads NHWC x as TF's 'same' does: the odd row/column after (bottom/right)."""
    def axis(size, k):
        out = -(-size // stride)
        total = max((out - 1) * stride + k - size, 0)
        return total // 2, total - total // 2
    return np.pad(x, ((0, 0), axis(x.shape[1], kh), axis(x.shape[2], kw), (0, 0)))


def windows(x, kh, kw, stride, padding):
    """(i, j, patch (n, kh, kw, c)) for every output position, NHWC, 'valid' or 'same'."""
    if padding == "same":
        x = same_padding(x, kh, kw, stride)
    oh, ow = (x.shape[1] - kh) // stride + 1, (x.shape[2] - kw) // stride + 1
    for i in range(oh):
        for j in range(ow):
            yield i, j, x[:, i * stride:i * stride + kh, j * stride:j * stride + kw, :]


def conv2d(x, k, b, stride, padding):
    """NHWC, kernel (kh, kw, cin, cout), any stride, 'valid' or 'same'; b None for no bias."""
    kh, kw, _, cout = k.shape
    out = list(windows(x, kh, kw, stride, padding))
    y = np.zeros((x.shape[0], out[-1][0] + 1, out[-1][1] + 1, cout))
    for i, j, patch in out:
        y[:, i, j, :] = np.einsum("nabc,abcf->nf", patch, k.astype(np.float64))
    return y if b is None else y + b.astype(np.float64)


def depthwise_conv2d(x, k, b, stride, padding):
    """Keras' DepthwiseConv2D: kernel (kh, kw, c, m); output channel c * m_count + m reads input
    channel c only."""
    kh, kw, c, m = k.shape
    out = list(windows(x, kh, kw, stride, padding))
    y = np.zeros((x.shape[0], out[-1][0] + 1, out[-1][1] + 1, c * m))
    for i, j, patch in out:
        y[:, i, j, :] = np.einsum("nabc,abcm->ncm", patch, k.astype(np.float64)).reshape(x.shape[0], c * m)
    return y if b is None else y + b.astype(np.float64)


def separable_conv2d(x, dk, pk, b, stride, padding):
    """Keras' SeparableConv2D: the depthwise conv, then a 1x1 conv with the pointwise kernel."""
    return conv2d(depthwise_conv2d(x, dk, None, stride, padding), pk, b, 1, "valid")


def layernorm(x, gamma, beta, eps):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return gamma.astype(np.float64) * (x - mean) / np.sqrt(var + eps) + beta.astype(np.float64)


def batchnorm(x, gamma, beta, mean, var, eps):
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def maxpool2(x):
    n, h, w, c = x.shape
    return x[:, :h // 2 * 2, :w // 2 * 2, :].reshape(n, h // 2, 2, w // 2, 2, c).max(axis=(2, 4))


# ---- Keras-style writers ---------------------------------------------------------------------
def save_attr_list(group, name, data):
    """legacy save_attributes_to_hdf5_group: byte strings as a NumPy array (empty -> float)."""
    group.attrs[name] = np.asarray(data) if data else np.asarray([])


def write_legacy_h5(path, model_config, layers, keras_version, weight_path, str_kind="bytes",
                    training_config=None, weights_only=False):
    """layers: [(layer name, [(weight leaf name, array)])]; weight_path(layer, leaf) gives the
    weight_names entry."""
    def text(s):
        return s.encode("utf8") if str_kind == "bytes" else s

    with h5py.File(path, "w") as f:
        if weights_only:
            g_root = f
        else:
            f.attrs["keras_version"] = text(keras_version)
            f.attrs["backend"] = text("tensorflow")
            f.attrs["model_config"] = text(json.dumps(model_config))
            if training_config is not None:
                f.attrs["training_config"] = text(json.dumps(training_config))
            g_root = f.create_group("model_weights")
        g_root.attrs["backend"] = b"tensorflow"
        g_root.attrs["keras_version"] = keras_version.encode("utf8")
        save_attr_list(g_root, "layer_names", [name.encode("utf8") for name, _ in layers])
        for name, ws in layers:
            g = g_root.create_group(name)
            names = [weight_path(name, leaf) for leaf, _ in ws]
            save_attr_list(g, "weight_names", [n.encode("utf8") for n in names])
            for n, (_, value) in zip(names, ws):
                d = g.create_dataset(n, value.shape, dtype=value.dtype)
                d[()] = value
        if not weights_only and training_config is not None:
            og = f.create_group("optimizer_weights")
            save_attr_list(og, "weight_names", [b"Adam/iter:0"])
            og.create_dataset("Adam/iter:0", data=np.int64(12))


def k2_initializers():
    return {"kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}},
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None}


def k2_dense(name, units, activation):
    cfg = {"name": name, "trainable": True, "dtype": "float32", "units": units,
           "activation": activation, "use_bias": True}
    cfg.update(k2_initializers())
    return {"class_name": "Dense", "config": cfg}


def k3_layer(class_name, config, module="keras.layers"):
    return {"module": module, "class_name": class_name, "config": config, "registered_name": None}


def k3_dtype():
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
            "registered_name": None}


def k3_dense(name, units, activation):
    return k3_layer("Dense", {
        "name": name, "trainable": True, "dtype": k3_dtype(), "units": units,
        "activation": activation, "use_bias": True,
        "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform",
                               "config": {"seed": None}, "registered_name": None},
        "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {},
                             "registered_name": None},
        "kernel_regularizer": None, "bias_regularizer": None, "kernel_constraint": None,
        "bias_constraint": None})


def zwrite(z, name, data):
    """Adds a member with a fixed date, so that running the script again gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = z.compression
    z.writestr(info, data)


def write_vars(f, stores):
    """saving_lib's H5IOStore: [(inner path, layer name, [values])] as <path>/vars/<i>, each vars
    group carrying the layer's name (Keras >= 3.3)."""
    for path, name, values in stores:
        g = f.create_group("layers/" + path).create_group("vars")
        g.attrs["name"] = name
        for i, v in enumerate(values):
            g[str(i)] = v


def write_keras3(filename, model_name, config, metadata, stores):
    """A Keras 3 .keras archive whose weight store holds `stores` (see write_vars); returns the
    (dataset, shape, layer) rows the reader lists."""
    h5 = io.BytesIO()
    with h5py.File(h5, "w") as f:
        f.create_group("vars").attrs["name"] = model_name  # the model's own (no) variables
        write_vars(f, stores)
    with zipfile.ZipFile(os.path.join(OUT, filename), "w", zipfile.ZIP_DEFLATED) as z:
        zwrite(z, "metadata.json", json.dumps(metadata))
        zwrite(z, "config.json", json.dumps(config))
        zwrite(z, "model.weights.h5", h5.getvalue())
    return [(f"layers/{path}/vars/{i}", v.shape, name) for path, name, values in stores for i, v in enumerate(values)]


def dump_expected(path, input_shape, x, y, tensors):
    with open(path, "w") as f:
        json.dump({"input_shape": list(input_shape),
                   "inputs": x.reshape(x.shape[0], -1).astype(np.float32).tolist(),
                   "outputs": y.reshape(y.shape[0], -1).tolist(),
                   "tensors": [{"name": n, "shape": list(s), "layer": l} for n, s, l in tensors]},
                  f, indent=1)
        f.write("\n")


def keras2_mlp():
    k1, b1, k2, b2 = weights(4, 8), weights(8), weights(8, 3), weights(3)
    config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "dtype": "float32",
                                                "sparse": False, "ragged": False, "name": "dense_input"}},
        k2_dense("dense", 8, "relu"), k2_dense("dense_1", 3, "softmax")]}}
    training = {"loss": "sparse_categorical_crossentropy", "metrics": [["accuracy"]],
                "optimizer_config": {"class_name": "Adam", "config": {"name": "Adam", "learning_rate": 0.001}}}
    layers = [("dense", [("kernel", k1), ("bias", b1)]), ("dense_1", [("kernel", k2), ("bias", b2)])]
    write_legacy_h5(os.path.join(OUT, "keras2_mlp.h5"), config, layers, "2.12.0",
                    lambda layer, leaf: f"{layer}/{leaf}:0", training_config=training)
    x = rng.standard_normal((5, 4))
    y = softmax(dense(relu(dense(x, k1, b1)), k2, b2))
    dump_expected(os.path.join(OUT, "keras2_mlp.json"), [4], x, y,
                  [("dense/kernel:0", (4, 8), "dense"), ("dense/bias:0", (8,), "dense"),
                   ("dense_1/kernel:0", (8, 3), "dense_1"), ("dense_1/bias:0", (3,), "dense_1"),
                   ("optimizer_weights/Adam/iter:0", (), "optimizer")])

    # save_weights: same layer groups at the root, no model_config.
    write_legacy_h5(os.path.join(OUT, "keras2_weights_only.h5"), None, layers, "2.12.0",
                    lambda layer, leaf: f"{layer}/{leaf}:0", weights_only=True)
    return config, layers


def keras3_h5():
    k1, b1, k2, b2 = weights(6, 5), weights(5), weights(5, 2), weights(2)
    config = {"module": "keras", "class_name": "Sequential", "config": {
        "name": "sequential", "trainable": True, "dtype": k3_dtype(), "layers": [
            k3_layer("InputLayer", {"batch_shape": [None, 6], "dtype": "float32", "sparse": False,
                                    "name": "input_layer"}),
            k3_dense("dense", 5, "tanh"),
            k3_layer("Dropout", {"name": "dropout", "trainable": True, "dtype": k3_dtype(),
                                 "rate": 0.25, "seed": None, "noise_shape": None}),
            k3_dense("dense_1", 2, "sigmoid")],
        "build_input_shape": [None, 6]}, "registered_name": None,
        "build_config": {"input_shape": [None, 6]}}
    layers = [("dense", [("kernel", k1), ("bias", b1)]), ("dropout", []),
              ("dense_1", [("kernel", k2), ("bias", b2)])]
    write_legacy_h5(os.path.join(OUT, "keras3_mlp.h5"), config, layers, "3.3.3",
                    lambda layer, leaf: f"sequential/{layer}/{leaf}", str_kind="str")
    x = rng.standard_normal((4, 6))
    z = np.tanh(dense(x, k1, b1))
    y = 1.0 / (1.0 + np.exp(-dense(z, k2, b2)))
    dump_expected(os.path.join(OUT, "keras3_mlp.json"), [6], x, y,
                  [("sequential/dense/kernel", (6, 5), "dense"), ("sequential/dense/bias", (5,), "dense"),
                   ("sequential/dense_1/kernel", (5, 2), "dense_1"),
                   ("sequential/dense_1/bias", (2,), "dense_1")])


def keras3_cnn():
    # Layer names deliberately differ from the class names: saving_lib addresses layers by
    # snake_case(class name) + counter, never by layer.name.
    ck, cb = weights(3, 3, 2, 3), weights(3)
    gamma = (1.0 + 0.2 * rng.standard_normal(3)).astype(np.float32)
    beta, mean = weights(3, scale=0.1), weights(3, scale=0.3)
    var = (0.5 + rng.random(3)).astype(np.float32)
    dk, db = weights(27, 4), weights(4)
    eps = 0.001
    layers = [
        k3_layer("InputLayer", {"batch_shape": [None, 6, 6, 2], "dtype": "float32", "sparse": False,
                                "name": "pixels"}),
        k3_layer("Conv2D", {"name": "features", "trainable": True, "dtype": k3_dtype(), "filters": 3,
                            "kernel_size": [3, 3], "strides": [1, 1], "padding": "same",
                            "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1,
                            "activation": "linear", "use_bias": True}),
        k3_layer("BatchNormalization", {"name": "norm", "trainable": True, "dtype": k3_dtype(), "axis": -1,
                                        "momentum": 0.99, "epsilon": eps, "center": True, "scale": True}),
        k3_layer("ReLU", {"name": "act", "trainable": True, "dtype": k3_dtype(), "max_value": None,
                          "negative_slope": 0.0, "threshold": 0.0}),
        k3_layer("MaxPooling2D", {"name": "pool", "trainable": True, "dtype": k3_dtype(), "pool_size": [2, 2],
                                  "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}),
        k3_layer("Flatten", {"name": "flat", "trainable": True, "dtype": k3_dtype(), "data_format": "channels_last"}),
        k3_dense("classes", 4, "softmax"),
    ]
    config = {"module": "keras", "class_name": "Sequential",
              "config": {"name": "cnn", "trainable": True, "dtype": k3_dtype(), "layers": layers},
              "registered_name": None, "build_config": {"input_shape": [None, 6, 6, 2]},
              "compile_config": {"optimizer": "adam", "loss": "categorical_crossentropy"}}
    metadata = {"keras_version": "3.3.3", "date_saved": "2024-05-02@10:11:12"}
    h5 = io.BytesIO()
    with h5py.File(h5, "w") as f:
        f.create_group("vars").attrs["name"] = "cnn"  # the model's own (no) variables
        stores = [("conv2d", "features", [ck, cb]), ("batch_normalization", "norm", [gamma, beta, mean, var]),
                  ("re_lu", "act", []), ("max_pooling2d", "pool", []), ("flatten", "flat", []),
                  ("dense", "classes", [dk, db])]
        write_vars(f, stores)
        g = f.create_group("optimizer").create_group("vars")
        g["0"] = np.int64(7)  # iterations
        g["1"] = np.float32(0.001)
    with zipfile.ZipFile(os.path.join(OUT, "keras3_cnn.keras"), "w", zipfile.ZIP_DEFLATED) as z:
        zwrite(z, "metadata.json", json.dumps(metadata))
        zwrite(z, "config.json", json.dumps(config))
        zwrite(z, "model.weights.h5", h5.getvalue())
    x = rng.standard_normal((3, 6, 6, 2))
    t = conv2d_same(x, ck, cb)
    t = relu(batchnorm(t, gamma, beta, mean, var, eps))
    t = maxpool2(t).reshape(x.shape[0], -1)
    y = softmax(dense(t, dk, db))
    tensors = [("layers/conv2d/vars/0", (3, 3, 2, 3), "features"), ("layers/conv2d/vars/1", (3,), "features")]
    tensors += [(f"layers/batch_normalization/vars/{i}", (3,), "norm") for i in range(4)]
    tensors += [("layers/dense/vars/0", (27, 4), "classes"), ("layers/dense/vars/1", (4,), "classes")]
    tensors += [("optimizer/vars/0", (), "optimizer"), ("optimizer/vars/1", (), "optimizer")]
    dump_expected(os.path.join(OUT, "keras3_cnn.json"), [6, 6, 2], x, y, tensors)
    return config, metadata


def functional_models():
    """A Keras 2 functional .h5 and a Keras 3 functional .keras, both a plain chain, and a Keras 2
    functional model with a branch whose Add joins a (4,) and a (2,) tensor (refused)."""
    k1, b1, k2, b2 = weights(3, 4), weights(4), weights(4, 2), weights(2)
    x = rng.standard_normal((4, 3))
    y = softmax(dense(relu(dense(x, k1, b1)), k2, b2))

    def k2_node(*names):
        return [[[n, 0, 0, {}] for n in names]]

    def k2_functional(extra_layers=(), output="dense_1"):
        layers = [
            {"class_name": "InputLayer", "name": "input_1", "inbound_nodes": [],
             "config": {"batch_input_shape": [None, 3], "dtype": "float32", "sparse": False, "ragged": False,
                        "name": "input_1"}},
            dict(k2_dense("dense", 4, "relu"), name="dense", inbound_nodes=k2_node("input_1")),
            dict(k2_dense("dense_1", 2, "softmax"), name="dense_1", inbound_nodes=k2_node("dense"))]
        layers += list(extra_layers)
        return {"class_name": "Functional", "config": {"name": "model", "layers": layers,
                                                       "input_layers": [["input_1", 0, 0]],
                                                       "output_layers": [[output, 0, 0]]}}

    # Keras 2's functional model.layers includes the InputLayer: it gets a group too.
    layers = [("input_1", []), ("dense", [("kernel", k1), ("bias", b1)]), ("dense_1", [("kernel", k2), ("bias", b2)])]
    write_legacy_h5(os.path.join(OUT, "keras2_functional.h5"), k2_functional(), layers, "2.15.0",
                    lambda layer, leaf: f"{layer}/{leaf}:0")
    dump_expected(os.path.join(OUT, "keras2_functional.json"), [3], x, y,
                  [("dense/kernel:0", (3, 4), "dense"), ("dense/bias:0", (4,), "dense"),
                   ("dense_1/kernel:0", (4, 2), "dense_1"), ("dense_1/bias:0", (2,), "dense_1")])

    branched = k2_functional([{"class_name": "Add", "name": "add", "config": {"name": "add"},
                               "inbound_nodes": k2_node("dense", "dense_1")}], output="add")
    os.makedirs(os.path.join(OUT, "bad"), exist_ok=True)
    write_legacy_h5(os.path.join(OUT, "bad", "branched_functional.h5"), branched, layers + [("add", [])], "2.15.0",
                    lambda layer, leaf: f"{layer}/{leaf}:0")

    def k3_node(name, shape):
        return [{"args": [{"class_name": "__keras_tensor__",
                           "config": {"shape": shape, "dtype": "float32", "keras_history": [name, 0, 0]}}],
                 "kwargs": {}}]

    config = {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
              "config": {"name": "chain", "trainable": True, "layers": [
                  dict(k3_layer("InputLayer", {"batch_shape": [None, 3], "dtype": "float32", "sparse": False,
                                               "name": "in"}), name="in", inbound_nodes=[]),
                  dict(k3_dense("hidden", 4, "relu"), name="hidden", inbound_nodes=k3_node("in", [None, 3])),
                  dict(k3_dense("out", 2, "softmax"), name="out", inbound_nodes=k3_node("hidden", [None, 4]))],
                  "input_layers": [["in", 0, 0]], "output_layers": [["out", 0, 0]]}}
    h5 = io.BytesIO()
    with h5py.File(h5, "w") as f:
        f.create_group("vars")
        f.create_group("layers/input_layer").create_group("vars")
        for path, values in (("dense", [k1, b1]), ("dense_1", [k2, b2])):
            g = f.create_group("layers/" + path).create_group("vars")  # no name attribute (Keras < 3.3)
            for i, v in enumerate(values):
                g[str(i)] = v
    with zipfile.ZipFile(os.path.join(OUT, "keras3_functional.keras"), "w", zipfile.ZIP_STORED) as z:
        zwrite(z, "metadata.json", json.dumps({"keras_version": "3.1.0", "date_saved": "2024-03-01@09:00:00"}))
        zwrite(z, "config.json", json.dumps(config))
        zwrite(z, "model.weights.h5", h5.getvalue())
    # The same weights as Keras 3 save_weights("x.weights.h5") writes them: the store alone.
    with open(os.path.join(OUT, "keras3_functional.weights.h5"), "wb") as f:
        f.write(h5.getvalue())
    dump_expected(os.path.join(OUT, "keras3_functional.json"), [3], x, y,
                  [("layers/dense/vars/0", (3, 4), "dense"), ("layers/dense/vars/1", (4,), "dense"),
                   ("layers/dense_1/vars/0", (4, 2), "dense_1"), ("layers/dense_1/vars/1", (2,), "dense_1")])


def split_f16_weights():
    """Weights-only, float16 (mixed precision), with layer_names split into layer_names0/1 as
    Keras does when a list does not fit an HDF5 object header (HDF5_OBJECT_HEADER_LIMIT)."""
    k, b = weights(2, 3).astype(np.float16), weights(3).astype(np.float16)
    path = os.path.join(OUT, "keras2_weights_split_f16.h5")
    with h5py.File(path, "w") as f:
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.12.0"
        f.attrs["layer_names0"] = np.asarray([b"dense"])
        f.attrs["layer_names1"] = np.asarray([b"dropout"])
        g = f.create_group("dense")
        g.attrs["weight_names"] = np.asarray([b"dense/kernel:0", b"dense/bias:0"])
        g["dense/kernel:0"] = k
        g["dense/bias:0"] = b
        f.create_group("dropout").attrs["weight_names"] = np.asarray([])
    with open(os.path.join(OUT, "keras2_weights_split_f16.json"), "w") as f:
        json.dump({"dense/kernel:0": k.astype(np.float32).ravel().tolist(),
                   "dense/bias:0": b.astype(np.float32).ravel().tolist()}, f, indent=1)
        f.write("\n")


def lambda_model():
    k1, b1 = weights(4, 3), weights(3)
    config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
        k2_dense("dense", 3, "linear"),
        {"class_name": "Lambda", "config": {"name": "double_it", "trainable": True, "dtype": "float32",
                                            "function": ["4wEAAAAAAAAA", None, None], "function_type": "lambda",
                                            "module": "__main__", "output_shape": None}}]}}
    config["config"]["layers"][0]["config"]["batch_input_shape"] = [None, 4]
    write_legacy_h5(os.path.join(OUT, "keras2_lambda.h5"), config,
                    [("dense", [("kernel", k1), ("bias", b1)]), ("double_it", [])], "2.12.0",
                    lambda layer, leaf: f"{layer}/{leaf}:0")


def hostile(mlp_config, mlp_layers):
    d = os.path.join(OUT, "bad")
    os.makedirs(d, exist_ok=True)
    k2path = lambda layer, leaf: f"{layer}/{leaf}:0"  # noqa: E731
    # model_config and the rest, but no model_weights group
    p = os.path.join(d, "no_model_weights.h5")
    write_legacy_h5(p, mlp_config, mlp_layers, "2.12.0", k2path)
    with h5py.File(p, "a") as f:
        del f["model_weights"]
    # weight_names lists a dataset that is not there
    p = os.path.join(d, "missing_dataset.h5")
    write_legacy_h5(p, mlp_config, mlp_layers, "2.12.0", k2path)
    with h5py.File(p, "a") as f:
        del f["model_weights/dense_1/dense_1/kernel:0"]
    # a kernel whose shape does not fit the config
    bad = [("dense", [("kernel", weights(5, 8)), ("bias", weights(8))]), mlp_layers[1]]
    write_legacy_h5(os.path.join(d, "wrong_kernel_shape.h5"), mlp_config, bad, "2.12.0", k2path)
    # model_config that is not JSON
    p = os.path.join(d, "invalid_model_config.h5")
    write_legacy_h5(p, mlp_config, mlp_layers, "2.12.0", k2path)
    with h5py.File(p, "a") as f:
        f.attrs["model_config"] = b'{"class_name": "Sequential", "config": {'
    # an input shape that is not fixed
    variable = json.loads(json.dumps(mlp_config))
    variable["config"]["layers"][0]["config"]["batch_input_shape"] = [None, None]
    write_legacy_h5(os.path.join(d, "variable_input.h5"), variable, mlp_layers, "2.12.0", k2path)
    # a custom layer class
    custom = json.loads(json.dumps(mlp_config))
    custom["config"]["layers"][2]["class_name"] = "MyAttention"
    write_legacy_h5(os.path.join(d, "unknown_class.h5"), custom, mlp_layers, "2.12.0", k2path)
    # .keras without model.weights.h5, and one with a member that climbs out of the folder
    with zipfile.ZipFile(os.path.join(d, "no_weights.keras"), "w") as z:
        zwrite(z, "metadata.json", json.dumps({"keras_version": "3.3.3"}))
        zwrite(z, "config.json", json.dumps({"class_name": "Sequential", "config": {"layers": []}}))
    with zipfile.ZipFile(os.path.join(d, "climbing_member.keras"), "w") as z:
        zwrite(z, "metadata.json", json.dumps({"keras_version": "3.3.3"}))
        zwrite(z, "../../config.json", "{}")
    # a zip bomb in miniature: 16 MiB of zeros deflated to a few tens of KiB
    with zipfile.ZipFile(os.path.join(d, "bomb.keras"), "w", zipfile.ZIP_DEFLATED) as z:
        zwrite(z, "metadata.json", json.dumps({"keras_version": "3.3.3"}))
        zwrite(z, "config.json", json.dumps({"class_name": "Sequential", "config": {"layers": []}}))
        zwrite(z, "model.weights.h5", bytes(16 << 20))


def k2_node(*names):
    """One call of a Keras 2 layer reading the given layers."""
    return [[[n, 0, 0, {}] for n in names]]


def k3_tensor(name, shape):
    return {"class_name": "__keras_tensor__",
            "config": {"shape": shape, "dtype": "float32", "keras_history": [name, 0, 0]}}


def k2_graph_layer(class_name, name, inbound, **config):
    cfg = {"name": name, "trainable": True, "dtype": "float32"}
    cfg.update(config)
    return {"class_name": class_name, "config": cfg, "name": name, "inbound_nodes": inbound}


def keras2_functional_graph():
    """tf.keras functional model with a residual Add and a Concatenate of two branches:
        input_1 (6) -> rescaling -> dense (8) -> re_lu -> dense_1 (8) -> add(dense, dense_1)
          -> layer_normalization;  input_1 -> dense_2 (4, tanh);
        concatenate(layer_normalization, dense_2) -> dense_3 (3, softmax)
    LayerNormalization's axis is [1], as tf.keras writes it once built on (None, 8)."""
    k0, b0 = weights(6, 8), weights(8)
    k1, b1 = weights(8, 8), weights(8)
    gamma = (1.0 + 0.3 * rng.standard_normal(8)).astype(np.float32)
    beta = weights(8, scale=0.2)
    k2, b2 = weights(6, 4), weights(4)
    k3, b3 = weights(12, 3), weights(3)
    scale, offset, eps = 0.5, 0.125, 0.001

    def dense_node(name, units, activation, inbound):
        return dict(k2_dense(name, units, activation), name=name, inbound_nodes=k2_node(inbound))

    layers = [
        {"class_name": "InputLayer", "name": "input_1", "inbound_nodes": [],
         "config": {"batch_input_shape": [None, 6], "dtype": "float32", "sparse": False, "ragged": False,
                    "name": "input_1"}},
        k2_graph_layer("Rescaling", "rescaling", k2_node("input_1"), scale=scale, offset=offset),
        dense_node("dense", 8, "linear", "rescaling"),
        k2_graph_layer("ReLU", "re_lu", k2_node("dense"), max_value=None, negative_slope=0.0, threshold=0.0),
        dense_node("dense_1", 8, "linear", "re_lu"),
        k2_graph_layer("Add", "add", k2_node("dense", "dense_1")),
        k2_graph_layer("LayerNormalization", "layer_normalization", k2_node("add"), axis=[1], epsilon=eps,
                       center=True, scale=True,
                       beta_initializer={"class_name": "Zeros", "config": {}},
                       gamma_initializer={"class_name": "Ones", "config": {}}, beta_regularizer=None,
                       gamma_regularizer=None, beta_constraint=None, gamma_constraint=None),
        dense_node("dense_2", 4, "tanh", "input_1"),
        k2_graph_layer("Concatenate", "concatenate", k2_node("layer_normalization", "dense_2"), axis=-1),
        dense_node("dense_3", 3, "softmax", "concatenate"),
    ]
    config = {"class_name": "Functional", "config": {"name": "model", "layers": layers,
                                                     "input_layers": [["input_1", 0, 0]],
                                                     "output_layers": [["dense_3", 0, 0]]}}
    stored = [("input_1", []), ("rescaling", []), ("dense", [("kernel", k0), ("bias", b0)]), ("re_lu", []),
              ("dense_1", [("kernel", k1), ("bias", b1)]), ("add", []),
              ("layer_normalization", [("gamma", gamma), ("beta", beta)]),
              ("dense_2", [("kernel", k2), ("bias", b2)]), ("concatenate", []),
              ("dense_3", [("kernel", k3), ("bias", b3)])]
    write_legacy_h5(os.path.join(OUT, "keras2_functional_graph.h5"), config, stored, "2.15.0",
                    lambda layer, leaf: f"{layer}/{leaf}:0")
    x = rng.standard_normal((5, 6))
    d0 = dense(x * scale + offset, k0, b0)
    t = layernorm(d0 + dense(relu(d0), k1, b1), gamma, beta, eps)
    y = softmax(dense(np.concatenate([t, np.tanh(dense(x, k2, b2))], axis=-1), k3, b3))
    tensors = []
    for layer, ws in stored:
        tensors += [(f"{layer}/{leaf}:0", v.shape, layer) for leaf, v in ws]
    dump_expected(os.path.join(OUT, "keras2_functional_graph.json"), [6], x, y, tensors)


def keras3_functional_cnn():
    """Keras 3 functional CNN: two conv branches of the same input joined by Add, then
    GlobalAveragePooling2D and Dense:
        pixels (6, 6, 2) -> branch_a (3x3, 4, relu) \
                         -> branch_b (1x1, 4)        -> join (Add) -> pool -> classes (3, softmax)"""
    ka, ba = weights(3, 3, 2, 4), weights(4)
    kb, bb = weights(1, 1, 2, 4), weights(4)
    kd, bd = weights(4, 3), weights(3)

    def conv(name, kernel, activation):
        return k3_layer("Conv2D", {"name": name, "trainable": True, "dtype": k3_dtype(), "filters": 4,
                                   "kernel_size": kernel, "strides": [1, 1], "padding": "same",
                                   "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1,
                                   "activation": activation, "use_bias": True})

    def node(*tensors):
        return [{"args": list(tensors), "kwargs": {}}]

    layers = [
        dict(k3_layer("InputLayer", {"batch_shape": [None, 6, 6, 2], "dtype": "float32", "sparse": False,
                                     "name": "pixels"}), name="pixels", inbound_nodes=[]),
        dict(conv("branch_a", [3, 3], "relu"), name="branch_a",
             inbound_nodes=node(k3_tensor("pixels", [None, 6, 6, 2]))),
        dict(conv("branch_b", [1, 1], "linear"), name="branch_b",
             inbound_nodes=node(k3_tensor("pixels", [None, 6, 6, 2]))),
        # a merge layer is called with a list: args = [[a, b]]
        dict(k3_layer("Add", {"name": "join", "trainable": True, "dtype": k3_dtype()}), name="join",
             inbound_nodes=node([k3_tensor("branch_a", [None, 6, 6, 4]), k3_tensor("branch_b", [None, 6, 6, 4])])),
        dict(k3_layer("GlobalAveragePooling2D", {"name": "pool", "trainable": True, "dtype": k3_dtype(),
                                                 "data_format": "channels_last", "keepdims": False}),
             name="pool", inbound_nodes=node(k3_tensor("join", [None, 6, 6, 4]))),
        dict(k3_dense("classes", 3, "softmax"), name="classes", inbound_nodes=node(k3_tensor("pool", [None, 4]))),
    ]
    config = {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
              "config": {"name": "two_branches", "trainable": True, "layers": layers,
                         "input_layers": [["pixels", 0, 0]], "output_layers": [["classes", 0, 0]]},
              "build_config": {"input_shape": None},
              "compile_config": {"optimizer": "adam", "loss": "categorical_crossentropy"}}
    stores = [("input_layer", "pixels", []), ("conv2d", "branch_a", [ka, ba]), ("conv2d_1", "branch_b", [kb, bb]),
              ("add", "join", []), ("global_average_pooling2d", "pool", []), ("dense", "classes", [kd, bd])]
    tensors = write_keras3("keras3_functional_cnn.keras", "two_branches", config,
                           {"keras_version": "3.3.3", "date_saved": "2024-06-01@12:00:00"}, stores)
    x = rng.standard_normal((3, 6, 6, 2))
    t = relu(conv2d_same(x, ka, ba)) + conv2d_same(x, kb, bb)
    y = softmax(dense(t.mean(axis=(1, 2)), kd, bd))
    dump_expected(os.path.join(OUT, "keras3_functional_cnn.json"), [6, 6, 2], x, y, tensors)


def k3_initializer(class_name):
    return {"module": "keras.initializers", "class_name": class_name, "config": {"seed": None},
            "registered_name": None}


def keras3_mobile():
    """Keras 3 functional MobileNet-like block (keras/src/layers/convolutional/depthwise_conv2d.py,
    separable_conv2d.py: kernel (kh, kw, c, m), pointwise kernel (1, 1, c * m, filters)):
        pixels (8, 8, 3) -> pad (ZeroPadding2D ((0, 1), (0, 1)), as MobileNet's correct_pad)
          -> stem (Conv2D 3x3 / 2 valid, 8, relu6) -> dw (DepthwiseConv2D 3x3 same, relu)
          -> sep (SeparableConv2D 3x3 same, depth_multiplier 2, 8) -> skip (Add stem + sep)
          -> pool (GlobalAveragePooling2D) -> classes (Dense 3, softmax)"""
    sk, sb = weights(3, 3, 3, 8), weights(8)
    dk, db = weights(3, 3, 8, 1), weights(8)
    pdk, ppk, pb = weights(3, 3, 8, 2), weights(1, 1, 16, 8), weights(8)
    kd, bd = weights(8, 3), weights(3)

    def node(*tensors):
        return [{"args": list(tensors), "kwargs": {}}]

    def layer(class_name, name, inbound, **config):
        return dict(k3_layer(class_name, dict({"name": name, "trainable": True, "dtype": k3_dtype()}, **config)),
                    name=name, inbound_nodes=node(*inbound))

    conv = {"strides": [1, 1], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1],
            "use_bias": True, "bias_initializer": k3_initializer("Zeros"), "bias_regularizer": None,
            "activity_regularizer": None, "bias_constraint": None}
    layers = [
        dict(k3_layer("InputLayer", {"batch_shape": [None, 8, 8, 3], "dtype": "float32", "sparse": False,
                                     "name": "pixels"}), name="pixels", inbound_nodes=[]),
        layer("ZeroPadding2D", "pad", [k3_tensor("pixels", [None, 8, 8, 3])], padding=[[0, 1], [0, 1]],
              data_format="channels_last"),
        layer("Conv2D", "stem", [k3_tensor("pad", [None, 9, 9, 3])], **dict(
            conv, filters=8, kernel_size=[3, 3], strides=[2, 2], padding="valid", groups=1, activation="relu6",
            kernel_initializer=k3_initializer("GlorotUniform"))),
        layer("DepthwiseConv2D", "dw", [k3_tensor("stem", [None, 4, 4, 8])], **dict(
            conv, kernel_size=[3, 3], activation="relu", depth_multiplier=1,
            depthwise_initializer=k3_initializer("GlorotUniform"), depthwise_regularizer=None,
            depthwise_constraint=None)),
        layer("SeparableConv2D", "sep", [k3_tensor("dw", [None, 4, 4, 8])], **dict(
            conv, filters=8, kernel_size=[3, 3], activation="linear", depth_multiplier=2,
            depthwise_initializer=k3_initializer("GlorotUniform"),
            pointwise_initializer=k3_initializer("GlorotUniform"), depthwise_regularizer=None,
            pointwise_regularizer=None, depthwise_constraint=None, pointwise_constraint=None)),
        layer("Add", "skip", [[k3_tensor("stem", [None, 4, 4, 8]), k3_tensor("sep", [None, 4, 4, 8])]]),
        layer("GlobalAveragePooling2D", "pool", [k3_tensor("skip", [None, 4, 4, 8])],
              data_format="channels_last", keepdims=False),
        dict(k3_dense("classes", 3, "softmax"), name="classes", inbound_nodes=node(k3_tensor("pool", [None, 8]))),
    ]
    config = {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
              "config": {"name": "mobile", "trainable": True, "layers": layers,
                         "input_layers": [["pixels", 0, 0]], "output_layers": [["classes", 0, 0]]},
              "build_config": {"input_shape": None},
              "compile_config": {"optimizer": "adam", "loss": "categorical_crossentropy"}}
    stores = [("input_layer", "pixels", []), ("zero_padding2d", "pad", []), ("conv2d", "stem", [sk, sb]),
              ("depthwise_conv2d", "dw", [dk, db]), ("separable_conv2d", "sep", [pdk, ppk, pb]),
              ("add", "skip", []), ("global_average_pooling2d", "pool", []), ("dense", "classes", [kd, bd])]
    tensors = write_keras3("keras3_mobile.keras", "mobile", config,
                           {"keras_version": "3.6.0", "date_saved": "2024-10-01@12:00:00"}, stores)
    x = rng.standard_normal((3, 8, 8, 3))
    t = np.pad(x, ((0, 0), (0, 1), (0, 1), (0, 0)))
    stem = np.clip(conv2d(t, sk, sb, 2, "valid"), 0.0, 6.0)
    t = relu(depthwise_conv2d(stem, dk, db, 1, "same"))
    t = stem + separable_conv2d(t, pdk, ppk, pb, 1, "same")
    y = softmax(dense(t.mean(axis=(1, 2)), kd, bd))
    dump_expected(os.path.join(OUT, "keras3_mobile.json"), [8, 8, 3], x, y, tensors)


def keras2_mobile():
    """tf.keras 2 Sequential .h5 with the same layers as tf.keras names their weights
    (depthwise_kernel:0, pointwise_kernel:0, bias:0):
        (7, 7, 2) -> zero_padding2d (1) -> depthwise_conv2d (3x3 / 2 same, depth_multiplier 2,
        no bias, relu) -> separable_conv2d (3x3 valid, 4, relu) -> global_average_pooling2d
        -> dense (2, softmax)"""
    dk = weights(3, 3, 2, 2)
    pdk, ppk, pb = weights(3, 3, 4, 1), weights(1, 1, 4, 4), weights(4)
    kd, bd = weights(4, 2), weights(2)
    init = {"class_name": "GlorotUniform", "config": {"seed": None}}
    common = {"trainable": True, "dtype": "float32"}
    conv = dict(common, data_format="channels_last", dilation_rate=[1, 1], groups=1,
                bias_initializer={"class_name": "Zeros", "config": {}}, bias_regularizer=None,
                activity_regularizer=None, bias_constraint=None, depthwise_initializer=init,
                depthwise_regularizer=None, depthwise_constraint=None)
    config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 7, 7, 2], "dtype": "float32",
                                                "sparse": False, "ragged": False, "name": "input_1"}},
        {"class_name": "ZeroPadding2D", "config": dict(common, name="zero_padding2d", padding=[[1, 1], [1, 1]],
                                                       data_format="channels_last")},
        {"class_name": "DepthwiseConv2D", "config": dict(conv, name="depthwise_conv2d", kernel_size=[3, 3],
                                                         strides=[2, 2], padding="same", activation="relu",
                                                         use_bias=False, depth_multiplier=2)},
        {"class_name": "SeparableConv2D", "config": dict(conv, name="separable_conv2d", filters=4, kernel_size=[3, 3],
                                                         strides=[1, 1], padding="valid", activation="relu",
                                                         use_bias=True, depth_multiplier=1, pointwise_initializer=init,
                                                         pointwise_regularizer=None, pointwise_constraint=None)},
        {"class_name": "GlobalAveragePooling2D", "config": dict(common, name="global_average_pooling2d",
                                                                data_format="channels_last", keepdims=False)},
        k2_dense("dense", 2, "softmax")]}}
    layers = [("zero_padding2d", []), ("depthwise_conv2d", [("depthwise_kernel", dk)]),
              ("separable_conv2d", [("depthwise_kernel", pdk), ("pointwise_kernel", ppk), ("bias", pb)]),
              ("global_average_pooling2d", []), ("dense", [("kernel", kd), ("bias", bd)])]
    write_legacy_h5(os.path.join(OUT, "keras2_mobile.h5"), config, layers, "2.15.0",
                    lambda layer, leaf: f"{layer}/{leaf}:0")
    x = rng.standard_normal((3, 7, 7, 2))
    t = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    t = relu(depthwise_conv2d(t, dk, None, 2, "same"))
    t = relu(separable_conv2d(t, pdk, ppk, pb, 1, "valid"))
    y = softmax(dense(t.mean(axis=(1, 2)), kd, bd))
    tensors = []
    for layer, ws in layers:
        tensors += [(f"{layer}/{leaf}:0", v.shape, layer) for leaf, v in ws]
    dump_expected(os.path.join(OUT, "keras2_mobile.json"), [7, 7, 2], x, y, tensors)


def dump_expected_outputs(path, input_shape, x, names, ys, tensors):
    """dump_expected, with every output of a several-output model: "outputs" holds the first, as
    for one-output models, and "all_outputs" each of them in the model's order."""
    dump_expected(path, input_shape, x, ys[0], tensors)
    with open(path) as f:
        doc = json.load(f)
    doc["all_outputs"] = [{"layer": n, "values": y.reshape(y.shape[0], -1).tolist()} for n, y in zip(names, ys)]
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def k2_sequential_input(name, shape):
    return {"class_name": "InputLayer", "config": {"batch_input_shape": [None] + list(shape), "dtype": "float32",
                                                   "sparse": False, "ragged": False, "name": name}}


def k3_input(name, shape, functional=True):
    layer = k3_layer("InputLayer", {"batch_shape": [None] + list(shape), "dtype": "float32", "sparse": False,
                                    "name": name})
    return dict(layer, name=name, inbound_nodes=[]) if functional else layer


def k3_call(name, shape):
    return [{"args": [k3_tensor(name, [None] + list(shape))], "kwargs": {}}]


def nested_models():
    """Nested models (#16): models used as layers, inlined by the reader as "<model>/<layer>".
    keras2_nested.h5 (tf.keras 2.15) and keras3_nested.keras (Keras 3.3), the same graph:
        input (4) -> encoder (functional: dense_1 (6) -> batch_normalization -> dense_2 (5, relu))
          -> dense (4, tanh) -> head (Sequential: dense_3 (3, relu) -> dense_4 (2, softmax))
    tf.keras' model.save() gives a nested model one group under model_weights, named after it,
    whose weight_names are its layers' variables ("dense_1/kernel:0"), the trainable ones of all
    its layers first, then the non-trainable (the moving mean and variance). Keras 3's
    saving_lib walks a nested model's `layers` too: layers/functional/layers/dense/vars.
    keras2_seq_in_seq.h5 and keras3_seq_in_seq.keras: a Sequential inside a Sequential,
        (3) -> block (Sequential: dense (5, relu) -> dense_1 (4, relu)) -> dense_2 (2, softmax)"""
    k1, b1 = weights(4, 6), weights(6)
    gamma = (1.0 + 0.2 * rng.standard_normal(6)).astype(np.float32)
    beta, mean = weights(6, scale=0.1), weights(6, scale=0.3)
    var = (0.5 + rng.random(6)).astype(np.float32)
    k2, b2 = weights(6, 5), weights(5)
    kd, bd = weights(5, 4), weights(4)
    k3, b3 = weights(4, 3), weights(3)
    k4, b4 = weights(3, 2), weights(2)
    eps = 0.001
    x = rng.standard_normal((5, 4))
    t = relu(dense(batchnorm(dense(x, k1, b1), gamma, beta, mean, var, eps), k2, b2))
    t = np.tanh(dense(t, kd, bd))
    y = softmax(dense(relu(dense(t, k3, b3)), k4, b4))

    bn2 = k2_graph_layer("BatchNormalization", "batch_normalization", k2_node("dense_1"), axis=[1], momentum=0.99,
                         epsilon=eps, center=True, scale=True)
    encoder = {"class_name": "Functional", "name": "encoder", "inbound_nodes": k2_node("input_1"), "config": {
        "name": "encoder", "layers": [
            {"class_name": "InputLayer", "name": "input_2", "inbound_nodes": [],
             "config": {"batch_input_shape": [None, 4], "dtype": "float32", "sparse": False, "ragged": False,
                        "name": "input_2"}},
            dict(k2_dense("dense_1", 6, "linear"), name="dense_1", inbound_nodes=k2_node("input_2")),
            bn2,
            dict(k2_dense("dense_2", 5, "relu"), name="dense_2", inbound_nodes=k2_node("batch_normalization"))],
        "input_layers": [["input_2", 0, 0]], "output_layers": [["dense_2", 0, 0]]}}
    head = {"class_name": "Sequential", "name": "head", "inbound_nodes": k2_node("dense"), "config": {
        "name": "head", "layers": [k2_sequential_input("dense_3_input", [4]), k2_dense("dense_3", 3, "relu"),
                                   k2_dense("dense_4", 2, "softmax")]}}
    config = {"class_name": "Functional", "config": {"name": "model", "layers": [
        {"class_name": "InputLayer", "name": "input_1", "inbound_nodes": [],
         "config": {"batch_input_shape": [None, 4], "dtype": "float32", "sparse": False, "ragged": False,
                    "name": "input_1"}},
        encoder,
        dict(k2_dense("dense", 4, "tanh"), name="dense", inbound_nodes=k2_node("encoder")),
        head], "input_layers": [["input_1", 0, 0]], "output_layers": [["head", 0, 0]]}}
    # model.layers' weights: a nested model lists its layers' trainable weights, then the others
    stored = [("input_1", []),
              ("encoder", [("dense_1/kernel", k1), ("dense_1/bias", b1), ("batch_normalization/gamma", gamma),
                           ("batch_normalization/beta", beta), ("dense_2/kernel", k2), ("dense_2/bias", b2),
                           ("batch_normalization/moving_mean", mean), ("batch_normalization/moving_variance", var)]),
              ("dense", [("dense/kernel", kd), ("dense/bias", bd)]),
              ("head", [("dense_3/kernel", k3), ("dense_3/bias", b3), ("dense_4/kernel", k4), ("dense_4/bias", b4)])]
    write_legacy_h5(os.path.join(OUT, "keras2_nested.h5"), config, stored, "2.15.0", lambda layer, leaf: f"{leaf}:0")
    tensors = []
    for layer, ws in stored:
        for leaf, v in ws:
            inner = leaf.split("/")[0]
            tensors.append((f"{leaf}:0", v.shape, layer if inner == layer else f"{layer}/{inner}"))
    dump_expected(os.path.join(OUT, "keras2_nested.json"), [4], x, y, tensors)

    # Keras 3: the nested models are layers serialised whole, called through keras_history
    bn3 = k3_layer("BatchNormalization", {"name": "batch_normalization", "trainable": True, "dtype": k3_dtype(),
                                          "axis": -1, "momentum": 0.99, "epsilon": eps, "center": True,
                                          "scale": True})
    encoder3 = {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
                "config": {"name": "encoder", "trainable": True, "layers": [
                    k3_input("input_layer_1", [4]),
                    dict(k3_dense("dense_1", 6, "linear"), name="dense_1", inbound_nodes=k3_call("input_layer_1", [4])),
                    dict(bn3, name="batch_normalization", inbound_nodes=k3_call("dense_1", [6])),
                    dict(k3_dense("dense_2", 5, "relu"), name="dense_2",
                         inbound_nodes=k3_call("batch_normalization", [6]))],
                    "input_layers": [["input_layer_1", 0, 0]], "output_layers": [["dense_2", 0, 0]]},
                "build_config": {"input_shape": [None, 4]},
                "name": "encoder", "inbound_nodes": k3_call("input_layer", [4])}
    head3 = {"module": "keras", "class_name": "Sequential", "registered_name": None,
             "config": {"name": "head", "trainable": True, "dtype": k3_dtype(), "layers": [
                 k3_input("input_layer_2", [4], functional=False), k3_dense("dense_3", 3, "relu"),
                 k3_dense("dense_4", 2, "softmax")], "build_input_shape": [None, 4]},
             "build_config": {"input_shape": [None, 4]},
             "name": "head", "inbound_nodes": k3_call("dense", [4])}
    config3 = {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
               "config": {"name": "nested", "trainable": True, "layers": [
                   k3_input("input_layer", [4]), encoder3,
                   dict(k3_dense("dense", 4, "tanh"), name="dense", inbound_nodes=k3_call("encoder", [5])), head3],
                   "input_layers": [["input_layer", 0, 0]], "output_layers": [["head", 0, 0]]},
               "build_config": {"input_shape": None}}
    stores = [("input_layer", "input_layer", []), ("functional", "encoder", []),
              ("functional/layers/input_layer", "input_layer_1", []),
              ("functional/layers/dense", "dense_1", [k1, b1]),
              ("functional/layers/batch_normalization", "batch_normalization", [gamma, beta, mean, var]),
              ("functional/layers/dense_1", "dense_2", [k2, b2]),
              ("dense", "dense", [kd, bd]), ("sequential", "head", []),
              ("sequential/layers/dense", "dense_3", [k3, b3]), ("sequential/layers/dense_1", "dense_4", [k4, b4])]
    tensors = write_keras3("keras3_nested.keras", "nested", config3,
                           {"keras_version": "3.3.3", "date_saved": "2024-06-01@12:00:00"}, stores)
    full = {"dense_1": "encoder/dense_1", "batch_normalization": "encoder/batch_normalization",
            "dense_2": "encoder/dense_2", "dense_3": "head/dense_3", "dense_4": "head/dense_4"}
    tensors = [(n, sh, full.get(layer, layer)) for n, sh, layer in tensors]
    dump_expected(os.path.join(OUT, "keras3_nested.json"), [4], x, y, tensors)

    # A Sequential inside a Sequential
    ka, ba, kb, bb, kc, bc = weights(3, 5), weights(5), weights(5, 4), weights(4), weights(4, 2), weights(2)
    x = rng.standard_normal((4, 3))
    y = softmax(dense(relu(dense(relu(dense(x, ka, ba)), kb, bb)), kc, bc))
    block = {"class_name": "Sequential", "config": {"name": "block", "layers": [
        k2_sequential_input("dense_input", [3]), k2_dense("dense", 5, "relu"), k2_dense("dense_1", 4, "relu")]}}
    config = {"class_name": "Sequential", "config": {"name": "sequential_1", "layers": [
        k2_sequential_input("block_input", [3]), block, k2_dense("dense_2", 2, "softmax")]}}
    stored = [("block", [("dense/kernel", ka), ("dense/bias", ba), ("dense_1/kernel", kb), ("dense_1/bias", bb)]),
              ("dense_2", [("dense_2/kernel", kc), ("dense_2/bias", bc)])]
    write_legacy_h5(os.path.join(OUT, "keras2_seq_in_seq.h5"), config, stored, "2.15.0", lambda layer, leaf: f"{leaf}:0")
    tensors = []
    for layer, ws in stored:
        for leaf, v in ws:
            inner = leaf.split("/")[0]
            tensors.append((f"{leaf}:0", v.shape, layer if inner == layer else f"{layer}/{inner}"))
    dump_expected(os.path.join(OUT, "keras2_seq_in_seq.json"), [3], x, y, tensors)

    block3 = {"module": "keras", "class_name": "Sequential", "registered_name": None,
              "config": {"name": "block", "trainable": True, "dtype": k3_dtype(), "layers": [
                  k3_input("input_layer", [3], functional=False), k3_dense("dense", 5, "relu"),
                  k3_dense("dense_1", 4, "relu")], "build_input_shape": [None, 3]},
              "build_config": {"input_shape": [None, 3]}}
    config3 = {"module": "keras", "class_name": "Sequential", "registered_name": None,
               "config": {"name": "sequential", "trainable": True, "dtype": k3_dtype(), "layers": [
                   k3_input("input_layer_1", [3], functional=False), block3, k3_dense("dense_2", 2, "softmax")],
                   "build_input_shape": [None, 3]},
               "build_config": {"input_shape": [None, 3]}}
    stores = [("sequential", "block", []), ("sequential/layers/dense", "dense", [ka, ba]),
              ("sequential/layers/dense_1", "dense_1", [kb, bb]), ("dense", "dense_2", [kc, bc])]
    tensors = write_keras3("keras3_seq_in_seq.keras", "sequential", config3,
                           {"keras_version": "3.3.3", "date_saved": "2024-06-01@12:00:00"}, stores)
    full = {"dense": "block/dense", "dense_1": "block/dense_1"}
    tensors = [(n, sh, full.get(layer, layer)) for n, sh, layer in tensors]
    dump_expected(os.path.join(OUT, "keras3_seq_in_seq.json"), [3], x, y, tensors)


def two_outputs():
    """Model(x, [out_a, out_b]) (#16): a shared trunk, a softmax head and a linear head.
        input (5) -> trunk (6, relu) -> out_a (3, softmax); trunk -> out_b (2, linear)
    keras2_two_outputs.h5 (tf.keras 2.15) and keras3_two_outputs.keras (Keras 3.3)."""
    kt, bt, ka, ba, kb, bb = weights(5, 6), weights(6), weights(6, 3), weights(3), weights(6, 2), weights(2)
    x = rng.standard_normal((4, 5))
    t = relu(dense(x, kt, bt))
    ya, yb = softmax(dense(t, ka, ba)), dense(t, kb, bb)
    config = {"class_name": "Functional", "config": {"name": "model", "layers": [
        {"class_name": "InputLayer", "name": "input_1", "inbound_nodes": [],
         "config": {"batch_input_shape": [None, 5], "dtype": "float32", "sparse": False, "ragged": False,
                    "name": "input_1"}},
        dict(k2_dense("trunk", 6, "relu"), name="trunk", inbound_nodes=k2_node("input_1")),
        dict(k2_dense("out_a", 3, "softmax"), name="out_a", inbound_nodes=k2_node("trunk")),
        dict(k2_dense("out_b", 2, "linear"), name="out_b", inbound_nodes=k2_node("trunk"))],
        "input_layers": [["input_1", 0, 0]], "output_layers": [["out_a", 0, 0], ["out_b", 0, 0]]}}
    stored = [("input_1", []), ("trunk", [("kernel", kt), ("bias", bt)]), ("out_a", [("kernel", ka), ("bias", ba)]),
              ("out_b", [("kernel", kb), ("bias", bb)])]
    write_legacy_h5(os.path.join(OUT, "keras2_two_outputs.h5"), config, stored, "2.15.0",
                    lambda layer, leaf: f"{layer}/{leaf}:0")
    tensors = [(f"{layer}/{leaf}:0", v.shape, layer) for layer, ws in stored for leaf, v in ws]
    dump_expected_outputs(os.path.join(OUT, "keras2_two_outputs.json"), [5], x, ["out_a", "out_b"], [ya, yb], tensors)

    config3 = {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
               "config": {"name": "two_heads", "trainable": True, "layers": [
                   k3_input("input_layer", [5]),
                   dict(k3_dense("trunk", 6, "relu"), name="trunk", inbound_nodes=k3_call("input_layer", [5])),
                   dict(k3_dense("out_a", 3, "softmax"), name="out_a", inbound_nodes=k3_call("trunk", [6])),
                   dict(k3_dense("out_b", 2, "linear"), name="out_b", inbound_nodes=k3_call("trunk", [6]))],
                   "input_layers": [["input_layer", 0, 0]], "output_layers": [["out_a", 0, 0], ["out_b", 0, 0]]},
               "build_config": {"input_shape": None}}
    stores = [("input_layer", "input_layer", []), ("dense", "trunk", [kt, bt]), ("dense_1", "out_a", [ka, ba]),
              ("dense_2", "out_b", [kb, bb])]
    tensors = write_keras3("keras3_two_outputs.keras", "two_heads", config3,
                           {"keras_version": "3.3.3", "date_saved": "2024-06-01@12:00:00"}, stores)
    # The reader lists a .keras in the converted model's order, where the first output comes last.
    tensors = tensors[:2] + tensors[4:] + tensors[2:4]
    dump_expected_outputs(os.path.join(OUT, "keras3_two_outputs.json"), [5], x, ["out_a", "out_b"], [ya, yb], tensors)
    np.save(os.path.join(OUT, "two_outputs_x.npy"), x.astype(np.float32))
    # eval's data: the samples with the class out_a gives each (accuracy 1 on the first output)
    with open(os.path.join(OUT, "two_outputs_eval.csv"), "w") as f:
        f.write(",".join(f"f{i}" for i in range(5)) + ",label\n")
        for row, label in zip(x.astype(np.float32), ya.argmax(axis=1)):
            f.write(",".join(f"{v:.9g}" for v in row) + f",{label}\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    config, layers = keras2_mlp()
    keras3_h5()
    keras3_cnn()
    lambda_model()
    hostile(config, layers)
    functional_models()
    split_f16_weights()
    keras2_functional_graph()
    keras3_functional_cnn()
    keras3_mobile()
    keras2_mobile()
    nested_models()
    two_outputs()


if __name__ == "__main__":
    main()
