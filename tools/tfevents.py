# SPDX-License-Identifier: GPL-3.0-or-later
# TensorBoard event files in Python, for the scripts that write Weightscope's reference data
# (make_tensorboard_reference.py, make_hostile_files.py): the classes protoc generates from
# core/run/proto/tensorboard.proto (the same definitions the C++ reader is built from, compiled
# into a temporary folder), TFRecord framing and its masked CRC-32C, written here rather than
# taken from TensorFlow so that nothing but Debian's python3-protobuf is needed.
import importlib
import os
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROTO = os.path.join(ROOT, "core", "run", "proto", "tensorboard.proto")

_pb2 = None


def pb2():
    """The generated module, compiled once per process with protoc --python_out."""
    global _pb2
    if _pb2 is None:
        out = tempfile.mkdtemp(prefix="ws-tbproto-")
        subprocess.run(["protoc", "-I" + os.path.dirname(PROTO), "-I/usr/include", "--python_out=" + out, PROTO],
                       check=True)
        sys.path.insert(0, out)
        _pb2 = importlib.import_module("tensorboard_pb2")
    return _pb2


def _crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1  # Castagnoli polynomial, reflected
        table.append(c)
    return table


_TABLE = _crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = _TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked_crc(data):
    # TFRecord's mask (tensorflow/core/lib/hash/crc32c.h): rotate right by 15, add a constant.
    c = crc32c(data)
    return ((((c >> 15) | (c << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def frame(data):
    """One TFRecord: uint64 length, masked CRC of the length, data, masked CRC of the data."""
    length = struct.pack("<Q", len(data))
    return length + struct.pack("<I", masked_crc(length)) + data + struct.pack("<I", masked_crc(data))


def read_records(path):
    """The records of a well-formed file (the reference data is made from such files only)."""
    with open(path, "rb") as f:
        blob = f.read()
    pos, out = 0, []
    while pos < len(blob):
        (n,) = struct.unpack_from("<Q", blob, pos)
        assert struct.unpack_from("<I", blob, pos + 8)[0] == masked_crc(blob[pos:pos + 8]), path
        data = blob[pos + 12:pos + 12 + n]
        assert struct.unpack_from("<I", blob, pos + 12 + n)[0] == masked_crc(data), path
        out.append(data)
        pos += 16 + n
    return out


def events(path):
    Event = pb2().Event
    for data in read_records(path):
        e = Event()
        e.ParseFromString(data)
        yield e
