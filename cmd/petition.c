/* petition - the front command: `petition NAME ARGS` runs petition-NAME */
#include "cli.h"
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_TOOLS 64

static const struct pt_cli front = {.prog = "petition"};

/* The directory this binary is in ("" when unknown): its tools come first. */
static void own_dir(char *dir, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", dir, size - 1);
	char *slash;

	dir[n > 0 ? n : 0] = 0;
	if ((slash = strrchr(dir, '/')))
		*slash = 0;
	else
		dir[0] = 0;
}

/* A tool name is letters, digits and '-': never a path. */
static bool valid_name(const char *name)
{
	if (!*name || *name == '-')
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

/* Runs petition-NAME: next to this binary, else on PATH; returns only on failure. */
static int run_tool(const char *name, char **argv)
{
	char dir[PATH_MAX], path[PATH_MAX + 64], prog[64];

	if (!valid_name(name) || strlen(name) > 40)
		return pt_cli_error(&front, PT_EUSAGE, "%.40s: not a petition command (see petition --help)", name);
	snprintf(prog, sizeof prog, "petition-%s", name);
	argv[0] = prog;
	own_dir(dir, sizeof dir);
	if (*dir) {
		snprintf(path, sizeof path, "%s/%s", dir, prog);
		if (access(path, X_OK) == 0)
			execv(path, argv);
	}
	execvp(prog, argv);
	if (errno == ENOENT)
		return pt_cli_error(&front, PT_EUSAGE, "%s: not a petition command (see petition --help)", name);
	return pt_cli_error(&front, PT_EDB, "%s: %s", prog, strerror(errno));
}

/* petition help NAME: its man page. */
static int help(const char *name)
{
	char page[64];

	if (!valid_name(name) || strlen(name) > 40)
		return pt_cli_error(&front, PT_EUSAGE, "help: %.40s: not a petition command", name);
	snprintf(page, sizeof page, "petition-%s", name);
	execlp("man", "man", page, (char *)NULL);
	return pt_cli_error(&front, PT_EDB, "man: %s", strerror(errno));
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the petition-* programs of dir to names[] (once each). */
static size_t add_tools(const char *dir, char **names, size_t n)
{
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *de;
	char path[PATH_MAX + 256];

	if (!d || !*dir)
		return d ? (closedir(d), n) : n;
	while ((de = readdir(d)) && n < MAX_TOOLS) {
		const char *tool = de->d_name + strlen("petition-");
		bool seen = false;

		if (strncmp(de->d_name, "petition-", strlen("petition-")) || !valid_name(tool))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		for (size_t i = 0; i < n; i++)
			seen = seen || !strcmp(names[i], tool);
		if (!seen && access(path, X_OK) == 0 && (names[n] = strdup(tool)))
			n++;
	}
	closedir(d);
	return n;
}

/* Every tool: next to this binary, then on PATH. */
static size_t find_tools(char **names)
{
	char dir[PATH_MAX];
	char *path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
	size_t n;

	own_dir(dir, sizeof dir);
	n = add_tools(dir, names, 0);
	for (char *save = NULL, *p = path ? strtok_r(path, ":", &save) : NULL; p;
	     p = strtok_r(NULL, ":", &save))
		n = add_tools(p, names, n);
	free(path);
	qsort(names, n, sizeof *names, cmp_names);
	return n;
}

/* The second line of `petition-NAME --help`: what the tool does. */
static void summary(const char *name, char *out, size_t size)
{
	int fd[2];
	pid_t pid;
	FILE *f;

	out[0] = 0;
	if (pipe(fd))
		return;
	if ((pid = fork()) == 0) {
		char *argv[] = {NULL, "--help", NULL};
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		_exit(run_tool(name, argv) ? 127 : 0);
	}
	close(fd[1]);
	if (pid > 0 && (f = fdopen(fd[0], "r"))) {
		int ch;
		while ((ch = getc(f)) != EOF && ch != '\n')   /* a usage line of any length */
			;
		if (ch == '\n' && fgets(out, (int)size, f))
			out[strcspn(out, "\n")] = 0;
		else
			out[0] = 0;
		fclose(f);
	} else {
		close(fd[0]);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static int list_tools(void)
{
	char *names[MAX_TOOLS], line[512];
	size_t n = find_tools(names);

	printf("usage: petition [--version] [--help] NAME [ARGS...]\n"
	       "       petition help NAME\n\nthe tools (petition NAME runs petition-NAME):\n");
	for (size_t i = 0; i < n; i++) {
		summary(names[i], line, sizeof line);
		if (*line)
			printf("  %-10s %s\n", names[i], line);
		else
			printf("  %s\n", names[i]);
		free(names[i]);
	}
	printf("\nsee petition(1), petition-NAME(1) and petition(7)\n");
	return pt_cli_exit(&front, PT_OK);
}

/* For the completions (--completion-helper): the tool names, one a line. */
static int list_names(void)
{
	char *names[MAX_TOOLS];
	size_t n = find_tools(names);

	for (size_t i = 0; i < n; i++) {
		printf("%s\n", names[i]);
		free(names[i]);
	}
	return pt_cli_exit(&front, PT_OK);
}

int main(int argc, char **argv)
{
	const char *a = argc > 1 ? argv[1] : NULL;

	if (!a || !strcmp(a, "--help") || !strcmp(a, "-h"))
		return list_tools();
	if (!strcmp(a, "--version")) {
		printf("petition (petition) %s\n", PT_VERSION);
		return pt_cli_exit(&front, PT_OK);
	}
	if (!strcmp(a, "--list-commands") || !strcmp(a, "--completion-helper"))
		return list_names();
	if (!strcmp(a, "help"))
		return argc > 2 ? help(argv[2]) : list_tools();
	if (*a == '-')
		return pt_cli_error(&front, PT_EUSAGE, "%.40s: unknown option (see --help)", a);
	return run_tool(a, argv + 1);
}
