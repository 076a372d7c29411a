/*
 * idle.c - many idle TCP connections: the library's memory per socket and the cost of one
 * WSAPoll (timeout 0, nothing ready) over all of them, against poll(2) in the raw build.
 *
 *   idle --serve --count N          the peer: listens (prints "port P"), accepts N connections,
 *                                   exits when all are closed (bench/run.sh uses the raw build)
 *   idle --port P --count N [--seconds S]
 *                                   connects N sockets to P; prints the resident-memory growth
 *                                   per socket and the median time of one WSAPoll over all N
 *
 * The peers live in another process so that N connections need only N descriptors here.
 */
#include "bench.h"

#if defined(BENCH_RAW) || defined(_WIN32)
#define HAVE_WSAPOLL 1
#else
#define HAVE_WSAPOLL (WSAPoll != NULL) /* weak: absent from libraries before issue 4 */
#endif

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int serve(long n)
{
    unsigned short port = 0;
    SOCKET l = tcp_listener(&port, 4096);
    WSAPOLLFD *fds = calloc((size_t)n, sizeof *fds);
    char buf[64];
    printf("port %u\n", port);
    fflush(stdout);
    for (long i = 0; i < n; i++) {
        fds[i].fd = accept(l, NULL, NULL);
        check(fds[i].fd != INVALID_SOCKET, "accept");
        fds[i].events = POLLIN;
    }
    closesocket(l);
    check(HAVE_WSAPOLL, "WSAPoll (not exported)");
    for (long open = n; open > 0;) {
        check(WSAPoll(fds, (unsigned long)n, -1) >= 0, "WSAPoll");
        for (long i = 0; i < n; i++)
            if (fds[i].revents && recv(fds[i].fd, buf, sizeof buf, 0) <= 0) {
                closesocket(fds[i].fd);
                fds[i].fd = (SOCKET)-1; /* negative: ignored from now on */
                open--;
            }
    }
    return 0;
}

int main(int argc, char **argv)
{
    int serving = argc > 1 && !strcmp(argv[1], "--serve");
    struct bench_args a = parse_args(argc - serving, argv + serving, 2.0, 10000);
    long n = a.count;
    net_init();
    if (serving)
        return serve(n);
    if (!a.port) {
        fprintf(stderr, "idle: --port P of an idle --serve peer needed\n");
        return 2;
    }
    WSAPOLLFD *fds = calloc((size_t)n, sizeof *fds);
    memset(fds, 0, (size_t)n * sizeof *fds); /* touched now: not part of the growth below */
    SOCKET warm = socket(AF_INET, SOCK_STREAM, 0); /* first socket: provider start-up */
    check(warm != INVALID_SOCKET, "socket");
    closesocket(warm);

    long long rss0 = rss_bytes();
    for (long i = 0; i < n; i++) {
        fds[i].fd = tcp_connect(a.port);
        fds[i].events = POLLIN;
    }
    long long rss1 = rss_bytes();
    printf("sockets %ld\nrss_B_per_socket %.1f\n", n, (double)(rss1 - rss0) / (double)n);

    if (!HAVE_WSAPOLL) {
        printf("wsapoll skipped: the library does not export WSAPoll yet (issue 4)\n");
    } else {
        enum { CALLS = 2000 };
        static double t[CALLS];
        int calls = 0;
        double start = now_s();
        for (int i = 0; i < 3; i++) /* warm-up */
            check(WSAPoll(fds, (unsigned long)n, 0) == 0, "WSAPoll (idle sockets)");
        while (calls < CALLS && (calls < 5 || now_s() - start < a.seconds)) {
            double t0 = now_s();
            int r = WSAPoll(fds, (unsigned long)n, 0);
            t[calls++] = now_s() - t0;
            check(r == 0, "WSAPoll (idle sockets)");
        }
        qsort(t, (size_t)calls, sizeof t[0], cmp_double);
        printf("poll_us %.1f\npoll_calls %d\n", t[calls / 2] * 1e6, calls);
    }

    struct linger lg; /* reset on close: no TIME_WAIT to exhaust ports across runs */
    memset(&lg, 0, sizeof lg);
    lg.l_onoff = 1;
    for (long i = 0; i < n; i++) {
        setsockopt(fds[i].fd, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg);
        closesocket(fds[i].fd);
    }
    free(fds);
    WSACleanup();
    return 0;
}
