"""The corpus's sets and parts, defined once (docs/CORPUS.md): aging a test into tune, or adding a set, is a change here.

``SETS`` lists every gold set in the order the sets were made (bench_truth's columns); ``PARTS`` groups them into
the parts bench/dev_split.py scores (each set in exactly one part); the roles say which parts may be read, which one
is the newest blind test (scored at a session's start and end only) and which ``dev_split score`` reads by default.
"""

from __future__ import annotations

SETS = ("seeds-dev", "real-dev", "lc-tune", "lc-untuned", "other-tune", "other-untuned", "fresh-lc", "fresh-other",
        "n2", "p2", "t3-lc", "t3-other", "t4-lc", "t4-other", "fresh2-lc", "fresh2-other",
        "fresh3-lc", "fresh3-other", "t5-lc", "t5-other", "fresh4-lc", "fresh4-other",
        "fresh5-lc", "fresh5-other", "fresh6-lc", "fresh6-other", "fresh7-lc", "fresh7-other",
        "fresh8-a", "fresh8-b", "fresh9-a", "fresh9-b",
        "fresh10-a", "fresh10-b", "fresh11-a", "fresh11-b", "fresh12-lc", "fresh12-a", "fresh12-b",
        "fresh13-lc", "fresh13-a", "fresh13-b", "fresh14-lc", "fresh14-a", "fresh14-b", "fresh14-c",
        "fresh15-lc", "fresh15-a", "fresh15-b", "fresh15-c",
        "fresh16-lc", "fresh16-a", "fresh16-b", "fresh16-c",
        "fresh17-a", "fresh17-b", "fresh17-c", "fresh18-a", "fresh18-b", "fresh18-c",
        "fresh19-a", "fresh19-b", "fresh20-a", "fresh20-b",
        "fresh21-a", "fresh21-b", "fresh22-a", "fresh22-b", "fresh23-a", "fresh23-b",
        "fresh24-a", "fresh24-b", "fresh25-a", "fresh25-b")
PARTS: dict[str, list[str]] = {
    "tune19": ["real-dev", "lc-tune", "other-tune", "n2", "p2", "t3-lc", "t3-other", "t4-lc", "t4-other",
               "fresh2-lc", "fresh2-other", "fresh3-lc", "fresh3-other", "t5-lc", "t5-other", "fresh4-lc",
               "fresh4-other", "fresh11-a", "fresh11-b"],
    "read3": ["fresh12-lc", "fresh12-a", "fresh12-b", "fresh13-lc", "fresh13-a", "fresh13-b", "fresh14-lc",
              "fresh14-a", "fresh14-b", "fresh14-c"],
    "fresh15": ["fresh15-lc", "fresh15-a", "fresh15-b", "fresh15-c"],
    "dev189": ["lc-untuned", "other-untuned", "fresh-lc", "fresh-other", "fresh5-lc", "fresh5-other", "fresh6-lc",
               "fresh6-other", "fresh7-lc", "fresh7-other", "fresh10-a", "fresh10-b", "fresh8-a", "fresh8-b",
               "fresh9-a", "fresh9-b"],
    "fresh16": ["fresh16-lc", "fresh16-a", "fresh16-b", "fresh16-c"],
    "fresh17": ["fresh17-a", "fresh17-b", "fresh17-c"],
    "fresh18": ["fresh18-a", "fresh18-b", "fresh18-c"],
    "fresh19": ["fresh19-a", "fresh19-b"],
    "fresh20": ["fresh20-a", "fresh20-b"],
    "fresh21": ["fresh21-a", "fresh21-b"],
    "fresh22": ["fresh22-a", "fresh22-b"],
    "fresh23": ["fresh23-a", "fresh23-b"],
    "fresh24": ["fresh24-a", "fresh24-b"],
    "fresh25": ["fresh25-a", "fresh25-b"],
    "seeds": ["seeds-dev"],
}
# One definition of what each part is for (aging a test into tune is a change here): the parts whose errors may be
# read, the newest blind test (scored at a session's start and end only), and the default parts of ``score``.
TUNE_PARTS = ("tune19", "read3", "fresh15", "fresh16", "fresh17", "fresh18", "fresh19", "fresh20", "fresh21",
              "fresh22", "fresh23", "fresh24")
TEST_PART = "fresh25"
DEFAULT_PARTS = (*TUNE_PARTS, "dev189", "seeds")
# Sets a default run reads: every set but the newest test's (bench_truth without --sets must not score the test).
DEFAULT_SETS = tuple(s for s in SETS if s not in PARTS[TEST_PART])
