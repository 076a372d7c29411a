/* Resolution through a catalog whose first namespace provider is tests/providers/nsp_fixed.c
 * (loaded from its own library) and whose second is the system resolver:
 *   nsp_client        names ending in ".fixed" come from the C provider, others from the
 *                     system resolver; NSPCleanup runs at the last WSACleanup
 *   nsp_client skip   the C provider cannot load: it is skipped, the system resolver answers */
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
    }
    r = getaddrinfo("localhost", NULL, NULL, &res);
    check(r == 0, "getaddrinfo(localhost): the system resolver, after the C provider passed (%d)", r);
    if (r == 0)
        freeaddrinfo(res);
    WSACleanup();
    printf("%d failure(s)\n", failures);
    return failures != 0;
}
