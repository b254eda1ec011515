/* mask.c - e-mail addresses, phone numbers and personal identity codes out
 * of open answers (ky_mask.h).  A hand-written scanner: each pattern is
 * tried only where a word starts, longest first. */
#include "ky_mask.h"

#include <string.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(char c) { return is_digit(c) || is_alpha(c); }
static int is_local(char c) { return is_alnum(c) || (c && strchr("._%+-", c)); }

static int two(const char *p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

/* DDMMYY[-+A-FU-Y]NNN[check]: length matched, or 0. */
static size_t hetu(const char *p)
{
	for (int i = 0; i < 6; i++)
		if (!is_digit(p[i]))
			return 0;
	int day = two(p), month = two(p + 2);
	if (day < 1 || day > 31 || month < 1 || month > 12)
		return 0;
	if (!p[6] || !strchr("-+ABCDEFUVWXY", p[6]))
		return 0;
	if (!is_digit(p[7]) || !is_digit(p[8]) || !is_digit(p[9]))
		return 0;
	char k = p[10];
	if (k >= 'a' && k <= 'z')
		k = (char)(k - 'a' + 'A');
	if (!k || !strchr("0123456789ABCDEFHJKLMNPRSTUVWXY", k))
		return 0;
	return is_alnum(p[11]) ? 0 : 11;
}

/* local@domain.tld starting at P: length matched, or 0. */
static size_t email(const char *p)
{
	size_t i = 0;
	while (is_local(p[i]))
		i++;
	if (!i || p[i] != '@')
		return 0;
	size_t at = ++i, last_dot = 0, end = 0;
	for (;;) {
		size_t start = i;
		while (is_alnum(p[i]) || p[i] == '-')
			i++;
		if (i == start)
			break;
		end = i;
		if (p[i] != '.' || !(is_alnum(p[i + 1])))
			break;
		last_dot = i++;
	}
	if (!last_dot || last_dot < at)
		return 0;
	for (size_t k = last_dot + 1; k < end; k++)   /* top-level domain: letters, 2+ */
		if (!is_alpha(p[k]))
			return 0;
	return end - last_dot - 1 >= 2 ? end : 0;
}

/* +358 40 123 4567, 040-123 4567, (09) 123 4567: length matched, or 0. */
static size_t phone(const char *p)
{
	size_t i = 0, digits = 0, end = 0;
	if (p[0] == '+' && is_digit(p[1]))
		i = 1;
	else if (p[0] == '(' && p[1] == '0')
		i = 1;
	else if (p[0] != '0')
		return 0;
	int sep = 0, bracket = 0;   /* separators since the last digit */
	for (;; i++) {
		if (is_digit(p[i])) {
			digits++;
			end = i + 1;
			sep = bracket = 0;
		} else if (p[i] && strchr(" -/()", p[i]) && (!sep || (sep == 1 && bracket))) {
			bracket |= p[i] == '(' || p[i] == ')';   /* ") " and " (" are one gap */
			sep++;
		} else {
			break;
		}
	}
	if (digits < 7 || digits > 15 || is_alnum(p[end]))
		return 0;
	if (p[end] == ')')   /* a closing bracket right after the number belongs to it */
		end++;
	return end;
}

unsigned ky_mask_personal(struct ky_buf *out, const char *s, const struct ky_mask_words *w)
{
	unsigned n = 0;
	char prev = ' ';
	for (const char *p = s; *p;) {
		size_t len = 0;
		const char *repl = NULL;
		if (!is_alnum(prev)) {
			if ((len = hetu(p)))
				repl = w->hetu;
			else if (!is_local(prev) && (len = email(p)))
				repl = w->email;
			else if (prev != '+' && (len = phone(p)))
				repl = w->phone;
		}
		if (repl) {
			ky_buf_adds(out, repl);
			p += len;
			prev = 'x';
			n++;
			continue;
		}
		prev = *p;
		ky_buf_addch(out, *p++);
	}
	return n;
}
