/* Helpers shared by the C test programs, included as "check.h" after the Winsock headers. The
 * same source builds with gcc against include/ (crates/ws2_32/tests/c_programs.rs) and with
 * mingw-w64 for wine (tests/wine/record.sh). Everything is static inline, so a program that
 * leaves a helper unused still compiles cleanly under -Wall -Werror. */
#ifndef WS2_TESTS_CHECK_H
#define WS2_TESTS_CHECK_H

#include <winsock2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A wide (UTF-16) string literal: WCHAR is 16-bit on Windows and in ws2's headers alike. */
#ifdef _WIN32
#define W(s) L##s
#else
#define W(s) u##s
#endif

/* Set-up that must work for the test to mean anything: report on stderr and exit 2. */
static inline void harness(const char *what)
{
    fprintf(stderr, "harness: %s failed: %d\n", what, WSAGetLastError());
    exit(2);
}

/* Checking programs print "ok ..." or "FAIL ..." per check and exit non-zero on a failure. */
static int failures;

static inline void check(int ok, const char *fmt, ...)
{
    va_list ap;
    printf("%s ", ok ? "ok" : "FAIL");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!ok)
        failures++;
}

/* Golden-output programs print a call's result and, when it failed, the last error. */
static inline void show(const char *what, int r)
{
    printf("%s: %d %d\n", what, r, r == SOCKET_ERROR ? WSAGetLastError() : 0);
}

static inline int wide_eq(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* A wide string against an ASCII one. */
static inline int wide_eq_ascii(const WCHAR *a, const char *b)
{
    while (*a && *a == (WCHAR)(unsigned char)*b) {
        a++;
        b++;
    }
    return *a == 0 && *b == 0;
}

/* A new IPv4 TCP socket. */
static inline SOCKET tcp(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        harness("socket");
    return s;
}

/* A TCP socket listening on 127.0.0.1; `a` receives its address. */
static inline SOCKET tcp_listener(struct sockaddr_in *a)
{
    SOCKET l = tcp();
    int len = sizeof *a;
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)a, sizeof *a) || listen(l, 5) || getsockname(l, (struct sockaddr *)a, &len))
        harness("listener");
    return l;
}

/* A connected TCP pair through listener `l` at `a`: `c` connected, `s` accepted. */
static inline void tcp_pair(SOCKET l, const struct sockaddr_in *a, SOCKET *c, SOCKET *s)
{
    *c = tcp();
    if (connect(*c, (const struct sockaddr *)a, sizeof *a))
        harness("connect");
    *s = accept(l, NULL, NULL);
    if (*s == INVALID_SOCKET)
        harness("accept");
}

/* A completion routine that records its calls: how many, and the last one's error, byte count
 * and WSAOVERLAPPED. */
static int routine_calls;
static DWORD routine_error, routine_bytes;
static LPWSAOVERLAPPED routine_ov;

static inline void CALLBACK record_routine(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)flags;
    routine_calls++;
    routine_error = error;
    routine_bytes = bytes;
    routine_ov = ov;
}

#endif
