"""The 20-line numpy reader of choreo shards from the README, used by the interop test: prints, as JSON, each
tensor's dtype, shape, float64 sum and first values, and the metadata, so the test can compare with TypeScript."""
import json, sys
import numpy as np

DTYPES = {"F32": np.float32, "F64": np.float64, "I32": np.int32, "I64": np.int64, "U8": np.uint8, "I16": np.int16}

def read_safetensors(path):
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
    meta = header.pop("__metadata__", {})
    raw = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    return {k: raw[v["data_offsets"][0]:v["data_offsets"][1]].view(DTYPES[v["dtype"]]).reshape(v["shape"])
            for k, v in header.items()}, meta

tensors, meta = read_safetensors(sys.argv[1])
print(json.dumps({
    "meta": meta,
    "tensors": {k: {"dtype": str(v.dtype), "shape": list(v.shape), "sum": float(v.astype(np.float64).sum()),
                    "head": v.reshape(-1)[:5].astype(np.float64).tolist()} for k, v in tensors.items()},
}))
