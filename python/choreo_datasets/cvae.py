"""The JustLMD Transformer CVAE in PyTorch, parameter for parameter and op for op the model of
``@choreo/models`` (``transformerCvae.ts``: ACTOR's encoder/decoder as in jot-ctrl/justLMD@d9fcecd
TransVAE_Baseline), so a choreo checkpoint loads as is and gives the same loss as TF.js on the same weights,
batch and latent noise. Weights keep choreo's layout (``Linear`` weights are ``[in, out]``) and names.

Command line (``python3 -m choreo_datasets.cvae``):
  ``loss --checkpoint DIR --batch F.safetensors``  prints the loss of a batch (motion, cond, eps) as JSON;
  ``train --dataset DIR --out RUN [--device cuda|cpu] [--steps N] [--preset tiny|small|full] ...`` trains on
  a choreo dataset and writes a choreo checkpoint (``RUN/checkpoint``) that ``choreo sample`` reads.
"""
from __future__ import annotations

import math

import numpy as np
from typing import Dict, Optional, Tuple

import torch
from torch import nn
from torch.nn import functional as F

# The defaults of TransformerCvaeConfig and the presets of @choreo/models (schema.ts).
DEFAULTS = {"model": "cvae", "frames": 180, "motionDims": 78, "condDims": 256, "seed": 0, "latentDim": 512, "layers": 4, "heads": 4, "ffDim": 1024, "dropout": 0.1, "klWeight": 1e-5, "condDropProb": 0, "encoderCond": True}
PRESETS = {
    "tiny": {"latentDim": 32, "layers": 1, "heads": 2, "ffDim": 64, "dropout": 0.1, "condDropProb": 0.8, "encoderCond": False},
    "small": {"latentDim": 128, "layers": 2, "heads": 4, "ffDim": 256, "dropout": 0.1},
    "full": {},
}


class Linear(nn.Module):
    """``x @ weight + bias`` with weight ``[in, out]`` (choreo's layout, the transpose of ``nn.Linear``)."""

    def __init__(self, d_in: int, d_out: int):
        super().__init__()
        bound = 1 / math.sqrt(d_in)
        self.weight = nn.Parameter(torch.empty(d_in, d_out).uniform_(-bound, bound))
        self.bias = nn.Parameter(torch.empty(d_out).uniform_(-bound, bound))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x @ self.weight + self.bias


class LayerNorm(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))
        self.bias = nn.Parameter(torch.zeros(d))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.layer_norm(x, x.shape[-1:], self.weight, self.bias, 1e-5)


class Attention(nn.Module):
    def __init__(self, d: int, heads: int, dropout: float):
        super().__init__()
        self.heads, self.dropout = heads, dropout
        self.q, self.k, self.v, self.out = Linear(d, d), Linear(d, d), Linear(d, d), Linear(d, d)

    def forward(self, q: torch.Tensor, kv: torch.Tensor) -> torch.Tensor:
        b, t, d = q.shape
        hd = d // self.heads
        split = lambda x: x.reshape(x.shape[0], x.shape[1], self.heads, hd).transpose(1, 2)  # noqa: E731
        scores = split(self.q(q)) @ split(self.k(kv)).transpose(-1, -2) * (1 / math.sqrt(hd))
        weights = F.dropout(torch.softmax(scores, -1), self.dropout, self.training)
        return self.out((weights @ split(self.v(kv))).transpose(1, 2).reshape(b, t, d))


class FeedForward(nn.Module):
    def __init__(self, d: int, ff: int, dropout: float):
        super().__init__()
        self.linear1, self.linear2, self.dropout = Linear(d, ff), Linear(ff, d), dropout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear2(F.dropout(F.gelu(self.linear1(x)), self.dropout, self.training))


class EncoderLayer(nn.Module):
    """Post-norm ``nn.TransformerEncoderLayer`` (gelu), choreo's parameter names."""

    def __init__(self, d: int, heads: int, ff: int, dropout: float):
        super().__init__()
        self.self_attn, self.ff, self.dropout = Attention(d, heads, dropout), FeedForward(d, ff, dropout), dropout
        self.norm1, self.norm2 = LayerNorm(d), LayerNorm(d)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        drop = lambda y: F.dropout(y, self.dropout, self.training)  # noqa: E731
        h = self.norm1(x + drop(self.self_attn(x, x)))
        return self.norm2(h + drop(self.ff(h)))


class DecoderLayer(nn.Module):
    def __init__(self, d: int, heads: int, ff: int, dropout: float):
        super().__init__()
        self.self_attn, self.multihead_attn = Attention(d, heads, dropout), Attention(d, heads, dropout)
        self.ff, self.dropout = FeedForward(d, ff, dropout), dropout
        self.norm1, self.norm2, self.norm3 = LayerNorm(d), LayerNorm(d), LayerNorm(d)

    def forward(self, x: torch.Tensor, memory: torch.Tensor) -> torch.Tensor:
        drop = lambda y: F.dropout(y, self.dropout, self.training)  # noqa: E731
        h = self.norm1(x + drop(self.self_attn(x, x)))
        h = self.norm2(h + drop(self.multihead_attn(h, memory)))
        return self.norm3(h + drop(self.ff(h)))


def sinusoidal_table(frames: int, d: int) -> torch.Tensor:
    """ACTOR's positional encoding (sin on even, cos on odd columns), as ``sinusoidalTable`` in layers.ts."""
    pos = torch.arange(frames, dtype=torch.float64)[:, None]
    i = torch.arange(0, d, 2, dtype=torch.float64)
    angle = pos * torch.exp(i * (-math.log(10000) / d))
    pe = torch.zeros(frames, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)[:, : d // 2]
    return pe.float()


class Encoder(nn.Module):
    def __init__(self, c: dict):
        super().__init__()
        d = c["latentDim"]
        self.xyEmbedding = Linear(c["condDims"] + c["motionDims"], d)
        self.layers = nn.ModuleList(EncoderLayer(d, c["heads"], c["ffDim"], c["dropout"]) for _ in range(c["layers"]))
        self.muSigmaEmbedding = Linear(c["frames"], 2)


class Decoder(nn.Module):
    def __init__(self, c: dict):
        super().__init__()
        d = c["latentDim"]
        self.yEmbedding = Linear(c["condDims"], d)
        self.yzEmbedding = Linear(c["frames"] + 1, c["frames"])
        self.layers = nn.ModuleList(DecoderLayer(d, c["heads"], c["ffDim"], c["dropout"]) for _ in range(c["layers"]))
        self.finallayer = Linear(d, c["motionDims"])


class TransformerCvae(nn.Module):
    """The model; ``config`` is a choreo ``TransformerCvaeConfig`` (missing keys take the reference defaults)."""

    def __init__(self, config: dict):
        super().__init__()
        self.config = c = {**DEFAULTS, **config}
        self.encoder, self.decoder = Encoder(c), Decoder(c)
        self.register_buffer("pe", sinusoidal_table(c["frames"], c["latentDim"])[None], persistent=False)

    def encode(self, motion: torch.Tensor, cond: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        drop = self.config["dropout"]
        c = cond if self.config["encoderCond"] else torch.zeros_like(cond)
        h = F.dropout(self.encoder.xyEmbedding(torch.cat([c, motion], -1)) + self.pe, drop, self.training)
        for layer in self.encoder.layers:
            h = layer(h)
        out = self.encoder.muSigmaEmbedding(h.transpose(1, 2)).transpose(1, 2)  # [B, 2, d]: along time
        return out[:, 0], out[:, 1]

    def decode(self, z: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        b = cond.shape[0]
        seq = torch.cat([self.decoder.yEmbedding(cond), z[:, None]], 1)
        memory = self.decoder.yzEmbedding(seq.transpose(1, 2)).transpose(1, 2)
        h = F.dropout(self.pe.expand(b, -1, -1), self.config["dropout"], self.training)
        for layer in self.decoder.layers:
            h = layer(h, memory)
        return self.decoder.finallayer(h)

    def loss(self, motion: torch.Tensor, cond: torch.Tensor, eps: Optional[torch.Tensor] = None, kl_scale: float = 1.0) -> Dict[str, torch.Tensor]:
        """MSE reconstruction + klWeight·kl_scale × KL summed over batch and latent (``cvaeLoss`` in choreo).
        In training mode a window's condition is zeroed with probability ``condDropProb``."""
        if self.training and self.config["condDropProb"] > 0:
            keep = torch.rand(cond.shape[0], 1, 1, device=cond.device) >= self.config["condDropProb"]
            cond = cond * keep
        mu, logvar = self.encode(motion, cond)
        if eps is None:
            eps = torch.randn_like(mu)
        z = mu + eps * torch.exp(0.5 * logvar)
        rc = F.mse_loss(self.decode(z, cond), motion)
        kl = -0.5 * torch.sum(1 + logvar - mu.square() - logvar.exp())
        return {"loss": rc + kl * (self.config["klWeight"] * kl_scale), "rc": rc, "kl": kl}

    def sample(self, cond: torch.Tensor, generator: Optional[torch.Generator] = None) -> torch.Tensor:
        z = torch.randn(cond.shape[0], self.config["latentDim"], generator=generator, device=cond.device)
        return self.decode(z, cond)

    def choreo_state(self) -> Dict[str, torch.Tensor]:
        """Parameters under choreo's names (``encoder.layers.0.linear1.weight``, ...)."""
        out = {}
        for name, p in self.named_parameters():
            out[name.replace(".ff.linear", ".linear")] = p
        return out

    def load_choreo(self, weights: Dict[str, "object"]) -> None:
        """Copies choreo-named arrays into the parameters (every name must be present with the same shape)."""
        with torch.no_grad():
            for name, p in self.choreo_state().items():
                if name not in weights:
                    raise KeyError(f"[choreo_datasets] weight {name} missing from the checkpoint")
                src = torch.from_numpy(np.array(weights[name], np.float32))
                if tuple(src.shape) != tuple(p.shape):
                    raise ValueError(f"[choreo_datasets] weight {name}: shape {tuple(src.shape)} is not {tuple(p.shape)}")
                p.copy_(src)


def load_checkpoint(directory: str, use_ema: bool = False, device: str = "cpu") -> TransformerCvae:
    """The model of a choreo CVAE checkpoint (raw weights, or the EMA weights when ``use_ema``), in eval mode."""
    from .checkpoint import read_checkpoint

    ckpt = read_checkpoint(directory)
    if ckpt.meta["model"]["model"] != "cvae":
        raise ValueError(f"[choreo_datasets] {directory} holds a {ckpt.meta['model']['model']} model, not the Transformer CVAE")
    net = TransformerCvae(ckpt.meta["model"])
    net.load_choreo(ckpt.ema if use_ema and ckpt.ema is not None else ckpt.weights)
    return net.to(device).eval()


def main(argv: Optional[list] = None) -> int:
    import argparse
    import json

    from .safetensors import open_safetensors

    p = argparse.ArgumentParser(prog="python3 -m choreo_datasets.cvae", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    lp = sub.add_parser("loss", help="the loss of a batch (safetensors with motion, cond, eps) under a checkpoint")
    lp.add_argument("--checkpoint", required=True)
    lp.add_argument("--batch", required=True)
    lp.add_argument("--ema", action="store_true")
    lp.add_argument("--kl-scale", type=float, default=1.0)
    tp = sub.add_parser("train", help="train on a choreo dataset and write a choreo checkpoint")
    tp.add_argument("--dataset", required=True)
    tp.add_argument("--out", required=True)
    tp.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    tp.add_argument("--config", help="JSON file {model: {...}, train: {...}} as for choreo train")
    tp.add_argument("--steps", type=int)
    tp.add_argument("--batch-size", type=int)
    tp.add_argument("--preset", choices=["tiny", "small", "full"])
    tp.add_argument("--lr", type=float)
    a = p.parse_args(argv)
    if a.command == "loss":
        net = load_checkpoint(a.checkpoint, a.ema)
        batch = {k: torch.from_numpy(np.array(v)) for k, v in open_safetensors(a.batch)[0].items()}
        with torch.no_grad():
            out = net.loss(batch["motion"], batch["cond"], batch.get("eps"), a.kl_scale)
        print(json.dumps({k: float(v) for k, v in out.items()}))
        return 0
    from .train_cvae import train

    file = json.load(open(a.config)) if a.config else {}
    overrides = {k: v for k, v in {"steps": a.steps, "batchSize": a.batch_size, "preset": a.preset, "lr": a.lr}.items() if v is not None}
    result = train(a.dataset, a.out, a.device, file.get("model"), {**file.get("train", {}), **overrides}, log=lambda s: print(s, file=__import__("sys").stderr))
    print(json.dumps({"step": result["step"], "lastLoss": result["losses"][-1] if result["losses"] else None, "valLosses": result["valLosses"], "checkpoint": result["checkpoint"]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
