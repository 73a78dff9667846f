/*
 * coach.c - "Have you thought about...": a prompt toward the next level.
 *
 * The prompt is built from what this portfolio's evidence shows for one
 * standard (how many items, how far their impact reached, whether they
 * count colleagues, an item that claims all ten standards) and ends with
 * the framework's coaching question for the level it works toward.  The
 * reach and level rules come from lib/rules.c; this file only phrases.
 */
#include <stdlib.h>
#include <string.h>

#include "coach.h"

/* "one".."ten" read better in a sentence than digits; beyond, digits. */
static char *
count_words(int n)
{
	static const char *const words[] = {
		"no", "one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten"
	};

	if (n >= 0 && n <= 10)
		return lp_xstrdup(words[n]);
	return lp_xasprintf("%d", n);
}

static const char *
plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Where the best item's impact stopped, as a verb phrase. */
static const char *
reach_stops(int reach, int n)
{
	switch (reach) {
	case LP_REACH_COLLEAGUE:
		return n == 1 ? "stays with a single colleague" : "stay with single colleagues";
	case LP_REACH_TEAM:
		return n == 1 ? "stays within your own team" : "stay within your own team";
	case LP_REACH_INSTITUTION:
		return n == 1 ? "stays within your school or college" : "stay within your school or college";
	}
	return n == 1 ? "reaches beyond your institution" : "reach beyond your institution";
}

/* What a level asks of the evidence, in reach. */
static const char *
level_asks(int level)
{
	switch (level) {
	case LP_LEVEL_UNDERLYING:
		return "underlying asks for one colleague who has taken up something from your practice";
	case LP_LEVEL_DEVELOPING:
		return "developing asks for your own team to take it up in its planning or teaching";
	case LP_LEVEL_EXTENDING:
		return "extending asks for colleagues beyond your team, elsewhere in your school or college, to change what they do";
	}
	return "transforming asks for practitioners in other institutions to adopt your work";
}

/* What this portfolio's evidence for standard i looks like. */
struct coach_facts {
	int i;
	int level;		/* claimed */
	int ev;			/* evidence level */
	int n;			/* items naming it */
	int counted;		/* items that say how many colleagues took part */
	const struct lp_evidence *all_ten;	/* an item naming every standard */
};

static void
coach_facts(const struct lp_portfolio *p, int i, struct coach_facts *f)
{
	memset(f, 0, sizeof *f);
	f->i = i;
	f->level = p->assess[i].level;
	f->ev = lp_evidence_level(p, i);
	f->n = lp_evidence_count(p, i);
	for (size_t k = 0; k < p->nev; k++) {
		const struct lp_evidence *e = &p->ev[k];

		if (!(e->standards & (1u << i)))
			continue;
		if (e->colleagues >= 0)
			f->counted++;
		if (!f->all_ten && e->standards == (1u << LP_NSTANDARDS) - 1)
			f->all_ten = e;
	}
}

/*
 * The level the prompt works toward: an unsupported claim must be earned
 * first; an unassessed standard starts from what the evidence shows.
 */
static int
coach_target(const struct coach_facts *f)
{
	int base = f->level ? f->level : f->ev;

	if (f->level > f->ev)
		return f->level;
	return base < LP_LEVEL_TRANSFORMING ? base + 1 : LP_LEVEL_TRANSFORMING;
}

/* "Your two LP8 items both stay within your own team" */
static void
add_reach_sentence(struct lp_buf *b, const struct coach_facts *f)
{
	const char *id = lp_standard_id(f->i);
	char *words = count_words(f->n);

	if (f->n == 1)
		lp_buf_addf(b, "your only %s item %s", id, reach_stops(f->ev, 1));
	else if (f->n == 2)
		lp_buf_addf(b, "your two %s items both %s", id, reach_stops(f->ev, 2));
	else
		lp_buf_addf(b, "all %s of your %s items %s", words, id, reach_stops(f->ev, f->n));
	free(words);
}

static void
add_capital(struct lp_buf *b, size_t from)
{
	if (b->len > from && b->data[from] >= 'a' && b->data[from] <= 'z')
		b->data[from] -= 'a' - 'A';
}

/*
 * The sentence about this standard's situation.  Returns 1 when it
 * already ends in the question to ask (nothing for the framework's
 * prompt to add), else 0.
 */
static int
coach_situation(struct lp_buf *b, const struct coach_facts *f, int target)
{
	const char *id = lp_standard_id(f->i);
	const char *lv = lp_level_name(f->level), *ev = lp_level_name(f->ev);
	char *words = count_words(f->n);
	size_t at = b->len;
	int asked = 0;

	if (f->level == LP_LEVEL_NONE && f->n == 0) {
		lp_buf_addf(b, "%s is not assessed yet, and no evidence item names it: "
		    "start with something small that one colleague could take up.", id);
	} else if (f->level == LP_LEVEL_NONE) {
		lp_buf_addf(b, "%s is not assessed yet, but your %s %s %s already %s %s. "
		    "Record it with 'lp-assess set %s=%s'",
		    id, words, id, plural(f->n, "item", "items"),
		    plural(f->n, "supports", "support"), ev, id, ev);
		if (f->ev == LP_LEVEL_TRANSFORMING) {
			lp_buf_adds(b, ": have you thought about doing that now?");
			asked = 1;
		} else {
			lp_buf_addf(b, ", then aim for %s.", lp_level_name(target));
		}
	} else if (f->n == 0) {
		lp_buf_addf(b, "You rate %s at %s, but no evidence item names %s yet, "
		    "so nothing supports the claim; %s.", id, lv, id, level_asks(target));
	} else if (f->level > f->ev) {
		lp_buf_addf(b, "You rate %s at %s, but ", id, lv);
		add_reach_sentence(b, f);
		lp_buf_addf(b, ", which supports only %s; %s.", ev, level_asks(target));
	} else if (f->ev >= target) {
		lp_buf_addf(b, "Your evidence for %s already supports %s, above your claim of %s: "
		    "have you thought about raising it with 'lp-assess set %s=%s'?",
		    id, ev, lv, id, ev);
		asked = 1;
	} else if (f->n >= 3 && f->ev == LP_LEVEL_EXTENDING) {
		lp_buf_addf(b, "You have %s %s items, but none reaches beyond your school or "
		    "college; %s.", words, id, level_asks(target));
	} else {
		add_reach_sentence(b, f);
		lp_buf_addf(b, ", which supports %s; %s.", ev, level_asks(target));
	}
	add_capital(b, at);
	free(words);
	return asked;
}

/* Remarks that hold whatever the reach: thin, uncounted or sprawling evidence. */
static void
coach_remarks(struct lp_buf *b, const struct coach_facts *f)
{
	if (f->n == 1)
		lp_buf_adds(b, " One item is thin evidence for a whole standard; a second, "
		    "different activity would make it sturdier.");
	if (f->n > 0 && f->counted == 0)
		lp_buf_addf(b, " %s how many colleagues took part; adding 'colleagues:' "
		    "would show the scale of the impact.",
		    f->n == 1 ? "It does not say" : f->n == 2 ? "Neither says" : "None of them says");
	if (f->all_ten)
		lp_buf_addf(b, " '%s' names all ten standards; one piece of work rarely "
		    "evidences them all well, so say which it really shows.", f->all_ten->title);
}

char *
lp_coach_prompt(const struct lp_framework *fw, const struct lp_portfolio *p, int i,
    int *target)
{
	struct coach_facts f;
	struct lp_buf prompt = {0};

	coach_facts(p, i, &f);
	if (f.level == LP_LEVEL_TRANSFORMING && f.ev >= f.level)
		return NULL;	/* nothing left to reach for */
	*target = coach_target(&f);
	if (!coach_situation(&prompt, &f, *target)) {
		coach_remarks(&prompt, &f);
		lp_buf_addf(&prompt, " %s", fw->std[i].prompt[*target]);
	} else {
		coach_remarks(&prompt, &f);
	}
	return lp_buf_detach(&prompt);
}
