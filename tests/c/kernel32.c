/* The kernel32 subset socket programs use: threads (CreateThread, CREATE_SUSPENDED,
 * ResumeThread, GetExitCodeThread, waits on thread handles), events (manual and auto reset),
 * WaitForSingleObject(Ex)/WaitForMultipleObjects(Ex) with any/all and timeouts, APCs
 * (QueueUserAPC run by SleepEx and alertable waits), critical sections, Interlocked*,
 * QueryPerformanceCounter/Frequency, the process heap, GetTickCount64. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

static CRITICAL_SECTION cs;
static LONG counter, plain_counter, apc_runs;
static ULONG_PTR apc_arg;
static HANDLE go;

static DWORD WINAPI add_many(LPVOID p)
{
    int i;
    (void)p;
    WaitForSingleObject(go, INFINITE);
    for (i = 0; i < 100000; i++) {
        InterlockedIncrement(&counter);
        EnterCriticalSection(&cs);
        EnterCriticalSection(&cs); /* re-entrant */
        plain_counter++;
        LeaveCriticalSection(&cs);
        LeaveCriticalSection(&cs);
    }
    return 7;
}

static void WINAPI apc(ULONG_PTR arg)
{
    apc_runs++;
    apc_arg = arg;
}

static DWORD WINAPI set_later(LPVOID p)
{
    Sleep(50);
    SetEvent((HANDLE)p);
    return 0;
}

static DWORD WINAPI return_arg(LPVOID p)
{
    return (DWORD)(ULONG_PTR)p;
}

int main(void)
{
    HANDLE t[4], e[2], manual, autoev, sus;
    DWORD code = 0, r, tid = 0;
    LARGE_INTEGER f, c1, c2;
    ULONGLONG t0;
    char *mem;
    int i, zero = 1;

    /* Threads, critical sections and interlocked operations. */
    InitializeCriticalSection(&cs);
    go = CreateEvent(NULL, TRUE, FALSE, NULL);
    for (i = 0; i < 4; i++)
        t[i] = CreateThread(NULL, 0, add_many, NULL, 0, i == 0 ? &tid : NULL);
    printf("CreateThread: handles %s, thread id %s\n", t[0] && t[3] ? "ok" : "NULL", tid && tid != GetCurrentThreadId() ? "distinct" : "same");
    r = WaitForMultipleObjects(4, t, TRUE, 0);
    printf("wait all before they run: %lu\n", (unsigned long)r);
    GetExitCodeThread(t[0], &code);
    printf("exit code while running: %lu\n", (unsigned long)code);
    SetEvent(go);
    r = WaitForMultipleObjects(4, t, TRUE, 10000);
    printf("wait all: %lu; counters %ld %ld\n", (unsigned long)r, (long)counter, (long)plain_counter);
    GetExitCodeThread(t[2], &code);
    printf("exit code: %lu\n", (unsigned long)code);
    printf("TryEnterCriticalSection free: %d\n", TryEnterCriticalSection(&cs));
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
    for (i = 0; i < 4; i++)
        CloseHandle(t[i]);

    /* A suspended thread runs after ResumeThread. */
    sus = CreateThread(NULL, 0, return_arg, (LPVOID)42, CREATE_SUSPENDED, NULL);
    printf("suspended thread waits: %lu\n", (unsigned long)WaitForSingleObject(sus, 100));
    printf("ResumeThread: %lu\n", (unsigned long)ResumeThread(sus));
    printf("then finishes: %lu\n", (unsigned long)WaitForSingleObject(sus, 5000));
    GetExitCodeThread(sus, &code);
    printf("exit code %lu\n", (unsigned long)code);
    CloseHandle(sus);

    /* Events: manual reset stays signalled, auto reset releases one wait. */
    manual = CreateEventA(NULL, TRUE, TRUE, NULL);
    autoev = CreateEventW(NULL, FALSE, TRUE, NULL);
    r = WaitForSingleObject(manual, 0);
    printf("manual: %lu", (unsigned long)r);
    printf(" %lu\n", (unsigned long)WaitForSingleObject(manual, 0));
    r = WaitForSingleObject(autoev, 0);
    printf("auto: %lu", (unsigned long)r);
    printf(" %lu\n", (unsigned long)WaitForSingleObject(autoev, 0));
    ResetEvent(manual);
    t0 = GetTickCount64();
    r = WaitForSingleObject(manual, 100);
    printf("timeout: %lu after at least 90 ms: %d\n", (unsigned long)r, GetTickCount64() - t0 >= 90);
    e[0] = manual;
    e[1] = autoev;
    t[0] = CreateThread(NULL, 0, set_later, autoev, 0, NULL);
    r = WaitForMultipleObjects(2, e, FALSE, 5000);
    printf("wait any, second set by a thread: %lu\n", (unsigned long)r);
    SetEvent(manual);
    r = WaitForMultipleObjects(2, e, TRUE, 0);
    printf("wait all with one unset: %lu\n", (unsigned long)r);
    SetEvent(autoev);
    r = WaitForMultipleObjects(2, e, TRUE, 0);
    printf("wait all with both set: %lu;", (unsigned long)r);
    printf(" auto consumed: %lu\n", (unsigned long)WaitForSingleObject(autoev, 0));
    WaitForSingleObject(t[0], INFINITE);
    CloseHandle(t[0]);

    /* APCs run only in alertable waits. */
    QueueUserAPC(apc, GetCurrentThread(), 99);
    r = WaitForSingleObject(autoev, 0);
    printf("non-alertable wait: %lu, APCs run %ld\n", (unsigned long)r, (long)apc_runs);
    r = SleepEx(1000, TRUE);
    printf("SleepEx alertable: %lu, APCs run %ld with %lu\n", (unsigned long)r, (long)apc_runs, (unsigned long)apc_arg);
    QueueUserAPC(apc, GetCurrentThread(), 5);
    r = WaitForSingleObjectEx(autoev, INFINITE, TRUE);
    printf("WaitForSingleObjectEx alertable: %lu, APCs run %ld\n", (unsigned long)r, (long)apc_runs);
    r = SleepEx(0, TRUE);
    printf("SleepEx with nothing queued: %lu\n", (unsigned long)r);

    /* Bad handles. */
    SetLastError(0);
    r = WaitForSingleObject((HANDLE)(ULONG_PTR)0x1234, 0);
    printf("wait on a bad handle: 0x%lx error %lu\n", (unsigned long)r, (unsigned long)GetLastError());
    printf("CloseHandle twice: %d", CloseHandle(manual));
    printf(" %d error %lu\n", CloseHandle(manual), (unsigned long)GetLastError());
    printf("SetEvent on a closed handle: %d error %lu\n", SetEvent(manual), (unsigned long)GetLastError());
    CloseHandle(autoev);
    CloseHandle(go);

    /* Performance counter and heap. */
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c1);
    Sleep(20);
    QueryPerformanceCounter(&c2);
    printf("performance counter: frequency > 0 %d, 20 ms measured as at least 15 ms: %d\n", f.QuadPart > 0,
           (c2.QuadPart - c1.QuadPart) * 1000 / f.QuadPart >= 15);
    mem = (char *)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, 4096);
    for (i = 0; i < 4096; i++)
        if (mem[i])
            zero = 0;
    printf("HeapAlloc zeroed: %d, HeapFree: %d\n", zero, HeapFree(GetProcessHeap(), 0, mem));
    return 0;
}
