/* WSAIoctl codes programs use about keep-alives and the host's addresses: SIO_KEEPALIVE_VALS
 * (mstcpip.h), SIO_ADDRESS_LIST_QUERY, SIO_ROUTING_INTERFACE_QUERY, SIO_GET_INTERFACE_LIST;
 * output buffers too small (WSAEFAULT, with the size needed where the documentation says so).
 * Only facts that hold on any host are printed (the loopback interface).
 * GOLDEN EDITED BY HAND, where wine 8.0 departs from the documentation: (1) SIO_ADDRESS_LIST_QUERY
 * into a buffer too small fails with WSAEINVAL and no size; its documentation gives WSAEFAULT
 * with lpcbBytesReturned set to the size needed; (2) SIO_ROUTING_INTERFACE_QUERY toward
 * 127.0.0.1 answers another interface's address; the local address used to reach the loopback
 * address is 127.0.0.1 (the golden says so). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA d;
    SOCKET s, u;
    DWORD n;
    int r, i, found;
    union {
        SOCKET_ADDRESS_LIST list;
        INTERFACE_INFO ifs[64];
        char raw[8192];
    } out;
    struct tcp_keepalive ka = { 1, 30000, 2000 };
    struct sockaddr_in dst, *sin;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);

    r = WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof ka, NULL, 0, &n, NULL, NULL);
    printf("SIO_KEEPALIVE_VALS on: %d %d\n", r, r ? WSAGetLastError() : 0);
    {
        DWORD on = 0;
        int len = sizeof on;
        getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, &len);
        printf("  SO_KEEPALIVE then: %lu\n", (unsigned long)on);
    }
    r = WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, 8, NULL, 0, &n, NULL, NULL);
    printf("SIO_KEEPALIVE_VALS short input: %d %d\n", r, r ? WSAGetLastError() : 0);
    ka.onoff = 0;
    r = WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof ka, NULL, 0, &n, NULL, NULL);
    printf("SIO_KEEPALIVE_VALS off: %d %d\n", r, r ? WSAGetLastError() : 0);

    r = WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, &out, sizeof out, &n, NULL, NULL);
    found = 0;
    for (i = 0; r == 0 && i < out.list.iAddressCount; i++) {
        sin = (struct sockaddr_in *)out.list.Address[i].lpSockaddr;
        found |= sin->sin_family == AF_INET && sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
                 out.list.Address[i].iSockaddrLength == (int)sizeof(struct sockaddr_in);
    }
    printf("SIO_ADDRESS_LIST_QUERY: %d %d, 127.0.0.1 listed %d, bytes returned %s\n", r, r ? WSAGetLastError() : 0, found,
           n >= sizeof(int) ? "enough" : "too few");
    n = 0;
    r = WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, &out, 4, &n, NULL, NULL);
    printf("SIO_ADDRESS_LIST_QUERY into 4 bytes: %d %d, size needed given %d\n", r, r ? WSAGetLastError() : 0, n > 4);

    memset(&dst, 0, sizeof dst);
    dst.sin_family = AF_INET;
    dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    dst.sin_port = htons(80);
    memset(&out, 0, sizeof out);
    r = WSAIoctl(u, SIO_ROUTING_INTERFACE_QUERY, &dst, sizeof dst, &out, sizeof out, &n, NULL, NULL);
    sin = (struct sockaddr_in *)out.raw;
    printf("SIO_ROUTING_INTERFACE_QUERY to 127.0.0.1: %d %d, family %d, is 127.0.0.1 %d, bytes %lu\n", r, r ? WSAGetLastError() : 0,
           sin->sin_family, sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK), (unsigned long)n);
    r = WSAIoctl(u, SIO_ROUTING_INTERFACE_QUERY, &dst, 4, &out, sizeof out, &n, NULL, NULL);
    printf("SIO_ROUTING_INTERFACE_QUERY short input: %d %d\n", r, r ? WSAGetLastError() : 0);

    r = WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, &out, sizeof out, &n, NULL, NULL);
    found = 0;
    for (i = 0; r == 0 && i < (int)(n / sizeof(INTERFACE_INFO)); i++) {
        INTERFACE_INFO *f = &out.ifs[i];
        if (f->iiAddress.AddressIn.sin_addr.s_addr == htonl(INADDR_LOOPBACK))
            found = (f->iiFlags & IFF_UP) && (f->iiFlags & IFF_LOOPBACK) && f->iiAddress.AddressIn.sin_family == AF_INET &&
                    f->iiNetmask.AddressIn.sin_addr.s_addr == htonl(0xff000000);
    }
    printf("SIO_GET_INTERFACE_LIST: %d %d, whole entries %d, loopback up with netmask 255.0.0.0 %d\n", r, r ? WSAGetLastError() : 0,
           n % sizeof(INTERFACE_INFO) == 0 && n > 0, found);
    r = WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, &out, 8, &n, NULL, NULL);
    printf("SIO_GET_INTERFACE_LIST into 8 bytes: %d %d\n", r, r ? WSAGetLastError() : 0);

    closesocket(s);
    closesocket(u);
    WSACleanup();
    return 0;
}
