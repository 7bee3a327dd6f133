/* lzpack: an application-sized workload, a small compression toolkit.
 *
 * Three codecs are run over five generated corpora (prose, server logs,
 * binary records, noisy data with long-range repeats, and runs), each
 * through a framed container with a CRC-32, and every round trip is
 * verified byte for byte:
 *
 *   lz   LZ77 with hash chains and lazy matching, followed by dynamic
 *        canonical Huffman coding of literals/lengths and distances with
 *        run-length-coded code-length headers (a deflate-like format), plus
 *        stored blocks for incompressible data;
 *   bwt  Burrows-Wheeler transform (rotation sort by prefix doubling with
 *        counting sorts), move-to-front, bijective zero-run coding and a
 *        Huffman stage;
 *   cm   an order-1 context model driving an adaptive binary range coder.
 *
 * It exercises a mix of everything: bit I/O, table lookups, byte copies,
 * counting sorts over large arrays, qsort with a comparator, malloc/realloc
 * and a lot of small functions. */
#include "bench.h"

#ifndef LZ_CORPUS_KB
#define LZ_CORPUS_KB 128
#endif
#ifndef LZ_ROUNDS
#define LZ_ROUNDS 1
#endif

/* ===================================================================== */
/* Utilities                                                              */
/* ===================================================================== */

static void fatal(const char* msg) {
  bench_printf("fatal: %s\n", msg);
  abort();
}

static void* xmalloc(size_t n) {
  void* p = malloc(n ? n : 1);
  if (!p) fatal("out of memory");
  return p;
}

typedef struct {
  uint8_t* data;
  size_t len, cap;
} bytebuf;

static void bb_init(bytebuf* b, size_t cap) {
  b->data = xmalloc(cap ? cap : 16);
  b->len = 0;
  b->cap = cap ? cap : 16;
}

static void bb_reserve(bytebuf* b, size_t extra) {
  if (b->len + extra <= b->cap) return;
  size_t cap = b->cap;
  while (cap < b->len + extra) cap = cap * 2;
  uint8_t* p = realloc(b->data, cap);
  if (!p) fatal("out of memory");
  b->data = p;
  b->cap = cap;
}

static inline void bb_push(bytebuf* b, uint8_t v) {
  if (b->len == b->cap) bb_reserve(b, 1);
  b->data[b->len++] = v;
}

static void bb_append(bytebuf* b, const void* src, size_t n) {
  bb_reserve(b, n);
  memcpy(b->data + b->len, src, n);
  b->len += n;
}

static void bb_put_u32(bytebuf* b, uint32_t v) {
  uint8_t t[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  bb_append(b, t, 4);
}

static uint32_t get_u32(const uint8_t* p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void bb_free(bytebuf* b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

/* ===================================================================== */
/* Checksums                                                              */
/* ===================================================================== */

static uint32_t crc_table[256];

static void crc32_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? UINT32_C(0xEDB88320) ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}

static uint32_t crc32_update(uint32_t crc, const uint8_t* p, size_t n) {
  crc = ~crc;
  for (size_t i = 0; i < n; i++) crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static uint32_t adler32(const uint8_t* p, size_t n) {
  uint32_t a = 1, b = 0;
  while (n > 0) {
    size_t chunk = n < 5552 ? n : 5552; /* keeps b below 2^32 */
    for (size_t i = 0; i < chunk; i++) {
      a += p[i];
      b += a;
    }
    a %= 65521u;
    b %= 65521u;
    p += chunk;
    n -= chunk;
  }
  return (b << 16) | a;
}

/* ===================================================================== */
/* Bit I/O (LSB-first)                                                    */
/* ===================================================================== */

typedef struct {
  bytebuf* out; /* NULL: only count bits */
  uint64_t acc;
  uint32_t nbits;
  uint64_t total_bits;
} bitwriter;

static void bw_init(bitwriter* w, bytebuf* out) {
  w->out = out;
  w->acc = 0;
  w->nbits = 0;
  w->total_bits = 0;
}

/* Appends the low n bits of v (n <= 32). */
static inline void bw_put(bitwriter* w, uint32_t v, uint32_t n) {
  w->total_bits += n;
  if (!w->out) return;
  uint64_t mask = n == 32 ? UINT64_C(0xffffffff) : ((UINT64_C(1) << n) - 1);
  w->acc |= ((uint64_t)v & mask) << w->nbits;
  w->nbits += n;
  while (w->nbits >= 8) {
    bb_push(w->out, (uint8_t)w->acc);
    w->acc >>= 8;
    w->nbits -= 8;
  }
}

static void bw_align(bitwriter* w) {
  uint32_t pad = (uint32_t)((8 - (w->total_bits & 7)) & 7);
  if (pad) bw_put(w, 0, pad);
}

static void bw_flush(bitwriter* w) { bw_align(w); }

typedef struct {
  const uint8_t* p;
  size_t len, pos;
  uint64_t acc;
  uint32_t nbits;
  uint32_t overrun; /* zero bytes supplied past the end */
} bitreader;

static void br_init(bitreader* r, const uint8_t* p, size_t len) {
  r->p = p;
  r->len = len;
  r->pos = 0;
  r->acc = 0;
  r->nbits = 0;
  r->overrun = 0;
}

static inline void br_refill(bitreader* r) {
  while (r->nbits <= 56) {
    uint64_t b = 0;
    if (r->pos < r->len)
      b = r->p[r->pos];
    else
      r->overrun++;
    r->pos++;
    r->acc |= b << r->nbits;
    r->nbits += 8;
  }
}

static inline uint32_t br_peek(bitreader* r, uint32_t n) {
  if (r->nbits < n) br_refill(r);
  return (uint32_t)(r->acc & ((UINT64_C(1) << n) - 1));
}

static inline void br_skip(bitreader* r, uint32_t n) {
  r->acc >>= n;
  r->nbits -= n;
}

static inline uint32_t br_get(bitreader* r, uint32_t n) {
  if (n == 0) return 0;
  uint32_t v = br_peek(r, n);
  br_skip(r, n);
  return v;
}

static void br_align(bitreader* r) {
  /* bits consumed so far = pos*8 - nbits */
  uint32_t drop = r->nbits & 7;
  br_skip(r, drop);
}

static int br_ok(const bitreader* r) {
  /* Read-ahead may pull up to 8 padding bytes; real overreads go beyond
   * what is still buffered. */
  return r->overrun * 8 <= r->nbits;
}

/* ===================================================================== */
/* Canonical Huffman coding                                               */
/* ===================================================================== */

#define HUFF_MAXBITS 15
#define HUFF_MAXSYM 320
#define HUFF_TABLE_BITS 10

typedef struct {
  uint32_t f;
  uint16_t sym;
} huff_leaf;

static int cmp_leaf(const void* a, const void* b) {
  const huff_leaf *x = a, *y = b;
  if (x->f != y->f) return x->f < y->f ? -1 : 1;
  return (int)x->sym - (int)y->sym;
}

/* Code lengths of a Huffman code for freq[0..n), limited to `limit` bits
 * by repeatedly flattening the frequencies. Unused symbols get length 0. */
static void huff_build_lengths(const uint32_t* freq_in, int n, int limit, uint8_t* len) {
  uint32_t freq[HUFF_MAXSYM];
  huff_leaf leaves[HUFF_MAXSYM];
  uint32_t weight[2 * HUFF_MAXSYM];
  int parent[2 * HUFF_MAXSYM], depth[2 * HUFF_MAXSYM];
  memcpy(freq, freq_in, (size_t)n * sizeof *freq);
  for (;;) {
    int m = 0;
    for (int s = 0; s < n; s++) {
      len[s] = 0;
      if (freq[s]) {
        leaves[m].f = freq[s];
        leaves[m].sym = (uint16_t)s;
        m++;
      }
    }
    if (m == 0) return;
    if (m == 1) {
      len[leaves[0].sym] = 1;
      return;
    }
    qsort(leaves, (size_t)m, sizeof *leaves, cmp_leaf);
    for (int i = 0; i < m; i++) weight[i] = leaves[i].f;
    /* two-queue construction: leaves in order, internal nodes in order */
    int li = 0, ni = m;
    for (int k = m; k < 2 * m - 1; k++) {
      int pick[2];
      for (int t = 0; t < 2; t++) {
        if (li < m && (ni >= k || weight[li] <= weight[ni]))
          pick[t] = li++;
        else
          pick[t] = ni++;
      }
      weight[k] = weight[pick[0]] + weight[pick[1]];
      parent[pick[0]] = parent[pick[1]] = k;
    }
    depth[2 * m - 2] = 0;
    for (int k = 2 * m - 3; k >= 0; k--) depth[k] = depth[parent[k]] + 1;
    int maxd = 0;
    for (int i = 0; i < m; i++)
      if (depth[i] > maxd) maxd = depth[i];
    if (maxd <= limit) {
      for (int i = 0; i < m; i++) len[leaves[i].sym] = (uint8_t)depth[i];
      return;
    }
    for (int s = 0; s < n; s++)
      if (freq[s]) freq[s] = (freq[s] + 1) >> 1;
  }
}

static uint32_t reverse_bits(uint32_t v, int n) {
  uint32_t r = 0;
  for (int i = 0; i < n; i++) {
    r = (r << 1) | (v & 1);
    v >>= 1;
  }
  return r;
}

/* Canonical codes, bit-reversed for the LSB-first writer. */
static void huff_make_codes(const uint8_t* len, int n, uint16_t* code) {
  uint32_t bl_count[HUFF_MAXBITS + 1] = {0}, next[HUFF_MAXBITS + 2];
  for (int s = 0; s < n; s++) bl_count[len[s]]++;
  bl_count[0] = 0;
  uint32_t c = 0;
  for (int b = 1; b <= HUFF_MAXBITS; b++) {
    c = (c + bl_count[b - 1]) << 1;
    next[b] = c;
  }
  for (int s = 0; s < n; s++) code[s] = len[s] ? (uint16_t)reverse_bits(next[len[s]]++, len[s]) : 0;
}

typedef struct {
  uint16_t table[1 << HUFF_TABLE_BITS]; /* sym << 4 | len; 0: slow path */
  uint16_t count[HUFF_MAXBITS + 1];
  uint16_t symbols[HUFF_MAXSYM];
} huff_dec;

static int huff_dec_init(huff_dec* d, const uint8_t* len, int n) {
  uint16_t offs[HUFF_MAXBITS + 2];
  memset(d->count, 0, sizeof d->count);
  for (int s = 0; s < n; s++) {
    if (len[s] > HUFF_MAXBITS) return -1;
    d->count[len[s]]++;
  }
  d->count[0] = 0;
  int left = 1;
  for (int b = 1; b <= HUFF_MAXBITS; b++) {
    left <<= 1;
    left -= d->count[b];
    if (left < 0) return -1; /* over-subscribed */
  }
  offs[1] = 0;
  for (int b = 1; b < HUFF_MAXBITS; b++) offs[b + 1] = (uint16_t)(offs[b] + d->count[b]);
  for (int s = 0; s < n; s++)
    if (len[s]) d->symbols[offs[len[s]]++] = (uint16_t)s;

  uint16_t code[HUFF_MAXSYM];
  huff_make_codes(len, n, code);
  memset(d->table, 0, sizeof d->table);
  for (int s = 0; s < n; s++) {
    int l = len[s];
    if (l == 0 || l > HUFF_TABLE_BITS) continue;
    for (uint32_t k = code[s]; k < (1u << HUFF_TABLE_BITS); k += 1u << l)
      d->table[k] = (uint16_t)(s << 4 | l);
  }
  return 0;
}

static int huff_decode(const huff_dec* d, bitreader* r) {
  uint16_t e = d->table[br_peek(r, HUFF_TABLE_BITS)];
  if (e & 15) {
    br_skip(r, e & 15);
    return e >> 4;
  }
  /* canonical decode one bit at a time */
  int code = 0, first = 0, index = 0;
  for (int l = 1; l <= HUFF_MAXBITS; l++) {
    code |= (int)br_get(r, 1);
    int count = d->count[l];
    if (code - first < count) return d->symbols[index + code - first];
    index += count;
    first += count;
    first <<= 1;
    code <<= 1;
  }
  return -1;
}

/* ---- code-length headers: RLE symbols 0-15 plus 16/17/18 -------------- */

static const uint8_t cl_order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

static int rle_lengths(const uint8_t* len, int n, uint8_t* sym, uint8_t* extra) {
  int k = 0, i = 0;
  while (i < n) {
    uint8_t l = len[i];
    int run = 1;
    while (i + run < n && len[i + run] == l) run++;
    int r = run;
    if (l == 0) {
      while (r >= 11) {
        int t = r > 138 ? 138 : r;
        sym[k] = 18;
        extra[k++] = (uint8_t)(t - 11);
        r -= t;
      }
      if (r >= 3) {
        sym[k] = 17;
        extra[k++] = (uint8_t)(r - 3);
        r = 0;
      }
      while (r-- > 0) {
        sym[k] = 0;
        extra[k++] = 0;
      }
    } else {
      sym[k] = l;
      extra[k++] = 0;
      r--;
      while (r >= 3) {
        int t = r > 6 ? 6 : r;
        sym[k] = 16;
        extra[k++] = (uint8_t)(t - 3);
        r -= t;
      }
      while (r-- > 0) {
        sym[k] = l;
        extra[k++] = 0;
      }
    }
    i += run;
  }
  return k;
}

static void write_lengths(bitwriter* w, const uint8_t* len, int n) {
  uint8_t sym[2 * HUFF_MAXSYM], extra[2 * HUFF_MAXSYM];
  int k = rle_lengths(len, n, sym, extra);
  uint32_t freq[19] = {0};
  for (int i = 0; i < k; i++) freq[sym[i]]++;
  uint8_t cl_len[19];
  uint16_t cl_code[19];
  huff_build_lengths(freq, 19, 7, cl_len);
  huff_make_codes(cl_len, 19, cl_code);
  int hclen = 19;
  while (hclen > 4 && cl_len[cl_order[hclen - 1]] == 0) hclen--;
  bw_put(w, (uint32_t)(hclen - 4), 4);
  for (int i = 0; i < hclen; i++) bw_put(w, cl_len[cl_order[i]], 3);
  for (int i = 0; i < k; i++) {
    bw_put(w, cl_code[sym[i]], cl_len[sym[i]]);
    if (sym[i] == 16)
      bw_put(w, extra[i], 2);
    else if (sym[i] == 17)
      bw_put(w, extra[i], 3);
    else if (sym[i] == 18)
      bw_put(w, extra[i], 7);
  }
}

static int read_lengths(bitreader* r, uint8_t* len, int n) {
  uint8_t cl_len[19] = {0};
  int hclen = (int)br_get(r, 4) + 4;
  for (int i = 0; i < hclen; i++) cl_len[cl_order[i]] = (uint8_t)br_get(r, 3);
  static huff_dec cl_dec;
  if (huff_dec_init(&cl_dec, cl_len, 19) != 0) return -1;
  int i = 0;
  while (i < n) {
    int s = huff_decode(&cl_dec, r);
    if (s < 0) return -1;
    if (s < 16) {
      len[i++] = (uint8_t)s;
      continue;
    }
    int rep;
    uint8_t v = 0;
    if (s == 16) {
      if (i == 0) return -1;
      v = len[i - 1];
      rep = 3 + (int)br_get(r, 2);
    } else if (s == 17) {
      rep = 3 + (int)br_get(r, 3);
    } else {
      rep = 11 + (int)br_get(r, 7);
    }
    if (i + rep > n) return -1;
    while (rep--) len[i++] = v;
  }
  return br_ok(r) ? 0 : -1;
}

/* ===================================================================== */
/* Codec 1: LZ77 + Huffman                                                */
/* ===================================================================== */

#define LZ_WINDOW 32768
#define LZ_HASH_BITS 15
#define LZ_MIN_MATCH 3
#define LZ_MAX_MATCH 258
#define LZ_MAX_CHAIN 48
#define LZ_NICE 96
#define LZ_LAZY_MAX 32
#define LZ_BLOCK_TOKENS 16384
#define LZ_NLIT 286
#define LZ_NDIST 30

static const uint16_t len_base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1,    2,    3,    4,    5,    7,    9,    13,    17,    25,
                                       33,   49,   65,   97,   129,  193,  257,  385,   513,   769,
                                       1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static uint8_t len_code_of[LZ_MAX_MATCH + 1];
static uint8_t dist_code_small[257];
static uint8_t dist_code_large[256];

static void lz_tables_init(void) {
  for (int c = 0; c < 29; c++) {
    int span = 1 << len_extra[c];
    for (int k = 0; k < span; k++) {
      int l = len_base[c] + k;
      if (l <= LZ_MAX_MATCH) len_code_of[l] = (uint8_t)c;
    }
  }
  len_code_of[258] = 28;
  for (int c = 0; c < 30; c++) {
    int span = 1 << dist_extra[c];
    for (int k = 0; k < span; k++) {
      int d = dist_base[c] + k;
      if (d <= 256)
        dist_code_small[d] = (uint8_t)c;
      else
        dist_code_large[(d - 1) >> 7] = (uint8_t)c;
    }
  }
}

static inline int dist_code_of(int d) {
  return d <= 256 ? dist_code_small[d] : dist_code_large[(d - 1) >> 7];
}

typedef struct {
  uint16_t litlen; /* literal byte, or match length */
  uint16_t dist;   /* 0 for a literal */
} lz_token;

typedef struct {
  int32_t head[1 << LZ_HASH_BITS];
  int32_t prev[LZ_WINDOW];
} lz_matcher;

static inline uint32_t lz_hash3(const uint8_t* p) {
  uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
  return (v * UINT32_C(2654435761)) >> (32 - LZ_HASH_BITS);
}

static inline void lz_insert(lz_matcher* m, const uint8_t* buf, size_t n, size_t pos) {
  if (pos + 2 >= n) return;
  uint32_t h = lz_hash3(buf + pos);
  m->prev[pos & (LZ_WINDOW - 1)] = m->head[h];
  m->head[h] = (int32_t)pos;
}

/* Longest match for buf[pos..] among earlier positions in the window;
 * must be called before pos itself is inserted. */
static int lz_longest(const lz_matcher* m, const uint8_t* buf, size_t n, size_t pos, int* dist_out) {
  if (pos + LZ_MIN_MATCH > n) return 0;
  int maxlen = n - pos < LZ_MAX_MATCH ? (int)(n - pos) : LZ_MAX_MATCH;
  int best = LZ_MIN_MATCH - 1;
  int32_t lowest = (int32_t)pos - LZ_WINDOW;
  int32_t cand = m->head[lz_hash3(buf + pos)];
  int chain = LZ_MAX_CHAIN;
  const uint8_t* b = buf + pos;
  while (cand >= 0 && cand >= lowest && chain-- > 0) {
    const uint8_t* a = buf + cand;
    if (a[best] == b[best] && a[0] == b[0] && a[1] == b[1]) {
      int l = 2;
      while (l < maxlen && a[l] == b[l]) l++;
      if (l > best) {
        best = l;
        *dist_out = (int)(pos - (size_t)cand);
        if (l >= LZ_NICE || l == maxlen) break;
      }
    }
    int32_t nx = m->prev[cand & (LZ_WINDOW - 1)];
    if (nx >= cand) break;
    cand = nx;
  }
  return best >= LZ_MIN_MATCH ? best : 0;
}

static void lz_write_block(bitwriter* w, const lz_token* tok, size_t ntok, const uint8_t* raw, size_t rawlen,
                           int final) {
  uint32_t lfreq[LZ_NLIT] = {0}, dfreq[LZ_NDIST] = {0};
  for (size_t i = 0; i < ntok; i++) {
    if (tok[i].dist == 0) {
      lfreq[tok[i].litlen]++;
    } else {
      lfreq[257 + len_code_of[tok[i].litlen]]++;
      dfreq[dist_code_of(tok[i].dist)]++;
    }
  }
  lfreq[256] = 1;
  uint8_t lens[LZ_NLIT + LZ_NDIST]; /* the header's combined sequence */
  uint8_t llen[LZ_NLIT], dlen_buf[LZ_NDIST];
  huff_build_lengths(lfreq, LZ_NLIT, HUFF_MAXBITS, llen);
  huff_build_lengths(dfreq, LZ_NDIST, HUFF_MAXBITS, dlen_buf);
  int hlit = LZ_NLIT, hdist = LZ_NDIST;
  while (hlit > 257 && llen[hlit - 1] == 0) hlit--;
  while (hdist > 1 && dlen_buf[hdist - 1] == 0) hdist--;
  memcpy(lens, llen, (size_t)hlit);
  memcpy(lens + hlit, dlen_buf, (size_t)hdist);

  /* cost of the dynamic block, measured with a counting writer */
  bitwriter cw;
  bw_init(&cw, NULL);
  bw_put(&cw, 0, 3 + 5 + 5);
  write_lengths(&cw, lens, hlit + hdist);
  uint64_t bits = cw.total_bits;
  for (int s = 0; s < LZ_NLIT; s++) bits += (uint64_t)lfreq[s] * llen[s];
  for (int c = 0; c < 29; c++) bits += (uint64_t)lfreq[257 + c] * len_extra[c];
  for (int c = 0; c < LZ_NDIST; c++) bits += (uint64_t)dfreq[c] * (dlen_buf[c] + dist_extra[c]);
  uint64_t stored_bits = 3 + 7 + 32 + (uint64_t)rawlen * 8;

  if (stored_bits < bits) {
    bw_put(w, (uint32_t) final, 1);
    bw_put(w, 0, 2);
    bw_align(w);
    bw_put(w, (uint32_t)rawlen, 32);
    for (size_t i = 0; i < rawlen; i++) bw_put(w, raw[i], 8);
    return;
  }

  uint16_t lcode[LZ_NLIT], dcode[LZ_NDIST];
  huff_make_codes(llen, LZ_NLIT, lcode);
  huff_make_codes(dlen_buf, LZ_NDIST, dcode);
  bw_put(w, (uint32_t) final, 1);
  bw_put(w, 2, 2);
  bw_put(w, (uint32_t)(hlit - 257), 5);
  bw_put(w, (uint32_t)(hdist - 1), 5);
  write_lengths(w, lens, hlit + hdist);
  for (size_t i = 0; i < ntok; i++) {
    if (tok[i].dist == 0) {
      bw_put(w, lcode[tok[i].litlen], llen[tok[i].litlen]);
    } else {
      int l = tok[i].litlen, d = tok[i].dist;
      int lc = len_code_of[l], dc = dist_code_of(d);
      bw_put(w, lcode[257 + lc], llen[257 + lc]);
      bw_put(w, (uint32_t)(l - len_base[lc]), len_extra[lc]);
      bw_put(w, dcode[dc], dlen_buf[dc]);
      bw_put(w, (uint32_t)(d - dist_base[dc]), dist_extra[dc]);
    }
  }
  bw_put(w, lcode[256], llen[256]);
}

/* Greedy parse with one-step lazy evaluation. Returns the malloc'd token
 * list (at most n tokens) and its length in *ntok. */
static lz_token* lz_parse(const uint8_t* buf, size_t n, size_t* ntok_out) {
  lz_matcher* m = xmalloc(sizeof *m);
  for (size_t i = 0; i < (1u << LZ_HASH_BITS); i++) m->head[i] = -1;
  for (size_t i = 0; i < LZ_WINDOW; i++) m->prev[i] = -1;
  lz_token* tok = xmalloc((n ? n : 1) * sizeof *tok);
  size_t ntok = 0, pos = 0;
  int cur_dist = 0, cur_len = lz_longest(m, buf, n, 0, &cur_dist);
  while (pos < n) {
    if (cur_len == 0) {
      tok[ntok].litlen = buf[pos];
      tok[ntok++].dist = 0;
      lz_insert(m, buf, n, pos);
      pos++;
      cur_len = pos < n ? lz_longest(m, buf, n, pos, &cur_dist) : 0;
      continue;
    }
    lz_insert(m, buf, n, pos);
    int next_len = 0, next_dist = 0;
    if (cur_len < LZ_LAZY_MAX && pos + 1 < n) next_len = lz_longest(m, buf, n, pos + 1, &next_dist);
    if (next_len > cur_len) {
      /* a better match starts one byte later: emit a literal */
      tok[ntok].litlen = buf[pos];
      tok[ntok++].dist = 0;
      pos++;
      cur_len = next_len;
      cur_dist = next_dist;
      continue;
    }
    tok[ntok].litlen = (uint16_t)cur_len;
    tok[ntok++].dist = (uint16_t)cur_dist;
    for (int i = 1; i < cur_len; i++) lz_insert(m, buf, n, pos + (size_t)i);
    pos += (size_t)cur_len;
    cur_len = pos < n ? lz_longest(m, buf, n, pos, &cur_dist) : 0;
  }
  free(m);
  *ntok_out = ntok;
  return tok;
}

static void lz_compress(const uint8_t* buf, size_t n, bytebuf* out) {
  size_t ntok;
  lz_token* tok = lz_parse(buf, n, &ntok);
  bitwriter w;
  bw_init(&w, out);
  size_t t = 0, pos = 0;
  do {
    size_t count = ntok - t < LZ_BLOCK_TOKENS ? ntok - t : LZ_BLOCK_TOKENS;
    size_t raw = 0;
    for (size_t i = t; i < t + count; i++) raw += tok[i].dist ? tok[i].litlen : 1;
    lz_write_block(&w, tok + t, count, buf + pos, raw, t + count == ntok);
    t += count;
    pos += raw;
  } while (t < ntok);
  bw_flush(&w);
  free(tok);
}

static int lz_decompress(const uint8_t* in, size_t inlen, uint8_t* out, size_t outlen) {
  static huff_dec ldec, ddec;
  bitreader r;
  br_init(&r, in, inlen);
  size_t o = 0;
  for (;;) {
    uint32_t final = br_get(&r, 1), type = br_get(&r, 2);
    if (type == 0) {
      br_align(&r);
      uint32_t len = br_get(&r, 32);
      if (len > outlen - o) return -1;
      for (uint32_t i = 0; i < len; i++) out[o++] = (uint8_t)br_get(&r, 8);
    } else if (type == 2) {
      int hlit = (int)br_get(&r, 5) + 257, hdist = (int)br_get(&r, 5) + 1;
      uint8_t lens[LZ_NLIT + LZ_NDIST];
      if (hlit > LZ_NLIT || hdist > LZ_NDIST) return -1;
      if (read_lengths(&r, lens, hlit + hdist) != 0) return -1;
      if (huff_dec_init(&ldec, lens, hlit) != 0 || huff_dec_init(&ddec, lens + hlit, hdist) != 0) return -1;
      for (;;) {
        int s = huff_decode(&ldec, &r);
        if (s < 0) return -1;
        if (s < 256) {
          if (o >= outlen) return -1;
          out[o++] = (uint8_t)s;
          continue;
        }
        if (s == 256) break;
        s -= 257;
        if (s >= 29) return -1;
        size_t len = len_base[s] + br_get(&r, len_extra[s]);
        int dc = huff_decode(&ddec, &r);
        if (dc < 0 || dc >= LZ_NDIST) return -1;
        size_t dist = dist_base[dc] + br_get(&r, dist_extra[dc]);
        if (dist > o || len > outlen - o) return -1;
        const uint8_t* src = out + o - dist;
        uint8_t* dst = out + o;
        for (size_t i = 0; i < len; i++) /* may overlap: byte by byte */
          dst[i] = src[i];
        o += len;
      }
    } else {
      return -1;
    }
    if (!br_ok(&r)) return -1;
    if (final) break;
  }
  return o == outlen ? 0 : -1;
}

/* ===================================================================== */
/* Codec 2: BWT + MTF + zero-run coding + Huffman                         */
/* ===================================================================== */

#define BWT_BLOCK (1u << 16)
#define BWT_NSYM 258 /* RUNA, RUNB, mtf values 1..255 as 2..256, EOB */
#define BWT_RUNA 0
#define BWT_RUNB 1
#define BWT_EOB 257

typedef struct {
  int32_t *sa, *rank, *tmp, *cnt;
} bwt_work;

/* Sorts the cyclic rotations of s[0..n) into sa by prefix doubling. */
static void bwt_sort_rotations(const uint8_t* s, int32_t n, bwt_work* wk) {
  int32_t *sa = wk->sa, *rank = wk->rank, *tmp = wk->tmp, *cnt = wk->cnt;
  memset(cnt, 0, 256 * sizeof *cnt);
  for (int32_t i = 0; i < n; i++) cnt[s[i]]++;
  for (int32_t c = 1; c < 256; c++) cnt[c] += cnt[c - 1];
  for (int32_t i = n - 1; i >= 0; i--) sa[--cnt[s[i]]] = i;
  int32_t classes = 1;
  rank[sa[0]] = 0;
  for (int32_t i = 1; i < n; i++) {
    if (s[sa[i]] != s[sa[i - 1]]) classes++;
    rank[sa[i]] = classes - 1;
  }
  for (int32_t k = 1; classes < n && k < n; k *= 2) {
    /* order by second key: position i+k in sa order */
    for (int32_t j = 0; j < n; j++) {
      int32_t p = sa[j] - k;
      tmp[j] = p < 0 ? p + n : p;
    }
    /* stable counting sort by first key */
    memset(cnt, 0, (size_t)classes * sizeof *cnt);
    for (int32_t j = 0; j < n; j++) cnt[rank[tmp[j]]]++;
    for (int32_t c = 1; c < classes; c++) cnt[c] += cnt[c - 1];
    for (int32_t j = n - 1; j >= 0; j--) sa[--cnt[rank[tmp[j]]]] = tmp[j];
    /* new classes */
    tmp[sa[0]] = 0;
    classes = 1;
    for (int32_t j = 1; j < n; j++) {
      int32_t cur = sa[j], prv = sa[j - 1];
      int32_t c2 = cur + k >= n ? cur + k - n : cur + k;
      int32_t p2 = prv + k >= n ? prv + k - n : prv + k;
      if (rank[cur] != rank[prv] || rank[c2] != rank[p2]) classes++;
      tmp[cur] = classes - 1;
    }
    memcpy(rank, tmp, (size_t)n * sizeof *rank);
  }
}

static void bwt_encode_block(const uint8_t* s, int32_t n, bwt_work* wk, bitwriter* w, int final) {
  bwt_sort_rotations(s, n, wk);
  uint8_t* last = xmalloc((size_t)n);
  int32_t primary = 0;
  for (int32_t i = 0; i < n; i++) {
    int32_t p = wk->sa[i];
    if (p == 0) primary = i;
    last[i] = s[p == 0 ? n - 1 : p - 1];
  }
  /* move-to-front + zero runs */
  uint8_t order[256];
  for (int i = 0; i < 256; i++) order[i] = (uint8_t)i;
  uint16_t* syms = xmalloc(((size_t)n * 2 + 2) * sizeof *syms);
  size_t ns = 0;
  uint32_t run = 0;
  for (int32_t i = 0; i < n; i++) {
    uint8_t c = last[i];
    int j = 0;
    while (order[j] != c) j++;
    memmove(order + 1, order, (size_t)j);
    order[0] = c;
    if (j == 0) {
      run++;
      continue;
    }
    while (run > 0) {
      if (run & 1) {
        syms[ns++] = BWT_RUNA;
        run = (run - 1) >> 1;
      } else {
        syms[ns++] = BWT_RUNB;
        run = (run - 2) >> 1;
      }
    }
    syms[ns++] = (uint16_t)(j + 1);
  }
  while (run > 0) {
    if (run & 1) {
      syms[ns++] = BWT_RUNA;
      run = (run - 1) >> 1;
    } else {
      syms[ns++] = BWT_RUNB;
      run = (run - 2) >> 1;
    }
  }
  syms[ns++] = BWT_EOB;

  uint32_t freq[BWT_NSYM] = {0};
  for (size_t i = 0; i < ns; i++) freq[syms[i]]++;
  uint8_t len[BWT_NSYM];
  uint16_t code[BWT_NSYM];
  huff_build_lengths(freq, BWT_NSYM, HUFF_MAXBITS, len);
  huff_make_codes(len, BWT_NSYM, code);
  bw_put(w, (uint32_t) final, 1);
  bw_put(w, (uint32_t)n, 32);
  bw_put(w, (uint32_t)primary, 32);
  write_lengths(w, len, BWT_NSYM);
  for (size_t i = 0; i < ns; i++) bw_put(w, code[syms[i]], len[syms[i]]);
  free(syms);
  free(last);
}

static void bwt_compress(const uint8_t* buf, size_t n, bytebuf* out) {
  bwt_work wk;
  wk.sa = xmalloc(BWT_BLOCK * sizeof(int32_t));
  wk.rank = xmalloc(BWT_BLOCK * sizeof(int32_t));
  wk.tmp = xmalloc(BWT_BLOCK * sizeof(int32_t));
  wk.cnt = xmalloc((BWT_BLOCK + 256) * sizeof(int32_t));
  bitwriter w;
  bw_init(&w, out);
  size_t off = 0;
  do {
    size_t m = n - off < BWT_BLOCK ? n - off : BWT_BLOCK;
    int final = off + m >= n;
    if (m == 0) {
      bw_put(&w, 1, 1);
      bw_put(&w, 0, 32);
      break;
    }
    bwt_encode_block(buf + off, (int32_t)m, &wk, &w, final);
    off += m;
  } while (off < n);
  bw_flush(&w);
  free(wk.sa);
  free(wk.rank);
  free(wk.tmp);
  free(wk.cnt);
}

static int bwt_decompress(const uint8_t* in, size_t inlen, uint8_t* out, size_t outlen) {
  static huff_dec dec;
  bitreader r;
  br_init(&r, in, inlen);
  uint8_t* last = xmalloc(BWT_BLOCK);
  int32_t* lf = xmalloc(BWT_BLOCK * sizeof *lf);
  size_t o = 0;
  int status = -1;
  for (;;) {
    uint32_t final = br_get(&r, 1);
    uint32_t n = br_get(&r, 32);
    if (n == 0 && final) {
      status = o == outlen ? 0 : -1;
      break;
    }
    if (n > BWT_BLOCK || n > outlen - o) goto done;
    uint32_t primary = br_get(&r, 32);
    if (primary >= n) goto done;
    uint8_t len[BWT_NSYM];
    if (read_lengths(&r, len, BWT_NSYM) != 0 || huff_dec_init(&dec, len, BWT_NSYM) != 0) goto done;
    uint8_t order[256];
    for (int i = 0; i < 256; i++) order[i] = (uint8_t)i;
    uint32_t k = 0, run = 0, weight = 1;
    for (;;) {
      int s = huff_decode(&dec, &r);
      if (s < 0) goto done;
      if (s == BWT_RUNA || s == BWT_RUNB) {
        if (weight > n) goto done;
        run += (s == BWT_RUNA ? 1u : 2u) * weight;
        weight <<= 1;
        continue;
      }
      if (run) {
        if (run > n - k) goto done;
        memset(last + k, order[0], run);
        k += run;
        run = 0;
      }
      weight = 1;
      if (s == BWT_EOB) break;
      int j = s - 1;
      uint8_t c = order[j];
      memmove(order + 1, order, (size_t)j);
      order[0] = c;
      if (k >= n) goto done;
      last[k++] = c;
    }
    if (k != n || !br_ok(&r)) goto done;
    /* inverse BWT via the LF mapping */
    uint32_t base[256] = {0};
    for (uint32_t i = 0; i < n; i++) base[last[i]]++;
    uint32_t sum = 0;
    for (int c = 0; c < 256; c++) {
      uint32_t t = base[c];
      base[c] = sum;
      sum += t;
    }
    for (uint32_t i = 0; i < n; i++) lf[i] = (int32_t)base[last[i]]++;
    uint32_t row = primary;
    for (uint32_t i = n; i-- > 0;) {
      out[o + i] = last[row];
      row = (uint32_t)lf[row];
    }
    o += n;
    if (final) {
      status = o == outlen ? 0 : -1;
      break;
    }
  }
done:
  free(last);
  free(lf);
  return status;
}

/* ===================================================================== */
/* Codec 3: order-1 context model + binary range coder                    */
/* ===================================================================== */

#define RC_PROB_BITS 11
#define RC_PROB_ONE (1u << RC_PROB_BITS)
#define RC_ADAPT 4
#define RC_TOP (1u << 24)

typedef struct {
  uint64_t low;
  uint32_t range;
  uint8_t cache;
  uint64_t cache_size;
  bytebuf* out;
} rc_encoder;

static void rc_enc_init(rc_encoder* e, bytebuf* out) {
  e->low = 0;
  e->range = 0xFFFFFFFFu;
  e->cache = 0;
  e->cache_size = 1;
  e->out = out;
}

static void rc_shift_low(rc_encoder* e) {
  if ((uint32_t)e->low < 0xFF000000u || (e->low >> 32) != 0) {
    uint8_t carry = (uint8_t)(e->low >> 32);
    uint8_t temp = e->cache;
    do {
      bb_push(e->out, (uint8_t)(temp + carry));
      temp = 0xFF;
    } while (--e->cache_size != 0);
    e->cache = (uint8_t)(e->low >> 24);
  }
  e->cache_size++;
  e->low = (e->low & 0x00FFFFFFu) << 8;
}

static inline void rc_encode_bit(rc_encoder* e, uint16_t* prob, int bit) {
  uint32_t bound = (e->range >> RC_PROB_BITS) * *prob;
  if (!bit) {
    e->range = bound;
    *prob = (uint16_t)(*prob + ((RC_PROB_ONE - *prob) >> RC_ADAPT));
  } else {
    e->low += bound;
    e->range -= bound;
    *prob = (uint16_t)(*prob - (*prob >> RC_ADAPT));
  }
  while (e->range < RC_TOP) {
    e->range <<= 8;
    rc_shift_low(e);
  }
}

static void rc_enc_flush(rc_encoder* e) {
  for (int i = 0; i < 5; i++) rc_shift_low(e);
}

typedef struct {
  const uint8_t* p;
  size_t len, pos;
  uint32_t range, code;
} rc_decoder;

static inline uint8_t rc_next_byte(rc_decoder* d) { return d->pos < d->len ? d->p[d->pos++] : (d->pos++, 0); }

static void rc_dec_init(rc_decoder* d, const uint8_t* p, size_t len) {
  d->p = p;
  d->len = len;
  d->pos = 0;
  d->range = 0xFFFFFFFFu;
  d->code = 0;
  for (int i = 0; i < 5; i++) d->code = (d->code << 8) | rc_next_byte(d);
}

static inline int rc_decode_bit(rc_decoder* d, uint16_t* prob) {
  uint32_t bound = (d->range >> RC_PROB_BITS) * *prob;
  int bit;
  if (d->code < bound) {
    d->range = bound;
    *prob = (uint16_t)(*prob + ((RC_PROB_ONE - *prob) >> RC_ADAPT));
    bit = 0;
  } else {
    d->code -= bound;
    d->range -= bound;
    *prob = (uint16_t)(*prob - (*prob >> RC_ADAPT));
    bit = 1;
  }
  while (d->range < RC_TOP) {
    d->range <<= 8;
    d->code = (d->code << 8) | rc_next_byte(d);
  }
  return bit;
}

typedef struct {
  uint16_t p[256][256]; /* [previous byte][bit-tree node] */
} cm_model;

static void cm_model_init(cm_model* m) {
  for (int c = 0; c < 256; c++)
    for (int k = 0; k < 256; k++) m->p[c][k] = RC_PROB_ONE / 2;
}

static void cm_compress(const uint8_t* buf, size_t n, bytebuf* out) {
  cm_model* m = xmalloc(sizeof *m);
  cm_model_init(m);
  rc_encoder e;
  rc_enc_init(&e, out);
  uint8_t prev = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t c = buf[i], node = 1;
    uint16_t* p = m->p[prev];
    for (int b = 7; b >= 0; b--) {
      int bit = (int)((c >> b) & 1);
      rc_encode_bit(&e, &p[node], bit);
      node = (node << 1) | (uint32_t)bit;
    }
    prev = (uint8_t)c;
  }
  rc_enc_flush(&e);
  free(m);
}

static int cm_decompress(const uint8_t* in, size_t inlen, uint8_t* out, size_t outlen) {
  cm_model* m = xmalloc(sizeof *m);
  cm_model_init(m);
  rc_decoder d;
  rc_dec_init(&d, in, inlen);
  uint8_t prev = 0;
  for (size_t i = 0; i < outlen; i++) {
    uint16_t* p = m->p[prev];
    uint32_t node = 1;
    while (node < 256) node = (node << 1) | (uint32_t)rc_decode_bit(&d, &p[node]);
    out[i] = (uint8_t)node;
    prev = (uint8_t)node;
  }
  free(m);
  return d.pos <= inlen + 4 ? 0 : -1;
}

/* ===================================================================== */
/* Codec 4: LZ77 + adaptive binary range coding (LZMA-like)               */
/* ===================================================================== */

/* The same parse as codec 1, but every decision is coded with adaptive
 * binary probabilities instead of Huffman codes: a match flag and a
 * repeat-distance flag per state (the kinds of the last two tokens),
 * literals in a bit tree selected by the top bits of the previous byte,
 * lengths through a low/mid/high length coder, and distances as a 5-bit
 * slot (by length context) plus reverse-tree, direct and aligned bits. */

#define LR_STATES 4
#define LR_LIT_CTX_SHIFT 5 /* 8 literal contexts: previous byte >> 5 */
#define LR_LEN_CTX 4
#define LR_SLOT_BITS 5
#define LR_DIRECT_SLOT 14 /* slots from here on use direct + align bits */
#define LR_ALIGN_BITS 4

typedef struct {
  uint16_t is_match[LR_STATES];
  uint16_t is_rep[LR_STATES];
  uint16_t lit[256 >> LR_LIT_CTX_SHIFT][256];
  uint16_t len_choice, len_choice2;
  uint16_t len_low[8], len_mid[8], len_high[256];
  uint16_t slot[LR_LEN_CTX][1 << LR_SLOT_BITS];
  uint16_t footer[LR_DIRECT_SLOT][64];
  uint16_t align[1 << LR_ALIGN_BITS];
} lr_model;

static void lr_model_init(lr_model* m) {
  uint16_t* p = (uint16_t*)m;
  for (size_t i = 0; i < sizeof *m / sizeof(uint16_t); i++) p[i] = RC_PROB_ONE / 2;
}

static void rc_tree_enc(rc_encoder* e, uint16_t* probs, int nbits, uint32_t v) {
  uint32_t m = 1;
  for (int i = nbits - 1; i >= 0; i--) {
    int b = (int)((v >> i) & 1);
    rc_encode_bit(e, &probs[m], b);
    m = (m << 1) | (uint32_t)b;
  }
}

static uint32_t rc_tree_dec(rc_decoder* d, uint16_t* probs, int nbits) {
  uint32_t m = 1;
  for (int i = 0; i < nbits; i++) m = (m << 1) | (uint32_t)rc_decode_bit(d, &probs[m]);
  return m - (1u << nbits);
}

static void rc_rtree_enc(rc_encoder* e, uint16_t* probs, int nbits, uint32_t v) {
  uint32_t m = 1;
  for (int i = 0; i < nbits; i++) {
    int b = (int)(v & 1);
    v >>= 1;
    rc_encode_bit(e, &probs[m], b);
    m = (m << 1) | (uint32_t)b;
  }
}

static uint32_t rc_rtree_dec(rc_decoder* d, uint16_t* probs, int nbits) {
  uint32_t m = 1, v = 0;
  for (int i = 0; i < nbits; i++) {
    uint32_t b = (uint32_t)rc_decode_bit(d, &probs[m]);
    m = (m << 1) | b;
    v |= b << i;
  }
  return v;
}

/* Bits with a fixed probability of one half. */
static void rc_direct_enc(rc_encoder* e, uint32_t v, int nbits) {
  for (int i = nbits - 1; i >= 0; i--) {
    e->range >>= 1;
    if ((v >> i) & 1) e->low += e->range;
    while (e->range < RC_TOP) {
      e->range <<= 8;
      rc_shift_low(e);
    }
  }
}

static uint32_t rc_direct_dec(rc_decoder* d, int nbits) {
  uint32_t v = 0;
  for (int i = 0; i < nbits; i++) {
    d->range >>= 1;
    uint32_t b = d->code >= d->range;
    if (b) d->code -= d->range;
    v = (v << 1) | b;
    while (d->range < RC_TOP) {
      d->range <<= 8;
      d->code = (d->code << 8) | rc_next_byte(d);
    }
  }
  return v;
}

static void lr_len_enc(rc_encoder* e, lr_model* m, uint32_t l) {
  if (l < 8) {
    rc_encode_bit(e, &m->len_choice, 0);
    rc_tree_enc(e, m->len_low, 3, l);
  } else if (l < 16) {
    rc_encode_bit(e, &m->len_choice, 1);
    rc_encode_bit(e, &m->len_choice2, 0);
    rc_tree_enc(e, m->len_mid, 3, l - 8);
  } else {
    rc_encode_bit(e, &m->len_choice, 1);
    rc_encode_bit(e, &m->len_choice2, 1);
    rc_tree_enc(e, m->len_high, 8, l - 16);
  }
}

static uint32_t lr_len_dec(rc_decoder* d, lr_model* m) {
  if (!rc_decode_bit(d, &m->len_choice)) return rc_tree_dec(d, m->len_low, 3);
  if (!rc_decode_bit(d, &m->len_choice2)) return 8 + rc_tree_dec(d, m->len_mid, 3);
  return 16 + rc_tree_dec(d, m->len_high, 8);
}

static int bit_length(uint32_t v) {
  int n = 0;
  while (v) {
    n++;
    v >>= 1;
  }
  return n;
}

/* v = distance - 1, below 2^15 */
static void lr_dist_enc(rc_encoder* e, lr_model* m, uint32_t v, int len_ctx) {
  uint32_t slot;
  if (v < 4) {
    slot = v;
  } else {
    int top = bit_length(v) - 1; /* >= 2 */
    slot = (uint32_t)(2 * top) | ((v >> (top - 1)) & 1);
  }
  rc_tree_enc(e, m->slot[len_ctx], LR_SLOT_BITS, slot);
  if (slot < 4) return;
  int footer_bits = (int)(slot >> 1) - 1;
  uint32_t base = (2 | (slot & 1)) << footer_bits;
  uint32_t footer = v - base;
  if (slot < LR_DIRECT_SLOT) {
    rc_rtree_enc(e, m->footer[slot], footer_bits, footer);
  } else {
    rc_direct_enc(e, footer >> LR_ALIGN_BITS, footer_bits - LR_ALIGN_BITS);
    rc_rtree_enc(e, m->align, LR_ALIGN_BITS, footer & ((1u << LR_ALIGN_BITS) - 1));
  }
}

static uint32_t lr_dist_dec(rc_decoder* d, lr_model* m, int len_ctx) {
  uint32_t slot = rc_tree_dec(d, m->slot[len_ctx], LR_SLOT_BITS);
  if (slot < 4) return slot;
  int footer_bits = (int)(slot >> 1) - 1;
  if (footer_bits > 13) return UINT32_MAX; /* beyond the window: corrupt input */
  uint32_t base = (2 | (slot & 1)) << footer_bits;
  if (slot < LR_DIRECT_SLOT) return base + rc_rtree_dec(d, m->footer[slot], footer_bits);
  uint32_t hi = rc_direct_dec(d, footer_bits - LR_ALIGN_BITS);
  return base + (hi << LR_ALIGN_BITS) + rc_rtree_dec(d, m->align, LR_ALIGN_BITS);
}

static void lr_compress(const uint8_t* buf, size_t n, bytebuf* out) {
  size_t ntok;
  lz_token* tok = lz_parse(buf, n, &ntok);
  lr_model* m = xmalloc(sizeof *m);
  lr_model_init(m);
  rc_encoder e;
  rc_enc_init(&e, out);
  uint32_t state = 0, last_dist = 0;
  uint8_t prev = 0;
  size_t pos = 0;
  for (size_t i = 0; i < ntok; i++) {
    if (tok[i].dist == 0) {
      rc_encode_bit(&e, &m->is_match[state], 0);
      rc_tree_enc(&e, m->lit[prev >> LR_LIT_CTX_SHIFT], 8, tok[i].litlen);
      prev = (uint8_t)tok[i].litlen;
      state = (state << 1) & (LR_STATES - 1);
      pos++;
      continue;
    }
    uint32_t len = tok[i].litlen, dist = tok[i].dist;
    rc_encode_bit(&e, &m->is_match[state], 1);
    int rep = dist == last_dist;
    rc_encode_bit(&e, &m->is_rep[state], rep);
    lr_len_enc(&e, m, len - LZ_MIN_MATCH);
    if (!rep) {
      uint32_t l = len - LZ_MIN_MATCH;
      lr_dist_enc(&e, m, dist - 1, l < LR_LEN_CTX ? (int)l : LR_LEN_CTX - 1);
      last_dist = dist;
    }
    pos += len;
    prev = buf[pos - 1];
    state = ((state << 1) | 1) & (LR_STATES - 1);
  }
  rc_enc_flush(&e);
  free(m);
  free(tok);
}

static int lr_decompress(const uint8_t* in, size_t inlen, uint8_t* out, size_t outlen) {
  lr_model* m = xmalloc(sizeof *m);
  lr_model_init(m);
  rc_decoder d;
  rc_dec_init(&d, in, inlen);
  uint32_t state = 0, last_dist = 0;
  uint8_t prev = 0;
  size_t o = 0;
  int status = 0;
  while (o < outlen) {
    if (!rc_decode_bit(&d, &m->is_match[state])) {
      prev = (uint8_t)rc_tree_dec(&d, m->lit[prev >> LR_LIT_CTX_SHIFT], 8);
      out[o++] = prev;
      state = (state << 1) & (LR_STATES - 1);
      continue;
    }
    int rep = rc_decode_bit(&d, &m->is_rep[state]);
    uint32_t l = lr_len_dec(&d, m);
    size_t len = l + LZ_MIN_MATCH, dist;
    if (rep) {
      dist = last_dist;
    } else {
      uint32_t v = lr_dist_dec(&d, m, l < LR_LEN_CTX ? (int)l : LR_LEN_CTX - 1);
      if (v == UINT32_MAX) {
        status = -1;
        break;
      }
      dist = (size_t)v + 1;
      last_dist = (uint32_t)dist;
    }
    if (dist == 0 || dist > o || len > outlen - o) {
      status = -1;
      break;
    }
    for (size_t i = 0; i < len; i++) out[o + i] = out[o + i - dist];
    o += len;
    prev = out[o - 1];
    state = ((state << 1) | 1) & (LR_STATES - 1);
  }
  if (d.pos > inlen + 4) status = -1;
  free(m);
  return status;
}

/* ===================================================================== */
/* Container                                                              */
/* ===================================================================== */

enum { CODEC_LZ = 1, CODEC_BWT, CODEC_CM, CODEC_LZRC, CODEC_COUNT };
static const char* const codec_names[CODEC_COUNT] = {"?", "lz", "bwt", "cm", "lzrc"};

typedef struct {
  void (*compress)(const uint8_t*, size_t, bytebuf*);
  int (*decompress)(const uint8_t*, size_t, uint8_t*, size_t);
} codec;

static const codec codecs[CODEC_COUNT] = {{NULL, NULL},
                                          {lz_compress, lz_decompress},
                                          {bwt_compress, bwt_decompress},
                                          {cm_compress, cm_decompress},
                                          {lr_compress, lr_decompress}};

/* A frame: "LZPK", codec id, length, CRC-32 and Adler-32 of the data, then
 * the codec's stream. */
#define FRAME_HEADER 17

static void frame_encode(int id, const uint8_t* buf, size_t n, bytebuf* out) {
  out->len = 0;
  bb_append(out, "LZPK", 4);
  bb_push(out, (uint8_t)id);
  bb_put_u32(out, (uint32_t)n);
  bb_put_u32(out, crc32_update(0, buf, n));
  bb_put_u32(out, adler32(buf, n));
  codecs[id].compress(buf, n, out);
}

/* Returns a malloc'd buffer with the decoded data, or NULL. */
static uint8_t* frame_decode(const uint8_t* in, size_t inlen, size_t* n_out) {
  if (inlen < FRAME_HEADER || memcmp(in, "LZPK", 4) != 0) return NULL;
  int id = in[4];
  if (id <= 0 || id >= CODEC_COUNT) return NULL;
  uint32_t n = get_u32(in + 5), crc = get_u32(in + 9), ad = get_u32(in + 13);
  uint8_t* out = xmalloc(n);
  if (codecs[id].decompress(in + FRAME_HEADER, inlen - FRAME_HEADER, out, n) != 0 ||
      crc32_update(0, out, n) != crc || adler32(out, n) != ad) {
    free(out);
    return NULL;
  }
  *n_out = n;
  return out;
}

/* ---- filters ------------------------------------------------------- */

enum { FILTER_NONE = 0, FILTER_DELTA = 1, FILTER_COUNT = 2 };
static const char* const filter_names[FILTER_COUNT] = {"", "+delta"};
#define DELTA_STRIDE 16 /* the record size of the binary corpus */

static void delta_forward(const uint8_t* in, uint8_t* out, size_t n, size_t stride) {
  for (size_t i = 0; i < n; i++) out[i] = (uint8_t)(in[i] - (i >= stride ? in[i - stride] : 0));
}

static void delta_inverse(uint8_t* buf, size_t n, size_t stride) {
  for (size_t i = stride; i < n; i++) buf[i] = (uint8_t)(buf[i] + buf[i - stride]);
}

/* ---- archive --------------------------------------------------------- */
/*
 *   "LZPA" u32 count
 *   count x { u8 name_len, name, u8 codec, u8 filter, u32 size,
 *             u32 packed_size, u32 crc32 }
 *   count x payload
 *   u32 crc32 of everything before it
 */

typedef struct {
  const char* name;
  const uint8_t* data;
  size_t len;
  int binary; /* also try the delta filter */
} archive_input;

typedef struct {
  int codec, filter;
  size_t packed[FILTER_COUNT][CODEC_COUNT]; /* 0: not tried */
} archive_choice;

static void bb_swap(bytebuf* a, bytebuf* b) {
  bytebuf t = *a;
  *a = *b;
  *b = t;
}

/* Compresses every input with every codec (and filter, for binary inputs),
 * checks each candidate's round trip, and writes an archive that keeps the
 * smallest candidate of each input. Returns 0, or -1 if a round trip
 * failed. */
static int archive_build(const archive_input* in, int n, bytebuf* out, archive_choice* choice) {
  bytebuf* best = xmalloc((size_t)n * sizeof *best);
  bytebuf cand;
  bb_init(&cand, 4096);
  int status = 0;
  for (int i = 0; i < n && status == 0; i++) {
    bb_init(&best[i], 16);
    memset(&choice[i], 0, sizeof choice[i]);
    int have_best = 0;
    uint8_t* filtered = xmalloc(in[i].len);
    uint8_t* back = xmalloc(in[i].len);
    for (int f = 0; f < FILTER_COUNT && status == 0; f++) {
      if (f == FILTER_DELTA && !in[i].binary) continue;
      const uint8_t* src = in[i].data;
      if (f == FILTER_DELTA) {
        delta_forward(in[i].data, filtered, in[i].len, DELTA_STRIDE);
        src = filtered;
      }
      for (int c = 1; c < CODEC_COUNT; c++) {
        cand.len = 0;
        codecs[c].compress(src, in[i].len, &cand);
        if (codecs[c].decompress(cand.data, cand.len, back, in[i].len) != 0 ||
            memcmp(back, src, in[i].len) != 0) {
          bench_printf("round trip failed: %s with %s%s\n", in[i].name, codec_names[c], filter_names[f]);
          status = -1;
          break;
        }
        choice[i].packed[f][c] = cand.len;
        if (!have_best || cand.len < best[i].len) {
          bb_swap(&best[i], &cand);
          choice[i].codec = c;
          choice[i].filter = f;
          have_best = 1;
        }
      }
    }
    free(filtered);
    free(back);
  }
  if (status == 0) {
    out->len = 0;
    bb_append(out, "LZPA", 4);
    bb_put_u32(out, (uint32_t)n);
    for (int i = 0; i < n; i++) {
      size_t nl = strlen(in[i].name);
      bb_push(out, (uint8_t)nl);
      bb_append(out, in[i].name, nl);
      bb_push(out, (uint8_t)choice[i].codec);
      bb_push(out, (uint8_t)choice[i].filter);
      bb_put_u32(out, (uint32_t)in[i].len);
      bb_put_u32(out, (uint32_t)best[i].len);
      bb_put_u32(out, crc32_update(0, in[i].data, in[i].len));
    }
    for (int i = 0; i < n; i++) bb_append(out, best[i].data, best[i].len);
    bb_put_u32(out, crc32_update(0, out->data, out->len));
  }
  for (int i = 0; i < n; i++)
    if (best[i].data) bb_free(&best[i]);
  free(best);
  bb_free(&cand);
  return status;
}

typedef struct {
  const uint8_t* name;
  size_t name_len;
  int codec, filter;
  uint32_t size, packed, crc;
} archive_entry;

/* Parses and decodes a whole archive, checking every entry against the
 * expected inputs. Returns the number of verified entries, or -1. */
static int archive_verify(const uint8_t* a, size_t len, const archive_input* in, int n) {
  if (len < 12 || memcmp(a, "LZPA", 4) != 0) return -1;
  if (crc32_update(0, a, len - 4) != get_u32(a + len - 4)) return -1;
  uint32_t count = get_u32(a + 4);
  if (count != (uint32_t)n) return -1;
  archive_entry* dir = xmalloc((size_t)count * sizeof *dir);
  size_t p = 8, end = len - 4;
  int verified = -1;
  for (uint32_t i = 0; i < count; i++) {
    if (p >= end) goto done;
    dir[i].name_len = a[p++];
    if (dir[i].name_len + 14 > end - p) goto done;
    dir[i].name = a + p;
    p += dir[i].name_len;
    dir[i].codec = a[p++];
    dir[i].filter = a[p++];
    dir[i].size = get_u32(a + p);
    dir[i].packed = get_u32(a + p + 4);
    dir[i].crc = get_u32(a + p + 8);
    p += 12;
    if (dir[i].codec <= 0 || dir[i].codec >= CODEC_COUNT || dir[i].filter < 0 ||
        dir[i].filter >= FILTER_COUNT)
      goto done;
  }
  verified = 0;
  for (uint32_t i = 0; i < count; i++) {
    const archive_entry* e = &dir[i];
    if (e->packed > end - p) {
      verified = -1;
      goto done;
    }
    uint8_t* data = xmalloc(e->size);
    int ok = codecs[e->codec].decompress(a + p, e->packed, data, e->size) == 0;
    if (ok && e->filter == FILTER_DELTA) delta_inverse(data, e->size, DELTA_STRIDE);
    ok = ok && crc32_update(0, data, e->size) == e->crc && e->size == in[i].len &&
         memcmp(data, in[i].data, e->size) == 0 && e->name_len == strlen(in[i].name) &&
         memcmp(e->name, in[i].name, e->name_len) == 0;
    free(data);
    if (!ok) {
      verified = -1;
      goto done;
    }
    verified++;
    p += e->packed;
  }
  if (p != end) verified = -1;
done:
  free(dir);
  return verified;
}

/* ===================================================================== */
/* Corpus generation                                                      */
/* ===================================================================== */

static const char* const gen_syllables[48] = {
    "an", "be", "ci", "do", "er", "fa", "ge", "hi", "in", "jo", "ka", "le", "ma", "ne", "on", "pa",
    "qu", "re", "se", "th", "ur", "ve", "wi", "xa", "yo", "ze", "al", "ba", "co", "de", "el", "fo",
    "ga", "ho", "is", "lu", "mi", "no", "or", "pi", "ra", "si", "ta", "un", "vo", "st", "ch", "ng"};

typedef struct {
  char word[1500][24];
  uint8_t wlen[1500];
  int nwords;
} vocabulary;

static void make_vocabulary(vocabulary* v, bench_rng* rng) {
  v->nwords = 1500;
  for (int i = 0; i < v->nwords; i++) {
    int nsyl = 1 + (int)bench_rng_below(rng, 3) + (i > 300 ? 1 : 0);
    int l = 0;
    for (int s = 0; s < nsyl; s++) {
      const char* sy = gen_syllables[bench_rng_below(rng, 48)];
      v->word[i][l++] = sy[0];
      v->word[i][l++] = sy[1];
    }
    if (bench_rng_below(rng, 4) == 0) v->word[i][l++] = "sdy"[bench_rng_below(rng, 3)];
    v->word[i][l] = 0;
    v->wlen[i] = (uint8_t)l;
  }
}

/* Zipf-like skew toward small indices. */
static int pick_word(const vocabulary* v, bench_rng* rng) {
  uint32_t a = bench_rng_below(rng, (uint32_t)v->nwords);
  uint32_t b = bench_rng_below(rng, a + 1);
  return (int)bench_rng_below(rng, b + 1);
}

static void gen_prose(bytebuf* out, size_t target, bench_rng* rng, const vocabulary* v) {
  int col = 0, sentences = 0;
  while (out->len < target) {
    int nw = 4 + (int)bench_rng_below(rng, 12);
    for (int i = 0; i < nw; i++) {
      int w = pick_word(v, rng);
      int l = v->wlen[w];
      if (col + l + 1 > 72) {
        bb_push(out, '\n');
        col = 0;
      } else if (col > 0) {
        bb_push(out, ' ');
        col++;
      }
      size_t at = out->len;
      bb_append(out, v->word[w], (size_t)l);
      if (i == 0) out->data[at] = (uint8_t)(out->data[at] - 'a' + 'A');
      col += l;
      if (i + 1 < nw && bench_rng_below(rng, 9) == 0) {
        bb_push(out, ',');
        col++;
      }
    }
    uint32_t r = bench_rng_below(rng, 10);
    bb_push(out, r < 7 ? '.' : r < 9 ? '?' : '!');
    col++;
    if (++sentences % 7 == 0) {
      bb_append(out, "\n\n", 2);
      col = 0;
    }
  }
  out->len = target;
}

static void gen_logs(bytebuf* out, size_t target, bench_rng* rng) {
  static const char* const levels[4] = {"INFO", "DEBUG", "WARN", "ERROR"};
  static const char* const paths[6] = {"/api/v1/items/",  "/api/v1/users/", "/static/img/",
                                       "/api/v2/orders/", "/health",        "/api/v1/search?q="};
  static const uint16_t statuses[8] = {200, 200, 200, 201, 204, 301, 404, 500};
  uint64_t t_ms = UINT64_C(1700000000000);
  uint32_t reqid = 100000;
  char line[256];
  while (out->len < target) {
    t_ms += bench_rng_below(rng, 2500);
    uint64_t secs = t_ms / 1000;
    uint32_t ms = (uint32_t)(t_ms % 1000);
    uint32_t day = (uint32_t)(secs / 86400 % 28) + 1;
    uint32_t hh = (uint32_t)(secs / 3600 % 24), mm = (uint32_t)(secs / 60 % 60), ss = (uint32_t)(secs % 60);
    uint32_t lv = bench_rng_below(rng, 20);
    const char* level = levels[lv < 14 ? 0 : lv < 17 ? 1 : lv < 19 ? 2 : 3];
    /* Draw every random value in its own statement: the evaluation order
     * of function arguments is unspecified and differs between compilers. */
    uint32_t p = bench_rng_below(rng, 6);
    uint32_t worker = bench_rng_below(rng, 8);
    uint32_t item = p == 4 ? 0 : bench_rng_below(rng, 5000);
    uint32_t status = statuses[bench_rng_below(rng, 8)];
    uint32_t lat = bench_rng_below(rng, 40);
    lat *= 1 + bench_rng_below(rng, 3);
    int n = snprintf(line, sizeof line,
                     "2023-11-%02uT%02u:%02u:%02u.%03uZ %-5s [worker-%u] "
                     "req=%u %s%u status=%u latency_ms=%u\n",
                     (unsigned)day, (unsigned)hh, (unsigned)mm, (unsigned)ss, (unsigned)ms, level,
                     (unsigned)worker, (unsigned)reqid++, paths[p], (unsigned)item, (unsigned)status,
                     (unsigned)lat);
    if (n < 0) fatal("snprintf");
    bb_append(out, line, (size_t)n);
  }
  out->len = target;
}

static void gen_records(bytebuf* out, size_t target, bench_rng* rng) {
  uint32_t id = 1, ts = 1000000;
  int32_t value[16] = {0};
  while (out->len < target) {
    uint32_t sensor = bench_rng_below(rng, 16);
    value[sensor] += (int32_t)bench_rng_below(rng, 201) - 100;
    ts += 1 + bench_rng_below(rng, 50);
    uint8_t rec[16];
    uint32_t v = (uint32_t)value[sensor];
    rec[0] = (uint8_t)id;
    rec[1] = (uint8_t)(id >> 8);
    rec[2] = (uint8_t)(id >> 16);
    rec[3] = (uint8_t)(id >> 24);
    rec[4] = (uint8_t)sensor;
    rec[5] = 0;
    rec[6] = (uint8_t)v;
    rec[7] = (uint8_t)(v >> 8);
    rec[8] = (uint8_t)(v >> 16);
    rec[9] = (uint8_t)(v >> 24);
    rec[10] = (uint8_t)(bench_rng_below(rng, 8) == 0 ? 0x80 : 0x01);
    rec[11] = 0;
    rec[12] = (uint8_t)ts;
    rec[13] = (uint8_t)(ts >> 8);
    rec[14] = (uint8_t)(ts >> 16);
    rec[15] = (uint8_t)(ts >> 24);
    bb_append(out, rec, sizeof rec);
    id++;
  }
  out->len = target;
}

static void gen_noisy(bytebuf* out, size_t target, bench_rng* rng) {
  while (out->len < target) {
    size_t chunk = 512 + bench_rng_below(rng, 4096);
    if (out->len > 8192 && bench_rng_below(rng, 2) == 0) {
      /* copy an earlier region (possibly beyond the LZ window) with a few
       * byte mutations */
      size_t span = out->len < 131072 ? out->len : 131072;
      size_t from = out->len - 1 - bench_rng_below(rng, (uint32_t)span - 1);
      if (chunk > out->len - from) chunk = out->len - from;
      bb_reserve(out, chunk);
      for (size_t i = 0; i < chunk; i++) {
        uint8_t c = out->data[from + i];
        if (bench_rng_below(rng, 100) == 0) c = (uint8_t)bench_rng_u32(rng);
        out->data[out->len++] = c;
      }
    } else {
      bb_reserve(out, chunk);
      for (size_t i = 0; i < chunk; i++) out->data[out->len++] = (uint8_t)bench_rng_u32(rng);
    }
  }
  out->len = target;
}

static void gen_runs(bytebuf* out, size_t target, bench_rng* rng) {
  while (out->len < target) {
    uint32_t kind = bench_rng_below(rng, 4);
    if (kind == 0) { /* long run of one byte */
      uint32_t n = 16 + bench_rng_below(rng, 2000);
      uint8_t c = (uint8_t)("ACGT\0"[bench_rng_below(rng, 5)]);
      for (uint32_t i = 0; i < n; i++) bb_push(out, c);
    } else if (kind == 1) { /* periodic pattern */
      char pat[8];
      uint32_t plen = 1 + bench_rng_below(rng, 7);
      for (uint32_t i = 0; i < plen; i++) pat[i] = (char)('a' + bench_rng_below(rng, 4));
      uint32_t n = 32 + bench_rng_below(rng, 3000);
      for (uint32_t i = 0; i < n; i++) bb_push(out, (uint8_t)pat[i % plen]);
    } else { /* DNA-like text with short runs */
      uint32_t n = 64 + bench_rng_below(rng, 1000);
      for (uint32_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t) "ACGT"[bench_rng_below(rng, 4)];
        uint32_t rl = 1 + (bench_rng_below(rng, 8) == 0 ? bench_rng_below(rng, 6) : 0);
        for (uint32_t k = 0; k < rl; k++) bb_push(out, c);
      }
    }
  }
  out->len = target;
}

/* ===================================================================== */
/* Driver                                                                 */
/* ===================================================================== */

static int self_test(void) {
  const uint8_t* s = (const uint8_t*)"123456789";
  if (crc32_update(0, s, 9) != UINT32_C(0xCBF43926)) return -1;
  if (adler32((const uint8_t*)"Wikipedia", 9) != UINT32_C(0x11E60398)) return -1;
  /* tiny inputs through every codec, including the empty one */
  static const char* const tiny[4] = {"", "a", "abababababababababab", "the cat sat on the mat; the cat sat"};
  bytebuf f;
  bb_init(&f, 64);
  for (int id = 1; id < CODEC_COUNT; id++)
    for (int t = 0; t < 4; t++) {
      size_t n = strlen(tiny[t]), m = 0;
      frame_encode(id, (const uint8_t*)tiny[t], n, &f);
      uint8_t* back = frame_decode(f.data, f.len, &m);
      if (!back) return -1;
      int ok = m == n && memcmp(back, tiny[t], n) == 0;
      free(back);
      if (!ok) return -1;
    }
  bb_free(&f);
  return 0;
}

int main(void) {
  crc32_init();
  lz_tables_init();
  BENCH_CHECK(self_test() == 0);

  bench_rng rng = bench_rng_seed(0x5EED);
  vocabulary* voc = xmalloc(sizeof *voc);
  make_vocabulary(voc, &rng);

  enum { NCORPORA = 5 };
  static const char* const corpus_names[NCORPORA] = {"prose", "logs", "records", "noisy", "runs"};
  const size_t size = (size_t)LZ_CORPUS_KB * 1024;
  bytebuf corpus[NCORPORA];
  for (int c = 0; c < NCORPORA; c++) bb_init(&corpus[c], size + 512);
  gen_prose(&corpus[0], size, &rng, voc);
  gen_logs(&corpus[1], size, &rng);
  gen_records(&corpus[2], size, &rng);
  gen_noisy(&corpus[3], size, &rng);
  gen_runs(&corpus[4], size, &rng);
  free(voc);

  archive_input inputs[NCORPORA];
  for (int c = 0; c < NCORPORA; c++) {
    inputs[c].name = corpus_names[c];
    inputs[c].data = corpus[c].data;
    inputs[c].len = corpus[c].len;
    inputs[c].binary = c == 2;
  }

  uint32_t overall = BENCH_FNV_INIT;
  bytebuf archive;
  bb_init(&archive, size);
  for (int round = 0; round < LZ_ROUNDS; round++) {
    archive_choice choice[NCORPORA];
    BENCH_CHECK(archive_build(inputs, NCORPORA, &archive, choice) == 0);
    BENCH_CHECK(archive_verify(archive.data, archive.len, inputs, NCORPORA) == NCORPORA);
    overall = bench_fnv1a(overall ^ (uint32_t)round, archive.data, archive.len);
    if (round > 0) continue;
    for (int c = 0; c < NCORPORA; c++) {
      for (int f = 0; f < FILTER_COUNT; f++) {
        if (choice[c].packed[f][1] == 0) continue;
        char line[256];
        int n = snprintf(line, sizeof line, "%-8s%-6s %7u crc %08x ->", corpus_names[c], filter_names[f],
                         (unsigned)inputs[c].len, (unsigned)crc32_update(0, inputs[c].data, inputs[c].len));
        for (int k = 1; k < CODEC_COUNT && n > 0 && n < (int)sizeof line; k++)
          n += snprintf(line + n, sizeof line - (size_t)n, " %s %u", codec_names[k],
                        (unsigned)choice[c].packed[f][k]);
        bench_printf("%s\n", line);
      }
      bench_printf("%-8s best: %s%s\n", corpus_names[c], codec_names[choice[c].codec],
                   filter_names[choice[c].filter]);
    }
    /* (the CRC of a message followed by its own CRC is a constant, so print
     * the stored trailer instead) */
    bench_printf("archive: %u bytes, crc %08x\n", (unsigned)archive.len,
                 (unsigned)get_u32(archive.data + archive.len - 4));
  }
  bench_printf("all rounds fnv %08x\n", (unsigned)overall);
  bb_free(&archive);
  for (int c = 0; c < NCORPORA; c++) bb_free(&corpus[c]);
  return 0;
}
