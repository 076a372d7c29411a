/*
 * pingpong.c - 64-byte TCP ping-pong over loopback: one thread sends 64 bytes, the other echoes
 * them, TCP_NODELAY on both ends. Prints the mean round-trip time of the timed phase.
 *   --pin       both threads pinned to CPU 0 (each round trip then switches threads on one CPU)
 *   --seconds S length of the timed phase (after 2,000 untimed round trips)
 */
#include "bench.h"

#define MSG 64

static int pin;

static void *echo(void *arg)
{
    SOCKET s = *(SOCKET *)arg;
    char buf[MSG];
    if (pin)
        pin_to_cpu(0);
    while (recv_all(s, buf, MSG) == 0)
        if (send_all(s, buf, MSG) != 0)
            break;
    return NULL;
}

static void round_trips(SOCKET s, char *buf, long n)
{
    for (long i = 0; i < n; i++)
        if (send_all(s, buf, MSG) != 0 || recv_all(s, buf, MSG) != 0)
            die("ping-pong");
}

int main(int argc, char **argv)
{
    struct bench_args a = parse_args(argc, argv, 1.0, 0);
    SOCKET c, srv;
    char buf[MSG];
    long n = 0;
    net_init();
    pin = a.pin;
    if (pin)
        pin_to_cpu(0);
    tcp_pair(&c, &srv);
    memset(buf, 'x', sizeof buf);
    bench_thread t = thread_start(echo, &srv);
    round_trips(c, buf, 2000); /* warm-up */
    double t0 = now_s(), t1;
    do {
        round_trips(c, buf, 1000);
        n += 1000;
    } while ((t1 = now_s()) - t0 < a.seconds);
    closesocket(c);
    thread_join(t);
    closesocket(srv);
    printf("rtt_us %.3f\nround_trips %ld\n", (t1 - t0) * 1e6 / (double)n, n);
    WSACleanup();
    return 0;
}
