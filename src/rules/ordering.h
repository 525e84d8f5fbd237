/* SPDX-License-Identifier: MIT */
/*
 * rules/ordering.h - the release rules (HL303, HL304, HL401-HL412): the
 * judgement of a simulated release, and what each problem says, as a
 * finding and as a mark in hooklint plan.
 */
#ifndef HL_RULES_ORDERING_H
#define HL_RULES_ORDERING_H

#include "engine.h"
#include "lifecycle.h"

/*
 * A finding of the release rules, before it is reported: the plan marks
 * the same problems that the rules report.
 */
struct hl_problem {
	enum hl_rule_id rule;
	uint32_t res;		/* where it points: the consumer, the later
				 * document, the custom resource, the last
				 * hook of a group */
	uint32_t other;		/* the other document, or HL_NONE */
	uint32_t ref;		/* index in the consumer's refs, or NONE */
	unsigned events;	/* 1 << enum hl_event: where it happens */
	unsigned char why;	/* enum hl_why */
	unsigned char del_event;	/* HL303: the event that deleted it */
	bool uncertain;		/* Helm may go on here, so hooklint plan
				 * draws no stop: the order depends on
				 * rendered names or values (HL401, at
				 * info), or the object is missing only
				 * after other commands than the plan's
				 * (HL303, HL405: still an error) */
	uint32_t first, count;	/* HL412: members[first..first+count) */
};

/* The problems of one simulated release, "one problem, one finding"
 * applied. */
struct hl_judgement {
	const struct hl_life *life;
	struct hl_problem *problems;	/* sorted by res */
	size_t nproblems, problems_alloc;
	uint32_t *members;	/* HL412 groups, in Helm's order */
	size_t nmembers, members_alloc;
};

/* Judge the simulated release @life into @jd (zeroed first). */
void hl_judge(struct hl_judgement *jd, const struct hl_life *life);
void hl_judgement_release(struct hl_judgement *jd);
/* Report the problems as findings, each in its resource's file. */
void hl_judgement_report(struct hl_ctx *ctx, const struct hl_judgement *jd);
/* The problems of resource @res: returns how many, the first in @out. */
size_t hl_problems_of(const struct hl_judgement *jd, uint32_t res,
		      const struct hl_problem **out);
/* The text of a problem's finding (malloc'd). */
char *hl_problem_message(const struct hl_judgement *jd,
			 const struct hl_problem *p);
/* What the plan's mark says, short: "serviceAccountName 'sa'
 * (ServiceAccount): created later in this event". */
void hl_problem_mark(struct hl_buf *b, const struct hl_judgement *jd,
		     const struct hl_problem *p);

#endif
