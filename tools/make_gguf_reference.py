#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the GGUF reference files under tests/data/gguf/ and their expected values.

There is no `gguf` Python package in Debian, so the container is written here with struct,
following ggml's docs/gguf.md (GGUF v3, little-endian): header, metadata key/values, tensor
infos, padding to general.alignment, aligned tensor data. Tensor dims are written ggml-style,
ne[0] (the fastest-varying dimension) first, so a NumPy array of shape (rows, cols) is written
with ne = [cols, rows].

Quantised tensors: random data is quantised by the straightforward NumPy quantisers below,
written from the block layouts of ggml's ggml-common.h (block_q4_0 ... block_q8_K, block_iq4_nl,
block_iq4_xs, block_mxfp4 with the level tables kvalues_iq4nl and kvalues_mxfp4). They are
simpler than ggml's (no iterative scale search) but produce valid blocks of each format. The
expected float32 values come from the NumPy dequantisers below, which follow ggml-quants.c's
dequantize_row_* in float32 and in the same operation order, so the C++ reader must match them
bit for bit. The script checks that dequantise(quantise(x)) is close to x for every format.

Files:
  metadata.gguf  v3, alignment 64: one key of every value type, nested arrays, a 1000-token
                 tokenizer, a non-UTF-8 string, and two small F32 tensors.
  quants.gguf    v3, alignment 32: one tensor per supported ggml type (IQ4_NL, IQ4_XS and MXFP4
                 included; MXFP4's last blocks carry the scale bytes 0, 1, 255), one IQ2_XXS tensor
                 (listed, not dequantisable), ne = [512, 2] (shape (2, 512)) each.
  v2.gguf        a GGUF version 2 file with one F16 tensor.
  expected.npz   for every tensor of quants.gguf and v2.gguf, the float32 values the reader
                 must return (C order), named "<file>/<tensor>".
  ../bad/v1.gguf a GGUF version 1 file (refused) for the command-line tests.

Run: /usr/bin/python3 tools/make_gguf_reference.py
"""
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "gguf")

# gguf_metadata_value_type
U8, I8, U16, I16, U32, I32, F32, BOOL, STRING, ARRAY, U64, I64, F64 = range(13)
SCALAR_FORMATS = {U8: "<B", I8: "<b", U16: "<H", I16: "<h", U32: "<I", I32: "<i", F32: "<f", BOOL: "<?",
                  U64: "<Q", I64: "<q", F64: "<d"}

# ggml_type numbers (ggml.h)
GGML = {"F32": 0, "F16": 1, "Q4_0": 2, "Q4_1": 3, "Q5_0": 6, "Q5_1": 7, "Q8_0": 8, "Q2_K": 10, "Q3_K": 11,
        "Q4_K": 12, "Q5_K": 13, "Q6_K": 14, "Q8_K": 15, "IQ2_XXS": 16, "I8": 24, "I16": 25, "I32": 26,
        "F64": 28, "BF16": 30, "IQ4_NL": 20, "IQ4_XS": 23, "MXFP4": 39}


# ---------------------------------------------------------------- container

def gguf_string(s):
    b = s if isinstance(s, bytes) else s.encode("utf-8")
    return struct.pack("<Q", len(b)) + b


def gguf_value(vtype, value):
    """value of an ARRAY is (element type, list)."""
    if vtype == STRING:
        return gguf_string(value)
    if vtype == ARRAY:
        etype, items = value
        return struct.pack("<IQ", etype, len(items)) + b"".join(gguf_value(etype, v) for v in items)
    return struct.pack(SCALAR_FORMATS[vtype], value)


def write_gguf(path, kvs, tensors, version=3, alignment=32):
    """kvs: list of (key, type, value); tensors: list of (name, ne, ggml type name, raw bytes)."""
    out = bytearray(b"GGUF" + struct.pack("<IQQ", version, len(tensors), len(kvs)))
    for key, vtype, value in kvs:
        out += gguf_string(key) + struct.pack("<I", vtype) + gguf_value(vtype, value)
    offset = 0
    offsets = []
    for name, ne, tname, raw in tensors:
        offsets.append(offset)
        out += gguf_string(name) + struct.pack("<I", len(ne)) + b"".join(struct.pack("<Q", d) for d in ne)
        out += struct.pack("<IQ", GGML[tname], offset)
        offset += len(raw)
        offset += (alignment - offset % alignment) % alignment
    out += b"\0" * ((alignment - len(out) % alignment) % alignment)
    start = len(out)
    for (name, ne, tname, raw), off in zip(tensors, offsets):
        out += b"\0" * (start + off - len(out))
        out += raw
    with open(path, "wb") as f:
        f.write(out)


# ---------------------------------------------------------------- helpers

def f16(x):
    """float32 -> (float16 bytes as uint16, the float32 value it stands for)."""
    h = np.asarray(x, dtype=np.float32).astype(np.float16)
    return h.view(np.uint16), h.astype(np.float32)


def as_f32(h_bits):
    return np.asarray(h_bits, dtype=np.uint16).view(np.float16).astype(np.float32)


def nearest(x):
    return np.rint(x).astype(np.int64)


def safe_div(a, b):
    b = np.asarray(b, dtype=np.float32)
    return np.where(b != 0, a / np.where(b != 0, b, 1), 0).astype(np.float32)


def signed_absmax(x):
    """Per row, the element with the largest magnitude, with its sign."""
    idx = np.argmax(np.abs(x), axis=-1)
    return np.take_along_axis(x, idx[..., None], axis=-1)[..., 0]


# ---------------------------------------------------------------- 32-element blocks

def quant_q8_0(x):
    x = x.reshape(-1, 32)
    d_bits, d = f16(np.abs(x).max(axis=1) / 127)
    q = np.clip(nearest(safe_div(x, d[:, None])), -127, 127).astype(np.int8)
    return b"".join(struct.pack("<H", d_bits[i]) + q[i].tobytes() for i in range(len(x)))


def deq_q8_0(raw):
    b = np.frombuffer(raw, np.uint8).reshape(-1, 34)
    d = as_f32(b[:, 0:2].copy().view(np.uint16)[:, 0])
    q = b[:, 2:].view(np.int8).astype(np.float32)
    return (q * d[:, None]).astype(np.float32).ravel()


def pack_nibbles(q):
    """q: (blocks, 32) in 0..15 -> (blocks, 16): element j low nibble, element j + 16 high."""
    return (q[:, :16] | (q[:, 16:] << 4)).astype(np.uint8)


def quant_q4_0(x):
    x = x.reshape(-1, 32)
    d_bits, d = f16(signed_absmax(x) / -8)
    q = np.clip(nearest(safe_div(x, d[:, None])) + 8, 0, 15)
    qs = pack_nibbles(q)
    return b"".join(struct.pack("<H", d_bits[i]) + qs[i].tobytes() for i in range(len(x)))


def deq_q4_0(raw):
    b = np.frombuffer(raw, np.uint8).reshape(-1, 18)
    d = as_f32(b[:, 0:2].copy().view(np.uint16)[:, 0])[:, None]
    qs = b[:, 2:].astype(np.int32)
    lo = ((qs & 0xF) - 8).astype(np.float32) * d
    hi = ((qs >> 4) - 8).astype(np.float32) * d
    return np.concatenate([lo, hi], axis=1).astype(np.float32).ravel()


def quant_q4_1(x):
    x = x.reshape(-1, 32)
    mn, mx = x.min(axis=1), x.max(axis=1)
    d_bits, d = f16((mx - mn) / 15)
    m_bits, m = f16(mn)
    q = np.clip(nearest(safe_div(x - m[:, None], d[:, None])), 0, 15)
    qs = pack_nibbles(q)
    return b"".join(struct.pack("<HH", d_bits[i], m_bits[i]) + qs[i].tobytes() for i in range(len(x)))


def deq_q4_1(raw):
    b = np.frombuffer(raw, np.uint8).reshape(-1, 20)
    h = b[:, 0:4].copy().view(np.uint16)
    d, m = as_f32(h[:, 0])[:, None], as_f32(h[:, 1])[:, None]
    qs = b[:, 4:].astype(np.int32)
    lo = (qs & 0xF).astype(np.float32) * d + m
    hi = (qs >> 4).astype(np.float32) * d + m
    return np.concatenate([lo, hi], axis=1).astype(np.float32).ravel()


def high_bits(q):
    """q: (blocks, 32) in 0..31 -> uint32 whose bit j is bit 4 of element j."""
    bits = ((q >> 4) & 1).astype(np.uint64)
    return (bits << np.arange(32, dtype=np.uint64)).sum(axis=1).astype(np.uint32)


def quant_q5_0(x):
    x = x.reshape(-1, 32)
    d_bits, d = f16(signed_absmax(x) / -16)
    q = np.clip(nearest(safe_div(x, d[:, None])) + 16, 0, 31)
    qs, qh = pack_nibbles(q & 0xF), high_bits(q)
    return b"".join(struct.pack("<HI", d_bits[i], qh[i]) + qs[i].tobytes() for i in range(len(x)))


def unpack5(b, qh_at, qs_at):
    qh = b[:, qh_at:qh_at + 4].copy().view(np.uint32)[:, 0].astype(np.int64)
    qs = b[:, qs_at:qs_at + 16].astype(np.int64)
    j = np.arange(16)
    lo = (qs & 0xF) | (((qh[:, None] >> j) & 1) << 4)
    hi = (qs >> 4) | (((qh[:, None] >> (j + 16)) & 1) << 4)
    return np.concatenate([lo, hi], axis=1)


def deq_q5_0(raw):
    b = np.frombuffer(raw, np.uint8).reshape(-1, 22)
    d = as_f32(b[:, 0:2].copy().view(np.uint16)[:, 0])[:, None]
    return ((unpack5(b, 2, 6) - 16).astype(np.float32) * d).astype(np.float32).ravel()


def quant_q5_1(x):
    x = x.reshape(-1, 32)
    mn, mx = x.min(axis=1), x.max(axis=1)
    d_bits, d = f16((mx - mn) / 31)
    m_bits, m = f16(mn)
    q = np.clip(nearest(safe_div(x - m[:, None], d[:, None])), 0, 31)
    qs, qh = pack_nibbles(q & 0xF), high_bits(q)
    return b"".join(struct.pack("<HHI", d_bits[i], m_bits[i], qh[i]) + qs[i].tobytes() for i in range(len(x)))


def deq_q5_1(raw):
    b = np.frombuffer(raw, np.uint8).reshape(-1, 24)
    h = b[:, 0:4].copy().view(np.uint16)
    d, m = as_f32(h[:, 0])[:, None], as_f32(h[:, 1])[:, None]
    return (unpack5(b, 4, 8).astype(np.float32) * d + m).astype(np.float32).ravel()


# ---------------------------------------------------------------- K-quants (256-element super-blocks)

def pack_2bit(L):
    """L: 256 values in 0..3 -> qs[64]: element e in qs[(e // 128) * 32 + e % 32] at bits 2 * ((e % 128) // 32)."""
    qs = np.zeros(64, np.uint8)
    for e in range(256):
        qs[(e // 128) * 32 + e % 32] |= np.uint8(L[e] << (2 * ((e % 128) // 32)))
    return qs


def unpack_2bit(qs):
    e = np.arange(256)
    return (qs[(e // 128) * 32 + e % 32].astype(np.int64) >> (2 * ((e % 128) // 32))) & 3


def quant_q2_k(x):
    out = b""
    for blk in x.reshape(-1, 256):
        sub = blk.reshape(16, 16)
        mins = np.maximum(0, -sub.min(axis=1))           # subtracted, so stored positive
        scales = (sub.max(axis=1) + mins) / 3
        d_bits, d = f16(scales.max() / 15)
        m_bits, dmin = f16(mins.max() / 15)
        sc = np.clip(nearest(safe_div(scales, d)), 0, 15)
        mn = np.clip(nearest(safe_div(mins, dmin)), 0, 15)
        dl = (d * sc.astype(np.float32)).astype(np.float32)
        ml = (dmin * mn.astype(np.float32)).astype(np.float32)
        L = np.clip(nearest(safe_div(sub + ml[:, None], dl[:, None])), 0, 3).ravel()
        out += (sc | (mn << 4)).astype(np.uint8).tobytes() + pack_2bit(L).tobytes()
        out += struct.pack("<HH", int(d_bits), int(m_bits))
    return out


def deq_q2_k(raw):
    y = []
    for b in np.frombuffer(raw, np.uint8).reshape(-1, 84):
        scales = b[0:16].astype(np.int64)
        d, dmin = as_f32(b[80:84].copy().view(np.uint16))
        dl = (d * (scales & 0xF).astype(np.float32)).astype(np.float32)
        ml = (dmin * (scales >> 4).astype(np.float32)).astype(np.float32)
        q = unpack_2bit(b[16:80]).reshape(16, 16).astype(np.float32)
        y.append((dl[:, None] * q - ml[:, None]).astype(np.float32).ravel())
    return np.concatenate(y)


def pack_q3_scales(l):
    """16 six-bit values -> 12 bytes: low nibbles in bytes 0-7, high 2 bits in bytes 8-11."""
    s = np.zeros(12, np.uint8)
    for j in range(16):
        if j < 8:
            s[j] = l[j] & 0xF
        else:
            s[j - 8] |= (l[j] & 0xF) << 4
        s[8 + j % 4] |= (l[j] >> 4) << (2 * (j // 4))
    return s


def unpack_q3_scales(s):
    s = s.astype(np.int64)
    out = []
    for k in range(16):
        low = s[k] & 0xF if k < 8 else s[k - 8] >> 4
        high = (s[8 + k % 4] >> (2 * (k // 4))) & 3
        out.append((low | (high << 4)) - 32)
    return np.array(out)


def quant_q3_k(x):
    out = b""
    for blk in x.reshape(-1, 256):
        sub = blk.reshape(16, 16)
        scales = signed_absmax(sub) / -4                # the largest magnitude maps to -4
        d_bits, d = f16(np.abs(scales).max() / 31)
        sc = np.clip(nearest(safe_div(scales, d)), -32, 31)
        dl = (d * sc.astype(np.float32)).astype(np.float32)
        q = np.clip(nearest(safe_div(sub, dl[:, None])), -4, 3).ravel() + 4   # 0..7
        hmask = np.zeros(32, np.uint8)
        for e in range(256):
            if q[e] > 3:
                hmask[e % 32] |= np.uint8(1 << (e // 32))
        out += hmask.tobytes() + pack_2bit(q & 3).tobytes() + pack_q3_scales(sc + 32).tobytes()
        out += struct.pack("<H", int(d_bits))
    return out


def deq_q3_k(raw):
    y = []
    for b in np.frombuffer(raw, np.uint8).reshape(-1, 110):
        hm = b[0:32].astype(np.int64)
        sc = unpack_q3_scales(b[96:108])
        d = as_f32(b[108:110].copy().view(np.uint16))[0]
        e = np.arange(256)
        high = (hm[e % 32] >> (e // 32)) & 1
        q = (unpack_2bit(b[32:96]) - np.where(high == 1, 0, 4)).reshape(16, 16).astype(np.float32)
        dl = (d * sc.astype(np.float32)).astype(np.float32)
        y.append((dl[:, None] * q).astype(np.float32).ravel())
    return np.concatenate(y)


def pack_k4_scales(sc, mn):
    """Eight 6-bit scales and mins of Q4_K/Q5_K -> 12 bytes (ggml's get_scale_min_k4 reversed)."""
    s = np.zeros(12, np.uint8)
    for j in range(8):
        if j < 4:
            s[j] = sc[j]
            s[j + 4] = mn[j]
        else:
            s[j + 4] = (sc[j] & 0xF) | ((mn[j] & 0xF) << 4)
            s[j - 4] |= (sc[j] >> 4) << 6
            s[j] |= (mn[j] >> 4) << 6
    return s


def unpack_k4_scales(s):
    s = s.astype(np.int64)
    sc, mn = [], []
    for j in range(8):
        if j < 4:
            sc.append(s[j] & 63)
            mn.append(s[j + 4] & 63)
        else:
            sc.append((s[j + 4] & 0xF) | ((s[j - 4] >> 6) << 4))
            mn.append((s[j + 4] >> 4) | ((s[j] >> 6) << 4))
    return np.array(sc), np.array(mn)


def quant_k_asym(blk, levels):
    """Q4_K/Q5_K: eight sub-blocks of 32, x = (d * sc) * q - dmin * m."""
    sub = blk.reshape(8, 32)
    mins = np.maximum(0, -sub.min(axis=1))
    scales = (sub.max(axis=1) + mins) / levels
    d_bits, d = f16(scales.max() / 63)
    m_bits, dmin = f16(mins.max() / 63)
    sc = np.clip(nearest(safe_div(scales, d)), 0, 63)
    mn = np.clip(nearest(safe_div(mins, dmin)), 0, 63)
    dl = (d * sc.astype(np.float32)).astype(np.float32)
    ml = (dmin * mn.astype(np.float32)).astype(np.float32)
    L = np.clip(nearest(safe_div(sub + ml[:, None], dl[:, None])), 0, levels).ravel()
    return struct.pack("<HH", int(d_bits), int(m_bits)) + pack_k4_scales(sc, mn).tobytes(), L


def quant_q4_k(x):
    out = b""
    for blk in x.reshape(-1, 256):
        head, L = quant_k_asym(blk, 15)
        qs = np.concatenate([L[j:j + 32] | (L[j + 32:j + 64] << 4) for j in range(0, 256, 64)]).astype(np.uint8)
        out += head + qs.tobytes()
    return out


def deq_k_asym(b, q):
    d, dmin = as_f32(b[0:4].copy().view(np.uint16))
    sc, mn = unpack_k4_scales(b[4:16])
    d1 = (d * sc.astype(np.float32)).astype(np.float32)
    m1 = (dmin * mn.astype(np.float32)).astype(np.float32)
    return (d1[:, None] * q.reshape(8, 32).astype(np.float32) - m1[:, None]).astype(np.float32).ravel()


def deq_q4_k(raw):
    y = []
    for b in np.frombuffer(raw, np.uint8).reshape(-1, 144):
        qs = b[16:144].astype(np.int64).reshape(4, 32)
        q = np.concatenate([np.concatenate([qs[i] & 0xF, qs[i] >> 4]) for i in range(4)])
        y.append(deq_k_asym(b, q))
    return np.concatenate(y)


def quant_q5_k(x):
    out = b""
    for blk in x.reshape(-1, 256):
        head, L = quant_k_asym(blk, 31)
        low = L & 0xF
        qs = np.concatenate([low[j:j + 32] | (low[j + 32:j + 64] << 4) for j in range(0, 256, 64)]).astype(np.uint8)
        qh = np.zeros(32, np.uint8)
        for e in range(256):
            if L[e] > 15:
                qh[e % 32] |= np.uint8(1 << (e // 32))
        out += head + qh.tobytes() + qs.tobytes()
    return out


def deq_q5_k(raw):
    y = []
    for b in np.frombuffer(raw, np.uint8).reshape(-1, 176):
        qh = b[16:48].astype(np.int64)
        qs = b[48:176].astype(np.int64).reshape(4, 32)
        low = np.concatenate([np.concatenate([qs[i] & 0xF, qs[i] >> 4]) for i in range(4)])
        e = np.arange(256)
        q = low + 16 * ((qh[e % 32] >> (e // 32)) & 1)
        y.append(deq_k_asym(b, q))
    return np.concatenate(y)


def quant_q6_k(x):
    out = b""
    for blk in x.reshape(-1, 256):
        sub = blk.reshape(16, 16)
        scales = signed_absmax(sub) / -32
        d_bits, d = f16(np.abs(scales).max() / 127)
        sc = np.clip(nearest(safe_div(scales, d)), -128, 127)
        dl = (d * sc.astype(np.float32)).astype(np.float32)
        L = (np.clip(nearest(safe_div(sub, dl[:, None])), -32, 31) + 32).ravel()   # 0..63
        ql = np.zeros(128, np.uint8)
        qh = np.zeros(64, np.uint8)
        for n in (0, 128):
            for l in range(32):
                q1, q2, q3, q4 = L[n + l], L[n + l + 32], L[n + l + 64], L[n + l + 96]
                ql[n // 2 + l] = (q1 & 0xF) | ((q3 & 0xF) << 4)
                ql[n // 2 + l + 32] = (q2 & 0xF) | ((q4 & 0xF) << 4)
                qh[n // 4 + l] = (q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6)
        out += ql.tobytes() + qh.tobytes() + sc.astype(np.int8).tobytes() + struct.pack("<H", int(d_bits))
    return out


def deq_q6_k(raw):
    y = []
    for b in np.frombuffer(raw, np.uint8).reshape(-1, 210):
        ql = b[0:128].astype(np.int64)
        qh = b[128:192].astype(np.int64)
        sc = b[192:208].view(np.int8).astype(np.float32)
        d = as_f32(b[208:210].copy().view(np.uint16))[0]
        q = np.zeros(256, np.int64)
        for n in (0, 128):
            l = np.arange(32)
            q[n + l] = (ql[n // 2 + l] & 0xF) | (((qh[n // 4 + l] >> 0) & 3) << 4)
            q[n + l + 32] = (ql[n // 2 + l + 32] & 0xF) | (((qh[n // 4 + l] >> 2) & 3) << 4)
            q[n + l + 64] = (ql[n // 2 + l] >> 4) | (((qh[n // 4 + l] >> 4) & 3) << 4)
            q[n + l + 96] = (ql[n // 2 + l + 32] >> 4) | (((qh[n // 4 + l] >> 6) & 3) << 4)
        dl = (d * sc).astype(np.float32)
        y.append((dl[:, None] * (q - 32).reshape(16, 16).astype(np.float32)).astype(np.float32).ravel())
    return np.concatenate(y)


def quant_q8_k(x):
    out = b""
    for blk in x.reshape(-1, 256):
        d = np.float32(np.abs(blk).max() / 127)
        q = np.clip(nearest(safe_div(blk, d)), -127, 127)
        bsums = q.reshape(16, 16).sum(axis=1).astype(np.int16)
        out += struct.pack("<f", d) + q.astype(np.int8).tobytes() + bsums.tobytes()
    return out


def deq_q8_k(raw):
    y = []
    for b in np.frombuffer(raw, np.uint8).reshape(-1, 292):
        d = b[0:4].copy().view(np.float32)[0]
        y.append((d * b[4:260].view(np.int8).astype(np.float32)).astype(np.float32))
    return np.concatenate(y)


# ---------------------------------------------------------------- 4-bit codes through a table

# IQ4_NL / IQ4_XS: the 16 levels of ggml-common.h's kvalues_iq4nl; MXFP4: the FP4 (E2M1) values
# doubled (kvalues_mxfp4), with the scale halved to make up for it.
IQ4_LEVELS = np.array([-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113], np.float32)
MXFP4_LEVELS = np.array([0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12], np.float32)


def nearest_level(levels, v):
    """Index of the level nearest to each value of v (the first of equals, so +0 over -0)."""
    return np.argmin(np.abs(v[..., None] - levels), axis=-1).astype(np.int64)


def deq_levels(levels, d, qs):
    """d: (blocks,) float32, qs: (blocks, 16) bytes -> (blocks, 32) as d * level, low nibbles first."""
    qs = qs.astype(np.int64)
    q = np.concatenate([qs & 0xF, qs >> 4], axis=1)
    with np.errstate(over="ignore"):                 # MXFP4's scale byte 255: 12 * 2^127 is inf
        return (d[:, None].astype(np.float32) * levels[q]).astype(np.float32)


def quant_iq4_nl(x):
    x = x.reshape(-1, 32)
    d_bits, d = f16(signed_absmax(x) / -127)         # the largest magnitude maps to level -127
    qs = pack_nibbles(nearest_level(IQ4_LEVELS, safe_div(x, d[:, None])))
    return b"".join(struct.pack("<H", d_bits[i]) + qs[i].tobytes() for i in range(len(x)))


def deq_iq4_nl(raw):
    b = np.frombuffer(raw, np.uint8).reshape(-1, 18)
    return deq_levels(IQ4_LEVELS, as_f32(b[:, 0:2].copy().view(np.uint16)[:, 0]), b[:, 2:]).ravel()


def quant_iq4_xs(x):
    out = b""
    for blk in x.reshape(-1, 256):
        sub = blk.reshape(8, 32)
        scales = signed_absmax(sub) / -127
        d_bits, d = f16(signed_absmax(scales) / -32)   # six-bit signed scales, -32..31
        ls = np.clip(nearest(safe_div(scales, d)), -32, 31) + 32
        dl = (d * (ls - 32).astype(np.float32)).astype(np.float32)
        q = nearest_level(IQ4_LEVELS, safe_div(sub, dl[:, None]))
        scales_h = int(sum(int(ls[ib] >> 4) << (2 * ib) for ib in range(8)))
        scales_l = bytes(int((ls[2 * k] & 0xF) | ((ls[2 * k + 1] & 0xF) << 4)) for k in range(4))
        out += struct.pack("<HH", int(d_bits), scales_h) + scales_l + pack_nibbles(q).tobytes()
    return out


def deq_iq4_xs(raw):
    y = []
    for b in np.frombuffer(raw, np.uint8).reshape(-1, 136):
        d = as_f32(b[0:2].copy().view(np.uint16))[0]
        scales_h = int(b[2]) | int(b[3]) << 8
        ls = np.array([((int(b[4 + ib // 2]) >> (4 * (ib % 2))) & 0xF) | (((scales_h >> (2 * ib)) & 3) << 4)
                       for ib in range(8)])
        dl = (d * (ls - 32).astype(np.float32)).astype(np.float32)
        y.append(deq_levels(IQ4_LEVELS, dl, b[8:136].reshape(8, 16)).ravel())
    return np.concatenate(y)


def e8m0_half(e):
    """E8M0 exponent byte -> 2^(e - 128) as float32, from its bits: e = 0, 1 are subnormal."""
    e = np.asarray(e, dtype=np.uint32)
    bits = np.where(e < 2, np.uint32(0x00200000) << e, (e - 1) << 23).astype(np.uint32)
    return bits.view(np.float32)


def quant_mxfp4(x):
    x = x.reshape(-1, 32)
    amax = np.abs(x).max(axis=1).astype(np.float64)
    # The smallest power of two 2^(e - 127) with amax <= 6 * 2^(e - 127), FP4's largest value.
    e = np.where(amax > 0, np.ceil(np.log2(np.where(amax > 0, amax, 1) / 6)) + 127, 0)
    e = np.clip(e, 0, 254).astype(np.uint32)
    d = e8m0_half(e)
    qs = pack_nibbles(nearest_level(MXFP4_LEVELS, safe_div(x, d[:, None])))
    return b"".join(struct.pack("<B", int(e[i])) + qs[i].tobytes() for i in range(len(x)))


def deq_mxfp4(raw):
    b = np.frombuffer(raw, np.uint8).reshape(-1, 17)
    return deq_levels(MXFP4_LEVELS, e8m0_half(b[:, 0]), b[:, 1:]).ravel()


QUANTS = {
    "Q8_0": (quant_q8_0, deq_q8_0), "Q4_0": (quant_q4_0, deq_q4_0), "Q4_1": (quant_q4_1, deq_q4_1),
    "Q5_0": (quant_q5_0, deq_q5_0), "Q5_1": (quant_q5_1, deq_q5_1), "Q2_K": (quant_q2_k, deq_q2_k),
    "Q3_K": (quant_q3_k, deq_q3_k), "Q4_K": (quant_q4_k, deq_q4_k), "Q5_K": (quant_q5_k, deq_q5_k),
    "Q6_K": (quant_q6_k, deq_q6_k), "Q8_K": (quant_q8_k, deq_q8_k),
    "IQ4_NL": (quant_iq4_nl, deq_iq4_nl), "IQ4_XS": (quant_iq4_xs, deq_iq4_xs), "MXFP4": (quant_mxfp4, deq_mxfp4),
}
# Worst error of dequantise(quantise(x)) relative to the block's largest magnitude: about half a
# quantisation step (a step is range / levels) plus the error of the rounded 6-bit scales.
ROUNDTRIP_TOLERANCE = {"Q8_0": 0.01, "Q8_K": 0.01, "Q6_K": 0.05, "Q5_0": 0.05, "Q5_1": 0.05, "Q5_K": 0.12,
                       "Q4_0": 0.1, "Q4_1": 0.1, "Q4_K": 0.2, "Q3_K": 0.3, "Q2_K": 0.6,
                       "IQ4_NL": 0.12, "IQ4_XS": 0.2, "MXFP4": 0.35}


def bf16(x):
    """float32 -> bfloat16 bits, round to nearest even."""
    u = x.astype(np.float32).view(np.uint32).astype(np.uint64)
    return ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16)


# ---------------------------------------------------------------- files

def test_data(rng, n):
    """Random values whose blocks have different magnitudes and offsets, plus an all-zero block
    (scales of 0) and a constant one."""
    x = rng.standard_normal(n).astype(np.float32)
    x *= np.repeat(rng.uniform(0.01, 3, n // 32), 32).astype(np.float32)
    x += np.repeat(rng.uniform(-0.5, 0.5, n // 64), 64).astype(np.float32)
    x[256:512] = 0
    x[512:544] = 0.25
    return x.astype(np.float32)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261126)
    expected = {}
    ne = [512, 2]                                     # shape (2, 512), 1024 elements
    n = ne[0] * ne[1]
    tensors = []

    plain = rng.standard_normal(n).astype(np.float32) * 3
    tensors.append(("f32", ne, "F32", plain.tobytes()))
    expected["quants/f32"] = plain
    h = plain.astype(np.float16)
    tensors.append(("f16", ne, "F16", h.tobytes()))
    expected["quants/f16"] = h.astype(np.float32)
    b = bf16(plain)
    tensors.append(("bf16", ne, "BF16", b.tobytes()))
    expected["quants/bf16"] = (b.astype(np.uint32) << 16).view(np.float32)
    f64 = rng.standard_normal(n) * 1e3
    tensors.append(("f64", ne, "F64", f64.astype("<f8").tobytes()))
    expected["quants/f64"] = f64.astype(np.float32)
    for name, tname, dt in (("i8", "I8", "<i1"), ("i16", "I16", "<i2"), ("i32", "I32", "<i4")):
        info = np.iinfo(dt)
        v = rng.integers(max(info.min, -2 ** 24), min(info.max, 2 ** 24), n).astype(dt)
        tensors.append((name, ne, tname, v.tobytes()))
        expected["quants/" + name] = v.astype(np.float32)

    for tname, (quant, deq) in QUANTS.items():
        x = test_data(rng, n)
        raw = quant(x)
        y = deq(raw)
        assert y.dtype == np.float32 and y.shape == x.shape, tname
        for blk in range(0, n, 256):
            scale = max(np.abs(x[blk:blk + 256]).max(), 1e-6)
            err = np.abs(y[blk:blk + 256] - x[blk:blk + 256]).max() / scale
            assert err <= ROUNDTRIP_TOLERANCE[tname], f"{tname}: block at {blk}: error {err} of the block's range"
        if tname == "MXFP4":
            # The last three blocks get the scale bytes 0 and 1 (subnormal scales) and 255.
            raw = bytearray(raw)
            for k, e in enumerate((0, 1, 255)):
                raw[len(raw) - 17 * (3 - k)] = e
            raw = bytes(raw)
            y = deq(raw)
        name = tname.lower()
        tensors.append((name, ne, tname, raw))
        expected["quants/" + name] = y
    # An IQ2_XXS tensor (66 bytes per 256 elements): listed, its values refused.
    tensors.append(("iq2_xxs", ne, "IQ2_XXS", rng.integers(0, 256, n // 256 * 66).astype(np.uint8).tobytes()))

    kvs = [("general.architecture", STRING, "llama"), ("general.name", STRING, "quantisation reference"),
           ("general.quantization_version", U32, 2)]
    write_gguf(os.path.join(OUT, "quants.gguf"), kvs, tensors)

    # metadata.gguf: every value type, alignment 64.
    tokens = ["<unk>", "<s>", "</s>"] + [f"tok{i}" for i in range(997)]
    kvs = [
        ("general.architecture", STRING, "llama"),
        ("general.name", STRING, "metadata reference"),
        ("general.license", STRING, "apache-2.0"),
        ("general.alignment", U32, 64),
        ("test.uint8", U8, 200), ("test.int8", I8, -100),
        ("test.uint16", U16, 60000), ("test.int16", I16, -30000),
        ("test.uint32", U32, 4000000000), ("test.int32", I32, -2000000000),
        ("test.uint64", U64, 2 ** 63 + 5), ("test.int64", I64, -2 ** 62),
        ("test.float32", F32, 1.5), ("test.float32_tenth", F32, 0.1), ("test.float64", F64, 3.141592653589793),
        ("test.true", BOOL, True), ("test.false", BOOL, False),
        ("test.utf8", STRING, "naïve – ✓"),
        ("test.not_utf8", STRING, b"ab\xffcd"),
        ("test.empty_string", STRING, ""),
        ("test.ints", ARRAY, (I32, [1, -2, 3])),
        ("test.nested", ARRAY, (ARRAY, [(U8, [1, 2]), (U8, []), (U8, [3])])),
        ("test.strings", ARRAY, (STRING, ["a", "bc"])),
        ("test.long_nested", ARRAY, (ARRAY, [(I16, [i]) for i in range(40)])),
        ("llama.context_length", U32, 4096),
        ("tokenizer.ggml.model", STRING, "llama"),
        ("tokenizer.ggml.tokens", ARRAY, (STRING, tokens)),
        ("tokenizer.ggml.scores", ARRAY, (F32, [-float(i) for i in range(1000)])),
        ("tokenizer.ggml.token_type", ARRAY, (I32, [2, 3, 3] + [1] * 997)),
        ("tokenizer.ggml.merges", ARRAY, (STRING, [f"t{i} o{i}" for i in range(500)])),
    ]
    small = np.arange(6, dtype=np.float32)            # shape (2, 3): ne = [3, 2]
    vec = np.array([0.5, -1.0, 2.0], dtype=np.float32)
    write_gguf(os.path.join(OUT, "metadata.gguf"), kvs,
               [("blk.0.weight", [3, 2], "F32", small.tobytes()), ("output_norm.weight", [3], "F32", vec.tobytes())],
               alignment=64)

    # v2.gguf: version 2 (same layout as v3 for little-endian files).
    h = (np.arange(64, dtype=np.float32) / 8 - 4).astype(np.float16)
    write_gguf(os.path.join(OUT, "v2.gguf"), [("general.architecture", STRING, "gpt2")],
               [("token_embd.weight", [16, 4], "F16", h.tobytes())], version=2)
    expected["v2/token_embd.weight"] = h.astype(np.float32)

    np.savez(os.path.join(OUT, "expected.npz"), **expected)

    # tests/data/bad/v1.gguf for the command-line tests: a GGUF version 1 header (32-bit counts),
    # which Weightscope refuses by name.
    with open(os.path.join(OUT, "..", "bad", "v1.gguf"), "wb") as f:
        f.write(b"GGUF" + struct.pack("<III", 1, 0, 1) + struct.pack("<I", 4) + b"a.bc" + struct.pack("<II", 4, 7))


if __name__ == "__main__":
    main()
