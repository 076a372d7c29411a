/* SO_CONNECT_TIME (mswsock.h): getsockopt gives the seconds a socket has been connected, or
 * 0xFFFFFFFF while it is not — fresh, bound, listening and datagram sockets, an AcceptEx socket
 * before its connection arrives, a ConnectEx socket before it connects, a socket reused by
 * DisconnectEx(TF_REUSE_SOCKET). Sockets connected by connect(), accept(), AcceptEx and
 * ConnectEx count from 0; a non-blocking connect counts once it completes. A DWORD: a shorter
 * buffer fails with WSAEFAULT; setsockopt refuses the option with WSAENOPROTOOPT.
 * GOLDEN EDITED BY HAND: wine 8.0 goes on counting after DisconnectEx(TF_REUSE_SOCKET); the
 * documentation gives 0xFFFFFFFF for a socket that is not connected, and a reused socket is not
 * (it is ready for AcceptEx or ConnectEx again). */
#include <winsock2.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static DWORD connect_time(SOCKET s)
{
    DWORD t = 12345;
    int len = sizeof t;
    if (getsockopt(s, SOL_SOCKET, SO_CONNECT_TIME, (char *)&t, &len))
        harness("getsockopt(SO_CONNECT_TIME)");
    if (len != sizeof t)
        harness("SO_CONNECT_TIME length");
    return t;
}

static void show_connect_time(const char *what, SOCKET s)
{
    DWORD t = connect_time(s);
    if (t == 0xFFFFFFFF)
        printf("%s: not connected\n", what);
    else
        printf("%s: %lu\n", what, (unsigned long)t);
}

static void *extension(SOCKET s, GUID id)
{
    void *f = NULL;
    DWORD n = 0;
    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &f, sizeof f, &n, NULL, NULL))
        harness("SIO_GET_EXTENSION_FUNCTION_POINTER");
    return f;
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in a, any;
    SOCKET l, c, s, u, as, ce, nb, nbs, f;
    GUID g_accept = WSAID_ACCEPTEX, g_connect = WSAID_CONNECTEX, g_disconnect = WSAID_DISCONNECTEX;
    LPFN_ACCEPTEX pAcceptEx;
    LPFN_CONNECTEX pConnectEx;
    LPFN_DISCONNECTEX pDisconnectEx;
    char out[2 * (sizeof(struct sockaddr_in) + 16)];
    OVERLAPPED ov, ov2;
    DWORD n, t, flags;
    int len = sizeof a, r, i;
    u_long on = 1;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    any = a;
    l = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 8) || getsockname(l, (struct sockaddr *)&a, &len))
        harness("listener");
    pAcceptEx = (LPFN_ACCEPTEX)extension(l, g_accept);
    pConnectEx = (LPFN_CONNECTEX)extension(l, g_connect);
    pDisconnectEx = (LPFN_DISCONNECTEX)extension(l, g_disconnect);

    f = socket(AF_INET, SOCK_STREAM, 0);
    show_connect_time("fresh stream socket", f);
    show_connect_time("listening socket", l);
    u = socket(AF_INET, SOCK_DGRAM, 0);
    show_connect_time("datagram socket", u);
    if (connect(u, (struct sockaddr *)&a, sizeof a))
        harness("connect udp");
    show_connect_time("connected datagram socket", u);

    /* The option's length and direction. */
    t = 7;
    len = 2;
    r = getsockopt(f, SOL_SOCKET, SO_CONNECT_TIME, (char *)&t, &len);
    printf("2-byte buffer: %d %d, len %d\n", r, r ? WSAGetLastError() : 0, len);
    {
        DWORD big[2] = { 7, 7 };
        len = sizeof big;
        r = getsockopt(f, SOL_SOCKET, SO_CONNECT_TIME, (char *)big, &len);
        printf("8-byte buffer: %d, len %d, second DWORD untouched %s\n", r, len, big[1] == 7 ? "yes" : "no");
    }
    t = 0;
    r = setsockopt(f, SOL_SOCKET, SO_CONNECT_TIME, (char *)&t, sizeof t);
    printf("setsockopt: %d %d\n", r, r ? WSAGetLastError() : 0);

    /* connect() and accept(). */
    tcp_pair(l, &a, &c, &s);
    show_connect_time("connect() socket", c);
    show_connect_time("accept() socket", s);

    /* AcceptEx, before and after its connection. */
    as = socket(AF_INET, SOCK_STREAM, 0);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    r = pAcceptEx(l, as, out, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &n, &ov);
    printf("AcceptEx: %d %d\n", r, r ? 0 : WSAGetLastError());
    show_connect_time("AcceptEx socket, nothing accepted yet", as);

    /* ConnectEx, before and after. */
    ce = socket(AF_INET, SOCK_STREAM, 0);
    any.sin_port = 0;
    if (bind(ce, (struct sockaddr *)&any, sizeof any))
        harness("bind");
    show_connect_time("bound socket", ce);
    memset(&ov2, 0, sizeof ov2);
    ov2.hEvent = WSACreateEvent();
    r = pConnectEx(ce, (struct sockaddr *)&a, sizeof a, NULL, 0, &n, &ov2);
    if (!r && WSAGetLastError() != ERROR_IO_PENDING)
        harness("ConnectEx");
    if (!WSAGetOverlappedResult(ce, &ov2, &n, TRUE, &flags))
        harness("ConnectEx result");
    show_connect_time("ConnectEx socket, connected", ce);
    if (!WSAGetOverlappedResult(l, &ov, &n, TRUE, &flags))
        harness("AcceptEx result");
    show_connect_time("AcceptEx socket, accepted", as);

    /* A non-blocking connect counts once it has completed. */
    nb = socket(AF_INET, SOCK_STREAM, 0);
    ioctlsocket(nb, FIONBIO, &on);
    r = connect(nb, (struct sockaddr *)&a, sizeof a);
    printf("non-blocking connect: %d %d\n", r, r ? WSAGetLastError() : 0);
    for (i = 0; i < 200 && connect_time(nb) == 0xFFFFFFFF; i++)
        Sleep(10);
    show_connect_time("non-blocking connect, completed", nb);
    nbs = accept(l, NULL, NULL);

    Sleep(1100);
    printf("a second later, at least 1: connect %s, accept %s, AcceptEx %s, ConnectEx %s, non-blocking %s\n",
           connect_time(c) >= 1 ? "yes" : "no", connect_time(s) >= 1 ? "yes" : "no", connect_time(as) >= 1 ? "yes" : "no",
           connect_time(ce) >= 1 ? "yes" : "no", connect_time(nb) >= 1 ? "yes" : "no");
    show_connect_time("the listener still", l);
    show_connect_time("the datagram socket still", u);

    /* DisconnectEx with TF_REUSE_SOCKET leaves a socket that is not connected. */
    if (!pDisconnectEx(ce, NULL, TF_REUSE_SOCKET, 0))
        harness("DisconnectEx");
    show_connect_time("after DisconnectEx(TF_REUSE_SOCKET)", ce);

    closesocket(nbs);
    closesocket(nb);
    closesocket(ce);
    closesocket(as);
    closesocket(s);
    closesocket(c);
    closesocket(u);
    closesocket(f);
    closesocket(l);
    WSACleanup();
    return 0;
}
