/* test_text.c - the words of open answers (engine/model/text.c, names.c):
 * which words are people's names (masked) and which are not (kept), the
 * base forms and stems that make terms, stop words, numbers, the language
 * guess and the tokenizer's sentence starts.  Expected values are written
 * by hand from the sentences (which words a reader takes for names). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ky_test.h"
#include "ky_text.h"

static struct ky_text *tx;

static int setup(void **state)
{
	(void)state;
	struct ky_error e;
	ky_error_clear(&e);
	tx = ky_text_new();
	if (ky_text_load(tx, 1, "test.csv", &e) < 0) {
		fprintf(stderr, "test_text: %s (install libvoikko1, voikko-fi, libstemmer0d)\n",
			e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ky_text_free(tx);
	return 0;
}

static const char *const skip[] = { "[nimi]", "[sähköposti]", NULL };

/* S masked as a Finnish answer; *N the placeholders written. */
static char *masked(const char *s, enum ky_lang lang, unsigned *n)
{
	struct ky_buf b = KY_BUF_INIT;
	unsigned k = ky_text_mask_names(tx, &b, s, lang, "[nimi]", skip);
	if (n)
		*n = k;
	return ky_buf_detach(&b, NULL);
}

#define MASKS(in, out, count) do { \
	unsigned n_; \
	char *m_ = masked(in, KY_LANG_FI, &n_); \
	assert_string_equal(m_, out); \
	assert_int_equal(n_, count); \
	free(m_); \
} while (0)

static void test_finnish_names(void **state)
{
	(void)state;
	/* first name and surname in inflected forms: one placeholder */
	MASKS("Kiitos Maija Virtaselle avusta.", "Kiitos [nimi] avusta.", 1);
	MASKS("Kiitos Maijalle ja Virtasen tiimille!", "Kiitos [nimi] ja [nimi] tiimille!", 2);
	/* without a capital too, in a Finnish answer */
	MASKS("kiitos maijalle ja virtaselle", "kiitos [nimi] ja [nimi]", 2);
	/* at the start of a sentence, a name Voikko knows only as a name */
	MASKS("Liisa oli ihana. Pekka myös.", "[nimi] oli ihana. [nimi] myös.", 2);
	/* a name that is also a word: capitalised, a name (at the start of
	 * a sentence too: Matti, Marja and Niemi are more often names there) */
	MASKS("Matti oli mukava. Kiitos Onni!", "[nimi] oli mukava. Kiitos [nimi]!", 2);
	MASKS("Kiitos Niemi, mutta Mäkiselle kiitos.", "Kiitos [nimi], mutta [nimi] kiitos.", 2);
	/* a surname that is also a word starting a sentence alone: the word,
	 * unless what follows is said of a person */
	MASKS("Asukkaiden palvelu. Niemi on kaunis.", "Asukkaiden palvelu. Niemi on kaunis.", 0);
	MASKS("Niemi auttoi. Laine oli tosi ystävällinen.", "[nimi] auttoi. [nimi] oli tosi ystävällinen.", 2);
	MASKS("Asukasta ohjaavat verkkosivut.", "Asukasta ohjaavat verkkosivut.", 0);
	/* a name that is also a word, in lower case: in the allative after thanks */
	MASKS("kiitos matille ja marjat olivat hyviä", "kiitos [nimi] ja marjat olivat hyviä", 1);
	/* any capitalised word right after a first name: a surname */
	MASKS("Kiitos Satu Marjakangas ja Eija Kinnusen tiimi.", "Kiitos [nimi] ja [nimi] tiimi.", 2);
	MASKS("onni on tärkeää ja mäki oli jyrkkä", "onni on tärkeää ja mäki oli jyrkkä", 0);
	/* ... or next to a name: Anna (antaa) before a surname */
	MASKS("Anna Virtanen auttoi.", "[nimi] auttoi.", 1);
	MASKS("Anna palautetta.", "Anna palautetta.", 0);
	MASKS("Anna oli ihana.", "[nimi] oli ihana.", 1);   /* a verb after it: a name */
	MASKS("Aina saa apua. Aamulla oli jono. Toivon lisää.",
	      "Aina saa apua. Aamulla oli jono. Toivon lisää.", 0);
}

static void test_kept(void **state)
{
	(void)state;
	/* ordinary words starting a sentence; place names (Kokkola is a
	 * surname too) */
	MASKS("Kiitos! Hyvä palvelu. Palvelut ovat hyviä.", "Kiitos! Hyvä palvelu. Palvelut ovat hyviä.", 0);
	MASKS("Asun Kokkolassa ja käyn Lahdessa.", "Asun Kokkolassa ja käyn Lahdessa.", 0);
	MASKS("Soitin Kelaan ja Omaolo toimi.", "Soitin Kelaan ja Omaolo toimi.", 0);
	/* a place Voikko knows as a surname too: a name but in the inessive,
	 * elative or illative; surnames Voikko knows only as places */
	MASKS("Kiitos Heikkilälle ja Niemiselle.", "Kiitos [nimi] ja [nimi].", 2);
	MASKS("Kokkolaan ja Kokkolasta.", "Kokkolaan ja Kokkolasta.", 0);
	MASKS("Tapasin Maijan Kokkolassa.", "Tapasin [nimi] Kokkolassa.", 1);
	/* a place next to a name goes with it */
	MASKS("Terveisiä Maija Kokkolalle.", "Terveisiä [nimi].", 1);
	/* acronyms and numbers; a name in capitals */
	MASKS("STM ja THL 2024.", "STM ja THL 2024.", 0);
	MASKS("KIITOS MAIJALLE, OK.", "KIITOS [nimi], OK.", 1);
}

static void test_titles(void **state)
{
	(void)state;
	MASKS("hoitaja Liisa oli ihana", "hoitaja [nimi] oli ihana", 1);
	MASKS("Lääkärille Salolle kiitos.", "Lääkärille [nimi] kiitos.", 1);
	MASKS("Omahoitajani Sointu auttoi.", "Omahoitajani [nimi] auttoi.", 1);
	/* a place after a title is not a name */
	MASKS("lääkäri Oulussa oli hyvä", "lääkäri Oulussa oli hyvä", 0);
	/* nor across a sentence */
	MASKS("Kävin lääkärissä. Seuraavaksi neuvolaan.", "Kävin lääkärissä. Seuraavaksi neuvolaan.", 0);
	char *m = masked("Thanks to Dr. Smith and nurse Jane Doe.", KY_LANG_EN, NULL);
	assert_string_equal(m, "Thanks to Dr. [nimi] and nurse [nimi].");
	free(m);
	m = masked("Tack till sjuksköterskan Britt och läkaren Holm.", KY_LANG_SV, NULL);
	assert_string_equal(m, "Tack till sjuksköterskan [nimi] och läkaren [nimi].");
	free(m);
}

static void test_given_names(void **state)
{
	(void)state;
	char *m = masked("Thanks John, Mary's help was great. Will do again, Mark said.",
			 KY_LANG_EN, NULL);
	/* Will starts a sentence (and is a word); Mark inside one is a name */
	assert_string_equal(m, "Thanks [nimi], [nimi] help was great. Will do again, [nimi] said.");
	free(m);
	m = masked("Per var snäll. Per telefon gick det bra.", KY_LANG_SV, NULL);
	assert_string_equal(m, "[nimi] var snäll. Per telefon gick det bra.");
	free(m);
	m = masked("Tack Annas kollega och Lars Lindqvist.", KY_LANG_SV, NULL);
	assert_string_equal(m, "Tack [nimi] kollega och [nimi].");
	free(m);
	/* placeholders of other masking are not words */
	m = masked("Maija: [sähköposti]", KY_LANG_FI, NULL);
	assert_string_equal(m, "[nimi]: [sähköposti]");
	free(m);
}

static void term(enum ky_lang l, const char *w, const char *want)
{
	struct ky_buf k = KY_BUF_INIT;
	int rc = ky_text_term(tx, l, w, strlen(w), &k);
	if (!want) {
		assert_int_equal(rc, -1);
	} else {
		assert_int_equal(rc, 0);
		assert_string_equal(k.buf, want);
	}
	ky_buf_release(&k);
}

static void test_terms(void **state)
{
	(void)state;
	/* Voikko's base forms (voikkospell -m gives the same BASEFORM) */
	const char *forms[] = { "palvelu", "palvelun", "palveluja", "palveluista", "palveluun",
				"Palvelut" };
	for (size_t i = 0; i < 6; i++)
		term(KY_LANG_FI, forms[i], "palvelu");
	term(KY_LANG_FI, "odotusajat", "odotusaika");
	term(KY_LANG_FI, "Kokkolassa", "Kokkola");
	/* stop words by base form (on -> olla, en -> ei), number words */
	term(KY_LANG_FI, "on", NULL);
	term(KY_LANG_FI, "en", NULL);
	term(KY_LANG_FI, "kaksi", NULL);
	/* Snowball stems (libstemmer's stemwords gives the same) */
	term(KY_LANG_SV, "personalen", "~sv:personal");
	term(KY_LANG_SV, "väntetider", "~sv:väntetid");
	term(KY_LANG_SV, "och", NULL);
	term(KY_LANG_EN, "appointments", "~en:appoint");
	term(KY_LANG_EN, "Waited", "~en:wait");
	term(KY_LANG_EN, "the", NULL);
	/* a word Voikko does not know: Snowball's Finnish stemmer */
	term(KY_LANG_FI, "gnuplotissa", "~fi:gnuplot");
}

/* Past its bound the cache analyses each time, with the same results, and
 * does not grow. */
static void test_cache_bound(void **state)
{
	(void)state;
	struct ky_text *small = ky_text_new();
	struct ky_error e;
	ky_error_clear(&e);
	assert_int_equal(ky_text_load(small, 1, "t.csv", &e), 0);
	ky_text_set_cache_max(small, 2);
	struct ky_buf k = KY_BUF_INIT;
	const char *forms[] = { "palvelun", "neuvolassa", "palveluista", "jonossa", "palveluun" };
	const char *want[] = { "palvelu", "neuvola", "palvelu", "jono", "palvelu" };
	size_t bytes = 0;
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < 5; i++) {
			assert_int_equal(ky_text_term(small, KY_LANG_FI, forms[i], strlen(forms[i]), &k), 0);
			assert_string_equal(k.buf, want[i]);
			assert_true(ky_text_flags(small, "Maijalle", 8) & KY_WF_FIRST);
			if (round == 0 && i == 1)
				bytes = ky_text_cache_bytes(small);
			else if (round || i > 1)
				assert_int_equal(ky_text_cache_bytes(small), bytes);
		}
	ky_buf_release(&k);
	ky_text_free(small);
}

static void test_lang_and_words(void **state)
{
	(void)state;
	assert_int_equal(ky_text_guess_lang("Personalen är bra och det är inte svårt.", KY_LANG_FI),
			 KY_LANG_SV);
	assert_int_equal(ky_text_guess_lang("The staff was very kind and it was good.", KY_LANG_FI),
			 KY_LANG_EN);
	assert_int_equal(ky_text_guess_lang("Hyvä palvelu.", KY_LANG_SV), KY_LANG_SV);
	assert_int_equal(ky_text_guess_lang("Bra personal.", KY_LANG_FI), KY_LANG_SV);
	assert_int_equal(ky_text_guess_lang("Oli bra personal mutta pitkä jono ja huono", KY_LANG_FI),
			 KY_LANG_FI);
	assert_int_equal(ky_text_guess_lang("Palvelu on hyvä ja nopea.", KY_LANG_EN), KY_LANG_FI);
	struct ky_word *w = NULL;
	size_t cap = 0;
	size_t n = ky_text_words("Dr. Smith ei. Sote-palvelut, 2024! [nimi] ok", skip, &w, &cap);
	assert_int_equal(n, 6);
	assert_true(w[0].sentence_start && w[0].upper);
	assert_false(w[1].sentence_start);          /* after an abbreviation */
	assert_false(w[2].sentence_start);
	assert_true(w[3].sentence_start);           /* Sote-palvelut: one word */
	assert_int_equal(w[3].len, strlen("Sote-palvelut"));
	assert_true(w[4].digit);
	assert_false(w[5].tight_prev);              /* the placeholder in between */
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finnish_names),
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_given_names),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_lang_and_words),
		cmocka_unit_test(test_cache_bound),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
