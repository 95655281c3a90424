/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal unit-test harness for tools/: TEST(name) { ... } with CHECK()
 * assertions; main() runs every test and prints TAP lines and the
 * project's closing line "N passed, N failed".
 */
#ifndef _NSCTP_TOOLS_TEST_H
#define _NSCTP_TOOLS_TEST_H

#include <stdio.h>
#include <stdlib.h>

struct test_case {
	const char *name;
	void (*fn)(int *failed);
};

#define MAX_TESTS 256
extern struct test_case test_cases[MAX_TESTS];
extern int test_count;

#define TEST(n)								\
	static void test_##n(int *failed);				\
	__attribute__((constructor)) static void register_##n(void)	\
	{								\
		test_cases[test_count].name = #n;			\
		test_cases[test_count++].fn = test_##n;			\
	}								\
	static void test_##n(int *failed)

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "#   %s:%d: CHECK(%s) failed\n",	\
				__FILE__, __LINE__, #cond);		\
			*failed = 1;					\
			return;						\
		}							\
	} while (0)

#define CHECK_EQ(a, b)							\
	do {								\
		long long _a = (long long)(a), _b = (long long)(b);	\
		if (_a != _b) {						\
			fprintf(stderr, "#   %s:%d: %s == %lld, want %lld\n", \
				__FILE__, __LINE__, #a, _a, _b);	\
			*failed = 1;					\
			return;						\
		}							\
	} while (0)

#define TEST_MAIN							\
	struct test_case test_cases[MAX_TESTS];				\
	int test_count;							\
	int main(void)							\
	{								\
		int i, pass = 0, fail = 0;				\
		printf("TAP version 13\n1..%d\n", test_count);		\
		for (i = 0; i < test_count; i++) {			\
			int failed = 0;					\
			test_cases[i].fn(&failed);			\
			printf("%sok %d %s\n", failed ? "not " : "",	\
			       i + 1, test_cases[i].name);		\
			failed ? fail++ : pass++;			\
		}							\
		printf("%d passed, %d failed\n", pass, fail);		\
		return fail ? 1 : 0;					\
	}

#endif
