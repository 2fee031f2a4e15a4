// SPDX-License-Identifier: Apache-2.0
/*
 * The container process state a runtime sends with the notification fd
 * (runtime-spec specs-go/state.go, ContainerProcessState):
 *
 *   {"ociVersion", "fds": ["seccompFd"], "pid", "metadata",
 *    "state": {"ociVersion", "id", "status", "pid", "bundle",
 *              "annotations"}}
 *
 * fds[i] names the i-th descriptor passed. The state gives no name and
 * no image: those come from annotations where a manager sets them
 * (CRI-O, Kubernetes, nerdctl), and for podman from containers/storage's
 * record of the container, found next to its bundle.
 */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/container.h"
#include "seccompdbg/doc.h"

/* Annotations that name a container, in the order they are tried. */
static const char *const name_keys[] = {
	"io.kubernetes.cri-o.ContainerName",
	"io.kubernetes.container.name",
	"nerdctl/name",
};

static const char *const image_keys[] = {
	"io.kubernetes.cri-o.ImageName",
	"io.kubernetes.cri.image-name",
	"org.opencontainers.image.ref.name",
};

void container_state_release(struct container_state *st)
{
	free(st->id);
	free(st->name);
	free(st->image);
	free(st->status);
	free(st->bundle);
	free(st->metadata);
	if (st->fd >= 0)
		close(st->fd);
	memset(st, 0, sizeof(*st));
	st->fd = -1;
}

/* A copy of member KEY of O when it is a string, else NULL. */
static char *str_member(const struct doc *o, const char *key)
{
	const char *s = doc_string(doc_get(o, key));

	return s ? xstrdup(s) : NULL;
}

static char *first_member(const struct doc *o, const char *const *keys,
			  size_t n)
{
	char *s = NULL;
	size_t i;

	for (i = 0; i < n && !s; i++)
		s = str_member(o, keys[i]);
	return s;
}

/* A JSON file, or NULL when it cannot be read or is not JSON. */
static struct doc *read_json(const char *path)
{
	struct doc *v = NULL;
	size_t len;
	char *text;

	if (read_file(path, 64 << 20, &text, &len, NULL) < 0)
		return NULL;
	if (doc_parse_json(path, text, len, &v, NULL) < 0)
		v = NULL;
	free(text);
	return v;
}

/* Name and image of container ST->id in containers/storage's record. */
static void from_record(struct container_state *st, const struct doc *c)
{
	const char *meta = doc_string(doc_get(c, "metadata"));
	const char *name = doc_string(doc_at(doc_get(c, "names"), 0));
	struct doc *m = NULL;

	if (!st->name && name)
		st->name = xstrdup(name);
	if (!st->image && meta &&
	    doc_parse_json("metadata", meta, strlen(meta), &m, NULL) == 0) {
		st->image = str_member(m, "image-name");
		doc_free(m);
	}
}

/*
 * podman: the bundle is STORAGE/overlay-containers/ID/userdata, and
 * STORAGE/overlay-containers/containers.json has {"id", "names",
 * "metadata": "{... \"image-name\": ...}"} for each container.
 */
static void from_storage(struct container_state *st)
{
	const char *last = strrchr(st->bundle, '/');
	char *dir, *path;
	struct doc *all;
	size_t i;

	if (!last || strcmp(last, "/userdata"))
		return;
	dir = xstrdup(st->bundle);
	path = xasprintf("%s/containers.json", dirname(dirname(dir)));
	all = read_json(path);
	for (i = 0; i < doc_len(all); i++) {
		const struct doc *c = doc_at(all, i);
		const char *id = doc_string(doc_get(c, "id"));

		if (id && !strcmp(id, st->id)) {
			from_record(st, c);
			break;
		}
	}
	doc_free(all);
	free(path);
	free(dir);
}

static int take_fd(const struct doc *root, int *fds, size_t nfds,
		   struct container_state *st, struct err *err)
{
	const struct doc *names = doc_get(root, "fds");
	size_t i;

	if (!names || !doc_len(names))
		return err_set(
			err, EINVAL,
			"no descriptor named \"seccompFd\" came with it");
	for (i = 0; i < nfds && i < doc_len(names); i++) {
		const char *name = doc_string(doc_at(names, i));

		if (st->fd < 0 && name && !strcmp(name, "seccompFd")) {
			st->fd = fds[i];
			fds[i] = -1;
		}
	}
	if (st->fd < 0)
		return err_set(
			err, EINVAL,
			"no descriptor named \"seccompFd\" came with it");
	return 0;
}

static void fill(const struct doc *root, struct container_state *st)
{
	const struct doc *state = doc_get(root, "state");
	const struct doc *ann = doc_get(state, "annotations");
	int64_t pid;

	if (doc_integer(doc_get(root, "pid"), &pid) && pid > 0 &&
	    pid <= INT32_MAX)
		st->pid = (pid_t)pid;
	st->metadata = str_member(root, "metadata");
	st->id = str_member(state, "id");
	st->status = str_member(state, "status");
	st->bundle = str_member(state, "bundle");
	st->name = first_member(ann, name_keys, ARRAY_SIZE(name_keys));
	st->image = first_member(ann, image_keys, ARRAY_SIZE(image_keys));
	if (st->id && st->bundle && (!st->name || !st->image))
		from_storage(st);
}

int container_state_parse(const char *text, size_t len, int *fds, size_t nfds,
			  struct container_state *st, struct err *err)
{
	struct doc *root = NULL;
	int rc;

	memset(st, 0, sizeof(*st));
	st->fd = -1;
	rc = doc_parse_json("the runtime's state", text, len, &root, err);
	if (rc == 0 && !doc_get(root, "state") && !doc_get(root, "fds"))
		rc = err_set(err, EINVAL,
			     "not the container process state: no \"fds\"");
	if (rc == 0)
		rc = take_fd(root, fds, nfds, st, err);
	if (rc == 0)
		fill(root, st);
	if (rc == 0 && st->pid <= 0)
		rc = err_set(err, EINVAL, "no process id (\"pid\")");
	if (rc < 0)
		container_state_release(st);
	doc_free(root);
	return rc;
}
