"""The JustLMD Transformer CVAE in PyTorch (as TransVAE_Baseline, metrics.md §11.2), timed like train.bench.ts:
samples/s of forward + backward + clipping + AdamW, by wall clock and by CPU time (process time), on the CPU
(``--threads N``, default 1) or CUDA (``--device cuda``). Run with Debian's python3-torch: /usr/bin/python3."""
import argparse, json, time
import torch
from torch import nn

class Cvae(nn.Module):
    def __init__(s, frames, motion, cond, d, layers, heads, ff):
        super().__init__()
        s.d = d
        s.xy = nn.Linear(cond + motion, d)
        s.enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, heads, ff, 0.1, "gelu"), layers)
        s.musig = nn.Linear(frames, 2)
        s.y = nn.Linear(cond, d)
        s.yz = nn.Linear(frames + 1, frames)
        s.dec = nn.TransformerDecoder(nn.TransformerDecoderLayer(d, heads, ff, 0.1, "gelu"), layers)
        s.final = nn.Linear(d, motion)
        pos = torch.arange(frames).unsqueeze(1)
        div = torch.exp(torch.arange(0, d, 2) * (-torch.log(torch.tensor(10000.0)) / d))
        pe = torch.zeros(frames, 1, d)
        pe[:, 0, 0::2] = torch.sin(pos * div); pe[:, 0, 1::2] = torch.cos(pos * div)
        s.register_buffer("pe", pe)

    def forward(s, x, y):  # x (T,B,motion), y (T,B,cond)
        h = s.enc(s.xy(torch.cat([y, x], -1)) + s.pe)
        out = s.musig(h.permute(2, 1, 0)).permute(2, 1, 0)
        mu, logvar = out[0], out[1]
        z = mu + torch.randn_like(mu) * torch.exp(logvar / 2)
        mem = s.yz(torch.cat([s.y(y), z[None]], 0).permute(2, 1, 0)).permute(2, 1, 0)
        q = torch.zeros(x.shape[0], x.shape[1], s.d, device=x.device) + s.pe
        rec = s.final(s.dec(q, mem))
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        return nn.functional.mse_loss(rec, x) + 1e-5 * kl

def measure(device, frames, motion, cond, d, layers, heads, ff, batch, steps):
    m = Cvae(frames, motion, cond, d, layers, heads, ff).to(device)
    opt = torch.optim.AdamW(m.parameters(), lr=1e-4)
    x, y = torch.randn(frames, batch, motion, device=device), torch.randn(frames, batch, cond, device=device)
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    for s in range(steps + 1):
        if s == 1: sync(); t0, c0 = time.perf_counter(), time.process_time()
        opt.zero_grad(); loss = m(x, y); loss.backward(); nn.utils.clip_grad_norm_(m.parameters(), 1.0); opt.step()
    sync()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"wall": steps * batch / wall, "cpu": steps * batch / cpu}

p = argparse.ArgumentParser()
p.add_argument("--steps", type=int, default=3)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--device", default="cpu")
a = p.parse_args()
if a.device == "cuda" and not torch.cuda.is_available():
    print(json.dumps({"version": torch.__version__, "unavailable": "torch.cuda.is_available() is False"})); raise SystemExit(0)
torch.set_num_threads(a.threads)
torch.manual_seed(0)
name = torch.cuda.get_device_name() if a.device == "cuda" else f"cpu, {torch.get_num_threads()} threads"
print(json.dumps({"version": torch.__version__, "device": name,
    "justlmd": measure(a.device, 180, 78, 256, 512, 4, 4, 1024, 4, a.steps), "small": measure(a.device, 150, 75, 34, 128, 2, 4, 256, 8, a.steps)}))
