---- MO--
V == INSTANCE Voting
====
(.)