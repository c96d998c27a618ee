/*
 * Reference kernel of the social model's exposures (docs/model.md §3–4), written the way a careful C
 * programmer would: the same agent records (a 32-byte struct), columns and CSR as engine/core/models/social.ts, the same
 * counter-based draws (MurmurHash3 x86-32), the same tables and the same order of floating-point
 * operations, so a run gives the same counts, bit for bit, as the engine's. It covers what the bench's
 * standard campaign uses: posts to followers, reshares, the funnel, conversion, value tiers, fans and
 * their posts (no groups, ads, recruitment or installed base: bench/social-reference.ts checks the plan).
 *
 * Build with -O2 -ffp-contract=off (a fused multiply-add would change the bits of p).
 * Input: the binary written by bench/social-reference.ts. Output: one JSON line per run with the
 * counts, the deliveries (reported impressions) and the time of the tick loop in ms.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ── draws: MurmurHash3_x86_32 of three words under a key (engine/core/rng/hash.ts) ── */
static inline uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }
static inline uint32_t mix(uint32_t h, uint32_t k) {
  k *= 0xcc9e2d51u; k = rotl32(k, 15); k *= 0x1b873593u;
  h ^= k; h = rotl32(h, 13); return h * 5 + 0xe6546b64u;
}
static inline uint32_t fmix(uint32_t h, uint32_t bytes) {
  h ^= bytes; h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16; return h;
}
static inline double uniform(int32_t key, int32_t a, int32_t b, int32_t c) {
  return fmix(mix(mix(mix((uint32_t)key, (uint32_t)a), (uint32_t)b), (uint32_t)c), 12) * (1.0 / 4294967296.0);
}

/* ── ln(1 + x): fdlibm's s_log1p.c as engine/core/libm/log.ts runs it (C's log1p is not bit-specified) ── */
static inline int32_t high_word(double x) { uint64_t u; memcpy(&u, &x, 8); return (int32_t)(u >> 32); }
static inline double with_high_word(double x, int32_t hi) {
  uint64_t u; memcpy(&u, &x, 8); u = (u & 0xffffffffull) | ((uint64_t)(uint32_t)hi << 32); memcpy(&x, &u, 8); return x;
}
static const double LN2_HI = 6.93147180369123816490e-1, LN2_LO = 1.90821492927058770002e-10;
static const double L1 = 6.666666666666735130e-1, L2 = 3.999999999940941908e-1, L3 = 2.857142874366239149e-1,
                    L4 = 2.222219843214978396e-1, L5 = 1.818357216161805012e-1, L6 = 1.531383769920937332e-1,
                    L7 = 1.479819860511658591e-1;
static double log1p_(double x) {
  int32_t hx = high_word(x), ax = hx & 0x7fffffff, k = 1, hu = 0;
  double f = 0, c = 0;
  if (hx < 0x3fda827a) {
    if (ax >= 0x3ff00000) return x == -1 ? -INFINITY : NAN;
    if (ax < 0x3e200000) return ax < 0x3c900000 ? x : x - x * x * 0.5;
    if (hx > 0 || hx <= (int32_t)0xbfd2bec3) { k = 0; f = x; hu = 1; }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k != 0) {
    double u;
    if (hx < 0x43400000) {
      u = 1 + x; hu = high_word(u); k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1);
      c /= u;
    } else { u = x; hu = high_word(u); k = (hu >> 20) - 1023; c = 0; }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) u = with_high_word(u, hu | 0x3ff00000);
    else { k += 1; u = with_high_word(u, hu | 0x3fe00000); hu = (0x00100000 - hu) >> 2; }
    f = u - 1;
  }
  double hfsq = 0.5 * f * f;
  if (hu == 0) {
    if (f == 0) { if (k == 0) return 0; c += k * LN2_LO; return k * LN2_HI + c; }
    double R = hfsq * (1 - 0.66666666666666666 * f);
    return k == 0 ? f - R : k * LN2_HI - ((R - (k * LN2_LO + c)) - f);
  }
  double s = f / (2 + f), z = s * s;
  double R = z * (L1 + z * (L2 + z * (L3 + z * (L4 + z * (L5 + z * (L6 + z * L7))))));
  return k == 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - ((hfsq - (s * (hfsq + R) + (k * LN2_LO + c))) - f);
}
/* Failures before the first success, from one uniform (engine/core/rng/samplers.ts); HUGE_VAL: never. */
static double geometric(double u, double p) {
  if (p >= 1) return 0;
  if (p <= 0) return HUGE_VAL;
  return floor(log1p_(-u) / log1p_(-p));
}

/* ── events by tick, processed in (agent, payload) order without duplicates (engine/core/queue.ts) ── */
typedef struct { uint64_t *keys; int32_t size, cap; } Bucket;
typedef struct { Bucket *b; int32_t horizon; } Queue;
static void push(Queue *q, double t, int32_t agent, int32_t payload) {
  if (t > q->horizon) return;
  Bucket *b = &q->b[(int32_t)t];
  if (b->size == b->cap) { b->cap = b->cap ? 2 * b->cap : 16; b->keys = realloc(b->keys, 8 * (size_t)b->cap); }
  b->keys[b->size++] = ((uint64_t)agent << 16) | (uint32_t)payload;
}
static int by_key(const void *a, const void *b) { uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b; return x < y ? -1 : x > y; }
/* Tick t's events sorted and de-duplicated; the caller owns them (free) and the bucket is emptied. */
static uint64_t *take(Queue *q, int32_t t, int32_t *count) {
  Bucket *b = &q->b[t];
  uint64_t *keys = b->keys;
  int32_t k = 0;
  if (keys) {
    qsort(keys, b->size, 8, by_key);
    for (int32_t i = 0; i < b->size; i++) if (i == 0 || keys[i] != keys[i - 1]) keys[k++] = keys[i];
  }
  b->keys = NULL; b->size = b->cap = 0;
  *count = k;
  return keys;
}

/* ── the world, the plan and the state ── */
enum { UNAWARE, AWARE, INTERESTED, CUSTOMER, FAN };
enum { REACHED = 1, BRAND_AWARE = 2, PENDING = 4, VIA_SHARE = 8 };
enum { EV_CONVERT, EV_FAN, EV_FAN_POST };
enum { K_SEEN, K_PERSUADE, K_BRAND, K_SHARE, K_DELAY, K_CONVERT, K_FAN, K_ADTARGET, K_CRACKDOWN, K_RECRUIT, K_PERK, K_TIER, K_REPURCHASE, K_DEFEND, K_FANPOST, KEYS };
enum { BOUGHT, SHARED };

typedef struct { int32_t t, channel, message, count; double cost, reach; int32_t *accounts; } Post;

static int32_t n, consumers, C, H, M, X, CASES, P, fanPostMessage, defenseMessage, organic, K;
static double lambda_, fanBoost, convertP, shareDelay, fanDefense, fanProbability, fanDelay, fanPostRate, budget;
static double tierShare[3], repurchase[3];
static int32_t key[KEYS];
static int32_t *offsets, *targets; static float *weights;
static float *activity, *trust, *skepticism; static uint16_t *circle; static uint8_t *threshold; /* as read */
static double *phi, *eta, *affinity, *noveltyTable, *fadeTable;
static double *quality, *brandFit, *shareBoost, *fit; static uint8_t *paid, *negative; static int32_t *caseOf, *drawWord;
static int32_t *contentOf, *channelOf; static double *channelBudget;
static Post *posts;

/* One 32-byte record per agent, the engine's layout (engine/core/models/social-state.ts): the fields an
 * exposure touches, the traits copied in. Cases 0–3 count in the record, later ones in columns. */
#define INLINE_CASES 4
typedef struct {
  float activity, trust, skepticism, fatigue;
  int32_t fatigueTick;
  uint16_t circle;
  uint8_t cases[INLINE_CASES], flags, seen, stage, touches, threshold, tier;
} Agent;
_Static_assert(sizeof(Agent) == 32, "an agent record is 32 bytes");
typedef struct { int16_t first, last; } Touch;
static Agent *A; static Touch *touch; static uint8_t **caseSeen;
static Queue shares, funnel;
static double counts_reported, counts_real, counts_reach, counts_aware, counts_engagements, counts_customers, counts_bought,
    counts_earned, counts_byFans, counts_purchases, counts_shares, counts_harmed, counts_spend, counts_skipped;
static double stageCount[5], *channelSpend;
/* What the engine also tallies per channel and per circle (its tables and circle series). */
static double *channelReported, *channelReal, *channelFirst, *channelLast, *channelEarned, *reachByCircle, *customersByCircle;

static void set_stage(int32_t i, int to) { stageCount[A[i].stage]--; stageCount[to]++; A[i].stage = (uint8_t)to; }
static int ready(int32_t i) { return A[i].stage == INTERESTED && (A[i].flags & BRAND_AWARE) && A[i].touches >= A[i].threshold; }

static void schedule_share(int32_t i, int32_t m, int32_t t, int32_t e, int32_t xk) {
  counts_shares++;
  push(&shares, t + (1 + geometric(uniform(key[K_DELAY], t, e, xk), 1 / shareDelay)), i, m);
}

static void persuade(int32_t i, int32_t m, int32_t x, int32_t t, int32_t e, int32_t xk, int via) {
  counts_engagements++;
  if (!(A[i].flags & BRAND_AWARE) && uniform(key[K_BRAND], t, e, xk) < brandFit[x]) { A[i].flags |= BRAND_AWARE; counts_aware++; }
  int st = A[i].stage;
  if (!(A[i].flags & BRAND_AWARE)) { if (st == UNAWARE) set_stage(i, AWARE); return; }
  int tc = A[i].touches = A[i].touches < 255 ? A[i].touches + 1 : 255;
  if (touch[i].first < 0) touch[i].first = (int16_t)m;
  touch[i].last = (int16_t)m;
  A[i].flags = via == SHARED ? A[i].flags | VIA_SHARE : A[i].flags & ~VIA_SHARE;
  int to = st < INTERESTED ? (tc >= (A[i].threshold < 2 ? A[i].threshold : 2) ? INTERESTED : AWARE) : st;
  if (to != st) set_stage(i, to);
  if (st >= CUSTOMER && uniform(key[K_REPURCHASE], t, e, xk) < repurchase[A[i].tier == 1 ? 0 : A[i].tier == 2 ? 1 : 2]) counts_purchases++;
  if (!(A[i].flags & PENDING) && ready(i) && uniform(key[K_CONVERT], t, i, 1) < affinity[A[i].circle]) {
    A[i].flags |= PENDING;
    push(&funnel, t + geometric(uniform(key[K_CONVERT], t, i, 0), convertP), i, EV_CONVERT);
  }
}

static void harm(int32_t i) {
  counts_harmed++;
  A[i].touches = A[i].touches > 0 ? A[i].touches - 1 : 0;
  if (A[i].stage == INTERESTED) set_stage(i, AWARE);
}

/* Steps 2–6 of a delivery of message m to reader i over a tie of weight w, keyed by tie e, that the reader
   saw (docs/model.md §3). */
static inline void expose_seen(int32_t i, double w, int32_t m, int32_t t, int32_t e, int via) {
  int32_t x = contentOf[m], xk = drawWord[x];
  counts_real++;
  channelReal[channelOf[m]]++;
  int c = A[i].circle;
  if (!(A[i].flags & REACHED)) { A[i].flags |= REACHED; counts_reach++; reachByCircle[c]++; }
  A[i].seen = A[i].seen < 255 ? A[i].seen + 1 : 255;
  int32_t cx = caseOf[x];
  uint8_t *cs = cx < INLINE_CASES ? &A[i].cases[cx] : &caseSeen[cx - INLINE_CASES][i];
  double nov = noveltyTable[(c << 8) | *cs];
  *cs = *cs < 255 ? *cs + 1 : 255;
  double f = A[i].fatigue * fadeTable[c * (H + 1) + t - A[i].fatigueTick];
  int fan = A[i].stage == FAN, neg = negative[x];
  double q = quality[x];
  if (neg && fan) {
    if (uniform(key[K_DEFEND], t, e, xk) < fanDefense) schedule_share(i, defenseMessage, t, e, xk);
  } else {
    double p = lambda_ * w * A[i].trust * q * nov * (1 - f) * (paid[x] ? 1 - A[i].skepticism : 1) * fit[x * C + c];
    if (uniform(key[K_PERSUADE], t, e, xk) < p) { if (neg) harm(i); else persuade(i, m, x, t, e, xk, via); }
  }
  f = f + phi[c] < 1 ? f + phi[c] : 1;
  A[i].fatigue = (float)f;
  A[i].fatigueTick = t;
  if (neg && fan) return;
  if (uniform(key[K_SHARE], t, e, xk) < eta[c] * q * nov * (1 - f) * shareBoost[x] * (fan ? fanBoost : 1)) schedule_share(i, m, t, e, xk);
}

/* As the engine delivers (models/social.ts deliverToFollowers): step 1 over a block of followers first, their
   activities gathered in a loop of their own so that the records' misses overlap, and no branch on them;
   then the block's readers who saw the message, in tie order. */
#define SEEN_BLOCK 256
static void to_followers(int32_t j, int32_t m, int32_t t, double reach, int via) {
  int32_t x = contentOf[m], xk = drawWord[x];
  double reported = 0;
  float act[SEEN_BLOCK];
  int32_t seenTies[SEEN_BLOCK];
  for (int32_t from = offsets[j], end = offsets[j + 1]; from < end; from += SEEN_BLOCK) {
    int32_t stop = end - from < SEEN_BLOCK ? end : from + SEEN_BLOCK, seen = 0;
    for (int32_t e = from; e < stop; e++) act[e - from] = A[targets[e]].activity;
    for (int32_t e = from; e < stop; e++) {
      if (reach < 1 && uniform(key[K_CRACKDOWN], t, e, xk) >= reach) continue;
      reported++;
      seenTies[seen] = e;
      seen += uniform(key[K_SEEN], t, e, xk) < act[e - from];
    }
    for (int32_t s = 0; s < seen; s++) expose_seen(targets[seenTies[s]], weights[seenTies[s]], m, t, seenTies[s], via);
  }
  counts_reported += reported;
  channelReported[channelOf[m]] += reported;
}

static void schedule_fan_post(int32_t i, int32_t t) {
  if (fanPostRate > 0) push(&funnel, t + 1 + geometric(uniform(key[K_FANPOST], t, i, 0), fanPostRate), i, EV_FAN_POST);
}

static void convert(int32_t i, int32_t t) {
  A[i].flags &= ~PENDING;
  if (!ready(i)) return;
  set_stage(i, CUSTOMER);
  double u = uniform(key[K_TIER], t, i, 0) * (tierShare[0] + tierShare[1] + tierShare[2]);
  A[i].tier = u < tierShare[0] ? 1 : u < tierShare[0] + tierShare[1] ? 2 : 3;
  counts_customers++; counts_purchases++;
  customersByCircle[A[i].circle]++;
  if (touch[i].first >= 0) channelFirst[channelOf[touch[i].first]]++;
  int32_t m = touch[i].last;
  if (m >= 0) {
    int32_t ch = channelOf[m];
    channelLast[ch]++;
    if (ch == organic) counts_byFans++;
    else if (A[i].flags & VIA_SHARE) { counts_earned++; channelEarned[ch]++; }
    else counts_bought++;
  }
  if (uniform(key[K_FAN], t, i, 0) < fanProbability) push(&funnel, t + 1 + geometric(uniform(key[K_FAN], t, i, 1), 1 / fanDelay), i, EV_FAN);
}

#define ROW_BATCH 16
static volatile int32_t touched; /* what touch_rows read: kept, so that the loads are not dropped */
static void touch_rows(const uint64_t *due, int32_t b, int32_t end) {
  int32_t last = offsets[n] - 1, x = 0;
  if (last < 0) return;
  for (int32_t k = b; k < end; k++) {
    int32_t start = offsets[(int32_t)(due[k] >> 16)], e = start < last ? start : last;
    x ^= targets[e] ^ (int32_t)weights[e];
  }
  touched = x;
}

static void run(void) {
  int32_t p = 0;
  for (int32_t t = 0; t <= H; t++) {
    for (; p < P && posts[p].t == t; p++) {
      Post *q = &posts[p];
      if (counts_spend + q->cost > budget + 1e-9 || channelSpend[q->channel] + q->cost > channelBudget[q->channel] + 1e-9) { counts_skipped++; continue; }
      for (int32_t a = 0; a < q->count; a++) to_followers(q->accounts[a], q->message, t, q->reach, BOUGHT);
      counts_spend += q->cost;
      channelSpend[q->channel] += q->cost;
    }
    int32_t count;
    uint64_t *due = take(&shares, t, &count);
    /* As the engine delivers shares (models/social.ts deliver, touchRows): in batches of ROW_BATCH, each
       sharer's row start and first tie read before any of the batch is delivered, so their misses overlap. */
    for (int32_t b = 0; b < count; b += ROW_BATCH) {
      int32_t end = count - b < ROW_BATCH ? count : b + ROW_BATCH;
      touch_rows(due, b, end);
      for (int32_t k = b; k < end; k++) to_followers((int32_t)(due[k] >> 16), (int32_t)(due[k] & 0xffff), t, 1, SHARED);
    }
    free(due);
    uint64_t *events = take(&funnel, t, &count);
    for (int32_t k = 0; k < count; k++) {
      int32_t i = (int32_t)(events[k] >> 16), ev = (int32_t)(events[k] & 0xffff);
      if (ev == EV_CONVERT) convert(i, t);
      else if (ev == EV_FAN) { if (A[i].stage == CUSTOMER) { set_stage(i, FAN); schedule_fan_post(i, t); } }
      else if (A[i].stage == FAN) { counts_shares++; push(&shares, t + 1, i, fanPostMessage); schedule_fan_post(i, t); }
    }
    free(events);
  }
}

/* ── input ── */
static FILE *in;
static void *readn(size_t bytes) {
  void *p = malloc(bytes ? bytes : 1);
  if (fread(p, 1, bytes, in) != bytes) { fprintf(stderr, "social reference: input too short\n"); exit(2); }
  return p;
}

static double now_ms(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: social input.bin runs\n"); return 2; }
  in = fopen(argv[1], "rb");
  if (!in) { perror(argv[1]); return 2; }
  int32_t *head = readn(4 * 12);
  n = head[0]; consumers = head[1]; C = head[2]; H = head[3]; M = head[4]; X = head[5]; CASES = head[6]; P = head[7];
  fanPostMessage = head[8]; defenseMessage = head[9]; organic = head[10]; K = head[11];
  double *d = readn(8 * 17);
  lambda_ = d[0]; fanBoost = d[1]; convertP = d[2]; shareDelay = d[3]; fanDefense = d[4]; fanProbability = d[5];
  fanDelay = d[6]; fanPostRate = d[7]; budget = d[8];
  memcpy(tierShare, d + 9, 24); memcpy(repurchase, d + 12, 24);
  memcpy(key, readn(4 * KEYS), 4 * KEYS);
  offsets = readn(4 * (size_t)(n + 1));
  int32_t m = offsets[n];
  targets = readn(4 * (size_t)m); weights = readn(4 * (size_t)m);
  activity = readn(4 * (size_t)n); trust = readn(4 * (size_t)n); skepticism = readn(4 * (size_t)n);
  circle = readn(2 * (size_t)n); threshold = readn((size_t)n);
  phi = readn(8 * (size_t)C); eta = readn(8 * (size_t)C); affinity = readn(8 * (size_t)C);
  noveltyTable = readn(8 * (size_t)C * 256); fadeTable = readn(8 * (size_t)C * (H + 1));
  quality = readn(8 * (size_t)X); brandFit = readn(8 * (size_t)X); shareBoost = readn(8 * (size_t)X);
  paid = readn((size_t)X); negative = readn((size_t)X); caseOf = readn(4 * (size_t)X); drawWord = readn(4 * (size_t)X);
  fit = readn(8 * (size_t)X * C);
  contentOf = readn(4 * (size_t)M); channelOf = readn(4 * (size_t)M); channelBudget = readn(8 * (size_t)K);
  posts = calloc(P ? P : 1, sizeof(Post));
  for (int32_t p = 0; p < P; p++) {
    int32_t *h = readn(16);
    double *c = readn(16);
    posts[p] = (Post){ h[0], h[1], h[2], h[3], c[0], c[1], readn(4 * (size_t)h[3]) };
    free(h); free(c);
  }
  fclose(in);

  int runs = atoi(argv[2]);
  int32_t columns = CASES > INLINE_CASES ? CASES - INLINE_CASES : 0;
  A = aligned_alloc(64, sizeof(Agent) * ((size_t)n + 1)); touch = malloc(sizeof(Touch) * (size_t)n);
  caseSeen = malloc(sizeof(uint8_t *) * (columns ? columns : 1));
  for (int32_t k = 0; k < columns; k++) caseSeen[k] = malloc(n);
  channelSpend = malloc(8 * (size_t)K);
  double **tallies[] = { &channelReported, &channelReal, &channelFirst, &channelLast, &channelEarned };
  for (int k = 0; k < 5; k++) *tallies[k] = malloc(8 * (size_t)K);
  reachByCircle = malloc(8 * (size_t)C); customersByCircle = malloc(8 * (size_t)C);
  shares.horizon = funnel.horizon = H;
  shares.b = calloc(H + 1, sizeof(Bucket)); funnel.b = calloc(H + 1, sizeof(Bucket));
  for (int r = 0; r < runs; r++) {
    memset(A, 0, sizeof(Agent) * (size_t)n);
    for (int32_t i = 0; i < n; i++) {
      A[i].activity = activity[i]; A[i].trust = trust[i]; A[i].skepticism = skepticism[i];
      A[i].circle = circle[i]; A[i].threshold = threshold[i];
    }
    memset(touch, 0xff, sizeof(Touch) * (size_t)n);
    for (int32_t k = 0; k < columns; k++) memset(caseSeen[k], 0, n);
    memset(channelSpend, 0, 8 * (size_t)K);
    for (int k = 0; k < 5; k++) memset(*tallies[k], 0, 8 * (size_t)K);
    memset(reachByCircle, 0, 8 * (size_t)C); memset(customersByCircle, 0, 8 * (size_t)C);
    counts_reported = counts_real = counts_reach = counts_aware = counts_engagements = counts_customers = counts_bought = 0;
    counts_earned = counts_byFans = counts_purchases = counts_shares = counts_harmed = counts_spend = counts_skipped = 0;
    memset(stageCount, 0, sizeof stageCount);
    stageCount[UNAWARE] = consumers;
    double t0 = now_ms();
    run();
    double ms = now_ms() - t0;
    for (int32_t t = 0; t <= H; t++) { free(shares.b[t].keys); free(funnel.b[t].keys); shares.b[t] = funnel.b[t] = (Bucket){ 0 }; }
    printf("{\"reportedImpressions\":%.17g,\"realImpressions\":%.17g,\"reach\":%.17g,\"brandAware\":%.17g,\"engagements\":%.17g,"
           "\"interested\":%.17g,\"customers\":%.17g,\"customersBought\":%.17g,\"customersEarned\":%.17g,\"customersFans\":%.17g,"
           "\"purchases\":%.17g,\"fans\":%.17g,\"shares\":%.17g,\"harmed\":%.17g,\"spend\":%.17g,\"skippedForBudget\":%.17g,\"ms\":%.3f}\n",
           counts_reported, counts_real, counts_reach, counts_aware, counts_engagements, stageCount[INTERESTED], counts_customers,
           counts_bought, counts_earned, counts_byFans, counts_purchases, stageCount[FAN], counts_shares, counts_harmed,
           counts_spend, counts_skipped, ms);
    fflush(stdout);
  }
  return 0;
}
