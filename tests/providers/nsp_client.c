/* Resolution through a catalog whose first namespace provider is tests/providers/nsp_fixed.c
 * (loaded from its own library) and whose second is the system resolver:
 *   nsp_client        names ending in ".fixed" come from the C provider, others from the
 *                     system resolver; NSPCleanup runs at the last WSACleanup
 *   nsp_client skip   the C provider cannot load: it is skipped, the system resolver answers
 * and, with the C provider, the registration calls: WSASetService and SetAddrInfoEx succeed
 * when it does (the system resolver refuses them), WSAGetServiceClassInfo and
 * WSAGetServiceClassNameByClassId hand out its class description in both forms, with the
 * buffer rules, and the class entries reach it. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void check(int ok, const char *fmt, ...)
{
    va_list ap;
    printf("%s ", ok ? "ok" : "FAIL");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    if (!ok)
        failures++;
}

static GUID fixed_provider = {0x0f1c0000, 0, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 0x01}};
static GUID fixed_class = {0x0f1c0000, 0, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 0xc1}};

static void registration(void)
{
    SOCKADDR_IN a;
    SOCKET_ADDRESS sa;
    CSADDR_INFO cs;
    WSAQUERYSETA q;
    WSANSCLASSINFOA value;
    WSASERVICECLASSINFOA info;
    DWORD len, port = 7;
    int r, e;
    union {
        WSASERVICECLASSINFOA a;
        WSASERVICECLASSINFOW w;
        char bytes[1024];
    } out;
    char name[64];
    WCHAR wname[64];
    static const WCHAR wide_name[] = {'f', 'i', 'x', 'e', 'd', '-', 'e', 'c', 'h', 'o', 0};

    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(7);
    a.sin_addr.s_addr = htonl(0xc000024d);
    sa.lpSockaddr = (SOCKADDR *)&a;
    sa.iSockaddrLength = sizeof a;
    cs.LocalAddr = sa;
    cs.RemoteAddr = sa;
    cs.iSocketType = SOCK_STREAM;
    cs.iProtocol = IPPROTO_TCP;
    memset(&q, 0, sizeof q);
    q.dwSize = sizeof q;
    q.lpszServiceInstanceName = "svc.fixed";
    q.lpServiceClassId = &fixed_class;
    q.dwNameSpace = NS_DNS;
    q.dwNumberOfCsAddrs = 1;
    q.lpcsaBuffer = &cs;
    r = WSASetServiceA(&q, RNRSERVICE_REGISTER, SERVICE_MULTIPLE);
    check(r == 0, "WSASetServiceA(svc.fixed): the C provider registers it (%d, %d)", r, WSAGetLastError());
    q.lpszServiceInstanceName = "svc.other";
    r = WSASetServiceA(&q, RNRSERVICE_DELETE, 0);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEOPNOTSUPP, "WSASetServiceA(svc.other): no provider takes it, the system resolver's WSAEOPNOTSUPP (%d)", e);
    r = SetAddrInfoExA("host.fixed", "echo", &sa, 1, NULL, 0, NS_DNS, &fixed_provider, NULL, NULL, NULL, NULL);
    check(r == 0, "SetAddrInfoExA(host.fixed) at the C provider (%d)", r);

    len = 8;
    r = WSAGetServiceClassInfoA(&fixed_provider, &fixed_class, &len, &out.a);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEFAULT && len > sizeof out.a && len < sizeof out,
          "WSAGetServiceClassInfoA, 8 bytes: WSAEFAULT and the size needed (%d, %u)", e, (unsigned)len);
    r = WSAGetServiceClassInfoA(&fixed_provider, &fixed_class, &len, &out.a);
    check(r == 0 && strcmp(out.a.lpszServiceClassName, "fixed-echo") == 0 && out.a.dwCount == 1 &&
              strcmp(out.a.lpClassInfos[0].lpszName, "TcpPort") == 0 && out.a.lpClassInfos[0].dwNameSpace == NS_DNS &&
              out.a.lpClassInfos[0].dwValueSize == 4 && *(DWORD *)out.a.lpClassInfos[0].lpValue == 7 &&
              memcmp(out.a.lpServiceClassId, &fixed_class, sizeof fixed_class) == 0,
          "WSAGetServiceClassInfoA: fixed-echo, TcpPort 7 for NS_DNS (%d)", r);
    len = sizeof out;
    r = WSAGetServiceClassInfoW(&fixed_provider, &fixed_class, &len, &out.w);
    check(r == 0 && memcmp(out.w.lpszServiceClassName, wide_name, sizeof wide_name) == 0 && out.w.dwCount == 1,
          "WSAGetServiceClassInfoW: fixed-echo (%d)", r);
    len = sizeof out;
    r = WSAGetServiceClassInfoA(&fixed_provider, &fixed_provider, &len, &out.a);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSATYPE_NOT_FOUND, "WSAGetServiceClassInfoA, a class it does not know: WSATYPE_NOT_FOUND (%d)", e);

    len = 4;
    r = WSAGetServiceClassNameByClassIdA(&fixed_class, name, &len);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEFAULT && len == 11, "WSAGetServiceClassNameByClassIdA, 4 characters: WSAEFAULT, 11 needed (%d, %u)", e, (unsigned)len);
    r = WSAGetServiceClassNameByClassIdA(&fixed_class, name, &len);
    check(r == 0 && strcmp(name, "fixed-echo") == 0 && len == 11, "WSAGetServiceClassNameByClassIdA: fixed-echo (%d)", r);
    len = 64;
    r = WSAGetServiceClassNameByClassIdW(&fixed_class, wname, &len);
    check(r == 0 && memcmp(wname, wide_name, sizeof wide_name) == 0 && len == 11, "WSAGetServiceClassNameByClassIdW: fixed-echo (%d)", r);

    value.lpszName = "TcpPort";
    value.dwNameSpace = NS_DNS;
    value.dwValueType = 4; /* REG_DWORD */
    value.dwValueSize = sizeof port;
    value.lpValue = &port;
    info.lpServiceClassId = &fixed_class;
    info.lpszServiceClassName = "fixed-echo";
    info.dwCount = 1;
    info.lpClassInfos = &value;
    r = WSAInstallServiceClassA(&info);
    check(r == 0, "WSAInstallServiceClassA: the C provider takes it (%d, %d)", r, WSAGetLastError());
    r = WSARemoveServiceClass(&fixed_class);
    check(r == 0, "WSARemoveServiceClass: the C provider removes it (%d, %d)", r, WSAGetLastError());
}

int main(int argc, char **argv)
{
    WSADATA data;
    ADDRINFOA *res;
    struct hostent *h;
    DWORD len;
    char buf[4096];
    int r, skip = argc > 1 && strcmp(argv[1], "skip") == 0;

    WSAStartup(MAKEWORD(2, 2), &data);
    len = sizeof buf;
    r = WSAEnumNameSpaceProvidersA(&len, (WSANAMESPACE_INFOA *)buf);
    check(r == 2 && strcmp(((WSANAMESPACE_INFOA *)buf)[0].lpszIdentifier, "fixed (C)") == 0, "two namespace providers, the C one first (%d)", r);
    r = getaddrinfo("host.fixed", "80", NULL, &res);
    if (skip) {
        check(r == WSAHOST_NOT_FOUND, "host.fixed without its provider: WSAHOST_NOT_FOUND (%d)", r);
    } else {
        check(r == 0 && res && ((SOCKADDR_IN *)res->ai_addr)->sin_addr.s_addr == htonl(0xc000024d) && ((SOCKADDR_IN *)res->ai_addr)->sin_port == htons(80),
              "getaddrinfo(host.fixed, 80): 192.0.2.77:80 from the C provider (%d)", r);
        if (r == 0)
            freeaddrinfo(res);
        h = gethostbyname("other.fixed");
        check(h && strcmp(h->h_name, "other.fixed") == 0 && memcmp(h->h_addr_list[0], "\xc0\x00\x02\x4d", 4) == 0, "gethostbyname(other.fixed): the C provider's answer");
        registration();
    }
    r = getaddrinfo("localhost", NULL, NULL, &res);
    check(r == 0, "getaddrinfo(localhost): the system resolver, after the C provider passed (%d)", r);
    if (r == 0)
        freeaddrinfo(res);
    WSACleanup();
    printf("%d failure(s)\n", failures);
    return failures != 0;
}
