/*
 * gen-cohort.c - make a synthetic cohort of portfolios, deterministically.
 *
 *   gen-cohort [-n COUNT] [-e EVIDENCE] [-s SEED] [--bare] DIR
 *
 * Writes COUNT portfolios (default 100) under DIR, each with about
 * EVIDENCE evidence items (default 12), as directories DIR/lpNNNNN, or
 * with --bare as bare git repositories DIR/lpNNNNN.git holding one commit
 * (refs/heads/main; submitted ones also get the tag lp/submitted/WINDOW),
 * written straight into the object database with libgit2.
 *
 * Portfolio i depends only on SEED and i, never on COUNT, so a cohort of
 * 1,000 is the first 1,000 of a cohort of 10,000, and the checked-out and
 * bare forms of one portfolio hold the same bytes.  The mix of stages
 * assumes LP_TODAY=2026-01-15: some not started, most in progress, some
 * ready, submitted, referred, overdue, accredited, due, expired, withdrawn.
 * It is for benchmarks and for tests that need volume; it is not a
 * fixture whose exact text a test should depend on.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <git2.h>

#include "lp.h"

struct rng {
	uint64_t s;
};

/* splitmix64: tiny, fast and the same everywhere. */
static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static unsigned
rng_below(struct rng *r, unsigned n)
{
	return (unsigned)(rng_next(r) % n);
}

#define PICK(r, a) ((a)[rng_below((r), sizeof(a) / sizeof((a)[0]))])

static const char *const first_names[] = {
	"Amira", "Ben", "Chloe", "Dev", "Esme", "Farid", "Grace", "Harvey",
	"Imogen", "Jamal", "Keira", "Luca", "Maya", "Nathan", "Olivia",
	"Priya", "Quinn", "Rosa", "Sam", "Tariq", "Una", "Victor", "Wren",
	"Yusuf", "Zara",
};
static const char *const last_names[] = {
	"Ahmed", "Baker", "Clarke", "Davies", "Evans", "Fischer", "Green",
	"Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nowak",
	"O'Brien", "Patel", "Roberts", "Singh", "Taylor", "Walsh", "Young",
};
static const char *const school_places[] = {
	"Northfield", "Riverside", "Oakwood", "St Anne's", "Hillcrest",
	"Meadowbank", "Castlegate", "Elmhurst", "Brookside", "Kingsway",
	"Ashford", "Moorland", "Westgate", "Fairfield", "Greenacre",
	"Harbourside", "Larkrise", "Millbrook", "Stonebridge", "Thornbury",
};
static const char *const school_kinds[] = {
	"Primary", "Academy", "High School", "College",
};
static const char *const cohorts[] = {
	"2023-north", "2024-north", "2024-south", "2025-north", "2025-south",
};
static const char *const roles[] = {
	"class teacher", "head of year", "SENCo", "head of department",
	"teaching assistant", "data manager", "pastoral lead", "phase leader",
};
static const char *const topics[] = {
	"phonics", "retrieval practice", "adaptive teaching", "oracy",
	"behaviour routines", "feedback", "reading fluency", "metacognition",
	"maths mastery", "scientific enquiry", "attendance", "transition",
};
static const char *const activities[] = {
	"Twilight training on", "Coaching cycle on", "Lesson study on",
	"Action research into", "Resource bank for", "Network meeting on",
	"Conference talk on", "Peer observation of",
};
static const char *const types[] = {
	"training", "coaching", "research", "resource", "network", "presentation",
};
static const char *const reaches[] = {
	"colleague", "team", "team", "institution", "institution", "beyond",
};
static const char *const wheres[] = {
	"my year group", "the maths department", "the whole school",
	"across the trust", "the regional hub", "a national conference",
};
static const char *const levels[] = {
	"none", "underlying", "developing", "extending", "transforming",
};

struct sink {
	const char *root;	/* directory (or the repository path) */
	git_repository *repo;	/* NULL: write files */
	git_treebuilder *top, *ev, *att;
};

static int
sink_dir(const char *path)
{
	if (mkdir(path, 0777) < 0 && errno != EEXIST) {
		lp_error("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
git_fail(const char *what)
{
	const git_error *e = git_error_last();

	lp_error("%s: %s", what, e ? e->message : "libgit2 error");
	return -1;
}

static int
sink_open(struct sink *s, const char *root, int bare)
{
	memset(s, 0, sizeof *s);
	s->root = root;
	if (!bare)
		return sink_dir(root);
	if (git_repository_init(&s->repo, root, 1) < 0)
		return git_fail(root);
	if (git_treebuilder_new(&s->top, s->repo, NULL) < 0 ||
	    git_treebuilder_new(&s->ev, s->repo, NULL) < 0 ||
	    git_treebuilder_new(&s->att, s->repo, NULL) < 0)
		return git_fail(root);
	return 0;
}

/* rel is "name", "evidence/name" or "attachments/name". */
static int
sink_add(struct sink *s, const char *rel, const struct lp_buf *b)
{
	if (!s->repo) {
		char *path = lp_xasprintf("%s/%s", s->root, rel);
		FILE *fp;
		int rc = 0;

		if (strchr(rel, '/')) {
			char *dir = lp_xasprintf("%s/%.*s", s->root, (int)(strchr(rel, '/') - rel), rel);

			rc = sink_dir(dir);
			free(dir);
		}
		if (rc == 0 && !(fp = fopen(path, "w"))) {
			lp_error("%s: %s", path, strerror(errno));
			rc = -1;
		} else if (rc == 0) {
			fwrite(b->data, 1, b->len, fp);
			if (fclose(fp) != 0) {
				lp_error("%s: %s", path, strerror(errno));
				rc = -1;
			}
		}
		free(path);
		return rc;
	} else {
		git_treebuilder *tb = s->top;
		const char *name = rel;
		git_oid oid;

		if (strncmp(rel, "evidence/", 9) == 0) {
			tb = s->ev;
			name = rel + 9;
		} else if (strncmp(rel, "attachments/", 12) == 0) {
			tb = s->att;
			name = rel + 12;
		}
		if (git_blob_create_from_buffer(&oid, s->repo, b->data, b->len) < 0 ||
		    git_treebuilder_insert(NULL, tb, name, &oid, GIT_FILEMODE_BLOB) < 0)
			return git_fail(rel);
		return 0;
	}
}

/* One commit on refs/heads/main, and a tag when tag is not NULL. */
static int
sink_close(struct sink *s, const char *tag)
{
	git_oid tree_oid, sub, commit_oid;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_object *obj = NULL;
	int rc = -1;

	if (!s->repo)
		return 0;
	if (git_treebuilder_entrycount(s->ev) > 0) {
		if (git_treebuilder_write(&sub, s->ev) < 0 ||
		    git_treebuilder_insert(NULL, s->top, "evidence", &sub, GIT_FILEMODE_TREE) < 0)
			goto fail;
	}
	if (git_treebuilder_entrycount(s->att) > 0) {
		if (git_treebuilder_write(&sub, s->att) < 0 ||
		    git_treebuilder_insert(NULL, s->top, "attachments", &sub, GIT_FILEMODE_TREE) < 0)
			goto fail;
	}
	if (git_treebuilder_write(&tree_oid, s->top) < 0 ||
	    git_tree_lookup(&tree, s->repo, &tree_oid) < 0 ||
	    git_signature_new(&sig, "gen-cohort", "gen-cohort@example.org", 1768471200, 0) < 0 ||
	    git_commit_create(&commit_oid, s->repo, "refs/heads/main", sig, sig, NULL,
	    "portfolio: generated", tree, 0, NULL) < 0 ||
	    git_repository_set_head(s->repo, "refs/heads/main") < 0)
		goto fail;
	if (tag) {
		git_oid tag_oid;

		if (git_object_lookup(&obj, s->repo, &commit_oid, GIT_OBJECT_COMMIT) < 0 ||
		    git_tag_create(&tag_oid, s->repo, tag, obj, sig, "submitted", 0) < 0)
			goto fail;
	}
	rc = 0;
	goto out;
fail:
	git_fail(s->root);
out:
	git_object_free(obj);
	git_signature_free(sig);
	git_tree_free(tree);
	return rc;
}

static void
sink_free(struct sink *s)
{
	git_treebuilder_free(s->top);
	git_treebuilder_free(s->ev);
	git_treebuilder_free(s->att);
	git_repository_free(s->repo);
}

static void
add_date(struct lp_buf *b, const char *key, lp_date d)
{
	char out[11];

	lp_date_format(d, out);
	lp_buf_addf(b, "%s: %s\n", key, out);
}

static void
narrative(struct rng *r, struct lp_buf *b, const char *topic)
{
	int paras = 2 + (int)rng_below(r, 3);

	lp_buf_addf(b, "I led work on **%s** because our school improvement plan "
	    "named it as a priority and colleagues asked for support.\n\n", topic);
	for (int i = 0; i < paras; i++)
		lp_buf_addf(b, "Colleagues tried the approach in %u lessons over %u weeks; "
		    "we met every fortnight to look at pupils' work together and to "
		    "adjust the plan. %s\n\n", 2 + rng_below(r, 20), 2 + rng_below(r, 8),
		    rng_below(r, 2) ? "Two of them now lead the sessions themselves." :
		    "The team adopted the shared planning template.");
	lp_buf_adds(b, "What changed:\n\n- planning meetings start from pupils' work\n"
	    "- colleagues observe each other each half term\n");
}

static int
gen_one(size_t i, unsigned seed, unsigned nev_mean, const char *dir, int bare)
{
	struct rng r = { ((uint64_t)seed << 32) ^ (i * 0x2545f4914f6cdd1du) };
	struct lp_buf b = {0};
	struct sink s;
	char *root = lp_xasprintf("%s/lp%05zu%s", dir, i, bare ? ".git" : "");
	char *tag = NULL;
	lp_date commenced, today = lp_date_from_ymd(2026, 1, 15);
	unsigned kind = rng_below(&r, 100), nev;
	int rc = -1, started = kind >= 4;

	if (sink_open(&s, root, bare) < 0)
		goto out;

	/* Commenced between early 2024 and the end of 2025. */
	commenced = lp_date_from_ymd(2024, 1, 20) + (lp_date)rng_below(&r, 700);
	if (kind >= 90)		/* accredited: some long ago, so due or expired */
		commenced = lp_date_from_ymd(2021, 9, 1) + (lp_date)rng_below(&r, 900);
	else if (kind >= 86)	/* overdue */
		commenced = lp_date_from_ymd(2023, 1, 1) + (lp_date)rng_below(&r, 300);

	lp_buf_addf(&b, "---\nname: %s %s\nid: lp%05zu\n", PICK(&r, first_names), PICK(&r, last_names), i);
	add_date(&b, "commenced", commenced);
	lp_buf_addf(&b, "school: %s %s\n", PICK(&r, school_places), PICK(&r, school_kinds));
	lp_buf_addf(&b, "role: %s\ncohort: %s\n", PICK(&r, roles), PICK(&r, cohorts));
	lp_buf_addf(&b, "email: lp%05zu@example.org\n", i);
	lp_buf_addf(&b, "focus: %s\n", PICK(&r, topics));
	if (kind >= 76 && kind < 86) {	/* submitted, some referred */
		lp_date sub = commenced + 300 + (lp_date)rng_below(&r, 60);

		if (sub > today - 10)
			sub = today - 10;
		add_date(&b, "submitted", sub);
		lp_buf_adds(&b, "window: 2025-11\n");
		if (kind >= 82)
			lp_buf_adds(&b, "outcome: referred\n");
		else
			tag = lp_xstrdup("lp/submitted/2025-11");
	} else if (kind >= 90) {
		lp_date acc = commenced + 330 + (lp_date)rng_below(&r, 120);

		add_date(&b, "submitted", acc - 40);
		lp_buf_adds(&b, "outcome: accredited\n");
		add_date(&b, "accredited", acc);
	} else if (kind < 2) {
		lp_buf_adds(&b, "outcome: withdrawn\n");
	}
	lp_buf_adds(&b, "---\n");
	lp_buf_addf(&b, "Notes on my accreditation journey, focused on %s.\n", PICK(&r, topics));
	if (sink_add(&s, "portfolio.md", &b) < 0)
		goto out;

	if (started) {
		lp_date on = commenced + 30 + (lp_date)rng_below(&r, 200);
		char d[11];

		if (on > today)
			on = today;
		lp_date_format(on, d);
		lp_buf_reset(&b);
		lp_buf_adds(&b, "standard,level,date,note\n");
		for (int k = 0; k < LP_NSTANDARDS; k++) {
			unsigned lv = kind >= 60 ? 3 + rng_below(&r, 2) : rng_below(&r, 5);

			lp_buf_addf(&b, "LP%d,%s,%s,%s\n", k + 1, levels[lv], d,
			    rng_below(&r, 4) == 0 ? "\"revisit after the spring term, with the coach\"" : "");
		}
		if (sink_add(&s, "assessment.csv", &b) < 0)
			goto out;
	}

	nev = started ? nev_mean / 2 + rng_below(&r, nev_mean + 1) : 0;
	for (unsigned k = 0; k < nev; k++) {
		const char *topic = PICK(&r, topics), *act = PICK(&r, activities);
		lp_date when = commenced + 10 + (lp_date)rng_below(&r, 500);
		char d[11], *rel, *att = NULL;
		unsigned std = rng_below(&r, 10), nstd = 1 + rng_below(&r, 3);

		if (when > today)
			when = today - (lp_date)rng_below(&r, 30);
		lp_date_format(when, d);
		lp_buf_reset(&b);
		lp_buf_addf(&b, "---\ntitle: %s %s\ndate: %s\nstandards: [", act, topic, d);
		for (unsigned j = 0; j < nstd; j++)
			lp_buf_addf(&b, "%sLP%u", j ? ", " : "", 1 + (std + j * 3) % 10);
		lp_buf_addf(&b, "]\nreach: %s\ntype: %s\ncolleagues: %u\nwhere: %s\n",
		    kind >= 60 ? "beyond" : PICK(&r, reaches), PICK(&r, types),
		    1 + rng_below(&r, 30), PICK(&r, wheres));
		if (rng_below(&r, 4) == 0) {
			att = lp_xasprintf("attachments/%s-k%u-notes.txt", d, k);
			lp_buf_addf(&b, "attachments: [%s]\n", att);
		}
		lp_buf_adds(&b, "---\n");
		narrative(&r, &b, topic);
		rel = lp_xasprintf("evidence/%s-item-%u.md", d, k);
		rc = sink_add(&s, rel, &b);
		free(rel);
		if (rc == 0 && att) {
			lp_buf_reset(&b);
			for (int line = 0; line < 40; line++)
				lp_buf_addf(&b, "Session notes, line %d: %s.\n", line, topic);
			rc = sink_add(&s, att, &b);
		}
		free(att);
		if (rc < 0)
			goto out;
		rc = -1;
	}
	rc = sink_close(&s, tag);
out:
	sink_free(&s);
	lp_buf_free(&b);
	free(tag);
	free(root);
	return rc;
}

static unsigned long
number(const char *s, const char *what)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || !*s || v > 10000000)
		lp_die("%s: expected a whole number, got '%s'", what, s);
	return v;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bare", no_argument, 0, 'b' },
		{ 0, 0, 0, 0 }
	};
	unsigned long count = 100, nev = 12, seed = 1;
	int bare = 0, c, rc = 0;

	lp_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "n:e:s:", opts, NULL)) != -1) {
		switch (c) {
		case 'n': count = number(optarg, "-n"); break;
		case 'e': nev = number(optarg, "-e"); break;
		case 's': seed = number(optarg, "-s"); break;
		case 'b': bare = 1; break;
		default: goto usage;
		}
	}
	if (optind != argc - 1)
		goto usage;
	if (sink_dir(argv[optind]) < 0)
		return 2;
	git_libgit2_init();
	/* Objects are written once and read later: skip the fsyncs and checks. */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
	for (size_t i = 0; i < count && rc == 0; i++)
		if (gen_one(i, (unsigned)seed, (unsigned)nev, argv[optind], bare) < 0)
			rc = 2;
	git_libgit2_shutdown();
	return rc;
usage:
	fprintf(stderr, "usage: gen-cohort [-n COUNT] [-e EVIDENCE] [-s SEED] [--bare] DIR\n");
	return 2;
}
