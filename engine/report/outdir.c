/* outdir.c - staging directory + rename: a run's outputs appear all at once
 * or not at all (PSPP replace_file_* idea, applied to a directory). */
#define _GNU_SOURCE        /* renameat2 */
#include "ky_outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ky_buf.h"

/* One written file being fsync'ed on a thread of its own: sequential
 * fsyncs cost a journal commit each (about 40 ms for the 11 outputs of a
 * small survey on this ext4), concurrent ones share commits (about 10 ms)
 * and overlap with the formatting of the next outputs.  ky_outdir_commit()
 * waits for all of them before anything is renamed. */
struct sync_job {
	pthread_t thread;
	int fd, started;
	int err;              /* errno of fsync or close, 0 when fine */
	char *path;
};

struct ky_outdir {
	char *final_dir, *stage;
	int no_fsync;         /* the caller syncs the file system (kysely batch) */
	struct sync_job **job;
	size_t n_jobs, cap_jobs;
};

/* Paths of the active staging directory and of the files staged in it,
 * kept in fixed storage so that a signal handler can remove them. */
#define MAX_TRACKED 4096
static char sig_stage[4096];
static char sig_files[MAX_TRACKED][256];
static volatile size_t sig_n_files;

static void track(const char *name)
{
	if (sig_n_files < MAX_TRACKED) {
		snprintf(sig_files[sig_n_files], sizeof(sig_files[0]), "%s", name);
		sig_n_files++;
	}
}

static int is_empty_dir(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return 0;
	struct dirent *e;
	int empty = 1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

/* Where ky_outdir_commit() puts the previous output instead of removing it
 * ("" = remove it; see ky_outdir_set_trash). */
static char trash_path[4096];

void ky_outdir_set_trash(const char *path)
{
	int n = snprintf(trash_path, sizeof(trash_path), "%s", path ? path : "");
	if (n < 0 || (size_t)n >= sizeof(trash_path))
		trash_path[0] = '\0';      /* too long: removed at once */
}

/* Removes a directory tree we created (files and one level of subdirs). */
static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		unlink(path);
		return;
	}
	struct dirent *e;
	struct ky_buf b = KY_BUF_INIT;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		ky_buf_reset(&b);
		ky_buf_addf(&b, "%s/%s", path, e->d_name);
		struct stat st;
		if (lstat(b.buf, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(b.buf);
		else
			unlink(b.buf);
	}
	closedir(d);
	ky_buf_release(&b);
	rmdir(path);
}

void ky_outdir_remove_tree(const char *path)
{
	remove_tree(path);
}

/* The previous output, now at PATH, is done with: moved to the trash
 * folder the caller empties (one rename), else removed here. */
static void discard_previous(const char *path)
{
	if (!trash_path[0] || rename(path, trash_path) != 0)
		remove_tree(path);
}

/* Whether NAME is BASE ".tmp-" or ".old-" and the pid of a process that is
 * gone (a run killed with SIGKILL), so its leftover can go. */
static int stale_leftover(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(name, base, n) || (strncmp(name + n, ".tmp-", 5) && strncmp(name + n, ".old-", 5)))
		return 0;
	const char *d = name + n + 5;
	char *end;
	long pid = strtol(d, &end, 10);
	if (*d < '1' || *d > '9' || *end || pid <= 0 || pid == (long)getpid())
		return 0;
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Removes the leftovers of killed runs beside FINAL. */
static void remove_stale(const char *final)
{
	const char *slash = strrchr(final, '/');
	char *parent = slash ? ky_xstrndup(final, (size_t)(slash - final) + (slash == final))
			     : ky_xstrdup(".");
	const char *base = slash ? slash + 1 : final;
	DIR *d = opendir(parent);
	struct dirent *e;
	struct ky_buf b = KY_BUF_INIT;
	while (d && (e = readdir(d))) {
		if (!stale_leftover(e->d_name, base))
			continue;
		ky_buf_reset(&b);
		ky_buf_addf(&b, "%s/%s", parent, e->d_name);
		remove_tree(b.buf);
	}
	if (d)
		closedir(d);
	ky_buf_release(&b);
	free(parent);
}

int ky_outdir_check_inputs(const char *final_dir, const char *const *inputs, size_t n,
			   struct ky_error *err)
{
	char *out = realpath(final_dir, NULL);
	int rc = 0;
	for (size_t i = 0; out && rc == 0 && i < n; i++) {
		char *in = inputs[i] ? realpath(inputs[i], NULL) : NULL;
		size_t k = strlen(out);
		if (in && !strncmp(in, out, k) && (in[k] == '\0' || in[k] == '/' || k == 1))
			rc = ky_error_set(err, KY_ERR_USAGE, final_dir, 0, 0,
					  in[k] ? "output directory holds the input %s; kysely does not "
					  "write over its inputs: choose another -o" : "output would "
					  "replace the input %s: choose another -o", inputs[i]);
		free(in);
	}
	free(out);
	return rc;
}

struct ky_outdir *ky_outdir_begin(const char *final_dir, struct ky_error *err)
{
	struct stat st;
	size_t len = strlen(final_dir);
	while (len > 1 && final_dir[len - 1] == '/')
		len--;
	if (len == 0 || len > 3000) {
		ky_error_set(err, KY_ERR_USAGE, NULL, 0, 0, "output directory name is empty or too long");
		return NULL;
	}
	char *final = ky_xstrndup(final_dir, len);
	if (stat(final, &st) == 0) {
		struct ky_buf sj = KY_BUF_INIT;
		ky_buf_addf(&sj, "%s/summary.json", final);
		int ours = access(sj.buf, F_OK) == 0;
		ky_buf_release(&sj);
		if (!S_ISDIR(st.st_mode) || (!ours && !is_empty_dir(final))) {
			ky_error_set(err, KY_ERR_USAGE, final, 0, 0,
				     "output directory exists and is not a kysely output; "
				     "choose a new or empty directory with -o");
			free(final);
			return NULL;
		}
	}
	remove_stale(final);
	struct ky_outdir *o = ky_xcalloc(1, sizeof(*o));
	o->final_dir = final;
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_addf(&b, "%s.tmp-%ld", final, (long)getpid());
	o->stage = ky_buf_detach(&b, NULL);
	remove_tree(o->stage);     /* a leftover of a killed run with our pid */
	/* create missing parents of the final directory */
	for (char *p = o->stage + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(o->stage, 0777);
			*p = '/';
		}
	if (mkdir(o->stage, 0777) != 0) {
		ky_error_set(err, KY_ERR_IO, o->stage, 0, 0, "cannot create directory: %s",
			     strerror(errno));
		free(o->stage);
		free(o->final_dir);
		free(o);
		return NULL;
	}
	snprintf(sig_stage, sizeof(sig_stage), "%s", o->stage);
	sig_n_files = 0;
	return o;
}

const char *ky_outdir_stage(const struct ky_outdir *o)
{
	return o->stage;
}

int ky_outdir_mkdir(struct ky_outdir *o, const char *name, struct ky_error *err)
{
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_addf(&b, "%s/%s", o->stage, name);
	int rc = 0;
	if (mkdir(b.buf, 0777) != 0 && errno != EEXIST)
		rc = ky_error_set(err, KY_ERR_IO, b.buf, 0, 0, "cannot create directory: %s",
				  strerror(errno));
	ky_buf_release(&b);
	return rc;
}

static void *sync_main(void *arg)
{
	struct sync_job *j = arg;
	j->err = 0;
	if (fsync(j->fd) != 0)
		j->err = errno;
	if (close(j->fd) != 0 && !j->err)
		j->err = errno;
	return NULL;
}

/* Starts fsync + close of FD on a thread (with every signal blocked, so
 * that handlers run on the main thread); where no thread can be made, syncs
 * here.  The outcome is reported by finish_syncs(). */
static void start_sync(struct ky_outdir *o, int fd, const char *path)
{
	struct sync_job *j = ky_xcalloc(1, sizeof(*j));
	j->fd = fd;
	j->path = ky_xstrdup(path);
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	j->started = pthread_create(&j->thread, NULL, sync_main, j) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!j->started)
		sync_main(j);
	ky_xgrow((void **)&o->job, &o->cap_jobs, o->n_jobs + 1, sizeof(*o->job));
	o->job[o->n_jobs++] = j;
}

/* Waits for every sync; the first failure becomes ERR (when ERR). */
static int finish_syncs(struct ky_outdir *o, struct ky_error *err)
{
	int rc = 0;
	for (size_t i = 0; i < o->n_jobs; i++) {
		struct sync_job *j = o->job[i];
		if (j->started)
			pthread_join(j->thread, NULL);
		if (j->err && rc == 0 && err)
			rc = ky_error_set(err, KY_ERR_IO, j->path, 0, 0, "cannot sync: %s",
					  strerror(j->err));
		else if (j->err)
			rc = -1;
		free(j->path);
		free(j);
	}
	free(o->job);
	o->job = NULL;
	o->n_jobs = o->cap_jobs = 0;
	return rc;
}

int ky_outdir_write(struct ky_outdir *o, const char *name, const char *data, size_t len,
		    struct ky_error *err)
{
	struct ky_buf path = KY_BUF_INIT;
	ky_buf_addf(&path, "%s/%s", o->stage, name);
	track(path.buf);
	int fd = open(path.buf, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	int rc = 0;
	if (fd < 0) {
		rc = ky_error_set(err, KY_ERR_IO, path.buf, 0, 0, "cannot create: %s", strerror(errno));
	} else {
		size_t done = 0;
		while (done < len) {
			ssize_t w = write(fd, data + done, len - done);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				rc = ky_error_set(err, KY_ERR_IO, path.buf, 0, 0, "cannot write: %s",
						  strerror(errno));
				break;
			}
			done += (size_t)w;
		}
		if (rc == 0 && !o->no_fsync) {
			start_sync(o, fd, path.buf);   /* fsync and close, waited for by commit */
		} else if (close(fd) != 0 && rc == 0) {
			rc = ky_error_set(err, KY_ERR_IO, path.buf, 0, 0, "cannot write: %s",
					  strerror(errno));
		}
	}
	ky_buf_release(&path);
	return rc;
}

void ky_outdir_set_fsync(struct ky_outdir *o, int on)
{
	o->no_fsync = !on;
}

void ky_outdir_track(struct ky_outdir *o, const char *name)
{
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_addf(&b, "%s/%s", o->stage, name);
	track(b.buf);
	ky_buf_release(&b);
}

static void outdir_free(struct ky_outdir *o)
{
	finish_syncs(o, NULL);
	sig_stage[0] = '\0';
	sig_n_files = 0;
	free(o->stage);
	free(o->final_dir);
	free(o);
}

int ky_outdir_commit(struct ky_outdir *o, struct ky_error *err)
{
	struct stat st;
	struct ky_buf old = KY_BUF_INIT;
	int rc = finish_syncs(o, err);
	if (rc != 0) {
		remove_tree(o->stage);
		outdir_free(o);
		return rc;
	}
	if (stat(o->final_dir, &st) == 0 &&
	    renameat2(AT_FDCWD, o->stage, AT_FDCWD, o->final_dir, RENAME_EXCHANGE) == 0) {
		discard_previous(o->stage);     /* now the previous output */
		outdir_free(o);
		return 0;
	}
	if (stat(o->final_dir, &st) == 0) {   /* no atomic exchange here: two renames */
		ky_buf_addf(&old, "%s.old-%ld", o->final_dir, (long)getpid());
		remove_tree(old.buf);
		if (rename(o->final_dir, old.buf) != 0)
			rc = ky_error_set(err, KY_ERR_IO, o->final_dir, 0, 0,
					  "cannot move the previous output aside: %s", strerror(errno));
	}
	if (rc == 0 && rename(o->stage, o->final_dir) != 0) {
		rc = ky_error_set(err, KY_ERR_IO, o->final_dir, 0, 0, "cannot rename %s into place: %s",
				  o->stage, strerror(errno));
		if (old.len)
			rename(old.buf, o->final_dir);      /* put the previous output back */
	}
	if (rc == 0 && old.len)
		discard_previous(old.buf);
	if (rc != 0)
		remove_tree(o->stage);
	ky_buf_release(&old);
	outdir_free(o);
	return rc;
}

void ky_outdir_abort(struct ky_outdir *o)
{
	if (!o)
		return;
	remove_tree(o->stage);
	outdir_free(o);
}

/* Unlinks every entry of the directory DIR (not recursing) with raw
 * getdents64 calls: async-signal-safe, unlike readdir.  Catches the charts
 * gnuplot wrote, which nobody tracked. */
static void unlink_all_from_signal(const char *dir)
{
	static char buf[8192];
	static char path[4500];
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	size_t dn = strlen(dir);
	long got;
	while ((got = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < got;) {
			unsigned short reclen;
			memcpy(&reclen, buf + off + 16, sizeof(reclen));
			const char *name = buf + off + 19;   /* struct linux_dirent64 d_name */
			size_t nn = strlen(name);
			off += reclen;
			if (!strcmp(name, ".") || !strcmp(name, "..") || dn + nn + 2 > sizeof(path))
				continue;
			memcpy(path, dir, dn);
			path[dn] = '/';
			memcpy(path + dn + 1, name, nn + 1);
			unlink(path);
		}
	}
	close(fd);
}

void ky_outdir_abort_from_signal(void)
{
	if (!sig_stage[0])
		return;
	for (size_t i = 0; i < sig_n_files; i++)
		unlink(sig_files[i]);
	char charts[4200];
	size_t n = strlen(sig_stage);
	if (n + 16 < sizeof(charts)) {
		/* charts/pages and charts/slides (the parts of tall charts), then charts */
		static const char *const sub[] = { "/charts/pages", "/charts/slides", "/charts" };
		for (size_t k = 0; k < 3; k++) {
			memcpy(charts, sig_stage, n);
			memcpy(charts + n, sub[k], strlen(sub[k]) + 1);
			unlink_all_from_signal(charts);
			rmdir(charts);
		}
	}
	unlink_all_from_signal(sig_stage);
	rmdir(sig_stage);
}

int ky_write_new_file(const char *path, const char *data, size_t len, struct ky_error *err)
{
	struct ky_buf tmp = KY_BUF_INIT;
	ky_buf_addf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	FILE *f = fopen(tmp.buf, "wbx");
	int rc = 0;
	if (!f) {
		rc = ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot write: %s", strerror(errno));
		ky_buf_release(&tmp);
		return rc;
	}
	if (fwrite(data, 1, len, f) != len || fflush(f) != 0)
		rc = ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot write: %s", strerror(errno));
	if (fclose(f) != 0 && rc == 0)
		rc = ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot write: %s", strerror(errno));
	if (rc == 0 && link(tmp.buf, path) != 0)
		rc = ky_error_set(err, KY_ERR_IO, path, 0, 0, errno == EEXIST
				  ? "already exists; kysely does not replace it (remove it or "
				    "choose another name)" : "cannot write: %s", strerror(errno));
	unlink(tmp.buf);
	ky_buf_release(&tmp);
	return rc;
}
