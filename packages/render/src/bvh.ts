/**
 * BVH export of SMPL motion for animators (Blender, MotionBuilder): the SMPL-24 hierarchy with EDGE's rest
 * offsets (`@choreo/motion` skeleton), the root's translation, every joint's local rotation as Euler angles in a
 * chosen order (degrees, unwrapped frame to frame so curves do not jump by 360°), at the source frame rate.
 * The motion is first put in the AIST++ convention (y up, root position = trans / scaling), so FK of the BVH
 * equals pose's `joints24` of the same sequence. Leaf joints get a short End Site along their bone. No shape
 * blend (one body for every motion, as EDGE), no joint limits, no retargeting.
 */
import { writeFile } from "node:fs/promises";
import {
  axisAngleToMatrix,
  easymocapToAistpp,
  smpl24Joints,
  smpl24Parents,
  smpl24RestOffsetsM,
  type SmplSequence,
} from "@choreo/motion";
import { matrixToEuler } from "./euler.js";
import { EulerOrderSchema, type EulerOrder } from "./schema.js";
import { InvalidRenderOption } from "./errors.js";

/** Options of `formatBvh`. */
export interface BvhOptions {
  /** Euler order of the rotation channels (default ZXY, the usual mocap order). */
  readonly eulerOrder?: EulerOrder;
  /** Length unit of offsets and positions (default centimetres, what most BVH tools assume). */
  readonly unit?: "m" | "cm";
  /** Decimal places of numbers (default 6). */
  readonly digits?: number;
}

const unitScale = { m: 1, cm: 100 } as const;

function hierarchy(order: EulerOrder, scale: number, digits: number): string[] {
  const children = smpl24Parents.map((_, j) => smpl24Parents.flatMap((p, c) => (p === j ? [c] : [])));
  const num = (v: number): string => (v * scale).toFixed(digits);
  const offset = (j: number, factor = 1): string =>
    [0, 1, 2].map((c) => num(smpl24RestOffsetsM[j * 3 + c]! * factor)).join(" ");
  const rotations = [...order].map((a) => `${a}rotation`).join(" ");
  const lines: string[] = ["HIERARCHY"];
  const visit = (j: number, depth: number): void => {
    const pad = "  ".repeat(depth);
    lines.push(
      `${pad}${j === 0 ? "ROOT" : "JOINT"} ${smpl24Joints[j]}`,
      `${pad}{`,
      `${pad}  OFFSET ${j === 0 ? offset(0) : offset(j)}`,
    );
    lines.push(
      `${pad}  CHANNELS ${j === 0 ? `6 Xposition Yposition Zposition ${rotations}` : `3 ${rotations}`}`,
    );
    for (const c of children[j]!) visit(c, depth + 1);
    if (children[j]!.length === 0) {
      // SMPL has no end joints: a third of the incoming bone, so tools draw the leaf with a length
      lines.push(`${pad}  End Site`, `${pad}  {`, `${pad}    OFFSET ${offset(j, 1 / 3)}`, `${pad}  }`);
    }
    lines.push(`${pad}}`);
  };
  visit(0, 0);
  return lines;
}

/** Joint visiting order of the hierarchy (depth first), which is the order of the MOTION columns. */
export function bvhJointOrder(): number[] {
  const order: number[] = [];
  const visit = (j: number): void => {
    order.push(j);
    smpl24Parents.forEach((p, c) => p === j && visit(c));
  };
  visit(0);
  return order;
}

/** BVH text of an SMPL sequence (see the module comment). */
export function formatBvh(seq: SmplSequence, options: BvhOptions = {}): string {
  const order = options.eulerOrder ?? "ZXY";
  if (!EulerOrderSchema.safeParse(order).success)
    throw new InvalidRenderOption(
      "eulerOrder",
      `'${String(order)}' is not one of ${EulerOrderSchema.options.join(", ")}`,
    );
  const scale = unitScale[options.unit ?? "cm"];
  const digits = options.digits ?? 6;
  const a = easymocapToAistpp(seq);
  const mats = axisAngleToMatrix(Float64Array.from(a.poses));
  const joints = bvhJointOrder();
  const angles = new Float64Array(3);
  const previous = new Float64Array(24 * 3).fill(NaN);
  const toDeg = 180 / Math.PI;
  const lines = hierarchy(order, scale, digits);
  lines.push("MOTION", `Frames: ${a.frames}`, `Frame Time: ${(1 / a.fps).toFixed(9)}`);
  for (let t = 0; t < a.frames; t++) {
    const row: string[] = [];
    for (let c = 0; c < 3; c++) row.push(((a.trans[t * 3 + c]! / a.scaling) * scale).toFixed(digits));
    for (const j of joints) {
      matrixToEuler(mats, (t * 24 + j) * 9, order, angles);
      for (let c = 0; c < 3; c++) {
        let deg = angles[c]! * toDeg;
        const prev = previous[j * 3 + c]!;
        if (!Number.isNaN(prev)) deg -= 360 * Math.round((deg - prev) / 360);
        previous[j * 3 + c] = deg;
        row.push(deg.toFixed(digits));
      }
    }
    lines.push(row.join(" "));
  }
  return `${lines.join("\n")}\n`;
}

/** Writes `formatBvh(seq, options)` to `path`. */
export async function writeBvh(path: string, seq: SmplSequence, options: BvhOptions = {}): Promise<void> {
  await writeFile(path, formatBvh(seq, options));
}
