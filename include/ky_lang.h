/* ky_lang.h - the words of charts and reports in Finnish, Swedish and English.
 *
 * Only kysely's own wording is translated; question texts, labels and group
 * names are shown as the export wrote them.  Tables (CSV, JSON) keep English
 * column names so that scripts reading them do not depend on --lang.
 * Strings marked "format" take printf arguments as their comment says.
 */
#ifndef KY_LANG_H
#define KY_LANG_H

enum ky_lang { KY_LANG_FI, KY_LANG_SV, KY_LANG_EN };

/* Every member is a const char *: tests walk the struct as an array. */
struct ky_words {
	const char *code;               /* "fi" */
	/* charts */
	const char *x_valid_pct, *x_diverging, *x_respondents_pct, *x_mean_ci;
	const char *all, *suppressed, *pct_respondents;
	const char *note_n_bar;         /* n per bar */
	const char *note_scale;         /* format: family, n levels */
	const char *note_nonsub;        /* format: legend */
	const char *note_suppressed;    /* format: min_n */
	const char *note_means;         /* dot plot footnote */
	const char *note_choice;        /* multi-select / ranking footnote */
	const char *rank_level;         /* format: rank (size_t) */
	const char *nps_level[3];       /* detractors, passives, promoters */
	const char *means_title;        /* format: block title */
	/* report */
	const char *title, *respondents, *invited, *response_rate, *input, *input_desc;
	const char *sep_semicolon, *sep_comma, *sep_tab, *sep_pipe, *with_bom;
	const char *groups_by, *no_group;
	const char *audiences_asked;    /* several audiences: "what each was asked" */
	const char *audiences_blocks;   /* format: routing column; parallel blocks */
	const char *audiences_exports;  /* one export each */
	const char *scale, *unipolar, *bipolar, *codes;
	const char *col_item, *col_group, *col_n, *col_mean, *col_ci, *col_median, *col_top2,
		*col_nonsub, *col_missing, *col_answer, *col_pct_valid, *col_option,
		*col_pct_resp, *col_ranked_pct, *col_mean_rank, *col_borda, *col_test, *col_groups,
		*col_p_holm, *col_effect, *col_block, *col_items, *col_complete, *col_alpha,
		*col_alpha_std, *col_reversed, *col_promoters, *col_passives, *col_detractors,
		*col_nps;
	const char *no_answer, *nonsub_suffix, *vs, *all_groups;
	const char *sec_other, *sec_differences, *sec_scales, *sec_multiselect, *sec_ranking,
		*sec_nps, *sec_open, *sec_not_analysed, *sec_warnings, *sec_method;
	const char *diff_intro, *diff_none, *diff_more;
	const char *mw, *kw;
	const char *wrank;              /* weighted runs: svyranktest in place of both */
	const char *effect_word[4];     /* negligible, small, medium, large difference */
	const char *scales_intro, *multiselect_intro, *ranking_intro, *nps_intro;
	const char *open_intro, *open_masked, *open_unmasked, *open_more; /* open_more: format count, limit */
	const char *others;             /* pooled hidden groups and no group */
	const char *open_hidden;        /* format: count */
	const char *other_answers_of;   /* format: question id, question text */
	const char *other_answers_in;   /* format: open column id, its header */
	const char *mask_email, *mask_phone, *mask_hetu, *mask_name;
	/* terms of open answers */
	const char *terms_intro, *col_term, *col_answers, *col_pct_answers, *quotes, *terms_none,
		*terms_snowball, *all_answers, *x_answers_pct, *note_terms;
	const char *quote_open, *quote_close;   /* ” ” in fi and sv, “ ” in en */
	const char *method[5];          /* paragraphs of the methods note */
	const char *method_suppression; /* format: min_n */
	const char *method_no_suppression;
	/* weighted runs: the front note (format: weight source), the methods
	 * paragraphs on the weights and the raking (format: variables,
	 * iterations), and the weights' summary (format: min, max, deff, n_eff) */
	const char *weighted_front, *weights_column, *weights_raked, *weights_raked_base;
	const char *method_weights, *method_raking, *method_weights_summary;
	const char *generated_by;
	/* key findings (docs/findings.md); formats take only %s */
	const char *sec_findings, *find_none;
	const char *find_rate;          /* rate, respondents, invited */
	const char *find_highest;       /* block, item, top2, mean, ci low, ci high, n */
	const char *find_lowest;        /* the same */
	const char *find_diff;          /* item, higher group, lower group, p, effect words, r */
	const char *find_diff_means;    /* mean of higher, mean of lower */
	const char *find_nonsub;        /* item, pct, labels, count, answers */
	const char *find_change;        /* item, group, rose/fell, a, b, round a, round b, p */
	const char *find_rose, *find_fell;
	const char *scale_score;        /* "Summapistemäärä" (of a block) */
};

const struct ky_words *ky_words(enum ky_lang lang);

/* "fi", "sv" or "en" -> *LANG; returns -1 for anything else. */
int ky_lang_parse(const char *s, enum ky_lang *lang);

/* What table TABLE ("frequencies", "changes", ...) of tables.xlsx and
 * its column COLUMN ("p_holm"; "rank_3" as "rank_") mean, in LANG; NULL
 * for a name it does not know. */
const char *ky_table_meaning(enum ky_lang lang, const char *table);
const char *ky_column_meaning(enum ky_lang lang, const char *column);

#endif
