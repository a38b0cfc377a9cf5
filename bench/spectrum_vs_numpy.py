#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The spectrum of one big weight matrix: Weightscope against NumPy/LAPACK, in one run (#18 item 5).

Writes a random N(0, 0.02²) float32 matrix (default 4096 × 11008, a Llama-7B MLP projection) with
three rank-1 spikes to a safetensors file outside the repository, then alternately, --runs times:
  weightscope-cli health FILE --no-cache --json   (the exact method: every eigenvalue of the
                                                  4096-side Gram matrix, analysis/ModelHealth.h)
  numpy.linalg.svd(W, compute_uv=False)           (Debian's NumPy with its BLAS/LAPACK)
Both see the same threads (OMP_NUM_THREADS / OPENBLAS_NUM_THREADS = --threads). Reported: wall
and CPU time (user+sys; on a shared machine the load distorts CPU time far less) of each, their
ratios, the load average around each run, and σ max from both (they must agree).

    /usr/bin/python3 bench/spectrum_vs_numpy.py [--build build/release] [--rows 4096] [--cols 11008]
                                                [--runs 1] [--threads 2] [--file /tmp/spectrum-bench.safetensors]
"""
import argparse
import json
import os
import resource
import struct
import subprocess
import sys
import time


def write_matrix(path, rows, cols):
    import numpy as np
    rng = np.random.default_rng(5)
    w = rng.standard_normal((rows, cols), dtype=np.float32) * np.float32(0.02)
    for k in range(3):
        u = rng.standard_normal(rows).astype(np.float32)
        v = rng.standard_normal(cols).astype(np.float32)
        s = 0.02 * (np.sqrt(rows) + np.sqrt(cols)) * (3 - k)
        w += np.float32(s) * np.outer(u / np.linalg.norm(u), v / np.linalg.norm(v)).astype(np.float32)
    header = {"weight": {"dtype": "F32", "shape": [rows, cols], "data_offsets": [0, 4 * rows * cols]}}
    blob = json.dumps(header).encode()
    blob += b" " * (-len(blob) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(blob)) + blob + w.tobytes())
    os.replace(tmp, path)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_weightscope(cli, path, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    cpu0, t0 = children_cpu(), time.perf_counter()
    out = subprocess.run([cli, "health", path, "--no-cache", "--json", "--quiet"], env=env, check=True,
                         capture_output=True, text=True).stdout
    wall, cpu = time.perf_counter() - t0, children_cpu() - cpu0
    row = json.loads(out)["rows"][0]
    return wall, cpu, row["spectral_norm"], row.get("method")


def run_numpy(path, threads):
    # In a child, so that the BLAS thread count is set before NumPy loads and its CPU time is its own.
    code = f"""
import json, struct, time, numpy as np
with open({path!r}, 'rb') as f:
    n = struct.unpack('<Q', f.read(8))[0]
    h = json.loads(f.read(n))['weight']
    w = np.frombuffer(f.read(), dtype=np.float32).reshape(h['shape'])
t0, c0 = time.perf_counter(), time.process_time()
s = np.linalg.svd(w, compute_uv=False)
print(json.dumps({{'wall': time.perf_counter() - t0, 'cpu': time.process_time() - c0, 'smax': float(s[0])}}))
"""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    r = json.loads(subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                                  text=True).stdout)
    return r["wall"], r["cpu"], r["smax"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default="build/release")
    p.add_argument("--rows", type=int, default=4096)
    p.add_argument("--cols", type=int, default=11008)
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--file", default="/tmp/spectrum-bench.safetensors")
    a = p.parse_args()
    cli = os.path.join(a.build, "app", "weightscope-cli")
    write_matrix(a.file, a.rows, a.cols)
    print(f"{a.rows} x {a.cols} float32 in {a.file}; {a.threads} thread(s); {a.runs} run(s)", flush=True)
    for run in range(a.runs):
        load = os.getloadavg()[0]
        w_wall, w_cpu, w_smax, method = run_weightscope(cli, a.file, a.threads)
        load_mid = os.getloadavg()[0]
        n_wall, n_cpu, n_smax = run_numpy(a.file, a.threads)
        load_end = os.getloadavg()[0]
        print(f"run {run + 1}: load {load:.1f} / {load_mid:.1f} / {load_end:.1f}", flush=True)
        print(f"  weightscope health ({method}): wall {w_wall:.1f} s, CPU {w_cpu:.1f} s, sigma max {w_smax:.6g}")
        print(f"  numpy.linalg.svd:             wall {n_wall:.1f} s, CPU {n_cpu:.1f} s, sigma max {n_smax:.6g}"
              f"  (numpy's wall excludes reading the file)")
        print(f"  ratio numpy / weightscope: wall {n_wall / w_wall:.2f}, CPU {n_cpu / w_cpu:.2f}; "
              f"sigma max relative difference {abs(w_smax - n_smax) / n_smax:.1e}", flush=True)


if __name__ == "__main__":
    main()
