/* Startup reference counting with a layered provider: two WSAStartups, a socket through the
   chain, the first WSACleanup keeps everything working, the last one closes the socket and
   cleans the provider up; a new WSAStartup starts it again and data still flows through it.
   Prints ok/FAIL; the provider itself logs its WSPStartup/WSPCleanup calls (XOR_LOG). */
#include <winsock2.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, what) do { if (cond) printf("ok   %s\n", what); else { printf("FAIL %s (error %d)\n", what, WSAGetLastError()); failures++; } } while (0)

static int loopback_echo(void)
{
    SOCKET ls = socket(AF_INET, SOCK_STREAM, 0), c, a;
    struct sockaddr_in addr;
    int len = sizeof(addr), ok;
    char buf[8] = { 0 };
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (ls == INVALID_SOCKET || bind(ls, (struct sockaddr *)&addr, sizeof(addr)) || listen(ls, 1) || getsockname(ls, (struct sockaddr *)&addr, &len)) return 0;
    c = socket(AF_INET, SOCK_STREAM, 0);
    if (c == INVALID_SOCKET || connect(c, (struct sockaddr *)&addr, sizeof(addr))) return 0;
    a = accept(ls, NULL, NULL);
    ok = a != INVALID_SOCKET && send(c, "ping", 4, 0) == 4 && recv(a, buf, sizeof(buf), 0) == 4 && memcmp(buf, "ping", 4) == 0;
    closesocket(a);
    closesocket(c);
    closesocket(ls);
    return ok;
}

int main(void)
{
    WSADATA wsa;
    SOCKET s;
    CHECK(WSAStartup(MAKEWORD(2, 2), &wsa) == 0 && WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "two WSAStartups");
    s = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(s != INVALID_SOCKET, "a socket through the chain");
    fprintf(stderr, "test: first WSACleanup\n");
    CHECK(WSACleanup() == 0, "first WSACleanup");
    CHECK(loopback_echo(), "still working after the first WSACleanup");
    fprintf(stderr, "test: last WSACleanup\n");
    CHECK(WSACleanup() == 0, "last WSACleanup");
    CHECK(closesocket(s) == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "nothing works after it");
    fprintf(stderr, "test: WSAStartup again\n");
    CHECK(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup again");
    CHECK(loopback_echo(), "data flows through the restarted provider");
    CHECK(WSACleanup() == 0, "WSACleanup");
    return failures != 0;
}
