/* Name resolution through ws2's DNS namespace provider against a real DNS server (dnsmasq on
 * loopback, started by crates/ws2_32/tests/dns.rs with tests/dns/hosts and the CNAME
 * www.test -> alpha.test). The catalog (WS2_CATALOG) has the DNS provider pointed at that
 * server and the system resolver disabled, so every answer below comes from the server.
 *
 *   resolve forward | reverse | nxdomain | down MS | slow | threads N M
 *
 * One line per check ("ok ..." or "FAIL ..."); exits non-zero on any failure. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <svcguid.h>
#include <windows.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W(s) u##s

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

/* Per thread: the threads check runs lookups from many threads at once. */
static const char *text(const SOCKADDR *sa, size_t len)
{
    static _Thread_local char buf[128];
    DWORD n = sizeof buf;
    if (WSAAddressToStringA((SOCKADDR *)sa, (DWORD)len, NULL, buf, &n) != 0)
        return "?";
    return buf;
}

/* The addresses getaddrinfo gives for `name` and `family`, as "a b c", or the error. */
static int lookup(const char *name, int family, int flags, char *out, size_t outlen, char *canon, size_t canonlen)
{
    ADDRINFOA hints, *res, *ai;
    int r;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    hints.ai_flags = flags;
    out[0] = 0;
    if (canon)
        canon[0] = 0;
    r = getaddrinfo(name, NULL, &hints, &res);
    if (r != 0)
        return r;
    for (ai = res; ai; ai = ai->ai_next) {
        if (out[0])
            strncat(out, " ", outlen - strlen(out) - 1);
        strncat(out, text(ai->ai_addr, ai->ai_addrlen), outlen - strlen(out) - 1);
    }
    if (canon && res->ai_canonname)
        snprintf(canon, canonlen, "%s", res->ai_canonname);
    freeaddrinfo(res);
    return 0;
}

static void forward(void)
{
    char a[512], c[256];
    int r;
    struct hostent *h;

    r = lookup("alpha.test", AF_UNSPEC, AI_CANONNAME, a, sizeof a, c, sizeof c);
    check(r == 0 && strcmp(a, "10.1.2.3") == 0 && strcmp(c, "alpha.test") == 0, "getaddrinfo(alpha.test): %s, canonical %s (%d)", a, c, r);
    r = lookup("www.test", AF_UNSPEC, AI_CANONNAME, a, sizeof a, c, sizeof c);
    check(r == 0 && strcmp(a, "10.1.2.3") == 0 && strcmp(c, "alpha.test") == 0, "getaddrinfo(www.test), a CNAME: %s, canonical %s (%d)", a, c, r);
    r = lookup("beta.test", AF_UNSPEC, 0, a, sizeof a, NULL, 0);
    check(r == 0 && strcmp(a, "10.1.2.4 fd00::5") == 0, "getaddrinfo(beta.test, AF_UNSPEC): A and AAAA: %s (%d)", a, r);
    r = lookup("beta.test", AF_INET6, 0, a, sizeof a, NULL, 0);
    check(r == 0 && strcmp(a, "fd00::5") == 0, "getaddrinfo(beta.test, AF_INET6): %s (%d)", a, r);
    r = lookup("delta.test", AF_INET, 0, a, sizeof a, NULL, 0);
    check(r == 0 && (strcmp(a, "10.1.2.7 10.1.2.8") == 0 || strcmp(a, "10.1.2.8 10.1.2.7") == 0), "getaddrinfo(delta.test): two A records: %s (%d)", a, r);
    r = lookup("gamma.test", AF_INET, 0, a, sizeof a, NULL, 0);
    check(r == WSAHOST_NOT_FOUND, "getaddrinfo(gamma.test, AF_INET), a name with only AAAA: WSAHOST_NOT_FOUND (%d)", r);
    r = lookup("alpha.test", AF_INET6, AI_V4MAPPED, a, sizeof a, NULL, 0);
    check(r == 0 && strcmp(a, "::ffff:10.1.2.3") == 0, "getaddrinfo(alpha.test, AF_INET6, AI_V4MAPPED): %s (%d)", a, r);
    r = lookup("ALPHA.Test.", AF_INET, 0, a, sizeof a, NULL, 0);
    check(r == 0 && strcmp(a, "10.1.2.3") == 0, "getaddrinfo(\"ALPHA.Test.\"): case and the root dot do not matter: %s (%d)", a, r);
    r = lookup("localhost", AF_INET, 0, a, sizeof a, NULL, 0);
    check(r == 0 && strcmp(a, "127.0.0.1") == 0, "getaddrinfo(localhost) is answered without the server: %s (%d)", a, r);

    {
        ADDRINFOW *res;
        r = GetAddrInfoW(W("alpha.test"), W("80"), NULL, &res);
        check(r == 0 && strcmp(text(res->ai_addr, res->ai_addrlen), "10.1.2.3:80") == 0, "GetAddrInfoW(alpha.test, 80) (%d)", r);
        if (r == 0)
            FreeAddrInfoW(res);
    }

    h = gethostbyname("www.test");
    check(h && strcmp(h->h_name, "alpha.test") == 0 && h->h_aliases[0] && strcmp(h->h_aliases[0], "www.test") == 0 &&
              memcmp(h->h_addr_list[0], "\x0a\x01\x02\x03", 4) == 0 && !h->h_addr_list[1],
          "gethostbyname(www.test): h_name alpha.test, alias www.test, 10.1.2.3");
    h = gethostbyname("gamma.test");
    check(!h && WSAGetLastError() == WSANO_DATA, "gethostbyname(gamma.test), only AAAA: WSANO_DATA (%d)", WSAGetLastError());

    {
        static GUID byname = SVCID_INET_HOSTADDRBYNAME;
        static union {
            WSAQUERYSETW q;
            char b[4096];
        } out;
        WSAQUERYSETW q;
        HANDLE lk;
        DWORD len;
        memset(&q, 0, sizeof q);
        q.dwSize = sizeof q;
        q.lpszServiceInstanceName = (LPWSTR)W("www.test");
        q.lpServiceClassId = &byname;
        q.dwNameSpace = NS_DNS;
        r = WSALookupServiceBeginW(&q, LUP_RETURN_NAME | LUP_RETURN_ADDR | LUP_RETURN_ALIASES, &lk);
        check(r == 0, "WSALookupServiceBeginW(www.test, LUP_RETURN_ALIASES) (%d)", WSAGetLastError());
        if (r == 0) {
            len = sizeof out;
            r = WSALookupServiceNextW(lk, 0, &len, &out.q);
            check(r == 0 && out.q.dwNumberOfCsAddrs == 1 && strcmp(text(out.q.lpcsaBuffer[0].RemoteAddr.lpSockaddr, out.q.lpcsaBuffer[0].RemoteAddr.iSockaddrLength), "10.1.2.3") == 0 &&
                      out.q.lpszServiceInstanceName[0] == 'a' && !(out.q.dwOutputFlags & RESULT_IS_ALIAS),
                  "first result: the canonical name and 10.1.2.3");
            len = sizeof out;
            r = WSALookupServiceNextW(lk, 0, &len, &out.q);
            check(r == 0 && (out.q.dwOutputFlags & RESULT_IS_ALIAS) && out.q.lpszServiceInstanceName[0] == 'w', "second result: the alias www.test, RESULT_IS_ALIAS");
            len = sizeof out;
            r = WSALookupServiceNextW(lk, 0, &len, &out.q);
            check(r == SOCKET_ERROR && WSAGetLastError() == WSA_E_NO_MORE, "then WSA_E_NO_MORE");
            WSALookupServiceEnd(lk);
        }
    }

    {
        OVERLAPPED ov;
        ADDRINFOEXW *res = NULL;
        memset(&ov, 0, sizeof ov);
        ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
        r = GetAddrInfoExW(W("beta.test"), NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, NULL, NULL);
        check(r == WSA_IO_PENDING && WaitForSingleObject(ov.hEvent, 10000) == WAIT_OBJECT_0 && GetAddrInfoExOverlappedResult(&ov) == 0 && res && res->ai_next,
              "GetAddrInfoExW(beta.test) asynchronously: both addresses (%d)", r);
        if (res)
            FreeAddrInfoExW(res);
        CloseHandle(ov.hEvent);
    }
}

static void reverse(void)
{
    SOCKADDR_IN sin;
    SOCKADDR_IN6 sin6;
    char host[NI_MAXHOST];
    struct hostent *h;
    int r;

    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = inet_addr("10.1.2.3");
    r = getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, NULL, 0, NI_NAMEREQD);
    check(r == 0 && strcmp(host, "alpha.test") == 0, "getnameinfo(10.1.2.3, NI_NAMEREQD): %s (%d)", r ? "" : host, r);
    h = gethostbyaddr("\x0a\x01\x02\x04", 4, AF_INET);
    check(h && strcmp(h->h_name, "beta.test") == 0 && memcmp(h->h_addr_list[0], "\x0a\x01\x02\x04", 4) == 0, "gethostbyaddr(10.1.2.4): %s", h ? h->h_name : "(null)");
    memset(&sin6, 0, sizeof sin6);
    sin6.sin6_family = AF_INET6;
    inet_pton(AF_INET6, "fd00::6", &sin6.sin6_addr);
    r = getnameinfo((SOCKADDR *)&sin6, sizeof sin6, host, sizeof host, NULL, 0, NI_NAMEREQD);
    check(r == 0 && strcmp(host, "gamma.test") == 0, "getnameinfo(fd00::6), an ip6.arpa name: %s (%d)", r ? "" : host, r);
    sin.sin_addr.s_addr = inet_addr("10.9.9.9");
    r = getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, NULL, 0, NI_NAMEREQD);
    check(r == WSAHOST_NOT_FOUND, "getnameinfo(10.9.9.9, NI_NAMEREQD), NXDOMAIN: WSAHOST_NOT_FOUND (%d)", r);
    r = getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, NULL, 0, 0);
    check(r == 0 && strcmp(host, "10.9.9.9") == 0, "without NI_NAMEREQD: the numeric form (%s)", host);
    h = gethostbyaddr("\x0a\x09\x09\x09", 4, AF_INET);
    check(!h && WSAGetLastError() == WSAHOST_NOT_FOUND, "gethostbyaddr(10.9.9.9): WSAHOST_NOT_FOUND (%d)", WSAGetLastError());
}

static void nxdomain(void)
{
    char a[256];
    int r;
    struct hostent *h;
    ADDRINFOW *wres;

    r = lookup("nx.test", AF_UNSPEC, 0, a, sizeof a, NULL, 0);
    check(r == WSAHOST_NOT_FOUND && WSAGetLastError() == WSAHOST_NOT_FOUND, "getaddrinfo(nx.test): WSAHOST_NOT_FOUND 11001 (%d)", r);
    r = GetAddrInfoW(W("nx.test"), NULL, NULL, &wres);
    check(r == WSAHOST_NOT_FOUND, "GetAddrInfoW(nx.test): WSAHOST_NOT_FOUND (%d)", r);
    h = gethostbyname("nx.test");
    check(!h && WSAGetLastError() == WSAHOST_NOT_FOUND, "gethostbyname(nx.test): WSAHOST_NOT_FOUND (%d)", WSAGetLastError());
    {
        static GUID byname = SVCID_INET_HOSTADDRBYNAME;
        WSAQUERYSETA q;
        HANDLE lk;
        memset(&q, 0, sizeof q);
        q.dwSize = sizeof q;
        q.lpszServiceInstanceName = "nx.test";
        q.lpServiceClassId = &byname;
        q.dwNameSpace = NS_ALL;
        r = WSALookupServiceBeginA(&q, LUP_RETURN_ADDR, &lk);
        check(r == SOCKET_ERROR && WSAGetLastError() == WSAHOST_NOT_FOUND, "WSALookupServiceBeginA(nx.test): WSAHOST_NOT_FOUND (%d)", WSAGetLastError());
    }
    {
        OVERLAPPED ov;
        ADDRINFOEXW *res = (ADDRINFOEXW *)1;
        memset(&ov, 0, sizeof ov);
        ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
        r = GetAddrInfoExW(W("nx.test"), NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, NULL, NULL);
        check(r == WSA_IO_PENDING && WaitForSingleObject(ov.hEvent, 10000) == WAIT_OBJECT_0 && GetAddrInfoExOverlappedResult(&ov) == WSAHOST_NOT_FOUND && res == NULL,
              "GetAddrInfoExW(nx.test) asynchronously: WSAHOST_NOT_FOUND");
        CloseHandle(ov.hEvent);
    }
}

/* The configured server never answers: bounded by the provider's settings. */
static void down(DWORD limit_ms)
{
    char a[256];
    DWORD t0 = GetTickCount(), took;
    int r = lookup("alpha.test", AF_UNSPEC, 0, a, sizeof a, NULL, 0);
    took = GetTickCount() - t0;
    check(r == WSATRY_AGAIN, "getaddrinfo with the server down: WSATRY_AGAIN 11002 (%d)", r);
    check(took < limit_ms, "and it gives up within %u ms", (unsigned)limit_ms);
    if (took >= limit_ms)
        printf("  took %u ms\n", (unsigned)took);
}

static HANDLE cancelled_done;
static DWORD cancelled_error;

static void CALLBACK on_cancelled(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    cancelled_error = error;
    SetEvent(cancelled_done);
}

/* The server never answers and the provider would wait long: GetAddrInfoEx's own timeout and
 * GetAddrInfoExCancel end the call early. */
static void slow(void)
{
    ADDRINFOEXW *res = (ADDRINFOEXW *)1;
    struct timeval tv = {0, 300000};
    OVERLAPPED ov;
    HANDLE h = NULL;
    DWORD t0 = GetTickCount(), took;
    int r;

    r = GetAddrInfoExW(W("alpha.test"), NULL, NS_ALL, NULL, NULL, &res, &tv, NULL, NULL, NULL);
    took = GetTickCount() - t0;
    check(r == WSAETIMEDOUT && res == NULL && took < 3000, "GetAddrInfoExW with a 300 ms timeout: WSAETIMEDOUT after %u ms (%d)", (unsigned)took, r);

    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    t0 = GetTickCount();
    r = GetAddrInfoExW(W("alpha.test"), NULL, NS_ALL, NULL, NULL, &res, &tv, &ov, NULL, NULL);
    check(r == WSA_IO_PENDING && WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0 && GetAddrInfoExOverlappedResult(&ov) == WSAETIMEDOUT,
          "asynchronously with a 300 ms timeout: the event, then WSAETIMEDOUT (%u ms)", (unsigned)(GetTickCount() - t0));
    CloseHandle(ov.hEvent);

    cancelled_done = CreateEventW(NULL, TRUE, FALSE, NULL);
    memset(&ov, 0, sizeof ov);
    res = (ADDRINFOEXW *)1;
    r = GetAddrInfoExW(W("alpha.test"), NULL, NS_ALL, NULL, NULL, &res, NULL, &ov, on_cancelled, &h);
    check(r == WSA_IO_PENDING && h != NULL, "a pending GetAddrInfoExW with a completion routine and a cancel handle (%d)", r);
    check(GetAddrInfoExOverlappedResult(&ov) == WSAEINPROGRESS, "GetAddrInfoExOverlappedResult meanwhile: WSAEINPROGRESS");
    t0 = GetTickCount();
    r = GetAddrInfoExCancel(&h);
    check(r == 0, "GetAddrInfoExCancel: NO_ERROR (%d)", r);
    check(WaitForSingleObject(cancelled_done, 2000) == WAIT_OBJECT_0 && cancelled_error == WSA_E_CANCELLED && GetTickCount() - t0 < 1000,
          "the routine runs at once with WSA_E_CANCELLED (%u)", (unsigned)cancelled_error);
    check(GetAddrInfoExOverlappedResult(&ov) == WSA_E_CANCELLED && res == NULL, "GetAddrInfoExOverlappedResult: WSA_E_CANCELLED, no list");
    check(GetAddrInfoExCancel(&h) == WSA_INVALID_HANDLE, "cancelling again: WSA_INVALID_HANDLE");
    CloseHandle(cancelled_done);
}

static int per_thread;
static volatile LONG thread_failures;

static DWORD WINAPI resolver_thread(LPVOID arg)
{
    static const char *names[] = {"alpha.test", "beta.test", "www.test", "delta.test", "nx.test"};
    static const char *want[] = {"10.1.2.3", "10.1.2.4", "10.1.2.3", "10.1.2.", NULL};
    int i, k = (int)(INT_PTR)arg;
    char a[256];
    for (i = 0; i < per_thread; i++) {
        int n = (i + k) % 5;
        int r = lookup(names[n], AF_INET, 0, a, sizeof a, NULL, 0);
        int good = want[n] ? (r == 0 && strncmp(a, want[n], strlen(want[n])) == 0) : r == WSAHOST_NOT_FOUND;
        if (!good) {
            printf("  thread %d: %s -> %d \"%s\"\n", k, names[n], r, a);
            InterlockedIncrement(&thread_failures);
        }
    }
    return 0;
}

static void threads(int n, int m)
{
    HANDLE th[64];
    int i;
    DWORD t0 = GetTickCount();
    per_thread = m;
    if (n > 64)
        n = 64;
    for (i = 0; i < n; i++)
        th[i] = CreateThread(NULL, 0, resolver_thread, (LPVOID)(INT_PTR)i, 0, NULL);
    for (i = 0; i < n; i++) {
        WaitForSingleObject(th[i], INFINITE);
        CloseHandle(th[i]);
    }
    check(thread_failures == 0, "%d threads x %d lookups at once, every answer right (%ld wrong, %u ms)", n, m, (long)thread_failures, (unsigned)(GetTickCount() - t0));
}

int main(int argc, char **argv)
{
    WSADATA data;

    if (argc < 2 || WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        printf("FAIL usage: resolve forward|reverse|nxdomain|down MS|slow|threads N M\n");
        return 2;
    }
    if (strcmp(argv[1], "forward") == 0)
        forward();
    else if (strcmp(argv[1], "reverse") == 0)
        reverse();
    else if (strcmp(argv[1], "nxdomain") == 0)
        nxdomain();
    else if (strcmp(argv[1], "down") == 0 && argc > 2)
        down((DWORD)atoi(argv[2]));
    else if (strcmp(argv[1], "slow") == 0)
        slow();
    else if (strcmp(argv[1], "threads") == 0 && argc > 3)
        threads(atoi(argv[2]), atoi(argv[3]));
    else {
        printf("FAIL unknown mode %s\n", argv[1]);
        return 2;
    }
    WSACleanup();
    printf("%d failure(s)\n", failures);
    return failures != 0;
}
