"""A tiny choreo dataset written from Python for the tests: motion [N, T, 6], music [N, T, 2], lyrics
[N, T, 3], a ragged ``tokens`` tensor with offsets, train/val shards, stats.json and named columns."""
import json
import os

import numpy as np

from choreo_datasets.safetensors import write_safetensors


def _stats(x: np.ndarray) -> dict:
    rows = x.reshape(-1, x.shape[-1])
    return {"count": len(rows), "mean": rows.mean(0).tolist(), "std": rows.std(0).tolist(), "min": rows.min(0).tolist(), "max": rows.max(0).tolist()}


def write_fixture(root: str, frames: int = 12, seed: int = 0) -> str:
    rng = np.random.default_rng(seed)
    os.makedirs(root, exist_ok=True)
    splits, train = {}, None
    for split, n in (("train", 8), ("val", 4)):
        t = {"motion": rng.normal(size=(n, frames, 6)).astype(np.float32), "music": rng.normal(size=(n, frames, 2)).astype(np.float32), "lyrics": rng.random((n, frames, 3)).astype(np.float32)}
        t["motion"][..., 5] = 0.25  # a still column: std 0, scale 1
        lengths = rng.integers(1, 4, n)
        t["tokens"] = np.arange(int(lengths.sum()), dtype=np.int64)
        t["tokens.offsets"] = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        ids = [f"{split}{i}" for i in range(n)]
        write_safetensors(os.path.join(root, f"{split}-00000.safetensors"), t, {"format": "choreo-shard-v1", "split": split, "ids": json.dumps(ids)})
        splits[split] = {"file": f"{split}-00000.safetensors", "items": n, "tensors": {k: {"dtype": "F32" if v.dtype == np.float32 else "I64", "shape": list(v.shape)} for k, v in t.items()}}
        train = t if split == "train" else train
    stats = {k: _stats(train[k]) for k in ("motion", "music", "lyrics")}
    manifest = {"format": "choreo-dataset-v1", "name": "fixture", "fps": 30, "splits": splits, "normalization": stats, "columns": {"music": ["onset", "beat"]}}
    with open(os.path.join(root, "manifest.json"), "w") as f:
        json.dump(manifest, f)
    with open(os.path.join(root, "stats.json"), "w") as f:
        json.dump(stats, f)
    return root
