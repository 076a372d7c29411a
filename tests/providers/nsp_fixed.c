/* A namespace provider written against ws2spi.h: it answers SVCID_INET_HOSTADDRBYNAME for
 * names ending in ".fixed" with 192.0.2.77 (the name as canonical name), and leaves every other
 * query to the providers after it (WSASERVICE_NOT_FOUND). NSPCleanup says so on stderr.
 * Registration: it describes one service class, {0f1c0000-0000-4000-8000-0000000000c1}
 * "fixed-echo" with TcpPort = 7 for NS_DNS (NSPGetServiceClassInfo), accepts NSPSetService for
 * names ending in ".fixed" (WSAEINVAL for others) and the class entries for its class, and says
 * on stderr what it was given.
 *   -DNO_STARTUP   exports no NSPStartup (ws2_32 must skip it, log why, and keep resolving) */
#include <winsock2.h>
#include <ws2spi.h>
#include <svcguid.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const GUID fixed_class = {0x0f1c0000, 0, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 0xc1}};

struct lookup {
    WCHAR name[256];
    int done;
};

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int ends_with_fixed(const WCHAR *s)
{
    static const char tail[] = ".fixed";
    size_t n = wlen(s), t = sizeof tail - 1, i;
    if (n <= t)
        return 0;
    for (i = 0; i < t; i++)
        if (s[n - t + i] != (WCHAR)tail[i])
            return 0;
    return 1;
}

static INT WSAAPI cleanup(LPGUID id)
{
    fprintf(stderr, "nsp_fixed: NSPCleanup\n");
    return 0;
}

static INT WSAAPI begin(LPGUID id, LPWSAQUERYSETW q, LPWSASERVICECLASSINFOW cls, DWORD flags, LPHANDLE h)
{
    static const GUID byname = SVCID_INET_HOSTADDRBYNAME;
    struct lookup *l;
    if (!q->lpServiceClassId || memcmp(q->lpServiceClassId, &byname, sizeof byname) != 0 || !q->lpszServiceInstanceName ||
        !ends_with_fixed(q->lpszServiceInstanceName) || wlen(q->lpszServiceInstanceName) >= 256) {
        WSASetLastError(WSASERVICE_NOT_FOUND);
        return SOCKET_ERROR;
    }
    l = calloc(1, sizeof *l);
    memcpy(l->name, q->lpszServiceInstanceName, (wlen(q->lpszServiceInstanceName) + 1) * sizeof(WCHAR));
    *h = (HANDLE)l;
    return 0;
}

static INT WSAAPI next(HANDLE h, DWORD flags, LPDWORD len, LPWSAQUERYSETW out)
{
    struct lookup *l = (struct lookup *)h;
    size_t name_bytes = (wlen(l->name) + 1) * sizeof(WCHAR);
    size_t need = sizeof(WSAQUERYSETW) + sizeof(CSADDR_INFO) + 2 * sizeof(SOCKADDR_IN) + name_bytes;
    char *p = (char *)out;
    CSADDR_INFO *cs;
    SOCKADDR_IN *local, *remote;
    if (l->done) {
        WSASetLastError(WSA_E_NO_MORE);
        return SOCKET_ERROR;
    }
    if (*len < need) {
        *len = (DWORD)need;
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    memset(out, 0, need);
    out->dwSize = sizeof *out;
    out->dwNameSpace = NS_DNS;
    cs = (CSADDR_INFO *)(p + sizeof *out);
    local = (SOCKADDR_IN *)(cs + 1);
    remote = local + 1;
    local->sin_family = AF_INET;
    remote->sin_family = AF_INET;
    remote->sin_addr.s_addr = htonl(0xc000024d); /* 192.0.2.77 */
    cs->LocalAddr.lpSockaddr = (SOCKADDR *)local;
    cs->LocalAddr.iSockaddrLength = sizeof *local;
    cs->RemoteAddr.lpSockaddr = (SOCKADDR *)remote;
    cs->RemoteAddr.iSockaddrLength = sizeof *remote;
    cs->iSocketType = SOCK_STREAM;
    cs->iProtocol = IPPROTO_TCP;
    out->dwNumberOfCsAddrs = 1;
    out->lpcsaBuffer = cs;
    out->lpszServiceInstanceName = (LPWSTR)(remote + 1);
    memcpy(out->lpszServiceInstanceName, l->name, name_bytes);
    l->done = 1;
    return 0;
}

static INT WSAAPI end(HANDLE h)
{
    free((struct lookup *)h);
    return 0;
}

/* Prints a wide ASCII string on stderr. */
static void put_wide(const WCHAR *s)
{
    while (s && *s)
        fputc((char)*s++, stderr);
}

static INT WSAAPI set_service(LPGUID id, LPWSASERVICECLASSINFOW cls, LPWSAQUERYSETW q, WSAESETSERVICEOP op, DWORD flags)
{
    if (!q->lpszServiceInstanceName || !ends_with_fixed(q->lpszServiceInstanceName)) {
        WSASetLastError(WSAEINVAL);
        return SOCKET_ERROR;
    }
    fprintf(stderr, "nsp_fixed: NSPSetService op %d flags %u name ", (int)op, (unsigned)flags);
    put_wide(q->lpszServiceInstanceName);
    fprintf(stderr, " addrs %u service ", (unsigned)q->dwNumberOfCsAddrs);
    put_wide(q->lpszQueryString);
    fprintf(stderr, " class ");
    put_wide(cls->lpszServiceClassName);
    fprintf(stderr, " values %u\n", (unsigned)cls->dwCount);
    return 0;
}

static INT WSAAPI get_class_info(LPGUID id, LPDWORD len, LPWSASERVICECLASSINFOW info)
{
    static const WCHAR name[] = {'f', 'i', 'x', 'e', 'd', '-', 'e', 'c', 'h', 'o', 0};
    static const WCHAR port_name[] = {'T', 'c', 'p', 'P', 'o', 'r', 't', 0};
    struct packed {
        WSASERVICECLASSINFOW info;
        WSANSCLASSINFOW value;
        DWORD port;
        WCHAR name[sizeof name / sizeof name[0]];
        WCHAR port_name[sizeof port_name / sizeof port_name[0]];
    } *p = (struct packed *)info;
    GUID *asked = info->lpServiceClassId;
    if (!asked || memcmp(asked, &fixed_class, sizeof fixed_class) != 0) {
        WSASetLastError(WSATYPE_NOT_FOUND);
        return SOCKET_ERROR;
    }
    if (*len < sizeof *p) {
        *len = sizeof *p;
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    memcpy(p->name, name, sizeof name);
    memcpy(p->port_name, port_name, sizeof port_name);
    p->port = 7;
    p->value.lpszName = p->port_name;
    p->value.dwNameSpace = NS_DNS;
    p->value.dwValueType = 4; /* REG_DWORD */
    p->value.dwValueSize = sizeof p->port;
    p->value.lpValue = &p->port;
    p->info.lpServiceClassId = asked;
    p->info.lpszServiceClassName = p->name;
    p->info.dwCount = 1;
    p->info.lpClassInfos = &p->value;
    return 0;
}

static INT WSAAPI install_class(LPGUID id, LPWSASERVICECLASSINFOW cls)
{
    fprintf(stderr, "nsp_fixed: NSPInstallServiceClass ");
    put_wide(cls->lpszServiceClassName);
    fprintf(stderr, " values %u\n", (unsigned)cls->dwCount);
    return 0;
}

static INT WSAAPI remove_class(LPGUID id, LPGUID cls)
{
    if (memcmp(cls, &fixed_class, sizeof fixed_class) != 0) {
        WSASetLastError(WSATYPE_NOT_FOUND);
        return SOCKET_ERROR;
    }
    fprintf(stderr, "nsp_fixed: NSPRemoveServiceClass\n");
    return 0;
}

static INT fill(LPNSP_ROUTINE r)
{
    memset(r, 0, sizeof *r);
    r->cbSize = sizeof *r;
    r->dwMajorVersion = 2;
    r->dwMinorVersion = 2;
    r->NSPCleanup = cleanup;
    r->NSPLookupServiceBegin = begin;
    r->NSPLookupServiceNext = next;
    r->NSPLookupServiceEnd = end;
    r->NSPSetService = set_service;
    r->NSPInstallServiceClass = install_class;
    r->NSPRemoveServiceClass = remove_class;
    r->NSPGetServiceClassInfo = get_class_info;
    return 0;
}

#ifndef NO_STARTUP
INT WSAAPI NSPStartup(LPGUID id, LPNSP_ROUTINE r)
#else
INT WSAAPI NotNSPStartup(LPGUID id, LPNSP_ROUTINE r)
#endif
{
    return fill(r);
}
