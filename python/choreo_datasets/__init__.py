"""choreo_datasets: choreo dataset folders in numpy and PyTorch (memmapped shards, splits, normalization,
named columns, batch dicts) and the JustLMD Transformer CVAE in PyTorch (``choreo_datasets.cvae``)."""
from .dataset import ChoreoDataset, Normalizer, Split, open_dataset
from .safetensors import open_safetensors, write_safetensors

__all__ = ["ChoreoDataset", "Normalizer", "Split", "open_dataset", "open_safetensors", "write_safetensors"]
__version__ = "0.1.0"
