/* pandoc.c - report.pptx and report.docx: pandoc run as a child process
 * (fork and execve, no shell; argv and the environment are built before
 * the fork, as the child of a threaded process may only exec).  Its
 * standard error is read back for the message of a failed conversion. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ky_buf.h"
#include "ky_outdir.h"
#include "ky_report.h"

extern char **environ;

/* The pandoc to run: $KYSELY_PANDOC, else "pandoc" looked up on PATH. */
static char *find_pandoc(void)
{
	const char *env = getenv("KYSELY_PANDOC");
	if (env && *env)
		return access(env, X_OK) == 0 ? strdup(env) : NULL;
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path; *p;) {
		size_t m = strcspn(p, ":");
		struct ky_buf b = KY_BUF_INIT;
		ky_buf_addf(&b, "%.*s/pandoc", m ? (int)m : 1, m ? p : ".");
		struct stat st;
		if (stat(b.buf, &st) == 0 && S_ISREG(st.st_mode) && access(b.buf, X_OK) == 0)
			return ky_buf_detach(&b, NULL);
		ky_buf_release(&b);
		p += m + (p[m] == ':');
	}
	return NULL;
}

int ky_pandoc_check(struct ky_error *err)
{
	char *p = find_pandoc();
	if (p) {
		free(p);
		return 0;
	}
	return ky_error_set(err, KY_ERR_TOOL, NULL, 0, 0,
			    "report.pptx and report.docx need pandoc, which is not installed: "
			    "install the Debian package pandoc (apt-get install pandoc)");
}

int ky_pandoc_convert(const char *md, const char *out, const char *resource_dir,
		      const char *reference, struct ky_error *err)
{
	char *exe = find_pandoc();
	if (!exe)
		return ky_pandoc_check(err);
	const char *ext = strrchr(out, '.');
	const char *to = ext && !strcmp(ext, ".pptx") ? "pptx" : "docx";
	struct ky_buf res = KY_BUF_INIT, ref = KY_BUF_INIT, o = KY_BUF_INIT;
	ky_buf_addf(&res, "--resource-path=%s", resource_dir);
	if (reference)
		ky_buf_addf(&ref, "--reference-doc=%s", reference);
	ky_buf_addf(&o, "--output=%s", out);
	const char *argv[14];
	int n = 0;
	argv[n++] = "pandoc";
	/* pandoc's Markdown (pipe tables take their column widths from the
	 * dashes) with everything that could turn escaped text into markup off:
	 * ky_md_escape escapes \\ ` * _ [ ] | < > # ! ~ &, and these
	 * extensions would read other characters ($ @ ^ : { %) as syntax */
	argv[n++] = "--from=markdown-citations-tex_math_dollars-raw_tex-raw_html-raw_attribute"
		    "-smart-superscript-subscript-fenced_divs-bracketed_spans-definition_lists"
		    "-example_lists-fancy_lists-implicit_figures-header_attributes"
		    "-link_attributes-inline_code_attributes-simple_tables-multiline_tables"
		    "-grid_tables-line_blocks-native_divs-native_spans-footnotes-inline_notes"
		    "-abbreviations-table_captions-pandoc_title_block-auto_identifiers"
		    "-escaped_line_breaks-startnum";
	argv[n++] = !strcmp(to, "pptx") ? "--to=pptx" : "--to=docx";
	argv[n++] = "--slide-level=2";
	argv[n++] = res.buf;
	if (reference)
		argv[n++] = ref.buf;
	argv[n++] = o.buf;
	argv[n++] = "--";
	argv[n++] = md;
	argv[n] = NULL;
	/* the environment: ours with SOURCE_DATE_EPOCH fixed (no dates in
	 * the document's properties and zip entries) */
	size_t n_env = 0;
	while (environ[n_env])
		n_env++;
	const char **envp = ky_xcalloc(n_env + 2, sizeof(char *));
	size_t k = 0;
	for (size_t i = 0; i < n_env; i++)
		if (strncmp(environ[i], "SOURCE_DATE_EPOCH=", 18))
			envp[k++] = environ[i];
	envp[k++] = "SOURCE_DATE_EPOCH=315532800";   /* 1980-01-01, the ZIP epoch */
	envp[k] = NULL;
	int pipefd[2];
	int rc = 0;
	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		rc = ky_error_set(err, KY_ERR_TOOL, NULL, 0, 0, "cannot start pandoc: %s",
				  strerror(errno));
		goto done;
	}
	pid_t pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		rc = ky_error_set(err, KY_ERR_TOOL, NULL, 0, 0, "cannot start pandoc: %s",
				  strerror(errno));
		goto done;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 1);
		}
		dup2(pipefd[1], 2);
		execve(exe, (char *const *)argv, (char *const *)envp);
		_exit(127);
	}
	close(pipefd[1]);
	struct ky_buf msg = KY_BUF_INIT;
	char chunk[4096];
	ssize_t r;
	while ((r = read(pipefd[0], chunk, sizeof(chunk))) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (msg.len < 2000)
			ky_buf_add(&msg, chunk, (size_t)r);
	}
	close(pipefd[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		while (msg.len && (msg.buf[msg.len - 1] == '\n' || msg.buf[msg.len - 1] == '\r'))
			msg.buf[--msg.len] = '\0';
		char *nl = strchr(msg.buf, '\n');
		if (nl)
			*nl = '\0';
		rc = ky_error_set(err, KY_ERR_TOOL, reference, 0, 0,
				  "pandoc could not write %s (exit %d)%s%s", strrchr(out, '/') ?
				  strrchr(out, '/') + 1 : out,
				  WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
				  msg.len ? ": " : "", msg.len ? msg.buf : "");
	}
	ky_buf_release(&msg);
done:
	free(envp);
	free(exe);
	ky_buf_release(&res);
	ky_buf_release(&ref);
	ky_buf_release(&o);
	return rc;
}

int ky_pandoc_output(struct ky_outdir *od, const char *name, const char *md, size_t len,
		     const char *reference, struct ky_error *err)
{
	const char *stage = ky_outdir_stage(od);
	struct ky_buf mdn = KY_BUF_INIT, mdp = KY_BUF_INIT, tmpn = KY_BUF_INIT, tmpp = KY_BUF_INIT;
	struct ky_buf data = KY_BUF_INIT;
	const char *ext = strrchr(name, '.');
	ky_buf_addf(&mdn, ".%s.md", name);
	ky_buf_addf(&mdp, "%s/%s", stage, mdn.buf);
	ky_buf_addf(&tmpn, ".%s.tmp%s", name, ext ? ext : "");
	ky_buf_addf(&tmpp, "%s/%s", stage, tmpn.buf);
	ky_outdir_track(od, mdn.buf);
	ky_outdir_track(od, tmpn.buf);
	int rc = 0;
	FILE *f = fopen(mdp.buf, "wb");
	if (!f || fwrite(md, 1, len, f) != len)
		rc = ky_error_set(err, KY_ERR_IO, mdp.buf, 0, 0, "cannot write: %s", strerror(errno));
	if (f && fclose(f) && rc == 0)
		rc = ky_error_set(err, KY_ERR_IO, mdp.buf, 0, 0, "cannot write: %s", strerror(errno));
	if (rc == 0)
		rc = ky_pandoc_convert(mdp.buf, tmpp.buf, stage, reference, err);
	if (rc == 0) {   /* read back and written like every other output */
		FILE *in = fopen(tmpp.buf, "rb");
		char chunk[65536];
		size_t k;
		if (!in)
			rc = ky_error_set(err, KY_ERR_IO, tmpp.buf, 0, 0, "cannot open: %s",
					  strerror(errno));
		while (in && (k = fread(chunk, 1, sizeof(chunk), in)) > 0)
			ky_buf_add(&data, chunk, k);
		if (in && ferror(in))
			rc = ky_error_set(err, KY_ERR_IO, tmpp.buf, 0, 0, "cannot read");
		if (in)
			fclose(in);
	}
	unlink(mdp.buf);
	unlink(tmpp.buf);
	if (rc == 0)
		rc = ky_outdir_write(od, name, data.buf, data.len, err);
	ky_buf_release(&mdn);
	ky_buf_release(&mdp);
	ky_buf_release(&tmpn);
	ky_buf_release(&tmpp);
	ky_buf_release(&data);
	return rc;
}
