/* Data transfer on a connected TCP pair: scatter/gather, MSG_PEEK, MSG_OOB, MSG_WAITALL, the
 * last error after successful calls, and the addresses of both ends.
 * GOLDEN EDITED BY HAND: wine 8.0 reports SIOCATMARK TRUE while an urgent byte is pending with
 * SO_OOBINLINE off; the ioctlsocket documentation says FALSE while OOB data waits to be read,
 * and wine's own conformance test (oob_server in dlls/ws2_32/tests/sock.c, todo_wine) shows
 * Windows answering 0, so the golden says "SIOCATMARK with urgent data pending: 0 0". Wine
 * also serves MSG_WAITALL on a non-blocking socket; the recv and WSARecv documentation say
 * the call fails with WSAEOPNOTSUPP then (the golden says "-1 10045"). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static void show_last_error(const char *what, int r)
{
    printf("%s: %d, last error %d\n", what, r, WSAGetLastError());
}

static void show_addr(const char *what, SOCKET s, int peer)
{
    struct sockaddr_in a;
    int len = sizeof a, r;
    memset(&a, 0, sizeof a);
    r = peer ? getpeername(s, (struct sockaddr *)&a, &len) : getsockname(s, (struct sockaddr *)&a, &len);
    if (r) {
        printf("%s: %d %d\n", what, r, WSAGetLastError());
        return;
    }
    printf("%s: family %d loopback %s port %s len %d\n", what, a.sin_family,
           a.sin_addr.s_addr == htonl(INADDR_LOOPBACK) ? "yes" : "no", a.sin_port ? "non-zero" : "zero", len);
}

static u_short port_of(SOCKET s, int peer)
{
    struct sockaddr_in a;
    int len = sizeof a;
    if (peer ? getpeername(s, (struct sockaddr *)&a, &len) : getsockname(s, (struct sockaddr *)&a, &len))
        harness("getsockname/getpeername");
    return a.sin_port;
}

/* Receives exactly n bytes (n < 64) and returns them as a string. */
static const char *recv_exactly(SOCKET s, int n)
{
    static char buf[64];
    int got = 0, r;
    while (got < n) {
        r = recv(s, buf + got, n - got, 0);
        if (r <= 0) {
            snprintf(buf, sizeof buf, "<recv %d error %d after %d bytes>", r, WSAGetLastError(), got);
            return buf;
        }
        got += r;
    }
    buf[got] = 0;
    return buf;
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in la;
    SOCKET l, c, s;
    WSABUF bufs[3];
    char b0[2], b1[3], b2[10], buf[64];
    DWORD n, flags;
    int r, len, one = 1;
    u_long arg;

    if (WSAStartup(MAKEWORD(2, 2), &d)) {
        fprintf(stderr, "harness: WSAStartup failed\n");
        return 2;
    }

    /* The last error after successful calls (set to 12345 before each). */
    l = tcp();
    memset(&la, 0, sizeof la);
    la.sin_family = AF_INET;
    la.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    WSASetLastError(12345);
    show_last_error("bind", bind(l, (struct sockaddr *)&la, sizeof la));
    len = sizeof la;
    if (listen(l, 5) || getsockname(l, (struct sockaddr *)&la, &len))
        harness("listen");
    c = tcp();
    if (connect(c, (struct sockaddr *)&la, sizeof la))
        harness("connect");
    s = accept(l, NULL, NULL);
    if (s == INVALID_SOCKET)
        harness("accept");
    WSASetLastError(12345);
    show_last_error("setsockopt", setsockopt(c, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one));
    WSASetLastError(12345);
    show_last_error("send", send(c, "abc", 3, 0));
    WSASetLastError(12345);
    show_last_error("recv", recv(s, buf, 3, MSG_WAITALL));

    /* Addresses of both ends. */
    show_addr("getsockname client", c, 0);
    show_addr("getpeername client", c, 1);
    show_addr("getsockname accepted", s, 0);
    show_addr("getpeername accepted", s, 1);
    printf("client peer is the listener's port: %s\n", port_of(c, 1) == la.sin_port ? "yes" : "no");
    printf("accepted peer is the client's port: %s\n", port_of(s, 1) == port_of(c, 0) ? "yes" : "no");
    printf("accepted local is the listener's port: %s\n", port_of(s, 0) == la.sin_port ? "yes" : "no");

    /* Gather on send, scatter on receive. */
    bufs[0].buf = "abc";
    bufs[0].len = 3;
    bufs[1].buf = "defg";
    bufs[1].len = 4;
    bufs[2].buf = "hi";
    bufs[2].len = 2;
    n = 0;
    r = WSASend(c, bufs, 3, &n, 0, NULL, NULL);
    printf("WSASend 3 buffers: %d %d sent %lu\n", r, r ? WSAGetLastError() : 0, (unsigned long)n);
    Sleep(100);
    memset(b0, 0, sizeof b0);
    memset(b1, 0, sizeof b1);
    memset(b2, 0, sizeof b2);
    bufs[0].buf = b0;
    bufs[0].len = sizeof b0;
    bufs[1].buf = b1;
    bufs[1].len = sizeof b1;
    bufs[2].buf = b2;
    bufs[2].len = sizeof b2;
    n = 0;
    flags = 0;
    r = WSARecv(s, bufs, 3, &n, &flags, NULL, NULL);
    printf("WSARecv 3 buffers: %d %d received %lu flags %lu: \"%.2s\" \"%.3s\" \"%.10s\"\n", r,
           r ? WSAGetLastError() : 0, (unsigned long)n, (unsigned long)flags, b0, b1, b2);

    /* MSG_PEEK leaves the data in place. */
    if (send(c, "peek", 4, 0) != 4)
        harness("send");
    Sleep(100);
    memset(buf, 0, sizeof buf);
    r = recv(s, buf, sizeof buf, MSG_PEEK);
    printf("recv MSG_PEEK: %d \"%s\"\n", r, r > 0 ? buf : "");
    memset(buf, 0, sizeof buf);
    r = recv(s, buf, sizeof buf, 0);
    printf("recv after peek: %d \"%s\"\n", r, r > 0 ? buf : "");

    /* MSG_WAITALL waits for the whole length across two sends. */
    if (send(c, "12345", 5, 0) != 5 || send(c, "67890", 5, 0) != 5)
        harness("send");
    memset(buf, 0, sizeof buf);
    r = recv(s, buf, 10, MSG_WAITALL);
    printf("recv MSG_WAITALL 10: %d \"%s\"\n", r, r > 0 ? buf : "");
    {
        /* On a non-blocking socket MSG_WAITALL is refused (WSAEOPNOTSUPP), even with data. */
        u_long nb = 1, blocking = 0;
        send(c, "z", 1, 0);
        Sleep(20);
        ioctlsocket(s, FIONBIO, &nb);
        r = recv(s, buf, 1, MSG_WAITALL);
        printf("recv MSG_WAITALL, non-blocking: %d %d\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0);
        ioctlsocket(s, FIONBIO, &blocking);
        if (r == SOCKET_ERROR)
            recv(s, buf, 1, 0);
    }

    /* Urgent data, SO_OOBINLINE off: the OOB byte is read apart from the stream. */
    if (send(c, "ab", 2, 0) != 2)
        harness("send");
    r = send(c, "X", 1, MSG_OOB);
    printf("send MSG_OOB: %d %d\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0);
    if (send(c, "cd", 2, 0) != 2)
        harness("send");
    Sleep(200);
    arg = 12345;
    r = ioctlsocket(s, SIOCATMARK, &arg);
    printf("SIOCATMARK with urgent data pending: %d %lu\n", r, (unsigned long)arg);
    memset(buf, 0, sizeof buf);
    r = recv(s, buf, 1, MSG_OOB);
    printf("recv MSG_OOB: %d \"%s\"\n", r, r > 0 ? buf : "");
    printf("recv normal data: \"%s\"\n", recv_exactly(s, 4));
    arg = 1;
    if (ioctlsocket(s, FIONBIO, &arg))
        harness("ioctlsocket FIONBIO");
    r = recv(s, buf, sizeof buf, 0);
    printf("recv after all data, non-blocking: %d %d\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0);

    closesocket(c);
    closesocket(s);
    closesocket(l);
    WSACleanup();
    return 0;
}
