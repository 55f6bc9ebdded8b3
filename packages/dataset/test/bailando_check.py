"""The Bailando side of the bailando export test: reads one exported JSON as Bailando's load_data_aist does
(json.loads, np.array) and compares it with the float32 arrays in the given .npy files; also prints whether
json.dumps of those arrays' tolist() reproduces the file byte for byte. Usage: bailando_check.py JSON MUSIC.npy DANCE.npy"""
import json, sys
import numpy as np

text = open(sys.argv[1]).read()
sample_dict = json.loads(text)
np_music = np.array(sample_dict["music_array"])
np_dance = np.array(sample_dict["dance_array"])
music, dance = np.load(sys.argv[2]), np.load(sys.argv[3])
print(json.dumps({
    "id": sample_dict["id"],
    "keys": list(sample_dict.keys()),
    "music": [list(np_music.shape), str(np_music.dtype), bool(np.array_equal(np_music.astype(np.float32), music)),
              bool(np.array_equal(np_music, music.astype(np.float64)))],
    "dance": [list(np_dance.shape), str(np_dance.dtype), bool(np.array_equal(np_dance.astype(np.float32), dance)),
              bool(np.array_equal(np_dance, dance.astype(np.float64)))],
    "sameText": json.dumps({"id": sample_dict["id"], "music_array": music.tolist(), "dance_array": dance.tolist()}) == text,
}))
