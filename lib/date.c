/*
 * date.c - ISO 8601 calendar dates as day numbers.
 *
 * Every date lp handles (commencement, deadlines, windows, expiry) is a
 * count of days since 1970-01-01 in the proleptic Gregorian calendar, so
 * that comparing dates is comparing integers and "days left" is a
 * subtraction.  The conversions are Howard Hinnant's days_from_civil and
 * civil_from_days, exact for every year we accept.  Parsing is strict on
 * purpose: a date that a spreadsheet mangled (2025-1-5, 05/01/2025) is an
 * error to report, not a guess to make.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lp.h"

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(long y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

lp_date
lp_date_from_ymd(int y, int m, int d)
{
	/* The year starts in March, so that the leap day comes last. */
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;			/* [0, 399] */
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* [0, 146096] */

	return (lp_date)(era * 146097 + doe - 719468);
}

void
lp_date_to_ymd(lp_date day, int *y, int *m, int *d)
{
	long z = (long)day + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long mm = mp < 10 ? mp + 3 : mp - 9;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
lp_date_parse(const char *s, lp_date *out)
{
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, &y) < 0 || digits(s + 5, 2, &m) < 0 ||
	    digits(s + 8, 2, &d) < 0)
		return -1;
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	*out = lp_date_from_ymd(y, m, d);
	return 0;
}

/*
 * Years beyond 9999 (9999-06-01 plus three years) do not fit the ten
 * characters of the format; they print as "" like LP_DATE_NONE rather
 * than as a truncated, wrong date.
 */
void
lp_date_format(lp_date day, char out[11])
{
	int y, m, d;

	out[0] = '\0';
	if (day == LP_DATE_NONE)
		return;
	lp_date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		return;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

lp_date
lp_date_add_years(lp_date day, int years)
{
	int y, m, d;

	if (day == LP_DATE_NONE)
		return LP_DATE_NONE;
	lp_date_to_ymd(day, &y, &m, &d);
	y += years;
	/* SPEC: a deadline or expiry from 29 February falls on 28 February. */
	if (m == 2 && d == 29 && !is_leap(y))
		d = 28;
	return lp_date_from_ymd(y, m, d);
}

static int
today_from(const char *what, const char *s, lp_date *out)
{
	if (lp_date_parse(s, out) == 0)
		return 0;
	lp_error("%s: expected a date YYYY-MM-DD, got '%s'", what, s);
	return -1;
}

int
lp_today(const char *opt, lp_date *out)
{
	const char *env;
	struct tm tm;
	time_t now;

	if (opt)
		return today_from("--today", opt, out);
	env = getenv("LP_TODAY");
	if (env && *env)
		return today_from("LP_TODAY", env, out);
	now = time(NULL);
	if (now == (time_t)-1 || !localtime_r(&now, &tm)) {
		lp_error("cannot tell today's date from the system clock; "
		    "use --today YYYY-MM-DD");
		return -1;
	}
	*out = lp_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

/* ---- dates as spreadsheets and forms write them ---- */

/* Up to max digits at *p: their value, or -1 when there is none. */
static long
leading_digits(const char **p, int max)
{
	long v = 0;
	int n = 0;

	while (n < max && isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

int
lp_date_time_tail(const char *p)
{
	if (!*p)
		return 1;
	if (*p != ' ' && *p != 'T')
		return 0;
	p += strspn(p, " T");
	return isdigit((unsigned char)*p) && strchr(p, ':') != NULL;
}

int
lp_date_spreadsheet(const char *s, long *a, long *b, long *y)
{
	const char *p = s;
	char sep;

	/* *p first: strchr finds the NUL too, and the date would be read past its end. */
	if ((*a = leading_digits(&p, 2)) < 0 || !*p || !strchr("/-.", *p))
		return 0;
	sep = *p++;
	if ((*b = leading_digits(&p, 2)) < 0 || *p++ != sep)
		return 0;
	if ((*y = leading_digits(&p, 4)) < 0 || *y < 1000)
		return 0;
	return lp_date_time_tail(p);
}
