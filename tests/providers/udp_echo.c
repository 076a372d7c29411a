/* A Winsock UDP client: sends MESSAGE to HOST PORT (IPv4 or IPv6) with sendto and prints the
   datagram that comes back. Usage: udp_echo HOST PORT MESSAGE */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    WSADATA wsa;
    struct addrinfo hints, *res;
    struct sockaddr_storage from;
    int fromlen = sizeof(from), n;
    DWORD timeout = 5000;
    char buf[512];
    SOCKET s;
    if (argc != 4 || WSAStartup(MAKEWORD(2, 2), &wsa)) return 2;
    memset(&hints, 0, sizeof(hints));
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST;
    if (getaddrinfo(argv[1], argv[2], &hints, &res)) return 2;
    s = socket(res->ai_family, SOCK_DGRAM, IPPROTO_UDP);
    if (s == INVALID_SOCKET) { printf("socket: %d\n", WSAGetLastError()); return 1; }
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout));
    if (sendto(s, argv[3], (int)strlen(argv[3]), 0, res->ai_addr, (int)res->ai_addrlen) == SOCKET_ERROR) { printf("sendto: %d\n", WSAGetLastError()); return 1; }
    n = recvfrom(s, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fromlen);
    if (n == SOCKET_ERROR) { printf("recvfrom: %d\n", WSAGetLastError()); return 1; }
    buf[n] = 0;
    printf("udp: received \"%s\"\n", buf);
    freeaddrinfo(res);
    closesocket(s);
    WSACleanup();
    return 0;
}
