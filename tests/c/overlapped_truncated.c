/* An overlapped receive of a datagram larger than its buffers: the call fails with WSAEMSGSIZE
 * when it finishes at once, and the operation still completes, as Windows completes a
 * truncated receive (STATUS_BUFFER_OVERFLOW is a warning): the event is set,
 * WSAGetOverlappedResult gives WSAEMSGSIZE with the bytes that fit, a completion port gets a
 * packet failing with ERROR_MORE_DATA (not with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: the
 * status is no error, and the call reported it), and a completion routine gets WSAEMSGSIZE.
 * The same when the datagram arrives after the receive was posted. Recorded with wine. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static SOCKET rx, tx;
static struct sockaddr_in to;
static char b1[4], b2[4];
static WSABUF wb[2] = { { 4, b1 }, { 4, b2 } };

static void datagram(void)
{
    if (sendto(tx, "0123456789", 10, 0, (struct sockaddr *)&to, sizeof to) != 10)
        harness("sendto");
    Sleep(30);
}

static int receive(WSAOVERLAPPED *ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE cr)
{
    DWORD n = 99, flags = 0;
    int r = WSARecv(rx, wb, 2, &n, &flags, ov, cr);
    return r ? WSAGetLastError() : 0;
}

static void result(const char *what, WSAOVERLAPPED *ov)
{
    DWORD n = 0, flags = 0;
    BOOL ok = WSAGetOverlappedResult(rx, ov, &n, FALSE, &flags);
    printf("%s: WSAGetOverlappedResult %d %d, %lu bytes \"%.4s%.4s\"\n", what, ok, ok ? 0 : WSAGetLastError(), (unsigned long)n, b1, b2);
}

/* A receive on the port's socket, the datagram sent before (`first`) or after it. */
static void port_case(const char *what, HANDLE port, int first)
{
    WSAOVERLAPPED ov;
    DWORD n = 0;
    ULONG_PTR key;
    LPOVERLAPPED got = NULL;
    BOOL ok;
    int e;
    if (first)
        datagram();
    memset(&ov, 0, sizeof ov);
    e = receive(&ov, NULL);
    if (!first)
        datagram();
    ok = GetQueuedCompletionStatus(port, &n, &key, &got, 2000);
    printf("%s: WSARecv %d, packet %d error %lu bytes %lu ours %d\n", what, e, ok, ok ? 0UL : (unsigned long)GetLastError(),
           (unsigned long)n, got == &ov);
}

int main(void)
{
    WSADATA d;
    WSAOVERLAPPED ov;
    HANDLE port;
    int len = sizeof to, e;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    rx = WSASocketW(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
    tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(rx, (struct sockaddr *)&to, sizeof to) || getsockname(rx, (struct sockaddr *)&to, &len))
        harness("bind");

    /* With an event, finishing at once. */
    datagram();
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    e = receive(&ov, NULL);
    printf("event, at once: WSARecv %d, event %s\n", e, WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 0, FALSE) == 0 ? "set" : "not set");
    result("event, at once", &ov);

    /* With an event, the datagram arriving later. */
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    e = receive(&ov, NULL);
    datagram();
    printf("event, later: WSARecv %d, event %s\n", e, WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 2000, FALSE) == 0 ? "set" : "not set");
    result("event, later", &ov);

    /* A completion routine. */
    datagram();
    memset(&ov, 0, sizeof ov);
    e = receive(&ov, record_routine);
    SleepEx(0, TRUE);
    printf("routine, at once: WSARecv %d, routine calls %d error %lu bytes %lu\n", e, routine_calls, (unsigned long)routine_error,
           (unsigned long)routine_bytes);

    /* A completion port, with and without skip-on-success. */
    port = CreateIoCompletionPort((HANDLE)rx, NULL, 7, 0);
    port_case("port, at once", port, 1);
    SetFileCompletionNotificationModes((HANDLE)rx, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS);
    port_case("port with skip, at once", port, 1);
    port_case("port, later", port, 0);

    closesocket(rx);
    closesocket(tx);
    CloseHandle(port);
    WSACleanup();
    return 0;
}
