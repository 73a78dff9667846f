/*
 * framework.c - the ten standards, their four levels, and reach.
 *
 * The built-in framework LPS1 is compiled in, so that lp needs nothing at
 * run time outside its own binaries.  Its descriptors and coaching prompts
 * are written for lp from the facts in DOMAIN.md, not copied from the
 * accrediting body.  Every descriptor turns on two things: the reach of
 * the level (one colleague, the team, the institution, beyond it) and the
 * adoption of ideas by others, because presenting alone is not impact.
 *
 * A cohort may replace the built-in framework with a file of rows in the
 * form `lp-assess framework` prints (framework-load.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lp.h"

#define ATTRIBUTES	"Attributes"
#define EXPERTISE	"Expertise"
#define LEADERSHIP	"Leadership"

/*
 * The string literals below are never written through: the built-in
 * framework is handed out only as a pointer to const, and
 * lp_framework_free leaves it alone (builtin = 1).
 */
static const struct lp_framework builtin = {
	.id = "LPS1",
	.builtin = 1,
	.std = {
	{
		.id = "LP1",
		.name = "Communicating and presenting",
		.group = ATTRIBUTES,
		.descriptor = {
			NULL,
			"Explains an approach from their own practice clearly "
			"to one colleague, in conversation or a short "
			"demonstration, so that the colleague tries it and can "
			"say what happened.",
			"Presents ideas to their own team (year group, phase or "
			"department) in a way that is clear, well paced and "
			"suited to the audience, and the team takes up what was "
			"presented in its planning or teaching.",
			"Communicates with staff beyond their own team, for "
			"example in whole-school training or briefings, choosing "
			"the form that suits each audience, and can show that "
			"colleagues in other teams changed their practice as a "
			"result.",
			"Presents to audiences outside their institution, at "
			"trust, regional or national events or in published "
			"writing, and can point to practitioners elsewhere who "
			"adopted the ideas.",
		},
		.prompt = {
			NULL,
			"Have you thought about walking one colleague through a "
			"strategy you use, then dropping in a fortnight later to "
			"ask what they have tried and what they would change?",
			"Have you thought about leading a ten-minute slot in your "
			"next team meeting, leaving each colleague with one thing "
			"to try, and collecting a line from each on how it went?",
			"Have you thought about offering a session on a "
			"whole-staff training day, then asking half a term later "
			"who in other departments is still using the idea, and "
			"how?",
			"Have you thought about proposing a workshop for a trust "
			"or regional conference, or writing for a subject "
			"association, and asking those who took part to tell you "
			"what they put into practice?",
		},
	},
	{
		.id = "LP2",
		.name = "Negotiating and influencing",
		.group = ATTRIBUTES,
		.descriptor = {
			NULL,
			"Listens to a colleague's point of view and finds common "
			"ground, persuading them to try a change in their own "
			"practice that they would not otherwise have made.",
			"Influences decisions within their own team, building "
			"agreement on a shared approach even where views differ, "
			"so that the team commits to it and follows it through.",
			"Wins the support of leaders and staff in other teams for "
			"a change, negotiating time, resources or priorities "
			"across the institution, so that the change is adopted "
			"beyond their own area.",
			"Influences thinking and decisions beyond their "
			"institution, for example in a trust working group, a "
			"local authority forum or a professional body, and can "
			"show where others took up what they argued for.",
		},
		.prompt = {
			NULL,
			"Have you thought about asking a hesitant colleague what "
			"would make a change worth their while, agreeing a small "
			"trial with them, and noting what persuaded them?",
			"Have you thought about bringing a proposal to your team "
			"with the evidence behind it, inviting objections openly, "
			"and recording the agreement the team reaches and how it "
			"is followed up?",
			"Have you thought about making the case to your senior "
			"leaders for time or budget to extend an approach to "
			"another department, and keeping a record of what was "
			"agreed and who took it up?",
			"Have you thought about joining a trust or local "
			"authority working group where you could argue for an "
			"approach, and tracking which schools change their "
			"policy or practice as a result?",
		},
	},
	{
		.id = "LP3",
		.name = "Challenging, developing and innovating",
		.group = ATTRIBUTES,
		.descriptor = {
			NULL,
			"Questions an established habit in their own practice, "
			"develops a better alternative and shares it with a "
			"colleague, who adopts it.",
			"Challenges accepted ways of working in their team "
			"constructively, leads the team in developing and "
			"trialling a new approach, and embeds it in how the team "
			"works.",
			"Leads an innovation that reaches beyond their own team, "
			"testing it carefully and adapting it so that other teams "
			"in the institution adopt it and it becomes part of "
			"wider practice.",
			"Develops and tests an innovation that other schools or "
			"colleges take up, challenging practice in the wider "
			"system and supporting others to adapt it to their own "
			"settings.",
		},
		.prompt = {
			NULL,
			"Have you thought about picking one routine you have "
			"always run the same way, trying an alternative for "
			"three weeks alongside a colleague, and comparing notes "
			"on what changed for your pupils?",
			"Have you thought about asking your team which shared "
			"practice they would most like to question, then running "
			"a half-term trial of an alternative with an agreed "
			"measure of success?",
			"Have you thought about piloting your innovation with a "
			"second department, adapting it from their feedback, and "
			"writing up what had to change for it to work outside "
			"your own area?",
			"Have you thought about inviting a partner school to "
			"trial your approach in its own context, and documenting "
			"how they adapted it and what difference it made there?",
		},
	},
	{
		.id = "LP4",
		.name = "Always learning",
		.group = ATTRIBUTES,
		.descriptor = {
			NULL,
			"Seeks out feedback and new learning to improve their "
			"own practice, and shares what they learned with a "
			"colleague, who applies it.",
			"Builds a habit of professional learning in their team, "
			"modelling reflection and enquiry so that colleagues "
			"take part and change what they do.",
			"Shapes professional learning across the institution, "
			"creating opportunities for colleagues beyond their own "
			"team to learn, and can show how that learning changed "
			"their practice.",
			"Contributes to professional learning beyond the "
			"institution, learning with other schools and networks, "
			"and brings about changes in practice in settings other "
			"than their own.",
		},
		.prompt = {
			NULL,
			"Have you thought about asking a colleague to observe one "
			"lesson against a question you set, then trying their "
			"suggestion and showing them the result?",
			"Have you thought about starting a reading group or a "
			"lesson study cycle in your team, and keeping a log of "
			"what each member tried afterwards?",
			"Have you thought about designing an optional strand of "
			"professional learning open to staff across the school, "
			"and gathering evidence of what participants from other "
			"teams now do differently?",
			"Have you thought about setting up a learning exchange "
			"with a school in another trust or region, visiting each "
			"other's classrooms and recording what both sides "
			"changed?",
		},
	},
	{
		.id = "LP5",
		.name = "Undertaking research to improve specialist expertise",
		.group = EXPERTISE,
		.descriptor = {
			NULL,
			"Reads and applies research relevant to a question in "
			"their own specialism, and shares the findings with a "
			"colleague, who uses them.",
			"Carries out a small-scale enquiry with their team, using "
			"research evidence and the team's own data, so that the "
			"team changes its practice on the strength of what was "
			"found.",
			"Leads research or enquiry involving several teams in the "
			"institution, with a sound design and honest reporting, "
			"and the findings shape decisions and practice beyond "
			"their own team.",
			"Undertakes or contributes to research shared beyond the "
			"institution, through a research network, a publication "
			"or a conference, which practitioners elsewhere draw on "
			"in their own work.",
		},
		.prompt = {
			NULL,
			"Have you thought about choosing one question about your "
			"own teaching, reading two or three studies on it, and "
			"talking a colleague through how you changed your "
			"practice because of them?",
			"Have you thought about running a short enquiry with your "
			"team, collecting baseline and follow-up data, and "
			"agreeing together what the team will keep doing as a "
			"result?",
			"Have you thought about designing an enquiry with "
			"colleagues from several departments, with a clear "
			"question and method, and presenting the findings to "
			"leaders who could act on them?",
			"Have you thought about linking your enquiry to a "
			"university, a research school or a trust research "
			"network, so that it is published and other schools can "
			"test it?",
		},
	},
	{
		.id = "LP6",
		.name = "Understanding how learners learn and make progress",
		.group = EXPERTISE,
		.descriptor = {
			NULL,
			"Uses an evidence-informed understanding of how learners "
			"learn to improve the progress of their own pupils, and "
			"helps a colleague apply the same understanding.",
			"Deepens their team's understanding of how learners learn "
			"and make progress, so that colleagues plan and assess "
			"differently and their pupils' progress shows it.",
			"Helps colleagues across the institution understand how "
			"different groups of learners learn and progress, and can "
			"show changes in teaching and outcomes in teams other "
			"than their own.",
			"Shares an evidence-informed understanding of learning "
			"and progress with practitioners in other institutions, "
			"and can show how it changed their teaching and their "
			"learners' progress.",
		},
		.prompt = {
			NULL,
			"Have you thought about explaining to a colleague what "
			"the evidence on memory or feedback led you to change for "
			"a small group of your pupils, and helping them try the "
			"same with their class?",
			"Have you thought about leading your team through an "
			"analysis of where pupils' misconceptions arise in one "
			"topic, and agreeing changes to how the team sequences "
			"and checks it?",
			"Have you thought about working with the SENCo or another "
			"department on how one group of learners progresses "
			"across subjects, and sharing an approach that other "
			"teams then adopt?",
			"Have you thought about sharing your work on how pupils "
			"learn with a partner school or a trust subject network, "
			"and gathering evidence of how their teachers and "
			"learners responded?",
		},
	},
	{
		.id = "LP7",
		.name = "Transferring specialist expertise",
		.group = EXPERTISE,
		.descriptor = {
			NULL,
			"Passes on their specialist knowledge or skill to a "
			"colleague, so that the colleague uses it confidently "
			"without support.",
			"Builds specialist expertise across their own team, "
			"through modelling, resources or training, so that "
			"colleagues apply it independently in their own work.",
			"Transfers specialist expertise to staff in other teams "
			"or phases of the institution, adapting it to their "
			"contexts, so that it becomes part of how they work.",
			"Transfers specialist expertise to practitioners in other "
			"institutions, so that it is adopted and sustained in "
			"settings beyond their own.",
		},
		.prompt = {
			NULL,
			"Have you thought about modelling one specialist "
			"technique for a colleague, co-planning a lesson in which "
			"they use it, and then watching them teach it on their "
			"own?",
			"Have you thought about turning your specialist knowledge "
			"into a short guide or resource your team can use, and "
			"checking a term later how each colleague is using it?",
			"Have you thought about offering your expertise to a team "
			"in another phase or subject, adapting it with them, and "
			"collecting examples of their work with it?",
			"Have you thought about running training for staff from "
			"other schools in your trust, with a follow-up visit to "
			"see how they have put it into practice?",
		},
	},
	{
		.id = "LP8",
		.name = "Coaching to lead",
		.group = LEADERSHIP,
		.descriptor = {
			NULL,
			"Coaches a colleague towards a development goal, through "
			"questioning and listening rather than telling, so that "
			"the colleague takes ownership and changes their "
			"practice.",
			"Coaches members of their own team, helping each set and "
			"reach goals, and develops a coaching approach that "
			"colleagues in the team use with one another.",
			"Coaches colleagues beyond their own team, including "
			"those who lead others, and builds coaching capacity "
			"across the institution so that those coached go on to "
			"coach in turn.",
			"Coaches practitioners or leaders in other institutions, "
			"or trains coaches beyond their own, so that coaching "
			"spreads and practice improves across the wider system.",
		},
		.prompt = {
			NULL,
			"Have you thought about agreeing a coaching goal with one "
			"colleague, meeting three times over a half term, and "
			"asking them to note what they now do differently?",
			"Have you thought about introducing a simple coaching "
			"model in your team, pairing colleagues to coach each "
			"other, and reviewing together after a term what has "
			"changed?",
			"Have you thought about coaching a colleague in another "
			"department through a cycle of goal setting, observation "
			"and review, and recording what they now do differently?",
			"Have you thought about training colleagues in a partner "
			"school to coach, and following up on how they have used "
			"coaching with their own staff?",
		},
	},
	{
		.id = "LP9",
		.name = "Negotiating to lead",
		.group = LEADERSHIP,
		.descriptor = {
			NULL,
			"Negotiates with a colleague to agree a shared goal and "
			"how to reach it, resolving differences so that both act "
			"on the agreement.",
			"Leads negotiation within their team to reach agreement "
			"on priorities, roles or practice, and sees the agreement "
			"carried out.",
			"Negotiates with leaders and teams across the institution "
			"to bring about change, balancing competing priorities so "
			"that the change is agreed and put in place beyond their "
			"own team.",
			"Negotiates with other institutions or outside partners "
			"to set up and lead joint work, agreeing aims and "
			"commitments that the partners act on.",
		},
		.prompt = {
			NULL,
			"Have you thought about sitting down with a colleague you "
			"share pupils with, agreeing one change you will both "
			"make, and checking a month later whether it held?",
			"Have you thought about taking on a team decision where "
			"views differ, such as a marking or homework policy, and "
			"brokering an agreement that everyone signs up to and "
			"keeps?",
			"Have you thought about negotiating a joint project with "
			"another head of department or a senior leader, setting "
			"out who does what, and reviewing whether the agreement "
			"was kept?",
			"Have you thought about negotiating a partnership with "
			"another school, a university or a local organisation, "
			"with an agreed plan that both sides act on and review?",
		},
	},
	{
		.id = "LP10",
		.name = "Networking to lead",
		.group = LEADERSHIP,
		.descriptor = {
			NULL,
			"Builds a professional connection with a colleague, "
			"exchanging ideas and practice so that each adopts "
			"something from the other.",
			"Connects members of their team with one another and "
			"with useful contacts, so that ideas flow and the team "
			"adopts what it gains.",
			"Builds networks across the institution that link "
			"colleagues from different teams, so that practice is "
			"shared and taken up beyond the team where it started.",
			"Builds or leads networks that reach beyond the "
			"institution, across a trust, a region or the nation, "
			"through which practice is exchanged and adopted in "
			"other settings.",
		},
		.prompt = {
			NULL,
			"Have you thought about pairing up with a colleague whose "
			"practice you admire, swapping one idea each, and noting "
			"what each of you now does because of the other?",
			"Have you thought about mapping who in your team knows "
			"what, and setting up a regular swap where colleagues "
			"share one thing that the others then try?",
			"Have you thought about starting a cross-department "
			"network on a shared priority, such as reading or "
			"attendance, and keeping a record of what members adopt "
			"from one another?",
			"Have you thought about setting up or leading a network "
			"with colleagues in other schools, online or in person, "
			"and gathering evidence of practice that moved between "
			"schools through it?",
		},
	},
	},
};

static const char *const standard_ids[LP_NSTANDARDS] = {
	"LP1", "LP2", "LP3", "LP4", "LP5", "LP6", "LP7", "LP8", "LP9", "LP10"
};

static const char *const level_names[LP_NLEVELS] = {
	"none", "underlying", "developing", "extending", "transforming"
};

static const char *const reach_names[LP_NREACH + 1] = {
	NULL, "colleague", "team", "institution", "beyond"
};

/*
 * Every spelling a level may come in, older names and ranks included, in
 * lower case (lp_level_parse compares the first letter before the rest).
 */
static const struct {
	const char *name;
	int level;
} level_aliases[] = {
	{ "", LP_LEVEL_NONE },
	{ "none", LP_LEVEL_NONE },
	{ "not assessed", LP_LEVEL_NONE },
	{ "underlying", LP_LEVEL_UNDERLYING },
	{ "beginning", LP_LEVEL_UNDERLYING },
	{ "1", LP_LEVEL_UNDERLYING },
	{ "developing", LP_LEVEL_DEVELOPING },
	{ "2", LP_LEVEL_DEVELOPING },
	{ "extending", LP_LEVEL_EXTENDING },
	{ "3", LP_LEVEL_EXTENDING },
	{ "transforming", LP_LEVEL_TRANSFORMING },
	{ "transforming-and-leading", LP_LEVEL_TRANSFORMING },
	{ "leading", LP_LEVEL_TRANSFORMING },
	{ "4", LP_LEVEL_TRANSFORMING },
};

int
lp_level_parse(const char *s)
{
	char first;

	if (!s)
		return -1;
	/* The names are lower case: most are told apart by their first letter. */
	first = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
	for (size_t i = 0; i < sizeof level_aliases / sizeof level_aliases[0]; i++)
		if (level_aliases[i].name[0] == first &&
		    strcasecmp(s, level_aliases[i].name) == 0)
			return level_aliases[i].level;
	return -1;
}

const char *
lp_level_name(int level)
{
	if (level < 0 || level >= LP_NLEVELS)
		return NULL;
	return level_names[level];
}

int
lp_reach_parse(const char *s)
{
	if (!s)
		return -1;
	for (int r = 1; r <= LP_NREACH; r++)
		if (strcasecmp(s, reach_names[r]) == 0)
			return r;
	return -1;
}

const char *
lp_reach_name(int reach)
{
	if (reach < 1 || reach > LP_NREACH)
		return NULL;
	return reach_names[reach];
}

/*
 * Reach and level share a scale: work that changed one colleague's
 * practice supports underlying, work that changed practice beyond the
 * institution supports transforming.
 */
int
lp_reach_supports(int reach)
{
	if (reach < 1 || reach > LP_NREACH)
		return LP_LEVEL_NONE;
	return reach;
}

int
lp_standard_parse(const char *s)
{
	if (!s || (s[0] != 'L' && s[0] != 'l') || (s[1] != 'P' && s[1] != 'p'))
		return -1;
	s += 2;
	/* Exactly "1".."9" or "10": no sign, no leading zero, no spaces. */
	if (s[0] >= '1' && s[0] <= '9' && s[1] == '\0')
		return s[0] - '1';
	if (strcmp(s, "10") == 0)
		return 9;
	return -1;
}

const char *
lp_standard_id(int i)
{
	if (i < 0 || i >= LP_NSTANDARDS)
		return NULL;
	return standard_ids[i];
}

const struct lp_framework *
lp_framework_builtin(void)
{
	return &builtin;
}

void
lp_framework_free(struct lp_framework *fw)
{
	if (!fw || fw->builtin)
		return;
	free(fw->id);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		struct lp_standard *st = &fw->std[i];

		free(st->id);
		free(st->name);
		free(st->group);
		for (int l = 0; l < LP_NLEVELS; l++) {
			free(st->descriptor[l]);
			free(st->prompt[l]);
		}
	}
	memset(fw, 0, sizeof *fw);
}
