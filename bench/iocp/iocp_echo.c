/* An I/O completion port echo server in Winsock, as written for Windows: AcceptEx with
 * pre-posted accept sockets, WSARecv/WSASend per connection, THREADS worker threads dequeuing
 * in batches with GetQueuedCompletionStatusEx. With SKIP=1 in the environment it also does
 * what tuned Windows servers do: FILE_SKIP_COMPLETION_PORT_ON_SUCCESS on every connection,
 * finishing operations that complete at once in place.
 *   iocp_echo PORT [THREADS=2]   (runs until killed) */
#include <winsock2.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

enum op { OP_ACCEPT, OP_RECV, OP_SEND };

typedef struct conn {
    OVERLAPPED ov; /* first: the OVERLAPPED* is the connection */
    enum op op;
    SOCKET s;
    WSABUF b;
    char buf[4096];
    char addrs[2 * (sizeof(struct sockaddr_in) + 16)];
} conn;

static HANDLE port;
static int skip;
static SOCKET listener;
static LPFN_ACCEPTEX pAcceptEx;

static void post_accept(conn *c)
{
    DWORD n;
    memset(&c->ov, 0, sizeof c->ov);
    c->op = OP_ACCEPT;
    c->s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (!pAcceptEx(listener, c->s, c->addrs, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &n, &c->ov) &&
        WSAGetLastError() != ERROR_IO_PENDING)
        fprintf(stderr, "AcceptEx failed: %d\n", WSAGetLastError());
}

static void drop_conn(conn *c)
{
    closesocket(c->s);
    free(c);
}

/* Posts the next receive; with skip, echoes data that is already there in place. */
static void post_recv(conn *c)
{
    for (;;) {
        DWORD n = 0, flags = 0;
        memset(&c->ov, 0, sizeof c->ov);
        c->op = OP_RECV;
        c->b.buf = c->buf;
        c->b.len = sizeof c->buf;
        if (WSARecv(c->s, &c->b, 1, &n, &flags, &c->ov, NULL)) {
            if (WSAGetLastError() != WSA_IO_PENDING)
                drop_conn(c);
            return;
        }
        if (!skip)
            return; /* the completion packet comes through the port */
        if (n == 0) {
            drop_conn(c);
            return;
        }
        memset(&c->ov, 0, sizeof c->ov);
        c->op = OP_SEND;
        c->b.len = n;
        if (WSASend(c->s, &c->b, 1, &n, 0, &c->ov, NULL)) {
            if (WSAGetLastError() != WSA_IO_PENDING)
                drop_conn(c);
            return;
        }
    }
}

static void post_send(conn *c, DWORD len)
{
    DWORD n;
    memset(&c->ov, 0, sizeof c->ov);
    c->op = OP_SEND;
    c->b.buf = c->buf;
    c->b.len = len;
    if (WSASend(c->s, &c->b, 1, &n, 0, &c->ov, NULL)) {
        if (WSAGetLastError() != WSA_IO_PENDING)
            drop_conn(c);
        return;
    }
    if (skip)
        post_recv(c);
}

static DWORD WINAPI worker(LPVOID p)
{
    OVERLAPPED_ENTRY e[64];
    ULONG n, i;
    (void)p;
    for (;;) {
        if (!GetQueuedCompletionStatusEx(port, e, 64, &n, INFINITE, FALSE))
            continue;
        for (i = 0; i < n; i++) {
            conn *c = (conn *)e[i].lpOverlapped;
            DWORD bytes = e[i].dwNumberOfBytesTransferred;
            BOOL failed = c->ov.Internal != 0;
            int one = 1;
            switch (c->op) {
            case OP_ACCEPT: {
                conn *fresh = (conn *)malloc(sizeof *fresh);
                setsockopt(c->s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof listener);
                setsockopt(c->s, IPPROTO_TCP, TCP_NODELAY, (char *)&one, sizeof one);
                CreateIoCompletionPort((HANDLE)c->s, port, 0, 0);
                if (skip)
                    SetFileCompletionNotificationModes((HANDLE)c->s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS);
                post_recv(c);
                post_accept(fresh);
                break;
            }
            case OP_RECV:
                if (failed || bytes == 0) {
                    closesocket(c->s);
                    free(c);
                } else
                    post_send(c, bytes);
                break;
            case OP_SEND:
                post_recv(c);
                break;
            }
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    WSADATA d;
    struct sockaddr_in a;
    int threads = argc > 2 ? atoi(argv[2]) : 2, i, one = 1;
    GUID g = WSAID_ACCEPTEX;
    DWORD n;

    WSAStartup(MAKEWORD(2, 2), &d);
    skip = getenv("SKIP") && atoi(getenv("SKIP")) != 0;
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, threads);
    listener = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, (char *)&one, sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((u_short)(argc > 1 ? atoi(argv[1]) : 0));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&a, sizeof a) || listen(listener, SOMAXCONN)) {
        fprintf(stderr, "listen failed: %d\n", WSAGetLastError());
        return 1;
    }
    WSAIoctl(listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &pAcceptEx, sizeof pAcceptEx, &n, NULL, NULL);
    CreateIoCompletionPort((HANDLE)listener, port, 0, 0);
    for (i = 0; i < 64; i++)
        post_accept((conn *)malloc(sizeof(conn)));
    for (i = 0; i < threads; i++)
        CloseHandle(CreateThread(NULL, 0, worker, NULL, 0, NULL));
    printf("ready\n");
    fflush(stdout);
    for (;;)
        Sleep(1000);
}
