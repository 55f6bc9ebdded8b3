"""choreo checkpoint folders (``choreo-checkpoint-v1``, written by ``@choreo/train``): ``checkpoint.json``
(step, model and train configs, dataset digest, task normalization, batch cursor), ``weights``, ``ema`` and
``optimizer`` (``m/<name>``, ``v/<name>``) safetensors. Read into numpy; written from numpy, atomically."""
from __future__ import annotations

import json
import os
import shutil
from typing import Dict, Optional

import numpy as np

from .safetensors import open_safetensors, write_safetensors

FORMAT = "choreo-checkpoint-v1"


class Checkpoint:
    def __init__(self, meta: dict, weights: Dict[str, np.ndarray], ema: Optional[Dict[str, np.ndarray]], m: Optional[Dict[str, np.ndarray]], v: Optional[Dict[str, np.ndarray]]):
        self.meta, self.weights, self.ema, self.m, self.v = meta, weights, ema, m, v


def read_checkpoint(directory: str) -> Checkpoint:
    with open(os.path.join(directory, "checkpoint.json")) as f:
        meta = json.load(f)
    if meta.get("format") != FORMAT:
        raise ValueError(f"[choreo_datasets] {directory} is not a {FORMAT} checkpoint")
    read = lambda name: open_safetensors(os.path.join(directory, name))[0] if os.path.exists(os.path.join(directory, name)) else None  # noqa: E731
    opt = read("optimizer.safetensors")
    m = {k[2:]: a for k, a in opt.items() if k.startswith("m/")} if opt is not None else None
    v = {k[2:]: a for k, a in opt.items() if k.startswith("v/")} if opt is not None else None
    return Checkpoint(meta, read("weights.safetensors"), read("ema.safetensors"), m, v)


def write_checkpoint(directory: str, meta: dict, weights: Dict[str, np.ndarray], ema: Optional[Dict[str, np.ndarray]] = None, m: Optional[Dict[str, np.ndarray]] = None, v: Optional[Dict[str, np.ndarray]] = None, optimizer_step: int = 0) -> None:
    """Writes a checkpoint folder to a sibling temp folder, then renames it over ``directory``."""
    tmp = f"{directory}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    with open(os.path.join(tmp, "checkpoint.json"), "w") as f:
        json.dump({**meta, "format": FORMAT, "optimizerStep": optimizer_step}, f, indent=2)
        f.write("\n")
    f32 = lambda d: {k: np.asarray(a, np.float32) for k, a in d.items()}  # noqa: E731
    write_safetensors(os.path.join(tmp, "weights.safetensors"), f32(weights))
    if ema is not None:
        write_safetensors(os.path.join(tmp, "ema.safetensors"), f32(ema))
    if m is not None and v is not None:
        write_safetensors(os.path.join(tmp, "optimizer.safetensors"), {**{f"m/{k}": a for k, a in f32(m).items()}, **{f"v/{k}": a for k, a in f32(v).items()}})
    old = f"{directory}.old-{os.getpid()}"
    if os.path.exists(directory):
        os.rename(directory, old)
    os.rename(tmp, directory)
    shutil.rmtree(old, ignore_errors=True)
