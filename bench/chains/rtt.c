/* 64-byte TCP ping-pong over loopback, both ends through whatever chain the catalog puts first
   for TCP/IPv4 (WS2_CATALOG). Prints the mean round-trip time in microseconds.
   Usage: rtt [ROUND_TRIPS] (default 20000, after 2000 untimed). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MSG 64

static int xfer(SOCKET s, char *buf, int sending)
{
    int done = 0, n;
    while (done < MSG) {
        n = sending ? send(s, buf + done, MSG - done, 0) : recv(s, buf + done, MSG - done, 0);
        if (n <= 0) return -1;
        done += n;
    }
    return 0;
}

static void *echo(void *arg)
{
    SOCKET s = *(SOCKET *)arg;
    char buf[MSG];
    while (xfer(s, buf, 0) == 0 && xfer(s, buf, 1) == 0) {}
    return NULL;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 20000, i;
    WSADATA wsa;
    SOCKET ls, c, a;
    struct sockaddr_in addr;
    int len = sizeof(addr), one = 1;
    char buf[MSG];
    pthread_t t;
    double t0;

    if (WSAStartup(MAKEWORD(2, 2), &wsa)) return 1;
    ls = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&addr, sizeof(addr)) || listen(ls, 1) || getsockname(ls, (struct sockaddr *)&addr, &len)) return 1;
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (c == INVALID_SOCKET || connect(c, (struct sockaddr *)&addr, sizeof(addr))) { printf("connect: %d\n", WSAGetLastError()); return 1; }
    a = accept(ls, NULL, NULL);
    if (a == INVALID_SOCKET) return 1;
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, (char *)&one, sizeof(one));
    setsockopt(a, IPPROTO_TCP, TCP_NODELAY, (char *)&one, sizeof(one));
    pthread_create(&t, NULL, echo, &a);
    memset(buf, 'x', sizeof(buf));
    for (i = 0; i < 2000; i++)
        if (xfer(c, buf, 1) || xfer(c, buf, 0)) return 1;
    t0 = now();
    for (i = 0; i < n; i++)
        if (xfer(c, buf, 1) || xfer(c, buf, 0)) return 1;
    printf("%.3f\n", (now() - t0) * 1e6 / (double)n);
    closesocket(c);
    pthread_join(t, NULL);
    closesocket(a);
    closesocket(ls);
    WSACleanup();
    return 0;
}
