"""The Bailando side of the bailando export test: reads one exported JSON as Bailando's load_data_aist does
(json.loads, np.array) and compares it with the float32 arrays in the given .npy files; also prints whether
json.dumps of those arrays' tolist() reproduces the file byte for byte. The .npy arrays are reshaped to rows of 438
and 72 and may be cut to their first rows (a train file keeps the common length).
Usage: bailando_check.py JSON MUSIC.npy DANCE.npy [--music-rows M] [--dance-rows D]"""
import argparse, json
import numpy as np

args = argparse.ArgumentParser()
for name in ("json", "music", "dance"):
    args.add_argument(name)
args.add_argument("--music-rows", type=int)
args.add_argument("--dance-rows", type=int)
args = args.parse_args()
text = open(args.json).read()
sample_dict = json.loads(text)
np_music = np.array(sample_dict["music_array"])
np_dance = np.array(sample_dict["dance_array"])
music = np.load(args.music).reshape(-1, 438)[: args.music_rows]
dance = np.load(args.dance).reshape(-1, 72)[: args.dance_rows]
print(json.dumps({
    "id": sample_dict["id"],
    "keys": list(sample_dict.keys()),
    "music": [list(np_music.shape), str(np_music.dtype), bool(np.array_equal(np_music.astype(np.float32), music)),
              bool(np.array_equal(np_music, music.astype(np.float64)))],
    "dance": [list(np_dance.shape), str(np_dance.dtype), bool(np.array_equal(np_dance.astype(np.float32), dance)),
              bool(np.array_equal(np_dance, dance.astype(np.float64)))],
    "sameText": json.dumps({"id": sample_dict["id"], "music_array": music.tolist(), "dance_array": dance.tolist()}) == text,
}))
