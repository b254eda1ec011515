/* words.c - whether a header or answer is one of a list of words, compared
 * after label normalisation (NFKC + case folding) and without a trailing
 * ':' or '.'; and the headers that name respondent metadata. */
#include "words_int.h"

#include <string.h>

#include "ky_buf.h"
#include "ky_scale.h"

size_t ky_word_key(struct ky_buf *b, const char *header)
{
	const char *n = ky_label_normalize(b, header);
	size_t len = strlen(n);
	while (len && (n[len - 1] == ':' || n[len - 1] == '.'))
		len--;
	return len;
}

int ky_word_is(const char *key, size_t len, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (strlen(words[i]) == len && memcmp(words[i], key, len) == 0)
			return 1;
	return 0;
}

int ky_word_in(const char *header, const char *const *words)
{
	struct ky_buf b = KY_BUF_INIT;
	size_t len = ky_word_key(&b, header);
	int hit = ky_word_is(b.buf, len, words);
	ky_buf_release(&b);
	return hit;
}

static const char *const METADATA_W[] = {
	"id", "respondent id", "respondent number", "respondentid", "response id",
	"responseid", "vastaajanumero", "vastaajan numero", "vastaaja", "vastaajatunnus",
	"vastaajan tunnus", "vastaus id", "vastaustunnus", "vastausaika", "vastauspäivä",
	"vastauspäivämäärä", "aloitusaika", "alkamisaika", "valmistumisaika", "lopetusaika",
	"start time", "completion time", "start date", "end date", "submitdate",
	"timestamp", "aikaleima", "last modified time", "viimeksi muokattu", "email",
	"e-mail", "email address", "sähköposti", "sähköpostiosoite", "ip address",
	"ip-osoite", "ipaddr", "ip", "collector id", "recorded date", "starttid",
	"sluttid", "e-post", "svarstid",
	NULL,
};

int ky_header_is_metadata(const char *header)
{
	return ky_word_in(header, METADATA_W);
}
