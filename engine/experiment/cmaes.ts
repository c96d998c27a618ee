/**
 * CMA-ES (Hansen 2016, "The CMA Evolution Strategy: A Tutorial", the purecma variant) as ask/tell,
 * minimising. It adapts a full covariance, so it learns which levers move together (a budget split)
 * from a few dozen generations, and needs no gradient: suited to noisy simulations of a few to a few
 * dozen variables. Draws come from one seeded stream and the arithmetic uses engine/core/libm, so a
 * seed gives the same candidates everywhere.
 */
import { exp } from "../core/libm/exp.ts";
import { log } from "../core/libm/log.ts";
import { pow } from "../core/libm/pow.ts";
import { normal } from "../core/rng/samplers.ts";
import { stream } from "../core/rng/stream.ts";

export class Cmaes {
  readonly n: number;
  readonly lambda: number;
  private readonly mu: number;
  private readonly weights: Float64Array;
  private readonly mueff: number;
  private readonly cc: number;
  private readonly cs: number;
  private readonly c1: number;
  private readonly cmu: number;
  private readonly damps: number;
  private readonly chiN: number;
  private readonly draw: (mu?: number, sigma?: number) => number;
  mean: Float64Array;
  sigma: number;
  private pc: Float64Array;
  private ps: Float64Array;
  /** C = B·diag(D²)·Bᵀ; B's columns are eigenvectors (row-major n × n). */
  private C: Float64Array;
  private B: Float64Array;
  private D: Float64Array;
  private evaluations = 0;
  generation = 0;

  constructor(start: Float64Array, sigma: number, key: number, lambda?: number) {
    const n = start.length;
    this.n = n;
    this.lambda = lambda ?? 4 + Math.floor(3 * log(n));
    this.mu = Math.floor(this.lambda / 2);
    const w = Float64Array.from({ length: this.mu }, (_, i) => log((this.lambda + 1) / 2) - log(i + 1));
    const sum = w.reduce((a, b) => a + b, 0);
    this.weights = w.map((x) => x / sum);
    this.mueff = 1 / this.weights.reduce((a, x) => a + x * x, 0);
    this.cc = (4 + this.mueff / n) / (n + 4 + (2 * this.mueff) / n);
    this.cs = (this.mueff + 2) / (n + this.mueff + 5);
    this.c1 = 2 / ((n + 1.3) * (n + 1.3) + this.mueff);
    this.cmu = Math.min(1 - this.c1, (2 * (this.mueff - 2 + 1 / this.mueff)) / ((n + 2) * (n + 2) + this.mueff));
    this.damps = 2 * this.mueff / this.lambda + 0.3 + this.cs;
    this.chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
    this.draw = normal(stream(key));
    this.mean = Float64Array.from(start);
    this.sigma = sigma;
    this.pc = new Float64Array(n);
    this.ps = new Float64Array(n);
    this.C = identity(n);
    this.B = identity(n);
    this.D = new Float64Array(n).fill(1);
  }

  /** λ new candidates: mean + σ·B·D·z, z standard normal. */
  ask(): Float64Array[] {
    const { n, B, D } = this;
    return Array.from({ length: this.lambda }, () => {
      const z = Float64Array.from({ length: n }, () => this.draw());
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let y = 0;
        for (let j = 0; j < n; j++) y += B[i * n + j] * D[j] * z[j];
        x[i] = this.mean[i] + this.sigma * y;
      }
      return x;
    });
  }

  /** The candidates of the last ask() (as evaluated: a repaired copy is fine) and their costs (lower is better). */
  tell(xs: readonly Float64Array[], costs: readonly number[]): void {
    const { n, mu, weights } = this;
    this.evaluations += xs.length;
    this.generation++;
    const order = costs.map((c, i) => i).sort((a, b) => costs[a] - costs[b] || a - b);
    const old = this.mean;
    const mean = new Float64Array(n);
    for (let k = 0; k < mu; k++) for (let i = 0; i < n; i++) mean[i] += weights[k] * xs[order[k]][i];
    this.mean = mean;
    const yw = Float64Array.from(mean, (m, i) => (m - old[i]) / this.sigma);
    // ps ← (1 − cs)·ps + √(cs(2 − cs)μeff)·C^(−1/2)·yw
    const invSqrtYw = this.invSqrtC(yw);
    const a = Math.sqrt(this.cs * (2 - this.cs) * this.mueff);
    for (let i = 0; i < n; i++) this.ps[i] = (1 - this.cs) * this.ps[i] + a * invSqrtYw[i];
    const psNorm = Math.sqrt(this.ps.reduce((s, x) => s + x * x, 0));
    const hsig = psNorm / Math.sqrt(1 - pow(1 - this.cs, (2 * this.evaluations) / this.lambda)) / this.chiN < 1.4 + 2 / (n + 1) ? 1 : 0;
    const b = hsig * Math.sqrt(this.cc * (2 - this.cc) * this.mueff);
    for (let i = 0; i < n; i++) this.pc[i] = (1 - this.cc) * this.pc[i] + b * yw[i];
    // C ← (1 − c1 − cμ)·C + c1·(pc·pcᵀ + (1 − hsig)·cc(2 − cc)·C) + cμ·Σ w_k y_k y_kᵀ
    const ys = Array.from({ length: mu }, (_, k) => Float64Array.from(xs[order[k]], (x, i) => (x - old[i]) / this.sigma));
    const keep = 1 - this.c1 - this.cmu + (1 - hsig) * this.c1 * this.cc * (2 - this.cc);
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        let rank = 0;
        for (let k = 0; k < mu; k++) rank += weights[k] * ys[k][i] * ys[k][j];
        const v = keep * this.C[i * n + j] + this.c1 * this.pc[i] * this.pc[j] + this.cmu * rank;
        this.C[i * n + j] = v;
        this.C[j * n + i] = v;
      }
    this.sigma *= exp((this.cs / this.damps) * (psNorm / this.chiN - 1));
    this.sigma = Math.min(this.sigma, 1e3);
    const { vectors, values } = symmetricEigen(this.C, n);
    this.B = vectors;
    this.D = values.map((v) => Math.sqrt(Math.max(v, 1e-20)));
  }

  private invSqrtC(v: Float64Array): Float64Array {
    const { n, B, D } = this;
    const t = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += B[i * n + j] * v[i];
      t[j] = s / D[j];
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i] += B[i * n + j] * t[j];
    return out;
  }
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

/** Eigen-decomposition of a symmetric n × n matrix by cyclic Jacobi rotations (n is small here). */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = identity(n);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i]), vectors: v };
}
