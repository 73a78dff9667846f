/*
 * credential.c - Ed25519 Multikey files, eddsa-jcs-2022 proofs, and
 * verifying them.
 *
 * The proof is W3C vc-di-eddsa's eddsa-jcs-2022: the proof options (the
 * proof without proofValue, carrying the document's @context) and the
 * document without its proof are each canonicalised (RFC 8785, jcs.c)
 * and hashed with SHA-256; Ed25519 signs the proof options' hash followed
 * by the document's, and proofValue is the signature in base58-btc
 * multibase.  The signer is named by a did:key, which holds the public
 * key itself, so verifying needs nothing from the network.
 *
 * What lp issues (credential-issue.c) is one such document; verifying
 * takes any, so that lp-report verify can check credentials that other
 * software made.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "credential.h"
#include "sha256.h"

/* Multicodec varints (github.com/multiformats/multicodec). */
static const unsigned char ED25519_PUB[2] = { 0xed, 0x01 };
static const unsigned char ED25519_PRIV[2] = { 0x80, 0x26 };

static void
sodium_ready(void)
{
	if (sodium_init() < 0)
		lp_die("libsodium could not start");
}

/* ---- Multikey ---- */

static void
multibase(const unsigned char codec[2], const unsigned char *key, size_t n, struct lp_buf *out)
{
	unsigned char b[2 + 32];

	memcpy(b, codec, 2);
	memcpy(b + 2, key, n);
	lp_buf_addc(out, 'z');
	lp_base58_encode(b, 2 + n, out);
	sodium_memzero(b, sizeof b);
}

void
lp_multikey_public(const unsigned char pk[LP_ED25519_PUBLIC], struct lp_buf *out)
{
	multibase(ED25519_PUB, pk, LP_ED25519_PUBLIC, out);
}

void
lp_multikey_secret(const unsigned char seed[LP_ED25519_SEED], struct lp_buf *out)
{
	multibase(ED25519_PRIV, seed, LP_ED25519_SEED, out);
}

/* Decode "z" + base58(codec, 32 bytes) into key; -1 with *why. */
static int
multikey_decode(const char *s, size_t len, const unsigned char codec[2],
    unsigned char key[32], const char **why)
{
	struct lp_buf b = { 0 };
	int rc = -1;

	if (len < 2 || s[0] != 'z')
		*why = "a key that is not base58-btc multibase (it should start with 'z')";
	else if (lp_base58_decode(s + 1, len - 1, &b) < 0)
		*why = "a key with a character that is not base58";
	else if (b.len != 34 || memcmp(b.data, codec, 2) != 0)
		*why = codec == ED25519_PUB ? "a key that is not an Ed25519 public key" :
		    "a key that is not an Ed25519 secret key";
	else {
		memcpy(key, b.data + 2, 32);
		rc = 0;
	}
	if (b.data)
		sodium_memzero(b.data, b.len);
	lp_buf_free(&b);
	return rc;
}

int
lp_multikey_public_decode(const char *s, unsigned char pk[LP_ED25519_PUBLIC], const char **why)
{
	return multikey_decode(s, strlen(s), ED25519_PUB, pk, why);
}

int
lp_didkey_public(const char *vm, unsigned char pk[LP_ED25519_PUBLIC], const char **why)
{
	const char *key, *hash;
	size_t len;

	if (strncmp(vm, "did:key:", 8) != 0) {
		*why = "a verification method that is not a did:key";
		return -1;
	}
	key = vm + 8;
	hash = strchr(key, '#');
	len = hash ? (size_t)(hash - key) : strlen(key);
	if (hash && (strlen(hash + 1) != len || memcmp(hash + 1, key, len) != 0)) {
		*why = "a did:key whose fragment is not its key";
		return -1;
	}
	return multikey_decode(key, len, ED25519_PUB, pk, why);
}

/* ---- signers ---- */

void
lp_signer_from_seed(struct lp_signer *s, const unsigned char seed[LP_ED25519_SEED])
{
	struct lp_buf mb = { 0 };

	sodium_ready();
	memset(s, 0, sizeof *s);
	crypto_sign_seed_keypair(s->pk, s->sk, seed);
	lp_multikey_public(s->pk, &mb);
	s->did = lp_xasprintf("did:key:%s", mb.data);
	s->vm = lp_xasprintf("did:key:%s#%s", mb.data, mb.data);
	lp_buf_free(&mb);
}

void
lp_signer_free(struct lp_signer *s)
{
	sodium_memzero(s->sk, sizeof s->sk);
	free(s->did);
	free(s->vm);
	s->did = s->vm = NULL;
}

static const char *
key_string(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The signer in a key file's text; -1 after a diagnostic naming path. */
static int
signer_parse(struct lp_signer *s, const char *path, const char *text, size_t len)
{
	unsigned char seed[LP_ED25519_SEED], pk[LP_ED25519_PUBLIC];
	const char *why, *type, *priv, *pub;
	cJSON *o;
	int rc = -1;

	if (lp_jcs_parse(text, len, &o, &why) < 0) {
		lp_error("%s: not a key file: %s", path, why);
		return -1;
	}
	type = key_string(o, "type");
	priv = key_string(o, "privateKeyMultibase");
	pub = key_string(o, "publicKeyMultibase");
	if (!cJSON_IsObject(o) || !type || strcmp(type, "Multikey") != 0)
		lp_error("%s: not a key file: expected a JSON object with \"type\": \"Multikey\"", path);
	else if (!priv)
		lp_error("%s: expected \"privateKeyMultibase\", the Ed25519 secret key (z3u2...)", path);
	else if (multikey_decode(priv, strlen(priv), ED25519_PRIV, seed, &why) < 0)
		lp_error("%s: privateKeyMultibase: %s", path, why);
	else if (pub && lp_multikey_public_decode(pub, pk, &why) < 0)
		lp_error("%s: publicKeyMultibase: %s", path, why);
	else {
		lp_signer_from_seed(s, seed);
		if (pub && memcmp(pk, s->pk, sizeof pk) != 0) {
			lp_error("%s: publicKeyMultibase is not the public key of privateKeyMultibase", path);
			lp_signer_free(s);
		} else {
			rc = 0;
		}
	}
	sodium_memzero(seed, sizeof seed);
	cJSON_Delete(o);
	return rc;
}

int
lp_signer_load(struct lp_signer *s, const char *path)
{
	struct lp_buf text = { 0 };
	struct stat st;
	int rc;

	memset(s, 0, sizeof *s);
	rc = lp_file_read(path, 64 * 1024, &text);
	if (rc == 1)
		lp_error("%s: no such key file (make one with --new-key FILE)", path);
	if (rc != 0) {
		lp_buf_free(&text);
		return -1;
	}
	if (stat(path, &st) == 0 && (st.st_mode & 077))
		lp_warn("%s: others can read this secret key (chmod 600 %s)", path, path);
	rc = signer_parse(s, path, text.data ? text.data : "", text.len);
	if (text.data)
		sodium_memzero(text.data, text.len);
	lp_buf_free(&text);
	return rc;
}

/* ---- new keys ---- */

static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync the directory holding path, so that the new name survives a crash. */
static int
sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? lp_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : lp_xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd < 0 || fsync(fd) < 0)
		rc = -1;
	if (fd >= 0)
		close(fd);
	free(dir);
	return rc;
}

/* The key file's text for signer s and its seed. */
static void
key_text(const struct lp_signer *s, const unsigned char seed[LP_ED25519_SEED], struct lp_buf *out)
{
	struct lp_buf pub = { 0 }, priv = { 0 };
	cJSON *o = cJSON_CreateObject();

	lp_multikey_public(s->pk, &pub);
	lp_multikey_secret(seed, &priv);
	cJSON_AddStringToObject(o, "type", "Multikey");
	cJSON_AddStringToObject(o, "id", s->vm);
	cJSON_AddStringToObject(o, "controller", s->did);
	cJSON_AddStringToObject(o, "publicKeyMultibase", pub.data);
	cJSON_AddStringToObject(o, "privateKeyMultibase", priv.data);
	if (lp_jcs_pretty(o, out, NULL) < 0)
		lp_die("a key file could not be written out");
	sodium_memzero(priv.data, priv.len);
	/* cJSON holds a copy of the secret too. */
	sodium_memzero(cJSON_GetObjectItem(o, "privateKeyMultibase")->valuestring, priv.len);
	cJSON_Delete(o);
	lp_buf_free(&pub);
	lp_buf_free(&priv);
}

int
lp_credential_new_key(const char *path, struct lp_buf *did)
{
	unsigned char seed[LP_ED25519_SEED];
	struct lp_signer s;
	struct lp_buf text = { 0 };
	int fd, rc = -1;

	sodium_ready();
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			lp_error("%s: already exists: a key is never overwritten (choose another name, "
			    "or move the old key away first)", path);
		else
			lp_error("cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	randombytes_buf(seed, sizeof seed);
	lp_signer_from_seed(&s, seed);
	key_text(&s, seed, &text);
	sodium_memzero(seed, sizeof seed);
	/* The umask may only have narrowed 0600; make it exactly that. */
	if (fchmod(fd, 0600) < 0 || write_all(fd, text.data, text.len) < 0 || fsync(fd) < 0)
		lp_error("cannot write %s: %s", path, strerror(errno));
	else
		rc = 0;
	if (close(fd) < 0 && rc == 0) {
		lp_error("cannot write %s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && sync_parent(path) < 0) {
		lp_error("cannot sync the directory of %s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc < 0)
		unlink(path);
	else if (did)
		lp_buf_adds(did, s.did);
	sodium_memzero(text.data, text.len);
	lp_buf_free(&text);
	lp_signer_free(&s);
	return rc;
}

/* ---- proofs ---- */

/* SHA-256(JCS(proof options)) || SHA-256(JCS(document)); -1 with *why. */
static int
hash_data(const cJSON *options, const cJSON *doc, unsigned char out[2 * LP_SHA256_LEN],
    const char **why)
{
	struct lp_buf b = { 0 };
	struct lp_sha256 c;
	int rc = -1;

	if (lp_jcs(options, &b, why) == 0) {
		lp_sha256_init(&c);
		lp_sha256_update(&c, b.data, b.len);
		lp_sha256_final(&c, out);
		lp_buf_reset(&b);
		if (lp_jcs(doc, &b, why) == 0) {
			lp_sha256_init(&c);
			lp_sha256_update(&c, b.data, b.len);
			lp_sha256_final(&c, out + LP_SHA256_LEN);
			rc = 0;
		}
	}
	lp_buf_free(&b);
	return rc;
}

int
lp_proof_add(cJSON *doc, const struct lp_signer *s, const char *created, const char **why)
{
	unsigned char hash[2 * LP_SHA256_LEN], sig[LP_ED25519_SIG];
	const cJSON *context = cJSON_GetObjectItemCaseSensitive(doc, "@context");
	struct lp_buf value = { 0 };
	cJSON *proof = cJSON_CreateObject();

	cJSON_AddStringToObject(proof, "type", "DataIntegrityProof");
	cJSON_AddStringToObject(proof, "cryptosuite", "eddsa-jcs-2022");
	cJSON_AddStringToObject(proof, "created", created);
	cJSON_AddStringToObject(proof, "verificationMethod", s->vm);
	cJSON_AddStringToObject(proof, "proofPurpose", "assertionMethod");
	if (context)
		cJSON_AddItemToObject(proof, "@context", cJSON_Duplicate(context, 1));
	if (hash_data(proof, doc, hash, why) < 0) {
		cJSON_Delete(proof);
		return -1;
	}
	crypto_sign_detached(sig, NULL, hash, sizeof hash, s->sk);
	lp_buf_addc(&value, 'z');
	lp_base58_encode(sig, sizeof sig, &value);
	cJSON_AddStringToObject(proof, "proofValue", value.data);
	cJSON_AddItemToObject(doc, "proof", proof);
	lp_buf_free(&value);
	return 0;
}

/* ---- verifying ---- */

/*
 * The date of an XML Schema date-time (YYYY-MM-DDThh:mm:ss, optional
 * fraction, Z or an offset), or of a plain date.  -1 when it is neither.
 */
static int
datetime_date(const char *s, lp_date *d)
{
	static const char shape[] = "Tdd:dd:dd";
	char date[11];
	const char *t = s + 10;

	if (strlen(s) < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (lp_date_parse(date, d) < 0)
		return -1;
	if (*t == '\0')
		return 0;
	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? !(t[i] >= '0' && t[i] <= '9') : t[i] != shape[i])
			return -1;
	t += sizeof shape - 1;
	if (*t == '.' && strspn(t + 1, "0123456789") > 0)
		t += 1 + strspn(t + 1, "0123456789");
	if (strcmp(t, "Z") == 0 || *t == '\0')
		return 0;
	if ((*t == '+' || *t == '-') && strlen(t) == 6 && t[3] == ':' &&
	    strspn(t + 1, "0123456789") == 2 && strspn(t + 4, "0123456789") == 2)
		return 0;
	return -1;
}

struct verify {
	cJSON *doc;		/* the secured document, then without its proof */
	cJSON *proof;		/* detached from doc */
	unsigned char pk[LP_ED25519_PUBLIC];
	struct lp_buf sig;
	const char *vm;
	struct lp_buf *why;
};

/* Put a reason in v->why and return rc (-1 malformed, 1 invalid). */
static int say(struct verify *v, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
say(struct verify *v, int rc, const char *fmt, ...)
{
	char *msg;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		lp_die("out of memory");
	va_end(ap);
	lp_buf_adds(v->why, msg);
	free(msg);
	return rc;
}

/* The proof's own fields: the cryptosuite, the key, the signature. */
static int
check_proof(struct verify *v)
{
	const char *type = key_string(v->proof, "type"), *suite = key_string(v->proof, "cryptosuite");
	const char *value = key_string(v->proof, "proofValue"), *created = key_string(v->proof, "created");
	const char *why;
	lp_date d;

	if (cJSON_IsArray(v->proof))
		return say(v, -1, "a set of proofs: only a single proof is supported");
	if (!cJSON_IsObject(v->proof))
		return say(v, -1, "the proof is not a JSON object");
	if (!type || strcmp(type, "DataIntegrityProof") != 0)
		return say(v, -1, "unsupported proof type '%s': expected DataIntegrityProof", type ? type : "");
	if (!suite || strcmp(suite, "eddsa-jcs-2022") != 0)
		return say(v, -1, "unsupported cryptosuite '%s': expected eddsa-jcs-2022", suite ? suite : "");
	if (!(v->vm = key_string(v->proof, "verificationMethod")))
		return say(v, -1, "the proof has no verificationMethod");
	if (lp_didkey_public(v->vm, v->pk, &why) < 0)
		return say(v, -1, "verificationMethod: %s", why);
	if (!value || value[0] != 'z' || lp_base58_decode(value + 1, strlen(value + 1), &v->sig) < 0 ||
	    v->sig.len != LP_ED25519_SIG)
		return say(v, -1, "proofValue is not a base58-btc Ed25519 signature");
	if (cJSON_GetObjectItemCaseSensitive(v->proof, "created") &&
	    (!created || datetime_date(created, &d) < 0))
		return say(v, -1, "the proof's created is not a date-time");
	return 0;
}

/* The document's @context as an array (a single string is one element). */
static int
context_at(const cJSON *ctx, int i, const cJSON **out)
{
	if (cJSON_IsArray(ctx)) {
		*out = cJSON_GetArrayItem(ctx, i);
		return *out != NULL;
	}
	*out = ctx;
	return ctx && i == 0;
}

/*
 * The proof's @context must begin the document's (vc-di-eddsa, verify
 * step 4) and then stands in for it.  0, or 1 when it does not.
 */
static int
apply_context(struct verify *v, cJSON *options)
{
	const cJSON *pctx = cJSON_GetObjectItemCaseSensitive(options, "@context");
	const cJSON *dctx = cJSON_GetObjectItemCaseSensitive(v->doc, "@context");
	int n = cJSON_IsArray(pctx) ? cJSON_GetArraySize(pctx) : 1;

	if (!pctx)
		return 0;
	for (int i = 0; i < n; i++) {
		const cJSON *a, *b;

		context_at(pctx, i, &a);
		if (!context_at(dctx, i, &b) || !cJSON_Compare(a, b, 1))
			return say(v, 1, "the proof's @context is not the start of the document's");
	}
	cJSON_DeleteItemFromObjectCaseSensitive(v->doc, "@context");
	cJSON_AddItemToObject(v->doc, "@context", cJSON_Duplicate(pctx, 1));
	return 0;
}

/* Does the signature verify over (options, doc)?  1 yes, 0 no, -1 malformed. */
static int
signature_ok(struct verify *v, const cJSON *options)
{
	unsigned char hash[2 * LP_SHA256_LEN];
	const char *why;

	if (hash_data(options, v->doc, hash, &why) < 0)
		return say(v, -1, "the document cannot be canonicalised: %s", why);
	return crypto_sign_verify_detached((const unsigned char *)v->sig.data, hash, sizeof hash, v->pk) == 0;
}

/*
 * Verify the signature.  A proof without @context is first checked as it
 * stands (the current vc-di-eddsa), then with the document's @context
 * added to the options, as the 2023 drafts signed it.
 */
static int
check_signature(struct verify *v)
{
	cJSON *options = cJSON_Duplicate(v->proof, 1);
	const cJSON *dctx;
	int had = cJSON_GetObjectItemCaseSensitive(options, "@context") != NULL;
	int ok;

	cJSON_DeleteItemFromObjectCaseSensitive(options, "proofValue");
	if (apply_context(v, options) != 0) {
		cJSON_Delete(options);
		return 1;
	}
	ok = signature_ok(v, options);
	dctx = cJSON_GetObjectItemCaseSensitive(v->doc, "@context");
	if (ok == 0 && !had && dctx) {
		cJSON_AddItemToObject(options, "@context", cJSON_Duplicate(dctx, 1));
		ok = signature_ok(v, options);
	}
	cJSON_Delete(options);
	if (ok == 0)
		return say(v, 1, "the signature does not verify: the document was changed after it was "
		    "signed, or was not signed by %s", v->vm);
	return ok < 0 ? -1 : 0;
}

/* Signed by the issuer?  Only a did:key issuer can be compared with the key. */
static int
check_issuer(struct verify *v)
{
	const cJSON *iss = cJSON_GetObjectItemCaseSensitive(v->doc, "issuer");
	const char *id = cJSON_IsString(iss) ? iss->valuestring : key_string(iss, "id");
	const char *purpose = key_string(v->proof, "proofPurpose");
	size_t len = strcspn(v->vm, "#");

	if (!purpose || strcmp(purpose, "assertionMethod") != 0)
		return say(v, 1, "the proof's purpose is '%s', not assertionMethod", purpose ? purpose : "");
	if (id && strncmp(id, "did:key:", 8) == 0 && (strlen(id) != len || strncmp(id, v->vm, len) != 0))
		return say(v, 1, "signed by a key that is not the issuer's (the issuer is %s)", id);
	return 0;
}

/* A validity date: 0 and *d (LP_DATE_NONE when absent), or -1. */
static int
validity_date(struct verify *v, const char *name, const char *old, lp_date *d)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(v->doc, name);

	*d = LP_DATE_NONE;
	if (!x) {
		name = old;
		x = cJSON_GetObjectItemCaseSensitive(v->doc, old);
	}
	if (x && (!cJSON_IsString(x) || datetime_date(x->valuestring, d) < 0))
		return say(v, -1, "%s is not a date-time", name);
	return 0;
}

static int
check_dates(struct verify *v, lp_date today)
{
	lp_date from, until;
	char f[11], u[11];

	if (validity_date(v, "validFrom", "issuanceDate", &from) < 0 ||
	    validity_date(v, "validUntil", "expirationDate", &until) < 0)
		return -1;
	lp_date_format(from, f);
	lp_date_format(until, u);
	if (from != LP_DATE_NONE && today < from)
		return say(v, 1, "not yet valid: it is valid from %s", f);
	if (until != LP_DATE_NONE && today > until)
		return say(v, 1, "expired: it was valid until %s", u);
	lp_buf_addf(v->why, "valid: signed by %.*s", (int)strcspn(v->vm, "#"), v->vm);
	if (from != LP_DATE_NONE)
		lp_buf_addf(v->why, ", valid from %s", f);
	if (until != LP_DATE_NONE)
		lp_buf_addf(v->why, " until %s", u);
	return 0;
}

int
lp_credential_verify(const char *json, size_t len, lp_date today, struct lp_buf *why)
{
	struct verify v = { .why = why };
	struct lp_buf canon = { 0 };
	const char *reason;
	int rc;

	sodium_ready();
	if (lp_jcs_parse(json, len, &v.doc, &reason) < 0 || lp_jcs(v.doc, &canon, &reason) < 0)
		rc = say(&v, -1, "not a JSON document: %s", reason);
	else if (!cJSON_IsObject(v.doc))
		rc = say(&v, -1, "not a JSON object");
	else if (!(v.proof = cJSON_DetachItemFromObjectCaseSensitive(v.doc, "proof")))
		rc = say(&v, -1, "there is no proof: the document is not signed");
	else if ((rc = check_proof(&v)) == 0 && (rc = check_signature(&v)) == 0 &&
	    (rc = check_issuer(&v)) == 0)
		rc = check_dates(&v, today);
	cJSON_Delete(v.proof);
	cJSON_Delete(v.doc);
	lp_buf_free(&v.sig);
	lp_buf_free(&canon);
	return rc;
}
