/* names.c - people's names out of open answers (ky_text_mask_names).
 *
 * A word is a name when
 *   - Voikko knows it only as a first name or surname, in any inflected form
 *     (Maijalle, Virtaselle), written with or without a capital in a Finnish
 *     answer, with one in any other; a place that is also a name (Kokkola,
 *     Heikkilä) counts as a name except in the inessive, elative or illative
 *     (Kokkolassa, Kokkolasta, Kokkolaan: a place);
 *   - Voikko knows it as a name and as an ordinary word (Matti, Onni, Mäki,
 *     Virta) and it is capitalised, or in the allative right after kiitos or
 *     terveiset (kiitos matille); at the start of a sentence only when it
 *     is a first name (a surname that is also a noun is taken for the noun
 *     there: Asukas, Niemi; one that is an adjective too, unless a verb
 *     follows: Mäkinen oli; either unless, in the nominative, what
 *     follows says what a person did or was: Niemi auttoi, Niemi oli tosi
 *     ystävällinen) and the ordinary word is not a function word (Aina), a
 *     verb not followed by a verb (Anna palautetta; but Anna oli ihana),
 *     nor one of the nouns below, more often a word than a name there
 *     (Aamulla, Illalla);
 *   - it is a Swedish or English given name of the list below, capitalised
 *     (a name that is also an ordinary word, marked *, at the start of a
 *     sentence only before a Swedish verb such as var, är: Per var snäll),
 *     also with a genitive s;
 *   - it is capitalised, does not start a sentence and ends as Swedish
 *     surnames do (-sson, -ström, -qvist ...);
 *   - it is capitalised and follows a title (hoitaja, lääkäri, Dr, nurse,
 *     sjuksköterska ... in any form), or the word after such a one, unless it
 *     is a place in a local case (lääkäri Oulussa);
 *   - it is capitalised and stands right next to a name found above: a
 *     name-and-ordinary word before it (Anna Virtanen), any capitalised
 *     word after it inside a sentence (Anna Lindqvist, Maija Nieminen, Satu
 *     Marjakangas), but a place in a local case (Tapasin Maijan
 *     Kokkolassa).
 * Ordinary words are never masked by Voikko alone (Kiitos, Hyvä, a
 * capitalised common noun starting a sentence).  Consecutive name words
 * become one placeholder. */
#define _GNU_SOURCE
#include "ky_text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/dict_int.h"

/* Swedish and English given names that Voikko may not know (it knows many:
 * they are masked either way).  A trailing * marks a name that is also an
 * ordinary word in Swedish or English: masked only where it does not start
 * a sentence. */
static const char *const given[] = {
	/* Swedish and Finland-Swedish */
	"Agnes", "Albin", "Alexander", "Alfred", "Alice", "Alma", "Alva", "Amanda", "Anders",
	"Andreas", "Anette", "Ann", "Anna", "Anneli", "Annika", "Anton", "Arvid", "Astrid",
	"August", "Axel*", "Barbro", "Bengt", "Benjamin", "Birgitta", "Birgit", "Björn*",
	"Bo*", "Britt", "Britta", "Carina", "Carl", "Caroline", "Cecilia", "Charlotta",
	"Christer", "Christian", "Christina", "Dag*", "Daniel", "David", "Ebba", "Edvin",
	"Elias", "Elin", "Elisabet", "Elisabeth", "Ella", "Ellen", "Elsa", "Emil", "Emelie",
	"Emilia", "Emma", "Erik", "Eva", "Fredrik", "Frida", "Gabriel", "Gerd", "Gunilla",
	"Gunnar", "Gustav", "Göran", "Hanna", "Hannes", "Hans", "Harald", "Hedvig", "Helena",
	"Henrik", "Hilda", "Hugo", "Ida", "Inga", "Inger", "Ingrid", "Isak", "Jakob", "Jan",
	"Jenny", "Jesper", "Joakim", "Johan", "Johanna", "Johannes", "Jonas", "Josefin",
	"Julia", "Karin", "Karl", "Katarina", "Kerstin", "Kjell", "Klara", "Kristina",
	"Lars", "Leif", "Lena", "Lennart", "Linda", "Linnea", "Lisa", "Louise", "Lovisa",
	"Lucas", "Ludvig", "Magnus", "Maja", "Malin", "Margareta", "Maria", "Marie",
	"Marianne", "Martin", "Mats*", "Matilda", "Mattias", "Max", "Mikael", "Monica",
	"Niklas", "Nils", "Nora", "Olle", "Olof", "Oscar", "Oskar", "Patrik", "Per*", "Peter",
	"Petra", "Pia", "Rasmus", "Rebecka", "Robert", "Rolf", "Sara", "Sebastian", "Signe",
	"Simon", "Siv", "Sofia", "Sofie", "Stefan", "Sten*", "Stig*", "Susanne", "Sven",
	"Svea", "Tage", "Thomas", "Tobias", "Tomas", "Torbjörn", "Ulf", "Ulla", "Ulrika", "Ros*",
	"Valter", "Vera", "Viktor", "Vilhelm", "Wilma", "Åsa", "Åke", "Örjan",
	/* English */
	"Aaron", "Abigail", "Adam", "Alan", "Albert", "Alex", "Alison", "Amy", "Andrew",
	"Angela", "Anne", "Anthony", "Arthur", "Ashley", "Barbara", "Benjamin", "Betty",
	"Bill*", "Brian", "Catherine", "Charles", "Charlie", "Chloe",
	"Christopher", "Claire", "Daniel", "Deborah", "Dennis", "Diana", "Donald", "Dorothy",
	"Edward", "Elizabeth", "Emily", "Eric", "Ethan", "Frank*", "Gary", "George", "Grace*",
	"Harry", "Heather", "Helen", "Henry", "Ian", "Isabella", "Jack*", "Jacob", "James",
	"Jane", "Janet", "Jason", "Jennifer", "Jessica", "Joan", "John", "Jonathan", "Joseph",
	"Joshua", "Joyce", "Judith", "Julie", "Karen", "Katherine", "Kathleen", "Kelly",
	"Kenneth", "Kevin", "Laura", "Lauren", "Liam", "Linda", "Lucy", "Margaret", "Mark*",
	"Mary", "Matthew", "Megan", "Melissa", "Michael", "Michelle", "Nancy", "Nicholas",
	"Noah", "Oliver", "Olivia", "Patricia", "Paul", "Rachel", "Raymond", "Rebecca",
	"Richard", "Robert", "Ronald", "Rose*", "Ruth", "Ryan", "Samantha", "Samuel", "Sandra",
	"Sarah", "Scott", "Sharon", "Sophia", "Sophie", "Stephen", "Steven", "Susan",
	"Thomas", "Timothy", "Victoria", "Walter", "William", "Zoe",
	/* ordinary English words Voikko knows only as names */
	"Will*", "May*", "June*", "Grant*", "Hope*", "Faith*", "Joy*", "Art*", "Ray*", "Dean*",
	"Gene*", "Carol*", "Summer*", "Bob*", "Pat*", "Sue*", "Don*", "Guy*", "Rich*", "Drew*",
};

static struct ky_dict given_dict;
static unsigned char *given_amb;     /* [id] 1: also an ordinary word */
static pthread_once_t given_once = PTHREAD_ONCE_INIT;

static void given_init(void)
{
	size_t n = sizeof(given) / sizeof(given[0]);
	ky_dict_init(&given_dict);
	given_amb = ky_xcalloc(n, 1);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(given[i]);
		int amb = given[i][len - 1] == '*', added;
		size_t id = ky_dict_intern(&given_dict, given[i], len - (size_t)amb, &added);
		given_amb[id] = (unsigned char)amb;
	}
}

/* 0: not a listed name, 1: a name, 2: a name that is also an ordinary word. */
static int given_name(const char *w, size_t len)
{
	pthread_once(&given_once, given_init);
	size_t id = ky_dict_find(&given_dict, w, len);
	if (id == (size_t)-1 && len > 4 && !memcmp(w + len - 4, "\xe2\x80\x99s", 4))
		id = ky_dict_find(&given_dict, w, len - 4);   /* Anna’s */
	if (id == (size_t)-1 && len > 2 && w[len - 2] == '\'' && w[len - 1] == 's')
		id = ky_dict_find(&given_dict, w, len - 2);
	if (id == (size_t)-1 && len > 2 && w[len - 1] == 's')   /* Swedish genitive: Annas */
		id = ky_dict_find(&given_dict, w, len - 1);
	return id == (size_t)-1 ? 0 : given_amb[id] ? 2 : 1;
}

static int surname_suffix(const char *w, size_t len)
{
	static const char *const suf[] = { "sson", "ström", "qvist", "kvist", "gren", "blad",
					   "dahl", NULL };
	for (size_t i = 0; suf[i]; i++) {
		size_t k = strlen(suf[i]);
		if (len > k + 2 && !memcmp(w + len - k, suf[i], k))
			return 1;
	}
	return 0;
}

/* A title or profession before a name, in any inflected form: the stem
 * followed by at most 7 bytes of ending (lääkärille, sjuksköterskan,
 * omahoitajalle), or one of the short titles. */
static int title(const char *low, size_t len)
{
	static const char *const exact[] = { "dr", "mr", "mrs", "ms", "miss", "prof", "tri",
					     "herra", "rouva", "neiti", "herr", "fru", "doc",
					     "sister", NULL };
	static const char *const stem[] = {
		"hoitaj", "lääkär", "terapeut", "ohjaaj", "kätilö", "psykolog", "kuraattor",
		"tohtor", "työntekij", "virkailij", "johtaj", "opettaj", "sihteer", "neuvoj",
		"skötersk", "läkar", "doktor", "skötar", "barnmorsk", "kurator", "socionom",
		"handledar", "nurse", "doctor", "therapist", "midwi", "counsel", "surgeon",
		"dentist", "physician", "worker", "manager", NULL };
	for (size_t i = 0; exact[i]; i++)
		if (strlen(exact[i]) == len && !memcmp(exact[i], low, len))
			return 1;
	for (size_t i = 0; stem[i]; i++) {
		size_t k = strlen(stem[i]);
		for (const char *p = low; (p = memmem(p, len - (size_t)(p - low), stem[i], k));
		     p++) {
			size_t rest = len - (size_t)(p - low) - k;
			if (rest <= 7)
				return 1;
		}
	}
	return 0;
}

enum { N_NONE, N_PLACE, N_WEAK, N_STRONG };

/* Base forms of ordinary words that are also names in Voikko and start
 * sentences as words more often than as names. */
static int word_first(struct ky_text *t, const char *w, size_t len, struct ky_buf *tmp)
{
	static const char *const lemma[] = {
		"aamu", "ilta", "päivä", "yö", "lahja", "toivo", "ilo", "usko", "rauha",
		"valo", "sade", "kesä", "talvi", "kevät", "syksy", "lumi", "taivas",
		"tähti", "ruusu", "into", "aika",
		NULL };
	ky_buf_reset(tmp);
	if (ky_text_lemma(t, w, len, tmp) < 0)
		return 0;
	for (size_t i = 0; lemma[i]; i++)
		if (!strcmp(tmp->buf, lemma[i]))
			return 1;
	return 0;
}

/* Whether the words after word I say what a person did or was (Niemi
 * auttoi, Niemi oli ystävällinen): a verb of caring or talking, or olla
 * and an adjective for a person (base forms by Voikko). */
static int person_follows(struct ky_text *t, const char *s, const struct ky_word *w, size_t n,
			  size_t i, struct ky_buf *tmp)
{
	static const char *const act[] = {
		"auttaa", "hoitaa", "kuunnella", "neuvoa", "soittaa", "ohjata", "selittää",
		"tutkia", "ymmärtää", "luvata", "vastata", "kertoa", "jaksaa", "palvella",
		"kohdella", "huolehtia", "ottaa", "järjestää", "tukea", NULL };
	static const char *const adj[] = {
		"ystävällinen", "mukava", "ihana", "avulias", "asiantunteva", "kohtelias",
		"töykeä", "empaattinen", "ammattitaitoinen", "kiva", "reipas", "huolellinen",
		"tyly", "ammattimainen", "välittävä", "loistava", "upea", "ihminen", NULL };
	if (i + 1 >= n || !w[i + 1].tight_prev)
		return 0;
	ky_buf_reset(tmp);
	if (ky_text_lemma(t, s + w[i + 1].off, w[i + 1].len, tmp) < 0)
		return 0;
	for (size_t k = 0; act[k]; k++)
		if (!strcmp(tmp->buf, act[k]))
			return 1;
	if (strcmp(tmp->buf, "olla") || i + 2 >= n || !w[i + 2].tight_prev)
		return 0;
	for (size_t j = i + 2; j < n && j <= i + 3 && w[j].tight_prev; j++) {   /* oli (tosi) kiva */
		ky_buf_reset(tmp);
		if (ky_text_lemma(t, s + w[j].off, w[j].len, tmp) < 0)
			continue;
		for (size_t k = 0; adj[k]; k++)
			if (!strcmp(tmp->buf, adj[k]))
				return 1;
	}
	return 0;
}

/* Kiitos, kiitokset, terveiset ...: what a person is thanked or greeted with. */
static int thanks(const char *w, size_t len)
{
	static const char *const th[] = { "kiitos", "kiitokset", "kiitoksia", "terveiset",
					  "terveisiä", "Kiitos", "Kiitokset", "Kiitoksia",
					  "Terveiset", "Terveisiä", NULL };
	for (size_t i = 0; th[i]; i++)
		if (strlen(th[i]) == len && !memcmp(th[i], w, len))
			return 1;
	return 0;
}

/* A listed name marked as an ordinary word too (Will, May, Dag). */
static int g_amb(const char *w, size_t len, int upper)
{
	return upper && given_name(w, len) == 2;
}

/* Swedish verbs that follow a person named at the start of a sentence (Per
 * var): the listed word there is the name, for a Swedish noun starting a
 * sentence takes its article (Dagen var).  Not English: "Bill was paid". */
static int person_verb(const char *w, size_t len)
{
	static const char *const verb[] = {
		"var", "är", "hade", "har", "gav", "hjälpte", "ringde", "sa", "sade", "kom",
		"tog", "lyssnade", "förklarade", NULL };
	for (size_t i = 0; verb[i]; i++)
		if (strlen(verb[i]) == len && !memcmp(verb[i], w, len))
			return 1;
	return 0;
}

unsigned ky_text_mask_names(struct ky_text *t, struct ky_buf *out, const char *s,
			    enum ky_lang def, const char *placeholder, const char *const *skip)
{
	struct ky_word *w = NULL;
	size_t cap = 0, n = ky_text_words(s, skip, &w, &cap);
	if (!n) {
		ky_buf_adds(out, s);
		free(w);
		return 0;
	}
	enum ky_lang lang = ky_text_guess_lang(s, def);
	int voikko = ky_text_has_voikko(t);
	unsigned char *kind = ky_xcalloc(n, 1), *mark = ky_xcalloc(n, 1), *ttl = ky_xcalloc(n, 1);
	unsigned *flags = ky_xcalloc(n, sizeof(unsigned));
	struct ky_buf low = KY_BUF_INIT;
	for (size_t i = 0; i < n; i++) {   /* what Voikko knows of each word */
		if (voikko && !w[i].digit && (w[i].upper || lang == KY_LANG_FI) &&
		    (!w[i].all_upper || w[i].len >= 4))
			flags[i] = ky_text_flags(t, s + w[i].off, w[i].len);
	}
	for (size_t i = 0; i < n; i++) {
		const char *p = s + w[i].off;
		size_t len = w[i].len;
		/* a title matters only before a capitalised word of its sentence */
		if (i + 1 < n && w[i + 1].upper && !w[i + 1].sentence_start && len <= 40) {
			ky_buf_reset(&low);
			ky_text_lower(&low, p, len);
			ttl[i] = (unsigned char)title(low.buf, low.len);
		}
		if (w[i].digit || (!w[i].upper && lang != KY_LANG_FI))
			continue;
		unsigned f = flags[i];
		if (w[i].all_upper) {   /* MAIJALLE: a name only to Voikko; else an acronym */
			kind[i] = mark[i] = (f & (KY_WF_FIRST | KY_WF_SUR)) &&
					    !(f & (KY_WF_OTHER | KY_WF_PLACE));
			if (kind[i])
				kind[i] = N_STRONG;
			continue;
		}
		int k = N_NONE;
		if (f & (KY_WF_FIRST | KY_WF_SUR)) {
			if ((f & KY_WF_PLACE) && (f & KY_WF_LOCAL))
				k = w[i].upper ? N_PLACE : N_NONE;   /* Kokkolassa: a place */
			else if (!(f & KY_WF_OTHER))
				k = N_STRONG;   /* a name; or a place that is a name too (Kokkola) */
			else if (w[i].upper)
				k = N_WEAK;
			else if ((f & KY_WF_ALLATIVE) && i > 0 && w[i].tight_prev &&
				 thanks(s + w[i - 1].off, w[i - 1].len))
				k = N_STRONG;   /* kiitos matille: thanks go to a person */
		}
		if (w[i].upper) {
			/* a listed name that is also a word (to Voikko or marked so)
			 * is masked only where it does not start a sentence */
			int g = given_name(p, len);
			if (g == 1 && !(f & KY_WF_OTHER))
				k = N_STRONG;
			else if (g)
				k = N_WEAK;
			if (k < N_WEAK && !w[i].sentence_start && surname_suffix(p, len))
				k = N_WEAK;
		}
		kind[i] = (unsigned char)k;
		/* a name that is also a word, starting a sentence: a name unless
		 * the word is a verb or function word (Voikko), a listed word, or
		 * a noun more often a word there; a verb (Anna, Tuominen) is a
		 * name after all when a verb follows it (Anna oli ihana) */
		int start_word = 0;
		if (w[i].sentence_start && k == N_WEAK) {
			unsigned nf = i + 1 < n && w[i + 1].tight_prev ? flags[i + 1] : 0;
			int verb_next = (nf & KY_WF_VERB) && !(nf & KY_WF_NONVERB) &&
					!(nf & (KY_WF_FIRST | KY_WF_SUR | KY_WF_PLACE));
			/* a surname that is also a noun, alone (Asukas, Niemi): the
			 * noun; also an adjective unless a verb follows (Mäkinen oli) */
			int sur_word = (f & KY_WF_SUR) && !(f & KY_WF_FIRST) && !given_name(p, len) &&
				       ((f & KY_WF_NOUN) || ((f & KY_WF_ADJ) && !verb_next)) &&
				       !((f & KY_WF_NOMINATIVE) && person_follows(t, s, w, n, i, &low));
			int amb = g_amb(p, len, w[i].upper) &&
				  !(i + 1 < n && w[i + 1].tight_prev &&
				    person_verb(s + w[i + 1].off, w[i + 1].len));
			start_word = amb || (f & KY_WF_FUNCTION) ||
				     ((f & KY_WF_VERB) && !verb_next) || sur_word ||
				     (!(f & (KY_WF_FIRST | KY_WF_SUR)) && !given_name(p, len)) ||
				     word_first(t, p, len, &low);
		}
		mark[i] = k == N_STRONG || (k == N_WEAK && !start_word);
	}
	/* after a title: the capitalised word (not a place name alone) and a
	 * capitalised word right after it */
	for (size_t i = 0; i + 1 < n; i++) {
		if (!ttl[i] || w[i + 1].sentence_start)
			continue;
		size_t gap = w[i].off + w[i].len;
		while (gap < w[i + 1].off && (s[gap] == ' ' || s[gap] == '.'))
			gap++;
		if (gap != w[i + 1].off)
			continue;
		for (size_t j = i + 1; j < n && j <= i + 2; j++) {
			if (j > i + 1 && !w[j].tight_prev)
				break;
			unsigned f = flags[j];
			if (!w[j].upper || w[j].all_upper || w[j].digit || ttl[j] ||
			    ((f & KY_WF_PLACE) && (f & KY_WF_LOCAL)))
				break;   /* a place: "lääkäri Oulussa" */
			if (j > i + 1 && (f & KY_WF_OTHER) && !(f & (KY_WF_FIRST | KY_WF_SUR)))
				break;   /* "hoitaja Liisa Hyvä": no */
			mark[j] = 1;
		}
	}
	/* next to a name */
	for (int changed = 1, round = 0; changed && round < 4; round++) {
		changed = 0;
		for (size_t i = 0; i < n; i++) {
			if (mark[i] || kind[i] == N_PLACE || !w[i].upper || w[i].all_upper ||
			    w[i].digit)
				continue;
			/* before a name: a name that is also a word (Anna Virtanen);
			 * after one, inside a sentence: any capitalised word but a
			 * place in a local case or a title (Satu Marjakangas) */
			int before = kind[i] == N_WEAK && i + 1 < n && w[i + 1].tight_prev &&
				     mark[i + 1];
			int after = i > 0 && w[i].tight_prev && mark[i - 1] && !w[i].sentence_start &&
				    !ttl[i] && !((flags[i] & KY_WF_PLACE) && (flags[i] & KY_WF_LOCAL));
			if (before || after) {
				mark[i] = 1;
				changed = 1;
			}
		}
	}
	unsigned count = 0;
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		if (!mark[i])
			continue;
		ky_buf_add(out, s + at, w[i].off - at);
		ky_buf_adds(out, placeholder);
		count++;
		size_t j = i;
		while (j + 1 < n && mark[j + 1] && w[j + 1].tight_prev)
			j++;
		at = w[j].off + w[j].len;
		i = j;
	}
	ky_buf_adds(out, s + at);
	ky_buf_release(&low);
	free(kind);
	free(mark);
	free(ttl);
	free(flags);
	free(w);
	return count;
}
