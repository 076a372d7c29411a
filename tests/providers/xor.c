/* A layered service provider written in C against ws2spi.h, as a Windows LSP is written.
 *
 *   -DXOR_KEY=0x5A   XOR every byte sent and received with the key (0: pass data through)
 *   -DNON_IFS        own socket handles (WPUCreateSocketHandle + context) instead of returning
 *                    the lower layer's handle (WPUModifyIFSHandle)
 *
 * With XOR_LOG set in the environment it reports its reference count on stderr at each
 * WSPStartup and WSPCleanup (for the tests).
 *
 * WSPStartup finds this layer in the protocol chain it is given (the chain entry whose
 * provider path is this library's own file), loads the next layer with WSCGetProviderPath and
 * dlopen, and starts it with the chain's WSAPROTOCOL_INFOW while that layer is layered, or the
 * base protocol's when it is the base. The upcall table is passed down unmodified. Every
 * WSPPROC_TABLE entry forwards to the lower layer, translating handles for non-IFS sockets.
 *
 * Blocking I/O only when XOR_KEY is non-zero: an overlapped receive completes after we
 * return, so its bytes cannot be transformed here (WSAEOPNOTSUPP).
 */
#define _GNU_SOURCE
#include <winsock2.h>
#include <ws2spi.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef XOR_KEY
#define XOR_KEY 0
#endif

/* One lower layer, reached through one next catalog entry. */
struct link {
    DWORD next_id;                /* catalog entry id of the layer below */
    WSAPROTOCOL_INFOW next_info;  /* what the layer below is started with and given */
    WSPPROC_TABLE table;          /* its dispatch table */
};

#define MAX_LINKS 16
static struct link links[MAX_LINKS];
static int nlinks;
static int starts;                 /* WSPStartup calls not yet matched by WSPCleanup */
static WSPUPCALLTABLE up;          /* the most recently supplied upcall table */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

#ifdef NON_IFS
struct sock { SOCKET lower; struct link *link; };
#else
#define MAX_FD 65536
static struct link *fd_link[MAX_FD];
#endif

/* ---- Finding this layer and the next ---- */

static int same_file(const char *a, const char *b)
{
    char ra[4096], rb[4096];
    if (!realpath(a, ra) || !realpath(b, rb)) return 0;
    return strcmp(ra, rb) == 0;
}

static int provider_path(GUID *id, char *out, size_t size)
{
    WCHAR w[1024];
    int len = 1024, err = 0;
    size_t i;
    if (WSCGetProviderPath(id, w, &len, &err) != 0) return -1;
    for (i = 0; w[i] && i + 1 < size; i++) out[i] = (char)w[i];
    out[i] = 0;
    return 0;
}

static WSAPROTOCOL_INFOW *catalog(int *count)
{
    DWORD len = 0;
    int err = 0;
    WSAPROTOCOL_INFOW *all;
    WSCEnumProtocols(NULL, NULL, &len, &err);
    all = malloc(len);
    if (!all) return NULL;
    *count = WSCEnumProtocols(NULL, all, &len, &err);
    if (*count < 0) { free(all); return NULL; }
    return all;
}

static WSAPROTOCOL_INFOW *entry(WSAPROTOCOL_INFOW *all, int n, DWORD id)
{
    int i;
    for (i = 0; i < n; i++)
        if (all[i].dwCatalogEntryId == id) return &all[i];
    return NULL;
}

/* The link below this layer for `chain`, loading and starting the next layer on first use. */
static struct link *link_for(const WSAPROTOCOL_INFOW *chain, int *err)
{
    Dl_info self;
    char mine[4096], path[4096];
    WSAPROTOCOL_INFOW *all, *e, *next;
    int n, i, pos = -1;
    struct link *l = NULL;
    void *lib;
    LPWSPSTARTUP startup;
    WSPDATA data;

    if (!dladdr((void *)&link_for, &self)) { *err = WSAEPROVIDERFAILEDINIT; return NULL; }
    strncpy(mine, self.dli_fname, sizeof(mine) - 1);
    mine[sizeof(mine) - 1] = 0;
    all = catalog(&n);
    if (!all) { *err = WSAEPROVIDERFAILEDINIT; return NULL; }
    for (i = 0; i + 1 < chain->ProtocolChain.ChainLen && pos < 0; i++) {
        e = entry(all, n, chain->ProtocolChain.ChainEntries[i]);
        if (e && provider_path(&e->ProviderId, path, sizeof(path)) == 0 && same_file(path, mine)) pos = i;
    }
    next = pos < 0 ? NULL : entry(all, n, chain->ProtocolChain.ChainEntries[pos + 1]);
    if (!next) { free(all); *err = WSAEPROVIDERFAILEDINIT; return NULL; }
    for (i = 0; i < nlinks; i++)
        if (links[i].next_id == next->dwCatalogEntryId) { free(all); return &links[i]; }
    /* This library identifies its layer by its file: the same file twice in one chain would
       make it load itself as its own lower layer. */
    if (nlinks == MAX_LINKS || provider_path(&next->ProviderId, path, sizeof(path)) != 0 || same_file(path, mine)) {
        free(all);
        *err = WSAEPROVIDERFAILEDINIT;
        return NULL;
    }
    lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    startup = lib ? (LPWSPSTARTUP)dlsym(lib, "WSPStartup") : NULL;
    if (startup) {
        l = &links[nlinks];
        l->next_id = next->dwCatalogEntryId;
        /* The chain's info while the next layer is layered, the base protocol's at the base. */
        l->next_info = next->ProtocolChain.ChainLen == BASE_PROTOCOL ? *next : *chain;
        if (startup(MAKEWORD(2, 2), &data, &l->next_info, up, &l->table) == 0) nlinks++;
        else l = NULL;
    }
    free(all);
    if (!l) *err = WSAEPROVIDERFAILEDINIT;
    return l;
}

/* ---- Handles ---- */

#ifdef NON_IFS
static struct sock *sock_of(SOCKET s, int *err)
{
    DWORD_PTR ctx = 0;
    if (up.lpWPUQuerySocketHandleContext(s, &ctx, err) != 0 || !ctx) { *err = WSAENOTSOCK; return NULL; }
    return (struct sock *)ctx;
}
#define LOWER(s, fail) \
    struct sock *sk_ = sock_of(s, err); if (!sk_) return fail; \
    struct link *l = sk_->link; SOCKET ls = sk_->lower
#else
#define LOWER(s, fail) \
    struct link *l = (s) < MAX_FD ? fd_link[s] : NULL; SOCKET ls = (s); \
    if (!l) { *err = WSAENOTSOCK; return fail; }
#endif

/* Gives the application a handle for lower socket `ls` on `l`. */
static SOCKET wrap(SOCKET ls, struct link *l, DWORD entry_id, int *err)
{
#ifdef NON_IFS
    struct sock *sk = malloc(sizeof(*sk));
    SOCKET h;
    int e2;
    if (!sk) { l->table.lpWSPCloseSocket(ls, &e2); *err = WSAENOBUFS; return INVALID_SOCKET; }
    sk->lower = ls;
    sk->link = l;
    h = up.lpWPUCreateSocketHandle(entry_id, (DWORD_PTR)sk, err);
    if (h == INVALID_SOCKET) { l->table.lpWSPCloseSocket(ls, &e2); free(sk); }
    return h;
#else
    SOCKET h = up.lpWPUModifyIFSHandle(entry_id, ls, err);
    if (h != INVALID_SOCKET && h < MAX_FD) fd_link[h] = l;
    return h;
#endif
}

/* ---- Data transformation ---- */

static void xor_bytes(char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) p[i] ^= (char)XOR_KEY;
}

/* Copies and transforms outgoing buffers; *copy receives the block to free. */
static LPWSABUF outgoing(LPWSABUF bufs, DWORD n, char **copy)
{
    DWORD i;
    size_t total = 0, off = 0;
    LPWSABUF out;
    *copy = NULL;
    if (XOR_KEY == 0) return bufs;
    for (i = 0; i < n; i++) total += bufs[i].len;
    out = malloc(n * sizeof(WSABUF) + total + 1);
    if (!out) return NULL;
    *copy = (char *)out;
    for (i = 0; i < n; i++) {
        char *dst = (char *)(out + n) + off;
        memcpy(dst, bufs[i].buf, bufs[i].len);
        xor_bytes(dst, bufs[i].len);
        out[i].buf = dst;
        out[i].len = bufs[i].len;
        off += bufs[i].len;
    }
    return out;
}

static void incoming(LPWSABUF bufs, DWORD n, DWORD got)
{
    DWORD i;
    for (i = 0; i < n && got > 0; i++) {
        DWORD k = bufs[i].len < got ? bufs[i].len : got;
        xor_bytes(bufs[i].buf, k);
        got -= k;
    }
}

#define NO_OVERLAPPED_XOR(ov, cr) \
    if (XOR_KEY != 0 && ((ov) || (cr))) { *err = WSAEOPNOTSUPP; return SOCKET_ERROR; }

/* ---- The dispatch table ---- */

static SOCKET WSPAPI x_socket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW info, GROUP g, DWORD flags, LPINT err)
{
    struct link *l;
    SOCKET ls;
    pthread_mutex_lock(&lock);
    l = link_for(info, err);
    pthread_mutex_unlock(&lock);
    if (!l) return INVALID_SOCKET;
    ls = l->table.lpWSPSocket(af, type, protocol, &l->next_info, g, flags, err);
    if (ls == INVALID_SOCKET) return INVALID_SOCKET;
    return wrap(ls, l, info->dwCatalogEntryId, err);
}

static SOCKET WSPAPI x_accept(SOCKET s, struct sockaddr *addr, LPINT addrlen, LPCONDITIONPROC cond, DWORD_PTR data, LPINT err)
{
    SOCKET ns;
    LOWER(s, INVALID_SOCKET);
    ns = l->table.lpWSPAccept(ls, addr, addrlen, cond, data, err);
    if (ns == INVALID_SOCKET) return INVALID_SOCKET;
    return wrap(ns, l, l->next_info.dwCatalogEntryId, err);
}

static int WSPAPI x_close(SOCKET s, LPINT err)
{
    int rc;
    LOWER(s, SOCKET_ERROR);
    rc = l->table.lpWSPCloseSocket(ls, err);
    if (rc != 0) return rc;
#ifdef NON_IFS
    up.lpWPUCloseSocketHandle(s, err);
    free(sk_);
#else
    if (s < MAX_FD) fd_link[s] = NULL;
#endif
    return 0;
}

static int WSPAPI x_send(SOCKET s, LPWSABUF bufs, DWORD n, LPDWORD sent, DWORD flags, LPWSAOVERLAPPED ov,
                         LPWSAOVERLAPPED_COMPLETION_ROUTINE cr, LPWSATHREADID tid, LPINT err)
{
    char *copy;
    LPWSABUF out;
    int rc;
    LOWER(s, SOCKET_ERROR);
    NO_OVERLAPPED_XOR(ov, cr);
    out = outgoing(bufs, n, &copy);
    if (!out) { *err = WSAENOBUFS; return SOCKET_ERROR; }
    rc = l->table.lpWSPSend(ls, out, n, sent, flags, ov, cr, tid, err);
    free(copy);
    return rc;
}

static int WSPAPI x_sendto(SOCKET s, LPWSABUF bufs, DWORD n, LPDWORD sent, DWORD flags, const struct sockaddr *to, int tolen,
                           LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE cr, LPWSATHREADID tid, LPINT err)
{
    char *copy;
    LPWSABUF out;
    int rc;
    LOWER(s, SOCKET_ERROR);
    NO_OVERLAPPED_XOR(ov, cr);
    out = outgoing(bufs, n, &copy);
    if (!out) { *err = WSAENOBUFS; return SOCKET_ERROR; }
    rc = l->table.lpWSPSendTo(ls, out, n, sent, flags, to, tolen, ov, cr, tid, err);
    free(copy);
    return rc;
}

static int WSPAPI x_recv(SOCKET s, LPWSABUF bufs, DWORD n, LPDWORD got, LPDWORD flags, LPWSAOVERLAPPED ov,
                         LPWSAOVERLAPPED_COMPLETION_ROUTINE cr, LPWSATHREADID tid, LPINT err)
{
    int rc;
    LOWER(s, SOCKET_ERROR);
    NO_OVERLAPPED_XOR(ov, cr);
    rc = l->table.lpWSPRecv(ls, bufs, n, got, flags, ov, cr, tid, err);
    /* WSAEMSGSIZE still fills the buffer. */
    if (XOR_KEY != 0 && (rc == 0 || *err == WSAEMSGSIZE)) incoming(bufs, n, rc == 0 ? *got : 0xffffffffu);
    return rc;
}

static int WSPAPI x_recvfrom(SOCKET s, LPWSABUF bufs, DWORD n, LPDWORD got, LPDWORD flags, struct sockaddr *from, LPINT fromlen,
                             LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE cr, LPWSATHREADID tid, LPINT err)
{
    int rc;
    LOWER(s, SOCKET_ERROR);
    NO_OVERLAPPED_XOR(ov, cr);
    rc = l->table.lpWSPRecvFrom(ls, bufs, n, got, flags, from, fromlen, ov, cr, tid, err);
    if (XOR_KEY != 0 && (rc == 0 || *err == WSAEMSGSIZE)) incoming(bufs, n, rc == 0 ? *got : 0xffffffffu);
    return rc;
}

static int WSPAPI x_bind(SOCKET s, const struct sockaddr *name, int len, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPBind(ls, name, len, err); }

static int WSPAPI x_listen(SOCKET s, int backlog, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPListen(ls, backlog, err); }

static int WSPAPI x_connect(SOCKET s, const struct sockaddr *name, int len, LPWSABUF cd, LPWSABUF ce, LPQOS sq, LPQOS gq, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPConnect(ls, name, len, cd, ce, sq, gq, err); }

static int WSPAPI x_shutdown(SOCKET s, int how, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPShutdown(ls, how, err); }

static int WSPAPI x_getpeername(SOCKET s, struct sockaddr *name, LPINT len, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPGetPeerName(ls, name, len, err); }

static int WSPAPI x_getsockname(SOCKET s, struct sockaddr *name, LPINT len, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPGetSockName(ls, name, len, err); }

static int WSPAPI x_getsockopt(SOCKET s, int level, int name, char *val, LPINT len, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPGetSockOpt(ls, level, name, val, len, err); }

static int WSPAPI x_setsockopt(SOCKET s, int level, int name, const char *val, int len, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPSetSockOpt(ls, level, name, val, len, err); }

static int WSPAPI x_ioctl(SOCKET s, DWORD code, LPVOID in, DWORD inlen, LPVOID out, DWORD outlen, LPDWORD ret,
                          LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE cr, LPWSATHREADID tid, LPINT err)
{
    LOWER(s, SOCKET_ERROR);
#ifdef NON_IFS
    /* WSAPoll: the array names our handles; the layer below polls its own. */
    if (code == SIO_WS2_POLL && in) {
        WSAPOLLFD *fds = in, *lower = malloc(inlen * sizeof(WSAPOLLFD) + 1);
        DWORD i;
        int rc;
        if (!lower) { *err = WSAENOBUFS; return SOCKET_ERROR; }
        for (i = 0; i < inlen; i++) {
            DWORD_PTR ctx = 0;
            int e2;
            lower[i] = fds[i];
            if ((SSIZE_T)fds[i].fd >= 0 && up.lpWPUQuerySocketHandleContext(fds[i].fd, &ctx, &e2) == 0 && ctx)
                lower[i].fd = ((struct sock *)ctx)->lower;
        }
        rc = l->table.lpWSPIoctl(ls, code, lower, inlen, out, outlen, ret, ov, cr, tid, err);
        for (i = 0; i < inlen; i++) fds[i].revents = lower[i].revents;
        free(lower);
        return rc;
    }
#endif
    return l->table.lpWSPIoctl(ls, code, in, inlen, out, outlen, ret, ov, cr, tid, err);
}

static int WSPAPI x_recvdisconnect(SOCKET s, LPWSABUF data, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPRecvDisconnect(ls, data, err); }

static int WSPAPI x_senddisconnect(SOCKET s, LPWSABUF data, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPSendDisconnect(ls, data, err); }

static int WSPAPI x_asyncselect(SOCKET s, HWND w, unsigned int msg, LONG ev, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPAsyncSelect(ls, w, msg, ev, err); }

static int WSPAPI x_eventselect(SOCKET s, WSAEVENT e, LONG ev, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPEventSelect(ls, e, ev, err); }

static int WSPAPI x_enumnetworkevents(SOCKET s, WSAEVENT e, LPWSANETWORKEVENTS ne, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPEnumNetworkEvents(ls, e, ne, err); }

static BOOL WSPAPI x_getoverlappedresult(SOCKET s, LPWSAOVERLAPPED ov, LPDWORD n, BOOL wait, LPDWORD flags, LPINT err)
{ LOWER(s, FALSE); return l->table.lpWSPGetOverlappedResult(ls, ov, n, wait, flags, err); }

static int WSPAPI x_duplicatesocket(SOCKET s, DWORD pid, LPWSAPROTOCOL_INFOW info, LPINT err)
{ LOWER(s, SOCKET_ERROR); return l->table.lpWSPDuplicateSocket(ls, pid, info, err); }

static BOOL WSPAPI x_getqosbyname(SOCKET s, LPWSABUF name, LPQOS qos, LPINT err)
{ LOWER(s, FALSE); return l->table.lpWSPGetQOSByName(ls, name, qos, err); }

static SOCKET WSPAPI x_joinleaf(SOCKET s, const struct sockaddr *name, int len, LPWSABUF cd, LPWSABUF ce, LPQOS sq, LPQOS gq, DWORD flags, LPINT err)
{
    SOCKET r;
    LOWER(s, INVALID_SOCKET);
    r = l->table.lpWSPJoinLeaf(ls, name, len, cd, ce, sq, gq, flags, err);
    return r == ls ? s : r == INVALID_SOCKET ? INVALID_SOCKET : wrap(r, l, l->next_info.dwCatalogEntryId, err);
}

/* select: the sockets in the sets are ours; the layer below needs its own. With IFS handles
   they are the same values and the sets pass through unchanged. */
static int WSPAPI x_select(int nfds, fd_set *r, fd_set *w, fd_set *e, const struct timeval *t, LPINT err)
{
#ifdef NON_IFS
    fd_set *sets[3] = { r, w, e };
    fd_set lower[3];
    SOCKET map[3][FD_SETSIZE];
    struct link *l = NULL;
    int k, rc;
    u_int i;
    for (k = 0; k < 3; k++) {
        if (!sets[k]) continue;
        lower[k].fd_count = sets[k]->fd_count;
        for (i = 0; i < sets[k]->fd_count && i < FD_SETSIZE; i++) {
            struct sock *sk = sock_of(sets[k]->fd_array[i], err);
            if (!sk) return SOCKET_ERROR;
            l = sk->link;
            map[k][i] = sets[k]->fd_array[i];
            lower[k].fd_array[i] = sk->lower;
        }
    }
    if (!l) { *err = WSAEINVAL; return SOCKET_ERROR; }
    rc = l->table.lpWSPSelect(nfds, r ? &lower[0] : NULL, w ? &lower[1] : NULL, e ? &lower[2] : NULL, t, err);
    if (rc == SOCKET_ERROR) return rc;
    for (k = 0; k < 3; k++) {
        u_int kept = 0;
        if (!sets[k]) continue;
        for (i = 0; i < sets[k]->fd_count; i++)
            if (up.lpWPUFDIsSet(lower[k].fd_array[i], &lower[k])) sets[k]->fd_array[kept++] = map[k][i];
        sets[k]->fd_count = kept;
    }
    return rc;
#else
    if (nlinks == 0) { *err = WSAEINVAL; return SOCKET_ERROR; }
    return links[0].table.lpWSPSelect(nfds, r, w, e, t, err);
#endif
}

static INT WSPAPI x_addresstostring(LPSOCKADDR a, DWORD alen, LPWSAPROTOCOL_INFOW info, LPWSTR out, LPDWORD outlen, LPINT err)
{
    struct link *l;
    pthread_mutex_lock(&lock);
    l = link_for(info, err);
    pthread_mutex_unlock(&lock);
    return l ? l->table.lpWSPAddressToString(a, alen, &l->next_info, out, outlen, err) : SOCKET_ERROR;
}

static INT WSPAPI x_stringtoaddress(LPWSTR s, INT af, LPWSAPROTOCOL_INFOW info, LPSOCKADDR a, LPINT alen, LPINT err)
{
    struct link *l;
    pthread_mutex_lock(&lock);
    l = link_for(info, err);
    pthread_mutex_unlock(&lock);
    return l ? l->table.lpWSPStringToAddress(s, af, &l->next_info, a, alen, err) : SOCKET_ERROR;
}

static int WSPAPI x_cancelblockingcall(LPINT err)
{
    *err = WSAEOPNOTSUPP;
    return SOCKET_ERROR;
}

static int WSPAPI x_cleanup(LPINT err)
{
    int i;
    pthread_mutex_lock(&lock);
    if (starts == 0) { pthread_mutex_unlock(&lock); *err = WSANOTINITIALISED; return SOCKET_ERROR; }
    if (--starts == 0) {
        for (i = 0; i < nlinks; i++) links[i].table.lpWSPCleanup(err);
        nlinks = 0;
    }
    if (getenv("XOR_LOG")) fprintf(stderr, "xor: WSPCleanup, %d left\n", starts);
    pthread_mutex_unlock(&lock);
    return 0;
}

int WSPAPI WSPStartup(WORD version, LPWSPDATA data, LPWSAPROTOCOL_INFOW info, WSPUPCALLTABLE upcalls, LPWSPPROC_TABLE table)
{
    static const WSPPROC_TABLE mine = {
        x_accept, x_addresstostring, x_asyncselect, x_bind, x_cancelblockingcall, x_cleanup, x_close,
        x_connect, x_duplicatesocket, x_enumnetworkevents, x_eventselect, x_getoverlappedresult,
        x_getpeername, x_getsockname, x_getsockopt, x_getqosbyname, x_ioctl, x_joinleaf, x_listen,
        x_recv, x_recvdisconnect, x_recvfrom, x_select, x_send, x_senddisconnect, x_sendto,
        x_setsockopt, x_shutdown, x_socket, x_stringtoaddress,
    };
    int err = 0;
    const char *desc = XOR_KEY ? "XOR layered provider (C)" : "pass-through layered provider (C)";
    int i;
    if (LOBYTE(version) < 2) return WSAVERNOTSUPPORTED;
    if (!data || !info || !table) return WSAEFAULT;
    pthread_mutex_lock(&lock);
    up = upcalls;
    /* Start the layer below for this chain now, so a broken chain fails here. */
    if (!link_for(info, &err)) { pthread_mutex_unlock(&lock); return err; }
    starts++;
    if (getenv("XOR_LOG")) fprintf(stderr, "xor: WSPStartup, %d started\n", starts);
    pthread_mutex_unlock(&lock);
    data->wVersion = MAKEWORD(2, 2);
    data->wHighVersion = MAKEWORD(2, 2);
    for (i = 0; desc[i] && i < WSPDESCRIPTION_LEN; i++) data->szDescription[i] = (WCHAR)desc[i];
    data->szDescription[i] = 0;
    *table = mine;
    return 0;
}
