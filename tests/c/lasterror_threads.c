/* WSAGetLastError is per thread, shares its slot with GetLastError, is set by every failure
   and reset to 0 by a successful socket call. Linux only (pthreads); prints ok/FAIL. */
#include <winsock2.h>
#include <pthread.h>
#include <stdio.h>

static int failures;
#define CHECK(cond, what) do { if (cond) printf("ok   %s\n", what); else { printf("FAIL %s\n", what); failures++; } } while (0)

static void *other_thread(void *arg)
{
    int *seen = arg;
    seen[0] = WSAGetLastError();
    closesocket((SOCKET)0x7fff0);
    seen[1] = WSAGetLastError();
    return NULL;
}

int main(void)
{
    WSADATA wsa;
    pthread_t t;
    int seen[2];
    SOCKET s;

    CHECK(socket(AF_INET, SOCK_STREAM, 0) == INVALID_SOCKET && WSAGetLastError() == WSANOTINITIALISED, "socket before WSAStartup: WSANOTINITIALISED");
    if (WSAStartup(MAKEWORD(2, 2), &wsa)) return 1;
    WSASetLastError(WSAECONNRESET);
    CHECK(GetLastError() == WSAECONNRESET, "GetLastError shares the slot");
    pthread_create(&t, NULL, other_thread, seen);
    pthread_join(t, NULL);
    CHECK(seen[0] == 0, "a new thread starts with 0");
    CHECK(seen[1] == WSAENOTSOCK, "the other thread's failure set its own error");
    CHECK(WSAGetLastError() == WSAECONNRESET, "this thread's error is untouched");
    s = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(s != INVALID_SOCKET && WSAGetLastError() == 0, "a successful socket() resets it to 0");
    closesocket(s);
    WSACleanup();
    return failures != 0;
}
