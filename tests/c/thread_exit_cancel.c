/* A thread's exit cancels the overlapped operations it issued, except on sockets associated
 * with a completion port (ExitThread: "all pending I/O initiated by the thread that is not
 * associated with a completion port is canceled"; WSARecv/WSASend: "All I/O initiated by a
 * given thread is canceled when that thread exits"). A cancelled operation completes with
 * WSA_OPERATION_ABORTED (995): its event is signalled by the time the thread has ended and
 * WSAGetOverlappedResult from another thread reports 995; a completion routine cannot run, its
 * thread being gone. An operation on a
 * socket associated with a port stays pending and later data completes it through the port.
 * Operations other threads issued on the same socket are untouched. The exiting thread is made
 * by CreateThread, and on Linux also by pthread_create (under Windows, CreateThread again). */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#ifndef _WIN32
#include <pthread.h>
#endif
#include "check.h"

static SOCKET target;
static WSAOVERLAPPED thread_ov;
static char thread_buf[16];
static LPWSAOVERLAPPED_COMPLETION_ROUTINE thread_routine;

static int routine_calls;

static void CALLBACK done(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)error;
    (void)bytes;
    (void)ov;
    (void)flags;
    routine_calls++;
}

/* Issues a receive on `target` with `thread_ov` and exits while it is pending. */
static DWORD WINAPI recv_and_exit(LPVOID p)
{
    WSABUF b = { sizeof thread_buf, thread_buf };
    DWORD n, flags = 0;
    int r = WSARecv(target, &b, 1, &n, &flags, &thread_ov, thread_routine);
    printf("%s: WSARecv %d error %d\n", (const char *)p, r, r ? WSAGetLastError() : 0);
    return 0;
}

static void run_create_thread(const char *what)
{
    HANDLE t = CreateThread(NULL, 0, recv_and_exit, (LPVOID)what, 0, NULL);
    if (!t)
        harness("CreateThread");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}

#ifndef _WIN32
static void *pthread_recv_and_exit(void *p)
{
    recv_and_exit(p);
    return NULL;
}
#endif

/* A thread that is not CreateThread's: a plain pthread on Linux. */
static void run_plain_thread(const char *what)
{
#ifdef _WIN32
    run_create_thread(what);
#else
    pthread_t t;
    if (pthread_create(&t, NULL, pthread_recv_and_exit, (void *)what))
        harness("pthread_create");
    pthread_join(t, NULL);
#endif
}

static void result(const char *what, SOCKET s, WSAOVERLAPPED *ov, BOOL wait)
{
    DWORD n = 12345, flags = 0;
    BOOL ok = WSAGetOverlappedResult(s, ov, &n, wait, &flags);
    printf("%s: WSAGetOverlappedResult %d error %d bytes %lu\n", what, ok, ok ? 0 : WSAGetLastError(), (unsigned long)n);
}

static void event_state(const char *what, WSAEVENT ev, DWORD timeout)
{
    DWORD w = WSAWaitForMultipleEvents(1, &ev, FALSE, timeout, FALSE);
    printf("%s: event %s\n", what, w == WSA_WAIT_EVENT_0 ? "signalled" : w == WSA_WAIT_TIMEOUT ? "not signalled" : "wait failed");
}

int main(void)
{
    WSADATA d;
    SOCKET l, c1, s1, c2, s2;
    struct sockaddr_in la;
    WSAOVERLAPPED ov;
    WSABUF b;
    char buf[16];
    DWORD n, flags;
    BOOL ok;
    int r;
    HANDLE port;
    ULONG_PTR key;
    LPOVERLAPPED got;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    l = tcp_listener(&la);
    tcp_pair(l, &la, &c1, &s1);
    tcp_pair(l, &la, &c2, &s2);
    thread_ov.hEvent = WSACreateEvent();

    /* A socket without a completion port: the exiting thread's receive is cancelled. */
    target = s1;
    run_create_thread("CreateThread, no port");
    event_state("after the thread ended", thread_ov.hEvent, 0);
    result("its receive", s1, &thread_ov, FALSE);

    run_plain_thread("plain thread, no port");
    event_state("after the thread ended", thread_ov.hEvent, 0);
    result("its receive", s1, &thread_ov, FALSE);

    /* The socket stays usable. */
    b.buf = buf;
    b.len = sizeof buf;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    flags = 0;
    r = WSARecv(s1, &b, 1, &n, &flags, &ov, NULL);
    printf("main: WSARecv %d error %d\n", r, r ? WSAGetLastError() : 0);

    /* Another thread's exit leaves this thread's receive on the same socket pending. */
    WSAResetEvent(thread_ov.hEvent);
    run_create_thread("other thread, same socket");
    event_state("after the thread ended", thread_ov.hEvent, 0);
    result("its receive", s1, &thread_ov, FALSE);
    result("main's receive", s1, &ov, FALSE);
    send(c1, "mm", 2, 0);
    result("main's receive after data", s1, &ov, TRUE);
    printf("data: %.2s\n", buf);

    /* A completion routine of the exiting thread does not run (anywhere); the result is
     * still written into the WSAOVERLAPPED. */
    WSAResetEvent(thread_ov.hEvent);
    thread_routine = done;
    run_create_thread("with a completion routine");
    thread_routine = NULL;
    Sleep(200);
    printf("HasOverlappedIoCompleted %d\n", (int)HasOverlappedIoCompleted(&thread_ov));
    result("its receive", s1, &thread_ov, FALSE);
    printf("SleepEx here: %lu, routine calls %d\n", (unsigned long)SleepEx(100, TRUE), routine_calls);

    /* A socket associated with a completion port: the receive outlives its thread. */
    port = CreateIoCompletionPort((HANDLE)s2, NULL, 9, 0);
    if (!port)
        harness("CreateIoCompletionPort");
    target = s2;
    WSACloseEvent(thread_ov.hEvent);
    memset(&thread_ov, 0, sizeof thread_ov);
    run_create_thread("CreateThread, port");
    SetLastError(0);
    got = NULL;
    ok = GetQueuedCompletionStatus(port, &n, &key, &got, 200);
    printf("GetQueuedCompletionStatus: %d error %lu\n", ok, (unsigned long)GetLastError());
    result("its receive", s2, &thread_ov, FALSE);
    send(c2, "pt", 2, 0);
    n = 12345;
    ok = GetQueuedCompletionStatus(port, &n, &key, &got, 5000);
    printf("GetQueuedCompletionStatus after data: %d key %lu ours %d bytes %lu\n", ok, (unsigned long)key, got == &thread_ov,
           (unsigned long)n);
    printf("data: %.2s\n", thread_buf);

    memset(&thread_ov, 0, sizeof thread_ov);
    run_plain_thread("plain thread, port");
    SetLastError(0);
    ok = GetQueuedCompletionStatus(port, &n, &key, &got, 200);
    printf("GetQueuedCompletionStatus: %d error %lu\n", ok, (unsigned long)GetLastError());
    result("its receive", s2, &thread_ov, FALSE);
    send(c2, "qq", 2, 0);
    n = 12345;
    ok = GetQueuedCompletionStatus(port, &n, &key, &got, 5000);
    printf("GetQueuedCompletionStatus after data: %d key %lu ours %d bytes %lu\n", ok, (unsigned long)key, got == &thread_ov,
           (unsigned long)n);
    printf("data: %.2s\n", thread_buf);

    CloseHandle(port);
    closesocket(c1);
    closesocket(s1);
    closesocket(c2);
    closesocket(s2);
    closesocket(l);
    WSACloseEvent(ov.hEvent);
    WSACleanup();
    return 0;
}
