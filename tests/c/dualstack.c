/* IPPROTO_IP options on IPv6 sockets. A dual-stack socket (IPV6_V6ONLY off) applies them to its
 * IPv4 traffic: with IP_PKTINFO, WSARecvMsg returns an IN_PKTINFO for a datagram that came over
 * IPv4 (from an IPv4-mapped address) and none for one that came over IPv6, which IPV6_PKTINFO
 * covers; WSASendMsg to an IPv4-mapped destination takes an IN_PKTINFO choosing the IPv4 source
 * ("Dual-Stack Sockets", IP_PKTINFO). A v6-only socket has no IPv4 traffic: WSAEINVAL, the
 * answer those pages give for a dual-stack socket whose IPv4 side is missing.
 * GOLDEN EDITED BY HAND, where wine 8.0 departs from the documentation: (1) wine accepts
 * IPPROTO_IP options on a v6-only socket; (2) wine ignores WSASendMsg's control data (the
 * datagram comes from 127.0.0.1, not the 127.0.0.2 its IN_PKTINFO asks for). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static void get_int(const char *what, SOCKET s, int level, int name)
{
    DWORD v = 12345;
    int len = sizeof v, r = getsockopt(s, level, name, (char *)&v, &len);
    printf("%s: %d %d, value %lu\n", what, r, r == SOCKET_ERROR ? WSAGetLastError() : 0, (unsigned long)v);
}

static SOCKET udp6(int v6only, struct sockaddr_in6 *a)
{
    int len = sizeof *a;
    DWORD only = v6only;
    SOCKET s = socket(AF_INET6, SOCK_DGRAM, 0);
    if (s == INVALID_SOCKET || setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&only, sizeof only))
        harness("udp6");
    memset(a, 0, sizeof *a);
    a->sin6_family = AF_INET6;
    if (bind(s, (struct sockaddr *)a, sizeof *a) || getsockname(s, (struct sockaddr *)a, &len))
        harness("bind udp6");
    return s;
}

/* Receives one datagram on `s` and prints it with its sender and control data. */
static void receive(LPFN_WSARECVMSG recvmsg, SOCKET s)
{
    char data[32], control[128], text[64];
    struct sockaddr_in6 from;
    WSABUF buf = { sizeof data - 1, data };
    WSAMSG m;
    WSACMSGHDR *c;
    DWORD n = 0;
    int r;
    memset(data, 0, sizeof data);
    memset(&from, 0, sizeof from);
    memset(&m, 0, sizeof m);
    m.name = (struct sockaddr *)&from;
    m.namelen = sizeof from;
    m.lpBuffers = &buf;
    m.dwBufferCount = 1;
    m.Control.buf = control;
    m.Control.len = sizeof control;
    r = recvmsg(s, &m, &n, NULL, NULL);
    inet_ntop(AF_INET6, &from.sin6_addr, text, sizeof text);
    printf("WSARecvMsg: %d %d, %lu bytes \"%s\" from %s, family %d\n", r, r ? WSAGetLastError() : 0, (unsigned long)n, data, text,
           from.sin6_family);
    printf("  Control.len %lu\n", (unsigned long)m.Control.len);
    for (c = WSA_CMSG_FIRSTHDR(&m); c != NULL; c = WSA_CMSG_NXTHDR(&m, c)) {
        printf("  cmsg len %lu level %d type %d", (unsigned long)c->cmsg_len, c->cmsg_level, c->cmsg_type);
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            IN_PKTINFO *p = (IN_PKTINFO *)WSA_CMSG_DATA(c);
            inet_ntop(AF_INET, &p->ipi_addr, text, sizeof text);
            printf(": to %s, interface %s", text, p->ipi_ifindex > 0 ? "given" : "0");
        }
        printf("\n");
    }
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in6 ra, ua, xa, to6;
    struct sockaddr_in a4, from4;
    SOCKET x, r, u, s4, s6;
    GUID g_recv = WSAID_WSARECVMSG;
    LPFN_WSARECVMSG recvmsg = NULL;
    DWORD one = 1, ttl = 33, n;
    char sctl[WSA_CMSG_SPACE(sizeof(IN_PKTINFO))], buf[32];
    WSACMSGHDR *c;
    IN_PKTINFO *pi;
    WSABUF sbuf;
    WSAMSG sm;
    int len, rc;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");

    /* v6-only: no IPv4 side for IPPROTO_IP options to apply to. */
    x = udp6(1, &xa);
    show("v6-only: IP_PKTINFO on", setsockopt(x, IPPROTO_IP, IP_PKTINFO, (char *)&one, sizeof one));
    show("v6-only: IP_TTL 33", setsockopt(x, IPPROTO_IP, IP_TTL, (char *)&ttl, sizeof ttl));
    get_int("v6-only: IP_TTL", x, IPPROTO_IP, IP_TTL);
    closesocket(x);

    /* Dual-stack: the options apply to IPv4 traffic. */
    r = udp6(0, &ra);
    get_int("dual-stack: IP_PKTINFO default", r, IPPROTO_IP, IP_PKTINFO);
    show("dual-stack: IP_PKTINFO on", setsockopt(r, IPPROTO_IP, IP_PKTINFO, (char *)&one, sizeof one));
    get_int("dual-stack: IP_PKTINFO", r, IPPROTO_IP, IP_PKTINFO);
    show("dual-stack: IP_TTL 33", setsockopt(r, IPPROTO_IP, IP_TTL, (char *)&ttl, sizeof ttl));
    get_int("dual-stack: IP_TTL", r, IPPROTO_IP, IP_TTL);
    if (WSAIoctl(r, SIO_GET_EXTENSION_FUNCTION_POINTER, &g_recv, sizeof g_recv, &recvmsg, sizeof recvmsg, &n, NULL, NULL) || !recvmsg)
        harness("WSARecvMsg pointer");

    /* Over IPv4: from an IPv4-mapped address, with IN_PKTINFO. */
    s4 = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&a4, 0, sizeof a4);
    a4.sin_family = AF_INET;
    a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof a4;
    if (bind(s4, (struct sockaddr *)&a4, sizeof a4) || getsockname(s4, (struct sockaddr *)&a4, &len))
        harness("bind udp4");
    memset(&from4, 0, sizeof from4);
    from4.sin_family = AF_INET;
    from4.sin_port = ra.sin6_port;
    from4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (sendto(s4, "four", 4, 0, (struct sockaddr *)&from4, sizeof from4) != 4)
        harness("sendto over IPv4");
    receive(recvmsg, r);

    /* Over IPv6: IP_PKTINFO says nothing about it. */
    s6 = socket(AF_INET6, SOCK_DGRAM, 0);
    to6 = ra;
    to6.sin6_addr = in6addr_loopback;
    if (sendto(s6, "six", 3, 0, (struct sockaddr *)&to6, sizeof to6) != 3)
        harness("sendto over IPv6");
    receive(recvmsg, r);

    /* WSASendMsg to an IPv4-mapped destination: IN_PKTINFO chooses the IPv4 source. */
    u = udp6(0, &ua);
    memset(&to6, 0, sizeof to6);
    to6.sin6_family = AF_INET6;
    to6.sin6_port = a4.sin_port;
    to6.sin6_addr.s6_addr[10] = 0xff;
    to6.sin6_addr.s6_addr[11] = 0xff;
    memcpy(&to6.sin6_addr.s6_addr[12], &a4.sin_addr, 4);
    memset(sctl, 0, sizeof sctl);
    c = (WSACMSGHDR *)sctl;
    c->cmsg_len = WSA_CMSG_LEN(sizeof(IN_PKTINFO));
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    pi = (IN_PKTINFO *)WSA_CMSG_DATA(c);
    pi->ipi_addr.s_addr = inet_addr("127.0.0.2");
    sbuf.buf = "source";
    sbuf.len = 6;
    memset(&sm, 0, sizeof sm);
    sm.name = (struct sockaddr *)&to6;
    sm.namelen = sizeof to6;
    sm.lpBuffers = &sbuf;
    sm.dwBufferCount = 1;
    sm.Control.buf = sctl;
    sm.Control.len = sizeof sctl;
    n = 0;
    rc = WSASendMsg(u, &sm, 0, &n, NULL, NULL);
    printf("WSASendMsg with IN_PKTINFO to an IPv4-mapped address: %d %d, %lu bytes\n", rc, rc ? WSAGetLastError() : 0, (unsigned long)n);
    memset(buf, 0, sizeof buf);
    len = sizeof from4;
    rc = recvfrom(s4, buf, sizeof buf - 1, 0, (struct sockaddr *)&from4, &len);
    printf("received: %d \"%s\" from %s\n", rc, buf, inet_ntoa(from4.sin_addr));

    closesocket(u);
    closesocket(s6);
    closesocket(s4);
    closesocket(r);
    WSACleanup();
    return 0;
}
