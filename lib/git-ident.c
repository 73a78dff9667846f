/*
 * git-ident.c - who a commit or tag is by, and when, as git decides it.
 *
 * git takes the author and committer from GIT_AUTHOR_NAME and friends,
 * then author.name / committer.name, then user.name, and dates from
 * GIT_AUTHOR_DATE / GIT_COMMITTER_DATE in any of several formats; lp
 * does the same so that a commit lp makes is the commit git would make.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <git2.h>

#include "lp.h"
#include "gitsafe.h"

struct ident {
	char *name;
	char *email;
	const char *date;	/* GIT_*_DATE or NULL for now */
	const char *date_var;
};

/* ------------------------------------------------------------------ */
/* Identities and dates, as git takes them from the environment         */

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm). */
static long
days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
valid_ymd(long y, long m, long d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

static int
digits(const char **s, int min, int max, long *out)
{
	const char *p = *s;
	long v = 0;
	int n = 0;

	while (n < max && *p >= '0' && *p <= '9') {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n < min)
		return -1;
	*s = p;
	*out = v;
	return 0;
}

/* "+0100", "+01:00", "+01", "-0530" or "Z"; minutes east of UTC. */
static int
parse_zone(const char **s, int *off)
{
	const char *p = *s;
	long hh, mm = 0;
	int sign;

	if (*p == 'Z' || *p == 'z') {
		*s = p + 1;
		*off = 0;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, 2, &hh) < 0)
		return -1;
	if (*p == ':')
		p++;
	if (*p >= '0' && *p <= '9' && digits(&p, 2, 2, &mm) < 0)
		return -1;
	if (hh > 14 || mm > 59)
		return -1;
	*off = sign * (int)(hh * 60 + mm);
	*s = p;
	return 0;
}

/* HH:MM[:SS[.fraction]] */
static int
parse_clock(const char **s, long *secs)
{
	const char *p = *s;
	long hh, mi, ss = 0;

	if (digits(&p, 2, 2, &hh) < 0 || *p++ != ':' || digits(&p, 2, 2, &mi) < 0)
		return -1;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, 2, &ss) < 0)
			return -1;
		if (*p == '.' || *p == ',') {
			long frac;

			p++;
			if (digits(&p, 1, 9, &frac) < 0)
				return -1;
		}
	}
	if (hh > 23 || mi > 59 || ss > 60)
		return -1;
	*secs = hh * 3600 + mi * 60 + ss;
	*s = p;
	return 0;
}

/* A wall-clock time with no zone is local time, as git takes it. */
static int
local_time(long y, long m, long d, long secs, git_time_t *t, int *off)
{
	struct tm tm = {0};
	time_t tt;

	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)m - 1;
	tm.tm_mday = (int)d;
	tm.tm_hour = (int)(secs / 3600);
	tm.tm_min = (int)(secs / 60 % 60);
	tm.tm_sec = (int)(secs % 60);
	tm.tm_isdst = -1;
	tt = mktime(&tm);
	if (tt == (time_t)-1)
		return -1;
	*t = (git_time_t)tt;
	*off = (int)(tm.tm_gmtoff / 60);
	return 0;
}

static int
finish_date(const char *p, long y, long m, long d, long secs, git_time_t *t,
    int *off)
{
	while (*p == ' ')
		p++;
	if (!*p)
		return local_time(y, m, d, secs, t, off);
	if (parse_zone(&p, off) < 0)
		return -1;
	while (*p == ' ')
		p++;
	if (*p)
		return -1;
	*t = (git_time_t)days_from_civil(y, m, d) * 86400 + secs - *off * 60;
	return 0;
}

/*
 * The date formats git accepts in GIT_AUTHOR_DATE that people use:
 * "@1768471200 +0000" and "1768471200 +0000" (git's own), ISO 8601
 * ("2026-01-15T10:00:00Z", "2026-01-15 10:00:00 +0100") and RFC 2822
 * ("Thu, 15 Jan 2026 10:00:00 +0000").
 */
static int
parse_date(const char *s, git_time_t *t, int *off)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	const char *p = s;
	long y, m, d, secs;

	while (*p == ' ')
		p++;
	if (*p == '@' || (*p >= '0' && *p <= '9' && strspn(p, "0123456789") >= 9)) {
		char *end;
		long long v;

		p += *p == '@';
		errno = 0;
		v = strtoll(p, &end, 10);
		if (errno || end == p || v < 0)
			return -1;
		p = end;
		while (*p == ' ')
			p++;
		*off = 0;
		if (*p && parse_zone(&p, off) < 0)
			return -1;
		if (*p)
			return -1;
		*t = (git_time_t)v;
		return 0;
	}
	if (*p >= '0' && *p <= '9' && strspn(p, "0123456789") == 4) {
		if (digits(&p, 4, 4, &y) < 0 || *p++ != '-' ||
		    digits(&p, 2, 2, &m) < 0 || *p++ != '-' ||
		    digits(&p, 2, 2, &d) < 0 || !valid_ymd(y, m, d))
			return -1;
		if (*p != 'T' && *p != 't' && *p != ' ')
			return -1;
		p++;
		if (parse_clock(&p, &secs) < 0)
			return -1;
		return finish_date(p, y, m, d, secs, t, off);
	}
	/* RFC 2822: an optional day name, then "15 Jan 2026 10:00:00 +0000". */
	if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
		p += strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
		if (*p++ != ',')
			return -1;
		while (*p == ' ')
			p++;
	}
	if (digits(&p, 1, 2, &d) < 0 || *p++ != ' ')
		return -1;
	for (m = 0; m < 12; m++)
		if (strncasecmp(p, months + 3 * m, 3) == 0)
			break;
	if (m == 12)
		return -1;
	m++;
	p += 3;
	if (*p++ != ' ' || digits(&p, 4, 4, &y) < 0 || *p++ != ' ' ||
	    !valid_ymd(y, m, d) || parse_clock(&p, &secs) < 0)
		return -1;
	return finish_date(p, y, m, d, secs, t, off);
}

static char *
env_nonempty(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? lp_xstrdup(v) : NULL;
}

static char *
config_string(git_config *cfg, const char *key)
{
	const char *v = NULL;

	if (cfg && git_config_get_string(&v, cfg, key) == 0 && v && *v)
		return lp_xstrdup(v);
	return NULL;
}

/*
 * One identity as git finds it: the environment, then author.name or
 * committer.name, then user.name (and the same for email).
 */
static void
ident_lookup(git_config *cfg, const char *role, struct ident *id)
{
	char var[32], key[32];

	snprintf(var, sizeof var, "GIT_%s_NAME", role);
	snprintf(key, sizeof key, "%s.name", role[0] == 'A' ? "author" : "committer");
	if (!(id->name = env_nonempty(var)) && !(id->name = config_string(cfg, key)))
		id->name = config_string(cfg, "user.name");
	snprintf(var, sizeof var, "GIT_%s_EMAIL", role);
	snprintf(key, sizeof key, "%s.email", role[0] == 'A' ? "author" : "committer");
	if (!(id->email = env_nonempty(var)) && !(id->email = config_string(cfg, key)) &&
	    !(id->email = config_string(cfg, "user.email")))
		id->email = env_nonempty("EMAIL");
	id->date_var = role[0] == 'A' ? "GIT_AUTHOR_DATE" : "GIT_COMMITTER_DATE";
	id->date = getenv(id->date_var);
	if (id->date && !*id->date)
		id->date = NULL;
}

static int
ident_sign(const struct ident *id, git_time_t now, int now_off, git_signature **out)
{
	git_time_t t = now;
	int off = now_off;

	if (id->date && parse_date(id->date, &t, &off) < 0) {
		lp_error("%s: not a date git understands: %s", id->date_var, id->date);
		return -1;
	}
	if (git_signature_new(out, id->name, id->email, t, off) < 0)
		return lp_git_fail("git identity");
	return 0;
}

/*
 * Author and committer for a commit or tag.  When only one of the two is
 * given (say GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL with no configuration),
 * it serves for both, rather than failing as git would.
 */
int
lp_git_signatures(git_repository *repo, git_signature **author, git_signature **committer)
{
	struct ident a = {0}, c = {0};
	git_config *cfg = NULL;
	git_signature *now = NULL;
	git_time_t t;
	int off, rc = -1;

	*author = *committer = NULL;
	if (git_repository_config_snapshot(&cfg, repo) < 0)
		git_error_clear();
	ident_lookup(cfg, "AUTHOR", &a);
	ident_lookup(cfg, "COMMITTER", &c);
	if (!a.name && c.name)
		a.name = lp_xstrdup(c.name);
	if (!c.name && a.name)
		c.name = lp_xstrdup(a.name);
	if (!a.email && c.email)
		a.email = lp_xstrdup(c.email);
	if (!c.email && a.email)
		c.email = lp_xstrdup(a.email);
	if (!a.name || !a.email) {
		lp_error("no git identity: set user.name and user.email "
		    "(git config --global user.name ...)");
		goto out;
	}
	/* One clock reading for both, so that an undated commit is consistent. */
	if (git_signature_now(&now, a.name, a.email) < 0) {
		lp_git_fail("git identity");
		goto out;
	}
	t = now->when.time;
	off = now->when.offset;
	if (ident_sign(&a, t, off, author) < 0 || ident_sign(&c, t, off, committer) < 0) {
		git_signature_free(*author);
		*author = NULL;
		goto out;
	}
	rc = 0;
out:
	git_signature_free(now);
	git_config_free(cfg);
	free(a.name);
	free(a.email);
	free(c.name);
	free(c.email);
	return rc;
}

