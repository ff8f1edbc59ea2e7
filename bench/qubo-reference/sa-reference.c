/*
 * The C reference for bench:qubo: the engine's simulated annealing written plainly in C and
 * compiled with gcc -O2, to measure the engine's kernels against native code on the same machine
 * in the same run. Same algorithm, same arithmetic: local fields, in-order Metropolis sweeps on a
 * geometric β schedule, the same acceptance shortcuts, xoshiro128** seeded as prng.ts does,
 * restarts of 256·2^⌊k/2⌋ sweeps (at most 131072) each polished by steepest descent, stopping at
 * the target energy. A seed therefore gives the engine's samples (libm's exp and V8's may differ
 * in a last bit, which can change a rare accept).
 *
 *   sa-reference FILE throughput SWEEPS         one anneal: attempted flips per second
 *   sa-reference FILE target SEED TARGET MS      restarts until energy <= TARGET or MS elapse
 *
 * FILE (written by bench/qubo-reference/reference-file.ts, little-endian): int32 n, int32 nnz,
 * f64 offset, f64 beta_hot, f64 beta_cold, f64 linear[n], int32 rowPtr[n+1], int32 colIdx[nnz],
 * f64 values[nnz]. Prints one JSON line.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int n, nnz;
static double offset, beta_hot, beta_cold;
static double *linear, *values, *field;
static int32_t *row_ptr, *col_idx;
static uint8_t *x;
static uint32_t s[4];

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static uint32_t rotl(uint32_t v, int k) { return (v << k) | (v >> (32 - k)); }

static uint32_t mix32(uint32_t z) {
  z = (z ^ (z >> 16)) * 0x85ebca6bu;
  z = (z ^ (z >> 13)) * 0xc2b2ae35u;
  return z ^ (z >> 16);
}

static uint32_t next_u32(void) {
  uint32_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11);
  return result;
}

/* prng.ts: the Xoshiro128 constructor and deriveSeed(master, index). */
static void seed_restart(uint32_t master, uint32_t index) {
  uint32_t h = mix32(master ^ 0x5bd1e995u);
  h = mix32(h + (index + 1) * 0x9e3779b9u);
  uint32_t z = h;
  for (int k = 0; k < 4; k++) { z += 0x9e3779b9u; s[k] = mix32(z); }
  if ((s[0] | s[1] | s[2] | s[3]) == 0) s[0] = 1;
}

static void flip(int i, double sign) {
  for (int p = row_ptr[i]; p < row_ptr[i + 1]; p++) field[col_idx[p]] += sign * values[p];
}

/* One anneal of `sweeps` sweeps from a random state; returns its energy (stops at target). */
static double anneal(int sweeps, double target, long long *attempted) {
  double energy = offset;
  for (int i = 0; i < n; i++) x[i] = next_u32() & 1;
  for (int i = 0; i < n; i++) {
    double f = linear[i];
    for (int p = row_ptr[i]; p < row_ptr[i + 1]; p++) if (x[col_idx[p]]) f += values[p];
    field[i] = f;
    if (x[i]) energy += (linear[i] + f) / 2;
  }
  double ratio = beta_cold / beta_hot;
  for (int k = 0; k < sweeps; k++) {
    double beta = sweeps == 1 ? beta_cold : beta_hot * pow(ratio, (double)k / (sweeps - 1));
    double skip_above = 40 / beta;
    for (int i = 0; i < n; i++) {
      int up = x[i] == 0;
      double d = up ? field[i] : -field[i];
      if (d > 0) {
        if (d > skip_above) continue;
        double t = beta * d, u = next_u32() * 2.3283064365386963e-10;
        if (u >= 1 - t && (u * (1 + t + 0.5 * t * t) >= 1 || u >= exp(-t))) continue;
      }
      x[i] = up;
      energy += d;
      flip(i, up ? 1 : -1);
    }
    *attempted += n;
    if (energy <= target + 1e-9) break;
  }
  return energy;
}

/* steepest-descent.ts: flip the most improving bit until none improves. */
static double polish(double energy) {
  for (;;) {
    int best = -1;
    double best_delta = -1e-12;
    for (int i = 0; i < n; i++) {
      double d = x[i] ? -field[i] : field[i];
      if (d < best_delta) { best_delta = d; best = i; }
    }
    if (best < 0) return energy;
    int up = x[best] == 0;
    x[best] = up;
    energy += best_delta;
    flip(best, up ? 1 : -1);
  }
}

static void *read_array(FILE *f, size_t size, size_t count) {
  void *a = malloc(size * (count ? count : 1));
  if (fread(a, size, count, f) != count) { fprintf(stderr, "short file\n"); exit(1); }
  return a;
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: sa-reference FILE throughput SWEEPS | FILE target SEED TARGET MS\n"); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 1; }
  int32_t header[2];
  double scalars[3];
  if (fread(header, 4, 2, f) != 2 || fread(scalars, 8, 3, f) != 3) { fprintf(stderr, "short file\n"); return 1; }
  n = header[0]; nnz = header[1]; offset = scalars[0]; beta_hot = scalars[1]; beta_cold = scalars[2];
  linear = read_array(f, 8, n);
  row_ptr = read_array(f, 4, n + 1);
  col_idx = read_array(f, 4, nnz);
  values = read_array(f, 8, nnz);
  fclose(f);
  field = malloc(8 * n);
  x = malloc(n);

  long long attempted = 0;
  if (strcmp(argv[2], "throughput") == 0) {
    int sweeps = atoi(argv[3]);
    seed_restart(1, 0);
    double start = now_ms();
    double energy = anneal(sweeps, -INFINITY, &attempted);
    double ms = now_ms() - start;
    printf("{\"ms\":%.3f,\"flipsAttempted\":%lld,\"flipsPerSecond\":%.0f,\"energy\":%.17g}\n", ms, attempted, attempted / (ms / 1e3), energy);
    return 0;
  }
  uint32_t seed = (uint32_t)strtoul(argv[3], 0, 10);
  double target = strtod(argv[4], 0), limit = strtod(argv[5], 0);
  double start = now_ms(), best = INFINITY, best_at = 0;
  int restarts = 0;
  while (now_ms() - start < limit) {
    int sweeps = 256 << (restarts / 2 < 9 ? restarts / 2 : 9);
    seed_restart(seed, restarts);
    double energy = polish(anneal(sweeps, target, &attempted));
    restarts++;
    if (energy < best - 1e-9) { best = energy; best_at = now_ms() - start; }
    if (energy <= target + 1e-9) break;
  }
  double ms = now_ms() - start;
  printf("{\"reached\":%s,\"bestEnergy\":%.17g,\"timeToBestMs\":%.3f,\"totalMs\":%.3f,\"restarts\":%d,\"flipsAttempted\":%lld,\"flipsPerSecond\":%.0f}\n",
         best <= target + 1e-9 ? "true" : "false", best, best_at, ms, restarts, attempted, attempted / (ms / 1e3));
  return 0;
}
