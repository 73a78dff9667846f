/*
 * credential-issue.c - the Open Badges 3.0 OpenBadgeCredential that
 * `lp-report credential` issues for an accredited portfolio, signed with
 * an eddsa-jcs-2022 proof (credential.c).
 *
 * What lp issues:
 *   @context     VC 2.0 and Open Badges 3.0.3
 *   id           urn:uuid, a version 8 UUID from the SHA-256 of the
 *                issuer's DID, the portfolio id and the accredited date:
 *                issuing again for the same award gives the same id
 *   type         VerifiableCredential, OpenBadgeCredential
 *   issuer       a Profile: the did:key, the name, the url when given
 *   validFrom    the accredited date, 00:00:00Z
 *   validUntil   the expiry (lp_expiry), 23:59:59Z: lp counts the day a
 *                portfolio expires as the last day it is current
 *   credentialSubject
 *                an AchievementSubject named by IdentityObjects (the
 *                practitioner's name and lp id, unhashed), holding the
 *                Achievement with an Alignment to each standard
 *   evidence     one per evidence item: title, date, standards, reach,
 *                and the SHA-256 of its narrative, so the narrative
 *                itself (which names colleagues and pupils) stays in the
 *                portfolio while a copy can still be checked against it
 *   proof        eddsa-jcs-2022, created on the day of issue at
 *                00:00:00Z: lp works in dates, and the same inputs on
 *                the same day give the same bytes
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "credential.h"
#include "sha256.h"

static const char ACHIEVEMENT_DESCRIPTION[] =
    "Accreditation as a Lead Practitioner: a member of school or college "
    "staff whose work develops the practice of colleagues, and through them "
    "the progress of learners, beyond their own team. It is awarded on a "
    "moderated portfolio of evidence and lasts three years.";

static const char CRITERIA_NARRATIVE[] =
    "A portfolio of evidence, moderated against each standard of the framework "
    "aligned below, showing that colleagues adopted what the holder shared, "
    "with the reach each level of the framework asks for.";

/* s with everything but [A-Za-z0-9._-] percent-encoded, for a URN. */
static void
urn_part(struct lp_buf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-')
			lp_buf_addc(out, (char)c);
		else
			lp_buf_addf(out, "%%%02X", c);
	}
}

static char *
urn(const char *kind, const char *a, const char *b)
{
	struct lp_buf u = { 0 };

	lp_buf_addf(&u, "urn:lp:%s:", kind);
	urn_part(&u, a);
	if (b) {
		lp_buf_addc(&u, ':');
		urn_part(&u, b);
	}
	return lp_buf_detach(&u);
}

static char *
credential_id(const char *did, const char *pid, lp_date accredited)
{
	unsigned char d[LP_SHA256_LEN];
	struct lp_sha256 c;
	char date[11];
	char *id;

	lp_date_format(accredited, date);
	lp_sha256_init(&c);
	lp_sha256_update(&c, "lp credential\n", 14);
	lp_sha256_update(&c, did, strlen(did) + 1);
	lp_sha256_update(&c, pid, strlen(pid) + 1);
	lp_sha256_update(&c, date, 10);
	lp_sha256_final(&c, d);
	d[6] = (unsigned char)((d[6] & 0x0f) | 0x80);	/* version 8 (RFC 9562) */
	d[8] = (unsigned char)((d[8] & 0x3f) | 0x80);	/* variant 10 */
	id = lp_xasprintf("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
	    d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
	return id;
}

static cJSON *
strings(const char *a, const char *b)
{
	cJSON *arr = cJSON_CreateArray();

	cJSON_AddItemToArray(arr, cJSON_CreateString(a));
	if (b)
		cJSON_AddItemToArray(arr, cJSON_CreateString(b));
	return arr;
}

static cJSON *
identity(const char *type, const char *value)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "type", "IdentityObject");
	cJSON_AddStringToObject(o, "identityHash", value);
	cJSON_AddStringToObject(o, "identityType", type);
	cJSON_AddBoolToObject(o, "hashed", 0);
	return o;
}

static cJSON *
achievement(const struct lp_framework *fw)
{
	cJSON *a = cJSON_CreateObject(), *criteria = cJSON_CreateObject();
	cJSON *align = cJSON_CreateArray();
	char *id = urn("achievement", "lead-practitioner", fw->id);

	cJSON_AddStringToObject(a, "id", id);
	free(id);
	cJSON_AddItemToObject(a, "type", strings("Achievement", NULL));
	cJSON_AddStringToObject(a, "name", "Lead Practitioner");
	cJSON_AddStringToObject(a, "description", ACHIEVEMENT_DESCRIPTION);
	cJSON_AddStringToObject(criteria, "narrative", CRITERIA_NARRATIVE);
	cJSON_AddItemToObject(a, "criteria", criteria);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const struct lp_standard *st = &fw->std[i];
		cJSON *al = cJSON_CreateObject();
		char *name = lp_xasprintf("%s %s", st->id, st->name);
		char *url = urn("framework", fw->id, st->id);

		cJSON_AddItemToObject(al, "type", strings("Alignment", NULL));
		cJSON_AddStringToObject(al, "targetName", name);
		cJSON_AddStringToObject(al, "targetCode", st->id);
		cJSON_AddStringToObject(al, "targetFramework", fw->id);
		cJSON_AddStringToObject(al, "targetUrl", url);
		cJSON_AddItemToArray(align, al);
		free(name);
		free(url);
	}
	cJSON_AddItemToObject(a, "alignment", align);
	return a;
}

static cJSON *
evidence_item(const struct lp_evidence *e)
{
	cJSON *o = cJSON_CreateObject();
	struct lp_buf desc = { 0 };
	char date[11], hex[2 * LP_SHA256_LEN + 1];
	const char *sep = "";

	lp_date_format(e->date, date);
	lp_buf_addf(&desc, "Dated %s; standards ", date);
	for (int i = 0; i < LP_NSTANDARDS; i++)
		if (e->standards & (1u << i)) {
			lp_buf_addf(&desc, "%s%s", sep, lp_standard_id(i));
			sep = ", ";
		}
	lp_buf_addf(&desc, "; reach: %s.", lp_reach_name(e->reach));
	lp_sha256_hex(e->doc.body ? e->doc.body : "", e->doc.body ? e->doc.body_len : 0, hex);
	cJSON_AddItemToObject(o, "type", strings("Evidence", NULL));
	cJSON_AddStringToObject(o, "name", e->title);
	cJSON_AddStringToObject(o, "description", lp_buf_str(&desc));
	if (e->type && *e->type)
		cJSON_AddStringToObject(o, "genre", e->type);
	cJSON_AddStringToObject(o, "narrativeSha256", hex);
	lp_buf_free(&desc);
	return o;
}

/* 0, or 1 after a message when p holds no current accreditation. */
static int
accredited_now(const struct lp_portfolio *p, lp_date today, lp_date *expires)
{
	char acc[11], exp[11];
	long days;
	enum lp_renewal r = lp_renewal_of(p->accredited, today, 0, expires, &days);

	lp_date_format(p->accredited, acc);
	lp_date_format(*expires, exp);
	if (r == LP_RENEWAL_NOT_ACCREDITED) {
		lp_error("%s: not accredited (portfolio.md has no accredited date): "
		    "there is no award to certify", p->label);
		return 1;
	}
	if (r == LP_RENEWAL_EXPIRED) {
		lp_error("%s: the accreditation of %s expired on %s: a credential is issued "
		    "only for a current accreditation", p->label, acc, exp);
		return 1;
	}
	return 0;
}

static int
issuer_ok(const char *name, const char *url)
{
	if (!name || !*name || !lp_utf8_valid(name, strlen(name))) {
		lp_error("the issuer's name is needed (--issuer-name), in UTF-8");
		return -1;
	}
	if (url && strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) {
		lp_error("issuer URL '%s': expected an address starting https:// or http://", url);
		return -1;
	}
	if (url && (!lp_utf8_valid(url, strlen(url)) || strpbrk(url, " \t\r\n\"<>"))) {
		lp_error("issuer URL '%s': expected no spaces, quotes or angle brackets", url);
		return -1;
	}
	return 0;
}

/* The unsigned credential. */
static cJSON *
credential_doc(const struct lp_portfolio *p, const struct lp_framework *fw,
    const struct lp_signer *s, const char *issuer_name, const char *issuer_url, lp_date expires)
{
	cJSON *c = cJSON_CreateObject(), *issuer = cJSON_CreateObject();
	cJSON *subject = cJSON_CreateObject(), *ids = cJSON_CreateArray();
	cJSON *evidence = cJSON_CreateArray();
	char date[11], *id = credential_id(s->did, p->id, p->accredited), *t;

	cJSON_AddItemToObject(c, "@context", strings("https://www.w3.org/ns/credentials/v2",
	    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
	cJSON_AddStringToObject(c, "id", id);
	cJSON_AddItemToObject(c, "type", strings("VerifiableCredential", "OpenBadgeCredential"));
	cJSON_AddStringToObject(c, "name", "Lead Practitioner");
	cJSON_AddStringToObject(issuer, "id", s->did);
	cJSON_AddItemToObject(issuer, "type", strings("Profile", NULL));
	cJSON_AddStringToObject(issuer, "name", issuer_name);
	if (issuer_url)
		cJSON_AddStringToObject(issuer, "url", issuer_url);
	cJSON_AddItemToObject(c, "issuer", issuer);
	lp_date_format(p->accredited, date);
	t = lp_xasprintf("%sT00:00:00Z", date);
	cJSON_AddStringToObject(c, "validFrom", t);
	free(t);
	lp_date_format(expires, date);
	t = lp_xasprintf("%sT23:59:59Z", date);
	cJSON_AddStringToObject(c, "validUntil", t);
	free(t);
	cJSON_AddItemToObject(subject, "type", strings("AchievementSubject", NULL));
	cJSON_AddItemToArray(ids, identity("name", p->name));
	cJSON_AddItemToArray(ids, identity("ext:LeadPractitionerId", p->id));
	cJSON_AddItemToObject(subject, "identifier", ids);
	cJSON_AddItemToObject(subject, "achievement", achievement(fw));
	cJSON_AddItemToObject(c, "credentialSubject", subject);
	for (size_t i = 0; i < p->nev; i++)
		cJSON_AddItemToArray(evidence, evidence_item(&p->ev[i]));
	cJSON_AddItemToObject(c, "evidence", evidence);
	free(id);
	return c;
}

int
lp_credential_issue(const struct lp_portfolio *p, const struct lp_framework *fw,
    lp_date today, const char *keyfile, const char *issuer_name, const char *issuer_url,
    struct lp_buf *out)
{
	struct lp_signer s;
	lp_date expires;
	char date[11], *created;
	const char *why;
	cJSON *c;
	int rc;

	if ((rc = accredited_now(p, today, &expires)) != 0)
		return rc;
	if (issuer_ok(issuer_name, issuer_url) < 0 || lp_signer_load(&s, keyfile) < 0)
		return -1;
	c = credential_doc(p, fw, &s, issuer_name, issuer_url, expires);
	lp_date_format(today, date);
	created = lp_xasprintf("%sT00:00:00Z", date);
	rc = lp_proof_add(c, &s, created, &why);
	if (rc == 0)
		rc = lp_jcs_pretty(c, out, &why);
	if (rc < 0)
		lp_error("%s: the credential cannot be signed: %s", p->label, why);
	free(created);
	cJSON_Delete(c);
	lp_signer_free(&s);
	return rc;
}
