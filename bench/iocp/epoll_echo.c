/* A hand-written epoll echo server over raw Linux sockets: THREADS threads, each with its own
 * epoll set (level-triggered), connections handed out round-robin by the accepting thread.
 *   epoll_echo PORT [THREADS=2]   (runs until killed) */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

static int eps[64];

static void *loop(void *p)
{
    int ep = *(int *)p;
    struct epoll_event evs[256];
    char buf[4096];
    for (;;) {
        int n = epoll_wait(ep, evs, 256, -1);
        for (int k = 0; k < n; k++) {
            int fd = evs[k].data.fd;
            ssize_t r = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
            if (r > 0)
                send(fd, buf, r, MSG_NOSIGNAL);
            else if (r == 0)
                close(fd);
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 0, threads = argc > 2 ? atoi(argv[2]) : 2, one = 1, i, l, next = 0;
    struct sockaddr_in a;
    struct rlimit rl = { 65536, 65536 };
    pthread_t t;
    setrlimit(RLIMIT_NOFILE, &rl);
    l = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 4096)) {
        perror("listen");
        return 1;
    }
    for (i = 0; i < threads; i++) {
        eps[i] = epoll_create1(0);
        pthread_create(&t, NULL, loop, &eps[i]);
    }
    printf("ready\n");
    fflush(stdout);
    for (;;) {
        int c = accept(l, NULL, NULL);
        struct epoll_event ev;
        if (c < 0)
            continue;
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        ev.events = EPOLLIN;
        ev.data.fd = c;
        epoll_ctl(eps[next++ % threads], EPOLL_CTL_ADD, c, &ev);
    }
}
