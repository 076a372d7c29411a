/* Connecting again after a refusal, and reusing a socket for ConnectEx: a ConnectEx refused on
 * loopback is still pending and fails through its completion (ERROR_CONNECTION_REFUSED on the
 * port, WSAECONNREFUSED from WSAGetOverlappedResult and SO_ERROR); after WSAECONNREFUSED the
 * same socket may connect again (connect, non-blocking connect, ConnectEx); DisconnectEx with
 * TF_REUSE_SOCKET leaves a socket ConnectEx takes again.
 * GOLDEN EDITED BY HAND: wine 8.0 answers the second connect after a refused one with
 * WSAECONNABORTED (10053) and then cannot connect the socket at all (the program waits in
 * accept for good, so the rest is not recorded from wine); the ConnectEx and connect
 * documentation say the application can call connect or ConnectEx again on the same socket
 * after WSAECONNREFUSED, WSAENETUNREACH or WSAETIMEDOUT: the golden has them succeed. Under
 * wine, a separate run of the ConnectEx refusal alone gave the golden's completion lines. */
#include <winsock2.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void *extension(SOCKET s, GUID g)
{
    void *p = NULL;
    DWORD n;
    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &p, sizeof p, &n, NULL, NULL))
        harness("extension pointer");
    return p;
}

int main(void)
{
    WSADATA d;
    SOCKET l, dead, c, a;
    struct sockaddr_in refused, la, any;
    int len, r;
    u_long one = 1;
    fd_set w, e;
    struct timeval tv = { 2, 0 };
    DWORD n, flags;
    OVERLAPPED ov;
    HANDLE port;
    ULONG_PTR key;
    LPOVERLAPPED got;
    BOOL ok;
    GUID gc = WSAID_CONNECTEX, gd = WSAID_DISCONNECTEX;
    LPFN_CONNECTEX pConnectEx;
    LPFN_DISCONNECTEX pDisconnectEx;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    /* A port held by a bound socket that does not listen: connecting to it is refused (and
     * cannot pick it as its own port and connect to itself). */
    dead = tcp();
    memset(&refused, 0, sizeof refused);
    refused.sin_family = AF_INET;
    refused.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    any = refused;
    len = sizeof refused;
    if (bind(dead, (struct sockaddr *)&refused, sizeof refused) || getsockname(dead, (struct sockaddr *)&refused, &len))
        harness("bind");
    l = tcp_listener(&la);

    /* Blocking connect, refused, then again to a listener. */
    c = tcp();
    r = connect(c, (struct sockaddr *)&refused, sizeof refused);
    printf("connect refused: %d %d\n", r, r ? WSAGetLastError() : 0);
    r = connect(c, (struct sockaddr *)&la, sizeof la);
    printf("connect again: %d %d\n", r, r ? WSAGetLastError() : 0);
    closesocket(c);
    if ((a = accept(l, NULL, NULL)) != INVALID_SOCKET)
        closesocket(a);

    /* Non-blocking: the refusal shows in exceptfds; connecting again works. */
    c = tcp();
    ioctlsocket(c, FIONBIO, &one);
    r = connect(c, (struct sockaddr *)&refused, sizeof refused);
    printf("non-blocking connect: %d %d\n", r, r ? WSAGetLastError() : 0);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(c, &w);
    FD_SET(c, &e);
    r = select(0, NULL, &w, &e, &tv);
    printf("refused: select %d write %d except %d\n", r, FD_ISSET(c, &w) != 0, FD_ISSET(c, &e) != 0);
    r = connect(c, (struct sockaddr *)&la, sizeof la);
    printf("non-blocking connect again: %d %d\n", r, r ? WSAGetLastError() : 0);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(c, &w);
    FD_SET(c, &e);
    r = select(0, NULL, &w, &e, &tv);
    printf("connected: select %d write %d except %d\n", r, FD_ISSET(c, &w) != 0, FD_ISSET(c, &e) != 0);
    closesocket(c);
    if ((a = accept(l, NULL, NULL)) != INVALID_SOCKET)
        closesocket(a);

    /* ConnectEx: the refusal is the operation's completion; then again; then reuse. */
    c = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    memset(&any, 0, sizeof any);
    any.sin_family = AF_INET;
    if (bind(c, (struct sockaddr *)&any, sizeof any))
        harness("bind for ConnectEx");
    pConnectEx = (LPFN_CONNECTEX)extension(c, gc);
    pDisconnectEx = (LPFN_DISCONNECTEX)extension(c, gd);
    port = CreateIoCompletionPort((HANDLE)c, NULL, 5, 0);
    memset(&ov, 0, sizeof ov);
    ok = pConnectEx(c, (struct sockaddr *)&refused, sizeof refused, NULL, 0, NULL, &ov);
    printf("ConnectEx refused: %d %d\n", ok, ok ? 0 : WSAGetLastError());
    got = NULL;
    ok = GetQueuedCompletionStatus(port, &n, &key, &got, 5000);
    printf("  completion: %d error %lu key %lu ours %d\n", ok, ok ? 0UL : (unsigned long)GetLastError(), (unsigned long)key, got == &ov);
    ok = WSAGetOverlappedResult(c, &ov, &n, FALSE, &flags);
    printf("  WSAGetOverlappedResult: %d %d\n", ok, ok ? 0 : WSAGetLastError());
    {
        int err = 0, el = sizeof err;
        getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &el);
        printf("  SO_ERROR: %d\n", err);
    }
    memset(&ov, 0, sizeof ov);
    ok = pConnectEx(c, (struct sockaddr *)&la, sizeof la, "hi", 2, &n, &ov);
    if (!ok && WSAGetLastError() != ERROR_IO_PENDING)
        printf("ConnectEx again: failed %d\n", WSAGetLastError());
    else {
        ok = GetQueuedCompletionStatus(port, &n, &key, &got, 5000);
        printf("ConnectEx again: completion %d error %lu bytes %lu\n", ok, ok ? 0UL : (unsigned long)GetLastError(), (unsigned long)n);
    }
    a = accept(l, NULL, NULL);
    memset(&ov, 0, sizeof ov);
    ok = pDisconnectEx(c, &ov, TF_REUSE_SOCKET, 0);
    if (!ok && WSAGetLastError() != ERROR_IO_PENDING)
        printf("DisconnectEx TF_REUSE_SOCKET: failed %d\n", WSAGetLastError());
    else {
        ok = GetQueuedCompletionStatus(port, &n, &key, &got, 5000);
        printf("DisconnectEx TF_REUSE_SOCKET: completion %d\n", ok);
    }
    closesocket(a);
    memset(&ov, 0, sizeof ov);
    ok = pConnectEx(c, (struct sockaddr *)&la, sizeof la, NULL, 0, NULL, &ov);
    if (!ok && WSAGetLastError() != ERROR_IO_PENDING)
        printf("ConnectEx on the reused socket: failed %d\n", WSAGetLastError());
    else {
        ok = GetQueuedCompletionStatus(port, &n, &key, &got, 5000);
        printf("ConnectEx on the reused socket: completion %d\n", ok);
        if (ok) {
            a = accept(l, NULL, NULL);
            printf("  accepted: %d\n", a != INVALID_SOCKET);
            closesocket(a);
        }
    }
    closesocket(c);
    closesocket(l);
    closesocket(dead);
    CloseHandle(port);
    WSACleanup();
    return 0;
}
