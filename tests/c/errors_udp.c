/* UDP: datagrams larger than the receive buffer, the largest datagram, receiving on an unbound
 * socket, peeking, and a short address buffer.
 * GOLDEN EDITED BY HAND: wine 8.0 blocks forever in recvfrom/recv on an unbound UDP socket and
 * accepts a 4-byte fromlen; the recvfrom and recv documentation (learn.microsoft.com) give
 * WSAEINVAL (10022) for a socket not bound with bind and WSAEFAULT (10014) for a fromlen too
 * small for the source address, so the golden has "-1 10022" twice and "-1 10014". Wine
 * (run on the same calls apart) ignores the ICMP port unreachable a connected datagram socket
 * drew; the recv documentation gives WSAECONNRESET (10054) for it. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#ifndef SIO_UDP_CONNRESET /* older mingw-w64 headers */
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

/* A UDP socket bound to 127.0.0.1 at a port the system picks; *a receives its address. */
static SOCKET bound_udp(struct sockaddr_in *a)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int len = sizeof *a;
    if (s == INVALID_SOCKET)
        harness("socket");
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)a, sizeof *a))
        harness("bind");
    if (getsockname(s, (struct sockaddr *)a, &len))
        harness("getsockname");
    return s;
}

static void send_to(SOCKET s, const char *data, int len, const struct sockaddr_in *to)
{
    if (sendto(s, data, len, 0, (const struct sockaddr *)to, sizeof *to) != len)
        harness("sendto");
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in aa, ab, from;
    SOCKET a, b, u;
    char buf[100], *big;
    int r, fromlen;
    WSABUF wb;
    DWORD got, flags;

    if (WSAStartup(MAKEWORD(2, 2), &d)) {
        fprintf(stderr, "harness: WSAStartup failed\n");
        return 2;
    }
    a = bound_udp(&aa);
    b = bound_udp(&ab);

    /* A 10-byte datagram into a 4-byte buffer: the first 4 bytes, WSAEMSGSIZE, the rest lost. */
    send_to(a, "0123456789", 10, &ab);
    send_to(a, "second", 6, &ab);
    memset(buf, 0, sizeof buf);
    fromlen = sizeof from;
    r = recvfrom(b, buf, 4, 0, (struct sockaddr *)&from, &fromlen);
    printf("recvfrom 4 of 10: %d %d \"%s\"\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0, buf);
    memset(buf, 0, sizeof buf);
    fromlen = sizeof from;
    r = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
    printf("recvfrom next: %d \"%s\" from port %s\n", r, r > 0 ? buf : "",
           from.sin_port == aa.sin_port ? "of the sender" : "other");

    /* The largest UDP payload over IPv4 is 65507 bytes. */
    big = calloc(1, 65508);
    r = sendto(a, big, 65508, 0, (struct sockaddr *)&ab, sizeof ab);
    printf("sendto 65508: %d %d\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0);
    r = sendto(a, big, 65507, 0, (struct sockaddr *)&ab, sizeof ab);
    printf("sendto 65507: %d %d\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0);
    free(big);
    closesocket(b);
    b = bound_udp(&ab);

    /* recvfrom on a socket that was never bound fails at once. */
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    fromlen = sizeof from;
    r = recvfrom(u, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
    printf("recvfrom unbound: %d %d\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0);
    r = recv(u, buf, sizeof buf, 0);
    printf("recv unbound: %d %d\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0);
    closesocket(u);

    /* WSARecvFrom with MSG_PEEK leaves the datagram queued. */
    send_to(a, "peek!", 5, &ab);
    memset(buf, 0, sizeof buf);
    wb.buf = buf;
    wb.len = sizeof buf;
    flags = MSG_PEEK;
    got = 0;
    fromlen = sizeof from;
    r = WSARecvFrom(b, &wb, 1, &got, &flags, (struct sockaddr *)&from, &fromlen, NULL, NULL);
    printf("WSARecvFrom MSG_PEEK: %d %d got %lu \"%s\"\n", r, r ? WSAGetLastError() : 0, (unsigned long)got, buf);
    memset(buf, 0, sizeof buf);
    flags = 0;
    got = 0;
    fromlen = sizeof from;
    r = WSARecvFrom(b, &wb, 1, &got, &flags, (struct sockaddr *)&from, &fromlen, NULL, NULL);
    printf("WSARecvFrom: %d %d got %lu \"%s\" flags %lu fromlen %s\n", r, r ? WSAGetLastError() : 0,
           (unsigned long)got, buf, (unsigned long)flags, fromlen == (int)sizeof from ? "sizeof" : "other");

    /* An address buffer too short for a sockaddr_in (a datagram is waiting). */
    send_to(a, "short", 5, &ab);
    fromlen = 4;
    r = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
    printf("recvfrom fromlen 4: %d %d\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0);

    /* A connected socket whose datagram drew an ICMP port unreachable: the next receive fails
     * with WSAECONNRESET ("a previous send operation resulted in an ICMP Port Unreachable
     * message"). The port is one a socket just released. */
    {
        SOCKET gone = bound_udp(&ab), c = socket(AF_INET, SOCK_DGRAM, 0);
        DWORD timeout = 2000;
        closesocket(gone);
        setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof timeout);
        connect(c, (struct sockaddr *)&ab, sizeof ab);
        r = send(c, "anyone?", 7, 0);
        printf("send to a closed port: %d\n", r);
        Sleep(50);
        r = recv(c, buf, sizeof buf, 0);
        printf("recv after port unreachable: %d %d\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0);
        /* SIO_UDP_CONNRESET off: the next one goes unreported (the receive just times out). */
        {
            BOOL report = FALSE;
            DWORD n;
            timeout = 300;
            setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof timeout);
            r = WSAIoctl(c, SIO_UDP_CONNRESET, &report, sizeof report, NULL, 0, &n, NULL, NULL);
            printf("SIO_UDP_CONNRESET FALSE: %d %d\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0);
            send(c, "anyone?", 7, 0);
            Sleep(50);
            r = recv(c, buf, sizeof buf, 0);
            printf("recv after port unreachable, not reported: %d %d\n", r, r == SOCKET_ERROR ? WSAGetLastError() : 0);
        }
        closesocket(c);
    }

    closesocket(a);
    closesocket(b);
    WSACleanup();
    return 0;
}
