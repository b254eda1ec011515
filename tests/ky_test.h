/* ky_test.h - shared helpers for the cmocka test programs. */
#ifndef KY_TEST_H
#define KY_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* cmocka 1.1.5 has no double assertion: relative tolerance, NaN == NaN. */
#define assert_close(actual, expected, rel_tol) \
	ky_assert_close((actual), (expected), (rel_tol), #actual, __FILE__, __LINE__)

static inline void ky_assert_close(double a, double e, double tol, const char *what,
				   const char *file, int line)
{
	if (isnan(a) && isnan(e))
		return;
	double scale = fabs(e) > 1 ? fabs(e) : 1;
	if (!(fabs(a - e) <= tol * scale))
		fail_msg("%s:%d: %s = %.17g, expected %.17g (rel tol %g)", file, line, what, a, e, tol);
}

#endif
