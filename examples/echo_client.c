/* A Winsock echo client, written as for Windows. Usage: echo_client HOST PORT MESSAGE */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>
#pragma comment(lib, "Ws2_32.lib")

int main(int argc, char **argv)
{
    WSADATA wsa;
    struct addrinfo hints, *res = NULL, *p;
    SOCKET s = INVALID_SOCKET;
    char buf[513], host[NI_MAXHOST];
    int n;

    if (argc != 4) { printf("usage: %s host port message\n", argv[0]); return 1; }
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) { printf("WSAStartup failed\n"); return 1; }
    ZeroMemory(&hints, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    if ((n = getaddrinfo(argv[1], argv[2], &hints, &res)) != 0) { printf("getaddrinfo: %d\n", n); return 1; }
    for (p = res; p != NULL; p = p->ai_next) {
        s = socket(p->ai_family, p->ai_socktype, p->ai_protocol);
        if (s == INVALID_SOCKET) continue;
        if (connect(s, p->ai_addr, (int)p->ai_addrlen) == 0) {
            getnameinfo(p->ai_addr, (socklen_t)p->ai_addrlen, host, sizeof(host), NULL, 0, NI_NUMERICHOST);
            printf("client: connected to %s (%s)\n", host, p->ai_family == AF_INET6 ? "AF_INET6" : "AF_INET");
            break;
        }
        printf("client: connect to a %s address failed: %d\n", p->ai_family == AF_INET6 ? "AF_INET6" : "AF_INET", WSAGetLastError());
        closesocket(s);
        s = INVALID_SOCKET;
    }
    freeaddrinfo(res);
    if (s == INVALID_SOCKET) { printf("client: unable to connect\n"); return 1; }
    if (send(s, argv[3], (int)strlen(argv[3]), 0) == SOCKET_ERROR) { printf("send: %d\n", WSAGetLastError()); return 1; }
    shutdown(s, SD_SEND);
    while ((n = recv(s, buf, sizeof(buf) - 1, 0)) > 0) {
        buf[n] = 0;
        printf("client: received \"%s\"\n", buf);
    }
    if (n == SOCKET_ERROR) { printf("recv: %d\n", WSAGetLastError()); return 1; }
    closesocket(s);
    WSACleanup();
    return 0;
}
