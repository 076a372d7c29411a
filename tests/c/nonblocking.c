/* Non-blocking mode (FIONBIO): WSAEWOULDBLOCK from recv, send (once the buffers are full),
 * accept and connect; connect on a connected socket gives WSAEISCONN, blocking or not. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

int main(void)
{
    WSADATA d;
    struct sockaddr_in a;
    SOCKET l, c, s;
    u_long one = 1, zero = 0;
    static char big[65536];
    char buf[16];
    int r, i, sent = 0, err = 0;
    fd_set w;
    struct timeval tv = { 5, 0 };

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    l = tcp_listener(&a);

    printf("FIONBIO on listener: %d\n", ioctlsocket(l, FIONBIO, &one));
    r = (int)accept(l, NULL, NULL);
    printf("accept with nothing pending: %d error %d\n", r, WSAGetLastError());

    c = socket(AF_INET, SOCK_STREAM, 0);
    printf("FIONBIO on client: %d\n", ioctlsocket(c, FIONBIO, &one));
    r = connect(c, (struct sockaddr *)&a, sizeof a);
    printf("non-blocking connect: %d error %d\n", r, WSAGetLastError());
    FD_ZERO(&w);
    FD_SET(c, &w);
    r = select(0, NULL, &w, NULL, &tv);
    printf("connect completes: select %d writable %d\n", r, FD_ISSET(c, &w) != 0);
    r = connect(c, (struct sockaddr *)&a, sizeof a);
    printf("connect again once connected: %d error %d\n", r, WSAGetLastError());

    s = accept(l, NULL, NULL);
    printf("accept with a connection pending: %s\n", s == INVALID_SOCKET ? "failed" : "ok");
    r = recv(c, buf, sizeof buf, 0);
    printf("recv with no data: %d error %d\n", r, WSAGetLastError());

    for (i = 0; i < 1000; i++) {
        r = send(c, big, sizeof big, 0);
        if (r < 0) {
            err = WSAGetLastError();
            break;
        }
        sent += r;
    }
    printf("send until full: stopped with error %d after more than 64 KiB: %d\n", err, sent > 65536);

    printf("FIONBIO off: %d\n", ioctlsocket(s, FIONBIO, &zero));
    r = connect(s, (struct sockaddr *)&a, sizeof a);
    printf("blocking connect on an accepted socket: %d error %d\n", r, WSAGetLastError());

    closesocket(c);
    closesocket(s);
    closesocket(l);
    WSACleanup();
    return 0;
}
