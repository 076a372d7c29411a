/* The mswsock extensions through WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER): AcceptEx with
 * and without receive data, GetAcceptExSockaddrs, SO_UPDATE_ACCEPT_CONTEXT, ConnectEx (needs a
 * bound socket; with send data), SO_UPDATE_CONNECT_CONTEXT, DisconnectEx, TransmitFile with
 * head and tail buffers; an unknown GUID gives WSAEINVAL, an unknown ioctl WSAEOPNOTSUPP. */
#include <winsock2.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static void *extension(SOCKET s, GUID id)
{
    void *f = NULL;
    DWORD n = 0;
    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &f, sizeof f, &n, NULL, NULL))
        harness("SIO_GET_EXTENSION_FUNCTION_POINTER");
    return f;
}

static const char *port_match(struct sockaddr *sa, u_short port)
{
    return ((struct sockaddr_in *)sa)->sin_port == port ? "yes" : "no";
}

int main(void)
{
    WSADATA d;
    struct sockaddr_in a, any, peer;
    SOCKET l, as, c, c2;
    GUID g_accept = WSAID_ACCEPTEX, g_addrs = WSAID_GETACCEPTEXSOCKADDRS, g_connect = WSAID_CONNECTEX,
         g_disconnect = WSAID_DISCONNECTEX, g_transmit = WSAID_TRANSMITFILE,
         g_bogus = { 0x12345678, 1, 2, { 3, 4, 5, 6, 7, 8, 9, 10 } };
    LPFN_ACCEPTEX pAcceptEx;
    LPFN_GETACCEPTEXSOCKADDRS pGetAcceptExSockaddrs;
    LPFN_CONNECTEX pConnectEx;
    LPFN_DISCONNECTEX pDisconnectEx;
    LPFN_TRANSMITFILE pTransmitFile;
    char out[2 * (sizeof(struct sockaddr_in) + 16) + 64], buf[64];
    struct sockaddr *local, *remote;
    int llen, rlen, r, len = sizeof a;
    DWORD n, flags;
    OVERLAPPED ov;
    BOOL ok;
    void *f;
    TRANSMIT_FILE_BUFFERS tfb;
    u_short lport;

    if (WSAStartup(MAKEWORD(2, 2), &d))
        harness("WSAStartup");
    l = tcp_listener(&a);

    r = WSAIoctl(l, SIO_GET_EXTENSION_FUNCTION_POINTER, &g_bogus, sizeof g_bogus, &f, sizeof f, &n, NULL, NULL);
    printf("unknown GUID: %d error %d\n", r, WSAGetLastError());
    r = WSAIoctl(l, 0x98765432, NULL, 0, NULL, 0, &n, NULL, NULL);
    printf("unknown ioctl: %d error %d\n", r, WSAGetLastError());
    pAcceptEx = (LPFN_ACCEPTEX)extension(l, g_accept);
    pGetAcceptExSockaddrs = (LPFN_GETACCEPTEXSOCKADDRS)extension(l, g_addrs);
    pConnectEx = (LPFN_CONNECTEX)extension(l, g_connect);
    pDisconnectEx = (LPFN_DISCONNECTEX)extension(l, g_disconnect);
    pTransmitFile = (LPFN_TRANSMITFILE)extension(l, g_transmit);
    printf("extension pointers: %d\n", pAcceptEx && pGetAcceptExSockaddrs && pConnectEx && pDisconnectEx && pTransmitFile);

    /* AcceptEx without receive data. */
    as = socket(AF_INET, SOCK_STREAM, 0);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    n = 0;
    ok = pAcceptEx(l, as, out, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &n, &ov);
    printf("AcceptEx, nothing pending: %d error %d\n", ok, WSAGetLastError());
    c = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&a, sizeof a))
        harness("connect");
    ok = WSAGetOverlappedResult(l, &ov, &n, TRUE, &flags);
    printf("AcceptEx completes: %d bytes %lu\n", ok, (unsigned long)n);
    pGetAcceptExSockaddrs(out, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &local, &llen, &remote, &rlen);
    len = sizeof peer;
    getsockname(c, (struct sockaddr *)&peer, &len);
    printf("GetAcceptExSockaddrs: local len %d family %d port is listener's %s; remote len %d port is client's %s\n", llen,
           local->sa_family, port_match(local, a.sin_port), rlen, port_match(remote, peer.sin_port));
    r = setsockopt(as, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof l);
    printf("SO_UPDATE_ACCEPT_CONTEXT: %d\n", r);
    len = sizeof peer;
    r = getpeername(as, (struct sockaddr *)&peer, &len);
    printf("getpeername on the accepted socket: %d\n", r);
    send(c, "abc", 3, 0);
    r = recv(as, buf, sizeof buf, 0);
    printf("data over the accepted socket: %d\n", r);
    closesocket(c);
    closesocket(as);

    /* AcceptEx with receive data: completes with the first data. */
    as = socket(AF_INET, SOCK_STREAM, 0);
    ok = pAcceptEx(l, as, out, 64, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &n, &ov);
    printf("AcceptEx with data: %d error %d\n", ok, WSAGetLastError());
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *)&a, sizeof a);
    Sleep(100);
    ok = WSAGetOverlappedResult(l, &ov, &n, FALSE, &flags);
    printf("connected, no data yet: %d error %d\n", ok, WSAGetLastError());
    send(c, "first data", 10, 0);
    ok = WSAGetOverlappedResult(l, &ov, &n, TRUE, &flags);
    printf("AcceptEx completes: %d bytes %lu data %.10s\n", ok, (unsigned long)n, out);
    pGetAcceptExSockaddrs(out, 64, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16, &local, &llen, &remote, &rlen);
    printf("addresses after data: local port is listener's %s, remote family %d\n", port_match(local, a.sin_port), remote->sa_family);

    /* TransmitFile with only head and tail buffers, then DisconnectEx. */
    memset(&tfb, 0, sizeof tfb);
    tfb.Head = (char *)"head-";
    tfb.HeadLength = 5;
    tfb.Tail = (char *)"tail";
    tfb.TailLength = 4;
    ok = pTransmitFile(as, NULL, 0, 0, NULL, &tfb, 0);
    printf("TransmitFile: %d\n", ok);
    Sleep(50);
    r = recv(c, buf, sizeof buf, 0);
    printf("peer got %d: %.9s\n", r, buf);
    ok = pDisconnectEx(as, NULL, 0, 0);
    printf("DisconnectEx: %d\n", ok);
    r = recv(c, buf, sizeof buf, 0);
    printf("peer sees the disconnect: recv %d\n", r);
    closesocket(c);
    closesocket(as);

    /* ConnectEx needs a bound socket. */
    c2 = socket(AF_INET, SOCK_STREAM, 0);
    ok = pConnectEx(c2, (struct sockaddr *)&a, sizeof a, NULL, 0, &n, &ov);
    printf("ConnectEx unbound: %d error %d\n", ok, WSAGetLastError());
    memset(&any, 0, sizeof any);
    any.sin_family = AF_INET;
    bind(c2, (struct sockaddr *)&any, sizeof any);
    len = sizeof any;
    getsockname(c2, (struct sockaddr *)&any, &len);
    lport = any.sin_port;
    ok = pConnectEx(c2, (struct sockaddr *)&a, sizeof a, (char *)"sent with connect", 17, &n, &ov);
    if (!ok && WSAGetLastError() == ERROR_IO_PENDING)
        ok = WSAGetOverlappedResult(c2, &ov, &n, TRUE, &flags);
    printf("ConnectEx with data: %d bytes %lu\n", ok, (unsigned long)n);
    r = setsockopt(c2, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0);
    printf("SO_UPDATE_CONNECT_CONTEXT: %d\n", r);
    as = accept(l, (struct sockaddr *)&peer, &len);
    printf("accepted the ConnectEx socket from its bound port: %s\n", peer.sin_port == lport ? "yes" : "no");
    r = recv(as, buf, sizeof buf, 0);
    printf("data sent with ConnectEx: %d %.17s\n", r, buf);
    ok = pConnectEx(c2, (struct sockaddr *)&a, sizeof a, NULL, 0, &n, &ov);
    printf("ConnectEx when connected: %d error %d\n", ok, WSAGetLastError());
    closesocket(as);
    closesocket(c2);

    WSACloseEvent(ov.hEvent);
    closesocket(l);
    WSACleanup();
    return 0;
}
