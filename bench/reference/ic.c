/*
 * Reference kernel for the peers benchmark: Independent Cascade on a CSR graph, written the way a
 * careful C programmer would (int32 CSR, byte flags, frontier arrays, splitmix64 + xoshiro256**).
 * Used only by the bench, and only where gcc exists. Input: the binary written by bench/peers/c.ts.
 * Output: one JSON line per cascade {"spread":…,"attempts":…,"ms":…}.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t s[4];
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t next(void) {
  uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
  return r;
}
static void seed(uint64_t x) {
  for (int i = 0; i < 4; i++) { x += 0x9e3779b97f4a7c15ULL; uint64_t z = x; z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL; z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL; s[i] = z ^ (z >> 31); }
}
static double now_ms(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: ic graph.bin\n"); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 2; }
  int32_t n, m, reps, nseeds; double p;
  if (fread(&n, 4, 1, f) != 1 || fread(&m, 4, 1, f) != 1 || fread(&p, 8, 1, f) != 1 || fread(&reps, 4, 1, f) != 1 || fread(&nseeds, 4, 1, f) != 1) return 2;
  int32_t *seeds = malloc(4 * (size_t)nseeds), *off = malloc(4 * (size_t)(n + 1)), *tgt = malloc(4 * (size_t)m);
  if (fread(seeds, 4, nseeds, f) != (size_t)nseeds || fread(off, 4, n + 1, f) != (size_t)(n + 1) || fread(tgt, 4, m, f) != (size_t)m) return 2;
  fclose(f);
  uint8_t *active = malloc(n);
  int32_t *frontier = malloc(4 * (size_t)n), *nextf = malloc(4 * (size_t)n);
  const uint64_t threshold = (uint64_t)(p * 18446744073709551616.0);
  for (int r = 0; r < reps; r++) {
    seed(4000 + r);
    memset(active, 0, n);
    double t0 = now_ms();
    int32_t fn = 0, spread = 0; int64_t attempts = 0;
    for (int k = 0; k < nseeds; k++) if (!active[seeds[k]]) { active[seeds[k]] = 1; frontier[fn++] = seeds[k]; spread++; }
    while (fn) {
      int32_t nn = 0;
      for (int k = 0; k < fn; k++) {
        int32_t j = frontier[k];
        for (int32_t e = off[j]; e < off[j + 1]; e++) {
          attempts++;
          int32_t i = tgt[e];
          if (!active[i] && next() < threshold) { active[i] = 1; nextf[nn++] = i; spread++; }
        }
      }
      int32_t *tmp = frontier; frontier = nextf; nextf = tmp; fn = nn;
    }
    printf("{\"spread\":%d,\"attempts\":%lld,\"ms\":%.4f}\n", spread, (long long)attempts, now_ms() - t0);
  }
  return 0;
}
