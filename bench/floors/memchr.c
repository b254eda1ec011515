/* memchr.c - floor: one pass over the file in 1 MB blocks counting ';' and
 * '\n' with memchr (no quote handling): the speed of touching every byte
 * twice with the C library's fastest search. */
#include <stdio.h>
#include <string.h>

static size_t count(const char *b, size_t n, int c)
{
	size_t k = 0;
	for (const char *p = b, *e = b + n; (p = memchr(p, c, (size_t)(e - p))); p++)
		k++;
	return k;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: memchr FILE\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 3;
	}
	static char buf[1 << 20];
	unsigned long long seps = 0, lines = 0;
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		seps += count(buf, got, ';');
		lines += count(buf, got, '\n');
	}
	fclose(f);
	printf("%llu separators %llu newlines\n", seps, lines);
	return 0;
}
