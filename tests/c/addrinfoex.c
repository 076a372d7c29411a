/* GetAddrInfoExW: synchronous, and asynchronous with an OVERLAPPED's event or a completion
 * routine; GetAddrInfoExOverlappedResult, GetAddrInfoExCancel, FreeAddrInfoExW; the
 * argument checks. Only local names (localhost, literals); "no.such.host.invalid" never
 * resolves. One line per check; exits non-zero on any failure.
 *
 * GOLDEN EDITED BY HAND: Wine 8 (tests/wine/record.sh) agrees except on two lines, where the
 * golden follows the GetAddrInfoEx documentation instead: before WSAStartup the call fails
 * with WSANOTINITIALISED (Wine resolves anyway), and hints whose other members are not zero
 * fail with WSANO_RECOVERY (Wine ignores them). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#ifdef __MINGW32__
/* Windows 8 functions mingw-w64's headers do not declare yet. */
INT WSAAPI GetAddrInfoExCancel(LPHANDLE lpHandle);
INT WSAAPI GetAddrInfoExOverlappedResult(LPOVERLAPPED lpOverlapped);
#endif
#include <stdio.h>
#include <string.h>
#include "check.h"

static int is_loopback_80(const ADDRINFOEXW *ai)
{
    if (ai->ai_family == AF_INET && ai->ai_addrlen == sizeof(SOCKADDR_IN)) {
        const SOCKADDR_IN *sin = (const SOCKADDR_IN *)ai->ai_addr;
        return sin->sin_port == htons(80) && sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
    }
    return 0;
}

static void synchronous(void)
{
    ADDRINFOEXW hints, *res;
    int r, e;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    res = (ADDRINFOEXW *)1;
    r = GetAddrInfoExW(W("localhost"), W("80"), NS_DNS, NULL, &hints, &res, NULL, NULL, NULL, NULL);
    check(r == 0 && res != NULL, "GetAddrInfoExW(localhost, 80, NS_DNS, AF_INET) (%d)", r);
    if (r == 0) {
        check(is_loopback_80(res), "the entry: 127.0.0.1 port 80");
        check(res->ai_blob == NULL && res->ai_bloblen == 0, "no blob");
        FreeAddrInfoExW(res);
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST | AI_CANONNAME;
    r = GetAddrInfoExW(W("::1"), W("443"), NS_ALL, NULL, &hints, &res, NULL, NULL, NULL, NULL);
    check(r == 0 && res && res->ai_family == AF_INET6 && res->ai_addrlen == sizeof(SOCKADDR_IN6), "GetAddrInfoExW(::1, NS_ALL, AI_NUMERICHOST): AF_INET6 (%d)", r);
    if (r == 0)
        FreeAddrInfoExW(res);

    res = (ADDRINFOEXW *)1;
    r = GetAddrInfoExW(W("no.such.host.invalid"), NULL, NS_ALL, NULL, NULL, &res, NULL, NULL, NULL, NULL);
    e = WSAGetLastError();
    check(r == WSAHOST_NOT_FOUND && e == WSAHOST_NOT_FOUND && res == NULL, "unknown host: WSAHOST_NOT_FOUND, result NULL (%d, %d)", r, e);
    r = GetAddrInfoExW(NULL, NULL, NS_ALL, NULL, NULL, &res, NULL, NULL, NULL, NULL);
    check(r == WSAHOST_NOT_FOUND, "no name and no service: WSAHOST_NOT_FOUND (%d)", r);
    memset(&hints, 0, sizeof hints);
    hints.ai_family = 99;
    r = GetAddrInfoExW(W("localhost"), NULL, NS_ALL, NULL, &hints, &res, NULL, NULL, NULL, NULL);
    check(r == WSAEAFNOSUPPORT, "hint family 99: WSAEAFNOSUPPORT (%d)", r);
    memset(&hints, 0, sizeof hints);
    hints.ai_addrlen = 16;
    r = GetAddrInfoExW(W("localhost"), NULL, NS_ALL, NULL, &hints, &res, NULL, NULL, NULL, NULL);
    check(r == WSANO_RECOVERY, "hints with ai_addrlen set: WSANO_RECOVERY (%d)", r);
    FreeAddrInfoExW(NULL);
    check(1, "FreeAddrInfoExW(NULL) is a no-op");
}

static HANDLE routine_done;
static DWORD routine_error = 12345;
static LPOVERLAPPED routine_ov;

static void CALLBACK completed(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    routine_error = error;
    routine_ov = ov;
    SetEvent(routine_done);
}

static void asynchronous(void)
{
    OVERLAPPED ov;
    ADDRINFOEXW hints, *res = NULL;
    HANDLE h = NULL;
    int r, e;
    DWORD w;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    r = GetAddrInfoExW(W("localhost"), W("80"), NS_ALL, NULL, &hints, &res, NULL, &ov, NULL, &h);
    e = WSAGetLastError();
    check(r == WSA_IO_PENDING && e == WSA_IO_PENDING, "with an OVERLAPPED: WSA_IO_PENDING (%d, %d)", r, e);
    w = WaitForSingleObject(ov.hEvent, 10000);
    check(w == WAIT_OBJECT_0, "the OVERLAPPED's event is set at completion (%u)", (unsigned)w);
    r = GetAddrInfoExOverlappedResult(&ov);
    check(r == 0 && res != NULL && is_loopback_80(res), "GetAddrInfoExOverlappedResult: 0, and the list is in *ppResult (%d)", r);
    if (res)
        FreeAddrInfoExW(res);
    r = GetAddrInfoExCancel(&h);
    check(r == WSA_INVALID_HANDLE, "GetAddrInfoExCancel after completion: WSA_INVALID_HANDLE (%d)", r);

    ResetEvent(ov.hEvent);
    res = (ADDRINFOEXW *)1;
    r = GetAddrInfoExW(W("no.such.host.invalid"), NULL, NS_ALL, NULL, NULL, &res, NULL, &ov, NULL, NULL);
    check(r == WSA_IO_PENDING, "an unknown host asynchronously: WSA_IO_PENDING (%d)", r);
    w = WaitForSingleObject(ov.hEvent, 20000);
    r = GetAddrInfoExOverlappedResult(&ov);
    check(w == WAIT_OBJECT_0 && r == WSAHOST_NOT_FOUND && res == NULL, "then WSAHOST_NOT_FOUND through GetAddrInfoExOverlappedResult, no list (%d)", r);
    CloseHandle(ov.hEvent);

    routine_done = CreateEventW(NULL, TRUE, FALSE, NULL);
    memset(&ov, 0, sizeof ov);
    res = NULL;
    r = GetAddrInfoExW(W("localhost"), W("80"), NS_ALL, NULL, &hints, &res, NULL, &ov, completed, NULL);
    check(r == WSA_IO_PENDING, "with a completion routine: WSA_IO_PENDING (%d)", r);
    w = WaitForSingleObject(routine_done, 10000);
    check(w == WAIT_OBJECT_0 && routine_error == 0 && routine_ov == &ov, "the routine runs with error 0 and the OVERLAPPED (%u, %u)", (unsigned)w, (unsigned)routine_error);
    check(res != NULL && is_loopback_80(res), "and the list is in *ppResult");
    if (res)
        FreeAddrInfoExW(res);
    CloseHandle(routine_done);

    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    r = GetAddrInfoExW(W("localhost"), NULL, NS_ALL, NULL, NULL, &res, NULL, &ov, completed, NULL);
    check(r == WSAEINVAL, "a completion routine and an event together: WSAEINVAL (%d)", r);
    CloseHandle(ov.hEvent);

    r = GetAddrInfoExOverlappedResult(NULL);
    check(r == WSAEINVAL, "GetAddrInfoExOverlappedResult(NULL): WSAEINVAL (%d)", r);
    h = (HANDLE)0x1234;
    r = GetAddrInfoExCancel(&h);
    check(r == WSA_INVALID_HANDLE, "GetAddrInfoExCancel of a bogus handle: WSA_INVALID_HANDLE (%d)", r);
}

int main(void)
{
    WSADATA data;
    ADDRINFOEXW *res;
    int r;

    r = GetAddrInfoExW(W("localhost"), NULL, NS_ALL, NULL, NULL, &res, NULL, NULL, NULL, NULL);
    check(r == WSANOTINITIALISED, "GetAddrInfoExW before WSAStartup: WSANOTINITIALISED (%d)", r);
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        printf("FAIL WSAStartup\n");
        return 1;
    }
    synchronous();
    asynchronous();
    WSACleanup();
    printf("%d failure(s)\n", failures);
    return failures != 0;
}
