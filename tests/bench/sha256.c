/* sha256: SHA-256 over a generated buffer (FIPS 180-4).
 * The message schedule and compression rounds are pure 32-bit bit mixing:
 * rotates, shifts, xor/and/not and adds. The digest of each pass is fed
 * into the next pass. A known-answer test guards the implementation. */
#include "sha256.h"
#include "bench.h"

#ifndef SHA_BUF
#define SHA_BUF (1u << 20)
#endif
#ifndef SHA_PASSES
#define SHA_PASSES 33
#endif

int main(void) {
  uint8_t digest[32];
  char hex[65];
  sha256_ctx ctx;

  /* known answer: SHA-256("abc") */
  sha256_init(&ctx);
  sha256_update(&ctx, (const uint8_t*)"abc", 3);
  sha256_final(&ctx, digest);
  sha256_hex(digest, hex);
  BENCH_CHECK(strcmp(hex,
                     "ba7816bf8f01cfea414140de5dae2223"
                     "b00361a396177a9cb410ff61f20015ad") == 0);

  uint8_t* buf = malloc(SHA_BUF);
  BENCH_CHECK(buf != NULL);
  bench_rng rng = bench_rng_seed(99);
  for (uint32_t i = 0; i < SHA_BUF; i += 8) {
    uint64_t v = bench_rng_next(&rng);
    memcpy(buf + i, &v, 8);
  }
  for (int pass = 0; pass < SHA_PASSES; pass++) {
    sha256_init(&ctx);
    /* odd-sized chunks exercise the buffering path too */
    size_t off = 0, step = 1000 + (size_t)pass * 37;
    while (off < SHA_BUF) {
      size_t n = SHA_BUF - off < step ? SHA_BUF - off : step;
      sha256_update(&ctx, buf + off, n);
      off += n;
    }
    sha256_final(&ctx, digest);
    memcpy(buf + (size_t)pass * 32, digest, 32); /* chain the passes */
  }
  sha256_hex(digest, hex);
  bench_printf("sha256 = %s\n", hex);
  free(buf);
  return 0;
}
