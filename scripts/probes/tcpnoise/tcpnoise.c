// tcpnoise: how steady is TCP loopback on this machine, with no Go and no
// framing? A writer thread sends 64 KiB writes over a fresh loopback
// connection; the reader prints the throughput of each 40 ms stretch and,
// per connection, the mean, lowest and highest stretch.
//
//	gcc -O2 -pthread -o tcpnoise tcpnoise.c
//	./tcpnoise [connections=5] [seconds=1] [pin=none|cross|same]
//
// pin=cross puts the writer on CPU 0 and the reader on CPU 1; pin=same puts
// both on CPU 0.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64 << 10)
#define STRETCH_NS 40000000LL

static int pin_writer = -1, pin_reader = -1;
static volatile int stop;

static long long now_ns(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void pin(int cpu) {
	if (cpu < 0)
		return;
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0) {
		fprintf(stderr, "tcpnoise: cannot pin to CPU %d\n", cpu);
		exit(1);
	}
}

static void *writer(void *arg) {
	int fd = *(int *)arg;
	static char buf[CHUNK];
	memset(buf, 'x', sizeof buf);
	pin(pin_writer);
	while (!stop)
		if (write(fd, buf, sizeof buf) < 0)
			break;
	close(fd);
	return NULL;
}

static void die(const char *what) {
	perror(what);
	exit(1);
}

int main(int argc, char **argv) {
	int conns = argc > 1 ? atoi(argv[1]) : 5;
	double secs = argc > 2 ? atof(argv[2]) : 1;
	const char *mode = argc > 3 ? argv[3] : "none";
	if (conns < 1 || conns > 1000 || !(secs > 0 && secs <= 600)) {
		fprintf(stderr, "tcpnoise: connections 1..1000, seconds (0, 600]\n");
		return 2;
	}
	if (strcmp(mode, "cross") == 0)
		pin_writer = 0, pin_reader = 1;
	else if (strcmp(mode, "same") == 0)
		pin_writer = 0, pin_reader = 0;
	else if (strcmp(mode, "none") != 0) {
		fprintf(stderr, "tcpnoise: pin is none, cross or same, not %s\n", mode);
		return 2;
	}
	pin(pin_reader);
	static char buf[CHUNK];
	for (int c = 0; c < conns; c++) {
		int ls = socket(AF_INET, SOCK_STREAM, 0);
		struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
		socklen_t al = sizeof a;
		if (ls < 0 || bind(ls, (void *)&a, sizeof a) < 0 || listen(ls, 1) < 0 || getsockname(ls, (void *)&a, &al) < 0)
			die("listen");
		int w = socket(AF_INET, SOCK_STREAM, 0);
		if (w < 0 || connect(w, (void *)&a, sizeof a) < 0)
			die("connect");
		int r = accept(ls, NULL, NULL);
		if (r < 0)
			die("accept");
		close(ls);
		stop = 0;
		pthread_t t;
		pthread_create(&t, NULL, writer, &w);
		long long start = now_ns(), end = start + (long long)(secs * 1e9), mark = start, got = 0;
		double lo = 1e18, hi = 0, sum = 0;
		int n = 0;
		printf("connection %d:", c + 1);
		for (;;) {
			ssize_t k = read(r, buf, sizeof buf);
			if (k <= 0)
				die("read");
			got += k;
			long long t1 = now_ns();
			if (t1 - mark >= STRETCH_NS) {
				double gbs = got / (double)(t1 - mark);
				printf(" %.2f", gbs);
				lo = gbs < lo ? gbs : lo;
				hi = gbs > hi ? gbs : hi;
				sum += gbs, n++;
				got = 0, mark = t1;
				if (t1 >= end)
					break;
			}
		}
		stop = 1;
		close(r);
		pthread_join(t, NULL);
		printf("\n  mean %.2f GB/s, stretches of 40 ms from %.2f to %.2f\n", sum / n, lo, hi);
	}
	return 0;
}
