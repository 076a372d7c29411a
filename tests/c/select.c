/* select with the Windows fd_set: argument errors, FD_SET's duplicate rule, the timeval left
 * as it was, and what counts as readable, writable and exceptional (a fresh TCP socket is
 * neither; a listener with a pending connection is readable; a refused non-blocking connect
 * is an exception, with SO_ERROR WSAECONNREFUSED). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

/* select on one socket for each role; prints which sets kept it. */
static void probe(const char *what, SOCKET s, int ms)
{
    fd_set r, w, e;
    struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
    int n;
    memset(&r, 0, sizeof r);
    memset(&w, 0, sizeof w);
    memset(&e, 0, sizeof e);
    FD_SET(s, &r);
    FD_SET(s, &w);
    FD_SET(s, &e);
    n = select(0, &r, &w, &e, &tv);
    printf("%s: select %d read %d write %d except %d\n", what, n, FD_ISSET(s, &r) != 0, FD_ISSET(s, &w) != 0,
           FD_ISSET(s, &e) != 0);
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in la, dead;
    SOCKET l, c, a, f, nb;
    fd_set r, w, e;
    struct timeval tv;
    int n, err, len;
    u_long one = 1;
    char buf[16];

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");

    /* Argument errors. */
    tv.tv_sec = 0;
    tv.tv_usec = 1000;
    n = select(0, NULL, NULL, NULL, &tv);
    printf("all sets NULL: %d error %d\n", n, WSAGetLastError());
    FD_ZERO(&r);
    FD_ZERO(&w);
    n = select(0, &r, &w, NULL, &tv);
    printf("all sets empty: %d error %d\n", n, WSAGetLastError());

    l = tcp_listener(&la);
    FD_ZERO(&r);
    FD_SET(l, &r);
    FD_SET((SOCKET)0x7777, &r);
    n = select(0, &r, NULL, NULL, &tv);
    printf("invalid socket in set: %d error %d, count still %u\n", n, WSAGetLastError(), r.fd_count);

    /* FD_SET ignores duplicates; nfds is ignored. */
    FD_ZERO(&r);
    FD_SET(l, &r);
    FD_SET(l, &r);
    printf("FD_SET twice: count %u\n", r.fd_count);
    FD_CLR(l, &r);
    printf("FD_CLR: count %u\n", r.fd_count);

    /* The timeval is not modified. */
    FD_ZERO(&r);
    FD_SET(l, &r);
    tv.tv_sec = 0;
    tv.tv_usec = 20000;
    n = select(12345, &r, NULL, NULL, &tv);
    printf("timeout: %d, timeval after %ld.%06ld\n", n, (long)tv.tv_sec, (long)tv.tv_usec);

    /* A fresh TCP socket is neither readable nor writable. */
    f = tcp();
    probe("fresh TCP socket", f, 0);

    /* A listener with a pending connection is readable. */
    probe("listener, no connection", l, 0);
    c = tcp();
    if (connect(c, (struct sockaddr *)&la, sizeof la))
        harness("connect");
    probe("listener, pending connection", l, 1000);
    a = accept(l, NULL, NULL);
    if (a == INVALID_SOCKET)
        harness("accept");
    probe("listener after accept", l, 0);

    /* Connected sockets: writable; readable once data arrives. */
    probe("connected, no data", a, 0);
    send(c, "hello", 5, 0);
    probe("connected, data waiting", a, 1000);
    recv(a, buf, sizeof buf, 0);

    /* Peer closed: readable (recv returns 0). */
    closesocket(c);
    probe("peer closed", a, 1000);
    printf("recv after peer close: %d\n", recv(a, buf, sizeof buf, 0));
    closesocket(a);

    /* Shutting the receive side down here makes nothing readable (data still arriving does). */
    tcp_pair(l, &la, &c, &a);
    shutdown(a, SD_RECEIVE);
    probe("own SD_RECEIVE", a, 0);
    send(c, "zz", 2, 0);
    probe("own SD_RECEIVE, data arrives", a, 1000);
    closesocket(c);
    closesocket(a);

    /* A refused non-blocking connect: exceptfds, not writefds; SO_ERROR says why. The port is
     * held by a bound socket that does not listen (a freed port could be picked as the
     * connecting socket's own, which connects to itself). */
    closesocket(l);
    l = tcp();
    memset(&dead, 0, sizeof dead);
    dead.sin_family = AF_INET;
    dead.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof dead;
    if (bind(l, (struct sockaddr *)&dead, sizeof dead) || getsockname(l, (struct sockaddr *)&dead, &len))
        harness("bind");
    nb = tcp();
    ioctlsocket(nb, FIONBIO, &one);
    n = connect(nb, (struct sockaddr *)&dead, sizeof dead);
    printf("non-blocking connect to a closed port: %d error %d\n", n, WSAGetLastError());
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(nb, &w);
    FD_SET(nb, &e);
    tv.tv_sec = 5;
    tv.tv_usec = 0;
    n = select(0, NULL, &w, &e, &tv);
    printf("refused connect: select %d write %d except %d\n", n, FD_ISSET(nb, &w) != 0, FD_ISSET(nb, &e) != 0);
    len = sizeof err;
    err = 0;
    getsockopt(nb, SOL_SOCKET, SO_ERROR, (char *)&err, &len);
    printf("SO_ERROR after refused connect: %d\n", err);
    closesocket(nb);
    closesocket(f);
    closesocket(l);

    WSACleanup();
    return 0;
}
