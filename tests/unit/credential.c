/*
 * credential.c - unit tests for lib/credential.c: Multikey, did:key,
 * eddsa-jcs-2022 signing and verifying.  Prints TAP.
 *
 * The vectors are W3C vc-di-eddsa's for eddsa-jcs-2022, copied as data
 * from github.com/w3c/vc-di-eddsa (commit abb673eb, W3C Software and
 * Document License), TestVectors/keyPair.json and
 * TestVectors/eddsa-jcs-2022/: canonDocJCS.txt, docHashJCS.txt,
 * proofCanonJCS.txt, proofHashJCS.txt, sigHexJCS.txt, sigBTC58JCS.txt
 * and signedJCS.json (also in tests/data/vc-di-eddsa/ for the shell
 * tests).  Ed25519 signatures are deterministic, so signing the
 * unsigned credential again must give the vector's signature exactly.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lp.h"
#include "credential.h"
#include "sha256.h"

static const char PUBLIC[] = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
static const char SECRET[] = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

static const char SIGNED[] =
    "{\n  \"@context\": [\n    \"https://www.w3.org/ns/credentials/v2\",\n"
    "    \"https://www.w3.org/ns/credentials/examples/v2\"\n  ],\n"
    "  \"id\": \"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33\",\n"
    "  \"type\": [\n    \"VerifiableCredential\",\n    \"AlumniCredential\"\n  ],\n"
    "  \"name\": \"Alumni Credential\",\n"
    "  \"description\": \"A minimum viable example of an Alumni Credential.\",\n"
    "  \"issuer\": \"https://vc.example/issuers/5678\",\n"
    "  \"validFrom\": \"2023-01-01T00:00:00Z\",\n"
    "  \"credentialSubject\": {\n    \"id\": \"did:example:abcdefgh\",\n"
    "    \"alumniOf\": \"The School of Examples\"\n  },\n"
    "  \"proof\": {\n    \"type\": \"DataIntegrityProof\",\n"
    "    \"cryptosuite\": \"eddsa-jcs-2022\",\n"
    "    \"created\": \"2023-02-24T23:36:38Z\",\n"
    "    \"verificationMethod\": \"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2\",\n"
    "    \"proofPurpose\": \"assertionMethod\",\n"
    "    \"@context\": [\n      \"https://www.w3.org/ns/credentials/v2\",\n"
    "      \"https://www.w3.org/ns/credentials/examples/v2\"\n    ],\n"
    "    \"proofValue\": \"z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX\"\n"
    "  }\n}";

static const char CANON_DOC[] =
    "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\",\"https://www.w3.org/ns/credentials/examples/v2\"],"
    "\"credentialSubject\":{\"alumniOf\":\"The School of Examples\",\"id\":\"did:example:abcdefgh\"},"
    "\"description\":\"A minimum viable example of an Alumni Credential.\","
    "\"id\":\"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33\",\"issuer\":\"https://vc.example/issuers/5678\","
    "\"name\":\"Alumni Credential\",\"type\":[\"VerifiableCredential\",\"AlumniCredential\"],"
    "\"validFrom\":\"2023-01-01T00:00:00Z\"}";
static const char DOC_HASH[] = "59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19";
static const char CANON_PROOF[] =
    "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\",\"https://www.w3.org/ns/credentials/examples/v2\"],"
    "\"created\":\"2023-02-24T23:36:38Z\",\"cryptosuite\":\"eddsa-jcs-2022\",\"proofPurpose\":\"assertionMethod\","
    "\"type\":\"DataIntegrityProof\",\"verificationMethod\":\"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2\"}";
static const char PROOF_HASH[] = "66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db";
static const char SIG_HEX[] =
    "407cd12654b33d718ecbb99179a1506daaa849450bf3fc523cce3e1c96f8b803"
    "51da3f253d725c6f00b07c9e5448d50b3ef78012b9ab54255116d069c6dd2808";
static const char SIG_B58[] =
    "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX";

static int ntests, nfail;

static void
ok(int cond, const char *name)
{
	ntests++;
	if (!cond)
		nfail++;
	printf("%sok %d - %s\n", cond ? "" : "not ", ntests, name);
}

static void
is(const char *got, const char *want, const char *name)
{
	ok(strcmp(got, want) == 0, name);
	if (strcmp(got, want) != 0)
		printf("#   got:  %s\n#   want: %s\n", got, want);
}

static lp_date
D(const char *s)
{
	lp_date d;

	if (lp_date_parse(s, &d) < 0)
		abort();
	return d;
}

static void
signer_of_vector(struct lp_signer *s)
{
	struct lp_buf b = { 0 };

	/* The seed: base58 after 'z', then past the two bytes of multicodec. */
	if (lp_base58_decode(SECRET + 1, strlen(SECRET) - 1, &b) < 0 || b.len != 34)
		abort();
	lp_signer_from_seed(s, (const unsigned char *)b.data + 2);
	lp_buf_free(&b);
}

static void
keys(void)
{
	struct lp_signer s;
	struct lp_buf pub = { 0 }, sec = { 0 };
	unsigned char pk[LP_ED25519_PUBLIC];
	const char *why;
	char *vm;

	signer_of_vector(&s);
	lp_multikey_public(s.pk, &pub);
	is(lp_buf_str(&pub), PUBLIC, "the vector's secret key makes its public key");
	lp_multikey_secret(s.sk, &sec);	/* the seed is the first half */
	is(lp_buf_str(&sec), SECRET, "the seed encodes back to privateKeyMultibase");
	vm = lp_xasprintf("did:key:%s#%s", PUBLIC, PUBLIC);
	is(s.vm, vm, "the verification method is did:key:KEY#KEY");
	ok(lp_didkey_public(vm, pk, &why) == 0 && memcmp(pk, s.pk, sizeof pk) == 0,
	    "did:key gives back the public key");
	vm[strlen(vm) - 1] = '3';
	ok(lp_didkey_public(vm, pk, &why) < 0, "a did:key whose fragment is another key is refused");
	ok(lp_didkey_public("did:web:example.org", pk, &why) < 0, "did:web is not a did:key");
	ok(lp_didkey_public("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", pk, &why) < 0,
	    "a secp256k1 did:key is not Ed25519");
	ok(lp_multikey_public_decode(SECRET, pk, &why) < 0, "a secret key is not a public key");
	free(vm);
	lp_buf_free(&pub);
	lp_buf_free(&sec);
	lp_signer_free(&s);
}

static void
hex_of(const char *s, size_t n, char out[65])
{
	lp_sha256_hex(s, n, out);
}

static void
vector(void)
{
	struct lp_signer s;
	struct lp_buf b = { 0 }, p = { 0 };
	const char *why;
	char hex[65];
	cJSON *doc, *proof, *mine;

	if (lp_jcs_parse(SIGNED, strlen(SIGNED), &doc, &why) < 0)
		abort();
	proof = cJSON_DetachItemFromObjectCaseSensitive(doc, "proof");
	lp_jcs(doc, &b, &why);
	is(lp_buf_str(&b), CANON_DOC, "canonDocJCS: the unsigned credential's canonical form");
	hex_of(b.data, b.len, hex);
	is(hex, DOC_HASH, "docHashJCS");
	cJSON_DeleteItemFromObjectCaseSensitive(proof, "proofValue");
	lp_jcs(proof, &p, &why);
	is(lp_buf_str(&p), CANON_PROOF, "proofCanonJCS: the proof options' canonical form");
	hex_of(p.data, p.len, hex);
	is(hex, PROOF_HASH, "proofHashJCS");

	signer_of_vector(&s);
	ok(lp_proof_add(doc, &s, "2023-02-24T23:36:38Z", &why) == 0, "signing the unsigned credential");
	mine = cJSON_GetObjectItemCaseSensitive(doc, "proof");
	is(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(mine, "proofValue")), SIG_B58,
	    "sigBTC58JCS: the same signature, in base58-btc");
	{
		struct lp_buf sig = { 0 };
		char h[129];

		lp_base58_decode(SIG_B58 + 1, strlen(SIG_B58) - 1, &sig);
		for (size_t i = 0; i < sig.len && i < 64; i++)
			snprintf(h + 2 * i, 3, "%02x", (unsigned char)sig.data[i]);
		is(h, SIG_HEX, "sigHexJCS: the signature's bytes");
		lp_buf_free(&sig);
	}
	lp_buf_reset(&p);
	cJSON_DeleteItemFromObjectCaseSensitive(mine, "proofValue");
	lp_jcs(mine, &p, &why);
	is(lp_buf_str(&p), CANON_PROOF, "our proof has the vector's fields");
	lp_signer_free(&s);
	cJSON_Delete(proof);
	cJSON_Delete(doc);
	lp_buf_free(&b);
	lp_buf_free(&p);
}

/* verify text on a day: the result, and why in *why (caller frees). */
static int
verify(const char *text, const char *today, char **why)
{
	struct lp_buf w = { 0 };
	int rc = lp_credential_verify(text, strlen(text), D(today), &w);

	*why = lp_buf_detach(&w);
	if (!*why)
		*why = lp_xstrdup("");
	return rc;
}

static void
expect(const char *text, const char *today, int want, const char *words, const char *name)
{
	char *why;
	int rc = verify(text, today, &why);

	ok(rc == want && strstr(why, words) != NULL, name);
	if (rc != want || !strstr(why, words))
		printf("#   got %d: %s\n#   want %d: ...%s...\n", rc, why, want, words);
	free(why);
}

/* SIGNED with the first occurrence of from replaced by to. */
static char *
edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	char *out;

	if (!at)
		abort();
	out = lp_xasprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	return out;
}

/* doc (an object without proof) signed by s, as text. */
static char *
signed_text(cJSON *doc, const struct lp_signer *s)
{
	struct lp_buf b = { 0 };
	const char *why;

	if (lp_proof_add(doc, s, "2025-01-01T00:00:00Z", &why) < 0 || lp_jcs_pretty(doc, &b, &why) < 0)
		abort();
	return lp_buf_detach(&b);
}

static cJSON *
parse(const char *text)
{
	const char *why;
	cJSON *v;

	if (lp_jcs_parse(text, strlen(text), &v, &why) < 0)
		abort();
	return v;
}

static void
verifying(void)
{
	struct lp_signer s, other;
	unsigned char seed[32] = { 7 };
	char *t, *u;
	cJSON *doc;

	expect(SIGNED, "2024-06-01", 0, "valid: signed by did:key:z6MkrJV", "the W3C signed credential verifies");
	expect(SIGNED, "2023-01-01", 0, "valid from 2023-01-01", "valid on its first day");
	expect(SIGNED, "2022-12-31", 1, "not yet valid", "not valid before validFrom");
	t = edit(SIGNED, "The School of Examples", "The School of Exampels");
	expect(t, "2024-06-01", 1, "does not verify", "one changed character: the signature does not verify");
	free(t);
	t = edit(SIGNED, "23:36:38Z", "23:36:39Z");
	expect(t, "2024-06-01", 1, "does not verify", "a changed proof option: the signature does not verify");
	free(t);
	t = edit(SIGNED, "Dg", "gD");
	expect(t, "2024-06-01", 1, "does not verify", "a changed signature does not verify");
	free(t);
	t = edit(SIGNED, "\"issuer\": \"https://vc.example/issuers/5678\"",
	    "\"issuer\": \"https://vc.example/issuers/5678\", \"validUntil\": \"2023-06-30T23:59:59Z\"");
	expect(t, "2024-06-01", 1, "does not verify", "an added validUntil breaks the signature");
	free(t);
	t = edit(SIGNED, "\"eddsa-jcs-2022\"", "\"eddsa-rdfc-2022\"");
	expect(t, "2024-06-01", -1, "unsupported cryptosuite 'eddsa-rdfc-2022'", "another cryptosuite is malformed");
	free(t);
	t = edit(SIGNED, "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#", "did:web:vc.example#");
	expect(t, "2024-06-01", -1, "not a did:key", "a did:web verification method is malformed");
	free(t);
	t = edit(SIGNED, "\"proof\"", "\"proof0\"");
	expect(t, "2024-06-01", -1, "no proof", "no proof is malformed");
	free(t);
	expect("{\"a\":", "2024-06-01", -1, "not a JSON document", "not JSON");
	expect("[1]", "2024-06-01", -1, "not a JSON object", "not an object");
	t = edit(SIGNED, "\"name\"", "\"id\": \"x\", \"name\"");
	expect(t, "2024-06-01", -1, "same name", "a duplicate member is malformed");
	free(t);
	t = edit(SIGNED, "\"proofPurpose\": \"assertionMethod\"", "\"proofPurpose\": \"authentication\"");
	expect(t, "2024-06-01", 1, "does not verify", "a changed purpose does not verify");
	free(t);

	/* Documents signed here: issuer checks, dates, the 2023 form. */
	signer_of_vector(&s);
	lp_signer_from_seed(&other, seed);
	doc = parse("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"],"
	    "\"validFrom\":\"2025-01-01T00:00:00Z\",\"validUntil\":\"2027-12-31T23:59:59Z\"}");
	cJSON_AddItemToObject(doc, "issuer", cJSON_CreateString(other.did));
	t = signed_text(doc, &s);
	expect(t, "2026-01-01", 1, "not the issuer's", "signed by a key that is not the did:key issuer's");
	free(t);
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "proof");
	cJSON_ReplaceItemInObjectCaseSensitive(doc, "issuer", cJSON_CreateString(s.did));
	t = signed_text(doc, &s);
	expect(t, "2027-12-31", 0, "until 2027-12-31", "valid on the day of validUntil");
	expect(t, "2028-01-01", 1, "expired", "expired the day after validUntil");
	u = edit(t, "\"https://www.w3.org/ns/credentials/v2\"", "\"https://www.w3.org/2018/credentials/v1\"");
	expect(u, "2026-01-01", 1, "@context is not the start", "a document @context that the proof's does not begin");
	free(u);
	free(t);
	/* The 2023 drafts signed with the document's @context, left out of the proof. */
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "proof");
	t = signed_text(doc, &s);
	{
		cJSON *v = parse(t);
		struct lp_buf b = { 0 };

		cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(v, "proof"), "@context");
		lp_jcs_pretty(v, &b, NULL);
		u = lp_buf_detach(&b);
		cJSON_Delete(v);
	}
	expect(u, "2026-01-01", 0, "valid", "a proof without @context, signed the 2023 way");
	free(u);
	free(t);
	cJSON_Delete(doc);
	lp_signer_free(&s);
	lp_signer_free(&other);
}

int
main(int argc, char **argv)
{
	lp_setprogname(argv[0]);
	keys();
	vector();
	verifying();
	printf("1..%d\n", ntests);
	return nfail ? 1 : 0;
}
