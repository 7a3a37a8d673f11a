/*
 * muslcheck: a program built against musl (Debian's musl and musl-dev), as
 * a static and as a dynamic executable, whose lines are the same on every
 * kernel that runs musl programs as Linux does. It exercises what musl's
 * start-up, loader and libc do differently from glibc: its own ld.so
 * (libc.so itself, PT_INTERP /lib/ld-musl-aarch64.so.1), thread pointers and
 * TLS, mallocng over brk and mmap, clone for pthreads, sigaction with
 * SA_RESTORER, readdir over getdents64, stdio and printf.
 *
 * Each line is "name: result"; the exit status is the number of checks that
 * failed, so the run's verdict and its transcript agree.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(const char *name, int ok, const char *detail)
{
	printf("%s: %s%s%s\n", name, ok ? "ok" : "FAILED", detail[0] ? " " : "", detail);
	if (!ok)
		failures++;
}

static __thread int per_thread = 7;
static volatile sig_atomic_t caught;
static int shared_count;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;

static void on_signal(int sig) { caught = sig; }

static void *count_up(void *arg)
{
	per_thread += (int)(long)arg; /* each thread's own copy */
	for (int i = 0; i < 1000; i++) {
		pthread_mutex_lock(&count_lock);
		shared_count++;
		pthread_mutex_unlock(&count_lock);
	}
	return (void *)(long)per_thread;
}

static void check_heap(void)
{
	char *small = malloc(24);
	strcpy(small, "small");
	char *big = malloc(4 << 20); /* past mallocng's mmap threshold */
	memset(big, 0x5a, 4 << 20);
	char *grown = realloc(small, 100000);
	check("malloc", small && big && grown && big[(4 << 20) - 1] == 0x5a && strcmp(grown, "small") == 0, "");
	free(big);
	free(grown);
}

static void check_threads(void)
{
	pthread_t t[4];
	long sum = 0;
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], 0, count_up, (void *)(i + 1));
	for (int i = 0; i < 4; i++) {
		void *r;
		pthread_join(t[i], &r);
		sum += (long)r;
	}
	char detail[64];
	snprintf(detail, sizeof detail, "count %d, thread-local sum %ld, main's own %d", shared_count, sum, per_thread);
	check("pthreads", shared_count == 4000 && sum == 4 * 7 + 10 && per_thread == 7, detail);
}

static void check_fork(void)
{
	int fds[2];
	char buf[16] = {0};
	int status = 0;
	if (pipe(fds) != 0) {
		check("fork", 0, strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		write(fds[1], "from child", 10);
		_exit(9);
	}
	close(fds[1]);
	ssize_t n = read(fds[0], buf, sizeof buf - 1);
	waitpid(pid, &status, 0);
	close(fds[0]);
	check("fork", n == 10 && strcmp(buf, "from child") == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 9, buf);
}

static void check_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGUSR1, &sa, 0);
	raise(SIGUSR1);
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigaction(SIGUSR2, &sa, 0);
	sigprocmask(SIG_BLOCK, &block, &old);
	raise(SIGUSR2);
	int held = caught == SIGUSR1; /* blocked: still the first */
	sigprocmask(SIG_SETMASK, &old, 0);
	check("signals", held && caught == SIGUSR2, "");
}

static int compare_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void check_files(void)
{
	const char *dir = "/tmp/muslcheck";
	char path[64], *names[8];
	int count = 0;
	mkdir(dir, 0755);
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/f%d", dir, i);
		FILE *f = fopen(path, "w");
		fprintf(f, "line %d\n", i);
		fclose(f);
	}
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) && count < 8)
		if (e->d_name[0] != '.')
			names[count++] = strdup(e->d_name);
	if (d)
		closedir(d);
	qsort(names, count, sizeof names[0], compare_names);
	char listing[64] = "";
	for (int i = 0; i < count; i++) {
		strcat(listing, names[i]);
		strcat(listing, i + 1 < count ? "," : "");
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
		free(names[i]);
	}
	rmdir(dir);
	check("readdir", count == 3 && strcmp(listing, "f0,f1,f2") == 0, listing);

	int fd = open("/nonexistent/file", O_RDONLY);
	check("errno", fd < 0 && errno == ENOENT, strerror(errno));
}

static void check_mmap(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *p = mmap(0, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ok = p != MAP_FAILED;
	if (ok) {
		p[0] = 1;
		p[3 * page - 1] = 2;
		ok = mprotect(p + page, page, PROT_READ) == 0 && p[page] == 0 && munmap(p, 3 * page) == 0;
	}
	char detail[32];
	snprintf(detail, sizeof detail, "page size %ld", page);
	check("mmap", ok && page == 4096, detail);
}

static void check_system(void)
{
	struct utsname u;
	uname(&u);
	char detail[160];
	snprintf(detail, sizeof detail, "%s %s", u.sysname, u.machine);
	check("uname", strcmp(u.sysname, "Linux") == 0 && strcmp(u.machine, "aarch64") == 0, detail);

	struct timespec a, b, nap = {0, 2000000};
	clock_gettime(CLOCK_MONOTONIC, &a);
	nanosleep(&nap, 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	long waited = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
	check("nanosleep", waited >= 2000000, "");

	char num[64];
	snprintf(num, sizeof num, "%.3f %Lg %e", 3.14159, (long double)2.5, 1e-7);
	check("printf", strcmp(num, "3.142 2.5 1.000000e-07") == 0, num);
	check("getenv", getenv("PATH") != 0, "");
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');
	printf("%s: argc %d\n", name ? name + 1 : argv[0], argc);
	check_heap();
	check_threads();
	check_fork();
	check_signals();
	check_files();
	check_mmap();
	check_system();
	printf("failures: %d\n", failures);
	return failures;
}
