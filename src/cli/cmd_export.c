// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg export --to FORMAT: a profile in the form it is deployed in
 * (docker, localhost, oci, kubernetes, systemd) or as the filter a
 * runtime would load (bpf, pfc: what check --bpf and --pfc write).
 *
 * Nothing is written unless the whole export succeeds, and then
 * atomically; what the export changed or left out goes to stderr (and
 * into a systemd drop-in as comments).
 *
 * Exit 0 when written, 1 when the profile has errors or cannot be said in
 * the format, 2 for a bad invocation or an unreadable file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/compile.h"
#include "seccompdbg/export.h"
#include "seccompdbg/sysent.h"
#include "internal.h"

static const char usage[] =
	"--to FORMAT [-o OUT] [--config CONFIG] [--name NAME] [--namespace NS]\n"
	"       [--approximate] [--cap CAP]... [--cap-drop CAP]... [--arch ARCH]\n"
	"       [--kernel X.Y] [--format FORMAT] PROFILE";

enum target {
	TO_DOCKER,
	TO_LOCALHOST,
	TO_OCI,
	TO_KUBE,
	TO_SYSTEMD,
	TO_BPF,
	TO_PFC
};

static const struct {
	const char *name;
	enum target to;
} targets[] = {
	{"docker", TO_DOCKER}, {"localhost", TO_LOCALHOST},
	{"oci", TO_OCI},       {"kubernetes", TO_KUBE},
	{"k8s", TO_KUBE},      {"systemd", TO_SYSTEMD},
	{"bpf", TO_BPF},       {"pfc", TO_PFC},
};

struct opts {
	bool has_to, approximate;
	enum target to;
	const char *out, *config, *name, *namespace;
	char *config_text; /* CONFIG, read before anything is resolved */
	size_t config_len;
};

enum {
	OPT_TO = CLI_OPT_FIRST_FREE + 8,
	OPT_OUT,
	OPT_CONFIG,
	OPT_NAME,
	OPT_NAMESPACE,
	OPT_APPROXIMATE
};

static int take_to(struct opts *o, const char *arg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(targets); i++) {
		if (!strcmp(targets[i].name, arg)) {
			o->to = targets[i].to;
			o->has_to = true;
			return 0;
		}
	}
	cli_error(
		"export: --to: unknown format '%s' (docker, localhost, oci, kubernetes, systemd, bpf, pfc)",
		arg);
	return -1;
}

static int take_option(void *ctx, int opt, const char *arg)
{
	struct opts *o = ctx;

	switch (opt) {
	case OPT_TO:
		return take_to(o, arg);
	case 'o':
	case OPT_OUT:
		o->out = arg;
		break;
	case OPT_CONFIG:
		o->config = arg;
		break;
	case OPT_NAME:
		o->name = arg;
		break;
	case OPT_NAMESPACE:
		o->namespace = arg;
		break;
	default:
		o->approximate = true;
	}
	return 0;
}

/* Options that make no sense with --to: said, -1. */
static int check_opts(const struct opts *o)
{
	struct err err;

	if (!o->has_to) {
		cli_error("export: --to FORMAT is required");
		return -1;
	}
	if (o->config && o->to != TO_OCI) {
		cli_error("export: --config is for --to oci");
		return -1;
	}
	if ((o->name || o->namespace) && o->to != TO_KUBE) {
		cli_error(
			"export: --name and --namespace are for --to kubernetes");
		return -1;
	}
	if (o->approximate && o->to != TO_SYSTEMD) {
		cli_error("export: --approximate is for --to systemd");
		return -1;
	}
	if (o->name && export_kubernetes_name_check(o->name, false, &err) < 0) {
		cli_error("export: --name: %s", err.msg);
		return -1;
	}
	if (o->namespace &&
	    export_kubernetes_name_check(o->namespace, true, &err) < 0) {
		cli_error("export: --namespace: %s", err.msg);
		return -1;
	}
	if (o->to == TO_BPF && !o->out && isatty(STDOUT_FILENO)) {
		cli_error(
			"export: --to bpf writes binary: give -o FILE or redirect standard output");
		return -1;
	}
	return cli_check_output("export", "-o", o->out);
}

static void print_notes(const struct export_notes *n)
{
	const char *p = strbuf_str(&n->text), *nl;

	for (; *p; p = nl + 1) {
		nl = strchrnul(p, '\n');
		fprintf(stderr, "seccompdbg: export: %.*s\n", (int)(nl - p), p);
		if (!*nl)
			break;
	}
}

/* "x86_64, Linux 6.18, 14 capabilities": the host resolved for. */
static void host_text(const struct cli_profile *cp, struct strbuf *out)
{
	const struct resolve_env *env = &cp->env.env;

	strbuf_addf(out, "%s, Linux %u.%u, %zu capabilities",
		    sysent_arch_by_token(env->arch)->name, env->kernel[0],
		    env->kernel[1], env->ncaps);
}

static void pretty(struct doc *v, struct strbuf *out)
{
	doc_write_json(v, DOC_PRETTY, out);
	strbuf_addc(out, '\n');
	doc_free(v);
}

/* An unreadable --config is a bad invocation (2), said before the
 * profile is read, as an unreadable PROFILE is. */
static int read_config(struct opts *o)
{
	struct err err;

	if (!o->config)
		return 0;
	if (read_file(o->config, 64u << 20, &o->config_text, &o->config_len,
		      &err) < 0) {
		cli_error("%s", err.msg);
		return -1;
	}
	return 0;
}

static int to_oci(const struct cli_profile *cp, const struct opts *o,
		  struct strbuf *out, struct export_notes *notes,
		  struct err *err)
{
	struct doc *v = export_oci(cp->resolved, notes);
	int rc;

	if (!o->config) {
		pretty(v, out);
		return 0;
	}
	rc = profile_oci_merge(o->config, o->config_text, o->config_len, v, out,
			       err);
	doc_free(v);
	return rc;
}

static int to_kube(const struct cli_profile *cp, const struct opts *o,
		   struct strbuf *out, struct export_notes *notes,
		   struct err *err)
{
	struct strbuf name = STRBUF_INIT;
	int rc;

	if (o->name)
		strbuf_adds(&name, o->name);
	else
		export_kubernetes_name(o->out ? o->out : cp->profile->file,
				       &name);
	rc = export_kubernetes(cp->resolved, name.buf, o->namespace, out, notes,
			       err);
	strbuf_release(&name);
	return rc;
}

/* The drop-in, headed by where it comes from and what it changed. */
static int to_systemd(const struct cli_profile *cp, const struct opts *o,
		      struct strbuf *out, struct export_notes *notes,
		      struct err *err)
{
	struct strbuf body = STRBUF_INIT, line = STRBUF_INIT;
	const char *p, *nl;
	int rc;

	rc = export_systemd(cp->resolved, o->approximate, &body, notes, err);
	strbuf_adds(out, "# seccompdbg export --to systemd ");
	escape_c(out, cp->profile->file, strlen(cp->profile->file));
	strbuf_addc(out, '\n');
	for (p = strbuf_str(&notes->text); *p; p = *nl ? nl + 1 : nl) {
		nl = strchrnul(p, '\n');
		strbuf_reset(&line);
		strbuf_add(&line, p, (size_t)(nl - p));
		strbuf_addf(out, "# %s\n", line.buf);
	}
	strbuf_add(out, body.buf, body.len);
	strbuf_release(&body);
	strbuf_release(&line);
	return rc;
}

static int to_filter(const struct cli_profile *cp, bool pfc, struct strbuf *out,
		     struct err *err)
{
	struct compile_bpf bpf;
	int rc;

	if (pfc)
		return compile_pfc(cp->resolved, COMPILE_ORIGINAL, out, err);
	rc = compile_filter(cp->resolved, COMPILE_ORIGINAL, &bpf, err);
	if (rc == 0)
		strbuf_add(out, bpf.insns, bpf.len * sizeof(*bpf.insns));
	compile_bpf_release(&bpf);
	return rc;
}

static int render(const struct cli_profile *cp, const struct opts *o,
		  struct strbuf *out, struct export_notes *notes,
		  struct err *err)
{
	struct doc *v;
	int rc;

	switch (o->to) {
	case TO_DOCKER:
	case TO_LOCALHOST:
		rc = export_docker(cp->profile, &v, err);
		if (rc == 0)
			pretty(v, out);
		return rc;
	case TO_OCI:
		return to_oci(cp, o, out, notes, err);
	case TO_KUBE:
		return to_kube(cp, o, out, notes, err);
	case TO_SYSTEMD:
		return to_systemd(cp, o, out, notes, err);
	case TO_BPF:
	case TO_PFC:
		return to_filter(cp, o->to == TO_PFC, out, err);
	}
	return -EINVAL;
}

static bool is_resolved(enum target to)
{
	return to == TO_OCI || to == TO_KUBE || to == TO_SYSTEMD ||
	       to == TO_BPF || to == TO_PFC;
}

static int export(struct cli_profile *cp, const struct opts *o)
{
	struct export_notes notes = {STRBUF_INIT, 0};
	struct strbuf out = STRBUF_INIT, host = STRBUF_INIT;
	struct err err;
	int rc = CLI_EXIT_OK;

	if (cp->resolved->unconfined) {
		cli_error(
			"%s: no seccomp at all (Docker runs it unconfined): nothing to export",
			cp->profile->file);
		return CLI_EXIT_UNUSABLE;
	}
	if (is_resolved(o->to)) {
		host_text(cp, &host);
		export_note(
			&notes,
			"resolved for %s (--arch, --kernel, --cap say otherwise)",
			host.buf);
	}
	if (render(cp, o, &out, &notes, &err) < 0) {
		print_notes(&notes);
		cli_error("%s", err.msg);
		rc = CLI_EXIT_UNUSABLE;
	} else {
		print_notes(&notes);
		if (o->out &&
		    write_file_atomic(o->out, out.buf, out.len, &err) < 0) {
			cli_error("%s", err.msg);
			rc = CLI_EXIT_USAGE;
		} else if (!o->out &&
			   fwrite(out.buf, 1, out.len, stdout) != out.len) {
			cli_error("writing the export: %s", strerror(errno));
			rc = CLI_EXIT_USAGE;
		}
	}
	strbuf_release(&out);
	strbuf_release(&host);
	export_notes_release(&notes);
	return rc;
}

static int cmd_export(int argc, char **argv)
{
	static const struct option options[] = {
		{"to", required_argument, NULL, OPT_TO},
		{"output", required_argument, NULL, OPT_OUT},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"name", required_argument, NULL, OPT_NAME},
		{"namespace", required_argument, NULL, OPT_NAMESPACE},
		{"approximate", no_argument, NULL, OPT_APPROXIMATE},
		{NULL, 0, NULL, 0},
	};
	struct opts o = {0};
	const struct cli_profile_extra extra = {options, take_option, &o, "o:"};
	struct cli_profile cp;
	int rc;

	rc = cli_profile_options(&cp, &cli_cmd_export, argc, argv, &extra);
	if (rc >= 0)
		return rc;
	if (cli_profile_args(&cp, &cli_cmd_export, 1, 1))
		return CLI_EXIT_USAGE;
	if (check_opts(&o) < 0 || read_config(&o) < 0) {
		cli_profile_release(&cp);
		return CLI_EXIT_USAGE;
	}
	rc = cli_profile_open(&cp, cp.argv[0], false);
	if (rc == CLI_EXIT_OK)
		rc = export(&cp, &o);
	cli_profile_release(&cp);
	free(o.config_text);
	return rc;
}

const struct cli_command cli_cmd_export = {
	.name = "export",
	.usage = usage,
	.summary = "write a profile for Docker, OCI, Kubernetes or systemd",
	.help = CLI_PROFILE_HELP
	"  --to FORMAT       docker     Docker's JSON (also podman, containerd, CRI-O)\n"
	"                    localhost  the same, for a kubelet's Localhost profile\n"
	"                    oci        an OCI config.json's linux.seccomp, resolved\n"
	"                    kubernetes a security-profiles-operator SeccompProfile\n"
	"                    systemd    a unit drop-in (SystemCallFilter=...)\n"
	"                    bpf, pfc   the filter a runtime loads, as raw BPF or\n"
	"                               libseccomp's pseudo-code\n"
	"  -o, --output OUT  write OUT (atomically) instead of standard output\n"
	"  --config CONFIG   oci: put the profile into CONFIG, every other byte kept\n"
	"  --name NAME       kubernetes: metadata.name (default: from OUT or PROFILE)\n"
	"  --namespace NS    kubernetes: metadata.namespace\n"
	"  --approximate     systemd: write the nearest drop-in where systemd cannot\n"
	"                    say what the profile does, and list what it widened\n",
	.run = cmd_export,
};
