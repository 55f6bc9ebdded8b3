import importlib.util
import os
import tempfile
import unittest

import numpy as np
from fixture import write_fixture


@unittest.skipUnless(importlib.util.find_spec("torch"), "torch is not installed")
class CvaeTest(unittest.TestCase):
    def test_choreo_names_and_layouts(self):
        from choreo_datasets.cvae import TransformerCvae

        net = TransformerCvae({"frames": 12, "motionDims": 6, "condDims": 5, "latentDim": 8, "layers": 1, "heads": 2, "ffDim": 16})
        names = net.choreo_state()
        self.assertEqual(tuple(names["encoder.xyEmbedding.weight"].shape), (11, 8))
        self.assertIn("encoder.layers.0.linear1.weight", names)
        self.assertIn("decoder.layers.0.multihead_attn.q.bias", names)
        self.assertEqual(tuple(names["decoder.yzEmbedding.weight"].shape), (13, 12))

    def test_trains_and_writes_a_choreo_checkpoint(self):
        from choreo_datasets.checkpoint import read_checkpoint
        from choreo_datasets.cvae import load_checkpoint
        from choreo_datasets.train_cvae import train

        root = write_fixture(tempfile.mkdtemp(prefix="choreo-py-"))
        out = tempfile.mkdtemp(prefix="choreo-py-run-")
        result = train(root, out, "cpu", None, {"preset": "tiny", "steps": 4, "batchSize": 4, "valEvery": 2}, log=lambda s: None)
        self.assertEqual(result["step"], 4)
        self.assertEqual(len(result["valLosses"]), 2)
        ckpt = read_checkpoint(os.path.join(out, "checkpoint"))
        self.assertEqual(ckpt.meta["step"], 4)
        self.assertEqual(ckpt.meta["task"]["condTensors"], ["music", "lyrics"])
        self.assertEqual(set(ckpt.m), set(ckpt.weights))
        net = load_checkpoint(os.path.join(out, "checkpoint"))
        for name, p in net.choreo_state().items():
            np.testing.assert_array_equal(p.detach().numpy(), ckpt.weights[name])


if __name__ == "__main__":
    unittest.main()
