"""Every `topicmine eval …` command has one shape (the same option names, one JSON object on the last stdout line)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from topicmine.cli import app

EVAL = typer.main.get_command(app).commands["eval"]
SHARED = {"--json", "--out", "--data-dir", "--config", "--verbose"}


def _options(cmd) -> dict[str, object]:
    return {o: p for p in cmd.params if getattr(p, "param_type_name", None) == "option" for o in p.opts}


def test_the_eval_group_is_seen():
    """Guard: the policing below walks real subcommands (a renamed group would check nothing)."""
    assert {"sts", "pairs", "clusters", "replies", "uptake", "proposal-pairs"} <= set(EVAL.commands)


@pytest.mark.parametrize("name", sorted(EVAL.commands))
def test_every_eval_command_takes_the_shared_options(name):
    opts = _options(EVAL.commands[name])
    missing = SHARED - set(opts)
    assert not missing, f"`topicmine eval {name}` lacks {sorted(missing)}"
    # any option about randomness is called --seed, and the same holds for the data folder and the output file
    odd = [o for o in opts if o.startswith("--") and any(w in o for w in ("seed", "random", "data", "output"))
           and o not in ("--seed", "--data-dir")]
    assert not odd, f"`topicmine eval {name}` names a shared idea differently: {odd}"


def test_shared_options_read_the_same_everywhere():
    """One wording per shared option (a copy that drifts would say different things to the office)."""
    for opt in ("--json", "--out", "--data-dir"):
        helps = {_options(cmd)[opt].help for cmd in EVAL.commands.values()}
        assert len(helps) == 1, f"{opt} is explained {len(helps)} ways: {helps}"


def test_cv_commands_take_a_seed():
    """Every eval whose figure depends on a random split or order takes --seed."""
    for name in ("clusters", "replies", "uptake", "proposal-pairs"):
        assert "--seed" in _options(EVAL.commands[name]), name


# A small hand-written label file in the replies_dev_labels.jsonl format: four answering units, three outcomes.
REPLIES = [
    ("市住房和城乡建设局", "已解决", "yes", None,
     "您反映的小区电梯故障问题已收悉。经核查，维保单位已于5月10日完成维修，电梯已恢复正常运行。感谢您的监督。"),
    ("市住房和城乡建设局", "承诺办理", "yes", "年底前",
     "您反映的老旧小区改造问题已收悉。我局已将该小区列入改造计划，将于年底前完成外墙和管网改造。"),
    ("市住房和城乡建设局", "解释说明", "partly", None,
     "关于您咨询的公积金提取问题，根据现行政策，购房提取需提供购房合同和发票，具体可咨询公积金中心窗口。"),
    ("市教育局", "已解决", "yes", None,
     "您反映的学校门口交通拥堵问题已收悉。经协调，交警部门已在上下学时段安排专人疏导，问题已解决。"),
    ("市教育局", "承诺办理", "yes", "9月前",
     "关于增设学位的建议已收悉。我局将在9月前新建一所小学，届时可新增学位900个。"),
    ("市教育局", "解释说明", "partly", None,
     "关于入学划片的问题，学区划分依据户籍和房产信息确定，政策已在教育局网站公布，请您查阅。"),
    ("市交通运输局", "已解决", "yes", None,
     "您反映的公交站牌缺失问题已收悉。经现场核实，站牌已于近日补装到位，感谢您的反映。"),
    ("市交通运输局", "承诺办理", "yes", "下月底前",
     "关于延长公交运营时间的建议已收悉。我局将于下月底前调整12路公交末班车时间。"),
    ("市交通运输局", "解释说明", "partly", None,
     "关于出租车收费标准的问题，现行标准由物价部门核定，我局将配合开展价格监督检查。"),
    ("市卫生健康委员会", "已解决", "yes", None,
     "您反映的社区医院排队时间长的问题已收悉。该院已增设两个挂号窗口并开通网上预约，排队时间明显缩短。"),
    ("市卫生健康委员会", "承诺办理", "yes", "明年6月前",
     "关于增设社区卫生服务站的建议已收悉。我委将于明年6月前在该街道新建一个社区卫生服务站。"),
    ("市卫生健康委员会", "解释说明", "partly", None,
     "关于医保报销比例的问题，报销比例按照国家和省有关规定执行，具体可咨询医保经办机构。"),
]


# three districts' offices answer alike: twelve answering units, so grouped CV (and C chosen inside it) has groups
DISTRICTS = ("东城区", "西城区", "南湖区")


def _write_labels(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for i, (district, (unit, outcome, responsive, deadline, reply)) in enumerate(
                (d, r) for d in DISTRICTS for r in REPLIES):
            row = {"id": str(i), "title": "关于民生问题的留言", "message": "请有关部门尽快处理。", "message_time": "2024/3/1 9:00:00",
                   "reply": f"{district}{unit[1:]}：{reply}", "reply_time": "2024/3/20 10:00:00", "outcome": outcome,
                   "responsive": responsive, "deadline": deadline}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOPICMINE_")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1]) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "topicmine.cli", *args], capture_output=True, text=True, env=env, cwd=cwd)


def test_eval_replies_in_the_shared_shape(tmp_path):
    """A label file named relative to --data-dir, run from another folder: one JSON object on the last line,
    Chinese readable, the seed reported, and --out holds the same object."""
    data = tmp_path / "data"
    _write_labels(data / "replies" / "labels.jsonl")
    work = tmp_path / "elsewhere"
    work.mkdir()
    out = tmp_path / "results" / "replies.json"
    args = ("eval", "replies", "replies/labels.jsonl", "--data-dir", str(data), "--folds", "2", "--repeats", "2",
            "--seed", "3", "--out", str(out), "--json")
    res = _cli(*args, cwd=work)
    assert res.returncode == 0, res.stderr
    last = res.stdout.splitlines()[-1]
    obj = json.loads(last)
    assert obj["n"] == len(DISTRICTS) * len(REPLIES) and obj["seed"] == 3
    assert "解释说明" in last and "\\u" not in last
    assert "3…4" in obj["learned_cv"]["what"]  # the CV used seeds 3 and 4, not 0 and 1
    assert json.loads(out.read_text(encoding="utf-8")) == obj
    # without --json the same kind of object (eval output is always JSON); no CV this time, to stay quick
    plain = _cli("eval", "replies", "replies/labels.jsonl", "--data-dir", str(data), "--folds", "0", cwd=work)
    assert json.loads(plain.stdout.splitlines()[-1])["outcome"] == obj["outcome"]


def test_eval_error_is_one_json_object_naming_the_file(tmp_path):
    res = _cli("eval", "replies", "没有这个文件.jsonl", "--data-dir", str(tmp_path), "--json", cwd=tmp_path)
    assert res.returncode != 0
    err = json.loads(res.stdout.splitlines()[-1])["error"]
    assert "没有这个文件.jsonl" in err["message"]
