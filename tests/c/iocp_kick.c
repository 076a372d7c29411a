/* A packet posted while the most recent waiter is woken for readiness of its own socket as well
 * reaches another idle waiter at once: the first thread takes the packet its readiness made
 * and then blocks for a while in its handler, and must not hold the posted one meanwhile (a
 * review found it stuck until that thread came back). Self-checking. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "check.h"

static HANDLE port, go_a;
static volatile LONG a_ready;
static volatile double t_post, t7 = -1;
static volatile LONG who7;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static DWORD WINAPI thread_a(LPVOID p)
{
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    (void)p;
    GetQueuedCompletionStatus(port, &n, &key, &ov, 1); /* makes A's set */
    InterlockedIncrement(&a_ready);
    WaitForSingleObject(go_a, INFINITE);
    for (int i = 0; i < 3; i++) {
        if (!GetQueuedCompletionStatus(port, &n, &key, &ov, 1000) && !ov)
            return 0;
        if (key == 7) {
            t7 = now_ms();
            who7 = 'A';
            return 0;
        }
        Sleep(700); /* handling the receive takes a while (blocked, e.g. on a database) */
    }
    return 0;
}

static DWORD WINAPI thread_b(LPVOID p)
{
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    (void)p;
    for (int i = 0; i < 3; i++) {
        if (!GetQueuedCompletionStatus(port, &n, &key, &ov, 1000) && !ov)
            continue;
        if (key == 7) {
            t7 = now_ms();
            who7 = 'B';
            return 0;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    WSADATA d;
    struct sockaddr_in a;
    int iters = argc > 1 ? atoi(argv[1]) : 2, bad = 0;
    WSAStartup(MAKEWORD(2, 2), &d);
    SOCKET l = tcp_listener(&a);
    for (int it = 0; it < iters; it++) {
        SOCKET c, s;
        char buf[16];
        WSABUF wb = {sizeof buf, buf};
        DWORD n = 0, fl = 0;
        WSAOVERLAPPED ov;
        tcp_pair(l, &a, &c, &s);
        port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
        go_a = CreateEvent(NULL, TRUE, FALSE, NULL);
        CreateIoCompletionPort((HANDLE)s, port, 1, 0);
        a_ready = 0;
        t7 = -1;
        who7 = 0;
        HANDLE ta = CreateThread(NULL, 0, thread_a, NULL, 0, NULL);
        while (!a_ready)
            Sleep(1);
        memset(&ov, 0, sizeof ov);
        if (WSARecv(s, &wb, 1, &n, &fl, &ov, NULL) != SOCKET_ERROR || WSAGetLastError() != WSA_IO_PENDING)
            harness("WSARecv pending");
        HANDLE tb = CreateThread(NULL, 0, thread_b, NULL, 0, NULL);
        Sleep(100); /* B waits */
        SetEvent(go_a);
        Sleep(100); /* A waits, after B: the most recent waiter */
        send(c, "x", 1, 0);
        t_post = now_ms();
        PostQueuedCompletionStatus(port, 0, 7, NULL);
        WaitForSingleObject(ta, INFINITE);
        WaitForSingleObject(tb, INFINITE);
        double lat = t7 < 0 ? -1 : t7 - t_post;
        if (lat < 0 || lat > 300)
            bad++;
        closesocket(c);
        closesocket(s);
        CloseHandle(port);
        CloseHandle(go_a);
    }
    check(bad == 0, "a posted packet reaches an idle waiter at once (%d of %d iterations late)", bad, iters);
    return failures != 0;
}
