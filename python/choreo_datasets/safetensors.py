"""safetensors files as numpy arrays without copies: the header is parsed and each tensor is a read-only
``numpy.memmap`` over its byte range. Also a small writer (used for choreo checkpoints written from PyTorch).
Only what choreo writes is supported: little-endian F64/F32/F16/I64/I32/I16/I8/U8/BOOL tensors."""
from __future__ import annotations

import json
import struct
from typing import Dict, Mapping, Tuple

import numpy as np

DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2", "I8": "i1", "U8": "u1", "BOOL": "?"}
NAMES = {np.dtype(v): k for k, v in DTYPES.items()}


def read_header(path: str) -> Tuple[dict, int]:
    """The JSON header of a safetensors file and the byte offset where its data starts."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    return header, 8 + n


def open_safetensors(path: str) -> Tuple[Dict[str, np.ndarray], Dict[str, str]]:
    """Every tensor of ``path`` as a read-only memmap (no data is read until used), and the ``__metadata__``."""
    header, start = read_header(path)
    metadata = header.pop("__metadata__", {}) or {}
    tensors: Dict[str, np.ndarray] = {}
    for name, info in header.items():
        dtype = np.dtype(DTYPES[info["dtype"]])
        shape = tuple(info["shape"])
        begin, end = info["data_offsets"]
        if end == begin:
            tensors[name] = np.zeros(shape, dtype)
            continue
        tensors[name] = np.memmap(path, dtype=dtype, mode="r", offset=start + begin, shape=shape)
    return tensors, metadata


def write_safetensors(path: str, tensors: Mapping[str, np.ndarray], metadata: Mapping[str, str] | None = None) -> None:
    """Writes ``tensors`` (C-contiguous copies, little-endian) with an 8-byte-aligned header."""
    header: dict = {}
    if metadata:
        header["__metadata__"] = dict(metadata)
    blobs = []
    offset = 0
    for name, array in tensors.items():
        a = np.ascontiguousarray(array)
        a = a.astype(a.dtype.newbyteorder("<"), copy=False)
        data = a.tobytes()
        header[name] = {"dtype": NAMES[np.dtype(a.dtype.str.replace(">", "<"))], "shape": list(a.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)
