"""Loads a torch.save archive and prints, as JSON, what it holds: tensors as dtype, shape, stride, storage
offset, storage identity and base64 C-order bytes; Python scalars tagged so TypeScript can compare exactly.
Usage: torch_describe.py FILE [--unsafe]  (--unsafe: weights_only=False, for Python floats on torch < 2.0)."""
import base64, json, struct, sys
import torch

def describe(v, storages):
    if torch.is_tensor(v):
        ptr = v.storage().data_ptr()
        storages.setdefault(ptr, len(storages))
        return {"$tensor": {"dtype": str(v.dtype).replace("torch.", ""), "shape": list(v.shape),
                            "stride": list(v.stride()), "offset": v.storage_offset(),
                            "storage": storages[ptr] if v.numel() > 0 else None,
                            "bytes": base64.b64encode(v.contiguous().numpy().tobytes()).decode()}}
    if isinstance(v, dict):
        return {"$dict": [[k, describe(x, storages)] for k, x in v.items()]}
    if isinstance(v, list):
        return [describe(x, storages) for x in v]
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return {"$int": str(v)}
    if isinstance(v, float):
        return {"$float": base64.b64encode(struct.pack("<d", v)).decode()}
    raise TypeError(f"unexpected {type(v)}")

obj = torch.load(sys.argv[1], weights_only="--unsafe" not in sys.argv)
print(json.dumps({"torch": torch.__version__, "value": describe(obj, {})}))
