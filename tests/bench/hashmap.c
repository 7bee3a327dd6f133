/* hashmap: hash tables with heavy malloc/free churn.
 * A separately chained string->u32 map (nodes with inline keys, rehashing
 * on growth) under insert/lookup/delete/reinsert, and an open-addressing
 * u64->u64 map with linear probing and backward-shift deletion. */
#include "bench.h"

#ifndef HM_KEYS
#define HM_KEYS 150000u
#endif
#ifndef HM_OPS
#define HM_OPS 3200000u
#endif

/* ---- chained string map ------------------------------------------------ */

typedef struct node {
  struct node* next;
  uint32_t hash, value;
  uint32_t klen;
  char key[]; /* flexible array member */
} node;

typedef struct {
  node** buckets;
  uint32_t nbuckets, count;
} strmap;

static uint32_t hash_str(const char* s, uint32_t n) {
  uint32_t h = 0x811c9dc5u;
  for (uint32_t i = 0; i < n; i++) {
    h ^= (uint8_t)s[i];
    h *= 0x01000193u;
  }
  h ^= h >> 15;
  h *= 0x2c1b3c6du;
  h ^= h >> 12;
  return h;
}

static void sm_init(strmap* m) {
  m->nbuckets = 16;
  m->count = 0;
  m->buckets = calloc(m->nbuckets, sizeof *m->buckets);
}

static void sm_grow(strmap* m) {
  uint32_t nb = m->nbuckets * 2;
  node** b = calloc(nb, sizeof *b);
  if (!b) abort();
  for (uint32_t i = 0; i < m->nbuckets; i++) {
    node* n = m->buckets[i];
    while (n) {
      node* next = n->next;
      uint32_t j = n->hash & (nb - 1);
      n->next = b[j];
      b[j] = n;
      n = next;
    }
  }
  free(m->buckets);
  m->buckets = b;
  m->nbuckets = nb;
}

static node** sm_find(strmap* m, const char* k, uint32_t n, uint32_t h) {
  node** pp = &m->buckets[h & (m->nbuckets - 1)];
  while (*pp) {
    node* x = *pp;
    if (x->hash == h && x->klen == n && memcmp(x->key, k, n) == 0) return pp;
    pp = &x->next;
  }
  return pp;
}

/* Adds delta to the key's value, inserting it with value delta if absent. */
static void sm_add(strmap* m, const char* k, uint32_t n, uint32_t delta) {
  uint32_t h = hash_str(k, n);
  node** pp = sm_find(m, k, n, h);
  if (*pp) {
    (*pp)->value += delta;
    return;
  }
  node* x = malloc(sizeof *x + n + 1);
  if (!x) abort();
  x->next = NULL;
  x->hash = h;
  x->value = delta;
  x->klen = n;
  memcpy(x->key, k, n);
  x->key[n] = 0;
  *pp = x;
  if (++m->count > m->nbuckets) sm_grow(m);
}

static int sm_get(strmap* m, const char* k, uint32_t n, uint32_t* out) {
  node** pp = sm_find(m, k, n, hash_str(k, n));
  if (!*pp) return 0;
  *out = (*pp)->value;
  return 1;
}

static int sm_remove(strmap* m, const char* k, uint32_t n) {
  node** pp = sm_find(m, k, n, hash_str(k, n));
  if (!*pp) return 0;
  node* x = *pp;
  *pp = x->next;
  free(x);
  m->count--;
  return 1;
}

static void sm_free(strmap* m) {
  for (uint32_t i = 0; i < m->nbuckets; i++) {
    node* n = m->buckets[i];
    while (n) {
      node* next = n->next;
      free(n);
      n = next;
    }
  }
  free(m->buckets);
}

/* ---- open addressing u64 map ------------------------------------------ */

typedef struct {
  uint64_t *keys, *vals; /* key 0 marks an empty slot */
  uint32_t cap, count;
} u64map;

static uint32_t hash_u64(uint64_t k) {
  k ^= k >> 33;
  k *= UINT64_C(0xff51afd7ed558ccd);
  k ^= k >> 33;
  return (uint32_t)k;
}

static void um_init(u64map* m, uint32_t cap) {
  m->cap = cap;
  m->count = 0;
  m->keys = calloc(cap, sizeof *m->keys);
  m->vals = calloc(cap, sizeof *m->vals);
  if (!m->keys || !m->vals) abort();
}

static void um_put(u64map* m, uint64_t k, uint64_t v);

static void um_rehash(u64map* m) {
  u64map n;
  um_init(&n, m->cap * 2);
  for (uint32_t i = 0; i < m->cap; i++)
    if (m->keys[i]) um_put(&n, m->keys[i], m->vals[i]);
  free(m->keys);
  free(m->vals);
  *m = n;
}

static void um_put(u64map* m, uint64_t k, uint64_t v) {
  if ((m->count + 1) * 4 > m->cap * 3) um_rehash(m);
  uint32_t mask = m->cap - 1, i = hash_u64(k) & mask;
  while (m->keys[i] && m->keys[i] != k) i = (i + 1) & mask;
  if (!m->keys[i]) {
    m->keys[i] = k;
    m->count++;
  }
  m->vals[i] = v;
}

static uint64_t* um_get(u64map* m, uint64_t k) {
  uint32_t mask = m->cap - 1, i = hash_u64(k) & mask;
  while (m->keys[i]) {
    if (m->keys[i] == k) return &m->vals[i];
    i = (i + 1) & mask;
  }
  return NULL;
}

static int um_del(u64map* m, uint64_t k) {
  uint32_t mask = m->cap - 1, i = hash_u64(k) & mask;
  while (m->keys[i] && m->keys[i] != k) i = (i + 1) & mask;
  if (!m->keys[i]) return 0;
  /* backward-shift deletion keeps probe sequences intact */
  uint32_t j = i;
  for (;;) {
    j = (j + 1) & mask;
    if (!m->keys[j]) break;
    uint32_t home = hash_u64(m->keys[j]) & mask;
    /* move keys[j] into the hole at i unless its home lies in (i, j] */
    int in_range = i <= j ? (home > i && home <= j) : (home > i || home <= j);
    if (!in_range) {
      m->keys[i] = m->keys[j];
      m->vals[i] = m->vals[j];
      i = j;
    }
  }
  m->keys[i] = 0;
  m->vals[i] = 0;
  m->count--;
  return 1;
}

static uint32_t make_key(char* buf, uint32_t id) {
  /* "user:<base-26 id>/<id mod 97>" without printf */
  uint32_t n = 0;
  memcpy(buf, "user:", 5);
  n = 5;
  char tmp[16];
  uint32_t t = 0, x = id;
  do {
    tmp[t++] = (char)('a' + x % 26);
    x /= 26;
  } while (x);
  while (t) buf[n++] = tmp[--t];
  buf[n++] = '/';
  uint32_t r = id % 97;
  buf[n++] = (char)('0' + r / 10);
  buf[n++] = (char)('0' + r % 10);
  buf[n] = 0;
  return n;
}

int main(void) {
  bench_rng rng = bench_rng_seed(8086);
  char key[64];

  strmap sm;
  sm_init(&sm);
  uint32_t hits = 0, misses = 0, removed = 0, vsum = 0;
  for (uint32_t op = 0; op < HM_OPS; op++) {
    uint32_t r = bench_rng_u32(&rng);
    uint32_t id = bench_rng_below(&rng, HM_KEYS);
    uint32_t n = make_key(key, id);
    switch (r & 7) {
      case 0:
      case 1:
      case 2: sm_add(&sm, key, n, r >> 24); break;
      case 3:
      case 4:
      case 5: {
        uint32_t v;
        if (sm_get(&sm, key, n, &v)) {
          hits++;
          vsum += v;
        } else {
          misses++;
        }
        break;
      }
      default: removed += (uint32_t)sm_remove(&sm, key, n); break;
    }
  }
  uint32_t total = 0;
  for (uint32_t i = 0; i < sm.nbuckets; i++)
    for (node* x = sm.buckets[i]; x; x = x->next) total += x->value * (x->klen + 1);
  bench_printf(
      "strmap: count %u buckets %u hits %u misses %u removed %u "
      "vsum %u total %u\n",
      (unsigned)sm.count, (unsigned)sm.nbuckets, (unsigned)hits, (unsigned)misses, (unsigned)removed,
      (unsigned)vsum, (unsigned)total);
  sm_free(&sm);

  u64map um;
  um_init(&um, 16);
  uint64_t acc = 0;
  uint32_t found = 0, deleted = 0;
  for (uint32_t op = 0; op < HM_OPS; op++) {
    uint64_t k = (bench_rng_next(&rng) % (HM_KEYS * 2)) * UINT64_C(0x10001) + 1;
    uint32_t r = bench_rng_u32(&rng) & 3;
    if (r < 2) {
      uint64_t* v = um_get(&um, k);
      um_put(&um, k, (v ? *v : 0) + op);
    } else if (r == 2) {
      uint64_t* v = um_get(&um, k);
      if (v) {
        found++;
        acc += *v ^ k;
      }
    } else {
      deleted += (uint32_t)um_del(&um, k);
    }
  }
  uint64_t vtotal = 0;
  for (uint32_t i = 0; i < um.cap; i++)
    if (um.keys[i]) vtotal += um.vals[i] * (um.keys[i] | 1);
  bench_printf("u64map: count %u cap %u found %u deleted %u acc %" PRIu64 " total %" PRIu64 "\n",
               (unsigned)um.count, (unsigned)um.cap, (unsigned)found, (unsigned)deleted, acc, vtotal);
  free(um.keys);
  free(um.vals);
  return 0;
}
