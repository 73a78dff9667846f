/*
 * credential.h - Open Badges 3.0 credentials for accredited Lead
 * Practitioners, signed with a W3C Data Integrity proof (eddsa-jcs-2022).
 *
 * Three layers, each usable alone:
 *  - jcs.c: RFC 8785 JSON Canonicalization over cJSON values, and the
 *    base58-btc / multibase encoding that did:key and proofValue use;
 *  - credential.c: Ed25519 keys in Multikey files (libsodium), signing
 *    and verifying any eddsa-jcs-2022 document whose verification method
 *    is a did:key;
 *  - credential-issue.c: the OpenBadgeCredential that lp-report issues.
 *
 * SHA-256 is lib/sha256.c's (the same digest the moderation pack prints);
 * libsodium is used for Ed25519 and for random key seeds only.
 */
#ifndef LP_CREDENTIAL_H
#define LP_CREDENTIAL_H

#include <stddef.h>
#include <stdint.h>

#include "lp.h"

struct cJSON;

/* ---- jcs.c: RFC 8785 ---------------------------------------------- */

/*
 * The canonical form of v appended to out: object members sorted by the
 * UTF-16 code units of their names, numbers as ECMAScript prints them,
 * strings with only the escapes JSON requires, no white space.  Returns
 * 0, or -1 with *why (if not NULL) a static description of what cannot
 * be canonicalised: a string or name that is not valid UTF-8, a number
 * that is not finite, two members of one object with the same name, a
 * raw (unparsed) cJSON item.  Prints nothing; out may hold a partial
 * result on failure.
 */
int lp_jcs(const struct cJSON *v, struct lp_buf *out, const char **why);
/*
 * The same encoding of strings and numbers, laid out for people: members
 * in the order they were added, two spaces of indentation per level, a
 * newline at the end.  Stable for a given value.
 */
int lp_jcs_pretty(const struct cJSON *v, struct lp_buf *out, const char **why);
/*
 * A number as ECMAScript's Number.prototype.toString writes it (the
 * shortest decimal that reads back as d; exponent form from 1e21 up and
 * below 1e-6).  -0 is "0".  out holds at least 32 bytes.  0, or -1 when
 * d is NaN or infinite.
 */
int lp_jcs_number(double d, char out[32]);
/*
 * Parse JSON text for canonicalisation: cJSON, plus the checks cJSON does
 * not make: the whole of text is one value (white space around it only),
 * valid UTF-8, and no \u0000 escape (cJSON would cut the string there, so
 * two different documents would share a canonical form).  *out is the
 * caller's to cJSON_Delete.  0, or -1 with *why a static reason.
 */
int lp_jcs_parse(const char *text, size_t len, struct cJSON **out, const char **why);

/* Base58 with the Bitcoin alphabet (multibase prefix 'z'). */
void lp_base58_encode(const unsigned char *p, size_t n, struct lp_buf *out);
/* 0 and the bytes appended to out, or -1 on a character outside the alphabet. */
int lp_base58_decode(const char *s, size_t len, struct lp_buf *out);

/* ---- credential.c: keys, proofs, the credential -------------------- */

#define LP_ED25519_PUBLIC 32
#define LP_ED25519_SEED 32
#define LP_ED25519_SECRET 64	/* libsodium's form: seed then public key */
#define LP_ED25519_SIG 64

/* "z6Mk...": multicodec ed25519-pub (0xed 0x01) and the key, base58-btc. */
void lp_multikey_public(const unsigned char pk[LP_ED25519_PUBLIC], struct lp_buf *out);
/* "z3u2...": multicodec ed25519-priv (0x80 0x26) and the 32-byte seed. */
void lp_multikey_secret(const unsigned char seed[LP_ED25519_SEED], struct lp_buf *out);
/* The key of a "z6Mk..." string.  0, or -1 with *why a static reason. */
int lp_multikey_public_decode(const char *s, unsigned char pk[LP_ED25519_PUBLIC], const char **why);
/*
 * The key of a did:key verification method, "did:key:z6Mk...#z6Mk..."
 * (the fragment, when there is one, must repeat the key) or a bare
 * "did:key:z6Mk...".  0, or -1 with *why a static reason.
 */
int lp_didkey_public(const char *vm, unsigned char pk[LP_ED25519_PUBLIC], const char **why);

struct lp_signer {
	unsigned char sk[LP_ED25519_SECRET];
	unsigned char pk[LP_ED25519_PUBLIC];
	char *did;		/* "did:key:z6Mk..." */
	char *vm;		/* "did:key:z6Mk...#z6Mk..." */
};

/* A signer from a seed (the W3C test vectors give one). */
void lp_signer_from_seed(struct lp_signer *s, const unsigned char seed[LP_ED25519_SEED]);
/*
 * Read a key file: a JSON object {"type": "Multikey", "publicKeyMultibase":
 * "z6Mk...", "privateKeyMultibase": "z3u2..."}.  The public key, when
 * given, must be the one the secret makes.  A file that others can read
 * is used, with a warning.  0, or -1 after a diagnostic naming path.
 */
int lp_signer_load(struct lp_signer *s, const char *path);
/* Wipes the secret. */
void lp_signer_free(struct lp_signer *s);

/*
 * Make a new Ed25519 key (a random seed from libsodium) and write it as
 * a key file at path: created with mode 0600 and O_EXCL, so an existing
 * file, or a link, is never overwritten; written whole and fsync'd, its
 * directory fsync'd.  On failure nothing is left at path.  The key's DID
 * is appended to did when did is not NULL.  0, or -1 after a diagnostic.
 */
int lp_credential_new_key(const char *path, struct lp_buf *did);

/*
 * Add an eddsa-jcs-2022 DataIntegrityProof to doc (a JSON object without
 * a proof): created is an XML Schema date-time.  The proof carries the
 * document's @context, as the current vc-di-eddsa asks.  0, or -1 with
 * *why a static reason (doc cannot be canonicalised).
 */
int lp_proof_add(struct cJSON *doc, const struct lp_signer *s, const char *created, const char **why);

/*
 * Issue the OpenBadgeCredential of an accredited portfolio (see
 * credential-issue.c for its shape), signed by keyfile's key, pretty-printed
 * into out.  p must be loaded with LP_LOAD_ALL | LP_LOAD_BODIES (each
 * evidence item's narrative is given as its SHA-256).  Returns 0; 1,
 * after a message saying why, when p is not accredited or its
 * accreditation has expired by today; -1 after a diagnostic (the key).
 */
int lp_credential_issue(const struct lp_portfolio *p, const struct lp_framework *fw,
    lp_date today, const char *keyfile, const char *issuer_name, const char *issuer_url,
    struct lp_buf *out);

/*
 * Verify any JSON document secured with one eddsa-jcs-2022 proof whose
 * verificationMethod is an Ed25519 did:key, and its validity dates
 * against today (validFrom / validUntil, or VC 1.1's issuanceDate /
 * expirationDate; only the date part counts).  Returns 0 valid, 1
 * invalid (the signature does not verify, the issuer is a different
 * did:key from the signer, expired, not yet valid), -1 malformed (not
 * JSON, no proof, a proof of another cryptosuite, a verification method
 * that is not an Ed25519 did:key).  Prints nothing: why receives one
 * line saying which, or, when valid, who signed and the dates.
 */
int lp_credential_verify(const char *json, size_t len, lp_date today, struct lp_buf *why);

#endif
