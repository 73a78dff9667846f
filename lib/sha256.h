/*
 * sha256.h - SHA-256 (FIPS 180-4), for the attachment digests in
 * lp-report's moderation pack.  Small and self-contained so that lp needs
 * no crypto library for one checksum.
 */
#ifndef LP_SHA256_H
#define LP_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define LP_SHA256_LEN 32

struct lp_sha256 {
	uint32_t h[8];
	uint64_t nbytes;	/* message length so far */
	unsigned char block[64];
	size_t nblock;		/* bytes waiting in block */
};

void lp_sha256_init(struct lp_sha256 *c);
void lp_sha256_update(struct lp_sha256 *c, const void *data, size_t len);
void lp_sha256_final(struct lp_sha256 *c, unsigned char out[LP_SHA256_LEN]);
/* The digest of data as 64 lower-case hex digits and a NUL. */
void lp_sha256_hex(const void *data, size_t len, char out[2 * LP_SHA256_LEN + 1]);
/* Digest bytes as hex. */
void lp_sha256_tohex(const unsigned char d[LP_SHA256_LEN], char out[2 * LP_SHA256_LEN + 1]);

#endif
