/* cmd_batch.c - `kysely batch DIR`: every survey definition under DIR is
 * analysed into OUTDIR/<its path relative to DIR, without .ini>/, N at a time
 * in child processes, and the rounds of each series (definitions that name
 * a round and share a series) are compared into OUTDIR/compare/<series>/,
 * each comparison once its rounds are analysed.  A broken survey is
 * reported with its error and does not stop the others.  A helper process
 * removes the replaced outputs and starts the write-back meanwhile; one
 * syncfs() at the end makes everything durable. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "ky_buf.h"
#include "ky_def.h"

struct job {
	char *label;                 /* what the user sees: the definition or series */
	char **argv;                 /* for ky_cmd_analyze / ky_cmd_compare */
	int argc;
	int compare;
	char *path, *dst;            /* owned: the definition (analyze) and the output */
	pid_t pid;
	FILE *err;                   /* the child's stderr */
	int status;
	size_t id;                   /* its previous output goes to TRASH/<id> */
	size_t *deps, n_deps;        /* a comparison: the analyses of its rounds */
	enum { WAITING, RUNNING, DONE, SKIPPED } state;
};

struct list {
	char **v;
	size_t n, cap;
};

static void push(struct list *l, char *s)
{
	ky_xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(char *));
	l->v[l->n++] = s;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.ini under DIR that is a survey definition, relative to ROOT. */
static void find_defs(const char *root, const char *rel, struct list *out)
{
	char *dir;
	if (asprintf(&dir, "%s%s%s", root, *rel ? "/" : "", rel) < 0)
		return;
	DIR *d = opendir(dir);
	if (!d) {
		free(dir);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *path, *sub;
		if (asprintf(&path, "%s/%s", dir, e->d_name) < 0)
			continue;
		if (asprintf(&sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name) < 0) {
			free(path);
			continue;
		}
		struct stat st;
		size_t len = strlen(e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			find_defs(root, sub, out);
			free(sub);
		} else if (len > 4 && !strcmp(e->d_name + len - 4, ".ini") && ky_def_sniff(path)) {
			push(out, sub);
		} else {
			free(sub);
		}
		free(path);
	}
	closedir(d);
	free(dir);
}

static const struct ky_command *find_cmd(const char *name);

/* Where a child's stderr goes: one file per slot of -j, emptied and reused
 * for each child that runs in the slot.  An anonymous memory file where the
 * system has them (a tmpfile() per child cost an inode on the output's file
 * system each, in the parent between one child's exit and the next start). */
static FILE *capture_new(void)
{
	int fd = memfd_create("kysely-batch-stderr", MFD_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "w+") : NULL;
	if (!f && fd >= 0)
		close(fd);
	return f ? f : tmpfile();
}

static void start(struct job *j, FILE *err, const char *trash)
{
	j->err = err;
	if (err) {
		rewind(err);
		if (ftruncate(fileno(err), 0) != 0)
			j->err = NULL;      /* an old child's text would show */
	}
	fflush(stdout);
	fflush(stderr);
	j->pid = fork();
	if (j->pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, 1);
		if (j->err)
			dup2(fileno(j->err), 2);
		if (trash) {
			char *t;
			if (asprintf(&t, "%s/%zu", trash, j->id) >= 0) {
				ky_outdir_set_trash(t);   /* copied */
				free(t);
			}
		}
		const struct ky_command *c = find_cmd(j->compare ? "compare" : "analyze");
		int rc = c->run(c, j->argc, j->argv);
		fflush(stderr);
		_exit(rc);
	}
}

static const struct ky_command *cmds;
static size_t n_cmds;

static const struct ky_command *find_cmd(const char *name)
{
	for (size_t i = 0; i < n_cmds; i++)
		if (!strcmp(cmds[i].name, name))
			return &cmds[i];
	return NULL;
}

void ky_batch_commands(const struct ky_command *c, size_t n)
{
	cmds = c;
	n_cmds = n;
}

/* The helper process: removes the previous outputs the children moved
 * into the trash folder (OUTDIR/.kysely-old-PID/<job id>) while the next
 * surveys run, and meanwhile starts writing the new outputs to disk with a
 * syncfs() at most every SYNC_EVERY_MS, so that the batch's last syncfs()
 * has little left to wait for.  Removing a folder of outputs costs a child
 * 12 unlinks and the waits for the disk to free their blocks; renaming it
 * into the trash costs one rename.
 *
 * The parent tells it the id of each job it has reaped, one per line, on a
 * socket.  At end of file (the parent and every child, which inherit its
 * end, have exited: no child can still be renaming into the trash) it
 * removes what is left and the trash folder.  It ignores SIGINT, SIGTERM
 * and SIGHUP, so that an interrupted batch leaves no trash behind. */
#define SYNC_EVERY_MS 50

struct helper {
	pid_t pid;                   /* 0: none (the children remove their old outputs) */
	int sock;                    /* the parent's end */
	char *trash;
};

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void remove_trash_entry(const char *trash, const char *name)
{
	char *p;
	if (asprintf(&p, "%s/%s", trash, name) >= 0) {
		ky_outdir_remove_tree(p);
		free(p);
	}
}

static void helper_main(int sock, const char *trash, const char *out)
{
	/* its own open file: a syncfs() consumes the write-back errors it
	 * reports for its file description, which must stay the parent's */
	int sfd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	char buf[4096];
	size_t have = 0;
	int dirty = 0;
	double last = now_ms() - SYNC_EVERY_MS;
	for (;;) {
		int timeout = -1;
		if (dirty && sfd >= 0) {
			double left = last + SYNC_EVERY_MS - now_ms();
			timeout = left > 0 ? (int)left + 1 : 0;
		}
		struct pollfd pfd = { .fd = sock, .events = POLLIN };
		int r = poll(&pfd, 1, timeout);
		if (r < 0 && errno != EINTR)
			break;
		if (r > 0) {
			ssize_t got = read(sock, buf + have, sizeof(buf) - 1 - have);
			if (got == 0 || (got < 0 && errno != EINTR))
				break;
			have += got > 0 ? (size_t)got : 0;
			buf[have] = 0;
			char *line = buf, *nl;
			while ((nl = strchr(line, '\n'))) {
				*nl = 0;
				remove_trash_entry(trash, line);
				dirty = 1;
				line = nl + 1;
			}
			have = strlen(line);
			memmove(buf, line, have);
		}
		if (dirty && sfd >= 0 && now_ms() - last >= SYNC_EVERY_MS) {
			last = now_ms();
			syncfs(sfd);      /* only to start early: the parent's last one counts */
			dirty = 0;
		}
	}
	ky_outdir_remove_tree(trash);
	if (sfd >= 0)
		close(sfd);
}

/* Starts the helper with its trash folder inside OUT; on failure there is
 * none and the children remove their previous outputs themselves. */
static void helper_start(struct helper *h, const char *out)
{
	memset(h, 0, sizeof(*h));
	h->sock = -1;
	int sv[2];
	if (asprintf(&h->trash, "%s/.kysely-old-%ld", out, (long)getpid()) < 0) {
		h->trash = NULL;
		return;
	}
	ky_outdir_remove_tree(h->trash);   /* a leftover with our pid */
	if (mkdir(h->trash, 0777) != 0 || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		rmdir(h->trash);
		free(h->trash);
		h->trash = NULL;
		return;
	}
	fflush(stdout);
	fflush(stderr);
	h->pid = fork();
	if (h->pid == 0) {
		close(sv[0]);
		helper_main(sv[1], h->trash, out);
		_exit(0);
	}
	close(sv[1]);
	if (h->pid < 0) {
		close(sv[0]);
		h->pid = 0;
		rmdir(h->trash);
		free(h->trash);
		h->trash = NULL;
		return;
	}
	h->sock = sv[0];
}

/* Job ID has been reaped: its previous output, if it moved one into the
 * trash, can go. */
static void helper_done(struct helper *h, size_t id)
{
	if (h->sock < 0)
		return;
	char line[32];
	int n = snprintf(line, sizeof(line), "%zu\n", id);
	if (send(h->sock, line, (size_t)n, MSG_NOSIGNAL) != n) {
		close(h->sock);      /* it is gone: what is left is removed at the end */
		h->sock = -1;
	}
}

/* After the last job: the helper removes what is left and exits... */
static void helper_close(struct helper *h)
{
	if (h->sock >= 0)
		close(h->sock);
	h->sock = -1;
}

/* ...and is waited for; where it could not finish, the trash is removed
 * here. */
static void helper_finish(struct helper *h)
{
	helper_close(h);
	int status = 0;
	pid_t got = -1;
	if (h->pid > 0)
		while ((got = waitpid(h->pid, &status, 0)) < 0 && errno == EINTR)
			;
	if (h->trash && (got != h->pid || !WIFEXITED(status) || WEXITSTATUS(status)))
		ky_outdir_remove_tree(h->trash);
	free(h->trash);
	h->trash = NULL;
}

/* Trash folders of batches that were killed (their pid is gone). */
static void remove_stale_trash(const char *out)
{
	DIR *d = opendir(out);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		const char *p = e->d_name;
		if (strncmp(p, ".kysely-old-", 12))
			continue;
		char *end;
		long pid = strtol(p + 12, &end, 10);
		if (p[12] < '1' || p[12] > '9' || *end || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		remove_trash_entry(out, p);
	}
	if (d)
		closedir(d);
}

/* Whether job J can start: 1 when the analyses it needs have succeeded,
 * 0 while one has not finished, -1 when one failed (J is skipped). */
static int ready(const struct job *jobs, const struct job *j)
{
	int r = 1;
	for (size_t d = 0; d < j->n_deps; d++) {
		const struct job *a = &jobs[j->deps[d]];
		if (a->state == SKIPPED || (a->state == DONE && a->status))
			return -1;
		if (a->state != DONE)
			r = 0;
	}
	return r;
}

/* Runs the N JOBS, at most N_PAR at a time: whenever one exits, the first
 * job that can start (in their order: the analyses, then the comparisons,
 * each once the analyses of its rounds have succeeded) starts in its slot.
 * A comparison whose round failed is skipped.  Returns how many failed or
 * were skipped. */
static size_t run_jobs(struct job *jobs, size_t n, unsigned n_par, size_t *done,
		       int progress, int quiet, struct helper *h)
{
	size_t first = 0, running = 0, failed = 0;  /* jobs before FIRST have started */
	FILE **slot = ky_xcalloc(n_par, sizeof(*slot));   /* capture files, by slot */
	size_t *in_slot = ky_xcalloc(n_par, sizeof(*in_slot)); /* job index + 1, 0 free */
	for (unsigned s = 0; s < n_par && s < n; s++)
		slot[s] = capture_new();
	for (;;) {
		for (unsigned s = 0; s < n_par; s++) {
			if (in_slot[s])
				continue;
			size_t i;
			int r = 0;
			for (i = first; i < n; i++) {
				if (jobs[i].state != WAITING || !(r = ready(jobs, &jobs[i])))
					continue;
				if (r > 0)
					break;
				jobs[i].state = SKIPPED;
				(*done)++;
				failed++;
				if (progress)
					fprintf(stderr, "\r\033[K");
				fprintf(stderr, "kysely: skipped %s: a round failed\n", jobs[i].label);
			}
			while (first < n && jobs[first].state != WAITING)
				first++;
			if (i >= n)
				break;          /* nothing can start now */
			start(&jobs[i], slot[s], h->trash);
			if (jobs[i].pid < 0 && running)
				break;      /* no process now: again when one has exited */
			if (jobs[i].pid < 0) {
				jobs[i].state = DONE;
				jobs[i].status = 71;
				(*done)++;
				failed++;
				fprintf(stderr, "kysely: FAILED %s (cannot start a process: %s)\n",
					jobs[i].label, strerror(errno));
				s--;            /* this slot is still free */
				continue;
			}
			jobs[i].state = RUNNING;
			in_slot[s] = i + 1;
			running++;
		}
		if (!running)
			break;
		int status;
		pid_t pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (unsigned s = 0; s < n_par; s++) {
			if (!in_slot[s] || jobs[in_slot[s] - 1].pid != pid)
				continue;
			struct job *j = &jobs[in_slot[s] - 1];
			in_slot[s] = 0;
			running--;
			helper_done(h, j->id);
			(*done)++;
			j->state = DONE;
			j->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
			if (progress)
				fprintf(stderr, "\r\033[K[%zu/%zu] %s %s", *done, n,
					j->compare ? "compared" : "analysed", j->label);
			if (j->status) {
				failed++;
				if (progress)
					fprintf(stderr, "\r\033[K");
				fprintf(stderr, "kysely: FAILED %s (exit %d)\n", j->label, j->status);
			}
			if (j->err && (j->status || !quiet)) {
				rewind(j->err);
				char line[2048];
				while (fgets(line, sizeof(line), j->err))
					fprintf(stderr, "  %s", line);
			}
			j->err = NULL;
			break;
		}
	}
	for (unsigned s = 0; s < n_par; s++)
		if (slot[s])
			fclose(slot[s]);
	free(slot);
	free(in_slot);
	return failed;
}

/* The series of a definition: its series =, else its path without ".ini"
 * with the round's text taken out (2024/asukkaat -> asukkaat,
 * asukkaat-2024 -> asukkaat). */
static char *series_of(const struct ky_def *d, const char *rel)
{
	if (d->series)
		return ky_xstrdup(d->series);
	struct ky_buf b = KY_BUF_INIT;
	size_t len = strlen(rel) - 4, rl = strlen(d->round);
	for (size_t i = 0; i < len;) {
		if (rl && i + rl <= len && !strncmp(rel + i, d->round, rl)) {
			i += rl;
			continue;
		}
		ky_buf_addch(&b, rel[i++]);
	}
	/* separators left at the ends or doubled */
	struct ky_buf c = KY_BUF_INIT;
	for (size_t i = 0; i < b.len; i++) {
		int sep = strchr("/-_ .", b.buf[i]) != NULL;
		if (sep && (!c.len || strchr("/-_ .", c.buf[c.len - 1])))
			continue;
		ky_buf_addch(&c, sep ? (b.buf[i] == '/' ? '-' : b.buf[i]) : b.buf[i]);
	}
	while (c.len && strchr("/-_ .", c.buf[c.len - 1]))
		c.buf[--c.len] = 0;
	ky_buf_release(&b);
	if (!c.len)
		ky_buf_adds(&c, "survey");
	return ky_buf_detach(&c, NULL);
}

struct member {
	char *series, *round, *path;
	size_t job;                  /* its analysis */
};

static int by_member(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = strcmp(x->series, y->series);
	return c ? c : strverscmp(x->round, y->round);
}

int ky_cmd_batch(const struct ky_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, 0, 'o' }, { "jobs", required_argument, 0, 'j' },
		{ "no-charts", no_argument, 0, 'n' },    { "quiet", no_argument, 0, 'q' },
		{ "help", no_argument, 0, 'h' },         { "report", required_argument, 0, 'R' },
		{ 0, 0, 0, 0 },
	};
	const char *outdir = NULL, *report = NULL;
	long n_par = sysconf(_SC_NPROCESSORS_ONLN);
	int charts = 1, quiet = 0, ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:j:qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': outdir = optarg; break;
		case 'j': {
			char *end;
			n_par = strtol(optarg, &end, 10);
			if (!*optarg || *end || n_par < 1 || n_par > 256) {
				fprintf(stderr, "kysely: -j takes a number of jobs from 1 to 256\n");
				return 2;
			}
			break;
		}
		case 'n': charts = 0; break;
		case 'q': quiet = 1; break;
		case 'R': {
			unsigned mask;
			if (ky_cli_reports(optarg, &mask) < 0) {
				fprintf(stderr, "kysely: --report takes html, md, pptx and docx, "
						"comma-separated\n");
				return 2;
			}
			report = optarg;
			break;
		}
		case 'h':
			printf("usage: kysely %s\n\n"
			       "Analyses every survey definition (*.ini) under DIR, each into\n"
			       "OUTDIR/<its path under DIR without .ini>/, N at a time (default: the\n"
			       "number of cores); then compares the rounds of each series into\n"
			       "OUTDIR/compare/<series>/.  Definitions belong to one series when they\n"
			       "name a round (round =) and share series =, or by default their path\n"
			       "with the round taken out (2023/asukkaat.ini and 2024/asukkaat.ini;\n"
			       "asukkaat-2023.ini and asukkaat-2024.ini).  Rounds are ordered by their\n"
			       "names (2023 before 2024).  A broken survey is reported with its\n"
			       "error and the others go on; the exit status is that of the first\n"
			       "failure, 0 when all succeeded.\n\n"
			       "options:\n"
			       "  -o, --output OUTDIR  default: out/<name of DIR>\n"
			       "  -j, --jobs N         surveys analysed at once\n"
			       "      --no-charts      skip the charts\n"
			       "      --report LIST    reports of every survey and comparison:\n"
			       "                       html,md,pptx,docx (default: each definition's\n"
			       "                       report =, else html,md)\n"
			       "  -q, --quiet          no progress line\n", cmd->usage);
			return 0;
		default:
			fprintf(stderr, "usage: kysely %s\n", cmd->usage);
			return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "kysely: batch takes one folder\nusage: kysely %s\n", cmd->usage);
		return 2;
	}
	const char *root = argv[optind];
	struct stat st;
	if (stat(root, &st) || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "kysely: %s: not a folder\n", root);
		return 3;
	}
	char *out;
	if (outdir)
		out = strdup(outdir);
	else {
		char *copy = strdup(root);
		size_t l = strlen(copy);
		while (l > 1 && copy[l - 1] == '/')
			copy[--l] = 0;
		const char *base = strrchr(copy, '/');
		if (asprintf(&out, "out/%s", base ? base + 1 : copy) < 0)
			out = NULL;
		free(copy);
	}
	struct list defs = { 0 };
	find_defs(root, "", &defs);
	if (defs.n > 1)
		qsort(defs.v, defs.n, sizeof(char *), by_str);
	if (!defs.n) {
		fprintf(stderr, "kysely: %s: no survey definitions (*.ini) found\n", root);
		free(out);
		return 5;
	}
	if (mkdir(out, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "kysely: %s: cannot create the folder: %s\n", out, strerror(errno));
		free(out);
		return 3;
	}
	struct job *jobs = ky_xcalloc(2 * defs.n, sizeof(*jobs));
	struct member *mem = ky_xcalloc(defs.n + 1, sizeof(*mem));
	size_t n_mem = 0;
	for (size_t i = 0; i < defs.n; i++) {
		struct job *j = &jobs[i];
		char *path, *dst;
		if (asprintf(&path, "%s/%s", root, defs.v[i]) < 0 ||
		    asprintf(&dst, "%s/%.*s", out, (int)(strlen(defs.v[i]) - 4), defs.v[i]) < 0)
			return 71;
		/* folders on the way to the output */
		for (char *p = dst + strlen(out) + 1; (p = strchr(p, '/')); p++) {
			*p = 0;
			mkdir(dst, 0777);
			*p = '/';
		}
		j->label = strdup(defs.v[i]);
		j->path = path;
		j->dst = dst;
		j->argv = ky_xcalloc(10, sizeof(char *));
		j->argv[j->argc++] = "analyze";
		j->argv[j->argc++] = path;
		j->argv[j->argc++] = "-o";
		j->argv[j->argc++] = dst;
		j->argv[j->argc++] = "-q";
		if (!charts)
			j->argv[j->argc++] = "--no-charts";
		j->argv[j->argc++] = "--no-fsync";      /* one syncfs() below, for all */
		if (report) {
			j->argv[j->argc++] = "--report";
			j->argv[j->argc++] = (char *)report;
		}
		struct ky_error e;
		ky_error_clear(&e);
		struct ky_def *d = ky_def_read(path, &e);
		if (d && d->round) {
			mem[n_mem].series = series_of(d, defs.v[i]);
			mem[n_mem].round = strdup(d->round);
			mem[n_mem].job = i;
			mem[n_mem++].path = path;
		}
		ky_def_free(d);
	}
	int progress = !quiet && isatty(2);
	size_t done = 0, n_cmp = 0;
	qsort(mem, n_mem, sizeof(*mem), by_member);
	for (size_t i = 0; i < n_mem;) {
		size_t k = i;
		while (k < n_mem && !strcmp(mem[k].series, mem[i].series))
			k++;
		if (k - i >= 2) {
			struct job *j = &jobs[defs.n + n_cmp++];
			j->compare = 1;
			j->argv = ky_xcalloc(k - i + 10, sizeof(char *));
			j->argv[j->argc++] = "compare";
			j->deps = ky_xcalloc(k - i, sizeof(*j->deps));
			for (size_t m = i; m < k; m++) {
				j->argv[j->argc++] = mem[m].path;
				j->deps[j->n_deps++] = mem[m].job;
			}
			char *dst, *safe = strdup(mem[i].series);
			for (char *p = safe; *p; p++)
				if (*p == '/')
					*p = '-';
			if (asprintf(&dst, "%s/compare/%s", out, safe) < 0)
				return 71;
			free(safe);
			j->dst = dst;
			j->argv[j->argc++] = "-o";
			j->argv[j->argc++] = dst;
			j->argv[j->argc++] = "-q";
			if (!charts)
				j->argv[j->argc++] = "--no-charts";
			j->argv[j->argc++] = "--no-fsync";
			if (report) {
				j->argv[j->argc++] = "--report";
				j->argv[j->argc++] = (char *)report;
			}
			if (asprintf(&j->label, "compare %s (%zu rounds)", mem[i].series, k - i) < 0)
				return 71;
		}
		i = k;
	}
	if (n_cmp) {
		char *c;
		if (asprintf(&c, "%s/compare", out) >= 0) {
			mkdir(c, 0777);
			free(c);
		}
	}
	size_t total = defs.n + n_cmp;
	for (size_t i = 0; i < total; i++)
		jobs[i].id = i;
	/* opened before any survey is written: its syncfs() below reports the
	 * write-back errors from then on (Linux 5.8 and later) */
	int sfd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int sync_errno = sfd < 0 ? errno : 0;
	remove_stale_trash(out);
	struct helper h;
	helper_start(&h, out);
	/* a comparison starts once every round of it has been analysed */
	size_t failed = run_jobs(jobs, total, (unsigned)n_par, &done, progress, quiet, &h);
	size_t failed_analyses = 0, ok_cmp = 0;
	for (size_t i = 0; i < total; i++) {
		failed_analyses += i < defs.n && jobs[i].status;
		ok_cmp += i >= defs.n && jobs[i].state == DONE;
	}
	helper_close(&h);     /* it removes the last old outputs meanwhile */
	if (progress)
		fprintf(stderr, "\r\033[K");
	int rc = 0;
	for (size_t i = 0; i < total && !rc; i++)
		rc = jobs[i].status;    /* the first failure in the jobs' order */
	if (!rc && failed)
		rc = 1;
	/* The children wrote without an fsync per file (200 surveys x 11
	 * outputs, each a journal commit); the outputs are made durable here,
	 * once, before the batch reports success. */
	if (sfd >= 0 && syncfs(sfd) != 0)
		sync_errno = errno;
	if (sync_errno) {
		fprintf(stderr, "kysely: %s: cannot sync the results: %s\n", out,
			strerror(sync_errno));
		if (!rc)
			rc = 3;
	}
	if (sfd >= 0)
		close(sfd);
	helper_finish(&h);
	if (!quiet)
		printf("kysely: %zu of %zu surveys analysed, %zu series compared, %zu failed\n"
		       "results: %s/\n", defs.n - failed_analyses, defs.n, ok_cmp, failed, out);
	for (size_t i = 0; i < total; i++) {
		struct job *j = &jobs[i];
		free(j->path);                  /* the members' paths too */
		free(j->dst);
		free(j->argv);
		free(j->label);
		free(j->deps);
	}
	for (size_t i = 0; i < n_mem; i++) {
		free(mem[i].series);
		free(mem[i].round);
	}
	free(mem);
	free(jobs);
	for (size_t i = 0; i < defs.n; i++)
		free(defs.v[i]);
	free(defs.v);
	free(out);
	return rc;
}
