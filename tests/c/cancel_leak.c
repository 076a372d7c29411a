/* 10,000 overlapped receives cancelled by closesocket (2,500 sockets with 4 pending each,
 * their completions dequeued from a completion port with ERROR_OPERATION_ABORTED): no
 * descriptor and no memory is left behind. (Linux-only: reads /proc; prints ok/FAIL.) */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>

static int open_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    while (d && readdir(d))
        n++;
    if (d)
        closedir(d);
    return n;
}

static long rss_kib(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * 4;
}

static int round_of(HANDLE port, int sockets, int *aborted)
{
    static OVERLAPPED ov[4];
    static char buf[4][64];
    struct sockaddr_in a;
    int i, k;
    for (i = 0; i < sockets; i++) {
        SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);
        WSABUF b;
        DWORD n, flags;
        if (s == INVALID_SOCKET)
            return -1;
        memset(&a, 0, sizeof a);
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(s, (struct sockaddr *)&a, sizeof a);
        CreateIoCompletionPort((HANDLE)s, port, (ULONG_PTR)i, 0);
        for (k = 0; k < 4; k++) {
            memset(&ov[k], 0, sizeof ov[k]);
            b.buf = buf[k];
            b.len = sizeof buf[k];
            flags = 0;
            if (WSARecv(s, &b, 1, &n, &flags, &ov[k], NULL) != SOCKET_ERROR || WSAGetLastError() != WSA_IO_PENDING)
                return -1;
        }
        closesocket(s);
        for (k = 0; k < 4; k++) {
            DWORD n;
            ULONG_PTR key;
            LPOVERLAPPED o;
            if (!GetQueuedCompletionStatus(port, &n, &key, &o, 5000) && o && GetLastError() == ERROR_OPERATION_ABORTED)
                (*aborted)++;
        }
    }
    return 0;
}

int main(void)
{
    WSADATA d;
    HANDLE port;
    int fds0, fds1, aborted = 0, warm = 0, fails = 0;
    long rss0, rss1;

    WSAStartup(MAKEWORD(2, 2), &d);
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    if (round_of(port, 250, &warm))
        return 2;
    fds0 = open_fds();
    rss0 = rss_kib();
    if (round_of(port, 2500, &aborted))
        return 2;
    Sleep(200); /* let the engine finish removing its registrations */
    fds1 = open_fds();
    rss1 = rss_kib();
    if (aborted == 10000)
        printf("ok: 10000 operations aborted through the port\n");
    else {
        printf("FAIL: %d of 10000 operations reported ERROR_OPERATION_ABORTED\n", aborted);
        fails++;
    }
    if (fds1 == fds0)
        printf("ok: no descriptor leaked\n");
    else {
        printf("FAIL: descriptors %d -> %d\n", fds0, fds1);
        fails++;
    }
    if (rss1 - rss0 < 4096)
        printf("ok: memory stable\n");
    else {
        printf("FAIL: resident memory grew by %ld KiB\n", rss1 - rss0);
        fails++;
    }
    CloseHandle(port);
    WSACleanup();
    return fails != 0;
}
