#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the TensorBoard reference data of tests/data/tensorboard/.

Needs Debian's python3-protobuf, python3-numpy and protoc (tools/tfevents.py compiles
core/run/proto/tensorboard.proto, the definitions the C++ reader is built from, into a temporary
folder). The build and the tests never need Python.

  - keras_reference.json: what ../shared/data/tensorboard/keras-tutorial/ holds (event files
    written by TensorFlow 2's Keras callback and hparams plugin, not by this project), decoded
    here independently of the C++ reader: per run (its path relative to keras-tutorial/), every
    scalar tag with its point count, first and last steps, sum, minimum and maximum, the points
    themselves for tags of at most 40 points and every 997th point of longer ones; the run's
    outcomes of the tag as the Importance and parallel-coordinates views offer them (#19), computed
    with NumPy: the final value, the best minimised and maximised (nanmin, nanmax) and the steps of
    the first best (nanargmin, nanargmax); histogram tags
    with their step counts and the bucket counts' total at the first step; the hparams session's
    values; the experiment's metric names. Several files of a run merge by step, later wall time
    winning, as TensorBoard does.
  - writer/: logs written the way PyTorch's SummaryWriter writes them (simple_value scalars,
    HistogramProto histograms, metadata on a tag's first value only) plus the other encodings:
      writer/pt/        two files: a training that ran steps 0-9 and was restarted at step 5
                        (later wall times), running on to step 14
      writer/tf2/       scalars as 0-d tensors of float, double and half; a (k, 3) histogram
                        tensor; a text summary
      writer/hp/        an hparams experiment (metric "hp/accuracy") and writer/hp/s1 a session
    writer_reference.json lists what each run must read as.
Run: /usr/bin/python3 tools/make_tensorboard_reference.py
"""
import glob
import json
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tfevents  # noqa: E402

ROOT = tfevents.ROOT
KERAS = os.path.join(os.path.dirname(ROOT), "shared", "data", "tensorboard", "keras-tutorial")
OUT = os.path.join(ROOT, "tests", "data", "tensorboard")


def tensor_values(t):
    P = tfevents.pb2()
    fmt = {P.DT_FLOAT: ("<f", 4), P.DT_DOUBLE: ("<d", 8), P.DT_HALF: ("<e", 2)}[t.dtype]
    if t.tensor_content:
        n = len(t.tensor_content) // fmt[1]
        return list(struct.unpack("<%d%s" % (n, fmt[0][1]), t.tensor_content))
    if t.dtype == P.DT_FLOAT:
        return list(t.float_val)
    if t.dtype == P.DT_DOUBLE:
        return list(t.double_val)
    return [struct.unpack("<e", struct.pack("<H", h))[0] for h in t.half_val]


def decode_run(files):
    """Scalars, histograms, hparams and metric names of the event files of one run."""
    P = tfevents.pb2()
    scalars, hists, plugins, hparams, metrics = {}, {}, {}, {}, []
    for f in sorted(files):
        for e in tfevents.events(f):
            if e.WhichOneof("what") != "summary":
                continue
            for v in e.summary.value:
                tag = v.tag.decode("utf-8", "replace")
                if v.HasField("metadata"):
                    plugins.setdefault(tag, v.metadata.plugin_data.plugin_name.decode())
                plugin = plugins.get(tag, "")
                kind = v.WhichOneof("value")
                if kind == "simple_value" or (kind == "tensor" and plugin == "scalars"):
                    value = v.simple_value if kind == "simple_value" else tensor_values(v.tensor)[0]
                    scalars.setdefault(tag, []).append((e.step, e.wall_time, value))
                elif kind == "histo" or (kind == "tensor" and plugin == "histograms"):
                    if kind == "histo":
                        counts = list(v.histo.bucket)
                    else:
                        counts = tensor_values(v.tensor)[2::3]
                    hists.setdefault(tag, []).append((e.step, e.wall_time, sum(counts)))
                elif kind == "tensor" and plugin == "hparams":
                    hp = P.HParamsPluginData()
                    hp.ParseFromString(v.metadata.plugin_data.content)
                    for entry in hp.session_start_info.hparams:  # a map on the wire: the last entry of a key wins
                        val = entry.value
                        which = val.WhichOneof("kind")
                        value = getattr(val, which)
                        hparams[entry.key.decode()] = value.decode() if isinstance(value, bytes) else value
                    for m in hp.experiment.metric_infos:
                        group, name = m.name.group.decode(), m.name.tag.decode()
                        metrics.append(group + "/" + name if group else name)

    def merged(points):
        # by step, later wall time wins (sorted is stable: equal wall times keep arrival order)
        best = {}
        for p in sorted(points, key=lambda p: (p[0], p[1])):
            best[p[0]] = p
        return [best[s] for s in sorted(best)]

    return ({t: merged(p) for t, p in scalars.items()}, {t: merged(p) for t, p in hists.items()}, hparams,
            metrics)


def keras_reference():
    runs = {}
    for d in sorted({os.path.dirname(f) for f in glob.glob(os.path.join(KERAS, "**", "events.out.tfevents.*"),
                                                           recursive=True)}):
        scalars, hists, hparams, metrics = decode_run(glob.glob(os.path.join(d, "events.out.tfevents.*")))
        run = {"scalars": {}, "histograms": {}, "hparams": hparams, "metrics": metrics}
        for tag, pts in scalars.items():
            values = [p[2] for p in pts]
            entry = {"count": len(pts), "first_step": pts[0][0], "last_step": pts[-1][0], "sum": sum(values),
                     "min": min(values), "max": max(values), "last": values[-1]}
            sample = range(len(pts)) if len(pts) <= 40 else range(0, len(pts), 997)
            entry["points"] = [[i, pts[i][0], pts[i][1], pts[i][2]] for i in sample]  # index, step, wall, value
            v = np.array(values, dtype=np.float64)
            entry["outcomes"] = {"final": float(v[-1]), "min": float(np.nanmin(v)), "max": float(np.nanmax(v)),
                                 "min_step": int(pts[int(np.nanargmin(v))][0]),
                                 "max_step": int(pts[int(np.nanargmax(v))][0])}
            run["scalars"][tag] = entry
        for tag, pts in hists.items():
            run["histograms"][tag] = {"count": len(pts), "first_step": pts[0][0], "first_total": pts[0][2]}
        runs[os.path.relpath(d, KERAS)] = run
    return runs


def summary_event(step, wall, values):
    P = tfevents.pb2()
    e = P.Event(wall_time=wall, step=step)
    e.summary.value.extend(values)
    return tfevents.frame(e.SerializeToString())


def scalars_metadata(plugin):
    P = tfevents.pb2()
    return P.SummaryMetadata(plugin_data=P.SummaryMetadata.PluginData(plugin_name=plugin.encode()))


def file_version(wall):
    return tfevents.frame(tfevents.pb2().Event(wall_time=wall, file_version=b"brain.Event:2").SerializeToString())


def write(path, records):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"".join(records))


def writer_files():
    P = tfevents.pb2()
    ref = {}
    # pt/: PyTorch's SummaryWriter: simple_value; HistogramProto with bucket_limit as right edges.
    t0 = 1700000000.0
    first = [file_version(t0)]
    for step in range(10):
        first.append(summary_event(step, t0 + step, [P.Summary.Value(tag=b"loss", simple_value=1.0 / (step + 1))]))
        if step % 5 == 0:
            h = P.HistogramProto(min=-1.0, max=2.0, num=6, sum=1.5, sum_squares=5.0,
                                 bucket_limit=[0.0, 1.0, 2.0], bucket=[1.0, 2.0 + step, 3.0])
            first.append(summary_event(step, t0 + step, [P.Summary.Value(tag=b"weights/w", histo=h)]))
    write(os.path.join(OUT, "writer", "pt", "events.out.tfevents.1700000000.host.1.0"), first)
    t1 = t0 + 100
    second = [file_version(t1)]
    for step in range(5, 15):
        second.append(summary_event(step, t1 + step, [P.Summary.Value(tag=b"loss", simple_value=10.0 + step)]))
    write(os.path.join(OUT, "writer", "pt", "events.out.tfevents.1700000100.host.2.0"), second)
    ref["pt"] = {"loss": [[s, 1.0 / (s + 1)] for s in range(5)] + [[s, 10.0 + s] for s in range(5, 15)],
                 "weights/w": {"steps": [0, 5], "buckets_at_5": [-1.0, 0.0, 1.0, 0.0, 1.0, 7.0, 1.0, 2.0, 3.0]}}
    # tf2/: TF2's tensor encodings, metadata on the first value of each tag only.
    recs = [file_version(t0)]
    for step in range(3):
        md = step == 0
        f32 = P.TensorProto(dtype=P.DT_FLOAT, tensor_content=struct.pack("<f", 0.5 + step))
        f64 = P.TensorProto(dtype=P.DT_DOUBLE, double_val=[0.25 + step])
        f16 = P.TensorProto(dtype=P.DT_HALF, half_val=[struct.unpack("<H", struct.pack("<e", 1.5 + step))[0]])
        values = [P.Summary.Value(tag=b"f32", tensor=f32), P.Summary.Value(tag=b"f64", tensor=f64),
                  P.Summary.Value(tag=b"f16", tensor=f16)]
        if md:
            for v in values:
                v.metadata.CopyFrom(scalars_metadata("scalars"))
        recs.append(summary_event(step, t0 + step, values))
    hist = P.TensorProto(dtype=P.DT_DOUBLE, tensor_content=struct.pack("<6d", 0, 1, 4, 1, 2, 6))
    hist.tensor_shape.dim.add(size=2)
    hist.tensor_shape.dim.add(size=3)
    recs.append(summary_event(7, t0 + 7, [P.Summary.Value(tag=b"h", tensor=hist, metadata=scalars_metadata("histograms"))]))
    text = P.TensorProto(dtype=P.DT_STRING, string_val=["hello, **run**".encode()])
    recs.append(summary_event(2, t0 + 8, [P.Summary.Value(tag=b"notes/text_summary", tensor=text,
                                                          metadata=scalars_metadata("text"))]))
    write(os.path.join(OUT, "writer", "tf2", "events.out.tfevents.1700000000.host.3.v2"), recs)
    ref["tf2"] = {"f32": [0.5, 1.5, 2.5], "f64": [0.25, 1.25, 2.25], "f16": [1.5, 2.5, 3.5],
                  "h": [0, 1, 4, 1, 2, 6], "text": "hello, **run**"}
    # hp/: the experiment summary at the top, one session below that reports hp/accuracy.
    exp = P.HParamsPluginData(version=0)
    exp.experiment.hparam_infos.add(name=b"lr")
    exp.experiment.metric_infos.add().name.CopyFrom(P.MetricName(group=b"hp", tag=b"accuracy"))
    write(os.path.join(OUT, "writer", "hp", "events.out.tfevents.1700000000.host.4.v2"), [
        file_version(t0), summary_event(0, t0, [P.Summary.Value(
            tag=b"_hparams_/experiment", tensor=P.TensorProto(dtype=P.DT_FLOAT),
            metadata=P.SummaryMetadata(plugin_data=P.SummaryMetadata.PluginData(
                plugin_name=b"hparams", content=exp.SerializeToString())))])])
    session = P.HParamsPluginData(version=0)
    session.session_start_info.hparams.add(key=b"lr", value=P.Value(number_value=0.01))
    session.session_start_info.hparams.add(key=b"optimizer", value=P.Value(string_value=b"adam"))
    session.session_start_info.hparams.add(key=b"nesterov", value=P.Value(bool_value=True))
    write(os.path.join(OUT, "writer", "hp", "s1", "events.out.tfevents.1700000001.host.5.v2"), [
        file_version(t0 + 1), summary_event(0, t0 + 1, [P.Summary.Value(
            tag=b"_hparams_/session_start_info", tensor=P.TensorProto(dtype=P.DT_FLOAT),
            metadata=P.SummaryMetadata(plugin_data=P.SummaryMetadata.PluginData(
                plugin_name=b"hparams", content=session.SerializeToString())))]),
        summary_event(1, t0 + 2, [P.Summary.Value(tag=b"hp/accuracy", simple_value=0.875)])])
    ref["hp/s1"] = {"hparams": {"lr": 0.01, "optimizer": "adam", "nesterov": True}, "final": {"hp/accuracy": 0.875}}
    # The same decoder as for the Keras logs must agree with what was meant.
    scalars, hists, _, _ = decode_run(glob.glob(os.path.join(OUT, "writer", "pt", "events.*")))
    assert [[p[0], p[2]] for p in scalars["loss"]] == [[s, struct.unpack("<f", struct.pack("<f", v))[0]]
                                                        for s, v in ref["pt"]["loss"]]
    return ref


def dump(obj, name):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    dump(writer_files(), "writer_reference.json")
    if os.path.isdir(KERAS):
        dump(keras_reference(), "keras_reference.json")
    else:
        print("no", KERAS, "- keras_reference.json left as it is")
