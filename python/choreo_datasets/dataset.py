"""A choreo dataset folder (``choreo build-dataset``): ``manifest.json``, ``stats.json`` and
``<split>-NNNNN.safetensors`` shards. Shards are opened as numpy memmaps, so nothing is copied until an item is
read; an item is a dict of per-tensor arrays (normalized when asked, with the train split's statistics, the
same z-score choreo's trainer uses). Ragged tensors (``<name>.offsets``) give each item its own rows. Named
feature columns are read from the manifest when it has them. It does not build or verify datasets."""
from __future__ import annotations

import hashlib
import json
import os
from typing import Dict, Iterable, List, Optional, Sequence

import numpy as np

from .safetensors import open_safetensors

STD_FLOOR = 1e-6  # parity: choreo's task.ts z-score uses scale 1 for columns with std <= 1e-6


class Normalizer:
    """Per-column affine normalization ``(x - shift) / scale`` (z-score) from a tensor's stats."""

    def __init__(self, stats: dict):
        self.mean = np.asarray(stats["mean"], np.float32)
        std = np.asarray(stats["std"], np.float32)
        self.scale = np.where(std > STD_FLOOR, std, 1).astype(np.float32)
        self.min = np.asarray(stats.get("min", self.mean), np.float32)
        self.max = np.asarray(stats.get("max", self.mean), np.float32)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale).astype(np.float32)

    def inverse(self, x: np.ndarray) -> np.ndarray:
        return (x * self.scale + self.mean).astype(np.float32)


def _columns(manifest: dict, name: str) -> Optional[List[str]]:
    """Column names of ``name`` wherever the manifest records them (top-level ``columns``, per tensor, per split)."""
    candidates = [manifest.get("columns", {}).get(name), manifest.get("tensors", {}).get(name, {}).get("columns"), manifest.get("normalization", {}).get(name, {}).get("columns")]
    for split in manifest.get("splits", {}).values():
        candidates.append(split.get("tensors", {}).get(name, {}).get("columns"))
    for c in candidates:
        if isinstance(c, list) and all(isinstance(s, str) for s in c):
            return c
    return None


class Split:
    """The items of one split: ``len``, indexing (a dict of arrays per item) and ``ids``."""

    def __init__(self, dataset: "ChoreoDataset", name: str, normalize: bool, tensors: Optional[Sequence[str]]):
        entry = dataset.manifest["splits"].get(name)
        if entry is None:
            raise KeyError(f"[choreo_datasets] no split {name!r} (have {', '.join(dataset.manifest['splits'])})")
        files = entry.get("files") or ([entry["file"]] if "file" in entry else [])
        self.dataset, self.name, self.normalize = dataset, name, normalize
        self.shards = []  # (tensors, ids, first item index)
        first = 0
        self.ids: List[Optional[str]] = []
        for f in files:
            arrays, meta = open_safetensors(os.path.join(dataset.root, f))
            count = _item_count(arrays)
            ids = json.loads(meta["ids"]) if "ids" in meta else [None] * count
            self.shards.append((arrays, first, count))
            self.ids.extend(ids)
            first += count
        self.tensors = list(tensors) if tensors is not None else [n for n in self.shards[0][0] if not n.endswith(".offsets") and self.shards[0][0][n].dtype.kind == "f"] if self.shards else []
        self._len = first

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, index: int) -> Dict[str, np.ndarray]:
        if index < 0:
            index += self._len
        for arrays, first, count in self.shards:
            if first <= index < first + count:
                i = index - first
                out = {}
                for name in self.tensors:
                    offsets = arrays.get(f"{name}.offsets")
                    x = arrays[name][int(offsets[i]) : int(offsets[i + 1])] if offsets is not None else arrays[name][i]
                    norm = self.dataset.normalizers.get(name) if self.normalize else None
                    out[name] = norm(x) if norm is not None else np.asarray(x)
                return out
        raise IndexError(index)

    def __iter__(self) -> Iterable[Dict[str, np.ndarray]]:
        return (self[i] for i in range(self._len))

    def torch(self, style: Optional[str] = None):
        """This split as a ``torch.utils.data.Dataset`` of dicts of tensors (``collate`` gives batch dicts)."""
        from .torch_data import TorchSplit

        return TorchSplit(self, style)


def _item_count(arrays: Dict[str, np.ndarray]) -> int:
    for name, a in arrays.items():
        if name.endswith(".offsets"):
            return len(a) - 1
    return min(len(a) for a in arrays.values() if a.ndim > 0)


class ChoreoDataset:
    """An opened dataset folder: ``manifest``, ``stats``, ``splits``, ``digest``, per-tensor ``normalizers``
    and ``columns``; ``split(name)`` gives its items."""

    def __init__(self, root: str):
        self.root = root
        with open(os.path.join(root, "manifest.json"), "rb") as f:
            raw = f.read()
        self.manifest = json.loads(raw)
        #: The digest `choreo build-dataset` prints and checkpoints record (sha256 of manifest.json).
        self.digest = "sha256:" + hashlib.sha256(raw).hexdigest()
        stats_path = os.path.join(root, "stats.json")
        if os.path.exists(stats_path):
            with open(stats_path) as f:
                self.stats = json.load(f)
        else:
            self.stats = self.manifest.get("normalization", {})
        self.name: str = self.manifest.get("name", os.path.basename(root))
        self.fps: float = self.manifest.get("fps", 30)
        self.splits: Dict[str, int] = {k: v["items"] for k, v in self.manifest["splits"].items()}
        self.normalizers = {k: Normalizer(v) for k, v in self.stats.items()}
        first = next(iter(self.manifest["splits"].values()))
        #: Per-item shape of each tensor (without the item axis).
        self.shapes = {k: tuple(v["shape"][1:]) for k, v in first["tensors"].items() if not k.endswith(".offsets")}
        self.columns = {k: c for k in self.shapes if (c := _columns(self.manifest, k)) is not None}

    def split(self, name: str = "train", normalize: bool = True, tensors: Optional[Sequence[str]] = None) -> Split:
        return Split(self, name, normalize, tensors)

    def column_index(self, tensor: str, column: str) -> int:
        """The index of a named column of ``tensor`` (KeyError when the manifest names no columns for it)."""
        return self.columns[tensor].index(column)

    def __repr__(self) -> str:
        return f"ChoreoDataset({self.root!r}, name={self.name!r}, splits={self.splits}, tensors={self.shapes})"


def open_dataset(root: str) -> ChoreoDataset:
    """Opens a choreo dataset folder."""
    return ChoreoDataset(root)
