/* WSAAccept with a condition function: the caller id carries the peer's address, the callee
   id the local one; CF_REJECT fails the call with WSAECONNREFUSED, CF_ACCEPT returns the
   socket. Portable Winsock; prints ok/FAIL. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, what) do { if (cond) printf("ok   %s\n", what); else { printf("FAIL %s (error %d)\n", what, WSAGetLastError()); failures++; } } while (0)

static int verdict, calls, caller_port_ok, callee_port_ok;
static struct sockaddr_in client_name, server_name;

static int CALLBACK condition(LPWSABUF caller_id, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos,
                              LPWSABUF callee_id, LPWSABUF callee_data, GROUP *g, DWORD_PTR cb)
{
    (void)caller_data; (void)sqos; (void)gqos; (void)callee_data; (void)g;
    calls++;
    caller_port_ok = caller_id && caller_id->len >= sizeof(struct sockaddr_in) &&
        ((struct sockaddr_in *)caller_id->buf)->sin_port == client_name.sin_port;
    callee_port_ok = callee_id && callee_id->len >= sizeof(struct sockaddr_in) &&
        ((struct sockaddr_in *)callee_id->buf)->sin_port == server_name.sin_port;
    return cb == 42 ? verdict : CF_REJECT;
}

static SOCKET connect_client(void)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int len = sizeof(client_name);
    connect(c, (struct sockaddr *)&server_name, sizeof(server_name));
    getsockname(c, (struct sockaddr *)&client_name, &len);
    return c;
}

int main(void)
{
    WSADATA wsa;
    SOCKET l, c, a;
    struct sockaddr_in peer;
    int len = sizeof(server_name), plen = sizeof(peer);

    if (WSAStartup(MAKEWORD(2, 2), &wsa)) return 1;
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&server_name, 0, sizeof(server_name));
    server_name.sin_family = AF_INET;
    server_name.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(l, (struct sockaddr *)&server_name, sizeof(server_name));
    getsockname(l, (struct sockaddr *)&server_name, &len);
    listen(l, 5);

    c = connect_client();
    verdict = CF_REJECT;
    a = WSAAccept(l, NULL, NULL, condition, 42);
    CHECK(a == INVALID_SOCKET && WSAGetLastError() == WSAECONNREFUSED, "CF_REJECT: WSAECONNREFUSED");
    CHECK(calls == 1 && caller_port_ok && callee_port_ok, "condition saw caller and callee addresses");
    closesocket(c);

    c = connect_client();
    verdict = CF_ACCEPT;
    a = WSAAccept(l, (struct sockaddr *)&peer, &plen, condition, 42);
    CHECK(a != INVALID_SOCKET, "CF_ACCEPT: a socket");
    CHECK(plen == sizeof(peer) && peer.sin_port == client_name.sin_port, "the peer address is returned");
    CHECK(send(c, "x", 1, 0) == 1 && recv(a, (char *)&plen, 1, 0) == 1, "the accepted socket carries data");
    closesocket(a);
    closesocket(c);

    c = connect_client();
    a = WSAAccept(l, NULL, NULL, NULL, 0);
    CHECK(a != INVALID_SOCKET, "no condition function: plain accept");
    closesocket(a);
    closesocket(c);
    closesocket(l);
    WSACleanup();
    return failures != 0;
}
