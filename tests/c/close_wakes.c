/* closesocket in one thread wakes calls blocked on the socket in others: recv, accept, select
 * and WSAWaitForMultipleEvents return promptly with an error. (Linux-only expectations:
 * prints ok/FAIL, no golden; the wait for WSAWaitForMultipleEvents is ws2's documented
 * choice: WSA_WAIT_FAILED with WSAENOTSOCK.) */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

static SOCKET victim;
static WSAEVENT victim_event;
static int result, error;
static ULONGLONG took;
static int fails;

enum { RECV, ACCEPT, SELECT, WAIT };

static DWORD WINAPI blocker(LPVOID p)
{
    int kind = (int)(ULONG_PTR)p;
    char buf[8];
    fd_set r;
    ULONGLONG t0 = GetTickCount64();
    switch (kind) {
    case RECV:
        result = recv(victim, buf, sizeof buf, 0);
        break;
    case ACCEPT:
        result = (int)accept(victim, NULL, NULL);
        break;
    case SELECT:
        FD_ZERO(&r);
        FD_SET(victim, &r);
        result = select(0, &r, NULL, NULL, NULL);
        break;
    case WAIT:
        result = (int)WSAWaitForMultipleEvents(1, &victim_event, FALSE, WSA_INFINITE, FALSE);
        break;
    }
    error = WSAGetLastError();
    took = GetTickCount64() - t0;
    return 0;
}

static void check(const char *what, int kind, SOCKET s)
{
    HANDLE t;
    DWORD w;
    victim = s;
    result = 12345;
    t = CreateThread(NULL, 0, blocker, (LPVOID)(ULONG_PTR)kind, 0, NULL);
    Sleep(200);
    closesocket(s);
    w = WaitForSingleObject(t, 3000);
    if (w != WAIT_OBJECT_0) {
        printf("FAIL: %s still blocked after closesocket\n", what);
        fails++;
        return;
    }
    CloseHandle(t);
    if (result != -1 || took > 2000) {
        printf("FAIL: %s returned %d error %d after %llu ms\n", what, result, error, (unsigned long long)took);
        fails++;
    } else {
        printf("ok: %s returned promptly with error %d\n", what, error);
    }
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in a;
    SOCKET l, c, s;
    int len = sizeof a;

    WSAStartup(MAKEWORD(2, 2), &d);
    l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 5) || getsockname(l, (struct sockaddr *)&a, &len))
        return 2;

    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *)&a, sizeof a);
    s = accept(l, NULL, NULL);
    check("blocking recv", RECV, s);
    closesocket(c);

    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *)&a, sizeof a);
    s = accept(l, NULL, NULL);
    check("select", SELECT, s);
    closesocket(c);

    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *)&a, sizeof a);
    s = accept(l, NULL, NULL);
    victim_event = WSACreateEvent();
    WSAEventSelect(s, victim_event, FD_READ | FD_CLOSE);
    check("WSAWaitForMultipleEvents", WAIT, s);
    WSACloseEvent(victim_event);
    closesocket(c);

    check("blocking accept", ACCEPT, l);

    /* A datagram socket blocked in recvfrom. */
    s = socket(AF_INET, SOCK_DGRAM, 0);
    a.sin_port = 0;
    bind(s, (struct sockaddr *)&a, sizeof a);
    check("blocking recvfrom (UDP)", RECV, s);

    WSACleanup();
    return fails != 0;
}
