"""Write blind_rules.json: each held-out split's primary districts as decided by the tagger that had not seen it.

The learned layer (crawler/districts/learned.py) is stacked on the rules' decision.  Today's rules were tuned on
dev, test-v1, test-v2 and test-v3, so on those splits their decision equals the label and a model trained on it
learns only to copy the rules.  The rules' decision each split met when it was still blind is the honest
input: test-v2 by tagger 3, test-v3 by tagger 4, test-v4 and test-v5 by tagger 5, dev2 by tagger 6, dev3 by tagger 7, dev4 by tagger 8, dev5 and dev6 by tagger 9, test-v6 by tagger 10, dev7 and dev8 by tagger 11, test-v7 by tagger 12, dev9 and dev10 by tagger 13, test-v8 by tagger 14, test-v9 by tagger 15, test-v10 by tagger 16, test-v11 by tagger 18, test-v12 by tagger 19, test-v13 by tagger 20, test-v14 by tagger 21, test-v15 by tagger 22, test-v16 by tagger 23, test-v17 by tagger 24, each at the commit that scored the split
once.  dev and test-v1 have no such version and are left out.

Run from the repository root: ``python tests/districts_eval/real/make_blind_rules.py`` (needs git history; each
commit is checked out into a temporary worktree and its own ``crawler.districts.analyze`` is run).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = Path(__file__).with_name("corpus.jsonl")
OUT = Path(__file__).with_name("blind_rules.json")
#: split -> (commit that scored it once held out, tagger version there)
BLIND = {"test-v2": ("43be48e", "3"), "test-v3": ("12cec7c", "4"), "test-v4": ("59dbab7", "5"), "test-v5": ("fe6f54e", "5"), "dev2": ("aee4566", "6"), "dev3": ("11011c0", "7"), "dev4": ("382c8b0", "8"), "dev5": ("8d28258", "9"), "dev6": ("8d28258", "9"), "test-v6": ("7a8ad48", "10"), "dev8": ("c11fdc8", "11"), "dev7": ("c11fdc8", "11"), "test-v7": ("53dfa0f", "12"), "dev9": ("47de0e4", "13"), "dev10": ("3ecd64f", "13"), "test-v8": ("a610a00", "14"), "test-v9": ("7f50fbb", "15"), "test-v10": ("ea0b1e8", "16"), "test-v11": ("f933380", "18"), "test-v12": ("3643cc8", "19"), "test-v13": ("35fde4b", "20"), "test-v14": ("dead46f", "21"), "test-v15": ("a5dce81", "22"), "test-v16": ("e51cfe1", "23"), "test-v17": ("41c5e7d", "24")}

_RUN = """
import json, sys
from datetime import datetime
from crawler.districts import analyze
decided = {}
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    if a["split"] != sys.argv[2]:
        continue
    published = datetime.fromisoformat(a["published_at"]) if a.get("published_at") else None
    tags = analyze(title=a.get("title"), subtitle=a.get("subtitle"), body=a.get("body"), published_at=published,
                   outlet_region=a.get("outlet_region")).districts
    decided[a["id"]] = sorted(t.code for t in tags if t.role == "primary")
print(json.dumps(decided))
"""


def decisions(commit: str, split: str) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), commit], check=True)
        try:
            out = subprocess.run([sys.executable, "-c", _RUN, str(CORPUS), split], cwd=tree, check=True,
                                 capture_output=True, text=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)
    return json.loads(out.stdout)


def main() -> None:
    data = {"about": __doc__.split("\n\n")[0], "splits": {}, "decisions": {}}
    for split, (commit, version) in BLIND.items():
        data["splits"][split] = {"commit": commit, "tagger_version": version}
        data["decisions"].update(decisions(commit, split))
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(data['decisions'])} articles")


if __name__ == "__main__":
    main()
