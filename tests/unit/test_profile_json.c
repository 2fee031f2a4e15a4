// SPDX-License-Identifier: Apache-2.0
/*
 * profile: the strict JSON scanner. Malformed text gets FILE:LINE:COLUMN
 * and what was expected; hand-editing slips (trailing commas, comments,
 * trailing data, leading zeros) and what even strict json-c takes (single
 * quotes, NaN) are refused like Go refuses them; strings decode like Go's; and json-c, as an
 * independent oracle, reads every fixture to the same values.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/profile/internal.h"
#include "test_profile.h"

static const struct {
	const char *text;
	const char *where; /* "t.json:LINE:COL: " */
	const char *what;
} syntax_errors[] = {
	{"", "t.json:1:1: ", "expected a value, found the end of the input"},
	{"{\"a\":1,}", "t.json:1:8: ", "(JSON allows no trailing comma)"},
	{"{\"a\":[1,2,]}",
	 "t.json:1:11: ", "found ']' (JSON allows no trailing comma)"},
	{"{\"a\":1} x", "t.json:1:9: ",
	 "expected the end of the input after the top-level value, found 'x'"},
	{"{}{}", "t.json:1:3: ", "expected the end of the input"},
	{"{/* c */}", "t.json:1:2: ", "found '/' (JSON has no comments)"},
	{"{\"a\":1}\n// c\n", "t.json:2:1: ", "(JSON has no comments)"},
	{"{'a':1}", "t.json:1:2: ", "(JSON strings use double quotes)"},
	{"{\"a\":'x'}", "t.json:1:6: ", "(JSON strings use double quotes)"},
	{"{\"a\":NaN}", "t.json:1:6: ", "(NaN and Infinity are not JSON"},
	{"{\"a\":-Infinity}", "t.json:1:7: ", "expected a digit in a number"},
	{"{\"a\":01}",
	 "t.json:1:6: ", "a JSON number cannot have a leading zero"},
	{"{\"a\":+1}", "t.json:1:6: ", "(a JSON number has no '+' sign)"},
	{"{\"a\":.5}", "t.json:1:6: ", "(a JSON number starts with a digit)"},
	{"{\"a\":1.}", "t.json:1:8: ", "expected a digit after '.'"},
	{"{\"a\":1e}", "t.json:1:8: ", "expected a digit in the exponent"},
	{"{\"a\":tru}", "t.json:1:6: ", "expected a value, found 't'"},
	{"{\"a\":\"x\\qy\"}", "t.json:1:8: ", "invalid escape '\\q'"},
	{"{\"a\":\"\\u12G4\"}", "t.json:1:11: ", "four hex digits after \\u"},
	{"{\"a\":\"two\nlines\"}",
	 "t.json:1:10: ", "control character \\x0a in a string"},
	{"{\"a\":\"open", "t.json:1:6: ", "unterminated string"},
	{"{\"a\" 1}", "t.json:1:6: ", "expected ':' after an object key"},
	{"{\"a\":1 \"b\":2}",
	 "t.json:1:8: ", "expected ',' or '}' after an object member"},
	{"[1 2]", "t.json:1:4: ", "expected ',' or ']' after an array"},
	{"{1:2}", "t.json:1:2: ", "expected a string (an object key)"},
	{"{\n  \"a\": [\n    1,\n  ]\n}",
	 "t.json:4:3: ", "(JSON allows no trailing comma)"},
	/* columns count characters: "é" is one */
	{"{\"\xc3\xa9\":1,}", "t.json:1:8: ", "no trailing comma"},
	{"\xef\xbb\xbf{}", "t.json:1:1: ", "byte order mark"},
	{"{\"a\":\x01}", "t.json:1:6: ", "found '\\x01'"},
};

TEST(profile_json_syntax_errors_say_where_and_what)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(syntax_errors); i++) {
		const char *msg =
			tp_refuse(syntax_errors[i].text, PROFILE_FORMAT_AUTO);

		CHECK(str_has_prefix(msg, syntax_errors[i].where));
		CHECK_CONTAINS(msg, syntax_errors[i].what);
	}
}

TEST(profile_json_nesting_is_bounded)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	strbuf_adds(&sb, "{\"a\":");
	for (i = 0; i < 2000; i++)
		strbuf_addc(&sb, '[');
	CHECK_CONTAINS(tp_refuse(strbuf_str(&sb), PROFILE_FORMAT_AUTO),
		       "nested deeper than 1000 levels");
	strbuf_release(&sb);
}

TEST(profile_json_not_an_object_is_refused)
{
	CHECK_STR(
		tp_refuse("[]", PROFILE_FORMAT_AUTO),
		"t.json:1:1: expected an object (a seccomp profile or an OCI config.json), found an array");
	CHECK_CONTAINS(tp_refuse("  \"x\"", PROFILE_FORMAT_AUTO),
		       "t.json:1:3: expected an object");
	CHECK_CONTAINS(tp_refuse("{\"definitions\": {}}", PROFILE_FORMAT_AUTO),
		       "this object has none of their keys");
}

static const char *decode_one(const char *json_string)
{
	static char out[64];
	struct profile_json doc;
	struct profile_json_error e;

	REQUIRE(profile_json_parse(&doc, json_string, strlen(json_string),
				   &e) == 0);
	REQUIRE(doc.nodes[0].type == PROFILE_JSON_STRING);
	snprintf(out, sizeof(out), "%s", doc.nodes[0].str);
	profile_json_release(&doc);
	return out;
}

TEST(profile_json_strings_decode_like_go)
{
	CHECK_STR(decode_one("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\""),
		  "a\"b\\c/d\b\f\n\r\t");
	CHECK_STR(decode_one("\"\\u00e9\\u20AC\""), "\xc3\xa9\xe2\x82\xac");
	/* a surrogate pair is one character; a lone half is U+FFFD */
	CHECK_STR(decode_one("\"\\ud83d\\ude00\""), "\xf0\x9f\x98\x80");
	CHECK_STR(decode_one("\"\\ud83dx\""), "\xef\xbf\xbdx");
	CHECK_STR(decode_one("\"\\ude00\""), "\xef\xbf\xbd");
	/* invalid UTF-8: each bad byte becomes U+FFFD */
	CHECK_STR(decode_one("\"a\xff"
			     "b\""),
		  "a\xef\xbf\xbd"
		  "b");
	CHECK_STR(decode_one("\"\xc0\xaf\""), "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(decode_one("\"\xed\xa0\x80\""),
		  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(decode_one("\"\xe2\x82\xac\""), "\xe2\x82\xac");
}

TEST(profile_json_positions_and_ranges)
{
	const char *text = "{\n\t\"k\": [\"x\", 12]\n}";
	struct profile_json doc;
	struct profile_json_error e;
	unsigned line, col;
	size_t arr, num;

	REQUIRE(profile_json_parse(&doc, text, strlen(text), &e) == 0);
	arr = profile_json_next_member(&doc, 0, "K", PROFILE_JSON_NONE);
	REQUIRE(arr != PROFILE_JSON_NONE);
	CHECK_INT(doc.nodes[arr].count, 2);
	profile_json_position(&doc, doc.nodes[arr].start, &line, &col);
	CHECK_INT(line, 2);
	CHECK_INT(col, 7);
	num = profile_json_element(&doc, arr, 1);
	REQUIRE(num != PROFILE_JSON_NONE);
	CHECK_INT(doc.nodes[num].end - doc.nodes[num].start, 2);
	CHECK(!memcmp(text + doc.nodes[num].start, "12", 2));
	CHECK(profile_json_element(&doc, arr, 2) == PROFILE_JSON_NONE);
	profile_json_release(&doc);
}

TEST(profile_json_keys_fold_like_go)
{
	CHECK(profile_json_key_folds("defaultAction", 13, "defaultAction"));
	CHECK(profile_json_key_folds("DEFAULTACTION", 13, "defaultAction"));
	CHECK(!profile_json_key_folds("defaultActio", 12, "defaultAction"));
	CHECK(!profile_json_key_folds("defaultActions", 14, "defaultAction"));
	/* U+017F (long s) folds to s, U+212A (Kelvin) to k, as in Go */
	CHECK(profile_json_key_folds("\xc5\xbfyscalls", 9, "syscalls"));
	CHECK(profile_json_key_folds("min\xe2\x84\xaa"
				     "ernel",
				     11, "minKernel"));
	CHECK(!profile_json_key_folds("\xc3\xa9", 2, "e"));
}

/* Walk our tree and json-c's side by side: same shape, same values. */
static void same_value(const struct profile_json *doc, size_t n,
		       struct json_object *j, const char *file)
{
	const struct profile_json_node *v = &doc->nodes[n];
	size_t c, i = 0;

	switch (v->type) {
	case PROFILE_JSON_STRING:
		REQUIRE(json_object_is_type(j, json_type_string));
		CHECK_STR(v->str, json_object_get_string(j));
		break;
	case PROFILE_JSON_NUMBER:
		REQUIRE(json_object_is_type(j, json_type_int));
		if (doc->text[v->start] == '-')
			CHECK_INT(strtoll(doc->text + v->start, NULL, 10),
				  json_object_get_int64(j));
		else
			CHECK_U64(strtoull(doc->text + v->start, NULL, 10),
				  json_object_get_uint64(j));
		break;
	case PROFILE_JSON_ARRAY:
		REQUIRE(json_object_is_type(j, json_type_array));
		CHECK_INT(v->count, json_object_array_length(j));
		for (c = v->first; c != PROFILE_JSON_NONE;
		     c = doc->nodes[c].next, i++)
			same_value(doc, c, json_object_array_get_idx(j, i),
				   file);
		break;
	case PROFILE_JSON_OBJECT:
		REQUIRE(json_object_is_type(j, json_type_object));
		CHECK_INT(v->count, json_object_object_length(j));
		for (c = v->first; c != PROFILE_JSON_NONE;
		     c = doc->nodes[c].next) {
			struct json_object *m = NULL;

			REQUIRE(json_object_object_get_ex(j, doc->nodes[c].key,
							  &m));
			same_value(doc, c, m, file);
		}
		break;
	case PROFILE_JSON_NULL:
		CHECK(j == NULL);
		break;
	default:
		REQUIRE(json_object_is_type(j, json_type_boolean));
		CHECK_INT(json_object_get_boolean(j),
			  v->type == PROFILE_JSON_TRUE);
	}
}

TEST(profile_json_agrees_with_json_c_on_every_fixture)
{
	size_t i;

	for (i = 0; i < tp_nfiles; i++) {
		char rel[128];
		size_t len;
		char *text;
		struct profile_json doc;
		struct profile_json_error e;
		struct json_object *j;

		snprintf(rel, sizeof(rel), "profiles/%s", tp_files[i].name);
		text = tp_read(test_data(rel), &len);
		REQUIRE(profile_json_parse(&doc, text, len, &e) == 0);
		j = json_tokener_parse(text);
		REQUIRE(j);
		same_value(&doc, 0, j, tp_files[i].name);
		json_object_put(j);
		profile_json_release(&doc);
		free(text);
	}
}
