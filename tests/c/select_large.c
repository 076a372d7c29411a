/* select with FD_SETSIZE raised past 64: the Windows fd_set is a count and an array, so a
 * program may size it itself; 100 connected sockets, every second one with data waiting. */
#define FD_SETSIZE 256
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

#define PAIRS 100

int main(void)
{
    WSADATA d;
    struct sockaddr_in a;
    SOCKET l, c[PAIRS], s[PAIRS];
    fd_set r, w;
    struct timeval tv = { 2, 0 };
    int i, n, len = sizeof a, readable = 0, order_kept = 1;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    printf("FD_SETSIZE %d, sizeof(fd_set) %d\n", FD_SETSIZE, (int)sizeof(fd_set));
    l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, SOMAXCONN) || getsockname(l, (struct sockaddr *)&a, &len))
        harness("listener");
    for (i = 0; i < PAIRS; i++) {
        c[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(c[i], (struct sockaddr *)&a, sizeof a))
            harness("connect");
        s[i] = accept(l, NULL, NULL);
        if (s[i] == INVALID_SOCKET)
            harness("accept");
        if (i % 2 == 0)
            send(c[i], "x", 1, 0);
    }
    Sleep(100);
    memset(&r, 0, sizeof r);
    memset(&w, 0, sizeof w);
    for (i = 0; i < PAIRS; i++) {
        FD_SET(s[i], &r);
        FD_SET(s[i], &w);
    }
    printf("sets hold %u and %u sockets\n", r.fd_count, w.fd_count);
    n = select(0, &r, &w, NULL, &tv);
    for (i = 0; i < PAIRS; i++)
        readable += FD_ISSET(s[i], &r) != 0;
    for (i = 0; i < (int)r.fd_count; i++)
        if (r.fd_array[i] != s[2 * i])
            order_kept = 0;
    printf("select %d: %u readable (%d by FD_ISSET), %u writable, order kept %d\n", n, r.fd_count, readable, w.fd_count, order_kept);
    for (i = 0; i < PAIRS; i++) {
        closesocket(c[i]);
        closesocket(s[i]);
    }
    closesocket(l);
    WSACleanup();
    return 0;
}
