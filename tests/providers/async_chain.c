/* select, WSAPoll and WSAEventSelect on sockets made through whatever chain the catalog puts
   first for TCP/IPv4 (run by the provider tests with IFS and non-IFS layers): a listening
   socket, the accepted socket and the client socket are all the top layer's handles. Data
   sent one way must arrive intact (both ends go through the same layers). CancelIoEx reaches
   the base provider through the layers (data-changing layers refuse overlapped receives).
   Prints ok/FAIL. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, what) do { if (cond) printf("ok   %s\n", what); else { printf("FAIL %s (error %d)\n", what, WSAGetLastError()); failures++; } } while (0)

int main(void)
{
    WSADATA wsa;
    SOCKET ls, c, a;
    struct sockaddr_in addr;
    int len = sizeof(addr), n;
    char buf[64];
    fd_set r;
    struct timeval tv = { 5, 0 };
    WSAPOLLFD pfd;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;

    if (WSAStartup(MAKEWORD(2, 2), &wsa)) return 1;
    ls = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(ls != INVALID_SOCKET && bind(ls, (struct sockaddr *)&addr, sizeof(addr)) == 0 && listen(ls, 4) == 0, "listen through the chain");
    getsockname(ls, (struct sockaddr *)&addr, &len);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(c != INVALID_SOCKET && connect(c, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect through the chain");

    FD_ZERO(&r);
    FD_SET(ls, &r);
    CHECK(select(0, &r, NULL, NULL, &tv) == 1 && FD_ISSET(ls, &r), "select: the listening socket is readable");
    a = accept(ls, NULL, NULL);
    CHECK(a != INVALID_SOCKET, "accept");

    FD_ZERO(&r);
    FD_SET(a, &r);
    tv.tv_sec = 0; tv.tv_usec = 50000;
    CHECK(select(0, &r, NULL, NULL, &tv) == 0 && !FD_ISSET(a, &r), "select: nothing to read yet");

    ev = WSACreateEvent();
    CHECK(WSAEventSelect(a, ev, FD_READ | FD_CLOSE) == 0, "WSAEventSelect on the accepted socket");
    CHECK(send(c, "abc", 3, 0) == 3, "send");
    CHECK(WSAWaitForMultipleEvents(1, &ev, FALSE, 5000, FALSE) == WSA_WAIT_EVENT_0, "the event is signalled");
    CHECK(WSAEnumNetworkEvents(a, ev, &ne) == 0 && (ne.lNetworkEvents & FD_READ) && ne.iErrorCode[FD_READ_BIT] == 0, "WSAEnumNetworkEvents reports FD_READ");
    CHECK(WSAEventSelect(a, NULL, 0) == 0, "cancel the event selection");

    pfd.fd = a;
    pfd.events = POLLRDNORM;
    pfd.revents = 0;
    CHECK(WSAPoll(&pfd, 1, 5000) == 1 && (pfd.revents & POLLRDNORM), "WSAPoll: the accepted socket is readable");
    FD_ZERO(&r);
    FD_SET(a, &r);
    tv.tv_sec = 5; tv.tv_usec = 0;
    CHECK(select(0, &r, NULL, NULL, &tv) == 1 && FD_ISSET(a, &r), "select: now readable");
    {
        u_long mode = 0;
        ioctlsocket(a, FIONBIO, &mode);
    }
    n = recv(a, buf, sizeof(buf), 0);
    CHECK(n == 3 && memcmp(buf, "abc", 3) == 0, "the bytes arrive intact");

    SetLastError(0);
    CHECK(!CancelIoEx((HANDLE)a, NULL) && GetLastError() == ERROR_NOT_FOUND, "CancelIoEx with nothing pending: ERROR_NOT_FOUND");
    {
        WSAOVERLAPPED ov;
        WSABUF b = { sizeof(buf), buf };
        DWORD got, flags = 0;
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = WSACreateEvent();
        if (WSARecv(a, &b, 1, &got, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP) {
            printf("ok   overlapped receive refused by a data-changing layer\n");
        } else {
            CHECK(WSAGetLastError() == WSA_IO_PENDING, "overlapped receive pending");
            CHECK(CancelIoEx((HANDLE)a, &ov), "CancelIoEx through the chain");
            CHECK(!WSAGetOverlappedResult(a, &ov, &got, TRUE, &flags) && WSAGetLastError() == WSA_OPERATION_ABORTED,
                  "the cancelled receive reports WSA_OPERATION_ABORTED");
        }
        WSACloseEvent(ov.hEvent);
    }

    pfd.fd = c;
    pfd.events = POLLWRNORM;
    CHECK(WSAPoll(&pfd, 1, 5000) == 1 && (pfd.revents & POLLWRNORM), "WSAPoll: the client socket is writable");
    closesocket(c);
    pfd.fd = a;
    pfd.events = POLLRDNORM;
    CHECK(WSAPoll(&pfd, 1, 5000) == 1 && (pfd.revents & (POLLHUP | POLLRDNORM)), "WSAPoll sees the peer close");
    closesocket(a);
    closesocket(ls);
    WSACloseEvent(ev);
    WSACleanup();
    return failures != 0;
}
