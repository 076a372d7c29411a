/*
 * bench.h - the portability shim every benchmark includes. One C source builds three ways:
 *
 *   gcc -DBENCH_RAW bench/X.c -lpthread                          raw Linux sockets ("raw")
 *   gcc -I include bench/X.c -L target/release -lws2_32 ...      ws2 on Linux      ("ws2")
 *   x86_64-w64-mingw32-gcc bench/X.c -lws2_32                    Windows / wine    ("win")
 *
 * The benchmarks are written in Winsock (SOCKET, closesocket, WSAPoll, WSAGetLastError ...);
 * for the raw build this header maps those names onto the BSD calls, adding nothing a
 * hand-written Linux program would not do. Threads: pthreads on Linux (the ws2 windows.h has
 * no CreateThread yet), CreateThread in the Windows build. Each program prints its figures as
 * "name value" lines on stdout for bench/run.sh.
 */
#ifndef BENCH_H
#define BENCH_H

#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32) /* ---------------------------------------------------- mingw: Windows/wine */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <psapi.h>
#define BENCH_FLAVOUR "win"
typedef HANDLE bench_thread;

#elif defined(BENCH_RAW) /* -------------------------------------------- raw Linux sockets */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#define BENCH_FLAVOUR "raw"
typedef int SOCKET;
typedef struct { int unused; } WSADATA;
typedef struct pollfd WSAPOLLFD;
#define INVALID_SOCKET (-1)
#define SOCKET_ERROR (-1)
#define MAKEWORD(a, b) ((a) | ((b) << 8))
static inline int WSAStartup(int version, WSADATA *data)
{
    (void)version, (void)data;
    signal(SIGPIPE, SIG_IGN); /* ws2 sends with MSG_NOSIGNAL */
    return 0;
}
static inline int WSACleanup(void) { return 0; }
#define WSAGetLastError() errno
#define closesocket close
#define WSAPoll poll

#else /* ------------------------------------------------------- ws2: include/ + libws2_32 */
#include <winsock2.h>
#include <ws2tcpip.h>
#define BENCH_FLAVOUR "ws2"
/* WSAPoll is weak so that this builds and runs (the idle case says "skipped") against a
 * library that does not export it yet. */
#pragma weak WSAPoll
#endif

#if !defined(_WIN32)
#include <pthread.h>
#include <sched.h>
#include <time.h>
typedef pthread_t bench_thread;
#endif

static inline void die(const char *what)
{
    fprintf(stderr, "%s: %s failed, error %d\n", BENCH_FLAVOUR, what, (int)WSAGetLastError());
    exit(1);
}

static inline void check(int ok, const char *what)
{
    if (!ok)
        die(what);
}

static inline void net_init(void)
{
    WSADATA wsa;
    check(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
}

/* ---- time, threads, CPU pinning, memory ---- */

static inline double now_s(void)
{
#if defined(_WIN32)
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart / (double)f.QuadPart;
#else
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
#endif
}

typedef void *(*bench_fn)(void *);

#if defined(_WIN32)
struct bench_start { bench_fn fn; void *arg; };
static DWORD WINAPI bench_trampoline(LPVOID p)
{
    struct bench_start s = *(struct bench_start *)p;
    free(p);
    s.fn(s.arg);
    return 0;
}
#endif

static inline bench_thread thread_start(bench_fn fn, void *arg)
{
    bench_thread t;
#if defined(_WIN32)
    struct bench_start *s = malloc(sizeof *s);
    s->fn = fn;
    s->arg = arg;
    t = CreateThread(NULL, 0, bench_trampoline, s, 0, NULL);
    check(t != NULL, "CreateThread");
#else
    check(pthread_create(&t, NULL, fn, arg) == 0, "pthread_create");
#endif
    return t;
}

static inline void thread_join(bench_thread t)
{
#if defined(_WIN32)
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
#else
    pthread_join(t, NULL);
#endif
}

/* Pins the calling thread to one CPU. */
static inline void pin_to_cpu(int cpu)
{
#if defined(_WIN32)
    check(SetThreadAffinityMask(GetCurrentThread(), (DWORD_PTR)1 << cpu) != 0,
          "SetThreadAffinityMask");
#else
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    check(pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0, "pthread_setaffinity_np");
#endif
}

/* Resident set size of this process, in bytes. */
static inline long long rss_bytes(void)
{
#if defined(_WIN32)
    PROCESS_MEMORY_COUNTERS pmc;
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc))
        return -1;
    return (long long)pmc.WorkingSetSize;
#else
    long long size = 0, resident = -1;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%lld %lld", &size, &resident) != 2)
            resident = -1;
        fclose(f);
    }
    return resident < 0 ? -1 : resident * (long long)sysconf(_SC_PAGESIZE);
#endif
}

/* ---- sockets ---- */

static inline struct sockaddr_in loopback(unsigned short port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    return a;
}

/* A socket of `type` bound to 127.0.0.1:`port` (0: any); the chosen port in *port. */
static inline SOCKET bound_socket(int type, unsigned short *port)
{
    SOCKET s = socket(AF_INET, type, 0);
    struct sockaddr_in a = loopback(*port);
    socklen_t len = sizeof a;
    check(s != INVALID_SOCKET, "socket");
    if (*port) {
        int on = 1;
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&on, sizeof on);
    }
    check(bind(s, (struct sockaddr *)&a, sizeof a) == 0, "bind");
    check(getsockname(s, (struct sockaddr *)&a, &len) == 0, "getsockname");
    *port = ntohs(a.sin_port);
    return s;
}

static inline SOCKET tcp_listener(unsigned short *port, int backlog)
{
    SOCKET s = bound_socket(SOCK_STREAM, port);
    check(listen(s, backlog) == 0, "listen");
    return s;
}

static inline void set_nodelay(SOCKET s)
{
    int on = 1;
    check(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&on, sizeof on) == 0,
          "setsockopt(TCP_NODELAY)");
}

static inline SOCKET tcp_connect(unsigned short port)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = loopback(port);
    check(s != INVALID_SOCKET, "socket");
    check(connect(s, (struct sockaddr *)&a, sizeof a) == 0, "connect");
    return s;
}

/* A connected pair over loopback: *c the connecting end, *a the accepted end. */
static inline void tcp_pair(SOCKET *c, SOCKET *a)
{
    unsigned short port = 0;
    SOCKET l = tcp_listener(&port, 1);
    *c = tcp_connect(port);
    *a = accept(l, NULL, NULL);
    check(*a != INVALID_SOCKET, "accept");
    closesocket(l);
    set_nodelay(*c);
    set_nodelay(*a);
}

static inline void set_rcvtimeo_ms(SOCKET s, int ms)
{
#if defined(BENCH_RAW)
    struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
    check(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0, "setsockopt(SO_RCVTIMEO)");
#else
    DWORD t = (DWORD)ms; /* Windows: milliseconds as a DWORD */
    check(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&t, sizeof t) == 0,
          "setsockopt(SO_RCVTIMEO)");
#endif
}

/* Sends or receives exactly len bytes; 0 on success, -1 on error or end of stream. */
static inline int send_all(SOCKET s, const char *p, int len)
{
    while (len > 0) {
        int n = (int)send(s, p, len, 0);
        if (n <= 0)
            return -1;
        p += n;
        len -= n;
    }
    return 0;
}

static inline int recv_all(SOCKET s, char *p, int len)
{
    while (len > 0) {
        int n = (int)recv(s, p, len, 0);
        if (n <= 0)
            return -1;
        p += n;
        len -= n;
    }
    return 0;
}

/* ---- arguments: "--seconds S" (timed phase) and "--pin" ---- */

struct bench_args { double seconds; int pin; long count; unsigned short port; };

static inline struct bench_args parse_args(int argc, char **argv, double seconds, long count)
{
    struct bench_args a = { seconds, 0, count, 0 };
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
            a.seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--count") && i + 1 < argc)
            a.count = atol(argv[++i]);
        else if (!strcmp(argv[i], "--port") && i + 1 < argc)
            a.port = (unsigned short)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--pin"))
            a.pin = 1;
        else {
            fprintf(stderr, "usage: %s [--seconds S] [--count N] [--port P] [--pin]\n", argv[0]);
            exit(2);
        }
    }
    return a;
}

#endif
