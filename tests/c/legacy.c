/* Winsock 1.1 blocking hooks are gone in Winsock 2.2: the calls exist and fail with
   WSAEOPNOTSUPP; WSAIsBlocking is FALSE. Portable; output checked against a golden.
   GOLDEN EDITED BY HAND: wine's stubs report success for every call; the documentation says
   the functions were removed from Winsock 2.2, and Windows' ws2_32 fails them for 2.x callers
   with WSAEOPNOTSUPP (as ReactOS, which mirrors it, does). */
#include <winsock2.h>
#include <stdio.h>

static BOOL CALLBACK hook(void) { return FALSE; }

int main(void)
{
    WSADATA wsa;
    FARPROC old;
    int rc;

    rc = WSACancelBlockingCall();
    printf("WSACancelBlockingCall before startup: %d %d\n", rc, WSAGetLastError());
    if (WSAStartup(MAKEWORD(2, 2), &wsa)) return 1;
    printf("WSAIsBlocking: %d\n", WSAIsBlocking());
    WSASetLastError(0);
    old = WSASetBlockingHook((FARPROC)(void (*)(void))hook);
    printf("WSASetBlockingHook: %s %d\n", old ? "non-NULL" : "NULL", WSAGetLastError());
    rc = WSAUnhookBlockingHook();
    printf("WSAUnhookBlockingHook: %d %d\n", rc, WSAGetLastError());
    rc = WSACancelBlockingCall();
    printf("WSACancelBlockingCall: %d %d\n", rc, WSAGetLastError());
    WSACleanup();
    return 0;
}
