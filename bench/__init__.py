"""`make bench`: load tests of the site against its alternatives, and the data set they run on."""
