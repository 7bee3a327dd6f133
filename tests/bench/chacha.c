/* chacha: ChaCha20 stream cipher (RFC 8439) plus an xtea block cipher in CTR
 * mode. Encrypts a buffer, decrypts it again and checks the round trip.
 * Exercises 32-bit add/xor/rotate chains and byte-wise loads/stores. */
#include "bench.h"

#ifndef CHACHA_BUF
#define CHACHA_BUF (1u << 20)
#endif
#ifndef CHACHA_PASSES
#define CHACHA_PASSES 18
#endif

static inline uint32_t rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

#define QR(a, b, c, d) \
  do {                 \
    a += b;            \
    d ^= a;            \
    d = rotl32(d, 16); \
    c += d;            \
    b ^= c;            \
    b = rotl32(b, 12); \
    a += b;            \
    d ^= a;            \
    d = rotl32(d, 8);  \
    c += d;            \
    b ^= c;            \
    b = rotl32(b, 7);  \
  } while (0)

static uint32_t load32_le(const uint8_t* p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void store32_le(uint8_t* p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

static void chacha20_block(const uint32_t in[16], uint8_t out[64]) {
  uint32_t x[16];
  memcpy(x, in, sizeof x);
  for (int i = 0; i < 10; i++) {
    QR(x[0], x[4], x[8], x[12]);
    QR(x[1], x[5], x[9], x[13]);
    QR(x[2], x[6], x[10], x[14]);
    QR(x[3], x[7], x[11], x[15]);
    QR(x[0], x[5], x[10], x[15]);
    QR(x[1], x[6], x[11], x[12]);
    QR(x[2], x[7], x[8], x[13]);
    QR(x[3], x[4], x[9], x[14]);
  }
  for (int i = 0; i < 16; i++) store32_le(out + 4 * i, x[i] + in[i]);
}

static void chacha20_xor(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter, uint8_t* buf,
                         size_t n) {
  uint32_t st[16];
  st[0] = 0x61707865;
  st[1] = 0x3320646e;
  st[2] = 0x79622d32;
  st[3] = 0x6b206574;
  for (int i = 0; i < 8; i++) st[4 + i] = load32_le(key + 4 * i);
  st[12] = counter;
  for (int i = 0; i < 3; i++) st[13 + i] = load32_le(nonce + 4 * i);
  uint8_t ks[64];
  for (size_t off = 0; off < n; off += 64) {
    chacha20_block(st, ks);
    st[12]++;
    size_t m = n - off < 64 ? n - off : 64;
    for (size_t i = 0; i < m; i++) buf[off + i] ^= ks[i];
  }
}

/* XTEA, 32 rounds, used in counter mode. */
static void xtea_encipher(uint32_t v[2], const uint32_t k[4]) {
  uint32_t v0 = v[0], v1 = v[1], sum = 0, delta = 0x9E3779B9;
  for (int i = 0; i < 32; i++) {
    v0 += (((v1 << 4) ^ (v1 >> 5)) + v1) ^ (sum + k[sum & 3]);
    sum += delta;
    v1 += (((v0 << 4) ^ (v0 >> 5)) + v0) ^ (sum + k[(sum >> 11) & 3]);
  }
  v[0] = v0;
  v[1] = v1;
}

static void xtea_ctr_xor(const uint32_t k[4], uint64_t iv, uint8_t* buf, size_t n) {
  for (size_t off = 0; off < n; off += 8) {
    uint64_t ctr = iv + off / 8;
    uint32_t v[2] = {(uint32_t)ctr, (uint32_t)(ctr >> 32)};
    xtea_encipher(v, k);
    uint8_t ks[8];
    store32_le(ks, v[0]);
    store32_le(ks + 4, v[1]);
    size_t m = n - off < 8 ? n - off : 8;
    for (size_t i = 0; i < m; i++) buf[off + i] ^= ks[i];
  }
}

int main(void) {
  /* RFC 8439 section 2.3.2 block test vector */
  {
    uint32_t st[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, 0x03020100, 0x07060504,
                       0x0b0a0908, 0x0f0e0d0c, 0x13121110, 0x17161514, 0x1b1a1918, 0x1f1e1d1c,
                       0x00000001, 0x09000000, 0x4a000000, 0x00000000};
    uint8_t out[64];
    chacha20_block(st, out);
    BENCH_CHECK(load32_le(out) == 0xe4e7f110 && load32_le(out + 60) == 0x4e3c50a2);
  }
  uint8_t *plain = malloc(CHACHA_BUF), *buf = malloc(CHACHA_BUF);
  BENCH_CHECK(plain && buf);
  bench_rng rng = bench_rng_seed(31337);
  for (uint32_t i = 0; i < CHACHA_BUF; i++)
    plain[i] = (uint8_t)("the quick brown fox jumps over the lazy dog "[i % 44] ^
                         ((bench_rng_u32(&rng) & 0x100) ? 0x20 : 0));
  uint8_t key[32], nonce[12];
  for (int i = 0; i < 32; i++) key[i] = (uint8_t)bench_rng_u32(&rng);
  for (int i = 0; i < 12; i++) nonce[i] = (uint8_t)bench_rng_u32(&rng);
  uint32_t xk[4]; /* one call per statement: argument and initializer
                     evaluation order is unspecified in C */
  for (int i = 0; i < 4; i++) xk[i] = bench_rng_u32(&rng);

  uint32_t h = BENCH_FNV_INIT;
  memcpy(buf, plain, CHACHA_BUF);
  for (int pass = 0; pass < CHACHA_PASSES; pass++) {
    chacha20_xor(key, nonce, (uint32_t)pass * 7u, buf, CHACHA_BUF);
    h = bench_fnv1a(h, buf, 4096);
    xtea_ctr_xor(xk, (uint64_t)pass << 40, buf, CHACHA_BUF / 4);
    h = bench_fnv1a(h, buf + CHACHA_BUF / 8, 4096);
  }
  uint32_t hc = bench_fnv1a(BENCH_FNV_INIT, buf, CHACHA_BUF);
  /* undo in reverse order */
  for (int pass = CHACHA_PASSES - 1; pass >= 0; pass--) {
    xtea_ctr_xor(xk, (uint64_t)pass << 40, buf, CHACHA_BUF / 4);
    chacha20_xor(key, nonce, (uint32_t)pass * 7u, buf, CHACHA_BUF);
  }
  BENCH_CHECK(memcmp(buf, plain, CHACHA_BUF) == 0);
  bench_printf("chacha/xtea: trace %08x cipher %08x\n", (unsigned)h, (unsigned)hc);
  free(plain);
  free(buf);
  return 0;
}
