/* WSAStartup version negotiation, WSAStartup/WSACleanup reference counting, and the state of
 * sockets around them.
 * GOLDEN EDITED BY HAND: after the last WSACleanup wine 8.0 fails getsockopt with WSAENOTSOCK
 * (10038); the getsockopt documentation (learn.microsoft.com) gives WSANOTINITIALISED (10093)
 * for any call before a successful WSAStartup, as wine's own closesocket does, so the golden
 * says "socket after last cleanup: -1 10093". */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

static void try_version(int major, int minor)
{
    WSADATA d;
    int r;
    memset(&d, 0xcc, sizeof d);
    r = WSAStartup(MAKEWORD(major, minor), &d);
    printf("startup %d.%d: %d version %d.%d high %d.%d\n", major, minor, r,
           LOBYTE(d.wVersion), HIBYTE(d.wVersion), LOBYTE(d.wHighVersion), HIBYTE(d.wHighVersion));
    if (r == 0 && WSACleanup() != 0) {
        fprintf(stderr, "harness: WSACleanup after %d.%d failed: %d\n", major, minor, WSAGetLastError());
        exit(2);
    }
}

int main(void)
{
    WSADATA d;
    SOCKET s;
    int r, type, len;

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    printf("socket before startup: %s %d\n", s == INVALID_SOCKET ? "INVALID_SOCKET" : "valid", WSAGetLastError());
    r = WSACleanup();
    printf("cleanup before startup: %d %d\n", r, WSAGetLastError());

    try_version(0, 0);
    try_version(0, 1);
    try_version(1, 0);
    try_version(1, 1);
    try_version(1, 5);
    try_version(2, 0);
    try_version(2, 1);
    try_version(2, 2);
    try_version(2, 5);
    try_version(3, 0);
    try_version(255, 0);

    r = WSAStartup(MAKEWORD(2, 2), NULL);
    printf("startup NULL data: %d\n", r);
    if (r == 0)
        WSACleanup();

    /* After a failed negotiation nothing is initialised. */
    r = WSAStartup(MAKEWORD(0, 0), &d);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    printf("socket after failed startup: %s %d\n", s == INVALID_SOCKET ? "INVALID_SOCKET" : "valid", WSAGetLastError());
    if (s != INVALID_SOCKET)
        closesocket(s);

    memset(&d, 0, sizeof d);
    r = WSAStartup(MAKEWORD(2, 2), &d);
    if (r != 0) {
        fprintf(stderr, "harness: WSAStartup 2.2 failed: %d\n", r);
        return 2;
    }
    printf("description: \"%s\"\n", d.szDescription);
    printf("system status: \"%s\"\n", d.szSystemStatus);

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET) {
        fprintf(stderr, "harness: socket failed: %d\n", WSAGetLastError());
        return 2;
    }

    /* Startup is reference counted: a second startup and one cleanup keep the socket. */
    r = WSAStartup(MAKEWORD(2, 2), &d);
    printf("second startup: %d\n", r);
    r = WSACleanup();
    printf("first cleanup: %d\n", r);
    len = sizeof type;
    type = -1;
    r = getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len);
    printf("socket after first cleanup: %d %d type %d\n", r, r ? WSAGetLastError() : 0, type);

    /* The last cleanup: calls fail as not initialised, and the socket is closed. */
    r = WSACleanup();
    printf("last cleanup: %d\n", r);
    len = sizeof type;
    r = getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len);
    printf("socket after last cleanup: %d %d\n", r, r ? WSAGetLastError() : 0);
    r = closesocket(s);
    printf("closesocket after last cleanup: %d %d\n", r, r ? WSAGetLastError() : 0);

    r = WSACleanup();
    printf("extra cleanup: %d %d\n", r, WSAGetLastError());

    /* Started again: the socket from before the cleanup no longer exists. */
    r = WSAStartup(MAKEWORD(2, 2), &d);
    if (r != 0) {
        fprintf(stderr, "harness: WSAStartup 2.2 (again) failed: %d\n", r);
        return 2;
    }
    len = sizeof type;
    r = getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len);
    printf("old socket after restart: %d %d\n", r, r ? WSAGetLastError() : 0);
    r = WSACleanup();
    printf("final cleanup: %d\n", r);
    return 0;
}
