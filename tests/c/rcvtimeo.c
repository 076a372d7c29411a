/* SO_RCVTIMEO is a DWORD of milliseconds: a blocking receive with nothing to read fails with
 * WSAETIMEDOUT after about that long (TCP recv and UDP recvfrom). Bounds are generous. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static void timed_recv(const char *what, SOCKET s)
{
    char buf[16];
    DWORD tmo = 300, t0, dt;
    int r, err;

    if (setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&tmo, sizeof tmo))
        harness("setsockopt SO_RCVTIMEO");
    t0 = GetTickCount();
    r = recv(s, buf, sizeof buf, 0);
    err = r == SOCKET_ERROR ? WSAGetLastError() : 0;
    dt = GetTickCount() - t0;
    fprintf(stderr, "%s: %lu ms\n", what, (unsigned long)dt);
    printf("%s: %d %d, %s\n", what, r, err, dt < 200 ? "too fast" : dt > 3000 ? "too slow" : "in time");
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in a;
    SOCKET l, c, s, u;
    int len = sizeof a;

    if (WSAStartup(MAKEWORD(2, 2), &d)) {
        fprintf(stderr, "harness: WSAStartup failed\n");
        return 2;
    }
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (l == INVALID_SOCKET || bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 1)
        || getsockname(l, (struct sockaddr *)&a, &len))
        harness("listener");
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (c == INVALID_SOCKET || connect(c, (struct sockaddr *)&a, sizeof a))
        harness("connect");
    s = accept(l, NULL, NULL);
    if (s == INVALID_SOCKET)
        harness("accept");
    timed_recv("TCP recv, SO_RCVTIMEO 300", c);

    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    a.sin_port = 0;
    if (u == INVALID_SOCKET || bind(u, (struct sockaddr *)&a, sizeof a))
        harness("udp");
    timed_recv("UDP recv, SO_RCVTIMEO 300", u);

    /* A socket accept returns takes the listener's options, the timeouts included. */
    {
        DWORD tmo = 1500, got = 0;
        struct sockaddr_in la;
        int len = sizeof la;
        SOCKET c2 = socket(AF_INET, SOCK_STREAM, 0), s2;
        setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, (const char *)&tmo, sizeof tmo);
        if (getsockname(l, (struct sockaddr *)&la, &len) || connect(c2, (struct sockaddr *)&la, sizeof la) ||
            (s2 = accept(l, NULL, NULL)) == INVALID_SOCKET)
            harness("second connection");
        len = sizeof got;
        getsockopt(s2, SOL_SOCKET, SO_RCVTIMEO, (char *)&got, &len);
        printf("accepted socket's SO_RCVTIMEO: %lu\n", (unsigned long)got);
        closesocket(s2);
        closesocket(c2);
    }

    closesocket(u);
    closesocket(c);
    closesocket(s);
    closesocket(l);
    WSACleanup();
    return 0;
}
