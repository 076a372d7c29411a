/* WSAPoll with Windows values: argument errors, events that may not be requested, invalid and
 * negative entries, readable/writable/closed sockets, a listener with a pending connection and
 * a refused connect; hang-ups after the peer closes, a reset, and local shutdowns.
 * GOLDEN EDITED BY HAND, where wine 8.0 departs from the documentation: (1) wine accepts
 * POLLERR/POLLHUP/POLLNVAL/POLLPRI/POLLWRBAND in `events`; Windows fails the call with
 * WSAEINVAL (POLLPRI "is not supported by the Microsoft Winsock provider"; wine's own
 * conformance test records WSAEINVAL). (2) wine reports POLLNVAL for fd -1; the WSAPOLLFD
 * documentation says a negative fd is ignored (revents 0). (3) wine reports only POLLERR for a
 * refused connect; Windows reports POLLERR|POLLHUP (0x3). */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static void poll1(const char *what, SOCKET s, SHORT events, int ms)
{
    WSAPOLLFD p;
    int r;
    p.fd = s;
    p.events = events;
    p.revents = 0x7777;
    r = WSAPoll(&p, 1, ms);
    printf("%s: %d revents 0x%x%s\n", what, r, (unsigned)(USHORT)p.revents, r < 0 ? " (error)" : "");
    if (r < 0)
        printf("  error %d\n", WSAGetLastError());
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in a;
    SOCKET l, c, s, nb;
    WSAPOLLFD p[3];
    u_long one = 1;
    int r, len = sizeof a;
    char buf[8];

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    printf("POLLIN 0x%x POLLOUT 0x%x POLLRDNORM 0x%x POLLRDBAND 0x%x POLLWRNORM 0x%x POLLERR %d POLLHUP %d POLLNVAL %d\n",
           POLLIN, POLLOUT, POLLRDNORM, POLLRDBAND, POLLWRNORM, POLLERR, POLLHUP, POLLNVAL);
    r = WSAPoll(NULL, 0, 0);
    printf("WSAPoll(NULL, 0): %d error %d\n", r, WSAGetLastError());

    l = tcp_listener(&a);

    poll1("POLLERR requested", l, POLLERR, 0);
    poll1("POLLHUP requested", l, POLLHUP, 0);
    poll1("POLLNVAL requested", l, POLLNVAL, 0);
    poll1("POLLPRI requested", l, POLLPRI, 0);
    poll1("POLLWRBAND requested", l, POLLWRBAND, 0);

    poll1("listener, nothing pending", l, POLLIN, 0);
    c = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&a, sizeof a))
        harness("connect");
    poll1("listener, connection pending", l, POLLIN, 1000);
    s = accept(l, NULL, NULL);

    poll1("connected, POLLIN|POLLOUT", s, POLLIN | POLLOUT, 0);
    send(c, "data", 4, 0);
    poll1("connected with data, POLLIN", s, POLLIN, 1000);
    poll1("connected with data, POLLRDNORM|POLLWRNORM", s, POLLRDNORM | POLLWRNORM, 1000);
    recv(s, buf, sizeof buf, 0);

    /* An invalid socket gets POLLNVAL and is not counted; negative entries are ignored. */
    p[0].fd = (SOCKET)0x7777;
    p[0].events = POLLIN;
    p[0].revents = 0;
    p[1].fd = (SOCKET)-1;
    p[1].events = POLLIN;
    p[1].revents = 0x7777;
    p[2].fd = s;
    p[2].events = POLLOUT;
    p[2].revents = 0;
    r = WSAPoll(p, 3, 0);
    printf("invalid, negative, writable: %d revents 0x%x 0x%x 0x%x\n", r, (unsigned)(USHORT)p[0].revents,
           (unsigned)(USHORT)p[1].revents, (unsigned)(USHORT)p[2].revents);

    /* Peer closed. */
    closesocket(c);
    poll1("peer closed, POLLIN", s, POLLIN, 1000);
    closesocket(s);

    /* Shut-down and closed connections: a connection the peer closed is hung up once its data
     * is read and stays writable; shutting the receive side down here hangs nothing up. */
    tcp_pair(l, &a, &c, &s);
    shutdown(c, SD_SEND);
    Sleep(30);
    poll1("peer sent FIN, RDNORM|WRNORM", s, POLLRDNORM | POLLWRNORM, 0);
    closesocket(c);
    closesocket(s);
    tcp_pair(l, &a, &c, &s);
    send(c, "data", 4, 0);
    shutdown(c, SD_SEND);
    Sleep(30);
    poll1("data then FIN, RDNORM|WRNORM", s, POLLRDNORM | POLLWRNORM, 0);
    recv(s, buf, sizeof buf, 0);
    poll1("data read, FIN left, RDNORM|WRNORM", s, POLLRDNORM | POLLWRNORM, 0);
    closesocket(c);
    Sleep(30);
    send(s, "x", 1, 0);
    Sleep(30);
    poll1("reset by the peer, RDNORM|WRNORM", s, POLLRDNORM | POLLWRNORM, 0);
    closesocket(s);
    tcp_pair(l, &a, &c, &s);
    shutdown(s, SD_RECEIVE);
    poll1("own SD_RECEIVE, RDNORM|WRNORM", s, POLLRDNORM | POLLWRNORM, 0);
    send(c, "zz", 2, 0);
    Sleep(30);
    poll1("own SD_RECEIVE, data arrives", s, POLLRDNORM | POLLWRNORM, 0);
    shutdown(s, SD_SEND);
    poll1("own SD_BOTH", s, POLLRDNORM | POLLWRNORM, 0);
    closesocket(c);
    closesocket(s);

    /* A refused connect reports POLLERR and POLLHUP (the port held by a bound socket that does
     * not listen, so that the connecting socket cannot be given it and connect to itself). */
    closesocket(l);
    l = socket(AF_INET, SOCK_STREAM, 0);
    a.sin_port = 0;
    len = sizeof a;
    if (bind(l, (struct sockaddr *)&a, sizeof a) || getsockname(l, (struct sockaddr *)&a, &len))
        harness("bind");
    nb = socket(AF_INET, SOCK_STREAM, 0);
    ioctlsocket(nb, FIONBIO, &one);
    connect(nb, (struct sockaddr *)&a, sizeof a);
    poll1("refused connect, POLLOUT", nb, POLLOUT, 5000);
    closesocket(nb);
    closesocket(l);

    WSACleanup();
    return 0;
}
