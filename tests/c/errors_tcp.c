/* The errors TCP calls report for calls made in the wrong state or with bad arguments.
 * GOLDEN EDITED BY HAND: wine 8.0 fails "send unconnected" with WSAECONNRESET (10054); the send
 * documentation (learn.microsoft.com, send function) gives WSAENOTCONN (10057) for a socket that
 * is not connected, and so does Windows: the golden says 10057. Wine also reports a connection
 * the peer reset as closed (recv 0) after the first receive, or at once when WSAEventSelect saw
 * the reset first, and gives FD_CLOSE error 0; the recv, send and WSAEventSelect documentation
 * give WSAECONNRESET for "the virtual circuit was reset by the remote side": the golden says
 * 10054 throughout. Wine closes a non-blocking socket lingering with a timeout at once even
 * with data unsent; the closesocket documentation says the call fails with WSAEWOULDBLOCK
 * then (the golden has "-1 10035", then the close without linger succeeding). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static void loopback(struct sockaddr_in *a, u_short port)
{
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a->sin_port = port;
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in a, la, b;
    SOCKET s, l, c, srv, s2;
    char buf[64];
    int r, i, len, type;

    if (WSAStartup(MAKEWORD(2, 2), &d)) {
        fprintf(stderr, "harness: WSAStartup failed\n");
        return 2;
    }

    /* A fresh, unbound socket. */
    s = tcp();
    show("listen unbound", listen(s, 5));
    len = sizeof b;
    show("getsockname unbound", getsockname(s, (struct sockaddr *)&b, &len));
    show("send unconnected", send(s, "x", 1, 0));
    show("recv unconnected", recv(s, buf, sizeof buf, 0));
    show("shutdown unconnected", shutdown(s, SD_BOTH));
    len = sizeof b;
    show("getpeername unconnected", getpeername(s, (struct sockaddr *)&b, &len));
    loopback(&a, 0);
    show("bind namelen 4", bind(s, (struct sockaddr *)&a, 4));
    show("bind NULL", bind(s, NULL, sizeof a));
    show("bind", bind(s, (struct sockaddr *)&a, sizeof a));
    show("bind again", bind(s, (struct sockaddr *)&a, sizeof a));
    /* Bound but not listening. */
    s2 = accept(s, NULL, NULL);
    printf("accept not listening: %s %d\n", s2 == INVALID_SOCKET ? "INVALID_SOCKET" : "valid", WSAGetLastError());
    closesocket(s);

    /* Address in use: a second socket on the port of a listening one. */
    l = tcp_listener(&la);
    s = tcp();
    show("bind address in use", bind(s, (struct sockaddr *)&la, sizeof la));
    closesocket(s);

    /* Connected pair: shutdown directions. */
    tcp_pair(l, &la, &c, &srv);
    show("shutdown how 7", shutdown(c, 7));
    show("shutdown SD_SEND", shutdown(c, SD_SEND));
    show("send after SD_SEND", send(c, "x", 1, 0));
    show("shutdown SD_RECEIVE", shutdown(srv, SD_RECEIVE));
    show("recv after SD_RECEIVE", recv(srv, buf, sizeof buf, 0));
    show("send on the other side", send(srv, "ok", 2, 0));
    memset(buf, 0, sizeof buf);
    r = recv(c, buf, sizeof buf, 0);
    printf("recv on a SD_SEND socket: %d \"%s\"\n", r, r > 0 ? buf : "");
    show("connect connected", connect(c, (struct sockaddr *)&la, sizeof la));
    closesocket(c);
    closesocket(srv);

    /* Send after the peer closed: the error is a reset or an abort, and no SIGPIPE. */
    tcp_pair(l, &la, &c, &srv);
    closesocket(srv);
    Sleep(100);
    for (i = 0; i < 1000; i++) {
        r = send(c, "data", 4, 0);
        if (r == SOCKET_ERROR)
            break;
        Sleep(10);
    }
    if (r != SOCKET_ERROR)
        printf("send after peer close: never failed\n");
    else if (WSAGetLastError() == WSAECONNRESET || WSAGetLastError() == WSAECONNABORTED)
        printf("send after peer close: SOCKET_ERROR reset-or-aborted\n");
    else
        printf("send after peer close: SOCKET_ERROR %d\n", WSAGetLastError());
    closesocket(c);

    /* A connection the peer reset (abortive close: SO_LINGER with a zero timeout) fails every
     * later receive and send with WSAECONNRESET, also once WSAEventSelect has reported it. */
    for (i = 0; i < 2; i++) {
        struct linger abortive = { 1, 0 };
        WSAEVENT ev = WSACreateEvent();
        WSANETWORKEVENTS ne;
        tcp_pair(l, &la, &c, &srv);
        if (i == 1)
            WSAEventSelect(srv, ev, FD_READ | FD_CLOSE);
        setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&abortive, sizeof abortive);
        closesocket(c);
        Sleep(50);
        if (i == 1) {
            memset(&ne, 0, sizeof ne);
            WSAEnumNetworkEvents(srv, ev, &ne);
            printf("reset, selected: events 0x%lx, FD_CLOSE error %d\n", (unsigned long)ne.lNetworkEvents, ne.iErrorCode[FD_CLOSE_BIT]);
        }
        printf("%s: ", i ? "reset, selected" : "reset");
        r = recv(srv, buf, sizeof buf, 0);
        printf("recv %d %d, ", r, r < 0 ? WSAGetLastError() : 0);
        r = recv(srv, buf, sizeof buf, 0);
        printf("again %d %d, ", r, r < 0 ? WSAGetLastError() : 0);
        r = send(srv, "x", 1, 0);
        printf("send %d %d\n", r, r < 0 ? WSAGetLastError() : 0);
        closesocket(srv);
        WSACloseEvent(ev);
    }

    /* closesocket of a non-blocking socket lingering with a timeout while data is unsent:
     * WSAEWOULDBLOCK, the socket stays open; without the linger it closes. */
    {
        static char big[1 << 16];
        struct linger five = { 1, 5 };
        BOOL dont = TRUE;
        u_long nb = 1;
        int small = 4096;
        tcp_pair(l, &la, &c, &srv);
        setsockopt(c, SOL_SOCKET, SO_RCVBUF, (char *)&small, sizeof small);
        setsockopt(srv, SOL_SOCKET, SO_SNDBUF, (char *)&small, sizeof small);
        ioctlsocket(srv, FIONBIO, &nb);
        for (i = 0; i < 1000 && send(srv, big, sizeof big, 0) != SOCKET_ERROR; i++)
            ;
        setsockopt(srv, SOL_SOCKET, SO_LINGER, (char *)&five, sizeof five);
        show("closesocket lingering, non-blocking, data unsent", closesocket(srv));
        setsockopt(srv, SOL_SOCKET, SO_DONTLINGER, (char *)&dont, sizeof dont);
        show("closesocket after SO_DONTLINGER", closesocket(srv));
        closesocket(c);
    }

    /* accept with an address buffer that is too short (a connection is pending). */
    c = tcp();
    if (connect(c, (struct sockaddr *)&la, sizeof la))
        harness("connect");
    len = 4;
    s2 = accept(l, (struct sockaddr *)&b, &len);
    printf("accept addrlen 4: %s %d\n", s2 == INVALID_SOCKET ? "INVALID_SOCKET" : "valid", WSAGetLastError());
    if (s2 != INVALID_SOCKET)
        closesocket(s2);
    closesocket(c);

    /* Connect to a port nobody listens on. */
    s = tcp();
    loopback(&a, 0);
    if (bind(s, (struct sockaddr *)&a, sizeof a))
        harness("bind");
    len = sizeof a;
    if (getsockname(s, (struct sockaddr *)&a, &len))
        harness("getsockname");
    closesocket(s);
    s = tcp();
    show("connect refused", connect(s, (struct sockaddr *)&a, sizeof a));
    closesocket(s);

    /* Handles that are not sockets. */
    show("closesocket 0x7fff0", closesocket((SOCKET)0x7fff0));
    show("send 0x7fff0", send((SOCKET)0x7fff0, "x", 1, 0));
    show("listen 0x7fff0", listen((SOCKET)0x7fff0, 1));
    show("closesocket INVALID_SOCKET", closesocket(INVALID_SOCKET));
    s = tcp();
    closesocket(s);
    show("closesocket twice", closesocket(s));

    /* getsockopt argument checks. */
    s = tcp();
    type = -1;
    len = 2;
    show("getsockopt SO_TYPE optlen 2", getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len));
    len = sizeof type;
    show("getsockopt SO_TYPE NULL optval", getsockopt(s, SOL_SOCKET, SO_TYPE, NULL, &len));
    show("getsockopt SO_TYPE NULL optlen", getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, NULL));
    len = sizeof type;
    show("getsockopt level 12345", getsockopt(s, 12345, SO_TYPE, (char *)&type, &len));
    len = sizeof type;
    show("getsockopt SOL_SOCKET option 0x7777", getsockopt(s, SOL_SOCKET, 0x7777, (char *)&type, &len));
    type = 1;
    show("setsockopt level 12345", setsockopt(s, 12345, SO_KEEPALIVE, (char *)&type, sizeof type));
    show("setsockopt SOL_SOCKET option 0x7777", setsockopt(s, SOL_SOCKET, 0x7777, (char *)&type, sizeof type));
    show("setsockopt SO_KEEPALIVE NULL optval", setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, NULL, sizeof type));
    closesocket(s);

    closesocket(l);
    WSACleanup();
    return 0;
}
