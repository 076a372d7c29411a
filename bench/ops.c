/*
 * ops.c - one operation repeated N times in one thread, for instruction counts under
 * valgrind --tool=callgrind, or timed with --time (prints ns_per_op).
 *   ops pair N   N x (send 64 bytes on one end of a loopback TCP connection, recv them on
 *                the other)
 *   ops sock N   N x (socket(AF_INET, SOCK_STREAM, 0) + closesocket)
 *   ops poll N   N x WSAPoll over 1,000 idle UDP sockets, timeout 0
 * bench/run.sh counts each with two values of N and divides the difference in instructions by
 * the difference in N, so start-up and set-up cancel out. Timed, the set-up is not timed.
 */
#include "bench.h"

#if defined(BENCH_RAW) || defined(_WIN32)
#define HAVE_WSAPOLL 1
#else
#define HAVE_WSAPOLL (WSAPoll != NULL)
#endif

int main(int argc, char **argv)
{
    if (argc < 3 || (argc == 4 && strcmp(argv[3], "--time")) || argc > 4) {
        fprintf(stderr, "usage: ops pair|sock|poll N [--time]\n");
        return 2;
    }
    long n = atol(argv[2]);
    int timed = argc == 4;
    double t0 = 0;
    char buf[64];
    memset(buf, 'x', sizeof buf);
    net_init();
    if (!strcmp(argv[1], "pair")) {
        SOCKET c, s;
        tcp_pair(&c, &s);
        t0 = now_s();
        for (long i = 0; i < n; i++)
            if (send(c, buf, 64, 0) != 64 || recv(s, buf, 64, 0) != 64)
                die("send/recv");
    } else if (!strcmp(argv[1], "sock")) {
        t0 = now_s();
        for (long i = 0; i < n; i++) {
            SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
            check(s != INVALID_SOCKET, "socket");
            check(closesocket(s) == 0, "closesocket");
        }
    } else if (!strcmp(argv[1], "poll")) {
        enum { SOCKETS = 1000 };
        static WSAPOLLFD fds[SOCKETS];
        if (!HAVE_WSAPOLL) {
            printf("skipped: the library does not export WSAPoll yet (issue 4)\n");
            return 0;
        }
        for (int i = 0; i < SOCKETS; i++) {
            unsigned short port = 0;
            fds[i].fd = bound_socket(SOCK_DGRAM, &port);
            fds[i].events = POLLIN;
        }
        t0 = now_s();
        for (long i = 0; i < n; i++)
            check(WSAPoll(fds, SOCKETS, 0) == 0, "WSAPoll");
    } else {
        fprintf(stderr, "ops: unknown case %s\n", argv[1]);
        return 2;
    }
    if (timed)
        printf("ns_per_op %.1f\n", (now_s() - t0) * 1e9 / (double)n);
    WSACleanup();
    return 0;
}
