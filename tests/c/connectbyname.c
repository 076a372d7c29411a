/* WSAConnectByNameW/A and WSAConnectByList against listeners on loopback: the addresses
 * reported, a dual-stack AF_INET6 socket reaching an IPv4 listener, a timeout, the first
 * address of a list refusing, and the documented errors.
 * No golden: Wine 8 only has stubs for these (and no WSAConnectByList); the checks follow the
 * Windows documentation. One line per check; exits non-zero on any failure. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

/* A listening TCP socket on 127.0.0.1 and its port. */
static SOCKET listener(u_short *port)
{
    SOCKADDR_IN sin;
    int len = sizeof sin;
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(l, (SOCKADDR *)&sin, sizeof sin);
    listen(l, 8);
    getsockname(l, (SOCKADDR *)&sin, &len);
    *port = ntohs(sin.sin_port);
    return l;
}

/* A loopback port nobody listens on. */
static u_short dead_port(void)
{
    u_short port;
    SOCKET l = listener(&port);
    closesocket(l);
    return port;
}

static void drain(SOCKET l)
{
    SOCKET a = accept(l, NULL, NULL);
    if (a != INVALID_SOCKET)
        closesocket(a);
}

static void by_name(void)
{
    u_short port;
    SOCKET l = listener(&port), s;
    WCHAR wport[8];
    char aport[8];
    SOCKADDR_STORAGE local, remote;
    DWORD llen = sizeof local, rlen = sizeof remote;
    struct timeval tv = {5, 0};
    BOOL ok;
    int i, opt = 0;

    snprintf(aport, sizeof aport, "%u", port);
    for (i = 0; aport[i]; i++)
        wport[i] = (WCHAR)aport[i];
    wport[i] = 0;

    s = socket(AF_INET, SOCK_STREAM, 0);
    ok = WSAConnectByNameW(s, W("localhost"), wport, &llen, (SOCKADDR *)&local, &rlen, (SOCKADDR *)&remote, NULL, NULL);
    check(ok == TRUE, "WSAConnectByNameW(localhost, port) on an AF_INET socket (%d)", WSAGetLastError());
    if (ok) {
        SOCKADDR_IN *r = (SOCKADDR_IN *)&remote, *lo = (SOCKADDR_IN *)&local;
        check(rlen == sizeof(SOCKADDR_IN) && r->sin_family == AF_INET && r->sin_port == htons(port) && r->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
              "RemoteAddress: 127.0.0.1 and the port, %u bytes", (unsigned)rlen);
        check(llen == sizeof(SOCKADDR_IN) && lo->sin_family == AF_INET && lo->sin_port != 0, "LocalAddress: the bound local address, %u bytes", (unsigned)llen);
        check(send(s, "x", 1, 0) == 1, "the socket is connected and blocking-ready");
        drain(l);
    }
    closesocket(s);

    s = socket(AF_INET6, SOCK_STREAM, 0);
    setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&opt, sizeof opt);
    rlen = sizeof remote;
    ok = WSAConnectByNameA(s, "127.0.0.1", aport, NULL, NULL, &rlen, (SOCKADDR *)&remote, &tv, NULL);
    check(ok == TRUE, "WSAConnectByNameA(127.0.0.1) on a dual-stack AF_INET6 socket, with a timeout (%d)", WSAGetLastError());
    if (ok) {
        SOCKADDR_IN6 *r6 = (SOCKADDR_IN6 *)&remote;
        check(r6->sin6_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&r6->sin6_addr) && r6->sin6_port == htons(port), "RemoteAddress: the IPv4-mapped address");
        drain(l);
    }
    closesocket(s);

    s = socket(AF_INET, SOCK_STREAM, 0);
    snprintf(aport, sizeof aport, "%u", dead_port());
    ok = WSAConnectByNameA(s, "127.0.0.1", aport, NULL, NULL, NULL, NULL, &tv, NULL);
    check(ok == FALSE && WSAGetLastError() == WSAECONNREFUSED, "nobody listening: FALSE, WSAECONNREFUSED (%d)", WSAGetLastError());
    closesocket(s);
    closesocket(l);
}

static void by_list(void)
{
    u_short live, dead = dead_port();
    SOCKET l = listener(&live), s;
    SOCKADDR_IN a[2];
    char buf[sizeof(SOCKET_ADDRESS_LIST) + sizeof(SOCKET_ADDRESS)];
    SOCKET_ADDRESS_LIST *list = (SOCKET_ADDRESS_LIST *)buf;
    SOCKADDR_IN remote;
    DWORD rlen = sizeof remote;
    struct timeval tv = {5, 0};
    BOOL ok;
    int i;

    for (i = 0; i < 2; i++) {
        memset(&a[i], 0, sizeof a[i]);
        a[i].sin_family = AF_INET;
        a[i].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a[i].sin_port = htons(i == 0 ? dead : live);
        list->Address[i].lpSockaddr = (SOCKADDR *)&a[i];
        list->Address[i].iSockaddrLength = sizeof a[i];
    }
    list->iAddressCount = 2;
    s = socket(AF_INET, SOCK_STREAM, 0);
    ok = WSAConnectByList(s, list, NULL, NULL, &rlen, (SOCKADDR *)&remote, &tv, NULL);
    check(ok == TRUE && remote.sin_port == htons(live), "WSAConnectByList: the first address refuses, the second connects (%d)", WSAGetLastError());
    if (ok)
        drain(l);
    closesocket(s);

    list->iAddressCount = 1;
    s = socket(AF_INET, SOCK_STREAM, 0);
    ok = WSAConnectByList(s, list, NULL, NULL, NULL, NULL, NULL, NULL);
    check(ok == FALSE && WSAGetLastError() == WSAECONNREFUSED, "WSAConnectByList, one refusing address: WSAECONNREFUSED (%d)", WSAGetLastError());
    closesocket(s);
    list->iAddressCount = 0;
    s = socket(AF_INET, SOCK_STREAM, 0);
    ok = WSAConnectByList(s, list, NULL, NULL, NULL, NULL, NULL, NULL);
    check(ok == FALSE && WSAGetLastError() == WSAEHOSTUNREACH, "WSAConnectByList of no address: WSAEHOSTUNREACH (%d)", WSAGetLastError());
    ok = WSAConnectByList(s, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    check(ok == FALSE && WSAGetLastError() == WSAEINVAL, "WSAConnectByList(NULL list): WSAEINVAL");
    closesocket(s);
    closesocket(l);
}

static void errors(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
    OVERLAPPED ov;
    BOOL ok;

    memset(&ov, 0, sizeof ov);
    ok = WSAConnectByNameA(s, "localhost", "80", NULL, NULL, NULL, NULL, NULL, &ov);
    check(ok == FALSE && WSAGetLastError() == WSAEINVAL, "Reserved not NULL: WSAEINVAL");
    ok = WSAConnectByNameA(s, NULL, "80", NULL, NULL, NULL, NULL, NULL, NULL);
    check(ok == FALSE && WSAGetLastError() == WSAEINVAL, "no node name: WSAEINVAL");
    ok = WSAConnectByNameW(s, W("localhost"), NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    check(ok == FALSE && WSAGetLastError() == WSAEINVAL, "no service name: WSAEINVAL");
    ok = WSAConnectByNameA(s, "no.such.host.invalid", "80", NULL, NULL, NULL, NULL, NULL, NULL);
    check(ok == FALSE && WSAGetLastError() == WSAHOST_NOT_FOUND, "an unknown host: WSAHOST_NOT_FOUND (%d)", WSAGetLastError());
    ok = WSAConnectByNameA(u, "localhost", "80", NULL, NULL, NULL, NULL, NULL, NULL);
    check(ok == FALSE && WSAGetLastError() == WSAEINVAL, "a datagram socket: WSAEINVAL (%d)", WSAGetLastError());
    ok = WSAConnectByNameA((SOCKET)0x7fff0, "localhost", "80", NULL, NULL, NULL, NULL, NULL, NULL);
    check(ok == FALSE && WSAGetLastError() == WSAENOTSOCK, "not a socket: WSAENOTSOCK (%d)", WSAGetLastError());
    closesocket(s);
    closesocket(u);
}

int main(void)
{
    WSADATA data;
    BOOL ok = WSAConnectByNameA(0, "localhost", "80", NULL, NULL, NULL, NULL, NULL, NULL);

    check(ok == FALSE && WSAGetLastError() == WSANOTINITIALISED, "before WSAStartup: WSANOTINITIALISED");
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        printf("FAIL WSAStartup\n");
        return 1;
    }
    by_name();
    by_list();
    errors();
    WSACleanup();
    printf("%d failure(s)\n", failures);
    return failures != 0;
}
