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
#include <json.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/container.h"

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
static char *str_member(json_object *o, const char *key)
{
	json_object *v;

	if (!o || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return xstrdup(json_object_get_string(v));
}

static char *first_member(json_object *o, const char *const *keys, size_t n)
{
	char *s = NULL;
	size_t i;

	for (i = 0; i < n && !s; i++)
		s = str_member(o, keys[i]);
	return s;
}

/*
 * podman: the bundle is STORAGE/overlay-containers/ID/userdata, and
 * STORAGE/overlay-containers/containers.json has {"id", "names",
 * "metadata": "{... \"image-name\": ...}"} for each container.
 */
static void from_storage(struct container_state *st)
{
	char *dir, *path;
	json_object *all, *c, *v;
	size_t i;
	const char *last = strrchr(st->bundle, '/');

	if (!last || strcmp(last, "/userdata"))
		return;
	dir = xstrdup(st->bundle);
	path = xasprintf("%s/containers.json", dirname(dirname(dir)));
	all = json_object_from_file(path);
	for (i = 0; all && i < json_object_array_length(all); i++) {
		c = json_object_array_get_idx(all, i);
		if (!json_object_object_get_ex(c, "id", &v) ||
		    strcmp(json_object_get_string(v), st->id))
			continue;
		if (json_object_object_get_ex(c, "names", &v) && !st->name &&
		    json_object_array_length(v) > 0)
			st->name = xstrdup(json_object_get_string(
				json_object_array_get_idx(v, 0)));
		v = json_object_object_get_ex(c, "metadata", &v)
			    ? json_tokener_parse(json_object_get_string(v))
			    : NULL;
		if (!st->image)
			st->image = str_member(v, "image-name");
		json_object_put(v);
		break;
	}
	json_object_put(all);
	free(path);
	free(dir);
}

static int take_fd(json_object *root, int *fds, size_t nfds,
		   struct container_state *st, struct err *err)
{
	json_object *names;
	size_t i;

	if (!json_object_object_get_ex(root, "fds", &names) ||
	    !json_object_is_type(names, json_type_array))
		return err_set(err, EINVAL, "no \"fds\" array");
	for (i = 0; i < nfds && i < json_object_array_length(names); i++) {
		const char *name = json_object_get_string(
			json_object_array_get_idx(names, i));

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

static void fill(json_object *root, struct container_state *st)
{
	json_object *state = NULL, *ann = NULL, *v;

	json_object_object_get_ex(root, "state", &state);
	if (state)
		json_object_object_get_ex(state, "annotations", &ann);
	if (json_object_object_get_ex(root, "pid", &v))
		st->pid = (pid_t)json_object_get_int(v);
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
	json_tokener *tok = json_tokener_new();
	json_object *root;
	int rc;

	memset(st, 0, sizeof(*st));
	st->fd = -1;
	root = json_tokener_parse_ex(tok, text, (int)len);
	if (!root || !json_object_is_type(root, json_type_object)) {
		rc = err_set(
			err, EINVAL, "not a JSON object: %s",
			json_tokener_error_desc(json_tokener_get_error(tok)));
		goto out;
	}
	rc = take_fd(root, fds, nfds, st, err);
	if (rc == 0)
		fill(root, st);
	if (rc == 0 && st->pid <= 0)
		rc = err_set(err, EINVAL, "no process id (\"pid\")");
	if (rc < 0)
		container_state_release(st);
out:
	json_object_put(root);
	json_tokener_free(tok);
	return rc;
}
