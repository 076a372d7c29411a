/*
 * udp.c - 64-byte UDP datagrams over loopback: one thread sends as fast as it can for
 * --seconds, then sends end markers (1-byte datagrams); the main thread receives. Prints the
 * datagrams received per second (first to last datagram received) and the share lost (the
 * receiver is the slower side; loopback drops what its buffer cannot hold).
 */
#include "bench.h"

#define MSG 64

static double seconds;
static unsigned short port;
static long sent;

static void *sender(void *arg)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = loopback(port);
    char buf[MSG];
    (void)arg;
    check(s != INVALID_SOCKET, "socket");
    check(connect(s, (struct sockaddr *)&to, sizeof to) == 0, "connect");
    memset(buf, 'x', sizeof buf);
    double t0 = now_s();
    do {
        for (int i = 0; i < 256; i++)
            if (send(s, buf, MSG, 0) == MSG)
                sent++;
    } while (now_s() - t0 < seconds);
    for (int i = 0; i < 50; i++)
        send(s, buf, 1, 0);
    closesocket(s);
    return NULL;
}

int main(int argc, char **argv)
{
    struct bench_args a = parse_args(argc, argv, 1.0, 0);
    char buf[MSG];
    long got = 0;
    double first = 0, last = 0;
    int n;
    net_init();
    seconds = a.seconds;
    SOCKET r = bound_socket(SOCK_DGRAM, &port);
    int rcvbuf = 4 << 20;
    setsockopt(r, SOL_SOCKET, SO_RCVBUF, (const char *)&rcvbuf, sizeof rcvbuf);
    set_rcvtimeo_ms(r, 1000);
    bench_thread t = thread_start(sender, NULL);
    while ((n = (int)recv(r, buf, MSG, 0)) == MSG) {
        last = now_s();
        if (got++ == 0)
            first = last;
    }
    thread_join(t);
    closesocket(r);
    if (got < 2) {
        fprintf(stderr, "udp: %ld datagrams received\n", got);
        return 1;
    }
    printf("udp_dgps %.0f\nudp_lost_pct %.1f\n", (double)(got - 1) / (last - first),
           100.0 * (double)(sent - got) / (double)sent);
    WSACleanup();
    return 0;
}
