"""Trains the JustLMD CVAE (``cvae.TransformerCvae``) on a choreo dataset with PyTorch, on CUDA or the CPU,
with choreo's recipe (``@choreo/train``): AdamW (weight decay 0.01), linear warm-up then cosine LR, global-norm
clipping, EMA, KL warm-up, and the same preset defaults; validation logs the mean-pose baseline beside the
model's loss. Writes ``<out>/metrics.jsonl`` and a choreo checkpoint (``<out>/checkpoint``) that ``choreo
sample`` reads. Randomness is PyTorch's, so runs are not bit-identical to choreo's TF.js runs."""
from __future__ import annotations

import json
import math
import os
import time
from typing import Callable, Dict, Optional

import numpy as np
import torch

from .checkpoint import write_checkpoint
from .cvae import PRESETS, TransformerCvae
from .dataset import STD_FLOOR, ChoreoDataset
from .torch_data import collate

PEAK_LR = {"tiny": 2e-3, "small": 5e-4, "full": 1e-4}
WEIGHT_DECAY = {"tiny": 0.1, "small": 0.01, "full": 0.01}
TRAIN_DEFAULTS = {"steps": 300, "batchSize": 8, "workers": 1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "schedule": "cosine", "minLrFactor": 0.1, "clipNorm": 1, "seed": 0, "logEvery": 10, "valEvery": 50, "valBatches": 2, "checkpointEvery": 100, "preset": "small"}


def resolve_train_config(config: dict) -> dict:
    """choreo's ``resolveTrainConfig``: the preset's LR and weight decay, 5% warm-up, EMA over ~10% of the run,
    20% KL warm-up."""
    c = {**TRAIN_DEFAULTS, **config}
    steps = c["steps"]
    c.setdefault("microBatchSize", c["batchSize"])
    c.setdefault("lr", PEAK_LR[c["preset"]])
    c.setdefault("weightDecay", WEIGHT_DECAY[c["preset"]])
    c.setdefault("warmupSteps", min(1000, round(0.05 * steps)))
    c.setdefault("emaDecay", min(0.999, max(0.9, 1 - 10 / steps)))
    c.setdefault("klWarmupSteps", round(0.2 * steps))
    return c


def learning_rate(c: dict, step: int) -> float:
    """choreo's ``learningRate`` (lrSchedule.ts), 1-based steps."""
    if c["warmupSteps"] > 0 and step <= c["warmupSteps"]:
        return c["lr"] * step / c["warmupSteps"]
    if c["schedule"] == "constant":
        return c["lr"]
    progress = min(1, (step - c["warmupSteps"]) / max(1, c["steps"] - c["warmupSteps"]))
    low = c["lr"] * c["minLrFactor"]
    return low + (c["lr"] - low) * 0.5 * (1 + math.cos(math.pi * progress))


def _affine(stats: dict) -> dict:
    return {"shift": [float(x) for x in stats["mean"]], "scale": [float(s) if s > STD_FLOOR else 1.0 for s in stats["std"]]}


def task_spec(ds: ChoreoDataset) -> dict:
    """choreo's TaskSpec for a CVAE on ``ds`` (what sampling needs to normalize and denormalize)."""
    cond_tensors = [n for n in ("music", "lyrics") if n in ds.shapes]
    cond_stats = {k: sum((list(ds.stats[n][k]) for n in cond_tensors), []) for k in ("mean", "std")}
    return {"kind": "cvae", "frames": ds.shapes["motion"][0], "condTensors": cond_tensors, "motion": _affine(ds.stats["motion"]), "cond": _affine(cond_stats)}


def train(dataset_dir: str, out_dir: str, device: str = "cpu", model: Optional[dict] = None, train_config: Optional[dict] = None, log: Callable[[str], None] = print) -> Dict[str, object]:
    """Trains and writes the run folder; returns the last step, losses and validations."""
    ds = ChoreoDataset(dataset_dir)
    c = resolve_train_config(train_config or {})
    frames, motion_dims = ds.shapes["motion"]
    spec = task_spec(ds)
    cond_dims = sum(ds.shapes[n][1] for n in spec["condTensors"])
    config = {"model": "cvae", **{k: v for k, v in PRESETS[c["preset"]].items()}, **(model or {}), "frames": frames, "motionDims": motion_dims, "condDims": cond_dims}
    torch.manual_seed(c["seed"])
    net = TransformerCvae(config).to(device)
    config = net.config
    opt = torch.optim.AdamW(net.parameters(), lr=c["lr"], betas=(c["beta1"], c["beta2"]), eps=c["eps"], weight_decay=c["weightDecay"])
    ema = {k: p.detach().clone() for k, p in net.choreo_state().items()} if c["emaDecay"] > 0 else None
    train_set = ds.split("train").torch("justlmd")
    gen = torch.Generator().manual_seed(c["seed"])
    loader = torch.utils.data.DataLoader(train_set, batch_size=c["batchSize"], shuffle=True, drop_last=len(train_set) >= c["batchSize"], generator=gen, collate_fn=train_set.collate)
    val_batches = []
    if ds.splits.get("val", 0) > 0:
        val_set = ds.split("val").torch("justlmd")
        val_loader = torch.utils.data.DataLoader(val_set, batch_size=min(c["microBatchSize"], len(val_set)), collate_fn=val_set.collate)
        val_batches = [b for _, b in zip(range(c["valBatches"]), val_loader)]
    # Mean pose in z-scored space is (mean - mean)/scale = 0 per column: the baseline is the mean square.
    baseline = float(np.mean([b["motion"].square().mean().item() for b in val_batches])) if val_batches else None
    os.makedirs(out_dir, exist_ok=True)
    metrics = open(os.path.join(out_dir, "metrics.jsonl"), "w")
    step, epoch, losses, vals = 0, 0, [], []
    started = time.perf_counter()
    while step < c["steps"]:
        for batch in loader:
            step += 1
            lr = learning_rate(c, step)
            for group in opt.param_groups:
                group["lr"] = lr
            net.train()
            kl_scale = min(1.0, step / c["klWarmupSteps"]) if c["klWarmupSteps"] > 0 else 1.0
            out = net.loss(batch["motion"].to(device), batch["cond"].to(device), kl_scale=kl_scale)
            opt.zero_grad(set_to_none=True)
            out["loss"].backward()
            norm = torch.nn.utils.clip_grad_norm_(net.parameters(), c["clipNorm"]) if c["clipNorm"] > 0 else torch.tensor(0.0)
            opt.step()
            if ema is not None:
                with torch.no_grad():
                    for k, p in net.choreo_state().items():
                        ema[k].mul_(c["emaDecay"]).add_(p.detach(), alpha=1 - c["emaDecay"])
            loss = out["loss"].item()
            losses.append(loss)
            if step % c["logEvery"] == 0 or step == 1:
                line = {"step": step, "loss": loss, "lr": lr, "gradNorm": float(norm), "klScale": kl_scale, "samplesPerSec": step * c["batchSize"] / (time.perf_counter() - started)}
                metrics.write(json.dumps(line) + "\n")
                log(f"step {step} loss {loss:.5f} lr {lr:.2e} |g| {float(norm):.3f}")
            if val_batches and c["valEvery"] > 0 and (step % c["valEvery"] == 0 or step == c["steps"]):
                net.eval()
                with torch.no_grad():
                    v = float(np.mean([net.loss(b["motion"].to(device), b["cond"].to(device))["loss"].item() for b in val_batches]))
                vals.append({"step": step, "loss": v, "baseline": baseline})
                metrics.write(json.dumps({"step": step, "valLoss": v, "baselineValLoss": baseline}) + "\n")
                log(f"step {step} val {v:.5f} (mean pose {baseline:.5f})")
            if step >= c["steps"]:
                break
        epoch += 1
    metrics.close()
    state = opt.state
    named = list(net.choreo_state().items())
    m = {k: state[p]["exp_avg"].cpu().numpy() for k, p in named}
    v = {k: state[p]["exp_avg_sq"].cpu().numpy() for k, p in named}
    meta = {"step": step, "model": config, "train": c, "dataset": {"name": ds.name, "digest": ds.digest, "fps": ds.fps}, "task": spec, "cursor": {"epoch": epoch, "offset": 0}, "backend": f"torch-{torch.device(device).type}"}
    write_checkpoint(os.path.join(out_dir, "checkpoint"), meta, {k: p.detach().cpu().numpy() for k, p in named}, {k: e.cpu().numpy() for k, e in ema.items()} if ema is not None else None, m, v, step)
    return {"step": step, "losses": losses, "valLosses": vals, "checkpoint": os.path.join(out_dir, "checkpoint")}
