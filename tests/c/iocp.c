/* I/O completion ports: creation and association (once per socket), GetQueuedCompletionStatus
 * with timeouts, PostQueuedCompletionStatus, packets for pending and immediate completions,
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, GetQueuedCompletionStatusEx batches and alertable
 * waits, several threads on one port, failed and aborted operations, closing a port.
 * GOLDEN EDITED BY HAND, where wine 8.0 departs from the documentation: (1) a receive aborted
 * by closesocket dequeues with ERROR_OPERATION_ABORTED (995) (wine: 676); (2) closing the
 * port while a thread waits in GetQueuedCompletionStatus ends that wait with FALSE, a NULL
 * overlapped and ERROR_ABANDONED_WAIT_0 (735), as the GetQueuedCompletionStatus documentation
 * says (wine lets the wait time out: 258). */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static HANDLE port;
static LONG got_by_workers;

static DWORD WINAPI worker(LPVOID p)
{
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    (void)p;
    while (GetQueuedCompletionStatus(port, &n, &key, &ov, 10000)) {
        if (key == 0)
            break;
        InterlockedIncrement(&got_by_workers);
    }
    return 0;
}

static DWORD WINAPI close_later(LPVOID p)
{
    Sleep(100);
    CloseHandle((HANDLE)p);
    return 0;
}

static void CALLBACK apc(ULONG_PTR x)
{
    (void)x;
}

static void dequeue(const char *what, DWORD ms, LPOVERLAPPED want)
{
    DWORD n = 0xdead;
    ULONG_PTR key = 0xdead;
    LPOVERLAPPED ov = (LPOVERLAPPED)1;
    BOOL ok;
    SetLastError(0);
    ok = GetQueuedCompletionStatus(port, &n, &key, &ov, ms);
    printf("%s: %d", what, ok);
    if (ov == NULL)
        printf(" no packet, error %lu\n", (unsigned long)GetLastError());
    else
        printf(" bytes %lu key %lu ours %d error %lu\n", (unsigned long)n, (unsigned long)key, ov == want, (unsigned long)GetLastError());
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in a;
    SOCKET l, c, s;
    HANDLE h, t[4];
    OVERLAPPED ov, posted;
    OVERLAPPED_ENTRY e[8];
    WSABUF b;
    char buf[64];
    DWORD n, flags;
    ULONG removed;
    int r, i;
    BOOL ok;
    struct linger lg = { 1, 0 };

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    printf("CreateIoCompletionPort: %s\n", port ? "ok" : "NULL");
    dequeue("empty port", 0, NULL);
    dequeue("empty port, 50 ms", 50, NULL);
    PostQueuedCompletionStatus(port, 7, 42, &posted);
    dequeue("posted packet", 0, &posted);

    l = tcp_listener(&a);
    c = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&a, sizeof a))
        harness("connect");
    s = accept(l, NULL, NULL);

    h = CreateIoCompletionPort((HANDLE)s, port, 1, 0);
    printf("associate: %s\n", h == port ? "same port" : "other");
    h = CreateIoCompletionPort((HANDLE)s, port, 2, 0);
    printf("associate again: %s error %lu\n", h ? "ok" : "NULL", (unsigned long)GetLastError());

    /* A pending receive completes through the port. */
    memset(&ov, 0, sizeof ov);
    b.buf = buf;
    b.len = sizeof buf;
    flags = 0;
    r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
    printf("WSARecv: %d error %d\n", r, WSAGetLastError());
    send(c, "ping", 4, 0);
    dequeue("pending receive", 5000, &ov);

    /* One that completes at once queues a packet too... */
    send(c, "pong", 4, 0);
    Sleep(50);
    r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
    printf("immediate WSARecv: %d bytes %lu\n", r, (unsigned long)n);
    dequeue("immediate receive", 1000, &ov);

    /* ...unless FILE_SKIP_COMPLETION_PORT_ON_SUCCESS is set. */
    printf("SetFileCompletionNotificationModes: %d\n", SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
    send(c, "skip", 4, 0);
    Sleep(50);
    r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
    printf("immediate WSARecv with skip: %d bytes %lu\n", r, (unsigned long)n);
    dequeue("after skipped completion", 100, NULL);
    r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
    send(c, "late", 4, 0);
    dequeue("pending receive with skip", 5000, &ov);

    /* GetQueuedCompletionStatusEx dequeues in batches. */
    for (i = 0; i < 5; i++)
        PostQueuedCompletionStatus(port, i, 100 + i, NULL);
    ok = GetQueuedCompletionStatusEx(port, e, 3, &removed, 0, FALSE);
    printf("Ex batch of 3: %d removed %lu keys %lu %lu %lu\n", ok, (unsigned long)removed, (unsigned long)e[0].lpCompletionKey,
           (unsigned long)e[1].lpCompletionKey, (unsigned long)e[2].lpCompletionKey);
    ok = GetQueuedCompletionStatusEx(port, e, 8, &removed, 0, FALSE);
    printf("Ex rest: %d removed %lu bytes %lu %lu\n", ok, (unsigned long)removed, (unsigned long)e[0].dwNumberOfBytesTransferred,
           (unsigned long)e[1].dwNumberOfBytesTransferred);
    ok = GetQueuedCompletionStatusEx(port, e, 8, &removed, 0, FALSE);
    printf("Ex empty: %d error %lu\n", ok, (unsigned long)GetLastError());
    QueueUserAPC(apc, GetCurrentThread(), 0);
    ok = GetQueuedCompletionStatusEx(port, e, 8, &removed, 5000, TRUE);
    printf("Ex alertable with an APC queued: %d error %lu\n", ok, (unsigned long)GetLastError());

    /* Several threads wait on one port. */
    for (i = 0; i < 4; i++)
        t[i] = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    for (i = 0; i < 100; i++)
        PostQueuedCompletionStatus(port, 0, 7, NULL);
    for (i = 0; i < 4; i++)
        PostQueuedCompletionStatus(port, 0, 0, NULL);
    WaitForMultipleObjects(4, t, TRUE, 10000);
    printf("four workers dequeued %ld packets\n", (long)got_by_workers);
    for (i = 0; i < 4; i++)
        CloseHandle(t[i]);

    /* A reset fails a pending receive; closesocket aborts one. */
    r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
    setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg);
    closesocket(c);
    dequeue("receive failed by a reset", 5000, &ov);
    closesocket(s);
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *)&a, sizeof a);
    s = accept(l, NULL, NULL);
    CreateIoCompletionPort((HANDLE)s, port, 3, 0);
    r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
    closesocket(s);
    dequeue("receive aborted by closesocket", 5000, &ov);

    /* Closing the port ends a wait on it. */
    t[0] = CreateThread(NULL, 0, close_later, port, 0, NULL);
    dequeue("port closed while waiting", 5000, NULL);
    WaitForSingleObject(t[0], INFINITE);
    CloseHandle(t[0]);

    closesocket(c);
    closesocket(l);
    WSACleanup();
    return 0;
}
