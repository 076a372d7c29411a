/* WSAAsyncGetHostByName & co. and WSACancelAsyncRequest. ws2 has no window system to post the
 * answer to, so after the documented argument checks each request fails with WSAEWOULDBLOCK
 * ("cannot be scheduled at this time due to ... constraints within the Windows Sockets
 * implementation") and a NULL task handle; cancelling any handle is WSAEINVAL.
 * No golden: Wine has a window system and runs the requests. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

int main(void)
{
    WSADATA data;
    char buf[MAXGETHOSTSTRUCT];
    HANDLE h;
    int e;

    h = WSAAsyncGetHostByName(NULL, 0x400, "localhost", buf, sizeof buf);
    check(h == NULL && WSAGetLastError() == WSANOTINITIALISED, "before WSAStartup: WSANOTINITIALISED");
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        printf("FAIL WSAStartup\n");
        return 1;
    }
    h = WSAAsyncGetHostByName(NULL, 0x400, "localhost", buf, sizeof buf);
    e = WSAGetLastError();
    check(h == NULL && e == WSAEWOULDBLOCK, "WSAAsyncGetHostByName: NULL, WSAEWOULDBLOCK (%d)", e);
    h = WSAAsyncGetHostByAddr(NULL, 0x400, "\x7f\0\0\x01", 4, AF_INET, buf, sizeof buf);
    check(h == NULL && WSAGetLastError() == WSAEWOULDBLOCK, "WSAAsyncGetHostByAddr: WSAEWOULDBLOCK");
    h = WSAAsyncGetServByName(NULL, 0x400, "http", "tcp", buf, sizeof buf);
    check(h == NULL && WSAGetLastError() == WSAEWOULDBLOCK, "WSAAsyncGetServByName: WSAEWOULDBLOCK");
    h = WSAAsyncGetServByPort(NULL, 0x400, htons(80), "tcp", buf, sizeof buf);
    check(h == NULL && WSAGetLastError() == WSAEWOULDBLOCK, "WSAAsyncGetServByPort: WSAEWOULDBLOCK");
    h = WSAAsyncGetProtoByName(NULL, 0x400, "tcp", buf, sizeof buf);
    check(h == NULL && WSAGetLastError() == WSAEWOULDBLOCK, "WSAAsyncGetProtoByName: WSAEWOULDBLOCK");
    h = WSAAsyncGetProtoByNumber(NULL, 0x400, 6, buf, sizeof buf);
    check(h == NULL && WSAGetLastError() == WSAEWOULDBLOCK, "WSAAsyncGetProtoByNumber: WSAEWOULDBLOCK");
    h = WSAAsyncGetHostByName(NULL, 0x400, NULL, buf, sizeof buf);
    check(h == NULL && WSAGetLastError() == WSAEFAULT, "no name: WSAEFAULT");
    h = WSAAsyncGetHostByName(NULL, 0x400, "localhost", buf, 8);
    check(h == NULL && WSAGetLastError() == WSAENOBUFS, "an 8-byte buffer: WSAENOBUFS");
    check(WSACancelAsyncRequest((HANDLE)1) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "WSACancelAsyncRequest: WSAEINVAL");
    WSACleanup();
    printf("%d failure(s)\n", failures);
    return failures != 0;
}
