/* nbody: f64 gravitational simulation.
 * A softened all-pairs N-body system integrated with velocity Verlet
 * (kick-drift-kick); prints energy and momentum checksums. Exercises f64
 * arithmetic, sqrt, division and struct-of-arrays loads/stores. */
#include <math.h>
#include "bench.h"

#ifndef NB_BODIES
#define NB_BODIES 96
#endif
#ifndef NB_STEPS
#define NB_STEPS 8000
#endif

#define NB NB_BODIES
static double px[NB], py[NB], pz[NB], vx[NB], vy[NB], vz[NB];
static double ax[NB], ay[NB], az[NB], mass[NB];
static const double G = 1.0, EPS2 = 1e-3, DT = 1e-3;

static void accelerations(void) {
  for (int i = 0; i < NB; i++) ax[i] = ay[i] = az[i] = 0.0;
  for (int i = 0; i < NB; i++) {
    for (int j = i + 1; j < NB; j++) {
      double dx = px[j] - px[i], dy = py[j] - py[i], dz = pz[j] - pz[i];
      double r2 = dx * dx + dy * dy + dz * dz + EPS2;
      double r = sqrt(r2);
      double inv3 = G / (r2 * r);
      ax[i] += dx * inv3 * mass[j];
      ay[i] += dy * inv3 * mass[j];
      az[i] += dz * inv3 * mass[j];
      ax[j] -= dx * inv3 * mass[i];
      ay[j] -= dy * inv3 * mass[i];
      az[j] -= dz * inv3 * mass[i];
    }
  }
}

static double energy(void) {
  double e = 0.0;
  for (int i = 0; i < NB; i++) {
    e += 0.5 * mass[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
    for (int j = i + 1; j < NB; j++) {
      double dx = px[j] - px[i], dy = py[j] - py[i], dz = pz[j] - pz[i];
      e -= G * mass[i] * mass[j] / sqrt(dx * dx + dy * dy + dz * dz + EPS2);
    }
  }
  return e;
}

int main(void) {
  bench_rng rng = bench_rng_seed(2024);
  double mx = 0, my = 0, mz = 0, mt = 0;
  for (int i = 0; i < NB; i++) {
    px[i] = bench_rng_unit(&rng) * 2.0 - 1.0;
    py[i] = bench_rng_unit(&rng) * 2.0 - 1.0;
    pz[i] = (bench_rng_unit(&rng) * 2.0 - 1.0) * 0.2;
    /* rotating disc-ish initial velocities */
    vx[i] = -py[i] * 0.5 + (bench_rng_unit(&rng) - 0.5) * 0.05;
    vy[i] = px[i] * 0.5 + (bench_rng_unit(&rng) - 0.5) * 0.05;
    vz[i] = (bench_rng_unit(&rng) - 0.5) * 0.01;
    mass[i] = 0.5 / NB + bench_rng_unit(&rng) * (1.0 / NB);
    mx += mass[i] * vx[i];
    my += mass[i] * vy[i];
    mz += mass[i] * vz[i];
    mt += mass[i];
  }
  for (int i = 0; i < NB; i++) { /* zero total momentum */
    vx[i] -= mx / mt;
    vy[i] -= my / mt;
    vz[i] -= mz / mt;
  }
  double e0 = energy();
  accelerations();
  for (int s = 0; s < NB_STEPS; s++) {
    for (int i = 0; i < NB; i++) {
      vx[i] += 0.5 * DT * ax[i];
      vy[i] += 0.5 * DT * ay[i];
      vz[i] += 0.5 * DT * az[i];
      px[i] += DT * vx[i];
      py[i] += DT * vy[i];
      pz[i] += DT * vz[i];
    }
    accelerations();
    for (int i = 0; i < NB; i++) {
      vx[i] += 0.5 * DT * ax[i];
      vy[i] += 0.5 * DT * ay[i];
      vz[i] += 0.5 * DT * az[i];
    }
  }
  double e1 = energy();
  double cx = 0, cy = 0, cz = 0;
  for (int i = 0; i < NB; i++) {
    cx += mass[i] * px[i];
    cy += mass[i] * py[i];
    cz += mass[i] * pz[i];
  }
  bench_printf("energy: %" PRId64 " -> %" PRId64 "\n", bench_fixed(e0, 1e9), bench_fixed(e1, 1e9));
  bench_printf("centre of mass: %" PRId64 " %" PRId64 " %" PRId64 "\n", bench_fixed(cx, 1e9),
               bench_fixed(cy, 1e9), bench_fixed(cz, 1e9));
  bench_printf("body0: %" PRId64 " %" PRId64 "\n", bench_fixed(px[0], 1e9), bench_fixed(vy[0], 1e9));
  return 0;
}
