/* report_md.c - report.md: the key numbers per block beside its chart, other
 * items' frequencies, open answers, what was not analysed and how. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_report.h"
#include "ky_stats.h"

/* User text inside Markdown: one line, with Markdown and HTML syntax escaped. */
static void md(struct ky_buf *out, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			ky_buf_addch(out, ' ');
		else if (strchr("\\`*_[]|<>#!~&", *p)) {
			ky_buf_addch(out, '\\');
			ky_buf_addch(out, *p);
		} else
			ky_buf_addch(out, *p);
	}
}

static void fmt(struct ky_buf *out, double x, int decimals)
{
	if (isfinite(x))
		ky_buf_addf(out, "%.*f", decimals, x);
	else
		ky_buf_adds(out, "–");
}

static void stats_row(struct ky_buf *out, const struct ky_column *c, const struct ky_slotref *r,
		      const char *label)
{
	struct ky_describe d;
	ky_stats_describe(&c->tally[r->slot], c->scale.value, c->scale.ordinal, &d);
	if (!c->scale.has_top2)
		d.top2_pct = d.top2_ci_low = d.top2_ci_high = NAN;
	ky_buf_adds(out, "| ");
	md(out, label);
	ky_buf_adds(out, " | ");
	md(out, r->slot == 0 ? "all" : r->group);
	if (ky_survey_suppressed(c, r->slot)) {
		ky_buf_adds(out, " | suppressed | | | | | | |\n");
		return;
	}
	ky_buf_addf(out, " | %llu | ", (unsigned long long)d.n_valid);
	fmt(out, d.mean, 2);
	ky_buf_adds(out, " | ");
	if (isfinite(d.mean_ci_low)) {
		fmt(out, d.mean_ci_low, 2);
		ky_buf_adds(out, "–");
		fmt(out, d.mean_ci_high, 2);
	} else {
		ky_buf_adds(out, "–");
	}
	ky_buf_adds(out, " | ");
	fmt(out, d.median, 1);
	ky_buf_adds(out, " | ");
	fmt(out, d.top2_pct, 1);
	ky_buf_addf(out, " | %llu | %llu |\n", (unsigned long long)d.n_nonsubstantive,
		    (unsigned long long)d.n_missing);
}

static void block_section(struct ky_buf *out, const struct ky_survey *s, size_t b,
			  const struct ky_slotref *slots, size_t n_slots,
			  const struct ky_chart_file *charts, size_t n_charts, const char *ext)
{
	const struct ky_block *bl = &s->block[b];
	const struct ky_column *first = &s->col[bl->items[0]];
	ky_buf_addf(out, "\n## %s. ", bl->id);
	md(out, bl->title ? bl->title : first->header);
	ky_buf_adds(out, "\n\n");
	ky_buf_addf(out, "Scale: %s (%s), codes 1–%zu: ", first->scale.family,
		    first->scale.polarity == KY_BIPOLAR ? "bipolar" : "unipolar",
		    first->scale.n_levels);
	for (size_t k = 0; k < first->scale.n_levels; k++) {
		ky_buf_addf(out, "%s%g = ", k ? ", " : "", first->scale.value[k]);
		md(out, first->scale.label[k]);
	}
	ky_buf_adds(out, ".\n\n");
	for (size_t k = 0; k < n_charts; k++)
		if (charts[k].block == b && ext) {
			ky_buf_adds(out, "![");
			md(out, bl->title ? bl->title : first->header);
			ky_buf_addf(out, "](charts/%s.%s)\n\n", charts[k].stem, ext);
		}
	ky_buf_adds(out, "| Item | Group | n | Mean | 95 % CI | Median | Top-2 % | Non-subst. | Missing |\n"
			 "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < bl->n_items; i++) {
		const struct ky_column *c = &s->col[bl->items[i]];
		for (size_t r = 0; r < n_slots; r++)
			stats_row(out, c, &slots[r], c->statement ? c->statement : c->header);
	}
}

static void categorical_section(struct ky_buf *out,
				const struct ky_column *c)
{
	ky_buf_addf(out, "\n### %s. ", c->id);
	md(out, c->header);
	ky_buf_addf(out, "\n\n| Answer | n | %% of valid |\n|---|---:|---:|\n");
	const struct ky_tally *t = &c->tally[0];
	uint64_t n = ky_tally_n(t);
	for (size_t k = 0; k < c->scale.n_levels; k++) {
		ky_buf_adds(out, "| ");
		md(out, c->scale.label[k]);
		ky_buf_addf(out, " | %llu | ", (unsigned long long)t->count[k]);
		fmt(out, n ? 100.0 * (double)t->count[k] / (double)n : NAN, 1);
		ky_buf_adds(out, " |\n");
	}
	for (size_t k = 0; k < c->n_nonsub; k++) {
		ky_buf_adds(out, "| ");
		md(out, c->nonsub_label[k]);
		ky_buf_addf(out, " (non-substantive) | %llu | |\n",
			    (unsigned long long)c->nonsub_count[0][k]);
	}
	ky_buf_addf(out, "| (no answer) | %llu | |\n", (unsigned long long)t->n_missing);
}

static void open_section(struct ky_buf *out, const struct ky_survey *s, const struct ky_column *c)
{
	ky_buf_addf(out, "\n### %s. ", c->id);
	md(out, c->header);
	ky_buf_adds(out, "\n\n");
	size_t nv = ky_column_n_values(c);
	for (size_t v = 0; v < nv; v++) {
		ky_buf_adds(out, "- ");
		md(out, ky_column_value(c, v));
		if (c->slot[0].count[v] > 1)
			ky_buf_addf(out, " (×%llu)", (unsigned long long)c->slot[0].count[v]);
		if (s->n_groupings) {
			const struct ky_grouping *gr = &s->grouping[0];
			const char *sep = " — ";
			for (size_t i = 0; i < gr->n_groups; i++) {
				const struct ky_vslot *vs = &c->slot[ky_survey_slot(s, 0, gr->order[i])];
				if (v < vs->cap && vs->count[v]) {
					ky_buf_adds(out, sep);
					md(out, ky_survey_group_name(s, 0, gr->order[i]));
					sep = ", ";
				}
			}
		}
		ky_buf_addch(out, '\n');
	}
	if (c->n_overflow)
		ky_buf_addf(out, "- … and %llu more answers (not listed: over %d distinct texts)\n",
			    (unsigned long long)c->n_overflow, KY_MAX_DISTINCT);
}

/* Items whose groups differ: the rank test of each grouping (Mann-Whitney
 * for two groups, Kruskal-Wallis for more) with Holm-adjusted p < 0.05. */
static void differences_section(struct ky_buf *out, const struct ky_survey *s)
{
	if (!s->n_groupings)
		return;
	struct ky_comparison *cmp;
	size_t n = ky_report_comparisons(s, &cmp), shown = 0;
	struct ky_buf text = KY_BUF_INIT;
	ky_buf_adds(out, "\n## Differences between groups\n\n");
	for (size_t i = 0; i < n; i++) {
		const struct ky_comparison *c = &cmp[i];
		const struct ky_grouping *gr = &s->grouping[c->g];
		enum ky_test_kind want = gr->n_groups >= 3 ? KY_TEST_KRUSKAL_WALLIS
							   : KY_TEST_MANN_WHITNEY;
		if (c->t.kind != want || !(c->p_holm < 0.05))
			continue;
		if (!shown++)
			ky_buf_adds(out, "| Item | Grouping | Test | Groups | Statistic | p (Holm) | Effect |\n"
					 "|---|---|---|---|---:|---:|---:|\n| ");
		else
			ky_buf_adds(out, "| ");
		md(out, ky_comparison_text(s, c, &text));
		ky_buf_adds(out, " | ");
		md(out, gr->name);
		ky_buf_addf(out, " | %s | ", c->t.kind == KY_TEST_MANN_WHITNEY ? "Mann–Whitney U"
										: "Kruskal–Wallis H");
		if (c->a != (size_t)-1) {
			md(out, c->group_a);
			ky_buf_adds(out, " vs ");
			md(out, c->group_b);
		} else {
			ky_buf_adds(out, "all");
		}
		ky_buf_adds(out, " | ");
		fmt(out, c->t.statistic, 1);
		ky_buf_adds(out, " | ");
		if (c->p_holm < 0.001)
			ky_buf_adds(out, "< 0.001");
		else
			fmt(out, c->p_holm, 3);
		ky_buf_addf(out, " | %s ", ky_test_effect_name(c->t.kind));
		fmt(out, c->t.effect, 3);
		ky_buf_adds(out, " |\n");
	}
	if (!shown)
		ky_buf_adds(out, "No item differs between groups at p < 0.05 (Holm-adjusted within "
				 "each question block).\n");
	else
		ky_buf_adds(out, "\nHolm-adjusted within each question block; every test, pair "
				 "and effect size is in comparisons.csv.\n");
	ky_buf_release(&text);
	free(cmp);
}

static void scales_section(struct ky_buf *out, const struct ky_survey *s)
{
	int head = 0;
	for (size_t b = 0; b < s->n_blocks; b++) {
		const struct ky_block *bl = &s->block[b];
		const struct ky_block_scale *r = bl->scale;
		if (!r)
			continue;
		if (!head++)
			ky_buf_adds(out, "\n## Multi-item scales\n\n"
					 "Cronbach's alpha on respondents who answered every item "
					 "(reliability.csv has each item's corrected item–total "
					 "correlation and alpha if deleted; scales.csv the scale "
					 "score by group).\n\n"
					 "| Block | Items | Complete | Alpha | Std. alpha | Reversed |\n"
					 "|---|---:|---:|---:|---:|---|\n");
		ky_buf_adds(out, "| ");
		md(out, bl->title ? bl->title : bl->id);
		ky_buf_addf(out, " | %zu | ", bl->n_items);
		if (r->suppressed && r->suppressed[0]) {
			ky_buf_adds(out, "suppressed | | | |\n");
			continue;
		}
		ky_buf_addf(out, "%llu | ", (unsigned long long)r->n_complete);
		fmt(out, r->alpha, 2);
		ky_buf_adds(out, " | ");
		fmt(out, r->alpha_std, 2);
		ky_buf_adds(out, " | ");
		int any = 0;
		for (size_t k = 0; k < bl->n_items; k++)
			if (s->col[bl->items[k]].reversed)
				ky_buf_addf(out, "%s%s", any++ ? ", " : "", s->col[bl->items[k]].id);
		ky_buf_adds(out, any ? " |\n" : "– |\n");
	}
}

static void choices_section(struct ky_buf *out, const struct ky_survey *s,
			    const struct ky_slotref *slots, size_t n_slots)
{
	for (size_t i = 0; i < s->n_choices; i++) {
		const struct ky_choice *q = &s->choice[i];
		int rank = q->kind == KY_CHOICE_RANKING;
		ky_buf_addf(out, "\n## %s: ", rank ? "Ranking" : "Multi-select");
		md(out, q->title);
		ky_buf_adds(out, rank ? "\n\nOptions by Borda score (a rank r of K positions gives "
					"K − r + 1 points); ranked % of those who answered.\n\n"
					"| Group | Option | Ranked % | Mean rank | Borda |\n"
					"|---|---|---:|---:|---:|\n"
				      : "\n\nShare of those who answered the question.\n\n"
					"| Group | Option | n | % of respondents |\n|---|---|---:|---:|\n");
		size_t *order = ky_choice_order(q);
		for (size_t k = 0; k < n_slots; k++) {
			size_t sl = slots[k].slot;
			uint64_t n = q->n_respondents[sl];
			for (size_t j = 0; j < q->n_options; j++) {
				size_t o = order[j];
				ky_buf_adds(out, "| ");
				md(out, slots[k].group[0] == '*' && !slots[k].group[1] ? "All"
				   : slots[k].group);
				ky_buf_adds(out, " | ");
				md(out, q->option[o]);
				if (q->suppressed[sl]) {
					ky_buf_adds(out, rank ? " | suppressed | | |\n"
							      : " | suppressed | |\n");
					continue;
				}
				if (!rank) {
					ky_buf_addf(out, " | %llu | ", (unsigned long long)q->count[sl][o]);
					fmt(out, n ? 100.0 * (double)q->count[sl][o] / (double)n : NAN, 1);
					ky_buf_adds(out, " |\n");
					continue;
				}
				double mean_rank;
				uint64_t ranked = ky_choice_ranked(q, sl, o, &mean_rank);
				ky_buf_adds(out, " | ");
				fmt(out, n ? 100.0 * (double)ranked / (double)n : NAN, 1);
				ky_buf_adds(out, " | ");
				fmt(out, mean_rank, 2);
				ky_buf_addf(out, " | %llu |\n",
					    (unsigned long long)ky_choice_borda(q, sl, o));
			}
		}
		free(order);
	}
}

static void nps_section(struct ky_buf *out, const struct ky_survey *s,
			const struct ky_slotref *slots, size_t n_slots)
{
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (!c->nps)
			continue;
		ky_buf_adds(out, "\n## Net Promoter Score: ");
		md(out, c->header);
		ky_buf_adds(out, "\n\nPromoters answer 9–10, passives 7–8, detractors 0–6; NPS = "
				 "% promoters − % detractors, with a 95 % interval.\n\n"
				 "| Group | n | Promoters % | Passives % | Detractors % | NPS | 95 % CI |\n"
				 "|---|---:|---:|---:|---:|---:|---:|\n");
		for (size_t k = 0; k < n_slots; k++) {
			ky_buf_adds(out, "| ");
			md(out, slots[k].group[0] == '*' && !slots[k].group[1] ? "All" : slots[k].group);
			if (ky_survey_suppressed(c, slots[k].slot)) {
				ky_buf_adds(out, " | suppressed | | | | | |\n");
				continue;
			}
			uint64_t grp[3];
			struct ky_nps x;
			ky_report_nps(c, slots[k].slot, grp, &x);
			double n = (double)x.n;
			ky_buf_addf(out, " | %llu | ", (unsigned long long)x.n);
			for (int g = 2; g >= 0; g--) {
				fmt(out, x.n ? 100.0 * (double)grp[g] / n : NAN, 1);
				ky_buf_adds(out, " | ");
			}
			fmt(out, x.score, 1);
			ky_buf_adds(out, " | ");
			if (isnan(x.ci_low)) {
				ky_buf_adds(out, "–");
			} else {
				fmt(out, x.ci_low, 1);
				ky_buf_adds(out, " … ");
				fmt(out, x.ci_high, 1);
			}
			ky_buf_adds(out, " |\n");
		}
	}
}

void ky_report_markdown(const struct ky_survey *s, const struct ky_chart_file *charts,
			size_t n_charts, const char *ext, struct ky_buf *out)
{
	struct ky_slotref *slots;
	size_t n_slots = ky_report_slots(s, &slots);
	const char *base = strrchr(s->path, '/');
	ky_buf_adds(out, "# Survey results: ");
	md(out, base ? base + 1 : s->path);
	ky_buf_addf(out, "\n\nRespondents: **%llu**. ", (unsigned long long)s->n_respondents);
	if (s->population && s->population >= s->n_respondents)
		ky_buf_addf(out, "Invited: %llu, response rate **%.1f %%**. ",
			    (unsigned long long)s->population,
			    100.0 * (double)s->n_respondents / (double)s->population);
	ky_buf_addf(out, "Input: %s, %s-separated%s.\n", s->encoding,
		    s->delimiter == '\t' ? "tab" : s->delimiter == ';' ? "semicolon" : "comma",
		    s->bom ? ", with byte-order mark" : "");
	for (size_t g = 0; g < s->n_groupings; g++) {
		const struct ky_grouping *gr = &s->grouping[g];
		ky_buf_adds(out, "\nGroups by *");
		md(out, gr->name);
		ky_buf_adds(out, "*: ");
		for (size_t i = 0; i < gr->n_groups; i++) {
			ky_buf_adds(out, i ? ", " : "");
			md(out, ky_survey_group_name(s, g, gr->order[i]));
			ky_buf_addf(out, " %llu", (unsigned long long)gr->n_respondents[gr->order[i]]);
		}
		if (gr->n_empty)
			ky_buf_addf(out, "; no group given: %llu", (unsigned long long)gr->n_empty);
		ky_buf_adds(out, ".\n");
	}
	for (size_t b = 0; b < s->n_blocks; b++)
		block_section(out, s, b, slots, n_slots, charts, n_charts, ext);
	int head = 0;
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (!ky_column_is_item(c) || c->block != KY_NO_BLOCK)
			continue;
		if (!head++)
			ky_buf_adds(out, "\n## Other questions\n");
		if (c->type == KY_COL_CATEGORICAL) {
			categorical_section(out, c);
		} else {
			ky_buf_adds(out, "\n| Item | Group | n | Mean | 95 % CI | Median | Top-2 % | Non-subst. | Missing |\n"
					 "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
			for (size_t r = 0; r < n_slots; r++)
				stats_row(out, c, &slots[r], c->header);
		}
	}
	differences_section(out, s);
	scales_section(out, s);
	choices_section(out, s, slots, n_slots);
	nps_section(out, s, slots, n_slots);
	head = 0;
	for (size_t i = 0; i < s->n_columns; i++)
		if (s->col[i].type == KY_COL_OPEN) {
			if (!head++)
				ky_buf_adds(out, "\n## Open answers\n\nIn order of first appearance; "
						 "identical answers are counted once with their number.\n");
			open_section(out, s, &s->col[i]);
		}
	ky_buf_adds(out, "\n## Columns not analysed as questions\n\n");
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (ky_column_is_item(c) || c->type == KY_COL_OPEN)
			continue;
		ky_buf_addf(out, "- %s ", c->id);
		md(out, c->header);
		ky_buf_addf(out, ": %s\n", c->note ? c->note : ky_coltype_name(c->type));
	}
	if (s->n_warnings) {
		ky_buf_adds(out, "\n## Warnings\n\n");
		for (size_t i = 0; i < s->n_warnings; i++) {
			ky_buf_adds(out, "- ");
			md(out, s->warning[i]);
			ky_buf_addch(out, '\n');
		}
	}
	ky_buf_adds(out,
		"\n## Method\n\n"
		"Statistics use valid answers only: non-substantive answers (such as \"En osaa "
		"sanoa\" or \"En ole käyttänyt\") and empty cells are counted but excluded. Codes run "
		"from 1 at the negative or lowest end of the scale. Mean with SD (n − 1) and a 95 % "
		"t-interval; median as R's quantile type 7; top-2 % is the share of valid answers in "
		"the two highest codes. Respondents with an empty group cell count in \"all\" only. "
		"Groups are compared with Mann–Whitney U (ties mid-ranked, normal approximation "
		"with continuity correction), Welch's t, Kruskal–Wallis H and Pearson's chi-square "
		"(Fisher's exact test for sparse 2 × 2 tables); p-values are adjusted with Holm and "
		"Benjamini–Hochberg within each question block. "
		"Full tables: descriptives.csv, frequencies.csv, comparisons.csv, summary.json.\n");
	free(slots);
}
