/* TransmitFile as an overlapped operation. An 8 MiB file is far more than a connection whose
 * buffers are set to 64 KiB can hold while the peer does not read: with an OVERLAPPED the call
 * fails with WSA_IO_PENDING (997), the completion (event, then a completion port packet) stays
 * unsignalled until the peer reads, and then reports head + file + tail bytes, the data intact.
 * Also: the file read from the OVERLAPPED's Offset for nNumberOfBytesToWrite bytes (Offset left
 * as set); nNumberOfBytesPerSend with TF_DISCONNECT (the peer sees the end of the stream after
 * the data); CancelIoEx and closesocket aborting a transfer; without an OVERLAPPED, the call
 * sends from the file's current position and returns once everything is sent; an unconnected
 * socket fails with WSAENOTCONN; on a connection the peer reset, the call fails (on Linux
 * sendfile would raise SIGPIPE, which Windows programs do not expect). Whether a small transfer completes inside the call is not
 * printed (wine always reports pending, Windows need not). The file is a temporary file: on
 * Windows a CreateFile HANDLE, on Linux a descriptor cast to HANDLE, as ws2 takes file HANDLEs.
 * GOLDEN EDITED BY HAND, where wine 8.0 departs from the TransmitFile documentation: (1)
 * TF_DISCONNECT starts a transport-level disconnect after the data, so the peer's next receive
 * gives 0 (wine ignores the flag: nothing comes, -2); (2) closing the socket aborts a pending
 * transfer, which completes with WSA_OPERATION_ABORTED and so signals its event (wine leaves
 * the event unsignalled: 0). */
#include <winsock2.h>
#include <windows.h>
#include <mswsock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <unistd.h>
#endif
#include "check.h"

#define FILE_SIZE (8 * 1024 * 1024)
#define HEAD "HEAD:0123456789"
#define TAIL "TAIL"
#define HEAD_LEN (sizeof HEAD - 1)
#define TAIL_LEN (sizeof TAIL - 1)
#define TOTAL (HEAD_LEN + FILE_SIZE + TAIL_LEN)

static unsigned char *content;
static LPFN_TRANSMITFILE pTransmitFile;
static char head[] = HEAD, tail[] = TAIL;

/* FNV-1a, continued from `h`. */
static unsigned hash(unsigned h, const void *p, size_t n)
{
    const unsigned char *b = p;
    while (n--)
        h = (h ^ *b++) * 16777619u;
    return h;
}

#define HASH_START 2166136261u

/* The hash of what a transfer of file bytes [off, off + len) sends, with or without the
 * head and tail buffers. */
static unsigned expected(size_t off, size_t len, int with_buffers)
{
    unsigned h = HASH_START;
    if (with_buffers)
        h = hash(h, HEAD, HEAD_LEN);
    h = hash(h, content + off, len);
    if (with_buffers)
        h = hash(h, TAIL, TAIL_LEN);
    return h;
}

/* Receives `want` bytes (fewer if the stream ends), returning their hash and count. */
static unsigned read_all(SOCKET r, size_t want, size_t *got)
{
    static char buf[65536];
    unsigned h = HASH_START;
    size_t total = 0;
    int n;
    while (total < want) {
        size_t room = want - total < sizeof buf ? want - total : sizeof buf;
        if ((n = recv(r, buf, (int)room, 0)) <= 0)
            break;
        h = hash(h, buf, n);
        total += n;
    }
    *got = total;
    return h;
}

static HANDLE make_file(void)
{
#ifdef _WIN32
    char dir[MAX_PATH], path[MAX_PATH];
    DWORD n;
    HANDLE h;
    if (!GetTempPathA(sizeof dir, dir) || !GetTempFileNameA(dir, "ws2", 0, path))
        harness("temporary file name");
    h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE,
                    NULL);
    if (h == INVALID_HANDLE_VALUE || !WriteFile(h, content, FILE_SIZE, &n, NULL) || n != FILE_SIZE)
        harness("file");
    return h;
#else
    char path[] = "/tmp/ws2-transmitfile-XXXXXX";
    size_t done = 0;
    int fd = mkstemp(path);
    if (fd < 0)
        harness("mkstemp");
    unlink(path);
    while (done < FILE_SIZE) {
        ssize_t n = write(fd, content + done, FILE_SIZE - done);
        if (n <= 0)
            harness("write");
        done += n;
    }
    return (HANDLE)(ULONG_PTR)fd;
#endif
}

static void seek_file(HANDLE file, long at)
{
#ifdef _WIN32
    SetFilePointer(file, at, NULL, FILE_BEGIN);
#else
    lseek((int)(ULONG_PTR)file, at, SEEK_SET);
#endif
}

static void close_file(HANDLE file)
{
#ifdef _WIN32
    CloseHandle(file);
#else
    close((int)(ULONG_PTR)file);
#endif
}

/* A connection whose buffers hold far less than the file: `r` receives, `s` sends. */
static void small_pair(SOCKET l, const struct sockaddr_in *a, SOCKET *r, SOCKET *s)
{
    int size = 65536;
    *r = tcp();
    if (setsockopt(*r, SOL_SOCKET, SO_RCVBUF, (char *)&size, sizeof size))
        harness("SO_RCVBUF");
    if (connect(*r, (const struct sockaddr *)a, sizeof *a))
        harness("connect");
    *s = accept(l, NULL, NULL);
    if (*s == INVALID_SOCKET)
        harness("accept");
    if (setsockopt(*s, SOL_SOCKET, SO_SNDBUF, (char *)&size, sizeof size))
        harness("SO_SNDBUF");
}

static int signalled(WSAEVENT ev, DWORD ms)
{
    return WSAWaitForMultipleEvents(1, &ev, TRUE, ms, FALSE) == WSA_WAIT_EVENT_0;
}

static void result(const char *what, SOCKET s, WSAOVERLAPPED *ov, BOOL wait)
{
    DWORD n = 0, flags;
    BOOL ok = WSAGetOverlappedResult(s, ov, &n, wait, &flags);
    printf("%s: WSAGetOverlappedResult %d error %d", what, ok, ok ? 0 : WSAGetLastError());
    /* An aborted transfer's count is what happened to be sent (wine) or 0 (ws2): not shown. */
    if (ok || WSAGetLastError() != WSA_OPERATION_ABORTED)
        printf(" bytes %lu", (unsigned long)n);
    printf("\n");
}

/* What a receive gives once the data is read: 0 at the end of the stream, -2 if nothing
 * comes within 5 seconds. */
static int after_data(SOCKET r)
{
    fd_set fds;
    struct timeval tv = { 5, 0 };
    char c;
    FD_ZERO(&fds);
    FD_SET(r, &fds);
    if (select(0, &fds, NULL, NULL, &tv) != 1)
        return -2;
    return recv(r, &c, 1, 0);
}

struct reader {
    SOCKET r;
    size_t want, got;
    unsigned hash;
};

static DWORD WINAPI reader(LPVOID p)
{
    struct reader *rd = p;
    Sleep(200); /* the sender is blocked in TransmitFile by then */
    rd->hash = read_all(rd->r, rd->want, &rd->got);
    return 0;
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in a;
    SOCKET l, r, s, u;
    GUID g_transmit = WSAID_TRANSMITFILE;
    TRANSMIT_FILE_BUFFERS tfb;
    WSAOVERLAPPED ov, *pov;
    WSAEVENT ev;
    HANDLE file, port, thread;
    DWORD n, flags;
    ULONG_PTR key;
    struct linger abortive = { 1, 0 };
    int sent;
    u_long nonblocking = 1;
    size_t got, i;
    unsigned h;
    struct reader rd;
    BOOL ok;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    if (!(content = malloc(FILE_SIZE)))
        harness("malloc");
    for (i = 0; i < FILE_SIZE; i++)
        content[i] = (unsigned char)((i * 2654435761u) >> 13);
    file = make_file();
    l = tcp_listener(&a);
    if (WSAIoctl(l, SIO_GET_EXTENSION_FUNCTION_POINTER, &g_transmit, sizeof g_transmit, &pTransmitFile, sizeof pTransmitFile, &n, NULL,
                 NULL))
        harness("TransmitFile pointer");
    tfb.Head = head;
    tfb.HeadLength = HEAD_LEN;
    tfb.Tail = tail;
    tfb.TailLength = TAIL_LEN;
    ev = WSACreateEvent();

    /* Not connected. */
    u = tcp();
    ok = pTransmitFile(u, file, 0, 0, NULL, NULL, 0);
    printf("unconnected: TransmitFile %d error %d\n", ok, ok ? 0 : WSAGetLastError());
    closesocket(u);

    /* With an event: pending until the peer reads. */
    small_pair(l, &a, &r, &s);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = ev;
    ok = pTransmitFile(s, file, 0, 0, &ov, &tfb, 0);
    printf("event: TransmitFile %d error %d\n", ok, ok ? 0 : WSAGetLastError());
    Sleep(200);
    printf("event: signalled before the peer reads: %d\n", signalled(ev, 0));
    result("event, before the peer reads", s, &ov, FALSE);
    h = read_all(r, TOTAL, &got);
    printf("event: signalled after the peer read: %d\n", signalled(ev, 5000));
    result("event", s, &ov, FALSE);
    printf("event: %lu bytes received (head + file + tail: %lu), intact %d\n", (unsigned long)got, (unsigned long)TOTAL,
           h == expected(0, FILE_SIZE, 1));

    /* The file from the OVERLAPPED's Offset, nNumberOfBytesToWrite bytes of it. */
    memset(&ov, 0, sizeof ov);
    ov.hEvent = ev;
    ov.Offset = 1000;
    ok = pTransmitFile(s, file, 5000, 0, &ov, NULL, 0);
    printf("offset: started %d\n", ok || WSAGetLastError() == WSA_IO_PENDING);
    result("offset", s, &ov, TRUE);
    h = read_all(r, 5000, &got);
    printf("offset: file bytes 1000..5999 received %d, Offset afterwards %lu\n", got == 5000 && h == expected(1000, 5000, 0),
           (unsigned long)ov.Offset);
    closesocket(s);
    closesocket(r);

    /* A completion port, a non-blocking socket, 4096 bytes per send and TF_DISCONNECT. */
    small_pair(l, &a, &r, &s);
    ioctlsocket(s, FIONBIO, &nonblocking);
    port = CreateIoCompletionPort((HANDLE)s, NULL, 7, 0);
    memset(&ov, 0, sizeof ov);
    ok = pTransmitFile(s, file, 0, 4096, &ov, &tfb, TF_DISCONNECT);
    printf("port: TransmitFile %d error %d\n", ok, ok ? 0 : WSAGetLastError());
    pov = NULL;
    ok = GetQueuedCompletionStatus(port, &n, &key, &pov, 200);
    printf("port: before the peer reads: %d packet %d error %lu\n", ok, pov != NULL, (unsigned long)GetLastError());
    h = read_all(r, TOTAL, &got);
    ok = GetQueuedCompletionStatus(port, &n, &key, &pov, 5000);
    printf("port: after the peer read: %d bytes %lu key %lu ours %d\n", ok, (unsigned long)n, (unsigned long)key, pov == &ov);
    printf("port: %lu bytes received, intact %d, then the end of the stream: recv %d\n", (unsigned long)got,
           h == expected(0, FILE_SIZE, 1), after_data(r));
    closesocket(s);
    closesocket(r);
    CloseHandle(port);

    /* CancelIoEx aborts a pending transfer. */
    small_pair(l, &a, &r, &s);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = ev;
    ok = pTransmitFile(s, file, 0, 0, &ov, NULL, 0);
    printf("cancel: TransmitFile %d error %d\n", ok, ok ? 0 : WSAGetLastError());
    Sleep(100);
    ok = CancelIoEx((HANDLE)s, &ov);
    printf("cancel: CancelIoEx %d\n", ok);
    result("cancel", s, &ov, TRUE);
    closesocket(s);
    closesocket(r);

    /* closesocket aborts a pending transfer: its event is signalled. */
    small_pair(l, &a, &r, &s);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = ev;
    ok = pTransmitFile(s, file, 0, 0, &ov, NULL, 0);
    printf("close: TransmitFile %d error %d\n", ok, ok ? 0 : WSAGetLastError());
    Sleep(100);
    closesocket(s);
    printf("close: signalled after closesocket: %d\n", signalled(ev, 5000));
    closesocket(r);

    /* Without an OVERLAPPED: from the file's position, returning once everything is sent. */
    small_pair(l, &a, &r, &s);
    seek_file(file, 4096);
    rd.r = r;
    rd.want = TOTAL - 4096;
    thread = CreateThread(NULL, 0, reader, &rd, 0, NULL);
    ok = pTransmitFile(s, file, 0, 0, NULL, &tfb, 0);
    printf("synchronous: TransmitFile %d error %d\n", ok, ok ? 0 : WSAGetLastError());
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    printf("synchronous: %lu bytes received from the file position 4096, intact %d\n", (unsigned long)rd.got,
           rd.got == TOTAL - 4096 && rd.hash == expected(4096, FILE_SIZE - 4096, 1));
    closesocket(s);
    closesocket(r);

    /* The peer reset the connection (and a send has reported it): the call fails, overlapped
     * or not, and the program lives on. */
    small_pair(l, &a, &r, &s);
    if (setsockopt(r, SOL_SOCKET, SO_LINGER, (char *)&abortive, sizeof abortive))
        harness("SO_LINGER");
    closesocket(r);
    Sleep(100);
    sent = send(s, "x", 1, 0);
    printf("reset: send %d error %d\n", sent, WSAGetLastError());
    seek_file(file, 0);
    printf("reset: TransmitFile fails %d\n", !pTransmitFile(s, file, 0, 0, NULL, NULL, 0));
    ioctlsocket(s, FIONBIO, &nonblocking);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = ev;
    ok = pTransmitFile(s, file, 0, 0, &ov, NULL, 0);
    if (!ok && WSAGetLastError() == WSA_IO_PENDING)
        ok = WSAGetOverlappedResult(s, &ov, &n, TRUE, &flags);
    printf("reset: overlapped TransmitFile fails %d\n", !ok);
    closesocket(s);

    WSACloseEvent(ev);
    closesocket(l);
    close_file(file);
    free(content);
    WSACleanup();
    return 0;
}
