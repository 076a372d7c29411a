/* WSALookupServiceBegin/Next/End (W and A) through the namespace catalog's default provider
 * (the system resolver, NS_DNS): host names, addresses, the local host name and services, with
 * the LUP_RETURN_* flags, RESULT_IS_ALIAS, WSA_E_NO_MORE, short buffers and bad arguments.
 * Only local names are used (localhost, 127.0.0.1, /etc/services).
 * No golden: Wine 8 does not implement WSALookupService (it fails every call), so the checks
 * follow the Windows documentation. One line per check; exits non-zero on any failure. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <svcguid.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static GUID byname = SVCID_INET_HOSTADDRBYNAME, bystring = SVCID_INET_HOSTADDRBYINETSTRING;
static GUID hostname = SVCID_HOSTNAME, service = SVCID_INET_SERVICEBYNAME;
static GUID tcpip = {0x22059d40, 0x7e9e, 0x11cf, {0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b}};

static union {
    WSAQUERYSETW w;
    WSAQUERYSETA a;
    char bytes[4096];
} out;

static int begin_w(const WCHAR *name, GUID *cls, DWORD ns, DWORD flags, HANDLE *h)
{
    WSAQUERYSETW q;
    memset(&q, 0, sizeof q);
    q.dwSize = sizeof q;
    q.lpszServiceInstanceName = (LPWSTR)name;
    q.lpServiceClassId = cls;
    q.dwNameSpace = ns;
    return WSALookupServiceBeginW(&q, flags, h);
}

static void host_by_name(void)
{
    HANDLE h;
    DWORD len, i;
    int r, e, loopback = 0, n = 0;

    r = begin_w(W("localhost"), &byname, NS_DNS, LUP_RETURN_NAME | LUP_RETURN_ADDR | LUP_RETURN_TYPE, &h);
    check(r == 0, "WSALookupServiceBeginW(localhost, HOSTADDRBYNAME, NS_DNS) (%d, %d)", r, WSAGetLastError());
    if (r != 0)
        return;
    len = sizeof out;
    r = WSALookupServiceNextW(h, 0, &len, &out.w);
    check(r == 0, "WSALookupServiceNextW: the first result (%d, %d)", r, WSAGetLastError());
    if (r == 0) {
        check(out.w.dwSize == sizeof(WSAQUERYSETW) && out.w.dwNameSpace == NS_DNS, "result: dwSize %u, dwNameSpace NS_DNS", (unsigned)out.w.dwSize);
        check(out.w.lpszServiceInstanceName && wide_eq_ascii(out.w.lpszServiceInstanceName, "localhost"), "LUP_RETURN_NAME: the host's name");
        check(out.w.lpServiceClassId && memcmp(out.w.lpServiceClassId, &byname, sizeof byname) == 0, "LUP_RETURN_TYPE: the service class");
        check(out.w.lpNSProviderId && memcmp(out.w.lpNSProviderId, &tcpip, sizeof tcpip) == 0, "lpNSProviderId: the Tcpip provider");
        check(out.w.lpBlob == NULL, "no LUP_RETURN_BLOB: no blob");
        for (i = 0; i < out.w.dwNumberOfCsAddrs; i++) {
            CSADDR_INFO *c = &out.w.lpcsaBuffer[i];
            SOCKADDR *sa = c->RemoteAddr.lpSockaddr;
            n++;
            if (sa->sa_family == AF_INET && c->RemoteAddr.iSockaddrLength == sizeof(SOCKADDR_IN) &&
                ((SOCKADDR_IN *)sa)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
                loopback = 1;
            if (sa->sa_family == AF_INET6 && c->RemoteAddr.iSockaddrLength == sizeof(SOCKADDR_IN6))
                loopback = 1;
            if (c->LocalAddr.lpSockaddr->sa_family != sa->sa_family || c->iSocketType != SOCK_STREAM || c->iProtocol != IPPROTO_TCP)
                loopback = -100;
        }
        check(n >= 1 && loopback == 1, "LUP_RETURN_ADDR: CSADDR_INFO with loopback addresses, TCP (%d entries)", n);
        check((char *)out.w.lpcsaBuffer > out.bytes && (char *)out.w.lpcsaBuffer < out.bytes + len, "the addresses lie inside the caller's buffer");
    }
    len = sizeof out;
    r = WSALookupServiceNextW(h, 0, &len, &out.w);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSA_E_NO_MORE, "the next call: WSA_E_NO_MORE 10110 (%d)", e);
    check(WSALookupServiceEnd(h) == 0, "WSALookupServiceEnd");
    r = WSALookupServiceEnd(h);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSA_INVALID_HANDLE, "WSALookupServiceEnd twice: WSA_INVALID_HANDLE");
}

static void short_buffer_and_blob(void)
{
    HANDLE h;
    DWORD len;
    int r, e;
    WSAQUERYSETW small;

    r = begin_w(W("localhost"), &byname, NS_ALL, LUP_RETURN_NAME | LUP_RETURN_BLOB | LUP_RETURN_ADDR, &h);
    check(r == 0, "WSALookupServiceBeginW(localhost, NS_ALL, LUP_RETURN_BLOB) (%d)", r);
    if (r != 0)
        return;
    len = sizeof small;
    r = WSALookupServiceNextW(h, 0, &len, &small);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEFAULT && len > sizeof small, "a buffer of sizeof(WSAQUERYSETW): WSAEFAULT, %u bytes needed", (unsigned)len);
    len = sizeof out;
    r = WSALookupServiceNextW(h, 0, &len, &out.w);
    check(r == 0, "the same result again into a large buffer (%d)", r);
    if (r == 0) {
        struct hostent *he = (struct hostent *)out.w.lpBlob->pBlobData;
        char *base = (char *)he;
        size_t name_off = (size_t)he->h_name, list_off = (size_t)he->h_addr_list;
        check(out.w.lpBlob && out.w.lpBlob->cbSize >= sizeof(struct hostent), "LUP_RETURN_BLOB: a hostent blob of %u bytes", (unsigned)out.w.lpBlob->cbSize);
        check(name_off < out.w.lpBlob->cbSize && strcmp(base + name_off, "localhost") == 0, "hostent blob: h_name is an offset to \"localhost\"");
        check(he->h_addrtype == AF_INET && he->h_length == 4 && list_off < out.w.lpBlob->cbSize, "hostent blob: AF_INET, 4-byte addresses, offsets for pointers");
        if (list_off < out.w.lpBlob->cbSize) {
            size_t first = *(size_t *)(base + list_off);
            check(first < out.w.lpBlob->cbSize && memcmp(base + first, "\x7f\0\0\x01", 4) == 0, "hostent blob: the first address is 127.0.0.1");
        }
    }
    WSALookupServiceEnd(h);

    r = begin_w(W("localhost"), &byname, NS_DNS, LUP_RETURN_NAME, &h);
    if (r == 0) {
        len = sizeof small;
        WSALookupServiceNextW(h, 0, &len, &small);
        len = sizeof out;
        r = WSALookupServiceNextW(h, LUP_FLUSHPREVIOUS, &len, &out.w);
        e = WSAGetLastError();
        check(r == SOCKET_ERROR && e == WSA_E_NO_MORE, "LUP_FLUSHPREVIOUS drops the result that did not fit (%d)", e);
        WSALookupServiceEnd(h);
    }
}

static void other_classes(void)
{
    HANDLE h;
    DWORD len;
    int r;
    char local[256];

    r = begin_w(W("127.0.0.1"), &bystring, NS_DNS, LUP_RETURN_NAME, &h);
    check(r == 0, "HOSTADDRBYINETSTRING(127.0.0.1) (%d, %d)", r, WSAGetLastError());
    if (r == 0) {
        len = sizeof out;
        r = WSALookupServiceNextW(h, 0, &len, &out.w);
        check(r == 0 && out.w.lpszServiceInstanceName && out.w.lpszServiceInstanceName[0], "the address's host name");
        WSALookupServiceEnd(h);
    }

    gethostname(local, sizeof local);
    r = begin_w(NULL, &hostname, NS_DNS, LUP_RETURN_NAME, &h);
    check(r == 0, "SVCID_HOSTNAME without a name (%d)", r);
    if (r == 0) {
        len = sizeof out;
        r = WSALookupServiceNextW(h, 0, &len, &out.w);
        check(r == 0 && out.w.lpszServiceInstanceName && wide_eq_ascii(out.w.lpszServiceInstanceName, local), "SVCID_HOSTNAME: the local host name");
        WSALookupServiceEnd(h);
    }

    r = begin_w(W("http"), &service, NS_DNS, LUP_RETURN_NAME | LUP_RETURN_BLOB, &h);
    check(r == 0, "SERVICEBYNAME(http) (%d)", r);
    if (r == 0) {
        len = sizeof out;
        r = WSALookupServiceNextW(h, 0, &len, &out.w);
        if (r == 0 && out.w.lpBlob) {
            struct servent *se = (struct servent *)out.w.lpBlob->pBlobData;
            check(se->s_port == htons(80) && strcmp((char *)se + (size_t)se->s_name, "http") == 0, "servent blob: \"http\", port 80");
        } else {
            check(0, "servent blob (%d)", r);
        }
        WSALookupServiceEnd(h);
    }
}

static void ansi_and_aliases(void)
{
    WSAQUERYSETA q;
    HANDLE h;
    DWORD len;
    int r, results = 0;
    char small[sizeof(WSAQUERYSETA) + 4];

    memset(&q, 0, sizeof q);
    q.dwSize = sizeof q;
    q.lpszServiceInstanceName = "localhost";
    q.lpServiceClassId = &byname;
    q.dwNameSpace = NS_DNS;
    r = WSALookupServiceBeginA(&q, LUP_RETURN_NAME | LUP_RETURN_ADDR | LUP_RETURN_ALIASES, &h);
    check(r == 0, "WSALookupServiceBeginA(localhost, LUP_RETURN_ALIASES) (%d)", r);
    if (r != 0)
        return;
    len = sizeof small;
    r = WSALookupServiceNextA(h, 0, &len, (WSAQUERYSETA *)small);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len > sizeof small, "WSALookupServiceNextA into a short buffer: WSAEFAULT, %u needed", (unsigned)len);
    for (;;) {
        len = sizeof out;
        r = WSALookupServiceNextA(h, 0, &len, &out.a);
        if (r != 0)
            break;
        if (results == 0)
            check(out.a.lpszServiceInstanceName && strcmp(out.a.lpszServiceInstanceName, "localhost") == 0 && !(out.a.dwOutputFlags & RESULT_IS_ALIAS) && out.a.dwNumberOfCsAddrs >= 1,
                  "WSALookupServiceNextA: the kept result, ANSI name \"localhost\" and addresses");
        else
            check((out.a.dwOutputFlags & RESULT_IS_ALIAS) && out.a.lpszServiceInstanceName, "alias result (RESULT_IS_ALIAS): \"%s\"", out.a.lpszServiceInstanceName);
        results++;
    }
    check(WSAGetLastError() == WSA_E_NO_MORE && results >= 1, "then WSA_E_NO_MORE (%d results)", results);
    WSALookupServiceEnd(h);
}

static void errors(void)
{
    WSAQUERYSETW q;
    HANDLE h;
    DWORD len = sizeof out;
    int r, e;
    GUID unknown = {0x12345678, 1, 2, {3, 4, 5, 6, 7, 8, 9, 10}};

    r = begin_w(W("localhost"), NULL, NS_DNS, LUP_RETURN_NAME, &h);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEINVAL, "no service class: WSAEINVAL (%d)", e);
    r = WSALookupServiceBeginW(NULL, LUP_RETURN_NAME, &h);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEFAULT, "no restrictions: WSAEFAULT (%d)", e);
    memset(&q, 0, sizeof q);
    q.dwSize = 8;
    q.lpServiceClassId = &byname;
    r = WSALookupServiceBeginW(&q, 0, &h);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEINVAL, "dwSize too small: WSAEINVAL (%d)", e);
    r = begin_w(W("no.such.host.invalid"), &byname, NS_DNS, LUP_RETURN_ADDR, &h);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAHOST_NOT_FOUND, "unknown host: WSAHOST_NOT_FOUND from Begin (%d)", e);
    r = begin_w(W("x"), &unknown, NS_DNS, LUP_RETURN_NAME, &h);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSASERVICE_NOT_FOUND, "a service class no provider serves: WSASERVICE_NOT_FOUND (%d)", e);
    r = begin_w(W("localhost"), &byname, NS_NIS, LUP_RETURN_NAME, &h);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSASERVICE_NOT_FOUND, "a namespace without providers (NS_NIS): WSASERVICE_NOT_FOUND (%d)", e);
    memset(&q, 0, sizeof q);
    q.dwSize = sizeof q;
    q.lpszServiceInstanceName = W("localhost");
    q.lpServiceClassId = &byname;
    q.lpNSProviderId = &unknown;
    r = WSALookupServiceBeginW(&q, LUP_RETURN_NAME, &h);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEINVAL, "an unknown lpNSProviderId: WSAEINVAL (%d)", e);
    q.lpNSProviderId = &tcpip;
    r = WSALookupServiceBeginW(&q, LUP_RETURN_NAME, &h);
    check(r == 0, "lpNSProviderId = Tcpip: accepted (%d)", r);
    if (r == 0)
        WSALookupServiceEnd(h);
    r = WSALookupServiceNextW((HANDLE)0x1234, 0, &len, &out.w);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSA_INVALID_HANDLE, "WSALookupServiceNextW on a bad handle: WSA_INVALID_HANDLE (%d)", e);
}

int main(void)
{
    WSADATA data;
    HANDLE h;
    int r;

    r = begin_w(W("localhost"), &byname, NS_DNS, LUP_RETURN_NAME, &h);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "WSALookupServiceBeginW before WSAStartup: WSANOTINITIALISED");
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        printf("FAIL WSAStartup\n");
        return 1;
    }
    host_by_name();
    short_buffer_and_blob();
    other_classes();
    ansi_and_aliases();
    errors();
    WSACleanup();
    printf("%d failure(s)\n", failures);
    return failures != 0;
}
