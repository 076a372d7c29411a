/* A second connect while the first is still in progress fails with WSAEALREADY. (Linux-only:
 * the connect is held in progress by a listener whose backlog is full, which Linux answers by
 * dropping SYNs and Windows by refusing; prints ok/FAIL, no golden.) */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    WSADATA d;
    struct sockaddr_in a;
    SOCKET l, c[16];
    u_long one = 1;
    int i, r, len = sizeof a, fails = 0, seen = 0;

    WSAStartup(MAKEWORD(2, 2), &d);
    l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 0) || getsockname(l, (struct sockaddr *)&a, &len))
        return 2;
    for (i = 0; i < 16 && !seen; i++) {
        fd_set w;
        struct timeval tv = { 0, 200000 };
        c[i] = socket(AF_INET, SOCK_STREAM, 0);
        ioctlsocket(c[i], FIONBIO, &one);
        r = connect(c[i], (struct sockaddr *)&a, sizeof a);
        if (r != SOCKET_ERROR || WSAGetLastError() != WSAEWOULDBLOCK) {
            printf("FAIL: connect %d: %d error %d\n", i, r, WSAGetLastError());
            fails++;
            continue;
        }
        FD_ZERO(&w);
        FD_SET(c[i], &w);
        if (select(0, NULL, &w, NULL, &tv) == 0) {
            /* Still in progress. */
            r = connect(c[i], (struct sockaddr *)&a, sizeof a);
            if (r == SOCKET_ERROR && WSAGetLastError() == WSAEALREADY)
                printf("ok: second connect in progress gives WSAEALREADY\n");
            else {
                printf("FAIL: second connect: %d error %d\n", r, WSAGetLastError());
                fails++;
            }
            seen = 1;
        }
    }
    if (!seen) {
        printf("FAIL: no connect stayed in progress\n");
        fails++;
    }
    while (i--)
        closesocket(c[i]);
    closesocket(l);
    WSACleanup();
    return fails != 0;
}
