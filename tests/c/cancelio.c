/* CancelIo and CancelIoEx on sockets: a cancelled operation completes through its usual
 * notification (event, completion port packet, completion routine) with
 * ERROR_OPERATION_ABORTED (995) and WSAGetOverlappedResult reports WSA_OPERATION_ABORTED;
 * CancelIoEx with an OVERLAPPED cancels only that operation; CancelIo cancels only the calling
 * thread's operations, CancelIoEx any thread's; the socket stays usable; pending AcceptEx (also
 * while it waits for the first data) and ConnectEx are cancelled through their socket.
 * GOLDEN EDITED BY HAND, where wine 8.0 departs from the CancelIoEx documentation: (1) with
 * nothing to cancel, CancelIoEx(s, NULL) fails with ERROR_NOT_FOUND (1168) (wine: TRUE); (2) an
 * event handle is not a file handle: ERROR_INVALID_HANDLE (6) (wine: TRUE, as it accepts any
 * object). */
#include <winsock2.h>
#include <windows.h>
#include <mswsock.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static SOCKET l;
static struct sockaddr_in la;

static void cancel_ex(const char *what, SOCKET s, LPOVERLAPPED ov)
{
    BOOL ok;
    SetLastError(0);
    ok = CancelIoEx((HANDLE)s, ov);
    printf("%s: %d error %lu\n", what, ok, (unsigned long)GetLastError());
}

static void result(const char *what, SOCKET s, WSAOVERLAPPED *ov, BOOL wait)
{
    DWORD n = 12345, flags = 0;
    BOOL ok = WSAGetOverlappedResult(s, ov, &n, wait, &flags);
    printf("%s: WSAGetOverlappedResult %d error %d bytes %lu\n", what, ok, ok ? 0 : WSAGetLastError(), (unsigned long)n);
}

static void recv_pending(const char *what, SOCKET s, WSABUF *b, WSAOVERLAPPED *ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE cr)
{
    DWORD n, flags = 0;
    int r = WSARecv(s, b, 1, &n, &flags, ov, cr);
    printf("%s: WSARecv %d error %d\n", what, r, r ? WSAGetLastError() : 0);
}


static SOCKET target;
static BOOL thread_ok;
static DWORD thread_error;

static DWORD WINAPI cancel_io_thread(LPVOID p)
{
    (void)p;
    SetLastError(0);
    thread_ok = CancelIo((HANDLE)target);
    thread_error = GetLastError();
    return 0;
}

static DWORD WINAPI cancel_io_ex_thread(LPVOID p)
{
    (void)p;
    SetLastError(0);
    thread_ok = CancelIoEx((HANDLE)target, NULL);
    thread_error = GetLastError();
    return 0;
}

static WSAOVERLAPPED thread_ov;
static char thread_buf[16];
static HANDLE issued, release;

/* Issues a receive and stays alive until released (a thread's exit may cancel its I/O). */
static DWORD WINAPI recv_thread(LPVOID p)
{
    WSABUF b = { sizeof thread_buf, thread_buf };
    (void)p;
    recv_pending("other thread", target, &b, &thread_ov, NULL);
    SetEvent(issued);
    WaitForSingleObject(release, INFINITE);
    return 0;
}

static void run_thread(LPTHREAD_START_ROUTINE f)
{
    HANDLE t = CreateThread(NULL, 0, f, NULL, 0, NULL);
    if (!t)
        harness("CreateThread");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}

int main(void)
{
    WSADATA d;
    SOCKET c, s, as, c2;
    WSAOVERLAPPED ov, ov2;
    WSABUF b, b2;
    char buf[64], buf2[64], ab[256];
    DWORD n, w;
    BOOL ok;
    int len = sizeof la;
    HANDLE port, ev;
    ULONG_PTR key;
    LPOVERLAPPED got;
    LPFN_ACCEPTEX acceptex;
    LPFN_CONNECTEX connectex;
    GUID gaccept = WSAID_ACCEPTEX, gconnect = WSAID_CONNECTEX;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    l = tcp_listener(&la);
    tcp_pair(l, &la, &c, &s);
    b.buf = buf;
    b.len = sizeof buf;
    b2.buf = buf2;
    b2.len = sizeof buf2;

    /* Nothing pending, and handles that are not sockets. */
    cancel_ex("CancelIoEx, nothing pending", s, NULL);
    SetLastError(0);
    ok = CancelIo((HANDLE)s);
    printf("CancelIo, nothing pending: %d error %lu\n", ok, (unsigned long)GetLastError());
    cancel_ex("CancelIoEx on an unknown handle", (SOCKET)0x12345678, NULL);
    SetLastError(0);
    ok = CancelIo((HANDLE)(ULONG_PTR)0x12345678);
    printf("CancelIo on an unknown handle: %d error %lu\n", ok, (unsigned long)GetLastError());
    ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    cancel_ex("CancelIoEx on an event handle", (SOCKET)ev, NULL);
    CloseHandle(ev);

    /* A pending receive with an event. */
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    recv_pending("event", s, &b, &ov, NULL);
    cancel_ex("CancelIoEx(s, NULL)", s, NULL);
    w = WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE);
    printf("event signalled: %lu, HasOverlappedIoCompleted %d\n", (unsigned long)w, (int)HasOverlappedIoCompleted(&ov));
    result("cancelled receive", s, &ov, FALSE);
    cancel_ex("CancelIoEx with the finished OVERLAPPED", s, &ov);

    /* The socket stays usable. */
    recv_pending("again", s, &b, &ov, NULL);
    send(c, "hi", 2, 0);
    result("after data", s, &ov, TRUE);
    printf("data: %.2s\n", buf);

    /* Two pending receives: cancelling one OVERLAPPED leaves the other. */
    memset(&ov2, 0, sizeof ov2);
    ov2.hEvent = WSACreateEvent();
    recv_pending("first", s, &b, &ov, NULL);
    recv_pending("second", s, &b2, &ov2, NULL);
    cancel_ex("CancelIoEx(s, &second)", s, &ov2);
    result("second", s, &ov2, TRUE);
    result("first, still pending", s, &ov, FALSE);
    send(c, "yo", 2, 0);
    result("first, after data", s, &ov, TRUE);
    printf("data: %.2s\n", buf);

    /* CancelIo in another thread leaves this thread's operation; CancelIo here cancels it. */
    target = s;
    recv_pending("this thread", s, &b, &ov, NULL);
    run_thread(cancel_io_thread);
    printf("CancelIo in another thread: %d error %lu\n", thread_ok, (unsigned long)thread_error);
    Sleep(50);
    result("this thread's receive", s, &ov, FALSE);
    SetLastError(0);
    ok = CancelIo((HANDLE)s);
    printf("CancelIo in this thread: %d error %lu\n", ok, (unsigned long)GetLastError());
    result("this thread's receive", s, &ov, TRUE);

    /* CancelIoEx cancels any thread's operations. */
    recv_pending("this thread", s, &b, &ov, NULL);
    run_thread(cancel_io_ex_thread);
    printf("CancelIoEx in another thread: %d error %lu\n", thread_ok, (unsigned long)thread_error);
    result("this thread's receive", s, &ov, TRUE);

    /* An operation issued by another thread: CancelIo here leaves it, CancelIoEx finds it. */
    memset(&thread_ov, 0, sizeof thread_ov);
    thread_ov.hEvent = WSACreateEvent();
    issued = CreateEventA(NULL, TRUE, FALSE, NULL);
    release = CreateEventA(NULL, TRUE, FALSE, NULL);
    {
        HANDLE t = CreateThread(NULL, 0, recv_thread, NULL, 0, NULL);
        if (!t)
            harness("CreateThread");
        WaitForSingleObject(issued, INFINITE);
        SetLastError(0);
        ok = CancelIo((HANDLE)s);
        printf("CancelIo here: %d error %lu\n", ok, (unsigned long)GetLastError());
        result("other thread's receive", s, &thread_ov, FALSE);
        cancel_ex("CancelIoEx(s, &its OVERLAPPED)", s, &thread_ov);
        result("other thread's receive", s, &thread_ov, TRUE);
        SetEvent(release);
        WaitForSingleObject(t, INFINITE);
        CloseHandle(t);
    }

    /* A completion routine runs, in an alertable wait, with ERROR_OPERATION_ABORTED. */
    memset(&ov2, 0, sizeof ov2);
    recv_pending("completion routine", s, &b, &ov2, record_routine);
    cancel_ex("CancelIoEx(s, NULL)", s, NULL);
    printf("routine calls before an alertable wait: %d\n", routine_calls);
    w = SleepEx(5000, TRUE);
    printf("SleepEx: %lu, routine calls %d error %lu bytes %lu\n", (unsigned long)w, routine_calls, (unsigned long)routine_error,
           (unsigned long)routine_bytes);

    /* A completion port receives the aborted operation's packet. */
    port = CreateIoCompletionPort((HANDLE)s, NULL, 7, 0);
    if (!port)
        harness("CreateIoCompletionPort");
    memset(&ov, 0, sizeof ov);
    recv_pending("completion port", s, &b, &ov, NULL);
    cancel_ex("CancelIoEx(s, &ov)", s, &ov);
    SetLastError(0);
    n = 12345;
    got = NULL;
    ok = GetQueuedCompletionStatus(port, &n, &key, &got, 5000);
    printf("GetQueuedCompletionStatus: %d error %lu key %lu ours %d bytes %lu\n", ok, (unsigned long)GetLastError(), (unsigned long)key,
           got == &ov, (unsigned long)n);
    result("port receive", s, &ov, FALSE);
    recv_pending("completion port, again", s, &b, &ov, NULL);
    send(c, "ok", 2, 0);
    ok = GetQueuedCompletionStatus(port, &n, &key, &got, 5000);
    printf("GetQueuedCompletionStatus: %d key %lu ours %d bytes %lu\n", ok, (unsigned long)key, got == &ov, (unsigned long)n);
    CloseHandle(port);

    /* AcceptEx: cancelled while waiting for a connection; the accept socket can be used again. */
    if (WSAIoctl(l, SIO_GET_EXTENSION_FUNCTION_POINTER, &gaccept, sizeof gaccept, &acceptex, sizeof acceptex, &n, NULL, NULL))
        harness("AcceptEx pointer");
    as = socket(AF_INET, SOCK_STREAM, 0);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    ok = acceptex(l, as, ab, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &n, &ov);
    printf("AcceptEx: %d error %d\n", ok, WSAGetLastError());
    cancel_ex("CancelIoEx(accept socket, &ov)", as, &ov);
    cancel_ex("CancelIoEx(listener, &ov)", l, &ov);
    result("AcceptEx", l, &ov, TRUE);
    ok = acceptex(l, as, ab, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &n, &ov);
    printf("AcceptEx with the same accept socket: %d error %d\n", ok, WSAGetLastError());
    c2 = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c2, (struct sockaddr *)&la, sizeof la))
        harness("connect");
    result("AcceptEx after a connection", l, &ov, TRUE);
    closesocket(c2);
    closesocket(as);

    /* AcceptEx with receive data, cancelled while it waits for the first data. */
    as = socket(AF_INET, SOCK_STREAM, 0);
    ok = acceptex(l, as, ab, 16, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &n, &ov);
    printf("AcceptEx with receive data: %d error %d\n", ok, WSAGetLastError());
    c2 = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c2, (struct sockaddr *)&la, sizeof la))
        harness("connect");
    Sleep(100);
    result("AcceptEx connected, no data yet", l, &ov, FALSE);
    cancel_ex("CancelIoEx(listener, NULL)", l, NULL);
    result("AcceptEx", l, &ov, TRUE);
    closesocket(c2);
    closesocket(as);
    closesocket(l);

    /* ConnectEx to a listener whose backlog is full stays pending; cancelling aborts it. */
    l = socket(AF_INET, SOCK_STREAM, 0);
    la.sin_port = 0;
    len = sizeof la;
    if (bind(l, (struct sockaddr *)&la, sizeof la) || listen(l, 0) || getsockname(l, (struct sockaddr *)&la, &len))
        harness("listener");
    c2 = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c2, (struct sockaddr *)&la, sizeof la))
        harness("connect");
    {
        struct sockaddr_in any;
        SOCKET cx = socket(AF_INET, SOCK_STREAM, 0);
        memset(&any, 0, sizeof any);
        any.sin_family = AF_INET;
        if (bind(cx, (struct sockaddr *)&any, sizeof any))
            harness("bind");
        if (WSAIoctl(cx, SIO_GET_EXTENSION_FUNCTION_POINTER, &gconnect, sizeof gconnect, &connectex, sizeof connectex, &n, NULL, NULL))
            harness("ConnectEx pointer");
        ok = connectex(cx, (struct sockaddr *)&la, sizeof la, NULL, 0, &n, &ov);
        printf("ConnectEx to a full backlog: %d error %d\n", ok, WSAGetLastError());
        Sleep(100);
        result("ConnectEx", cx, &ov, FALSE);
        cancel_ex("CancelIoEx(s, &ov)", cx, &ov);
        result("ConnectEx", cx, &ov, TRUE);
        printf("closesocket: %d\n", closesocket(cx));
        cancel_ex("CancelIoEx on the closed socket", cx, NULL);
    }
    closesocket(c2);
    closesocket(l);
    closesocket(c);
    closesocket(s);
    WSACleanup();
    return 0;
}
