/* A namespace provider written against ws2spi.h: it answers SVCID_INET_HOSTADDRBYNAME for
 * names ending in ".fixed" with 192.0.2.77 (the name as canonical name), and leaves every other
 * query to the providers after it (WSASERVICE_NOT_FOUND). NSPCleanup says so on stderr.
 *   -DNO_STARTUP   exports no NSPStartup (ws2_32 must skip it, log why, and keep resolving) */
#include <winsock2.h>
#include <ws2spi.h>
#include <svcguid.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
