const PI2 = Math.PI ** 2;
const PI4 = PI2 * PI2;
const PI6 = PI4 * PI2;
const SQRT2PI = Math.sqrt(2 * Math.PI);

/**
 * P(D_n > x) by Pelz and Good's (1976) asymptotic series: Li-Chien/Korolyuk's expansion
 * K0 + K1/sqrt(n) + K2/n + K3/n^1.5 in z = x sqrt(n), with each K_i rewritten through Jacobi
 * theta functions so that it converges quickly for small z. Accurate to about 1e-9 for n > 140.
 */
export function pelzGoodSf(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 1;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z4 * z4;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  // Horner scheme over odd m = 2k - 1 of c_m q^(m^2)
  for (let k = maxk; k >= 1; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = Math.pow(q, 8 * k);
    const c = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i]! * qp + c[i]!;
  }
  const div = [z, 6 * z4, 72 * z4 * z3, 6480 * z4 * z6];
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT2PI) / div[i]!;
  // the terms over all integers k
  q = Math.exp(-PI2 / 2 / z2);
  const s3z = Math.sqrt(3) * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k >= 1; k--) {
    const k2 = k * k;
    const qp = Math.pow(q, k2);
    const kpi = Math.PI * k;
    k2extra += k2 * qp;
    k3extra += (s3z + kpi) * (s3z - kpi) * k2 * qp;
  }
  K[2] = K[2]! + (k2extra * PI2 * SQRT2PI) / (-36 * z3);
  K[3] = K[3]! + (k3extra * PI2 * SQRT2PI) / (216 * z6);
  let sf = 1;
  for (let i = 0; i < 4; i++) sf -= K[i]! / Math.pow(n, i / 2);
  return sf;
}
