// SPDX-License-Identifier: Apache-2.0
/*
 * doc: JSON written by json-c (Docker's own layout byte for byte), YAML
 * read the way Kubernetes types it, with positions, and written so that
 * it reads back as the same JSON.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/doc.h"
#include "seccompdbg/util.h"
#include "test.h"

static char *json_of(const struct doc *v, enum doc_style st)
{
	struct strbuf sb = STRBUF_INIT;

	doc_write_json(v, st, &sb);
	return strbuf_detach(&sb);
}

TEST(doc_json_line_and_pretty)
{
	struct doc *o = doc_object(), *a = doc_array();
	char *s;

	doc_put_str(o, "s", "a/b \"q\" \\ \n\x01");
	doc_put_int(o, "i", -5);
	doc_put_uint(o, "u", UINT64_MAX);
	doc_put_bool(o, "b", true);
	doc_put_null(o, "n");
	doc_put_hex(o, "h", 0x7ffd1234);
	doc_put(o, "t", doc_fixed(1.5, 6));
	doc_put(o, "empty", doc_array());
	doc_put(o, "none", doc_object());
	doc_push(a, doc_str("x"));
	doc_push(a, doc_int(1));
	doc_put(o, "a", a);
	s = json_of(o, DOC_LINE);
	CHECK_STR(s, "{\"s\":\"a/b \\\"q\\\" \\\\ \\n\\u0001\",\"i\":-5,"
		     "\"u\":18446744073709551615,\"b\":true,\"n\":null,"
		     "\"h\":\"0x7ffd1234\",\"t\":1.500000,\"empty\":[],"
		     "\"none\":{},\"a\":[\"x\",1]}");
	free(s);
	s = json_of(o, DOC_PRETTY);
	CHECK_CONTAINS(s, "{\n\t\"s\": \"a/b");
	CHECK_CONTAINS(s, "\t\"empty\": [],\n\t\"none\": {},\n");
	CHECK_CONTAINS(s, "\t\"a\": [\n\t\t\"x\",\n\t\t1\n\t]\n}");
	free(s);
	doc_put_str(o, "i", "replaced, in place");
	s = json_of(o, DOC_LINE);
	CHECK_CONTAINS(
		s, "\"s\":\"a/b \\\"q\\\" \\\\ \\n\\u0001\",\"i\":\"replaced");
	free(s);
	doc_free(o);
}

TEST(doc_strings_are_valid_utf8)
{
	struct doc *v = doc_strn("ok \xc3\xa9 bad \xff\xfe end", 16);
	char *s = json_of(v, DOC_LINE);

	CHECK_STR(s, "\"ok \xc3\xa9 bad \xef\xbf\xbd\xef\xbf\xbd end\"");
	free(s);
	doc_free(v);
	/* safe to print: DEL, C1 (U+009B is CSI), U+2028 escaped */
	v = doc_str("\x7f \xc2\x9b[2J \xc2\xa0 \xe2\x80\xa8");
	s = json_of(v, DOC_PRETTY);
	CHECK_STR(s, "\"\\u007f \\u009b[2J \xc2\xa0 \\u2028\"");
	free(s);
	doc_free(v);
	v = doc_str(NULL);
	s = json_of(v, DOC_LINE);
	CHECK_STR(s, "null");
	free(s);
}

/* json-c's pretty form is Docker's layout: the default profile comes
 * back byte for byte (Go's encoder leaves out the final newline). */
TEST(doc_pretty_reproduces_docker_default_profile)
{
	const char *path = test_data("profiles/moby-default.json");
	struct doc *v = NULL;
	struct err err;
	char *text, *s;
	size_t len;

	REQUIRE(read_file(path, 1 << 24, &text, &len, &err) == 0);
	REQUIRE(doc_parse_json("moby-default.json", text, len, &v, &err) == 0);
	s = json_of(v, DOC_PRETTY);
	CHECK_INT(strlen(s), len);
	CHECK(strcmp(s, text) == 0);
	free(s);
	free(text);
	doc_free(v);
}

TEST(doc_parse_json_refuses_what_is_not_json)
{
	struct doc *v = NULL;
	struct err err;

	CHECK_INT(doc_parse_json("x", "{\"a\": 1} x", 10, &v, &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "x: offset 9");
	CHECK_INT(doc_parse_json("x", "{\"a\": ", 6, &v, &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "ends inside a value");
	CHECK_INT(doc_parse_json("x", "[1,]", 4, &v, &err), -EINVAL);
}

static struct doc *yaml(const char *text, struct doc_mark **marks, size_t *n,
			struct err *err)
{
	struct doc *v = NULL;

	if (doc_parse_yaml("t.yaml", text, strlen(text), NULL, &v, marks, n,
			   err) < 0)
		return NULL;
	return v;
}

TEST(doc_yaml_scalars_typed_as_kubernetes_reads_them)
{
	struct err err;
	struct doc *v = yaml("a: on\n"
			     "b: 'on'\n"
			     "c: 0x10\n"
			     "d: 010\n"
			     "e: -3\n"
			     "f: ~\n"
			     "g: 1.5\n"
			     "h: 18446744073709551615\n"
			     "i: !!str 12\n"
			     "j: SCMP_ACT_ERRNO\n"
			     "k: \"\"\n"
			     "l:\n",
			     NULL, NULL, &err);
	char *s;

	REQUIRE(v);
	s = json_of(v, DOC_LINE);
	CHECK_STR(s, "{\"a\":true,\"b\":\"on\",\"c\":16,\"d\":8,\"e\":-3,"
		     "\"f\":null,\"g\":1.5,\"h\":18446744073709551615,"
		     "\"i\":\"12\",\"j\":\"SCMP_ACT_ERRNO\",\"k\":\"\","
		     "\"l\":null}");
	free(s);
	doc_free(v);
}

TEST(doc_yaml_marks_follow_document_order)
{
	struct doc_mark *m = NULL;
	size_t n = 0;
	struct err err;
	struct doc *v = yaml("spec:\n"
			     "  syscalls:\n"
			     "  - names: [read, write]\n"
			     "    action: SCMP_ACT_ALLOW\n",
			     &m, &n, &err);

	REQUIRE(v);
	/* {spec {syscalls [{names [read write] action}]}} */
	REQUIRE(n == 8);
	CHECK_INT(m[7].key_line, 4); /* action */
	CHECK_INT(m[0].line, 1);
	CHECK_INT(m[1].key_line, 1); /* spec */
	CHECK_INT(m[2].key_line, 2); /* syscalls */
	CHECK_INT(m[3].line, 3);     /* the rule */
	CHECK_INT(m[3].column, 5);
	CHECK_INT(m[4].key_column, 5); /* names */
	CHECK_INT(m[4].column, 12);
	CHECK_INT(m[5].column, 13); /* read */
	CHECK_INT(m[6].line, 3);    /* write */
	free(m);
	doc_free(v);
}

TEST(doc_yaml_errors_say_where)
{
	struct err err;

	CHECK(!yaml("a: 1\na: 2\n", NULL, NULL, &err));
	CHECK_STR(err.msg, "t.yaml:2:1: key 'a' given twice");
	CHECK(!yaml("a: [1, 2\n", NULL, NULL, &err));
	CHECK_CONTAINS(err.msg, "t.yaml:2:1: ");
	CHECK(!yaml("a: *nope\n", NULL, NULL, &err));
	CHECK_STR(
		err.msg,
		"t.yaml:1:4: a: alias *nope: no anchor &nope before it (a value cannot hold itself)");
	CHECK(!yaml("a: !foo x\n", NULL, NULL, &err));
	CHECK_CONTAINS(err.msg, "t.yaml:1:4: a: unsupported tag !foo");
	/* each with the path of the value (before: "integer out of range",
	 * "'aGk=' is not a binary", and no path) */
	CHECK(!yaml("a:\n  b: [1, 99999999999999999999]\n", NULL, NULL, &err));
	CHECK_STR(
		err.msg,
		"t.yaml:2:10: a.b[1]: expected an integer of 64 bits, found 99999999999999999999");
	CHECK(!yaml("a: [{b: !!binary aGk=}]\n", NULL, NULL, &err));
	CHECK_STR(
		err.msg,
		"t.yaml:1:9: a[0].b: unsupported tag !!binary: a profile holds strings, numbers, booleans and nulls");
	CHECK(!yaml("a: {b: 1, b: 2}\n", NULL, NULL, &err));
	CHECK_STR(err.msg, "t.yaml:1:11: a: key 'b' given twice");
	CHECK(!yaml("a: .inf\n", NULL, NULL, &err));
	CHECK_CONTAINS(err.msg, "t.yaml:1:4: a: expected a finite number");
	CHECK(!yaml("# nothing\n", NULL, NULL, &err));
	CHECK_STR(err.msg, "t.yaml:1:1: no YAML document");
	CHECK(!yaml("? [a]\n: 1\n", NULL, NULL, &err));
	CHECK_CONTAINS(err.msg, "a key must be");
	CHECK(!yaml("a: 1\n---\nb: 2\n", NULL, NULL, &err));
	CHECK_STR(err.msg, "t.yaml:3:1: 2 YAML documents; expected one");
}

TEST(doc_yaml_aliases_expand_within_a_bound)
{
	struct strbuf sb = STRBUF_INIT;
	struct err err;
	struct doc *v;
	char *s;
	int i;

	v = yaml("a: &x [1, {b: 2}]\nc: *x\n", NULL, NULL, &err);
	REQUIRE(v);
	s = json_of(v, DOC_LINE);
	CHECK_STR(s, "{\"a\":[1,{\"b\":2}],\"c\":[1,{\"b\":2}]}");
	free(s);
	doc_free(v);
	/* "billion laughs": each level doubles ten times over */
	strbuf_adds(&sb, "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (i = 1; i < 9; i++)
		strbuf_addf(&sb,
			    "l%d: &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, "
			    "*l%d, *l%d, *l%d, *l%d]\n",
			    i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
			    i - 1, i - 1, i - 1, i - 1);
	CHECK(!yaml(sb.buf, NULL, NULL, &err));
	CHECK_CONTAINS(err.msg, "more than 1048576 values");
	strbuf_release(&sb);
}

TEST(doc_yaml_picks_the_document_of_a_kind)
{
	struct doc *v = NULL;
	struct err err;
	const char *t = "kind: ConfigMap\n---\nkind: SeccompProfile\nx: 1\n";

	REQUIRE(doc_parse_yaml("t", t, strlen(t), "SeccompProfile", &v, NULL,
			       NULL, &err) == 0);
	CHECK(doc_get(v, "x") != NULL);
	doc_free(v);
	CHECK_INT(
		doc_parse_yaml("t", t, strlen(t), "Pod", &v, NULL, NULL, &err),
		-EINVAL);
	CHECK_CONTAINS(err.msg, "2 YAML documents, 0 of kind Pod");
}

/* Written as kubectl lays objects out, and read back as the same JSON:
 * strings that plain would be another type are quoted. */
TEST(doc_yaml_round_trip)
{
	const char *path = test_data("profiles/moby-default.json");
	struct doc *v = NULL, *back = NULL, *o = doc_object();
	struct strbuf y = STRBUF_INIT;
	struct err err;
	char *text, *a, *b;
	size_t len;

	REQUIRE(read_file(path, 1 << 24, &text, &len, &err) == 0);
	REQUIRE(doc_parse_json("moby", text, len, &v, &err) == 0);
	doc_put(o, "profile", v);
	doc_put_str(o, "t", "true");
	doc_put_str(o, "n", "1");
	doc_put_str(o, "z", "null");
	doc_put_str(o, "e", "");
	doc_put_str(o, "colon", "a: b");
	doc_put_str(o, "esc", "\x1b[31m");
	REQUIRE(doc_write_yaml(o, &y, &err) == 0);
	CHECK_CONTAINS(y.buf, "profile:\n  defaultAction: SCMP_ACT_ERRNO\n"
			      "  defaultErrnoRet: 1\n  archMap:\n"
			      "  - architecture: SCMP_ARCH_X86_64\n"
			      "    subArchitectures:\n    - SCMP_ARCH_X86\n");
	/* "n" is a bool in YAML 1.1, as a key too */
	CHECK_CONTAINS(y.buf, "\nt: \"true\"\n\"n\": \"1\"\nz: \"null\"\n");
	REQUIRE(doc_parse_yaml("y", y.buf, y.len, NULL, &back, NULL, NULL,
			       &err) == 0);
	a = json_of(o, DOC_LINE);
	b = json_of(back, DOC_LINE);
	CHECK(strcmp(a, b) == 0);
	free(a);
	free(b);
	free(text);
	strbuf_release(&y);
	doc_free(o);
	doc_free(back);
}
