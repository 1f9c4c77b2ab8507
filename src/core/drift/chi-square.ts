import { chiSquareSf } from "./special.js";

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  dof: number;
}

/**
 * Pearson's chi-square test of homogeneity on the 2 x k table of category counts (baseline row,
 * current row), as SciPy's chi2_contingency(table, correction=False): expected counts from the
 * margins, dof = k - 1. With fewer than two categories there is nothing to compare: statistic 0, p 1.
 */
export function chiSquareCounts(baseline: readonly number[], current: readonly number[]): ChiSquareResult {
  const k = baseline.length;
  const nb = baseline.reduce((s, v) => s + v, 0);
  const nc = current.reduce((s, v) => s + v, 0);
  const total = nb + nc;
  if (k < 2 || nb === 0 || nc === 0) return { statistic: 0, pValue: 1, dof: Math.max(0, k - 1) };
  let stat = 0;
  for (let i = 0; i < k; i++) {
    const col = baseline[i]! + (current[i] ?? 0);
    if (col === 0) continue;
    const eb = (nb * col) / total;
    const ec = (nc * col) / total;
    stat += (baseline[i]! - eb) ** 2 / eb + ((current[i] ?? 0) - ec) ** 2 / ec;
  }
  return { statistic: stat, pValue: chiSquareSf(stat, k - 1), dof: k - 1 };
}
