/* Completion ports deliver whoever waits and whatever the handling threads do: (1) a packet for
 * an operation that completed at once, queued by a thread handling the port's packets that
 * then never comes back to the port (it spins), is still dequeued by an idle worker; (2) the
 * same when the handling thread blocks in WaitForSingleObject; (3) an operation registered
 * by a worker thread that has since exited still completes; (4) operations on a socket whose
 * port nobody ever waits on complete, signalling their event and queueing their packet. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

static HANDLE port;
static volatile LONG waiting, got_key2;
static HANDLE got_event;

static void pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in a;
    int len = sizeof a;
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(l, (struct sockaddr *)&a, sizeof a);
    listen(l, 1);
    getsockname(l, (struct sockaddr *)&a, &len);
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(*client, (struct sockaddr *)&a, sizeof a);
    *server = accept(l, NULL, NULL);
    closesocket(l);
}

/* Waits on the port for a packet with key 2. */
static DWORD WINAPI worker(LPVOID p)
{
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    (void)p;
    InterlockedIncrement(&waiting);
    while (GetQueuedCompletionStatus(port, &n, &key, &ov, 5000)) {
        if (key == 2) {
            InterlockedIncrement(&got_key2);
            SetEvent(got_event);
            return 0;
        }
    }
    return 1;
}

/* Busy-waits (no wait function) until *flag is nonzero or ms pass. */
static int spin_until(volatile LONG *flag, DWORD ms)
{
    DWORD start = GetTickCount();
    while (!*flag && GetTickCount() - start < ms)
        ;
    return *flag != 0;
}

/* The calling thread takes a packet from the port (so it is handling the port's packets),
 * then an idle worker starts waiting, then the thread sends on a socket of the port (the
 * send completes at once and queues a packet). */
static void handle_then_send(SOCKET s, WSAOVERLAPPED *ov, HANDLE *w)
{
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED got;
    WSABUF b = {4, "ping"};
    PostQueuedCompletionStatus(port, 0, 1, NULL);
    GetQueuedCompletionStatus(port, &n, &key, &got, 1000);
    waiting = 0;
    got_key2 = 0;
    ResetEvent(got_event);
    *w = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    spin_until(&waiting, 5000);
    spin_until(&got_key2, 100); /* let the worker reach its wait */
    memset(ov, 0, sizeof *ov);
    printf("WSASend: %d\n", WSASend(s, &b, 1, &n, 0, ov, NULL));
}

static DWORD WINAPI recv_then_exit(LPVOID p)
{
    static char buf[16];
    static WSABUF b = {sizeof buf, buf};
    DWORD n, flags = 0;
    ULONG_PTR key;
    LPOVERLAPPED got;
    WSAOVERLAPPED *ov = (WSAOVERLAPPED *)p;
    SOCKET s = (SOCKET)ov->Pointer;
    /* Waiting once makes this thread one of the port's workers. */
    GetQueuedCompletionStatus(port, &n, &key, &got, 10);
    ov->Pointer = NULL;
    printf("WSARecv pending: %d\n", WSARecv(s, &b, 1, &n, &flags, ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING);
    return 0;
}

int main(void)
{
    WSADATA d;
    SOCKET c, s, c2, s2, c3, s3;
    WSAOVERLAPPED ov, rov;
    HANDLE w, t, port2;
    DWORD n, flags;
    ULONG_PTR key;
    LPOVERLAPPED got;
    char buf[16];
    WSABUF b = {sizeof buf, buf};

    WSAStartup(MAKEWORD(2, 2), &d);
    got_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 2);
    pair(&c, &s);
    CreateIoCompletionPort((HANDLE)s, port, 2, 0);

    /* (1) */
    handle_then_send(s, &ov, &w);
    printf("idle worker dequeued it while the sender spins: %d\n", spin_until(&got_key2, 5000));
    WaitForSingleObject(w, 5000);
    CloseHandle(w);
    recv(c, buf, sizeof buf, 0);

    /* (2) */
    handle_then_send(s, &ov, &w);
    printf("idle worker dequeued it while the sender waits: %d\n", WaitForSingleObject(got_event, 5000) == WAIT_OBJECT_0);
    WaitForSingleObject(w, 5000);
    CloseHandle(w);
    recv(c, buf, sizeof buf, 0);

    /* (3) */
    pair(&c2, &s2);
    CreateIoCompletionPort((HANDLE)s2, port, 3, 0);
    memset(&rov, 0, sizeof rov);
    rov.Pointer = (PVOID)s2;
    t = CreateThread(NULL, 0, recv_then_exit, &rov, 0, NULL);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    send(c2, "data", 4, 0);
    {
        DWORD start = GetTickCount();
        while (!HasOverlappedIoCompleted(&rov) && GetTickCount() - start < 5000)
            ;
    }
    printf("receive of an exited worker completed: %d\n", HasOverlappedIoCompleted(&rov));
    printf("its packet: %d", GetQueuedCompletionStatus(port, &n, &key, &got, 1000));
    printf(" key %lu bytes %lu ours %d\n", (unsigned long)key, (unsigned long)n, got == &rov);

    /* (4) */
    port2 = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    pair(&c3, &s3);
    CreateIoCompletionPort((HANDLE)s3, port2, 4, 0);
    memset(&rov, 0, sizeof rov);
    rov.hEvent = WSACreateEvent();
    flags = 0;
    printf("WSARecv pending: %d\n", WSARecv(s3, &b, 1, &n, &flags, &rov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING);
    send(c3, "more", 4, 0);
    printf("event signalled: %d\n", WaitForSingleObject(rov.hEvent, 5000) == WAIT_OBJECT_0);
    printf("its packet: %d", GetQueuedCompletionStatus(port2, &n, &key, &got, 0));
    printf(" key %lu bytes %lu ours %d\n", (unsigned long)key, (unsigned long)n, got == &rov);

    closesocket(c);
    closesocket(s);
    closesocket(c2);
    closesocket(s2);
    closesocket(c3);
    closesocket(s3);
    CloseHandle(port);
    CloseHandle(port2);
    WSACleanup();
    return 0;
}
