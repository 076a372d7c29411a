/* Socket options (getsockopt/setsockopt round trips and defaults) and ioctlsocket/WSAIoctl
 * controls. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static void set_int(const char *what, SOCKET s, int level, int name, int value)
{
    int r = setsockopt(s, level, name, (const char *)&value, sizeof value);
    printf("set %s %d: %d %d\n", what, value, r, r == SOCKET_ERROR ? WSAGetLastError() : 0);
}

static void get_int(const char *what, SOCKET s, int level, int name)
{
    int value = 0, len = sizeof value;
    int r = getsockopt(s, level, name, (char *)&value, &len);
    if (r)
        printf("get %s: %d %d\n", what, r, WSAGetLastError());
    else
        printf("get %s: %d len %d\n", what, value, len);
}

static SOCKET make(int af, int type, int protocol)
{
    SOCKET s = socket(af, type, protocol);
    if (s == INVALID_SOCKET)
        harness("socket");
    return s;
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in la;
    struct linger lg;
    WSAPROTOCOL_INFOA info;
    SOCKET l, c, srv, s, u, s6, c2;
    char buf[16];
    int r, len;
    u_long arg;
    DWORD tmo, bytes, out;

    if (WSAStartup(MAKEWORD(2, 2), &d)) {
        fprintf(stderr, "harness: WSAStartup failed\n");
        return 2;
    }
    l = tcp_listener(&la);
    tcp_pair(l, &la, &c, &srv);

    /* Timeouts are DWORDs of milliseconds. */
    get_int("SO_RCVTIMEO default", c, SOL_SOCKET, SO_RCVTIMEO);
    tmo = 300;
    show("set SO_RCVTIMEO 300", setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (const char *)&tmo, sizeof tmo));
    get_int("SO_RCVTIMEO", c, SOL_SOCKET, SO_RCVTIMEO);
    tmo = 1500;
    show("set SO_SNDTIMEO 1500", setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, (const char *)&tmo, sizeof tmo));
    get_int("SO_SNDTIMEO", c, SOL_SOCKET, SO_SNDTIMEO);
    show("recv with SO_RCVTIMEO 300, no data", recv(c, buf, sizeof buf, 0));

    /* Address reuse. */
    s = make(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    get_int("SO_REUSEADDR default", s, SOL_SOCKET, SO_REUSEADDR);
    set_int("SO_REUSEADDR", s, SOL_SOCKET, SO_REUSEADDR, 1);
    get_int("SO_REUSEADDR", s, SOL_SOCKET, SO_REUSEADDR);
    set_int("SO_EXCLUSIVEADDRUSE with SO_REUSEADDR on", s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1);
    closesocket(s);
    s = make(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    get_int("SO_EXCLUSIVEADDRUSE default", s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE);
    set_int("SO_EXCLUSIVEADDRUSE", s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1);
    get_int("SO_EXCLUSIVEADDRUSE", s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE);
    closesocket(s);

    /* Plain boolean options. */
    s = make(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    get_int("SO_KEEPALIVE default", s, SOL_SOCKET, SO_KEEPALIVE);
    set_int("SO_KEEPALIVE", s, SOL_SOCKET, SO_KEEPALIVE, 1);
    get_int("SO_KEEPALIVE", s, SOL_SOCKET, SO_KEEPALIVE);
    get_int("SO_OOBINLINE default", s, SOL_SOCKET, SO_OOBINLINE);
    get_int("TCP_NODELAY default", s, IPPROTO_TCP, TCP_NODELAY);
    set_int("TCP_NODELAY", s, IPPROTO_TCP, TCP_NODELAY, 1);
    get_int("TCP_NODELAY", s, IPPROTO_TCP, TCP_NODELAY);

    /* Linger: struct linger has u_short fields; SO_DONTLINGER is its negation. */
    lg.l_onoff = 0xffff;
    lg.l_linger = 0xffff;
    len = sizeof lg;
    r = getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, &len);
    printf("get SO_LINGER default: %d onoff %u linger %u len %d\n", r, lg.l_onoff, lg.l_linger, len);
    get_int("SO_DONTLINGER default", s, SOL_SOCKET, SO_DONTLINGER);
    lg.l_onoff = 1;
    lg.l_linger = 5;
    show("set SO_LINGER 1 5", setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg));
    memset(&lg, 0xff, sizeof lg);
    len = sizeof lg;
    r = getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, &len);
    printf("get SO_LINGER: %d onoff %u linger %u len %d\n", r, lg.l_onoff, lg.l_linger, len);
    get_int("SO_DONTLINGER", s, SOL_SOCKET, SO_DONTLINGER);
    set_int("SO_DONTLINGER", s, SOL_SOCKET, SO_DONTLINGER, 1);
    memset(&lg, 0xff, sizeof lg);
    len = sizeof lg;
    r = getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, &len);
    printf("get SO_LINGER after SO_DONTLINGER: %d onoff %u linger %u len %d\n", r, lg.l_onoff, lg.l_linger, len);
    get_int("SO_DONTLINGER", s, SOL_SOCKET, SO_DONTLINGER);

    /* Buffer sizes read back as set. */
    set_int("SO_RCVBUF", s, SOL_SOCKET, SO_RCVBUF, 32768);
    get_int("SO_RCVBUF", s, SOL_SOCKET, SO_RCVBUF);
    set_int("SO_SNDBUF", s, SOL_SOCKET, SO_SNDBUF, 16384);
    get_int("SO_SNDBUF", s, SOL_SOCKET, SO_SNDBUF);

    /* State and identity. */
    get_int("SO_ACCEPTCONN listening", l, SOL_SOCKET, SO_ACCEPTCONN);
    get_int("SO_ACCEPTCONN fresh", s, SOL_SOCKET, SO_ACCEPTCONN);
    get_int("SO_ERROR", srv, SOL_SOCKET, SO_ERROR);
    get_int("SO_TYPE stream", srv, SOL_SOCKET, SO_TYPE);
    memset(&info, 0, sizeof info);
    len = sizeof info;
    r = getsockopt(srv, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &len);
    printf("get SO_PROTOCOL_INFOA accepted: %d af %d type %d protocol %d serviceflags1 %#lx len %s\n", r,
           info.iAddressFamily, info.iSocketType, info.iProtocol, (unsigned long)info.dwServiceFlags1,
           len == (int)sizeof info ? "sizeof" : "other");
    len = 10;
    r = getsockopt(srv, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &len);
    printf("get SO_PROTOCOL_INFOA optlen 10: %d %d\n", r, r ? WSAGetLastError() : 0);

    /* IP level. */
    set_int("IP_TTL", s, IPPROTO_IP, IP_TTL, 33);
    get_int("IP_TTL", s, IPPROTO_IP, IP_TTL);
    closesocket(s);

    u = make(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    get_int("SO_TYPE dgram", u, SOL_SOCKET, SO_TYPE);
    get_int("SO_BROADCAST default", u, SOL_SOCKET, SO_BROADCAST);
    set_int("SO_BROADCAST", u, SOL_SOCKET, SO_BROADCAST, 1);
    get_int("SO_BROADCAST", u, SOL_SOCKET, SO_BROADCAST);
    get_int("IP_MULTICAST_TTL default", u, IPPROTO_IP, IP_MULTICAST_TTL);
    set_int("IP_MULTICAST_TTL", u, IPPROTO_IP, IP_MULTICAST_TTL, 5);
    get_int("IP_MULTICAST_TTL", u, IPPROTO_IP, IP_MULTICAST_TTL);
    get_int("IP_MULTICAST_LOOP default", u, IPPROTO_IP, IP_MULTICAST_LOOP);
    set_int("IP_MULTICAST_LOOP", u, IPPROTO_IP, IP_MULTICAST_LOOP, 0);
    get_int("IP_MULTICAST_LOOP", u, IPPROTO_IP, IP_MULTICAST_LOOP);
    closesocket(u);

    s6 = make(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    get_int("IPV6_V6ONLY default", s6, IPPROTO_IPV6, IPV6_V6ONLY);
    set_int("IPV6_UNICAST_HOPS", s6, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 42);
    get_int("IPV6_UNICAST_HOPS", s6, IPPROTO_IPV6, IPV6_UNICAST_HOPS);
    closesocket(s6);

    /* ioctlsocket: non-blocking mode, bytes waiting, the OOB mark. */
    closesocket(c);
    closesocket(srv);
    tcp_pair(l, &la, &c2, &srv);
    arg = 1;
    show("ioctlsocket FIONBIO 1", ioctlsocket(c2, FIONBIO, &arg));
    show("recv non-blocking, no data", recv(c2, buf, sizeof buf, 0));
    arg = 1;
    show("ioctlsocket FIONBIO 1 listener", ioctlsocket(l, FIONBIO, &arg));
    s = accept(l, NULL, NULL);
    printf("accept non-blocking, no connection: %s %d\n", s == INVALID_SOCKET ? "INVALID_SOCKET" : "valid", WSAGetLastError());
    arg = 12345;
    show("ioctlsocket FIONREAD, no data", ioctlsocket(c2, FIONREAD, &arg));
    printf("  FIONREAD value %lu\n", (unsigned long)arg);
    if (send(srv, "hello", 5, 0) != 5)
        harness("send");
    Sleep(100);
    arg = 12345;
    show("ioctlsocket FIONREAD", ioctlsocket(c2, FIONREAD, &arg));
    printf("  FIONREAD value %lu\n", (unsigned long)arg);
    arg = 12345;
    show("ioctlsocket SIOCATMARK", ioctlsocket(c2, SIOCATMARK, &arg));
    printf("  SIOCATMARK value %lu\n", (unsigned long)arg);

    /* The same through WSAIoctl. */
    arg = 0;
    bytes = 12345;
    show("WSAIoctl FIONBIO 0", WSAIoctl(c2, FIONBIO, &arg, sizeof arg, NULL, 0, &bytes, NULL, NULL));
    printf("  bytes returned %lu\n", (unsigned long)bytes);
    out = 12345;
    bytes = 12345;
    show("WSAIoctl FIONREAD", WSAIoctl(c2, FIONREAD, NULL, 0, &out, sizeof out, &bytes, NULL, NULL));
    printf("  FIONREAD value %lu bytes returned %lu\n", (unsigned long)out, (unsigned long)bytes);
    out = 12345;
    show("WSAIoctl FIONREAD, output too small", WSAIoctl(c2, FIONREAD, NULL, 0, &out, 2, &bytes, NULL, NULL));
    show("WSAIoctl code 0x12345678", WSAIoctl(c2, 0x12345678, NULL, 0, NULL, 0, &bytes, NULL, NULL));
    show("ioctlsocket code 0x12345678", ioctlsocket(c2, 0x12345678, &arg));
    r = recv(c2, buf, sizeof buf, 0);
    printf("recv blocking again: %d\n", r);

    closesocket(c2);
    closesocket(srv);
    closesocket(l);
    WSACleanup();
    return 0;
}
