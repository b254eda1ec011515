/* scale.c - the built-in Finnish/Swedish/English scale lexicon and label
 * normalisation (utf8proc: NFKC + case folding). */
#include "ky_scale.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define L(...) { { __VA_ARGS__ } }

/* Spellings are stored already normalised (lower case, single spaces); the
 * first spelling of a level is the label shown when the data never used it. */
static const struct ky_lex_scale lexicon[] = {
	/* agreement */
	{ "agreement-4-fi", "agreement", "fi", KY_BIPOLAR, 4, {
		L("täysin eri mieltä"),
		L("jokseenkin eri mieltä", "osittain eri mieltä", "melko eri mieltä", "eri mieltä"),
		L("jokseenkin samaa mieltä", "osittain samaa mieltä", "melko samaa mieltä", "samaa mieltä"),
		L("täysin samaa mieltä") } },
	{ "agreement-5-fi", "agreement", "fi", KY_BIPOLAR, 5, {
		L("täysin eri mieltä"),
		L("jokseenkin eri mieltä", "osittain eri mieltä", "melko eri mieltä", "eri mieltä"),
		L("ei samaa eikä eri mieltä", "en samaa enkä eri mieltä", "ei samaa mieltä eikä eri mieltä", "neutraali"),
		L("jokseenkin samaa mieltä", "osittain samaa mieltä", "melko samaa mieltä", "samaa mieltä"),
		L("täysin samaa mieltä") } },
	{ "agreement-4-sv", "agreement", "sv", KY_BIPOLAR, 4, {
		L("helt av annan åsikt", "helt oenig", "instämmer inte alls"),
		L("delvis av annan åsikt", "delvis oenig", "något oenig", "instämmer i liten grad"),
		L("delvis av samma åsikt", "delvis enig", "något enig", "instämmer i stor grad"),
		L("helt av samma åsikt", "helt enig", "instämmer helt") } },
	{ "agreement-5-sv", "agreement", "sv", KY_BIPOLAR, 5, {
		L("helt av annan åsikt", "helt oenig", "instämmer inte alls"),
		L("delvis av annan åsikt", "delvis oenig", "något oenig", "instämmer i liten grad"),
		L("varken av samma eller annan åsikt", "varken enig eller oenig", "varken eller", "neutral"),
		L("delvis av samma åsikt", "delvis enig", "något enig", "instämmer i stor grad"),
		L("helt av samma åsikt", "helt enig", "instämmer helt") } },
	{ "agreement-4-en", "agreement", "en", KY_BIPOLAR, 4, {
		L("strongly disagree", "strong disagree", "completely disagree"),
		L("disagree", "somewhat disagree", "tend to disagree", "mostly disagree"),
		L("agree", "somewhat agree", "tend to agree", "mostly agree"),
		L("strongly agree", "strong agree", "completely agree") } },
	{ "agreement-5-en", "agreement", "en", KY_BIPOLAR, 5, {
		L("strongly disagree", "strong disagree", "completely disagree"),
		L("disagree", "somewhat disagree", "tend to disagree", "mostly disagree"),
		L("neither agree nor disagree", "neutral", "neither", "undecided", "neither disagree nor agree"),
		L("agree", "somewhat agree", "tend to agree", "mostly agree"),
		L("strongly agree", "strong agree", "completely agree") } },

	/* impact (unipolar) */
	{ "impact-5-fi", "impact", "fi", KY_UNIPOLAR, 5, {
		L("ei vaikutusta", "ei lainkaan vaikutusta"),
		L("vähäinen vaikutus", "vähän vaikutusta", "pieni vaikutus"),
		L("kohtalainen vaikutus", "jonkin verran vaikutusta", "jonkinlainen vaikutus"),
		L("merkittävä vaikutus", "paljon vaikutusta", "suuri vaikutus"),
		L("erittäin merkittävä vaikutus", "erittäin paljon vaikutusta", "erittäin suuri vaikutus") } },
	{ "impact-4-fi", "impact", "fi", KY_UNIPOLAR, 4, {
		L("ei vaikutusta", "ei lainkaan vaikutusta"),
		L("vähäinen vaikutus", "vähän vaikutusta", "pieni vaikutus"),
		L("merkittävä vaikutus", "paljon vaikutusta", "suuri vaikutus"),
		L("erittäin merkittävä vaikutus", "erittäin paljon vaikutusta", "erittäin suuri vaikutus") } },
	{ "impact-5-sv", "impact", "sv", KY_UNIPOLAR, 5, {
		L("ingen inverkan", "ingen påverkan", "ingen effekt"),
		L("liten inverkan", "liten påverkan", "liten effekt"),
		L("måttlig inverkan", "måttlig påverkan", "måttlig effekt"),
		L("betydande inverkan", "stor påverkan", "betydande effekt"),
		L("mycket betydande inverkan", "mycket stor påverkan", "mycket betydande effekt") } },
	{ "impact-5-en", "impact", "en", KY_UNIPOLAR, 5, {
		L("no impact", "no effect"),
		L("minor impact", "slight impact", "little impact", "small impact"),
		L("moderate impact", "some impact"),
		L("significant impact", "major impact", "considerable impact", "large impact"),
		L("very significant impact", "very major impact", "very large impact") } },

	/* effect: hinders ... promotes (bipolar) */
	{ "effect-5-fi", "effect", "fi", KY_BIPOLAR, 5, {
		L("haittaa paljon", "haittaa merkittävästi"),
		L("haittaa jonkin verran", "haittaa vähän", "haittaa hieman"),
		L("ei edistä eikä haittaa", "ei haittaa eikä edistä"),
		L("edistää jonkin verran", "edistää vähän", "edistää hieman"),
		L("edistää paljon", "edistää merkittävästi") } },
	{ "effect-4-fi", "effect", "fi", KY_BIPOLAR, 4, {
		L("haittaa paljon", "haittaa merkittävästi"),
		L("haittaa jonkin verran", "haittaa vähän", "haittaa hieman"),
		L("edistää jonkin verran", "edistää vähän", "edistää hieman"),
		L("edistää paljon", "edistää merkittävästi") } },
	{ "effect-5-sv", "effect", "sv", KY_BIPOLAR, 5, {
		L("försvårar mycket", "hindrar mycket"),
		L("försvårar något", "hindrar något"),
		L("varken främjar eller försvårar", "varken försvårar eller främjar"),
		L("främjar något"),
		L("främjar mycket") } },
	{ "effect-5-en", "effect", "en", KY_BIPOLAR, 5, {
		L("hinders a lot", "greatly hinders", "hinders greatly"),
		L("hinders somewhat", "hinders a little", "somewhat hinders"),
		L("neither hinders nor promotes", "neither promotes nor hinders"),
		L("promotes somewhat", "promotes a little", "somewhat promotes"),
		L("promotes a lot", "greatly promotes", "promotes greatly") } },

	/* satisfaction (bipolar) */
	{ "satisfaction-4-fi", "satisfaction", "fi", KY_BIPOLAR, 4, {
		L("erittäin tyytymätön", "hyvin tyytymätön"),
		L("melko tyytymätön", "jokseenkin tyytymätön", "tyytymätön"),
		L("melko tyytyväinen", "jokseenkin tyytyväinen", "tyytyväinen"),
		L("erittäin tyytyväinen", "hyvin tyytyväinen") } },
	{ "satisfaction-5-fi", "satisfaction", "fi", KY_BIPOLAR, 5, {
		L("erittäin tyytymätön", "hyvin tyytymätön"),
		L("melko tyytymätön", "jokseenkin tyytymätön", "tyytymätön"),
		L("ei tyytyväinen eikä tyytymätön", "en tyytyväinen enkä tyytymätön", "ei tyytymätön eikä tyytyväinen"),
		L("melko tyytyväinen", "jokseenkin tyytyväinen", "tyytyväinen"),
		L("erittäin tyytyväinen", "hyvin tyytyväinen") } },
	{ "satisfaction-5-sv", "satisfaction", "sv", KY_BIPOLAR, 5, {
		L("mycket missnöjd"),
		L("ganska missnöjd", "missnöjd", "något missnöjd"),
		L("varken nöjd eller missnöjd", "varken missnöjd eller nöjd"),
		L("ganska nöjd", "nöjd", "något nöjd"),
		L("mycket nöjd") } },
	{ "satisfaction-4-en", "satisfaction", "en", KY_BIPOLAR, 4, {
		L("very dissatisfied"),
		L("dissatisfied", "somewhat dissatisfied", "fairly dissatisfied"),
		L("satisfied", "somewhat satisfied", "fairly satisfied"),
		L("very satisfied") } },
	{ "satisfaction-5-en", "satisfaction", "en", KY_BIPOLAR, 5, {
		L("very dissatisfied"),
		L("dissatisfied", "somewhat dissatisfied", "fairly dissatisfied"),
		L("neither satisfied nor dissatisfied", "neutral", "neither dissatisfied nor satisfied"),
		L("satisfied", "somewhat satisfied", "fairly satisfied"),
		L("very satisfied") } },

	/* frequency (unipolar) */
	{ "frequency-4-fi", "frequency", "fi", KY_UNIPOLAR, 4, {
		L("ei koskaan", "en koskaan"),
		L("joskus", "harvoin", "silloin tällöin"),
		L("usein"),
		L("aina", "jatkuvasti") } },
	{ "frequency-5-fi", "frequency", "fi", KY_UNIPOLAR, 5, {
		L("ei koskaan", "en koskaan"),
		L("harvoin"),
		L("joskus", "silloin tällöin"),
		L("usein"),
		L("aina", "jatkuvasti", "hyvin usein", "erittäin usein") } },
	{ "frequency-5-sv", "frequency", "sv", KY_UNIPOLAR, 5, {
		L("aldrig"), L("sällan"), L("ibland", "då och då"), L("ofta"), L("alltid", "mycket ofta") } },
	{ "frequency-4-en", "frequency", "en", KY_UNIPOLAR, 4, {
		L("never"), L("sometimes", "rarely", "seldom", "occasionally"), L("often", "frequently", "usually"), L("always") } },
	{ "frequency-5-en", "frequency", "en", KY_UNIPOLAR, 5, {
		L("never"), L("rarely", "seldom"), L("sometimes", "occasionally"),
		L("often", "frequently", "usually"), L("always", "very often") } },

	/* quality (bipolar) */
	{ "quality-4-fi", "quality", "fi", KY_BIPOLAR, 4, {
		L("erittäin huono", "hyvin huono"),
		L("melko huono", "huono", "jokseenkin huono"),
		L("melko hyvä", "hyvä", "jokseenkin hyvä"),
		L("erittäin hyvä", "hyvin hyvä", "erinomainen") } },
	{ "quality-5-fi", "quality", "fi", KY_BIPOLAR, 5, {
		L("erittäin huono", "hyvin huono"),
		L("melko huono", "huono", "jokseenkin huono"),
		L("ei hyvä eikä huono", "kohtalainen", "keskinkertainen", "tyydyttävä"),
		L("melko hyvä", "hyvä", "jokseenkin hyvä"),
		L("erittäin hyvä", "hyvin hyvä", "erinomainen") } },
	{ "quality-5-fi-adverb", "quality", "fi", KY_BIPOLAR, 5, {
		L("erittäin huonosti", "hyvin huonosti"),
		L("melko huonosti", "huonosti", "jokseenkin huonosti"),
		L("ei hyvin eikä huonosti", "kohtalaisesti", "tyydyttävästi"),
		L("melko hyvin", "hyvin", "jokseenkin hyvin"),
		L("erittäin hyvin", "erinomaisesti") } },
	{ "quality-5-sv", "quality", "sv", KY_BIPOLAR, 5, {
		L("mycket dålig", "mycket dåligt"),
		L("ganska dålig", "dålig", "ganska dåligt", "dåligt"),
		L("varken bra eller dålig", "medelmåttig", "varken bra eller dåligt"),
		L("ganska bra", "bra", "ganska god", "god"),
		L("mycket bra", "mycket god", "utmärkt") } },
	{ "quality-4-en", "quality", "en", KY_BIPOLAR, 4, {
		L("very poor", "very bad"), L("poor", "bad", "fairly poor"),
		L("good", "fairly good"), L("very good", "excellent") } },
	{ "quality-5-en", "quality", "en", KY_BIPOLAR, 5, {
		L("very poor", "very bad"), L("poor", "bad", "fairly poor"),
		L("fair", "average", "neither good nor poor", "neither good nor bad", "acceptable"),
		L("good", "fairly good"), L("very good", "excellent") } },

	/* importance (unipolar) */
	{ "importance-5-fi", "importance", "fi", KY_UNIPOLAR, 5, {
		L("ei lainkaan tärkeä", "ei tärkeä"), L("vähän tärkeä", "hieman tärkeä"),
		L("jonkin verran tärkeä", "kohtalaisen tärkeä"), L("melko tärkeä", "tärkeä"),
		L("erittäin tärkeä", "hyvin tärkeä") } },
	{ "importance-5-en", "importance", "en", KY_UNIPOLAR, 5, {
		L("not at all important", "not important"), L("slightly important", "of little importance"),
		L("moderately important", "somewhat important"), L("very important", "important"),
		L("extremely important") } },
};

static const char *const nonsubstantive[] = {
	"en osaa sanoa", "eos", "ei osaa sanoa", "en tiedä", "ei tietoa", "en halua vastata",
	"ei koske minua", "en ole käyttänyt", "en ole käyttänyt palvelua", "ei käyttökokemusta",
	"ei kokemusta", "ei sovellu", "ei koske",
	"vet ej", "kan inte säga", "kan ej säga", "vill inte svara", "berör mig inte",
	"har inte använt", "har inte använt tjänsten", "ingen erfarenhet",
	"don't know", "do not know", "dont know", "can't say", "cannot say", "no opinion",
	"not applicable", "n/a", "prefer not to say", "prefer not to answer", "not used",
	"have not used", "haven't used", "i have not used", "does not apply",
};

size_t ky_lexicon_size(void)
{
	return sizeof(lexicon) / sizeof(lexicon[0]);
}

const struct ky_lex_scale *ky_lexicon_get(size_t i)
{
	return i < ky_lexicon_size() ? &lexicon[i] : NULL;
}

/* ky_label_normalize without utf8proc for text made only of ASCII and of
 * U+00C0..U+00FF other than U+00DF (which folds to "ss"): what NFKC + case
 * folding does to these is exactly ASCII A-Z and U+00C0..U+00DE (but the
 * sign U+00D7) to lower case, and no two of them compose (tests/
 * test_normalize.c checks every one of them and every pair against
 * utf8proc).  Returns 0 on any other byte. */
static int normalize_latin(struct ky_buf *out, const char *s)
{
	/* the result is never longer than S: one byte out per byte in, one
	 * space for a run of white space */
	ky_buf_grow(out, strlen(s));
	char *o = out->buf;
	int space = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p, d = 0;
		if (c >= 0x80) {
			d = p[1];
			if (c != 0xC3 || d < 0x80 || d > 0xBF || d == 0x9F)
				return 0;
			if (d <= 0x9E && d != 0x97)
				d += 0x20;
			p++;
		} else if (isspace(c)) {
			space = o > out->buf;
			continue;
		} else if (c >= 'A' && c <= 'Z') {
			c += 'a' - 'A';
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = (char)c;
		if (d)
			*o++ = (char)d;
	}
	*o = 0;
	out->len = (size_t)(o - out->buf);
	return 1;
}

const char *ky_label_normalize(struct ky_buf *out, const char *s)
{
	utf8proc_uint8_t *mapped = NULL;
	ky_buf_reset(out);
	if (normalize_latin(out, s))
		return out->buf;
	ky_buf_reset(out);
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
					  UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
	const char *src = n >= 0 ? (const char *)mapped : s;
	int space = 0;
	for (const char *p = src; *p; p++) {
		unsigned char c = (unsigned char)*p;
		/* typographic apostrophes (U+2019, U+2018) become ' */
		if (c == 0xE2 && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == 0x99 || (unsigned char)p[2] == 0x98)) {
			c = '\'';
			p += 2;
		}
		if (isspace(c)) {
			space = out->len > 0;
			continue;
		}
		if (space)
			ky_buf_addch(out, ' ');
		space = 0;
		ky_buf_addch(out, (char)c);
	}
	free(mapped);
	return out->buf;
}

const char *ky_text_key(struct ky_buf *out, const char *s)
{
	ky_label_normalize(out, s);
	while (out->len && strchr(":.?! ", out->buf[out->len - 1]))
		out->buf[--out->len] = 0;
	return out->buf;
}

int ky_lex_level_of(const struct ky_lex_scale *scale, const char *norm)
{
	for (size_t k = 0; k < scale->n_levels; k++)
		for (size_t a = 0; a < KY_SCALE_MAX_ALIASES && scale->level[k].alias[a]; a++)
			if (strcmp(scale->level[k].alias[a], norm) == 0)
				return (int)k;
	return -1;
}

int ky_label_is_nonsubstantive(const char *norm)
{
	for (size_t i = 0; i < sizeof(nonsubstantive) / sizeof(nonsubstantive[0]); i++)
		if (strcmp(nonsubstantive[i], norm) == 0)
			return 1;
	return 0;
}

const char *ky_label_strip_number(const char *norm)
{
	const char *p = norm;
	if (!isdigit((unsigned char)*p))
		return NULL;
	while (isdigit((unsigned char)*p))
		p++;
	while (*p == ' ')
		p++;
	if (*p == '=' || *p == '.' || *p == ')' || *p == '-' || *p == ':')
		p++;
	while (*p == ' ')
		p++;
	/* "1.5" or "12" alone are numbers, not prefixed labels */
	if (!*p || p == norm || isdigit((unsigned char)*p))
		return NULL;
	return p;
}
