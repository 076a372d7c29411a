/* Byte order, inet_addr/inet_ntoa, inet_pton/inet_ntop (and their wide forms) and
 * WSAAddressToString/WSAStringToAddress, checked against the values Windows gives.
 * One line per check ("ok ..." or "FAIL ..."); exits non-zero on any failure. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void byte_order(void)
{
    u_long l = htonl(0x01020304);
    u_short s = htons(0x0102);
    const unsigned char *p = (const unsigned char *)&l;
    check(sizeof(u_long) == 4, "u_long is 32-bit");
    check(p[0] == 1 && p[1] == 2 && p[2] == 3 && p[3] == 4, "htonl puts the high byte first");
    check(((const unsigned char *)&s)[0] == 1, "htons puts the high byte first");
    check(ntohl(l) == 0x01020304 && ntohs(s) == 0x0102, "ntohl/ntohs undo htonl/htons");
}

static void wsa_byte_order(void)
{
    u_long nl = 0;
    u_short ns = 0;
    SOCKET s;
    int r;

    r = WSAHtonl((SOCKET)12345, 1, &nl);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "WSAHtonl on a non-socket: WSAENOTSOCK (%d)", WSAGetLastError());
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    check(s != INVALID_SOCKET, "socket for WSAHtonl (%d)", WSAGetLastError());
    r = WSAHtonl(s, 0x01020304, &nl);
    check(r == 0 && nl == htonl(0x01020304), "WSAHtonl");
    r = WSAHtons(s, 0x0102, &ns);
    check(r == 0 && ns == htons(0x0102), "WSAHtons");
    r = WSANtohl(s, nl, &nl);
    check(r == 0 && nl == 0x01020304, "WSANtohl");
    r = WSANtohs(s, ns, &ns);
    check(r == 0 && ns == 0x0102, "WSANtohs");
    r = WSAHtonl(s, 1, NULL);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "WSAHtonl with a NULL result: WSAEFAULT (%d)", WSAGetLastError());
    closesocket(s);
}

static void inet_addr_forms(void)
{
    static const struct {
        const char *s;
        u_long addr;
    } tests[] = {
        { "1.2.3.4", 0x04030201 },       { "1.2.3", 0x03000201 },          { "1.2", 0x02000001 },
        { "1", 0x01000000 },             { "0x7f.1", 0x0100007f },         { "017700000001", 0x0100007f },
        { "0xa1a2b3b4 ", 0xb4b3a2a1 },   { "1.2.3.010", 0x08030201 },      { "3.4.5.6 ", 0x06050403 },
        { "1 2 3 4", 0x01000000 },       { " 3.4.5.6", 0xffffffff },       { "1.2.3. 4", 0xffffffff },
        { "3.4.5.6.7", 0xffffffff },     { "127.127.127.256", 0xffffffff }, { "1.2.3.0a", 0xffffffff },
        { "", 0xffffffff },              { " ", 0 },                       { "::1", 0xffffffff },
        { "127.0.0.1:80", 0xffffffff },  { "255.255.255.255", 0xffffffff }, { "a", 0xffffffff },
    };
    unsigned i;
    u_long a;

    for (i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        WSASetLastError(1234);
        a = inet_addr(tests[i].s);
        check(a == tests[i].addr && WSAGetLastError() == 1234, "inet_addr(\"%s\") = %#lx (want %#lx), last error untouched",
              tests[i].s, (unsigned long)a, (unsigned long)tests[i].addr);
    }
    WSASetLastError(0);
    a = inet_addr(NULL);
    check(a == INADDR_NONE && WSAGetLastError() == WSAEFAULT, "inet_addr(NULL): INADDR_NONE, WSAEFAULT (%d)", WSAGetLastError());
}

static void inet_ntoa_buffer(void)
{
    struct in_addr in;
    char *a, *b;

    in.s_addr = inet_addr("10.20.30.40");
    a = inet_ntoa(in);
    check(a && strcmp(a, "10.20.30.40") == 0, "inet_ntoa(10.20.30.40) = %s", a ? a : "(null)");
    in.s_addr = htonl(0xffffffff);
    b = inet_ntoa(in);
    check(b == a && strcmp(b, "255.255.255.255") == 0, "inet_ntoa reuses its per-thread buffer: %s", b);
}

static void pton_ntop(void)
{
    static const struct {
        int af;
        const char *in;
        const char *out; /* NULL: not an address */
    } tests[] = {
        { AF_INET, "127.0.0.1", "127.0.0.1" },
        { AF_INET, "0.0.0.0", "0.0.0.0" },
        { AF_INET, "255.255.255.255", "255.255.255.255" },
        { AF_INET, "1.2.3", NULL },
        { AF_INET, "1.1.1.010", NULL },
        { AF_INET, "3.4.5.6 ", NULL },
        { AF_INET, "0x7f.0.0.1", NULL },
        { AF_INET6, "::", "::" },
        { AF_INET6, "::1", "::1" },
        { AF_INET6, "2001:DB8:0:0:0:0:0:1", "2001:db8::1" },
        { AF_INET6, "1:0:0:2:0:0:0:3", "1:0:0:2::3" },
        { AF_INET6, "1:0:0:2:0:0:3:4", "1::2:0:0:3:4" },
        { AF_INET6, "::ffff:1.2.3.4", "::ffff:1.2.3.4" },
        { AF_INET6, "::204.152.189.116", "::204.152.189.116" },
        { AF_INET6, "::fffe:cc98:bd74", "::fffe:cc98:bd74" },
        { AF_INET6, "fe80::5efe:10.0.0.1", "fe80::5efe:10.0.0.1" },
        { AF_INET6, "2030:a4b1::", "2030:a4b1::" },
        { AF_INET6, "1::2::3", NULL },
        { AF_INET6, "::1%1", NULL },
        { AF_INET6, "[::1]", NULL },
        { AF_INET6, "12345::", NULL },
        { AF_INET6, "1.2.3.4", NULL },
    };
    unsigned char buf[16];
    char text[INET6_ADDRSTRLEN];
    const char *p;
    unsigned i;
    int r, e;

    for (i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        const char *fam = tests[i].af == AF_INET ? "AF_INET" : "AF_INET6";
        WSASetLastError(1234);
        r = inet_pton(tests[i].af, tests[i].in, buf);
        if (!tests[i].out) {
            check(r == 0 && WSAGetLastError() == 1234, "inet_pton(%s, \"%s\") = 0, last error untouched (%d)", fam, tests[i].in, r);
            continue;
        }
        check(r == 1, "inet_pton(%s, \"%s\") = 1 (%d)", fam, tests[i].in, r);
        memset(text, 0, sizeof text);
        check(inet_ntop(tests[i].af, buf, text, sizeof text) == text && strcmp(text, tests[i].out) == 0,
              "inet_ntop gives \"%s\" (want \"%s\")", text, tests[i].out);
    }

    r = inet_pton(AF_UNSPEC, "127.0.0.1", buf);
    check(r == -1 && WSAGetLastError() == WSAEAFNOSUPPORT, "inet_pton(AF_UNSPEC): -1, WSAEAFNOSUPPORT (%d)", WSAGetLastError());
    r = inet_pton(AF_INET, NULL, buf);
    check(r == -1 && WSAGetLastError() == WSAEFAULT, "inet_pton(NULL string): -1, WSAEFAULT (%d)", WSAGetLastError());

    inet_pton(AF_INET, "21.16.32.32", buf);
    p = inet_ntop(1, buf, text, sizeof text);
    e = WSAGetLastError();
    check(p == NULL && e == WSAEAFNOSUPPORT, "inet_ntop(family 1): NULL, WSAEAFNOSUPPORT (%d)", e);
    p = inet_ntop(AF_INET, buf, text, 11);
    e = WSAGetLastError();
    check(p == NULL && e == ERROR_INVALID_PARAMETER, "inet_ntop into 11 bytes for 12: NULL, ERROR_INVALID_PARAMETER (%d)", e);
    p = inet_ntop(AF_INET, buf, NULL, 16);
    e = WSAGetLastError();
    check(p == NULL && e == ERROR_INVALID_PARAMETER, "inet_ntop into NULL: NULL, ERROR_INVALID_PARAMETER (%d)", e);
    check(inet_ntop(AF_INET, buf, text, 12) == text && strcmp(text, "21.16.32.32") == 0, "inet_ntop into exactly 12 bytes");
}

static void pton_ntop_wide(void)
{
    unsigned char buf[16];
    WCHAR text[INET6_ADDRSTRLEN];
    const WCHAR *p;
    int r, e;

    r = InetPtonW(AF_INET6, W("fe80::1:2"), buf);
    check(r == 1 && buf[0] == 0xfe && buf[1] == 0x80 && buf[13] == 1 && buf[15] == 2, "InetPtonW(AF_INET6, L\"fe80::1:2\")");
    check(InetNtopW(AF_INET6, buf, text, INET6_ADDRSTRLEN) == text && wide_eq(text, W("fe80::1:2")), "InetNtopW round trip");
    r = InetPtonW(AF_INET, W("192.168.0.1"), buf);
    check(r == 1 && buf[0] == 192 && buf[3] == 1, "InetPtonW(AF_INET, L\"192.168.0.1\")");
    check(InetNtopW(AF_INET, buf, text, 12) == text && wide_eq(text, W("192.168.0.1")), "InetNtopW into exactly 12 WCHARs");
    p = InetNtopW(AF_INET, buf, text, 11);
    e = WSAGetLastError();
    check(p == NULL && e == ERROR_INVALID_PARAMETER, "InetNtopW into 11 WCHARs: NULL, ERROR_INVALID_PARAMETER (%d)", e);
    WSASetLastError(0);
    r = InetPtonW(AF_INET, W("1.2.3"), buf);
    check(r == 0 && WSAGetLastError() == WSAEINVAL, "InetPtonW(bad string): 0, WSAEINVAL (%d)", WSAGetLastError());
    r = InetPtonW(AF_UNSPEC, W("1.2.3.4"), buf);
    check(r == -1 && WSAGetLastError() == WSAEAFNOSUPPORT, "InetPtonW(AF_UNSPEC): -1, WSAEAFNOSUPPORT (%d)", WSAGetLastError());
}

static void address_to_string(void)
{
    SOCKADDR_IN sin;
    SOCKADDR_IN6 sin6;
    char out[64];
    WCHAR wout[64];
    DWORD len;
    int r;

    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(80);
    sin.sin_addr.s_addr = inet_addr("1.2.3.4");
    len = sizeof out;
    r = WSAAddressToStringA((SOCKADDR *)&sin, sizeof sin, NULL, out, &len);
    check(r == 0 && strcmp(out, "1.2.3.4:80") == 0 && len == 11, "WSAAddressToStringA 1.2.3.4:80 (\"%s\", len %lu)", out, (unsigned long)len);
    sin.sin_port = 0;
    len = sizeof out;
    r = WSAAddressToStringA((SOCKADDR *)&sin, sizeof sin, NULL, out, &len);
    check(r == 0 && strcmp(out, "1.2.3.4") == 0 && len == 8, "WSAAddressToStringA without port (\"%s\", len %lu)", out, (unsigned long)len);
    len = 0;
    r = WSAAddressToStringA((SOCKADDR *)&sin, sizeof sin, NULL, out, &len);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len == 8, "WSAAddressToStringA, short buffer: WSAEFAULT, needed length 8 (%lu)",
          (unsigned long)len);
    len = 64;
    r = WSAAddressToStringW((SOCKADDR *)&sin, sizeof sin, NULL, NULL, &len);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len == 8, "WSAAddressToStringW, NULL buffer: WSAEFAULT, needed length 8");
    len = sizeof out;
    r = WSAAddressToStringA((SOCKADDR *)&sin, sizeof sin - 1, NULL, out, &len);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "WSAAddressToStringA, short address: WSAEFAULT (%d)", WSAGetLastError());
    sin.sin_family = 99;
    len = sizeof out;
    r = WSAAddressToStringA((SOCKADDR *)&sin, sizeof sin, NULL, out, &len);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "WSAAddressToStringA, unknown family: WSAEINVAL (%d)", WSAGetLastError());

    memset(&sin6, 0, sizeof sin6);
    sin6.sin6_family = AF_INET6;
    sin6.sin6_port = htons(80);
    sin6.sin6_addr.s6_addr[15] = 1;
    len = sizeof out;
    r = WSAAddressToStringA((SOCKADDR *)&sin6, sizeof sin6, NULL, out, &len);
    check(r == 0 && strcmp(out, "[::1]:80") == 0 && len == 9, "WSAAddressToStringA [::1]:80 (\"%s\")", out);
    inet_pton(AF_INET6, "fe80::1", &sin6.sin6_addr);
    sin6.sin6_scope_id = 2;
    sin6.sin6_port = 0;
    len = sizeof out;
    r = WSAAddressToStringA((SOCKADDR *)&sin6, sizeof sin6, NULL, out, &len);
    check(r == 0 && strcmp(out, "fe80::1%2") == 0, "WSAAddressToStringA fe80::1%%2 (\"%s\")", out);
    sin6.sin6_port = htons(8080);
    len = 64;
    r = WSAAddressToStringW((SOCKADDR *)&sin6, sizeof sin6, NULL, wout, &len);
    check(r == 0 && wide_eq(wout, W("[fe80::1%2]:8080")) && len == 17, "WSAAddressToStringW [fe80::1%%2]:8080 (len %lu)", (unsigned long)len);
}

static void string_to_address(void)
{
    static const char *round_trips[] = { "1.2.3.4", "1.2.3.4:80", "255.255.255.255:65535", "::1", "[::1]:80",
                                         "2001:db8::ff00:42:8329", "fe80::1%2", "[fe80::1%2]:8080", "::ffff:10.0.0.1" };
    SOCKADDR_STORAGE ss;
    SOCKADDR_IN *sin = (SOCKADDR_IN *)&ss;
    SOCKADDR_IN6 *sin6 = (SOCKADDR_IN6 *)&ss;
    char out[64];
    DWORD olen;
    INT len;
    unsigned i;
    int r;

    for (i = 0; i < sizeof round_trips / sizeof round_trips[0]; i++) {
        const char *s = round_trips[i];
        int af = strchr(s, '[') || strstr(s, "::") || strchr(s, '%') ? AF_INET6 : AF_INET;
        len = sizeof ss;
        r = WSAStringToAddressA((LPSTR)round_trips[i], af, NULL, (SOCKADDR *)&ss, &len);
        olen = sizeof out;
        if (r == 0)
            r = WSAAddressToStringA((SOCKADDR *)&ss, len, NULL, out, &olen);
        check(r == 0 && strcmp(out, round_trips[i]) == 0, "\"%s\" round trips (\"%s\")", round_trips[i], r == 0 ? out : "error");
    }

    len = sizeof ss;
    r = WSAStringToAddressA("1.2.3.4:80", AF_INET, NULL, (SOCKADDR *)&ss, &len);
    check(r == 0 && len == sizeof(SOCKADDR_IN) && sin->sin_family == AF_INET && sin->sin_port == htons(80) &&
              sin->sin_addr.s_addr == inet_addr("1.2.3.4"),
          "WSAStringToAddressA \"1.2.3.4:80\" (len %d)", len);
    len = sizeof ss;
    r = WSAStringToAddressA("[::1]:80", AF_INET6, NULL, (SOCKADDR *)&ss, &len);
    check(r == 0 && len == sizeof(SOCKADDR_IN6) && sin6->sin6_family == 23 && sin6->sin6_port == htons(80) &&
              sin6->sin6_addr.s6_addr[15] == 1 && sin6->sin6_scope_id == 0,
          "WSAStringToAddressA \"[::1]:80\": family 23, len 28 (%d)", len);
    len = sizeof ss;
    r = WSAStringToAddressW(W("fe80::1%2"), AF_INET6, NULL, (SOCKADDR *)&ss, &len);
    check(r == 0 && sin6->sin6_scope_id == 2 && sin6->sin6_port == 0 && sin6->sin6_addr.s6_addr[0] == 0xfe,
          "WSAStringToAddressW L\"fe80::1%%2\": scope id 2");
    len = sizeof ss;
    r = WSAStringToAddressA("0x7f.1:0x50", AF_INET, NULL, (SOCKADDR *)&ss, &len);
    check(r == 0 && sin->sin_addr.s_addr == inet_addr("127.0.0.1") && sin->sin_port == htons(80), "WSAStringToAddressA BSD forms \"0x7f.1:0x50\"");

    len = 4;
    r = WSAStringToAddressA("1.2.3.4", AF_INET, NULL, (SOCKADDR *)&ss, &len);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len == sizeof(SOCKADDR_IN),
          "WSAStringToAddressA, short buffer: WSAEFAULT, needed length 16 (%d)", len);
    len = sizeof(SOCKADDR_IN);
    r = WSAStringToAddressA("::1", AF_INET6, NULL, (SOCKADDR *)&ss, &len);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len == sizeof(SOCKADDR_IN6),
          "WSAStringToAddressA AF_INET6 in 16 bytes: WSAEFAULT, needed length 28 (%d)", len);
    for (i = 0; i < 6; i++) {
        static const char *bad[] = { "", "1.2.3.4:0", "1.2.3.4 ", "256.1.1.1", "1.2.3.4:65536", "x" };
        len = sizeof ss;
        r = WSAStringToAddressA((LPSTR)bad[i], AF_INET, NULL, (SOCKADDR *)&ss, &len);
        check(r == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL && len == sizeof ss, "WSAStringToAddressA(\"%s\", AF_INET): WSAEINVAL (%d)",
              bad[i], WSAGetLastError());
    }
    for (i = 0; i < 4; i++) {
        static const char *bad[] = { "1.2.3.4", "::1]:80", "[::1", "1:2:3:" };
        len = sizeof ss;
        r = WSAStringToAddressA((LPSTR)bad[i], AF_INET6, NULL, (SOCKADDR *)&ss, &len);
        check(r == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "WSAStringToAddressA(\"%s\", AF_INET6): WSAEINVAL (%d)", bad[i],
              WSAGetLastError());
    }
    len = sizeof ss;
    r = WSAStringToAddressA("1.2.3.4", 99, NULL, (SOCKADDR *)&ss, &len);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "WSAStringToAddressA, unknown family: WSAEINVAL (%d)", WSAGetLastError());
}

int main(void)
{
    WSADATA data;
    SOCKADDR_IN sin;
    char out[32];
    DWORD len = sizeof out;
    unsigned char buf[4];
    INT ilen = sizeof sin;
    int r, e;

    /* Conversions that need no WSAStartup, and those that do. */
    byte_order();
    check(inet_pton(AF_INET, "1.2.3.4", buf) == 1, "inet_pton works before WSAStartup");
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    r = WSAAddressToStringA((SOCKADDR *)&sin, sizeof sin, NULL, out, &len);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSANOTINITIALISED, "WSAAddressToStringA before WSAStartup: WSANOTINITIALISED (%d)", e);
    r = WSAStringToAddressA("1.2.3.4", AF_INET, NULL, (SOCKADDR *)&sin, &ilen);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSANOTINITIALISED, "WSAStringToAddressA before WSAStartup: WSANOTINITIALISED (%d)", e);

    if (WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        printf("FAIL WSAStartup\n");
        return 1;
    }
    wsa_byte_order();
    inet_addr_forms();
    inet_ntoa_buffer();
    pton_ntop();
    pton_ntop_wide();
    address_to_string();
    string_to_address();
    WSACleanup();

    printf("%d failure(s)\n", failures);
    return failures != 0;
}
