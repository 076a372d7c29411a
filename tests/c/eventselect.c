/* WSAEventSelect and WSAEnumNetworkEvents with the Windows recording and re-enabling rules,
 * and WSACreateEvent/WSASetEvent/WSAResetEvent/WSAWaitForMultipleEvents.
 * GOLDEN EDITED BY HAND: wine 8.0 sets the client's event a second time after FD_CONNECT and
 * FD_WRITE were enumerated together, with nothing recorded ("event now set", then a wait that
 * returns at once with no events). WSAEnumNetworkEvents resets the event and records nothing
 * new, so the golden says "event now reset" and the next wait times out (258). Wine has a
 * window system and accepts WSAAsyncSelect with a null window; ws2 has none, so no window
 * handle refers to an existing window: WSAEINVAL, WSAAsyncSelect's documented error for that. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static const char *names[] = { "READ", "WRITE", "OOB", "ACCEPT", "CONNECT", "CLOSE" };

/* Waits for the event (up to ms), then enumerates and prints the recorded events. */
static void show_events(const char *what, SOCKET s, WSAEVENT ev, DWORD ms)
{
    WSANETWORKEVENTS ne;
    DWORD w = WSAWaitForMultipleEvents(1, &ev, FALSE, ms, FALSE);
    int i, r;
    memset(&ne, 0x55, sizeof ne);
    r = WSAEnumNetworkEvents(s, ev, &ne);
    printf("%s: wait %lu enum %d events 0x%lx", what, (unsigned long)w, r, (long)ne.lNetworkEvents);
    for (i = 0; i < 6; i++)
        if (ne.lNetworkEvents & (1 << i))
            printf(" %s(%d)", names[i], ne.iErrorCode[i]);
    printf("; event now %s\n", WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE) == WSA_WAIT_TIMEOUT ? "reset" : "set");
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in a;
    SOCKET l, c, s, c2, s2, nb;
    WSAEVENT le, ce, se, e2, evs[2];
    u_long zero = 0, one = 1;
    static char big[65536];
    char buf[64];
    int r, len = sizeof a, i, err = 0;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");

    /* Event objects. */
    e2 = WSACreateEvent();
    printf("new event: %lu\n", (unsigned long)WSAWaitForMultipleEvents(1, &e2, FALSE, 0, FALSE));
    WSASetEvent(e2);
    printf("after WSASetEvent: %lu", (unsigned long)WSAWaitForMultipleEvents(1, &e2, FALSE, 0, FALSE));
    printf(" (manual reset: %lu)\n", (unsigned long)WSAWaitForMultipleEvents(1, &e2, FALSE, 0, FALSE));
    WSAResetEvent(e2);
    evs[0] = WSACreateEvent();
    evs[1] = e2;
    WSASetEvent(e2);
    printf("wait any, second set: %lu;", (unsigned long)WSAWaitForMultipleEvents(2, evs, FALSE, 0, FALSE));
    printf(" wait all: %lu\n", (unsigned long)WSAWaitForMultipleEvents(2, evs, TRUE, 10, FALSE));
    r = (int)WSAWaitForMultipleEvents(0, evs, FALSE, 0, FALSE);
    printf("wait on no events: 0x%x error %d\n", (unsigned)r, WSAGetLastError());
    WSACloseEvent(evs[0]);
    r = WSACloseEvent(evs[0]);
    printf("WSACloseEvent twice: %d error %d\n", r, WSAGetLastError());

    l = tcp_listener(&a);
    le = WSACreateEvent();
    r = WSAEventSelect(l, le, FD_ACCEPT | FD_READ | FD_WRITE | FD_CLOSE);
    printf("WSAEventSelect on listener: %d\n", r);
    show_events("listener, nothing pending", l, le, 0);

    /* Connect: FD_CONNECT and FD_WRITE together. */
    c = socket(AF_INET, SOCK_STREAM, 0);
    ce = WSACreateEvent();
    WSAEventSelect(c, ce, FD_CONNECT | FD_READ | FD_WRITE | FD_CLOSE);
    r = ioctlsocket(c, FIONBIO, &zero);
    printf("FIONBIO off while selected: %d error %d\n", r, WSAGetLastError());
    r = connect(c, (struct sockaddr *)&a, sizeof a);
    printf("connect: %d error %d\n", r, WSAGetLastError());
    show_events("client after connect", c, ce, 5000);
    show_events("client again (FD_WRITE only once)", c, ce, 100);

    /* FD_ACCEPT, re-enabled by accept; the accepted socket inherits the selection. */
    show_events("listener, connection pending", l, le, 5000);
    c2 = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c2, (struct sockaddr *)&a, sizeof a))
        harness("connect 2");
    show_events("listener, second connection before accept", l, le, 100);
    s = accept(l, NULL, NULL);
    if (s == INVALID_SOCKET)
        harness("accept");
    show_events("listener after accept (second still pending)", l, le, 5000);
    s2 = accept(l, NULL, NULL);
    show_events("listener after accepting both", l, le, 100);
    se = WSACreateEvent();
    r = ioctlsocket(s, FIONBIO, &zero);
    printf("accepted socket inherits (FIONBIO off): %d error %d\n", r, WSAGetLastError());
    WSAEventSelect(s, se, FD_READ | FD_WRITE | FD_CLOSE);
    show_events("accepted socket selected", s, se, 5000);

    /* FD_READ: every recv, even partial, re-enables it. */
    send(c, "0123456789", 10, 0);
    show_events("data arrives", s, se, 5000);
    r = recv(s, buf, 4, 0);
    show_events("after a partial recv", s, se, 1000);
    r = recv(s, buf, sizeof buf, 0);
    show_events("after reading the rest", s, se, 100);

    /* Data behind an urgent byte read with MSG_OOB still brings FD_READ (FD_OOB is not
     * selected here, so the urgent byte alone brings nothing). */
    send(c, "!", 1, MSG_OOB);
    Sleep(50);
    recv(s, buf, 1, MSG_OOB);
    show_events("urgent byte read", s, se, 100);
    send(c, "after", 5, 0);
    show_events("data after the urgent byte", s, se, 5000);
    r = recv(s, buf, sizeof buf, 0);
    printf("recv after the urgent byte: %d\n", r);
    show_events("after reading it", s, se, 100);

    /* FD_WRITE again only after WSAEWOULDBLOCK. */
    for (i = 0; i < 1000; i++) {
        if (send(s, big, sizeof big, 0) < 0) {
            err = WSAGetLastError();
            break;
        }
    }
    printf("send until full: %d\n", err);
    show_events("buffers full", s, se, 100);
    ioctlsocket(c, FIONBIO, &one);
    while (recv(c, big, sizeof big, 0) > 0)
        ;
    show_events("peer drained", s, se, 5000);

    /* FD_CLOSE after the peer closes, once its data is read. */
    send(c, "bye", 3, 0);
    Sleep(50);
    closesocket(c);
    show_events("peer sent and closed", s, se, 5000);
    r = recv(s, buf, sizeof buf, 0);
    printf("recv: %d\n", r);
    show_events("after reading the data", s, se, 1000);
    show_events("nothing more", s, se, 100);

    /* A refused connect: FD_CONNECT carries the error (the port held by a bound socket that
     * does not listen, so that the connecting socket cannot connect to itself). */
    closesocket(l);
    l = socket(AF_INET, SOCK_STREAM, 0);
    a.sin_port = 0;
    len = sizeof a;
    if (bind(l, (struct sockaddr *)&a, sizeof a) || getsockname(l, (struct sockaddr *)&a, &len))
        harness("bind");
    nb = socket(AF_INET, SOCK_STREAM, 0);
    WSAEventSelect(nb, e2, FD_CONNECT);
    connect(nb, (struct sockaddr *)&a, sizeof a);
    show_events("refused connect", nb, e2, 5000);

    /* A handle that is no event object, or none, cannot carry a selection. */
    r = WSAEventSelect(nb, (WSAEVENT)0x12345, FD_READ);
    printf("WSAEventSelect with a bogus event: %d error %d\n", r, r ? WSAGetLastError() : 0);
    r = WSAEventSelect(nb, NULL, FD_READ);
    printf("WSAEventSelect with no event: %d error %d\n", r, r ? WSAGetLastError() : 0);

    r = WSAAsyncSelect(nb, NULL, 0x400, FD_READ);
    printf("WSAAsyncSelect without a window: %d error %d\n", r, r ? WSAGetLastError() : 0);

    /* Cancelling the selection lets FIONBIO switch back. */
    WSAEventSelect(nb, NULL, 0);
    printf("FIONBIO off after cancelling: %d\n", ioctlsocket(nb, FIONBIO, &zero));

    closesocket(nb);
    closesocket(l);
    closesocket(s);
    closesocket(s2);
    closesocket(c2);
    WSACloseEvent(le);
    WSACloseEvent(ce);
    WSACloseEvent(se);
    WSACloseEvent(e2);
    WSACleanup();
    return 0;
}
