/* WSAIoctl with an OVERLAPPED or a completion routine. The ioctls complete at once; the call
 * returns 0 with lpcbBytesReturned filled and still signals the completion: the event, a
 * completion port packet (none under FILE_SKIP_COMPLETION_PORT_ON_SUCCESS or with the event's
 * low bit set), or the completion routine as an APC in an alertable wait. The notification
 * carries zero bytes. A call that fails at once returns SOCKET_ERROR with the error and
 * signals nothing, as does one without lpcbBytesReturned (WSAEFAULT, overlapped or not).
 * Covers FIONREAD, FIONBIO and SIO_GET_EXTENSION_FUNCTION_POINTER. */
#include <winsock2.h>
#include <windows.h>
#include <mswsock.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static LPWSAOVERLAPPED routine_ov;

static SOCKET s;
static WSAOVERLAPPED ov;
static HANDLE port;

static void report(const char *what, int r, DWORD returned)
{
    printf("%s: %d error %d returned %lu\n", what, r, r ? WSAGetLastError() : 0, (unsigned long)returned);
}

static void event_state(void)
{
    printf("  event %s\n", WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 0, FALSE) == WSA_WAIT_EVENT_0 ? "signalled" : "not signalled");
}

static void overlapped_result(void)
{
    DWORD n = 12345, flags = 12345;
    BOOL ok = WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags);
    printf("  WSAGetOverlappedResult %d bytes %lu flags %lu\n", ok, (unsigned long)n, (unsigned long)flags);
}

static void dequeue(void)
{
    DWORD n = 12345;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    BOOL ok;
    SetLastError(0);
    ok = GetQueuedCompletionStatus(port, &n, &key, &got, 100);
    if (got)
        printf("  packet: %d key %lu ours %d bytes %lu\n", ok, (unsigned long)key, got == &ov, (unsigned long)n);
    else
        printf("  no packet: %d error %lu\n", ok, (unsigned long)GetLastError());
}

static void alertable_wait(void)
{
    DWORD w = SleepEx(200, TRUE);
    printf("  SleepEx %lu, routine calls %d", (unsigned long)w, routine_calls);
    if (w == WAIT_IO_COMPLETION)
        printf(" error %lu bytes %lu ours %d", (unsigned long)routine_error, (unsigned long)routine_bytes, routine_ov == &ov);
    printf("\n");
}

int main(void)
{
    WSADATA d;
    SOCKET l, c;
    struct sockaddr_in la;
    int r;
    DWORD n;
    u_long v;
    void *fp;
    GUID acceptex = WSAID_ACCEPTEX, unknown = { 1, 2, 3, { 4, 5, 6, 7, 8, 9, 10, 11 } };

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    l = tcp_listener(&la);
    tcp_pair(l, &la, &c, &s);
    send(c, "abcdef", 6, 0);
    Sleep(50);

    /* With an event. */
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    v = 0;
    n = 12345;
    r = WSAIoctl(s, FIONREAD, NULL, 0, &v, sizeof v, &n, &ov, NULL);
    report("FIONREAD", r, n);
    printf("  value %lu, Internal %lu InternalHigh %lu\n", (unsigned long)v, (unsigned long)ov.Internal, (unsigned long)ov.InternalHigh);
    event_state();
    overlapped_result();

    WSAResetEvent(ov.hEvent);
    v = 0;
    n = 12345;
    r = WSAIoctl(s, FIONBIO, &v, sizeof v, NULL, 0, &n, &ov, NULL);
    report("FIONBIO", r, n);
    event_state();

    WSAResetEvent(ov.hEvent);
    fp = NULL;
    n = 12345;
    r = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof acceptex, &fp, sizeof fp, &n, &ov, NULL);
    report("SIO_GET_EXTENSION_FUNCTION_POINTER", r, n);
    printf("  pointer %s\n", fp ? "set" : "null");
    event_state();
    overlapped_result();

    /* Failing at once: no completion, the OVERLAPPED untouched. */
    WSAResetEvent(ov.hEvent);
    ov.Internal = 0x1234;
    n = 12345;
    r = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &unknown, sizeof unknown, &fp, sizeof fp, &n, &ov, NULL);
    report("unknown extension GUID", r, n);
    printf("  Internal %s\n", ov.Internal == 0x1234 ? "untouched" : "written");
    event_state();

    n = 12345;
    r = WSAIoctl(s, FIONREAD, NULL, 0, &v, 2, &n, &ov, NULL);
    report("FIONREAD into 2 bytes", r, n);
    printf("  Internal %s\n", ov.Internal == 0x1234 ? "untouched" : "written");
    event_state();

    /* lpcbBytesReturned is required, overlapped or not. */
    v = 12345;
    r = WSAIoctl(s, FIONREAD, NULL, 0, &v, sizeof v, NULL, NULL, NULL);
    printf("FIONREAD, no lpcbBytesReturned: %d error %d value %lu\n", r, r ? WSAGetLastError() : 0, (unsigned long)v);
    fp = NULL;
    r = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof acceptex, &fp, sizeof fp, NULL, &ov, NULL);
    printf("SIO_GET_EXTENSION_FUNCTION_POINTER, no lpcbBytesReturned: %d error %d pointer %s\n", r, r ? WSAGetLastError() : 0,
           fp ? "set" : "null");
    printf("  Internal %s\n", ov.Internal == 0x1234 ? "untouched" : "written");
    event_state();

    /* With a completion routine: an APC, run by an alertable wait. */
    memset(&ov, 0, sizeof ov);
    n = 12345;
    r = WSAIoctl(s, FIONREAD, NULL, 0, &v, sizeof v, &n, &ov, record_routine);
    report("FIONREAD with a completion routine", r, n);
    printf("  routine calls before an alertable wait: %d\n", routine_calls);
    alertable_wait();

    n = 12345;
    r = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof acceptex, &fp, sizeof fp, &n, &ov, record_routine);
    report("SIO_GET_EXTENSION_FUNCTION_POINTER with a completion routine", r, n);
    alertable_wait();

    r = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &unknown, sizeof unknown, &fp, sizeof fp, &n, &ov, record_routine);
    report("unknown extension GUID with a completion routine", r, n);
    alertable_wait();

    r = WSAIoctl(s, FIONREAD, NULL, 0, &v, sizeof v, NULL, &ov, record_routine);
    printf("FIONREAD with a completion routine, no lpcbBytesReturned: %d error %d\n", r, r ? WSAGetLastError() : 0);
    alertable_wait();

    /* With a completion port. */
    port = CreateIoCompletionPort((HANDLE)s, NULL, 9, 0);
    if (!port)
        harness("CreateIoCompletionPort");
    memset(&ov, 0, sizeof ov);
    n = 12345;
    r = WSAIoctl(s, FIONREAD, NULL, 0, &v, sizeof v, &n, &ov, NULL);
    report("FIONREAD, port", r, n);
    dequeue();
    n = 12345;
    r = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof acceptex, &fp, sizeof fp, &n, &ov, NULL);
    report("SIO_GET_EXTENSION_FUNCTION_POINTER, port", r, n);
    dequeue();
    r = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &unknown, sizeof unknown, &fp, sizeof fp, &n, &ov, NULL);
    report("unknown extension GUID, port", r, n);
    dequeue();

    /* The event's low bit keeps the packet from the port; the event is still set. */
    ov.hEvent = (HANDLE)((ULONG_PTR)WSACreateEvent() | 1);
    n = 12345;
    r = WSAIoctl(s, FIONREAD, NULL, 0, &v, sizeof v, &n, &ov, NULL);
    report("FIONREAD, port, event with the low bit", r, n);
    dequeue();
    printf("  event %s\n",
           WaitForSingleObject((HANDLE)((ULONG_PTR)ov.hEvent & ~(ULONG_PTR)1), 0) == WAIT_OBJECT_0 ? "signalled" : "not signalled");

    /* Skip-on-success: completions at once queue no packet, but set the event. */
    if (!SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
        harness("SetFileCompletionNotificationModes");
    ov.hEvent = WSACreateEvent();
    n = 12345;
    r = WSAIoctl(s, FIONREAD, NULL, 0, &v, sizeof v, &n, &ov, NULL);
    report("FIONREAD, port, skip on success", r, n);
    dequeue();
    event_state();

    CloseHandle(port);
    closesocket(s);
    closesocket(c);
    closesocket(l);
    WSACleanup();
    return 0;
}
