/* Overlapped I/O: WSARecv/WSASend/WSARecvFrom/WSASendTo with an event or a completion
 * routine, WSA_IO_PENDING, WSAGetOverlappedResult (fWait FALSE and TRUE, WSA_IO_INCOMPLETE),
 * completion routines run only in alertable waits of the issuing thread, a peer reset failing a
 * pending receive, and closesocket aborting pending operations (WSA_OPERATION_ABORTED).
 * GOLDEN EDITED BY HAND: wine 8.0 calls the completion routine of a receive aborted by
 * closesocket with WSAEINVAL (10022); the closesocket and WSARecv documentation say pending
 * operations are cancelled and complete with WSA_OPERATION_ABORTED (995). Wine also completes
 * an overlapped MSG_WAITALL receive with the 3 bytes already there; the WSARecv documentation
 * says it completes only when the buffer is full, the connection closed, or on an error (the
 * golden has it pending, 997, then 8 bytes). */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static SOCKET l;
static struct sockaddr_in la;


static SOCKET sender;
static DWORD WINAPI send_later(LPVOID p)
{
    Sleep(100);
    send(sender, (const char *)p, (int)strlen((const char *)p), 0);
    return 0;
}

int main(void)
{
    WSADATA d;
    SOCKET c, s, u1, u2;
    WSAOVERLAPPED ov, ov2;
    WSABUF b;
    char buf[64], buf2[64];
    DWORD n, flags, w;
    BOOL ok;
    int r, len = sizeof la;
    HANDLE t;
    struct sockaddr_in from, ua;
    int fromlen = sizeof from;
    struct linger lg = { 1, 0 };

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    l = tcp_listener(&la);
    tcp_pair(l, &la, &c, &s);

    /* A receive that has to wait, signalled through an event. */
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    b.buf = buf;
    b.len = sizeof buf;
    flags = 0;
    n = 12345;
    r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
    printf("WSARecv with nothing to read: %d error %d\n", r, WSAGetLastError());
    ok = WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags);
    printf("WSAGetOverlappedResult(fWait FALSE) while pending: %d error %d\n", ok, WSAGetLastError());
    printf("HasOverlappedIoCompleted: %d\n", (int)HasOverlappedIoCompleted(&ov));
    send(c, "hello", 5, 0);
    w = WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE);
    ok = WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags);
    printf("after data: wait %lu, result %d bytes %lu flags %lu data %.5s, HasOverlappedIoCompleted %d\n", (unsigned long)w, ok,
           (unsigned long)n, (unsigned long)flags, buf, (int)HasOverlappedIoCompleted(&ov));

    /* Data already waiting: the call completes at once, and still signals the event. */
    send(c, "again", 5, 0);
    Sleep(50);
    WSAResetEvent(ov.hEvent);
    n = 0;
    r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
    printf("WSARecv with data waiting: %d bytes %lu, event %lu\n", r, (unsigned long)n,
           (unsigned long)WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 0, FALSE));

    /* Overlapped send. */
    memset(&ov2, 0, sizeof ov2);
    ov2.hEvent = WSACreateEvent();
    b.buf = (char *)"overlapped send";
    b.len = 15;
    n = 0;
    r = WSASend(c, &b, 1, &n, 0, &ov2, NULL);
    ok = WSAGetOverlappedResult(c, &ov2, &n, TRUE, &flags);
    printf("WSASend: %d, result %d bytes %lu\n", r, ok, (unsigned long)n);
    r = recv(s, buf, sizeof buf, 0);
    printf("peer got %d bytes\n", r);

    /* fWait TRUE waits for the completion. */
    sender = c;
    b.buf = buf;
    b.len = sizeof buf;
    flags = 0;
    r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
    printf("WSARecv: %d error %d\n", r, WSAGetLastError());
    t = CreateThread(NULL, 0, send_later, (LPVOID) "later", 0, NULL);
    ok = WSAGetOverlappedResult(s, &ov, &n, TRUE, &flags);
    printf("WSAGetOverlappedResult(fWait TRUE): %d bytes %lu\n", ok, (unsigned long)n);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);

    /* A completion routine runs in an alertable wait of the issuing thread, not before. */
    memset(&ov2, 0, sizeof ov2);
    flags = 0;
    r = WSARecv(s, &b, 1, &n, &flags, &ov2, record_routine);
    printf("WSARecv with a completion routine: %d error %d\n", r, WSAGetLastError());
    send(c, "routine", 7, 0);
    Sleep(100);
    printf("routine calls before an alertable wait: %d\n", routine_calls);
    w = SleepEx(5000, TRUE);
    printf("SleepEx: %lu, routine calls %d error %lu bytes %lu own overlapped %d\n", (unsigned long)w, routine_calls,
           (unsigned long)routine_error, (unsigned long)routine_bytes, routine_ov == &ov2);
    r = WSARecv(s, &b, 1, &n, &flags, &ov2, record_routine);
    send(c, "x", 1, 0);
    WSAResetEvent(ov.hEvent);
    w = WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, TRUE);
    printf("WSAWaitForMultipleEvents alertable: %lu, routine calls %d\n", (unsigned long)w, routine_calls);

    /* A completion routine for an operation that completes at once still runs as an APC. */
    send(c, "now", 3, 0);
    Sleep(50);
    r = WSARecv(s, &b, 1, &n, &flags, &ov2, record_routine);
    printf("immediate WSARecv with a routine: %d bytes %lu, routine calls %d\n", r, (unsigned long)n, routine_calls);
    w = SleepEx(0, TRUE);
    printf("SleepEx(0, TRUE): %lu, routine calls %d\n", (unsigned long)w, routine_calls);

    /* A peer reset fails a pending receive. */
    flags = 0;
    r = WSARecv(s, &b, 1, &n, &flags, &ov, NULL);
    setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg);
    closesocket(c);
    w = WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE);
    ok = WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags);
    printf("peer reset: wait %lu, result %d error %d\n", (unsigned long)w, ok, WSAGetLastError());
    closesocket(s);

    /* closesocket aborts pending operations. */
    tcp_pair(l, &la, &c, &s);
    flags = 0;
    r = WSARecv(s, &b, 1, &n, &flags, &ov2, record_routine);
    printf("pending WSARecv: %d error %d\n", r, WSAGetLastError());
    closesocket(s);
    w = SleepEx(5000, TRUE);
    printf("after closesocket: SleepEx %lu, routine calls %d error %lu\n", (unsigned long)w, routine_calls, (unsigned long)routine_error);
    closesocket(c);

    /* Datagrams: WSASendTo and WSARecvFrom with the sender's address. */
    u1 = socket(AF_INET, SOCK_DGRAM, 0);
    u2 = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&ua, 0, sizeof ua);
    ua.sin_family = AF_INET;
    ua.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(u1, (struct sockaddr *)&ua, sizeof ua);
    len = sizeof ua;
    getsockname(u1, (struct sockaddr *)&ua, &len);
    bind(u2, (struct sockaddr *)&la, 0);
    b.buf = buf2;
    b.len = sizeof buf2;
    flags = 0;
    memset(&from, 0, sizeof from);
    WSAResetEvent(ov.hEvent);
    r = WSARecvFrom(u1, &b, 1, &n, &flags, (struct sockaddr *)&from, &fromlen, &ov, NULL);
    printf("WSARecvFrom: %d error %d\n", r, WSAGetLastError());
    b.buf = (char *)"datagram";
    b.len = 8;
    r = WSASendTo(u2, &b, 1, &n, 0, (struct sockaddr *)&ua, sizeof ua, &ov2, NULL);
    ok = WSAGetOverlappedResult(u2, &ov2, &n, TRUE, &flags);
    printf("WSASendTo: %d result %d bytes %lu\n", r, ok, (unsigned long)n);
    ok = WSAGetOverlappedResult(u1, &ov, &n, TRUE, &flags);
    printf("WSARecvFrom completes: %d bytes %lu %.8s from family %d loopback %d fromlen %d\n", ok, (unsigned long)n, buf2,
           from.sin_family, from.sin_addr.s_addr == htonl(INADDR_LOOPBACK), fromlen);
    /* An empty buffer still makes a datagram. */
    b.len = 0;
    WSAResetEvent(ov2.hEvent);
    r = WSASendTo(u2, &b, 1, &n, 0, (struct sockaddr *)&ua, sizeof ua, &ov2, NULL);
    ok = WSAGetOverlappedResult(u2, &ov2, &n, TRUE, &flags);
    printf("empty WSASendTo: %d result %d bytes %lu\n", r, ok, (unsigned long)n);
    {
        DWORD ms = 2000;
        setsockopt(u1, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof ms);
        r = recv(u1, buf2, sizeof buf2, 0);
        printf("empty datagram received: %d error %d\n", r, r < 0 ? WSAGetLastError() : 0);
    }
    closesocket(u1);
    closesocket(u2);

    /* MSG_WAITALL: the receive completes when its buffer is full (across sends), or at the
     * end of the stream with what came. */
    {
        SOCKET c, s;
        char all[8];
        WSABUF wa = { sizeof all, all };
        WSAOVERLAPPED ow;
        tcp_pair(l, &la, &c, &s);
        memset(&ow, 0, sizeof ow);
        ow.hEvent = WSACreateEvent();
        send(c, "abc", 3, 0);
        Sleep(30);
        flags = MSG_WAITALL;
        r = WSARecv(s, &wa, 1, &n, &flags, &ow, NULL);
        printf("MSG_WAITALL with 3 of 8 bytes: %d %d\n", r, r ? WSAGetLastError() : 0);
        send(c, "defgh", 5, 0);
        ok = WSAGetOverlappedResult(s, &ow, &n, TRUE, &flags);
        printf("  after 5 more: result %d, %lu bytes \"%.8s\"\n", ok, (unsigned long)n, all);
        flags = MSG_WAITALL;
        WSAResetEvent(ow.hEvent);
        r = WSARecv(s, &wa, 1, &n, &flags, &ow, NULL);
        r = r ? WSAGetLastError() : 0;
        send(c, "xy", 2, 0);
        shutdown(c, SD_SEND);
        ok = WSAGetOverlappedResult(s, &ow, &n, TRUE, &flags);
        printf("MSG_WAITALL, 2 bytes then the end: %d, result %d, %lu bytes\n", r, ok, (unsigned long)n);
        closesocket(c);
        closesocket(s);
        WSACloseEvent(ow.hEvent);
    }

    closesocket(l);
    WSACloseEvent(ov.hEvent);
    WSACloseEvent(ov2.hEvent);
    WSACleanup();
    return 0;
}
