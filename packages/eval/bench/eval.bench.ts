// `pnpm bench eval`: FID_k and FID_g with the Bailando protocol over 1,400 ground-truth sequences of 1,200
// frames (AIST++ has ~1,363) against 40 predictions: feature extraction (kinetic 72 + geometric 32, reference
// mode) and the FID/Div stage timed separately. Synthetic, deterministic motions. Args: [nGt] [frames] [nPred].
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import {
  averagePairwiseDistance,
  createJointSequence,
  frechetDistance,
  geometricFeatures,
  kineticFeatures,
  normalizeByGroundTruth,
  subtractInitialRoot,
  type JointSequence,
} from "@choreo/eval";

const [nGt = 1400, frames = 1200, nPred = 40] = process.argv.slice(2).map(Number);

function motion(seed: number): JointSequence {
  const data = new Float32Array(frames * 72);
  const a = 0.05 + (seed % 17) * 0.003;
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < 24; j++) {
      for (let c = 0; c < 3; c++) {
        data[(t * 24 + j) * 3 + c] =
          0.3 * Math.sin(a * (t + 1) * (j + 1) * 0.25 + c + seed) +
          0.05 * j * (c - 1) +
          (c === 0 ? 0.002 * t : 0);
      }
    }
  }
  return subtractInitialRoot(createJointSequence(data));
}

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const r = f();
  return [r, (performance.now() - t0) / 1000];
};

const seqs = Array.from({ length: nGt + nPred }, (_, i) => motion(i));
const [kin, tKin] = time(() => seqs.map((s) => kineticFeatures(s)));
const [geo, tGeo] = time(() => seqs.map((s) => geometricFeatures(s)));
const [res, tFid] = time(() =>
  (["k", "g"] as const).map((kind) => {
    const f = kind === "k" ? kin : geo;
    const n = normalizeByGroundTruth(f.slice(0, nGt), f.slice(nGt));
    return { kind, fid: frechetDistance(n.pred, n.gt), div: averagePairwiseDistance(n.pred) };
  }),
);
const total = tKin + tGeo + tFid;
console.log(
  `eval bench: ${nGt} GT + ${nPred} predicted sequences × ${frames} frames (${cpus()[0]?.model ?? "cpu"}, node ${process.version})`,
);
console.log(
  `  kinetic features   ${tKin.toFixed(2)} s  (${((tKin / seqs.length) * 1000).toFixed(2)} ms/seq)`,
);
console.log(
  `  geometric features ${tGeo.toFixed(2)} s  (${((tGeo / seqs.length) * 1000).toFixed(2)} ms/seq)`,
);
console.log(`  FID_k + FID_g + Div ${tFid.toFixed(3)} s`);
console.log(
  `  total              ${total.toFixed(2)} s   FID_k ${res[0]!.fid.toFixed(4)}  FID_g ${res[1]!.fid.toFixed(4)}`,
);
