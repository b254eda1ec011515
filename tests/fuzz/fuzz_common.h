/* fuzz_common.h - shared by the libFuzzer harnesses: the input bytes become a
 * file (an anonymous memfd, named /proc/self/fd/N), because every kysely
 * reader opens a path. */
#ifndef KY_FUZZ_COMMON_H
#define KY_FUZZ_COMMON_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Writes DATA to a fresh memfd; its path goes into PATH.  Returns the fd
 * (close it when done) or -1. */
static int fuzz_file(const uint8_t *data, size_t size, char *path, size_t n)
{
	int fd = memfd_create("kysely-fuzz", 0);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < size) {
		ssize_t w = write(fd, data + done, size - done);
		if (w <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)w;
	}
	snprintf(path, n, "/proc/self/fd/%d", fd);
	return fd;
}

#endif
