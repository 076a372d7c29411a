/* mswsock's direct exports (AcceptEx, GetAcceptExSockaddrs, TransmitFile) and what needs
 * Linux to test: TransmitFile from a file (on Linux a file HANDLE is its descriptor) with
 * TF_DISCONNECT, DisconnectEx(TF_REUSE_SOCKET) followed by a new ConnectEx on the same
 * socket, and the same after an overlapped TransmitFile(TF_DISCONNECT | TF_REUSE_SOCKET) that
 * had to wait for the peer (wine ignores the flags). (Prints ok/FAIL, no golden: mingw's import
 * library puts these in mswsock.) */
#include <winsock2.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>

#define BIG (4 * 1024 * 1024)

static int fails;

static void expect(int cond, const char *what)
{
    printf("%s: %s\n", cond ? "ok" : "FAIL", what);
    fails += !cond;
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in a, any;
    SOCKET l, as, c, s;
    char out[2 * (sizeof(struct sockaddr_in) + 16)], buf[4096];
    struct sockaddr *local, *remote;
    int llen, rlen, len = sizeof a, fd, r, total = 0;
    DWORD n, flags;
    OVERLAPPED ov;
    BOOL ok;
    char path[] = "/tmp/ws2-transmitXXXXXX";
    GUID g_connect = WSAID_CONNECTEX, g_disconnect = WSAID_DISCONNECTEX;
    LPFN_CONNECTEX pConnectEx = NULL;
    LPFN_DISCONNECTEX pDisconnectEx = NULL;
    TRANSMIT_FILE_BUFFERS tfb;
    char *big;
    int small;

    WSAStartup(MAKEWORD(2, 2), &d);
    l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 5) || getsockname(l, (struct sockaddr *)&a, &len))
        return 2;

    /* The exported AcceptEx and GetAcceptExSockaddrs. */
    as = socket(AF_INET, SOCK_STREAM, 0);
    memset(&ov, 0, sizeof ov);
    ok = AcceptEx(l, as, out, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &n, &ov);
    expect(!ok && WSAGetLastError() == ERROR_IO_PENDING, "exported AcceptEx is pending");
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *)&a, sizeof a);
    ok = WSAGetOverlappedResult(l, &ov, &n, TRUE, &flags);
    GetAcceptExSockaddrs(out, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &local, &llen, &remote, &rlen);
    expect(ok && llen == sizeof(struct sockaddr_in) && ((struct sockaddr_in *)local)->sin_port == a.sin_port,
           "exported GetAcceptExSockaddrs reads the local address");

    /* TransmitFile from a file descriptor, then TF_DISCONNECT. */
    fd = mkstemp(path);
    memset(buf, 'f', sizeof buf);
    if (fd < 0 || write(fd, buf, sizeof buf) != sizeof buf)
        return 2;
    lseek(fd, 0, SEEK_SET);
    ok = TransmitFile(as, (HANDLE)(ULONG_PTR)fd, 0, 0, NULL, NULL, TF_DISCONNECT);
    expect(ok, "TransmitFile of a whole file");
    while ((r = recv(c, buf, sizeof buf, 0)) > 0)
        total += r;
    expect(total == 4096 && r == 0, "peer receives the file, then the disconnect");
    close(fd);
    unlink(path);
    closesocket(c);

    /* DisconnectEx(TF_REUSE_SOCKET), then ConnectEx on the same socket. */
    c = socket(AF_INET, SOCK_STREAM, 0);
    WSAIoctl(c, SIO_GET_EXTENSION_FUNCTION_POINTER, &g_connect, sizeof g_connect, &pConnectEx, sizeof pConnectEx, &n, NULL, NULL);
    WSAIoctl(c, SIO_GET_EXTENSION_FUNCTION_POINTER, &g_disconnect, sizeof g_disconnect, &pDisconnectEx, sizeof pDisconnectEx, &n, NULL, NULL);
    memset(&any, 0, sizeof any);
    any.sin_family = AF_INET;
    bind(c, (struct sockaddr *)&any, sizeof any);
    ok = pConnectEx(c, (struct sockaddr *)&a, sizeof a, NULL, 0, &n, &ov);
    if (!ok && WSAGetLastError() == ERROR_IO_PENDING)
        ok = WSAGetOverlappedResult(c, &ov, &n, TRUE, &flags);
    s = accept(l, NULL, NULL);
    expect(ok && s != INVALID_SOCKET, "ConnectEx connects");
    ok = pDisconnectEx(c, NULL, TF_REUSE_SOCKET, 0);
    expect(ok, "DisconnectEx(TF_REUSE_SOCKET)");
    expect(recv(s, buf, sizeof buf, 0) == 0, "the peer sees the disconnect");
    closesocket(s);
    bind(c, (struct sockaddr *)&any, sizeof any);
    ok = pConnectEx(c, (struct sockaddr *)&a, sizeof a, (char *)"again", 5, &n, &ov);
    if (!ok && WSAGetLastError() == ERROR_IO_PENDING)
        ok = WSAGetOverlappedResult(c, &ov, &n, TRUE, &flags);
    s = accept(l, NULL, NULL);
    expect(ok && recv(s, buf, sizeof buf, 0) == 5, "the reused socket connects again with ConnectEx");

    /* An overlapped TransmitFile(TF_DISCONNECT | TF_REUSE_SOCKET) of more than the connection
     * holds, finished by the reactor, then ConnectEx on the same socket once more. */
    small = 65536;
    setsockopt(c, SOL_SOCKET, SO_SNDBUF, (char *)&small, sizeof small);
    big = calloc(1, BIG);
    tfb.Head = big;
    tfb.HeadLength = BIG;
    tfb.Tail = NULL;
    tfb.TailLength = 0;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    ok = TransmitFile(c, NULL, 0, 0, &ov, &tfb, TF_DISCONNECT | TF_REUSE_SOCKET);
    expect(!ok && WSAGetLastError() == ERROR_IO_PENDING, "overlapped TransmitFile(TF_DISCONNECT | TF_REUSE_SOCKET) is pending");
    total = 0;
    while ((r = recv(s, buf, sizeof buf, 0)) > 0)
        total += r;
    ok = WSAGetOverlappedResult(c, &ov, &n, TRUE, &flags);
    expect(ok && n == BIG && total == BIG && r == 0, "it completes with every byte, and the peer sees the disconnect");
    WSACloseEvent(ov.hEvent);
    memset(&ov, 0, sizeof ov);
    closesocket(s);
    bind(c, (struct sockaddr *)&any, sizeof any);
    ok = pConnectEx(c, (struct sockaddr *)&a, sizeof a, (char *)"third", 5, &n, &ov);
    if (!ok && WSAGetLastError() == ERROR_IO_PENDING)
        ok = WSAGetOverlappedResult(c, &ov, &n, TRUE, &flags);
    s = accept(l, NULL, NULL);
    expect(ok && recv(s, buf, sizeof buf, 0) == 5, "the socket TransmitFile reused connects again with ConnectEx");
    free(big);
    closesocket(s);
    closesocket(c);
    closesocket(as);
    closesocket(l);
    WSACleanup();
    return fails != 0;
}
