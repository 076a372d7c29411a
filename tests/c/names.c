/* Name resolution: getaddrinfo/GetAddrInfoW, getnameinfo/GetNameInfoW, gethostname/GetHostNameW,
 * gethostbyname/gethostbyaddr, getservbyname/getservbyport and getprotobyname/getprotobynumber,
 * with Windows values, layouts and error codes. Only local names are used (localhost, the
 * machine's own name, literals, /etc/services); "no.such.host.invalid" can never resolve.
 * One line per check ("ok ..." or "FAIL ..."); exits non-zero on any failure. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static size_t wide_len(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static void before_startup(void)
{
    ADDRINFOA *res = (ADDRINFOA *)1;
    char name[256];
    int r = getaddrinfo("127.0.0.1", NULL, NULL, &res), e = WSAGetLastError();
    check(r == WSANOTINITIALISED && e == WSANOTINITIALISED && res == NULL, "getaddrinfo before WSAStartup: WSANOTINITIALISED (%d)", r);
    r = gethostname(name, sizeof name);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSANOTINITIALISED, "gethostname before WSAStartup: WSANOTINITIALISED (%d)", e);
    check(gethostbyname("localhost") == NULL && WSAGetLastError() == WSANOTINITIALISED, "gethostbyname before WSAStartup: WSANOTINITIALISED");
}

static void addrinfo_basics(void)
{
    ADDRINFOA hints, *res, *ai;
    SOCKADDR_IN *sin;
    SOCKADDR_IN6 *sin6;
    int r, e, n, socktype_zero, has_loopback;

    WSASetLastError(1234);
    res = NULL;
    r = getaddrinfo("localhost", NULL, NULL, &res);
    e = WSAGetLastError();
    check(r == 0 && res != NULL && e == 0, "getaddrinfo(\"localhost\") succeeds and clears the last error (%d, %d)", r, e);
    n = 0;
    socktype_zero = 1;
    has_loopback = 0;
    for (ai = res; ai; ai = ai->ai_next) {
        n++;
        if (ai->ai_socktype != 0 || ai->ai_protocol != 0)
            socktype_zero = 0;
        if (ai->ai_family == AF_INET && ai->ai_addrlen == sizeof(SOCKADDR_IN) &&
            ((SOCKADDR_IN *)ai->ai_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
            has_loopback = 1;
        if (ai->ai_family == AF_INET6 && ai->ai_addrlen == sizeof(SOCKADDR_IN6) && ai->ai_addr->sa_family == 23)
            has_loopback = 1;
    }
    check(n >= 1 && has_loopback, "localhost resolves to a loopback address (%d entries)", n);
    check(socktype_zero, "without hints, ai_socktype and ai_protocol are 0");
    freeaddrinfo(res);
    freeaddrinfo(NULL);
    check(1, "freeaddrinfo(NULL) is a no-op");

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_NUMERICHOST;
    r = getaddrinfo("127.0.0.1", "80", &hints, &res);
    check(r == 0 && res && !res->ai_next, "getaddrinfo(\"127.0.0.1\", \"80\", AI_NUMERICHOST): one entry (%d)", r);
    if (r == 0) {
        sin = (SOCKADDR_IN *)res->ai_addr;
        check(res->ai_family == AF_INET && res->ai_socktype == SOCK_STREAM && res->ai_protocol == IPPROTO_TCP &&
                  res->ai_addrlen == sizeof(SOCKADDR_IN) && res->ai_canonname == NULL,
              "entry: AF_INET, SOCK_STREAM, IPPROTO_TCP, 16 bytes");
        check(sin->sin_family == AF_INET && sin->sin_port == htons(80) && sin->sin_addr.s_addr == inet_addr("127.0.0.1"),
              "entry address: 127.0.0.1 port 80");
        freeaddrinfo(res);
    }

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET6;
    hints.ai_flags = AI_NUMERICHOST;
    r = getaddrinfo("::1", "443", &hints, &res);
    check(r == 0 && res && res->ai_family == 23 && res->ai_addrlen == sizeof(SOCKADDR_IN6), "getaddrinfo(\"::1\"): AF_INET6 (23), 28 bytes (%d)", r);
    if (r == 0) {
        sin6 = (SOCKADDR_IN6 *)res->ai_addr;
        check(sin6->sin6_family == 23 && sin6->sin6_port == htons(443) && sin6->sin6_addr.s6_addr[15] == 1, "entry address: ::1 port 443");
        freeaddrinfo(res);
    }

    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST;
    r = getaddrinfo("[::1]:80", NULL, &hints, &res);
    check(r == 0 && res && res->ai_family == AF_INET6, "getaddrinfo(\"[::1]:80\"): the bracketed literal (%d)", r);
    if (r == 0)
        freeaddrinfo(res);

    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_DGRAM;
    r = getaddrinfo("localhost", "53", &hints, &res);
    check(r == 0 && res && res->ai_socktype == SOCK_DGRAM && res->ai_protocol == 0, "hints SOCK_DGRAM/0: entries carry them (%d)", r);
    if (r == 0)
        freeaddrinfo(res);

    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_CANONNAME;
    r = getaddrinfo("localhost", NULL, &hints, &res);
    check(r == 0 && res && res->ai_canonname && res->ai_canonname[0], "AI_CANONNAME: the first entry has a canonical name (%s)",
          r == 0 && res->ai_canonname ? res->ai_canonname : "(null)");
    if (r == 0)
        freeaddrinfo(res);

    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_PASSIVE;
    hints.ai_family = AF_INET;
    r = getaddrinfo(NULL, "8080", &hints, &res);
    check(r == 0 && res && ((SOCKADDR_IN *)res->ai_addr)->sin_addr.s_addr == INADDR_ANY && ((SOCKADDR_IN *)res->ai_addr)->sin_port == htons(8080),
          "AI_PASSIVE with no node: INADDR_ANY port 8080 (%d)", r);
    if (r == 0)
        freeaddrinfo(res);

    r = getaddrinfo("", NULL, NULL, &res);
    check(r == 0 && res, "getaddrinfo(\"\"): the local host (%d)", r);
    if (r == 0)
        freeaddrinfo(res);
}

static void addrinfo_errors(void)
{
    ADDRINFOA hints, *res;
    int r, e;

    res = (ADDRINFOA *)1;
    r = getaddrinfo("no.such.host.invalid", NULL, NULL, &res);
    e = WSAGetLastError();
    check(r == WSAHOST_NOT_FOUND && e == WSAHOST_NOT_FOUND && res == NULL, "unknown host: WSAHOST_NOT_FOUND 11001, result NULL (%d, %d)", r, e);
    r = getaddrinfo(NULL, "nonexistentservice", NULL, &res);
    e = WSAGetLastError();
    check(r == WSATYPE_NOT_FOUND && e == WSATYPE_NOT_FOUND, "unknown service: WSATYPE_NOT_FOUND 10109 (%d, %d)", r, e);
    r = getaddrinfo(NULL, NULL, NULL, &res);
    check(r == WSAHOST_NOT_FOUND && EAI_NONAME == WSAHOST_NOT_FOUND, "no node and no service: WSAHOST_NOT_FOUND (%d)", r);

    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST;
    r = getaddrinfo("localhost", "80", &hints, &res);
    check(r == WSAHOST_NOT_FOUND && res == NULL, "AI_NUMERICHOST with a name: WSAHOST_NOT_FOUND (%d)", r);

    memset(&hints, 0, sizeof hints);
    hints.ai_family = 99;
    r = getaddrinfo("localhost", NULL, &hints, &res);
    e = WSAGetLastError();
    check(r == WSAEAFNOSUPPORT && e == WSAEAFNOSUPPORT, "hint family 99: WSAEAFNOSUPPORT (%d)", r);

    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = 999;
    r = getaddrinfo("localhost", NULL, &hints, &res);
    check(r == WSAESOCKTNOSUPPORT, "hint socket type 999: WSAESOCKTNOSUPPORT (%d)", r);
}

static void addrinfo_wide(void)
{
    ADDRINFOW hints, *res;
    int r;

    r = GetAddrInfoW(W("localhost"), W("80"), NULL, &res);
    check(r == 0 && res != NULL, "GetAddrInfoW(L\"localhost\", L\"80\") (%d)", r);
    if (r == 0)
        FreeAddrInfoW(res);
    FreeAddrInfoW(NULL);

    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST | AI_CANONNAME;
    hints.ai_family = AF_INET;
    r = GetAddrInfoW(W("10.1.2.3"), NULL, &hints, &res);
    check(r == 0 && res && res->ai_family == AF_INET && ((SOCKADDR_IN *)res->ai_addr)->sin_addr.s_addr == inet_addr("10.1.2.3"),
          "GetAddrInfoW(L\"10.1.2.3\", AI_NUMERICHOST) (%d)", r);
    if (r == 0) {
        check(res->ai_canonname && wide_eq(res->ai_canonname, W("10.1.2.3")), "GetAddrInfoW canonical name is a WCHAR string");
        FreeAddrInfoW(res);
    }
    res = (ADDRINFOW *)1;
    r = GetAddrInfoW(W("no.such.host.invalid"), NULL, NULL, &res);
    check(r == WSAHOST_NOT_FOUND && WSAGetLastError() == WSAHOST_NOT_FOUND && res == NULL, "GetAddrInfoW unknown host: WSAHOST_NOT_FOUND (%d)", r);
}

static void nameinfo(void)
{
    SOCKADDR_IN sin;
    SOCKADDR_IN6 sin6;
    char host[NI_MAXHOST], serv[NI_MAXSERV], small[4];
    WCHAR whost[NI_MAXHOST], wserv[NI_MAXSERV];
    int r, e;

    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(80);
    sin.sin_addr.s_addr = inet_addr("127.0.0.1");
    r = getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, serv, sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV);
    check(r == 0 && strcmp(host, "127.0.0.1") == 0 && strcmp(serv, "80") == 0, "getnameinfo(127.0.0.1:80, numeric): \"%s\", \"%s\"",
          r == 0 ? host : "", r == 0 ? serv : "");
    r = getnameinfo((SOCKADDR *)&sin, sizeof sin, NULL, 0, serv, sizeof serv, 0);
    check(r == 0 && strcmp(serv, "http") == 0, "getnameinfo service of port 80: \"%s\"", r == 0 ? serv : "");
    r = getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, NULL, 0, NI_NAMEREQD);
    check(r == 0 && host[0] && strcmp(host, "127.0.0.1") != 0, "getnameinfo(127.0.0.1, NI_NAMEREQD) finds a name: \"%s\"", r == 0 ? host : "");
    r = getnameinfo((SOCKADDR *)&sin, sizeof sin - 1, host, sizeof host, serv, sizeof serv, NI_NUMERICHOST);
    e = WSAGetLastError();
    check(r == WSAEFAULT && e == WSAEFAULT, "getnameinfo with a short address length: WSAEFAULT (%d)", r);
    r = getnameinfo((SOCKADDR *)&sin, sizeof sin, small, sizeof small, NULL, 0, NI_NUMERICHOST);
    check(r == WSAEFAULT, "getnameinfo into a 4-byte host buffer: WSAEFAULT (%d)", r);
    r = getnameinfo((SOCKADDR *)&sin, sizeof sin, NULL, 0, NULL, 0, 0);
    check(r == WSAHOST_NOT_FOUND, "getnameinfo asking for nothing: WSAHOST_NOT_FOUND (%d)", r);
    sin.sin_family = 99;
    r = getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, NULL, 0, 0);
    check(r == WSAEAFNOSUPPORT, "getnameinfo of family 99: WSAEAFNOSUPPORT (%d)", r);

    memset(&sin6, 0, sizeof sin6);
    sin6.sin6_family = AF_INET6;
    sin6.sin6_port = htons(443);
    sin6.sin6_addr.s6_addr[15] = 1;
    r = GetNameInfoW((SOCKADDR *)&sin6, sizeof sin6, whost, NI_MAXHOST, wserv, NI_MAXSERV, NI_NUMERICHOST | NI_NUMERICSERV);
    check(r == 0 && wide_eq(whost, W("::1")) && wide_eq(wserv, W("443")), "GetNameInfoW([::1]:443, numeric): L\"::1\", L\"443\" (%d)", r);
    inet_pton(AF_INET6, "fe80::1", &sin6.sin6_addr);
    sin6.sin6_scope_id = 3;
    r = getnameinfo((SOCKADDR *)&sin6, sizeof sin6, host, sizeof host, NULL, 0, NI_NUMERICHOST);
    check(r == 0 && strcmp(host, "fe80::1%3") == 0, "getnameinfo numeric host with scope id: \"%s\"", r == 0 ? host : "");
}

static void host_name(void)
{
    char name[256], probe[256];
    WCHAR wname[256];
    int r, e, len;

    r = gethostname(name, sizeof name);
    check(r == 0 && name[0], "gethostname: \"%s\"", r == 0 ? name : "");
    len = (int)strlen(name);
    strcpy(probe, "deadbeef");
    r = gethostname(probe, len);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEFAULT && strcmp(probe, "deadbeef") == 0, "gethostname into strlen bytes: WSAEFAULT, buffer untouched (%d)", e);
    r = gethostname(probe, len + 1);
    check(r == 0 && strcmp(probe, name) == 0, "gethostname into strlen + 1 bytes");
    r = gethostname(NULL, 256);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "gethostname(NULL): WSAEFAULT");

    r = GetHostNameW(wname, 256);
    check(r == 0 && wide_len(wname) == strlen(name), "GetHostNameW");
    r = GetHostNameW(wname, (int)strlen(name));
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "GetHostNameW into strlen WCHARs: WSAEFAULT");
}

static void host_entries(void)
{
    struct hostent *h;
    char name[256];
    struct in_addr loop;
    int e;

    loop.s_addr = htonl(INADDR_LOOPBACK);
    h = gethostbyname("localhost");
    check(h && h->h_addrtype == AF_INET && h->h_length == 4 && h->h_addr_list[0] && memcmp(h->h_addr_list[0], &loop, 4) == 0,
          "gethostbyname(\"localhost\"): AF_INET, 4 bytes, 127.0.0.1");
    if (h)
        check((char *)h->h_aliases == (char *)(h + 1), "hostent layout: the alias list follows the structure");
    h = gethostbyname("10.9.8.7");
    check(h && strcmp(h->h_name, "10.9.8.7") == 0 && ((struct in_addr *)h->h_addr_list[0])->s_addr == inet_addr("10.9.8.7"),
          "gethostbyname of an IPv4 literal returns it");
    gethostname(name, sizeof name);
    h = gethostbyname(name);
    check(h != NULL && h->h_addr_list[0] != NULL, "gethostbyname(own name \"%s\")", name);
    h = gethostbyname("");
    check(h != NULL, "gethostbyname(\"\"): the local host");
    h = gethostbyname("no.such.host.invalid");
    e = WSAGetLastError();
    check(h == NULL && e == WSAHOST_NOT_FOUND, "gethostbyname(unknown): WSAHOST_NOT_FOUND (%d)", e);
    h = gethostbyname("::1");
    e = WSAGetLastError();
    check(h == NULL && e == WSANO_DATA, "gethostbyname(\"::1\"): WSANO_DATA (%d)", e);

    h = gethostbyaddr((const char *)&loop, 4, AF_INET);
    check(h && h->h_name && h->h_name[0] && h->h_addrtype == AF_INET, "gethostbyaddr(127.0.0.1): \"%s\"", h ? h->h_name : "(null)");
    h = gethostbyaddr((const char *)&loop, 4, 99);
    e = WSAGetLastError();
    check(h == NULL && e == WSAEAFNOSUPPORT, "gethostbyaddr of type 99: WSAEAFNOSUPPORT (%d)", e);
    h = gethostbyaddr((const char *)&loop, 3, AF_INET);
    e = WSAGetLastError();
    check(h == NULL && e == WSAEFAULT, "gethostbyaddr with 3 bytes: WSAEFAULT (%d)", e);
}

static void service_entries(void)
{
    struct servent *s;
    struct protoent *p;
    int e;

    s = getservbyname("http", "tcp");
    check(s && s->s_port == htons(80) && strcmp(s->s_proto, "tcp") == 0 && strcmp(s->s_name, "http") == 0,
          "getservbyname(\"http\", \"tcp\"): port 80");
    s = getservbyport(htons(80), "tcp");
    check(s && strcmp(s->s_name, "http") == 0, "getservbyport(80, \"tcp\"): \"%s\"", s ? s->s_name : "(null)");
    s = getservbyname("domain", NULL);
    check(s && s->s_port == htons(53), "getservbyname(\"domain\", NULL): port 53");
    s = getservbyname("nonexistentservice", NULL);
    e = WSAGetLastError();
    check(s == NULL && e == WSANO_DATA, "getservbyname(unknown): NULL, WSANO_DATA (%d)", e);

    p = getprotobyname("tcp");
    check(p && p->p_proto == 6, "getprotobyname(\"tcp\"): 6");
    p = getprotobynumber(17);
    check(p && strcmp(p->p_name, "udp") == 0, "getprotobynumber(17): \"%s\"", p ? p->p_name : "(null)");
    p = getprotobynumber(-1);
    check(p == NULL, "getprotobynumber(-1): NULL");
}

int main(void)
{
    WSADATA data;

    before_startup();
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        printf("FAIL WSAStartup\n");
        return 1;
    }
    addrinfo_basics();
    addrinfo_errors();
    addrinfo_wide();
    nameinfo();
    host_name();
    host_entries();
    service_entries();
    WSACleanup();

    printf("%d failure(s)\n", failures);
    return failures != 0;
}
