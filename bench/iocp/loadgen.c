/* Echo load generator (raw Linux sockets, one epoll thread): CONNS loopback connections, each
 * sending a SIZE-byte request and waiting for its full echo before the next, for SECONDS.
 * Prints "requests_per_second N". Bounded in count and time; loopback only.
 *   loadgen PORT [CONNS=1000] [SECONDS=5] [SIZE=64] */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 0, conns = argc > 2 ? atoi(argv[2]) : 1000;
    double secs = argc > 3 ? atof(argv[3]) : 5;
    int size = argc > 4 ? atoi(argv[4]) : 64, one = 1, ep, i;
    struct sockaddr_in a;
    struct rlimit rl = { 65536, 65536 };
    int *got = calloc(conns, sizeof(int)), *fds = calloc(conns, sizeof(int));
    char msg[4096], buf[4096];
    long done = 0;
    double start, end;
    struct epoll_event ev, evs[256];

    setrlimit(RLIMIT_NOFILE, &rl);
    memset(msg, 'x', sizeof msg);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ep = epoll_create1(0);
    for (i = 0; i < conns; i++) {
        fds[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(fds[i], (struct sockaddr *)&a, sizeof a)) {
            perror("connect");
            return 1;
        }
        setsockopt(fds[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        ev.events = EPOLLIN;
        ev.data.u32 = i;
        epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev);
    }
    start = now();
    end = start + secs;
    for (i = 0; i < conns; i++)
        send(fds[i], msg, size, 0);
    while (now() < end) {
        int n = epoll_wait(ep, evs, 256, 100);
        for (int k = 0; k < n; k++) {
            int c = evs[k].data.u32;
            ssize_t r = recv(fds[c], buf, sizeof buf, MSG_DONTWAIT);
            if (r <= 0) {
                if (r < 0 && errno == EAGAIN)
                    continue;
                fprintf(stderr, "connection %d closed\n", c);
                return 1;
            }
            got[c] += r;
            if (got[c] >= size) {
                got[c] -= size;
                done++;
                send(fds[c], msg, size, 0);
            }
        }
    }
    printf("requests_per_second %.0f\n", done / (now() - start));
    for (i = 0; i < conns; i++)
        close(fds[i]);
    return 0;
}
