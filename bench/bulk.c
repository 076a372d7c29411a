/*
 * bulk.c - bulk TCP throughput over loopback: one thread sends 64 KiB buffers for --seconds,
 * then closes; the main thread receives into a 64 KiB buffer until the end of the stream.
 * Prints MB/s (10^6 bytes) over the whole transfer.
 */
#include "bench.h"

#define CHUNK 65536

static double seconds;

static void *sender(void *arg)
{
    SOCKET s = *(SOCKET *)arg;
    static char buf[CHUNK];
    memset(buf, 'x', sizeof buf);
    double t0 = now_s();
    do {
        for (int i = 0; i < 64; i++)
            if (send_all(s, buf, CHUNK) != 0)
                die("send");
    } while (now_s() - t0 < seconds);
    closesocket(s);
    return NULL;
}

int main(int argc, char **argv)
{
    struct bench_args a = parse_args(argc, argv, 1.0, 0);
    static char buf[CHUNK];
    SOCKET c, srv;
    long long total = 0;
    int n;
    net_init();
    seconds = a.seconds;
    tcp_pair(&c, &srv);
    double t0 = now_s();
    bench_thread t = thread_start(sender, &c);
    while ((n = (int)recv(srv, buf, CHUNK, 0)) > 0)
        total += n;
    check(n == 0, "recv");
    double t1 = now_s();
    thread_join(t);
    closesocket(srv);
    printf("bulk_MBps %.1f\nbytes %lld\n", (double)total / (t1 - t0) / 1e6, total);
    WSACleanup();
    return 0;
}
