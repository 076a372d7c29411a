/* socket() and WSASocketW argument checking, the protocol picked for protocol 0, and the
 * protocol catalog as WSAEnumProtocols reports it.
 * The catalog checks at the end do not depend on the golden: they assert what every Windows
 * base catalog has (TCP service flags 0x20066, UDP 0x20609, PFL_MATCHES_PROTOCOL_ZERO on both)
 * and print the whole catalog to stderr for diagnosis. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

static int failures;

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAIL");
    if (!ok)
        failures++;
}

static void try_socket(const char *what, int af, int type, int protocol)
{
    SOCKET s = socket(af, type, protocol);
    if (s == INVALID_SOCKET) {
        printf("%s: INVALID_SOCKET %d\n", what, WSAGetLastError());
        return;
    }
    printf("%s: valid\n", what);
    closesocket(s);
}

/* Prints what a socket is: SO_TYPE and the protocol info it was created from. */
static void describe(const char *what, SOCKET s)
{
    WSAPROTOCOL_INFOW info;
    int type = -1, len = sizeof type, r;

    if (s == INVALID_SOCKET) {
        printf("%s: INVALID_SOCKET %d\n", what, WSAGetLastError());
        return;
    }
    r = getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len);
    printf("%s: SO_TYPE %d %d len %d\n", what, r, r ? WSAGetLastError() : type, len);
    len = sizeof info;
    memset(&info, 0, sizeof info);
    r = getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &len);
    if (r)
        printf("%s: SO_PROTOCOL_INFOW %d %d\n", what, r, WSAGetLastError());
    else
        printf("%s: SO_PROTOCOL_INFOW af %d type %d protocol %d len %s\n", what, info.iAddressFamily,
               info.iSocketType, info.iProtocol, len == (int)sizeof info ? "sizeof" : "other");
    closesocket(s);
}

static void catalog_checks(void)
{
    WSAPROTOCOL_INFOA *infos;
    DWORD len = 0;
    int n, i, tcp4 = 0, tcp6 = 0, udp4 = 0, udp6 = 0, tcp_ok = 1, udp_ok = 1, ids_ok = 1;

    n = WSAEnumProtocolsA(NULL, NULL, &len);
    if (n != SOCKET_ERROR || WSAGetLastError() != WSAENOBUFS || len == 0) {
        printf("WSAEnumProtocolsA size query: FAIL (%d %d len %lu)\n", n, WSAGetLastError(), (unsigned long)len);
        failures++;
        return;
    }
    infos = malloc(len);
    n = WSAEnumProtocolsA(NULL, infos, &len);
    if (n == SOCKET_ERROR) {
        printf("WSAEnumProtocolsA: FAIL (%d)\n", WSAGetLastError());
        failures++;
        free(infos);
        return;
    }
    for (i = 0; i < n; i++) {
        WSAPROTOCOL_INFOA *p = &infos[i];
        fprintf(stderr, "entry %d: id %lu af %d type %d protocol %d maxoffset %d serviceflags1 %#lx"
                " providerflags %#lx msgsize %#lx chainlen %d \"%s\"\n", i, (unsigned long)p->dwCatalogEntryId,
                p->iAddressFamily, p->iSocketType, p->iProtocol, p->iProtocolMaxOffset,
                (unsigned long)p->dwServiceFlags1, (unsigned long)p->dwProviderFlags,
                (unsigned long)p->dwMessageSize, p->ProtocolChain.ChainLen, p->szProtocol);
        if (p->ProtocolChain.ChainLen != 1)
            continue; /* layered entries and chains: not part of these checks */
        if (p->iAddressFamily != AF_INET && p->iAddressFamily != AF_INET6)
            continue;
        if (p->iSocketType == SOCK_STREAM && p->iProtocol == IPPROTO_TCP) {
            if (p->iAddressFamily == AF_INET) tcp4++; else tcp6++;
            if (p->dwServiceFlags1 != 0x20066 || !(p->dwProviderFlags & PFL_MATCHES_PROTOCOL_ZERO))
                tcp_ok = 0;
        } else if (p->iSocketType == SOCK_DGRAM && p->iProtocol == IPPROTO_UDP) {
            if (p->iAddressFamily == AF_INET) udp4++; else udp6++;
            if (p->dwServiceFlags1 != 0x20609 || !(p->dwProviderFlags & PFL_MATCHES_PROTOCOL_ZERO))
                udp_ok = 0;
        }
        if (p->dwCatalogEntryId == 0)
            ids_ok = 0;
    }
    check("enum A: TCP and UDP over IPv4 and IPv6 present", tcp4 >= 1 && tcp6 >= 1 && udp4 >= 1 && udp6 >= 1);
    check("enum A: TCP service flags 0x20066 and PFL_MATCHES_PROTOCOL_ZERO", tcp_ok);
    check("enum A: UDP service flags 0x20609 and PFL_MATCHES_PROTOCOL_ZERO", udp_ok);
    check("enum A: catalog entry ids non-zero", ids_ok);
    free(infos);
}

int main(void)
{
    WSADATA d;
    WSAPROTOCOL_INFOW *infos, *udp4 = NULL;
    WSAPROTOCOL_INFOW got;
    DWORD len;
    INT filter[2];
    int n, i, r, glen;
    SOCKET s;

    if (WSAStartup(MAKEWORD(2, 2), &d)) {
        fprintf(stderr, "harness: WSAStartup failed\n");
        return 2;
    }

    try_socket("socket AF_INET type 12345", AF_INET, 12345, 0);
    try_socket("socket AF_INET type 12345 TCP", AF_INET, 12345, IPPROTO_TCP);
    try_socket("socket family 12345 SOCK_STREAM", 12345, SOCK_STREAM, 0);
    try_socket("socket AF_INET SOCK_STREAM IPPROTO_UDP", AF_INET, SOCK_STREAM, IPPROTO_UDP);
    try_socket("socket AF_INET SOCK_DGRAM IPPROTO_TCP", AF_INET, SOCK_DGRAM, IPPROTO_TCP);
    try_socket("socket AF_INET SOCK_STREAM protocol 200", AF_INET, SOCK_STREAM, 200);

    describe("socket AF_INET 0 0", socket(AF_INET, 0, 0));
    describe("socket AF_INET SOCK_STREAM 0", socket(AF_INET, SOCK_STREAM, 0));
    describe("socket AF_INET SOCK_DGRAM 0", socket(AF_INET, SOCK_DGRAM, 0));
    describe("socket AF_INET 0 IPPROTO_UDP", socket(AF_INET, 0, IPPROTO_UDP));
    describe("socket AF_INET6 SOCK_STREAM 0", socket(AF_INET6, SOCK_STREAM, 0));
    describe("socket AF_INET6 SOCK_DGRAM IPPROTO_UDP", socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP));

    len = 0;
    n = WSAEnumProtocolsW(NULL, NULL, &len);
    printf("WSAEnumProtocolsW size query: %d %d len %s\n", n, WSAGetLastError(), len > 0 ? "set" : "zero");
    len = 1;
    n = WSAEnumProtocolsW(NULL, NULL, &len);
    printf("WSAEnumProtocolsW NULL buffer, len 1: %d %d\n", n, n == SOCKET_ERROR ? WSAGetLastError() : 0);

    /* Only TCP: a zero-terminated filter. */
    filter[0] = IPPROTO_TCP;
    filter[1] = 0;
    len = 0;
    n = WSAEnumProtocolsW(filter, NULL, &len);
    printf("WSAEnumProtocolsW TCP size query: %d %d\n", n, WSAGetLastError());
    infos = malloc(len);
    n = WSAEnumProtocolsW(filter, infos, &len);
    printf("WSAEnumProtocolsW TCP: %d entries\n", n);
    for (i = 0; i < n; i++)
        printf("  af %d type %d protocol %d\n", infos[i].iAddressFamily, infos[i].iSocketType, infos[i].iProtocol);
    free(infos);

    /* WSASocketW from the UDP/IPv4 entry of the full catalog. */
    len = 0;
    WSAEnumProtocolsW(NULL, NULL, &len);
    infos = malloc(len);
    n = WSAEnumProtocolsW(NULL, infos, &len);
    for (i = 0; i < n; i++)
        if (!udp4 && infos[i].iAddressFamily == AF_INET && infos[i].iSocketType == SOCK_DGRAM
            && infos[i].iProtocol == IPPROTO_UDP && infos[i].ProtocolChain.ChainLen == 1)
            udp4 = &infos[i];
    if (!udp4) {
        printf("no UDP/IPv4 catalog entry\n");
    } else {
        s = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, udp4, 0, 0);
        if (s == INVALID_SOCKET) {
            printf("WSASocketW FROM_PROTOCOL_INFO: INVALID_SOCKET %d\n", WSAGetLastError());
        } else {
            glen = sizeof got;
            r = getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&got, &glen);
            printf("WSASocketW FROM_PROTOCOL_INFO: %d af %d type %d protocol %d same entry %s\n", r,
                   got.iAddressFamily, got.iSocketType, got.iProtocol,
                   got.dwCatalogEntryId == udp4->dwCatalogEntryId ? "yes" : "no");
            closesocket(s);
        }
    }
    free(infos);

    catalog_checks();

    WSACleanup();
    return failures ? 1 : 0;
}
