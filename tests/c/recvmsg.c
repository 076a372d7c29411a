/* WSARecvMsg (through WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)) and WSASendMsg (exported,
 * and through its GUID): datagram sockets only; IP_PKTINFO / IPV6_PKTINFO control data in the
 * Windows WSACMSGHDR layout; MSG_TRUNC and MSG_CTRUNC (with WSAEMSGSIZE) in dwFlags; MSG_PEEK
 * on input; the argument checks; overlapped with an event, a completion routine and a
 * completion port; WSASendMsg with a destination and with IP_PKTINFO choosing the source.
 * GOLDEN EDITED BY HAND, where wine 8.0 departs from the documentation: (1) wine serves both
 * functions on a stream socket; the documentation says they can only be used with datagram and
 * raw sockets, without naming the error: we answer WSAEINVAL (an invalid argument);
 * (2) wine leaves dwFlags 0 on a truncated datagram; the WSAMSG documentation says MSG_TRUNC
 * reports it; (3) wine accepts MSG_OOB in dwFlags on a datagram socket; the WSAMSG
 * documentation allows only MSG_PEEK on input (WSAEOPNOTSUPP, as WSARecv answers MSG_OOB on
 * a datagram socket); (4) wine does not check a NULL Control.buf with a nonzero Control.len,
 * a NULL name with a nonzero namelen, or a namelen too short for the address (WSAEFAULT in
 * the WSARecvMsg documentation), and answers WSAEWOULDBLOCK; (5) wine blocks in WSARecvMsg
 * on an unbound socket and answers WSAEWOULDBLOCK when it is non-blocking; the documentation
 * gives WSAEINVAL (the socket has not been bound); (6) wine ignores WSASendMsg's control data;
 * the IN_PKTINFO documentation has ipi_addr set the source address of the datagram sent;
 * (7) wine answers WSAEINVAL to IP_PKTINFO, IPV6_PKTINFO and IPV6_HOPLIMIT on a stream
 * socket; their documentation gives WSAENOPROTOOPT for a socket not SOCK_DGRAM or SOCK_RAW. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static LPFN_WSARECVMSG pWSARecvMsg;
static LPFN_WSASENDMSG pWSASendMsg;

static void *extension(SOCKET s, GUID id, const char *what)
{
    void *f = NULL;
    DWORD n = 0;
    int r = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &f, sizeof f, &n, NULL, NULL);
    printf("%s pointer: %d %d, %s\n", what, r, r ? WSAGetLastError() : 0, f ? "set" : "null");
    return f;
}

static SOCKET udp(struct sockaddr_in *a)
{
    int len = sizeof *a;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s == INVALID_SOCKET || bind(s, (struct sockaddr *)a, sizeof *a) || getsockname(s, (struct sockaddr *)a, &len))
        harness("udp socket");
    return s;
}

static void nonblocking(SOCKET s, u_long on)
{
    if (ioctlsocket(s, FIONBIO, &on))
        harness("FIONBIO");
}

/* A receive message over `buf` with room for the sender's address and control data. */
static struct sockaddr_in from;
static char data[64], control[128];
static WSABUF dbuf;
static WSAMSG msg;

static WSAMSG *fresh_msg(ULONG data_len, ULONG control_len)
{
    memset(&msg, 0, sizeof msg);
    memset(data, 0, sizeof data);
    memset(control, 0x55, sizeof control);
    memset(&from, 0, sizeof from);
    dbuf.buf = data;
    dbuf.len = data_len;
    msg.name = (struct sockaddr *)&from;
    msg.namelen = sizeof from;
    msg.lpBuffers = &dbuf;
    msg.dwBufferCount = 1;
    msg.Control.buf = control;
    msg.Control.len = control_len;
    return &msg;
}

/* The control messages of `m`, one line each. */
static void show_control(const WSAMSG *m)
{
    WSACMSGHDR *c;
    char text[64];
    printf("  Control.len %lu\n", (unsigned long)m->Control.len);
    for (c = WSA_CMSG_FIRSTHDR(m); c != NULL; c = WSA_CMSG_NXTHDR(m, c)) {
        printf("  cmsg len %lu level %d type %d", (unsigned long)c->cmsg_len, c->cmsg_level, c->cmsg_type);
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            IN_PKTINFO *p = (IN_PKTINFO *)WSA_CMSG_DATA(c);
            inet_ntop(AF_INET, &p->ipi_addr, text, sizeof text);
            printf(": to %s, interface %s", text, p->ipi_ifindex > 0 ? "given" : "0");
        } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
            IN6_PKTINFO *p = (IN6_PKTINFO *)WSA_CMSG_DATA(c);
            inet_ntop(AF_INET6, &p->ipi6_addr, text, sizeof text);
            printf(": to %s, interface %s", text, p->ipi6_ifindex > 0 ? "given" : "0");
        }
        printf("\n");
    }
}


static void send_to(SOCKET s, const char *text, const struct sockaddr_in *to)
{
    if (sendto(s, text, (int)strlen(text), 0, (const struct sockaddr *)to, sizeof *to) != (int)strlen(text))
        harness("sendto");
}

static void ipv6(void)
{
    struct sockaddr_in6 a, b;
    struct sockaddr_in6 from6;
    int len = sizeof a, one = 1, r;
    DWORD n = 0;
    SOCKET r6 = socket(AF_INET6, SOCK_DGRAM, 0), s6 = socket(AF_INET6, SOCK_DGRAM, 0), t6;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    b = a;
    if (bind(r6, (struct sockaddr *)&a, sizeof a) || getsockname(r6, (struct sockaddr *)&a, &len) ||
        bind(s6, (struct sockaddr *)&b, sizeof b))
        harness("ipv6 sockets");
    show("IPV6_PKTINFO on", setsockopt(r6, IPPROTO_IPV6, IPV6_PKTINFO, (char *)&one, sizeof one));
    t6 = socket(AF_INET6, SOCK_STREAM, 0);
    show("IPV6_PKTINFO on a stream socket", setsockopt(t6, IPPROTO_IPV6, IPV6_PKTINFO, (char *)&one, sizeof one));
    show("IPV6_HOPLIMIT on a stream socket", setsockopt(t6, IPPROTO_IPV6, IPV6_HOPLIMIT, (char *)&one, sizeof one));
    closesocket(t6);
    if (sendto(s6, "six", 3, 0, (struct sockaddr *)&a, sizeof a) != 3)
        harness("sendto v6");
    fresh_msg(sizeof data, sizeof control);
    msg.name = (struct sockaddr *)&from6;
    msg.namelen = sizeof from6;
    r = pWSARecvMsg(r6, &msg, &n, NULL, NULL);
    printf("IPv6 WSARecvMsg: %d %d, %lu bytes \"%s\", namelen %d, family %d\n", r, r ? WSAGetLastError() : 0, (unsigned long)n, data,
           msg.namelen, from6.sin6_family);
    show_control(&msg);
    closesocket(r6);
    closesocket(s6);
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in ra, sa, any;
    SOCKET r, s, t, u, l, a;
    GUID g_recv = WSAID_WSARECVMSG, g_send = WSAID_WSASENDMSG;
    WSAOVERLAPPED ov;
    WSABUF sbuf;
    WSAMSG sm;
    DWORD n, flags, w;
    int one = 1, rc;
    char sctl[WSA_CMSG_SPACE(sizeof(IN_PKTINFO))];
    WSACMSGHDR *c;
    IN_PKTINFO *pi;
    HANDLE port;
    ULONG_PTR key;
    LPOVERLAPPED got;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    r = udp(&ra);
    s = udp(&sa);
    pWSARecvMsg = (LPFN_WSARECVMSG)extension(r, g_recv, "WSARecvMsg");
    pWSASendMsg = (LPFN_WSASENDMSG)extension(r, g_send, "WSASendMsg");
    if (!pWSARecvMsg || !pWSASendMsg)
        harness("extension pointers");

    /* Stream sockets are refused; argument checks. */
    l = tcp_listener(&any);
    tcp_pair(l, &any, &t, &a);
    send(a, "tcp", 3, 0);
    Sleep(50);
    n = 0;
    show("WSARecvMsg on a stream socket", pWSARecvMsg(t, fresh_msg(sizeof data, 0), &n, NULL, NULL));
    sbuf.buf = "abc";
    sbuf.len = 3;
    memset(&sm, 0, sizeof sm);
    sm.lpBuffers = &sbuf;
    sm.dwBufferCount = 1;
    show("WSASendMsg on a stream socket", WSASendMsg(t, &sm, 0, &n, NULL, NULL));
    /* Packet information is for datagram and raw sockets only (WSAENOPROTOOPT otherwise). */
    show("IP_PKTINFO on a stream socket", setsockopt(t, IPPROTO_IP, IP_PKTINFO, (char *)&one, sizeof one));
    w = sizeof rc;
    show("getsockopt IP_PKTINFO on a stream socket", getsockopt(t, IPPROTO_IP, IP_PKTINFO, (char *)&rc, (int *)&w));
    show("WSARecvMsg NULL msg", pWSARecvMsg(r, NULL, &n, NULL, NULL));
    show("WSASendMsg NULL msg", WSASendMsg(s, NULL, 0, &n, NULL, NULL));
    sm.name = (struct sockaddr *)&ra;
    sm.namelen = sizeof ra;
    show("WSASendMsg NULL count, not overlapped", WSASendMsg(s, &sm, 0, NULL, NULL, NULL));
    show("WSASendMsg MSG_OOB on a datagram socket", WSASendMsg(s, &sm, MSG_OOB, &n, NULL, NULL));
    u = socket(AF_INET, SOCK_DGRAM, 0);
    nonblocking(u, 1);
    show("WSARecvMsg unbound", pWSARecvMsg(u, fresh_msg(sizeof data, 0), &n, NULL, NULL));
    closesocket(u);
    nonblocking(r, 1);
    fresh_msg(sizeof data, sizeof control)->dwFlags = MSG_OOB;
    show("WSARecvMsg MSG_OOB in dwFlags", pWSARecvMsg(r, &msg, &n, NULL, NULL));
    fresh_msg(sizeof data, 10)->Control.buf = NULL;
    show("WSARecvMsg NULL Control.buf, len 10", pWSARecvMsg(r, &msg, &n, NULL, NULL));
    fresh_msg(sizeof data, 0)->name = NULL;
    show("WSARecvMsg NULL name, namelen 16", pWSARecvMsg(r, &msg, &n, NULL, NULL));
    fresh_msg(sizeof data, 0)->namelen = 4;
    show("WSARecvMsg namelen 4", pWSARecvMsg(r, &msg, &n, NULL, NULL));
    show("WSARecvMsg nothing queued, non-blocking", pWSARecvMsg(r, fresh_msg(sizeof data, 0), &n, NULL, NULL));
    show("WSARecvMsg NULL count, not overlapped", pWSARecvMsg(r, fresh_msg(sizeof data, 0), NULL, NULL, NULL));
    nonblocking(r, 0);

    /* Without IP_PKTINFO: no control data. */
    send_to(s, "plain", &ra);
    n = 0;
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, sizeof control), &n, NULL, NULL);
    printf("WSARecvMsg: %d, %lu bytes \"%s\", flags %#lx, namelen %d, from the sender %s\n", rc, (unsigned long)n, data, (unsigned long)msg.dwFlags,
           msg.namelen, from.sin_port == sa.sin_port ? "yes" : "no");
    show_control(&msg);

    show("IP_PKTINFO on", setsockopt(r, IPPROTO_IP, IP_PKTINFO, (char *)&one, sizeof one));
    send_to(s, "hello", &ra);
    n = 0;
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, sizeof control), &n, NULL, NULL);
    printf("WSARecvMsg: %d, %lu bytes \"%s\", flags %#lx, namelen %d\n", rc, (unsigned long)n, data, (unsigned long)msg.dwFlags, msg.namelen);
    show_control(&msg);

    send_to(s, "hello world", &ra);
    rc = pWSARecvMsg(r, fresh_msg(5, sizeof control), &n, NULL, NULL);
    printf("truncated datagram: %d %d, data \"%s\", flags %#lx\n", rc, rc ? WSAGetLastError() : 0, data, (unsigned long)msg.dwFlags);
    show_control(&msg);

    send_to(s, "tiny", &ra);
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, 8), &n, NULL, NULL);
    printf("control too small: %d %d, data \"%s\", flags %#lx, Control.len %lu\n", rc, rc ? WSAGetLastError() : 0, data,
           (unsigned long)msg.dwFlags, (unsigned long)msg.Control.len);
    send_to(s, "none", &ra);
    fresh_msg(sizeof data, 0)->Control.buf = NULL;
    rc = pWSARecvMsg(r, &msg, &n, NULL, NULL);
    printf("no control buffer: %d %d, data \"%s\", flags %#lx\n", rc, rc ? WSAGetLastError() : 0, data, (unsigned long)msg.dwFlags);

    send_to(s, "peek", &ra);
    fresh_msg(sizeof data, sizeof control)->dwFlags = MSG_PEEK;
    n = 0;
    rc = pWSARecvMsg(r, &msg, &n, NULL, NULL);
    printf("MSG_PEEK: %d, %lu bytes \"%s\"\n", rc, (unsigned long)n, data);
    fresh_msg(sizeof data, sizeof control)->name = NULL;
    msg.namelen = 0;
    n = 0;
    rc = pWSARecvMsg(r, &msg, &n, NULL, NULL);
    printf("again, without a name: %d, %lu bytes \"%s\", flags %#lx\n", rc, (unsigned long)n, data, (unsigned long)msg.dwFlags);

    /* Overlapped with an event: pending, then complete. */
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, sizeof control), NULL, &ov, NULL);
    printf("overlapped WSARecvMsg: %d %d\n", rc, rc ? WSAGetLastError() : 0);
    send_to(s, "later", &ra);
    w = WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE);
    n = 0;
    flags = 99;
    rc = WSAGetOverlappedResult(r, &ov, &n, FALSE, &flags);
    printf("event %s, result %d: %lu bytes \"%s\", flags %lu, msg flags %#lx, namelen %d, from the sender %s\n",
           w == WSA_WAIT_EVENT_0 ? "set" : "not set", rc, (unsigned long)n, data, (unsigned long)flags, (unsigned long)msg.dwFlags, msg.namelen,
           from.sin_port == sa.sin_port ? "yes" : "no");
    show_control(&msg);

    /* Data already queued: completes at once, and still signals. */
    send_to(s, "ready", &ra);
    Sleep(50);
    WSAResetEvent(ov.hEvent);
    n = 0;
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, sizeof control), &n, &ov, NULL);
    w = WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE);
    printf("immediate overlapped WSARecvMsg: %d, %lu bytes \"%s\", event %s\n", rc, (unsigned long)n, data,
           w == WSA_WAIT_EVENT_0 ? "set" : "not set");
    show_control(&msg);

    /* Overlapped, control buffer too small. */
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, 4), NULL, &ov, NULL);
    printf("overlapped, small control: %d %d\n", rc, rc ? WSAGetLastError() : 0);
    send_to(s, "small", &ra);
    WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE);
    rc = WSAGetOverlappedResult(r, &ov, &n, FALSE, &flags);
    printf("result %d %d, data \"%s\", msg flags %#lx\n", rc, rc ? 0 : WSAGetLastError(), data, (unsigned long)msg.dwFlags);

    /* A completion routine, run in an alertable wait. */
    memset(&ov, 0, sizeof ov);
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, sizeof control), NULL, &ov, record_routine);
    printf("WSARecvMsg with a completion routine: %d %d\n", rc, rc ? WSAGetLastError() : 0);
    send_to(s, "routine", &ra);
    Sleep(100);
    printf("routine before an alertable wait: %d calls\n", routine_calls);
    SleepEx(5000, TRUE);
    printf("routine: %d calls, error %lu, %lu bytes \"%s\"\n", routine_calls, (unsigned long)routine_error, (unsigned long)routine_bytes, data);
    show_control(&msg);

    /* A completion port. */
    port = CreateIoCompletionPort((HANDLE)r, NULL, 7, 0);
    if (!port)
        harness("CreateIoCompletionPort");
    memset(&ov, 0, sizeof ov);
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, sizeof control), NULL, &ov, NULL);
    printf("WSARecvMsg on a port: %d %d\n", rc, rc ? WSAGetLastError() : 0);
    send_to(s, "port", &ra);
    got = NULL;
    rc = GetQueuedCompletionStatus(port, &n, &key, &got, 5000);
    printf("packet: %d, key %lu, %lu bytes \"%s\", ours %s\n", rc, (unsigned long)key, (unsigned long)n, data, got == &ov ? "yes" : "no");
    show_control(&msg);

    /* WSASendMsg: to a name, through the export and through the GUID. */
    n = 0;
    sbuf.buf = "sent";
    sbuf.len = 4;
    memset(&sm, 0, sizeof sm);
    sm.name = (struct sockaddr *)&ra;
    sm.namelen = sizeof ra;
    sm.lpBuffers = &sbuf;
    sm.dwBufferCount = 1;
    rc = WSASendMsg(s, &sm, 0, &n, NULL, NULL);
    printf("WSASendMsg: %d, %lu bytes\n", rc, (unsigned long)n);
    n = 0;
    rc = pWSASendMsg(s, &sm, 0, &n, NULL, NULL);
    printf("WSASendMsg through its GUID: %d, %lu bytes\n", rc, (unsigned long)n);
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, sizeof control), &n, NULL, NULL);
    printf("received: %d \"%s\" from the sender %s\n", rc, data, from.sin_port == sa.sin_port ? "yes" : "no");
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, sizeof control), &n, NULL, NULL);
    printf("received: %d \"%s\"\n", rc, data);

    /* IP_PKTINFO chooses the source address of an unbound-address socket. */
    u = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&any, 0, sizeof any);
    any.sin_family = AF_INET;
    if (bind(u, (struct sockaddr *)&any, sizeof any))
        harness("bind any");
    memset(sctl, 0, sizeof sctl);
    c = (WSACMSGHDR *)sctl;
    c->cmsg_len = WSA_CMSG_LEN(sizeof(IN_PKTINFO));
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    pi = (IN_PKTINFO *)WSA_CMSG_DATA(c);
    pi->ipi_addr.s_addr = inet_addr("127.0.0.2");
    pi->ipi_ifindex = 0;
    sm.Control.buf = sctl;
    sm.Control.len = sizeof sctl;
    sbuf.buf = "source";
    sbuf.len = 6;
    n = 0;
    rc = WSASendMsg(u, &sm, 0, &n, NULL, NULL);
    printf("WSASendMsg with IP_PKTINFO: %d %d, %lu bytes\n", rc, rc ? WSAGetLastError() : 0, (unsigned long)n);
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, sizeof control), &n, NULL, NULL);
    printf("received: %d \"%s\" from %s\n", rc, data, inet_ntoa(from.sin_addr));
    closesocket(u);

    /* Overlapped WSASendMsg with an event. */
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    sm.Control.buf = NULL;
    sm.Control.len = 0;
    sbuf.buf = "overlapped";
    sbuf.len = 10;
    rc = WSASendMsg(s, &sm, 0, NULL, &ov, NULL);
    w = WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE);
    rc = WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags) ? (int)n : -WSAGetLastError();
    printf("overlapped WSASendMsg: event %s, %d bytes\n", w == WSA_WAIT_EVENT_0 ? "set" : "not set", rc);
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, sizeof control), &n, NULL, NULL);
    printf("received: %d \"%s\"\n", rc, data);
    memset(&ov, 0, sizeof ov);
    routine_calls = 0;
    sbuf.buf = "by routine";
    rc = WSASendMsg(s, &sm, 0, NULL, &ov, record_routine);
    SleepEx(1000, TRUE);
    printf("WSASendMsg with a completion routine: %d, routine: %d calls, error %lu, %lu bytes\n", rc, routine_calls,
           (unsigned long)routine_error, (unsigned long)routine_bytes);
    rc = pWSARecvMsg(r, fresh_msg(sizeof data, sizeof control), &n, NULL, NULL);
    printf("received: %d \"%s\"\n", rc, data);

    ipv6();
    closesocket(r);
    closesocket(s);
    closesocket(t);
    closesocket(a);
    closesocket(l);
    WSACleanup();
    return 0;
}
