#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/data/optim/reference.json: parameter trajectories of torch.optim optimizers
for a fixed sequence of gradients, which tests/core/test_optimizers.cpp replays through the
engine's optimizers. Run with Debian's python3-torch: /usr/bin/python3 tools/make_optimizer_reference.py
"""
import json
import pathlib

import torch

torch.manual_seed(0)
P0 = torch.randn(6, dtype=torch.float64)
GRADS = [torch.randn(6, dtype=torch.float64) for _ in range(5)]

CASES = [
    ("sgd", dict(lr=0.1), dict(type="sgd", learning_rate=0.1)),
    ("sgd_momentum", dict(lr=0.1, momentum=0.9), dict(type="sgd", learning_rate=0.1, momentum=0.9)),
    ("sgd_nesterov", dict(lr=0.1, momentum=0.9, nesterov=True),
     dict(type="sgd", learning_rate=0.1, momentum=0.9, nesterov=True)),
    ("adam", dict(lr=0.01, eps=1e-8), dict(type="adam", learning_rate=0.01, epsilon=1e-8)),
    ("adamw", dict(lr=0.01, eps=1e-8, weight_decay=0.1),
     dict(type="adamw", learning_rate=0.01, epsilon=1e-8, weight_decay=0.1)),
    ("rmsprop", dict(lr=0.01, alpha=0.99, eps=1e-8), dict(type="rmsprop", learning_rate=0.01, rho=0.99, epsilon=1e-8)),
]

OPTS = dict(sgd=torch.optim.SGD, sgd_momentum=torch.optim.SGD, sgd_nesterov=torch.optim.SGD,
            adam=torch.optim.Adam, adamw=torch.optim.AdamW, rmsprop=torch.optim.RMSprop)

out = dict(torch_version=torch.__version__, initial=P0.tolist(), grads=[g.tolist() for g in GRADS], cases=[])
for name, torch_kwargs, our_config in CASES:
    p = P0.clone().requires_grad_(True)
    opt = OPTS[name]([p], **torch_kwargs)
    trajectory = []
    for g in GRADS:
        opt.zero_grad()
        p.grad = g.clone()
        opt.step()
        trajectory.append(p.detach().tolist())
    out["cases"].append(dict(name=name, config=our_config, trajectory=trajectory))

path = pathlib.Path(__file__).resolve().parent.parent / "tests/data/optim/reference.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print("wrote", path)
