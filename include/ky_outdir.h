/* ky_outdir.h - all-or-nothing output directories.
 *
 * A run writes every output into a fresh staging directory beside the final
 * one ("OUT.tmp-PID"); each file is written, flushed and fsync'ed before it
 * counts.  Only ky_outdir_commit() makes the results visible, by renaming the
 * staging directory into place (a previous kysely output there is exchanged
 * with it in one step, renameat2 RENAME_EXCHANGE, where the file system
 * allows).  Staging directories left by runs killed with SIGKILL (their
 * process is gone) are removed by the next run into the same folder.  A failed or interrupted run removes the staging directory and
 * never touches a previous report.
 */
#ifndef KY_OUTDIR_H
#define KY_OUTDIR_H

#include <stddef.h>

#include "ky_error.h"

struct ky_outdir;

/* Prepares FINAL_DIR.  Refuses an existing FINAL_DIR that is not empty and
 * not a previous kysely output (it has no summary.json), so kysely never
 * replaces a folder it did not write. */
struct ky_outdir *ky_outdir_begin(const char *final_dir, struct ky_error *err);

/* Refuses (KY_ERR_USAGE) a FINAL_DIR that is one of the N INPUTS or a
 * folder holding one of them, at any depth: replacing it would destroy the
 * input.  Call before ky_outdir_begin(). */
int ky_outdir_check_inputs(const char *final_dir, const char *const *inputs, size_t n,
			   struct ky_error *err);

/* The staging directory (files may also be written there by other tools,
 * e.g. gnuplot writing charts). */
const char *ky_outdir_stage(const struct ky_outdir *o);

/* Creates subdirectory NAME inside the staging directory. */
int ky_outdir_mkdir(struct ky_outdir *o, const char *name, struct ky_error *err);

/* Writes NAME (relative, may contain one directory level) with LEN bytes.
 * Its fsync runs on a thread of its own meanwhile; ky_outdir_commit() waits
 * for every one and fails ("cannot sync") before renaming if one did. */
int ky_outdir_write(struct ky_outdir *o, const char *name, const char *data, size_t len,
		    struct ky_error *err);

/* With ON = 0, written files are not fsync'ed one by one: the caller
 * syncs the whole file system afterwards (kysely batch: one syncfs() for
 * every survey it wrote).  The rename stays atomic either way. */
void ky_outdir_set_fsync(struct ky_outdir *o, int on);

/* For the whole process: once a commit has put the new output in place,
 * the previous one is renamed to PATH (which must not exist and be on the
 * same file system, e.g. a folder inside the batch's output) instead of
 * being removed, and the caller removes it later; NULL or "" (the default)
 * removes it at once.  Where the rename fails it is removed at once. */
void ky_outdir_set_trash(const char *path);

/* Removes PATH, a folder of outputs kysely wrote (its files and
 * subfolders), or a file; errors are ignored. */
void ky_outdir_remove_tree(const char *path);

/* Records NAME (relative) as written into the stage by another tool, so an
 * interrupted run can remove it. */
void ky_outdir_track(struct ky_outdir *o, const char *name);

/* Makes the staged outputs the final directory; frees O. */
int ky_outdir_commit(struct ky_outdir *o, struct ky_error *err);

/* Removes the staging directory and frees O.  NULL is fine. */
void ky_outdir_abort(struct ky_outdir *o);

/* For a signal handler: removes the staging directory of the run in
 * progress using only async-signal-safe calls. */
void ky_outdir_abort_from_signal(void);

/* Writes DATA to PATH, which must not exist: staged in a temporary file
 * beside it and linked into place, so PATH is either complete or absent and
 * an existing file is never replaced (KY_ERR_IO "already exists"). */
int ky_write_new_file(const char *path, const char *data, size_t len, struct ky_error *err);

#endif
