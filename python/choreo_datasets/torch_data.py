"""PyTorch views of a split: a ``torch.utils.data.Dataset`` whose items are dicts of tensors (from the
memmapped shards, normalized), and ``collate`` for batch dicts in choreo's, JustLMD's or EDGE's layout:

- ``"choreo"``: each tensor stacked by name, plus ``ids``;
- ``"justlmd"``: ``motion``, ``music``, ``lyrics``, ``cond`` (music ⊕ lyrics per frame, what the CVAE reads),
  ``mask`` (B, T) and ``lengths``, as TransVAE_Baseline's batches, plus ``ids``;
- ``"edge"``: ``x`` (motion), ``cond`` (music) and ``filename``, as EDGE's ``AISTPPDataset`` batches.
Ragged items are not padded here; use ``"choreo"`` style with a custom collate for them."""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence

import numpy as np
import torch
from torch.utils.data import Dataset

STYLES = ("choreo", "justlmd", "edge")


class TorchSplit(Dataset):
    """A split as a torch Dataset; ``style`` picks the batch layout ``collate`` produces."""

    def __init__(self, split, style: Optional[str] = None):
        self.split = split
        self.style = style or "choreo"
        if self.style not in STYLES:
            raise ValueError(f"[choreo_datasets] unknown batch style {self.style!r} (have {', '.join(STYLES)})")

    def __len__(self) -> int:
        return len(self.split)

    def __getitem__(self, index: int) -> Dict[str, object]:
        item: Dict[str, object] = {k: torch.from_numpy(np.array(v, np.float32, copy=True)) for k, v in self.split[index].items()}
        item["id"] = self.split.ids[index]
        return item

    def collate(self, items: Sequence[Dict[str, object]]) -> Dict[str, object]:
        return collate(items, self.style)


def collate(items: Sequence[Dict[str, object]], style: str = "choreo") -> Dict[str, object]:
    """Stacks items (dicts of equal-shape tensors) into a batch dict of the given style."""
    names = [k for k in items[0] if k != "id"]
    stacked = {k: torch.stack([it[k] for it in items]) for k in names}  # type: ignore[misc]
    ids: List[object] = [it.get("id") for it in items]
    if style == "choreo":
        return {**stacked, "ids": ids}
    motion = stacked["motion"]
    if style == "edge":
        return {"x": motion, "cond": stacked["music"], "filename": ids}
    if style == "justlmd":
        parts = [stacked[k] for k in ("music", "lyrics") if k in stacked]
        b, t = motion.shape[0], motion.shape[1]
        return {**stacked, "cond": torch.cat(parts, -1), "mask": torch.ones(b, t, dtype=torch.bool), "lengths": torch.full((b,), t, dtype=torch.long), "ids": ids}
    raise ValueError(f"[choreo_datasets] unknown batch style {style!r}")
