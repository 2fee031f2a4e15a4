// SPDX-License-Identifier: Apache-2.0
/*
 * Starts and joins one thread and prints nothing: the calls glibc makes
 * for start-up and thread creation, for the baseline table's test.
 */
#include <pthread.h>

static void *worker(void *arg)
{
	return arg;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, worker, NULL))
		return 1;
	return pthread_join(t, NULL) ? 1 : 0;
}
