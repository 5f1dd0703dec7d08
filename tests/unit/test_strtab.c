/* test_strtab.c - packed string tables: entries by number and by name,
 * empty entries skipped, nothing read past the end */
#include "strtab.h"
#include "t.h"

static const char tab[] = "zero\0"
			  "\0"
			  "Two\0"
			  "three\0";

int main(void)
{
	T_STREQ(strtab_nth(tab, sizeof(tab), 0), "zero", "nth: the first");
	T_OK(!strtab_nth(tab, sizeof(tab), 1), "nth: an empty entry is none");
	T_STREQ(strtab_nth(tab, sizeof(tab), 2), "Two",
		"nth: after an empty one");
	T_STREQ(strtab_nth(tab, sizeof(tab), 3), "three", "nth: the last");
	T_OK(!strtab_nth(tab, sizeof(tab), 4), "nth: none past the last");
	T_OK(!strtab_nth(tab, sizeof(tab), -1), "nth: none for a negative n");
	T_OK(!strtab_nth("", 1, 0), "nth: none in an empty table");
	T_INTEQ(strtab_find(tab, sizeof(tab), "zero"), 0, "find: the first");
	T_INTEQ(strtab_find(tab, sizeof(tab), "two"), 2, "find: ignores case");
	T_INTEQ(strtab_find(tab, sizeof(tab), "THREE"), 3, "find: the last");
	T_INTEQ(strtab_find(tab, sizeof(tab), ""), -1,
		"find: an empty name matches no empty entry");
	T_INTEQ(strtab_find(tab, sizeof(tab), "thre"), -1, "find: no prefix");
	T_INTEQ(strtab_find(tab, sizeof(tab), "four"), -1, "find: unknown");
	T_DONE();
}
