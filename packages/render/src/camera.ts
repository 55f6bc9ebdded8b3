/**
 * The preview camera: a pinhole looking at a target from a distance, azimuth and elevation, in choreo's world
 * frame (metres, y up; SMPL's rest pose faces +z, so azimuth 0 looks at the dancer's front and their left is on
 * the image's right). An orbit turns the azimuth at a constant rate. `fitCamera` frames a whole sequence once
 * (a fixed camera, not one that follows the dancer). No lens distortion; points behind the camera are clipped.
 */

/** What places the camera. */
export interface CameraOptions {
  readonly width: number;
  readonly height: number;
  /** The point looked at (metres). */
  readonly targetM: readonly [number, number, number];
  readonly distanceM: number;
  /** Degrees around the vertical axis; 0 is on the +z side looking toward −z. */
  readonly azimuthDeg?: number;
  /** Degrees above the target's horizontal plane. */
  readonly elevationDeg?: number;
  /** Vertical field of view in degrees (default 40). */
  readonly fovDeg?: number;
  /** Orbit speed in degrees per second (0: fixed). */
  readonly orbitDegPerSec?: number;
}

/** The camera at one instant: projects world points to pixels. */
export interface CameraView {
  /** Writes [x px, y px, depth m] of world point (x, y, z) to `out`; depth ≤ 0 means behind the camera. */
  project(x: number, y: number, z: number, out: Float64Array): void;
}

/** A camera over time. */
export interface Camera {
  readonly options: CameraOptions;
  at(timeSec: number): CameraView;
}

/** A camera from its options. */
export function createCamera(options: CameraOptions): Camera {
  const focalPx = options.height / 2 / Math.tan(((options.fovDeg ?? 40) * Math.PI) / 360);
  const cx = options.width / 2;
  const cy = options.height / 2;
  const [tx, ty, tz] = options.targetM;
  const el = ((options.elevationDeg ?? 10) * Math.PI) / 180;
  return {
    options,
    at(timeSec) {
      const az = (((options.azimuthDeg ?? 0) + (options.orbitDegPerSec ?? 0) * timeSec) * Math.PI) / 180;
      const ex = tx + options.distanceM * Math.sin(az) * Math.cos(el);
      const ey = ty + options.distanceM * Math.sin(el);
      const ez = tz + options.distanceM * Math.cos(az) * Math.cos(el);
      // forward f = −(sin az cos el, sin el, cos az cos el); right = f × y; up = right × f
      const fx = -Math.sin(az) * Math.cos(el);
      const fy = -Math.sin(el);
      const fz = -Math.cos(az) * Math.cos(el);
      const rx = Math.cos(az);
      const rz = -Math.sin(az);
      const ux = -rz * fy;
      const uy = rz * fx - rx * fz;
      const uz = rx * fy;
      return {
        project(x, y, z, out) {
          const vx = x - ex;
          const vy = y - ey;
          const vz = z - ez;
          const depth = vx * fx + vy * fy + vz * fz;
          out[0] = cx + (focalPx * (vx * rx + vz * rz)) / depth;
          out[1] = cy - (focalPx * (vx * ux + vy * uy + vz * uz)) / depth;
          out[2] = depth;
        },
      };
    },
  };
}

/** Bounds of T×J×3 positions (NaNs skipped): [minX, minY, minZ, maxX, maxY, maxZ]. */
export function boundsOf(positions: ArrayLike<number>): [number, number, number, number, number, number] {
  const b: [number, number, number, number, number, number] = [
    Infinity,
    Infinity,
    Infinity,
    -Infinity,
    -Infinity,
    -Infinity,
  ];
  for (let i = 0; i + 2 < positions.length; i += 3) {
    for (let c = 0; c < 3; c++) {
      const v = positions[i + c]!;
      if (Number.isNaN(v)) continue;
      if (v < b[c]!) b[c] = v;
      if (v > b[c + 3]!) b[c + 3] = v;
    }
  }
  return b;
}

/** Options of `fitCamera`: the frame size and anything of `CameraOptions` to keep as given. */
export type FitCameraOptions = Pick<CameraOptions, "width" | "height"> &
  Partial<Omit<CameraOptions, "width" | "height">>;

/** A fixed camera that keeps every position of a sequence (T×J×3, metres) in view, with a margin. */
export function fitCamera(positions: ArrayLike<number>, options: FitCameraOptions): Camera {
  const [x0, y0, z0, x1, y1, z1] = boundsOf(positions);
  const finite = Number.isFinite(x0);
  const target: [number, number, number] = finite ? [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2] : [0, 1, 0];
  const radius = finite ? Math.max(0.5, Math.hypot(x1 - x0, y1 - y0, z1 - z0) / 2) : 1;
  const halfFov = ((options.fovDeg ?? 40) * Math.PI) / 360;
  const aspect = Math.min(1, options.width / options.height);
  const distanceM = (1.1 * radius) / Math.sin(Math.atan(Math.tan(halfFov) * aspect));
  return createCamera({
    ...stripUndefined(options),
    targetM: options.targetM ?? target,
    distanceM: options.distanceM ?? distanceM,
  });
}

function stripUndefined(options: FitCameraOptions): CameraOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) if (v !== undefined) out[k] = v;
  return out as unknown as CameraOptions;
}
