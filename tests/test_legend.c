/* test_legend.c - code legends in question texts (engine/base/legend.c):
 * the forms analysts' exports carry (fi/sv/en, full lists and end points,
 * parentheses, "asteikolla 1–5, jossa ...", "…" and ja/och/and between),
 * the text left without the legend, non-substantive labels, and texts that
 * hold no legend. */
#include <stdlib.h>
#include <string.h>

#include "ky_legend.h"
#include "ky_test.h"

struct want {
	const char *text, *stripped, *legend;
	long lo, hi;
	int ends_only;
	size_t n;
	long code[8];
	const char *label[8];
	int nonsub[8];
};

static void check(const struct want *w)
{
	char *stripped = NULL;
	struct ky_legend *lg = ky_legend_parse(w->text, &stripped);
	if (!w->stripped) {
		if (lg)
			fail_msg("'%s': found legend '%s', expected none", w->text, lg->text);
		assert_null(stripped);
		return;
	}
	if (!lg)
		fail_msg("'%s': no legend found", w->text);
	assert_string_equal(stripped, w->stripped);
	assert_string_equal(lg->text, w->legend);
	assert_string_equal(lg->header, w->text);
	assert_int_equal(lg->lo, w->lo);
	assert_int_equal(lg->hi, w->hi);
	assert_int_equal(lg->ends_only, w->ends_only);
	assert_int_equal(lg->n, w->n);
	for (size_t k = 0; k < w->n; k++) {
		assert_int_equal(lg->e[k].code, w->code[k]);
		assert_string_equal(lg->e[k].label, w->label[k]);
		assert_int_equal(lg->e[k].nonsub, w->nonsub[k]);
	}
	ky_legend_free(lg);
	free(stripped);
}

static void test_soite(void **state)
{
	(void)state;
	const struct want w = {
		"Kuinka merkittäviä vaikutuksia kehitetyillä palveluilla on ollut sinun tai perheesi "
		"arkeen? (0=En ole käyttänyt, 1=Ei vaikutusta, 2=Vähäinen vaikutus, 3=Kohtalainen "
		"vaikutus, 4=Merkittävä vaikutus, 5=Erittäin merkittävä vaikutus):Kotihoito",
		"Kuinka merkittäviä vaikutuksia kehitetyillä palveluilla on ollut sinun tai perheesi "
		"arkeen?:Kotihoito",
		"(0=En ole käyttänyt, 1=Ei vaikutusta, 2=Vähäinen vaikutus, 3=Kohtalainen vaikutus, "
		"4=Merkittävä vaikutus, 5=Erittäin merkittävä vaikutus)",
		1, 5, 0, 6, { 0, 1, 2, 3, 4, 5 },
		{ "En ole käyttänyt", "Ei vaikutusta", "Vähäinen vaikutus", "Kohtalainen vaikutus",
		  "Merkittävä vaikutus", "Erittäin merkittävä vaikutus" },
		{ 1, 0, 0, 0, 0, 0 },
	};
	check(&w);
}

static void test_end_points(void **state)
{
	(void)state;
	const struct want w[] = {
		{ "Arvioi väittämiä, 1 = täysin eri mieltä … 5 = täysin samaa mieltä",
		  "Arvioi väittämiä", "1 = täysin eri mieltä … 5 = täysin samaa mieltä",
		  1, 5, 1, 2, { 1, 5 }, { "täysin eri mieltä", "täysin samaa mieltä" }, { 0, 0 } },
		{ "Arvioi väittämiä asteikolla 1–5, jossa 1 = täysin eri mieltä ja 5 = täysin samaa "
		  "mieltä:Palvelu oli hyvää", "Arvioi väittämiä:Palvelu oli hyvää",
		  "asteikolla 1–5, jossa 1 = täysin eri mieltä ja 5 = täysin samaa mieltä",
		  1, 5, 1, 2, { 1, 5 }, { "täysin eri mieltä", "täysin samaa mieltä" }, { 0, 0 } },
		{ "Hur väl stämmer påståendena (1=Helt av annan åsikt ... 5=Helt av samma åsikt):"
		  "Personalen", "Hur väl stämmer påståendena:Personalen",
		  "(1=Helt av annan åsikt ... 5=Helt av samma åsikt)",
		  1, 5, 1, 2, { 1, 5 }, { "Helt av annan åsikt", "Helt av samma åsikt" }, { 0, 0 } },
		{ "How satisfied are you? (1 = Strongly disagree, 5 = Strongly agree)",
		  "How satisfied are you?", "(1 = Strongly disagree, 5 = Strongly agree)",
		  1, 5, 1, 2, { 1, 5 }, { "Strongly disagree", "Strongly agree" }, { 0, 0 } },
		{ "On a scale of 1 to 5, where 1 = not at all and 5 = very much, how useful was it?",
		  "how useful was it?", "On a scale of 1 to 5, where 1 = not at all and 5 = very much",
		  1, 5, 1, 2, { 1, 5 }, { "not at all", "very much" }, { 0, 0 } },
		{ "Arvio (1: huono, 2: kohtalainen, 3: hyvä):Palvelu", "Arvio:Palvelu",
		  "(1: huono, 2: kohtalainen, 3: hyvä)", 1, 3, 0, 3, { 1, 2, 3 },
		  { "huono", "kohtalainen", "hyvä" }, { 0, 0, 0 } },
		{ "Vaikutus (-2 = haittaa paljon, -1 = haittaa jonkin verran, 0 = ei vaikutusta, "
		  "1 = edistää jonkin verran, 2 = edistää paljon)", "Vaikutus",
		  "(-2 = haittaa paljon, -1 = haittaa jonkin verran, 0 = ei vaikutusta, "
		  "1 = edistää jonkin verran, 2 = edistää paljon)", -2, 2, 0, 5, { -2, -1, 0, 1, 2 },
		  { "haittaa paljon", "haittaa jonkin verran", "ei vaikutusta", "edistää jonkin verran",
		    "edistää paljon" }, { 0, 0, 0, 0, 0 } },
		{ "Kouluarvosana 4-10 (4 = hylätty, 10 = erinomainen)", "Kouluarvosana 4-10",
		  "(4 = hylätty, 10 = erinomainen)", 4, 10, 1, 2, { 4, 10 },
		  { "hylätty", "erinomainen" }, { 0, 0 } },
	};
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		check(&w[i]);
}

static void test_nonsubstantive_codes(void **state)
{
	(void)state;
	const struct want w[] = {
		{ "Kuinka usein (1=harvoin, 2=joskus, 3=usein, 9=En osaa sanoa)?", "Kuinka usein?",
		  "(1=harvoin, 2=joskus, 3=usein, 9=En osaa sanoa)", 1, 3, 0, 4, { 1, 2, 3, 9 },
		  { "harvoin", "joskus", "usein", "En osaa sanoa" }, { 0, 0, 0, 1 } },
		{ "Påståenden (1=Helt av annan åsikt, 5=Helt av samma åsikt, 6=Vet ej)",
		  "Påståenden", "(1=Helt av annan åsikt, 5=Helt av samma åsikt, 6=Vet ej)", 1, 5, 1,
		  3, { 1, 5, 6 }, { "Helt av annan åsikt", "Helt av samma åsikt", "Vet ej" },
		  { 0, 0, 1 } },
		{ "Agree? (1 = Strongly disagree, 5 = Strongly agree, 9 = Not applicable) - Staff",
		  "Agree? - Staff", "(1 = Strongly disagree, 5 = Strongly agree, 9 = Not applicable)",
		  1, 5, 1, 3, { 1, 5, 9 }, { "Strongly disagree", "Strongly agree", "Not applicable" },
		  { 0, 0, 1 } },
		{ "Palvelu (0 = Ei koske minua; 1 = huono; 2 = hyvä)", "Palvelu",
		  "(0 = Ei koske minua; 1 = huono; 2 = hyvä)", 1, 2, 0, 3, { 0, 1, 2 },
		  { "Ei koske minua", "huono", "hyvä" }, { 1, 0, 0 } },
	};
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		check(&w[i]);
}

static void test_no_legend(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"Ikä (vuotta)", "x=1, y=2", "Kuinka monta kertaa (0=ei kertaakaan)?",
		"Arvosana 1.5=hyvä, 2.5=huono", "Kerro = mitä ajattelet", "Q12=3", "",
		"Kysymys 1:Väite", "Osa 2: Palvelut, osa 3:Henkilöstö", "Q1: a, Q2: b",
		"(1=kyllä, 9=en osaa sanoa)",   /* one substantive code: no scale */
		"Pisteet (1=a, 20=b)",          /* over eleven points */
		"A (5=hyvä, 1=huono)",          /* codes must increase */
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		const struct want w = { texts[i], NULL, NULL, 0, 0, 0, 0, { 0 }, { 0 }, { 0 } };
		check(&w);
	}
}

static void test_equal(void **state)
{
	(void)state;
	char *s1, *s2, *s3;
	struct ky_legend *a = ky_legend_parse("A (1=Täysin eri mieltä, 5=Täysin samaa mieltä)", &s1);
	struct ky_legend *b = ky_legend_parse("B (1 = täysin eri  mieltä … 5 = täysin samaa mieltä)", &s2);
	struct ky_legend *c = ky_legend_parse("C (1 = täysin eri mieltä … 4 = täysin samaa mieltä)", &s3);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_true(ky_legend_equal(a, b));
	assert_false(ky_legend_equal(a, c));
	assert_non_null(ky_legend_find(a, 5));
	assert_null(ky_legend_find(a, 3));
	ky_legend_free(a);
	ky_legend_free(b);
	ky_legend_free(c);
	free(s1);
	free(s2);
	free(s3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_soite),
		cmocka_unit_test(test_end_points),
		cmocka_unit_test(test_nonsubstantive_codes),
		cmocka_unit_test(test_no_legend),
		cmocka_unit_test(test_equal),
	};
	return cmocka_run_group_tests_name("legend", tests, NULL, NULL);
}
