import importlib.util
import os
import tempfile
import unittest

import numpy as np
from fixture import write_fixture

from choreo_datasets import open_dataset
from choreo_datasets.safetensors import open_safetensors


class DatasetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = write_fixture(tempfile.mkdtemp(prefix="choreo-py-"))
        cls.ds = open_dataset(cls.root)

    def test_shards_are_memory_maps(self):
        tensors, meta = open_safetensors(os.path.join(self.root, "train-00000.safetensors"))
        self.assertIsInstance(tensors["motion"], np.memmap)
        self.assertEqual(meta["split"], "train")

    def test_splits_shapes_and_digest(self):
        self.assertEqual(self.ds.splits, {"train": 8, "val": 4})
        self.assertEqual(self.ds.shapes["motion"], (12, 6))
        self.assertTrue(self.ds.digest.startswith("sha256:"))
        self.assertEqual(self.ds.split("val").ids[1], "val1")

    def test_normalizes_with_train_stats(self):
        raw = self.ds.split("train", normalize=False)[0]["motion"]
        norm = self.ds.split("train")[0]["motion"]
        n = self.ds.normalizers["motion"]
        np.testing.assert_allclose(norm, (raw - n.mean) / n.scale, rtol=1e-6)
        # The still column has std 0: scale 1 (choreo's std floor), so it normalizes to 0.
        np.testing.assert_allclose(norm[:, 5], 0, atol=1e-7)
        np.testing.assert_allclose(n.inverse(norm), raw, rtol=1e-5, atol=1e-6)
        all_train = np.stack([it["motion"] for it in self.ds.split("train")])
        np.testing.assert_allclose(all_train.reshape(-1, 6)[:, :5].mean(0), 0, atol=1e-5)

    def test_named_columns(self):
        self.assertEqual(self.ds.columns["music"], ["onset", "beat"])
        self.assertEqual(self.ds.column_index("music", "beat"), 1)
        self.assertNotIn("motion", self.ds.columns)

    def test_ragged_items_take_their_rows(self):
        split = self.ds.split("train", tensors=["tokens"])
        offsets = open_safetensors(os.path.join(self.root, "train-00000.safetensors"))[0]["tokens.offsets"]
        self.assertEqual(len(split[2]["tokens"]), int(offsets[3] - offsets[2]))


@unittest.skipUnless(importlib.util.find_spec("torch"), "torch is not installed")
class TorchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ds = open_dataset(write_fixture(tempfile.mkdtemp(prefix="choreo-py-")))

    def test_justlmd_batches(self):
        import torch

        data = self.ds.split("train").torch("justlmd")
        batch = next(iter(torch.utils.data.DataLoader(data, batch_size=4, collate_fn=data.collate)))
        self.assertEqual(tuple(batch["cond"].shape), (4, 12, 5))
        self.assertEqual(tuple(batch["mask"].shape), (4, 12))
        torch.testing.assert_close(batch["cond"][..., :2], batch["music"])
        self.assertEqual(batch["ids"], ["train0", "train1", "train2", "train3"])

    def test_edge_batches(self):
        import torch

        data = self.ds.split("val").torch("edge")
        batch = next(iter(torch.utils.data.DataLoader(data, batch_size=2, collate_fn=data.collate)))
        self.assertEqual(sorted(batch), ["cond", "filename", "x"])
        self.assertEqual(tuple(batch["x"].shape), (2, 12, 6))


if __name__ == "__main__":
    unittest.main()
