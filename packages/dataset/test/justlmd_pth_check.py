"""The JustLMD side of the justlmd-pth test: loads <dir>/<name>_LMD_Dict.pth with weights_only=True and
<dir>/indexing.json as JustLMD's LOAD.py does, compares every tensor with the choreo shards in <dir>
(<split>-00000.safetensors) bit for bit, and batches the dict through a DataLoader over a Dataset written as
JustLMD's LMD_Dataset (index -> key -> item dict). Prints a JSON report.
Usage: justlmd_pth_check.py DIR NAME [--shards DIR] [--tokens N]  (shards default to DIR, lyrics padding to 180)"""
import argparse, json, os
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

DTYPES = {"F32": np.float32, "F64": np.float64, "I32": np.int32, "I64": np.int64, "U8": np.uint8}

def read_safetensors(path):
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
    meta = header.pop("__metadata__", {})
    raw = np.fromfile(path, dtype=np.uint8)[8 + n:]
    return {k: raw[v["data_offsets"][0]:v["data_offsets"][1]].view(DTYPES[v["dtype"]]).reshape(v["shape"])
            for k, v in header.items()}, meta

def shard_items(path):
    tensors, meta = read_safetensors(path)
    out = {}
    for i, key in enumerate(json.loads(meta["ids"])):
        def item(name):
            if name + ".offsets" in tensors:
                o = tensors[name + ".offsets"]
                return tensors[name][o[i]:o[i + 1]]
            return tensors[name][i]
        out[key] = {name: item(name) for name in ("lyricsTokens", "music", "dance")}
    return out

class SequenceDataset(Dataset):  # index -> key -> item dict, as JustLMD's LMD_Dataset
    def __init__(self, lmd_dict, indexing):
        self.lmd_dict, self.indexing = lmd_dict, indexing
    def __getitem__(self, index):
        return self.lmd_dict[self.indexing[str(index)]]
    def __len__(self):
        return len(self.indexing)

def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()

args = argparse.ArgumentParser()
args.add_argument("folder")
args.add_argument("name")
args.add_argument("--shards")
args.add_argument("--tokens", type=int, default=180)
args = args.parse_args()
folder, name, padding = args.folder, args.name, args.tokens
shard_folder = args.shards or folder
lmd_dict = torch.load(os.path.join(folder, f"{name}_LMD_Dict.pth"), weights_only=True)
indexing = json.load(open(os.path.join(folder, "indexing.json"), "r"))
shards = {}
for f in sorted(os.listdir(shard_folder)):
    if f.endswith("-00000.safetensors"):
        shards.update(shard_items(os.path.join(shard_folder, f)))

report = {"keys": sorted(lmd_dict.keys()), "indexing": indexing, "items": {}, "batches": []}
for key, item in lmd_dict.items():
    src = shards[key]
    tokens = src["lyricsTokens"][:padding]
    lyrics = np.zeros((padding, tokens.shape[1]), np.float32)
    lyrics[: len(tokens)] = tokens
    report["items"][key] = {
        "fields": list(item.keys()),
        "dtypes": {k: str(v.dtype) for k, v in item.items()},
        "shapes": {k: list(v.shape) for k, v in item.items()},
        "musicStride": list(item["music"].stride()),
        "lyricsEqual": same(item["lyrics"].numpy(), lyrics),
        "musicEqual": same(item["music"].numpy(), src["music"]),
        "danceEqual": same(item["dance"].numpy(), src["dance"][:, :72].astype(np.float64)),
        "tokens": int(src["lyricsTokens"].shape[0]),
    }
for batch in DataLoader(SequenceDataset(lmd_dict, indexing), batch_size=4, shuffle=False, num_workers=0):
    report["batches"].append({k: [list(v.shape), str(v.dtype)] for k, v in batch.items()})
print(json.dumps(report))
