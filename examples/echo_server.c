/* A Winsock echo server, written as for Windows (it builds unmodified with mingw or MSVC).
   Usage: echo_server PORT — serves one client, echoes what it sends, then exits. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#pragma comment(lib, "Ws2_32.lib")

int main(int argc, char **argv)
{
    WSADATA wsa;
    struct addrinfo hints, *res = NULL;
    SOCKET ls, cs;
    char buf[512];
    int n, total = 0;

    if (argc != 2) { printf("usage: %s port\n", argv[0]); return 1; }
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) { printf("WSAStartup failed\n"); return 1; }
    printf("server: %s, %s, version %d.%d\n", wsa.szDescription, wsa.szSystemStatus,
           LOBYTE(wsa.wVersion), HIBYTE(wsa.wVersion));

    ZeroMemory(&hints, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_PASSIVE;
    if ((n = getaddrinfo(NULL, argv[1], &hints, &res)) != 0) { printf("getaddrinfo: %d\n", n); return 1; }
    ls = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (ls == INVALID_SOCKET) { printf("socket: %d\n", WSAGetLastError()); return 1; }
    if (bind(ls, res->ai_addr, (int)res->ai_addrlen) == SOCKET_ERROR) { printf("bind: %d\n", WSAGetLastError()); return 1; }
    freeaddrinfo(res);
    if (listen(ls, SOMAXCONN) == SOCKET_ERROR) { printf("listen: %d\n", WSAGetLastError()); return 1; }
    printf("server: listening on port %s\n", argv[1]);
    fflush(stdout);

    cs = accept(ls, NULL, NULL);
    if (cs == INVALID_SOCKET) { printf("accept: %d\n", WSAGetLastError()); return 1; }
    closesocket(ls);
    while ((n = recv(cs, buf, sizeof(buf), 0)) > 0) {
        total += n;
        if (send(cs, buf, n, 0) == SOCKET_ERROR) { printf("send: %d\n", WSAGetLastError()); return 1; }
    }
    if (n == SOCKET_ERROR) { printf("recv: %d\n", WSAGetLastError()); return 1; }
    shutdown(cs, SD_SEND);
    closesocket(cs);
    printf("server: echoed %d bytes\n", total);
    WSACleanup();
    return 0;
}
