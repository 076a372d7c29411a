/*
 * churn.c - connection churn over loopback, in one thread: socket + connect (completes in the
 * kernel's backlog) + accept + close both, for --seconds. The connecting socket is closed
 * with SO_LINGER {1, 0} (reset, no TIME_WAIT) so that ephemeral ports are never exhausted.
 * Prints connections per second.
 */
#include "bench.h"

int main(int argc, char **argv)
{
    struct bench_args a = parse_args(argc, argv, 1.0, 0);
    unsigned short port = 0;
    struct linger lg;
    long n = 0;
    net_init();
    SOCKET l = tcp_listener(&port, 128);
    memset(&lg, 0, sizeof lg);
    lg.l_onoff = 1;
    double t0 = now_s(), t1;
    do {
        for (int i = 0; i < 100; i++) {
            SOCKET c = tcp_connect(port);
            SOCKET s = accept(l, NULL, NULL);
            check(s != INVALID_SOCKET, "accept");
            check(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg) == 0,
                  "setsockopt(SO_LINGER)");
            closesocket(s);
            closesocket(c);
        }
        n += 100;
    } while ((t1 = now_s()) - t0 < a.seconds);
    closesocket(l);
    printf("churn_cps %.0f\nconnections %ld\n", (double)n / (t1 - t0), n);
    WSACleanup();
    return 0;
}
