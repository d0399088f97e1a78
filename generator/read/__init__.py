"""Reading and validating data/: every file -> typed records, every problem located at file:line with a fix."""
