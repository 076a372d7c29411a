/* An idle completion-port server costs no CPU: with 50 connections associated with a port, a
 * receive pending on each and two workers waiting in GetQueuedCompletionStatus, no thread of
 * the process wakes up (the readiness sets and the reactor sleep, no timer ticks) until data
 * arrives, which a worker then gets. Counts the context switches of every thread of the
 * process over half a second (/proc/self/task). Self-checking. */
#include <winsock2.h>
#include <windows.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define CONNS 50

static HANDLE port;
static volatile LONG got;

static DWORD WINAPI worker(LPVOID p)
{
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    (void)p;
    while (GetQueuedCompletionStatus(port, &n, &key, &ov, INFINITE) || ov)
        if (ov)
            InterlockedIncrement(&got);
    return 0;
}

/* Context switches (voluntary and not) of all the process's threads so far. */
static long long switches(void)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    long long sum = 0;
    if (!d)
        harness("/proc/self/task");
    while ((e = readdir(d))) {
        char path[300], line[200];
        FILE *f;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "/proc/self/task/%s/status", e->d_name);
        if (!(f = fopen(path, "r")))
            continue;
        while (fgets(line, sizeof line, f))
            if (!strncmp(line, "voluntary_ctxt_switches:", 24) || !strncmp(line, "nonvoluntary_ctxt_switches:", 27))
                sum += atoll(strchr(line, ':') + 1);
        fclose(f);
    }
    closedir(d);
    return sum;
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in a;
    SOCKET l, c[CONNS], s[CONNS];
    WSAOVERLAPPED ov[CONNS];
    WSABUF b[CONNS];
    char buf[CONNS][16];
    DWORD n, flags;
    long long before, after;
    int i;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    l = tcp_listener(&a);
    for (i = 0; i < CONNS; i++) {
        tcp_pair(l, &a, &c[i], &s[i]);
        if (!CreateIoCompletionPort((HANDLE)s[i], port, i, 0))
            harness("associate");
        memset(&ov[i], 0, sizeof ov[i]);
        b[i].buf = buf[i];
        b[i].len = sizeof buf[i];
        flags = 0;
        if (WSARecv(s[i], &b[i], 1, &n, &flags, &ov[i], NULL) == 0 || WSAGetLastError() != WSA_IO_PENDING)
            harness("WSARecv");
    }
    CloseHandle(CreateThread(NULL, 0, worker, NULL, 0, NULL));
    CloseHandle(CreateThread(NULL, 0, worker, NULL, 0, NULL));
    Sleep(300); /* what follows the set-up settles (grace periods, timers) */

    before = switches();
    Sleep(500);
    after = switches();
    /* The main thread's own Sleep and the reading of /proc may cost a switch or two. */
    check(after - before <= 4, "idle for 500 ms: %lld context switches", after - before);

    send(c[7], "wake", 4, 0);
    for (i = 0; i < 200 && got == 0; i++)
        Sleep(10);
    check(got == 1, "data on an idle connection reached a worker (%ld completions)", (long)got);
    return failures != 0;
}
