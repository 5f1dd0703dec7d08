/* test_resume.c - what resume= does with each kind of device */
#include "resume.h"
#include "t.h"

int main(void)
{
	T_INTEQ(resume_action("swsuspend"), RESUME_IMAGE,
		"a hibernation image is resumed from");
	T_INTEQ(resume_action("swap"), RESUME_NO_IMAGE,
		"a plain swap boots normally");
	T_INTEQ(resume_action("ext4"), RESUME_NOT_SWAP,
		"a filesystem is not a resume device");
	T_INTEQ(resume_action(""), RESUME_NOT_SWAP,
		"nothing recognised is not a resume device");
	T_DONE();
}
