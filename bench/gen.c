/* gen.c - deterministic Webropol-style survey exports for the benchmarks.
 *
 * usage: gen [--rows N] [--items K] [--seed S] [--codes] [--one-line] [-o FILE]
 *
 * Writes a UTF-8 export with a BOM, ';' separators and every cell quoted:
 * a respondent number, a group column with three values, K items on the
 * 0-5 impact scale (0 = "En ole käyttänyt", non-substantive) under one long
 * question stem whose text holds commas, quotes and a ';', and an open-text
 * column whose answers hold ';', doubled quotes and line breaks.  About 3 %
 * of the item cells are empty.  Records end in CRLF; line breaks inside
 * quoted answers are LF.  --codes writes the numeric codes 0-5 instead of
 * the option texts; --one-line keeps every record on one line (line breaks
 * in open answers become spaces: PSPP cannot read them).  The same seed gives the same bytes on every machine
 * (a 64-bit xorshift* generator, integer arithmetic only).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ull;
}

/* uniform in 0..n-1 (n small: the modulo bias is below 2^-50) */
static unsigned below(unsigned n)
{
	return (unsigned)((next() >> 11) % n);
}

static const char *const label[6] = {
	"En ole käyttänyt", "Ei vaikutusta", "Vähäinen vaikutus",
	"Kohtalainen vaikutus", "Merkittävä vaikutus", "Erittäin merkittävä vaikutus",
};

static const char *const group[3] = { "Asukas", "Henkilöstö", "Yhteistyökumppani" };

static const char *const service[10] = {
	"Hyvinvointilähete ja linkkihenkilötoiminta", "Suora puhelinlinja, chat ja \"\"Omaolo\"\"",
	"Kirjaamisen kehittäminen", "Digitaaliset palvelut; etävastaanotto",
	"Talousneuvola", "Neuvolan kotikäynnit, imetystuki", "Päiväkeskustoiminta",
	"Elintapavalmennus \"\"Liiku ja voi hyvin\"\"", "Muutosvalmennus", "Hoidon jatkuvuus",
};

static const char *const open_text[8] = {
	"Palvelu toimi hyvin; kiitos!",
	"Jonotin \"\"liian\"\" kauan, mutta muuten ok.",
	"Kaksi asiaa:\n1) aukioloajat\n2) pysäköinti",
	"En osaa sanoa; ehkä ensi vuonna.",
	"Henkilökunta oli ystävällistä ja asiantuntevaa, \"\"erittäin\"\" hyvä kokemus.",
	"Chat ei toiminut\nkännykällä.",
	"Lisää iltavastaanottoja, kiitos",
	"Ok",
};

/* Per group, the cumulative weights (out of 100) of codes 0..5: the groups
 * differ, so that the tests between them have something to find. */
static const unsigned cum[3][6] = {
	{ 10, 20, 35, 60, 85, 100 },
	{ 8, 14, 26, 50, 78, 100 },
	{ 12, 26, 44, 68, 88, 100 },
};

int main(int argc, char **argv)
{
	unsigned long rows = 2000, items = 50, seed = 1;
	int codes = 0, one_line = 0;
	const char *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rows") && i + 1 < argc)
			rows = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--items") && i + 1 < argc)
			items = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--codes"))
			codes = 1;
		else if (!strcmp(argv[i], "--one-line"))
			one_line = 1;
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else {
			fprintf(stderr, "usage: gen [--rows N] [--items K] [--seed S] [--codes] "
				"[--one-line] [-o FILE]\n");
			return 2;
		}
	}
	if (!items || items > 1000) {
		fprintf(stderr, "gen: --items must be 1..1000\n");
		return 2;
	}
	FILE *f = out ? fopen(out, "wb") : stdout;
	if (!f) {
		perror(out);
		return 3;
	}
	static char buf[1 << 20];
	setvbuf(f, buf, _IOFBF, sizeof(buf));
	state = 0x9E3779B97F4A7C15ull ^ (seed * 0xD1B54A32D192ED03ull);
	if (!state)
		state = 1;

	fputs("\xEF\xBB\xBF\"Vastaajanumero\";\"Vastaajaryhmä\"", f);
	for (unsigned long k = 0; k < items; k++)
		fprintf(f, ";\"Kuinka merkittävä vaikutus seuraavilla, hankkeessa kehitetyillä "
			"palveluilla on ollut arkeesi tai työhösi (\"\"vaikutus\"\" omalla "
			"arviollasi)?:%s %lu\"", service[k % 10], k + 1);
	fputs(";\"Mitä muuta haluat sanoa palveluista? Kerro vapaasti; kaikki palaute on "
	      "tervetullutta.\"\r\n", f);

	for (unsigned long r = 0; r < rows; r++) {
		unsigned g = below(3);
		fprintf(f, "\"%lu\";\"%s\"", r + 1, group[g]);
		for (unsigned long k = 0; k < items; k++) {
			if (below(100) < 3) {
				fputs(";\"\"", f);
				continue;
			}
			/* items differ a little from each other */
			unsigned u = (below(100) + (unsigned)(k % 7)) % 100, c = 0;
			while (u >= cum[g][c])
				c++;
			if (codes)
				fprintf(f, ";\"%u\"", c);
			else
				fprintf(f, ";\"%s\"", label[c]);
		}
		unsigned t = below(10);
		if (t < 7)
			fputs(";\"\"\r\n", f);
		else {
			fputs(";\"", f);
			for (const char *p = open_text[below(8)]; *p; p++)
				fputc(one_line && *p == '\n' ? ' ' : *p, f);
			fprintf(f, " (%lu)\"\r\n", r % 97);
		}
	}
	if (fflush(f) != 0 || (out && fclose(f) != 0)) {
		perror(out ? out : "stdout");
		return 3;
	}
	return 0;
}
