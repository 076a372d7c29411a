/* WSACleanup closes every socket, also one whose closesocket failed with WSAEWOULDBLOCK (a
 * non-blocking socket lingering with a timeout while data is unsent): its descriptor is gone
 * afterwards. Self-checking; Linux only (looks at the descriptor with fcntl). */
#include <winsock2.h>
#include <windows.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include "check.h"

int main(void)
{
    WSADATA d;
    struct sockaddr_in a;
    static char big[1 << 16];
    struct linger five = { 1, 5 };
    u_long nb = 1;
    int small = 4096, i, r;
    SOCKET l, c, s;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    l = tcp_listener(&a);
    tcp_pair(l, &a, &c, &s);
    setsockopt(c, SOL_SOCKET, SO_RCVBUF, (char *)&small, sizeof small);
    setsockopt(s, SOL_SOCKET, SO_SNDBUF, (char *)&small, sizeof small);
    ioctlsocket(s, FIONBIO, &nb);
    for (i = 0; i < 1000 && send(s, big, sizeof big, 0) != SOCKET_ERROR; i++)
        ;
    setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&five, sizeof five);
    r = closesocket(s);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "closesocket lingering with data unsent: %d %d", r,
          r ? WSAGetLastError() : 0);
    check(fcntl((int)s, F_GETFD) != -1, "the socket stays open");
    WSACleanup();
    errno = 0;
    r = fcntl((int)s, F_GETFD);
    check(r == -1 && errno == EBADF, "WSACleanup closed it (fcntl %d, errno %d)", r, errno);
    return failures != 0;
}
