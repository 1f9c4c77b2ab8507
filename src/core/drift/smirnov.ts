/**
 * Smirnov's one-sided tail P(D+_n >= x) by the exact Birnbaum-Tingey sum
 * x * sum_{j=0}^{floor(n(1-x))} C(n,j) (1 - x - j/n)^(n-j) (x + j/n)^(j-1),
 * every term computed in logarithms (all terms are positive, so the sum is well conditioned).
 */
export function smirnovSf(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const last = Math.min(Math.floor(n * (1 - x)), n);
  let logC = 0;
  let sum = 0;
  let maxLog = -Infinity;
  const logs: number[] = [];
  for (let j = 0; j <= last; j++) {
    if (j > 0) logC += Math.log((n - j + 1) / j);
    const a = 1 - x - j / n;
    if (a <= 0) continue;
    const l = logC + (n - j) * Math.log(a) + (j - 1) * Math.log(x + j / n);
    logs.push(l);
    if (l > maxLog) maxLog = l;
  }
  for (const l of logs) sum += Math.exp(l - maxLog);
  return x * sum * Math.exp(maxLog);
}
